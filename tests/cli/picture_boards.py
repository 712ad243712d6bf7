#!/usr/bin/env python3
# Prints N random boards as `vmlayout layout` argument lines (one per line),
# from a seed, for the picture tests: arm (3.4 or 6.1, classic or LPAE,
# every hole-reclaim strategy on 3.4, several holes), arm64 and riscv64.
# usage: picture_boards.py SEED N
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
M = 1 << 20


def arm_board():
    lpae = rng.random() < 0.4
    kernel = rng.choice(["3.4", "6.1"])
    base = rng.choice([0, 0x80000000 if not lpae else 0x80000000, 0x40000000])
    args = ["--kernel", kernel]
    total = rng.choice([512, 768, 1024, 2048]) * M
    args += ["--mem", "%dM@%#x" % (total // M, base)]
    # holes: 1 to 3 removed ranges, 1 MiB aligned, in the lower half
    for _ in range(rng.randint(1, 3)):
        size = rng.choice([1, 2, 8, 24, 100, 171]) * M
        at = base + rng.randrange(64, total // M // 2) * M
        args += ["--remove", "%dM@%#x" % (size // M, at)]
    if lpae:
        args += ["--set", "ARM_LPAE=y"]
        if rng.random() < 0.5:
            args += ["--mem", "%dM@%#x" % (rng.choice([512, 1024]), 0x100000000 + base)]
    if kernel == "3.4":
        args += ["--reclaim", rng.choice(["none", "hole", "intermix"])]
    if rng.random() < 0.5:
        args += ["--nomap", "%dM@%#x" % (rng.choice([1, 4, 16]), base + total - 64 * M)]
    if rng.random() < 0.5:
        args += ["--reserve", "%dK@%#x" % (rng.choice([4, 64, 1024]), base + 0x3000000)]
    if rng.random() < 0.5:
        args += ["--cmdline", "vmalloc=%dM" % rng.choice([128, 240, 400, 600])]
    return args


def arm64_board():
    base = rng.choice([0x40000000, 0x80000000])
    args = ["--arch", "arm64", "--kernel", rng.choice(["6.1", "6.12", "6.18"])]
    args += ["--mem", "%dM@%#x" % (rng.choice([1024, 2048, 4096]), base)]
    if rng.random() < 0.6:
        args += ["--mem", "%dG@%#x" % (rng.choice([1, 2, 4]), 0x880000000)]
    args += ["--kernel-image", "%dM@%#x" % (rng.choice([24, 32, 48]), base + 0x200000)]
    if rng.random() < 0.5:
        args += ["--kaslr-seed", "%#x" % rng.getrandbits(64)]
    if rng.random() < 0.5:
        args += ["--nomap", "16M@%#x" % (base + 0x10000000)]
    return args


def riscv_board():
    args = ["--arch", "riscv64", "--kernel", rng.choice(["5.10", "6.12", "6.18"])]
    args += ["--mem", "%dM@0x80000000" % rng.choice([512, 1024, 2048, 8192])]
    if rng.random() < 0.6:
        args += ["--kernel-image", "%dM@0x80200000" % rng.choice([16, 24])]
    if rng.random() < 0.5:
        args += ["--remove", "64M@0x90000000"]
    return args


for _ in range(n):
    make = rng.choice([arm_board, arm_board, arm64_board, riscv_board])
    print(" ".join(make()))

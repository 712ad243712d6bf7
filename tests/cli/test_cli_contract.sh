#!/usr/bin/env bash
# The CLI's contract over random arguments (a fixed seed, so a failure
# replays): exit 0, 1 or 2 (never a signal, never 3 on bad input); on exit 2
# exactly one line on stderr and nothing on stdout; a layout printed with
# exit 0 keeps the 32-bit ARM order PAGE_OFFSET <= high_memory <
# VMALLOC_START < VMALLOC_END.
set -u
B=${1:-build}
exec python3 - "$B/vmlayout" "${CONTRACT_SEED:-20261203}" "${CONTRACT_RUNS:-600}" <<'PY'
import json, random, subprocess, sys

vml, seed, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
sizes = ["0", "1", "4K", "1M", "16M", "64M", "256M", "512M", "1G", "2G", "3G", "4G", "16G",
         "0xffffffffffffffff", "-1", "1Q", "", "12345678901234567890"]
bases = ["0", "0x80000000", "0x40000000", "0x100000000", "0xffffffff", "0xfffff000", "1",
         "0x80000001", "0xffffffffffff0000", "x"]
good_sizes, good_bases = sizes[3:11], bases[:4]
def pick(good, anything):
    return rng.choice(good if rng.random() < 0.85 else anything)
def sb():
    s = pick(good_sizes, sizes)
    return s if rng.random() < 0.05 else s + "@" + pick(good_bases, bases)
sets = ["ARM_LPAE=y", "ARM_LPAE=n", "HIGHMEM=n", "VMSPLIT_1G=y", "VMSPLIT_2G=y", "VMSPLIT_3G_OPT=y",
        "ZONE_DMA=y", "ZONE_DMA_SIZE=" + rng.choice(sizes), "CMA=y", "CMA_SIZE_MBYTES=64",
        "PAGE_OFFSET=0x80000000", "PAGE_OFFSET=0x12345678", "ENABLE_VMALLOC_SAVING=y",
        "DONT_MAP_HOLE_AFTER_MEMBANK0=y", "ARM_PATCH_PHYS_VIRT=n", "PHYS_OFFSET=0x80000000",
        "MEMCG=y", "ARCH_FORCE_MAX_ORDER=12", "NOPE=y", "VMSLPIT_2G=y", "=", "HIGHMEM"]
cmdlines = ["vmalloc=" + rng.choice(["16M", "100M", "400M", "1G", "0", "x"]), "mem=512M",
            "mem=64M@0x90000000", "memblock=debug", "initrd=0x88000000,0x100000", "mem=", ""]
boards = ["boards/msm8974.dts", "boards/seed002-ex1.dts", "boards/seed002-ex4.dts",
          "tests/cli/boards/omap4-panda-es.dts", "tests/cli/boards/bcm2711-rpi-4-b.dts",
          "tests/cli/boards/armada-xp-gp.dts", "/nonexistent.dtb", "README.md"]

def layout_args():
    a = []
    if rng.random() < 0.6: a += ["--dtb", rng.choice(boards)]
    for _ in range(rng.randint(0 if a else 1, 3)): a += ["--mem", sb()]
    if rng.random() < 0.7: a += ["--kernel", pick(["6.1", "3.4"], ["6.12", "9.9", ""])]
    if rng.random() < 0.2: a += ["--arch", pick(["arm", "arm64", "riscv64"], ["x86"])]
    for _ in range(rng.randint(0, 2)): a += ["--set", pick(sets[:18], sets)]
    if rng.random() < 0.4: a += ["--cmdline", " ".join(rng.sample(cmdlines, rng.randint(1, 2)))]
    for flag in ("--reserve", "--nomap", "--remove", "--initrd", "--kernel-image"):
        if rng.random() < 0.08: a += [flag, sb()]
    if rng.random() < 0.3: a += ["--format", rng.choice(["text", "json", "svg", "xml"])]
    if rng.random() < 0.05: a += [rng.choice(["--bogus", "extra", "--mem"])]
    return a

def pt_args():
    arch = rng.choice(["arm64", "riscv64", "arm", "sparc"])
    a = ["--arch", arch]
    if arch == "arm64": a += ["--granule", rng.choice(["4K", "16K", "64K", "8K"]), "--va-bits", rng.choice(["39", "48", "52", "99"])]
    if arch == "riscv64": a += ["--mode", rng.choice(["sv39", "sv48", "sv57", "sv32"])]
    if arch == "arm": a += ["--format", rng.choice(["short", "lpae", "short-linux", "banana"])]
    if rng.random() < 0.9: a += ["--mem", sb()]
    for _ in range(rng.randint(0, 3)):
        a += ["--map", "%s:%s:%s%s" % (rng.choice(["0xffff000000000000", "0xc0000000", "0xffffffc000000000", "0", "z"]),
              pick(good_bases, bases), pick(good_sizes, sizes), pick(["", ":ro", ":rx,noblock", ":device"], [":bogus", ":domain=3"]))]
    return a

def invariant_ok(out):
    d = json.loads(out)
    if d.get("arch") != "arm": return True
    h = lambda k: int(d[k], 16)
    return h("page_offset") <= h("high_memory") < h("vmalloc_start") < h("vmalloc_end")

fails = passes = 0
rcs = {}
for i in range(runs):
    cmd = rng.choice(["layout", "layout", "layout", "compare", "tables", "walk", "ptdump"])
    if cmd in ("layout", "compare"):
        args = layout_args()
    else:
        args = pt_args() + (["0xffff000000001000"] if cmd == "walk" else [])
    p = subprocess.run([vml, cmd] + args, capture_output=True, text=True, timeout=60)
    err_lines = p.stderr.splitlines()
    rcs[(cmd, p.returncode)] = rcs.get((cmd, p.returncode), 0) + 1
    bad = None
    if p.returncode < 0: bad = "killed by signal %d" % -p.returncode
    elif p.returncode not in (0, 1, 2): bad = "exit %d" % p.returncode
    elif p.returncode == 2 and (p.stdout or len(err_lines) != 1): bad = "exit 2 with stdout=%r stderr=%r" % (p.stdout[:200], p.stderr[:400])
    elif p.returncode == 0 and cmd == "layout" and "--format" in args and args[args.index("--format") + 1] == "json":
        try:
            if not invariant_ok(p.stdout): bad = "invariant broken"
        except (ValueError, KeyError) as e: bad = "bad JSON: %s" % e
    if bad:
        fails += 1
        print("FAIL run %d: vmlayout %s %s: %s" % (i, cmd, " ".join(repr(x) for x in args), bad))
    else:
        passes += 1
print("outcomes:", " ".join("%s=%d:%d" % (c, r, n) for (c, r), n in sorted(rcs.items())))
print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
PY

#!/usr/bin/env python3
"""QEMU's MMU walks the arm64, riscv64 and arm boot page tables of `vmlayout boot-tables`.

Usage: boot_tables_check.py BUILD_DIR

For a few boards, profiles and rodata modes it runs

    BUILD_DIR/vmlayout boot-tables --arch arm64 ... --ptdump --out FILE

takes probes from the ptdump lines (the first page, the last page and the
middle page of every run: kernel text, rodata, data, the init hole, the
linear map and its read-only kernel alias, the fixmap, the vmemmap, the
unmapped rest), asks
`boot-tables ... --walk VA` and QEMU (oracle.py: the image and FILE.json
loaded into a virt machine, gva2gpa) for each, and compares. Then it flips
one address bit of the last valid root entry (or one of the two before,
when nothing probed lies under it) and checks that QEMU now disagrees
somewhere (the comparison can fail). Prints one line per failure
and "N passed, N failed".
"""

import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

PAGE = 4096
WALK_CHUNK = 60
# arm64: "start-end size LEVEL ..."; riscv64 puts the PA before the size;
# arm's addresses have 8 digits
RUN = re.compile(r"^0x([0-9a-f]{8}|[0-9a-f]{16})-0x([0-9a-f]{8}|[0-9a-f]{16})\s+"
                 r"(?:0x[0-9a-f]{16}\s+)?\S+\s+(PGD|P4D|PUD|PMD|PTE)(.*)$")

# (name, layout options, rodata)
CASES = [
    ("6.12 rodata=full", ["--kernel", "6.12", "--mem", "256M@0x40000000",
                          "--kernel-image", "24M@0x40200000"], "full"),
    # with an earlycon: its fixmap page (device nGnRE) beside the vmemmap's
    # blocks, which every case has
    ("6.1 rodata=off, earlycon", ["--kernel", "6.1", "--mem", "256M@0x40000000",
                                  "--kernel-image", "24M@0x40400000",
                                  "--cmdline", "earlycon=pl011,0x9000000"], "off"),
    ("6.12 rodata=on, two banks, no-map", ["--kernel", "6.12", "--mem", "128M@0x40000000",
                                           "--mem", "64M@0x50000000",
                                           "--nomap", "1M@0x41000000",
                                           "--kernel-image", "20M@0x40200000"], "on"),
    # v6.18 on BBML2_NOABORT CPUs: blocks under rodata=full, then later
    # changes split them live (docs/arm64.md "Later changes")
    ("6.18 BBML2, set-memory splits", ["--kernel", "6.18", "--mem", "256M@0x40000000",
                                       "--kernel-image", "24M@0x40200000",
                                       "--cpu-feature", "bbml2",
                                       "--set-memory", "alias-ro:0xffff000004001000,0x1000",
                                       "--set-memory", "invalid:0xffff000006203000,0x2000"],
     "full"),
]

# Every configuration of spec §A.3 (granule, VA_BITS, and the 52-bit
# builds on a CPU with fewer VA bits; docs/arm64.md), one 256 MiB board
# each, v6.12 or v6.18 alternately and each rodata mode in turn; 4K/48 is
# covered above. QEMU's "max" CPU has FEAT_LPA2 and FEAT_LVA, so the
# 52-bit trees are walked with 52 bits.
A3_GEOMETRIES = [
    ("4K", 39, 0), ("4K", 52, 0), ("4K", 52, 48),
    ("16K", 36, 0), ("16K", 47, 0), ("16K", 48, 0), ("16K", 52, 0), ("16K", 52, 47),
    ("64K", 42, 0), ("64K", 48, 0), ("64K", 52, 0), ("64K", 52, 48),
]


def a3_case(n, granule, va_bits, cpu_va_bits):
    opts = ["--kernel", ("6.12", "6.18")[n % 2], "--set", "ARM64_VA_BITS=%d" % va_bits,
            "--mem", "256M@0x40000000", "--kernel-image", "24M@0x40200000"]
    if granule != "4K":
        opts += ["--set", "ARM64_%s_PAGES=y" % granule]
    if cpu_va_bits:
        opts += ["--set", "CPU_VA_BITS=%d" % cpu_va_bits]
    name = "%s %s/%d%s" % (opts[1], granule, va_bits,
                           " on a %d-bit CPU" % cpu_va_bits if cpu_va_bits else "")
    return (name, opts, ("full", "on", "off")[n % 3])


A3_CASES = [a3_case(n, *g) for n, g in enumerate(A3_GEOMETRIES)]

# The 3.18 profile (seed 000's kernel; docs/arm64.md "The 3.18 profile"):
# head.S's 2M sections and map_mem()'s blocks, no rodata= (None): two banks
# at 4K/39, and seed 000's second example at 64K/42 with a 16 MiB first
# bank: block 1 is not a whole 512 MiB section, so map_mem() takes a PTE
# table from memblock under the limit 0x60000000 (PHYS_OFFSET + PMD_SIZE),
# at the top of bank 0. (With the example's own 12 MiB bank it comes from
# the 512 KiB under TEXT_OFFSET, which QEMU's virt board keeps for its
# device tree; tests/cli/test_arm64_v3_18_cli.sh checks that one.)
V3_18_CASES = [
    ("arm64 3.18 4K/39, two banks", ["--kernel", "3.18", "--set", "ARM64_VA_BITS=39",
                                     "--mem", "512M@0x40000000", "--mem", "256M@0x70000000",
                                     "--kernel-image", "12M@0x40080000"], None),
    ("arm64 3.18 64K/42, seed 000 example 2", ["--kernel", "3.18", "--set", "ARM64_64K_PAGES=y",
                                               "--set", "ARM64_VA_BITS=42",
                                               "--mem", "0x1000000@0x40000000",
                                               "--mem", "0x1f000000@0x60000000",
                                               "--mem", "0x40000000@0x80000000",
                                               "--kernel-image", "0xb80000@0x40080000"], None),
]

# riscv64 (satp): the options carry their own --arch; rodata on or off, the
# values its kernel takes (--rodata full is refused: arm64's). Sv39 with a KFENCE
# pool (4K pages in the linear map) and a no-map carve-out; Sv48 with 1 GiB
# leaves; 5.10 (the image in the linear map).
RISCV_CASES = [
    ("riscv64 6.12 sv39, KFENCE, no-map", ["--arch", "riscv64", "--kernel", "6.12",
                                           "--mem", "512M@0x80000000",
                                           "--nomap", "1M@0x90000000",
                                           "--kernel-image", "24M@0x80200000",
                                           "--kfence", "early"], "on"),
    ("riscv64 6.12 sv48, two banks", ["--arch", "riscv64", "--kernel", "6.12",
                                      "--set", "CPU_SATP_BITS=48",
                                      "--mem", "256M@0x80000000", "--mem", "1G@0xc0000000",
                                      "--kernel-image", "24M@0x80200000"], "on"),
    ("riscv64 5.10 sv39", ["--arch", "riscv64", "--kernel", "5.10",
                           "--mem", "256M@0x80000000",
                           "--kernel-image", "20M@0x80200000"], "on"),
    # spec §B.3's third mode: Sv57 (a CPU that takes it), v6.18
    ("riscv64 6.18 sv57", ["--arch", "riscv64", "--kernel", "6.18",
                           "--set", "CPU_SATP_BITS=57",
                           "--mem", "1G@0x80000000",
                           "--kernel-image", "24M@0x80200000"], "on"),
]


# 32-bit ARM 6.1 (docs/arm32.md "Boot page tables"): a recorded Debian
# armmp board with its System.map (a CMA area remapped with pages, the
# DTB's sections), the LPAE one above 4 GiB, and a classic board whose
# second bank and no-map carve-out are not section aligned (pages at the
# edges), rodata=off.
OBS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance", "observed")
ARM_CASES = [
    ("arm 6.1 armmp 512M", ["--arch", "arm", "--kernel", "6.1",
                            "--dtb", os.path.join(OBS, "armmp-512m.dts"),
                            "--system-map", os.path.join(OBS, "armmp.System.map"),
                            "--config", os.path.join(OBS, "armmp.config"),
                            "--dtb-phys", "0x48100000"], "on"),
    ("arm 6.1 armmp-lpae 5G", ["--arch", "arm", "--kernel", "6.1",
                               "--dtb", os.path.join(OBS, "lpae-5g-reserved-above-4g.dts"),
                               "--system-map", os.path.join(OBS, "armmp-lpae.System.map"),
                               "--config", os.path.join(OBS, "armmp-lpae.config"),
                               "--dtb-phys", "0x48100000"], "on"),
    ("arm 6.1 unaligned banks, no-map, rodata=off", ["--arch", "arm", "--kernel", "6.1",
                                                     "--mem", "300M@0x60000000",
                                                     "--mem", "0x2ffd000@0x74003000",
                                                     "--nomap", "0x5000@0x64103000",
                                                     "--kernel-image", "12M@0x60008000"],
     "off"),
]


def boot_tables(build, opts, rodata, extra):
    arch = [] if "--arch" in opts else ["--arch", "arm64"]
    cmd = [os.path.join(build, "vmlayout"), "boot-tables"] + arch + opts + \
        (["--rodata", rodata] if rodata else []) + extra
    return subprocess.run(cmd, capture_output=True, text=True)


def probes_from_ptdump(text):
    vas = set()
    for line in text.splitlines():
        m = RUN.match(line)
        if not m:
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16) or (1 << 64)
        vas.add(start)
        vas.add(end - PAGE)
        vas.add((start + (end - start) // 2) & ~(PAGE - 1))
    return sorted(vas)


def walk(build, opts, rodata, vas):
    """{va: pa or None} from boot-tables --walk (the line after each
    "VIRTUAL ... PHYSICAL" header), or an error string."""
    out = {}
    for i in range(0, len(vas), WALK_CHUNK):
        extra = []
        for va in vas[i:i + WALK_CHUNK]:
            extra += ["--walk", "%#x" % va]
        res = boot_tables(build, opts, rodata, extra)
        if res.returncode not in (0, 1):
            return "boot-tables --walk failed (exit %d): %s" % (res.returncode, res.stderr.strip())
        lines = res.stdout.splitlines()
        for n, line in enumerate(lines[:-1]):
            if line.startswith("VIRTUAL"):
                words = lines[n + 1].split()
                out[int(words[0], 16)] = None if words[1].startswith("(") else int(words[1], 16)
    return out


def corrupt_root(path, skip=0):
    """Flip an output-address bit of a valid root entry, the last but @skip
    (the kernel half's): bit 30 of an 8-byte entry (arm64, riscv64, LPAE),
    bit 28 of a 4-byte classic ARM one. Returns a function that undoes it,
    or None when there is no such entry."""
    with open(path + ".json") as f:
        cfg = json.load(f)
    root = int(cfg["root_phys"], 16) - int(cfg["image_base_phys"], 16)
    fmt = cfg.get("format", "")
    short = fmt.startswith("short")
    size, bit = (4, 28) if short else (8, 30)
    # the root's size: a page of the granule (arm64 "16K/47", "64K/42": the
    # 3.18 linear map starts halfway up a 64K root), 16 KiB for classic arm
    table_bytes = {"16K": 4 * PAGE, "64K": 16 * PAGE}.get(fmt.split("/")[0], PAGE)
    with open(path, "r+b") as f:
        f.seek(root)
        table = f.read(4 * PAGE if short else table_bytes)
        for i in range(len(table) - size, -1, -size):
            entry = int.from_bytes(table[i:i + size], "little")
            if entry & (3 if short else 1):
                if skip:
                    skip -= 1
                    continue
                f.seek(root + i)
                f.write((entry ^ (1 << bit)).to_bytes(size, "little"))

                def undo(at=root + i, value=entry):
                    with open(path, "r+b") as g:
                        g.seek(at)
                        g.write(value.to_bytes(size, "little"))
                return undo
    return None


def corruption_noticed(path, vas, got):
    """Whether QEMU disagrees after a root entry is corrupted: the last
    valid one first; when nothing probed lies under it (an empty fixmap or
    vmemmap entry at the top), the one before, up to 3 entries."""
    for skip in range(3):
        undo = corrupt_root(path, skip)
        if not undo:
            return False
        now = oracle.translate(path, vas)  # one QEMU run for every probe
        if any(now[va] != got[va] for va in vas):
            return True
        undo()
    return False


def check(build, name, opts, rodata, work):
    passed = failed = 0
    path = os.path.join(work, "boot.img")
    res = boot_tables(build, opts, rodata, ["--ptdump", "--out", path])
    if res.returncode != 0:
        print("FAIL %s: boot-tables exit %d: %s" % (name, res.returncode, res.stderr.strip()))
        return 0, 1
    vas = probes_from_ptdump(res.stdout)
    walked = walk(build, opts, rodata, vas)
    if isinstance(walked, str):
        print("FAIL %s: %s" % (name, walked))
        return 0, 1
    try:
        got = oracle.translate(path, vas)
    except oracle.OracleError as e:
        print("FAIL %s: oracle: %s" % (name, e))
        return 0, 1
    mapped = 0
    for va in vas:
        if va in walked and got[va] == walked[va]:
            passed += 1
            mapped += walked[va] is not None
        else:
            failed += 1
            print("FAIL %s: %#x: QEMU %s, vmlayout %s" % (
                name, va, fmt_pa(got[va]), fmt_pa(walked.get(va, "no answer"))))
    if mapped < 10:
        print("FAIL %s: only %d probes mapped" % (name, mapped))
        failed += 1
    if corruption_noticed(path, vas, got):
        passed += 1
    else:
        print("FAIL %s: a corrupted root entry went unnoticed" % name)
        failed += 1
    return passed, failed


def fmt_pa(pa):
    return "unmapped" if pa is None else pa if isinstance(pa, str) else "%#x" % pa


def main(argv):
    build = argv[1] if len(argv) > 1 else "build"
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="vml-boot-tables-") as work:
        for name, opts, rodata in CASES + A3_CASES + V3_18_CASES + RISCV_CASES + ARM_CASES:
            p, f = check(build, name, opts, rodata, work)
            passed += p
            failed += f
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

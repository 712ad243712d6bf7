#!/usr/bin/env python3
"""Cross-check of vmlayout's tables against QEMU's MMU.

Usage: mmu_check.py BUILD_DIR [--full] [--seed N] [--trials N] [--only NAME]

For every format (arm64 4K/16K/64K at several VA sizes, riscv64 sv39/48/57,
arm short, short-linux (Linux's packed 2-level tables: QEMU walks the
hardware half) and lpae) and several random region sets (blocks, contiguous
groups, single pages, odd sizes, holes, the first and last page of each VA
half), it runs

    BUILD_DIR/vmlayout tables <format> --mem SIZE@BASE --map VA:PA:SIZE ... --out FILE

loads FILE into QEMU (tests/qemu/oracle.py) and translates the first, last
and a random address of every region and of every hole: each must give the
region's PA (holes: unmapped). Then it corrupts one entry of the root table
and checks that QEMU now disagrees on some probe (the check must be able to
fail). Prints one line per failure and "N passed, N failed" (one count per
probe, plus one per corruption check).

Quick set (default): 1 region set per format. --full: 8 per format, more
regions each (conformance/run_mmu.sh).
"""

import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

K, M, G, T = 1 << 10, 1 << 20, 1 << 30, 1 << 40
TOP = 1 << 64


def root_shift(page_shift, bits, va_bits):
    """VA span (log2) of one root entry: flipping that bit of a root entry's
    address field moves a leaf or table by a span that matters at any level
    (bits below a block's size are ignored by the MMU)."""
    levels = -(-(va_bits - page_shift) // bits)
    return page_shift + bits * (levels - 1)


def arm64(granule, va_bits):
    """At 52-bit VA the format is 52-bit PA too: LPA2 (TCR.DS = 1, level -1
    for 4K) for 4K and 16K, FEAT_LPA for 64K."""
    page = {4 * K: 4 * K, 16 * K: 16 * K, 64 * K: 64 * K}[granule]
    bits = {4 * K: 9, 16 * K: 11, 64 * K: 13}[granule]
    blocks = [page << bits]
    if granule == 4 * K:
        blocks.append(G)
    cont_pages = {4 * K: 16, 16 * K: 128, 64 * K: 32}[granule]
    cont_blocks = {4 * K: 16, 16 * K: 32, 64 * K: 32}[granule]
    span = 1 << va_bits
    return {
        "name": "arm64-%dK-%d" % (granule // K, va_bits), "arch": "arm64",
        "args": ["--arch", "arm64", "--granule", "%dK" % (granule // K), "--va-bits", str(va_bits)],
        "halves": [(0, span), (TOP - span, TOP)], "page": page,
        "sizes": blocks + [page * cont_pages, blocks[0] * cont_blocks],
        "pa_limit": 1 << (52 if va_bits == 52 else 48),
        "mem_base": 0x41000000, "entry": 8, "flip": root_shift(page.bit_length() - 1, bits, va_bits),
    }


def riscv(mode):
    va_bits = {"sv39": 39, "sv48": 48, "sv57": 57}[mode]
    half = 1 << (va_bits - 1)
    blocks = [2 * M, G] + ([512 * G] if va_bits >= 48 else [])
    return {
        "name": "riscv64-" + mode, "arch": "riscv64", "args": ["--arch", "riscv64", "--mode", mode],
        "halves": [(0, half), (TOP - half, TOP)], "page": 4 * K,
        "sizes": blocks + [64 * K], "pa_limit": 1 << 50, "mem_base": 0x81000000, "entry": 8,
        "flip": root_shift(12, 9, va_bits) - 2,  # PPN starts at bit 10 for PA bit 12
    }


def arm(fmt, pa_bits=None, split=None):
    """short with pa_bits 40: supersections above 4 GiB (sections and pages
    hold 32-bit PAs), and domains: every 16 MiB slot (va >> 24) % 4 == 1
    below 4 GiB gets domain 7, which the DACR makes "no access" (QEMU must
    then fault), so the domain in section and L1 table entries is checked.
    split: the TTBR1 half starts there (TTBCR.N for short, T0SZ/T1SZ for
    LPAE): each half is probed, top and bottom pages included."""
    short = fmt in ("short", "short-linux")
    halves = [(0, split), (split, 1 << 32)] if split else [(0, 1 << 32)]
    out = {
        "name": "arm-" + fmt + ("-pa%d" % pa_bits if pa_bits else "") +
                ("-split%dM" % (split // M) if split else ""), "arch": "arm",
        "args": ["--arch", "arm", "--format", fmt] + (["--pa-bits", str(pa_bits)] if pa_bits else []) +
                (["--split", "%#x" % split] if split else []),
        "halves": halves, "page": 4 * K,
        "sizes": ([M, 16 * M, 64 * K] if short else [2 * M, G, 64 * K, 32 * M]),
        "pa_limit": 1 << (pa_bits or (32 if short else 40)), "mem_base": 0x41000000,
        "entry": 4 if short else 8, "flip": 20 if short else 30,
    }
    if short and pa_bits:
        out.update({"low_pa_limit": 1 << 32, "domain_slot": 16 * M, "no_access_domain": 7})
    return out


QUICK = [arm64(4 * K, 48), arm64(4 * K, 39), arm64(16 * K, 47), arm64(64 * K, 42),
         arm64(4 * K, 52), arm64(16 * K, 52), arm64(64 * K, 52),
         riscv("sv39"), riscv("sv48"), riscv("sv57"), arm("short"), arm("short", 40), arm("lpae"),
         arm("lpae", split=3 * G), arm("lpae", split=G), arm("short", split=2 * G),
         arm("short", split=G), arm("short-linux"), arm("short-linux", split=G)]
FULL = QUICK + [arm64(4 * K, 36), arm64(16 * K, 48), arm64(64 * K, 48)]


def region_size(fmt, rng):
    """A size: a block, a contiguous group, or some pages, sometimes plus a page."""
    page = fmt["page"]
    choice = rng.random()
    if choice < 0.45:
        size = rng.choice(fmt["sizes"]) * rng.randint(1, 3)
    else:
        size = page * rng.randint(1, 40)
    if rng.random() < 0.3:
        size += page * rng.randint(1, 3)
    return size


def make_regions(fmt, rng, count):
    """Non-overlapping regions in each VA half, including its first and last page."""
    regions = []
    page = fmt["page"]
    for lo, hi in fmt["halves"]:
        taken = []
        wanted = [("bottom", lo), ("top", hi)] + [("any", None)] * count
        for where, at in wanted:
            size = region_size(fmt, rng)
            size = min(size, (hi - lo) // 8)
            align = max([s for s in fmt["sizes"] + [page] if size >= s and rng.random() < 0.7] or [page])
            if where == "bottom":
                va = lo
            elif where == "top":
                va = hi - size
            else:
                va = lo + rng.randrange(0, (hi - lo - size) // align) * align
            if va % page or any(va < e and s < va + size for s, e in taken):
                continue
            # PA congruent to VA modulo the alignment, so blocks are possible.
            span = fmt["pa_limit"] - size
            pa = (rng.randrange(0, span // align) * align) + (va % align)
            pa = pa - pa % page
            low = fmt.get("low_pa_limit")
            if low and pa + size > low:
                if size % (16 * M) or va % (16 * M):
                    pa %= low  # only supersections reach above 4 GiB
                    if pa + size > low:
                        continue
                else:
                    pa -= pa % (16 * M)
            if pa + size > fmt["pa_limit"]:
                continue
            taken.append((va, va + size))
            regions.append((va, pa, size))
    return sorted(regions)


def probes_for(fmt, regions, rng):
    """(va, expected pa or None): first, last, random of every region and hole."""
    out = []
    for va, pa, size in regions:
        for off in (0, size - 1, rng.randrange(size)):
            out.append((va + off, pa + off))
    for lo, hi in fmt["halves"]:
        inside = [(va, va + size) for va, _, size in regions if lo <= va < hi]
        cursor = lo
        for s, e in inside + [(hi, hi)]:
            if s > cursor:
                for v in (cursor, s - 1, rng.randrange(cursor, s)):
                    out.append((v, None))
            cursor = max(cursor, e)
    return out


def map_args(fmt, regions):
    """--map options, and the VA ranges QEMU must see as no-access. With
    fmt["domain_slot"], a region below 4 GiB is cut at slot boundaries where
    the domain changes; slots with (va >> 24) % 4 == 1 get the no-access
    domain (regions above 4 GiB are whole supersections: domain 0)."""
    slot = fmt.get("domain_slot")
    args, denied = [], []
    for va, pa, size in regions:
        if not slot or pa + size > fmt["low_pa_limit"]:
            args += ["--map", "%#x:%#x:%#x" % (va, pa, size)]
            continue
        cur = va
        while cur < va + size:
            dom = fmt["no_access_domain"] if (cur // slot) % 4 == 1 else 0
            end = cur
            while end < va + size and ((end // slot) % 4 == 1) == (dom != 0):
                end = min(va + size, (end // slot + 1) * slot)
            args += ["--map", "%#x:%#x:%#x:rw,domain=%d" % (cur, pa + cur - va, end - cur, dom)]
            if dom:
                denied.append((cur, end))
            cur = end
    return args, denied


def run_vmlayout(build, fmt, regions, path):
    cmd = [os.path.join(build, "vmlayout"), "tables"] + fmt["args"] + \
          ["--mem", "64M@%#x" % fmt["mem_base"], "--out", path] + map_args(fmt, regions)[0]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        return "vmlayout tables failed (exit %d): %s; command: %s" % (
            res.returncode, res.stderr.strip(), " ".join(cmd))
    if fmt.get("no_access_domain"):
        # DACR: every domain a client (01) but this one, no access (00).
        import json
        with open(path + ".json") as f:
            cfg = json.load(f)
        cfg["dacr"] = "%#x" % (0x55555555 & ~(3 << (2 * fmt["no_access_domain"])))
        with open(path + ".json", "w") as f:
            json.dump(cfg, f)
    return None


WALK_CHUNK = 200  # `vmlayout walk` takes at most 256 addresses at a time


def run_walk(build, fmt, regions, vas):
    """vmlayout's own walker on the same --map set: {va: pa or None}, or an
    error string. Output read: the line after each "VIRTUAL ... PHYSICAL"
    header is "VA PA" or "VA (not mapped...)" (src/cli/cmd_walk.c)."""
    base = [os.path.join(build, "vmlayout"), "walk"] + fmt["args"] + \
        ["--mem", "64M@%#x" % fmt["mem_base"]] + map_args(fmt, regions)[0]
    out = {}
    for i in range(0, len(vas), WALK_CHUNK):
        chunk = vas[i:i + WALK_CHUNK]
        res = subprocess.run(base + ["%#x" % v for v in chunk], capture_output=True, text=True)
        if res.returncode not in (0, 1):
            return "vmlayout walk failed (exit %d): %s" % (res.returncode, res.stderr.strip())
        lines = res.stdout.splitlines()
        for n, line in enumerate(lines[:-1]):
            if not line.startswith("VIRTUAL"):
                continue
            words = lines[n + 1].split()
            va = int(words[0], 16)
            out[va] = None if words[1].startswith("(") else int(words[1], 16)
        missing = [v for v in chunk if v not in out]
        if missing:
            return "vmlayout walk printed no answer for %#x" % missing[0]
    return out


def corrupt_root(path, fmt):
    """Flips one address bit of the first valid entry of the root table."""
    import json
    with open(path + ".json") as f:
        cfg = json.load(f)
    base = int(cfg["image_base_phys"], 16)
    if fmt["arch"] == "arm64":
        roots = [int(cfg["ttbr0"], 16) & 0x0000ffffffffffc0]  # BADDR, without ASID and CnP
    elif fmt["arch"] == "riscv64":
        roots = [(int(cfg["satp"], 16) & ((1 << 44) - 1)) << 12]
    else:
        roots = [int(cfg["ttbr0"], 16) & 0xffffffffe0]
    data = bytearray(open(path, "rb").read())
    n = fmt["entry"]
    start = roots[0] - base
    for off in range(start, min(len(data), start + 16384), n):
        word = int.from_bytes(data[off:off + n], "little")
        if word & 1 or (n == 4 and word & 3):
            word ^= 1 << fmt["flip"]
            data[off:off + n] = word.to_bytes(n, "little")
            open(path, "wb").write(data)
            return True
    return False


def check_format(build, fmt, rng, trials, count, work, show):
    passed = failed = 0
    for t in range(trials):
        regions = make_regions(fmt, rng, count)
        path = os.path.join(work, "%s-%d.img" % (fmt["name"], t))
        err = run_vmlayout(build, fmt, regions, path)
        if err:
            show("FAIL %s set %d: %s" % (fmt["name"], t, err))
            failed += 1
            continue
        probes = probes_for(fmt, regions, rng)
        try:
            got = oracle.translate(path, [va for va, _ in probes])
        except oracle.OracleError as e:
            show("FAIL %s set %d: %s" % (fmt["name"], t, e))
            failed += 1
            continue
        walked = run_walk(build, fmt, regions, [va for va, _ in probes])
        if isinstance(walked, str):
            show("FAIL %s set %d: %s" % (fmt["name"], t, walked))
            failed += 1
            continue
        denied = map_args(fmt, regions)[1]
        # vmlayout's walker does not model the DACR; QEMU faults there.
        qemu_want = {va: None if any(s <= va < e for s, e in denied) else want
                     for va, want in probes}
        for va, want in probes:
            want_qemu = qemu_want[va]
            if got[va] == want_qemu and walked[va] == want:
                passed += 1
            else:
                failed += 1
                show("FAIL %s set %d: VA %#x: QEMU %s (want %s), vmlayout walk %s, regions say %s" % (
                    fmt["name"], t, va, fmt_pa(got[va]), fmt_pa(want_qemu), fmt_pa(walked[va]),
                    fmt_pa(want)))
        # The check must be able to fail: corrupt the root, expect a mismatch.
        if corrupt_root(path, fmt):
            got = oracle.translate(path, [va for va, _ in probes])
            if any(got[va] != qemu_want[va] for va, _ in probes):
                passed += 1
            else:
                failed += 1
                show("FAIL %s set %d: a corrupted root entry went unnoticed" % (fmt["name"], t))
    return passed, failed


def fmt_pa(pa):
    return "unmapped" if pa is None else "%#x" % pa


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    build = args.pop(0)
    full = "--full" in args
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 20260522
    trials = int(args[args.index("--trials") + 1]) if "--trials" in args else (8 if full else 1)
    only = args[args.index("--only") + 1] if "--only" in args else None
    print("seed %d" % seed)
    vml = os.path.join(build, "vmlayout")
    probe = subprocess.run([vml, "tables", "--help"], capture_output=True, text=True) \
        if os.path.exists(vml) else None
    if probe is None or "unknown command 'tables'" in probe.stderr:
        print("SKIP: %s has no 'tables' command yet; nothing to cross-check" % vml)
        print("0 passed, 0 failed")
        return 0
    rng = random.Random(seed)
    total_p = total_f = 0
    with tempfile.TemporaryDirectory(prefix="vml-mmu-") as work:
        for fmt in (FULL if full else QUICK):
            if only and only != fmt["name"]:
                continue
            p, f = check_format(build, fmt, rng, trials, 12 if full else 5, work, print)
            print("%-16s %d probes ok, %d failed" % (fmt["name"], p, f))
            total_p += p
            total_f += f
    print("%d passed, %d failed" % (total_p, total_f))
    return 1 if total_f else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

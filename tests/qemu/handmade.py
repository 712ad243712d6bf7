#!/usr/bin/env python3
"""Self-test of the QEMU oracle on translation tables built here by hand.

Independent of vmlayout: every descriptor below is worked out from the
architecture manuals (Arm ARM D8 / G5 / B3, RISC-V privileged spec 12.4),
written into an image, and QEMU must translate each probe address to the
expected PA (or report it unmapped). One case per format; prints one line
per probe that fails, then "N passed, N failed".

Usage: handmade.py [WORKDIR]
"""

import json
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

GIB = 1 << 30
MIB = 1 << 20


class Image:
    """Table pages at consecutive physical addresses from base."""

    def __init__(self, base, size):
        self.base = base
        self.data = bytearray(size)

    def put64(self, pa, value):
        struct.pack_into("<Q", self.data, pa - self.base, value)

    def put32(self, pa, value):
        struct.pack_into("<I", self.data, pa - self.base, value)

    def write(self, path, regs):
        with open(path, "wb") as f:
            f.write(self.data)
        with open(path + ".json", "w") as f:
            json.dump({k: (hex(v) if isinstance(v, int) else v) for k, v in regs.items()}, f)


def case_arm64_4k(path):
    """arm64, 4K granule, 48-bit VA in both halves."""
    base = 0x40400000
    img = Image(base, 0x5000)
    l0, l1, l2, l3, l0hi = (base + i * 0x1000 for i in range(5))
    img.put64(l0, l1 | 3)                          # L0[0] -> L1 table
    img.put64(l1 + 1 * 8, 0x80000000 | 0x401)      # L1[1]: 1G block, AF; VA 0x40000000
    img.put64(l1 + 2 * 8, l2 | 3)                  # L1[2] -> L2; VA 0x80000000
    img.put64(l2 + 1 * 8, 0x100000000 | 0x401)     # L2[1]: 2M block; VA 0x80200000
    img.put64(l2 + 2 * 8, l3 | 3)                  # L2[2] -> L3; VA 0x80400000
    img.put64(l3 + 3 * 8, 0x12345000 | 0x403)      # L3[3]: page; VA 0x80403000
    # TTBR1 half: VA 0xffff_ff80_0000_0000 is L0 index 511, L1 index 0.
    img.put64(l0hi + 511 * 8, l1 | 3)              # shares L1 with TTBR0
    # TCR: T0SZ = T1SZ = 16 (48-bit), TG0 = 00 (4K), TG1 = 10 (4K), IPS = 101 (48-bit)
    tcr = 16 | (16 << 16) | (2 << 30) | (5 << 32)
    img.write(path, {"arch": "arm64", "format": "4K", "image_base_phys": base, "root_phys": l0,
                     "ttbr0": l0, "ttbr1": l0hi, "tcr": tcr, "mair": 0xff})
    return [
        (0x40000000, 0x80000000), (0x7fffffff, 0xbfffffff),
        (0x80200123, 0x100000123), (0x803fffff, 0x1001fffff),
        (0x80403abc, 0x12345abc), (0x80404000, None), (0x80402fff, None),
        (0x0, None), (0x3fffffff, None), (0xc0000000, None),
        (0xffffff8040000000, 0x80000000), (0xffffff8080403000, 0x12345000),
        (0xffff000000000000, None), (0xffffffffffffffff, None),
    ]


def case_arm64_64k(path):
    """arm64, 64K granule, 42-bit VA: two levels (L2 512 MiB blocks, L3 64K pages)."""
    base = 0x40400000
    img = Image(base, 0x20000)
    l2, l3 = base, base + 0x10000
    img.put64(l2 + 1 * 8, 0x60000000 | 0x401)      # L2[1]: 512M block; VA 0x20000000
    img.put64(l2 + 3 * 8, l3 | 3)                  # L2[3] -> L3; VA 0x60000000
    img.put64(l3 + 5 * 8, 0x7ffff0000 | 0x403)     # L3[5]: 64K page; VA 0x60050000
    # TCR: T0SZ = 22 (42-bit), TG0 = 01 (64K), EPD1 = 1, IPS = 101
    tcr = 22 | (1 << 14) | (1 << 23) | (5 << 32)
    img.write(path, {"arch": "arm64", "format": "64K", "image_base_phys": base, "root_phys": l2,
                     "ttbr0": l2, "ttbr1": 0, "tcr": tcr, "mair": 0xff})
    return [
        (0x20000000, 0x60000000), (0x3fffffff, 0x7fffffff), (0x40000000, None),
        (0x60050000, 0x7ffff0000), (0x6005ffff, 0x7ffffffff), (0x60060000, None),
        ((1 << 42) - 1, None),
    ]


def case_riscv_sv39(path):
    """riscv64 sv39: leaves at all three levels, Svnapot 64K, Svpbmt IO."""
    base = 0x80400000
    img = Image(base, 0x3000)
    root, l1, l0 = base, base + 0x1000, base + 0x2000
    kernel = 0xc7                                   # V R W A D
    img.put64(root + 2 * 8, ((0x100000000 >> 12) << 10) | kernel)    # 1G leaf, VA 0x80000000
    img.put64(root + 3 * 8, ((l1 >> 12) << 10) | 1)                  # pointer, VA 0xc0000000
    img.put64(root + 4 * 8, (2 << 61) | ((0x0 >> 12) << 10) | kernel)  # 1G leaf, PBMT=IO
    img.put64(root + 511 * 8, ((0x40000000 >> 12) << 10) | 0xc9)     # V X A D: execute-only
    img.put64(l1 + 1 * 8, ((0x20000000 >> 12) << 10) | kernel)       # 2M leaf, VA 0xc0200000
    img.put64(l1 + 2 * 8, ((l0 >> 12) << 10) | 1)                    # pointer, VA 0xc0400000
    img.put64(l0 + 5 * 8, ((0x12345000 >> 12) << 10) | kernel)       # 4K leaf, VA 0xc0405000
    # Svnapot 64K at VA 0xc0410000 (L0 index 16..31) -> PA 0x30000000: PPN with
    # bits [3:0] = 1000b, i.e. 0x30000 | 0x8; N = bit 63; the same value 16 times.
    napot = (1 << 63) | ((0x30000 | 0x8) << 10) | kernel
    for i in range(16, 32):
        img.put64(l0 + i * 8, napot)
    satp = (8 << 60) | (root >> 12)                 # MODE = 8 (sv39), ASID 0, PPN
    img.write(path, {"arch": "riscv64", "format": "sv39", "image_base_phys": base,
                     "root_phys": root, "satp": satp})
    return [
        (0x80000000, 0x100000000), (0xbfffffff, 0x13fffffff),
        (0xc0200000, 0x20000000), (0xc03fffff, 0x201fffff), (0xc0000000, None),
        (0xc0405000, 0x12345000), (0xc0405fff, 0x12345fff), (0xc0406000, None),
        (0xc0410000, 0x30000000), (0xc0417abc, 0x30007abc), (0xc041ffff, 0x3000ffff),
        (0xc0420000, None), (0x100000000, 0x0), (0x13fffffff, 0x3fffffff),
        (0xffffffffc0000000, 0x40000000), (0xffffffffffffffff, 0x7fffffff),
        (0x4000000000, None),      # bit 38 clear above it set: not sign-extended
        (0x0, None),
    ]


def case_arm_short(path):
    """arm short-descriptor: section, supersection (40-bit PA), small and large pages."""
    base = 0x40400000
    img = Image(base, 0x5000)
    l1, l2 = base, base + 0x4000                    # L1: 16 KiB, 16 KiB aligned; L2: 1 KiB
    ap_rw = 1                                       # AP[1:0] = 01: PL1 read/write (AFE = 0)
    # Section, VA 0x10000000 -> PA 0x80000000: [31:20] base, AP [11:10], bits[1:0] = 10
    img.put32(l1 + (0x100 * 4), 0x80000000 | (ap_rw << 10) | 2)
    # Supersection, VA 0x20000000 (L1 index 0x200..0x20f) -> PA 0xab_c000_0000:
    # [31:24] PA[31:24] = 0xc0, [23:20] PA[35:32] = 0xb, [8:5] PA[39:36] = 0xa, bit 18
    ss = 0xc0000000 | (0xb << 20) | (0xa << 5) | (ap_rw << 10) | (1 << 18) | 2
    for i in range(16):
        img.put32(l1 + (0x200 + i) * 4, ss)
    # Page table for VA 0x30000000 (index 0x300): bits[1:0] = 01, [31:10] L2 address
    img.put32(l1 + 0x300 * 4, l2 | 1)
    # Small page, L2 index 2 (VA 0x30002000) -> 0x12345000: bit 1, AP [5:4]
    img.put32(l2 + 2 * 4, 0x12345000 | (ap_rw << 4) | 2)
    # Large page, L2 index 16..31 (VA 0x30010000) -> 0x56780000: bits[1:0] = 01, 16 copies
    for i in range(16, 32):
        img.put32(l2 + i * 4, 0x56780000 | (ap_rw << 4) | 1)
    regs = {"arch": "arm", "format": "short", "image_base_phys": base, "root_phys": l1,
            "ttbcr": 0, "ttbr0": l1, "ttbr1": l1, "dacr": 1}   # domain 0: client
    img.write(path, regs)
    return [
        (0x10000000, 0x80000000), (0x100fffff, 0x800fffff), (0x10100000, None),
        (0x20000000, 0xabc0000000), (0x20ffffff, 0xabc0ffffff), (0x21000000, None),
        (0x30002000, 0x12345000), (0x30002fff, 0x12345fff), (0x30003000, None),
        (0x30010000, 0x56780000), (0x3001abcd, 0x5678abcd), (0x30020000, None),
        (0x0, None), (0xffffffff, None),
    ]


def case_arm_lpae(path):
    """arm LPAE (TTBCR.EAE = 1), T0SZ = 0: 1G and 2M blocks, 4K page, 40-bit PA."""
    base = 0x40400000
    img = Image(base, 0x3000)
    l1, l2, l3 = base, base + 0x1000, base + 0x2000
    img.put64(l1 + 0 * 8, 0xff40000000 | 0x401)    # L1[0]: 1G block -> PA 0xff_4000_0000, AF
    img.put64(l1 + 3 * 8, l2 | 3)                  # L1[3] -> L2; VA 0xc0000000
    img.put64(l2 + 1 * 8, 0x80000000 | 0x401)      # L2[1]: 2M block; VA 0xc0200000
    img.put64(l2 + 2 * 8, l3 | 3)                  # L2[2] -> L3; VA 0xc0400000
    img.put64(l3 + 511 * 8, 0x123456000 | 0x403)   # L3[511]: page; VA 0xc05ff000
    regs = {"arch": "arm", "format": "lpae", "image_base_phys": base, "root_phys": l1,
            "ttbcr": 1 << 31, "ttbr0": l1, "ttbr1": 0, "dacr": 0, "mair0": 0xff}
    img.write(path, regs)
    return [
        (0x0, 0xff40000000), (0x3fffffff, 0xff7fffffff), (0x40000000, None),
        (0xc0200000, 0x80000000), (0xc03fffff, 0x801fffff),
        (0xc05ff000, 0x123456000), (0xc05fffff, 0x123456fff), (0xc05fe000, None),
        (0xc0600000, None), (0xffffffff, None),
    ]


CASES = [case_arm64_4k, case_arm64_64k, case_riscv_sv39, case_arm_short, case_arm_lpae]


def main(argv):
    work = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="vml-handmade-")
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for case in CASES:
        path = os.path.join(work, case.__name__[5:] + ".img")
        probes = case(path)
        try:
            got = oracle.translate(path, [va for va, _ in probes])
        except oracle.OracleError as e:
            print(f"FAIL {case.__name__}: {e}")
            failed += len(probes)
            continue
        for va, want in probes:
            if got[va] == want:
                passed += 1
            else:
                failed += 1
                show = lambda x: "unmapped" if x is None else hex(x)  # noqa: E731
                print(f"FAIL {case.__name__}: VA {va:#x}: QEMU {show(got[va])}, expected {show(want)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

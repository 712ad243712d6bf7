#!/usr/bin/env python3
"""Runs vmlayout over every device tree of Debian's kernel packages and
checks the kernel's invariants on every layout and every set of boot page
tables it computes.

debian_dtbs.sh downloads and unpacks the packages and calls this with one
--package per unpacked kernel package. Each armhf DTB of a 6.1 package is
run 4 times: --kernel 6.1 and 3.4, each with ARM_LPAE=n and =y (--set, over
the package's own /boot/config-*); of a 6.12 package twice, --kernel 6.12
with ARM_LPAE=n and =y; over armmp-lpae's DTBs the same again with
--cmdline mem=256M (rows "mem=256M"). Each arm64 DTB runs with the package's
--kernel (6.1, 6.12) and its System.map, plain and with --kaslr-seed 12345
(rows "kaslr"); each riscv64 DTB plain. After an arm64 or riscv64 layout
that exits 0, `boot-tables --format json` runs with the same options (and
--kfence as the .config builds KFENCE, and the image boundary System.map's
symbols vmlayout reads lack), and after a plain one also with --rodata off;
tables_check.py checks those tables against the layout (rows "boot-tables").
A run refused because the DTB has no RAM (the bootloader fills /memory in)
is run again with --mem 2G (rows "+mem", see ram_filled).

Outcome of one run:
  ok                  exit 0, JSON parsed, every invariant holds
  BUG-invariant       exit 0 but an invariant is broken (or no JSON)
  exit2               refused as bad input: grouped by the first 60
                      characters of the message (paths and numbers masked)
  arm64-unsupported   exit 2 saying arm64 has no layout policy yet
  BUG-crash           killed by a signal, timed out (10 s), or any exit
                      status other than 0 and 2 (3 is vmlayout's "internal
                      error")

The layout invariants are those of the kernel that the project's property
test (tests/arch/test_arm_layout_property.c) already checks, and more, read
from the JSON (docs/json.md; the page tables' are in tables_check.py):
  arm: VMALLOC_START = (high_memory + 8 MiB) & ~(8 MiB - 1)
       (VMALLOC_OFFSET, arch/arm/include/asm/pgtable.h v6.1 and v3.4);
       high_memory = __va(arm_lowmem_limit - 1) + 1 (arch/arm/mm/mmu.c
       adjust_lowmem_bounds); 6.1: arm_lowmem_limit <= vmalloc_limit;
       memblock_limit <= arm_lowmem_limit; VmallocTotal = (VMALLOC_END -
       VMALLOC_START) >> 10 (fs/proc/meminfo.c); the lowmem region is
       [PAGE_OFFSET, high_memory) and the vmalloc region [VMALLOC_START,
       VMALLOC_END); the linear segments lie inside lowmem, both virtually
       and physically; every region lies in the 32-bit space.
  arm64: high_memory = __va(end of DRAM - 1) + 1, PHYS_OFFSET 1 GiB aligned
       and not above the RAM, VmallocTotal as for arm, modules end at
       VMALLOC_START, VMALLOC_END = VMEMMAP_START - 256 MiB (6.12: - 8 MiB
       and the unused linear map's struct pages), each linear segment at
       __va(phys) (check_arm64).
  riscv64 6.12: PHYS_OFFSET = first memory & PMD_MASK, high_memory =
       __va(PFN_PHYS(max_low_pfn)), VMALLOC_END = PAGE_OFFSET, VmallocTotal,
       linear segments at __va(phys) (check_riscv64).
  all: regions pairwise disjoint or nested, the top-level ones listed in
       address order (either way); memblock.memory and
       memblock.reserved sorted, non-overlapping and merged (adjacent
       regions with the same flags are one region: mm/memblock.c
       memblock_merge_regions; not required of reserved regions on a 6.12
       NUMA kernel, whose node ids the JSON does not show); the zones tile [first zone start, last zone
       end) (mm/page_alloc.c free_area_init) and cover every memory page;
       the present pages add up to the memory pages (HIGHMEM kernels: all of
       Debian's); 6.x: the zones span exactly the node's pfns, and arm's
       lowmem zones end at PFN_DOWN(arm_lowmem_limit)
       (check_zone_bounds_6_1); MemTotal <= RAM; LowTotal + HighTotal = MemTotal;
       HighTotal <= highmem RAM; lowmem_ram + highmem_ram <= RAM; every
       modelled reservation the kernel allocates (not the DT's static ones)
       lies in one memory region; arm 6.1 takes the 64 MiB swiotlb buffer
       exactly when LPAE is on and the RAM reaches 4 GiB (check_swiotlb).
"""
import argparse
import concurrent.futures
import copy
import json
import os
import re
import shlex
import subprocess
import sys
import threading
import time

import tables_check

SZ_8M = 8 << 20
SZ_2M = 2 << 20
PAGE = 4096
TIMEOUT = 10
GROUP_CHARS = 60


def h(v):
    return int(v, 16) if isinstance(v, str) else int(v)


class Package:
    """One --package: NAME:ARCH:PROFILE:DTB_DIR:CONFIG[:SYSMAP]. The System.map
    (arm64, riscv64) gives the image's sections to both commands; the
    boot-tables runs also take --kfence as the .config builds KFENCE
    (CONFIG_KFENCE_SAMPLE_INTERVAL=0: the pool comes late, from the page
    allocator; else early, from memblock: docs/arm64.md)."""

    def __init__(self, spec):
        parts = spec.split(":", 5)
        if len(parts) < 5:
            raise SystemExit(f"dtbs_check.py: --package {spec}: NAME:ARCH:PROFILE:DTB_DIR:CONFIG[:SYSMAP]")
        self.name, self.arch, self.profile, self.dtbdir, self.config = parts[:5]
        self.sysmap = parts[5] if len(parts) > 5 and parts[5] else None
        self.syms = tables_check.read_sysmap(self.sysmap) if self.sysmap else None
        self.bt_args = kfence_args(self.config) if self.arch in ("arm64", "riscv64") else []


def kfence_args(config):
    opts = {}
    with open(config) as f:
        for line in f:
            k, eq, v = line.strip().partition("=")
            if eq and k.startswith("CONFIG_KFENCE"):
                opts[k] = v
    if opts.get("CONFIG_KFENCE") != "y":
        return []
    return ["--kfence", "late" if opts.get("CONFIG_KFENCE_SAMPLE_INTERVAL", "100") == "0" else "early"]


class Job:
    """One run: `layout` (tables None) or `boot-tables` (tables = (row label,
    its own arguments), run after the layout of the same inputs passed)."""

    def __init__(self, pkg, arch, dtb, rel, config, profile, lpae, mem=None, variant=None,
                 package=None, tables=None):
        self.pkg, self.arch, self.dtb, self.rel = pkg, arch, dtb, rel
        self.config, self.profile, self.lpae, self.mem = config, profile, lpae, mem
        self.variant = variant  # (row label, extra vmlayout arguments)
        self.package, self.tables = package, tables

    def with_mem(self, mem):
        j = copy.copy(self)
        j.mem = mem
        return j

    def with_tables(self, label, args):
        j = copy.copy(self)
        j.tables = (label, args)
        return j

    def argv(self, vmlayout):
        a = [vmlayout, "boot-tables" if self.tables else "layout", "--arch", self.arch,
             "--dtb", self.dtb, "--kernel", self.profile, "--config", self.config]
        if self.package and self.package.sysmap:
            a += ["--system-map", self.package.sysmap]
        if self.lpae is not None:
            a += ["--set", "ARM_LPAE=" + self.lpae]
        if self.mem:
            a += ["--mem", self.mem]
        if self.variant:
            a += self.variant[1]
        if self.tables:
            a += self.tables[1]
        return a + ["--format", "json"]

    def key(self):
        prof = self.profile + (" " + self.variant[0] if self.variant else "")
        if self.tables:
            prof += " boot-tables" + (" " + self.tables[0] if self.tables[0] else "")
        return (self.pkg, prof + (" +mem" if self.mem else ""), self.lpae or "-")


# ---------------------------------------------------------------- invariants

def ranges(lst):
    # memblock merges neighbours with the same flags and node: the "flags"
    # compared below are both (a "nid" key counts when the JSON has one).
    return [(h(r["base"]), h(r["base"]) + h(r["size"]), (r.get("flags", 0), r.get("nid")))
            for r in lst]


def check_memblock(name, lst, bad, merged=True):
    prev = None
    for s, e, f in lst:
        if e <= s:
            bad.append(f"{name}: empty region 0x{s:x}")
        if prev is not None:
            ps, pe, pf = prev
            if s < pe:
                bad.append(f"{name}: 0x{s:x} overlaps or precedes the region ending 0x{pe:x}")
            elif s == pe and f == pf and merged:
                bad.append(f"{name}: adjacent regions at 0x{s:x} with the same flags not merged")
        prev = (s, e, f)


def memory_pages(mem):
    n = 0
    for s, e, _ in mem:
        ps, pe = (s + PAGE - 1) // PAGE, e // PAGE
        n += max(0, pe - ps)
    return n


def check_regions(regs, bad):
    rr = [(r["name"], h(r["start"]), h(r["end"])) for r in regs]
    for n, s, e in rr:
        if e < s:
            bad.append(f"region {n}: end 0x{e:x} below start 0x{s:x}")
    for i, (n1, s1, e1) in enumerate(rr):
        for n2, s2, e2 in rr[i + 1:]:
            if s1 == e1 or s2 == e2:
                continue
            disjoint = e1 <= s2 or e2 <= s1
            nested = (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2)
            if not (disjoint or nested):
                bad.append(f"regions {n1} [0x{s1:x},0x{e1:x}) and {n2} [0x{s2:x},0x{e2:x}) overlap")
    top = [x for x in rr
           if not any(o is not x and o[1] <= x[1] and x[2] <= o[2] and (o[1], o[2]) != (x[1], x[2])
                      for o in rr)]
    top = [x for x in top if x[1] != x[2]]
    down = all(b[1] < a[1] for a, b in zip(top, top[1:]))
    up = all(b[1] > a[1] for a, b in zip(top, top[1:]))
    if not (up or down):
        bad.append("top-level regions neither ascending nor descending: "
                   + ", ".join(f"{n}@0x{s:x}" for n, s, _ in top))
    return {n: (s, e) for n, s, e in rr}


def check_zones(zones, mem, bad):
    present, prev_end = 0, None
    for z in zones:
        s, n = int(z["start_pfn"]), int(z["spanned_pages"])
        if prev_end is not None and s != prev_end:
            bad.append(f"zone {z['name']} starts at pfn 0x{s:x}, the previous ended at 0x{prev_end:x}")
        if n:
            prev_end = s + n
        elif prev_end is None:
            prev_end = s
        present += int(z["present_pages"])
        if int(z["present_pages"]) > n:
            bad.append(f"zone {z['name']}: present {z['present_pages']} > spanned {n}")
    spanned = [z for z in zones if int(z["spanned_pages"])]
    if mem and spanned:
        lo = min(int(z["start_pfn"]) for z in spanned)
        hi = max(int(z["start_pfn"]) + int(z["spanned_pages"]) for z in spanned)
        mlo = (mem[0][0] + PAGE - 1) // PAGE
        mhi = mem[-1][1] // PAGE
        if mlo < lo or mhi > hi:
            bad.append(f"zones [pfn 0x{lo:x},0x{hi:x}) do not cover memory [0x{mlo:x},0x{mhi:x})")
    if present != memory_pages(mem):
        bad.append(f"present pages {present} != memory pages {memory_pages(mem)}")


def check_arm(d, regs, bad):
    po, hm = h(d["page_offset"]), h(d["high_memory"])
    phys = h(d["phys_offset"])
    lim = h(d["lowmem_limit_phys"])
    vs, ve = h(d["vmalloc_start"]), h(d["vmalloc_end"])
    want_vs = (hm + SZ_8M) & ~(SZ_8M - 1)
    if vs != want_vs:
        bad.append(f"VMALLOC_START 0x{vs:x} != (high_memory 0x{hm:x} + 8M) & ~(8M-1) = 0x{want_vs:x}")
    want_hm = ((lim - 1 - phys + po) & 0xffffffff) + 1
    if hm != want_hm:
        bad.append(f"high_memory 0x{hm:x} != __va(lowmem_limit 0x{lim:x} - 1) + 1 = 0x{want_hm:x}")
    if hm <= po:
        bad.append(f"high_memory 0x{hm:x} <= PAGE_OFFSET 0x{po:x}")
    if d["profile"] != "3.4" and lim > h(d["vmalloc_min"]):
        bad.append(f"lowmem limit 0x{lim:x} > vmalloc_limit 0x{h(d['vmalloc_min']):x}")
    if h(d["memblock_limit"]) > lim:
        bad.append(f"memblock_limit 0x{h(d['memblock_limit']):x} > lowmem limit 0x{lim:x}")
    vt = int(d["totals_kB"]["VmallocTotal"])
    if vt != (ve - vs) >> 10:
        bad.append(f"VmallocTotal {vt} kB != (VMALLOC_END - VMALLOC_START) >> 10 = {(ve - vs) >> 10}")
    if regs.get("lowmem") != (po, hm):
        bad.append(f"lowmem region {regs.get('lowmem')} != [PAGE_OFFSET, high_memory)")
    if regs.get("vmalloc") != (vs, ve):
        bad.append(f"vmalloc region {regs.get('vmalloc')} != [VMALLOC_START, VMALLOC_END)")
    for n, (s, e) in regs.items():
        if e > 1 << 32:
            bad.append(f"region {n} ends at 0x{e:x}, above 4 GiB")
    for seg in d.get("linear_segments", []):
        v, p, sz = h(seg["virt"]), h(seg["phys"]), h(seg["size"])
        if v < po or v + sz > hm or p + sz > lim:
            bad.append(f"linear segment virt 0x{v:x} phys 0x{p:x} size 0x{sz:x} outside lowmem")


def is_static(name):
    """A reservation at a place fixed before memblock allocates anything: one
    the DT names by address (/memreserve/, a /reserved-memory node with reg,
    the initrd, the DT blob itself), which the kernel reserves where it is, RAM
    or not (drivers/of/fdt.c early_init_dt_reserve_memory), and the kernel
    image with swapper_pg_dir (arch/arm/mm/init.c arm_memblock_init), where
    the bootloader put them (mem= can leave them outside RAM). The others are
    memblock allocations."""
    return "@" in name or name in ("memreserve", "initrd", "dtb", "kernel", "swapper_pg_dir",
                                   # riscv64's names for a /reserved-memory node with reg
                                   "reserved-memory", "no-map", "no-map (removed)")


def check_zone_bounds_6_1(d, mem, bad):
    """free_area_init (mm/page_alloc.c v6.1) spans the zones over the node,
    [PFN_UP(first memory base), PFN_DOWN(memblock_end_of_DRAM())), the
    for_each_mem_pfn_range rounding. arm 6.1 (arch/arm/mm/init.c find_limits,
    zone_sizes_init): the lowmem zones (DMA, Normal) end at max_low =
    PFN_DOWN(memblock_get_current_limit()), which paging_init
    (arch/arm/mm/mmu.c) has set to arm_lowmem_limit just before (not the
    PMD-rounded memblock_limit of adjust_lowmem_bounds)."""
    spanned = [z for z in d.get("zones", []) if int(z["spanned_pages"])]
    if not mem or not spanned:
        return
    first, end = (mem[0][0] + PAGE - 1) // PAGE, mem[-1][1] // PAGE
    zs = int(spanned[0]["start_pfn"])
    ze = int(spanned[-1]["start_pfn"]) + int(spanned[-1]["spanned_pages"])
    if (zs, ze) != (first, end):
        bad.append(f"zones span pfn [0x{zs:x},0x{ze:x}), the node is [0x{first:x},0x{end:x})")
    if d.get("arch") == "arm":
        low = [z for z in spanned if z["name"] in ("DMA", "Normal")]
        want = min(h(d["lowmem_limit_phys"]) // PAGE, end)
        got = int(low[-1]["start_pfn"]) + int(low[-1]["spanned_pages"]) if low else None
        if got != want:
            bad.append(f"lowmem zones end at pfn {got and hex(got)}, max_low = "
                       f"PFN_DOWN(arm_lowmem_limit) = 0x{want:x}")


def check_arm64(d, regs, mem, bad):
    """arch/arm64 v6.1: high_memory = __va(memblock_end_of_DRAM() - 1) + 1
    (mm/init.c mem_init), __va(x) = (x - PHYS_OFFSET) | PAGE_OFFSET
    (asm/memory.h); PHYS_OFFSET = memstart_addr, memblock_start_of_DRAM()
    rounded down to ARM64_MEMSTART_ALIGN (1 GiB with 4 KiB pages, Debian's),
    which KASLR lowers by whole ARM64_MEMSTART_ALIGN steps
    (arm64_memblock_init); VMALLOC_START = MODULES_END, VMALLOC_END =
    VMEMMAP_START - 256 MiB (asm/pgtable.h; v6.12: - 8 MiB, see below)."""
    po, hm, phys = h(d["page_offset"]), h(d["high_memory"]), h(d["phys_offset"])
    vs, ve = h(d["vmalloc_start"]), h(d["vmalloc_end"])
    if mem:
        want = ((mem[-1][1] - 1 - phys) | po) + 1
        if hm != want:
            bad.append(f"high_memory 0x{hm:x} != __va(end of DRAM 0x{mem[-1][1]:x} - 1) + 1 = 0x{want:x}")
        if phys > mem[0][0]:
            bad.append(f"PHYS_OFFSET 0x{phys:x} above the first memory 0x{mem[0][0]:x}")
        if phys % (1 << 30):
            bad.append(f"PHYS_OFFSET 0x{phys:x} not 1 GiB aligned (ARM64_MEMSTART_ALIGN, 4K pages)")
    vt = int(d["totals_kB"]["VmallocTotal"])
    if vt != (ve - vs) >> 10:
        bad.append(f"VmallocTotal {vt} kB != (VMALLOC_END - VMALLOC_START) >> 10 = {(ve - vs) >> 10}")
    if "vmalloc" in regs and regs["vmalloc"] != (vs, ve):
        bad.append(f"vmalloc region {regs['vmalloc']} != [VMALLOC_START, VMALLOC_END)")
    if "modules" in regs and regs["modules"][1] != vs:
        bad.append(f"modules end 0x{regs['modules'][1]:x} != VMALLOC_START 0x{vs:x} (MODULES_END)")
    if d.get("profile") == "6.1":
        if "vmemmap" in regs and ve != regs["vmemmap"][0] - (256 << 20):
            bad.append(f"VMALLOC_END 0x{ve:x} != VMEMMAP_START - 256 MiB")
    elif "linear" in regs:
        # v6.12 asm/pgtable.h: VMALLOC_END = VMEMMAP_START - 8 MiB, plus the
        # struct pages of the linear map's unused bottom on a 52-bit build
        # run with 48-bit VAs; asm/memory.h VMEMMAP_END = -1 GiB,
        # VMEMMAP_SIZE = ((_PAGE_END(VA_BITS_MIN) - PAGE_OFFSET) >> PAGE_SHIFT)
        # * sizeof(struct page) (64; 4K pages, Debian's). Both are the
        # vmemmap of [PAGE_OFFSET(vabits_actual), _PAGE_END(VA_BITS_MIN)),
        # the "linear" region, less 8 MiB.
        want = (1 << 64) - (1 << 30) - ((regs["linear"][1] - po) >> 12) * 64 - SZ_8M
        if ve != want:
            bad.append(f"VMALLOC_END 0x{ve:x} != -1 GiB - the linear region's struct pages - 8 MiB = 0x{want:x}")
    for seg in d.get("linear_segments", []):
        v, p, sz = h(seg["virt"]), h(seg["phys"]), h(seg["size"])
        if v < po or v + sz > hm or v != ((p - phys) | po):
            bad.append(f"linear segment virt 0x{v:x} phys 0x{p:x} size 0x{sz:x} not __va(phys) in lowmem")


def check_riscv64(d, regs, mem, bad):
    """arch/riscv v6.12 (mm/init.c setup_bootmem()): phys_ram_base =
    memblock_start_of_DRAM() & PMD_MASK; __va(x) = x + PAGE_OFFSET -
    phys_ram_base (kernel_map.va_pa_offset); high_memory =
    __va(PFN_PHYS(max_low_pfn)), max_low_pfn = PFN_DOWN(memblock_end_of_DRAM());
    VMALLOC_END = PAGE_OFFSET, VMALLOC_START = PAGE_OFFSET - VMALLOC_SIZE
    (asm/pgtable.h); VmallocTotal as for arm."""
    po, hm, phys = h(d["page_offset"]), h(d["high_memory"]), h(d["phys_offset"])
    vs, ve = h(d["vmalloc_start"]), h(d["vmalloc_end"])
    if mem:
        if phys != mem[0][0] & ~(SZ_2M - 1):
            bad.append(f"phys_ram_base 0x{phys:x} != first memory 0x{mem[0][0]:x} & PMD_MASK")
        want = mem[-1][1] // PAGE * PAGE - phys + po
        if hm != want:
            bad.append(f"high_memory 0x{hm:x} != __va(PFN_PHYS(max_low_pfn)) = 0x{want:x}")
    if ve != po:
        bad.append(f"VMALLOC_END 0x{ve:x} != PAGE_OFFSET 0x{po:x}")
    vt = int(d["totals_kB"]["VmallocTotal"])
    if vt != (ve - vs) >> 10:
        bad.append(f"VmallocTotal {vt} kB != (VMALLOC_END - VMALLOC_START) >> 10 = {(ve - vs) >> 10}")
    if "vmalloc" in regs and regs["vmalloc"] != (vs, ve):
        bad.append(f"vmalloc region {regs['vmalloc']} != [VMALLOC_START, VMALLOC_END)")
    for seg in d.get("linear_segments", []):
        v, p, sz = h(seg["virt"]), h(seg["phys"]), h(seg["size"])
        if v != p - phys + po or v + sz > hm:
            bad.append(f"linear segment virt 0x{v:x} phys 0x{p:x} size 0x{sz:x} not __va(phys) below high_memory")


def check_swiotlb(d, lpae, mem, bad):
    """mem_init() (arch/arm/mm/init.c v6.1, the same in v6.12) calls
    swiotlb_init(max_pfn > arm_dma_pfn_limit) with LPAE only. max_pfn is the end of DRAM (exclusive)
    and arm_dma_pfn_limit 0xffffffff >> PAGE_SHIFT = 0xfffff (inclusive), so
    RAM that reaches 4 GiB exactly takes the buffer too (observed: QEMU
    lpae-3g, RAM 0x40000000-0x100000000, reserves 84480 kB more than lpae-1g:
    18432 kB of mem_map for 524288 more pages, the 65536 kB buffer and its
    512 kB slot array). Machines with a dma_zone_size (bcm2711,
    keystone) lower the limit; vmlayout does not model machine descriptors."""
    has = any(r["name"].startswith("swiotlb") for r in d.get("reservations", []))
    top = max((e for _, e, _ in mem), default=0)
    want = d.get("profile") != "3.4" and lpae == "y" and (top >> 12) > 0xfffff
    if has != want:
        bad.append(f"swiotlb {'taken' if has else 'not taken'} with LPAE={lpae} and RAM ending "
                   f"at 0x{top:x} (mem_init: swiotlb_init(max_pfn > 0xfffff) with LPAE)")


def check_layout(d, lpae=None):
    bad = []
    mem = ranges(d.get("memory", []))
    res = ranges(d.get("reserved", []))
    check_memblock("memblock.memory", mem, bad)
    # From v6.12 a NUMA kernel gives memblock.reserved node ids
    # (mm/numa_memblks.c numa_clear_kernel_node_hotplug(): the regions
    # reserved before NUMA init get theirs, later ones keep MAX_NUMNODES), so
    # neighbours may stay apart; the JSON shows no node id on them.
    numa_nids = "nodes" in d and d.get("profile") not in ("3.4", "6.1", "3.18")
    check_memblock("memblock.reserved", res, bad, merged=not numa_nids)
    regs = check_regions(d.get("regions", []), bad)
    if "zones" in d:
        check_zones(d["zones"], mem, bad)
    ram = sum(e - s for s, e, _ in mem)
    t = d.get("totals_kB", {})
    if "MemTotal" in t:
        mt = int(t["MemTotal"])
        if mt * 1024 > memory_pages(mem) * PAGE:
            bad.append(f"MemTotal {mt} kB > memory {memory_pages(mem) * 4} kB")
        if mt <= 0:
            bad.append("MemTotal is 0")
        if "LowTotal" in t and int(t["LowTotal"]) + int(t.get("HighTotal", 0)) != mt:
            bad.append(f"LowTotal {t['LowTotal']} + HighTotal {t.get('HighTotal')} != MemTotal {mt}")
    if "HighTotal" in t and "highmem_ram" in d and int(t["HighTotal"]) * 1024 > h(d["highmem_ram"]):
        bad.append(f"HighTotal {t['HighTotal']} kB > highmem RAM 0x{h(d['highmem_ram']):x}")
    if "lowmem_ram" in d and h(d["lowmem_ram"]) + h(d.get("highmem_ram", "0")) > ram:
        bad.append(f"lowmem_ram + highmem_ram > RAM 0x{ram:x}")
    for r in d.get("reservations", []):
        s = h(r["base"])
        e = s + h(r["size"])
        if is_static(r["name"]):
            continue
        if h(r["size"]) and not any(ms <= s and e <= me for ms, me, _ in mem):
            bad.append(f"reservation {r['name']} [0x{s:x},0x{e:x}) is not inside one memory region")
    if d.get("profile") != "3.4":
        check_zone_bounds_6_1(d, mem, bad)
    if d.get("arch") == "arm":
        check_arm(d, regs, bad)
        if lpae is not None:
            check_swiotlb(d, lpae, mem, bad)
    elif d.get("arch") == "arm64":
        check_arm64(d, regs, mem, bad)
    elif d.get("arch") == "riscv64" and d.get("profile") != "5.10":
        check_riscv64(d, regs, mem, bad)
    return bad


# ---------------------------------------------------------------- running

def mask(m):
    return re.sub(r"\d+", "#", re.sub(r"0x[0-9a-fA-F]+", "0x#", m))


def group_of(msg, dtb):
    m = msg.strip().splitlines()[0] if msg.strip() else "(no message)"
    m = m.replace(dtb, "DTB")
    m = re.sub(r"^vmlayout: ", "", m)
    m = re.sub(r"^DTB: ", "", m)
    return mask(m)[:GROUP_CHARS]


def execute(job, vmlayout):
    """(outcome, message, details, JSON): outcome "json" when vmlayout
    exited 0 with JSON, for the caller to check."""
    argv = job.argv(vmlayout)
    try:
        p = subprocess.run(["timeout", str(TIMEOUT)] + argv, capture_output=True, text=True,
                           errors="replace")
    except OSError as e:
        return "BUG-crash", f"cannot run: {e}", [], None
    rc = p.returncode
    if rc == 0:
        try:
            return "json", "", [], json.loads(p.stdout)
        except ValueError as e:
            return "BUG-invariant", f"exit 0 without valid JSON: {e}", [], None
    if rc == 2:
        first = p.stderr.strip().splitlines()[0] if p.stderr.strip() else ""
        group = group_of(p.stderr, job.dtb)
        # "no layout profile for this version on this arch": arm64 not built yet.
        if job.arch == "arm64" and re.search(r"no layout profile|not supported|arm64", group):
            return "arm64-unsupported", group, [], None
        return "exit2", group, [first], None
    if rc in (125, 126, 127):  # timeout(1) could not run vmlayout at all
        raise RuntimeError(f"cannot run {argv[0]}: {p.stderr.strip()}")
    if rc == 124:
        why = f"timed out after {TIMEOUT} s"
    elif rc < 0 or rc > 128:
        why = f"killed by signal {-rc if rc < 0 else rc - 128}"
    else:
        why = f"exit status {rc}"
    tail = p.stderr.strip().splitlines()[-1:] if p.stderr.strip() else []
    return "BUG-crash", why + (": " + tail[0] if tail else ""), [], None


def judged(job, oc, msg, bad, d, check):
    if oc != "json":
        return job, oc, msg, bad
    try:
        bad = check(d)
    except (KeyError, ValueError, TypeError, IndexError, StopIteration) as e:
        bad = [f"the JSON lacks what the check reads: {type(e).__name__} {e}"]
    return (job, "BUG-invariant", bad[0], bad) if bad else (job, "ok", "", [])


def table_variants(job):
    """The boot-tables runs after a layout of @job: the same inputs (and
    --kfence as the .config builds it); the plain layout also with
    --rodata off (blocks in the linear map, no W^X: the kernel then prints
    "Kernel memory protection disabled." instead of checking)."""
    pk = job.package
    if not pk or pk.arch not in ("arm64", "riscv64"):
        return []
    out = [("", pk.bt_args)]
    if not job.variant:
        out.append(("rodata=off", pk.bt_args + ["--rodata", "off"]))
    return out


class Progress:
    """A line on stderr every STEP layouts: how many, and the time so far."""
    STEP = 2000

    def __init__(self, total):
        self.total, self.done, self.lock, self.start = total, 0, threading.Lock(), time.time()

    def tick(self):
        with self.lock:
            self.done += 1
            if self.done % self.STEP == 0:
                print(f"dtbs_check.py: {self.done} of {self.total} layouts done "
                      f"({time.time() - self.start:.0f} s)", file=sys.stderr, flush=True)


def run(job, vmlayout, progress=None):
    """The layout's result and, when it passed (exit 0), the results of
    its boot-tables runs, checked against it."""
    if progress:
        progress.tick()
    oc, msg, bad, lay = execute(job, vmlayout)
    results = [judged(job, oc, msg, bad, lay, lambda d: check_layout(d, job.lpae))]
    if oc != "json":
        return results
    syms = job.package.syms if job.package else None
    for label, args in table_variants(job):
        extra = tables_check.image_args(lay, syms) if syms else []
        tj = job.with_tables(label, args + extra)
        t_oc, t_msg, t_bad, bt = execute(tj, vmlayout)
        results.append(judged(tj, t_oc, t_msg, t_bad, bt,
                              lambda d: tables_check.check_tables(lay, d, syms, tj.tables[1])))
    return results


def jobs_for(pk):
    out = []
    for root, _, files in os.walk(pk.dtbdir):
        for f in sorted(files):
            if not f.endswith(".dtb"):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, pk.dtbdir)
            if pk.arch == "arm":
                # Debian 12's 6.1 packages also run as 3.4 (the other arm
                # profile); Debian 13's run as their own kernel only.
                for prof in ARM_PROFILES.get(pk.profile, (pk.profile,)):
                    for lpae in ("n", "y"):
                        out.append(Job(pk.name, pk.arch, path, rel, pk.config, prof, lpae, package=pk))
                        # The DTBs of both armhf packages are the same: the
                        # command-line variant runs over one of them.
                        if pk.name.endswith("-lpae"):
                            out.append(Job(pk.name, pk.arch, path, rel, pk.config, prof, lpae,
                                           variant=ARM_VARIANT, package=pk))
            else:
                out.append(Job(pk.name, pk.arch, path, rel, pk.config, pk.profile, None, package=pk))
                if pk.arch == "arm64":
                    out.append(Job(pk.name, pk.arch, path, rel, pk.config, pk.profile, None,
                                   variant=ARM64_VARIANT, package=pk))
    return sorted(out, key=lambda j: (j.pkg, j.rel, j.profile, j.lpae or ""))


def selftest(vmlayout, tree):
    """The checker must pass vmlayout's layouts of four recorded armhf QEMU
    boards (tests/conformance/observed; two booted with Debian 12's 6.1, two
    with Debian 13's 6.12) and catch each broken copy of them."""
    obs = os.path.join(tree, "tests", "conformance", "observed")

    def layout(board, flavour, lpae, kernel):
        argv = [vmlayout, "layout", "--arch", "arm", "--kernel", kernel,
                "--dtb", os.path.join(obs, board + ".dts"),
                "--config", os.path.join(obs, flavour + ".config"),
                "--set", "ARM_LPAE=" + lpae, "--format", "json"]
        return json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)

    def hx(v):
        return f"0x{v:x}"

    def bump(key, by):
        return lambda d: d.__setitem__(key, hx(h(d[key]) + by))

    def split_memory(d):
        m = d["memory"][0]
        half = h(m["size"]) // 2
        d["memory"][0:1] = [{"base": m["base"], "size": hx(half), "flags": 0},
                            {"base": hx(h(m["base"]) + half), "size": hx(h(m["size"]) - half), "flags": 0}]

    def set_total(d, k, v):
        d["totals_kB"][k] = v

    def set_zone(d, i, k, v):
        d["zones"][i][k] = v

    def set_region(d, name, k, v):
        next(r for r in d["regions"] if r["name"] == name)[k] = v

    def move_zone_boundary(d):
        # One page from HighMem to DMA: the zones still tile and count every
        # page, but the lowmem zones end past arm_lowmem_limit.
        z = d["zones"]
        for k in ("spanned_pages", "present_pages"):
            z[0][k] += 1
            z[2][k] -= 1
        z[1]["start_pfn"] += 1
        z[2]["start_pfn"] += 1

    mutations = [
        ("VMALLOC_START 8 MiB too high", bump("vmalloc_start", SZ_8M)),
        ("high_memory off by a page", bump("high_memory", PAGE)),
        ("memblock_limit past the lowmem limit", bump("memblock_limit", PAGE)),
        ("memory not merged", split_memory),
        ("reserved out of order", lambda d: d["reserved"].reverse()),
        ("MemTotal above the RAM", lambda d: set_total(d, "MemTotal", 1 << 30)),
        ("VmallocTotal off", lambda d: set_total(d, "VmallocTotal", d["totals_kB"]["VmallocTotal"] + 4)),
        ("a zone gap", lambda d: set_zone(d, 1, "start_pfn", d["zones"][1]["start_pfn"] + 1)),
        ("the lowmem zones past max_low", move_zone_boundary),
        ("a page not present", lambda d: set_zone(d, 0, "present_pages", d["zones"][0]["present_pages"] - 1)),
        ("modules overlaps pkmap", lambda d: set_region(d, "modules", "end", "0xbfe01000")),
        ("no swiotlb", lambda d: d["reservations"].__setitem__(
            slice(None), [r for r in d["reservations"] if not r["name"].startswith("swiotlb")])),
        ("an allocation outside RAM", lambda d: d["reservations"].append(
            {"name": "mem_map", "base": "0x20000000", "size": "0x1000", "freed_at_boot_end": False})),
    ]
    fails = 0
    for board, flavour, lpae, kernel in (("armmp-1g", "armmp", "n", "6.1"),
                                         ("lpae-5g-reserved-above-4g", "armmp-lpae", "y", "6.1"),
                                         ("armmp-6.12-1g", "armmp-6.12", "n", "6.12"),
                                         ("lpae-6.12-5g-reserved-above-4g", "armmp-lpae-6.12", "y", "6.12")):
        good = layout(board, flavour, lpae, kernel)
        bad = check_layout(good, lpae)
        print(f"{'ok  ' if not bad else 'FAIL'} selftest {board}: vmlayout's layout passes {bad[:1]}")
        fails += bool(bad)
        for name, mutate in mutations:
            if name == "no swiotlb" and lpae != "y":
                continue
            d = json.loads(json.dumps(good))
            mutate(d)
            bad = check_layout(d, lpae)
            print(f"{'ok  ' if bad else 'FAIL'} selftest {board}: {name} caught: {bad[:1]}")
            fails += not bad
    fails += selftest_tables(vmlayout, obs)
    return 1 if fails else 0


def selftest_tables(vmlayout, obs):
    """arm64 and riscv64: the recorded QEMU boards' layouts (broken copies
    caught) and their boot tables, which must
    pass, and tables_check's broken copies of them, each caught by the
    check it is for."""
    def run_json(cmd, board, arch, prof, extra):
        argv = [vmlayout, cmd, "--arch", arch, "--kernel", prof,
                "--dtb", os.path.join(obs, board + ".dts"),
                "--config", os.path.join(obs, arch + ".config"),
                "--system-map", os.path.join(obs, arch + ".System.map")] + extra + ["--format", "json"]
        return json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)

    def bump(key, by):
        return lambda d: d.__setitem__(key, f"0x{h(d[key]) + by:x}")

    def move_vmalloc_end(d):
        # VmallocTotal and the vmalloc region moved with it: only the
        # VMALLOC_END rule of the arch is left to catch it
        d["vmalloc_end"] = f"0x{h(d['vmalloc_end']) + PAGE:x}"
        d["totals_kB"]["VmallocTotal"] += PAGE >> 10
        next(r for r in d["regions"] if r["name"] == "vmalloc")["end"] = d["vmalloc_end"]

    def move_segment(d):
        d["linear_segments"][0]["virt"] = f"0x{h(d['linear_segments'][0]['virt']) + SZ_2M:x}"

    layout_mutations = [("high_memory off by a page", bump("high_memory", PAGE)),
                        ("phys_ram_base off by 2 MiB", bump("phys_offset", SZ_2M)),
                        ("VMALLOC_END off by a page", move_vmalloc_end),
                        ("a linear segment off __va", move_segment)]
    fails = 0
    for board, arch, prof, extra in (("arm64-2g-nomap", "arm64", "6.1", []),
                                     ("arm64-2g-nomap", "arm64", "6.12", ["--kaslr-seed", "12345"]),
                                     ("riscv64-2g-nomap", "riscv64", "6.12", []),
                                     ("riscv64-2g-sv39", "riscv64", "6.12", [])):
        name = f"{board} {prof}{' ' + ' '.join(extra) if extra else ''}"
        lay = run_json("layout", board, arch, prof, extra)
        bad = check_layout(lay)
        print(f"{'ok  ' if not bad else 'FAIL'} selftest {name}: vmlayout's layout passes {bad[:1]}")
        fails += bool(bad)
        for what, mutate in layout_mutations:
            d = json.loads(json.dumps(lay))
            mutate(d)
            bad = check_layout(d)
            print(f"{'ok  ' if bad else 'FAIL'} selftest {name}: {what} caught: {bad[:1]}")
            fails += not bad
        syms = tables_check.read_sysmap(os.path.join(obs, arch + ".System.map"))
        opts = tables_check.image_args(lay, syms)
        bt = run_json("boot-tables", board, arch, prof, extra + opts)
        fails += tables_check.selftest_one(name, lay, bt, syms, opts, sys.stdout)
    return fails


# The --kernel runs of an armhf package, by the package's profile.
ARM_PROFILES = {"6.1": ("6.1", "3.4")}
# mem= cuts the RAM below what the DT's static carve-outs expect.
ARM_VARIANT = ("mem=256M", ["--cmdline", "mem=256M"])
# A KASLR seed moves the kernel image and PHYS_OFFSET (arm64_memblock_init).
ARM64_VARIANT = ("kaslr", ["--kaslr-seed", "12345"])
RAMLESS_SIZE0 = "its /memory node has size"
RAMLESS_NONE = "no /memory node gives any RAM"
FILL_SIZE, FILL_BASE = "2G", "0x80000000"


def ram_filled(job, group):
    """The rerun of a DTB refused for having no RAM: --mem 2G at the /memory
    node's own base when it has one (size 0), else at 0x80000000 (where most
    armhf and many arm64 SoCs have their RAM). 2 GiB: highmem on arm, and
    RAM ending at 4 GiB from 0x80000000."""
    if group.startswith(RAMLESS_SIZE0):
        return job.with_mem(FILL_SIZE)
    if group.startswith(RAMLESS_NONE):
        return job.with_mem(f"{FILL_SIZE}@{FILL_BASE}")
    return None


OUTCOMES = ("ok", "BUG-invariant", "exit2", "arm64-unsupported", "BUG-crash")


def summarise(results):
    summ = {}
    for job, oc, _, _ in results:
        k = "|".join(job.key())
        summ.setdefault(k, {o: 0 for o in OUTCOMES})[oc] += 1
    return summ


def table(summ, prev):
    lines = ["| package | profile | LPAE | runs | ok | exit 2 | arm64 n/s | BUG invariant | BUG crash |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    tot = {o: 0 for o in OUTCOMES}

    def cell(k, o):
        v = summ[k][o]
        if prev is not None:
            pv = prev.get(k, {}).get(o, 0)
            if pv != v:
                return f"{v} (was {pv})"
        return str(v)

    def order(k):
        pkg, prof, lpae = k.split("|")
        words = prof.split()
        variant = [w for w in words[1:] if w not in ("+mem", "boot-tables")]
        return (pkg, words[0], "boot-tables" in words, bool(variant), variant, "+mem" in words, lpae)

    for k in sorted(summ, key=order):
        pkg, prof, lpae = k.split("|")
        for o in OUTCOMES:
            tot[o] += summ[k][o]
        lines.append(f"| {pkg} | {prof} | {lpae} | {sum(summ[k].values())} | {cell(k, 'ok')} | "
                     f"{cell(k, 'exit2')} | {cell(k, 'arm64-unsupported')} | "
                     f"{cell(k, 'BUG-invariant')} | {cell(k, 'BUG-crash')} |")
    lines.append(f"| **total** | | | {sum(tot.values())} | {tot['ok']} | {tot['exit2']} | "
                 f"{tot['arm64-unsupported']} | {tot['BUG-invariant']} | {tot['BUG-crash']} |")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vmlayout", required=True)
    ap.add_argument("--selftest", metavar="TREE",
                    help="check the checker on the recorded QEMU boards of TREE/tests/conformance")
    ap.add_argument("--package", action="append", default=[],
                    help="NAME:ARCH:PROFILE:DTB_DIR:CONFIG[:SYSMAP] (ARCH arm, arm64 or riscv64; "
                         "SYSMAP: the image's System.map, which arm64 and riscv64 need for boot-tables)")
    ap.add_argument("--show-as", help="the vmlayout path the reproducer commands name (default --vmlayout)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--report")
    ap.add_argument("--summary", help="JSON counts; the previous one is kept as .prev")
    args = ap.parse_args()
    if args.selftest:
        return selftest(args.vmlayout, args.selftest)
    if not (args.package and args.report and args.summary):
        ap.error("--package, --report and --summary are needed")

    shown = args.show_as or args.vmlayout
    jobs = [j for spec in args.package for j in jobs_for(Package(spec))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        progress = Progress(len(jobs))
        results = [r for rs in ex.map(lambda j: run(j, args.vmlayout, progress), jobs) for r in rs]
        # A DTB without RAM (the bootloader fills /memory in) is run again with
        # the RAM a bootloader would give, so the rest of it (reserved-memory,
        # chosen, ...) is exercised too: rows "+mem".
        again = [ram_filled(j, g) for j, oc, g, _ in results if oc == "exit2" and not j.tables]
        again = [j for j in again if j]
        jobs += again
        results += [r for rs in ex.map(lambda j: run(j, args.vmlayout), again) for r in rs]

    summ = summarise(results)
    prev = None
    if os.path.exists(args.summary):
        with open(args.summary) as f:
            prev = json.load(f)
        os.replace(args.summary, args.summary + ".prev")
    with open(args.summary, "w") as f:
        json.dump(summ, f, indent=1, sort_keys=True)

    groups = {}
    for job, oc, g, _ in results:
        if oc == "exit2":
            groups.setdefault(g, []).append(job)
    bugs = [(j, oc, msg, bad) for j, oc, msg, bad in results if oc.startswith("BUG")]
    unsupported = [j for j, oc, _, _ in results if oc == "arm64-unsupported"]

    tab = table(summ, prev)
    rep = ["# Debian's device trees through vmlayout", "",
           f"{len(results)} runs of `{shown}` over "
           f"{len({(j.pkg, j.rel) for j in jobs})} (package, DTB) pairs."
           + (" Changed cells show the previous run's count." if prev is not None else ""), "",
           "## Outcomes", ""] + tab + ["", "## Refused (exit 2), by message", "",
                                      "| message (first 60 characters) | runs | DTBs | examples |",
                                      "| --- | ---: | ---: | --- |"]
    for g, js in sorted(groups.items(), key=lambda x: -len(x[1])):
        dtbs = sorted({j.rel for j in js})
        rep.append(f"| `{g}` | {len(js)} | {len(dtbs)} | {', '.join(dtbs[:3])} |")
    if unsupported:
        rep += ["", f"arm64: {len(unsupported)} DTBs refused as not supported "
                    f"(first: `{unsupported[0].rel}`)."]
    bug_groups = {}
    for b in bugs:
        bug_groups.setdefault(f"{b[1]}: {mask(b[2])}", []).append(b)
    ordered = sorted(bug_groups.items(), key=lambda x: -len(x[1]))
    rep += ["", f"## BUG outcomes ({len(bugs)})", "", "By message (numbers masked):", "",
            "| outcome: message | runs | DTBs | examples | rows |", "| --- | ---: | ---: | --- | --- |"]
    for g, bs in ordered:
        dtbs = sorted({b[0].rel for b in bs})
        rows = sorted({" ".join(b[0].key()[1:]) for b in bs})
        rep.append(f"| `{g[:100]}` | {len(bs)} | {len(dtbs)} | {', '.join(dtbs[:3])} | {'; '.join(rows)} |")
    rep += ["", "Each:", ""]
    for j, oc, msg, bad in bugs:
        rep.append(f"- {oc} {j.pkg} {' '.join(j.key()[1:2])} LPAE={j.lpae or '-'} `{j.rel}`: {msg}")
        for b in bad[1:]:
            rep.append(f"  - {b}")
        rep.append(f"  - `{shlex.join(j.argv(shown))}`")
    os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
    with open(args.report, "w") as f:
        f.write("\n".join(rep) + "\n")

    print("\n".join(tab))
    print()
    for g, js in sorted(groups.items(), key=lambda x: -len(x[1])):
        dtbs = sorted({j.rel for j in js})
        print(f"exit 2 x{len(js):5d} ({len(dtbs)} DTBs): {g}   e.g. {', '.join(dtbs[:3])}")
    for g, bs in ordered:
        dtbs = sorted({b[0].rel for b in bs})
        print(f"{g[:100]}  x{len(bs)} ({len(dtbs)} DTBs: {', '.join(dtbs[:3])})\n"
              f"    {shlex.join(bs[0][0].argv(shown))}")
    if bugs:
        print(f"{len(bugs)} BUG outcomes, each with its command in {args.report}")
    print(f"report: {args.report}")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())

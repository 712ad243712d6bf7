#!/usr/bin/env python3
"""Reads the serial log of a conformance boot (conformance/init.sh prints each
/proc file between "=====VMLAYOUT-BEGIN name=====" and "=====VMLAYOUT-END====="
markers) and writes observed.json: what the real kernel reported, plus the
figures derived from it that vmlayout predicts. See docs/conformance.md for
each figure and where it comes from.

Usage: extract.py SERIAL_LOG [--env board.env] [--config KCONFIG]
                  [-o observed.json] [--system-map OUT.System.map]
"""
import argparse
import gzip
import json
import os
import re
import shlex
import struct
import sys

# VMALLOC_END of 32-bit ARM (arch/arm/include/asm/pgtable.h, v6.1).
VMALLOC_END = 0xFF800000
# VMALLOC_OFFSET, the gap between high_memory and VMALLOC_START (same file).
VMALLOC_OFFSET = 8 << 20
PAGE_SHIFT = 12
# arm64 v6.1, 4K pages, VA_BITS 48 (Debian 12's arm64 config): PAGE_OFFSET =
# -2^48, KIMAGE_VADDR = MODULES_END = _PAGE_END(48) + MODULES_VSIZE (128 MiB)
# (arch/arm64/include/asm/memory.h, v6.1). Other builds: arm64_constants().
ARM64_PAGE_OFFSET = 0xFFFF000000000000
ARM64_KIMAGE_VADDR = 0xFFFF800008000000
PT_LOAD = 1
KERNEL_SYMBOLS = ["_text", "_stext", "_etext", "__start_rodata", "__end_rodata",
                  "__init_begin", "__init_end", "_sdata", "_edata",
                  "__bss_start", "__bss_stop", "_end"]


def hx(value):
    return None if value is None else "0x%x" % value


def sections(log_text):
    """name -> list of lines, from the BEGIN/END markers."""
    out, name, lines = {}, None, []
    for raw in log_text.splitlines():
        line = raw.rstrip("\r")
        m = re.fullmatch(r"=====VMLAYOUT-BEGIN (\S+)=====", line)
        if m:
            name, lines = m.group(1), []
        elif line == "=====VMLAYOUT-END=====" and name:
            out[name] = lines
            name = None
        elif name:
            lines.append(line)
    return out


def parse_meminfo(lines):
    info = {}
    for line in lines:
        m = re.match(r"(\S+):\s+(\d+)( kB)?$", line)
        if m:
            info[m.group(1)] = int(m.group(2))
    return info


def parse_zoneinfo(lines, page_shift=PAGE_SHIFT):
    """/proc/zoneinfo's zones; their pfns are in the build's pages
    (CONFIG_PAGE_SHIFT: 14 on Debian 13's arm64-16k)."""
    zones, zone = [], None
    for line in lines:
        m = re.match(r"Node (\d+), zone\s+(\S+)", line)
        if m:
            zone = {"node": int(m.group(1)), "name": m.group(2), "start_pfn": None}
            zones.append(zone)
            continue
        m = re.match(r"\s+(spanned|present|managed|cma)\s+(\d+)$", line)
        if zone is not None and m:
            zone[m.group(1)] = int(m.group(2))
        m = re.match(r"\s+start_pfn:\s+(\d+)$", line)
        if zone is not None and m:
            zone["start_pfn"] = int(m.group(1))
    for z in zones:
        if z["start_pfn"] is not None and z.get("spanned"):
            z["start_phys"] = hx(z["start_pfn"] << page_shift)
            z["end_phys"] = hx((z["start_pfn"] + z["spanned"]) << page_shift)
    return zones


def parse_iomem(lines):
    ram, kernel = [], {}
    for line in lines:
        m = re.match(r"(\s*)([0-9a-f]+)-([0-9a-f]+) : (.*)$", line)
        if not m:
            continue
        start, end, name = int(m.group(2), 16), int(m.group(3), 16) + 1, m.group(4)
        if not m.group(1) and name == "System RAM":
            ram.append({"start": hx(start), "end": hx(end)})
        elif name in ("Kernel code", "Kernel data"):
            kernel[name] = (start, end)
    return ram, kernel


# What arch_numa_init(), of_numa_init(), the distance table and
# build_zonelists() print on the console (drivers/base/arch_numa.c,
# drivers/of/of_numa.c, mm/numa_memblks.c, mm/numa.c, mm/page_alloc.c;
# v6.1, v6.12); v6.12's KERN_DEBUG "NUMA: Initialized distance table" is
# in dmesg only.
NUMA_MESSAGE = re.compile(
    r"(OF: NUMA: |NUMA: (?!Initialized distance table)|OF: size of distance-matrix |"
    r"\s*NODE_DATA\(|Fallback order for Node |Warning: (node ids are out of bound|"
    r"invalid distance parameter|can't allocate distance table)|too many memblk ranges)")


def parse_dmesg(lines):
    d = {"zone_ranges": [], "early_memory_node_ranges": [], "memblock_reserve": [],
         "memblock_free": [], "memblock_dump": {"memory": [], "reserved": []},
         "messages": [], "numa_messages": []}
    where = None
    for line in lines:
        text = re.sub(r"^\[\s*[\d.]+\] ", "", line)
        if text.startswith("Zone ranges:"):
            where = "zone_ranges"
            continue
        if text.startswith("Early memory node ranges"):
            where = "early_memory_node_ranges"
            continue
        if where and text.startswith("  "):
            if where == "zone_ranges" or "node" in text:
                d[where].append(text.strip())
            continue
        where = None
        m = re.match(r"memblock_reserve: \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] (\S+)", text)
        if m:
            add_reserve(d["memblock_reserve"], int(m.group(1), 16), int(m.group(2), 16) + 1,
                        m.group(3))
            continue
        m = re.match(r"(memblock_phys_free|memblock_free|memblock_remove): "
                     r"\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] (\S+)", text)
        if m:
            d["memblock_free"].append({"call": m.group(1), "base": hx(int(m.group(2), 16)),
                                       "end": hx(int(m.group(3), 16) + 1),
                                       "caller": m.group(4)})
            continue
        m = re.match(r"\s*(memory|reserved)\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\], "
                     r"(0x[0-9a-f]+) bytes (?:on node \d+ )?flags: (0x[0-9a-f]+)", text)
        if m:
            d["memblock_dump"][m.group(1)].append(
                {"base": hx(int(m.group(2), 16)), "size": hx(int(m.group(4), 16)),
                 "flags": hx(int(m.group(5), 16))})
            continue
        m = re.match(r"Memory: (\d+)K/(\d+)K available \((.*)\)$", text)
        if m:
            d["memory_line"] = parse_memory_line(text, m)
            continue
        m = re.match(r"Freeing (initrd memory|unused kernel image \(initmem\) memory): (\d+)K", text)
        if m:
            key = "freed_initrd_kB" if m.group(1).startswith("initrd") else "freed_initmem_kB"
            d[key] = int(m.group(2))
            continue
        if NUMA_MESSAGE.match(text):
            d["numa_messages"].append(text)
        if re.match(r"(cma: |OF: reserved mem|OF: fdt: |Reserved memory|Truncating|Ignoring|"
                     r"Consider using|vmalloc|Kernel command line|Linux version|"
                     r"Built \d+ zonelists|Initmem setup|Memory policy|LPAE|percpu: |"
                     r"software IO TLB: |Dentry cache hash table entries: |"
                     r"Inode-cache hash table entries: |crashkernel |Reserving \d+MB of memory at)",
                     text):
            d["messages"].append(text)
    return d


def add_reserve(out, base, end, caller):
    """One memblock_reserve line; a run of touching reservations from the
    same caller (arm64's page-table pages, taken one by one top-down) is kept
    as one entry with its "count", so the observation stays small."""
    last = out[-1] if out else None
    if last and last["caller"] == caller and (int(last["base"], 16) == end or
                                              int(last["end"], 16) == base):
        last["base"] = hx(min(base, int(last["base"], 16)))
        last["end"] = hx(max(end, int(last["end"], 16)))
        last["count"] = last.get("count", 1) + 1
        return
    out.append({"base": hx(base), "end": hx(end), "caller": caller})


def parse_memory_line(text, m):
    fields = {"text": text, "available_kB": int(m.group(1)), "total_kB": int(m.group(2))}
    for part in m.group(3).split(", "):
        pm = re.fullmatch(r"(\d+)K (.+)", part.strip())
        if pm:
            key = pm.group(2).replace("kernel code", "kernel_code").replace("-", "_")
            fields[key.replace(" ", "_") + "_kB"] = int(pm.group(1))
    return fields


def parse_kallsyms(lines):
    syms = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and re.fullmatch(r"[0-9a-f]{8}|[0-9a-f]{16}", parts[0]):
            syms[parts[2]] = int(parts[0], 16)
    return syms


def parse_debugfs_memblock(lines):
    out = []
    for line in lines:
        m = re.match(r"\s*\d+: (0x[0-9a-f]+)\.\.(0x[0-9a-f]+)", line)
        if m:
            out.append({"base": hx(int(m.group(1), 16)), "end": hx(int(m.group(2), 16) + 1)})
    return out


def read_kconfig(path):
    conf = {}
    if path:
        with open(path) as f:
            for line in f:
                m = re.match(r"(CONFIG_\w+)=(.*)$", line.strip())
                if m:
                    conf[m.group(1)] = m.group(2).strip('"')
    return conf


def read_env(path):
    env = {}
    if path:
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    env[k] = shlex.split(v)[0] if v else ""
    return env


def kernel_sections(kallsyms, kernel_res, memory_line, phys_offset, page_offset):
    """The section boundaries vmlayout reads from a System.map. kallsyms of a
    kernel without KALLSYMS_ALL has only text symbols (_stext, _etext); the
    rest comes from /proc/iomem (Kernel code = _text..__init_begin-1, Kernel
    data = _sdata.._end-1: arch/arm/kernel/setup.c request_standard_resources,
    v6.1) and from the sizes of the "Memory:" line (mm/page_alloc.c
    mem_init_print_info, v6.1), which are in whole KiB: _edata and __bss_start
    are then known to within 1 KiB only (docs/conformance.md)."""
    to_virt = lambda p: p - phys_offset + page_offset
    s = {}
    for name in ("_stext", "_etext"):
        if name in kallsyms:
            s[name] = kallsyms[name]
    if "Kernel code" in kernel_res:
        s["_text"] = to_virt(kernel_res["Kernel code"][0])
        s["__init_begin"] = to_virt(kernel_res["Kernel code"][1])
    if "Kernel data" in kernel_res:
        s["_sdata"] = to_virt(kernel_res["Kernel data"][0])
        s["_end"] = to_virt(kernel_res["Kernel data"][1])
    ml = memory_line or {}
    if "_etext" in s and "rodata_kB" in ml:
        # RO_DATA follows _etext, which STRICT_KERNEL_RWX aligns to a section
        # (arch/arm/kernel/vmlinux.lds.S, v6.1).
        s["__start_rodata"] = s["_etext"]
        s["__end_rodata"] = s["_etext"] + ml["rodata_kB"] * 1024
    if "__init_begin" in s and "init_kB" in ml:
        s["__init_end"] = s["__init_begin"] + ml["init_kB"] * 1024
    if "_sdata" in s and "rwdata_kB" in ml:
        s["_edata"] = s["_sdata"] + ml["rwdata_kB"] * 1024
        s["__bss_start"] = s["_edata"]
    if "_end" in s:
        s["__bss_stop"] = s["_end"]
    return s


def per_cpu_symbols(syms, messages):
    """__per_cpu_start and __per_cpu_end for the derived System.map: the
    boot's "percpu: Embedded N pages/cpu sS ..." line gives their difference,
    S, the static size (mm/percpu.c pcpu_embed_first_chunk()); where they lie
    is not known (kallsyms has text symbols only), so __per_cpu_start is put
    at __init_begin (arm, arm64 and riscv64 keep .data..percpu in the init
    section): only the difference is real (docs/conformance.md)."""
    for m in messages:
        found = re.match(r"percpu: Embedded \d+ pages/cpu s(\d+) ", m)
        if found and "__init_begin" in syms:
            start = syms["__init_begin"]
            return {"__per_cpu_start": start, "__per_cpu_end": start + int(found.group(1))}
    return {}


def write_system_map(path, syms):
    tmp = path + ".tmp"
    width = 16 if any(v >> 32 for v in syms.values()) else 8
    with open(tmp, "w") as f:
        for name, value in sorted(syms.items(), key=lambda kv: (kv[1], kv[0])):
            kind = "T" if name in ("_text", "_stext", "__init_begin") else "D"
            f.write("%0*x %s %s\n" % (width, value, kind, name))
    os.replace(tmp, path)


def check_against_dbg_map(derived, dbg_path):
    """Differences between the derived boundaries and the -dbg System.map."""
    if not dbg_path or not os.path.exists(dbg_path):
        return None
    real = {}
    with open(dbg_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] in KERNEL_SYMBOLS:
                real[parts[2]] = int(parts[0], 16)
    return {name: {"derived": hx(derived.get(name)), "dbg": hx(real.get(name))}
            for name in KERNEL_SYMBOLS if derived.get(name) != real.get(name)}


def derive(meminfo, zones, kernel_reserve_base, kallsyms, conf):
    page_offset = int(conf.get("CONFIG_PAGE_OFFSET", "0xC0000000"), 16)
    d = {"page_offset": hx(page_offset), "vmalloc_end": hx(VMALLOC_END)}
    if "VmallocTotal" in meminfo:
        d["vmalloc_start"] = hx(VMALLOC_END - meminfo["VmallocTotal"] * 1024)
    # PHYS_OFFSET is patched at boot (ARM_PATCH_PHYS_VIRT): the kernel reserve
    # of arm_memblock_init starts at __pa(_stext).
    phys_offset = None
    if kernel_reserve_base is not None and "_stext" in kallsyms:
        phys_offset = kernel_reserve_base - (kallsyms["_stext"] - page_offset)
        d["phys_offset"] = hx(phys_offset)
    low = [z for z in zones if z["name"] in ("DMA", "DMA32", "Normal")
           and z.get("spanned") and z["start_pfn"] is not None]
    if low:
        limit = max((z["start_pfn"] + z["spanned"]) << PAGE_SHIFT for z in low)
        d["lowmem_limit_phys"] = hx(limit)
        if phys_offset is not None:
            hm = page_offset + (limit - phys_offset)
            d["high_memory"] = hx(hm)
            # VMALLOC_START = ALIGN(high_memory + VMALLOC_OFFSET, VMALLOC_OFFSET)
            # (arch/arm/include/asm/pgtable.h, v6.1): a cross-check of the two.
            if "vmalloc_start" in d:
                expect = (hm + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1)
                d["high_memory_consistent_with_vmalloc_start"] = \
                    expect == int(d["vmalloc_start"], 16)
    return d, page_offset, phys_offset


def parse_kcore_head(lines):
    """The PT_LOAD program headers of /proc/kcore (ELF64, little-endian) from
    the hex bytes init.sh printed: [{"vaddr", "paddr", "size"}]. paddr is
    None for the vmalloc, modules and vmemmap entries (p_paddr = -1:
    fs/proc/kcore.c elf_kcore_store_hdr, v6.1)."""
    data = bytes(int(b, 16) for line in lines for b in line.split())
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2:
        return []
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    out = []
    for i in range(phnum):
        off = phoff + i * phentsize
        if off + 56 > len(data):
            break
        p_type, _flags, _off, vaddr, paddr, _filesz, memsz, _align = \
            struct.unpack_from("<IIQQQQQQ", data, off)
        if p_type == PT_LOAD:
            out.append({"vaddr": vaddr, "paddr": None if paddr == (1 << 64) - 1 else paddr,
                        "size": memsz})
    return out


def arm64_constants(conf, release):
    """(PAGE_OFFSET, KIMAGE_VADDR) of an arm64 build (asm/memory.h):
    PAGE_OFFSET = -2^VA_BITS (the build's VA_BITS: 0xfff0000000000000 for
    Debian 13's 52-bit LPA2 build, whatever the CPU runs at); KIMAGE_VADDR =
    MODULES_END = _PAGE_END(VA_BITS_MIN) + MODULES_VSIZE, 128 MiB in v6.1,
    2 GiB since commit 3e35d303ab7d "arm64: module: rework module VA range
    selection" (the v6.5 merge window; not checked against a tag; v6.12
    has SZ_2G). VA_BITS_MIN is 48 for a 52-bit 4K
    build (47 with 16K pages), else VA_BITS."""
    va_bits = int(conf.get("CONFIG_ARM64_VA_BITS", "48"))
    va_min = va_bits
    if va_bits == 52:
        va_min = 47 if conf.get("CONFIG_ARM64_16K_PAGES") == "y" else 48
    m = re.match(r"(\d+)\.(\d+)", release or "")
    new = m is not None and (int(m.group(1)), int(m.group(2))) >= (6, 5)
    page_end = (1 << 64) - (1 << (va_min - 1))
    return ((1 << 64) - (1 << va_bits), page_end + ((2 << 30) if new else (128 << 20)))


def derive_arm64(kcore, kallsyms, dmesg, dtb_phys, dtb_size, consts=None):
    """arm64 figures from /proc/kcore's program headers: the image entry
    (KCORE_TEXT: _text, _end - _text, __pa_symbol(_text)), the RAM entries
    (KCORE_RAM: each System RAM range at its linear address) and the vmalloc
    entry (KCORE_VMALLOC: [VMALLOC_START, VMALLOC_END)), fs/proc/kcore.c v6.1
    and v6.12. consts: arm64_constants() (default: v6.1's 48-bit build)."""
    page_offset, kimage_vaddr = consts or (ARM64_PAGE_OFFSET, ARM64_KIMAGE_VADDR)
    d = {"page_offset": hx(page_offset), "kimage_vaddr": hx(kimage_vaddr)}
    image = [e for e in kcore if e["paddr"] is not None and e["vaddr"] >= kimage_vaddr]
    ram = sorted((e for e in kcore if e["paddr"] is not None and e["vaddr"] < kimage_vaddr),
                 key=lambda e: e["vaddr"])
    virtual = [e for e in kcore if e["paddr"] is None]
    if image:
        t = image[0]
        d["text_va"], d["text_pa"], d["image_size"] = hx(t["vaddr"]), hx(t["paddr"]), hx(t["size"])
        d["kaslr_offset"] = hx(t["vaddr"] - kimage_vaddr)
        d["kimage_voffset"] = hx(t["vaddr"] - t["paddr"])
    if ram:
        # __phys_to_virt(pa) = (pa - PHYS_OFFSET) | PAGE_OFFSET, so
        # memstart_addr = pa - (va - PAGE_OFFSET), modulo 2^64.
        d["phys_offset"] = hx((ram[0]["paddr"] - (ram[0]["vaddr"] - page_offset))
                              % (1 << 64))
        d["linear_start"] = hx(ram[0]["vaddr"])
        # high_memory = __va(memblock_end_of_DRAM() - 1) + 1 (mm/init.c v6.1):
        # the end of the last System RAM entry.
        d["high_memory"] = hx(ram[-1]["vaddr"] + ram[-1]["size"])
        d["linear_ranges"] = [{"va": hx(e["vaddr"]), "pa": hx(e["paddr"]), "size": hx(e["size"])}
                              for e in ram]
    if virtual:
        v = max(virtual, key=lambda e: e["size"])
        d["vmalloc_start"], d["vmalloc_end"] = hx(v["vaddr"]), hx(v["vaddr"] + v["size"])
    # The DT blob: reserved by setup_machine_fdt() where QEMU put it.
    if dtb_phys:
        base = int(dtb_phys, 16)
        d["dtb_reserved_at_dtb_phys"] = any(
            int(r["base"], 16) <= base and base + int(dtb_size or "0", 16) <=
            int(r["base"], 16) + int(r["size"], 16) for r in dmesg["memblock_dump"]["reserved"])
    return d


def kernel_sections_arm64(kallsyms, derived, memory_line):
    """The image's section boundaries at their link addresses (the KASLR
    offset taken off), for vmlayout's --system-map. Debian's arm64 package
    ships no System.map and its kallsyms has text symbols only (no
    KALLSYMS_ALL): _stext, _etext, __init_begin come from kallsyms; _text
    and _end from kcore's image entry; the rest from arch/arm64/kernel/
    vmlinux.lds.S (v6.1) and the "Memory:" line's sizes (mm/page_alloc.c
    mem_init_print_info): __start_rodata = _etext (RO_DATA right after the
    SEGMENT_ALIGNed _etext), __end_rodata = it + rodata (page aligned, so
    exact), __init_end = _sdata = __init_begin + init (SEGMENT_ALIGNed,
    exact), _edata = _sdata + rwdata (to within 1 KiB), __bss_start =
    _edata rounded up to a page (.bss holds page-aligned objects) and
    __bss_stop = __bss_start + bss (to within 1 KiB). Checked against the
    -dbg package's vmlinux (fetch.sh --arch arm64 --dbg): all exact but
    _edata (-0x200) and __bss_stop (-0x1d8); docs/conformance.md."""
    if "text_va" not in derived:
        return {}
    off = int(derived["kaslr_offset"], 16)
    s = {"_text": int(derived["text_va"], 16) - off}
    s["_end"] = s["_text"] + int(derived["image_size"], 16)
    # the KPTI trampoline's text (TRAMP_TEXT, page aligned at both ends),
    # when kallsyms lists it
    for name in ("_stext", "_etext", "__init_begin", "__entry_tramp_text_start",
                 "__entry_tramp_text_end"):
        if name in kallsyms:
            s[name] = kallsyms[name] - off
    ml = memory_line or {}
    if "_etext" in s and "rodata_kB" in ml:
        s["__start_rodata"] = s["_etext"]
        s["__end_rodata"] = s["_etext"] + ml["rodata_kB"] * 1024
    if "__init_begin" in s and "init_kB" in ml:
        s["__init_end"] = s["__init_begin"] + ml["init_kB"] * 1024
        s["_sdata"] = s["__init_end"]
        if "rwdata_kB" in ml:
            s["_edata"] = s["_sdata"] + ml["rwdata_kB"] * 1024
            s["__bss_start"] = (s["_edata"] + 0xFFF) & ~0xFFF
            if "bss_kB" in ml:
                s["__bss_stop"] = s["__bss_start"] + ml["bss_kB"] * 1024
    # A KALLSYMS_ALL build (Debian 13's 6.12) lists the data symbols too:
    # those are exact and replace the derived ones.
    for name in KERNEL_SYMBOLS + ["_data"]:
        if name in kallsyms and name not in ("_text", "_end"):
            s[name] = kallsyms[name] - off
    return s


def console_kernel_log(log_text):
    """The kernel's messages as the console printed them before /init's
    first section (earlycon: complete from the first line), or None when the
    console did not start at the beginning. Firmware output before the
    kernel's first line (OpenSBI) is left out."""
    lines, start = [], None
    for raw in log_text.splitlines():
        line = raw.rstrip("\r")
        if line.startswith("=====VMLAYOUT-BEGIN"):
            break
        if start is None and re.match(r"\[\s*0\.000000\] (Booting Linux|Linux version)", line):
            start = len(lines)
        lines.append(line)
    if start is not None and not any("printk messages dropped" in line for line in lines):
        return lines[start:]
    return None


def derive_riscv64(kcore, kallsyms, log_text):
    """riscv64 figures from /proc/kcore (as arm64): the image entry at _text
    (the kernel mapping, 6.12: the last 2 GiB), the RAM entries (the linear
    map: phys_ram_base at PAGE_OFFSET, arch/riscv/mm/init.c v6.12), the
    vmalloc entry; the paging mode from PAGE_OFFSET (asm/page.h
    PAGE_OFFSET_L3/L4/L5); where OpenSBI put the DT ("Domain0 Next Arg1")."""
    d = {}
    text = kallsyms.get("_text")
    image = [e for e in kcore if e["paddr"] is not None and e["vaddr"] == text]
    ram = sorted((e for e in kcore if e["paddr"] is not None and e["vaddr"] != text),
                 key=lambda e: e["vaddr"])
    virtual = [e for e in kcore if e["paddr"] is None]
    if image:
        t = image[0]
        d["text_va"], d["text_pa"], d["image_size"] = hx(t["vaddr"]), hx(t["paddr"]), hx(t["size"])
        d["va_kernel_pa_offset"] = hx(t["vaddr"] - t["paddr"])
    if ram:
        d["phys_offset"] = hx(ram[0]["paddr"])  # phys_ram_base
        d["page_offset"] = d["linear_start"] = hx(ram[0]["vaddr"])
        d["satp_mode"] = {0xFFFFFFD600000000: "sv39", 0xFFFFAF8000000000: "sv48",
                          0xFF60000000000000: "sv57"}.get(ram[0]["vaddr"], "?")
        d["high_memory"] = hx(ram[-1]["vaddr"] + ram[-1]["size"])
        d["linear_ranges"] = [{"va": hx(e["vaddr"]), "pa": hx(e["paddr"]), "size": hx(e["size"])}
                              for e in ram]
    if virtual:
        v = max(virtual, key=lambda e: e["size"])
        d["vmalloc_start"], d["vmalloc_end"] = hx(v["vaddr"]), hx(v["vaddr"] + v["size"])
    m = re.search(r"Domain0 Next Arg1\s*:\s*(0x[0-9a-f]+)", log_text)
    if m:
        d["opensbi_dtb_phys"] = hx(int(m.group(1), 16))
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--env")
    ap.add_argument("--config")
    ap.add_argument("-o", "--output")
    ap.add_argument("--system-map")
    ap.add_argument("--fdt-out", help="write the DT blob the kernel booted with here")
    args = ap.parse_args()
    with open(args.log, errors="replace") as f:
        log_text = f.read()
    sec = sections(log_text)
    missing = [n for n in ("meminfo", "zoneinfo", "iomem", "dmesg", "cmdline") if n not in sec]
    if missing:
        sys.exit("extract.py: %s: no %s section in the serial log" % (args.log, ", ".join(missing)))
    env = read_env(args.env)
    conf = read_kconfig(args.config or env.get("CONFIG"))
    meminfo = parse_meminfo(sec["meminfo"])
    page_shift = int(conf.get("CONFIG_PAGE_SHIFT", str(PAGE_SHIFT)))
    zones = parse_zoneinfo(sec["zoneinfo"], page_shift)
    ram, kernel_res = parse_iomem(sec["iomem"])
    # The ring buffer (128 KiB) loses the first memblock=debug lines of a
    # large arm64 board; the earlycon console has them all.
    console = console_kernel_log(log_text)
    dmesg = parse_dmesg(console if console is not None else sec["dmesg"])
    kallsyms = parse_kallsyms(sec.get("kallsyms", []))
    if env.get("FLAVOUR") == "riscv64":
        derived = derive_riscv64(parse_kcore_head(sec.get("kcore_head", [])), kallsyms, log_text)
        # KALLSYMS_ALL: the section symbols themselves (no KASLR in
        # Debian's riscv64 build: RANDOMIZE_BASE is not set).
        syms = {k: v for k, v in kallsyms.items()
                if k in KERNEL_SYMBOLS + ["_data", "__init_data_begin"]}
        if args.fdt_out and sec.get("fdt_gz"):
            data = bytes(int(b, 16) for line in sec["fdt_gz"] for b in line.split())
            with open(args.fdt_out, "wb") as f:
                f.write(gzip.decompress(data))
    elif (env.get("FLAVOUR") or "").startswith("arm64"):
        derived = derive_arm64(parse_kcore_head(sec.get("kcore_head", [])), kallsyms, dmesg,
                               env.get("DTB_PHYS"), env.get("DTB_SIZE"),
                               arm64_constants(conf, env.get("KERNEL_RELEASE")))
        syms = kernel_sections_arm64(kallsyms, derived, dmesg.get("memory_line"))
    else:
        kres = [r for r in dmesg["memblock_reserve"]
                if r["caller"].startswith("arm_memblock_init")]
        kbase = int(kres[0]["base"], 16) if kres else None
        derived, page_offset, phys_offset = derive(meminfo, zones, kbase, kallsyms, conf)
        syms = kernel_sections(kallsyms, kernel_res, dmesg.get("memory_line"),
                               phys_offset or 0, page_offset) if phys_offset is not None else {}

    obs = {
        "board": env.get("BOARD"),
        "description": env.get("DESCRIPTION"),
        "flavour": env.get("FLAVOUR"),
        "kernel_release": env.get("KERNEL_RELEASE"),
        "package_version": env.get("PACKAGE_VERSION"),
        "qemu_mem": env.get("MEM"),
        "qemu_machine": env.get("MACHINE"),
        "qemu_cpu": env.get("CPU"),
        "qemu_cpu_pa_bits": int(env["CPU_PA_BITS"]) if env.get("CPU_PA_BITS") else None,
        "qemu_cpu_va_bits": int(env["CPU_VA_BITS"]) if env.get("CPU_VA_BITS") else None,
        "qemu_cpu_satp_bits": int(env["CPU_SATP_BITS"]) if env.get("CPU_SATP_BITS") else None,
        "page_shift": page_shift,
        "cmdline": " ".join(sec["cmdline"]).strip(),
        "dtb_phys": env.get("DTB_PHYS"),
        "dtb_totalsize": env.get("DTB_SIZE"),
        "uname": " ".join(sec.get("uname", [])).strip(),
        "meminfo_kB": {k: meminfo.get(k) for k in
                       ("MemTotal", "LowTotal", "HighTotal", "VmallocTotal", "CmaTotal", "MemFree")},
        "zones": zones,
        "derived": derived,
        "zone_ranges": dmesg["zone_ranges"],
        "early_memory_node_ranges": dmesg["early_memory_node_ranges"],
        "memory_line": dmesg.get("memory_line"),
        "freed_initrd_kB": dmesg.get("freed_initrd_kB"),
        "freed_initmem_kB": dmesg.get("freed_initmem_kB"),
        "memblock_reserve": dmesg["memblock_reserve"],
        "memblock_free": dmesg["memblock_free"],
        "memblock_dump": dmesg["memblock_dump"],
        "memblock_debugfs": {"memory": parse_debugfs_memblock(sec.get("memblock_memory", [])),
                             "reserved": parse_debugfs_memblock(sec.get("memblock_reserved", []))},
        "iomem_system_ram": ram,
        "kernel_sections": {k: hx(v) for k, v in sorted(syms.items(), key=lambda kv: kv[1])},
        "kallsyms": {k: hx(v) for k, v in kallsyms.items()},
        "messages": dmesg["messages"],
        "numa_messages": dmesg["numa_messages"],
    }
    if args.system_map and syms:
        write_system_map(args.system_map, dict(syms, **per_cpu_symbols(syms, dmesg["messages"])))
        diff = check_against_dbg_map(syms, args.system_map.replace(".System.map", ".dbg.System.map"))
        if diff is not None:
            obs["kernel_sections_vs_dbg"] = diff
    text = json.dumps(obs, indent=1) + "\n"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()

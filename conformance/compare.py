#!/usr/bin/env python3
"""Compares vmlayout's prediction for each booted board with what the real
kernel reported (observed.json, from extract.py).

For each board directory (conformance/out/<board>, written by boot.sh) it runs

  vmlayout layout --dtb board.dtb --kernel 6.1 --config CONFIG
      --system-map FLAVOUR.System.map --format json --cmdline "APPEND"
      --dtb-phys DTB_PHYS

and prints one line per check, "ok|FAIL <board> <figure> predicted X observed Y",
then "N passed, N failed". Exact: VMALLOC_START, high_memory, the lowmem limit,
each zone's start and end, the "Memory:" line's total, code, CMA, highmem
and available + reserved (its section sizes within 1 KiB; a v6.11+ armhf
kernel prints the line late: reserved + MemTotal instead, available as
info), the "Early memory
node ranges" lines, with several NUMA nodes each node's zones (span and
present pages), the NUMA messages (extract.py NUMA_MESSAGE; NODE_DATA's
address left out), setup_per_cpu_areas()'s "percpu: Embedded ..." line
and the "software IO TLB: ..." lines (the buffer's address left out) when
the observation has them (the swiotlb lines on arm64 only). Within 0.5 %:
MemTotal and the line's "available". LowTotal, HighTotal and the
zones' present pages are printed as "info" lines, not counted.

Usage: compare.py [--vmlayout PATH] [--predicted FILE] [--report FILE] BOARD_DIR...
  --predicted FILE  use FILE as vmlayout's JSON instead of running vmlayout
                    (one board only; for testing this script)
  --report FILE     also write the checks as a Markdown table
Exit status: 0 when every check passed, 1 otherwise.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

from extract import NUMA_MESSAGE  # the one definition of what counts

MEMTOTAL_TOLERANCE = 0.005
# The flavours whose early memblock allocations vmlayout reproduces to the
# byte (the unflattened DT, the command-line copies, every page table):
# their MemTotal and "available" must be exact. The others keep
# MEMTOTAL_TOLERANCE for what is not modelled (docs/conformance.md).
MEMTOTAL_EXACT_FLAVOURS = {
    # 32-bit ARM, Debian 12's 6.1 and Debian 13's 6.12 (docs/arm32.md,
    # tests/conformance/test_early_allocs.sh)
    "armmp", "armmp-lpae", "armmp-6.12", "armmp-lpae-6.12",
    # riscv64, Debian 13's 6.12 (docs/riscv64.md): MemTotal only, its
    # "available" is information (printed after the slab caches' pages)
    "riscv64",
    # arm64, Debian 12's 6.1 and Debian 13's 6.12 (docs/arm64.md "The early
    # allocations, to the byte")
    "arm64", "arm64-6.12",
    # and its 16K-page build (the same rules at 16K: exact on all nine boards)
    "arm64-16k-6.12",
    # and its cloud build (all nine boards). Not its PREEMPT_RT build: there
    # MemTotal is within a page (4 of 9 boards +-4 kB): its pg_data_t is
    # 0x200 bytes larger (spinlock_t an rt_mutex_base), docs/conformance.md
    "arm64-cloud-6.12",
}


# The flavours whose run-time memblock.reserved list is information only:
# PREEMPT_RT's pg_data_t is 0x200 bytes larger than the size vmlayout
# takes (docs/conformance.md), so its small allocations below NODE_DATA sit
# 0x200 lower than vmlayout's.
RESERVED_RUNTIME_INFO_FLAVOURS = {"arm64-rt-6.12"}


def memtotal_tolerance(flavour):
    return 0 if flavour in MEMTOTAL_EXACT_FLAVOURS else MEMTOTAL_TOLERANCE
ZONES = ("DMA", "Normal", "HighMem")
ZONES_64 = ("DMA", "DMA32", "Normal")


def num(value):
    """A JSON figure ("0x..." string or number) as an int; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        return int(value, 0)
    return int(value)


def hx(value):
    return "-" if value is None else "0x%x" % value


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                env[key] = shlex.split(value)[0] if value else ""
    return env


# vmlayout's --kernel profile of each flavour: Debian 12's armhf and arm64
# kernels are 6.1, Debian 13's riscv64, arm64 and armhf ones 6.12.
PROFILE = {"riscv64": "6.12", "arm64-6.12": "6.12", "arm64-16k-6.12": "6.12",
           "arm64-rt-6.12": "6.12", "arm64-cloud-6.12": "6.12",
           "armmp-6.12": "6.12", "armmp-lpae-6.12": "6.12"}


def vmlayout_command(vmlayout, env, obs=None):
    cmd = [vmlayout, "layout", "--dtb", env["DTB"], "--kernel", PROFILE.get(env.get("FLAVOUR"), "6.1"),
           "--config", env["CONFIG"], "--system-map", env["SYSTEM_MAP"],
           "--format", "json", "--cmdline", env["APPEND"], "--dtb-phys", env["DTB_PHYS"]]
    if env.get("FLAVOUR") == "riscv64":
        cmd[2:2] = ["--arch", "riscv64"]
        # The widest satp mode the CPU takes: QEMU 7.2's rv64 takes sv57
        # while its DT says "riscv,sv48" (6.12 probes, docs/riscv64.md).
        if obs.get("qemu_cpu_satp_bits"):
            cmd += ["--set", "CPU_SATP_BITS=%d" % obs["qemu_cpu_satp_bits"]]
    elif env.get("FLAVOUR", "").startswith("arm64"):
        # Where QEMU loaded the Image (__pa_symbol(_text), from kcore) and
        # its size; the System.map gives the section boundaries.
        d = obs["derived"]
        cmd[2:2] = ["--arch", "arm64"]
        cmd += ["--kernel-image", "%s@%s" % (d["image_size"], d["text_pa"])]
        # The CPU's PARange, which the DT does not carry (KASLR's linear
        # range: docs/arm64.md).
        if obs.get("qemu_cpu_pa_bits"):
            cmd += ["--set", "CPU_PA_BITS=%d" % obs["qemu_cpu_pa_bits"]]
        # Its VA reach: a 52-bit LPA2 build runs at 48 bits on a CPU
        # without LPA2 (the Cortex-A57; boot.sh).
        if obs.get("qemu_cpu_va_bits"):
            cmd += ["--set", "CPU_VA_BITS=%d" % obs["qemu_cpu_va_bits"]]
    return cmd


def predict(vmlayout, env, predicted_file, obs=None):
    """vmlayout's JSON for the board, or (None, error sentence)."""
    if predicted_file:
        with open(predicted_file) as f:
            return json.load(f), None
    cmd = vmlayout_command(vmlayout, env, obs)
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "cannot run %s: %s" % (vmlayout, e)
    if run.returncode != 0:
        return None, "vmlayout exited with %d: %s" % (run.returncode, run.stderr.strip()[:300])
    try:
        return json.loads(run.stdout), None
    except ValueError as e:
        return None, "vmlayout printed no valid JSON (%s)" % e


def predicted_vmalloc_start(pred):
    if "vmalloc_start" in pred:
        return num(pred["vmalloc_start"])
    for r in pred.get("regions", []):
        if r.get("name") == "vmalloc":
            return num(r["start"])
    return None


def zone_span(zones, name, start_key, end_key):
    """(start, end) of a populated zone, or None for an absent/empty zone;
    a zone on several NUMA nodes spans from its lowest start to its highest
    end (the "Zone ranges:" line)."""
    spans = []
    for z in zones:
        if z.get("name") == name:
            start, end = num(z.get(start_key)), num(z.get(end_key))
            if start is not None and end is not None and end > start:
                spans.append((start, end))
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def zone_present(zones, name, key):
    """A zone's present pages, summed over the nodes; None when absent."""
    found = [num(z.get(key)) or 0 for z in zones if z.get("name") == name]
    return sum(found) if found else None


def compare_nodes(checks, board, pred, obs, names):
    """NUMA: each node's zones (span and present pages), when the kernel
    had more than one node (observed zones carry "node")."""
    obs_nodes = sorted({z.get("node", 0) for z in obs["zones"]})
    if len(obs_nodes) < 2:
        return
    pred_nodes = {n["id"]: n for n in pred.get("nodes", [])}
    checks.record(board, "numa_nodes", sorted(pred_nodes) == obs_nodes,
                  str(sorted(pred_nodes)), str(obs_nodes))
    fmt = lambda s: "empty" if s is None else "%s-%s" % (hx(s[0]), hx(s[1]))
    for nid in obs_nodes:
        oz = [z for z in obs["zones"] if z.get("node", 0) == nid]
        pz = pred_nodes.get(nid, {}).get("zones", [])
        for name in names:
            p = zone_span(pz, name, "start_phys", "end_phys")
            o = zone_span(oz, name, "start_phys", "end_phys")
            checks.record(board, "node%d_zone_%s" % (nid, name), p == o, fmt(p), fmt(o))
            p, o = zone_present(pz, name, "present_pages"), zone_present(oz, name, "present")
            if p or o:
                checks.exact(board, "node%d_zone_%s_present_pages" % (nid, name), p, o)


def numa_message_key(text):
    """A NUMA message as compared: NODE_DATA's [mem ...] left out (node 1's
    lands higher than the kernel's: the small allocations vmlayout does not
    model at the top of RAM, docs/arm64.md "NUMA")."""
    text = text.rstrip("\n")
    if "NODE_DATA" in text:
        text = re.sub(r"\[mem 0x[0-9a-f]+-0x[0-9a-f]+\]", "[mem ...]", text)
    return text


def compare_percpu_line(checks, board, pred, obs):
    """setup_per_cpu_areas()'s "percpu: Embedded N pages/cpu sS rR dD uU"
    (mm/percpu.c pcpu_embed_first_chunk()), exact, when the observation
    has it (extract.py keeps "percpu: " lines since it was added)."""
    compare_lines(checks, board, pred, obs, "percpu_line", ("percpu: ",))


def compare_swiotlb_lines(checks, board, pred, obs):
    """kernel/dma/swiotlb.c's "software IO TLB: ..." lines in order (the
    size adjusted, the areas, the buffer: swiotlb_adjust_size(),
    swiotlb_adjust_nareas(), swiotlb_print_info()), when the observation
    has them (extract.py keeps them since the arm64 6.12 boards); the
    buffer's [mem ...] is left out of the check and shown as info: where it
    lands depends on the small allocations vmlayout does not model."""
    o = [m for m in obs.get("messages", []) if m.startswith("software IO TLB: ")]
    if not o:
        return
    p = [m.rstrip("\n") for m in pred.get("kernel_messages", [])
         if m.startswith("software IO TLB: ")]
    mask = lambda ms: [re.sub(r"\[mem 0x[0-9a-f]+-0x[0-9a-f]+\]", "[mem ...]", m) for m in ms]
    checks.record(board, "swiotlb_lines", mask(p) == mask(o), " | ".join(mask(p)) or "none",
                  " | ".join(mask(o)))
    if p != o:
        checks.info(board, "swiotlb_mem", " | ".join(p), " | ".join(o))


def compare_lines(checks, board, pred, obs, figure, keys):
    """The kernel's lines that start with one of @keys, in order and exact,
    when the observation has them (extract.py keeps each kind since it was
    added)."""
    o = [m for m in obs.get("messages", []) if m.startswith(keys)]
    if not o:
        return
    p = [m.rstrip("\n") for m in pred.get("kernel_messages", []) if m.startswith(keys)]
    checks.record(board, figure, p == o, " | ".join(p) or "none", " | ".join(o))


def compare_hash_lines(checks, board, pred, obs):
    """The dentry and inode hash tables' lines (alloc_large_system_hash():
    "linear" from memblock, "vmalloc" or "vmalloc hugepage" with hashdist,
    vml_vfs_caches_init_late()); kept since December 2026."""
    compare_lines(checks, board, pred, obs, "hash_table_lines",
                  ("Dentry cache hash table entries: ", "Inode-cache hash table entries: "))


def compare_crashkernel_lines(checks, board, pred, obs):
    """The crash kernel's lines (reserve_crashkernel_generic()'s "crashkernel
    reserved: ..." and "crashkernel low memory reserved: ...", arm's
    "Reserving NMB of memory at ..."); kept since December 2026."""
    compare_lines(checks, board, pred, obs, "crashkernel_lines", ("crashkernel ", "Reserving "))


def compare_numa_messages(checks, board, pred, obs):
    """The NUMA messages in order (extract.py NUMA_MESSAGE), when the
    observation has them (boards recorded since they were extracted)."""
    if "numa_messages" not in obs:
        return
    p = [numa_message_key(m) for m in pred.get("kernel_messages", []) if NUMA_MESSAGE.match(m)]
    o = [numa_message_key(m) for m in obs["numa_messages"]]
    checks.record(board, "numa_messages", p == o, " | ".join(p), " | ".join(o))


class Checks:
    def __init__(self):
        self.passed = self.failed = 0
        self.rows = []

    def exact(self, board, figure, predicted, observed):
        self.record(board, figure, predicted == observed and observed is not None,
                    hx(predicted), hx(observed))

    def within(self, board, figure, predicted, observed, tolerance):
        ok = predicted is not None and observed and \
            abs(predicted - observed) <= tolerance * observed
        self.record(board, figure, ok, str(predicted), str(observed),
                    diff(predicted, observed))

    def record(self, board, figure, ok, predicted, observed, note=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        self.line("ok" if ok else "FAIL", board, figure, predicted, observed, note)

    def info(self, board, figure, predicted, observed, note=""):
        self.line("info", board, figure, predicted, observed, note)

    def line(self, status, board, figure, predicted, observed, note):
        text = "%s %s %s predicted %s observed %s" % (status, board, figure, predicted, observed)
        print(text + (" (%s)" % note if note else ""))
        self.rows.append((status, board, figure, predicted, observed, note))


def diff(predicted, observed):
    if predicted is None or not observed:
        return ""
    return "%+d, %+.3f%%" % (predicted - observed, 100.0 * (predicted - observed) / observed)


def compare_board(checks, board, pred, obs, skip):
    derived = obs["derived"]
    checks.exact(board, "VMALLOC_START", predicted_vmalloc_start(pred),
                 num(derived.get("vmalloc_start")))
    if "high_memory" not in skip:
        checks.exact(board, "high_memory", num(pred.get("high_memory")),
                     num(derived.get("high_memory")))
    checks.exact(board, "lowmem_limit", num(pred.get("lowmem_limit_phys")),
                 num(derived.get("lowmem_limit_phys")))
    for name in ZONES:
        p = zone_span(pred.get("zones", []), name, "start_phys", "end_phys")
        o = zone_span(obs["zones"], name, "start_phys", "end_phys")
        fmt = lambda s: "empty" if s is None else "%s-%s" % (hx(s[0]), hx(s[1]))
        checks.record(board, "zone_%s" % name, p == o, fmt(p), fmt(o))
    totals = pred.get("totals_kB", {})
    meminfo = obs["meminfo_kB"]
    checks.within(board, "MemTotal_kB", num(totals.get("MemTotal")), meminfo.get("MemTotal"),
                  memtotal_tolerance(obs.get("flavour")))
    for key in ("LowTotal", "HighTotal"):
        p, o = num(totals.get(key)), meminfo.get(key)
        checks.info(board, key + "_kB", p, o, diff(p, o))
    if PROFILE.get(obs.get("flavour")) == "6.12":
        compare_memory_line_late(checks, board, pred, obs)
    else:
        compare_memory_line(checks, board, pred.get("memory_line_kB"), obs.get("memory_line"),
                            memtotal_tolerance(obs.get("flavour")))
    compare_percpu_line(checks, board, pred, obs)
    compare_hash_lines(checks, board, pred, obs)
    compare_crashkernel_lines(checks, board, pred, obs)
    if obs.get("early_memory_node_ranges"):
        p = early_node_ranges(pred.get("memory", []), obs.get("page_shift", 12))
        checks.record(board, "early_memory_node_ranges", p == obs["early_memory_node_ranges"],
                      "; ".join(p), "; ".join(obs["early_memory_node_ranges"]))
    for name in ZONES:
        pz = [z for z in pred.get("zones", []) if z.get("name") == name]
        oz = [z for z in obs["zones"] if z.get("name") == name]
        p = num(pz[0].get("present_pages")) if pz else None
        o = oz[0].get("present") if oz else None
        if p or o:
            checks.info(board, "zone_%s_present_pages" % name, p, o)
    compare_memblock_dump(checks, board, pred, obs, True)
    compare_memblock_runtime(checks, board, pred, obs)


def zone_range_lines(zones):
    """free_area_init()'s "Zone ranges:" lines ("%-8s [mem %#018Lx-%#018Lx]"
    or "%-8s empty", mm/page_alloc.c v6.1) from predicted zones."""
    lines = []
    for z in zones:
        start, end = num(z.get("start_phys")), num(z.get("end_phys"))
        if start is None or end is None or end <= start:
            lines.append("%-8s empty" % z["name"])
        else:
            lines.append("%-8s [mem %#018x-%#018x]" % (z["name"], start, end - 1))
    return lines


def memblock_list(regions):
    return ["%#x+%#x/%#x" % (num(r["base"]), num(r["size"]), num(r["flags"])) for r in regions]


def compare_memblock_dump(checks, board, pred, obs, exact_reserved):
    """memblock=debug's "MEMBLOCK configuration:" (the arch's
    memblock_dump_all() point): the memory list exactly; the reserved list
    exactly on armhf, as information on arm64/riscv64, where the small
    early allocations before the dump (the unflattened DT, NUMA's node
    data, sparse's root) are not modelled byte for byte."""
    o, p = obs.get("memblock_dump"), pred.get("memblock_dump")
    if not o:
        return
    if not p:
        checks.record(board, "memblock_dump", False, "none", "present")
        return
    pm, om = memblock_list(p["memory"]), memblock_list(o["memory"])
    checks.record(board, "memblock_dump_memory", pm == om, "; ".join(pm), "; ".join(om))
    pr, orr = memblock_list(p["reserved"]), memblock_list(o["reserved"])
    if exact_reserved:
        checks.record(board, "memblock_dump_reserved", pr == orr, "; ".join(pr), "; ".join(orr))
    else:
        same = len(set(pr) & set(orr))
        checks.info(board, "memblock_dump_reserved", "; ".join(pr), "; ".join(orr),
                    "%d of %d observed regions equal" % (same, len(orr)))


def debugfs_list(regions):
    """memblock regions as "base-end" (end exclusive): extract.py keeps
    /sys/kernel/debug/memblock's lines ("%pa..%pa", inclusive end,
    mm/memblock.c memblock_debug_show() v6.1, v6.12) with end + 1."""
    return ["%#x-%#x" % (num(r["base"]), num(r["end"]) if "end" in r else
                         num(r["base"]) + num(r["size"])) for r in regions]


def compare_memblock_runtime(checks, board, pred, obs):
    """/sys/kernel/debug/memblock's memory and reserved lists, read once the
    boot is done (ARCH_KEEP_MEMBLOCK), against vmlayout's memory_runtime and
    reserved_runtime (its lists after memblock_free_all()'s
    memblock_clear_hotplug() and v6.12 memmap_init_reserved_pages(), and the
    memblock_free()s of free_initrd_mem() and arm64 v6.12 free_initmem():
    docs/json.md): exact, every flavour, when the observation has them;
    the reserved list as information on the flavours whose early
    allocations are not exact (RESERVED_RUNTIME_INFO_FLAVOURS)."""
    o = obs.get("memblock_debugfs")
    if not o:
        return
    for key, figure in (("memory", "memblock_memory_runtime"),
                        ("reserved", "memblock_reserved_runtime")):
        if key + "_runtime" not in pred:
            checks.record(board, figure, False, "none", "present")
            continue
        p, ol = debugfs_list(pred[key + "_runtime"]), debugfs_list(o.get(key, []))
        if key == "reserved" and obs.get("flavour") in RESERVED_RUNTIME_INFO_FLAVOURS:
            same = len(set(p) & set(ol))
            checks.info(board, figure, "; ".join(p), "; ".join(ol),
                        "%d of %d observed regions equal" % (same, len(ol)))
            continue
        checks.record(board, figure, p == ol, "; ".join(p), "; ".join(ol))


def compare_board_arm64(checks, board, pred, obs):
    """arm64: the layout from /proc/kcore (exact), the zones (exact), the
    "Zone ranges" and node lines (exact), MemTotal (0.5 %) and the "Memory:"
    line (docs/conformance.md)."""
    d = obs["derived"]
    riscv = obs.get("flavour") == "riscv64"
    segs = pred.get("linear_segments", [])
    region = {r["name"]: r for r in pred.get("regions", [])}
    kernel = region.get("kernel")
    figures = [
        ("phys_offset", num(pred.get("phys_offset")), num(d.get("phys_offset"))),
        ("linear_start", num(segs[0]["virt"]) if segs else None, num(d.get("linear_start"))),
        ("high_memory", num(pred.get("high_memory")), num(d.get("high_memory"))),
        ("VMALLOC_START", num(pred.get("vmalloc_start")), num(d.get("vmalloc_start"))),
        ("VMALLOC_END", num(pred.get("vmalloc_end")), num(d.get("vmalloc_end")))]
    if riscv:
        # PAGE_OFFSET names the paging mode; the kernel mapping's offset is
        # kernel_map.va_kernel_pa_offset (vmlayout's kimage_voffset).
        figures += [("PAGE_OFFSET", num(pred.get("page_offset")), num(d.get("page_offset"))),
                    ("va_kernel_pa_offset", num(pred.get("kimage_voffset")),
                     num(d.get("va_kernel_pa_offset")))]
    else:
        figures += [
            ("_text", num(kernel["start"]) if kernel else None, num(d.get("text_va"))),
            ("kimage_voffset", num(pred.get("kimage_voffset")), num(d.get("kimage_voffset")))]
    for figure, p, o in figures:
        checks.exact(board, figure, p, o)
    if d.get("opensbi_dtb_phys"):
        # where boot.sh computed QEMU put the DT, as OpenSBI reports it
        checks.exact(board, "dtb_phys", num(obs.get("dtb_phys")), num(d["opensbi_dtb_phys"]))
    p = [(num(x["virt"]), num(x["phys"]), num(x["size"])) for x in segs]
    o = [(num(x["va"]), num(x["pa"]), num(x["size"])) for x in d.get("linear_ranges", [])]
    fmt = lambda rs: "; ".join("%s@%s+%s" % (hx(v), hx(a), hx(n)) for v, a, n in rs)
    # kcore's RAM entries are System RAM (no-map ranges included): compare
    # the union of the linear segments, merged where VA and PA both touch.
    checks.record(board, "linear_map", merge_ranges(p) == merge_ranges(o),
                  fmt(merge_ranges(p)), fmt(merge_ranges(o)))
    for name in ZONES_64:
        p = zone_span(pred.get("zones", []), name, "start_phys", "end_phys")
        o = zone_span(obs["zones"], name, "start_phys", "end_phys")
        fmt = lambda s: "empty" if s is None else "%s-%s" % (hx(s[0]), hx(s[1]))
        checks.record(board, "zone_%s" % name, p == o, fmt(p), fmt(o))
    p = zone_range_lines(pred.get("zones", []))
    # riscv's "Device" zone line (ZONE_DEVICE, always empty here) is not
    # one vmlayout prints.
    o = [z for z in obs.get("zone_ranges") or [] if not z.startswith("Device ")]
    checks.record(board, "zone_ranges", p == o, "; ".join(p), "; ".join(o))
    if obs.get("early_memory_node_ranges"):
        p = early_node_ranges(pred.get("memory", []), obs.get("page_shift", 12))
        checks.record(board, "early_memory_node_ranges", p == obs["early_memory_node_ranges"],
                      "; ".join(p), "; ".join(obs["early_memory_node_ranges"]))
    totals = pred.get("totals_kB", {})
    meminfo = obs["meminfo_kB"]
    checks.within(board, "MemTotal_kB", num(totals.get("MemTotal")), meminfo.get("MemTotal"),
                  memtotal_tolerance(obs.get("flavour")))
    p, o = num(totals.get("VmallocTotal")), meminfo.get("VmallocTotal")
    checks.record(board, "VmallocTotal_kB", p == o and o is not None, str(p), str(o))
    compare_memory_line_arm64(checks, board, pred.get("memory_line_kB"), obs.get("memory_line"))
    for name in ZONES_64:
        p = zone_present(pred.get("zones", []), name, "present_pages")
        o = zone_present(obs["zones"], name, "present")
        if p or o:
            checks.exact(board, "zone_%s_present_pages" % name, p, o)
    compare_memblock_dump(checks, board, pred, obs, False)
    compare_memblock_runtime(checks, board, pred, obs)
    compare_nodes(checks, board, pred, obs, ZONES_64)
    compare_numa_messages(checks, board, pred, obs)
    compare_percpu_line(checks, board, pred, obs)
    compare_hash_lines(checks, board, pred, obs)
    compare_crashkernel_lines(checks, board, pred, obs)
    if not riscv:  # vmlayout's riscv64 prints no swiotlb lines
        compare_swiotlb_lines(checks, board, pred, obs)


def merge_ranges(ranges):
    out = []
    for v, a, n in sorted(ranges):
        if out and out[-1][0] + out[-1][2] == v and out[-1][1] + out[-1][2] == a:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + n)
        else:
            out.append((v, a, n))
    return out


def compare_memory_line_arm64(checks, board, pred, obs):
    """The arm64 "Memory:" line: total (physpages), kernel code, init and
    cma-reserved exact, rwdata/rodata/bss within 1 KiB (the System.map has
    them from this very line). "available" and "reserved" are info only:
    Debian's arm64 kernel has DEFERRED_STRUCT_PAGE_INIT, so when the line is
    printed most pages are not freed yet (mm/page_alloc.c
    deferred_init_memmap runs later), and vmlayout gives the figures of a
    kernel without it."""
    if not obs:
        return
    if not pred:
        checks.record(board, "Memory_line", False, "none", obs.get("text"))
        return
    for key in ("total", "kernel_code", "init", "cma_reserved"):
        checks.record(board, "Memory_%s_kB" % key, pred.get(key) == obs.get(key + "_kB"),
                      str(pred.get(key)), str(obs.get(key + "_kB")))
    for key in ("rwdata", "rodata", "bss"):
        p, o = pred.get(key), obs.get(key + "_kB")
        checks.record(board, "Memory_%s_kB" % key, p is not None and o is not None
                      and abs(p - o) <= 1, str(p), str(o))
    for key in ("available", "reserved"):
        p, o = pred.get(key), obs.get(key + "_kB")
        checks.info(board, "Memory_%s_kB" % key, p, o, "deferred struct page init")


def early_node_ranges(memory, page_shift=12):
    """free_area_init()'s "Early memory node ranges" lines from the predicted
    memblock memory regions (for_each_mem_pfn_range(): whole pages of the
    build, each on its "nid", node 0 without NUMA), as `vmlayout layout`
    prints them."""
    lines = []
    for r in memory:
        base, size = num(r["base"]), num(r["size"])
        start = (base + (1 << page_shift) - 1) >> page_shift
        end = (base + size) >> page_shift
        if start < end:
            lines.append("node %3d: [mem 0x%016x-0x%016x]"
                         % (r.get("nid", 0), start << page_shift, (end << page_shift) - 1))
    return lines


def compare_memory_line(checks, board, pred, obs, tolerance=MEMTOTAL_TOLERANCE):
    """The "Memory: ...K/...K available (...)" line: total, kernel code, CMA
    and highmem exact; the other section sizes within 1 KiB (see below);
    "available" (nr_free_pages()) within the MemTotal tolerance and
    available + reserved exact (physpages - CMA)."""
    if not obs:
        return
    if not pred:
        checks.record(board, "Memory_line", False, "none", obs.get("text"))
        return
    memory_line_sizes(checks, board, pred, obs)
    checks.within(board, "Memory_available_kB", pred.get("available"),
                  obs.get("available_kB"), tolerance)
    p = pred.get("available", 0) + pred.get("reserved", 0)
    o = obs.get("available_kB", 0) + obs.get("reserved_kB", 0)
    checks.record(board, "Memory_available+reserved_kB", p == o, str(p), str(o))


def memory_line_sizes(checks, board, pred, obs):
    """The "Memory:" line's total, kernel code, CMA and highmem exact; the
    other section sizes within 1 KiB: a System.map extract.py derived (no
    -dbg package) knows _edata and __bss_start to 1 KiB only, from this
    very line (docs/conformance.md)."""
    for key in ("total", "kernel_code", "cma_reserved", "highmem"):
        checks.record(board, "Memory_%s_kB" % key, pred.get(key) == obs.get(key + "_kB"),
                      str(pred.get(key)), str(obs.get(key + "_kB")))
    for key in ("rwdata", "rodata", "init", "bss"):
        p, o = pred.get(key), obs.get(key + "_kB")
        checks.record(board, "Memory_%s_kB" % key, p is not None and o is not None
                      and abs(p - o) <= 1, str(p), str(o))


def compare_memory_line_late(checks, board, pred, obs):
    """The "Memory:" line of a v6.11+ armhf kernel, printed from
    page_alloc_init_late() (mm/mm_init.c v6.12): as compare_memory_line()
    but "available" (nr_free_pages() then, after the boot's first page
    allocations) is info, and instead of available + reserved, reserved
    (physpages - totalram_pages() - CMA, unchanged since mem_init()) must
    be off by exactly what MemTotal is off by, the other way."""
    line, ml = pred.get("memory_line_kB"), obs.get("memory_line")
    if not ml:
        return
    if not line:
        checks.record(board, "Memory_line", False, "none", ml.get("text"))
        return
    memory_line_sizes(checks, board, line, ml)
    checks.info(board, "Memory_available_kB", line.get("available"), ml.get("available_kB"),
                "printed from page_alloc_init_late() (v6.11+)")
    p = line.get("reserved", 0) + num(pred.get("totals_kB", {}).get("MemTotal") or 0)
    o = ml.get("reserved_kB", 0) + (obs["meminfo_kB"].get("MemTotal") or 0)
    checks.record(board, "Memory_reserved+MemTotal_kB", p == o, str(p), str(o))


def write_report(path, checks, boards):
    with open(path, "w") as f:
        f.write("# vmlayout vs Debian 6.1 armhf kernels under QEMU\n\n")
        f.write("Written by conformance/compare.py; see docs/conformance.md.\n\n")
        f.write("**%d passed, %d failed**\n\n" % (checks.passed, checks.failed))
        f.write("| board | description |\n| --- | --- |\n")
        for board, desc in boards:
            f.write("| %s | %s |\n" % (board, desc))
        f.write("\n| status | board | figure | predicted | observed | note |\n")
        f.write("| --- | --- | --- | --- | --- | --- |\n")
        for row in checks.rows:
            f.write("| %s |\n" % " | ".join(str(c) for c in row))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vmlayout", default="build/vmlayout")
    ap.add_argument("--predicted")
    ap.add_argument("--report")
    ap.add_argument("boards", nargs="+")
    args = ap.parse_args()
    if args.predicted and len(args.boards) != 1:
        sys.exit("compare.py: --predicted takes exactly one board directory")
    checks = Checks()
    described = []
    for bdir in args.boards:
        board = os.path.basename(os.path.normpath(bdir))
        try:
            env = read_env(os.path.join(bdir, "board.env"))
            with open(os.path.join(bdir, "observed.json")) as f:
                obs = json.load(f)
        except OSError as e:
            checks.record(board, "observation", False, "-", "missing (%s)" % e)
            continue
        described.append((board, env.get("DESCRIPTION", "")))
        pred, error = predict(args.vmlayout, env, args.predicted, obs)
        if pred is None:
            checks.record(board, "vmlayout", False, error, "-")
            continue
        if env.get("FLAVOUR") in ("arm64", "arm64-6.12", "arm64-16k-6.12", "arm64-rt-6.12",
                                  "arm64-cloud-6.12", "riscv64"):
            compare_board_arm64(checks, board, pred, obs)
        else:
            compare_board(checks, board, pred, obs, env.get("SKIP_CHECKS", "").split())
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    if args.report:
        write_report(args.report, checks, described)
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

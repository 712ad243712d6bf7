#!/usr/bin/env python3
"""Prints, as Markdown, what the real kernels reported on each board: the
tables of docs/conformance.md ("What we observed"), from observed.json files.

Usage: table.py OBSERVED.json...
"""
import json
import sys


def zone_text(obs, name):
    for z in obs["zones"]:
        if z["name"] == name and z.get("spanned"):
            return "%s-%s (%d/%d/%d)" % (z["start_phys"], z["end_phys"], z["spanned"],
                                         z["present"], z["managed"])
    return "empty"


def main():
    boards = []
    for path in sys.argv[1:]:
        with open(path) as f:
            boards.append(json.load(f))
    print("| board | VMALLOC_START | high_memory | lowmem limit | DMA zone | HighMem zone "
          "| MemTotal | LowTotal | HighTotal | CmaTotal |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for o in boards:
        d, m = o["derived"], o["meminfo_kB"]
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            o["board"], d.get("vmalloc_start"), d.get("high_memory"), d.get("lowmem_limit_phys"),
            zone_text(o, "DMA"), zone_text(o, "HighMem"), m["MemTotal"], m["LowTotal"],
            m["HighTotal"], m["CmaTotal"]))
    print()
    print("| board | Memory: available/total K | code | rwdata | rodata | init | bss "
          "| reserved | cma-reserved | highmem | initrd freed | initmem freed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for o in boards:
        ml = o["memory_line"]
        print("| %s | %d/%d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |" % (
            o["board"], ml["available_kB"], ml["total_kB"], ml["kernel_code_kB"],
            ml["rwdata_kB"], ml["rodata_kB"], ml["init_kB"], ml["bss_kB"], ml["reserved_kB"],
            ml["cma_reserved_kB"], ml.get("highmem_kB", 0), o.get("freed_initrd_kB"),
            o.get("freed_initmem_kB")))
    print()
    print("memblock as arm_memblock_init left it (the \"MEMBLOCK configuration\" dump; "
          "base+size, flags 0x4 = NOMAP), and the memblock_reserve calls of the log that do "
          "not come from an allocation (the DTB's own reservation is never among them: it "
          "happens before memblock=debug takes effect):")
    print()
    for o in boards:
        dump = o["memblock_dump"]
        mem = ", ".join("%s+%s%s" % (r["base"], r["size"], "" if r["flags"] == "0x0" else
                                     " f" + r["flags"]) for r in dump["memory"])
        res = ", ".join("%s+%s%s" % (r["base"], r["size"], "" if r["flags"] == "0x0" else
                                     " f" + r["flags"]) for r in dump["reserved"])
        direct = ["%s-%s %s" % (r["base"], r["end"], r["caller"].split("+")[0])
                  for r in o["memblock_reserve"]
                  if not r["caller"].startswith("memblock_alloc_range_nid")]
        print("- **%s** (DTB at %s, totalsize %s; cmdline `%s`)" % (
            o["board"], o["dtb_phys"], o.get("dtb_totalsize"), o["cmdline"]))
        print("  - memory: %s" % mem)
        print("  - reserved: %s" % res)
        print("  - memblock_reserve calls not from an allocation: %s" % "; ".join(direct))
        cma = [msg for msg in o["messages"] if msg.startswith("cma:")]
        if cma:
            print("  - %s" % "; ".join(cma))


if __name__ == "__main__":
    main()

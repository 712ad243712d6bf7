#!/usr/bin/env bash
# 32-bit ARM's early memblock allocations against the recorded boots, to the
# byte: for every armmp*/lpae* observation in tests/conformance/observed/,
# the memblock_reserve lines its memblock=debug printed for
# memblock_alloc_range_nid() (every memblock_alloc*() of the boot, in
# order: CMA, paging_init()'s pages, the mem_map, the usemaps,
# request_standard_resources(), the unflattened DT, the command-line copies,
# the per-CPU chunk and its tables, the hash tables, page_ext, swiotlb,
# KFENCE) equal vmlayout's reservations for the same board, base, size and
# order. Offline (no QEMU): the observation's DT recompiled as
# test_observed_offline.sh does.
#
# The recorder of the 6.12 observations keeps a run of touching
# reservations as one entry (conformance/extract.py add_reserve(), entries
# with a "count"): for those the model's list is merged the same way; the
# 6.1 observations list every call. vmlayout lists
# what stays reserved; the per-CPU setup's two temporary pages
# (pcpu_alloc_alloc_info() and the areas array, mm/percpu.c, memblock_free()d
# at the end of setup_per_cpu_areas()) sit right above the first chunk, and
# dma_contiguous_remap()'s pte pages are one entry per run: both are put
# back as the kernel allocated them. Left out on both sides: what is not a
# memblock_alloc*() (the image, the initrd, swapper_pg_dir, the DT blob and
# the DT's static regions, whose node names carry a unit address).
#
# Usage: test_arm_early_allocs.sh BUILD_DIR
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
[ -x "$vmlayout" ] || { echo "FAIL no vmlayout binary in $B"; echo "0 passed, 1 failed"; exit 1; }
command -v dtc >/dev/null || { echo "FAIL dtc is not installed"; echo "0 passed, 1 failed"; exit 1; }
exec python3 - "$root" "$vmlayout" <<'EOF'
import json, os, re, subprocess, sys, tempfile
root, vmlayout = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "conformance"))
import compare, extract

obs_dir = os.path.join(root, "tests/conformance/observed")
NOT_ALLOCATED = ("kernel", "initrd", "swapper_pg_dir", "dtb")
PAGE = 0x1000


def merged(entries, merge):
    out = []
    for base, size in entries:
        if merge:
            extract.add_reserve(out, base, base + size, "memblock_alloc")
        else:
            out.append({"base": extract.hx(base), "end": extract.hx(base + size)})
    return ["%s-%s" % (e["base"], e["end"]) for e in out]


def observed(o):
    return ["%s-%s" % (x["base"], x["end"]) for x in o["memblock_reserve"]
            if "memblock_alloc" in x["caller"]]


def predicted(p):
    out = []
    for r in p["reservations"]:
        name, base, size = r["name"], int(r["base"], 16), int(r["size"], 16)
        if name in NOT_ALLOCATED or "@" in name or "(freed)" in name:
            continue
        if name == "percpu first chunk":
            out += [(base + size + PAGE, PAGE), (base + size, PAGE)]
        if name == "pte tables (cma remap)":
            out += [(base + size - (i + 1) * PAGE, PAGE) for i in range(size // PAGE)]
            continue
        out.append((base, size))
    return out


passed = failed = 0
tmp = tempfile.mkdtemp()
boards = sorted(f[:-5] for f in os.listdir(obs_dir) if re.match(r"(armmp|lpae)-.*\.json$", f))
for b in boards:
    o = json.load(open(os.path.join(obs_dir, b + ".json")))
    dtb = os.path.join(tmp, b + ".dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-S", str(int(o["dtb_totalsize"], 0)),
                    "-o", dtb, os.path.join(obs_dir, b + ".dts")], check=True)
    env = {"BOARD": b, "APPEND": o["cmdline"] or "", "FLAVOUR": o["flavour"], "DTB": dtb,
           "DTB_PHYS": o["dtb_phys"], "CONFIG": os.path.join(obs_dir, o["flavour"] + ".config"),
           "SYSTEM_MAP": os.path.join(obs_dir, o["flavour"] + ".System.map")}
    r = subprocess.run(compare.vmlayout_command(vmlayout, env, o), capture_output=True, text=True)
    if r.returncode:
        print("FAIL %s: vmlayout exited %d: %s" % (b, r.returncode, r.stderr.strip()[:200]))
        failed += 1
        continue
    merge = any("count" in x for x in o["memblock_reserve"])
    want, got = observed(o), merged(predicted(json.loads(r.stdout)), merge)
    if want == got:
        print("ok %s: %d early allocations equal" % (b, len(want)))
        passed += 1
        continue
    first = next(i for i in range(max(len(want), len(got)))
                 if i >= len(want) or i >= len(got) or want[i] != got[i])
    print("FAIL %s: allocation %d: booted %s, vmlayout %s" % (
        b, first, want[first] if first < len(want) else "none", got[first] if first < len(got) else "none"))
    failed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF

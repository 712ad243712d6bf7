#!/usr/bin/env bash
# The early memblock allocations of the recorded boots, to the byte: for
# every observation in tests/conformance/observed/ of 32-bit ARM (armmp*,
# lpae*), arm64 (arm64, arm64-6.12, arm64-16k-6.12, arm64-cloud-6.12) and
# riscv64, the memblock_reserve lines its memblock=debug printed for
# memblock_alloc_range_nid() (every memblock_alloc*() of the boot, in
# order: page tables, the unflattened DT, NODE_DATA, the sparse maps, CMA,
# the crash kernel, the resources, the command-line copies, the per-CPU
# chunk and its tables, the hash tables, page_ext, swiotlb, KFENCE...)
# equal vmlayout's reservations for the same board (`layout --format json`,
# "reservations"), base, size and order. Offline (no QEMU): the
# observation's DT recompiled as test_observed_offline.sh does.
#
# Left out on both sides: what is not a memblock_alloc*() (NOT_ALLOCATED
# below: the image, the initrd, the DT blob, swapper_pg_dir, riscv's
# /reserved-memory regions, and the DT's static regions, whose names carry
# a unit address). Left out: the arm64-rt-6.12 flavour (PREEMPT_RT prints
# through a kthread and its logs lose their first lines; its pg_data_t is
# 0x200 larger, not modelled: docs/conformance.md).
#
# The recorder keeps a run of touching reservations from one caller as one
# entry (conformance/extract.py add_reserve(), entries with a "count"; the
# armhf 6.1 observations list every call): the model's list is merged the
# same way, and the observation's alloc lines are merged again as one
# caller (memblock_alloc_range_nid's retry on any node prints another
# offset) but never across a line of another caller.
#
# vmlayout lists what stays reserved; what the kernel allocated and gave
# back is put back here as the kernel allocated it:
# - the per-CPU setup's two temporary pages (pcpu_alloc_alloc_info() and
#   the areas array, mm/percpu.c, memblock_free()d at the end of
#   setup_per_cpu_areas()), allocated before the chunks, right above the
#   topmost chunk;
# - dma_contiguous_remap()'s pte pages (arm), one entry per page;
# - sparse_init_nid()'s buffer (mm/sparse.c sparse_buffer_init(), v6.1,
#   v6.12): present sections x ALIGN(sizeof(struct page) x
#   PAGES_PER_SECTION, PMD_SIZE) per node, whose unused tail
#   sparse_buffer_fini() frees (with 16K pages a section's 512 KiB map is
#   aligned to 32 MiB);
# - arm64 6.1's first numa_distance table: numa_init() allocates it before
#   of_numa_init() and frees it when that fails, and dummy_numa_init()'s
#   numa_init() allocates it again in the same place (drivers/base/
#   arch_numa.c v6.1; "NUMA: Faking a node").
#
# Usage: test_early_allocs.sh BUILD_DIR
# EARLY_ALLOCS_BOARDS="b1 b2" limits the boards; EARLY_ALLOCS_DIFF=1 prints
# the whole difference of a failing board.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
[ -x "$vmlayout" ] || { echo "FAIL no vmlayout binary in $B"; echo "0 passed, 1 failed"; exit 1; }
command -v dtc >/dev/null || { echo "FAIL dtc is not installed"; echo "0 passed, 1 failed"; exit 1; }
exec python3 - "$root" "$vmlayout" <<'EOF'
import difflib, json, os, re, subprocess, sys, tempfile
root, vmlayout = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "conformance"))
import compare, extract

obs_dir = os.path.join(root, "tests/conformance/observed")
FLAVOURS = {"armmp": "arm", "armmp-lpae": "arm", "armmp-6.12": "arm", "armmp-lpae-6.12": "arm",
            "arm64": "arm64", "arm64-6.12": "arm64", "arm64-16k-6.12": "arm64",
            "arm64-cloud-6.12": "arm64", "riscv64": "riscv64"}
NOT_ALLOCATED = {
    "arm": ("kernel", "initrd", "swapper_pg_dir", "dtb"),
    "arm64": ("kernel", "initrd", "dtb"),
    "riscv64": ("kernel image", "initrd", "dtb", "reserved-memory", "no-map"),
}
VMEMMAP = ("vmemmap (struct page)", "vmemmap")
STRUCT_PAGE = 64


def merged(entries, merge):
    out = []
    for base, size in entries:
        if merge:
            extract.add_reserve(out, base, base + size, "memblock_alloc")
        else:
            out.append({"base": extract.hx(base), "end": extract.hx(base + size)})
    return ["%s-%s" % (e["base"], e["end"]) for e in out]


def observed(o, merge, arch):
    if not merge or arch == "arm":
        return ["%s-%s" % (x["base"], x["end"]) for x in o["memblock_reserve"]
                if "memblock_alloc" in x["caller"]]
    # what start_kernel() frees at once (print_unknown_bootoptions(), v6.1)
    freed_at_once = {(x["base"], x["end"]) for x in o.get("memblock_free", [])
                     if x["caller"].startswith("start_kernel+")}
    out = []
    for x in o["memblock_reserve"]:
        if (x["base"], x["end"]) in freed_at_once:
            continue
        alloc = "memblock_alloc" in x["caller"]
        extract.add_reserve(out, int(x["base"], 16), int(x["end"], 16),
                            "memblock_alloc" if alloc else x["caller"])
    return ["%s-%s" % (e["base"], e["end"]) for e in out if "memblock_alloc" in e["caller"]]


def page_shift(config):
    text = open(config).read()
    return 14 if "CONFIG_ARM64_16K_PAGES=y" in text else 16 if "CONFIG_ARM64_64K_PAGES=y" in text else 12


def sparse_buffers(p, shift):
    """sparse_init_nid()'s buffer size, per node with memory, in node order."""
    section_bits = 29 if shift == 16 else 27
    pmd = 1 << (2 * shift - 3)
    per_section = -(-(STRUCT_PAGE << (section_bits - shift)) // pmd) * pmd
    sections = {}
    for m in p["memory"]:
        base, end = int(m["base"], 16), int(m["base"], 16) + int(m["size"], 16)
        sections.setdefault(m["nid"], set()).update(range(base >> section_bits, ((end - 1) >> section_bits) + 1))
    return [len(sections[n]) * per_section for n in sorted(sections)]


def top_down(p, taken, size):
    """memblock's top-down pick (mm/memblock.c __memblock_find_range_top_down()):
    the highest size-aligned range of memory (no-map left out) below the
    limit that none of the taken ranges overlaps."""
    limit = int(p["memblock_limit"], 16)
    mem = sorted((int(m["base"], 16), min(int(m["base"], 16) + int(m["size"], 16), limit))
                 for m in p["memory"] if not m["flags"] & 4)
    for start, end in reversed(mem):
        for b, e in sorted(taken, reverse=True) + [(start - 1, start)]:
            if e < start or b >= end:
                continue
            cand = (end - size) & ~(size - 1)
            if end >= size and cand >= max(start, e):
                return cand
            end = min(end, b)
            if end <= start:
                break
    raise ValueError("no room for the per-CPU temporary pages")


def percpu_pages(p, res, page):
    """pcpu_alloc_alloc_info()'s page and the areas array's, taken top-down
    before the first chunk (mm/percpu.c pcpu_embed_first_chunk())."""
    taken = []
    for name, base, size in res:
        if name == "percpu first chunk":
            break
        taken.append((base, base + size))
    out = []
    for _ in range(2):
        at = top_down(p, taken, page)
        taken.append((at, at + page))
        out.append((at, page))
    return out


def predicted(p, arch, shift):
    page = 1 << shift
    res = [(r["name"], int(r["base"], 16), int(r["size"], 16)) for r in p["reservations"]]
    chunks = any(n == "percpu first chunk" for n, b, s in res)
    buffers = sparse_buffers(p, shift) if arch != "arm" else []
    faked = p["profile"] == "6.1" and any("Faking a node" in m for m in p["kernel_messages"])
    out = []
    for name, base, size in res:
        if name in NOT_ALLOCATED[arch] or "@" in name or "(freed)" in name:
            continue
        if name == "percpu first chunk" and chunks:
            out += percpu_pages(p, res, page)
            chunks = False
        if name == "pte tables (cma remap)":
            out += [(base + size - (i + 1) * page, page) for i in range(size // page)]
            continue
        if name in VMEMMAP and buffers:
            size = max(size, buffers.pop(0))
        if name == "numa_distance" and arch == "arm64" and faked:
            out.append((base, size))
        out.append((base, size))
    return out


passed = failed = 0
tmp = tempfile.mkdtemp()
only = os.environ.get("EARLY_ALLOCS_BOARDS", "").split()
boards = sorted(f[:-5] for f in os.listdir(obs_dir) if f.endswith(".json"))
for b in boards:
    if only and b not in only:
        continue
    o = json.load(open(os.path.join(obs_dir, b + ".json")))
    arch = FLAVOURS.get(o["flavour"])
    if not arch:
        continue
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
    want = observed(o, merge, arch)
    got = merged(predicted(json.loads(r.stdout), arch, page_shift(env["CONFIG"])), merge)
    if want == got:
        print("ok %s: %d early allocations equal" % (b, len(want)))
        passed += 1
        continue
    first = next(i for i in range(max(len(want), len(got)))
                 if i >= len(want) or i >= len(got) or want[i] != got[i])
    if os.environ.get("EARLY_ALLOCS_DIFF"):
        print("\n".join(difflib.unified_diff(want, got, "booted", "vmlayout", lineterm="", n=2)))
    print("FAIL %s: allocation %d: booted %s, vmlayout %s" % (
        b, first, want[first] if first < len(want) else "none", got[first] if first < len(got) else "none"))
    failed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF

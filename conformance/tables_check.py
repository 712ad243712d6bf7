"""The kernel's invariants on the page tables `vmlayout boot-tables --format
json` builds (arm64, riscv64), checked against the layout `vmlayout layout
--format json` computed from the same inputs and the image's System.map.
dtbs_check.py runs them on every Debian DTB; check_tables() returns the
broken ones as messages.

The tables are runs of leaves (docs/json.md "kernel_tables"): va, end
(exclusive), pa, size ("4K", "2M", ...), count, prot ("rwx" letters), flags.

Invariants:
  leaves   each run is count leaves of its size (end - va = count * size),
           every leaf's VA and PA aligned to its size, the size one the
           format has (arm64: 4K granule 4K/2M/1G, +512G with 52-bit VAs;
           16K 16K/32M, +64G; 64K 64K/512M, +4T; riscv Sv39 4K/2M/1G, Sv48
           +512G, Sv57 +256T); runs in VA order, never overlapping; a
           contiguous-hint run whole aligned groups (CONT_PTES/CONT_PMDS,
           arch/arm64/include/asm/pgtable-hwdef.h, Kconfig
           ARM64_CONT_PTE_SHIFT/ARM64_CONT_PMD_SHIFT).
  W^X      with rodata= enabled, no leaf both writable and executable, and
           the JSON's own W+X count (the kernel's ptdump_check_wx()) is the
           number of such pages.
  linear   every leaf in the "linear" region maps its VA - (PAGE_OFFSET -
           PHYS_OFFSET); the PAs it maps are exactly the memory pages
           outside NOMAP, rounded as each kernel rounds them: arm64 v6.1
           maps whole pages outward (mm/mmu.c __create_pgd_mapping: phys &=
           PAGE_MASK, end = PAGE_ALIGN), arm64 v6.12 inward (map_mem():
           start = PAGE_ALIGN(start), end &= PAGE_MASK), riscv64 outward
           (mm/init.c create_pgd_mapping() maps PFN_DOWN(pa)); so a page
           wholly no-map is never mapped and every other memory page is
           mapped once; the layout's linear_segments are the same set.
  image    every leaf in the "kernel" region maps VA - kimage_voffset; no
           leaf and no contiguous group holds bytes of two image segments
           (System.map, moved by the layout's KASLR offset): arm64 [_text,
           _stext), [_stext, _etext), [__start_rodata, __init_begin),
           [__init_begin, __inittext_end), [__inittext_end, __init_end),
           [_data, _end) (mm/mmu.c map_kernel() v6.1, kernel/pi/map_kernel.c
           v6.12: one mapping call per segment); riscv64 [_start, _etext),
           [__init_begin, __init_data_begin), [__init_data_begin,
           __init_end), [__start_rodata, _data), [_data, _end)
           (STRICT_KERNEL_RWX: mm/init.c pgprot_from_va()).
  arm64    can_set_direct_map() (rodata=full, a late KFENCE) maps the
           linear map with pages only, no contiguous hint (map_mem():
           NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS), but for the image's alias
           [__pa(_stext) (v6.1) or __pa(_text) (v6.12), __pa(__init_begin)).
  riscv64  the linear map's leaves are those best_map_size() gives
           (mm/init.c v6.12): a P4D leaf only on Sv57, a PUD leaf only from
           Sv48 on (pgtable_l5_enabled, pgtable_l4_enabled).
"""
import json
import re

K, M, G, T = 1 << 10, 1 << 20, 1 << 30, 1 << 40
NOMAP = 0x4  # MEMBLOCK_NOMAP, include/linux/memblock.h
UNITS = {"K": K, "M": M, "G": G, "T": T, "P": 1 << 50}


def h(v):
    return int(v, 16) if isinstance(v, str) else int(v)


def size_of(name):
    return int(name[:-1]) * UNITS[name[-1]]


def hx(v):
    return f"0x{v:x}"


# ------------------------------------------------------------ formats

def format_info(fmt):
    """(granule, legal leaf sizes, {leaf size: contiguous group span})."""
    f = fmt.lower()
    if f.startswith("sv"):
        levels = {"sv39": 3, "sv48": 4, "sv57": 5}[f]
        # Svnapot's 64K NAPOT pages are the only riscv "contiguous" leaves.
        return 4 * K, {4 * K << 9 * i for i in range(levels)}, {4 * K: 64 * K}
    gran, bits = f.split("/")  # "4K/48", "4K/52-lpa2", "64K/52 ..."
    bits = int(re.match(r"\d+", bits).group())
    g = size_of(gran.upper())
    big = bits >= 52
    if g == 4 * K:
        return g, {4 * K, 2 * M, G} | ({512 * G} if big else set()), {4 * K: 64 * K, 2 * M: 32 * M}
    if g == 16 * K:
        return g, {16 * K, 32 * M} | ({64 * G} if big else set()), {16 * K: 2 * M, 32 * M: G}
    return g, {64 * K, 512 * M} | ({4 * T} if big else set()), {64 * K: 2 * M, 512 * M: 16 * G}


def parse_runs(bt):
    out = []
    for r in bt["kernel_tables"]["leaves"]:
        out.append({"va": h(r["va"]), "end": h(r["end"]), "pa": h(r["pa"]), "size": size_of(r["size"]),
                    "count": int(r["count"]), "prot": r["prot"], "flags": r["flags"]})
    return out


# ------------------------------------------------------------ intervals

def merge(iv):
    out = []
    for s, e in sorted(iv):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def minus(a, b):
    """Interval set a minus interval set b (both merged)."""
    out, j = [], 0
    for s, e in a:
        cur = s
        while j < len(b) and b[j][1] <= cur:
            j += 1
        k = j
        while k < len(b) and b[k][0] < e:
            if b[k][0] > cur:
                out.append((cur, b[k][0]))
            cur = max(cur, b[k][1])
            k += 1
        if cur < e:
            out.append((cur, e))
    return out


def show(iv, n=3):
    return ", ".join(f"[{hx(s)},{hx(e)})" for s, e in iv[:n]) + (f" (+{len(iv) - n} more)" if len(iv) > n else "")


# ------------------------------------------------------------ segments

def read_sysmap(path):
    syms = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) >= 3 and p[2] not in syms:
                syms[p[2]] = int(p[0], 16)
    return syms


def image_delta(lay, syms):
    """Where the layout put the image against its link address (KASLR):
    the "kernel" region starts at _text on arm64, at _start (_text rounded
    down to 2 MiB) on riscv64."""
    k = region(lay, "kernel")
    if not k or "_text" not in syms:
        return None
    base = syms["_text"]
    if lay["arch"] == "riscv64":
        base = syms.get("_start", base & ~(2 * M - 1))
    return k[0] - base


def image_args(lay, syms):
    """boot-tables options for the image boundaries System.map's symbols
    vmlayout reads do not give: arm64 __inittext_end, riscv64 6.x
    __init_data_begin (moved as the layout moved _text)."""
    d = image_delta(lay, syms)
    if d is None:
        return []
    if lay["arch"] == "arm64" and "__inittext_end" in syms and lay["profile"] != "3.18":
        return ["--inittext-end", hx(syms["__inittext_end"] + d)]
    if lay["arch"] == "riscv64" and "__init_data_begin" in syms and lay["profile"] != "5.10":
        return ["--init-data-begin", hx(syms["__init_data_begin"] + d)]
    return []


def segments(lay, syms):
    d = image_delta(lay, syms)
    if d is None:
        return []
    s = dict(syms)
    s.setdefault("_data", s.get("_sdata"))
    if lay["arch"] == "arm64":
        mid = s.get("__inittext_end")
        spec = [("head", "_text", "_stext"), ("text", "_stext", "_etext"),
                ("rodata", "__start_rodata", "__init_begin")]
        spec += ([("inittext", "__init_begin", "__inittext_end"), ("initdata", "__inittext_end", "__init_end")]
                 if mid else [("init", "__init_begin", "__init_end")])
        spec.append(("data", "_data", "_end"))
    else:
        s.setdefault("_start", s["_text"] & ~(2 * M - 1))
        s.setdefault("__init_data_begin", s.get("__init_begin", 0) + 2 * M)
        spec = [("text", "_start", "_etext"), ("inittext", "__init_begin", "__init_data_begin"),
                ("initdata", "__init_data_begin", "__init_end"), ("rodata", "__start_rodata", "_data"),
                ("data", "_data", "_end")]
    out = []
    for name, a, b in spec:
        if s.get(a) is not None and s.get(b) is not None and s[a] < s[b]:
            out.append((name, s[a] + d, s[b] + d))
    return out


def region(lay, name):
    for r in lay.get("regions", []):
        if r["name"] == name:
            return h(r["start"]), h(r["end"])
    return None


# ------------------------------------------------------------ checks

def check_leaves(runs, fmt, bad):
    gran, legal, cont = format_info(fmt)
    prev = None
    for r in runs:
        va, end, pa, sz = r["va"], r["end"], r["pa"], r["size"]
        if sz not in legal:
            bad.append(f"leaf size {sz >> 10}K at {hx(va)} is not a leaf size of {fmt}")
        if end - va != r["count"] * sz:
            bad.append(f"run at {hx(va)}: end - va = {hx(end - va)} is not {r['count']} leaves of {hx(sz)}")
        if va % sz or pa % sz:
            bad.append(f"leaf at VA {hx(va)} PA {hx(pa)} not aligned to its size {hx(sz)}")
        if prev is not None and va < prev["end"]:
            bad.append(f"leaves overlap: {hx(prev['va'])}-{hx(prev['end'])} and {hx(va)}-{hx(end)}")
        if "cont" in r["flags"]:
            span = cont.get(sz)
            if span is None:
                bad.append(f"contiguous hint on a {hx(sz)} leaf at {hx(va)}: {fmt} has no such group")
            elif va % span or end % span or (pa - va) % span:
                bad.append(f"contiguous run {hx(va)}-{hx(end)} is not whole aligned groups of {hx(span)}")
        prev = r
    return gran


def check_wx(runs, bt, gran, bad):
    wx = sum((r["end"] - r["va"]) // gran for r in runs if "w" in r["prot"] and "x" in r["prot"])
    first = next((r for r in runs if "w" in r["prot"] and "x" in r["prot"]), None)
    if first:
        bad.append(f"W+X: {wx} pages writable and executable, the first at {hx(first['va'])}")
    chk = bt.get("wx_check")
    if chk is None:
        bad.append("wx_check is null with rodata= enabled (the kernel runs ptdump_check_wx())")
    elif int(chk["wx_pages"]) != wx:
        bad.append(f"wx_check counts {chk['wx_pages']} W+X pages, the leaves have {wx}")


def kernel_rounding(lay, ranges, gran):
    """@ranges rounded to pages as map_mem()/create_linear_mapping_page_table()
    round the memory ranges they map."""
    inward = lay["arch"] == "arm64" and lay["profile"] not in ("3.18", "6.1")
    out = []
    for s, e in ranges:
        if inward:
            s, e = -(-s // gran) * gran, e // gran * gran
        else:
            s, e = s // gran * gran, -(-e // gran) * gran
        out.append((s, e))
    return merge(out)


def linear_expected(lay, gran):
    """The PA ranges the kernel's linear map maps: memory outside NOMAP."""
    return kernel_rounding(lay, [(h(m["base"]), h(m["base"]) + h(m["size"])) for m in lay.get("memory", [])
                                 if not int(m.get("flags", 0)) & NOMAP], gran)


def check_linear(lay, runs, bad):
    lin = region(lay, "linear")
    if not lin:
        bad.append("the layout has no linear region")
        return []
    off = h(lay["page_offset"]) - h(lay["phys_offset"])
    gran = format_info(lay["_fmt"])[0]
    lruns = [r for r in runs if lin[0] <= r["va"] < lin[1]]
    for r in lruns:
        if r["va"] - r["pa"] != off:
            bad.append(f"linear leaf {hx(r['va'])} maps PA {hx(r['pa'])}, not __pa = {hx(r['va'] - off)}")
            break
    mapped = merge([(r["pa"], r["pa"] + r["end"] - r["va"]) for r in lruns])
    want = linear_expected(lay, gran)
    missing, extra = minus(want, mapped), minus(mapped, want)
    if missing:
        bad.append(f"memory not in the linear map: {show(missing)}")
    if extra:
        nomap = merge([(h(m["base"]), h(m["base"]) + h(m["size"])) for m in lay.get("memory", [])
                       if int(m.get("flags", 0)) & NOMAP])
        what = "no-map memory" if not minus(extra, nomap) else "not (normal) memory"
        bad.append(f"the linear map maps {what}: {show(extra)}")
    segs = kernel_rounding(lay, [(h(s["phys"]), h(s["phys"]) + h(s["size"]))
                                 for s in lay.get("linear_segments", [])], gran)
    if segs and (minus(segs, mapped) or minus(mapped, segs)):
        bad.append(f"the layout's linear_segments {show(segs)} are not the linear map's PAs {show(mapped)}")
    return lruns


def segs_in(segs, lo, hi):
    return [n for n, s, e in segs if s < hi and lo < e]


def check_image(lay, runs, segs, bad):
    k = region(lay, "kernel")
    if not k:
        return
    kv = h(lay["kimage_voffset"])
    _, _, cont = format_info(lay["_fmt"])
    kruns = [r for r in runs if r["va"] < k[1] and k[0] < r["end"]]
    for r in kruns:
        if r["va"] - r["pa"] != kv:
            bad.append(f"image leaf {hx(r['va'])} maps PA {hx(r['pa'])}, not VA - kimage_voffset "
                       f"= {hx(r['va'] - kv)}")
            break
    bounds = sorted({b for _, s, e in segs for b in (s, e)})
    for r in kruns:
        spans = [("leaf", r["size"])] + ([("contiguous group", cont[r["size"]])]
                                          if "cont" in r["flags"] and r["size"] in cont else [])
        for what, span in spans:
            for b in bounds:
                if r["va"] < b < r["end"] and b % span:
                    lo = b - b % span
                    names = segs_in(segs, lo, lo + span)
                    if len(names) > 1:
                        bad.append(f"image {what} [{hx(lo)},{hx(lo + span)}) holds segments {', '.join(names)}")


def check_direct_map_pages(lay, lruns, syms, bad):
    d = image_delta(lay, syms)
    if d is None:
        return
    kv = h(lay["kimage_voffset"])
    gran = format_info(lay["_fmt"])[0]
    start = syms["_stext"] if lay["profile"] == "6.1" else syms["_text"]
    alias = (start + d - kv, syms["__init_begin"] + d - kv)
    for r in lruns:
        if alias[0] <= r["pa"] < alias[1]:
            continue
        if r["size"] != gran or "cont" in r["flags"]:
            bad.append(f"can_set_direct_map(): linear leaf {hx(r['va'])} is {r['size'] >> 10}K"
                       f"{' cont' if 'cont' in r['flags'] else ''}, not a {gran >> 10}K page")
            return


def check_best_map_size(lay, lruns, bad):
    f = lay["_fmt"].lower()
    top = {"sv39": G, "sv48": 512 * G, "sv57": 256 * T}.get(f)
    for r in lruns:
        if top and r["size"] >= top:
            bad.append(f"best_map_size(): a {r['size'] >> 20}M linear leaf at {hx(r['va'])} on {f}")
            return


def check_tables(lay, bt, syms, opts):
    """The broken invariants of tables @bt built over layout @lay; @opts: the
    boot-tables options given (for --rodata and --kfence)."""
    bad = []
    fmt = bt["kernel_tables"]["format"]
    lay = dict(lay, _fmt=fmt)
    runs = parse_runs(bt)
    rodata = opts[opts.index("--rodata") + 1] if "--rodata" in opts else "full"
    kfence = opts[opts.index("--kfence") + 1] if "--kfence" in opts else "none"
    gran = check_leaves(runs, fmt, bad)
    if rodata != "off":
        check_wx(runs, bt, gran, bad)
    lruns = check_linear(lay, runs, bad)
    check_image(lay, runs, segments(lay, syms) if syms else [], bad)
    if lay["arch"] == "arm64" and syms and (rodata == "full" or kfence == "late"):
        check_direct_map_pages(lay, lruns, syms, bad)
    if lay["arch"] == "riscv64" and lay["profile"] != "5.10":
        check_best_map_size(lay, lruns, bad)
    return bad


# ------------------------------------------------------------ self-test

def _leaf_json(va, pa, size, count, prot, flags):
    names = {4 * K: "4K", 2 * M: "2M", G: "1G", M: "1M"}
    return {"va": hx(va), "end": hx(va + size * count), "pa": hx(pa), "size": names[size],
            "count": count, "prot": prot, "flags": flags}


def _replace(bt, lo, hi, new):
    """@bt's runs with [lo, hi) cut out (runs split at leaf boundaries) and
    @new put in."""
    out = []
    for r in bt["kernel_tables"]["leaves"]:
        va, end, pa, sz = h(r["va"]), h(r["end"]), h(r["pa"]), size_of(r["size"])
        if end <= lo or hi <= va:
            out.append(r)
            continue
        for s, e in ((va, max(va, lo)), (min(end, hi), end)):
            if s < e:
                out.append(dict(r, va=hx(s), end=hx(e), pa=hx(pa + s - va), count=(e - s) // sz))
    out += new
    out.sort(key=lambda r: h(r["va"]))
    bt["kernel_tables"]["leaves"] = out


def mutations(lay, syms):
    """Broken copies of good tables, each with a word its message must hold."""
    lin = region(lay, "linear")
    off = h(lay["page_offset"]) - h(lay["phys_offset"])
    kv = h(lay["kimage_voffset"])
    kreg = region(lay, "kernel")

    def runs_of(bt, pred):
        return [r for r in bt["kernel_tables"]["leaves"] if pred(r)]

    def linear(bt):
        return runs_of(bt, lambda r: lin[0] <= h(r["va"]) < lin[1])

    def image(bt):
        return runs_of(bt, lambda r: kreg[0] <= h(r["va"]) < kreg[1])

    def wx_leaf(bt):
        image(bt)[0]["prot"] = "rwx"

    def wx_count(bt):
        bt["wx_check"]["wx_pages"] = 7

    def nomap_mapped(bt):
        m = next(m for m in lay["memory"] if int(m["flags"]) & NOMAP)
        pa = h(m["base"])
        _replace(bt, pa + off, pa + off + 4 * K, [_leaf_json(pa + off, pa, 4 * K, 1, "rw-", ["normal"])])

    def page_unmapped(bt):
        r = max(linear(bt), key=lambda r: h(r["end"]) - h(r["va"]))
        sz = size_of(r["size"])
        _replace(bt, h(r["end"]) - sz, h(r["end"]), [])

    def wrong_pa(bt):
        r = max(linear(bt), key=lambda r: h(r["end"]) - h(r["va"]))
        r["pa"] = hx(h(r["pa"]) + size_of(r["size"]))

    def image_wrong_pa(bt):
        r = image(bt)[0]
        r["pa"] = hx(h(r["pa"]) + size_of(r["size"]))

    def bad_size(bt):
        r = next(r for r in linear(bt) if r["size"] == "2M")
        r["size"], r["count"] = "1M", r["count"] * 2

    def misaligned(bt):
        r = next(r for r in linear(bt) if r["size"] == "2M")
        for k in ("va", "end", "pa"):
            r[k] = hx(h(r[k]) + 4 * K)

    def overlap(bt):
        bt["kernel_tables"]["leaves"].append(dict(linear(bt)[0]))
        bt["kernel_tables"]["leaves"].sort(key=lambda r: h(r["va"]))

    def straddle(bt):
        segs = segments(lay, syms)
        b = next(s for _, s, _ in segs[1:] if s % (2 * M))
        lo = b - b % (2 * M)
        _replace(bt, lo, lo + 2 * M, [_leaf_json(lo, lo - kv, 2 * M, 1, "r--", ["normal"])])

    def cont_group(bt):
        # 16 PMD blocks with the contiguous hint over the image's first 32 MiB
        lo = kreg[0] - kreg[0] % (32 * M)
        _replace(bt, lo, lo + 32 * M, [_leaf_json(lo, lo - kv, 2 * M, 16, "r--", ["normal", "cont"])])

    def block_in_linear(bt):
        seg = max(linear(bt), key=lambda r: h(r["end"]) - h(r["va"]))
        lo = -(-h(seg["va"]) // (2 * M)) * (2 * M)
        _replace(bt, lo, lo + 2 * M, [_leaf_json(lo, lo - off, 2 * M, 1, "rw-", ["normal-tagged"])])

    def gigapage(bt):
        lo = -(-h(lay["phys_offset"]) // G) * G + off
        _replace(bt, lo, lo + G, [_leaf_json(lo, lo - off, G, 1, "rw-", ["normal"])])

    has_nomap = any(int(m["flags"]) & NOMAP for m in lay["memory"])
    common = [("a W+X leaf", wx_leaf, "W+X"), ("wx_check miscounts", wx_count, "wx_check")]
    common += [("a no-map page mapped", nomap_mapped, "no-map memory")] if has_nomap else []
    common += [("a memory page unmapped", page_unmapped, "not in the linear map"),
              ("a linear leaf at the wrong PA", wrong_pa, "not __pa"),
              ("an image leaf at the wrong PA", image_wrong_pa, "kimage_voffset"),
              ("a 1M leaf", bad_size, "not a leaf size"), ("a misaligned leaf", misaligned, "not aligned"),
              ("overlapping leaves", overlap, "overlap")]
    if lay["arch"] == "arm64":
        return common + [("an image block over two segments", straddle, "holds segments"),
                         ("a contiguous group over the image", cont_group, "contiguous group"),
                         ("a block in the rodata=full linear map", block_in_linear, "can_set_direct_map")]
    return common + ([("a 1G linear leaf on Sv39", gigapage, "best_map_size")]
                     if lay["_fmt"].lower() == "sv39" else [])


def selftest_one(name, lay, bt, syms, opts, out):
    """Prints ok/FAIL lines; returns the number of failures."""
    fails = 0
    bad = check_tables(lay, bt, syms, opts)
    print(f"{'ok  ' if not bad else 'FAIL'} selftest {name}: vmlayout's tables pass {bad[:1]}", file=out)
    fails += bool(bad)
    for what, mutate, word in mutations(dict(lay, _fmt=bt["kernel_tables"]["format"]), syms):
        d = json.loads(json.dumps(bt))
        mutate(d)
        bad = check_tables(lay, d, syms, opts)
        hit = [b for b in bad if word in b]
        print(f"{'ok  ' if hit else 'FAIL'} selftest {name}: {what} caught: {(hit or bad)[:1]}", file=out)
        fails += not hit
    return fails

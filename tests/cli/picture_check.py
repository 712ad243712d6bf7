#!/usr/bin/env python3
# Checks one `vmlayout layout --format svg|html` picture against the JSON of
# the same layout (docs/picture.md):
#  - an opaque background, a title, every text with its box (data-box);
#  - no two text boxes overlap, and every box lies inside the picture;
#  - the labelled items (data-for ids) are exactly the ones the JSON implies,
#    computed here independently: every region, image section, wasted or
#    unused VA range, RAM bank (split at arm_lowmem_limit), hole, no-map
#    range and memblock.reserved range;
#  - each label states its item's range;
#  - one linear-map band per linear segment.
# usage: picture_check.py PICTURE JSON   (exit 1 and the reasons on failure)
import json
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
TOP64 = 1 << 64


def fail(msg):
    print("picture_check: " + msg)
    sys.exit(1)


def h(x):
    return int(x, 16)


def uncovered(start, end, ranges):
    """The parts of [start, end) no range covers; ends as integers (2^64 ok)."""
    out, at = [], start
    for s, e in sorted(ranges):
        if e <= at or s >= end:
            continue
        if s > at:
            out.append((at, s))
        at = max(at, e)
    if at < end:
        out.append((at, end))
    return out


def end_of(e):
    return TOP64 if e == 0 else e


def expected_ids(d):
    ids = set()
    arm = d["arch"] == "arm"
    regions = [(r["name"], h(r["start"]), end_of(h(r["end"]))) for r in d["regions"]]
    ident = lambda side, key, s, e: "%s/%s/%#x/%#x" % (side, key, s, 0 if e == TOP64 else e)
    for name, s, e in regions:
        ids.add(ident("va", name, s, e))
    segs = [(h(x["virt"]), h(x["virt"]) + h(x["size"])) for x in d["linear_segments"]]
    lin = [r for r in regions if r[0] == ("lowmem" if arm else "linear")]
    holes_va = [(s, e) for n, s, e in regions if n == "vmalloc_hole"]
    for _, s, e in lin:
        for a, b in uncovered(s, e, segs + holes_va):
            ids.add(ident("va", "wasted" if arm else "no-ram", a, b))
    lowest = min(s for _, s, _ in regions)
    for a, b in uncovered(lowest, 1 << 32 if arm else TOP64, [(s, e) for _, s, e in regions]):
        ids.add(ident("va", "unused", a, b))
    limit = h(d["lowmem_limit_phys"]) if arm else 0
    if arm and h(d["high_memory"]):
        ids.add(ident("va", "marker", h(d["high_memory"]), h(d["high_memory"])))
    if arm and limit:
        ids.add(ident("pa", "marker", limit, limit))
    mem = [(h(m["base"]), h(m["base"]) + h(m["size"]), m["flags"]) for m in d["memory"]]
    for i, (s, e, flags) in enumerate(mem):
        if flags & 4:
            ids.add(ident("pa", "nomap", s, e))
        elif arm and limit:
            cut = min(max(limit, s), e)
            if cut > s:
                ids.add(ident("pa", "ram-low", s, cut))
            if e > cut:
                ids.add(ident("pa", "ram-high", cut, e))
        else:
            ids.add(ident("pa", "ram", s, e))
        if i + 1 < len(mem) and e < mem[i + 1][0]:
            ids.add(ident("pa", "hole", e, mem[i + 1][0]))
    for r in d["reserved"]:
        if h(r["size"]):
            ids.add(ident("pa", "reserved", h(r["base"]), h(r["base"]) + h(r["size"])))
    return ids


def find_svg(text):
    if text.lstrip().startswith("<!DOCTYPE html>"):
        for bad in ("<script", "<link", "<img", "src=", "@import", "url(http"):
            if bad in text:
                fail("the HTML page is not self-contained: it holds " + bad)
        a, b = text.index("<svg"), text.index("</svg>") + len("</svg>")
        text = text[a:b]
    return ET.fromstring(text)


def boxes_overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def main():
    pic = open(sys.argv[1]).read()
    d = json.load(open(sys.argv[2]))
    svg = find_svg(pic)
    width, height = float(svg.get("width")), float(svg.get("height"))
    bg = svg.find(SVG + "rect")
    if bg is None or bg.get("class") != "background" or bg.get("fill") != "#ffffff":
        fail("no opaque background first")
    if float(bg.get("width")) != width or float(bg.get("height")) != height:
        fail("the background does not cover the picture")
    title = svg.find(SVG + "title")
    if title is None or not title.text:
        fail("no title")
    texts = list(svg.iter(SVG + "text"))
    boxes, ids = [], {}
    for t in texts:
        box = t.get("data-box")
        if box is None:
            fail("text without data-box: " + (t.text or ""))
        b = tuple(float(x) for x in box.split())
        if b[0] < 0 or b[1] < 0 or b[0] + b[2] > width or b[1] + b[3] > height:
            fail("text outside the picture: %s %s" % (t.text, b))
        boxes.append((b, t.text))
        if t.get("data-for"):
            if t.get("data-for") in ids:
                fail("two labels for " + t.get("data-for"))
            ids[t.get("data-for")] = t.text
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if boxes_overlap(boxes[i][0], boxes[j][0]):
                fail("texts overlap: %r %s and %r %s" % (boxes[i][1], boxes[i][0], boxes[j][1], boxes[j][0]))
    want = expected_ids(d)
    got = {k for k in ids if not re.match(r"va/\.rodata/", k)}
    if d["arch"] != "arm":  # the image's sections come from System.map
        got = {k for k in got if not re.match(r"va/\.", k)}
    if got != want:
        fail("labelled items differ: missing %s, unexpected %s" % (sorted(want - got), sorted(got - want)))
    for k, text in ids.items():
        side, key, s, e = k.split("/")
        m = re.search(r" (?:at )?(0x[0-9a-f]+)(?:-(0x[0-9a-f]+))?", text)
        if not m or h(m.group(1)) != h(s):
            fail("label %r does not state the start of %s" % (text, k))
        if m.group(2) and h(m.group(2)) != end_of(h(e)):
            fail("label %r does not state the end of %s" % (text, k))
    bands = [g for g in svg.iter(SVG + "g") if g.get("class") == "map"]
    if len(bands) != len(d["linear_segments"]):
        fail("%d linear-map bands for %d segments" % (len(bands), len(d["linear_segments"])))
    print("picture_check: %d labels, %d texts, no overlap" % (len(ids), len(texts)))


main()

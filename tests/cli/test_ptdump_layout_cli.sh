#!/usr/bin/env bash
# `vmlayout ptdump --layout-markers/--layout-lowmem`: the markers of
# arch/arm/mm/dump.c (v6.1) for the layout `vmlayout layout` computes, and
# the kernel's lowmem linear map. Golden: seed002-ex1 under 6.1, whose
# layout (vmlayout layout --dtb boards/seed002-ex1.dts --kernel 6.1) is
# modules 0xbf000000, PAGE_OFFSET 0xc0000000, lowmem 0xc0000000-0xe6000000
# (608 MiB at PA 0x80000000), vmalloc 0xe6800000, FDT 0xff800000, fixmap
# 0xffc80000, vectors 0xffff0000 (+ 2 pages = 0xffff2000). The lowmem map
# is 608 sections (608 MiB, 1 MiB aligned; LPAE 304 2 MiB blocks), RW NX
# SHD as MT_MEMORY_RW; an 8K rx page pair stands in for the vectors.
# Markers: one per change, so "vmalloc() Area", "FDT Area", "Fixmap Area"
# print at the notes that cross them, with nothing mapped between.
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -30; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
EX1="--dtb boards/seed002-ex1.dts --kernel 6.1"
VEC="--map 0xffff0000:0xbfffe000:8K:rx"

want='---[ Modules ]---
---[ Kernel Mapping ]---
0xc0000000-0xe6000000         608M PGD KERNEL      RW NX SHD
---[ vmalloc() Area ]---
---[ FDT Area ]---
---[ Fixmap Area ]---
---[ Vectors ]---
0xffff0000-0xffff2000           8K PTE KERNEL      ro x  SHD MEM/CACHED/WBWA
---[ Vectors End ]---'
out=$($V ptdump --arch arm --format short --mem 16M@0x80000000 $VEC --layout-lowmem "$EX1" 2>/dev/null)
if [ "$out" = "$want" ]; then ok seed002-ex1-short; else ko seed002-ex1-short "$out"; fi

want='---[ Modules ]---
---[ Kernel Mapping ]---
0xc0000000-0xe6000000         608M PMD RW NX SHD
---[ vmalloc() Area ]---
---[ FDT Area ]---
---[ Fixmap Area ]---
---[ Vectors ]---
0xffff0000-0xffff2000           8K PTE     ro x  SHD MEM/CACHED/WBWA
---[ Vectors End ]---'
out=$($V ptdump --arch arm --format lpae --mem 16M@0x80000000 $VEC \
	--layout-lowmem "$EX1 --set ARM_LPAE=y" 2>/dev/null)
if [ "$out" = "$want" ]; then ok seed002-ex1-lpae; else ko seed002-ex1-lpae "$out"; fi

# Markers alone: nothing mapped, so the walk ends before the vectors.
out=$($V ptdump --arch arm --format short --mem 16M@0x80000000 --layout-markers "$EX1" 2>/dev/null)
want='---[ Modules ]---
---[ Kernel Mapping ]---
---[ vmalloc() Area ]---
---[ FDT Area ]---
---[ Fixmap Area ]---'
if [ "$out" = "$want" ]; then ok markers-only; else ko markers-only "$out"; fi

bad() {
	local name=$1; shift
	out=$($V ptdump "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
	if [ $rc -eq 2 ] && [ -z "$out" ] && grep -q . <<<"$err"; then ok "bad $name"
	else ko "bad $name" "rc $rc out '$out' err '$err'"; fi
}
# The markers are the arch's (src/arch/arm64/ptdump.c, arch/arm64/mm/
# ptdump.c address_markers[]): an arm64 layout's, over no tables. The walk
# notes one hole per 512G root entry, the last at 0xffffff8000000000, so
# (as on a kernel) markers above it (PCI I/O, fixmap) are never reached.
out=$($V ptdump --arch arm64 --mem 16M@0x80000000 \
	--layout-markers "--arch arm64 --kernel 6.12 --mem 1G@0x80000000" 2>/dev/null | grep '^---\[')
want='---[ Linear Mapping start ]---
---[ Linear Mapping end ]---
---[ Modules start ]---
---[ Modules end ]---
---[ vmalloc() area ]---
---[ vmalloc() end ]---
---[ vmemmap start ]---'
if [ "$out" = "$want" ]; then ok arm64-markers; else ko arm64-markers "$out"; fi
bad arch-mismatch --arch arm --format short --mem 16M@0x80000000 \
	--layout-markers "--arch arm64 --mem 1G@0x80000000"
bad no-dtb --arch arm --format short --mem 16M@0x80000000 --layout-markers "--dtb /nonexistent.dts"
bad both --arch arm --format short --mem 16M@0x80000000 --marker 0:x --layout-markers "$EX1"
bad not-options --arch arm --format short --mem 16M@0x80000000 --layout-markers '$(true)'

echo "test_ptdump_layout_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

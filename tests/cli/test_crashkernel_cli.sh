#!/usr/bin/env bash
# crashkernel= and cma= through the CLI, with the values worked out from the
# kernel's rules (docs/arm64.md, docs/riscv64.md, docs/arm32.md "crashkernel=
# and cma="), and the notes for the memory parameters vmlayout does not model.
set -u
B=${1:-build}
. tests/cli/lib.sh

# MemTotal's kB
memtotal() { grep '^MemTotal:' | awk '{print $2}'; }
A64="--arch arm64 --mem 4G@0x80000000 --kernel-image 24M@0x80200000"
A64_8G="--arch arm64 --mem 8G@0x80000000 --kernel-image 24M@0x80200000"

# arm64, 4 GiB at 2 GiB, ZONE_DMA and ZONE_DMA32 (the defaults): the CMA
# area (32 MiB) is reserved first, top-down below arm64_dma_phys_limit =
# 4 GiB, at 0xfe000000; then the crash kernel, 2 MiB aligned, top-down below
# the same limit: [0xee000000, 0xfe000000). It is never freed: MemTotal is
# 256 MiB = 262144 kB lower.
for k in 6.1 6.12; do
	# shellcheck disable=SC2086
	base=$($V layout $A64 --kernel $k -q | memtotal)
	# shellcheck disable=SC2086
	out=$($V layout $A64 --kernel $k --cmdline crashkernel=256M -q); rc=$?
	expect "arm64-$k exit" 0 $rc
	expect "arm64-$k message" "crashkernel reserved: 0x00000000ee000000 - 0x00000000fe000000 (256 MB)" \
		"$(grep '^crashkernel' <<<"$out")"
	expect "arm64-$k MemTotal -262144 kB" $((base - 262144)) "$(memtotal <<<"$out")"
	# shellcheck disable=SC2086
	json=$($V layout $A64 --kernel $k --cmdline crashkernel=256M --format json 2>/dev/null)
	expect "arm64-$k json reservation" "crashkernel 0xee000000 0x10000000 False" \
		"$(python3 -c 'import json,sys; print(*[(r["name"], r["base"], r["size"], r["freed_at_boot_end"]) for r in json.load(sys.stdin)["reservations"] if r["name"].startswith("crash")][0])' <<<"$json")"
	# memblock=debug's dump (memblock_dump_all() ends bootmem_init(), after it)
	# shellcheck disable=SC2086
	if $V layout $A64 --kernel $k --cmdline "crashkernel=256M memblock=debug" 2>/dev/null |
		grep -qF 'reserved[0x1]	[0x00000000ee000000-0x00000000ffffffff], 0x0000000012000000 bytes'; then
		ok "arm64-$k memblock dump"
	else ko "arm64-$k memblock dump"; fi
done

# The linear map, rodata=off (blocks allowed). v6.1 with DMA zones defers
# the reservation, so map_mem() maps everything with pages (crash_mem_map):
# no 1 GiB block is left and 4 GiB of PTEs need 2048 tables (one fewer: the
# kernel alias keeps its 2 MiB blocks). v6.12 has no crash case in map_mem().
tables() { "$V" boot-tables "$@" -q | awk '$1 == "1" {l1 = $4} $1 == "3" {t3 = $2} END {print l1, t3}'; }
# shellcheck disable=SC2086
expect "arm64-6.1 rodata=off tables" "3 7" "$(tables $A64 --kernel 6.1 --cmdline rodata=off)"
# shellcheck disable=SC2086
expect "arm64-6.1 rodata=off crashkernel: pages" "0 2047" "$(tables $A64 --kernel 6.1 --cmdline 'rodata=off crashkernel=256M')"
# crashkernel=0 reserves nothing but still sets crash_mem_map
# shellcheck disable=SC2086
expect "arm64-6.1 crashkernel=0: pages" "0 2047" "$(tables $A64 --kernel 6.1 --cmdline 'rodata=off crashkernel=0')"
# shellcheck disable=SC2086
expect "arm64-6.12 rodata=off crashkernel: blocks" "3 7" "$(tables $A64 --kernel 6.12 --cmdline 'rodata=off crashkernel=256M')"
# the layout's MemTotal follows: 256 MiB less, and the linear map's tables
# made of pages instead of blocks (8204 kB more of them: about one 4 KiB PTE
# table per 2 MiB of the 4 GiB, as the boot tables above show)
# shellcheck disable=SC2086
off=$($V layout $A64 --kernel 6.1 --cmdline rodata=off -q | memtotal)
# shellcheck disable=SC2086
expect "arm64-6.1 rodata=off crashkernel MemTotal" $((off - 262144 - 8204)) \
	"$($V layout $A64 --kernel 6.1 --cmdline 'rodata=off crashkernel=256M' -q | memtotal)"

# v6.1 without DMA zones: reserved at the end of arm64_memblock_init(),
# top-down below PHYS_MASK + 1 (the top of RAM), and mapped alone with pages
# (128 PTE tables for 256 MiB); the other 2 GiB keep their 1 GiB blocks.
NODMA="--set ZONE_DMA=n --set ZONE_DMA32=n"
# shellcheck disable=SC2086
expect "arm64-6.1 no-dma message" "crashkernel reserved: 0x0000000170000000 - 0x0000000180000000 (256 MB)" \
	"$($V layout $A64 $NODMA --kernel 6.1 --cmdline crashkernel=256M -q | grep '^crashkernel')"
# shellcheck disable=SC2086
expect "arm64-6.1 no-dma region pages" "2 135" "$(tables $A64 $NODMA --kernel 6.1 --cmdline 'rodata=off crashkernel=256M')"

# ,high and ,low on 8 GiB: v6.1 reserves no low part unless ,low is given
# (its default came in v6.2); v6.12 reserves 128 MiB below 4 GiB.
# shellcheck disable=SC2086
expect "arm64-6.1 ,high" "crashkernel reserved: 0x0000000236e00000 - 0x0000000276e00000 (1024 MB)" \
	"$($V layout $A64_8G --kernel 6.1 --cmdline crashkernel=1G,high -q | grep '^crashkernel')"
# shellcheck disable=SC2086
expect "arm64-6.12 ,high default low" "crashkernel low memory reserved: 0xf6000000 - 0xfe000000 (128 MB)" \
	"$($V layout $A64_8G --kernel 6.12 --cmdline crashkernel=1G,high -q | grep '^crashkernel low')"
# shellcheck disable=SC2086
expect "arm64-6.12 ,high ,low" "crashkernel low memory reserved: 0xfa000000 - 0xfe000000 (64 MB)" \
	"$($V layout $A64_8G --kernel 6.12 --cmdline 'crashkernel=1G,high crashkernel=64M,low' -q | grep '^crashkernel low')"
# shellcheck disable=SC2086
expect "arm64-6.12 range list" "crashkernel reserved: 0x00000000f6000000 - 0x00000000fe000000 (128 MB)" \
	"$($V layout $A64 --kernel 6.12 --cmdline 'crashkernel=0-2G:64M,2G-:128M' -q | grep '^crashkernel')"
# shellcheck disable=SC2086
expect "arm64-6.12 fixed base" "crashkernel reserved: 0x0000000090000000 - 0x0000000094000000 (64 MB)" \
	"$($V layout $A64 --kernel 6.12 --cmdline 'crashkernel=64M@0x90000000' -q | grep '^crashkernel')"
# shellcheck disable=SC2086
expect "arm64-6.12 fixed base in use" "crashkernel reservation failed - memory is in use." \
	"$($V layout $A64 --kernel 6.12 --cmdline 'crashkernel=64M@0x80200000' -q | grep '^crashkernel')"

# Malformed values: the kernel's warning, nothing reserved, exit 0; the
# silent refusals get a vmlayout note (stderr).
for v in abc 256Mx 1G:64M '"256M"'; do
	# shellcheck disable=SC2086
	out=$($V layout $A64 --kernel 6.12 --cmdline "crashkernel=$v" 2>"$tmp/err"); rc=$?
	if [ $rc -eq 0 ] && grep -q '^crashkernel: ' <<<"$out" && ! grep -q '^crashkernel reserved' <<<"$out" &&
		grep -qF "vmlayout: crashkernel= is malformed (see the kernel's warning): no crash kernel reserved" "$tmp/err"; then
		ok "malformed crashkernel=$v"
	else ko "malformed crashkernel=$v" "rc=$rc $(grep crash <<<"$out")"; fi
done
# shellcheck disable=SC2086
$V layout $A64 --kernel 6.12 --cmdline crashkernel=0 >/dev/null 2>"$tmp/err"
if grep -qF "vmlayout: crashkernel= gives a size of 0" "$tmp/err"; then ok "crashkernel=0 note"; else ko "crashkernel=0 note" "$(cat "$tmp/err")"; fi
# shellcheck disable=SC2086
$V layout $A64 --kernel 6.12 --cmdline crashkernel=4G >/dev/null 2>"$tmp/err"
if grep -qF "not below the 0x100000000 of RAM" "$tmp/err"; then ok "crashkernel=4G note"; else ko "crashkernel=4G note" "$(cat "$tmp/err")"; fi

# A size letter with no digit before it (lib/cmdline.c memparse() v6.1,
# v6.12: simple_strtoull() reads 0 and stops at the letter, which is still
# taken): "K-:256M" is the range [0, any) of 256M, "@M" an offset of 0, "M,low"
# a low part of 0 (reserve_crashkernel_low(0) does nothing), "G" and "M,high"
# a size of 0 (the kernel returns silently; a vmlayout note), and cma="64M@M-
# 0xa0000000" a base of 0 below 0xa0000000 (top-down: 0x9c000000).
for k in 6.1 6.12; do
	for c in crashkernel=K-:256M crashkernel=0-:256M@M; do
		# shellcheck disable=SC2086
		expect "arm64-$k $c" "crashkernel reserved: 0x00000000ee000000 - 0x00000000fe000000 (256 MB)" \
			"$($V layout $A64 --kernel $k --cmdline "$c" -q 2>&1 | grep crash)"
	done
	# shellcheck disable=SC2086
	expect "arm64-$k crashkernel=M,low" "crashkernel reserved: 0x000000013b600000 - 0x000000017b600000 (1024 MB)" \
		"$($V layout $A64 --kernel $k --cmdline "crashkernel=1G,high crashkernel=M,low" -q 2>&1 | grep crash)"
	for c in crashkernel=G crashkernel=M,high; do
		# shellcheck disable=SC2086
		out=$($V layout $A64 --kernel $k --cmdline "$c" 2>"$tmp/err")
		expect "arm64-$k $c: the kernel silent" "" "$(grep '^cra[hs]*kernel\|^Memory' <<<"$out")"
		expect "arm64-$k $c: size 0 note" 1 "$(grep -c 'vmlayout: crashkernel= gives a size of 0' "$tmp/err")"
	done
	# shellcheck disable=SC2086
	expect "arm64-$k cma=64M@M-0xa0000000" "cma: Reserved 64 MiB at 0x000000009c000000" \
		"$($V layout $A64 --kernel $k --cmdline cma=64M@M-0xa0000000 -q | grep '^cma:' | sed 's/ on node -1//')"
done

# riscv64 6.12: after zone_sizes_init(), below dma32_phys_limit (4 GiB)
RV="--arch riscv64 --kernel 6.12 --mem 4G@0x80000000 --kernel-image 24M@0x80200000"
# shellcheck disable=SC2086
rv0=$($V layout $RV -q | memtotal)
# shellcheck disable=SC2086
out=$($V layout $RV --cmdline crashkernel=256M -q)
expect "riscv64-6.12 message" "crashkernel reserved: 0x00000000f0000000 - 0x0000000100000000 (256 MB)" "$(grep '^crashkernel' <<<"$out")"
expect "riscv64-6.12 MemTotal -262144 kB" $((rv0 - 262144)) "$(memtotal <<<"$out")"
# shellcheck disable=SC2086
$V layout --arch riscv64 --kernel 5.10 --mem 2G@0x80000000 --kernel-image 24M@0x80200000 --cmdline crashkernel=64M >/dev/null 2>"$tmp/err"
if grep -qF "crashkernel= is not modelled for this profile" "$tmp/err"; then ok "riscv64-5.10 note"; else ko "riscv64-5.10 note"; fi

# arm 6.1, 1 GiB at 1 GiB: lowmem ends at 0x70000000 (768 MiB, the
# "System RAM"); 128 MiB aligned, top-down below it: 0x68000000 = 1664 MB.
ARM="--arch arm --kernel 6.1 --mem 1G@0x40000000 --kernel-image 10M@0x40008000"
# shellcheck disable=SC2086
a0=$($V layout $ARM -q | memtotal)
# shellcheck disable=SC2086
out=$($V layout $ARM --cmdline crashkernel=64M -q)
expect "arm-6.1 message" "Reserving 64MB of memory at 1664MB for crashkernel (System RAM: 768MB)" "$(grep '^Reserving' <<<"$out")"
expect "arm-6.1 MemTotal -65536 kB" $((a0 - 65536)) "$(memtotal <<<"$out")"
# shellcheck disable=SC2086
expect "arm-6.1 fixed in use" "crashkernel reservation failed - memory is in use." \
	"$($V layout $ARM --cmdline crashkernel=64M@0x40000000 -q | grep '^crashkernel')"

# arm without LPAE: phys_addr_t is 32 bits. reserve_crashkernel() (arch/arm/
# kernel/setup.c v6.1) keeps crash_size and crash_base unsigned long long and
# prints from them, but memblock_phys_alloc_range() takes them as phys_addr_t:
# 4160M reserves 64 MiB (printed 4160MB), @0x160000000 reserves at 0x60000000
# (printed "at 5632MB"). With LPAE the 64-bit values stand (no room).
# shellcheck disable=SC2086
out=$($V layout $ARM --cmdline crashkernel=4160M -q)
expect "arm-6.1 crashkernel=4160M message" "Reserving 4160MB of memory at 1664MB for crashkernel (System RAM: 768MB)" "$(grep '^Reserving' <<<"$out")"
expect "arm-6.1 crashkernel=4160M MemTotal -65536 kB" $((a0 - 65536)) "$(memtotal <<<"$out")"
# shellcheck disable=SC2086
json=$($V layout $ARM --cmdline crashkernel=4160M --format json 2>/dev/null)
expect "arm-6.1 crashkernel=4160M region" "crashkernel 0x68000000 0x4000000" \
	"$(python3 -c 'import json,sys; print(*[(r["name"], r["base"], r["size"]) for r in json.load(sys.stdin)["reservations"] if r["name"].startswith("crash")][0])' <<<"$json")"
# shellcheck disable=SC2086
json=$($V layout $ARM --cmdline crashkernel=64M@0x160000000 --format json 2>/dev/null)
expect "arm-6.1 crashkernel=64M@0x160000000 region" "crashkernel 0x60000000 0x4000000" \
	"$(python3 -c 'import json,sys; print(*[(r["name"], r["base"], r["size"]) for r in json.load(sys.stdin)["reservations"] if r["name"].startswith("crash")][0])' <<<"$json")"
# shellcheck disable=SC2086
expect "arm-6.1 crashkernel=64M@0x160000000 message" "Reserving 64MB of memory at 5632MB for crashkernel (System RAM: 768MB)" \
	"$($V layout $ARM --cmdline crashkernel=64M@0x160000000 -q | grep '^Reserving')"
# a size that is 0 in 32 bits: memblock finds a place for 0 bytes (the top
# 128 MiB boundary below lowmem's end) and reserves nothing; a note says so
# shellcheck disable=SC2086
out=$($V layout $ARM --cmdline crashkernel=4G 2>"$tmp/err")
expect "arm-6.1 crashkernel=4G message" "Reserving 4096MB of memory at 1792MB for crashkernel (System RAM: 768MB)" "$(grep '^Reserving' <<<"$out")"
expect "arm-6.1 crashkernel=4G MemTotal" "$a0" "$(memtotal <<<"$out")"
expect "arm-6.1 crashkernel=4G note" 1 "$(grep -c 'vmlayout: crashkernel= size 0x100000000 is 0 as the 32-bit phys_addr_t' "$tmp/err")"
# shellcheck disable=SC2086
expect "arm-6.1 LPAE crashkernel=4160M" "crashkernel reservation failed - No suitable area found." \
	"$($V layout $ARM --set ARM_LPAE=y --cmdline crashkernel=4160M -q | grep '^crashkernel')"
# cma= (kernel/dma/contiguous.c early_cma(): phys_addr_t size, base, limit)
# shellcheck disable=SC2086
expect "arm-6.1 cma=4160M" "cma: Reserved 64 MiB at 0x7c000000" "$($V layout $ARM --set CMA=y --cmdline cma=4160M -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "arm-6.1 cma=0x100000000: none, silent" "" "$($V layout $ARM --set CMA=y --set CMA_SIZE_MBYTES=16 --cmdline cma=0x100000000 2>&1 | grep -i 'cma')"
# shellcheck disable=SC2086
expect "arm-6.1 cma=0xffffffff: not given, CMA_SIZE_MBYTES" "cma: Reserved 16 MiB at 0x7f000000" \
	"$($V layout $ARM --set CMA=y --set CMA_SIZE_MBYTES=16 --cmdline cma=0xffffffff -q | grep '^cma:')"

# cma= replaces CONFIG_CMA_SIZE_MBYTES (arm64's default 32 MiB); cma=0 none;
# @base with no limit is a fixed placement; a misaligned one is refused.
# shellcheck disable=SC2086
expect "cma=64M" "cma: Reserved 64 MiB at 0x00000000fc000000 on node -1" \
	"$($V layout $A64 --kernel 6.12 --cmdline cma=64M -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "cma=0" "" "$($V layout $A64 --kernel 6.12 --cmdline cma=0 -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "cma=0 MemTotal (CMA counts anyway)" "$($V layout $A64 --kernel 6.1 -q | memtotal)" \
	"$($V layout $A64 --kernel 6.1 --cmdline cma=0 -q | memtotal)"
# shellcheck disable=SC2086
expect "cma fixed" "cma: Reserved 64 MiB at 0x0000000090000000" \
	"$($V layout $A64 --kernel 6.1 --cmdline cma=64M@0x90000000 -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "cma range" "cma: Reserved 64 MiB at 0x000000009c000000" \
	"$($V layout $A64 --kernel 6.1 --cmdline cma=64M@0x90000000-0xa0000000 -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "cma misaligned" "cma: Region at 0x0000000090100000 must be aligned to 0x0000000000200000 bytes
cma: Failed to reserve 64 MiB" "$($V layout $A64 --kernel 6.1 --cmdline cma=64M@0x90100000 -q | grep '^cma:')"
# shellcheck disable=SC2086
expect "cma beyond limit" "cma: Size (0x0000000004000000) of region at 0x00000000c0000000 exceeds limit (0x00000000a0000000)
cma: Failed to reserve 64 MiB" "$($V layout $A64 --kernel 6.1 --cmdline cma=64M@0xc0000000-0xa0000000 -q | grep '^cma:')"

# The 6.18 profiles' two later cma= rules (audit against v7.2.13, docs/arm64.md
# "Checked against 7.2.13"), arm64 and riscv64 alike (both pass a 4 GiB limit:
# arm64_dma_phys_limit = max_zone_phys(U32_MAX) = 0x100000000 with RAM from
# 2 GiB, riscv64 dma32_phys_limit = min(4 GiB, end)):
# - v6.16 (aa807b9f22df, kernel/dma/contiguous.c): limit_cmdline ?: limit, not
#   min_not_zero(). cma=64M@0x100000000 on 8 GiB sets limit_cmdline =
#   0x100000000 + 0x4000000 = 0x104000000, a fixed area. 6.12: limit =
#   min(0x104000000, 0x100000000) = 0x100000000 < base + size: refused.
#   6.18: limit 0x104000000 <= end 0x280000000: reserved at 0x100000000.
#   cma=64M@0-0x200000000: 6.12 limit 4 GiB, top-down below it: 0x100000000 -
#   0x4000000 = 0xfc000000; 6.18 limit 0x200000000 >= 4 GiB + 64 MiB, so
#   bottom-up from 4 GiB first: 0x100000000.
# - v6.17 (mm/cma.c cma_fixed_reserve(), IS_ENABLED(CONFIG_HIGHMEM) only):
#   cma=64M@0x17e000000 on 4 GiB (end 0x180000000) crosses the end.
#   6.12: "defined on low/high memory boundary (0x180000000)", highmem_start
#   being the end of DRAM. 6.18: no such check; limit = 0x182000000 capped to
#   the end 0x180000000 < 0x182000000: "exceeds limit".
for a in "arm64" "riscv64 --set CMA=y"; do
	m4="--arch $a --mem 4G@0x80000000 --kernel-image 24M@0x80200000"
	m8="--arch $a --mem 8G@0x80000000 --kernel-image 24M@0x80200000"
	# shellcheck disable=SC2086
	expect "$a 6.12 cma=64M@4G: limit min_not_zero" "cma: Size (0x0000000004000000) of region at 0x0000000100000000 exceeds limit (0x0000000100000000)
cma: Failed to reserve 64 MiB on node -1" "$($V layout $m8 --kernel 6.12 --cmdline cma=64M@0x100000000 -q | grep '^cma:')"
	# shellcheck disable=SC2086
	expect "$a 6.18 cma=64M@4G: the cmdline limit" "cma: Reserved 64 MiB at 0x0000000100000000" \
		"$($V layout $m8 --kernel 6.18 --cmdline cma=64M@0x100000000 -q | grep '^cma:')"
	# shellcheck disable=SC2086
	expect "$a 6.12 cma=64M@0-8G: below 4 GiB" "cma: Reserved 64 MiB at 0x00000000fc000000 on node -1" \
		"$($V layout $m8 --kernel 6.12 --cmdline cma=64M@0-0x200000000 -q | grep '^cma:')"
	# shellcheck disable=SC2086
	expect "$a 6.18 cma=64M@0-8G: bottom-up from 4 GiB" "cma: Reserved 64 MiB at 0x0000000100000000" \
		"$($V layout $m8 --kernel 6.18 --cmdline cma=64M@0-0x200000000 -q | grep '^cma:')"
	# shellcheck disable=SC2086
	expect "$a 6.12 fixed cma= across the end: boundary" "cma: Region at 0x000000017e000000 defined on low/high memory boundary (0x0000000180000000)
cma: Failed to reserve 64 MiB on node -1" "$($V layout $m4 --kernel 6.12 --cmdline cma=64M@0x17e000000 -q | grep '^cma:')"
	# shellcheck disable=SC2086
	expect "$a 6.18 fixed cma= across the end: limit" "cma: Size (0x0000000004000000) of region at 0x000000017e000000 exceeds limit (0x0000000180000000)
cma: Failed to reserve 64 MiB" "$($V layout $m4 --kernel 6.18 --cmdline cma=64M@0x17e000000 -q | grep '^cma:')"
done

# crashkernel=64M,cma: a known suffix on 6.18 (the plain crashkernel=256M is
# still found), reserved by x86 only: arm64 and riscv64 pass a NULL cma_size
# to parse_crashkernel() (v7.2.13), so nothing more is reserved and a note
# says the kernel ignores it.
for a in "arm64" "riscv64"; do
	# shellcheck disable=SC2086
	out=$($V layout --arch $a --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --kernel 6.18 --cmdline "crashkernel=256M crashkernel=64M,cma" 2>"$tmp/err")
	expect "$a 6.18 crashkernel=,cma note" 1 "$(grep -c 'vmlayout: crashkernel=...,cma is ignored: arm64 and riscv64 pass no cma_size' "$tmp/err")"
	expect "$a 6.18 crashkernel=,cma: one crash kernel" 1 "$(grep -c '^crashkernel reserved: .* (256 MB)' <<<"$out")"
done

# A fixed cma= area outside RAM: memblock_reserve() and cma_init_reserved_mem()
# accept it ("Reserved 64 MiB at 0x40000000"), but its pages are not memory:
# cma_activate_area() (mm/cma.c v6.1, v6.12) warns on the invalid pfns, and
# MemTotal is what it is without the area (not 64 MiB = 65536 kB more), with
# a vmlayout note. arm64 6.1/6.12 and riscv64 6.12 (--set CMA=y).
for a in "--arch arm64 --kernel 6.1" "--arch arm64 --kernel 6.12" "--arch riscv64 --kernel 6.12 --set CMA=y"; do
	# shellcheck disable=SC2086
	base=$($V layout $a --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --cmdline cma=0 -q | memtotal)
	# shellcheck disable=SC2086
	out=$($V layout $a --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --cmdline cma=64M@0x40000000 2>"$tmp/err")
	expect "$a cma outside RAM: message" "cma: Reserved 64 MiB at 0x0000000040000000" \
		"$(grep '^cma:' <<<"$out" | sed 's/ on node -1//')"
	expect "$a cma outside RAM: MemTotal" "$base" "$(memtotal <<<"$out")"
	expect "$a cma outside RAM: note" 1 "$(grep -c 'vmlayout: the CMA area \[0x40000000, 0x44000000) is not all memory (0x0 bytes are)' "$tmp/err")"
done
# arm 6.1 counted only its part in memory already (MemTotal 128 kB lower
# than with cma=0: dma_contiguous_remap()'s 32 PTE tables); the note is new
# shellcheck disable=SC2086
out=$($V layout $ARM --set CMA=y --cmdline cma=64M@0x10000000 2>"$tmp/err")
# shellcheck disable=SC2086
expect "arm-6.1 cma outside RAM: MemTotal" $(($($V layout $ARM --set CMA=y --cmdline cma=0 -q | memtotal) - 128)) "$(memtotal <<<"$out")"
expect "arm-6.1 cma outside RAM: note" 1 "$(grep -c 'vmlayout: the CMA area \[0x10000000, 0x14000000) is not all memory' "$tmp/err")"

# cma= makes rmem_cma_setup() bypass a linux,cma-default pool; the pool has
# no other handler (rmem_dma_setup() refuses reusable), so it is given back
# and dma_contiguous_reserve() places the command line's area.
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n memory@80000000 { device_type = "memory"; reg = <0 0x80000000 1 0>; };\n reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;\n  linux,cma { compatible = "shared-dma-pool"; reusable; size = <0 0x4000000>; linux,cma-default; }; }; };\n' >"$tmp/cmadef.dts"
expect "cma= bypasses linux,cma-default" "Reserved memory: bypass linux,cma node, using cmdline CMA params instead
OF: reserved mem: node linux,cma compatible matching fail
cma: Reserved 16 MiB at 0x00000000ff000000 on node -1" \
	"$($V layout --arch arm64 --kernel 6.12 --dtb "$tmp/cmadef.dts" --kernel-image 24M@0x80200000 --cmdline cma=16M -q | grep -E '^(Reserved memory|OF: reserved mem|cma:)')"

# A bare "cma" (no '='): early_cma(NULL) prints "cma: Config string not
# provided" and returns -EINVAL, so do_early_param() (init/main.c v6.1, v6.12)
# adds "Malformed early option 'cma'"; the default area stays. A bare "numa"
# (arch_numa, with NUMA) is refused the same way; a bare "crashkernel" is
# taken quietly. In command-line order with early_mem()'s lines.
for k in 6.1 6.12; do
	# shellcheck disable=SC2086
	expect "arm64-$k bare cma" "cma: Config string not provided
Malformed early option 'cma'
cma: Reserved 32 MiB at 0x00000000fe000000" \
		"$($V layout $A64 --kernel $k --cmdline cma -q | grep -E '^(cma|Malformed)' | sed 's/ on node -1//')"
done
# shellcheck disable=SC2086
expect "arm64-6.12 bare words in order" "Memory limited to 2048MB
cma: Config string not provided
Malformed early option 'cma'
Malformed early option 'numa'
Memory limited to 3072MB" \
	"$($V layout $A64 --kernel 6.12 --cmdline 'crashkernel mem=2G cma numa mem=3G' -q | grep -E '^(cma: Config|Malformed|Memory limited|crash)')"
# shellcheck disable=SC2086
expect "riscv64-6.12 bare cma" "cma: Config string not provided
Malformed early option 'cma'" "$($V layout $RV --set CMA=y --cmdline cma -q | grep -E '^(cma|Malformed)')"
# shellcheck disable=SC2086
expect "riscv64-6.12 bare cma without CMA" "" "$($V layout $RV --cmdline cma -q | grep -E '^(cma|Malformed)')"
# shellcheck disable=SC2086
expect "arm-6.1 bare cma" "cma: Config string not provided
Malformed early option 'cma'" "$($V layout $ARM --set CMA=y --cmdline cma -q | grep -E '^(cma|Malformed)')"

# arm64's kaslr_init() line: v6.12 (7.2.13 too) calls it first in
# setup_arch(), before parse_early_param()'s lines; v6.1 runs it as a
# subsys_initcall, after vfs_caches_init_early()'s hash table lines (and
# everything else vmlayout prints). vmlayout printed it between the two
# for both.
# shellcheck disable=SC2086
expect "arm64-6.12 KASLR line first" "KASLR disabled due to lack of seed
Invalid option string for rodata: 'foo'
Memory limited to 1024MB
Dentry cache hash table entries" \
	"$($V layout $A64 --kernel 6.12 --cmdline 'rodata=foo mem=1G' -q | grep -E '^(KASLR|Invalid|Memory limited|Dentry)' | cut -d'(' -f1 | sed 's/ *$//; s/: [0-9]*$//')"
# shellcheck disable=SC2086
expect "arm64-6.1 KASLR line last" "Invalid option string for rodata: 'foo'
Memory limited to 1024MB
Dentry cache hash table entries
KASLR disabled due to lack of seed" \
	"$($V layout $A64 --kernel 6.1 --cmdline 'rodata=foo mem=1G' -q | grep -E '^(KASLR|Invalid|Memory limited|Dentry)' | cut -d'(' -f1 | sed 's/ *$//; s/: [0-9]*$//')"

# debug_pagealloc= with a value kstrtobool() refuses, or none:
# early_debug_pagealloc() returns -EINVAL (mm/debug_page_alloc.c v6.12), so
# do_early_param() prints "Malformed early option", in command-line order;
# without CONFIG_DEBUG_PAGEALLOC there is no such parameter (a note only).
# shellcheck disable=SC2086
expect "arm64-6.12 malformed debug_pagealloc" "Malformed early option 'debug_pagealloc'
Memory limited to 1024MB
Malformed early option 'debug_pagealloc'" \
	"$($V layout $A64 --kernel 6.12 --set DEBUG_PAGEALLOC=y --cmdline 'debug_pagealloc=maybe mem=1G debug_pagealloc debug_pagealloc=on' -q | grep -E '^(Malformed|Memory limited)')"
# shellcheck disable=SC2086
expect "riscv64-6.12 malformed debug_pagealloc" "Malformed early option 'debug_pagealloc'" \
	"$($V layout $RV --set DEBUG_PAGEALLOC=y --cmdline 'debug_pagealloc=2' -q | grep -E '^Malformed')"
# shellcheck disable=SC2086
expect "arm-6.1 malformed debug_pagealloc" "Malformed early option 'debug_pagealloc'" \
	"$($V layout $ARM --set DEBUG_PAGEALLOC=y --cmdline 'debug_pagealloc=x' -q | grep -E '^Malformed')"
# shellcheck disable=SC2086
expect "arm-3.4 no debug_pagealloc message" "MemTotal:" \
	"$($V layout ${ARM/6.1/3.4} --set DEBUG_PAGEALLOC=y --cmdline 'debug_pagealloc=x' -q | grep -E '^(Malformed|MemTotal)' | cut -c1-9)"
# shellcheck disable=SC2086
expect "arm64-6.12 debug_pagealloc without the option" "" \
	"$($V layout $A64 --kernel 6.12 --cmdline 'debug_pagealloc=maybe' -q | grep -E '^Malformed')"

# rodata= (init/main.c set_debug_rodata(), an early_param in v6.1 and
# v6.12): a value the arch's kernel does not take gets "Invalid option
# string for rodata: '%s'" ('(null)' for a bare word) in command-line order
# and changes nothing. arm64 takes full, on, off (asm/setup.h), and on,
# off, noalias from v6.16 (the 6.18 profile); riscv64 and arm take on and off only; arm
# 3.4 and riscv64 5.10 (a __setup with strtobool()) print nothing.
# shellcheck disable=SC2086
expect "arm64-6.1 rodata warnings in order" "Invalid option string for rodata: 'noalias'
Memory limited to 2048MB
Invalid option string for rodata: '(null)'
Invalid option string for rodata: 'yes'" \
	"$($V layout $A64 --kernel 6.1 --cmdline 'rodata=full rodata=noalias mem=2G rodata rodata=yes rodata=off' -q | grep -E '^(Invalid|Memory limited)')"
# shellcheck disable=SC2086
expect "arm64-6.18 takes noalias" "" \
	"$($V layout $A64 --kernel 6.18 --cmdline 'rodata=noalias rodata=on' -q | grep -E '^Invalid')"
# v6.16 dropped "full" when "on" took its meaning (asm/setup.h, 7.2.13):
# set_debug_rodata() warns about it and ignores it.
# shellcheck disable=SC2086
expect "arm64-6.18 rodata=full" "Invalid option string for rodata: 'full'" \
	"$($V layout $A64 --kernel 6.18 --cmdline 'rodata=off rodata=full' -q | grep -E '^Invalid')"
# shellcheck disable=SC2086
expect "riscv64-6.12 rodata=full" "Invalid option string for rodata: 'full'" \
	"$($V layout $RV --cmdline 'rodata=full rodata=on' -q | grep -E '^Invalid')"
# shellcheck disable=SC2086
expect "riscv64-5.10 rodata=full quiet" "MemTotal:" \
	"$($V layout ${RV/6.12/5.10} --cmdline 'rodata=full' -q 2>&1 | grep -E 'rodata|^MemTotal' | cut -c1-9)"
# shellcheck disable=SC2086
expect "arm-6.1 rodata=full" "Invalid option string for rodata: 'full'" \
	"$($V layout $ARM --cmdline 'rodata=full' -q | grep -E '^Invalid')"
# shellcheck disable=SC2086
expect "arm-3.4 rodata quiet" "MemTotal:" \
	"$($V layout ${ARM/6.1/3.4} --cmdline 'rodata=full' -q 2>&1 | grep -E 'rodata|^MemTotal' | cut -c1-9)"

# Unmodelled parameters: a note each (stderr), none with -q, none for the
# ones the arch's kernel ignores (memmap= is x86/mips/xtensa; kasan= is
# KASAN_HW_TAGS, arm64 only).
# shellcheck disable=SC2086
$V layout $A64 --kernel 6.12 --cmdline "swiotlb=65536 hugepages=4 memmap=1G kernelcore=1G" >/dev/null 2>"$tmp/err"
expect "notes arm64" "vmlayout: hugepages=/hugepagesz= on the command line is not modelled: the layout is computed without it
vmlayout: swiotlb= on the command line is not modelled: the layout is computed without it
vmlayout: kernelcore= on the command line is not modelled: the layout is computed without it" \
	"$(grep 'not modelled' "$tmp/err")"
# shellcheck disable=SC2086
expect "notes -q" "" "$($V layout $A64 --kernel 6.12 --cmdline swiotlb=65536 -q 2>&1 >/dev/null)"
# shellcheck disable=SC2086
expect "kasan= arm64" 1 "$($V layout $A64 --kernel 6.12 --cmdline kasan=off 2>&1 >/dev/null | grep -c 'kasan=')"
# shellcheck disable=SC2086
expect "kasan= riscv64 (ignored)" 0 "$($V layout $RV --cmdline kasan=off 2>&1 >/dev/null | grep -c 'kasan=')"
# hugetlb_cma= (mm/hugetlb.c hugetlb_cma_reserve(), v6.1 and v6.12) with CMA
# and HUGETLB_PAGE. arm64 (arm64_hugetlb_cma_reserve() right after
# arch_numa_init(), before the default CMA area): 1 GiB pages; RAM reaches
# 4 GiB + 1 GiB, so bottom-up from 4 GiB: [0x100000000, 0x140000000). Its
# pages go to the buddy allocator: MemTotal is unchanged. v6.12 names the
# node (NUMA on: 0).
for k in 6.1 6.12; do
	sfx=""; [ $k = 6.12 ] && sfx=" on node 0"
	# shellcheck disable=SC2086
	out=$($V layout $A64 --kernel $k --set HUGETLB_PAGE=y --cmdline hugetlb_cma=1G 2>"$tmp/err")
	expect "arm64-$k hugetlb_cma=1G" "hugetlb_cma: reserve 1024 MiB, up to 1024 MiB per node
cma: Reserved 1024 MiB at 0x0000000100000000$sfx
hugetlb_cma: reserved 1024 MiB on node 0" "$(grep '^hugetlb_cma\|^cma: Reserved 1024' <<<"$out")"
	# shellcheck disable=SC2086
	expect "arm64-$k hugetlb_cma=1G MemTotal" "$($V layout $A64 --kernel $k --set HUGETLB_PAGE=y -q | memtotal)" "$(memtotal <<<"$out")"
	expect "arm64-$k hugetlb_cma=1G no note" 0 "$(grep -c 'hugetlb_cma=' "$tmp/err")"
done
# three nodes (tests/cli/boards/arm64-numa3.dts: node 0 [1G, 2G) topped by
# its NODE_DATA, node 1 [2G, 5G), node 2 memory-less): 1 GiB per node; only
# node 1 has a free GiB (v6.1: 2 MiB aligned, top-down under its NODE_DATA;
# v6.12: 1 GiB aligned); the others fail with -ENOMEM and the loop goes on.
N3="--arch arm64 --dtb tests/cli/boards/arm64-numa3.dts --kernel-image 24M@0x80200000 --set HUGETLB_PAGE=y --cmdline hugetlb_cma=3G"
# shellcheck disable=SC2086
expect "arm64-6.1 numa3 hugetlb_cma=3G" "hugetlb_cma: reserve 3072 MiB, up to 1024 MiB per node
cma: Failed to reserve 1024 MiB
hugetlb_cma: reservation failed: err -12, node 0
cma: Reserved 1024 MiB at 0x00000000ff600000
hugetlb_cma: reserved 1024 MiB on node 1
cma: Failed to reserve 1024 MiB
hugetlb_cma: reservation failed: err -12, node 2" "$($V layout $N3 --kernel 6.1 -q | grep '^hugetlb_cma\|^cma: .* 1024 MiB')"
# shellcheck disable=SC2086
expect "arm64-6.12 numa3 hugetlb_cma=3G" "cma: Reserved 1024 MiB at 0x00000000c0000000 on node 1" \
	"$($V layout $N3 --kernel 6.12 -q | grep '^cma: Reserved 1024')"
# riscv64 6.12: setup_bootmem() calls hugetlb_cma_reserve(PUD_SHIFT -
# PAGE_SHIFT) after dma_contiguous_reserve(); without NUMA the node is -1 in
# mm/cma.c's line. With NUMA, nodes are not set up yet and memblock's regions
# have no node (MAX_NUMNODES): node 0's exact allocation finds nothing.
# shellcheck disable=SC2086
expect "riscv64-6.12 hugetlb_cma=1G" "hugetlb_cma: reserve 1024 MiB, up to 1024 MiB per node
cma: Reserved 1024 MiB at 0x0000000100000000 on node -1
hugetlb_cma: reserved 1024 MiB on node 0" \
	"$($V layout $RV --set CMA=y --set HUGETLB_PAGE=y --cmdline hugetlb_cma=1G -q | grep '^hugetlb_cma\|^cma:')"
# shellcheck disable=SC2086
expect "riscv64-6.12 NUMA hugetlb_cma=1G" "cma: Failed to reserve 1024 MiB on node 0
hugetlb_cma: reservation failed: err -12, node 0" \
	"$($V layout $RV --set CMA=y --set HUGETLB_PAGE=y --set NUMA=y --cmdline hugetlb_cma=1G -q | grep '^hugetlb_cma: res.*fail\|^cma:')"
# the 6.18 profile (mm/hugetlb_cma.c not read): a note; without CMA or
# HUGETLB_PAGE the kernel has no such area: silent
RV18="--arch riscv64 --kernel 6.18 --mem 4G@0x80000000 --kernel-image 24M@0x80200000"
# shellcheck disable=SC2086
expect "hugetlb_cma= riscv64-6.18 note" "vmlayout: hugetlb_cma= on the command line is not modelled: the layout is computed without it" \
	"$($V layout $RV18 --set CMA=y --set HUGETLB_PAGE=y --cmdline hugetlb_cma=2G 2>&1 >/dev/null | grep 'hugetlb_cma=')"
# shellcheck disable=SC2086
expect "hugetlb_cma= riscv64 no CMA" 0 "$($V layout $RV --set HUGETLB_PAGE=y --cmdline hugetlb_cma=2G 2>&1 | grep -c 'hugetlb_cma')"
# shellcheck disable=SC2086
expect "hugetlb_cma= arm64 no HUGETLB_PAGE" 0 "$($V layout $A64 --kernel 6.12 --cmdline hugetlb_cma=2G 2>&1 | grep -c 'hugetlb_cma')"
# Built without the crash kernel's config symbol: ignored, with a note.
# shellcheck disable=SC2086
expect "arm64-6.1 KEXEC_CORE=n" "vmlayout: crashkernel= is ignored: CONFIG_KEXEC_CORE is not set" \
	"$($V layout $A64 --kernel 6.1 --set KEXEC_CORE=n --cmdline crashkernel=256M 2>&1 >/dev/null | grep crashkernel)"
# shellcheck disable=SC2086
expect "arm64-6.1 KEXEC_CORE=n: blocks" "3 7" "$(tables $A64 --kernel 6.1 --set KEXEC_CORE=n --cmdline 'rodata=off crashkernel=256M')"
# shellcheck disable=SC2086
expect "riscv64-6.12 CRASH_RESERVE=n" "vmlayout: crashkernel= is ignored: CONFIG_CRASH_RESERVE is not set" \
	"$($V layout $RV --set CRASH_RESERVE=n --cmdline crashkernel=256M 2>&1 >/dev/null | grep crashkernel)"

# A command line longer than boot_command_line (2048 bytes): cut, a note.
long=$(printf 'x%.0s' $(seq 1 2100))
# shellcheck disable=SC2086
$V layout $A64 --kernel 6.12 --cmdline "$long crashkernel=256M" >"$tmp/out" 2>"$tmp/err"
if grep -qF "only the first 2047 are read" "$tmp/err" && ! grep -q '^crashkernel' "$tmp/out"; then ok "long command line cut"
else ko "long command line cut" "$(cat "$tmp/err")"; fi
# The same from a DT's bootargs of 1500 characters: arm64 reads its mem=.
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { bootargs = "%s mem=256M"; };\n memory@80000000 { device_type = "memory"; reg = <0 0x80000000 1 0>; }; };\n' "$(printf 'x%.0s' $(seq 1 1500))" >"$tmp/longargs.dts"
# (the memory mem= leaves, not MemTotal: setup_command_line()'s two copies
# of a longer line take more pages)
expect "arm64 long DT bootargs keep mem=" \
	"$($V layout --arch arm64 --kernel 6.12 --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --cmdline mem=256M -q | grep -E '^(Memory limited|NUMA: Faking)')" \
	"$($V layout --arch arm64 --kernel 6.12 --dtb "$tmp/longargs.dts" --kernel-image 24M@0x80200000 -q | grep -E '^(Memory limited|NUMA: Faking)')"
# arm and riscv64 keep 1023 characters (COMMAND_LINE_SIZE 1024): a mem=
# past them is dropped, as the kernel drops it; arm64 (2048) keeps it.
long=$(printf 'x%.0s' $(seq 1 1020))
# shellcheck disable=SC2086
expect "arm long command line drops mem=" \
	"$($V layout $ARM -q | grep '^MemTotal')" "$($V layout $ARM --cmdline "$long mem=256M" -q | grep '^MemTotal')"
# shellcheck disable=SC2086
expect "arm64 long command line keeps mem=" \
	"$($V layout $A64 --kernel 6.12 --cmdline mem=256M -q | grep -E '^(Memory limited|NUMA: Faking)')" \
	"$($V layout $A64 --kernel 6.12 --cmdline "$long mem=256M" -q | grep -E '^(Memory limited|NUMA: Faking)')"

finish

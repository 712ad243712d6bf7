#!/usr/bin/env bash
# The arm64 rules that changed inside a profile's range of versions follow
# the --kernel version asked for (src/arch/arm64/layout_arm64.h, the
# *_since fields; docs/arm64.md "Rules that changed inside a profile's
# range"): "6.1" answers to 6.1 .. 6.8, "6.12" to 6.9 .. 6.15, "6.18" to
# 6.16 .. 6.18. Each check asks the versions on both sides of a change.
set -u
B=${1:-build}
. tests/cli/lib.sh
O=tests/conformance/observed

# Debian 12's 6.1 arm64 build (48-bit VA, 4K pages) with KFENCE turned on
# (CONFIG_KFENCE_SAMPLE_INTERVAL unset: 100, so kfence_early_init is true)
A61="--arch arm64 --mem 2G@0x40000000 --config $O/arm64.config --system-map $O/arm64.System.map"
# Debian 13's 6.12 arm64 build
A612="--arch arm64 --mem 2G@0x40000000 --config $O/arm64-6.12.config --system-map $O/arm64-6.12.System.map"
kres() { python3 -c 'import json,sys; print(" ".join("%s:%d" % (r["name"], int(r["size"], 16)) for r in json.load(sys.stdin)["reservations"] if "kfence" in r["name"]))'; }
modules() { awk '$NF == "modules" {print $1, $2, $3}'; }

# MODULES_VSIZE (asm/memory.h): 128 MiB up to v6.4, 2 GiB from v6.5, so
# KIMAGE_VADDR = MODULES_END moves up by 1920 MiB.
# shellcheck disable=SC2086
expect "modules, 6.4: 128 MiB" "ffff800000000000 ffff800007ffffff 128MB" \
	"$($V layout --kernel 6.4 $A61 2>/dev/null | modules)"
# shellcheck disable=SC2086
expect "modules, 6.5: 2 GiB" "ffff800000000000 ffff80007fffffff 2GB" \
	"$($V layout --kernel 6.5 $A61 2>/dev/null | modules)"

# DMA_BOUNCE_UNALIGNED_KMALLOC (v6.5): without a ZONE_DMA swiotlb,
# mem_init() sizes one of 1 MiB per GiB (2 GiB of RAM: 2 MB).
adjusted="SWIOTLB bounce buffer size adjusted to 2MB"
# shellcheck disable=SC2086
expect "kmalloc bounce swiotlb, 6.4: none" 0 \
	"$($V layout --kernel 6.4 $A61 2>/dev/null | grep -cF "$adjusted")"
# shellcheck disable=SC2086
expect "kmalloc bounce swiotlb, 6.5" 1 \
	"$($V layout --kernel 6.5 $A61 2>/dev/null | grep -cF "$adjusted")"

# KFENCE: v6.1 .. v6.3 take the pool in mm_init() (memblock_alloc());
# from v6.4 map_mem() takes it first (arm64_kfence_alloc_pool()); from
# v6.6 the metadata comes from memblock too (255 objects: 299008 bytes).
# shellcheck disable=SC2086
expect "kfence, 6.3: the late pool" "kfence pool (late):2097152" \
	"$($V layout --kernel 6.3 $A61 --set KFENCE=y --format json 2>/dev/null | kres)"
# shellcheck disable=SC2086
expect "kfence, 6.4: the early pool" "kfence pool:2097152" \
	"$($V layout --kernel 6.4 $A61 --set KFENCE=y --format json 2>/dev/null | kres)"
# shellcheck disable=SC2086
expect "kfence, 6.5: no metadata yet" "kfence pool:2097152" \
	"$($V layout --kernel 6.5 $A61 --set KFENCE=y --format json 2>/dev/null | kres)"
# shellcheck disable=SC2086
expect "kfence, 6.6: pool and metadata" "kfence pool:2097152 kfence metadata:299008" \
	"$($V layout --kernel 6.6 $A61 --set KFENCE=y --format json 2>/dev/null | kres)"

# The "Memory:" line from page_alloc_init_late() (v6.11): a note.
note="from page_alloc_init_late() (v6.11+)"
# shellcheck disable=SC2086
expect "late Memory: line note, 6.10" 0 "$($V layout --kernel 6.10 $A612 2>&1 >/dev/null | grep -cF "$note")"
# shellcheck disable=SC2086
expect "late Memory: line note, 6.11" 1 "$($V layout --kernel 6.11 $A612 2>&1 >/dev/null | grep -cF "$note")"

# cma_fixed_reserve() (mm/cma.c v6.17): the low/high boundary check only
# with CONFIG_HIGHMEM; a fixed area across the end of DRAM (arm64's
# highmem_start) is refused for the boundary in 6.16, for the limit from
# 6.17.
# shellcheck disable=SC2086
expect "fixed cma= across the end of DRAM, 6.16" \
	"cma: Region at 0x00000000be000000 defined on low/high memory boundary (0x00000000c0000000)" \
	"$($V layout --kernel 6.16 --arch arm64 --mem 2G@0x40000000 --cmdline cma=64M@0xbe000000 2>/dev/null | grep -F 'cma: Region')"
# shellcheck disable=SC2086
expect "fixed cma= across the end of DRAM, 6.17" \
	"cma: Size (0x0000000004000000) of region at 0x00000000be000000 exceeds limit (0x00000000c0000000)" \
	"$($V layout --kernel 6.17 --arch arm64 --mem 2G@0x40000000 --cmdline cma=64M@0xbe000000 2>/dev/null | grep -F 'cma: Size')"
finish

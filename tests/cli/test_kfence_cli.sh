#!/usr/bin/env bash
# KFENCE's boot memory through the CLI (include/vmlayout/kfence.h): the
# pool ((255 + 1) * 2 pages) and, from v6.6, the metadata (sizeof(struct
# kfence_metadata) * 255, page-aligned), taken when kfence.sample_interval
# (the .config's or the command line's) is not 0, and arm64's early pool
# (kfence_early_init). The riscv64 figures are the real kernel's: Debian
# 13's 6.12.117 booted under QEMU with and without kfence.sample_interval=100
# (tests/conformance/observed/riscv64-1g*.json: MemTotal 965024 and 964732
# kB, "memblock_alloc_try_nid: 299008 bytes ... kfence_alloc_pool_and_metadata").
set -u
B=${1:-build}
. tests/cli/lib.sh
O=tests/conformance/observed

memtotal() { awk '$1 == "MemTotal:" {print $2}'; }
kfence_res() { # the kfence reservations' name:size, from JSON
	python3 -c 'import json,sys; print(" ".join("%s:%d" % (r["name"], int(r["size"], 16)) for r in json.load(sys.stdin)["reservations"] if "kfence" in r["name"]))'
}

# riscv64 6.12, Debian's config (KFENCE=y, KFENCE_SAMPLE_INTERVAL=0, MEMCG=y):
# the early pool always; the metadata only with an interval, 292 kB.
if dtc -q -I dts -O dtb -o "$tmp/rv1g.dtb" "$O/riscv64-1g.dts" 2>/dev/null; then
	R="--arch riscv64 --kernel 6.12 --dtb $tmp/rv1g.dtb --config $O/riscv64.config --system-map $O/riscv64.System.map"
	# shellcheck disable=SC2086
	plain=$($V layout $R --cmdline "console=ttyS0" -q | memtotal)
	# shellcheck disable=SC2086
	kf=$($V layout $R --cmdline "console=ttyS0 kfence.sample_interval=100" -q | memtotal)
	expect "riscv64 6.12 metadata: 965024 - 964732 kB, as booted" 292 $((plain - kf))
	# shellcheck disable=SC2086
	expect "riscv64 6.12 reservations" "kfence pool:2097152 kfence metadata:299008" \
		"$($V layout $R --cmdline "kfence.sample_interval=100" --format json 2>/dev/null | kfence_res)"
	# shellcheck disable=SC2086
	expect "riscv64 6.12 interval 0: the pool alone" "kfence pool:2097152" \
		"$($V layout $R --format json 2>/dev/null | kfence_res)"
else ko "dtc riscv64-1g"; fi

# arm64 6.12, Debian 13's config, 2 GiB, rodata=off, booted under QEMU
# with and without kfence.sample_interval=100 (tests/conformance/observed/
# arm64-6.12-2g-rodata-off*.json): the early pool makes can_set_direct_map()
# false, so the linear map takes blocks again, and pool and metadata stay
# reserved; MemTotal 2019068 -> 2020760 kB, +1692 kB.
if dtc -q -I dts -O dtb -S 0x100000 -o "$tmp/a2g.dtb" "$O/arm64-6.12-2g-rodata-off.dts" 2>/dev/null; then
	R="--arch arm64 --kernel 6.12 --dtb $tmp/a2g.dtb --dtb-phys 0x48200000 --config $O/arm64-6.12.config --system-map $O/arm64-6.12.System.map --set CPU_VA_BITS=48"
	C="console=ttyAMA0 earlycon=pl011,0x9000000 memblock=debug nokaslr rodata=off"
	# shellcheck disable=SC2086
	plain=$($V layout $R --cmdline "$C" -q | memtotal)
	# shellcheck disable=SC2086
	kf=$($V layout $R --cmdline "$C kfence.sample_interval=100" -q | memtotal)
	expect "arm64 6.12 rodata=off + kfence: +1692 kB, as booted" 1692 $((kf - plain))
else ko "dtc arm64-6.12-2g-rodata-off"; fi

# arm64: the early param decides the early pool (get_option()), the module
# parameter the interval (kstrtoul()). MEMCG=y as Debian's.
A="--arch arm64 --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --set KFENCE=y --set MEMCG=y"
res() { "$V" layout $A "$@" --format json 2>/dev/null | kfence_res; }
# shellcheck disable=SC2086
{
expect "arm64 6.12 config 0, cmdline 100" "kfence pool:2097152 kfence metadata:299008" \
	"$(res --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline kfence.sample_interval=100)"
expect "arm64 6.12 config 0" "" "$(res --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0)"
expect "arm64 6.12 config 100, cmdline 0" "" \
	"$(res --kernel 6.12 --cmdline kfence.sample_interval=0)"
expect "arm64 6.12 config 100 (Kconfig's default)" "kfence pool:2097152 kfence metadata:299008" \
	"$(res --kernel 6.12)"
# "5x": get_option() reads 5 (early pool), kstrtoul() refuses it (the
# interval stays 0): the pool stays, no metadata, parse_args() complains
expect "arm64 6.12 5x" "kfence pool:2097152" \
	"$(res --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline kfence.sample_interval=5x)"
expect "arm64 6.12 5x message" "Booting kernel: \`5x' invalid for parameter \`kfence.sample_interval'" \
	"$($V layout $A --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline kfence.sample_interval=5x -q | grep '^Booting')"
expect "arm64 6.12 bare word message" "Booting kernel: \`' invalid for parameter \`kfence.sample_interval'" \
	"$($V layout $A --kernel 6.12 --cmdline kfence.sample_interval -q | grep '^Booting')"
# "0x10": both read 16; "-1": get_option() -1 (early pool), kstrtoul() refuses
expect "arm64 6.12 0x10" "kfence pool:2097152 kfence metadata:299008" \
	"$(res --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline kfence.sample_interval=0x10)"
expect "arm64 6.12 -1" "kfence pool:2097152" \
	"$(res --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline kfence.sample_interval=-1)"
# CONFIG_KFENCE_NUM_OBJECTS: (63 + 1) * 2 pages, 63 * 1160 bytes
expect "arm64 6.12 63 objects" "kfence pool:524288 kfence metadata:73728" \
	"$(res --kernel 6.12 --set KFENCE_NUM_OBJECTS=63)"
# v6.1: no early pool, the pool from mm_init()'s kfence_alloc_pool(), a
# static metadata array (in the image)
expect "arm64 6.1" "kfence pool (late):2097152" "$(res --kernel 6.1 --cmdline kfence.sample_interval=100)"
expect "arm64 6.1 interval 0" "" "$(res --kernel 6.1 --cmdline kfence.sample_interval=0)"
}
# boot-tables: the early pool makes can_set_direct_map() false, so with
# rodata=on the linear map keeps its blocks (a late KFENCE forces pages)
# shellcheck disable=SC2086
walk() { "$V" boot-tables $A --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline "$1" --walk 0xffff000040000000 -q | awk '$1 == "PAGE:" {print $3}'; }
expect "boot-tables early pool: blocks" "(1048576K)" "$(walk 'rodata=on kfence.sample_interval=100')"
expect "boot-tables late KFENCE: pages" "(4K)" "$(walk 'rodata=on')"

# The running kernel's tables: kfence_init_pool() protects the pool's
# first two pages and each object's right guard page (the odd ones), as the
# live tables of Debian's 6.12 show (conformance/run_live_tables.sh on
# arm64-6.12-2g-rodata-off-kfence and riscv64-1g-kfence); with "5x" KFENCE
# does not start (interval 0) and the pool stays mapped whole.
pool_page() { # CMDLINE PAGE: the walk of the pool's page (at 0x17fe00000)
	"$V" boot-tables $A --kernel 6.12 --set KFENCE_SAMPLE_INTERVAL=0 --cmdline "$1" -q \
		--walk "$(printf '0x%x' $((0xffff000000000000 + 0x17fe00000 - 0x80000000 + $2 * 4096)))" |
		grep -cE 'PAGE: .*\(4K\)'
}
for pg in "0 0" "1 0" "2 1" "3 0" "510 1" "511 0"; do
	set -- $pg
	expect "boot-tables kfence page $1" "$2" "$(pool_page kfence.sample_interval=100 "$1")"
done
expect "boot-tables kfence not started: page 0 mapped" 1 "$(pool_page kfence.sample_interval=5x 0)"

# arm 6.1: the pool from lowmem, MemTotal 2048 kB lower
M="--arch arm --kernel 6.1 --mem 1G@0x80000000 --set KFENCE=y"
# shellcheck disable=SC2086
expect "arm 6.1 pool" 2048 $(($($V layout $M --cmdline kfence.sample_interval=0 -q | memtotal) - $($V layout $M -q | memtotal)))
finish

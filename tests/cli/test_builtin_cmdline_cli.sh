#!/usr/bin/env bash
# CONFIG_CMDLINE and the "Kernel command line type" choice through the CLI:
# the line the kernel parses, joined as src/core/boot_command_line.c says
# (drivers/of/fdt.c early_init_dt_scan_chosen() v6.1/v6.12 and v3.4;
# arch/arm/kernel/atags_parse.c parse_tag_cmdline() v6.1 for a 32-bit ARM
# board without a DT), seen through vmalloc= (the last one wins,
# arch/arm/mm/mmu.c early_vmalloc()) and mem=.
set -u
B=${1:-build}
. tests/cli/lib.sh

vmalloc_mb() { awk '$1 == "vmalloc" {gsub(/[()]/, ""); print $(NF - 1)}'; }
memtotal() { awk '$1 == "MemTotal:" {print $2}'; }
cfg() { # FILE CMDLINE [TYPE]
	{ echo CONFIG_ARM=y; echo CONFIG_ARM_PATCH_PHYS_VIRT=y; echo CONFIG_HIGHMEM=y
	  echo "CONFIG_CMDLINE=\"$2\""; [ -n "${3:-}" ] && echo "CONFIG_$3=y"; } >"$1"
}

if ! dtc -q -I dts -O dtb -o "$tmp/panda.dtb" tests/cli/boards/omap4-panda-es.dts 2>/dev/null; then
	ko "dtc" && finish; exit
fi
DT="--arch arm --dtb $tmp/panda.dtb"
ATAGS="--arch arm --mem 1G@0x80000000"

# A DT boot, 6.1: the bootargs win; FORCE takes CONFIG_CMDLINE; EXTEND puts
# it after them, so its vmalloc= is the last one.
cfg "$tmp/plain" "vmalloc=400M"
cfg "$tmp/force" "vmalloc=400M" CMDLINE_FORCE
cfg "$tmp/extend" "vmalloc=400M" CMDLINE_EXTEND
for c in "plain 128" "force 400" "extend 400"; do
	set -- $c
	# shellcheck disable=SC2086
	expect "dt 6.1 $1" "$2" "$($V layout $DT --kernel 6.1 --config "$tmp/$1" --cmdline vmalloc=128M -q | vmalloc_mb)"
done
# no bootargs: CONFIG_CMDLINE
# shellcheck disable=SC2086
expect "dt 6.1 plain, no bootargs" 400 "$($V layout $DT --kernel 6.1 --config "$tmp/plain" -q | vmalloc_mb)"
# v3.4's early_init_dt_scan_chosen() has no EXTEND case: the bootargs alone,
# and a note says so
# shellcheck disable=SC2086
out=$($V layout $DT --kernel 3.4 --config "$tmp/extend" --cmdline vmalloc=128M 2>"$tmp/err")
# shellcheck disable=SC2086
v34_128=$($V layout $DT --kernel 3.4 --cmdline vmalloc=128M -q | vmalloc_mb)
# shellcheck disable=SC2086
v34_400=$($V layout $DT --kernel 3.4 --cmdline vmalloc=400M -q | vmalloc_mb)
[ "$v34_128" != "$v34_400" ] && ok "3.4 vmalloc= seen" || ko "3.4 vmalloc= seen" "$v34_128"
expect "dt 3.4 extend" "$v34_128" "$(vmalloc_mb <<<"$out")"
if grep -qF "CMDLINE_EXTEND is not used with a device tree by 3.4" "$tmp/err"; then ok "dt 3.4 extend note"
else ko "dt 3.4 extend note" "$(cat "$tmp/err")"; fi

# ATAGS (no DT): the line starts as CONFIG_CMDLINE; the tag (--cmdline)
# replaces it, follows it (EXTEND: the tag's vmalloc= is last) or is
# ignored with the kernel's warning (FORCE).
# shellcheck disable=SC2086
expect "atags no tag" 400 "$($V layout $ATAGS --kernel 6.1 --config "$tmp/plain" -q | vmalloc_mb)"
for c in "plain 128" "extend 128" "force 400"; do
	set -- $c
	# shellcheck disable=SC2086
	expect "atags 6.1 $1" "$2" "$($V layout $ATAGS --kernel 6.1 --config "$tmp/$1" --cmdline vmalloc=128M -q | vmalloc_mb)"
done
# shellcheck disable=SC2086
expect "atags force warning" "Ignoring tag cmdline (using the default kernel command line)" \
	"$($V layout $ATAGS --kernel 6.1 --config "$tmp/force" --cmdline vmalloc=128M -q | grep '^Ignoring')"
# shellcheck disable=SC2086
expect "atags 3.4 extend" "$v34_128" "$($V layout $ATAGS --kernel 3.4 --config "$tmp/extend" --cmdline vmalloc=128M -q | vmalloc_mb)"
# The join is printed on stderr when CONFIG_CMDLINE took part.
# shellcheck disable=SC2086
$V layout $ATAGS --kernel 6.1 --config "$tmp/extend" --cmdline vmalloc=128M >/dev/null 2>"$tmp/err"
if grep -qF 'the kernel command line (with CONFIG_CMDLINE): "vmalloc=400M vmalloc=128M"' "$tmp/err"; then
	ok "atags extend line"; else ko "atags extend line" "$(cat "$tmp/err")"; fi

# arm64 and riscv64 through --set: mem= from CONFIG_CMDLINE when the
# bootloader gives nothing (MemTotal shrinks), not when it gives a line.
for a in "arm64 6.12" "riscv64 6.12"; do
	set -- $a
	A="--arch $1 --kernel $2 --mem 2G@0x80000000 --kernel-image 24M@0x80200000"
	# shellcheck disable=SC2086
	full=$($V layout $A -q | memtotal)
	# shellcheck disable=SC2086
	cut=$($V layout $A --set CMDLINE=mem=1G -q | memtotal)
	# shellcheck disable=SC2086
	given=$($V layout $A --set CMDLINE=mem=1G --cmdline quiet -q | memtotal)
	# shellcheck disable=SC2086
	forced=$($V layout $A --set CMDLINE=mem=1G --set CMDLINE_FORCE=y --cmdline quiet -q | memtotal)
	if [ "$cut" -lt 1048576 ] && [ "$full" -gt 1048576 ]; then ok "$1 CONFIG_CMDLINE mem=1G"
	else ko "$1 CONFIG_CMDLINE mem=1G" "full=$full cut=$cut"; fi
	expect "$1 bootloader line wins" "$full" "$given"
	expect "$1 FORCE" "$cut" "$forced"
done
# riscv's CMDLINE_EXTEND: " mem=1G" after the bootloader's line
# shellcheck disable=SC2086
expect "riscv64 EXTEND" "$cut" "$($V layout --arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 24M@0x80200000 --set CMDLINE=mem=1G --set CMDLINE_EXTEND=y --cmdline quiet -q | memtotal)"

# A type the arch's Kconfig does not offer is an error naming it.
bad "arm64 extend" "CMDLINE_EXTEND is not an arm64 option" \
	"$V" layout --arch arm64 --mem 1G@0x80000000 --set CMDLINE_EXTEND=y
bad "arm fallback" "CMDLINE_FALLBACK is riscv's" \
	"$V" layout $ATAGS --set CMDLINE_FALLBACK=y
finish

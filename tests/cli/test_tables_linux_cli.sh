#!/usr/bin/env bash
# arm --format short-linux end to end (tables, walk, ptdump): Linux's
# packing of the 2-level tables (arch/arm/include/asm/pgtable-2level.h,
# v6.1). Allocation is top-down from the top of --mem 64M@0x41000000
# (0x45000000): the 16 KiB root at 0x44ffc000, the 4 KiB PTE page for
# 0xc0000000..0xc01fffff at 0x44ffb000 (h/w pt 0 at +0x800, h/w pt 1 at
# +0xc00, Linux pt 0 at +0, Linux pt 1 at +0x400). Kernel RW normal page at
# P: hardware P | 0x45f, Linux P | 0x65f (tests/core/test_pgtable_arm_linux.c
# works both out); read-only adds APX 0x200 / L_PTE_RDONLY 0x80.
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A="--arch arm --format short-linux --mem 64M@0x41000000"
MAPS="--map 0xc0000000:0x40000000:4K --map 0xc0103000:0x50003000:4K:ro --map 0xc0400000:0x60000000:1M"

# One root (16 KiB) and one PTE page of 4 KiB holding two hardware tables.
out=$($V tables $A $MAPS --out "$tmp/t.bin"); rc=$?
if [ $rc -eq 0 ] && grep -qE '^1 +1 +16384 +1 +0$' <<<"$out" && grep -qE '^2 +1 +4096 +2 +0$' <<<"$out"
then ok counts; else ko counts "$out"; fi
j=$(cat "$tmp/t.bin.json")
for want in '"format": "short-linux"' '"image_base_phys": "0x44ffb000"' '"prrr": "0xff0a81a8"' \
	'"nmrr": "0x40e040e0"' '"sctlr": "0x10000000"'; do
	if grep -qF -- "$want" <<<"$j"; then ok "json $want"; else ko "json $want" "$j"; fi
done
# The image starts with the PTE page: Linux pt 0 entry 0, Linux pt 1 entry 3,
# h/w pt 0 entry 0, h/w pt 1 entry 3; the pgd pair 0xc00, 0xc01 at 0x44ffc000 +
# 0x3000 (image offset 0x4000); nothing else in Linux pt 1 (entry 1 at 0x404).
word() { od -An -tx4 -j "$1" -N4 "$tmp/t.bin" | tr -d ' '; }
for pair in 0x0:4000065f 0x40c:500036df 0x800:4000045f 0xc0c:5000365f \
	0x4000:44ffb801 0x4004:44ffbc01 0x404:00000000; do
	off=${pair%%:*} want=${pair#*:}
	got=$(word $((off)))
	if [ "$got" = "$want" ]; then ok "image $off"; else ko "image $off" "got $got want $want"; fi
done

# walk prints the hardware entry and the Linux PTE beside it.
out=$($V walk $A $MAPS 0xc0103abc)
if grep -qF '   PTE: 44ffbc0c => 5000365f' <<<"$out" && grep -qF ' LINUX: 44ffb40c => 500036df' <<<"$out"
then ok walk; else ko walk "$out"; fi

# ptdump reads the Linux PTEs (dump.c walk_pte()): same text as short here.
out=$($V ptdump $A $MAPS)
want='0xc0000000-0xc0001000           4K PTE KERNEL      RW NX SHD MEM/CACHED/WBWA
0xc0103000-0xc0104000           4K PTE KERNEL      ro NX SHD MEM/CACHED/WBWA
0xc0400000-0xc0600000           2M PGD KERNEL      RW NX SHD'
if [ "$out" = "$want" ]; then ok ptdump; else ko ptdump "$out"; fi
short=$($V ptdump ${A/short-linux/short} $MAPS)
if [ "$out" = "$short" ]; then ok ptdump-same-as-short; else ko ptdump-same-as-short "$short"; fi

# With --split 1G (TTBCR.N = 2) the upper half packs its own pages.
out=$($V walk $A --split 1G $MAPS 0xc0000000)
if grep -qF ' LINUX: ' <<<"$out" && grep -qF '=> 4000045f' <<<"$out"
then ok split-walk; else ko split-walk "$out"; fi

# Unknown format name.
if ! $V tables --arch arm --format short-lnx --mem 64M@0x41000000 --map 0:0:4K 2>"$tmp/e" &&
	grep -qF 'short, short-linux or lpae' "$tmp/e"
then ok bad-format; else ko bad-format "$(cat "$tmp/e")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

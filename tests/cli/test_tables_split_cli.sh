#!/usr/bin/env bash
# arm --split end to end (tables, walk, ptdump) and the table PA limit.
# Allocation is top-down from the top of --mem 64M@0x41000000 (0x45000000),
# in --map order; LPAE 3G split: TTBR0 root 32 bytes at 0x44ffffe0 (4
# entries, T0SZ = 0), its level-2 table at 0x44ffe000, TTBR1's level-2 root
# (T1SZ = 2, 512 entries) at 0x44ffd000, the level-3 table for 0xfffff000
# at 0x44ffc000. 2 MiB kernel RW block at P: P | 0x004000000000071d.
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
MEM="--mem 64M@0x41000000"
MAPS="--map 0x0:0x80000000:2M --map 0xc0000000:0x40000000:4M --map 0xfffff000:0x50000000:4K"
L3G="--arch arm --format lpae --split 3G $MEM"

# Counts per level number: level 1 only in TTBR0 (1 table, 32 bytes), level
# 2 one table per half (2 x 4096; 2 + 1 blocks), level 3 one table.
out=$($V tables $L3G $MAPS --out "$tmp/l.bin"); rc=$?
if [ $rc -eq 0 ] && grep -qE '^1 +1 +32 +0 +0$' <<<"$out" && grep -qE '^2 +2 +8192 +3 +0$' <<<"$out" &&
	grep -qE '^total +4 +12320$' <<<"$out"
then ok lpae-3g-counts; else ko lpae-3g-counts "$out"; fi
j=$(cat "$tmp/l.bin.json")
for want in '"split": "0xc0000000"' '"image_base_phys": "0x44ffc000"' '"ttbcr": "0x80020000"' \
	'"ttbr0": "0x44ffffe0"' '"ttbr1": "0x44ffd000"'; do
	if grep -qF -- "$want" <<<"$j"; then ok "lpae-3g json $want"; else ko "lpae-3g json $want" "$j"; fi
done
# TTBR1 root (image offset 0x1000): entry 0 the block at 0x40000000, entry
# 511 (offset 0x1ff8) the table 0x44ffc000 | 3; TTBR0 entry 0 -> 0x44ffe003.
e0=$(od -An -tx8 -j $((0x1000)) -N 8 "$tmp/l.bin" | xargs)
e511=$(od -An -tx8 -j $((0x1ff8)) -N 8 "$tmp/l.bin" | xargs)
r0=$(od -An -tx8 -j $((0x3fe0)) -N 8 "$tmp/l.bin" | xargs)
if [ "$e0" = 004000004000071d ] && [ "$e511" = 0000000044ffc003 ] && [ "$r0" = 0000000044ffe003 ]
then ok lpae-3g-bytes; else ko lpae-3g-bytes "e0 $e0 e511 $e511 r0 $r0"; fi

# walk picks the tree by VA range: TTBR1's root is the PMD table.
out=$($V walk $L3G $MAPS 0xfffff123 0x1000); rc=$?
if [ $rc -eq 0 ] && grep -qE '^fffff123 +50000123$' <<<"$out" &&
	grep -qF 'PAGE DIRECTORY: 44ffd000' <<<"$out" && grep -qF '   PMD: 44ffdff8 => 44ffc003' <<<"$out" &&
	grep -qF '   PTE: 44ffcff8 => 4000005000071f' <<<"$out" && grep -qF '   PGD: 44ffffe0 => 44ffe003' <<<"$out"
then ok lpae-3g-walk; else ko lpae-3g-walk "$out"; fi

# Only the TTBR1 half has tables: EPD0 (bit 7) stops TTBR0 walks.
out=$($V tables $L3G --map 0xc0000000:0x40000000:2M --out "$tmp/u.bin")
if grep -qF '"ttbcr": "0x80020080"' "$tmp/u.bin.json" && grep -qF '"ttbr0": "0x0"' "$tmp/u.bin.json"
then ok lpae-3g-epd0; else ko lpae-3g-epd0 "$(cat "$tmp/u.bin.json")"; fi

# ptdump: the kernel's one 4 GiB walk, each VA from its half's tree.
want='0x00000000-0x00200000           2M PMD RW NX SHD
0xc0000000-0xc0400000           4M PMD RW NX SHD
0xfffff000-0x00000000           4K PTE     RW NX SHD MEM/CACHED/WBWA'
out=$($V ptdump $L3G $MAPS)
if [ "$out" = "$want" ]; then ok lpae-3g-ptdump; else ko lpae-3g-ptdump "$out"; fi

# short, TTBCR.N = 1: TTBR0 root 8 KiB at 0x44ffe000, TTBR1 16 KiB at
# 0x44ff8000 (0x44ffe000 - 16K = 0x44ffa000, aligned down to 16 KiB).
S2G="--arch arm --format short --split 2G $MEM"
$V tables $S2G --map 0x0:0x80000000:1M --map 0x80000000:0x40000000:1M --out "$tmp/s.bin" >/dev/null
j=$(cat "$tmp/s.bin.json")
for want in '"ttbcr": "0x1"' '"ttbr0": "0x44ffe000"' '"ttbr1": "0x44ff8000"'; do
	if grep -qF -- "$want" <<<"$j"; then ok "short-2g json $want"; else ko "short-2g json $want" "$j"; fi
done
out=$($V walk $S2G --map 0x0:0x80000000:1M --map 0x80000000:0x40000000:1M 0x80000010 0x7ff00000)
rc=$?
if [ $rc -eq 1 ] && grep -qE '^80000010 +40000010$' <<<"$out" &&
	grep -qF '   PGD: 44ffa000 => 4001141e' <<<"$out" &&
	grep -qF '7ff00000          (not mapped: invalid PGD entry)' <<<"$out"
then ok short-2g-walk; else ko short-2g-walk "$out"; fi

# Bad input: exit 2, one line on stderr.
bad() {
	local name=$1; shift
	out=$($V "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <<<"$err")" -eq 1 ]; then ok "bad $name"
	else ko "bad $name" "rc $rc out '$out' err '$err'"; fi
}
bad short-3g tables --arch arm --format short --split 3G $MEM --map 0:0:1M
bad lpae-odd tables --arch arm --format lpae --split 0x30000000 $MEM --map 0:0:2M
bad arm64-split tables --arch arm64 --split 1G $MEM --map 0:0:4K
bad split-zero tables --arch arm --format lpae --split 0 $MEM --map 0:0:2M
# Table memory above 4 GiB only: arm short tables cannot live there.
bad short-mem-high tables --arch arm --format short --mem 64M@0x100000000 --map 0:0:1M
if $V tables --arch arm --format short --mem 64M@0x100000000 --map 0:0:1M 2>&1 |
	grep -qF 'no memory below 0x100000000'; then ok short-mem-high-message; else ko short-mem-high-message; fi
# Memory on both sides of 4 GiB: tables go below (root at 0xfffc000).
out=$($V tables --arch arm --format short --mem 64M@0xfc000000 --mem 64M@0x100000000 \
	--map 0:0:1M --out "$tmp/h.bin"); rc=$?
if [ $rc -eq 0 ] && grep -qF '"root_phys": "0xffffc000"' "$tmp/h.bin.json"
then ok short-tables-below-4g; else ko short-tables-below-4g "$out $(cat "$tmp/h.bin.json")"; fi
# LPAE tables may sit above 4 GiB (40-bit table addresses).
out=$($V tables --arch arm --format lpae --mem 64M@0x100000000 --map 0:0:2M --out "$tmp/p.bin"); rc=$?
if [ $rc -eq 0 ] && grep -qF '"ttbr0": "0x103ffffe0"' "$tmp/p.bin.json"
then ok lpae-tables-above-4g; else ko lpae-tables-above-4g "$out"; fi

echo "test_tables_split_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

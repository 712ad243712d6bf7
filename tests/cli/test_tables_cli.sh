#!/usr/bin/env bash
# `vmlayout tables` and `vmlayout walk` end to end: counts per level, the
# binary image and its JSON (descriptor bytes checked at their offsets),
# vtop-style walk output, and bad input (exit 2, one line on stderr).
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A64="--arch arm64 --granule 4K --va-bits 48 --mem 64M@0x80000000"

# 4 GiB at PA 1 GiB: four 1G blocks under one level-1 table (root + 1 table).
out=$($V tables $A64 --map 0xffff000000000000:0x40000000:4G --out "$tmp/t.bin"); rc=$?
if [ $rc -eq 0 ] && grep -qE '^1 +1 +4096 +4 +0$' <<<"$out" && grep -qE '^total +2 +8192$' <<<"$out"
then ok tables-1g-blocks; else ko tables-1g-blocks "$out"; fi

# Image: top-down from the top of --mem: root at 0x83fff000, L1 at 0x83ffe000.
# Root entry 0 -> 0x83ffe003; L1 entry 0 = PROT_SECT_NORMAL block 0x0068000040000701.
size=$(stat -c %s "$tmp/t.bin")
root=$(od -An -tx8 -j 4096 -N 8 "$tmp/t.bin" | xargs)
l1=$(od -An -tx8 -j 0 -N 8 "$tmp/t.bin" | xargs)
if [ "$size" = 8192 ] && [ "$root" = 0000000083ffe003 ] && [ "$l1" = 0068000040000701 ]
then ok tables-image-bytes; else ko tables-image-bytes "size $size root $root l1 $l1"; fi
j=$(cat "$tmp/t.bin.json")
for want in '"arch": "arm64"' '"format": "4K/48"' '"image_base_phys": "0x83ffe000"' \
	'"root_phys": "0x83fff000"' '"ttbr0": "0x0"' '"ttbr1": "0x83fff000"' \
	'"tcr": "0x5b5103590"' '"mair": "0x40044ffff"'; do
	if grep -qF -- "$want" <<<"$j"; then ok "json $want"; else ko "json $want" "$j"; fi
done
if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/t.bin.json"
then ok json-parses; else ko json-parses; fi

# Page granularity with nocont: 2M = 512 pages, no CONT.
out=$($V tables $A64 --map 0x200000:0x40000000:2M:ro,noblock,nocont)
if grep -qE '^3 +1 +4096 +512 +0$' <<<"$out"; then ok tables-noblock; else ko tables-noblock "$out"; fi

# walk: a page inside a block, and a hole (exit 1).
out=$($V walk $A64 --map 0xffff000000000000:0x40000000:4G 0xffff000000201234 0x1000); rc=$?
if [ $rc -eq 1 ] && grep -qE '^ffff000000201234 +40201234$' <<<"$out" &&
	grep -qF '   PUD: 83ffe000 => 68000040000701' <<<"$out" &&
	grep -qF ' FLAGS: block rw- global af normal' <<<"$out" &&
	grep -qE '^1000 +\(not mapped' <<<"$out"
then ok walk-vtop; else ko walk-vtop "rc $rc $out"; fi

# Every registered format builds through the same options.
for f in "--arch riscv64 --mode sv39" "--arch arm --format lpae" "--arch arm64 --granule 64K --va-bits 52"; do
	# shellcheck disable=SC2086
	if $V tables $f --mem 16M@0x80000000 --map 0x40000000:0x40000000:2M >/dev/null 2>&1
	then ok "format $f"; else ko "format $f"; fi
done

# Bad input: exit 2, one line on stderr, nothing on stdout.
bad() { # name, args...
	local name=$1; shift
	local out err rc
	out=$($V "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <<<"$err")" -eq 1 ]; then ok "bad $name"
	else ko "bad $name" "rc $rc out '$out' err '$err'"; fi
}
bad granule tables --arch arm64 --granule 8K --mem 16M@0x80000000 --map 0:0:4K
bad no-mem tables --arch arm64 --map 0:0:4K
bad map-syntax tables $A64 --map 0x1000:0x2000
bad map-attr tables $A64 --map 0x1000:0x2000:4K:fast
bad map-unaligned tables $A64 --map 0x1001:0x2000:4K
bad arch tables --arch mips --mem 16M@0x80000000 --map 0:0:4K
bad out-of-tables tables --arch arm64 --granule 4K --va-bits 48 --mem 8K@0x80000000 --map 0:0:4K
bad walk-no-va walk $A64 --map 0:0:4K

echo "test_tables_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# `vmlayout boot-tables`: the arm64 kernel's own page tables from a layout
# (docs/arm64.md "Boot page tables"). Golden: 256 MiB at 0x40000000, 6.12,
# 4K/48, _text at PA 0x40200000 = VA 0xffff800080000000, image 24 MiB with
# vmlayout's default segments (no System.map): _stext +64K, _etext
# +0x9a0000 (64K + 40 % of 24M rounded down to 64K = 0x990000),
# __init_begin +0xf90000 (25 % = 0x5f0000), __init_end +0x11f0000 (10 % =
# 0x260000), _end +0x1800000. rodata=full: the linear map is pages but the
# alias [PA 0x40200000, 0x41190000) = [LM + 2M, LM + 0x1190000): 7 PMD
# blocks, then 1600K of PTEs, read-only. The image: [_text, _stext) RO NX;
# text ROX, 1984K of CONT PTEs, 6M of PMDs, 1664K of CONT PTEs (26 groups);
# rodata RO NX, 384K PTEs, 4M PMDs, 1600K PTEs; init unmapped (2432K);
# data RW NX, 64K of CONT PTEs (one group), 6M of PMDs. Counts: L2 leaves
# 7 + 3 + 2 + 3 = 15; CONT PTEs (31 + 26 + 1) x 16 = 928.
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -40; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
BOARD="--arch arm64 --kernel 6.12 --mem 256M@0x40000000 --kernel-image 24M@0x40200000"

out=$($V boot-tables $BOARD --ptdump 2>/dev/null)
if [ "$out" = "$(cat tests/cli/golden/boot-tables-256m-6.12.txt)" ]; then ok golden-ptdump
else ko golden-ptdump "$(diff <(printf '%s\n' "$out") tests/cli/golden/boot-tables-256m-6.12.txt)"; fi

# rodata=off on the command line: blocks. Linear: [LM, LM + 2M) one PMD,
# the alias 7 PMDs, [LM + 18M, LM + 32M) 7 PMDs, [LM + 32M, LM + 256M)
# 224M / 32M = 7 CONT groups of 16 PMDs = 112; image 3 + 2 + 3 PMDs. L2:
# 1 + 7 + 7 + 112 + 8 = 135, 112 CONT. --rodata overrides the command line.
out=$($V boot-tables $BOARD --cmdline "console=ttyAMA0 rodata=off" 2>/dev/null | awk '$1 == 2')
want="2             2         8192        135        112"
if [ "$out" = "$want" ]; then ok cmdline-rodata-off; else ko cmdline-rodata-off "$out"; fi
out=$($V boot-tables $BOARD --cmdline "rodata=off" --rodata full 2>/dev/null | awk '$1 == 2')
want="2             2         8192         15          0"
if [ "$out" = "$want" ]; then ok rodata-option-wins; else ko rodata-option-wins "$out"; fi

# --walk: kernel text (ROX, CONT), the init hole (exit 1).
out=$($V boot-tables $BOARD --walk 0xffff800080010000 2>/dev/null | grep -A1 VIRTUAL | tail -1)
if [ "$out" = "ffff800080010000  40210000" ]; then ok walk-text; else ko walk-text "$out"; fi
$V boot-tables $BOARD --walk 0xffff800081000000 >/dev/null 2>&1
rc=$?
if [ $rc -eq 1 ]; then ok walk-init-hole-exit-1; else ko walk-init-hole-exit-1 "exit $rc"; fi

# --out: the image and its JSON (TTBR1 only).
if $V boot-tables $BOARD --out "$tmp/bt.img" >/dev/null 2>&1 && [ -s "$tmp/bt.img" ] &&
	grep -q '"ttbr0": "0x0"' "$tmp/bt.img.json" && grep -q '"ttbr1": "0x' "$tmp/bt.img.json"; then
	ok out-files
else ko out-files "$(cat "$tmp/bt.img.json" 2>&1)"; fi

# Refusals, exit 2 and one line on stderr.
for args in "--arch arm --mem 256M@0x40000000" \
	"--arch arm64 --mem 256M@0x40000000" \
	"$BOARD --rodata noalias" \
	"$BOARD --rodata maybe"; do
	err=$($V boot-tables $args 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && [ "$(printf '%s\n' "$err" | grep -c 'vmlayout boot-tables')" -ge 1 ]; then
		ok "refuses: $args"
	else ko "refuses: $args" "exit $rc: $err"; fi
done

echo "test_boot_tables_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

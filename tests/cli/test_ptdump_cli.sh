#!/usr/bin/env bash
# `vmlayout ptdump` end to end against golden files, each checked line by
# line against the kernel's format code (see the comment above each case),
# and bad input (exit 2, one line on stderr, nothing on stdout).
# Regenerate a golden only after checking it again: UPDATE=1 bash $0 build
set -u
B=${1:-build}
V=$B/vmlayout
G=tests/cli/golden
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -30; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

golden() { # name, args...
	local name=$1; shift
	local out rc
	out=$("$V" ptdump "$@" 2>&1); rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then printf '%s\n' "$out" >"$G/ptdump-$name.txt"; fi
	if [ $rc -eq 0 ] && diff -u "$G/ptdump-$name.txt" - <<<"$out" >"$tmp/diff"; then ok "golden $name"
	else ko "golden $name" "rc $rc $(cat "$tmp/diff")"; fi
}

# arm64 4K/48, v6.1 (arch/arm64/mm/ptdump.c v6.1). Checked by hand:
# - "0x%016lx-0x%016lx   " then "%9lu%c %s": one 4G run of four 1G PUD
#   blocks; attrs " " (valid) + "   " (no USR) + RW + NX + SHD (SH=11) + AF
#   + "  " (global) + "   " (no CON) + BLK (table bit clear) + UXN + "  "
#   (no GP) + MEM/NORMAL (AttrIndx 0): 7 spaces before RW, 8 before BLK, 4
#   before MEM, as the sample line of Documentation/arch/arm64/ptdump.rst;
# - holes print with the level name only: the rest of the L1 table at depth
#   2 "PUD", invalid root entries at depth 0 "PGD" (pagewalk real_depth());
# - markers: the first note prints marker 0; at 0xffff800000000000 the run
#   ends, "Linear Mapping end" is passed in the change branch and "Modules
#   start" (same VA) by the second if of note_page();
# - rx pages: "x " (PXN clear), ro, CON (16 x 4K group); 64K ro with CON;
#   device page DEVICE/nGnRE (AttrIndx 4); last line ends at 0x0 (flush
#   note_page(0, -1, 0)), 1536G = 2^64 - 0xfffffe8000000000.
golden arm64-4k48-6.1 --arch arm64 --granule 4K --va-bits 48 --mem 64M@0x80000000 \
	--map 0xffff000000000000:0x40000000:4G --map 0xffff800000000000:0x40200000:2M:rx,noblock \
	--map 0xffff800000200000:0x41000000:64K:ro --map 0xfffffe0000000000:0x9000000:4K:device \
	--marker "0xffff000000000000:Linear Mapping start" \
	--marker "0xffff800000000000:Linear Mapping end" --marker "0xffff800000000000:Modules start"

# arm64 64K/42 (2 levels: 512M blocks in the root, 64K pages), v6.1 and
# v6.12. Checked: v6.1 names depth 3 "PGD" when CONFIG_PGTABLE_LEVELS <= 2;
# v6.12 names it "PMD" (its note_page() folds only depths 1 and 2); root
# holes are depth 0 "PGD" in both; 2M of 64K pages = one 32-entry CON group;
# 510M = the rest of that PTE table; 4192768M = (4T - 1.5G) / 1M, not a
# multiple of 1024, so printed in M.
for k in 6.1 6.12; do
	golden "arm64-64k42-$k" --kernel "$k" --arch arm64 --granule 64K --va-bits 42 \
		--mem 64M@0x80000000 --map 0xfffffc0000000000:0x40000000:1G \
		--map 0xfffffc0040000000:0x80000000:2M:ro
done

# riscv64 sv39 (arch/riscv/mm/ptdump.c), v6.1 and v6.12. Checked: only runs
# with prot != 0 print; " 0x%016lx " is the PA of the run's first entry;
# names for CONFIG_PGTABLE_LEVELS=5: the sv39 root (1G leaves) is PUD, then
# PMD, PTE; v6.1 rows "RSW"/"   " then D A G U X W R V with "."; v6.12 adds
# N (Svnapot, set on the 64K group), MT(IO) for the device page ("  ..  "
# when clear) and RSW(%d)/"  ..  "; markers passed with a while loop, so
# "Fixmap end" and "Linear mapping" both print before the 2G line. v6.1's
# PA of a napot run keeps the napot bit (its pte_pfn() has no Svnapot).
for k in 6.1 6.12; do
	golden "riscv-sv39-$k" --kernel "$k" --arch riscv64 --mode sv39 --mem 64M@0x80000000 \
		--map 0xffffffd800000000:0x80000000:2G --map 0xffffffff80000000:0x80200000:2M:rx \
		--map 0xffffffff80200000:0x80400000:64K:ro --map 0xffffffc6fee00000:0x10000000:4K:device \
		--marker "0xffffffc6fee00000:Fixmap start" --marker "0xffffffc6ff000000:Fixmap end" \
		--marker "0xffffffd800000000:Linear mapping" --marker "0xffffffff80000000:Kernel mapping"
done

# arm LPAE (arch/arm/mm/dump.c, LPAE). Checked: "0x%08lx-0x%08lx   " then
# "%9lu%c %s": level 4 is "PMD"; section rows USR (no clear string), ro/RW,
# NX/"x ", SHD (SH 3<<8), no memory type; PTE rows "   " (no USR) ro NX/x
# SHD and MEM/CACHED/WBWA (L_PTE_MT_WRITEALLOC 7<<2, the kernel's normal
# memory); the 1G level-1 block is shown as its sections (one 1G line);
# holes are not printed; one marker per change.
golden arm-lpae --arch arm --format lpae --mem 16M@0x80000000 \
	--map 0xc0000000:0x80000000:4M --map 0xc0400000:0x80400000:64K:ro \
	--map 0xffff0000:0x80500000:4K:rx --map 0x0:0x0:1G:device \
	--marker 0xbf000000:Modules --marker "0xc0000000:Kernel Mapping" \
	--marker 0xffff0000:Vectors --marker "0xffff2000:Vectors End"

# arm short descriptor (arch/arm/mm/dump.c, 2 levels). Checked: level 4 is
# "PGD"; the domain column "KERNEL " (domain 0); section rows "    RW" (AP
# 01) NX SHD; walk_pmd() notes pmd[1] only when it is a section, so the
# sections at 0xc0000000 and 0xc0200000 merge over the empty 0xc0100000 and
# 0xc0300000 into one 4M line; PTEs MEM/CACHED/WBWA with USR "   "; the
# vectors page "ro x "; markers one per change ("vmalloc() Area" printed on
# its own, then "Vectors" at the next change).
golden arm-short --arch arm --format short --mem 16M@0x80000000 \
	--map 0xc0000000:0x80000000:1M --map 0xc0200000:0x80200000:1M \
	--map 0xc0400000:0x80400000:64K:rx --map 0xffff0000:0x80500000:4K:rx \
	--marker 0xbf000000:Modules --marker "0xc0000000:Kernel Mapping" \
	--marker "0xf0000000:vmalloc() Area" --marker 0xffff0000:Vectors \
	--marker "0xffff2000:Vectors End"

# No table at all: one hole line per level-0 run (arm64 prints holes).
out=$($V ptdump --arch arm64 --granule 4K --va-bits 48 --mem 16M@0x80000000)
if [ "$out" = "0xffff000000000000-0x0000000000000000         256T PGD" ]; then ok empty-arm64
else ko empty-arm64 "$out"; fi

# Bad input: exit 2, one line on stderr, nothing on stdout.
bad() { # name, args...
	local name=$1; shift
	local out err rc
	out=$($V ptdump "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <<<"$err")" -eq 1 ]; then ok "bad $name"
	else ko "bad $name" "rc $rc out '$out' err '$err'"; fi
}
A64="--arch arm64 --granule 4K --va-bits 48 --mem 16M@0x80000000"
bad kernel $A64 --kernel 5.10
bad marker-syntax $A64 --marker 0xffff000000000000
bad marker-empty-name $A64 --marker 0x1000:
bad marker-no-value $A64 --marker
bad positional $A64 0x1000
bad unknown-option $A64 --frobnicate 1
bad no-arch --mem 16M@0x80000000

echo "test_ptdump_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

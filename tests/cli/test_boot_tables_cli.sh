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
expect() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "want [$2] got [$3]"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
BOARD="--arch arm64 --kernel 6.12 --mem 256M@0x40000000 --kernel-image 24M@0x40200000"

out=$($V boot-tables $BOARD --ptdump 2>/dev/null)
if [ "$out" = "$(cat tests/cli/golden/boot-tables-256m-6.12.txt)" ]; then ok golden-ptdump
else ko golden-ptdump "$(diff <(printf '%s\n' "$out") tests/cli/golden/boot-tables-256m-6.12.txt)"; fi

# rodata=off on the command line: blocks. Linear: [LM, LM + 2M) one PMD,
# the alias 7 PMDs, [LM + 18M, LM + 32M) 7 PMDs, [LM + 32M, LM + 256M)
# 224M / 32M = 7 CONT groups of 16 PMDs = 112; image 3 + 2 + 3 PMDs. L2:
# 1 + 7 + 7 + 112 + 8 = 135, 112 CONT; + the vmemmap's 2 PMD blocks (2
# sections). Tables: + the vmemmap's PMD table and the fixmap's bm_pmd.
# --rodata overrides the command line.
out=$($V boot-tables $BOARD --cmdline "console=ttyAMA0 rodata=off" 2>/dev/null | awk '$1 == 2')
want="2             4        16384        137        112"
if [ "$out" = "$want" ]; then ok cmdline-rodata-off; else ko cmdline-rodata-off "$out"; fi
out=$($V boot-tables $BOARD --cmdline "rodata=off" --rodata full 2>/dev/null | awk '$1 == 2')
want="2             4        16384         17          0"
if [ "$out" = "$want" ]; then ok rodata-option-wins; else ko rodata-option-wins "$out"; fi

# v6.9+ maps the text from the early scan's rodata=off override
# (kernel/pi/map_kernel.c v6.12: PAGE_KERNEL_EXEC), whatever rodata= says
# later: "rodata=off rodata=on" runs with rodata enabled, so the W+X check
# runs and finds the writable text (2448 pages here); v6.1's
# map_kernel() asks rodata_enabled (mm/mmu.c) and passes. A quoted
# rodata="off" is not the alias (the scan does not strip quotes): text
# read-only, protection disabled.
expect rodataoff-override-6.12 "Checked W+X mappings: FAILED, 2448 W+X pages found, 0 non-UXN pages found" \
	"$($V boot-tables $BOARD --cmdline 'rodata=off rodata=on' -q | tail -1)"
expect rodataoff-override-6.1 "Checked W+X mappings: passed, no W+X pages found" \
	"$($V boot-tables ${BOARD/6.12/6.1} --cmdline 'rodata=off rodata=on' -q | tail -1)"
expect rodataoff-sw-field "Checked W+X mappings: FAILED, 2448 W+X pages found, 0 non-UXN pages found" \
	"$($V boot-tables $BOARD --cmdline 'arm64_sw.rodataoff=1' -q | tail -1)"
expect rodata-quoted-off "Kernel memory protection disabled." \
	"$($V boot-tables $BOARD --cmdline 'rodata="off"' -q | tail -1)"
if $V boot-tables $BOARD --cmdline 'rodata="off"' --walk 0xffff800080010000 -q 2>/dev/null | grep -q 'RW x\|rwx'; then
	ko rodata-quoted-off-text-ro
else ok rodata-quoted-off-text-ro; fi

# The same from the DT's /chosen/bootargs (no --cmdline): the kernel reads
# rodata= there too (boot-tables ignored it until 2026-12: full, 17 L2).
# A value the version's kernel does not take changes nothing: 6.12 has no
# rodata=noalias (asm/setup.h v6.12: full, on, off), so an earlier off
# stays, and the layout prints set_debug_rodata()'s warning.
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { bootargs = "console=ttyAMA0 rodata=off rodata=noalias"; };\n memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>; }; };\n' >"$tmp/ro.dts"
out=$($V boot-tables --arch arm64 --kernel 6.12 --dtb "$tmp/ro.dts" --kernel-image 24M@0x40200000 2>/dev/null | awk '$1 == 2')
want="2             4        16384        137        112"
if [ "$out" = "$want" ]; then ok bootargs-rodata-off; else ko bootargs-rodata-off "$out"; fi
expect bootargs-rodata-warning "Invalid option string for rodata: 'noalias'" \
	"$($V layout --arch arm64 --kernel 6.12 --dtb "$tmp/ro.dts" --kernel-image 24M@0x40200000 -q | grep rodata)"
# layout --format json's kernel_tables follow the same command line: 137
# level-2 leaves (runs of the JSON counted by size 2M; the vmemmap's too)
out=$($V layout --arch arm64 --kernel 6.12 --dtb "$tmp/ro.dts" --kernel-image 24M@0x40200000 --format json -q |
	python3 -c 'import json,sys; t=json.load(sys.stdin)["kernel_tables"]; print(sum(r["count"] for r in t["leaves"] if r["size"] == "2M"))')
expect json-bootargs-rodata-off 137 "$out"
# debug_pagealloc=on in the bootargs forces pages (arm64 6.x), as
# --debug-pagealloc does; a kstrtobool "yes" counts as on. Only with
# CONFIG_DEBUG_PAGEALLOC (mm/Kconfig.debug; Debian's arm64 6.1 and 6.12
# configs do not set it): without, the parameter does not exist, the
# tables are rodata=off's and a note says why.
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { bootargs = "rodata=off debug_pagealloc=yes"; };\n memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>; }; };\n' >"$tmp/dpa.dts"
expect bootargs-debug-pagealloc \
	"$($V boot-tables $BOARD --rodata off --debug-pagealloc 2>/dev/null | awk '$1 == 3')" \
	"$($V boot-tables --arch arm64 --kernel 6.12 --set DEBUG_PAGEALLOC=y --dtb "$tmp/dpa.dts" --kernel-image 24M@0x40200000 2>/dev/null | awk '$1 == 3')"
expect bootargs-debug-pagealloc-no-config \
	"$($V boot-tables $BOARD --rodata off 2>/dev/null | awk '$1 == 3')" \
	"$($V boot-tables --arch arm64 --kernel 6.12 --dtb "$tmp/dpa.dts" --kernel-image 24M@0x40200000 2>/dev/null | awk '$1 == 3')"
expect debug-pagealloc-note "vmlayout: debug_pagealloc= is ignored: the kernel has no such parameter without CONFIG_DEBUG_PAGEALLOC (--set DEBUG_PAGEALLOC=y)" \
	"$($V layout --arch arm64 --kernel 6.12 --dtb "$tmp/dpa.dts" --kernel-image 24M@0x40200000 2>&1 >/dev/null | grep debug_pagealloc)"

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

# Each refusal names what the user gave and the rule, from the arch's plan.
refuses_with() {
	local name=$1 want=$2; shift 2
	err=$($V boot-tables "$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && [ "$err" = "$want" ]; then ok "refuses-with: $name"
	else ko "refuses-with: $name" "exit $rc: $err"; fi
}
refuses_with arm-3.4 \
	"vmlayout boot-tables: --arch arm: only the 6.1 profile's paging_init() is modelled (use --kernel 6.1)" \
	--arch arm --kernel 3.4 --mem 256M@0x40000000 --kernel-image 8M@0x40008000
refuses_with arm-rodata-full \
	"vmlayout boot-tables: --arch arm: rodata=full and noalias are arm64's (arm takes on or off)" \
	--arch arm --kernel 6.1 --mem 256M@0x40000000 --kernel-image 8M@0x40008000 --rodata full
refuses_with arm64-init-data-begin \
	"vmlayout boot-tables: --arch arm64: --init-data-begin is riscv64's (arm64 takes --inittext-end) (0x1000)" \
	$BOARD --init-data-begin 0x1000
refuses_with riscv64-noalias \
	"vmlayout boot-tables: --arch riscv64: rodata=full and noalias are arm64's (riscv64 takes on or off)" \
	--arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000 --rodata noalias
refuses_with riscv64-inittext-end \
	"vmlayout boot-tables: --arch riscv64: --inittext-end is arm64's (riscv64 takes --init-data-begin) (0xffffffff80400000)" \
	--arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000 --inittext-end 0xffffffff80400000

# 32-bit ARM (docs/arm32.md "Boot page tables"), on two recorded Debian 6.1
# boards with their System.map and .config, checked by eye once:
# - armmp 512 MiB at 0x40000000: 3G/1G, lowmem is all RAM; 498 sections =
#   512 - 16 (the 16 MiB CMA area at the top, remapped with 4096 pages in 8
#   pte tables) + 2 (the DTB's at FDT_FIXED_BASE); level-2 tables: 8 + the
#   vectors' + pkmap's + fixmap's; [PAGE_OFFSET, _stext) RW NX, text ro x,
#   [__start_rodata_section_aligned, __init_begin) ro NX, the rest RW NX;
#   the vectors (8K, 8K-aligned early_alloc) below the CMA pte pages and
#   the static_vm: 0x5eff4000, their pte page 0x5eff6000, exactly where the
#   real boot's memblock=debug log (observed/armmp-512m.json) has them,
#   after the 40-byte static_vm at 0x5effffd8 and the CMA remap's 8 pte
#   pages 0x5effe000..0x5eff7000;
# - armmp-lpae 5 GiB: 2 MiB sections, swapper's pgd page then its four PMD
#   tables (0x40203000, 0x40204000..), lowmem to 0x70000000 less the CMA
#   area, no 1 GiB block.
O=tests/conformance/observed
out=$($V boot-tables --dtb $O/armmp-512m.dts --kernel 6.1 --system-map $O/armmp.System.map \
	--config $O/armmp.config --dtb-phys 0x48100000 --ptdump --walk 0xffff0000 --walk 0xc0400000 \
	--walk 0xdf000000 2>/dev/null)
if [ "$out" = "$(cat tests/cli/golden/boot-tables-arm-512m.txt)" ]; then ok arm-golden-512m
else ko arm-golden-512m "$(diff <(printf '%s\n' "$out") tests/cli/golden/boot-tables-arm-512m.txt)"; fi
out=$($V boot-tables --dtb $O/lpae-5g-reserved-above-4g.dts --kernel 6.1 \
	--system-map $O/armmp-lpae.System.map --config $O/armmp-lpae.config --dtb-phys 0x48100000 \
	--ptdump --walk 0xffff0000 --walk 0xff900000 2>/dev/null)
if [ "$out" = "$(cat tests/cli/golden/boot-tables-arm-lpae-5g.txt)" ]; then ok arm-golden-lpae-5g
else ko arm-golden-lpae-5g "$(diff <(printf '%s\n' "$out") tests/cli/golden/boot-tables-arm-lpae-5g.txt)"; fi
# rodata=off: mark_rodata_ro() skipped, the text stays RW x (the kernel's
# "Kernel memory protection disabled."), the NX parts are still set.
out=$($V boot-tables --dtb $O/armmp-512m.dts --kernel 6.1 --system-map $O/armmp.System.map \
	--config $O/armmp.config --rodata off --ptdump 2>/dev/null | grep -c 'RW x ')
if [ "$out" = 1 ]; then ok arm-rodata-off; else ko arm-rodata-off "$out RWX runs"; fi

# riscv64 (docs/riscv64.md "Boot page tables"): 6.12 Sv39, 2 GiB at
# 0x80000000, a 30 MiB image at 0x80200000 = VA 0xffffffff80000000 with
# vmlayout's default segments: __init_begin +10M (40 % of 30M rounded down
# to 2M), __init_data_begin +12M, __init_end +12M+0x170000 (5 % rounded
# down to 64K), __start_rodata +14M, _data +20M (25 % = 6M), _end +30M.
# Linear: 1 PMD below the image, the text alias 6, 1 PMD of init data
# (split into 512 PTEs by free_initmem at PAGE_ALIGN(__init_end)), rodata
# 3, then 2026M = 1013: 1024 - 1 = 1023; image 15 PMDs. Sv39: no 1G leaves.
# The vmemmap: 16 PMD leaves and its PMD table; the fixmap: fixmap_pmd and
# fixmap_pte (its FDT PMDs need a "dtb" reservation: none here).
RV="--arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000"
out=$($V boot-tables $RV 2>/dev/null | awk '$1 == 0 || $1 == 1 || $1 == 2' | tr -s ' ')
want="0 1 4096 0 0
1 5 20480 1054 0
2 2 8192 512 0"
if [ "$out" = "$want" ]; then ok riscv-counts; else ko riscv-counts "$out"; fi
# --ptdump: the kernel mapping, checked by eye against the above (text RX,
# init text R after set_memory_nx, init data RW, rodata R, data RW).
out=$($V boot-tables $RV --ptdump 2>/dev/null | sed -n '/Kernel mapping/,$p' | grep '^0x' |
	awk '{print $1, $3, $4, $12, $13, $14}')
want="0xffffffff80000000-0xffffffff80a00000 10M PMD X . R
0xffffffff80a00000-0xffffffff80c00000 2M PMD . . R
0xffffffff80c00000-0xffffffff80e00000 2M PMD . W R
0xffffffff80e00000-0xffffffff81400000 6M PMD . . R
0xffffffff81400000-0xffffffff81e00000 10M PMD . W R"
if [ "$out" = "$want" ]; then ok riscv-ptdump-kernel; else ko riscv-ptdump-kernel "$out"; fi
out=$($V boot-tables $RV --ptdump 2>/dev/null | grep -c '^0xffffffd6.* PTE ')
if [ "$out" = "1" ]; then ok riscv-ptdump-one-pte-run; else ko riscv-ptdump-one-pte-run "$out"; fi
# --walk: text (PA 0x80201000, r-x block), the linear map's first byte.
out=$($V boot-tables $RV --walk 0xffffffff80001000 --walk 0xffffffd600000000 2>/dev/null |
	grep -A1 VIRTUAL | grep -v VIRTUAL | grep -v -- -- | tr -s ' ')
want="ffffffff80001000 80201000
ffffffd600000000 80000000"
if [ "$out" = "$want" ]; then ok riscv-walk; else ko riscv-walk "$out"; fi
# rodata=off on the command line: rodata stays RW: the kernel mapping is
# text RX, init text R, then one RW run from init data to the end (3 runs).
out=$($V boot-tables $RV --cmdline "rodata=off" --ptdump 2>/dev/null | sed -n '/Kernel mapping/,$p' | grep -c '^0x')
if [ "$out" = "3" ]; then ok riscv-rodata-off; else ko riscv-rodata-off "$out"; fi
# 5.10: the image in the linear map: [0x80200000, 0x100000000) in 2M = 1023.
out=$($V boot-tables --arch riscv64 --kernel 5.10 --mem 2G@0x80000000 --kernel-image 20M@0x80200000 2>/dev/null |
	awk '$1 == 1 {print $4}')
if [ "$out" = "1023" ]; then ok riscv-5.10-counts; else ko riscv-5.10-counts "$out"; fi
# --out: one root (satp), riscv64.
if $V boot-tables $RV --out "$tmp/rv.img" >/dev/null 2>&1 && [ -s "$tmp/rv.img" ] &&
	grep -q 'riscv64' "$tmp/rv.img.json"; then
	ok riscv-out-files
else ko riscv-out-files "$(cat "$tmp/rv.img.json" 2>&1)"; fi
for args in "$RV --rodata noalias" "$RV --inittext-end 0xffffffff80c00000" \
	"$RV --init-data-begin 0xffffffff80b00000"; do
	err=$($V boot-tables $args 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && [ "$(printf '%s\n' "$err" | grep -c 'vmlayout boot-tables')" -ge 1 ]; then
		ok "refuses: $args"
	else ko "refuses: $args" "exit $rc: $err"; fi
done

# --set-memory and --cpu-feature bbml2 (docs/arm64.md "Later changes").
# 6.18 with BBML2: the table memory line; one page of the contiguous PMD
# group at LM + 64M made read-only: one live PMD write (block -> table,
# UXNTable|PXNTable), the rest of the 32M group losing the hint in place,
# one TLBI, a clean check for BBML2 CPUs.
B18="--arch arm64 --kernel 6.18 --mem 256M@0x40000000 --kernel-image 24M@0x40200000"
out=$($V boot-tables $B18 --cpu-feature bbml2 --set-memory alias-ro:0xffff000004001000,0x1000 2>/dev/null)
want="table memory: 17 pages (68 KiB) with BBML2_NOABORT, 137 pages (548 KiB) on CPUs without it: 120 pages saved"
if [ "$(printf '%s\n' "$out" | head -1)" = "$want" ]; then ok bbml2-table-memory
else ko bbml2-table-memory "$out"; fi
if printf '%s\n' "$out" | grep -q '^set-memory alias-ro:0xffff000004001000,0x1000: done (17 records)$' &&
	printf '%s\n' "$out" | grep -q '^  PMD    ffff000004000000 +200000   entry 4fffe100: 00f8000044000705 -> 180000004fffc003$' &&
	printf '%s\n' "$out" | grep -q '^  tlbi   ffff000004000000 +2000000$' &&
	printf '%s\n' "$out" | grep -q '^break-before-make check (BBML2_NOABORT): clean$'; then
	ok bbml2-record
else ko bbml2-record "$out"; fi
# 6.12 rodata=full: one PTE changes in place (DBM cleared, AP[2] set).
out=$($V boot-tables $BOARD --set-memory alias-ro:0xffff000004000000,0x1000 2>/dev/null | sed -n 1,4p)
want="set-memory alias-ro:0xffff000004000000,0x1000: done (2 records)
  PTE    ffff000004000000 +1000     entry 4ff9d000: 00e8000044000707 -> 00e0000044000787
  tlbi   ffff000004000000 +10000
break-before-make check: clean"
if [ "$out" = "$want" ]; then ok set-memory-6.12-page; else ko set-memory-6.12-page "$out"; fi
# The kernel's refusals and bad input: exit 2, the rule on stderr.
for args in "$BOARD --set-memory ro:0xffff000004000000,0x1000" \
	"$BOARD --set-memory invalid:0xffff000000400000,0x1000" \
	"$BOARD --set-memory alias-ro:0xffff000004000800,0x1000" \
	"$BOARD --set-memory chmod:0xffff000004000000,0x1000" \
	"$BOARD --set-memory ro" "$BOARD --cpu-feature bbml2" "$BOARD --cpu-feature lse"; do
	err=$($V boot-tables $args 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 2 ] && [ "$(printf '%s\n' "$err" | grep -c 'vmlayout boot-tables')" -ge 1 ]; then
		ok "refuses: $args"
	else ko "refuses: $args" "exit $rc: $err"; fi
done
err=$($V boot-tables $BOARD --set-memory ro:0xffff000004000000,0x1000 2>&1 >/dev/null | grep -c 'VM_ALLOC vm area')
if [ "$err" = "1" ]; then ok set-memory-rule-named; else ko set-memory-rule-named "$err"; fi

# The kernel's W+X check after mark_rodata_ro(): passed on every arch's
# default tables (the Debian 6.1 boots print the same line); rodata=off
# skips it with init/main.c's "Kernel memory protection disabled."; the
# 3.18 profile (no check before v4.10) prints neither.
wx() { $V boot-tables "$@" 2>/dev/null | grep -E 'W\+X|memory protection'; }
W="Checked W+X mappings: passed, no W+X pages found"
[ "$(wx $BOARD)" = "$W" ] && ok wx-arm64 || ko wx-arm64 "$(wx $BOARD)"
[ "$(wx $BOARD --rodata off)" = "Kernel memory protection disabled." ] && ok wx-rodata-off ||
	ko wx-rodata-off "$(wx $BOARD --rodata off)"
[ "$(wx --dtb $O/armmp-512m.dts --kernel 6.1 --system-map $O/armmp.System.map --config $O/armmp.config)" = "$W" ] &&
	ok wx-arm || ko wx-arm
[ "$(wx --arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000)" = "$W" ] &&
	ok wx-riscv64 || ko wx-riscv64
[ -z "$(wx --arch arm64 --kernel 3.18 --mem 2G@0x40000000 --kernel-image 32M@0x40080000 --set ARM64_VA_BITS=39)" ] &&
	ok wx-3.18-none || ko wx-3.18-none

# A two-node riscv64 board (the recorded QEMU boot riscv64-4g-numa2: node 0
# [0x80000000, 0xc0000000), node 1 [0xc0000000, 0x180000000)): sparse_init()
# runs once per node, each with its own buffer (node 0 0xbee00000, node 1
# 0x17ac00000); the first struct page of node 1, VMEMMAP_START + (0xc0000000 -
# phys_ram_base) / 4K * 64 = + 0x1000000, maps node 1's buffer (the boot
# tables once took only the first buffer and refused the board).
O=tests/conformance/observed
if dtc -q -I dts -O dtb -o "$tmp/numa2.dtb" "$O/riscv64-4g-numa2.dts" 2>/dev/null; then
	N2=(--arch riscv64 --kernel 6.12 --dtb "$tmp/numa2.dtb" --config "$O/riscv64.config" --system-map "$O/riscv64.System.map")
	out=$($V boot-tables "${N2[@]}" --walk 0xffff8d8000000000 --walk 0xffff8d8001000000 2>/dev/null)
	if [ "$(printf '%s\n' "$out" | grep -E '^  PAGE:' | tr -s ' ')" = "$(printf ' PAGE: bee00000 (2048K)\n PAGE: 17ac00000 (2048K)')" ]; then
		ok riscv-numa2-vmemmap-per-node
	else ko riscv-numa2-vmemmap-per-node "$out"; fi
else ko riscv-numa2-vmemmap-per-node "dtc failed"; fi

# The KPTI trampoline of the recorded Debian 6.1 arm64 board arm64-4g: its
# .config (ACPI_APEI_GHES and ARM_SDE_INTERFACE: 4 slots, the trampoline
# with its data page) puts FIX_ENTRY_TRAMP_TEXT1 at FIXADDR_TOP - 1034
# pages = 0xfffffbfffdbf6000, and its System.map's __entry_tramp_text_start
# (link 0xffff800009651000) at PA 0x41851000: the live tables of that boot
# have exactly these four pages (docs/conformance.md).
if dtc -q -I dts -O dtb -S 0x100000 -o "$tmp/a4g.dtb" "$O/arm64-4g.dts" 2>/dev/null; then
	out=$($V boot-tables --arch arm64 --kernel 6.1 --dtb "$tmp/a4g.dtb" --config "$O/arm64.config" \
		--system-map "$O/arm64.System.map" --kernel-image 0x2010000@0x40200000 --dtb-phys 0x48200000 \
		--cmdline "console=ttyAMA0 earlycon=pl011,0x9000000 nokaslr" \
		--walk 0xfffffbfffdbf6000 --walk 0xfffffbfffdbf8000 --walk 0xfffffbfffdbf9000 2>/dev/null)
	got=$(printf '%s\n' "$out" | grep -E '^ +(PAGE|FLAGS):' | tr -s ' ' | tr '\n' ';')
	want=" PAGE: 41851000 (4K); FLAGS: page r-x; PAGE: 41853000 (4K); FLAGS: page r-x; PAGE: 41854000 (4K); FLAGS: page r--;"
	if [ "$got" = "$want" ]; then ok arm64-kpti-trampoline-debian; else ko arm64-kpti-trampoline-debian "$got"; fi
else ko arm64-kpti-trampoline-debian "dtc failed"; fi

# A no-map carve-out that does not end (or start) on a page: v6.1's
# __create_pgd_mapping_locked() (arch/arm64/mm/mmu.c v6.1.192) rounds each
# memory range outward, so the page it shares with memory is mapped (and a
# carve-out inside one page leaves that page mapped); v6.12 (the Debian
# 6.12 source's map_mem()) rounds inward and leaves it out. Found by the
# Debian DTB corpus (qcom/msm8996-xiaomi-scorpio, page 0x839ef000).
cat >"$tmp/nomap-unaligned.dts" <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
	memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
	reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
		inside@50000800 { reg = <0 0x50000800 0 0x400>; no-map; };
		tail@52000000 { reg = <0 0x52000000 0 0x1800>; no-map; };
	};
	chosen { };
};
DTS
if dtc -q -I dts -O dtb -o "$tmp/nomap-unaligned.dtb" "$tmp/nomap-unaligned.dts" 2>/dev/null; then
	for k in 6.1 6.12; do
		got=$($V boot-tables --arch arm64 --kernel $k --dtb "$tmp/nomap-unaligned.dtb" --kernel-image 32M@0x40200000 \
			--walk 0xffff000010000000 --walk 0xffff000012000000 --walk 0xffff000012001000 2>/dev/null |
			grep -E '^ +PAGE:|not mapped' | sed -E 's/^ +//; s/ +/ /g; s/^ffff[0-9a-f]+ +//' | tr '\n' ';')
		case $k in
		6.1) want="PAGE: 50000000 (4K);(not mapped: invalid PTE entry);PAGE: 52001000 (4K);" ;;
		*) want="(not mapped: invalid PTE entry);(not mapped: invalid PTE entry);(not mapped: invalid PTE entry);" ;;
		esac
		if [ "$got" = "$want" ]; then ok nomap-unaligned-$k; else ko nomap-unaligned-$k "$got"; fi
	done
else ko nomap-unaligned "dtc failed"; fi

# Without --kfence the .config decides: KFENCE=y with KFENCE_SAMPLE_INTERVAL=0
# starts late, so can_set_direct_map() forces pages on the linear map even
# with rodata=off (v6.12 arm64_kfence_can_set_direct_map()); with the default
# interval it takes the early pool and the rest keeps its blocks; --kfence
# overrides. (The Debian DTB corpus passed --kfence itself.)
kf() { $V boot-tables --arch arm64 --kernel 6.12 --mem 1G@0x40000000 --kernel-image 32M@0x40200000 \
	--rodata off "$@" --walk 0xffff000030000000 2>/dev/null | sed -nE 's/^ +PAGE: +[0-9a-f]+ +\((.*)\)$/\1/p'; }
expect() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "want $2, got $3"; fi; }
expect kfence-none-config 2048K "$(kf)"
expect kfence-late-config 4K "$(kf --set KFENCE=y --set KFENCE_SAMPLE_INTERVAL=0)"
expect kfence-early-config 2048K "$(kf --set KFENCE=y)"
expect kfence-option-wins 2048K "$(kf --set KFENCE=y --set KFENCE_SAMPLE_INTERVAL=0 --kfence none)"

# riscv64 6.12 with RAM not on a 128 MiB boundary (0x80200000): vmemmap =
# VMEMMAP_START - vmemmap_start_pfn, phys_ram_base rounded down to a section
# (arch/riscv/mm/init.c setup_bootmem() v6.12), so section 0x80000000's
# struct pages are at VMEMMAP_START (sv39: 0xffffffc500000000) in the
# buffer's first 2 MiB, and one PMD table holds them all (vmlayout once
# placed them 0x8000 lower: three tables and a refused board).
out=$($V boot-tables --arch riscv64 --kernel 6.12 --mem 2G@0x80200000 --kernel-image 24M@0x80400000 \
	--walk 0xffffffc500000000 2>&1)
if printf '%s\n' "$out" | grep -qE '^ +PAGE: +fce00000 +\(2048K\)$'; then ok riscv-vmemmap-unaligned-ram
else ko riscv-vmemmap-unaligned-ram "$out"; fi
got=$($V layout --arch riscv64 --kernel 6.12 --mem 2G@0x80200000 --kernel-image 24M@0x80400000 --format json 2>/dev/null |
	python3 -c 'import json,sys; print(",".join(r["size"] for r in json.load(sys.stdin)["reservations"] if r["name"] == "page tables (vmemmap)"))')
if [ "$got" = "0x1000" ]; then ok riscv-vmemmap-unaligned-ram-tables; else ko riscv-vmemmap-unaligned-ram-tables "$got"; fi

# v6.18's FIX_VNCR slots come with CONFIG_KVM, NR_CPUS + 1 of them
# (asm/fixmap.h): NR_CPUS=512 (the 6.18 Kconfig default) puts
# FIXADDR_TOT_START at 0xffffffffff228000, NR_CPUS=256 (Debian) 256 pages
# higher, no KVM 513 pages higher than 512's (it was 512 whatever the config).
fixstart() { $V layout --arch arm64 --kernel 6.18 --mem 2G@0x40000000 --kernel-image 32M@0x40200000 "$@" \
	--format json 2>/dev/null | python3 -c 'import json,sys; print([r["start"] for r in json.load(sys.stdin)["regions"] if r["name"] == "fixmap"][0])'; }
expect fixmap-vncr-512 0xffffffffff228000 "$(fixstart)"
expect fixmap-vncr-256 0xffffffffff328000 "$(fixstart --set NR_CPUS=256)"
expect fixmap-vncr-nokvm 0xffffffffff429000 "$(fixstart --set KVM=n)"
expect kvm-tristate-m 0xffffffffff328000 "$(fixstart --set NR_CPUS=256 --set KVM=m)"

# v6.12's early KFENCE pool in the layout: taken before the linear map's
# tables (arm64_kfence_alloc_pool()), 2 MiB at the top of 1 GiB; with the
# interval (Kconfig's 100) the metadata too (255 x 1152 bytes without MEMCG,
# 288 kB): MemTotal 2336 kB lower; none with KFENCE_SAMPLE_INTERVAL=0, and
# on v6.1 no early pool (a late one, tests/cli/test_kfence_cli.sh).
kpool() { $V layout --arch arm64 --kernel "$1" --mem 1G@0x40000000 --kernel-image 32M@0x40200000 "${@:2}" \
	--format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(",".join(r["base"] for r in d["reservations"] if r["name"] == "kfence pool"), d["totals_kB"]["MemTotal"])'; }
nopool=$(kpool 6.12 | cut -d' ' -f2)
expect kfence-pool-layout "0x7fe00000 $((nopool - 2048 - 288))" "$(kpool 6.12 --set KFENCE=y)"
expect kfence-pool-late-none " $nopool" "$(kpool 6.12 --set KFENCE=y --set KFENCE_SAMPLE_INTERVAL=0)"
expect kfence-pool-6.1-none "" "$(kpool 6.1 --set KFENCE=y | cut -d' ' -f1)"

# A 4K 52-bit (LPA2) build on a CPU without LPA2 (Debian 13's arm64 kernel
# on QEMU's cortex-a57): PHYS_MASK_SHIFT is 48 and the descriptors the
# 48-bit ones (asm/pgtable-prot.h v6.12 lpa2_is_enabled()): the linear
# map's first page is pgprot_tagged(PAGE_KERNEL) with SH inner in bits 9:8,
# 0x00e8000040000707. boot-tables refused the build's 52-bit PA before.
lpa2pte=$($V boot-tables --arch arm64 --kernel 6.12 --set ARM64_VA_BITS=52 --set ARM64_PA_BITS_52=y --set CPU_VA_BITS=48 \
	--mem 1G@0x40000000 --kernel-image 32M@0x40200000 --walk 0xffff000000000000 2>&1 | sed -n 's/^ *PTE: [0-9a-f]* => //p')
expect lpa2-build-48bit-cpu e8000040000707 "$lpa2pte"

echo "test_boot_tables_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

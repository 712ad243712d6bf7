#!/usr/bin/env bash
# The vmlayout layout command end to end: golden outputs (checked by eye once
# against seed 002, docs/sources.md, and docs/arm32.md), the seed's own lines
# grepped from the output, JSON shape, and bad input (exit 2, one line on
# stderr, nothing on stdout).
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

while IFS='|' read -r name args; do
	name=$(echo "$name" | xargs); [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
	# shellcheck disable=SC2086
	out=$($V layout $args 2>/dev/null); rc=$?
	if [ $rc -ne 0 ]; then ko "golden $name" "exit $rc"; continue; fi
	if d=$(diff <(printf '%s\n' "$out") "tests/cli/golden/$name.txt"); then ok "golden $name"
	else ko "golden $name" "$d"; fi
done < tests/cli/cases.txt

# The seed's own printed lines (seed 002), as fixed strings.
expect_line() { # name, args, line
	local out; out=$($V layout $2 2>/dev/null)
	if grep -qF -- "$3" <<<"$out"; then ok "$1"; else ko "$1" "missing: $3"; fi
}
expect_line seed-bootlog-vmalloc "--dtb boards/seed002-bootlog.dts --kernel 3.4" "    vmalloc : 0xe6000000 - 0xff000000   ( 400 MB)"
expect_line seed-bootlog-lowmem "--dtb boards/seed002-bootlog.dts --kernel 3.4" "    lowmem  : 0xc0000000 - 0xe5800000   ( 600 MB)"
expect_line seed-ex7-vmalloc "--dtb boards/msm8974.dts --kernel 3.4" "    vmalloc : 0xe6800000 - 0xff000000   ( 392 MB)"
expect_line seed-ex7-lowmem "--dtb boards/msm8974.dts --kernel 3.4" "    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)"
expect_line seed-ex7-text "--dtb boards/msm8974.dts --kernel 3.4 --system-map boards/msm8974.System.map" "      .text : 0xc0008000 - 0xc0e0a358   (14345 kB)"
expect_line seed-ex7-bss "--dtb boards/msm8974.dts --kernel 3.4 --system-map boards/msm8974.System.map" "       .bss : 0xc1135cbc - 0xc13ba7b0   (2579 kB)"
expect_line seed-ex9-top "--dtb boards/msm8974.dts --kernel 3.4 --set ENABLE_VMALLOC_SAVING=y" $'\t   vmalloc : 0xf1000000 - 0xff000000   ( 224 MB)'
expect_line seed-ex9-low "--dtb boards/msm8974.dts --kernel 3.4 --set ENABLE_VMALLOC_SAVING=y" $'\t    lowmem : 0xd2000000 - 0xf0d00000   ( 493 MB)'
expect_line seed-ex8-hole "--dtb boards/msm8974.dts --kernel 3.4 --set DONT_MAP_HOLE_AFTER_MEMBANK0=y" "virtual memory hole from c7500000 to c7600000"

# The memblock dump: labelled as vmlayout's without memblock=debug (the
# kernel prints it only then), on the line right above it; unlabelled with it.
label="[vmlayout's summary: memblock_dump_all()'s dump, which the kernel prints only with memblock=debug]"
for a in "--kernel 3.4 --mem 256M@0x80000000" "--kernel 6.1 --mem 256M@0x80000000" \
	"--arch arm64 --kernel 6.1 --mem 1G@0x40000000" "--arch arm64 --kernel 3.18 --mem 1G@0x40000000" \
	"--arch riscv64 --kernel 6.12 --mem 1G@0x80000000"; do
	# shellcheck disable=SC2086
	out=$($V layout $a -q)
	if [ "$(grep -xF -A1 -- "$label" <<<"$out")" = "$label"$'\n'"MEMBLOCK configuration:" ] &&
		[ "$(grep -cF "MEMBLOCK configuration:" <<<"$out")" = 1 ]; then ok "memblock-label $a"
	else ko "memblock-label $a" "$out"; fi
	# shellcheck disable=SC2086
	out=$($V layout $a -q --cmdline memblock=debug)
	if grep -qxF "MEMBLOCK configuration:" <<<"$out" && ! grep -qF -- "$label" <<<"$out"; then
		ok "memblock-debug-unlabelled $a"
	else ko "memblock-debug-unlabelled $a" "$out"; fi
done

# 3.4's free_area_init_node() line: pgdat is &contig_page_data when the
# System.map has it; node_mem_map (bootmem's placement) stays unmodelled.
(cat boards/msm8974.System.map; echo "c1230040 D contig_page_data") >"$tmp/map"
out=$($V layout --dtb boards/msm8974.dts --kernel 3.4 --system-map "$tmp/map" -q)
want='[vmlayout: "free_area_init_node: node 0, pgdat c1230040, node_mem_map %08lx" comes here; node_mem_map, bootmem'"'"'s placement of the mem_map, is not modelled]'
if grep -qxF -- "$want" <<<"$out"; then ok pgdat-from-system-map; else ko pgdat-from-system-map "$out"; fi

# JSON: parses, and carries the figures.
if out=$($V layout --dtb boards/seed002-ex1.dts --kernel 6.1 --format json) &&
	python3 -c 'import json,sys; d=json.load(sys.stdin); r={x["name"]:x for x in d["regions"]};
assert r["vmalloc"]["start"]=="0xe6800000" and r["vmalloc"]["end"]=="0xff800000", r["vmalloc"]
assert d["high_memory"]=="0xe6000000" and d["lowmem_limit_phys"]=="0xa6000000"
assert [z["name"] for z in d["zones"]]==["Normal","HighMem"]
assert d["zones"][1]["start_phys"]=="0xa6000000"
assert d["totals_kB"]["VmallocTotal"]==400*1024
assert d["memory"][0]["base"]=="0x80000000"' <<<"$out"; then ok json-figures; else ko json-figures "$out"; fi

# SVG: well-formed, with the intermixed pieces of example 9, a band per
# linear segment (3 lowmem pieces) and the lowmem limit named
# (tests/cli/test_picture_cli.sh checks every label of the picture).
if out=$($V layout --dtb boards/msm8974.dts --kernel 3.4 --set ENABLE_VMALLOC_SAVING=y --format svg) &&
	python3 -c 'import sys, xml.dom.minidom as m
d = m.parseString(sys.stdin.read())
texts = [t.firstChild.data for t in d.getElementsByTagName("text")]
assert len([g for g in d.getElementsByTagName("g") if g.getAttribute("class") == "map"]) == 3, "bands"
assert "vmalloc in a hole 0xc7500000-0xd2000000 (171 MiB)" in texts, texts
assert "highmem RAM 0x30d00000-0x80000000 (1.2 GiB)" in texts, texts
assert "arm_lowmem_limit 0x30d00000" in texts, texts' <<<"$out"; then ok svg-example-9; else ko svg-example-9 "$out"; fi

# Bad input: exit 2, one line on stderr naming the input, nothing on stdout.
bad() { # name, expected stderr fragment, args... (the command is layout unless name starts with compare)
	local name=$1 frag=$2; shift 2
	local out err rc cmd=layout
	case $name in compare*) cmd=compare ;; esac
	out=$($V $cmd "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qiF -- "$frag" <<<"$err"; then ok "bad $name"
	else ko "bad $name" "rc=$rc stdout=[$out] stderr=[$err]"; fi
}
dtc -q -I dts -O dtb -o "$tmp/ok.dtb" boards/seed002-ex1.dts
head -c 100 "$tmp/ok.dtb" > "$tmp/trunc.dtb"
printf 'this is not a device tree blob at all, not even close.....' > "$tmp/garbage.dtb"
printf '/dts-v1/;\n/ { memory@0 { device_type = "memory"; reg = <0x80000000 0x10000000>, <0x88000000 0x10000000>; }; };\n' > "$tmp/overlap.dts"
printf '/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; memory@0 { device_type = "memory"; reg = <0x80000000 0>; }; };\n' > "$tmp/zero.dts"
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; memory@0 { device_type = "memory"; reg = <0x1 0x0 0x0 0x10000000>; }; };\n' > "$tmp/high.dts"
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; memory@0 { device_type = "memory"; reg = <0xffffffff 0xfff00000 0x0 0x10000000>; }; };\n' > "$tmp/wrap64.dts"
bad truncated-dtb "trunc.dtb" --dtb "$tmp/trunc.dtb"
bad malformed-dtb "garbage.dtb" --dtb "$tmp/garbage.dtb"
bad overlapping-banks "overlap" --dtb "$tmp/overlap.dts"
bad zero-size-bank "zero" --dtb "$tmp/zero.dts"
bad bank-above-4g-no-lpae "LPAE" --dtb "$tmp/high.dts"
bad bank-past-2-64 "64-bit address space" --dtb "$tmp/wrap64.dts"
bad bank-past-2-64-flag "--mem" --mem 0x20000@0xfffffffffffff000
bad impossible-page-offset "PAGE_OFFSET" --dtb boards/seed002-ex1.dts --set PAGE_OFFSET=0x12345678
bad vmalloc-garbage "vmalloc" --dtb boards/seed002-ex1.dts --cmdline "vmalloc=garbage"
bad mem-no-size "--mem" --mem @0x80000000
bad unknown-kernel "--kernel" --dtb boards/seed002-ex1.dts --kernel 4.4
bad unknown-option "--frobnicate" --dtb boards/seed002-ex1.dts --frobnicate
bad no-board "--dtb" --kernel 6.1

# compare: the three reclaim strategies on the seed boards (docs/arm32.md, msm8974:
# examples 7/8/9 give 435/605/608 MiB of lowmem RAM, examples 4/6 488/608).
cmp_out=$($V compare --dtb boards/msm8974.dts --kernel 3.4 --format json 2>/dev/null)
if python3 -c 'import json,sys; d={s["name"]:s for s in json.load(sys.stdin)["strategies"]}
assert int(d["none"]["lowmem_ram"],16)==435<<20 and int(d["none"]["highmem_ram"],16)==1440<<20
assert int(d["hole"]["lowmem_ram"],16)==605<<20 and d["hole"]["lowmem_limit_phys"]=="0x30a00000"
assert int(d["intermix"]["lowmem_ram"],16)==608<<20 and d["intermix"]["vmalloc_start"]=="0xf1000000"
assert int(d["intermix"]["wasted_lowmem_va"],16)==0 and int(d["none"]["wasted_lowmem_va"],16)==173<<20
assert int(d["hole"]["wasted_lowmem_va"],16)==3<<20
assert [d[n]["virt_to_phys_cost"] for n in ("none","hole","intermix")]==["1 sub","cmp+sub","O(log k), k=3"]
assert int(d["intermix"]["largest_vmalloc_run"],16)==224<<20 and int(d["none"]["largest_vmalloc_run"],16)==392<<20' <<<"$cmp_out"; then ok compare-ex7-8-9; else ko compare-ex7-8-9 "$cmp_out"; fi
cmp_out=$($V compare --dtb boards/seed002-ex4.dts --kernel 3.4 2>/dev/null)
if grep -qE '^3G +none +default +488 +416 ' <<<"$cmp_out" && grep -qE '^3G +hole +default +608 +296 ' <<<"$cmp_out"; then ok compare-ex4-6; else ko compare-ex4-6 "$cmp_out"; fi
# 6.1: general intermix and the ported hole both take the 120 MiB hole of
# example 4 (lowmem 488 -> 608 MiB); every line < 100 columns
cmp_out=$($V compare --dtb boards/seed002-ex4.dts --kernel 6.1 -q)
if grep -qE '^3G +intermix +default +608 +296 ' <<<"$cmp_out" && grep -qE '^3G +hole +default +608 +296 .* cmp\+sub$' <<<"$cmp_out" &&
	[ "$(awk 'length($0) >= 100' <<<"$cmp_out" | wc -l)" -eq 0 ]; then ok compare-6.1-intermix; else ko compare-6.1-intermix "$cmp_out"; fi
cmp_out=$($V compare --dtb boards/msm8974.dts --vmalloc 240M,400M -q)
if [ "$(grep -c ' intermix ' <<<"$cmp_out")" -eq 2 ] && grep -qE '^3G +none +240M ' <<<"$cmp_out"; then ok compare-vmalloc-list; else ko compare-vmalloc-list "$cmp_out"; fi
# --split: the msm8974 banks on 6.1 (--remove: 6.1 ignores qcom,memblock-remove),
# vmalloc=400M. vmalloc_limit = 0xff800000 - 408M - PAGE_OFFSET: 3G 0x26000000
# (608 MiB of VA: 435 of RAM), 3G_OPT 0x36000000 (864: 691), 2G 0x66000000 (1632:
# 1459); 1G holds all 1875 MiB. hole adds 170 MiB (171 less the 1 MiB fix),
# intermix 173 until the RAM runs out; 1G: hole frees 170 MiB of VA for vmalloc
# (1008 -> 1184 with the 8 MiB rounding: high_memory 0xb5600000, VMALLOC_START
# 0xb5800000).
cmp_out=$($V compare --mem 2G@0 --remove 2M@0x05b00000 --remove 171M@0x07500000 --cmdline vmalloc=400M --kernel 6.1 --split 3G,3G_OPT,2G,1G -q)
want='3G     none      default    435    1440      419      1440     400     400    173  1 sub
3G     hole      default    605    1270      589      1270     400     400      3  cmp+sub
3G     intermix  default    608    1267      592      1267     405     232      0  O(log k), k=3
3G_OPT none      default    691    1184      675      1184     400     400    173  1 sub
3G_OPT hole      default    861    1014      845      1014     400     400      3  cmp+sub
3G_OPT intermix  default    864    1011      848      1011     405     232      0  O(log k), k=3
2G     none      default   1459     416     1442       416     400     400    173  1 sub
2G     hole      default   1629     246     1612       246     400     400      3  cmp+sub
2G     intermix  default   1632     243     1615       243     405     232      0  O(log k), k=3
1G     none      default   1875       0     1858         0    1008    1008    173  1 sub
1G     hole      default   1875       0     1858         0    1184    1184      3  cmp+sub
1G     intermix  default   1875       0     1858         0    1181    1008      0  O(log k), k=3'
if [ "$(tail -n +4 <<<"$cmp_out")" = "$want" ] && [ "$(awk 'length($0) >= 100' <<<"$cmp_out" | wc -l)" -eq 0 ]; then ok compare-split; else ko compare-split "$cmp_out"; fi
# a no-map carve-out's VA is unused lowmem VA under none (it was counted as RAM)
cmp_out=$($V compare --mem 1G@0x80000000 --nomap 64M@0x88000000 --kernel 6.1 -q)
if grep -qE '^3G +none +default .* 64  1 sub$' <<<"$cmp_out" && grep -qE '^3G +hole +default .* 0  cmp\+sub$' <<<"$cmp_out"; then ok compare-nomap-unused; else ko compare-nomap-unused "$cmp_out"; fi
# msm8974 on 6.1 (the holes given as banks): intermix gains exactly the holes'
# total, 2 + 171 = 173 MiB of lowmem RAM (435 -> 608 MiB), the lowmem limit
# moves from 0x26000000 to 0x30d00000 (goldens msm8974-none-6.1, msm8974-intermix-6.1)
msm61="--kernel 6.1 --mem 2G@0 --remove 2M@0x05b00000 --remove 171M@0x07500000 --cmdline vmalloc=400M -q --format json"
# shellcheck disable=SC2086
if python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2])
assert int(b["lowmem_ram"],16)-int(a["lowmem_ram"],16)==173<<20, (a["lowmem_ram"],b["lowmem_ram"])
assert int(a["lowmem_ram"],16)==435<<20 and a["lowmem_limit_phys"]=="0x26000000" and b["lowmem_limit_phys"]=="0x30d00000"' \
	"$($V layout $msm61)" "$($V layout $msm61 --reclaim intermix)"; then ok msm8974-6.1-intermix-gains-holes; else ko msm8974-6.1-intermix-gains-holes; fi
# the boot tables follow the strategy's linear map (6.1, 1 GiB at 0x80000000,
# hole [0x88000000, +64M), default vmalloc): hole maps the RAM after the hole at
# MEM_HOLE_PAGE_OFFSET 0xc8000000 (768 sections: 128 + 640 MiB); intermix leaves
# the hole's VA 0xc8000000 unmapped (vmalloc) and maps 0x8c000000 at 0xcc000000
bt="--arch arm --kernel 6.1 --mem 1G@0x80000000 --kernel-image 16M@0x80008000 --remove 64M@0x88000000 -q"
# shellcheck disable=SC2086
out_h=$($V boot-tables $bt --reclaim hole --walk 0xc8000000 --walk 0xc7f00000 2>/dev/null)
# shellcheck disable=SC2086
out_i=$($V boot-tables $bt --reclaim intermix --walk 0xcc000000 2>/dev/null)
# shellcheck disable=SC2086
out_x=$($V boot-tables $bt --reclaim intermix --walk 0xc8000000 2>/dev/null); rc_x=$?
if grep -qE '^1 +1 +16384 +768 ' <<<"$out_h" && [ "$(grep -c 'PAGE: 8c000000' <<<"$out_h")" -eq 1 ] &&
	grep -q 'PAGE: 87f00000' <<<"$out_h" && grep -q 'PAGE: 8c000000' <<<"$out_i" &&
	[ $rc_x -eq 1 ] && grep -q 'not mapped' <<<"$out_x"; then ok boot-tables-follow-reclaim; else ko boot-tables-follow-reclaim "$out_h"; fi
bad compare-split-misspelt "did you mean 2G?" --dtb boards/msm8974.dts --split 3G,2H
bad compare-needs-arm "--arch arm64: the hole-reclaim strategies do not apply" --arch arm64 --mem 1G@0x80000000

# drivers/of/fdt.c v6.1: a no-map region over a reserved one is skipped with
# the kernel's pr_err, the node's name in it and %pa at phys_addr_t's width
for a in "arm|0x88000000|" "arm|0x0000000088000000|--set ARM_LPAE=y" "arm64|0x0000000088000000|"; do
	IFS='|' read -r arch base extra <<<"$a"
	# shellcheck disable=SC2086
	log=$($V layout --arch "$arch" --dtb tests/cli/boards/nomap-over-reserved.dts --kernel-image 8M@0x80008000 $extra 2>/dev/null)
	want="OF: fdt: Reserved memory: failed to reserve memory for node 'secure@88000000': base $base, size 2 MiB"
	if grep -qxF "$want" <<<"$log"; then ok "nomap-over-reserved $arch $extra"; else ko "nomap-over-reserved $arch $extra" "$log"; fi
done

# PERCPU_MODULE_RESERVE with MEM_ALLOC_PROFILING: 64K in v6.12
# (include/linux/percpu.h 8 << 13), 8K since v6.15 (12ca42c23775; v7.2.13 the
# same), so on the 6.18 profiles. A System.map with 0xa000 = 40960 bytes of
# static per-CPU data, dyn 28 << 10 = 28672: 6.12 40960 + 65536 + 28672 =
# 135168 = 33 pages; 6.18 40960 + 8192 + 28672 = 77824 = 19 pages.
printf 'ffff800080000000 T _text\nffff800080010000 T _stext\nffff800081000000 D __per_cpu_start\nffff80008100a000 D __per_cpu_end\nffff800082000000 B _end\n' >"$tmp/pcpu.map"
for arch in arm64 riscv64; do
	for kv in "6.12|percpu: Embedded 33 pages/cpu s40960 r65536 d28672 u135168" "6.18|percpu: Embedded 19 pages/cpu s40960 r8192 d28672 u77824"; do
		k=${kv%%|*} want=${kv#*|}
		out=$($V layout --arch $arch --kernel "$k" --mem 4G@0x80000000 --kernel-image 24M@0x80200000 --system-map "$tmp/pcpu.map" --set MEM_ALLOC_PROFILING=y 2>/dev/null)
		if grep -qxF -- "$want" <<<"$out"; then ok "percpu module reserve $arch $k"
		else ko "percpu module reserve $arch $k" "$(grep percpu <<<"$out")"; fi
	done
done

echo "test_layout_cli: $pass passed, $fail failed"
[ $fail -eq 0 ]

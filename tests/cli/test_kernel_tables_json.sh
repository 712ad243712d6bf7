#!/usr/bin/env bash
# `vmlayout layout --format json`'s "kernel_tables" (docs/json.md): the
# kernel's boot page tables as runs of leaves. Checked: the exact runs of a
# small arm64 board (worked out below), the runs' arithmetic on arm64,
# riscv64 and arm LPAE/classic boards (count x size = end - va, sorted,
# disjoint), every run's first and last page walked by `boot-tables --walk`
# to the PA the run says, and the note when the tables cannot be built;
# `boot-tables --format json` gives the same runs and the W+X check.
set -u
B=${1:-build}
. tests/cli/lib.sh
O=tests/conformance/observed

runs() { # the leaves as "va end pa size count prot flags" lines
	python3 -c '
import json, sys
d = json.load(sys.stdin)
for l in d["kernel_tables"]["leaves"]:
    print(l["va"], l["end"], l["pa"], l["size"], l["count"], l["prot"], ",".join(l["flags"]))'
}

# arm64 6.12, 2 GiB at 0x40000000, a 32 MiB image at 0x40200000 with
# vmlayout's default segments (docs/arm64.md), rodata=full: the linear map
# in pages except the image's alias [_text, __init_begin) in 2 MiB blocks
# (read-only, its own map_mem() call); the image at KIMAGE_VADDR with text
# r-x, rodata r--, data rw-, each in blocks where aligned, CONT pages else.
out=$($V layout --arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000 \
	--format json 2>/dev/null | runs)
expect arm64-linear-head "0xffff000000000000 0xffff000000200000 0x40000000 4K 512 rw- normal-tagged,arch:0x80000000000000" \
	"$(printf '%s\n' "$out" | sed -n 1p)"
expect arm64-alias-blocks "0xffff000000200000 0xffff000001600000 0x40200000 2M 10 r-- normal,arch:0x80000000000000" \
	"$(printf '%s\n' "$out" | sed -n 2p)"
expect arm64-linear-rest "0xffff0000016c0000 0xffff000080000000 0x416c0000 4K 518464 rw- normal-tagged,arch:0x80000000000000" \
	"$(printf '%s\n' "$out" | sed -n 4p)"
expect arm64-text-blocks "0xffff800080200000 0xffff800080c00000 0x40400000 2M 5 r-x normal,arch:0x80000000000000" \
	"$(printf '%s\n' "$out" | grep ' 2M 5 r-x')"

# Every board: arithmetic, order, and two walks per run.
check_board() { # name, then the layout options
	local name=$1 json bad
	shift
	json=$($V layout "$@" --format json 2>/dev/null) || { ko "$name layout" "exit $?"; return; }
	bad=$(printf '%s' "$json" | python3 -c '
import json, sys
kt = json.load(sys.stdin)["kernel_tables"]
unit = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
prev = 0
for l in kt["leaves"]:
    va, end, size = int(l["va"], 16), int(l["end"], 16), int(l["size"][:-1]) * unit[l["size"][-1]]
    if end - va != l["count"] * size or va < prev:
        print("run", l)
    prev = end
if kt["table_pages"] < 1: print("no tables")')
	if [ -z "$bad" ]; then ok "$name runs"; else ko "$name runs" "$bad"; fi
	bad=""
	while read -r va end pa size count prot flags; do
		for probe in "$va" "$(printf '0x%x' $((end - 4096)))"; do
			want=$(printf '%x' $((pa + probe - va)))
			# "  PAGE: <leaf base>  (<leaf size>K)"
			read -r base ksize < <($V boot-tables "$@" --walk "$probe" 2>/dev/null |
				sed -n 's/^ *PAGE: \([0-9a-f]*\) *(\([0-9]*\)K).*/\1 \2/p')
			got=$(printf '%x' $((0x${base:-0} + (probe & (${ksize:-4} * 1024 - 1)))))
			[ "$want" = "$got" ] || bad="$bad $probe:$got!=$want"
		done
	done < <(printf '%s' "$json" | runs)
	if [ -z "$bad" ]; then ok "$name walks"; else ko "$name walks" "$bad"; fi
}
check_board arm64-2g --arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000
check_board arm64-6.1-sysmap --arch arm64 --kernel 6.1 --dtb $O/arm64-2g-nomap.dts --config $O/arm64.config \
	--system-map $O/arm64.System.map --cmdline "nokaslr"
check_board riscv64-sv39 --arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000 \
	--set CPU_SATP_BITS=39
check_board arm-classic --dtb $O/armmp-512m.dts --kernel 6.1 --config $O/armmp.config \
	--system-map $O/armmp.System.map
check_board arm-lpae --dtb $O/lpae-5g-reserved-above-4g.dts --kernel 6.1 --config $O/armmp-lpae.config \
	--system-map $O/armmp-lpae.System.map

# `boot-tables --format json`: the same runs as layout's "kernel_tables"
# with the defaults, the W+X check's counts and lines, null where the kernel
# does not run it (rodata=off), and no text besides.
A64=(--arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000)
want=$($V layout "${A64[@]}" --format json 2>/dev/null | runs)
got=$($V boot-tables "${A64[@]}" --format json 2>/dev/null | runs)
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok bt-json-same-runs; else ko bt-json-same-runs "$got"; fi
wx=$($V boot-tables "${A64[@]}" --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["arch"], d["profile"], d["wx_check"])')
expect bt-json-wx "arm64 6.12 {'wx_pages': 0, 'uxn_pages': 0, 'lines': ['Checked W+X mappings: passed, no W+X pages found']}" "$wx"
wx=$($V boot-tables "${A64[@]}" --rodata off --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["wx_check"], [l["size"] for l in d["kernel_tables"]["leaves"]][:2])')
expect bt-json-rodata-off "None ['2M', '2M']" "$wx"
wx=$($V boot-tables --arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000 \
	--set CPU_SATP_BITS=39 --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["kernel_tables"]["format"], d["wx_check"]["lines"])')
expect bt-json-riscv64 "sv39 ['Checked W+X mappings: passed, no W+X pages found']" "$wx"
got=$($V boot-tables "${A64[@]}" --format json --out "$tmp/bt" 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin); print("json")')
expect bt-json-out "json yes" "$got $([ -s "$tmp/bt.json" ] && echo yes)"
bad bt-json-walk "--format json prints the leaves only" "$V" boot-tables "${A64[@]}" --format json --walk 0xffff000000000000
bad bt-json-ptdump "--ptdump, --walk and --set-memory print text" "$V" boot-tables "${A64[@]}" --ptdump --format json

# Not buildable: a note instead, the rest of the JSON as before.
note=$($V layout --arch arm64 --mem 2G@0x40000000 --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print("kernel_tables" in d, d.get("kernel_tables_note"))')
expect arm64-no-image-note "False --arch arm64: the kernel image size is unknown (give --system-map or --kernel-image SIZE@PHYS)" "$note"
note=$($V layout --kernel 3.4 --mem 1G@0 --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print("kernel_tables" in d, "kernel_tables_note" in d)')
expect arm-3.4-no-tables "False True" "$note"
finish

#!/usr/bin/env bash
# `walk` and `ptdump` over tables read back (src/cli/pt_session_read.c):
# --image FILE (a `tables --out` or `boot-tables --out` image and its JSON)
# must print exactly what the same command prints over the tables it builds
# from --map, for every format; --dump FILE@PA --root PA (raw physical
# memory: here the image itself, which is byte for byte the memory from
# image_base_phys, and pieces cut from it) exactly what --image prints for
# the kernel's half; and every bad input is one exact line, exit 2, nothing
# on stdout.
set -u
B=${1:-build}
. tests/cli/lib.sh

# bad_exact NAME 'the whole stderr line' COMMAND...
bad_exact() {
	local name=$1 want=$2 out rc
	shift 2
	out=$("$@" 2>"$tmp/err"); rc=$?
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(cat "$tmp/err")" = "$want" ]; then ok "bad $name"
	else ko "bad $name" "rc=$rc stdout=[$out] stderr=[$(cat "$tmp/err")] want [$want]"; fi
}
# same NAME CMD1 -- CMD2: equal stdout and exit status (and a non-empty stdout).
same() {
	local name=$1 a=() b=() o1 o2 r1 r2
	shift
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	o1=$("${a[@]}" 2>"$tmp/e1"); r1=$?
	o2=$("${b[@]}" 2>"$tmp/e2"); r2=$?
	if [ -n "$o1" ] && [ "$o1" = "$o2" ] && [ $r1 = $r2 ] && [ $r1 -le 1 ]; then ok "$name"
	else ko "$name" "rc $r1/$r2 $(cat "$tmp/e1" "$tmp/e2") $(diff <(printf '%s\n' "$o1") <(printf '%s\n' "$o2") | head -20)"; fi
}
hex() { printf '0x%x' "$1"; }
json_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$@"; }

# ---- round trips: tables --out F, then walk/ptdump --image F ----------------
# roundtrip NAME "GEOMETRY" "MAPS" VA...  (MEM is the caller's)
roundtrip() {
	local name=$1 geo=$2 maps=$3 f
	shift 3
	f="$tmp/$name"
	# shellcheck disable=SC2086
	if ! $V tables $geo $MEM $maps --out "$f" >/dev/null 2>"$tmp/err"; then
		ko "$name tables --out" "$(cat "$tmp/err")"; return
	fi
	# shellcheck disable=SC2086
	same "$name walk" $V walk $geo $MEM $maps "$@" -- $V walk --image "$f" "$@"
	# shellcheck disable=SC2086
	same "$name ptdump" $V ptdump $geo $MEM $maps -- $V ptdump --image "$f"
	# shellcheck disable=SC2086
	same "$name ptdump 6.12 markers" $V ptdump $geo $MEM $maps --kernel 6.12 --marker "$1:here" \
		-- $V ptdump --image "$f" --kernel 6.12 --marker "$1:here"
}

MEM="--mem 64M@0x80000000"
for g in "4K 39" "4K 48" "4K 52" "16K 36" "16K 47" "16K 48" "16K 52" "64K 42" "64K 48" "64K 52"; do
	set -- $g
	hi=$((-(1 << $2))) # 2^64 - 2^va_bits
	k=$(hex $hi) r=$(hex $((hi + 0x10000000))) d=$(hex $((hi + 0x20000000)))
	roundtrip "arm64-$1-$2" "--arch arm64 --granule $1 --va-bits $2" \
		"--map $k:0x40000000:64M --map $r:0x50000000:1M:ro,noblock --map $d:0x60000000:256K:device --map 0x10000:0x70000:64K:user" \
		"$(hex $((hi + 0x1234)))" "$(hex $((hi + 0x3ff0000)))" "$(hex $((hi + 0x10005000)))" "$d" \
		"$(hex $((hi + 0x30000000)))" 0x10010 0x900000 0x1000
done
for m in 39 48 57; do
	hi=$((-(1 << (m - 1))))
	k=$(hex $hi) r=$(hex $((hi + 0x10000000))) d=$(hex $((hi + 0x20000000)))
	roundtrip "riscv64-sv$m" "--arch riscv64 --mode sv$m" \
		"--map $k:0x40000000:64M --map $r:0x50000000:1M:ro,noblock --map $d:0x60000000:64K:device --map 0x10000:0x70000:64K:user" \
		"$(hex $((hi + 0x1234)))" "$(hex $((hi + 0x3ff0000)))" "$(hex $((hi + 0x10005000)))" "$d" \
		"$(hex $((hi + 0x30000000)))" 0x10010 0x900000
done
MEM="--mem 16M@0x40000000"
ARM_MAPS="--map 0xc0000000:0x80000000:32M --map 0xc2000000:0x82000000:1M:noblock --map 0xd0000000:0x10000000:64K:device --map 0x1000:0x2000:4K:user --map 0x7ff00000:0x3000000:1M"
ARM_VAS="0xc0000000 0xc1234567 0xc2001000 0xd000f000 0xe0000000 0x1010 0x7ff80000 0x5000"
for f in short short-linux lpae "short --split 2G" "short-linux --split 1G" "lpae --split 3G" "lpae --split 2G"; do
	# shellcheck disable=SC2086
	roundtrip "arm-${f// /}" "--arch arm --format $f" "$ARM_MAPS" $ARM_VAS
done
# The JSON carries the format's PA size: arm64 --pa-bits 40 (TCR.IPS 40
# bits) and short with 40-bit supersections come back the same.
MEM="--mem 64M@0x80000000"
roundtrip arm64-pa40 "--arch arm64 --pa-bits 40" "--map 0xffff000000000000:0x40000000:64M" 0xffff000000001000
MEM="--mem 16M@0x40000000"
roundtrip arm-short-pa40 "--arch arm --format short --pa-bits 40" "--map 0xc0000000:0x100000000:16M" 0xc0001000
if [ "$(json_get "$tmp/arm64-pa40.json" pa_bits)" = 40 ] && [ "$(json_get "$tmp/arm64-pa40.json" tcr)" = 0x2b5103590 ]
then ok pa-bits-in-json; else ko pa-bits-in-json "$(cat "$tmp/arm64-pa40.json")"; fi

# ---- boot-tables --out images of an arm64 and a riscv64 board ---------------
# ptdump --image with the layout's markers prints boot-tables --ptdump's
# dump (what follows its counts and W+X line); walk --image reads the same
# entries as boot-tables --walk (whose PAGE and FLAGS lines are shorter).
boot_image() { # name "LAYOUT OPTIONS" kernel VA...
	local name=$1 lo=$2 kernel=$3 f="$tmp/bt-$1" w=()
	shift 3
	for va in "$@"; do w+=(--walk "$va"); done
	# shellcheck disable=SC2086
	$V boot-tables $lo --ptdump --out "$f" >"$tmp/bt.out" 2>/dev/null
	sed '1,/^$/d' "$tmp/bt.out" >"$tmp/bt.ptdump"
	# shellcheck disable=SC2086
	$V ptdump --image "$f" --kernel "$kernel" --layout-markers "$lo" >"$tmp/img.ptdump" 2>"$tmp/err"
	if [ -s "$tmp/bt.ptdump" ] && diff "$tmp/bt.ptdump" "$tmp/img.ptdump" >"$tmp/diff"; then ok "$name boot-tables ptdump"
	else ko "$name boot-tables ptdump" "$(cat "$tmp/err" "$tmp/diff")"; fi
	# shellcheck disable=SC2086
	$V boot-tables $lo "${w[@]}" 2>/dev/null | sed -n '/^VIRTUAL/,$p' | grep -v ' FLAGS:' | sed 's/^\(  PAGE: [0-9a-f]*\).*/\1/' >"$tmp/bt.walk"
	$V walk --image "$f" "$@" | grep -v ' FLAGS:' | sed 's/^\(  PAGE: [0-9a-f]*\).*/\1/' >"$tmp/img.walk"
	if [ "$(grep -c '=>' "$tmp/bt.walk")" -ge $# ] && diff "$tmp/bt.walk" "$tmp/img.walk" >"$tmp/diff"; then ok "$name boot-tables walk"
	else ko "$name boot-tables walk" "$(cat "$tmp/diff")"; fi
}
boot_image arm64-256m "--arch arm64 --kernel 6.12 --mem 256M@0x40000000 --kernel-image 24M@0x40200000" 6.12 \
	0xffff800080000000 0xffff800080a00000 0xffff000000000000 0xffff00000ff00000 0xfffffdffc0000000
boot_image riscv64-2g "--arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 20M@0x80200000" 6.12 \
	0xffffffff80000000 0xffffffd600a00000 0xffffffd601000000 0xffffffc500000000

# ---- --dump: raw physical memory --------------------------------------------
# The arm64 4K/48 image is the memory [image_base_phys, +size): the kernel
# half (TTBR1) walked from it is what --image walks.
F="$tmp/arm64-4K-48"
base=$(json_get "$F.json" image_base_phys)
ttbr1=$(json_get "$F.json" ttbr1)
A64D="--arch arm64 --granule 4K --va-bits 48"
K48="0xffff000000001234 0xffff000003ff0000 0xffff000010005000 0xffff000020000000 0xffff000030000000"
# shellcheck disable=SC2086
same "dump arm64 walk" $V walk --dump "$F@$base" --root "$ttbr1" $A64D $K48 -- $V walk --image "$F" $K48
# shellcheck disable=SC2086
same "dump arm64 ptdump" $V ptdump --dump "$F@$base" --root "$ttbr1" $A64D -- $V ptdump --image "$F"
# The low half has no root: its VAs have no table.
out=$($V walk --dump "$F@$base" --root "$ttbr1" $A64D 0x10010); rc=$?
if [ $rc = 1 ] && grep -qxF '10010             (not mapped: no table for this half)' <<<"$out"; then ok dump-low-half
else ko dump-low-half "rc $rc $out"; fi
# Two pieces, cut from the image, walk as the whole does.
size=$(stat -c %s "$F")
half=$(((size / 4096 / 2) * 4096))
head -c $half "$F" >"$tmp/lo.bin"
tail -c +$((half + 1)) "$F" >"$tmp/hi.bin"
# shellcheck disable=SC2086
same "dump two pieces walk" $V walk --dump "$tmp/lo.bin@$base" --dump "$tmp/hi.bin@$(hex $((base + half)))" \
	--root "$ttbr1" $A64D $K48 -- $V walk --image "$F" $K48
# riscv64 and arm (one root): the whole tree, ptdump and walk alike.
for n in riscv64-sv48 arm-short-linux arm-lpae; do
	F="$tmp/$n"
	base=$(json_get "$F.json" image_base_phys) root=$(json_get "$F.json" root_phys)
	case $n in riscv64*) geo="--arch riscv64 --mode sv48" vas="0xffff800000001234 0x10010 0xffff800020000000" ;;
	*) geo="--arch arm --format ${n#arm-}" vas=$ARM_VAS ;; esac
	# shellcheck disable=SC2086
	same "dump $n walk" $V walk --dump "$F@$base" --root "$root" $geo $vas -- $V walk --image "$F" $vas
	# shellcheck disable=SC2086
	same "dump $n ptdump" $V ptdump --dump "$F@$base" --root "$root" $geo -- $V ptdump --image "$F"
done
# arm LPAE 3G split: --root is TTBR1's, the level-2 table of the top GiB.
F="$tmp/arm-lpae--split3G"
base=$(json_get "$F.json" image_base_phys) root=$(json_get "$F.json" ttbr1)
same "dump lpae 3G ttbr1 walk" $V walk --dump "$F@$base" --root "$root" --arch arm --format lpae --split 3G \
	0xc0000000 0xc2001000 0xd000f000 0xe0000000 -- $V walk --image "$F" 0xc0000000 0xc2001000 0xd000f000 0xe0000000

# ---- a table the files do not hold ------------------------------------------
# arm64 4K/48 tables lie top-down from 0x84000000: the TTBR1 root at
# 0x83fff000, its level-1 tables at 0x83ffe000 (the 1G at 0xffff000000000000)
# and 0x83ffd000 ... Cut the dump at 0x83ffe000: the root is there, the PUD
# table below it is not.
F="$tmp/arm64-4K-48"
base=$(json_get "$F.json" image_base_phys)
if [ "$base" = 0x83ff7000 ] && [ "$ttbr1" = 0x83fff000 ]; then ok dump-layout-as-described
else ko dump-layout-as-described "base $base ttbr1 $ttbr1"; fi
head -c $((0x83ffe000 - base)) "$F" >"$tmp/cut.bin"
tail -c 4096 "$F" >"$tmp/root.bin"
CUT="--dump $tmp/cut.bin@$base --dump $tmp/root.bin@0x83fff000 --root 0x83fff000 $A64D"
# shellcheck disable=SC2086
bad_exact dump-missing-table-walk \
	"vmlayout walk: walking 0xffff000000001234: the level 1 table (PUD) at physical 0x83ffe000, 0x1000 bytes, is not in any --dump piece" \
	$V walk $CUT 0x1000 0xffff000000001234
# shellcheck disable=SC2086
bad_exact dump-missing-table-ptdump \
	"vmlayout ptdump: the level 1 table (PUD) at physical 0x83ffe000, 0x1000 bytes, is not in any --dump piece" \
	$V ptdump $CUT
bad_exact dump-missing-root \
	"vmlayout walk: the level 0 table (PGD) at physical 0x83fff000, 0x1000 bytes, is not in any --dump piece" \
	$V walk --dump "$tmp/cut.bin@$base" --root 0x83fff000 $A64D 0xffff000000001234
# An image whose JSON leaves out a run's page: the same, naming the image.
python3 - "$F.json" "$tmp/gap.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
# [0x83ff7000, 0x84000000) without the page of the TTBR0 PMD table 0x83ff8000
d["runs"] = [{"phys": "0x83ff7000", "offset": "0x0", "size": "0x1000"},
             {"phys": "0x83ff9000", "offset": "0x2000", "size": "0x7000"}]
json.dump(d, open(sys.argv[2], "w"))
EOF
cp "$F" "$tmp/gap"
bad_exact image-missing-table \
	"vmlayout walk: walking 0x10010: the level 2 table (PMD) at physical 0x83ff8000, 0x1000 bytes, is not in the image '$tmp/gap' (no run of '$tmp/gap.json' holds it)" \
	$V walk --image "$tmp/gap" 0xffff000000001234 0x10010

# ---- bad input: one exact line, exit 2, nothing on stdout --------------------
I="$tmp/arm64-4K-48"
bad_exact image-missing "vmlayout walk: --image: '$tmp/none': cannot open: No such file or directory" \
	$V walk --image "$tmp/none" 0x1000
cp "$I" "$tmp/nojson"
bad_exact image-json-missing "vmlayout ptdump: --image: '$tmp/nojson.json': cannot open: No such file or directory" \
	$V ptdump --image "$tmp/nojson"
: >"$tmp/empty"; cp "$I.json" "$tmp/empty.json"
bad_exact image-empty "vmlayout walk: --image: '$tmp/empty': the file is empty" $V walk --image "$tmp/empty" 0x1000
head -c 8192 "$I" >"$tmp/trunc"; cp "$I.json" "$tmp/trunc.json"
bad_exact image-truncated \
	"vmlayout walk: --image: '$tmp/trunc' is truncated: 8192 bytes, but the runs of '$tmp/trunc.json' end at 36864" \
	$V walk --image "$tmp/trunc" 0x1000
{ cat "$I"; head -c 4096 /dev/zero; } >"$tmp/long"; cp "$I.json" "$tmp/long.json"
bad_exact image-size-mismatch \
	"vmlayout walk: --image: '$tmp/long' is 40960 bytes, but the runs of '$tmp/long.json' end at 36864: the image and its JSON do not match" \
	$V walk --image "$tmp/long" 0x1000
# edit_json NAME 'python statement on d (the JSON object)' -> $tmp/NAME, $tmp/NAME.json
edit_json() {
	cp "$I" "$tmp/$1"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2; json.dump(d, open(sys.argv[2], 'w'), indent=1)" \
		"$I.json" "$tmp/$1.json"
}
cp "$I" "$tmp/comma"; sed 's/"runs": \[/"runs": [,/' "$I.json" >"$tmp/comma.json"
bad_exact json-malformed \
	"vmlayout walk: --image: '$tmp/comma.json' is not valid JSON: line 11, column 12: expected a value (string, number, object, array, true, false, null)" \
	$V walk --image "$tmp/comma" 0x1000
cp "$I" "$tmp/trail"; { cat "$I.json"; echo '{}'; } >"$tmp/trail.json"
bad_exact json-trailing "vmlayout walk: --image: '$tmp/trail.json' is not valid JSON: line 15, column 1: text after the end of the document" \
	$V walk --image "$tmp/trail" 0x1000
cp "$I" "$tmp/arr"; echo '[1, 2]' >"$tmp/arr.json"
bad_exact json-not-object "vmlayout walk: --image: '$tmp/arr.json': the document must be an object, not an array" \
	$V walk --image "$tmp/arr" 0x1000
for key in arch format pa_bits tcr ttbr1 root_phys image_base_phys runs; do
	edit_json "no-$key" "del d['$key']"
	bad_exact "json-lacks-$key" "vmlayout walk: --image: '$tmp/no-$key.json' lacks \"$key\" (vmlayout tables --out writes it)" \
		$V walk --image "$tmp/no-$key" 0x1000
done
edit_json no-run-size "del d['runs'][0]['size']"
bad_exact json-run-lacks-size "vmlayout walk: --image: '$tmp/no-run-size.json' run 0 lacks \"size\" (vmlayout tables --out writes it)" \
	$V walk --image "$tmp/no-run-size" 0x1000
edit_json pa-string "d['pa_bits'] = '48'"
bad_exact json-wrong-type "vmlayout walk: --image: '$tmp/pa-string.json': \"pa_bits\" must be a number, not a string" \
	$V walk --image "$tmp/pa-string" 0x1000
edit_json tcr-dec "d['tcr'] = '123'"
bad_exact json-not-hex "vmlayout walk: --image: '$tmp/tcr-dec.json': \"tcr\" is \"123\", not a hex address such as \"0x40000000\"" \
	$V walk --image "$tmp/tcr-dec" 0x1000
edit_json fmt-8k "d['format'] = '8K/48'"
bad_exact json-unknown-format \
	"vmlayout walk: --image: '$tmp/fmt-8k.json': format \"8K/48\" of arch \"arm64\" with pa_bits 48: arm64 format names are GRANULE/VA_BITS (4K/48, 16K/52-lpa2)" \
	$V walk --image "$tmp/fmt-8k" 0x1000
edit_json fmt-va "d['format'] = '4K/60'"
bad_exact json-format-va-bits \
	"vmlayout walk: --image: '$tmp/fmt-va.json': format \"4K/60\" of arch \"arm64\" with pa_bits 48: arm64 VA size must be 36 to 52 bits" \
	$V walk --image "$tmp/fmt-va" 0x1000
edit_json fmt-sv "d['arch'] = 'riscv64'; d['format'] = 'sv64'"
bad_exact json-unknown-mode \
	"vmlayout walk: --image: '$tmp/fmt-sv.json': format \"sv64\" of arch \"riscv64\" with pa_bits 48: riscv64 paging mode must be sv39, sv48 or sv57" \
	$V walk --image "$tmp/fmt-sv" 0x1000
edit_json arch-mips "d['arch'] = 'mips'"
bad_exact json-unknown-arch "vmlayout walk: --image: '$tmp/arch-mips.json': arch \"mips\": vmlayout has no page-table format for it" \
	$V walk --image "$tmp/arch-mips" 0x1000
# A 16K TCR (TG1 = 1) under a 4K format name.
edit_json tcr-16k "d['tcr'] = hex(int(d['tcr'], 16) & ~(3 << 30) | (1 << 30))"
bad_exact json-registers-disagree \
	"vmlayout walk: --image: '$tmp/tcr-16k.json': \"tcr\" is 0x575103510, but format 4K/48 with the roots it names gives 0x5b5103510: the registers and the format disagree" \
	$V walk --image "$tmp/tcr-16k" 0x1000
edit_json root-other "d['root_phys'] = '0x83ffe000'"
bad_exact json-root-phys "vmlayout walk: --image: '$tmp/root-other.json': \"root_phys\" 0x83ffe000 is not the root the registers name (0x83ffa000)" \
	$V walk --image "$tmp/root-other" 0x1000
edit_json run-offset "d['runs'][0]['offset'] = '0x1000'"
bad_exact json-run-offset \
	"vmlayout walk: --image: '$tmp/run-offset.json' run 0: offset 0x1000 is not phys 0x83ff7000 - image_base_phys 0x83ff7000" \
	$V walk --image "$tmp/run-offset" 0x1000
edit_json run-overlap "d['runs'] = [{'phys': '0x83ff7000', 'offset': '0x0', 'size': '0x9000'}, {'phys': '0x83ff8000', 'offset': '0x1000', 'size': '0x1000'}]"
bad_exact json-runs-overlap \
	"vmlayout walk: --image: '$tmp/run-overlap.json' run 1 [0x83ff8000, 0x83ff9000) overlaps '$tmp/run-overlap.json' run 0 [0x83ff7000, 0x84000000): a physical address would have two values" \
	$V walk --image "$tmp/run-overlap" 0x1000
# Options that do not go with --image / --dump.
bad_exact image-and-map "vmlayout walk: --image and --map: the image holds the tables; give one or the other" \
	$V walk --image "$I" --map 0x1000:0x1000:4K 0x1000
bad_exact image-and-mem "vmlayout ptdump: --image and --mem: the image holds the tables; give one or the other" \
	$V ptdump --mem 16M@0x40000000 --image "$I"
bad_exact image-and-geometry "vmlayout walk: --image and --granule: the format comes from the image's JSON; give no geometry option" \
	$V walk --image "$I" --granule 16K 0x1000
bad_exact image-and-dump "vmlayout walk: --image and --dump: give one or the other" \
	$V walk --image "$I" --dump "$I@0x0" --root 0 0x1000
bad_exact image-and-root "vmlayout walk: --image and --root: the roots come from the registers in the image's JSON" \
	$V walk --image "$I" --root 0x83fff000 0x1000
bad_exact lowmem-and-image "vmlayout ptdump: --layout-lowmem maps the layout's lowmem with --map; with --image or --dump the tables are read: give --layout-markers" \
	$V ptdump --image "$I" --layout-lowmem "--arch arm --mem 1G@0x80000000"
bad_exact dump-and-map "vmlayout walk: --dump and --map: the dump holds the tables; give one or the other" \
	$V walk --dump "$I@0x83ff7000" --root 0x83fff000 $A64D --map 0:0:4K 0x1000
bad_exact dump-no-root "vmlayout walk: --dump needs --root PA: the physical address of the root table (TTBR1's or satp's)" \
	$V walk --dump "$I@0x83ff7000" $A64D 0x1000
bad_exact root-no-dump "vmlayout walk: --root PA goes with --dump FILE@PA" $V walk --root 0x83fff000 $A64D 0x1000
bad_exact dump-no-arch "vmlayout walk: --arch is required (arm, arm64, riscv64)" \
	$V walk --dump "$I@0x83ff7000" --root 0x83fff000 0x1000
bad_exact dump-syntax "vmlayout walk: --dump '$I' must be FILE@PA: the file's bytes are physical memory from PA on" \
	$V walk --dump "$I" --root 0x83fff000 $A64D 0x1000
bad_exact dump-file-missing "vmlayout walk: --dump '$tmp/none@0x0': '$tmp/none': cannot open: No such file or directory" \
	$V walk --dump "$tmp/none@0x0" --root 0x83fff000 $A64D 0x1000
bad_exact dumps-overlap \
	"vmlayout walk: --dump '$tmp/root.bin@0x83fff800' [0x83fff800, 0x84000800) overlaps --dump '$I@0x83ff7000' [0x83ff7000, 0x84000000): a physical address would have two values" \
	$V walk --dump "$I@0x83ff7000" --dump "$tmp/root.bin@0x83fff800" --root 0x83fff000 $A64D 0x1000
bad_exact root-register-value \
	"vmlayout walk: --root 0x56000083fff000: the root table of arm64 4K/48 lies below 2^48, aligned to 0x1000 bytes (give the table's address, not the register's value)" \
	$V walk --dump "$I@0x83ff7000" --root 0x56000083fff000 $A64D 0x1000
bad_exact walk-bad-va-first "vmlayout walk: 'zz' is not an address" \
	$V walk --image "$I" 0xffff000000001234 zz
# A misspelt option: the closest name.
bad_exact misspelt-image "vmlayout walk: unknown option '--imgae'; did you mean --image? (see vmlayout walk --help)" \
	$V walk --imgae "$I" 0x1000
bad_exact misspelt-dump "vmlayout ptdump: unknown option '--dumps'; did you mean --dump? (see vmlayout ptdump --help)" \
	$V ptdump --dumps "$I@0" --root 0
bad_exact misspelt-root "vmlayout walk: unknown option '--roots'; did you mean --root? (see vmlayout walk --help)" \
	$V walk --dump "$I@0" --roots 0 0x1000
bad_exact tables-no-image "vmlayout tables: unknown option '--image' (see vmlayout tables --help)" \
	$V tables --image "$I"

# ---- help ---------------------------------------------------------------------
for c in walk ptdump; do
	h=$($V $c --help)
	if grep -qF -- '--image FILE' <<<"$h" && grep -qF -- '--dump FILE@PA' <<<"$h" &&
		grep -qF -- '--root PA' <<<"$h" && grep -qF -- '--image or --dump files do not hold), 3 internal error.' <<<"$h"
	then ok "$c help"; else ko "$c help" "$h"; fi
done
if ! $V tables --help | grep -qF -- '--image'; then ok tables-help-no-image; else ko tables-help-no-image; fi

echo "test_walk_image_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# Every JSON the commands print validates against its schema in
# docs/schema/ (Debian's python3-jsonschema), over boards of every arch and
# strategy; and a schema is not a formality: a document with a wrong type or
# a missing key is rejected.
set -u
B=${1:-build}
V=$B/vmlayout
PY=/usr/bin/python3
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! $PY -c 'import jsonschema' 2>/dev/null; then
	ko "python3-jsonschema is missing (bash scripts/deps.sh installs it)"
	if $V boot-tables --arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000 -q --format json |
	sed 's/"wx_pages": 0/"wx_pages": "0"/' | $PY -c 'import json, sys, jsonschema
jsonschema.validate(json.load(sys.stdin), json.load(open("docs/schema/boot-tables.schema.json")))' 2>/dev/null; then
	ko "boot-tables schema rejects a count as a string"; else ok "boot-tables schema rejects a count as a string"; fi
echo "test_json_schema: $pass passed, $fail failed"; exit 1
fi
validate() { # name schema (document on stdin)
	if out=$($PY -c 'import json, sys, jsonschema
jsonschema.validate(json.load(sys.stdin), json.load(open(sys.argv[1])))' "docs/schema/$2.schema.json" 2>&1); then ok "$1"
	else ko "$1" "$(tail -3 <<<"$out")"; fi
}
for args in "--mem 1G@0x80000000" "--dtb boards/msm8974.dts --kernel 3.4 --reclaim intermix" \
	"--dtb boards/msm8974.dts --kernel 3.4 --reclaim hole" "--mem 2G@0x80000000 --set ARM_LPAE=y --mem 2G@0x100000000" \
	"--arch arm64 --mem 4G@0x80000000 --kaslr-seed 7" "--arch arm64 --kernel 6.1 --set ARM64_64K_PAGES=y --mem 2G@0x80000000" \
	"--arch riscv64 --kernel 5.10 --mem 2G@0x80000000" "--arch riscv64 --kernel 6.18 --mem 8G@0x80000000"; do
	# shellcheck disable=SC2086
	validate "layout $args" layout < <($V layout $args -q --format json)
done
validate "compare 3.4" compare < <($V compare --dtb boards/msm8974.dts -q --format json)
validate "compare 6.1 --vmalloc" compare < <($V compare --dtb boards/seed002-ex4.dts --kernel 6.1 --vmalloc 240M,400M -q --format json)
validate "compare --split" compare < <($V compare --dtb boards/msm8974.dts --split 3G,3G_OPT,2G,1G -q --format json)
validate translate translate < <($V translate --dtb boards/msm8974.dts --kernel 3.4 --reclaim hole -q --format json \
	0xc7600000 0x12000000 0xc7500000 0x08000000)
$V tables --arch arm64 --mem 16M@0x40000000 --map 0xffff000000000000:0x40000000:4M --out "$tmp/t.bin" >/dev/null
validate "tables --out json" tables <"$tmp/t.bin.json"
$V tables --arch arm --format short --split 0x80000000 --mem 16M@0x40000000 --map 0xc0000000:0x40000000:2M --out "$tmp/s.bin" >/dev/null
validate "tables --split json" tables <"$tmp/s.bin.json"
for args in "--arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000" \
	"--arch arm64 --kernel 6.1 --mem 2G@0x40000000 --kernel-image 32M@0x40200000 --rodata off" \
	"--arch riscv64 --kernel 6.12 --mem 2G@0x80000000 --kernel-image 30M@0x80200000"; do
	# shellcheck disable=SC2086
	validate "boot-tables $args" boot-tables < <($V boot-tables $args -q --format json)
done
# rejections: the schemas check types and required keys
if $V layout --mem 1G@0x80000000 -q --format json | sed 's/"page_offset": "0x/"page_offset": "/' |
	$PY -c 'import json, sys, jsonschema
jsonschema.validate(json.load(sys.stdin), json.load(open("docs/schema/layout.schema.json")))' 2>/dev/null; then
	ko "layout schema rejects a bad address"; else ok "layout schema rejects a bad address"; fi
if echo '{"translations": [{"address": "0x1", "taken_as": "physical", "virt": null}]}' |
	$PY -c 'import json, sys, jsonschema
jsonschema.validate(json.load(sys.stdin), json.load(open("docs/schema/translate.schema.json")))' 2>/dev/null; then
	ko "translate schema rejects a missing key"; else ok "translate schema rejects a missing key"; fi
if $V boot-tables --arch arm64 --kernel 6.12 --mem 2G@0x40000000 --kernel-image 32M@0x40200000 -q --format json |
	sed 's/"wx_pages": 0/"wx_pages": "0"/' | $PY -c 'import json, sys, jsonschema
jsonschema.validate(json.load(sys.stdin), json.load(open("docs/schema/boot-tables.schema.json")))' 2>/dev/null; then
	ko "boot-tables schema rejects a count as a string"; else ok "boot-tables schema rejects a count as a string"; fi
echo "test_json_schema: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

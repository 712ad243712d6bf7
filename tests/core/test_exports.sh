#!/usr/bin/env bash
# A library others can link: every external symbol of libvmlayout.a starts
# with vml_, and libvmlayout.so (SONAME libvmlayout.so.0) exports exactly the
# names the public headers declare: the arch policies' internals stay local.
set -u
B=${1:-build}
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
[ -f "$B/libvmlayout.so" ] || make -s -j2 all >/dev/null
bad=$(nm -g --defined-only "$B/libvmlayout.a" 2>/dev/null | awk 'NF == 3 && $2 ~ /[TDRBC]/ {print $3}' | grep -v '^vml_' |
	grep -vE '^__(odr_asan|asan|ubsan|sancov)' | sort -u) # sanitizer builds add these
if [ -z "$bad" ]; then ok "every external symbol is vml_-prefixed"; else ko "unprefixed symbols" "$bad"; fi
exported=$(nm -D --defined-only "$B/libvmlayout.so" | awk '$2 != "A" {print $3}' | sed 's/@.*//' | sort -u)
declared=$(grep -ohE '\bvml_[A-Za-z0-9_]+\b' include/vmlayout/*.h | sort -u)
extra=$(comm -23 <(printf '%s\n' "$exported") <(printf '%s\n' "$declared"))
if [ -z "$extra" ]; then ok "the .so exports only declared names"; else ko "undeclared exports" "$extra"; fi
for s in vml_layout_compute vml_memblock_add vml_pt_map vml_dt_load_file vml_arch_find; do
	if grep -qx "$s" <<<"$exported"; then ok "exports $s"; else ko "exports $s"; fi
done
for s in vml_arm_va vml_arm_swiotlb vml_arm64_geometry; do
	if grep -qx "$s" <<<"$exported"; then ko "hides $s"; else ok "hides $s"; fi
done
if readelf -d "$B/libvmlayout.so" | grep -q 'SONAME.*\[libvmlayout.so.0\]'; then ok soname; else ko soname; fi
echo "test_exports: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# Writes the linker version script of libvmlayout.so: every global symbol
# the objects define whose name the public headers (include/vmlayout/*.h)
# declare is exported; everything else (the arch policies' and the host's
# internal functions, all vml_-prefixed too) is local.
# usage: export_map.sh OUT OBJ...
set -eu
out=$1; shift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
grep -ohE '\bvml_[A-Za-z0-9_]+\b' include/vmlayout/*.h | sort -u >"$tmp/declared"
nm -g --defined-only "$@" | awk 'NF == 3 && $2 ~ /[TDRBC]/ {print $3}' | sort -u >"$tmp/defined"
{
	echo "VMLAYOUT_0 {"
	echo "global:"
	comm -12 "$tmp/declared" "$tmp/defined" | sed 's/.*/\t&;/'
	echo "local:"
	echo "	*;"
	echo "};"
} >"$out.tmp"
mv "$out.tmp" "$out"

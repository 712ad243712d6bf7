#!/usr/bin/env bash
# vmlayout's 6.1 prediction against what Debian's real 6.1 armhf and arm64
# kernels reported under QEMU, from the observations recorded in
# tests/conformance/observed/ (written by conformance/run.sh; see
# docs/conformance.md). Needs no network and no QEMU: each board's DT is the
# decompiled blob the kernel received, recompiled with dtc to its recorded
# totalsize (the size the kernel reserves for it), with the same Debian
# .config and the section boundaries the booted kernel showed.
#
# Usage: test_observed_offline.sh BUILD_DIR
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
obs=$root/tests/conformance/observed
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
fail() { echo "FAIL $*"; echo "observed-offline: 0 passed, 1 failed"; exit 1; }
[ -x "$vmlayout" ] || fail "no vmlayout binary in $B"
command -v dtc >/dev/null || fail "dtc is not installed (scripts/deps.sh installs it)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dirs=()
for json in "$obs"/*.json; do
	board=$(basename "$json" .json)
	d=$tmp/$board
	mkdir -p "$d"
	# One line of shell assignments from the observation.
	vars=$(python3 - "$json" <<'EOF'
import json, shlex, sys
o = json.load(open(sys.argv[1]))
for k, v in (("FLAVOUR", o["flavour"]), ("APPEND", o["cmdline"]), ("DTB_PHYS", o["dtb_phys"]),
             ("DTB_SIZE", o["dtb_totalsize"]), ("DESCRIPTION", o["description"])):
    print("%s=%s" % (k, shlex.quote(v or "")))
EOF
	) || fail "$json: not a readable observation"
	eval "$vars"
	[ -n "$DTB_SIZE" ] || fail "$json has no dtb_totalsize"
	dtc -q -I dts -O dtb -S "$((DTB_SIZE))" -o "$d/board.dtb" "$obs/$board.dts" ||
		fail "$obs/$board.dts does not compile"
	{
		printf 'BOARD=%q\nDESCRIPTION=%q\nAPPEND=%q\nFLAVOUR=%q\n' "$board" "$DESCRIPTION" "$APPEND" "$FLAVOUR"
		printf 'DTB=%q\nDTB_PHYS=%q\n' "$d/board.dtb" "$DTB_PHYS"
		printf 'CONFIG=%q\nSYSTEM_MAP=%q\n' "$obs/$FLAVOUR.config" "$obs/$FLAVOUR.System.map"
	} >"$d/board.env"
	cp "$json" "$d/observed.json"
	dirs+=("$d")
done
[ ${#dirs[@]} -gt 0 ] || fail "no observations in $obs"

out=$(python3 "$root/conformance/compare.py" --vmlayout "$vmlayout" "${dirs[@]}")
printf '%s\n' "$out" | sed '$d'
last=$(printf '%s\n' "$out" | tail -n 1)
passed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$last")
failed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$last")
[ -n "$passed" ] || fail "compare.py printed no summary"
echo "observed-offline: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

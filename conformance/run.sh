#!/usr/bin/env bash
# `make conformance`: boots every board of conformance/boards/ (memory sizes,
# vmalloc=, holes, no-map and static carve-outs, a dynamic reserved region,
# LPAE with RAM past 4 GiB) under QEMU, compares each with vmlayout's 6.1
# prediction and writes conformance/out/report.md.
#
# Usage: run.sh BUILD_DIR [BOARD...]   (default: every board)
# Exit status: 0 all checks passed, 1 a check or a boot failed, 3 the Debian
# armhf packages cannot be downloaded.
set -u
here=$(cd "$(dirname "$0")" && pwd)
B=${1:-build}
shift || true
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
[ -x "$vmlayout" ] || { echo "run.sh: no vmlayout binary in $B (run make first)" >&2; exit 1; }
out=${CONFORMANCE_OUT:-$here/out}
mkdir -p "$out"

rc=0
bash "$here/fetch.sh" >/dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
	echo "run.sh: cannot get the Debian armhf packages (fetch.sh exit $rc); nothing booted" >&2
	exit "$rc"
fi

if [ $# -gt 0 ]; then
	boards=("$@")
else
	mapfile -t boards < <(ls "$here/boards" | sed -n 's/\.sh$//p' | sort)
fi
dirs=() failed_boots=()
# Progress on stderr: boot i of n, and the time left from the mean so far.
started=$(date +%s) i=0
progress() {
	local now elapsed left=""
	now=$(date +%s) elapsed=$((now - started))
	[ "$i" -gt 0 ] && left=", about $((elapsed * (${#boards[@]} - i) / i)) s left"
	echo "run.sh: boot $((i + 1)) of ${#boards[@]}: $1 (${elapsed} s so far$left)" >&2
}
for board in "${boards[@]}"; do
	progress "$board"
	i=$((i + 1))
	if bash "$here/boot.sh" "$board" 2>"$out/$board.boot.err"; then
		dirs+=("$out/$board")
	else
		failed_boots+=("$board")
		echo "FAIL $board boot (see $out/$board.boot.err)"
	fi
done

crc=0
if [ ${#dirs[@]} -gt 0 ]; then
	python3 "$here/compare.py" --vmlayout "$vmlayout" --report "$out/report.md" "${dirs[@]}" || crc=$?
fi
if [ ${#failed_boots[@]} -gt 0 ]; then
	printf '\nBoards that did not boot: %s\n' "${failed_boots[*]}" >>"$out/report.md"
	echo "run.sh: ${#failed_boots[@]} board(s) did not boot: ${failed_boots[*]}" >&2
	crc=1
fi
echo "run.sh: report in $out/report.md" >&2
exit "$crc"

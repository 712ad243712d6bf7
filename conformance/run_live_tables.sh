#!/usr/bin/env bash
# The page tables the real kernels run on against `vmlayout boot-tables`,
# leaf by leaf (see docs/conformance.md, "The live page tables"): armhf
# (classic and LPAE: lowmem with the image, the DT's sections, the
# vectors), arm64 (the linear map and the image), riscv64 (the same).
# Boots each board (boot.sh), boots it again held at /init, reads the root
# register and the tables (conformance/live_tables.py).
#
# Usage: run_live_tables.sh BUILD_DIR [BOARD...]   (default: every board)
# Exit status: 0 all equal, 1 a difference or a boot failed, 3 the Debian
# packages cannot be downloaded.
set -u
here=$(cd "$(dirname "$0")" && pwd)
B=${1:-build}
shift || true
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
[ -x "$vmlayout" ] || { echo "run_live_tables.sh: no vmlayout binary in $B (run make first)" >&2; exit 1; }
out=${CONFORMANCE_OUT:-$here/out}
mkdir -p "$out"
rc=0
for arch in armhf arm64; do
	bash "$here/fetch.sh" --arch "$arch" >/dev/null || rc=$?
	[ "$rc" -eq 0 ] || { echo "run_live_tables.sh: cannot get the Debian $arch packages (fetch.sh exit $rc)" >&2; exit "$rc"; }
done
if [ $# -gt 0 ]; then
	boards=("$@")
else
	mapfile -t boards < <(ls "$here/boards" | sed -n 's/^\(.*\)\.sh$/\1/p' | sort)
fi
dirs=() failed=0
# Progress on stderr: boot i of n, and the time left from the mean so far.
started=$(date +%s) i=0
progress() {
	local now elapsed left=""
	now=$(date +%s) elapsed=$((now - started))
	[ "$i" -gt 0 ] && left=", about $((elapsed * (${#boards[@]} - i) / i)) s left"
	echo "run_live_tables.sh: boot $((i + 1)) of ${#boards[@]}: $1 (${elapsed} s so far$left)" >&2
}
for board in "${boards[@]}"; do
	progress "$board"
	i=$((i + 1))
	if CONFORMANCE_OUT=$out bash "$here/boot.sh" "$board" 2>"$out/$board.boot.err"; then
		dirs+=("$out/$board")
	else
		echo "FAIL $board boot (see $out/$board.boot.err)"
		failed=1
	fi
done
[ ${#dirs[@]} -gt 0 ] || exit 1
python3 "$here/live_tables.py" check "$vmlayout" "${dirs[@]}" || failed=1
exit "$failed"

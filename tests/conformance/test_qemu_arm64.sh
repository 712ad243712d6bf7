#!/usr/bin/env bash
# Real-kernel conformance, arm64, the quick part run by `make check`: boots
# Debian 12's arm64 6.1 kernel under qemu-system-aarch64 on four boards
# (1 GiB; 8 GiB past 4 GiB with a /chosen/kaslr-seed; 2 GiB with a no-map
# and a static carve-out; 2 GiB with another seed) and compares vmlayout's
# prediction with what the kernel reports (conformance/compare.py:
# phys_offset, the linear map, high_memory, VMALLOC_START/END, _text and
# kimage_voffset, the zones and their lines exactly, MemTotal within 0.5 %,
# the "Memory:" line); then, on the two 2 GiB boards, the page tables the
# kernel runs on against `vmlayout boot-tables`, leaf by leaf over the
# linear map and the image (conformance/live_tables.py). A boot takes 2-4 s,
# a table check 6-10 s; about 35 s in all.
#
# Usage: test_qemu_arm64.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian arm64 packages cannot be downloaded; anything else that goes wrong
# is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
boards=(arm64-1g arm64-8g-kaslr-b arm64-2g-nomap arm64-2g-kaslr-a)
table_boards=(arm64-2g-nomap arm64-2g-kaslr-a)
fail() { echo "FAIL $*"; echo "conformance-arm64: 0 passed, 1 failed"; exit 1; }

vmlayout=$root/$B/vmlayout
[ -x "$B/vmlayout" ] && vmlayout=$(cd "$B" && pwd)/vmlayout
[ -x "$vmlayout" ] || fail "no vmlayout binary in $B (build it first: make)"
for tool in qemu-system-aarch64 dtc fdtput fdtget python3 timeout; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh installs it)"
done

rc=0
bash "$root/conformance/fetch.sh" --arch arm64 >/dev/null || rc=$?
if [ "$rc" -eq 3 ]; then
	echo "SKIP: test_qemu_arm64: the Debian arm64 kernel packages cannot be downloaded (see the fetch.sh line above)" >&2
	echo "conformance-arm64: 0 passed, 0 failed"
	exit 0
fi
[ "$rc" -eq 0 ] || fail "conformance/fetch.sh --arch arm64 exited with $rc"

# The test's boots go under the build dir, not conformance/out (make conformance).
export CONFORMANCE_OUT=$root/$B/conformance-out
mkdir -p "$CONFORMANCE_OUT"
boot_failed=0
dirs=()
for board in "${boards[@]}"; do
	if bash "$root/conformance/boot.sh" "$board" 2>"$CONFORMANCE_OUT.$board.err"; then
		dirs+=("$CONFORMANCE_OUT/$board")
	else
		echo "FAIL $board boot (see $CONFORMANCE_OUT.$board.err)"
		tail -n 5 "$CONFORMANCE_OUT.$board.err"
		boot_failed=$((boot_failed + 1))
	fi
done
[ ${#dirs[@]} -gt 0 ] || fail "no board booted"

out=$(cd "$root" && python3 conformance/compare.py --vmlayout "$vmlayout" "${dirs[@]}")
printf '%s\n' "$out" | sed '$d'
last=$(printf '%s\n' "$out" | tail -n 1)
passed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$last")
failed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$last")
[ -n "$passed" ] || { echo "$out"; fail "compare.py printed no summary"; }
tdirs=()
for board in "${table_boards[@]}"; do
	[ -f "$CONFORMANCE_OUT/$board/observed.json" ] && tdirs+=("$CONFORMANCE_OUT/$board")
done
tout=$(cd "$root" && python3 conformance/live_tables.py check "$vmlayout" "${tdirs[@]}" 2>&1)
printf '%s\n' "$tout" | sed '$d'
tlast=$(printf '%s\n' "$tout" | tail -n 1)
tp=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$tlast")
tf=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$tlast")
[ -n "$tp" ] || { echo "$tout" | tail -n 20; fail "live_tables.py printed no summary"; }
passed=$((passed + tp))
failed=$((failed + tf + boot_failed + ${#table_boards[@]} - ${#tdirs[@]}))
echo "conformance-arm64: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

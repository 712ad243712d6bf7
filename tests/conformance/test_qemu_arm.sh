#!/usr/bin/env bash
# Real-kernel conformance (issue #2, acceptance 4), the quick part run by
# `make check`: boots Debian 12's armhf 6.1 kernels under qemu-system-arm on
# three boards and compares vmlayout's 6.1 prediction with what they report
# (conformance/compare.py: VMALLOC_START, high_memory, the lowmem limit and
# the zone spans exactly, MemTotal within 0.5 %).
#
# Usage: test_qemu_arm.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian armhf packages cannot be downloaded; anything else that goes wrong
# is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
boards=(armmp-1g armmp-1g-vmalloc400-nomap lpae-5g-reserved-above-4g)
fail() { echo "FAIL $*"; echo "conformance: 0 passed, 1 failed"; exit 1; }

vmlayout=$root/$B/vmlayout
[ -x "$B/vmlayout" ] && vmlayout=$(cd "$B" && pwd)/vmlayout
[ -x "$vmlayout" ] || fail "no vmlayout binary in $B (build it first: make)"
for tool in qemu-system-arm dtc fdtput fdtget python3 timeout; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh installs it)"
done

rc=0
bash "$root/conformance/fetch.sh" >/dev/null || rc=$?
if [ "$rc" -eq 3 ]; then
	echo "SKIP: test_qemu_arm: the Debian armhf kernel packages cannot be downloaded (see the fetch.sh line above)" >&2
	echo "conformance: 0 passed, 0 failed"
	exit 0
fi
[ "$rc" -eq 0 ] || fail "conformance/fetch.sh exited with $rc"

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

out=$(cd "$root" && python3 conformance/compare.py --vmlayout "$vmlayout" "${dirs[@]}")
printf '%s\n' "$out" | sed '$d'
last=$(printf '%s\n' "$out" | tail -n 1)
passed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$last")
failed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$last")
[ -n "$passed" ] || { echo "$out"; fail "compare.py printed no summary"; }
failed=$((failed + boot_failed))
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Runs every test program under $1/tests and every shell test under tests/*/
# (test_*.sh, given the build dir), adds up their "N passed, N failed" lines
# and ends with the total. Exit status 1 if anything failed.
#
# $2 picks the tests: "offline" (make check: no network, no QEMU, no
# browser), "live" (make check-live: the tests that run QEMU - its MMU as
# the oracle, real Debian kernels booted - or headless Chromium, and the
# kernel's own test suites built from Debian's kernel source package:
# tests/kernel/), "all".
set -u
B=${1:-build}
MODE=${2:-all}
case $MODE in offline | live | all) ;; *) echo "run.sh: mode '$MODE' is not offline, live or all" >&2; exit 2 ;; esac
# The live tests, by path.
is_live() {
	case $1 in
	tests/qemu/* | tests/conformance/test_qemu_* | tests/cli/test_picture_browser.sh | tests/kernel/*) return 0 ;;
	*) return 1 ;;
	esac
}
wanted() {
	case $MODE in
	all) return 0 ;;
	live) is_live "$1" ;;
	offline) ! is_live "$1" ;;
	esac
}
total_pass=0 total_fail=0 broken=0
run_one() {
	local name=$1; shift
	local out rc
	out=$("$@" 2>&1); rc=$?
	local line
	line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		echo "BROKEN $name (exit $rc, no summary line)"; printf '%s\n' "$out" | tail -n 20
		broken=$((broken + 1)); return
	fi
	local p f counts
	counts=$(grep -oE '[0-9]+ passed, [0-9]+ failed' <<<"$line" | tail -n 1)
	p=${counts%% passed*}
	f=${counts##*, }; f=${f%% failed}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	if [ "$f" -ne 0 ]; then
		echo "FAILED $name"; printf '%s\n' "$out" | grep -vE '^ok ' | tail -n 60
	else
		echo "$line"
	fi
}
if [ "$MODE" != live ]; then
	for t in $(find "$B/tests" -type f -perm -u+x | sort); do
		run_one "$t" "$t"
	done
fi
for t in $(ls tests/*/test_*.sh 2>/dev/null | sort); do
	wanted "$t" && run_one "$t" bash "$t" "$B"
done
total_fail=$((total_fail + broken))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

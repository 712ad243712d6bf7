#!/usr/bin/env bash
# Runs every test program under $1/tests and every shell test under tests/*/
# (test_*.sh, given the build dir), adds up their "N passed, N failed" lines
# and ends with the total. Exit status 1 if anything failed.
set -u
B=${1:-build}
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
for t in $(find "$B/tests" -type f -perm -u+x | sort); do
	run_one "$t" "$t"
done
for t in $(ls tests/*/test_*.sh 2>/dev/null | sort); do
	run_one "$t" bash "$t" "$B"
done
total_fail=$((total_fail + broken))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

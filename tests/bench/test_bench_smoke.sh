#!/usr/bin/env bash
# The page-table bench's smoke mode (bench/bench_pgtable.c --smoke): every
# workload but the 64 GiB ones, once, on every bench format, in both table
# memories, each result walked and compared with the naive mapper's. It
# checks correctness only; nothing is timed (speed is `make bench`).
set -u
B=${1:-build}
out=$("$B/bench/bench_pgtable" --smoke 2>&1)
rc=$?
printf '%s\n' "$out" | tail -n 1
if [ "$rc" -ne 0 ]; then
	printf '%s\n' "$out" | grep -v '^ok ' | tail -n 20
	echo "test_bench_smoke: 0 passed, 1 failed"
	exit 1
fi

#!/usr/bin/env bash
# Real-kernel conformance, arm64, the quick part run by `make check`: boots
# Debian 12's arm64 6.1 kernel under qemu-system-aarch64 on seven boards
# (1 GiB; 8 GiB past 4 GiB with a /chosen/kaslr-seed; 2 GiB with a no-map
# and a static carve-out; 2 GiB with another seed; 4 GiB on two NUMA
# nodes, whose zones are compared node by node; three nodes, one without
# memory but with a cpu; two nodes whose distance map the kernel rejects,
# falling back to one node; the NUMA messages compared) and compares vmlayout's
# prediction with what the kernel reports (conformance/compare.py:
# phys_offset, the linear map, high_memory, VMALLOC_START/END, _text and
# kimage_voffset, the zones and their lines exactly, MemTotal within 0.5 %,
# the "Memory:" line); then, on the two 2 GiB boards, the page tables the
# kernel runs on against `vmlayout boot-tables`, leaf by leaf over the
# linear map and the image (conformance/live_tables.py). A boot takes 2-4 s,
# a table check 6-10 s; about 55 s in all.
#
# Usage: test_qemu_arm64.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian arm64 packages cannot be downloaded; anything else that goes wrong
# is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
NAME=test_qemu_arm64 LABEL=conformance-arm64 QEMU_BIN=qemu-system-aarch64
FETCH_ARGS=(--arch arm64)
boards=(arm64-1g arm64-8g-kaslr-b arm64-2g-nomap arm64-2g-kaslr-a arm64-4g-numa2
	arm64-4g-numa3-memless arm64-4g-numa2-badmap)
table_boards=(arm64-2g-nomap arm64-2g-kaslr-a)
. "$root/tests/conformance/qemu_boards.sh"

#!/usr/bin/env bash
# Real-kernel conformance (issue #2, acceptance 4), the quick part run by
# `make check`: boots Debian 12's armhf 6.1 kernels under qemu-system-arm on
# three boards and compares vmlayout's 6.1 prediction with what they report
# (conformance/compare.py: VMALLOC_START, high_memory, the lowmem limit and
# the zone spans exactly, MemTotal within 0.5 %); then, on the classic and
# the LPAE board, the page tables the kernel runs on against `vmlayout
# boot-tables`, leaf by leaf over lowmem, the DT's sections and the vectors
# (conformance/live_tables.py: TTBR1 and TTBCR through QEMU's gdbstub).
#
# Usage: test_qemu_arm.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian armhf packages cannot be downloaded; anything else that goes wrong
# is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
NAME=test_qemu_arm LABEL=conformance QEMU_BIN=qemu-system-arm
FETCH_ARGS=()
boards=(armmp-1g armmp-1g-vmalloc400-nomap lpae-5g-reserved-above-4g)
table_boards=(armmp-1g lpae-5g-reserved-above-4g)
. "$root/tests/conformance/qemu_boards.sh"

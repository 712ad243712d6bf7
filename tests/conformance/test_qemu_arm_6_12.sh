#!/usr/bin/env bash
# Real-kernel conformance, armhf with Debian 13's 6.12 armmp and
# armmp-lpae kernels, the quick part run by `make check-live`: boots three
# of the armmp-6.12 / lpae-6.12 boards (1 GiB; 1 GiB with a static
# carve-out at the top, where 6.12's 8 MiB pageblocks place CMA; LPAE with
# 5 GiB, where v6.3+ mm/cma.c keeps the highmem CMA block) and compares
# vmlayout's `--kernel 6.12` prediction with what the kernel reports
# (conformance/compare.py), then the live page tables of armmp-6.12-1g, the
# LPAE board (CPU_TTBR0_PAN: TTBR1 is swapper_pg_dir's first level) and
# armmp-6.12-1g-kfence (kfence_init()'s split pool and guard pages, the pool
# where the kernel puts it) against `vmlayout boot-tables`
# (conformance/live_tables.py). About 80 s.
#
# Usage: test_qemu_arm_6_12.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when
# the Debian 13 armhf packages cannot be downloaded; anything else that goes
# wrong is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
NAME=test_qemu_arm_6_12 LABEL=conformance-armhf-6.12 QEMU_BIN=qemu-system-arm
FETCH_ARGS=(--arch armhf --suite trixie)
boards=(armmp-6.12-1g armmp-6.12-1g-static-reserved lpae-6.12-5g-reserved-above-4g armmp-6.12-1g-kfence)
table_boards=(armmp-6.12-1g lpae-6.12-5g-reserved-above-4g armmp-6.12-1g-kfence)
. "$root/tests/conformance/qemu_boards.sh"

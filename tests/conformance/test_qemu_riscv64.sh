#!/usr/bin/env bash
# Real-kernel conformance, riscv64, the quick part run by `make check`:
# boots Debian 13's riscv64 6.12 kernel under qemu-system-riscv64 (rv64,
# OpenSBI) on five boards, three paging modes (1 GiB sv57; 2 GiB no4lvl:
# sv39; 4 GiB past 4 GiB, no5lvl: sv48) and two NUMA boards (4 GiB, sv57,
# zones compared node by node, the NUMA messages; one with a memory-less
# node holding a hart), and compares vmlayout's prediction
# with what the kernel reports (conformance/compare.py: phys_ram_base,
# PAGE_OFFSET, the linear map, high_memory, VMALLOC_START/END,
# va_kernel_pa_offset, the zones and their lines exactly, MemTotal within
# 0.5 %, the "Memory:" line); then the page tables of the sv39 board
# (conformance/live_tables.py). A boot takes 3-6 s.
#
# Usage: test_qemu_riscv64.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian riscv64 packages cannot be downloaded; anything else that goes wrong
# is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
NAME=test_qemu_riscv64 LABEL=conformance-riscv64 QEMU_BIN=qemu-system-riscv64
FETCH_ARGS=(--arch riscv64)
boards=(riscv64-1g riscv64-2g-sv39 riscv64-4g-sv48 riscv64-4g-numa2 riscv64-4g-numa2-memless)
table_boards=(riscv64-2g-sv39)
. "$root/tests/conformance/qemu_boards.sh"

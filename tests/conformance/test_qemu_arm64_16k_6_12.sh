#!/usr/bin/env bash
# Real-kernel conformance, arm64 with Debian 13's 16K-page 6.12 kernel
# (linux-image-*-arm64-16k: a 16K/52-bit LPA2 build, run at VA_BITS_MIN =
# 47 bits, three levels, by QEMU 7.2's neoverse-n1, which has the 16K
# granule but neither LPA2 nor FEAT_LVA), the quick part run by `make
# check-live`: boots three of the arm64-16k-6.12 boards (1 GiB; 2 GiB with
# a no-map and a static carve-out; 2 GiB with a /chosen/kaslr-seed) and
# compares vmlayout's `--kernel 6.12 --set CPU_VA_BITS=48 --set
# CPU_PA_BITS=48` prediction with what the kernel reports
# (conformance/compare.py), and a fourth on QEMU's max CPU, where the
# build runs at 52 bits with LPA2 (four levels, OA[51:50] in bits 9:8);
# then, on the KASLR board (KPTI forced by KASLR: the trampoline's fixmap
# slots) and the LPA2 one, the page tables the kernel runs on against
# `vmlayout boot-tables` (conformance/live_tables.py). About 60 s.
#
# Usage: test_qemu_arm64_16k_6_12.sh BUILD_DIR
# Skips (prints "0 passed, 0 failed" and a SKIP line on stderr) only when the
# Debian 13 arm64 packages cannot be downloaded; anything else that goes
# wrong is a failure.
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
NAME=test_qemu_arm64_16k_6_12 LABEL=conformance-arm64-16k-6.12 QEMU_BIN=qemu-system-aarch64
FETCH_ARGS=(--arch arm64 --suite trixie)
boards=(arm64-16k-6.12-1g arm64-16k-6.12-2g-nomap arm64-16k-6.12-2g-kaslr-a arm64-16k-6.12-1g-lpa2)
table_boards=(arm64-16k-6.12-2g-kaslr-a arm64-16k-6.12-1g-lpa2)
. "$root/tests/conformance/qemu_boards.sh"

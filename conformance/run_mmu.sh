#!/usr/bin/env bash
# vmlayout's tables against QEMU's MMU, large set: 8 random region sets of
# 14+ regions per format, 13 formats (see docs/qemu-oracle.md). Extra
# arguments go to tests/qemu/mmu_check.py (--seed N, --trials N, --only NAME).
# Usage: conformance/run_mmu.sh BUILD_DIR [ARGS...]
set -u
B=${1:-build}
shift || true
exec python3 "$(dirname "$0")/../tests/qemu/mmu_check.py" "$B" --full "$@"

#!/usr/bin/env bash
# vmlayout's tables against QEMU's MMU, quick set (one random region set per
# format, fixed seed): see tests/qemu/mmu_check.py and docs/qemu-oracle.md.
# The larger set is conformance/run_mmu.sh. Usage: test_qemu_mmu.sh BUILD_DIR
set -u
B=${1:-build}
exec python3 "$(dirname "$0")/mmu_check.py" "$B"

#!/usr/bin/env bash
# The arm64 boot page tables of `vmlayout boot-tables` against QEMU's MMU:
# see tests/qemu/boot_tables_check.py. Usage: test_qemu_boot_tables.sh BUILD_DIR
set -u
B=${1:-build}
exec python3 "$(dirname "$0")/boot_tables_check.py" "$B"

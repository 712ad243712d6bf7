# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 4 GiB (RAM 0x80000000-0x17fffffff, past 4 GiB), no5lvl: sv48"
FLAVOUR=riscv64
MEM=4G
APPEND_EXTRA="no5lvl"

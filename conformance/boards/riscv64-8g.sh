# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 8 GiB (RAM 0x80000000-0x27fffffff), sv57"
FLAVOUR=riscv64
MEM=8G

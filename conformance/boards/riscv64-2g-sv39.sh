# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 2 GiB, no4lvl: sv39"
FLAVOUR=riscv64
MEM=2G
APPEND_EXTRA="no4lvl"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 1 GiB, 4 CPUs, QEMU's own DT through OpenSBI, sv57"
FLAVOUR=riscv64
MEM=1G
SMP=4

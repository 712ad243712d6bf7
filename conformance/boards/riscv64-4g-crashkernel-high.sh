# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 4 GiB (RAM 0x80000000-0x17fffffff), no5lvl, crashkernel=512M,high (6.12 reserve_crashkernel_generic(): above dma32_phys_limit, 128 MiB low)"
FLAVOUR=riscv64
MEM=4G
APPEND_EXTRA="no5lvl crashkernel=512M,high"

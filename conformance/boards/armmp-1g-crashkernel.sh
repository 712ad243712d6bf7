# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, crashkernel=64M (arch/arm/kernel/setup.c reserve_crashkernel(): 128 MiB aligned below lowmem)"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="crashkernel=64M"

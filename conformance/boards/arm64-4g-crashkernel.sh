# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 4 GiB (RAM 0x40000000-0x13fffffff), nokaslr, crashkernel=256M (deferred: ZONE_DMA, ZONE_DMA32)"
FLAVOUR=arm64
MEM=4G
APPEND_EXTRA="nokaslr crashkernel=256M"

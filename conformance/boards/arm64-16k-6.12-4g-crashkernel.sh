# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-4g-crashkernel booted with Debian 13's 6.12 arm64-16k kernel (16K pages,
# 52-bit LPA2 build) on QEMU's Neoverse-N1 (16K granule, no LPA2 and no
# FEAT_LVA: it runs at VA_BITS_MIN = 47 bits, 3 levels).
# shellcheck source=conformance/boards/arm64-4g-crashkernel.sh
. "$here/boards/arm64-4g-crashkernel.sh"
FLAVOUR=arm64-16k-6.12
CPU=neoverse-n1
DESCRIPTION="Debian 13's 6.12 16K: $DESCRIPTION"

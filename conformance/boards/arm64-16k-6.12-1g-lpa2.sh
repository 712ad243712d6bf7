# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-1g booted with Debian 13's 6.12 arm64-16k kernel (16K pages,
# 52-bit LPA2 build) on QEMU's max CPU (LPA2 and FEAT_LVA: it runs at 52
# bits, four levels, LPA2 descriptors); nokaslr, as max has RNDR.
# shellcheck source=conformance/boards/arm64-1g.sh
. "$here/boards/arm64-1g.sh"
FLAVOUR=arm64-16k-6.12
CPU=max,pauth=off
DESCRIPTION="Debian 13's 6.12 16K on a 52-bit LPA2 CPU: $DESCRIPTION"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp-lpae, 1 GiB, QEMU's own DT"
FLAVOUR=armmp-lpae
MEM=1G

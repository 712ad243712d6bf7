# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp-lpae 6.12, 3 GiB, 2 CPUs, QEMU's own DT"
FLAVOUR=armmp-lpae-6.12
MEM=3G
SMP=2

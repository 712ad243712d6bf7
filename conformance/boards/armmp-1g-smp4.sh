# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, 4 CPUs, QEMU's own DT"
FLAVOUR=armmp
MEM=1G
SMP=4

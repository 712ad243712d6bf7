# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=1G

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, vmalloc=128M"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=128M"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 2 GiB, vmalloc=600M"
FLAVOUR=armmp
MEM=2G
APPEND_EXTRA="vmalloc=600M"

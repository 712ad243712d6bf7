# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, vmalloc=8M (below the 16 MiB minimum: clamped)"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=8M"

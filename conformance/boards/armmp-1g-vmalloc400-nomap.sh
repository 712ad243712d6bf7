# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, vmalloc=400M, a 16 MiB no-map carve-out at 0x60000000"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=400M"
dt_edit() { dt_reserve "$1" carveout 0x60000000 0x1000000 no-map; }

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 2 GiB, a 24 MiB no-map carve-out across the default lowmem limit (0x6f000000-0x70800000)"
FLAVOUR=armmp
MEM=2G
dt_edit() { dt_reserve "$1" carveout 0x6f000000 0x1800000 no-map; }

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, -m 1G, /chosen linux,usable-memory-range = 768M@0x40000000 (RAM capped)"
FLAVOUR=armmp
MEM=1G
dt_edit() { dt_usable_memory "$1" 0x40000000 0x30000000; }

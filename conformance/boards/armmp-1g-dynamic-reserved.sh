# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, a dynamic 8 MiB /reserved-memory region (size, alignment 4 MiB)"
FLAVOUR=armmp
MEM=1G
dt_edit() { dt_reserve_dynamic "$1" dynamic 0x800000 0x400000; }

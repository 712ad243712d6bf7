# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, a static 32 MiB reserved region (mapped) at 0x50000000 and a 4 MiB no-map at 0x7fc00000"
FLAVOUR=armmp
MEM=1G
dt_edit() {
	dt_reserve "$1" static 0x50000000 0x2000000
	dt_reserve "$1" nomap-top 0x7fc00000 0x400000 no-map
}

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 2 GiB, nokaslr, a 16 MiB no-map carve-out at 0x60000000 and a 32 MiB static reserved region at 0xa0000000"
FLAVOUR=arm64
MEM=2G
APPEND_EXTRA="nokaslr"
dt_edit() {
	dt_reserve "$1" hole 0x60000000 0x1000000 no-map
	dt_reserve "$1" carve 0xa0000000 0x2000000
}

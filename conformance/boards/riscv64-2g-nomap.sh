# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 2 GiB, sv57, a 16 MiB no-map carve-out at 0x90000000 and a 32 MiB static reserved region at 0xf0000000"
FLAVOUR=riscv64
MEM=2G
dt_edit() {
	dt_reserve "$1" hole 0x90000000 0x1000000 no-map
	dt_reserve "$1" carve 0xf0000000 0x2000000
}

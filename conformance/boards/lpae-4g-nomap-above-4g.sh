# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp-lpae, 4 GiB (RAM 0x40000000-0x13fffffff, crosses 4 GiB), highmem=on, the 1 GiB above 4 GiB no-map"
FLAVOUR=armmp-lpae
MEM=4G
MACHINE_OPTS="highmem=on"
# User space does not start under QEMU 7.2 TCG when RAM above 4 GiB is
# usable (docs/conformance.md), so that part is kept out of the page allocator.
dt_edit() { dt_reserve "$1" above4g 0x100000000 0x40000000 no-map; }

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp-lpae, 8 GiB (RAM 0x40000000-0x23fffffff), highmem=on, vmalloc=256M, the 5 GiB above 4 GiB a static reserved region"
FLAVOUR=armmp-lpae
MEM=8G
MACHINE_OPTS="highmem=on"
APPEND_EXTRA="vmalloc=256M"
# User space does not start under QEMU 7.2 TCG when RAM above 4 GiB is
# usable (docs/conformance.md), so that part is kept out of the page allocator.
dt_edit() { dt_reserve "$1" above4g 0x100000000 0x140000000; }

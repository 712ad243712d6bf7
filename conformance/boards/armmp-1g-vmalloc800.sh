# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, 1 GiB, vmalloc=800M (lowmem shrinks to 208 MiB; a larger value would leave QEMU's initrd at 0x48000000 outside lowmem)"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=800M"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 512 MiB (RAM 0x40000000-0x5fffffff), QEMU's own DT, nokaslr"
FLAVOUR=arm64
MEM=512M
APPEND_EXTRA="nokaslr"

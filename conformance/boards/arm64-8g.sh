# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 8 GiB (RAM 0x40000000-0x23fffffff), nokaslr"
FLAVOUR=arm64
MEM=8G
APPEND_EXTRA="nokaslr"

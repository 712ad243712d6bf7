# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 2 GiB, nokaslr rodata=off (blocks in the linear map)"
FLAVOUR=arm64
MEM=2G
APPEND_EXTRA="nokaslr rodata=off"

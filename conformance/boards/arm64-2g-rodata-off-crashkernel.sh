# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 2 GiB, nokaslr rodata=off crashkernel=128M (v6.1 crash_mem_map, deferred: the linear map in pages)"
FLAVOUR=arm64
MEM=2G
APPEND_EXTRA="nokaslr rodata=off crashkernel=128M"

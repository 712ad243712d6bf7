# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 1 GiB, 4 CPUs, QEMU's own DT, nokaslr"
FLAVOUR=arm64
MEM=1G
SMP=4
APPEND_EXTRA="nokaslr"

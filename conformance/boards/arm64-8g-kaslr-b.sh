# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 8 GiB, /chosen/kaslr-seed 0x0badc0ffee15dead"
FLAVOUR=arm64
MEM=8G
dt_edit() { dt_kaslr_seed "$1" 0x0badc0ffee15dead; }

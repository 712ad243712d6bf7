# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="arm64, 2 GiB, /chosen/kaslr-seed 0x123456789abcdef0 (image and linear map randomized)"
FLAVOUR=arm64
MEM=2G
dt_edit() { dt_kaslr_seed "$1" 0x123456789abcdef0; }

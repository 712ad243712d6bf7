# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp-lpae, 3 GiB (RAM up to 4 GiB)"
FLAVOUR=armmp-lpae
MEM=3G

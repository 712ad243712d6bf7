# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="armmp, -m 1G, two banks by mem=: 256M@0x40000000 and 512M@0x60000000 (hole 0x50000000-0x5fffffff)"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="mem=256M@0x40000000 mem=512M@0x60000000"

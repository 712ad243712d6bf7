# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-1g booted with Debian 13's 6.12 arm64 kernel (4K/52-bit LPA2 build;
# on the Cortex-A57, without LPA2, it runs at 48 bits).
# shellcheck source=conformance/boards/arm64-1g.sh
. "$here/boards/arm64-1g.sh"
FLAVOUR=arm64-6.12
DESCRIPTION="Debian 13's 6.12: $DESCRIPTION"

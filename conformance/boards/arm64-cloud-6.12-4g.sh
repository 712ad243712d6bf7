# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-4g booted with Debian 13's cloud arm64 kernel (linux-image-cloud-arm64, a smaller
# config; 4K/52-bit LPA2 build, 48 bits on the Cortex-A57).
# shellcheck source=conformance/boards/arm64-6.12-4g.sh
. "$here/boards/arm64-6.12-4g.sh"
FLAVOUR=arm64-cloud-6.12
DESCRIPTION="Debian 13's 6.12 cloud: ${DESCRIPTION#*: }"

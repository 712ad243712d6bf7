# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-1g booted with Debian 13's PREEMPT_RT arm64 kernel (linux-image-rt-arm64; 4K/52-bit
# LPA2 build, 48 bits on the Cortex-A57).
# shellcheck source=conformance/boards/arm64-6.12-1g.sh
. "$here/boards/arm64-6.12-1g.sh"
FLAVOUR=arm64-rt-6.12
DESCRIPTION="Debian 13's 6.12 PREEMPT_RT: ${DESCRIPTION#*: }"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# armmp-1g-dynamic-reserved booted with Debian 13's 6.12 armmp kernel.
# shellcheck source=conformance/boards/armmp-1g-dynamic-reserved.sh
. "$here/boards/armmp-1g-dynamic-reserved.sh"
FLAVOUR=armmp-6.12
DESCRIPTION="Debian 13's 6.12: $DESCRIPTION"

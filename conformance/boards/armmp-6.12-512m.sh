# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# armmp-512m booted with Debian 13's 6.12 armmp kernel.
# shellcheck source=conformance/boards/armmp-512m.sh
. "$here/boards/armmp-512m.sh"
FLAVOUR=armmp-6.12
DESCRIPTION="Debian 13's 6.12: $DESCRIPTION"

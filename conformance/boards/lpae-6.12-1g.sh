# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# lpae-1g booted with Debian 13's 6.12 armmp-lpae kernel.
# shellcheck source=conformance/boards/lpae-1g.sh
. "$here/boards/lpae-1g.sh"
FLAVOUR=armmp-lpae-6.12
DESCRIPTION="Debian 13's 6.12: $DESCRIPTION"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# lpae-4g-nomap-above-4g booted with Debian 13's 6.12 armmp-lpae kernel.
# shellcheck source=conformance/boards/lpae-4g-nomap-above-4g.sh
. "$here/boards/lpae-4g-nomap-above-4g.sh"
FLAVOUR=armmp-lpae-6.12
DESCRIPTION="Debian 13's 6.12: $DESCRIPTION"

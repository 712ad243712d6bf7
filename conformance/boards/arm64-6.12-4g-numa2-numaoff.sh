# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-4g-numa2 booted with Debian 13's 6.12 arm64 kernel and "numa=off" on its command line.
# shellcheck source=conformance/boards/arm64-6.12-4g-numa2.sh
. "$here/boards/arm64-6.12-4g-numa2.sh"
APPEND_EXTRA="$APPEND_EXTRA numa=off"
DESCRIPTION="$DESCRIPTION, numa=off"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-4g booted with Debian 13's 6.12 arm64 kernel and "mem=1G" on its command line.
# shellcheck source=conformance/boards/arm64-6.12-4g.sh
. "$here/boards/arm64-6.12-4g.sh"
APPEND_EXTRA="$APPEND_EXTRA mem=1G"
DESCRIPTION="$DESCRIPTION, mem=1G"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-4g booted with Debian 13's 6.12 arm64 kernel and "dhash_entries=65536 ihash_entries=4096 hashdist=1" on its command line.
# shellcheck source=conformance/boards/arm64-6.12-4g.sh
. "$here/boards/arm64-6.12-4g.sh"
APPEND_EXTRA="$APPEND_EXTRA dhash_entries=65536 ihash_entries=4096 hashdist=1"
DESCRIPTION="$DESCRIPTION, dhash_entries=65536 ihash_entries=4096 hashdist=1"

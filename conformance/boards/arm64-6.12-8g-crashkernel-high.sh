# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-8g booted with Debian 13's 6.12 arm64 kernel and "crashkernel=512M,high" on its command line.
# shellcheck source=conformance/boards/arm64-6.12-8g.sh
. "$here/boards/arm64-6.12-8g.sh"
APPEND_EXTRA="$APPEND_EXTRA crashkernel=512M,high"
DESCRIPTION="$DESCRIPTION, crashkernel=512M,high"

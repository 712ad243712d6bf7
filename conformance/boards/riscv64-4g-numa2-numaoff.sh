# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# riscv64-4g-numa2 with "numa=off" on its command line.
# shellcheck source=conformance/boards/riscv64-4g-numa2.sh
. "$here/boards/riscv64-4g-numa2.sh"
APPEND_EXTRA="${APPEND_EXTRA:+$APPEND_EXTRA }numa=off"
DESCRIPTION="$DESCRIPTION, numa=off"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# riscv64-8g with "crashkernel=256M" on its command line.
# shellcheck source=conformance/boards/riscv64-8g.sh
. "$here/boards/riscv64-8g.sh"
APPEND_EXTRA="${APPEND_EXTRA:+$APPEND_EXTRA }crashkernel=256M"
DESCRIPTION="$DESCRIPTION, crashkernel=256M"

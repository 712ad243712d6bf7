# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# riscv64-4g-sv48 with "crashkernel=512M,high crashkernel=64M,low" on its command line.
# shellcheck source=conformance/boards/riscv64-4g-sv48.sh
. "$here/boards/riscv64-4g-sv48.sh"
APPEND_EXTRA="${APPEND_EXTRA:+$APPEND_EXTRA }crashkernel=512M,high crashkernel=64M,low"
DESCRIPTION="$DESCRIPTION, crashkernel=512M,high crashkernel=64M,low"

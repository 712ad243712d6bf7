# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# riscv64-2g-nomap with "mem=1G" on its command line.
# shellcheck source=conformance/boards/riscv64-2g-nomap.sh
. "$here/boards/riscv64-2g-nomap.sh"
APPEND_EXTRA="${APPEND_EXTRA:+$APPEND_EXTRA }mem=1G"
DESCRIPTION="$DESCRIPTION, mem=1G"

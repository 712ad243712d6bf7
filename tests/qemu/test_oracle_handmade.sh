#!/usr/bin/env bash
# The QEMU oracle itself, checked on hand-built tables of every format
# (tests/qemu/handmade.py): QEMU must translate each probe to the PA worked
# out by hand from the architecture manuals. Usage: test_oracle_handmade.sh BUILD_DIR
set -u
B=${1:-build}
work=$(mktemp -d "${TMPDIR:-/tmp}/vml-handmade.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/handmade.py" "$work"

# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-6.12-2g-rodata-off with KFENCE started on the command line: Debian's
# config has KFENCE_SAMPLE_INTERVAL=0, so kfence.sample_interval=100 sets
# kfence_early_init (the early pool, 2 MiB mapped with pages, and the linear
# map's blocks back under rodata=off) and the interval (the metadata).
# shellcheck source=conformance/boards/arm64-6.12-2g-rodata-off.sh
. "$here/boards/arm64-6.12-2g-rodata-off.sh"
APPEND_EXTRA="$APPEND_EXTRA kfence.sample_interval=100"
DESCRIPTION="$DESCRIPTION, kfence.sample_interval=100"

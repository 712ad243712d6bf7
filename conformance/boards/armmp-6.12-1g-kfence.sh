# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# armmp-6.12-1g with KFENCE started on the command line: Debian 13's config
# has KFENCE=y with KFENCE_SAMPLE_INTERVAL=0; a non-zero interval makes
# kfence_alloc_pool_and_metadata() take the pool and (v6.6+) the metadata.
# shellcheck source=conformance/boards/armmp-6.12-1g.sh
. "$here/boards/armmp-6.12-1g.sh"
APPEND_EXTRA="kfence.sample_interval=100"
DESCRIPTION="$DESCRIPTION, kfence.sample_interval=100"
# arch_kfence_init_pool() splits the pool's sections into pages at run time
# and kfence_init_pool() invalidates the guard pages: not modelled on arm
# (`vmlayout boot-tables` refuses a layout with a pool).
SKIP_CHECKS="live_tables"
SKIP_REASON="the KFENCE pool's split and guard pages are not modelled on 32-bit ARM (docs/arm32.md)"

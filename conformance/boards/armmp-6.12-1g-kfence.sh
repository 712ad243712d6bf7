# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# armmp-6.12-1g with KFENCE started on the command line: Debian 13's config
# has KFENCE=y with KFENCE_SAMPLE_INTERVAL=0; a non-zero interval makes
# kfence_alloc_pool_and_metadata() take the pool and (v6.6+) the metadata.
# shellcheck source=conformance/boards/armmp-6.12-1g.sh
. "$here/boards/armmp-6.12-1g.sh"
APPEND_EXTRA="kfence.sample_interval=100"
DESCRIPTION="$DESCRIPTION, kfence.sample_interval=100"
# kfence_init()'s split of the pool's sections and its guard pages are
# modelled (src/arch/arm/kfence_init_pool.c), and since the early
# allocations are exact (request_standard_resources(), the unflattened DT,
# setup_command_line(): docs/arm32.md) the pool lies where the kernel puts
# it, so the live tables are checked (they were skipped while it lay 24 kB
# higher in vmlayout's layout).

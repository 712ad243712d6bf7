/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's per-CPU first chunk
 *
 * start_kernel() -> setup_per_cpu_areas() after setup_arch() (init/main.c
 * v6.1, v6.12): drivers/base/arch_numa.c's with CONFIG_NUMA (the cpus
 * grouped by node, each group's units on its node), mm/percpu.c's generic
 * one without; both pcpu_embed_first_chunk() with PAGE_SIZE atoms
 * (include/vmlayout/percpu.h). __pa(MAX_DMA_ADDRESS) is __pa(PAGE_OFFSET)
 * (asm-generic/dma.h) = memstart_addr, which wraps above all memory on a
 * randomized linear map: memblock then retries from 0, as the Debian
 * boots' "from=0xffff9e7740000000" shows. SMP_CACHE_BYTES is
 * L1_CACHE_BYTES, 64 (asm/cache.h). Modelled when the System.map gives
 * __per_cpu_start and __per_cpu_end: their difference is the static size.
 */
#include "arch/arm64/layout_arm64.h"

int vml_arm64_setup_per_cpu_areas(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	unsigned int nr_cpus = cfg->nr_cpus ? cfg->nr_cpus : st->prof->nr_cpus_default;
	struct vml_pcpu_rules r;

	vml_pcpu_rules_init(&r, st->prof->pcpu_version, cfg, 8, 64, st->memstart_addr, cfg->numa);
	return vml_pcpu_setup_per_cpu_areas(st->mb, cfg, st->board, &r, NULL, nr_cpus,
					    vml_arm64_possible_cpus, st->lo, st->diag);
}

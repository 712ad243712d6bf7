/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit arm's per-CPU first chunk
 *
 * start_kernel() -> setup_per_cpu_areas() (mm/percpu.c's generic one, v6.1:
 * no NUMA, one group, memblock_alloc_from()) after setup_arch(), before
 * vfs_caches_init_early()'s hash tables (include/vmlayout/percpu.h).
 * MAX_DMA_ADDRESS (asm/dma.h v6.1) is 0xffffffff, or with ZONE_DMA and a
 * machine arm_dma_zone_size below 4 GiB - PAGE_OFFSET, PAGE_OFFSET + that
 * size; its __pa() lies above lowmem unless ZONE_DMA says otherwise, so
 * memblock retries from 0 (the Debian boots' "from=0x7fffffff").
 * SMP_CACHE_BYTES is 1 << CONFIG_ARM_L1_CACHE_SHIFT (6 on ARMv7, Debian's
 * armmp; vmlayout's ARM_L1_CACHE_SHIFT). 3.4 (bootmem, machine
 * smp_init_cpus()) is not modelled: docs/arm32.md.
 */
#include "arch/arm/arm_policy.h"

static vml_phys_t max_dma_pa(const struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	uint64_t va = 0xffffffffULL;

	if (cfg->zone_dma && cfg->zone_dma_size && cfg->zone_dma_size < VML_SZ_4G - st->page_offset)
		va = st->page_offset + cfg->zone_dma_size;
	return va - st->page_offset + st->phys_offset;
}

/* Which mm/percpu.c the version asked for follows (the profile's
 * pcpu_v6_*_since; an alias such as 0.0 keeps v6.1's). */
static enum vml_pcpu_version pcpu_version(const struct arm_state *st)
{
	if (vml_arm_since(st, st->prof->pcpu_v6_15_since))
		return VML_PCPU_V6_15;
	if (vml_arm_since(st, st->prof->pcpu_v6_12_since))
		return VML_PCPU_V6_12;
	return VML_PCPU_V6_1;
}

int vml_arm_setup_per_cpu_areas(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	unsigned int nr_cpus = cfg->nr_cpus ? cfg->nr_cpus : st->prof->nr_cpus_default;
	unsigned int l1_shift = cfg->arm_l1_cache_shift ? cfg->arm_l1_cache_shift : 6;
	struct vml_pcpu_rules r;

	vml_pcpu_rules_init(&r, pcpu_version(st), cfg, 4, 1ULL << l1_shift, max_dma_pa(st), false);
	return vml_pcpu_setup_per_cpu_areas(st->mb, cfg, st->board, &r,
					    st->prof->first_chunk ? NULL : st->prof->name, nr_cpus,
					    vml_arm_possible_cpus, st->lo, st->diag);
}

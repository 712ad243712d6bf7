/* SPDX-License-Identifier: MIT */
/*
 * DOC: the per-CPU first chunk's build constants per version
 *
 * include/linux/percpu.h (v6.1, v6.12, v6.15+): PERCPU_MODULE_RESERVE,
 * PERCPU_DYNAMIC_SIZE_SHIFT (v6.12), PERCPU_DYNAMIC_EARLY_SIZE,
 * PERCPU_DYNAMIC_RESERVE, PCPU_MIN_UNIT_SIZE; mm/percpu-internal.h:
 * struct pcpu_chunk; drivers/base/arch_numa.c and mm/percpu.c
 * setup_per_cpu_areas(): the atom is PAGE_SIZE.
 */
#include "vmlayout/percpu.h"

/* PERCPU_DYNAMIC_SIZE_SHIFT (v6.12; v6.1 has 1K units) */
static unsigned int dynamic_size_shift(enum vml_pcpu_version v, const struct vml_kernel_config *cfg)
{
	if (v == VML_PCPU_V6_1 || !cfg->random_kmalloc_caches)
		return 10;
	return cfg->lockdep && cfg->page_size != VML_SZ_4K ? 13 : 12;
}

void vml_pcpu_rules_init(struct vml_pcpu_rules *r, enum vml_pcpu_version version,
			 const struct vml_kernel_config *cfg, unsigned int long_bytes,
			 uint64_t cache_bytes, vml_phys_t goal, bool numa)
{
	const unsigned int shift = dynamic_size_shift(version, cfg);
	const bool v6_12 = version != VML_PCPU_V6_1; /* v6.12 and later */
	const struct vml_pcpu_chunk_layout chunk = {
	    .long_bytes = long_bytes,
	    .cache_bytes = cache_bytes,
	    .base_addr_cacheline_aligned = v6_12,
	    /* v6.1 MEMCG_KMEM (MEMCG && !SLOB; SLOB is not read); v6.12
	     * NEED_PCPUOBJ_EXT (MEMCG || MEM_ALLOC_PROFILING) */
	    .obj_ext = cfg->memcg || (v6_12 && cfg->mem_alloc_profiling),
	    .percpu_stats = cfg->percpu_stats,
	};

	vml_zero(r, sizeof(*r));
	r->page_size = cfg->page_size ? cfg->page_size : VML_SZ_4K;
	if (cfg->modules)
		r->reserved_size =
		    version == VML_PCPU_V6_12 && cfg->mem_alloc_profiling ? 8 << 13 : 8 << 10;
	r->dyn_size = (uint64_t)(long_bytes == 8 ? 28 : 20) << shift;
	r->dyn_early_size = v6_12 ? 20ULL << shift : 12ULL << 10;
	r->min_unit_size = vml_align_up(32 << 10, r->page_size);
	r->atom_size = r->page_size;
	r->cache_bytes = cache_bytes;
	r->long_bytes = long_bytes;
	r->chunk_size = vml_pcpu_chunk_size(&chunk);
	r->goal = goal;
	r->numa = numa;
}

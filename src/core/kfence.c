/* SPDX-License-Identifier: MIT */
/*
 * DOC: the memory KFENCE takes at boot (include/vmlayout/kfence.h)
 *
 * The callers place the allocations (each arch's boot order); this file
 * holds the sizes and the two command-line readings: mm/kfence/core.c's
 * module parameter (kstrtoul(), parse_args(), after setup_arch()) and
 * arm64's early_param of the same name (get_option(), v6.3+).
 */
#include "vmlayout/kfence.h"
#include "vmlayout/lock_sizes.h"

#define KFENCE_NUM_OBJECTS_DEFAULT 255	   /* lib/Kconfig.kfence */
#define KFENCE_SAMPLE_INTERVAL_DEFAULT 100 /* lib/Kconfig.kfence */
#define KFENCE_STACK_DEPTH 64		   /* mm/kfence/kfence.h */

static uint64_t num_objects(const struct vml_kernel_config *cfg)
{
	return cfg->kfence_num_objects ? cfg->kfence_num_objects : KFENCE_NUM_OBJECTS_DEFAULT;
}

uint64_t vml_kfence_pool_size(const struct vml_kernel_config *cfg, uint64_t page_size)
{
	return (num_objects(cfg) + 1) * 2 * page_size;
}

/* A field of @size bytes aligned to @align, after @offset. */
static uint64_t field(uint64_t offset, uint64_t size, uint64_t align)
{
	return vml_align_up(offset, align) + size;
}

/* struct kfence_metadata (mm/kfence/kfence.h v6.12; the same in 7.2) with
 * @ptr-byte pointers and longs (8: arm64, riscv64; 4: 32-bit arm, whose
 * EABI aligns u64 to 8): list_head, rcu_head, raw_spinlock_t
 * (arch_spinlock_t's 4 bytes; DEBUG_SPINLOCK adds magic, owner_cpu and
 * owner; a raw lock, so PREEMPT_RT leaves it alone), the object state, addr, size, cache,
 * unprotected_page, two struct kfence_track (pid, cpu, u64 ts_nsec, num_stack_entries, 64 stack
 * entries), alloc_stack_hash, and with MEMCG a struct slabobj_ext (objcg;
 * MEM_ALLOC_PROFILING's codetag_ref too, __aligned(8)). */
static uint64_t metadata_struct_size(const struct vml_kernel_config *cfg, uint64_t ptr)
{
	const uint64_t track = field(field(field(field(field(0, 4, 4), 4, 4), 8, 8), 4, 4),
				     ptr * KFENCE_STACK_DEPTH, ptr);
	const struct vml_ctype lock = vml_raw_spinlock_type(cfg, ptr);
	uint64_t o = 4 * ptr; /* list, rcu_head */

	o = field(o, lock.size, lock.align);
	o = field(o, 4, 4);			 /* state */
	o = field(o, ptr * 4, ptr);		 /* addr, size, cache, unprotected_page */
	o = field(o, vml_align_up(track, 8), 8); /* alloc_track */
	o = field(o, vml_align_up(track, 8), 8); /* free_track */
	o = field(o, 4, 4);			 /* alloc_stack_hash */
	if (cfg->memcg)
		o = field(o, vml_align_up(cfg->mem_alloc_profiling ? 2 * ptr : ptr, 8), 8);
	return vml_align_up(o, 8);
}

uint64_t vml_kfence_metadata_size(const struct vml_kernel_config *cfg, uint64_t page_size,
				  uint64_t ptr_bytes)
{
	return vml_align_up(metadata_struct_size(cfg, ptr_bytes) * num_objects(cfg), page_size);
}

uint64_t vml_kfence_sample_interval(const struct vml_kernel_config *cfg)
{
	if (!cfg->kfence)
		return 0;
	if (cfg->kfence_interval_arg_set)
		return cfg->kfence_interval_arg;
	return cfg->kfence_sample_interval_set ? cfg->kfence_sample_interval
					       : KFENCE_SAMPLE_INTERVAL_DEFAULT;
}

bool vml_kfence_early_init(const struct vml_kernel_config *cfg)
{
	if (!cfg->kfence)
		return false;
	if (cfg->kfence_early_arg_set)
		return cfg->kfence_early_arg;
	return !cfg->kfence_sample_interval_set || cfg->kfence_sample_interval != 0;
}

void vml_kfence_msgs(struct vml_layout *lo, const struct vml_kernel_config *cfg)
{
	if (!cfg->kfence)
		return;
	/* kernel/params.c parse_args(): a bare word's NULL value prints as "" */
	if (cfg->kfence_interval_bad && !cfg->kfence_interval_bad_text[0])
		vml_layout_kmsg(
		    lo, "Booting kernel: `' invalid for parameter `kfence.sample_interval'\n", 0, 0,
		    0, 0);
	else if (cfg->kfence_interval_bad)
		vml_layout_kmsg_name(lo,
				     "Booting kernel: `%s' invalid for parameter "
				     "`kfence.sample_interval'\n",
				     cfg->kfence_interval_bad_text, 0, 0);
	if (cfg->kfence_interval_bad > 1)
		vml_layout_kmsg(lo,
				"vmlayout: and %llu more kfence.sample_interval= values the "
				"kernel refuses the same way\n",
				cfg->kfence_interval_bad - 1, 0, 0, 0);
	if (cfg->lockdep && vml_kfence_sample_interval(cfg))
		vml_layout_kmsg(lo,
				"vmlayout: the KFENCE metadata is sized without LOCKDEP's lock "
				"fields: the kernel's takes more\n",
				0, 0, 0, 0);
}

bool vml_kfence_started(const struct vml_layout *lo)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, "kfence metadata"))
			return true;
	return false;
}

int vml_kfence_protect_guards(struct vml_pt_ctx *ctx, uint64_t pool_va, uint64_t pool_size,
			      uint64_t page, struct vml_diag *diag)
{
	int ret = VML_OK;

	for (uint64_t i = 0; !ret && i < pool_size / page; i++)
		if (i < 2 || i % 2)
			ret = vml_pt_unmap(ctx, vml_va(pool_va + i * page), page, 0, diag);
	return ret;
}

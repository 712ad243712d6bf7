/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's crash kernel reservation (crashkernel=)
 *
 * v6.1: arch/arm64/mm/init.c reserve_crashkernel(), its own reading of
 * parse_crashkernel() / _high() / _low() (kernel/crash_core.c): the plain
 * form below CRASH_ADDR_LOW_MAX (arm64_dma_phys_limit), ",high" anywhere
 * below CRASH_ADDR_HIGH_MAX (PHYS_MASK + 1) with a ",low" part only when
 * one is given (no default before v6.2); size PAGE_ALIGN()ed, CRASH_ALIGN
 * 2 MiB, top-down, no fallback. It runs at the end of arm64_memblock_init()
 * without ZONE_DMA/ZONE_DMA32 (arm64_dma_phys_limit is then PHYS_MASK + 1),
 * else from bootmem_init() after dma_contiguous_reserve()
 * (defer_reserve_crashkernel(), asm/memory.h); map_mem() then maps the
 * whole linear map with pages, or, when not deferred, the region alone
 * with pages (mm/mmu.c crash_mem_map: any "crashkernel" parameter).
 *
 * v6.12: arch_reserve_crashkernel() -> parse_crashkernel() and
 * reserve_crashkernel_generic() (kernel/crash_reserve.c; asm/
 * crash_reserve.h: CRASH_ALIGN 2 MiB, the same two limits), always from
 * bootmem_init() after dma_contiguous_reserve(); map_mem() has no crash
 * kernel case. The 6.18 profile takes v6.12's steps with the parser of
 * v6.16+ (a ",cma" suffix, which is noted, not modelled).
 */
#include "arch/arm64/layout_arm64.h"
#include "vmlayout/crashkernel.h"

static int zero_size(struct arm64_state *st)
{
	vml_layout_kmsg(st->lo,
			"vmlayout: crashkernel= gives a size of 0: no crash kernel reserved "
			"(reserve_crashkernel() returns silently)\n",
			0, 0, 0, 0);
	return VML_EINVAL;
}

/* v6.1 reserve_crashkernel(): the reading of the three forms. Return: 0
 * with the request, else nothing to reserve (the messages are given). */
static int parse_v6_1(struct arm64_state *st, uint64_t *size, uint64_t *base, uint64_t *low,
		      bool *high)
{
	const char *cmdline = st->cfg->boot_command_line;
	const enum vml_crash_parse_rev rev = VML_CRASH_PARSE_V6_1;
	uint64_t low_base;
	int ret = vml_parse_crashkernel_one(cmdline, vml_memblock_phys_mem_size(st->mb), NULL, rev,
					    size, base, st->lo);

	*low = 0;
	*high = false;
	if (ret == VML_EINVAL)
		vml_crashkernel_refused(st->lo);
	if (ret == VML_ENOENT) {
		ret = vml_parse_crashkernel_one(cmdline, 0, ",high", rev, size, base, st->lo);
		if (ret == VML_EINVAL)
			vml_crashkernel_refused(st->lo);
		if (ret || !*size)
			return ret ? ret : zero_size(st);
		/* parse_crashkernel_low() clears crash_base too */
		ret = vml_parse_crashkernel_one(cmdline, 0, ",low", rev, low, &low_base, st->lo);
		if (ret == VML_EINVAL)
			vml_crashkernel_refused(st->lo);
		if (ret && ret != VML_ENOENT)
			return ret;
		*base = 0;
		*high = true;
		return VML_OK;
	}
	if (ret)
		return ret;
	return *size ? VML_OK : zero_size(st);
}

static int reserve_v6_1(struct arm64_state *st, uint64_t low_max)
{
	const uint64_t high_max = 1ULL << st->phys_mask_shift;
	uint64_t size, base, low, max = low_max;
	vml_phys_t got, low_base;
	bool high;
	int ret;

	if (parse_v6_1(st, &size, &base, &low, &high))
		return VML_OK;
	if (high)
		max = high_max;
	size = vml_align_up(size, st->page_size);
	if (base)
		max = base + size;
	if (vml_memblock_phys_alloc_range(st->mb, size, VML_SZ_2M, base, max, &got, NULL)) {
		vml_layout_kmsg(st->lo, "cannot allocate crashkernel (size:0x%llx)\n", size, 0, 0,
				0);
		return VML_OK;
	}
	if (got >= low_max && low) {
		if (vml_memblock_phys_alloc_range(st->mb, low, VML_SZ_2M, 0, low_max, &low_base,
						  NULL)) {
			vml_layout_kmsg(st->lo,
					"cannot allocate crashkernel low memory (size:0x%llx).\n",
					low, 0, 0, 0);
			return vml_memblock_free(st->mb, got, size, st->diag);
		}
		vml_layout_kmsg(st->lo,
				"crashkernel low memory reserved: 0x%08llx - 0x%08llx (%llu MB)\n",
				low_base, low_base + low, low >> 20, 0);
	}
	vml_layout_kmsg(st->lo, "crashkernel reserved: 0x%016llx - 0x%016llx (%llu MB)\n", got,
			got + size, size >> 20, 0);
	/* listed in allocation order: the region, then its low part
	 * (arch/arm64/mm/init.c, reserve_crashkernel(), v6.1) */
	ret = vml_crashkernel_record(st->lo, got, size, false, st->diag);
	if (ret || !(got >= low_max && low))
		return ret;
	return vml_crashkernel_record(st->lo, low_base, low, true, st->diag);
}

/* defer_reserve_crashkernel() (asm/memory.h v6.1) */
static bool deferred_v6_1(const struct arm64_state *st)
{
	return st->cfg->zone_dma || st->cfg->zone_dma32;
}

/* The end of arm64_memblock_init(); also what paging_init()'s map_mem()
 * will do for crash_mem_map (v6.1). */
int vml_arm64_crashkernel_early(struct arm64_state *st)
{
	if (st->prof->crash_parse != VML_CRASH_PARSE_V6_1)
		return VML_OK;
	/* reserve_crashkernel() and map_mem()'s crash_mem_map case are
	 * IS_ENABLED(CONFIG_KEXEC_CORE) / #ifdef CONFIG_KEXEC_CORE (v6.1) */
	if (!st->cfg->kexec_core) {
		vml_crashkernel_not_built(st->lo, st->cfg, "KEXEC_CORE");
		return VML_OK;
	}
	if (deferred_v6_1(st)) {
		if (st->cfg->crashkernel_param)
			st->lo->crash_linear_map = VML_CRASH_MAP_ALL_PAGES;
		return VML_OK;
	}
	/* without DMA zones arm64_dma_phys_limit is PHYS_MASK + 1 from the
	 * start; map_mem() maps the region alone, with pages */
	if (st->cfg->crashkernel_param)
		st->lo->crash_linear_map = VML_CRASH_MAP_REGION_PAGES;
	return reserve_v6_1(st, 1ULL << st->phys_mask_shift);
}

int vml_arm64_crashkernel_late(struct arm64_state *st)
{
	const struct vml_crash_limits lim = {VML_SZ_2M, vml_arm64_dma_phys_limit(st),
					     1ULL << st->phys_mask_shift};

	if (st->prof->crash_parse == VML_CRASH_PARSE_V6_1) {
		if (!deferred_v6_1(st) || !st->cfg->kexec_core)
			return VML_OK;
		return reserve_v6_1(st, lim.low_max);
	}
	return vml_arch_reserve_crashkernel_generic(st->mb, st->lo, st->cfg, st->prof->crash_parse,
						    &lim, st->diag);
}

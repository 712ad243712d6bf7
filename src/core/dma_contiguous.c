/* SPDX-License-Identifier: MIT */
/*
 * DOC: dma_contiguous_reserve()'s request and cma_declare_contiguous_nid()'s
 * checks (kernel/dma/contiguous.c, mm/cma.c, v6.1 and v6.12; the two
 * later changes the 6.18 profiles take: the cma= limit of v6.16, the
 * HIGHMEM-only boundary check of v6.17, both unchanged in v7.2.13)
 */
#include "vmlayout/dma_contiguous.h"

/* early_cma() keeps memparse()'s unsigned long long in size_cmdline,
 * base_cmdline and limit_cmdline, which are phys_addr_t (kernel/dma/
 * contiguous.c v6.1, v6.12): 32 bits on arm without LPAE, so cma=4160M is
 * 64 MiB there and cma=0x100000000 is 0 (no area, silently). */
static uint64_t pa_cut(uint64_t v, bool pa_64bit)
{
	return pa_64bit ? v : v & 0xffffffffULL;
}

bool vml_cma_cmdline_given(const struct vml_kernel_config *cfg, bool pa_64bit)
{
	/* size_cmdline starts as (phys_addr_t)-1, "not given" */
	return cfg->cma_arg_set && pa_cut(cfg->cma_arg_size, pa_64bit) != pa_cut(~0ULL, pa_64bit);
}

void vml_dma_contiguous_select(const struct vml_kernel_config *cfg, uint64_t size_bytes,
			       uint64_t limit, bool pa_64bit, bool cmdline_limit_wins,
			       struct vml_cma_select *s)
{
	const uint64_t size = pa_cut(cfg->cma_arg_size, pa_64bit);
	const uint64_t base = pa_cut(cfg->cma_arg_base, pa_64bit);
	const uint64_t cmd_limit = pa_cut(cfg->cma_arg_limit, pa_64bit);

	s->size = size_bytes;
	s->base = 0;
	s->limit = limit;
	s->fixed = false;
	if (!vml_cma_cmdline_given(cfg, pa_64bit))
		return;
	/* size_cmdline != -1: min_not_zero(limit_cmdline, limit) before v6.16;
	 * since, "limit_cmdline ?: limit": a cma= limit above the arch's (arm64's
	 * DMA zone, riscv64's DMA32 limit) is taken as it is (kernel/dma/
	 * contiguous.c dma_contiguous_reserve(), v6.16, v7.2.13) */
	s->size = size;
	s->base = base;
	if (cmd_limit && (cmdline_limit_wins || !limit || cmd_limit < limit))
		s->limit = cmd_limit;
	s->fixed = pa_cut(base + size, pa_64bit) == cmd_limit;
}

/* the node the v6.12 messages name: NUMA_NO_NODE (-1) but for a node's own
 * area (hugetlb_cma) */
static uint64_t msg_nid(const struct vml_cma_env *env)
{
	return env->has_nid ? (uint64_t)(int64_t)env->nid : (uint64_t)-1;
}

void vml_cma_reserved_msg(struct vml_layout *lo, const struct vml_cma_env *env, uint64_t base,
			  uint64_t size)
{
	static const char *const fmt[2][2] = {
	    {"cma: Reserved %llu MiB at 0x%08llx\n",
	     "cma: Reserved %llu MiB at 0x%08llx on node %lld\n"},
	    {"cma: Reserved %llu MiB at 0x%016llx\n",
	     "cma: Reserved %llu MiB at 0x%016llx on node %lld\n"}};

	vml_layout_kmsg(lo, fmt[env->pa_64bit][env->node_suffix], size >> 20, base, msg_nid(env),
			0);
}

void vml_cma_failed_msg(struct vml_layout *lo, const struct vml_cma_env *env, uint64_t size)
{
	vml_layout_kmsg(lo,
			env->node_suffix ? "cma: Failed to reserve %llu MiB on node %lld\n"
					 : "cma: Failed to reserve %llu MiB\n",
			size >> 20, msg_nid(env), 0, 0);
}

/* A refusal: the kernel's pr_err, then "Failed to reserve". */
static void refuse(struct vml_layout *lo, const struct vml_cma_env *env, const char *fmt64,
		   const char *fmt32, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t size)
{
	vml_layout_kmsg(lo, env->pa_64bit ? fmt64 : fmt32, a0, a1, a2, 0);
	vml_cma_failed_msg(lo, env, size);
}

int vml_cma_declare_checks(struct vml_memblock *mb, struct vml_layout *lo, struct vml_cma_select *s,
			   const struct vml_cma_env *env, bool *done, bool *reserved,
			   struct vml_diag *diag)
{
	const uint64_t align = env->align, end = vml_memblock_end_of_DRAM(mb);
	int ret;

	*done = true;
	*reserved = false;
	if (s->fixed && (s->base & (align - 1))) {
		refuse(lo, env, "cma: Region at 0x%016llx must be aligned to 0x%016llx bytes\n",
		       "cma: Region at 0x%08llx must be aligned to 0x%08llx bytes\n", s->base,
		       align, 0, s->size);
		return VML_OK;
	}
	s->base = vml_align_up(s->base, align);
	s->size = vml_align_up(s->size, align);
	s->limit &= ~(align - 1);
	if (!s->base)
		s->fixed = false;
	/* v6.1 .. v6.16; v6.17 moved it into cma_fixed_reserve() under
	 * IS_ENABLED(CONFIG_HIGHMEM) ("cma: split reservation of fixed area into a
	 * helper function", MM updates for 6.17-rc1; the same in v7.2.13), after
	 * the limit check: on arm64 and riscv64 a fixed area past the end of
	 * DRAM now fails that limit check instead */
	if (!env->fixed_boundary_highmem_only && s->fixed && s->base < env->highmem_start &&
	    s->base + s->size > env->highmem_start) {
		refuse(lo, env,
		       "cma: Region at 0x%016llx defined on low/high memory boundary (0x%016llx)\n",
		       "cma: Region at 0x%08llx defined on low/high memory boundary (0x%08llx)\n",
		       s->base, env->highmem_start, 0, s->size);
		return VML_OK;
	}
	if (!s->limit || s->limit > end)
		s->limit = end;
	if (s->base + s->size > s->limit) {
		refuse(lo, env,
		       "cma: Size (0x%016llx) of region at 0x%016llx exceeds limit (0x%016llx)\n",
		       "cma: Size (0x%08llx) of region at 0x%08llx exceeds limit (0x%08llx)\n",
		       s->size, s->base, s->limit, s->size);
		return VML_OK;
	}
	if (!s->fixed) {
		*done = false;
		return VML_OK;
	}
	if (vml_memblock_is_region_reserved(mb, s->base, s->size)) {
		vml_cma_failed_msg(lo, env, s->size); /* -EBUSY */
		return VML_OK;
	}
	ret = vml_memblock_reserve(mb, s->base, s->size, diag);
	if (ret)
		return ret;
	*reserved = true;
	vml_cma_reserved_msg(lo, env, s->base, s->size);
	return VML_OK;
}

/* cma_activate_area() (mm/cma.c v6.1, v6.12) checks each pfn with
 * WARN_ON_ONCE(!pfn_valid(pfn)) but goes on: it does not drop the area, it
 * reads page_zone(pfn_to_page(pfn)) of a pfn that has no memory map (on
 * SPARSEMEM_VMEMMAP the struct pages of a section without memory are not
 * mapped). What is not memory adds no page to MemTotal in any outcome. */
uint64_t vml_cma_bytes_in_memory(const struct vml_memblock *mb, struct vml_layout *lo,
				 uint64_t base, uint64_t size)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t end = base + size < base ? ~0ULL : base + size;
	vml_phys_t start, stop;
	uint64_t n = 0;

	while (vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NONE, &start, &stop)) {
		uint64_t s = vml_max(start, base), e = vml_min(stop, end);

		if (s < e)
			n += e - s;
	}
	if (size && n < size)
		vml_layout_kmsg(lo,
				"vmlayout: the CMA area [0x%llx, 0x%llx) is not all memory (0x%llx "
				"bytes are): the kernel's cma_activate_area() warns "
				"(WARN_ON_ONCE(!pfn_valid()), mm/cma.c) and then reads the struct "
				"page of a pfn with no memory map; MemTotal counts only the part "
				"in memory\n",
				base, end, n, 0);
	return n;
}

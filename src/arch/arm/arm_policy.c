/* SPDX-License-Identifier: MIT */
/*
 * DOC: the 32-bit ARM layout policies, profiles "3.4" and "6.1"
 *
 * Runs the steps of setup_arch()/paging_init()/mem_init() in the kernel's
 * order for each profile. "6.1" answers to every 6.1..6.18 version: the
 * few rules that changed in that range (mm/cma.c v6.3, MAX_ORDER v6.4,
 * KFENCE's metadata v6.6, the "Memory:" line v6.11) follow the version asked for (vml_arm_since());
 * the others did not change (checked against 6.12 and 6.18.2, see
 * docs/arm32.md).
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"

/* Mainline 3.4 with the msm-3.4 options: meminfo banks. */
static const struct arm_profile arm_profile_3_4 = {
    .name = "3.4",
    .prints_layout_block = true,
    .vmalloc_end = 0xff000000ULL,    /* asm/pgtable.h v3.4 */
    .fixmap_start = 0xfff00000ULL,   /* asm/fixmap.h v3.4: FIXADDR_START */
    .fixmap_end = 0xfffe0000ULL,     /* FIXADDR_TOP */
    .phys_offset_align = VML_SZ_16M, /* head.S v3.4 */
    .phys_offset_align_rule = "PHYS_OFFSET (load address - TEXT_OFFSET) must be 16 MiB "
			      "aligned (arch/arm/kernel/head.S v3.4)",
    .vector_pages = 1, /* devicemaps_init() v3.4: the vectors page */
    .lowmem_bounds = vml_arm_sanity_check_meminfo,
    .reserve_dt = vml_arm_reserve_dt_and_memreserve,
    .cma_alignment = vml_arm_cma_align_max_order,
    .cma_limit = vml_arm_cma_limit_lowmem,
    .intermix_boot_log = true,
    .msm_reclaim = true,
    .bootmem = true,
    .zones = vml_arm_bootmem_free_zones,
    .nr_cpus_default = 4,
};

/* Mainline 6.1, and 6.2 .. 6.18: the rules that changed in that range
 * name the version they changed in (the *_since fields; docs/arm32.md). */
static const struct arm_profile arm_profile_6_1 = {
    .name = "6.1",
    .vmalloc_end = 0xff800000ULL,   /* asm/pgtable.h v6.1 */
    .fixmap_start = 0xffc80000ULL,  /* asm/fixmap.h v6.1: FIXADDR_START */
    .fixmap_end = 0xfff00000ULL,    /* FIXADDR_END */
    .phys_offset_align = VML_SZ_2M, /* phys2virt.S v6.1 */
    .phys_offset_align_rule = "PHYS_OFFSET (load address - TEXT_OFFSET) must be 2 MiB "
			      "aligned (arch/arm/kernel/phys2virt.S)",
    .vector_pages = 2, /* devicemaps_init() v6.1: vectors and stubs */
    .lowmem_bounds = vml_arm_memblock_lowmem_bounds,
    .lowmem_bounds_again = vml_arm_memblock_lowmem_bounds_again,
    .zimage_mem_start = vml_arm_fdt_check_mem_start,
    .ignores_banks_above_4g = true,
    .reserve_dt = vml_arm_reserve_dt_and_reserved_memory,
    .cma_alignment = vml_arm_cma_align_pageblock,
    .cma_limit = vml_arm_cma_limit_dma,
    .cma_tries_above_4g = true,
    .fdt_fixed_area = true,
    .pci_io_static_vm = true,
    .fixmap_pte_page = true,
    .cma_remap_pages = true,
    .crashkernel = true,
    .cma_cmdline = true,
    .v6_early_params = true,
    .swiotlb = vml_arm_swiotlb,
    .general_intermix = true,
    .dont_map_hole = true,
    .mem_init_print_info = true,
    .first_chunk = true,
    .nr_cpus_default = 4,
    .early_node_ranges = true,
    .zones = vml_arm_zone_sizes_init,
    .cma_4g_first_since = {6, 3},
    .max_order_inclusive_since = {6, 4},
    .memory_line_late_since = {6, 11},
    .kfence_metadata_since = {6, 6},
    .pcpu_v6_12_since = {6, 12},
    .pcpu_v6_15_since = {6, 15},
    .reserved_mem_array_since = {6, 12},
    .swiotlb_limited_areas_since = {6, 12},
};

static void linear_segments(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		end = vml_min(end, st->lowmem_limit);
		if (start >= end)
			break;
		if (vml_layout_add_segment(st->lo, vml_arm_va(st, start), start, end - start, NULL))
			break;
	}
}

static void publish(struct arm_state *st)
{
	struct vml_layout *lo = st->lo;

	lo->addr_digits = 8;
	lo->highmem_totals = st->cfg->highmem;
	lo->early_node_ranges = st->prof->early_node_ranges;
	lo->page_offset = st->page_offset;
	lo->phys_offset = st->phys_offset;
	lo->vmalloc_min = st->vmalloc_min;
	lo->lowmem_limit = st->lowmem_limit;
	lo->high_memory = st->high_memory;
	lo->vmalloc_start = st->vmalloc_start;
	lo->vmalloc_end = st->prof->vmalloc_end;
	lo->memblock_limit = st->memblock_limit;
	/* general intermix: the holes' VA is vmalloc space too (the RFC's
	 * VMALLOC_TOTAL = VMALLOC_END - PAGE_OFFSET - lowmem) */
	lo->vmalloc_total = st->prof->vmalloc_end - st->vmalloc_start + st->intermix_holes;
	for (unsigned int i = 0; i < lo->n_zones; i++) {
		uint64_t bytes = lo->zones[i].present_pages << 12;

		if (lo->zones[i].start_pfn >= (st->lowmem_limit >> 12))
			lo->highmem_ram += bytes;
		else
			lo->lowmem_ram += bytes;
	}
	linear_segments(st);
}

/* The order every 32-bit ARM kernel keeps (arch/arm/include/asm/pgtable.h,
 * asm/memory.h): PAGE_OFFSET <= high_memory < VMALLOC_START < VMALLOC_END.
 * A configuration that breaks it is refused rather than printed. */
static int check_virtual_order(const struct arm_state *st)
{
	if (st->high_memory < st->page_offset || st->high_memory > 0xffffffffULL ||
	    st->vmalloc_start >= st->prof->vmalloc_end)
		return vml_fail(st->diag, VML_EINVAL,
				"no room is left for the vmalloc area: high_memory must lie "
				"between PAGE_OFFSET and VMALLOC_END - 8 MiB",
				st->high_memory, st->prof->vmalloc_end, -1);
	return VML_OK;
}

/* bootmem_init() .. vfs_caches_init_early(): the mem_map, the zones, the
 * usemaps and hash tables. On v3.4 they come from bootmem, which
 * memblock=debug does not see: the trace hook is off meanwhile. */
static int bootmem_allocs(struct arm_state *st)
{
	vml_memblock_trace_fn trace = st->mb->trace;
	int ret;

	if (st->prof->bootmem)
		st->mb->trace = NULL;
	ret = vml_arm_alloc_mem_map(st);
	if (!ret)
		ret = st->prof->zones(st);
	if (!ret)
		ret = vml_arm_alloc_usemaps(st);
	/* setup_arch() after paging_init() (arch/arm/kernel/setup.c v6.1,
	 * v6.12): request_standard_resources(), unflatten_device_tree(), then
	 * reserve_crashkernel(); 3.4's resources came from bootmem */
	if (!ret && !st->prof->bootmem)
		ret = vml_arm_request_standard_resources(st);
	if (!ret && !st->prof->bootmem)
		ret = vml_arm_unflatten_device_tree(st);
	if (!ret)
		ret = vml_arm_reserve_crashkernel(st);
	if (!ret)
		ret = vml_arm_mm_init_allocs(st);
	st->mb->trace = trace;
	return ret;
}

/* mem_init() -> memblock_free_all() -> free_unused_memmap() (mm/memblock.c
 * v6.1, v6.12): after swiotlb and every earlier memblock allocation, so
 * none of them lands in the freed pages. v3.4's arm mem_init() gave them
 * to bootmem (free_bootmem()), which memblock=debug does not print. */
static int free_unused_memmap(struct arm_state *st)
{
	vml_memblock_trace_fn trace = st->mb->trace;
	int ret;

	if (st->prof->bootmem)
		st->mb->trace = NULL;
	ret = vml_arm_free_unused_memmap(st, st->mem_map_base, st->mem_map_first_pfn,
					 vml_arm_page_struct_size(st));
	st->mb->trace = trace;
	return ret;
}

static int finish(struct arm_state *st)
{
	int ret;

	/* VMALLOC_START: the 8 MiB VMALLOC_OFFSET gap above high_memory, rounded
	 * down to 8 MiB (asm/pgtable.h) */
	st->vmalloc_start = vml_align_down(st->high_memory + VML_SZ_8M, VML_SZ_8M);
	ret = check_virtual_order(st);
	if (!ret)
		ret = vml_arm_paging_init_allocs(st);
	if (!ret)
		ret = bootmem_allocs(st);
	if (!ret && st->prof->swiotlb)
		ret = st->prof->swiotlb(st);
	if (!ret)
		ret = free_unused_memmap(st);
	if (!ret)
		ret = vml_arm_fixed_regions(st);
	if (!ret)
		ret = vml_arm_boot_log_lines(st);
	if (ret)
		return ret;
	vml_arm_count_totals(st);
	publish(st);
	return VML_OK;
}

static void state_init(struct arm_state *st, const struct arm_profile *prof,
		       const struct vml_board *board, const struct vml_kernel_config *cfg,
		       struct vml_memblock *mb, struct vml_layout *lo, struct vml_diag *diag)
{
	vml_zero(st, sizeof(*st));
	st->prof = prof;
	st->board = board;
	st->cfg = cfg;
	st->mb = mb;
	st->lo = lo;
	st->diag = diag;
	/* the policy was found by this version (or by an alias: 0.0) */
	st->version = vml_kernel_version_asked(cfg);
}

bool vml_arm_since(const struct arm_state *st, struct vml_kernel_version since)
{
	return vml_kernel_version_since(st->version, since);
}

/* The unmodelled parameters the arm kernel acts on: hugepages= with LPAE
 * (ARCH_SUPPORTS_HUGETLBFS), swiotlb=, movablecore=, kernelcore=,
 * memtest=; not memmap= (x86, mips,
 * xtensa), kasan= (KASAN_HW_TAGS is arm64's), hugetlb_cma= (no
 * hugetlb_cma_reserve() call on arm) or cma_pernuma= (no NUMA). */
static uint32_t arm_unmodelled(const struct arm_state *st)
{
	uint32_t acts = VML_CMDLINE_SWIOTLB | VML_CMDLINE_MOVABLECORE | VML_CMDLINE_KERNELCORE |
			VML_CMDLINE_MEMTEST;

	if (st->lpae)
		acts |= VML_CMDLINE_HUGEPAGES;
	return acts;
}

/* setup_arch() .. mem_init() in the kernel's order, with @prof's rules. */
static int compute(const void *rules, const struct vml_board *board,
		   const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		   struct vml_layout *lo, struct vml_diag *diag)
{
	const struct arm_profile *prof = rules;
	struct arm_state st;
	int ret;

	state_init(&st, prof, board, cfg, mb, lo, diag);
	if (cfg->reclaim == VML_RECLAIM_DONT_MAP_HOLE && !prof->msm_reclaim && !prof->dont_map_hole)
		return vml_fail(diag, VML_ENOTSUP,
				"DONT_MAP_HOLE_AFTER_MEMBANK0 is not modelled for this profile", 0,
				0, -1);
	if (cfg->reclaim == VML_RECLAIM_VMALLOC_SAVING && !prof->msm_reclaim &&
	    !prof->general_intermix)
		return vml_fail(diag, VML_ENOTSUP,
				"ENABLE_VMALLOC_SAVING (intermix) is not modelled for this profile",
				0, 0, -1);
	ret = vml_arm_setup_offsets(&st);
	if (ret)
		return ret;
	vml_cmdline_unmodelled_notes(lo, cfg, arm_unmodelled(&st));
	/* setup_machine_tags() -> parse_tag_cmdline() with CMDLINE_FORCE
	 * (arch/arm/kernel/atags_parse.c v6.1; arch/arm/kernel/setup.c v3.4) */
	if (cfg->cmdline_tag_ignored)
		vml_layout_kmsg(lo,
				"Ignoring tag cmdline (using the default kernel command line)\n", 0,
				0, 0, 0);
	/* parse_early_param() (6.1: early_cma() refuses a bare "cma";
	 * set_debug_rodata() takes on and off, arm has no
	 * arch_parse_debug_rodata() (init/main.c v6.1); early_debug_pagealloc()
	 * refuses what kstrtobool() does; arm's early_mem() prints nothing; no
	 * NUMA) */
	if (prof->v6_early_params)
		lo->rodata_arg = vml_rodata_effective(cfg, VML_EARLY_RODATA);
	for (unsigned int i = 0; i <= cfg->n_mem_args; i++)
		vml_early_param_msgs(lo, cfg, i,
				     (prof->cma_cmdline && cfg->cma ? VML_EARLY_BARE_CMA : 0) |
					 (prof->v6_early_params ? VML_EARLY_RODATA : 0) |
					 (prof->v6_early_params && cfg->debug_pagealloc_config
					      ? VML_EARLY_BAD_DEBUG_PAGEALLOC
					      : 0));
	mb->phys_addr_max = st.phys_addr_max;
	ret = prof->lowmem_bounds(&st);
	if (!ret)
		ret = vml_arm_reserve_early(&st);
	if (!ret && prof->lowmem_bounds_again)
		ret = prof->lowmem_bounds_again(&st);
	return ret ? ret : finish(&st);
}

const struct vml_layout_policy vml_arm_policy_3_4 = {
    .arch = VML_ARCH_ARM,
    .profile = "3.4",
    .source = "arch/arm/mm/{mmu,init}.c, arch/arm/kernel/setup.c v3.4 (+ msm-3.4 options)",
    .first = {3, 4},
    .last = {3, 4},
    .alias = "msm-3.4",
    .rules = &arm_profile_3_4,
    .compute = compute,
};

const struct vml_layout_policy vml_arm_policy_6_1 = {
    .arch = VML_ARCH_ARM,
    .profile = "6.1",
    .source = "arch/arm/mm/{mmu,init}.c, arch/arm/kernel/setup.c, drivers/of/fdt.c v6.1",
    .first = {6, 1}, /* 6.1 .. 6.18: the changed rules follow the version */
    .last = {6, 18},
    .rules = &arm_profile_6_1,
    .compute = compute,
};

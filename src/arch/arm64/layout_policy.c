/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arm64 layout policies, profiles "6.1", "6.12" and "6.18"
 *
 * One sequence of steps (setup_arch() -> arm64_memblock_init(), the early
 * KASLR of kernel/pi/, bootmem_init()/zone_sizes_init(), mem_init()) shared
 * by the three profiles; each profile is the table of the rules that
 * changed, with the kernel file each entry follows:
 *
 *   rule                  6.1                     6.12                    6.18
 *   52-bit VA with 4K/16K no                      LPA2 (v6.9)             LPA2
 *   MODULES_VSIZE         128 MiB (memory.h)      2 GiB (memory.h)        2 GiB
 *   top of the VA space   vmemmap at the top      vmemmap/PCI/fixmap      as 6.12
 *                         (memory.h, pgtable.h)   under -1G (v6.9)
 *   fixmap                FIX_FDT 4M window       FDT + 1 page, FIX_P4D   + FIX_VNCR (KVM)
 *   KASLR displacement    kaslr_early.c v6.1      kaslr_early.c v6.12     as 6.12
 *   linear randomization  yes                     yes                     no (removed v6.16)
 *   kernel reservation    [_stext, _end)          [_text, _end)           [_text, _end)
 *   zone limits           max_zone_phys(bits)     max_zone_phys(limit)    as 6.12
 *   nr_kernel_pages       zones' present - memmap free memblock pages   as 6.12
 *   cma= limit            min_not_zero()          min_not_zero()          cma='s (v6.16)
 *   fixed cma= boundary   checked                 checked                 HIGHMEM only (v6.17)
 *
 * Each profile answers to its own minor versions' neighbours: "6.1" to
 * 6.1 .. 6.8, "6.12" to 6.9 .. 6.15, "6.18" to 6.16 .. 6.18 (the rules
 * listed above; docs/arm64.md says what was checked in which tree). The
 * rules that changed inside a range follow the version asked for (the
 * profile's *_since fields, vml_arm64_since()):
 *
 *   rule                           since  profiles it splits
 *   MODULES_VSIZE 2 GiB            v6.5   6.1 (6.5 .. 6.8)
 *   early KFENCE pool in map_mem() v6.4   6.1 (6.4 .. 6.8)
 *   KFENCE metadata from memblock  v6.6   6.1 (6.6 .. 6.8)
 *   kmalloc-bounce swiotlb         v6.5   6.1 (6.5 .. 6.8)
 *   "Memory:" line printed late    v6.11  6.12 (6.11 .. 6.15)
 *   fixed cma= boundary HIGHMEM    v6.17  6.18 (6.17, 6.18)
 */
#include "arch/arm64/layout_arm64.h"

static const struct arm64_profile arm64_profile_6_1 = {
    .name = "6.1",
    .crash_parse = VML_CRASH_PARSE_V6_1,
    .lpa2 = false,
    .modules_vsize = 128 * VML_SZ_1M,
    .modules_vsize_2g_since = {6, 5},
    .kfence_early_pool_since = {6, 4},
    .kfence_metadata_since = {6, 6},
    .swiotlb_kmalloc_bounce_since = {6, 5},
    .memory_line_late_since = {6, 11},
    .top_of_va = vml_arm64_top_v6_1,
    .fixmap = vml_arm64_fixmap_v6_1,
    .kaslr_displacement = vml_arm64_kaslr_v6_1,
    .linear_randomization = true,
    .image_from_stext = true,
    .frees_init_pg_dir = true,
    .paging_init_maps_image = true,
    .map_mem_outward = true,
    .zone_limits = vml_arm64_zone_limits_v6_1,
    .dma_limit_phys_mask = false,
    .numa_flavour = VML_NUMA_V6_1,
    .node_data_size = 0x2c80,
    .pcpu_version = VML_PCPU_V6_1,
    .nr_cpus_default = 256,
    .nr_kernel_pages = vml_arm64_nr_kernel_pages_v6_1,
    .top_regions = vml_arm64_regions_top_v6_1,
    .top_rows = vml_arm64_rows_v6_1,
};

static const struct arm64_profile arm64_profile_6_12 = {
    .name = "6.12",
    .reserved_nid_at_free_all = true,
    .free_initmem_memblock = true,
    .crash_parse = VML_CRASH_PARSE_V6_12,
    .kfence_early_pool_since = {6, 4},
    .kfence_metadata_since = {6, 6},
    .swiotlb_kmalloc_bounce_since = {6, 5},
    .memory_line_late_since = {6, 11},
    .lpa2 = true,
    .modules_vsize = 2 * VML_SZ_1G,
    .top_of_va = vml_arm64_top_v6_9,
    .fixmap = vml_arm64_fixmap_v6_12,
    .kaslr_displacement = vml_arm64_kaslr_v6_12,
    .linear_randomization = true,
    .idreg_v6_9 = true,
    .image_from_stext = false,
    .zone_limits = vml_arm64_zone_limits_v6_12,
    .dma_limit_phys_mask = true,
    .numa_flavour = VML_NUMA_V6_12,
    .node_data_size = 0x3740,
    .node_data_size_16k = 0x3880,
    .cpumask_offstack_above_256 = true,
    .reserved_mem_array = true,
    .pcpu_version = VML_PCPU_V6_12,
    .nr_cpus_default = 512,
    .nr_kernel_pages = vml_arm64_nr_kernel_pages_v6_12,
    .top_regions = vml_arm64_regions_top_v6_9,
    .top_rows = vml_arm64_rows_v6_9,
};

static const struct arm64_profile arm64_profile_6_18 = {
    .name = "6.18",
    .reserved_nid_at_free_all = true,
    .free_initmem_memblock = true,
    .crash_parse = VML_CRASH_PARSE_V6_18,
    .cma_cmdline_limit_wins = true,
    .cma_fixed_boundary_highmem_only_since = {6, 17},
    .kfence_early_pool_since = {6, 4},
    .kfence_metadata_since = {6, 6},
    .swiotlb_kmalloc_bounce_since = {6, 5},
    .memory_line_late_since = {6, 11},
    .lpa2 = true,
    .modules_vsize = 2 * VML_SZ_1G,
    .top_of_va = vml_arm64_top_v6_9,
    .fixmap = vml_arm64_fixmap_v6_18,
    .kaslr_displacement = vml_arm64_kaslr_v6_12,
    .linear_randomization = false,
    .rodata_on_is_full = true,
    .idreg_v6_9 = true,
    .image_from_stext = false,
    .zone_limits = vml_arm64_zone_limits_v6_12,
    .dma_limit_phys_mask = true,
    .numa_flavour = VML_NUMA_V6_12,
    .node_data_size = 0x3740,
    .node_data_size_16k = 0x3880,
    .cpumask_offstack_above_256 = true,
    .reserved_mem_array = true,
    .pcpu_version = VML_PCPU_V6_15,
    .nr_cpus_default = 512,
    .nr_kernel_pages = vml_arm64_nr_kernel_pages_v6_12,
    .top_regions = vml_arm64_regions_top_v6_9,
    .top_rows = vml_arm64_rows_v6_9,
};

static void publish(struct arm64_state *st)
{
	struct vml_layout *lo = st->lo;

	lo->addr_digits = 16;
	lo->va_bits_actual = st->vabits_actual;
	lo->page_offset = st->page_offset;
	lo->phys_offset = st->memstart_addr;
	lo->high_memory = st->high_memory;
	lo->vmalloc_start = st->vmalloc_start;
	lo->vmalloc_end = st->vmalloc_end;
	lo->vmalloc_total = st->vmalloc_end - st->vmalloc_start;
	lo->memblock_limit = vml_memblock_get_current_limit(st->mb);
	lo->kimage_voffset = st->kimage_voffset;
	lo->kaslr_offset = st->kaslr_offset;
	lo->kpti_tramp_va = st->kpti_tramp_va;
	lo->kpti_tramp_data = st->cfg->unmap_kernel_at_el0 && st->cfg->relocatable;
}

/* The unmodelled parameters the arm64 kernel acts on (memmap= is x86,
 * mips and xtensa only): kasan= with KASAN_HW_TAGS (arm64 only), hugetlb_cma=
 * (arm64_hugetlb_cma_reserve(), with CMA and HUGETLB_PAGE) where
 * vmlayout does not place it (the 6.18 profile), cma_pernuma= and numa_cma=
 * with NUMA (DMA_PERNUMA_CMA / DMA_NUMA_CMA). */
static uint32_t arm64_unmodelled(const struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	uint32_t acts = VML_CMDLINE_HUGEPAGES | VML_CMDLINE_KASAN | VML_CMDLINE_SWIOTLB |
			VML_CMDLINE_MOVABLECORE | VML_CMDLINE_KERNELCORE | VML_CMDLINE_MEMTEST;

	if (cfg->cma && cfg->hugetlb_page && !vml_arm64_hugetlb_cma_modelled(st))
		acts |= VML_CMDLINE_HUGETLB_CMA;

	if (cfg->numa)
		acts |= VML_CMDLINE_CMA_PERNUMA;
	return acts;
}

bool vml_arm64_since(const struct arm64_state *st, struct vml_kernel_version since)
{
	return vml_kernel_version_since(st->version, since);
}

static int compute(const void *rules, const struct vml_board *board,
		   const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		   struct vml_layout *lo, struct vml_diag *diag)
{
	const struct arm64_profile *prof = rules;
	struct arm64_state st;
	unsigned int setup_arch_msgs;
	int ret;

	vml_zero(&st, sizeof(st));
	st.prof = prof;
	st.version = vml_kernel_version_asked(cfg);
	st.board = board;
	st.cfg = cfg;
	st.mb = mb;
	st.lo = lo;
	st.diag = diag;
	vml_arm64_cmdline_overrides(&st, &st.ov);
	/* CONFIG_NUMA: memblock_add() and memblock_reserve() give MAX_NUMNODES */
	if (cfg->numa)
		mb->max_numnodes = 1 << cfg->nodes_shift;
	ret = vml_arm64_geometry(&st);
	setup_arch_msgs = lo->n_kmsgs;
	if (!ret)
		ret = vml_arm64_add_memory(&st);
	if (!ret)
		ret = vml_arm64_memblock_init(&st);
	if (ret)
		return ret;
	vml_arm64_kaslr_image(&st);
	if (prof->idreg_v6_9) {
		/* kaslr_init() opens setup_arch() (v6.12) */
		const unsigned int n = lo->n_kmsgs;

		vml_arm64_kaslr_init_message(&st);
		if (lo->n_kmsgs > n)
			vml_layout_kmsg_move_last(lo, setup_arch_msgs);
	}
	ret = vml_arm64_reserve(&st);
	if (!ret)
		ret = vml_arm64_crashkernel_early(&st);
	if (ret)
		return ret;
	vml_cmdline_unmodelled_notes(lo, cfg, arm64_unmodelled(&st));
	/* high_memory = __va(memblock_end_of_DRAM() - 1) + 1 */
	st.high_memory = vml_arm64_phys_to_virt(&st, vml_memblock_end_of_DRAM(mb) - 1) + 1;
	ret = vml_arm64_zones(&st);
	if (!ret)
		ret = vml_arm64_totals(&st);
	if (!ret)
		ret = vml_arm64_regions(&st);
	if (!ret)
		ret = vml_arm64_table(&st);
	if (!ret)
		ret = vml_arm64_linear_segments(&st);
	/* v6.1's kaslr_init() is a subsys_initcall: after all of the above */
	if (!ret && !prof->idreg_v6_9)
		vml_arm64_kaslr_init_message(&st);
	if (!ret)
		publish(&st);
	return ret;
}

const struct vml_layout_policy vml_arm64_policy_6_1 = {
    .arch = VML_ARCH_ARM64,
    .profile = "6.1",
    .source = "arch/arm64/mm/init.c, asm/memory.h, asm/pgtable.h, asm/fixmap.h, "
	      "kernel/pi/kaslr_early.c v6.1",
    .first = {6, 1},
    .last = {6, 8},
    .rules = &arm64_profile_6_1,
    .compute = compute,
};

const struct vml_layout_policy vml_arm64_policy_6_12 = {
    .arch = VML_ARCH_ARM64,
    .profile = "6.12",
    .source = "arch/arm64/mm/init.c, asm/memory.h, asm/pgtable.h, asm/fixmap.h, "
	      "kernel/pi/{map_kernel,kaslr_early}.c v6.12",
    .first = {6, 9},
    .last = {6, 15},
    .rules = &arm64_profile_6_12,
    .compute = compute,
};

const struct vml_layout_policy vml_arm64_policy_6_18 = {
    .arch = VML_ARCH_ARM64,
    .profile = "6.18",
    .source = "arch/arm64/mm/init.c, asm/memory.h, asm/pgtable.h, asm/fixmap.h, "
	      "kernel/pi/{map_kernel,kaslr_early}.c v6.18",
    .first = {6, 16},
    .last = {6, 18},
    .rules = &arm64_profile_6_18,
    .compute = compute,
};

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the riscv64 layout policies, profiles "5.10", "6.12" and "6.18"
 *
 * Each profile is a table of the rules that changed (layout_policy.h); one
 * driver runs them in the kernel's order: setup_vm() (paging mode, kernel
 * placement and KASLR), setup_bootmem(), the reservations, paging_init()
 * and mem_init(). "5.10" answers to 5.10.y, "6.12" to 6.12.y, "6.18" to
 * 6.18.y; the versions between differ in rules not verified here (which
 * release brought the 128 GiB sv39 linear map, the linear-map overflow
 * warning and the DT mmu-type limit): docs/riscv64.md.
 */
#include "arch/riscv/layout_policy.h"

static const struct riscv_profile riscv_profile_5_10 = {
    .name = "5.10",
    .vmemmap_from_pfn0 = true,
    .page_offset_l3 = 0xffffffe000000000ULL, /* CONFIG_PAGE_OFFSET, MAXPHYSMEM_128GB */
    .select_mode = vml_riscv_mode_sv39_only,
    .va_areas = vml_riscv_areas_5_10,
    .place_kernel = vml_riscv_kernel_in_linear_map_5_10,
    .setup_bootmem = vml_riscv_setup_bootmem_5_10,
    .cap_linear = NULL, /* 5.10 enforces -PAGE_OFFSET as a size instead */
    .reserve_nomap = vml_riscv_nomap_remove_5_10,
    .wants_swiotlb = vml_riscv_swiotlb_always_5_10,
    .swiotlb_in_setup_arch = true,
    .memblock_dump_in_setup_bootmem = true,
    .kasan_shadow = vml_riscv_kasan_pages_5_10,
    .boot_log = vml_riscv_boot_log_5_10,
};

static const struct riscv_profile riscv_profile_6_12 = {
    .name = "6.12",
    .reserved_nid_at_free_all = true,
    .crashkernel_generic = true,
    .crash_parse = VML_CRASH_PARSE_V6_12,
    .page_offset_l3 = 0xffffffd600000000ULL, /* PAGE_OFFSET_L3, asm/page.h v6.12 */
    .select_mode = vml_riscv_mode_probe_6_4,
    .va_areas = vml_riscv_areas_6_11,
    .place_kernel = vml_riscv_kernel_last_2g_kaslr_6_6,
    .setup_bootmem = vml_riscv_setup_bootmem_6_4,
    .cap_linear = vml_riscv_cap_linear_6_4,
    .reserve_nomap = vml_riscv_nomap_mark_6_x,
    .wants_swiotlb = vml_riscv_swiotlb_above_dma32_6_x,
    .kasan_shadow = vml_riscv_kasan_blocks_6_x,
    .kfence_pool_early = true,
    .setup_vm_final_tables = true,
    .unflatten_allocs = true,
    .swiotlb_areas = true,
    .sparse_usemaps = true,
    .reserved_mem_array = true,
    .arch_numa = true,
    .first_chunk = true,
    .pcpu_version = VML_PCPU_V6_12,
    .nr_cpus_default = 64,
    .vmemmap_hugepages = true,
    .boot_log = vml_riscv_boot_log_6_x,
};

static const struct riscv_profile riscv_profile_6_18 = {
    .name = "6.18",
    .reserved_nid_at_free_all = true,
    .crashkernel_generic = true,
    .crash_parse = VML_CRASH_PARSE_V6_18,
    .cma_cmdline_limit_wins = true,
    .cma_fixed_boundary_highmem_only = true,
    .page_offset_l3 = 0xffffffd600000000ULL,
    .select_mode = vml_riscv_mode_probe_6_18,
    .va_areas = vml_riscv_areas_6_11,
    .place_kernel = vml_riscv_kernel_last_2g_kaslr_6_6,
    .setup_bootmem = vml_riscv_setup_bootmem_6_4,
    .cap_linear = vml_riscv_cap_linear_warn_6_18,
    .reserve_nomap = vml_riscv_nomap_mark_6_x,
    .wants_swiotlb = vml_riscv_swiotlb_above_dma32_6_x,
    .kasan_shadow = vml_riscv_kasan_blocks_6_x,
    .kfence_pool_early = true,
    .setup_vm_final_tables = true,
    .unflatten_allocs = true,
    .swiotlb_areas = true,
    .arch_numa = true,
    .first_chunk = true,
    .pcpu_version = VML_PCPU_V6_15,
    .nr_cpus_default = 64,
    .vmemmap_hugepages = true,
    .boot_log = vml_riscv_boot_log_6_x,
};

/* The init sections' PA, from the System.map's link addresses. */
static void init_sections(struct riscv_state *st)
{
	const struct vml_kernel_image *img = &st->cfg->image;

	if (!img->known || img->init_end <= img->init_begin || img->init_begin < img->text)
		return;
	st->init_base = img->init_begin - img->text + st->kernel_phys;
	st->init_size = img->init_end - img->init_begin;
}

static void publish(struct riscv_state *st)
{
	struct vml_layout *lo = st->lo;

	lo->addr_digits = 8; /* "0x%08lx": 64-bit values print all 16 digits */
	lo->page_offset = st->page_offset;
	lo->phys_offset = st->phys_ram_base;
	lo->high_memory = st->high_memory;
	lo->vmalloc_start = st->vmalloc_start;
	lo->vmalloc_end = st->vmalloc_end;
	lo->vmalloc_total = st->vmalloc_end - st->vmalloc_start;
	lo->lowmem_limit = st->max_low_pfn << 12;
	lo->memblock_limit = vml_memblock_get_current_limit(st->mb);
	lo->kaslr_offset = st->virt_offset;
	lo->kimage_voffset = st->kernel_virt - st->kernel_phys;
}

static void mode_kmsg(struct riscv_state *st)
{
	vml_layout_kmsg(st->lo, "vmlayout: riscv64 sv%llu (satp MODE %llu), PAGE_OFFSET 0x%llx\n",
			st->va_bits, st->satp_mode, st->page_offset, 0);
}

/* The unmodelled parameters the riscv kernel acts on: not memmap= (x86,
 * mips, xtensa), kasan= (KASAN_HW_TAGS, arm64 only) or
 * kfence.sample_interval= (6.x takes its KFENCE pool in
 * create_linear_mapping_page_table() whatever the interval, and 5.10 none:
 * the layout does not change); cma_pernuma=/numa_cma= with NUMA
 * (DMA_NUMA_CMA); hugetlb_cma= on 6.x with CMA and HUGETLB_PAGE:
 * setup_bootmem() calls hugetlb_cma_reserve(PUD_SHIFT - PAGE_SHIFT) right
 * after dma_contiguous_reserve() (arch/riscv/mm/init.c v6.1 and v6.12; the
 * 5.10 file was not read), a 1 GiB-granular CMA area per node (mm/hugetlb.c):
 * placed on the 6.12 profile (layout_bootmem.c hugetlb_cma()), a note on
 * 6.18. */
static uint32_t riscv_unmodelled(const struct riscv_state *st)
{
	uint32_t acts = VML_CMDLINE_HUGEPAGES | VML_CMDLINE_SWIOTLB | VML_CMDLINE_MOVABLECORE |
			VML_CMDLINE_KERNELCORE | VML_CMDLINE_MEMTEST;

	if (st->cfg->numa && st->prof->arch_numa)
		acts |= VML_CMDLINE_CMA_PERNUMA;
	if (st->prof->reserve_nomap != vml_riscv_nomap_remove_5_10 && st->cfg->cma &&
	    st->cfg->hugetlb_page && !vml_riscv_hugetlb_cma_modelled(st))
		acts |= VML_CMDLINE_HUGETLB_CMA;
	return acts;
}

static int compute(const void *rules, const struct vml_board *board,
		   const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		   struct vml_layout *lo, struct vml_diag *diag)
{
	const struct riscv_profile *prof = rules;
	struct riscv_state st;
	int ret;

	vml_zero(&st, sizeof(st));
	st.prof = prof;
	st.board = board;
	st.cfg = cfg;
	st.mb = mb;
	st.lo = lo;
	st.diag = diag;
	mb->phys_addr_max = ~0ULL; /* phys_addr_t is 64-bit */
	/* CONFIG_NUMA: memblock_add() and memblock_reserve() give MAX_NUMNODES */
	if (cfg->numa && prof->arch_numa)
		mb->max_numnodes = 1 << cfg->nodes_shift;
	ret = prof->select_mode(&st);
	if (!ret)
		ret = vml_riscv_add_memory(&st);
	if (!ret)
		ret = prof->place_kernel(&st);
	if (ret)
		return ret;
	mode_kmsg(&st);
	init_sections(&st);
	ret = prof->setup_bootmem(&st);
	if (!ret)
		ret = vml_riscv_reserve_early(&st);
	if (ret)
		return ret;
	vml_cmdline_unmodelled_notes(lo, cfg, riscv_unmodelled(&st));
	/* 5.10: memblock_dump_all() ends setup_bootmem(), after the DT's
	 * reservations (arch/riscv/mm/init.c; the v5.10 file itself was not
	 * read here: the 5.x layout of that function, docs/riscv64.md) */
	if (prof->memblock_dump_in_setup_bootmem)
		lo->memblock_dump_reservation = lo->n_reservations;
	prof->va_areas(&st);
	ret = vml_riscv_zones_and_totals(&st);
	if (!ret)
		ret = vml_riscv_regions(&st);
	if (!ret)
		ret = prof->boot_log(&st);
	if (ret)
		return ret;
	vml_riscv_linear_map_notes(&st);
	publish(&st);
	return VML_OK;
}

/* 6.12.y and 6.18.y only: 6.11's sv39 PAGE_OFFSET, 6.13+'s overflow warning
 * and 6.17's mmu-type limit are not verified here (docs/riscv64.md). */
const struct vml_layout_policy vml_riscv_policy_5_10 = {
    .arch = VML_ARCH_RISCV64,
    .profile = "5.10",
    .source = "arch/riscv/mm/init.c, asm/{pgtable,page,kasan}.h, kernel/module.c v5.10",
    .first = {5, 10},
    .last = {5, 10},
    .rules = &riscv_profile_5_10,
    .compute = compute,
};

const struct vml_layout_policy vml_riscv_policy_6_12 = {
    .arch = VML_ARCH_RISCV64,
    .profile = "6.12",
    .source = "arch/riscv/mm/init.c, kernel/pi/cmdline_early.c, asm/{pgtable,page,kasan}.h "
	      "v6.12",
    .first = {6, 12},
    .last = {6, 12},
    .rules = &riscv_profile_6_12,
    .compute = compute,
};

const struct vml_layout_policy vml_riscv_policy_6_18 = {
    .arch = VML_ARCH_RISCV64,
    .profile = "6.18",
    .source = "arch/riscv/mm/init.c, kernel/pi/{cmdline,fdt}_early.c, "
	      "asm/{pgtable,page,kasan}.h v6.18",
    .first = {6, 18},
    .last = {6, 18},
    .rules = &riscv_profile_6_18,
    .compute = compute,
};

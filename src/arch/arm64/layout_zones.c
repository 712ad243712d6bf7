/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 zones, the modelled boot allocations and MemTotal
 *
 * Zones: arch/arm64/mm/init.c zone_sizes_init() and max_zone_phys() (v6.1,
 * v6.12) with mm/mm_init.c free_area_init()'s boundaries (each zone starts
 * where the one below ends). ZONE_DMA's limit comes from the DT's
 * dma-ranges: of_dma_get_max_cpu_address(NULL), read by the host
 * (src/host/dt_dma_ranges.c) into board->dma_max_cpu_address; without a DT,
 * or without a limiting dma-ranges, it is PHYS_ADDR_MAX and ZONE_DMA is the
 * first 4 GiB. ACPI IORT is not modelled (acpi_iort_dma_get_max_cpu_address()
 * is PHYS_ADDR_MAX on a DT boot).
 *
 * MemTotal: what memblock_free_all() frees (memory outside NOMAP and
 * outside reserved) plus what is freed at the end of boot (init sections,
 * initrd) and CMA. Modelled allocations besides the reservations of
 * layout_memblock.c: the linear map's page tables (rodata=full: pages
 * only), the vmemmap struct page arrays of every present
 * section (mm/sparse.c sparse_init_nid(): one buffer of section_map_size()
 * per present section, the unused tail given back by sparse_buffer_fini();
 * when the buffer does not fit, the pages come one by one from memblock),
 * the default CMA area, the per-CPU first chunk (setup_per_cpu_areas.c), the
 * dentry and inode hash tables, and the swiotlb bounce buffer when RAM
 * reaches past the DMA limit (mem_init(), kernel/dma/swiotlb.c). docs/arm64.md lists what is not.
 */
#include "arch/arm64/boot_tables.h"
#include "arch/arm64/layout_arm64.h"
#include "vmlayout/dma_contiguous.h"
#include "vmlayout/hugetlb_cma.h"
#include "vmlayout/kfence.h"
#include "vmlayout/large_system_hash.h"
#include "vmlayout/lock_sizes.h"
#include "vmlayout/mm_sizes.h"
#include "vmlayout/numa.h"
#include "vmlayout/sparse_roots.h"
#include "vmlayout/vmemmap_tables.h"

/* of_dma_get_max_cpu_address(NULL): PHYS_ADDR_MAX without a DT. */
static uint64_t dt_dma_max_cpu_address(const struct arm64_state *st)
{
	return st->board->has_dma_max_cpu_address ? st->board->dma_max_cpu_address : ~0ULL;
}

/* fls64(): the 1-based index of the highest set bit, 0 for 0. */
static unsigned int fls64(uint64_t x)
{
	unsigned int n = 0;

	for (; x; x >>= 1)
		n++;
	return n;
}

/* v6.1 max_zone_phys(zone_bits): the mask is widened to everything when RAM
 * starts above 4 GiB, to 4 GiB when it starts above the mask. */
static uint64_t max_zone_phys_v6_1(const struct arm64_state *st, unsigned int bits)
{
	uint64_t mask = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
	uint64_t start = vml_memblock_start_of_DRAM(st->mb);

	if (start > 0xffffffffULL)
		mask = ~0ULL;
	else if (start > mask)
		mask = 0xffffffffULL;
	return vml_min(mask, vml_memblock_end_of_DRAM(st->mb) - 1) + 1;
}

/* v6.1 zone_sizes_init(): zone_dma_bits = min3(32, fls64() of the DT's and
 * of ACPI's max CPU address) (PHYS_ADDR_MAX's is 64): a DT limit of
 * 0x3fffffff (bcm2711) gives 30 bits, one of 0x5fffffff gives 31. */
void vml_arm64_zone_limits_v6_1(const struct arm64_state *st, uint64_t *dma, uint64_t *dma32)
{
	unsigned int zone_dma_bits = vml_min(32U, fls64(dt_dma_max_cpu_address(st)));

	*dma = st->cfg->zone_dma ? max_zone_phys_v6_1(st, zone_dma_bits) : 0;
	*dma32 = st->cfg->zone_dma32 ? max_zone_phys_v6_1(st, 32) : 0;
}

/* v6.12 max_zone_phys(limit) = min(limit, end - 1) + 1; zone_dma_limit is
 * min(the DT's, ACPI's max CPU address), itself (not a power of two), clamped
 * to U32_MAX when RAM starts below 4 GiB. */
void vml_arm64_zone_limits_v6_12(const struct arm64_state *st, uint64_t *dma, uint64_t *dma32)
{
	uint64_t end1 = vml_memblock_end_of_DRAM(st->mb) - 1;
	uint64_t limit = dt_dma_max_cpu_address(st);

	if (vml_memblock_start_of_DRAM(st->mb) < 0xffffffffULL)
		limit = vml_min(limit, 0xffffffffULL);
	*dma = st->cfg->zone_dma ? vml_min(limit, end1) + 1 : 0;
	*dma32 = st->cfg->zone_dma32 ? vml_min(0xffffffffULL, end1) + 1 : 0;
}

static uint64_t present_pages(const struct arm64_state *st, uint64_t lo_pfn, uint64_t hi_pfn)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = vml_max(vml_align_up(start, st->page_size) >> st->page_shift, lo_pfn);
		uint64_t e = vml_min(end >> st->page_shift, hi_pfn);

		n += e > s ? e - s : 0;
	}
	return n;
}

static void add_zone(struct arm64_state *st, const char *name, uint64_t *start_pfn,
		     uint64_t max_pfn)
{
	struct vml_zone *z = &st->lo->zones[st->lo->n_zones++];
	uint64_t end = vml_max(max_pfn, *start_pfn);

	z->name = name;
	z->start_pfn = *start_pfn;
	z->end_pfn = end;
	z->present_pages = present_pages(st, *start_pfn, end);
	*start_pfn = end;
}

int vml_arm64_zones(struct arm64_state *st)
{
	uint64_t dma, dma32, pfn = vml_memblock_start_of_DRAM(st->mb) >> st->page_shift;

	st->prof->zone_limits(st, &dma, &dma32);
	if (st->cfg->zone_dma)
		add_zone(st, "DMA", &pfn, dma >> st->page_shift);
	if (st->cfg->zone_dma32)
		add_zone(st, "DMA32", &pfn, dma32 >> st->page_shift);
	add_zone(st, "Normal", &pfn, vml_memblock_end_of_DRAM(st->mb) >> st->page_shift);
	st->lo->page_shift = st->page_shift;
	st->lo->early_node_ranges = true; /* free_area_init(), mm/page_alloc.c v6.1 */
	return VML_OK;
}

static int early_alloc(struct arm64_state *st, const char *name, uint64_t size, uint64_t align,
		       uint64_t limit, vml_phys_t *out)
{
	int ret = vml_memblock_alloc_try_nid(st->mb, size, align, 0, limit, out, st->diag);

	if (ret)
		return vml_fail(st->diag, VML_ENOMEM, "out of memory for an early allocation", 0,
				size, -1);
	return vml_layout_add_reservation(st->lo, name, *out, size, false, st->diag);
}

/* Present memory sections: SECTION_SIZE_BITS 27 (4K, 16K) or 29 (64K),
 * asm/sparsemem.h v6.12 (v6.1: the same values). */
static uint64_t present_sections(const struct arm64_state *st, unsigned int section_bits)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0, last = ~0ULL;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = start >> section_bits, e = (end - 1) >> section_bits;

		if (s == last)
			s++;
		if (e >= s)
			n += e - s + 1;
		last = e;
	}
	return n;
}

/* sparse_init() -> memblocks_present(): SPARSEMEM_EXTREME's root array and
 * one page of struct mem_section per used root (sparse_roots.h);
 * MAX_PHYSMEM_BITS = PHYS_MASK_SHIFT (asm/sparsemem.h v6.1, v6.12), 48 at
 * run time on an LPA2 build whose CPU lacks LPA2 (v6.12 pgtable-prot.h). */
static int mem_section_table(struct arm64_state *st, unsigned int section_bits)
{
	bool ext = st->cfg->page_extension;
	uint64_t per_root = vml_sections_per_root(st->page_size, ext);
	uint64_t roots =
	    vml_mem_section_roots_bytes(st->phys_mask_shift, section_bits, st->page_size, ext);
	uint64_t root = 0;
	vml_phys_t base;
	int nid, ret = VML_OK;

	if (roots)
		ret = early_alloc(st, "mem_section roots", roots, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
				  &base);
	/* each root's page on the node of the memory that reaches it first
	 * (memblock_alloc_node(): that node, then any) */
	while (!ret && vml_numa_next_root(st->mb, section_bits, per_root, &root, &nid)) {
		uint64_t size = per_root * (ext ? 32 : 16);

		if (vml_memblock_alloc_nid(st->mb, size, 64, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
					   st->lo->n_nodes ? nid : VML_NUMA_NO_NODE, &base, NULL))
			return vml_fail(st->diag, VML_ENOMEM,
					"out of memory for an early allocation", 0, size, -1);
		ret =
		    vml_layout_add_reservation(st->lo, "mem_section", base, size, false, st->diag);
	}
	return ret;
}

/* The table levels vmemmap_populate() fills (asm/pgtable-hwdef.h): with 4K
 * pages PMD blocks, so tables from the PMD table (2^(PAGE_SHIFT + 2 *
 * (PAGE_SHIFT - 3)) of VA each) up; with 16K/64K base pages, from the PTE
 * table up; to the level below the root. An LPA2 build on a CPU without
 * LPA2 walks one level less (as linear_map_tables()). */
static unsigned int vmemmap_table_levels(const struct arm64_state *st, unsigned int *first_shift)
{
	unsigned int bits = st->page_shift - 3, levels = st->levels;
	unsigned int leaf_tables = st->page_shift == 12 ? 2 : 1;

	if (st->va_bits == 52 && st->vabits_actual != 52 && st->page_shift != 16)
		levels--;
	*first_shift = st->page_shift + leaf_tables * bits;
	return levels > leaf_tables ? levels - leaf_tables : 0;
}

/* The tables the sections [first, end) need, in VA order: section s's
 * struct pages at pfn_to_page() = VMEMMAP_START + (pfn - memstart_addr's
 * pfn) * 64 (asm/memory.h vmemmap, v6.1 and v6.12). */
static uint64_t run_tables(const struct arm64_state *st, struct vml_vmemmap_tables *t,
			   unsigned int section_bits, uint64_t first, uint64_t end)
{
	uint64_t per_section = (1ULL << (section_bits - st->page_shift)) * ARM64_STRUCT_PAGE_SIZE;
	unsigned int first_shift, n_levels = vmemmap_table_levels(st, &first_shift);
	uint64_t n = 0, s = first;

	for (; s < end && vml_numa_next_present_section(st->mb, section_bits, s, &s) && s < end;
	     s++) {
		int64_t pages =
		    (int64_t)((s << section_bits) - st->memstart_addr) / (int64_t)st->page_size;
		uint64_t va = st->vmemmap_start + (uint64_t)pages * ARM64_STRUCT_PAGE_SIZE;

		n += vml_vmemmap_new_tables(t, va, per_section, first_shift, st->page_shift - 3,
					    n_levels);
	}
	return n;
}

/* sparse_init_nid() with SPARSEMEM_VMEMMAP, once per run of one node's
 * sections [first, end) (vml_numa_next_section_run()): a buffer of
 * section_map_size() = ALIGN(PAGES_PER_SECTION * sizeof(struct page),
 * PMD_SIZE) per section, on that node only (memblock_alloc_exact_nid_raw());
 * then vmemmap_populate() of each section takes its missing tables
 * (vmemmap_tables.h); 4K maps the buffer with PMD blocks and uses all of it,
 * 16K/64K map base pages and use PAGES_PER_SECTION * 64 bytes of each, the
 * rest freed by sparse_buffer_fini(), after the tables. Without a buffer,
 * vmemmap_alloc_block() takes the pages from the node, else anywhere
 * (vmlayout takes the tables after them, not interleaved). */
static uint64_t present_in(const struct arm64_state *st, unsigned int section_bits, uint64_t first,
			   uint64_t end)
{
	uint64_t n = 0, s = first;

	for (; s < end && vml_numa_next_present_section(st->mb, section_bits, s, &s) && s < end;
	     s++)
		n++;
	return n;
}

/* mem_section_usage_size() (mm/sparse.c v6.1, v6.12): struct
 * mem_section_usage (a struct rcu_head, 16 bytes, in both: Debian's 6.1.192
 * has it; the subsection bitmap, one bit per 2 MiB of the section) and
 * usemap_size(), NR_PAGEBLOCK_BITS (4) bits per pageblock (pageblock_order
 * = PMD_SHIFT - PAGE_SHIFT), both in longs. */
static uint64_t mem_section_usage_size(const struct arm64_state *st, unsigned int section_bits)
{
	uint64_t subsections = 1ULL << (section_bits - 21);
	uint64_t blockflags = (1ULL << (section_bits - (2 * st->page_shift - 3))) * 4;

	return 16 + vml_align_up(subsections, 64) / 8 + vml_align_up(blockflags, 64) / 8;
}

/* sparse_init_nid() -> sparse_early_usemaps_alloc_pgdat_section() with
 * CONFIG_MEMORY_HOTREMOVE (Debian's, v6.1 and v6.12):
 * memblock_alloc_try_nid(size, SMP_CACHE_BYTES, goal, goal + section, nid)
 * with goal the section of the node's pg_data_t (the image's
 * contig_page_data without NUMA: the section of _text), then without the
 * limit; kept. */
static int section_usage(struct arm64_state *st, unsigned int section_bits, uint64_t sections,
			 int nid)
{
	const uint64_t size = mem_section_usage_size(st, section_bits) * sections;
	uint64_t goal = st->pa_text;
	int goal_nid = VML_NUMA_NO_NODE;
	vml_phys_t base;

	for (unsigned int i = 0; i < st->lo->n_nodes; i++)
		if (st->lo->nodes[i].nid == nid && st->lo->nodes[i].node_data_size) {
			goal = st->lo->nodes[i].node_data;
			goal_nid = st->lo->nodes[i].node_data_nid;
		}
	goal = vml_align_down(goal, 1ULL << section_bits);
	if (vml_memblock_alloc_nid(st->mb, size, 64, goal, goal + (1ULL << section_bits), goal_nid,
				   &base, NULL) &&
	    vml_memblock_alloc_nid(st->mb, size, 64, goal, VML_MEMBLOCK_ALLOC_ACCESSIBLE, goal_nid,
				   &base, NULL))
		return vml_fail(st->diag, VML_ENOMEM, "out of memory for the sections' usemaps", 0,
				size, -1);
	return vml_layout_add_reservation(st->lo, "mem_section usage", base, size, false, st->diag);
}

static int vmemmap_run(struct arm64_state *st, struct vml_vmemmap_tables *t, uint64_t first,
		       uint64_t end, int nid)
{
	unsigned int section_bits = st->page_shift == 16 ? 29 : 27;
	uint64_t used = (1ULL << (section_bits - st->page_shift)) * ARM64_STRUCT_PAGE_SIZE;
	uint64_t map = vml_align_up(used, 1ULL << (2 * st->page_shift - 3));
	uint64_t n = present_in(st, section_bits, first, end), tail = 0;
	uint64_t tables = run_tables(st, t, section_bits, first, end);
	vml_phys_t base;
	int ret;

	ret = section_usage(st, section_bits, n, nid);
	if (ret)
		return ret;
	if (!st->lo->n_nodes)
		nid = VML_NUMA_NO_NODE;
	ret = vml_memblock_alloc_exact_nid(st->mb, n * map, map, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
					   nid, &base, NULL);
	if (!ret)
		tail = n * (map - used);
	else
		ret = vml_memblock_alloc_nid(st->mb, n * used, st->page_size, 0,
					     VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid, &base, NULL);
	if (ret)
		return vml_fail(st->diag, VML_ENOMEM, "no room for the vmemmap struct pages", 0,
				n * used, -1);
	ret = vml_layout_add_reservation(st->lo, "vmemmap (struct page)", base, n * used, false,
					 st->diag);
	if (!ret)
		ret = vml_vmemmap_take_tables(st->mb, st->lo, tables, st->page_size, nid, st->diag);
	if (!ret && tail)
		ret = vml_memblock_free(st->mb, base + n * used, tail, st->diag);
	return ret;
}

static int vmemmap(struct arm64_state *st)
{
	unsigned int section_bits = st->page_shift == 16 ? 29 : 27;
	struct vml_vmemmap_tables t = {0};
	uint64_t section = 0, first, n;
	unsigned int first_shift, n_levels = vmemmap_table_levels(st, &first_shift);
	int nid, ret;

	if (!present_sections(st, section_bits))
		return VML_OK;
	/* early_fixmap_init()'s tables are the image's bm_pud/bm_pmd/bm_pte
	 * (mm/fixmap.c v6.12, mm/mmu.c v6.1): a vmemmap in the same top-level
	 * entry (v6.9+: 64K/48, the fixmap in the last GiB above it) shares them */
	vml_vmemmap_tables_exist(&t, st->fixaddr_tot_start, st->fixaddr_top - st->fixaddr_tot_start,
				 first_shift, st->page_shift - 3, n_levels);
	ret = mem_section_table(st, section_bits);
	while (!ret && vml_numa_next_section_run(st->mb, section_bits, &section, &first, &n, &nid))
		ret = vmemmap_run(st, &t, first, section, nid);
	return ret;
}

static struct vml_numa_rules numa_rules(const struct arm64_state *st)
{
	const bool k16 = st->page_size == 0x4000 /* 16K */ && st->prof->node_data_size_16k;
	const struct vml_numa_rules rules = {
	    .flavour = st->prof->numa_flavour,
	    .max_numnodes = 1 << st->cfg->nodes_shift,
	    .numa_off = st->cfg->numa_off,
	    .node_data_size = k16 ? st->prof->node_data_size_16k : st->prof->node_data_size,
	    .page_size = st->page_size,
	};

	return rules;
}

/* numa_init() -> setup_node_to_cpumask_map() (drivers/base/arch_numa.c
 * v6.12) with CONFIG_CPUMASK_OFFSTACK: alloc_bootmem_cpumask_var() per node
 * id below nr_node_ids (the highest node + 1), memblock_alloc(
 * cpumask_size(), SMP_CACHE_BYTES); cpumask_size() is nr_cpu_ids bits in
 * longs (include/linux/cpumask.h, NR_CPUS > 4 longs of bits), nr_cpu_ids
 * still NR_CPUS or nr_cpus= (setup_nr_cpu_ids() comes later). */
static int node_to_cpumask_map(struct arm64_state *st)
{
	unsigned int nr_cpus = st->cfg->nr_cpus ? st->cfg->nr_cpus : st->prof->nr_cpus_default;
	uint64_t size;
	int nr_node_ids = 1;
	vml_phys_t base;
	int ret = VML_OK;

	if (!st->prof->cpumask_offstack_above_256 || nr_cpus <= 256)
		return VML_OK;
	if (st->cfg->nr_cpus_arg && st->cfg->nr_cpus_arg < nr_cpus)
		nr_cpus = st->cfg->nr_cpus_arg;
	size = vml_align_up(nr_cpus, 64) / 8;
	for (unsigned int i = 0; i < st->lo->n_nodes; i++)
		nr_node_ids = vml_max(nr_node_ids, st->lo->nodes[i].nid + 1);
	for (int nid = 0; !ret && nid < nr_node_ids; nid++)
		ret = early_alloc(st, "node_to_cpumask_map", size, 64,
				  VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base);
	return ret;
}

/* bootmem_init() -> arch_numa_init() (drivers/base/arch_numa.c v6.1, v6.12):
 * the DT's numa-node-id and distance map, a NODE_DATA per node (the
 * profile's node_data_size: 0x2c80 in Debian's 6.1 ("NUMA: NODE_DATA [mem
 * 0x7fffd380-0x7fffffff]" on the arm64-4g-numa2 board), 0x3740 in its 6.12). */
static int numa(struct arm64_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);
	int ret;

	if (!st->cfg->numa)
		return VML_OK;
	ret = vml_numa_init(st->mb, st->board, &rules, st->lo, st->diag);
	if (!ret)
		vml_numa_node_zones(st->lo, st->mb, st->page_shift);
	if (!ret)
		ret = node_to_cpumask_map(st);
	return ret;
}

/* setup_arch() -> smp_init_cpus(): the cpus' nodes (v6.1, v6.12). */
static void numa_map_cpus(struct arm64_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);

	if (st->cfg->numa && st->lo->n_nodes)
		vml_numa_map_cpus(st->lo, st->board, &rules);
}

/* start_kernel() -> build_all_zonelists(), after setup_per_cpu_areas():
 * "Fallback order for Node N: ..." (v6.1, v6.12). */
static void numa_fallback_order(struct arm64_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);

	if (st->cfg->numa && st->lo->n_nodes)
		vml_numa_fallback_order(st->lo, &rules);
}

/* arm64_dma_phys_limit (arch/arm64/mm/init.c zone_sizes_init()): the
 * ZONE_DMA limit, else ZONE_DMA32's, else PHYS_MASK + 1. v6.12 sets that last
 * one in zone_sizes_init(); v6.1 has it as the variable's initial value when
 * neither DMA zone is built, and this returns 0 for it instead: the callers
 * read 0 as no limit (the CMA limit becomes the end of DRAM, no swiotlb, and
 * the v6.1 crash kernel passes PHYS_MASK + 1 itself), the same results. Not
 * modelled: DT dma-ranges and ACPI IORT, which lower the ZONE_DMA limit (a
 * Raspberry Pi 4's is 1 GiB; docs/arm64.md "crashkernel= and cma="). */
uint64_t vml_arm64_dma_phys_limit(const struct arm64_state *st)
{
	uint64_t dma, dma32;

	st->prof->zone_limits(st, &dma, &dma32);
	if (dma)
		return dma;
	if (dma32)
		return dma32;
	return st->prof->dma_limit_phys_mask ? 1ULL << st->phys_mask_shift : 0;
}

/* bootmem_init() -> arm64_hugetlb_cma_reserve() (arch/arm64/mm/
 * hugetlbpage.c v6.1, v6.12), right after arch_numa_init(), with CMA and
 * HUGETLB_PAGE: hugetlb_cma_reserve(PUD_SHIFT - PAGE_SHIFT) with 4K pages
 * (pud_sect_supported()), else CONT_PMD_SHIFT - PAGE_SHIFT (32 PMDs: 1 GiB
 * with 16K pages, 16 GiB with 64K). v6.1 aligns each area to PAGE_SIZE <<
 * HUGETLB_PAGE_ORDER (a PMD), v6.12 to the gigantic page (mm/hugetlb.c).
 * The 6.18 profile keeps a note (mm/hugetlb_cma.c there was not read). */
bool vml_arm64_hugetlb_cma_modelled(const struct arm64_state *st)
{
	return st->cfg->cma && st->cfg->hugetlb_page &&
	       st->prof->crash_parse != VML_CRASH_PARSE_V6_18;
}

static int hugetlb_cma(struct arm64_state *st)
{
	const unsigned int pmd_shift = 2 * st->page_shift - 3;
	const uint64_t gigantic = st->page_shift == 12 ? VML_SZ_1G : 32ULL << pmd_shift;
	const struct vml_hugetlb_cma_env env = {
	    gigantic,
	    st->prof->crash_parse == VML_CRASH_PARSE_V6_1 ? 1ULL << pmd_shift : gigantic,
	    st->cfg->numa ? 1u << st->cfg->nodes_shift : 1,
	    st->cfg->numa,
	    {1ULL << pmd_shift, 0, true, st->prof->crash_parse == VML_CRASH_PARSE_V6_12, false, 0,
	     false}};

	if (!vml_arm64_hugetlb_cma_modelled(st))
		return VML_OK;
	return vml_hugetlb_cma_reserve(st->mb, st->lo, st->cfg, &env, st->diag);
}

/* The messages: v6.12's mm/cma.c adds " on node -1"; v6.1 has none, and
 * the multi-range CMA series (lkml "[PATCH v4 02/27] mm, cma: support
 * multiple contiguous ranges", for v6.15) moves them into a wrapper without
 * the node again: taken for the 6.18 profile (not read in a v6.18 tree;
 * v7.2.13's cma_declare_contiguous_nid() prints them so). */

/* bootmem_init() -> dma_contiguous_reserve(arm64_dma_phys_limit)
 * (kernel/dma/contiguous.c, mm/cma.c cma_declare_contiguous_nid(), v6.1 and
 * v6.12): CONFIG_CMA_SIZE_MBYTES, or cma=SIZE[@BASE[-LIMIT]] (core
 * dma_contiguous.c: the request and its checks, a fixed base), aligned to a
 * pageblock, below the limit (0: the end of DRAM); with RAM reaching 4 GiB +
 * size a bottom-up try in [4 GiB, limit) first, then top-down in [base,
 * limit) (v6.17+ cma_alloc_mem() asks limit >= 4 GiB + size instead: the
 * same placements, as a window [4 GiB, limit) smaller than size finds
 * nothing either way). The 6.18 profile takes a cma= limit above
 * arm64_dma_phys_limit as it is (v6.16). arm64 has no highmem: __pa(high_memory - 1) + 1 is the end
 * of DRAM. Its pages are given to the buddy allocator: they count in MemTotal. */
static int default_cma(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const uint64_t dram_end = vml_memblock_end_of_DRAM(st->mb);
	const struct vml_cma_env env = {
	    .align = 1ULL << (2 * st->page_shift - 3),
	    .highmem_start = dram_end,
	    .pa_64bit = true,
	    .node_suffix = st->prof->crash_parse == VML_CRASH_PARSE_V6_12,
	    .fixed_boundary_highmem_only =
		vml_arm64_since(st, st->prof->cma_fixed_boundary_highmem_only_since),
	};
	struct vml_cma_select sel;
	vml_phys_t addr = 0;
	bool done, reserved;
	int ret = VML_ENOMEM;

	vml_dma_contiguous_select(cfg, cfg->cma_size_mbytes << 20, vml_arm64_dma_phys_limit(st),
				  true, st->prof->cma_cmdline_limit_wins, &sel);
	if (!cfg->cma || !sel.size || st->cma_size)
		return VML_OK;
	ret = vml_cma_declare_checks(st->mb, st->lo, &sel, &env, &done, &reserved, st->diag);
	if (ret || (done && !reserved))
		return ret;
	addr = sel.base;
	ret = VML_ENOMEM;
	if (!done && dram_end >= VML_SZ_4G + sel.size && sel.limit > VML_SZ_4G) {
		vml_memblock_set_bottom_up(st->mb, true);
		ret = vml_memblock_phys_alloc_range(st->mb, sel.size, env.align, VML_SZ_4G,
						    sel.limit, &addr, NULL);
		vml_memblock_set_bottom_up(st->mb, false);
	}
	if (!done && ret)
		ret = vml_memblock_phys_alloc_range(st->mb, sel.size, env.align, sel.base,
						    sel.limit, &addr, NULL);
	if (!done && ret) {
		vml_cma_failed_msg(st->lo, &env, sel.size);
		return VML_OK;
	}
	if (!done)
		vml_cma_reserved_msg(st->lo, &env, addr, sel.size);
	st->cma_base = addr;
	st->cma_size = sel.size;
	return vml_layout_add_reservation(st->lo, "cma", addr, sel.size, true, st->diag);
}

/* v6.1 free_area_init_core() (mm/page_alloc.c): per zone, the present
 * pages minus its memmap, calc_memmap_size() = PAGE_ALIGN(spanned * 64)
 * (present instead of spanned when the zone has large holes, SPARSEMEM). */
static uint64_t zones_kernel_pages(const struct vml_zone *zones, unsigned int n_zones,
				   uint64_t page_size)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < n_zones; i++) {
		const struct vml_zone *z = &zones[i];
		uint64_t spanned = z->end_pfn - z->start_pfn, present = z->present_pages;
		uint64_t memmap_pages;

		if (spanned > present + (present >> 4))
			spanned = present;
		memmap_pages = vml_memmap_pages(spanned, ARM64_STRUCT_PAGE_SIZE, page_size);
		if (present >= memmap_pages)
			n += present - memmap_pages;
	}
	return n;
}

/* ... summed over the nodes' zones with NUMA (free_area_init_node() per
 * node). */
uint64_t vml_arm64_nr_kernel_pages_v6_1(const struct arm64_state *st)
{
	uint64_t n = 0;

	if (!st->lo->n_nodes)
		return zones_kernel_pages(st->lo->zones, st->lo->n_zones, st->page_size);
	for (unsigned int k = 0; k < st->lo->n_nodes; k++)
		n += zones_kernel_pages(st->lo->nodes[k].zones, st->lo->nodes[k].n_zones,
					st->page_size);
	return n;
}

/* v6.12 mm/mm_init.c calc_nr_kernel_pages(): the free memblock pages when
 * free_area_init() runs (after sparse_init()). */
uint64_t vml_arm64_nr_kernel_pages_v6_12(const struct arm64_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0;

	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s = vml_align_up(start, st->page_size) >> st->page_shift;
		uint64_t e = end >> st->page_shift;

		n += e > s ? e - s : 0;
	}
	return n;
}

static int hash_alloc(void *ctx, const char *name, uint64_t size)
{
	vml_phys_t base;

	return early_alloc(ctx, name, size, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base);
}

/* vfs_caches_init_early(): the dentry ("Dentry cache", scale 13,
 * dhash_entries=) and inode ("Inode-cache", scale 14, ihash_entries=) hash
 * tables of 8-byte buckets, from memblock with their boot lines when
 * hashdist is 0 (fs/dcache.c, fs/inode.c, alloc_large_system_hash() in
 * mm/page_alloc.c v6.1, mm/mm_init.c v6.12; vml_hashdist()). Otherwise
 * they come from vmalloc later, after memblock_free_all(), and leave
 * MemTotal alone. */
static struct vml_vfs_hash_tables vfs_hash_tables(const struct arm64_state *st, uint64_t pages)
{
	const struct vml_vfs_hash_tables t = {
	    .memory = {.nr_kernel_pages = pages,
		       .nr_all_pages = pages,
		       .bucketsize = 8,
		       .page_shift = st->page_shift,
		       .adapt = true},
	    .long_bits = 64,
	    .print = true,
	};

	return t;
}

static int hash_tables(struct arm64_state *st, uint64_t pages)
{
	const struct vml_vfs_hash_tables t = vfs_hash_tables(st, pages);

	if (vml_hashdist(st->cfg, vml_numa_memory_nodes(st->lo)))
		return VML_OK;
	return vml_vfs_caches_init_early(st->lo, st->cfg, &t, hash_alloc, st);
}

#define IO_TLB_SHIFT 11		       /* a 2 KiB slab (include/linux/swiotlb.h) */
#define IO_TLB_SEGSIZE 128ULL	       /* slabs a segment */
#define IO_TLB_DEFAULT_NSLABS 32768ULL /* IO_TLB_DEFAULT_SIZE, 64 MiB */
#define IO_TLB_SLOT_BYTES 24ULL	       /* sizeof(struct io_tlb_slot) */

static uint64_t roundup_pow_of_two(uint64_t n)
{
	uint64_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* num_possible_cpus() (smp_init_cpus(), smp_cpus.c), without its messages
 * (setup_per_cpu_areas() printed them) */
static unsigned int possible_cpus(const struct arm64_state *st)
{
	struct vml_pcpu_cpus cpus;
	unsigned int nr_cpus = st->cfg->nr_cpus ? st->cfg->nr_cpus : st->prof->nr_cpus_default;

	if (!st->board)
		return 1;
	vml_arm64_possible_cpus(st->board, nr_cpus, st->cfg->nr_cpus_arg, &cpus, NULL);
	return cpus.n;
}

/* mem_init() (arch/arm64/mm/init.c v6.12): without a swiotlb for ZONE_DMA
 * (max_pfn within arm64_dma_phys_limit), DMA_BOUNCE_UNALIGNED_KMALLOC (which
 * arm64 selects) sizes one for kmalloc() bouncing, 1 MiB per GiB of
 * memblock_phys_mem_size() (NOMAP included), at most the default:
 * swiotlb_adjust_size() (kernel/dma/swiotlb.c) aligns it to a slab and the
 * slab count to IO_TLB_SEGSIZE. Returns the slabs, 0: no swiotlb. */
static uint64_t swiotlb_nslabs(struct arm64_state *st, uint64_t limit)
{
	uint64_t size;

	if (limit && vml_memblock_end_of_DRAM(st->mb) > limit)
		return IO_TLB_DEFAULT_NSLABS;
	if (!vml_arm64_since(st, st->prof->swiotlb_kmalloc_bounce_since))
		return 0;
	size = vml_min((vml_memblock_phys_mem_size(st->mb) + 1023) / 1024,
		       IO_TLB_DEFAULT_NSLABS << IO_TLB_SHIFT);
	size = vml_align_up(size, 1ULL << IO_TLB_SHIFT);
	vml_layout_kmsg(st->lo, "software IO TLB: SWIOTLB bounce buffer size adjusted to %lluMB\n",
			size >> 20, 0, 0, 0);
	return vml_align_up(size >> IO_TLB_SHIFT, IO_TLB_SEGSIZE);
}

/* With hashdist, vfs_caches_init() later takes the two tables from
 * vmalloc_huge() and prints their lines (vml_vfs_caches_init_late()):
 * HAVE_ARCH_HUGE_VMALLOC (arch/arm64/Kconfig v6.1, v6.12);
 * arch_vmap_pmd_supported() is !PTDUMP_DEBUGFS in v6.1 and v6.12 and true
 * in 7.2.13, which also has arch_vmap_pte_supported_shift()'s CONT_PTE runs
 * (asm/vmalloc.h; the 6.18 profile takes both from 7.2.13, not read in a
 * v6.18 tree). */
static void hash_tables_late(struct arm64_state *st, uint64_t pages)
{
	const bool v6_18 = vml_str_eq(st->prof->name, "6.18");
	const struct vml_vfs_hash_tables t = vfs_hash_tables(st, pages);
	/* CONT_PTES: 16 with 4K and 64K pages, 128 with 16K (asm/pgtable-hwdef.h) */
	const struct vml_huge_vmalloc hv = {
	    .allowed = !st->cfg->nohugevmalloc && (v6_18 || !st->cfg->ptdump_debugfs),
	    .pmd_size = 1ULL << (2 * st->page_shift - 3),
	    .cont_pte_size = v6_18 ? st->page_size * (st->page_shift == 14 ? 128 : 16) : 0,
	    .online_nodes = st->lo->n_nodes,
	};

	if (vml_hashdist(st->cfg, vml_numa_memory_nodes(st->lo)))
		vml_vfs_caches_init_late(st->lo, st->cfg, &t, &hv);
}

/* swiotlb_init_remap() (kernel/dma/swiotlb.c, v6.1 and v6.12): one area per
 * possible cpu, rounded up to a power of two (swiotlb_adjust_nareas()); the
 * slab count raised to a segment per area, or to a power of two
 * (round_up_default_nslabs()); the buffer below the DMA limit
 * (memblock_alloc_low(), ARCH_LOW_ADDRESS_LIMIT = arm64_dma_phys_limit - 1),
 * its slot array (memblock_alloc(), PAGE_SIZE) and the areas
 * (SMP_CACHE_BYTES). */
static int swiotlb(struct arm64_state *st)
{
	uint64_t limit = vml_arm64_dma_phys_limit(st);
	uint64_t nslabs = swiotlb_nslabs(st, limit);
	uint64_t nareas, rounded;
	vml_phys_t base;
	int ret;

	if (!nslabs)
		return VML_OK;
	nareas = roundup_pow_of_two(possible_cpus(st));
	vml_layout_kmsg(st->lo, "software IO TLB: area num %llu.\n", nareas, 0, 0, 0);
	rounded = roundup_pow_of_two(vml_max(nslabs, IO_TLB_SEGSIZE * nareas));
	if (rounded != nslabs)
		vml_layout_kmsg(st->lo,
				"software IO TLB: SWIOTLB bounce buffer size roundup to %lluMB\n",
				(rounded << IO_TLB_SHIFT) >> 20, 0, 0, 0);
	nslabs = rounded; /* now a segment per area: limit_nareas() keeps them */
	ret = early_alloc(st, "swiotlb buffer", vml_align_up(nslabs << IO_TLB_SHIFT, st->page_size),
			  st->page_size, limit ? limit : VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base);
	if (!ret)
		vml_layout_kmsg(
		    st->lo, "software IO TLB: mapped [mem 0x%016llx-0x%016llx] (%lluMB)\n", base,
		    base + (nslabs << IO_TLB_SHIFT), (nslabs << IO_TLB_SHIFT) >> 20, 0);
	if (!ret)
		ret = early_alloc(st, "swiotlb slots",
				  vml_align_up(nslabs * IO_TLB_SLOT_BYTES, st->page_size),
				  st->page_size, VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base);
	return ret ? ret
		   : early_alloc(st, "swiotlb areas", nareas * vml_io_tlb_area_size(st->cfg, 8), 64,
				 VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base);
}

static uint64_t pages_in(const struct arm64_state *st, uint64_t start, uint64_t end)
{
	uint64_t s = vml_align_up(start, st->page_size) >> st->page_shift;
	uint64_t e = end >> st->page_shift;

	return e > s ? e - s : 0;
}

/* How many distinct 2^shift-sized pieces of the linear map hold RAM that
 * map_mem() maps (memory outside NOMAP, in pages as vml_arm64_map_mem_bounds()
 * rounds it). */
static uint64_t linear_spans(const struct arm64_state *st, unsigned int shift)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0, last = ~0ULL;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s, e;

		vml_arm64_map_mem_bounds(st->prof->map_mem_outward, st->page_size, start, end,
					 &start, &end);
		if (start >= end)
			continue;
		s = vml_arm64_phys_to_virt(st, start) >> shift;
		e = vml_arm64_phys_to_virt(st, end - 1) >> shift;
		if (s == last)
			s++;
		if (e >= s)
			n += e - s + 1;
		last = e;
	}
	return n;
}

/* map_mem() maps the kernel alias [_stext or _text, __init_begin) on its own
 * call with blocks allowed (NO_CONT_MAPPINGS only): its PMD-aligned chunks
 * need no PTE table. Needs the image's section offsets (System.map). */
static uint64_t alias_blocks(const struct arm64_state *st)
{
	uint64_t pmd = 1ULL << (2 * st->page_shift - 3);
	uint64_t start = st->pa_text + (st->prof->image_from_stext ? st->stext_off : 0);
	uint64_t end = st->pa_text + st->init_off;

	if (!st->init_off || end <= start)
		return 0;
	start = vml_align_up(vml_arm64_phys_to_virt(st, start), pmd);
	end = vml_align_down(vml_arm64_phys_to_virt(st, end), pmd);
	return end > start ? (end - start) / pmd : 0;
}

/* CONFIG_KFENCE whose pool does not come from map_mem(), so that
 * can_set_direct_map() is true whatever rodata= says: v6.1 .. v6.3 (the
 * tag: IS_ENABLED(CONFIG_KFENCE)) always; from v6.4 (kfence_early_pool_since;
 * read in v6.12, v6.18 and Debian's 6.1.192)
 * arm64_kfence_can_set_direct_map() when kfence_early_init is false
 * (arch/arm64/mm/mmu.c): CONFIG_KFENCE_SAMPLE_INTERVAL=0 (Debian 13's
 * config) and no early kfence.sample_interval= turning it on, or the early
 * pool's allocation failed (kfence_pool() below, which runs first). */
static bool kfence_forces_pages(const struct arm64_state *st)
{
	if (!st->cfg->kfence)
		return false;
	return !st->kfence_early_pool;
}

/* can_set_direct_map() (mm/pageattr.c v6.1, v6.12): rodata_full, from
 * RODATA_FULL_DEFAULT_ENABLED (y; vmlayout takes it as set) and "rodata="
 * (asm/setup.h arch_parse_debug_rodata(): full sets it, off and on clear it
 * before v6.16, on sets it since; noalias (v6.16+) clears it; a value the
 * version does not take is ignored: vml_rodata_effective()), or
 * debug_pagealloc=on, or KFENCE without its early pool (kfence_forces_pages()). */
static bool linear_map_in_pages(const struct arm64_state *st)
{
	/* v6.1 map_mem(): crash_mem_map with a deferred reservation */
	if (st->lo->crash_linear_map == VML_CRASH_MAP_ALL_PAGES || kfence_forces_pages(st))
		return true;
	switch (st->lo->rodata_arg) {
	case VML_RODATA_OFF:
	case VML_RODATA_NOALIAS:
		return st->lo->debug_pagealloc;
	case VML_RODATA_ON:
		return st->prof->rodata_on_is_full || st->lo->debug_pagealloc;
	default:
		return true;
	}
}

/* The whole aligned 2^shift pieces of the linear map in [s, e) (physical). */
static uint64_t pieces_in(const struct arm64_state *st, uint64_t s, uint64_t e, unsigned int shift)
{
	uint64_t a, b;

	if (s >= e)
		return 0;
	a = vml_align_up(vml_arm64_phys_to_virt(st, s), 1ULL << shift) >> shift;
	b = (vml_arm64_phys_to_virt(st, e - 1) + 1) >> shift;
	return b > a ? b - a : 0;
}

/* The 2^shift pieces of the linear map that map_mem() covers with one block
 * of that size: a whole aligned piece inside one __create_pgd_mapping() call
 * (one memblock range outside NOMAP, cut at the kernel alias, which is mapped
 * by its own call: memblock_mark_nomap() splits the ranges). A region
 * NOMAP for the loop and mapped alone with pages holds no block: v6.1's
 * crash kernel reserved early (crash_mem_map), v6.12's early KFENCE pool
 * (arm64_kfence_alloc_pool(), arm64_kfence_map_pool()). */
static uint64_t linear_block_pieces(const struct arm64_state *st, unsigned int shift)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const bool crash = st->lo->crash_linear_map == VML_CRASH_MAP_REGION_PAGES;
	const uint64_t as = st->pa_text + (st->prof->image_from_stext ? st->stext_off : 0);
	const uint64_t ae = st->init_off ? st->pa_text + st->init_off : as;
	const uint64_t cs = crash ? st->lo->crashk_base : st->kfence_pool_base;
	const uint64_t ce =
	    crash ? cs + st->lo->crashk_size : st->kfence_pool_base + st->kfence_pool_size;
	vml_phys_t start, end;
	uint64_t n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t cut[6], rs, re;
		unsigned int k = 0;

		vml_arm64_map_mem_bounds(st->prof->map_mem_outward, st->page_size, start, end, &rs,
					 &re);
		cut[k++] = rs;
		cut[k++] = vml_min(vml_max(as, rs), re);
		cut[k++] = vml_min(vml_max(ae, rs), re);
		cut[k++] = vml_min(vml_max(cs, rs), re);
		cut[k++] = vml_min(vml_max(ce, rs), re);
		cut[k++] = re;
		for (unsigned int i = 1; i < k; i++) /* insertion sort, 6 points */
			for (unsigned int j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
				uint64_t t = cut[j];

				cut[j] = cut[j - 1];
				cut[j - 1] = t;
			}
		for (unsigned int i = 0; i + 1 < k; i++)
			if (!(cut[i] >= cs && cut[i + 1] <= ce && cs < ce))
				n += pieces_in(st, cut[i], cut[i + 1], shift);
	}
	return n;
}

/* paging_init() -> map_mem() (mm/mmu.c v6.1, v6.12): with rodata=full, the
 * default (RODATA_FULL_DEFAULT_ENABLED=y), can_set_direct_map() is true and
 * the linear map is made of pages (NO_BLOCK_MAPPINGS): one PTE table per
 * PMD_SIZE of mapped RAM (but the kernel alias's blocks), one PMD table per
 * PUD_SIZE, and so on up to the root (swapper_pg_dir, in the image). Each
 * table is a page from
 * early_pgtable_alloc(), top-down anywhere: modelled as one block. v6.18
 * maps with blocks when the boot CPU has BBML2_NOABORT; vmlayout assumes a
 * CPU without it. An LPA2 build on a CPU without LPA2 walks one level less. */
static int page_tables(struct arm64_state *st, const char *name, uint64_t tables)
{
	vml_phys_t base;

	if (!tables)
		return VML_OK;
	if (vml_memblock_alloc_try_nid(st->mb, tables * st->page_size, st->page_size, 0,
				       VML_MEMBLOCK_ALLOC_ANYWHERE, &base, NULL))
		return vml_fail(st->diag, VML_ENOMEM, "no room for the boot page tables", 0,
				tables * st->page_size, -1);
	return vml_layout_add_reservation(st->lo, name, base, tables * st->page_size, false,
					  st->diag);
}

static int linear_map_tables(struct arm64_state *st)
{
	unsigned int levels = st->levels, bits = st->page_shift - 3, shift;
	uint64_t tables = 0;

	if (st->va_bits == 52 && st->vabits_actual != 52 && st->page_shift != 16)
		levels--;
	/* the tables below the root: level 3 .. 5 - levels, each covering
	 * 2^(PAGE_SHIFT + k * (PAGE_SHIFT - 3)) */
	for (unsigned int k = 1; k < levels; k++) {
		shift = st->page_shift + k * bits;
		tables += linear_spans(st, shift);
		/* with blocks: a piece one block maps needs no table below it;
		 * PMD blocks always, PUD blocks with 4K pages (pud_sect_supported) */
		if (!linear_map_in_pages(st) && (k == 1 || (k == 2 && st->page_shift == 12)))
			tables -= vml_min(tables, linear_block_pieces(st, shift));
	}
	if (linear_map_in_pages(st))
		tables -= vml_min(tables, alias_blocks(st));
	return page_tables(st, "page tables (linear map)", tables);
}

/* mm_init() -> mem_init_print_info() (mm/page_alloc.c v6.1; mm/mm_init.c
 * v6.12), right after mem_init(): nr_free_pages() is what
 * memblock_free_all() freed (@free pages), physpages the zones' present
 * pages, totalcma_pages the CMA areas' pages (the default area and the
 * reusable shared-dma-pools). A kernel with DEFERRED_STRUCT_PAGE_INIT
 * (Debian's) prints a smaller "available" and a larger "reserved": most
 * pages are freed later, by deferred_init_memmap(); vmlayout gives the
 * figures without it. */
static void mem_init_info(struct arm64_state *st, uint64_t free)
{
	struct vml_mem_init_info *info = &st->lo->mem_init;
	const struct vml_kernel_image *img = &st->cfg->image;
	uint64_t physpages = 0, cma = 0, kb = st->page_size >> 10;

	if (!img->known || !img->stext || !img->etext || !img->start_rodata || !img->end_rodata ||
	    !img->init_begin || !img->init_end || !img->sdata || !img->edata || !img->bss_start ||
	    !img->bss_stop || !vml_mem_init_section_sizes(img, info))
		return;
	for (unsigned int i = 0; i < st->lo->n_zones; i++)
		physpages += st->lo->zones[i].present_pages;
	/* the reservations given back at boot are the initrd and the CMA areas */
	for (unsigned int i = 0; i < st->lo->n_reservations; i++) {
		const struct vml_reservation *r = &st->lo->reservations[i];

		if (r->freed_at_boot_end && !vml_str_eq(r->name, "initrd"))
			cma += r->size >> st->page_shift;
	}
	if (physpages < free + cma)
		return;
	info->valid = true;
	info->available_kb = free * kb;
	info->physpages_kb = physpages * kb;
	info->reserved_kb = (physpages - free - cma) * kb;
	info->cma_reserved_kb = cma * kb;
	if (vml_arm64_since(st, st->prof->memory_line_late_since))
		vml_mem_init_late_note(st->lo);
}

/* EARLY_ENTRIES(vstart, vend, shift, add) of asm/kernel-pgtable.h v6.1 */
static uint64_t early_entries(uint64_t vstart, uint64_t vend, unsigned int shift, uint64_t add)
{
	return ((vend - 1) >> shift) - (vstart >> shift) + 1 + add;
}

/* INIT_DIR_SIZE (asm/kernel-pgtable.h v6.1): EARLY_PAGES(KIMAGE_VADDR,
 * _end, EARLY_KASLR) pages, the image's link addresses: a root page, one
 * per PGD entry, per PUD entry with four swapper levels, per swapper
 * table entry with three (4K maps 2 MiB blocks: one level fewer). */
static uint64_t init_dir_size(const struct arm64_state *st)
{
	const unsigned int bits = st->page_shift - 3;
	const bool pmd_maps = st->page_shift == 12; /* ARM64_KERNEL_USES_PMD_MAPS */
	const unsigned int swapper_levels = pmd_maps ? st->levels - 1 : st->levels;
	const unsigned int pgdir_shift = bits * st->levels + 3; /* LEVEL_SHIFT(4 - levels) */
	const unsigned int pud_shift = bits * 3 + 3, pmd_shift = bits * 2 + 3;
	const uint64_t add = st->cfg->randomize_base;			      /* EARLY_KASLR */
	const uint64_t start = st->modules_end, end = start + st->image_size; /* KIMAGE_VADDR */
	uint64_t pages = 1 + early_entries(start, end, pgdir_shift, add);

	if (swapper_levels > 3)
		pages += early_entries(start, end, pud_shift, add);
	if (swapper_levels > 2)
		pages += early_entries(start, end, pmd_maps ? pud_shift : pmd_shift, add);
	return pages << st->page_shift;
}

/* paging_init() v6.1: memblock_phys_free() of [init_pg_dir, init_pg_end),
 * which the linker script puts at the first page after __bss_stop. */
static int free_init_pg_dir(struct arm64_state *st)
{
	const struct vml_kernel_image *img = &st->cfg->image;
	uint64_t off;

	if (!st->prof->frees_init_pg_dir || !img->known || img->bss_stop < img->text)
		return VML_OK;
	off = vml_align_up(img->bss_stop - img->text, st->page_size);
	return vml_memblock_free(st->mb, st->pa_text + off, init_dir_size(st), st->diag);
}

/* paging_init() -> map_mem() -> arm64_kfence_alloc_pool() (arch/arm64/mm/
 * mmu.c v6.12; from v6.4: kfence_early_pool_since): with CONFIG_KFENCE and kfence_early_init (a
 * non-zero KFENCE_SAMPLE_INTERVAL, or the early kfence.sample_interval=: include/
 * vmlayout/kfence.h), memblock_phys_alloc(KFENCE_POOL_SIZE, PAGE_SIZE)
 * before the linear map's tables; kfence_init_pool_early() keeps it. v6.1
 * .. v6.3 have no early pool (KFENCE there only forces pages). */
static int kfence_pool(struct arm64_state *st)
{
	const uint64_t size = vml_kfence_pool_size(st->cfg, st->page_size);
	vml_phys_t base;

	if (!vml_arm64_since(st, st->prof->kfence_early_pool_since) ||
	    !vml_kfence_early_init(st->cfg))
		return VML_OK;
	/* on failure the kernel goes on without it */
	if (vml_memblock_phys_alloc_range(st->mb, size, st->page_size, 0,
					  VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base, NULL))
		return VML_OK;
	st->kfence_early_pool = true;
	st->kfence_pool_base = base;
	st->kfence_pool_size = size;
	return vml_layout_add_reservation(st->lo, "kfence pool", base, size, false, st->diag);
}

/* mm_init() -> kfence_alloc_pool() (mm/kfence/core.c v6.1), mm_core_init()
 * -> kfence_alloc_pool_and_metadata() (v6.12), after the hash tables and
 * before mem_init(): with a non-zero kfence_sample_interval, the pool
 * (memblock_alloc(), when map_mem() took none) and from v6.6 the metadata
 * (kfence_metadata_since);
 * kfence_init() keeps both. A failed allocation: KFENCE is off, the boot
 * goes on (an early pool with an interval of 0 stays reserved). */
static int kfence_late(struct arm64_state *st)
{
	const uint64_t pool = vml_kfence_pool_size(st->cfg, st->page_size);
	const uint64_t meta = vml_kfence_metadata_size(st->cfg, st->page_size, 8);
	vml_phys_t base;

	if (!vml_kfence_sample_interval(st->cfg))
		return VML_OK;
	if (!st->kfence_early_pool) {
		if (vml_memblock_alloc_try_nid(st->mb, pool, st->page_size, 0,
					       VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base, NULL))
			return VML_OK;
		int ret = vml_layout_add_reservation(st->lo, "kfence pool (late)", base, pool,
						     false, st->diag);
		if (ret)
			return ret;
	}
	/* v6.6+ allocates the metadata */
	if (!vml_arm64_since(st, st->prof->kfence_metadata_since) ||
	    vml_memblock_alloc_try_nid(st->mb, meta, st->page_size, 0,
				       VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base, NULL))
		return VML_OK;
	return vml_layout_add_reservation(st->lo, "kfence metadata", base, meta, false, st->diag);
}

int vml_arm64_totals(struct arm64_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t pages = 0, nr_kernel_pages = 0;
	int ret = kfence_pool(st);

	/* paging_init() v6.1: map_kernel(), map_mem(), init_pg_dir given
	 * back, create_idmap() (layout_paging_init.c) */
	if (!ret)
		ret = page_tables(st, "page tables (kernel image)",
				  vml_arm64_paging_init_image_tables(st));
	if (!ret)
		ret = linear_map_tables(st);
	if (!ret)
		ret = free_init_pg_dir(st);
	if (!ret)
		ret =
		    page_tables(st, "page tables (idmap)", vml_arm64_paging_init_idmap_tables(st));
	/* setup_arch(): unflatten_device_tree() (layout_setup_arch.c) */
	if (!ret)
		ret = vml_arm64_unflatten_device_tree(st);

	/* paging_init(), then bootmem_init(): arch_numa_init(), sparse_init(),
	 * zone_sizes_init() (nr_kernel_pages), dma_contiguous_reserve();
	 * smp_init_cpus(); start_kernel(): setup_per_cpu_areas(),
	 * build_all_zonelists(), vfs_caches_init_early(), mm_init() ->
	 * mem_init() (swiotlb) */
	if (!ret)
		ret = numa(st);
	if (!ret)
		ret = hugetlb_cma(st);
	if (!ret)
		ret = vmemmap(st);
	if (!ret) {
		nr_kernel_pages = st->prof->nr_kernel_pages(st);
		ret = default_cma(st);
	}
	/* bootmem_init(): the crash kernel after the CMA area (v6.1 when
	 * deferred, v6.12) */
	if (!ret)
		ret = vml_arm64_crashkernel_late(st);
	/* memblock_dump_all() ends bootmem_init(), after the CMA area
	 * (arch/arm64/mm/init.c, v6.1 and v6.12) */
	st->lo->memblock_dump_reservation = st->lo->n_reservations;
	if (!ret)
		ret = vml_arm64_request_standard_resources(st);
	if (!ret)
		numa_map_cpus(st);
	/* start_kernel(): setup_command_line(), then the per-CPU areas */
	if (!ret)
		ret = vml_arm64_setup_command_line(st);
	if (!ret)
		ret = vml_arm64_setup_per_cpu_areas(st);
	if (!ret)
		numa_fallback_order(st);
	if (!ret) {
		vml_kfence_msgs(st->lo, st->cfg); /* parse_args() */
		ret = hash_tables(st, nr_kernel_pages);
	}
	if (!ret)
		ret = kfence_late(st);
	if (!ret)
		ret = swiotlb(st);
	if (ret)
		return ret;
	hash_tables_late(st, nr_kernel_pages);
	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end))
		pages += pages_in(st, start, end);
	mem_init_info(st, pages);
	/* free_initmem(), free_initrd_mem(), CMA pages */
	pages +=
	    pages_in(st, st->pa_text + st->init_off, st->pa_text + st->init_off + st->init_size);
	pages += pages_in(st, st->initrd_base, st->initrd_base + st->initrd_size);
	/* the CMA area's pages that are memory (a fixed cma= may be outside) */
	pages +=
	    vml_cma_bytes_in_memory(st->mb, st->lo, st->cma_base, st->cma_size) >> st->page_shift;
	pages += vml_hugetlb_cma_bytes(st->lo) >> st->page_shift;
	st->lo->mem_total_kb = pages * (st->page_size >> 10);
	st->lo->low_total_kb = st->lo->mem_total_kb;
	st->lo->lowmem_ram = vml_memblock_phys_mem_size(st->mb);
	return vml_arm64_memblock_late(st);
}

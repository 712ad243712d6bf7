/* SPDX-License-Identifier: MIT */
/*
 * DOC: the zones of 32-bit ARM, each version's rule
 *
 * v6.1 zone_sizes_init() (arch/arm/mm/init.c) hands free_area_init() the
 * zones' end pfns: ZONE_DMA ends at arm_dma_pfn_limit, and each zone's
 * present pages are the memory inside its span. v3.4's arm_bootmem_free()
 * (arch/arm/mm/init.c v3.4, without HAVE_MEMBLOCK_NODE_MAP) hands
 * free_area_init_node() sizes and holes instead: zone 0 spans lowmem from the
 * first bank, and with a machine dma_zone_size arm_adjust_dma_zone() cuts
 * ZONE_DMA off its bottom with no holes, leaving every lowmem hole to
 * ZONE_NORMAL, wherever the holes lie.
 */
#include "arch/arm/arm_policy.h"
#include "vmlayout/mm_sizes.h"

/* Pages of memblock memory in [lo_pfn, hi_pfn), no-map ones included
 * (memblock_region_memory_{base,end}_pfn(): PFN_UP(base), PFN_DOWN(end)). */
static uint64_t memory_pages(const struct arm_state *st, uint64_t lo_pfn, uint64_t hi_pfn)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = vml_max(vml_align_up(start, VML_SZ_4K) >> 12, lo_pfn);
		uint64_t e = vml_min(end >> 12, hi_pfn);

		if (e > s)
			n += e - s;
	}
	return n;
}

static void add_zone(struct arm_state *st, const char *name, uint64_t start_pfn, uint64_t end_pfn,
		     uint64_t present_pages)
{
	struct vml_zone *z = &st->lo->zones[st->lo->n_zones++];

	z->name = name;
	z->start_pfn = start_pfn;
	z->end_pfn = end_pfn;
	z->present_pages = present_pages;
	z->memmap_pages =
	    vml_memmap_pages(end_pfn - start_pfn, vml_arm_page_struct_size(st), VML_SZ_4K);
}

static void add_spanned_zone(struct arm_state *st, const char *name, uint64_t start_pfn,
			     uint64_t end_pfn)
{
	add_zone(st, name, start_pfn, end_pfn, memory_pages(st, start_pfn, end_pfn));
}

static uint64_t first_pfn(const struct arm_state *st)
{
	return vml_align_up(vml_memblock_start_of_DRAM(st->mb), VML_SZ_4K) >> 12;
}

/* zone_sizes_init() and find_limits() (arch/arm/mm/init.c v6.1): DMA up to
 * arm_dma_pfn_limit when configured, Normal to max_low, HighMem to max_pfn. */
int vml_arm_zone_sizes_init(struct arm_state *st)
{
	uint64_t min_pfn = first_pfn(st);
	uint64_t max_low = st->lowmem_limit >> 12;
	uint64_t max_pfn = vml_memblock_end_of_DRAM(st->mb) >> 12;
	uint64_t normal_start = min_pfn;

	if (st->cfg->zone_dma) {
		/* arm_dma_pfn_limit, used as an exclusive end */
		uint64_t dma_end = vml_min(vml_arm_dma_pfn_limit(st), max_low);

		add_spanned_zone(st, "DMA", min_pfn, dma_end);
		normal_start = dma_end;
	}
	add_spanned_zone(st, "Normal", normal_start, vml_max(normal_start, max_low));
	if (st->cfg->highmem)
		add_spanned_zone(st, "HighMem", max_low, vml_max(max_low, max_pfn));
	return VML_OK;
}

/* arm_bootmem_free() with find_limits()' bounds (arch/arm/mm/init.c v3.4):
 * zone 0 is [min, max_low) with its holes; with CONFIG_ZONE_DMA zone 0 is
 * ZONE_DMA, and a machine dma_zone_size D (arm_dma_zone_size) smaller than
 * that span makes arm_adjust_dma_zone() move all but the first D >> PAGE_SHIFT
 * pages to ZONE_NORMAL, with all the holes: ZONE_DMA is D pages, all of them
 * present, even over a hole. Without a size ZONE_DMA holds all of lowmem. */
int vml_arm_bootmem_free_zones(struct arm_state *st)
{
	uint64_t min_pfn = first_pfn(st);
	uint64_t max_low = st->lowmem_limit >> 12;
	uint64_t max_high = vml_memblock_end_of_DRAM(st->mb) >> 12;
	uint64_t low_span = max_low - min_pfn;
	uint64_t low_present = memory_pages(st, min_pfn, max_low);
	uint64_t dma_pages = st->cfg->zone_dma_size >> 12;

	if (!st->cfg->zone_dma) {
		add_zone(st, "Normal", min_pfn, max_low, low_present);
	} else if (!st->cfg->zone_dma_size || low_span <= dma_pages) {
		add_zone(st, "DMA", min_pfn, max_low, low_present);
		add_zone(st, "Normal", max_low, max_low, 0);
	} else {
		uint64_t low_holes = low_span - low_present;

		/* free_area_init_core() v3.4: realsize = size - zholes_size,
		 * an unsigned long that would wrap */
		if (low_holes > low_span - dma_pages)
			return vml_fail(
			    st->diag, VML_ERANGE,
			    "3.4's arm_adjust_dma_zone() gives every lowmem hole to "
			    "ZONE_NORMAL, and here the holes are larger than ZONE_NORMAL "
			    "(lowmem less ZONE_DMA_SIZE): its present pages would wrap",
			    (min_pfn + dma_pages) << 12, low_holes << 12, -1);
		add_zone(st, "DMA", min_pfn, min_pfn + dma_pages, dma_pages);
		add_zone(st, "Normal", min_pfn + dma_pages, max_low,
			 low_span - dma_pages - low_holes);
	}
	if (st->cfg->highmem)
		add_spanned_zone(st, "HighMem", max_low, vml_max(max_low, max_high));
	return VML_OK;
}

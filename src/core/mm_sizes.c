/* SPDX-License-Identifier: MIT */
/* Sizes of the generic early allocations of mm/ (see mm_sizes.h). */
#include "vmlayout/mm_sizes.h"

uint64_t vml_usemap_size(uint64_t zone_start_pfn, uint64_t zone_spanned_pages,
			 uint64_t pageblock_pages, unsigned int long_bits)
{
	/* NR_PAGEBLOCK_BITS is 4 (include/linux/pageblock-flags.h) */
	uint64_t size = zone_spanned_pages + (zone_start_pfn & (pageblock_pages - 1));

	size = vml_align_up(size, pageblock_pages) / pageblock_pages * 4;
	size = vml_align_up(size, long_bits);
	return size / 8;
}

uint64_t vml_memmap_pages(uint64_t spanned, uint64_t page_struct_size, uint64_t page_size)
{
	return vml_align_up(spanned * page_struct_size, page_size) / page_size;
}

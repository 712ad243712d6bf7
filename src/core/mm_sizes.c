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

static uint64_t roundup_pow_of_two(uint64_t n)
{
	uint64_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static unsigned int ilog2_u64(uint64_t n)
{
	unsigned int l = 0;

	while (n >>= 1)
		l++;
	return l;
}

uint64_t vml_large_system_hash_size(uint64_t nr_kernel_pages, uint64_t nr_all_pages,
				    uint64_t bucketsize, unsigned int scale,
				    unsigned int page_shift)
{
	uint64_t numentries = nr_kernel_pages, max;

	/* round applicable memory size up to the nearest megabyte */
	numentries = vml_align_up(numentries, (1ULL << 20) >> page_shift);
	if (scale > page_shift)
		numentries >>= (scale - page_shift);
	else
		numentries <<= (page_shift - scale);
	if (numentries * bucketsize < (1ULL << page_shift))
		numentries = (1ULL << page_shift) / bucketsize;
	numentries = roundup_pow_of_two(numentries);
	/* limit to 1/16 of all memory, and to 2^31 entries */
	max = ((nr_all_pages << page_shift) >> 4) / bucketsize;
	max = vml_min(max, 0x80000000ULL);
	numentries = vml_min(numentries, max);
	return bucketsize << ilog2_u64(numentries);
}

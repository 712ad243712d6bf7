/* SPDX-License-Identifier: MIT */
/*
 * DOC: sizes of the generic early allocations of mm/
 *
 * Pure functions for allocations every arch makes from memblock before
 * memblock_free_all(), following mm/page_alloc.c and mm/mm_init.c of v6.1:
 * the pageblock-flags bitmap of a zone (usemap_size) and the hash tables of
 * alloc_large_system_hash() (fs/dcache.c: "Dentry cache", scale 13;
 * fs/inode.c: "Inode-cache", scale 14; both HASH_EARLY when !hashdist).
 */
#ifndef VMLAYOUT_MM_SIZES_H
#define VMLAYOUT_MM_SIZES_H

#include "env.h"

/**
 * vml_usemap_size() - bytes of a zone's pageblock bitmap (usemap_size())
 * @zone_start_pfn, @zone_spanned_pages: the zone
 * @pageblock_pages: pageblock_nr_pages
 * @long_bits: bits in an unsigned long (32 or 64)
 */
uint64_t vml_usemap_size(uint64_t zone_start_pfn, uint64_t zone_spanned_pages,
			 uint64_t pageblock_pages, unsigned int long_bits);

/**
 * vml_memmap_pages() - calc_memmap_size(): pages of struct page for a zone
 */
uint64_t vml_memmap_pages(uint64_t spanned, uint64_t page_struct_size, uint64_t page_size);

#endif

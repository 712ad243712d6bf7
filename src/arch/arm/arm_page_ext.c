/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's page_ext table (FLATMEM)
 *
 * mm_core_init() -> page_ext_init_flatmem() (mm/page_ext.c v6.1, v6.12;
 * mm_init() in init/main.c v6.1), after vfs_caches_init_early()'s hash
 * tables and before kfence_alloc_pool(): with CONFIG_PAGE_EXTENSION, when
 * a page_ext user needs it, one table per online node (arm: node 0) of
 * page_ext_size bytes per page of the node's span, plus MAX_ORDER_NR_PAGES
 * when the span is not aligned to them (alloc_node_page_ext()), from
 * memblock_alloc_try_nid(size, PAGE_SIZE, __pa(MAX_DMA_ADDRESS),
 * MEMBLOCK_ALLOC_ACCESSIBLE, nid): __pa(MAX_DMA_ADDRESS) lies above lowmem
 * (0xffffffff - PAGE_OFFSET + PHYS_OFFSET), so memblock retries from 0 and
 * the table goes top-down below the memblock limit, as the boots show
 * ("memblock_alloc_try_nid: 1048576 bytes align=0x1000 nid=0
 * from=0x7fffffff ... page_ext_init_flatmem"). It is never freed.
 *
 * The user modelled: PAGE_IDLE_FLAG, whose page_idle_ops need() is always
 * true on a 32-bit kernel and adds no bytes to struct page_ext (one
 * unsigned long: 4 bytes a page). Debian 13's armmp sets it (6.1's did
 * not). PAGE_OWNER (page_owner=on), PAGE_TABLE_CHECK and
 * MEM_ALLOC_PROFILING, the other users, are not modelled (docs/arm32.md).
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"

/* sizeof(struct page_ext): one unsigned long (include/linux/page_ext.h) */
#define ARM_PAGE_EXT_SIZE 4

int vml_arm_page_ext_init_flatmem(struct arm_state *st)
{
	uint64_t start_pfn = vml_memblock_start_of_DRAM(st->mb) >> 12;
	uint64_t end_pfn = vml_memblock_end_of_DRAM(st->mb) >> 12;
	uint64_t nr_pages = end_pfn - start_pfn, size;
	int ret;

	if (!st->cfg->page_extension || !st->cfg->page_idle_flag || st->prof->bootmem || !nr_pages)
		return VML_OK;
	if ((start_pfn | end_pfn) & (st->max_order_pages - 1))
		nr_pages += st->max_order_pages;
	size = nr_pages * ARM_PAGE_EXT_SIZE;
	ret = vml_arm_early_alloc_aligned(st, "page_ext", size, VML_SZ_4K);
	if (!ret)
		vml_layout_kmsg(st->lo, "allocated %llu bytes of page_ext\n", size, 0, 0, 0);
	return ret;
}

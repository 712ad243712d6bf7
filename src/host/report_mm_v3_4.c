/* SPDX-License-Identifier: MIT */
/*
 * DOC: a v3.4 arm kernel's own memory messages, in its formats
 *
 * What setup_arch() .. mem_init() of v3.4 print about memblock, the zones
 * and the free memory (the msm-3.4 trees print the same): memblock_dump_all()
 * at the end of arm_memblock_init() (mm/memblock.c, arch/arm/mm/init.c
 * v3.4), free_area_init_node()'s lines, called by arm_bootmem_free() without
 * HAVE_MEMBLOCK_NODE_MAP (mm/page_alloc.c v3.4), build_all_zonelists()'s
 * line and mem_init()'s two "Memory:" lines (arch/arm/mm/init.c v3.4).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vmlayout/report.h"

static uint64_t region_pages(const struct vml_memblock_region *r)
{
	/* memblock_region_memory_{base,end}_pfn(): PFN_UP(base), PFN_DOWN(end) */
	uint64_t start = (r->base + VML_SZ_4K - 1) >> 12, end = (r->base + r->size) >> 12;

	return end > start ? end - start : 0;
}

void vml_report_mem_init_v3_4(FILE *out, const struct vml_layout *layout,
			      const struct vml_memblock *mb)
{
	const struct vml_mm_log_v3_4 *log = &layout->mm_log_v3_4;
	uint64_t physpages = 0;

	if (!log->valid)
		return;
	/* printk(KERN_INFO "Memory:"), then " %ldMB" per memblock memory region
	 * and " = %luMB total\n" continue the same line */
	fputs("Memory:", out);
	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		uint64_t pages = region_pages(&mb->memory.regions[i]);

		physpages += pages;
		fprintf(out, " %" PRIu64 "MB", pages >> 8);
	}
	fprintf(out, " = %" PRIu64 "MB total\n", physpages >> 8);
	/* the meminfo banks are the memory regions, page aligned by
	 * arm_add_memory(): every page of them not free is PageReserved here */
	fprintf(out,
		"Memory: %" PRIu64 "k/%" PRIu64 "k available, %" PRIu64 "k reserved, %" PRIu64
		"K highmem\n",
		log->free_pages * 4, log->free_pages * 4,
		(physpages > log->free_pages ? physpages - log->free_pages : 0) * 4,
		log->free_high_pages * 4);
}

static uint64_t rounddown_pow_of_two(uint64_t n)
{
	uint64_t p = 1;

	while (p * 2 <= n)
		p *= 2;
	return p;
}

/* zone_batchsize() with 4 KiB pages (mm/page_alloc.c v3.4). */
static uint64_t zone_batchsize(uint64_t present_pages)
{
	uint64_t batch = present_pages / 1024;

	if (batch * 4096 > 512 * 1024)
		batch = (512 * 1024) / 4096;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	return rounddown_pow_of_two(batch + batch / 2) - 1;
}

/* free_area_init_core()'s lines for zone @j; returns its present_pages. */
static uint64_t zone_lines(FILE *out, const struct vml_zone *z, unsigned int j)
{
	uint64_t realsize = z->present_pages, memmap = z->memmap_pages;

	if (realsize >= memmap) {
		realsize -= memmap;
		if (memmap)
			fprintf(out, "  %s zone: %" PRIu64 " pages used for memmap\n", z->name,
				memmap);
	} else {
		fprintf(out, "  %s zone: %" PRIu64 " pages exceeds realsize %" PRIu64 "\n", z->name,
			memmap, realsize);
	}
	/* dma_reserve is 0 on arm: the line is printed for zone 0 all the same */
	if (j == 0 && realsize > 0)
		fprintf(out, "  %s zone: 0 pages reserved\n", z->name);
	if (realsize) /* zone_pcp_init() */
		fprintf(out, "  %s zone: %" PRIu64 " pages, LIFO batch:%" PRIu64 "\n", z->name,
			realsize, zone_batchsize(realsize));
	return realsize;
}

void vml_report_zones_v3_4(FILE *out, const struct vml_layout *layout)
{
	const struct vml_mm_log_v3_4 *log = &layout->mm_log_v3_4;
	uint64_t totalpages = 0, vm_total_pages = 0;

	if (!log->valid)
		return;
	for (unsigned int j = 0; j < layout->n_zones; j++)
		totalpages += layout->zones[j].present_pages;
	fprintf(out, "On node 0 totalpages: %" PRIu64 "\n", totalpages);
	if (log->pgdat)
		fprintf(out,
			"[vmlayout: \"free_area_init_node: node 0, pgdat %08" PRIx64
			", node_mem_map %%08lx\" comes here; node_mem_map, bootmem's placement "
			"of the mem_map, is not modelled]\n",
			log->pgdat);
	else
		fputs("[vmlayout: \"free_area_init_node: node 0, pgdat %08lx, node_mem_map %08lx\" "
		      "comes here; its addresses are not modelled]\n",
		      out);
	for (unsigned int j = 0; j < layout->n_zones; j++)
		vm_total_pages += zone_lines(out, &layout->zones[j], j);
	/* nr_free_pagecache_pages(): present pages less the high watermarks,
	 * which are still 0 when start_kernel() builds the zonelists */
	fprintf(out,
		"Built 1 zonelists in Zone order, mobility grouping %s.  Total pages: %" PRIu64
		"\n",
		vm_total_pages < log->mobility_min_pages ? "off" : "on", vm_total_pages);
}

/* The kernel's %#llx and %#x print "0x0" for 0 (lib/vsprintf.c number()). */
static void dump_type(FILE *out, const struct vml_memblock_type *type)
{
	/* an empty list holds one zero-sized region (mm/memblock.c v3.4) */
	static const struct vml_memblock_region empty = {0, 0, 0, 0};
	unsigned int cnt = type->cnt ? type->cnt : 1;

	fprintf(out, " %s.cnt  = 0x%x\n", type->name, cnt);
	for (unsigned int i = 0; i < cnt; i++) {
		const struct vml_memblock_region *r = type->cnt ? &type->regions[i] : &empty;

		/* " %s[%#x]\t[%#016llx-%#016llx], %#llx bytes%s\n": the width 16
		 * counts the "0x"; no node without HAVE_MEMBLOCK_NODE_MAP */
		fprintf(
		    out, " %s[0x%x]\t[0x%014" PRIx64 "-0x%014" PRIx64 "], 0x%" PRIx64 " bytes\n",
		    type->name, i, (uint64_t)r->base, (uint64_t)(r->base + r->size - 1), r->size);
	}
}

int vml_report_memblock_v3_4(FILE *out, const struct vml_layout *layout,
			     const struct vml_memblock *mb)
{
	struct vml_memblock at_dump;
	int ret = vml_memblock_at_dump(layout, mb, &at_dump);

	if (ret)
		return ret;
	fputs("MEMBLOCK configuration:\n", out);
	fprintf(out, " memory size = 0x%" PRIx64 " reserved size = 0x%" PRIx64 "\n",
		at_dump.memory.total_size, at_dump.reserved.total_size);
	dump_type(out, &at_dump.memory);
	dump_type(out, &at_dump.reserved);
	vml_memblock_at_dump_release(&at_dump);
	return 0;
}

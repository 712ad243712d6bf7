/* SPDX-License-Identifier: MIT */
/*
 * DOC: the node of each memory section, and sparse_init()'s runs
 *
 * mm/sparse.c (v6.1, v6.12): memblocks_present() walks the memory regions in
 * whole pages (for_each_mem_pfn_range(), NOMAP included) and gives every
 * section it touches the region's node, so a section shared by two nodes
 * ends up on the later one; sparse_init() then calls sparse_init_nid() once
 * per run of present sections of one node (holes between them included).
 */
#include "vmlayout/numa.h"

/* memblock_get_region_node(): a region no node was given counts as node 0
 * (what the kernel's memblock holds without CONFIG_NUMA). */
static int region_node(const struct vml_memblock *mb, const struct vml_memblock_region *m)
{
	return m->nid >= 0 && m->nid < mb->max_numnodes ? m->nid : 0;
}

/* The sections [*first, *last] a region's whole pages touch; false when it
 * holds no whole page. */
static bool region_sections(const struct vml_memblock *mb, const struct vml_memblock_region *m,
			    unsigned int section_bits, uint64_t *first, uint64_t *last)
{
	vml_phys_t start = vml_align_up(m->base, mb->page_size);
	vml_phys_t end = vml_align_down(m->base + m->size, mb->page_size);

	if (start >= end)
		return false;
	*first = start >> section_bits;
	*last = (end - 1) >> section_bits;
	return true;
}

/* memblock.memory is sorted and its regions do not overlap, so their
 * section spans are ordered too: first and last never decrease from one
 * region to the next. The first region whose span ends at or after
 * @section (regions without a whole page skipped), or cnt. */
static unsigned int first_reaching(const struct vml_memblock *mb, unsigned int section_bits,
				   uint64_t section)
{
	unsigned int lo = 0, hi = mb->memory.cnt;

	/* the regions' ends, unrounded, are ordered as well: a region ends at
	 * or after the section's first byte when its last whole page does,
	 * or it holds no whole page there (skipped below) */
	while (lo < hi) {
		const unsigned int mid = lo + (hi - lo) / 2;
		const struct vml_memblock_region *m = &mb->memory.regions[mid];

		if (((m->base + m->size - 1) >> section_bits) < section)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int vml_numa_section_nid(const struct vml_memblock *mb, uint64_t section, unsigned int section_bits)
{
	int nid = -1;
	uint64_t first, last;

	/* the last region in order that touches the section: from the first
	 * that reaches it, while the regions still start in it */
	for (unsigned int i = first_reaching(mb, section_bits, section); i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];

		if ((m->base >> section_bits) > section)
			break;
		if (region_sections(mb, m, section_bits, &first, &last) && section >= first &&
		    section <= last)
			nid = region_node(mb, m);
	}
	return nid;
}

bool vml_numa_next_present_section(const struct vml_memblock *mb, unsigned int section_bits,
				   uint64_t from, uint64_t *found)
{
	uint64_t first, last;

	/* the spans are ordered: the first region (with a whole page) that
	 * reaches @from holds the answer */
	for (unsigned int i = first_reaching(mb, section_bits, from); i < mb->memory.cnt; i++) {
		if (!region_sections(mb, &mb->memory.regions[i], section_bits, &first, &last) ||
		    last < from)
			continue;
		*found = vml_max(first, from);
		return true;
	}
	return false;
}

bool vml_numa_next_section_run(const struct vml_memblock *mb, unsigned int section_bits,
			       uint64_t *section, uint64_t *first, uint64_t *count, int *nid)
{
	uint64_t s, next;

	if (!vml_numa_next_present_section(mb, section_bits, *section, &s))
		return false;
	*first = s;
	*nid = vml_numa_section_nid(mb, s, section_bits);
	*count = 1;
	/* for_each_present_section_nr(): holes between sections do not end
	 * a run, only a section of another node does */
	while (vml_numa_next_present_section(mb, section_bits, s + 1, &next) &&
	       vml_numa_section_nid(mb, next, section_bits) == *nid) {
		s = next;
		++*count;
	}
	*section = s + 1;
	return true;
}

bool vml_numa_next_root(const struct vml_memblock *mb, unsigned int section_bits,
			uint64_t sections_per_root, uint64_t *root, int *nid)
{
	uint64_t s;

	if (!vml_numa_next_present_section(mb, section_bits, *root * sections_per_root, &s))
		return false;
	*root = s / sections_per_root;
	*nid = -1;
	/* memory_present(): the first region (in order) that reaches the root
	 * allocates it, on its node (sparse_index_init(), memblock_alloc_node()) */
	for (unsigned int i = 0; *nid < 0 && i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];
		uint64_t first, last;

		if (region_sections(mb, m, section_bits, &first, &last) &&
		    first / sections_per_root <= *root && last / sections_per_root >= *root)
			*nid = region_node(mb, m);
	}
	++*root;
	return true;
}

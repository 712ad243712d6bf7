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

int vml_numa_section_nid(const struct vml_memblock *mb, uint64_t section, unsigned int section_bits)
{
	int nid = -1;
	uint64_t first, last;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];

		if (region_sections(mb, m, section_bits, &first, &last) && section >= first &&
		    section <= last)
			nid = region_node(mb, m);
	}
	return nid;
}

bool vml_numa_next_present_section(const struct vml_memblock *mb, unsigned int section_bits,
				   uint64_t from, uint64_t *found)
{
	bool any = false;
	uint64_t first, last;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		if (!region_sections(mb, &mb->memory.regions[i], section_bits, &first, &last) ||
		    last < from)
			continue;
		first = vml_max(first, from);
		if (!any || first < *found)
			*found = first;
		any = true;
	}
	return any;
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

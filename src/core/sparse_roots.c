/* SPDX-License-Identifier: MIT */
/* SPARSEMEM_EXTREME's mem_section table (see sparse_roots.h). */
#include "vmlayout/sparse_roots.h"

uint64_t vml_sections_per_root(uint64_t page_size, bool page_extension)
{
	return page_size / (page_extension ? 32 : 16);
}

uint64_t vml_mem_section_roots_bytes(unsigned int max_physmem_bits, unsigned int section_size_bits,
				     uint64_t page_size, bool page_extension)
{
	uint64_t per_root = vml_sections_per_root(page_size, page_extension);
	uint64_t sections;

	if (max_physmem_bits <= section_size_bits || max_physmem_bits >= 64 || !per_root)
		return 0;
	sections = 1ULL << (max_physmem_bits - section_size_bits);
	return (sections + per_root - 1) / per_root * 8;
}

uint64_t vml_mem_section_roots_used(const struct vml_memblock *mb, unsigned int section_size_bits,
				    uint64_t sections_per_root)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0, last = ~0ULL;

	if (!sections_per_root)
		return 0;
	while (vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = (start >> section_size_bits) / sections_per_root;
		uint64_t e = ((end - 1) >> section_size_bits) / sections_per_root;

		if (s == last)
			s++;
		if (e >= s)
			n += e - s + 1;
		last = e;
	}
	return n;
}

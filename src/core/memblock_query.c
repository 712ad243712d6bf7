/* SPDX-License-Identifier: MIT */
/*
 * DOC: read-only questions about the memblock lists
 *
 * As the "Remaining API functions" of Linux mm/memblock.c v6.12: sizes, the
 * start and end of DRAM, and address lookups by binary search
 * (memblock_search). None of them skips NOMAP regions unless it says so.
 */
#include "core/memblock_internal.h"

/**
 * vml_memblock_start_of_DRAM() - memblock_start_of_DRAM()
 * @mb: the model
 *
 * Return: the base of the first memory region (NOMAP included), 0 if none.
 */
vml_phys_t vml_memblock_start_of_DRAM(const struct vml_memblock *mb)
{
	return mb->memory.cnt ? mb->memory.regions[0].base : 0;
}

/**
 * vml_memblock_end_of_DRAM() - memblock_end_of_DRAM()
 * @mb: the model
 *
 * Return: the end (exclusive) of the last memory region, NOMAP included;
 * 0 if there is none.
 */
vml_phys_t vml_memblock_end_of_DRAM(const struct vml_memblock *mb)
{
	const struct vml_memblock_type *t = &mb->memory;

	return t->cnt ? t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size : 0;
}

/* memblock_phys_mem_size(): memory.total_size, NOMAP included. */
uint64_t vml_memblock_phys_mem_size(const struct vml_memblock *mb)
{
	return mb->memory.total_size;
}

/* memblock_reserved_size(). */
uint64_t vml_memblock_reserved_size(const struct vml_memblock *mb)
{
	return mb->reserved.total_size;
}

/* memblock_search(): the index of the region holding @addr, or -1. */
static int search(const struct vml_memblock_type *type, vml_phys_t addr)
{
	unsigned int left = 0, right = type->cnt;

	while (left < right) {
		unsigned int mid = left + (right - left) / 2;
		const struct vml_memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			right = mid;
		else if (addr >= r->base + r->size)
			left = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

/* memblock_is_memory(): @addr is in a memory region (NOMAP or not). */
bool vml_memblock_is_memory(const struct vml_memblock *mb, vml_phys_t addr)
{
	return search(&mb->memory, addr) >= 0;
}

/* memblock_is_map_memory(): @addr is in a memory region without NOMAP. */
bool vml_memblock_is_map_memory(const struct vml_memblock *mb, vml_phys_t addr)
{
	int i = search(&mb->memory, addr);

	return i >= 0 && !(mb->memory.regions[i].flags & VML_MEMBLOCK_NOMAP);
}

/* memblock_is_reserved(): @addr is in a reserved region. */
bool vml_memblock_is_reserved(const struct vml_memblock *mb, vml_phys_t addr)
{
	return search(&mb->reserved, addr) >= 0;
}

/**
 * vml_memblock_is_region_memory() - memblock_is_region_memory()
 * @mb: the model
 * @base, @size: the range, @size capped as memblock_cap_size()
 *
 * Return: true when one memory region holds all of [base, base+size).
 */
bool vml_memblock_is_region_memory(const struct vml_memblock *mb, vml_phys_t base, uint64_t size)
{
	int i;

	if (base > mb->phys_addr_max)
		return false;
	i = search(&mb->memory, base);
	size = vml_memblock_cap_size(mb, base, size);
	return i >= 0 && mb->memory.regions[i].base + mb->memory.regions[i].size >= base + size;
}

/**
 * vml_memblock_is_region_reserved() - memblock_is_region_reserved()
 * @mb: the model
 * @base, @size: the range, @size capped as memblock_cap_size()
 *
 * Like memblock_overlaps_region(), a zero @size still counts as overlapping
 * a reserved region that holds @base strictly inside.
 *
 * Return: true when [base, base+size) intersects a reserved region.
 */
bool vml_memblock_is_region_reserved(const struct vml_memblock *mb, vml_phys_t base, uint64_t size)
{
	return vml_memblock_overlaps_region(mb, &mb->reserved, base, size);
}

/**
 * vml_memblock_overlaps_region() - memblock_overlaps_region() (v6.12)
 * @mb: the model
 * @type: &mb->memory or &mb->reserved
 * @base, @size: the range, @size capped as memblock_cap_size()
 *
 * memblock_addrs_overlap() on every region: base < rend && rbase < base +
 * size. A base above phys_addr_max (which no phys_addr_t of the width
 * holds) overlaps nothing.
 *
 * Return: true when [base, base+size) intersects a region of @type.
 */
bool vml_memblock_overlaps_region(const struct vml_memblock *mb,
				  const struct vml_memblock_type *type, vml_phys_t base,
				  uint64_t size)
{
	if (base > mb->phys_addr_max)
		return false;
	size = vml_memblock_cap_size(mb, base, size);
	for (unsigned int i = 0; i < type->cnt; i++)
		if (base < type->regions[i].base + type->regions[i].size &&
		    type->regions[i].base < base + size)
			return true;
	return false;
}

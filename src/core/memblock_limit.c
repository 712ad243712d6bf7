/* SPDX-License-Identifier: MIT */
/*
 * DOC: cutting memory down: mem=, memblock_cap_memory_range, trimming
 *
 * As Linux mm/memblock.c v6.12. __find_max_addr() turns a byte count into
 * the address where the first @limit bytes of memory end, counting every
 * memory region (NOMAP too); when memory holds no more than @limit bytes it
 * answers PHYS_ADDR_MAX and the callers do nothing. The kernel prints no
 * memblock=debug line for these; the trace hook still reports them under
 * the kernel function names, with [0, limit - 1] for the limits and
 * [0, align - 1] for the trim.
 */
#include "core/memblock_internal.h"

static vml_phys_t find_max_addr(const struct vml_memblock *mb, uint64_t limit)
{
	const struct vml_memblock_type *t = &mb->memory;

	for (unsigned int i = 0; i < t->cnt; i++) {
		if (limit <= t->regions[i].size)
			return t->regions[i].base + limit;
		limit -= t->regions[i].size;
	}
	return mb->phys_addr_max;
}

/**
 * vml_memblock_enforce_memory_limit() - memblock_enforce_memory_limit() (mem=)
 * @mb: the model
 * @limit: bytes of memory to keep, 0 for no limit
 * @diag: unused: cutting the top off a list never needs a slot
 *
 * Removes memory and reserved ranges from the end of the first @limit
 * bytes of memory up to PHYS_ADDR_MAX.
 *
 * Return: 0.
 */
int vml_memblock_enforce_memory_limit(struct vml_memblock *mb, uint64_t limit,
				      struct vml_diag *diag)
{
	vml_phys_t max_addr;
	int ret;

	if (!limit)
		return 0;
	max_addr = find_max_addr(mb, limit);
	if (max_addr == mb->phys_addr_max)
		return 0;
	ret = vml_memblock_remove_range(mb, &mb->memory, max_addr, mb->phys_addr_max, diag);
	if (!ret)
		ret =
		    vml_memblock_remove_range(mb, &mb->reserved, max_addr, mb->phys_addr_max, diag);
	if (!ret)
		vml_memblock_trace(mb, "memblock_enforce_memory_limit", 0, limit, 0);
	return ret;
}

/* Drop the memory regions outside [start_rgn, end_rgn) that are not NOMAP. */
static void remove_mapped_outside(const struct vml_memblock *mb, struct vml_memblock_type *t,
				  unsigned int start_rgn, unsigned int end_rgn)
{
	for (unsigned int i = t->cnt; i-- > end_rgn;)
		if (!(t->regions[i].flags & VML_MEMBLOCK_NOMAP))
			vml_memblock_remove_region(mb, t, i);
	for (unsigned int i = start_rgn; i-- > 0;)
		if (!(t->regions[i].flags & VML_MEMBLOCK_NOMAP))
			vml_memblock_remove_region(mb, t, i);
}

/**
 * vml_memblock_cap_memory_range() - memblock_cap_memory_range()
 * @mb: the model
 * @base, @size: the range to keep; @size capped as memblock_cap_size()
 * @diag: filled on failure, may be NULL
 *
 * Memory outside the range goes, except NOMAP regions; the regions split at
 * the range's edges are not merged again (kernel behaviour: a NOMAP region
 * crossing an edge stays as two regions). Reserved outside the range goes.
 * Nothing happens for a zero @size or when there is no memory yet.
 *
 * Return: 0; VML_ENOMEM when memory has no slot for the split pieces;
 * VML_ERANGE when @base is above phys_addr_max.
 */
int vml_memblock_cap_memory_range(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
				  struct vml_diag *diag)
{
	unsigned int start_rgn, end_rgn;
	int ret = vml_memblock_check_base(mb, base, size, diag);

	if (ret || !size || !mb->memory.total_size)
		return ret;
	ret = vml_memblock_isolate_range(mb, &mb->memory, base, size, &start_rgn, &end_rgn, diag);
	if (ret)
		return ret;
	remove_mapped_outside(mb, &mb->memory, start_rgn, end_rgn);
	/* Removing a head or a tail never splits, so these cannot fail. The
	 * kernel adds the uncapped size; capped here so the sum cannot wrap. */
	vml_memblock_remove_range(mb, &mb->reserved, 0, base, NULL);
	vml_memblock_remove_range(mb, &mb->reserved, base + vml_memblock_cap_size(mb, base, size),
				  mb->phys_addr_max, NULL);
	vml_memblock_trace(mb, "memblock_cap_memory_range", base, size, 0);
	return 0;
}

/**
 * vml_memblock_mem_limit_remove_map() - memblock_mem_limit_remove_map()
 * @mb: the model
 * @limit: bytes of memory to keep, 0 for no limit
 * @diag: filled on failure, may be NULL
 *
 * Return: as vml_memblock_cap_memory_range(0, end of the first @limit bytes).
 */
int vml_memblock_mem_limit_remove_map(struct vml_memblock *mb, uint64_t limit,
				      struct vml_diag *diag)
{
	vml_phys_t max_addr;
	int ret;

	if (!limit)
		return 0;
	max_addr = find_max_addr(mb, limit);
	if (max_addr == mb->phys_addr_max)
		return 0;
	ret = vml_memblock_cap_memory_range(mb, 0, max_addr, diag);
	if (!ret)
		vml_memblock_trace(mb, "memblock_mem_limit_remove_map", 0, limit, 0);
	return ret;
}

/**
 * vml_memblock_trim_memory() - memblock_trim_memory()
 * @mb: the model
 * @align: a power of two
 * @diag: filled on failure, may be NULL
 *
 * Rounds each memory region's base up and end down to @align and drops the
 * regions left empty. Unlike the kernel, which forgets to, this keeps
 * memory.total_size equal to the sum of the region sizes.
 *
 * Return: 0, or VML_EINVAL if @align is not a power of two.
 */
int vml_memblock_trim_memory(struct vml_memblock *mb, uint64_t align, struct vml_diag *diag)
{
	struct vml_memblock_type *t = &mb->memory;

	if (!align || (align & (align - 1)))
		return vml_fail(diag, VML_EINVAL, "trim alignment is not a power of two", 0, align,
				-1);
	vml_memblock_changed(mb);
	for (unsigned int i = 0; i < t->cnt;) {
		struct vml_memblock_region *r = &t->regions[i];
		vml_phys_t start = vml_align_up(r->base, align);
		vml_phys_t end = vml_align_down(r->base + r->size, align);

		if (start >= r->base && start < end) {
			t->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
			i++;
		} else {
			vml_memblock_remove_region(mb, t, i);
		}
	}
	vml_memblock_trace(mb, "memblock_trim_memory", 0, align, 0);
	return 0;
}

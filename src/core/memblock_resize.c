/* SPDX-License-Identifier: MIT */
/*
 * DOC: growing a full region list (memblock_double_array)
 *
 * As memblock_double_array() of Linux mm/memblock.c v6.12, before the slab
 * allocator is up (the only time vmlayout models):
 *
 * - the new array holds twice as many regions; its memory is
 *   PAGE_ALIGN(2 * max * sizeof(struct memblock_region)) bytes, found by
 *   memblock_find_in_range(start, memblock.current_limit, that size,
 *   PAGE_SIZE);
 * - start is 0 when the memory list grows. When the reserved list grows
 *   while a range is being added to it (or isolated in it), that range is
 *   not reserved yet, so the search starts at its end and, if nothing fits
 *   above, retries in [0, min(range start, current_limit));
 * - the regions are copied over, the old array is freed with
 *   memblock_free() unless it is the static initial one (here: the caller's
 *   first storage), and the new one is reserved with memblock_reserve().
 *
 * The storage itself comes from the caller's resize hook: the model decides
 * where the kernel's array would be and accounts for it in the lists; the
 * host decides where the C array lives.
 */
#include "core/memblock_internal.h"

static int double_failed(const struct vml_memblock_type *type, const char *why,
			 struct vml_diag *diag)
{
	return vml_fail(diag, VML_ENOMEM, why, 0, 0, (int)type->max);
}

/* Where memblock_double_array() puts the new array: 0 for nowhere. */
static vml_phys_t place_new_array(const struct vml_memblock *mb,
				  const struct vml_memblock_type *type, vml_phys_t area_start,
				  uint64_t area_size, uint64_t alloc_size)
{
	vml_phys_t addr;

	/* "only exclude range when trying to double reserved.regions" */
	if (type != &mb->reserved)
		area_start = area_size = 0;
	addr = vml_memblock_find_in_range(mb, area_start + area_size, mb->current_limit, alloc_size,
					  mb->page_size);
	if (!addr && area_size)
		addr = vml_memblock_find_in_range(mb, 0, vml_min(area_start, mb->current_limit),
						  alloc_size, mb->page_size);
	return addr;
}

int vml_memblock_double_array(struct vml_memblock *mb, struct vml_memblock_type *type,
			      vml_phys_t new_area_start, uint64_t new_area_size,
			      struct vml_diag *diag)
{
	uint64_t old_size = (uint64_t)type->max * mb->region_bytes;
	uint64_t old_alloc_size = vml_align_up(old_size, mb->page_size);
	uint64_t new_alloc_size = vml_align_up(old_size * 2, mb->page_size);
	bool old_allocated = type->array_allocated;
	vml_phys_t old_base = type->array_base;
	struct vml_memblock_region *new_array;
	vml_phys_t addr;
	int ret;

	if (!mb->can_resize || !mb->resize || type->max == 0)
		return double_failed(type, "memblock: cannot resize the region array", diag);
	addr = place_new_array(mb, type, new_area_start, new_area_size, new_alloc_size);
	if (!addr)
		return double_failed(type, "memblock: Failed to double the region array: no room",
				     diag);
	new_array = mb->resize(mb->resize_ctx, type, type->max * 2);
	if (!new_array)
		return double_failed(type, "memblock: the resize hook gave no storage", diag);

	/* memcpy() + memset() of the new half: the hook has done the copy. */
	vml_zero(new_array + type->max, (size_t)type->max * sizeof(*new_array));
	type->regions = new_array;
	type->max *= 2;
	type->array_allocated = true;
	type->array_base = addr;
	type->array_alloc_size = new_alloc_size;
	/* "memblock: %s is doubled to %ld at [%pa-%pa]", new_size bytes. */
	vml_memblock_trace(mb, "memblock_double_array", addr, old_size * 2, 0);

	if (old_allocated) {
		ret = vml_memblock_remove_range(mb, &mb->reserved, old_base, old_alloc_size, diag);
		if (ret)
			return ret;
		vml_memblock_trace(mb, "memblock_phys_free", old_base, old_alloc_size, 0);
	}
	ret = vml_memblock_add_range(mb, &mb->reserved, addr, new_alloc_size, mb->max_numnodes, 0,
				     diag);
	if (ret)
		return ret;
	vml_memblock_trace(mb, "memblock_reserve", addr, new_alloc_size, 0);
	return 0;
}

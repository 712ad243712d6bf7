/* SPDX-License-Identifier: MIT */
/*
 * DOC: the memblock allocator (memblock_phys_alloc_range, memblock_alloc_try_nid)
 *
 * As Linux mm/memblock.c v6.12:
 * - memblock_find_in_range_node(): an @end of MEMBLOCK_ALLOC_ACCESSIBLE (0)
 *   or MEMBLOCK_ALLOC_KASAN (1) means memblock.current_limit; the first page
 *   is never handed out (start = max(start, PAGE_SIZE)); end = max(start,
 *   end). Top-down walks the free ranges from the top and takes the highest
 *   aligned fit in the first range that has one; bottom-up the lowest.
 *   Any other @end, ANYWHERE included, is NOT lowered to current_limit.
 * - memblock_alloc_range_nid(): find, then memblock_reserve() the result;
 *   with mirrored memory present, mirrored ranges are tried first.
 * - memblock_alloc_internal() (behind memblock_alloc_try_nid()): max_addr
 *   above current_limit is lowered to it, and when nothing fits above a
 *   non-zero min_addr the search is repeated from 0.
 * - with a node: only that node's memory regions are searched
 *   (should_skip_region()); memblock_alloc_range_nid() then tries any node
 *   unless exact_nid, before dropping the MIRROR requirement.
 * An alignment of 0 (the kernel warns and uses SMP_CACHE_BYTES) and a size
 * of 0 are refused here.
 */
#include "core/memblock_internal.h"

#define MEMBLOCK_ALLOC_KASAN 1ULL /* include/linux/memblock.h v6.12 */

static vml_phys_t find_range_bottom_up(const struct vml_memblock *mb, vml_phys_t start,
				       vml_phys_t end, uint64_t size, uint64_t align, int nid,
				       uint32_t flags)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t this_start, this_end;

	while (vml_memblock_next_free_range_nid(mb, &it, nid, flags, &this_start, &this_end)) {
		vml_phys_t cand;

		this_start = vml_min(vml_max(this_start, start), end);
		this_end = vml_min(vml_max(this_end, start), end);
		cand = vml_align_up(this_start, align);
		if (cand < this_start) /* rounded past 2^64 */
			continue;
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

static vml_phys_t find_range_top_down(const struct vml_memblock *mb, vml_phys_t start,
				      vml_phys_t end, uint64_t size, uint64_t align, int nid,
				      uint32_t flags, vml_phys_t *floor)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t this_start, this_end;

	while (vml_memblock_prev_free_range_nid(mb, &it, nid, flags, &this_start, &this_end)) {
		vml_phys_t cand;

		this_start = vml_min(vml_max(this_start, start), end);
		this_end = vml_min(vml_max(this_end, start), end);
		if (this_end < size)
			continue;
		cand = vml_align_down(this_end - size, align);
		if (cand >= this_start) {
			*floor = this_start;
			return cand;
		}
	}
	return 0;
}

/* memblock_find_in_range_node()'s window: @end ACCESSIBLE or KASAN is the
 * current limit, never the first page, end >= start. */
static void clamp_window(const struct vml_memblock *mb, vml_phys_t *start, vml_phys_t *end)
{
	if (*end == VML_MEMBLOCK_ALLOC_ACCESSIBLE || *end == MEMBLOCK_ALLOC_KASAN)
		*end = mb->current_limit;
	*start = vml_max(*start, mb->page_size);
	*end = vml_max(*start, *end);
}

vml_phys_t vml_memblock_find_in_range_node(const struct vml_memblock *mb, uint64_t size,
					   uint64_t align, vml_phys_t start, vml_phys_t end,
					   int nid, uint32_t flags)
{
	vml_phys_t floor;

	clamp_window(mb, &start, &end);
	if (mb->bottom_up)
		return find_range_bottom_up(mb, start, end, size, align, nid, flags);
	return find_range_top_down(mb, start, end, size, align, nid, flags, &floor);
}

vml_phys_t vml_memblock_find_top_down(const struct vml_memblock *mb, uint64_t size, uint64_t align,
				      vml_phys_t start, vml_phys_t end, int nid, uint32_t flags,
				      vml_phys_t *floor)
{
	clamp_window(mb, &start, &end);
	return find_range_top_down(mb, start, end, size, align, nid, flags, floor);
}

/* memblock_find_in_range(): NUMA_NO_NODE, choose_memblock_flags(), and the
 * search repeated without MIRROR when mirrored memory has no room. */
vml_phys_t vml_memblock_find_in_range(const struct vml_memblock *mb, vml_phys_t start,
				      vml_phys_t end, uint64_t size, uint64_t align)
{
	uint32_t flags = mb->system_has_some_mirror ? VML_MEMBLOCK_MIRROR : VML_MEMBLOCK_NONE;
	vml_phys_t found =
	    vml_memblock_find_in_range_node(mb, size, align, start, end, VML_NUMA_NO_NODE, flags);

	if (!found && flags)
		found = vml_memblock_find_in_range_node(mb, size, align, start, end,
							VML_NUMA_NO_NODE, VML_MEMBLOCK_NONE);
	return found;
}

/* One try of memblock_alloc_range_nid(): find on @nid, then reserve. Sets
 * *@found to the address found (0 for none); true when reserved. */
static bool try_alloc(struct vml_memblock *mb, uint64_t size, uint64_t align, vml_phys_t start,
		      vml_phys_t end, int nid, uint32_t flags, vml_phys_t *found)
{
	*found = vml_memblock_find_in_range_node(mb, size, align, start, end, nid, flags);
	if (!*found ||
	    vml_memblock_add_range(mb, &mb->reserved, *found, size, mb->max_numnodes, 0, NULL))
		return false;
	vml_memblock_trace(mb, "memblock_reserve", *found, size, 0);
	return true;
}

/* memblock_alloc_range_nid(): find, reserve, report. */
static int alloc_range(struct vml_memblock *mb, uint64_t size, uint64_t align, vml_phys_t start,
		       vml_phys_t end, int nid, bool exact_nid, vml_phys_t *out,
		       struct vml_diag *diag)
{
	uint32_t flags = mb->system_has_some_mirror ? VML_MEMBLOCK_MIRROR : VML_MEMBLOCK_NONE;
	vml_phys_t found;

	for (;;) {
		if (try_alloc(mb, size, align, start, end, nid, flags, &found) ||
		    (vml_memblock_valid_node(mb, nid) && !exact_nid &&
		     try_alloc(mb, size, align, start, end, VML_NUMA_NO_NODE, flags, &found))) {
			*out = found;
			return 0;
		}
		if (!(flags & VML_MEMBLOCK_MIRROR))
			break;
		flags &= ~VML_MEMBLOCK_MIRROR; /* "Could not allocate ... mirrored memory" */
	}
	if (found) /* a range fits but memblock_reserve() has no slot for it */
		return vml_fail(diag, VML_ENOMEM, "memblock.reserved region array is full", found,
				size, (int)mb->reserved.max);
	return vml_fail(diag, VML_ENOMEM, "no free memory range fits the allocation", start, size,
			-1);
}

static int check_request(uint64_t size, uint64_t align, struct vml_diag *diag)
{
	if (!size)
		return vml_fail(diag, VML_EINVAL, "allocation size is zero", 0, 0, -1);
	if (!align || (align & (align - 1)))
		return vml_fail(diag, VML_EINVAL, "allocation alignment is not a power of two", 0,
				align, -1);
	return 0;
}

int vml_memblock_phys_alloc_range(struct vml_memblock *mb, uint64_t size, uint64_t align,
				  vml_phys_t start, vml_phys_t end, vml_phys_t *out,
				  struct vml_diag *diag)
{
	int ret = check_request(size, align, diag);

	return ret ? ret
		   : alloc_range(mb, size, align, start, end, VML_NUMA_NO_NODE, false, out, diag);
}

int vml_memblock_alloc_range_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
				 vml_phys_t start, vml_phys_t end, int nid, bool exact_nid,
				 vml_phys_t *out, struct vml_diag *diag)
{
	int ret = check_request(size, align, diag);

	return ret ? ret : alloc_range(mb, size, align, start, end, nid, exact_nid, out, diag);
}

/* memblock_alloc_internal(). */
static int alloc_internal(struct vml_memblock *mb, uint64_t size, uint64_t align,
			  vml_phys_t min_addr, vml_phys_t max_addr, int nid, bool exact_nid,
			  vml_phys_t *out, struct vml_diag *diag)
{
	int ret = check_request(size, align, diag);

	if (ret)
		return ret;
	if (max_addr > mb->current_limit)
		max_addr = mb->current_limit;
	ret = alloc_range(mb, size, align, min_addr, max_addr, nid, exact_nid, out, diag);
	if (ret && min_addr) /* retry without the lower limit */
		ret = alloc_range(mb, size, align, 0, max_addr, nid, exact_nid, out, diag);
	return ret;
}

int vml_memblock_alloc_try_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
			       vml_phys_t min_addr, vml_phys_t max_addr, vml_phys_t *out,
			       struct vml_diag *diag)
{
	return alloc_internal(mb, size, align, min_addr, max_addr, VML_NUMA_NO_NODE, false, out,
			      diag);
}

int vml_memblock_alloc_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
			   vml_phys_t min_addr, vml_phys_t max_addr, int nid, vml_phys_t *out,
			   struct vml_diag *diag)
{
	return alloc_internal(mb, size, align, min_addr, max_addr, nid, false, out, diag);
}

int vml_memblock_alloc_exact_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
				 vml_phys_t min_addr, vml_phys_t max_addr, int nid, vml_phys_t *out,
				 struct vml_diag *diag)
{
	return alloc_internal(mb, size, align, min_addr, max_addr, nid, true, out, diag);
}

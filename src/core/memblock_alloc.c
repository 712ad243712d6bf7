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
 * An alignment of 0 (the kernel warns and uses SMP_CACHE_BYTES) and a size
 * of 0 are refused here.
 */
#include "core/memblock_internal.h"

#define MEMBLOCK_ALLOC_KASAN 1ULL /* include/linux/memblock.h v6.12 */

static vml_phys_t find_range_bottom_up(const struct vml_memblock *mb, vml_phys_t start,
				       vml_phys_t end, uint64_t size, uint64_t align,
				       uint32_t flags)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t this_start, this_end;

	while (vml_memblock_next_free_range(mb, &it, flags, &this_start, &this_end)) {
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
				      vml_phys_t end, uint64_t size, uint64_t align, uint32_t flags)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t this_start, this_end;

	while (vml_memblock_prev_free_range(mb, &it, flags, &this_start, &this_end)) {
		vml_phys_t cand;

		this_start = vml_min(vml_max(this_start, start), end);
		this_end = vml_min(vml_max(this_end, start), end);
		if (this_end < size)
			continue;
		cand = vml_align_down(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/* memblock_find_in_range_node(): the address found, 0 for none. */
static vml_phys_t find_in_range(const struct vml_memblock *mb, uint64_t size, uint64_t align,
				vml_phys_t start, vml_phys_t end, uint32_t flags)
{
	if (end == VML_MEMBLOCK_ALLOC_ACCESSIBLE || end == MEMBLOCK_ALLOC_KASAN)
		end = mb->current_limit;
	start = vml_max(start, mb->page_size);
	end = vml_max(start, end);
	if (mb->bottom_up)
		return find_range_bottom_up(mb, start, end, size, align, flags);
	return find_range_top_down(mb, start, end, size, align, flags);
}

/* memblock_alloc_range_nid() without nodes: find, reserve, report. */
static int alloc_range(struct vml_memblock *mb, uint64_t size, uint64_t align, vml_phys_t start,
		       vml_phys_t end, vml_phys_t *out, struct vml_diag *diag)
{
	uint32_t flags = mb->system_has_some_mirror ? VML_MEMBLOCK_MIRROR : VML_MEMBLOCK_NONE;
	vml_phys_t found;

	for (;;) {
		found = find_in_range(mb, size, align, start, end, flags);
		if (found && !vml_memblock_add_range(mb, &mb->reserved, found, size, 0, NULL)) {
			vml_memblock_trace(mb, "memblock_reserve", found, size, 0);
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

	return ret ? ret : alloc_range(mb, size, align, start, end, out, diag);
}

int vml_memblock_alloc_try_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
			       vml_phys_t min_addr, vml_phys_t max_addr, vml_phys_t *out,
			       struct vml_diag *diag)
{
	int ret = check_request(size, align, diag);

	if (ret)
		return ret;
	if (max_addr > mb->current_limit)
		max_addr = mb->current_limit;
	ret = alloc_range(mb, size, align, min_addr, max_addr, out, diag);
	if (ret && min_addr) /* retry without the lower limit */
		ret = alloc_range(mb, size, align, 0, max_addr, out, diag);
	return ret;
}

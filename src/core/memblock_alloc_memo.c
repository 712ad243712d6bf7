/* SPDX-License-Identifier: MIT */
/*
 * DOC: memblock_phys_alloc_range() with a memo of the last allocation
 *
 * A page-table builder asks memblock for table after table of one size
 * (arch/arm/mm/mmu.c early_alloc(), arch/arm64/mm/mmu.c
 * early_pgtable_alloc(), v6.12), and top-down each lands just below the
 * last. The kernel walks the free ranges every time; so does
 * vml_memblock_phys_alloc_range(). This gives the same answer without the
 * walk when it can prove it from the last call:
 *
 * Top-down, memblock_find_in_range_node() returns the highest aligned fit
 * (the first free range from the top that has a fit gives its highest).
 * Say the last call gave L, the highest fit then, found in a free range
 * whose part below L is [F, L). If since then nothing changed but that
 * call's reserve of [L, L + size): nothing above L fits (there was no fit
 * and reserving only takes memory away); nothing in (L - size, L] fits
 * (with @size a multiple of @align, an aligned block there overlaps
 * [L, L + size)); and [L - size, L) is free and in one range if
 * L - size >= F. So L - size is the answer, and [F, L - size) is free for
 * the call after. Everything else (another request, a changed memblock,
 * bottom-up, mirrored memory, the range below used up) takes the walk.
 */
#include "core/memblock_internal.h"

static bool memo_holds(const struct vml_memblock *mb, const struct vml_memblock_alloc_memo *m,
		       uint64_t size, uint64_t align, vml_phys_t start, vml_phys_t end)
{
	return m->valid && m->changes == mb->changes && m->size == size && m->align == align &&
	       m->start == start && m->end == end && m->current_limit == mb->current_limit &&
	       !mb->bottom_up && !mb->system_has_some_mirror && m->last - m->floor >= size;
}

/* The index of the reserved region that starts at @base, or cnt. */
static unsigned int region_at(const struct vml_memblock_type *type, vml_phys_t base)
{
	unsigned int r = 0;

	while (r < type->cnt && type->regions[r].base < base)
		r++;
	return r < type->cnt && type->regions[r].base == base ? r : type->cnt;
}

/* Reserve [@found, + @size) as memblock_alloc_range_nid() does once it has
 * found it (try_alloc(), memblock_alloc.c); *@before: mb->changes before. */
static int reserve(struct vml_memblock *mb, vml_phys_t found, uint64_t size, uint64_t *before,
		   struct vml_diag *diag)
{
	*before = mb->changes;
	if (vml_memblock_add_range(mb, &mb->reserved, found, size, mb->max_numnodes, 0, NULL))
		return vml_fail(diag, VML_ENOMEM, "memblock.reserved region array is full", found,
				size, (int)mb->reserved.max);
	mb->alloc_memo.rgn = region_at(&mb->reserved, found);
	vml_memblock_trace(mb, "memblock_reserve", found, size, 0);
	return 0;
}

/* The memo's answer @found reserved the commonest way: it joins the region
 * the last allocation reserved (mb->alloc_memo.rgn) from below, which is
 * vml_memblock_add_range()'s own first case without its walk to that
 * region, and changes nothing else (the memo holds). False if it does not
 * apply (nothing changed). */
static bool reserve_below_last(struct vml_memblock *mb, vml_phys_t found, uint64_t size)
{
	struct vml_memblock_alloc_memo *memo = &mb->alloc_memo;

	if (size > mb->phys_addr_max - found || /* capped: not the same range */
	    !vml_memblock_extend_at(&mb->reserved, memo->rgn, found, memo->last, mb->max_numnodes,
				    0))
		return false;
	vml_memblock_changed(mb);
	if (mb->trace) /* vml_memblock_trace()'s own check, without its call */
		vml_memblock_trace(mb, "memblock_reserve", found, size, 0);
	memo->changes = mb->changes;
	memo->last = found;
	return true;
}

/* The memo holds but its answer does not join the last region (a reserve
 * through the walk), or it does not hold (the walk): out of line, so that
 * the commonest call below keeps a small frame. */
static __attribute__((noinline)) int alloc_memo_slow(struct vml_memblock *mb, uint64_t size,
						     uint64_t align, vml_phys_t start,
						     vml_phys_t end, vml_phys_t *out,
						     struct vml_diag *diag)
{
	struct vml_memblock_alloc_memo *memo = &mb->alloc_memo;
	vml_phys_t found, floor;
	uint64_t before;
	int err;

	if (memo_holds(mb, memo, size, align, start, end)) {
		found = memo->last - size;
		err = reserve(mb, found, size, &before, diag);
		/* Valid only if that reserve was the only change (a doubled
		 * reserved array reserves its own memory, perhaps in [floor,
		 * found)). */
		memo->valid = !err && mb->changes == before + 1;
		memo->changes = mb->changes;
		memo->last = found;
		*out = err ? *out : found;
		return err;
	}
	memo->valid = false;
	/* the request's checks, bottom-up and mirror: the plain path */
	if (!size || !align || (align & (align - 1)) || mb->bottom_up || mb->system_has_some_mirror)
		return vml_memblock_phys_alloc_range(mb, size, align, start, end, out, diag);
	found = vml_memblock_find_top_down(mb, size, align, start, end, VML_NUMA_NO_NODE,
					   VML_MEMBLOCK_NONE, &floor);
	if (!found) /* its error, from the same walk */
		return vml_memblock_phys_alloc_range(mb, size, align, start, end, out, diag);
	err = reserve(mb, found, size, &before, diag);
	if (err)
		return err;
	*memo = (struct vml_memblock_alloc_memo){.valid = mb->changes == before + 1 &&
							  !(size & (align - 1)),
						 .changes = mb->changes,
						 .size = size,
						 .align = align,
						 .start = start,
						 .end = end,
						 .current_limit = mb->current_limit,
						 .last = found,
						 .floor = floor,
						 .rgn = memo->rgn};
	*out = found;
	return 0;
}

int vml_memblock_phys_alloc_range_memo(struct vml_memblock *mb, uint64_t size, uint64_t align,
				       vml_phys_t start, vml_phys_t end, vml_phys_t *out,
				       struct vml_diag *diag)
{
	struct vml_memblock_alloc_memo *memo = &mb->alloc_memo;

	if (memo_holds(mb, memo, size, align, start, end) &&
	    reserve_below_last(mb, memo->last - size, size)) {
		*out = memo->last; /* reserve_below_last() moved it down */
		return 0;
	}
	return alloc_memo_slow(mb, size, align, start, end, out, diag);
}

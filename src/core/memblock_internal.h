/* SPDX-License-Identifier: MIT */
/*
 * The region-list primitives shared by the memblock files (memblock.c,
 * memblock_alloc.c, memblock_limit.c). Not part of the public API.
 */
#ifndef VMLAYOUT_CORE_MEMBLOCK_INTERNAL_H
#define VMLAYOUT_CORE_MEMBLOCK_INTERNAL_H

#include "vmlayout/memblock.h"

/* memblock_cap_size(): the size, shrunk so that base + size <= PHYS_ADDR_MAX. */
static inline uint64_t vml_memblock_cap_size(const struct vml_memblock *mb, vml_phys_t base,
					     uint64_t size)
{
	return vml_min(size, mb->phys_addr_max - base);
}

/* numa_valid_node() (include/linux/numa.h v6.12): 0 <= nid < MAX_NUMNODES. */
static inline bool vml_memblock_valid_node(const struct vml_memblock *mb, int nid)
{
	return nid >= 0 && nid < mb->max_numnodes;
}

/* The lists are about to change (a call that fails changes nothing, not
 * even this): what a struct vml_memblock_alloc_memo checks. */
static inline void vml_memblock_changed(struct vml_memblock *mb)
{
	mb->changes++;
}

/*
 * memblock.c extend_below(), memblock_add_range()'s commonest case, for a
 * caller that knows r already (the region that would start at @end): the
 * same checks but the walk to r, which region r - 1 ending at or under
 * @base stands in for. False if it does not apply (nothing changed); the
 * caller's vml_memblock_add_range() then decides.
 */
static inline bool vml_memblock_extend_at(struct vml_memblock_type *type, unsigned int r,
					  vml_phys_t base, vml_phys_t end, int nid, uint32_t flags)
{
	struct vml_memblock_region *rgn;

	if (type->cnt + 1 > type->max || r >= type->cnt)
		return false;
	rgn = &type->regions[r];
	if (rgn->base != end || rgn->nid != nid || rgn->flags != flags)
		return false;
	if (r && rgn[-1].base + rgn[-1].size >= base &&
	    (rgn[-1].base + rgn[-1].size > base || (rgn[-1].nid == nid && rgn[-1].flags == flags)))
		return false; /* it overlaps r - 1, or would merge with both neighbours */
	rgn->base = base;
	rgn->size += end - base;
	type->total_size += end - base;
	return true;
}

/* The rule text and check for a base a phys_addr_t of this width cannot hold. */
int vml_memblock_check_base(const struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			    struct vml_diag *diag);

/* memblock_add_range(): insert the uncovered parts of [base, base+size) on
 * node @nid with @flags, then merge. VML_ENOMEM (nothing changed) when the
 * pieces don't fit and the list cannot be doubled. */
int vml_memblock_add_range(struct vml_memblock *mb, struct vml_memblock_type *type, vml_phys_t base,
			   uint64_t size, int nid, uint32_t flags, struct vml_diag *diag);

/* memblock_find_in_range_node(): the address found, 0 for none. */
vml_phys_t vml_memblock_find_in_range_node(const struct vml_memblock *mb, uint64_t size,
					   uint64_t align, vml_phys_t start, vml_phys_t end,
					   int nid, uint32_t flags);

/* The same, top-down only (!mb->bottom_up), and *@floor: the bottom of the
 * free range (clipped to the window) the address was found in. */
vml_phys_t vml_memblock_find_top_down(const struct vml_memblock *mb, uint64_t size, uint64_t align,
				      vml_phys_t start, vml_phys_t end, int nid, uint32_t flags,
				      vml_phys_t *floor);

/* memblock_find_in_range(): any node, mirrored memory first if there is some. */
vml_phys_t vml_memblock_find_in_range(const struct vml_memblock *mb, vml_phys_t start,
				      vml_phys_t end, uint64_t size, uint64_t align);

/* memblock_double_array() (memblock_resize.c): double @type, keeping the new
 * array off [new_area_start, + new_area_size) when @type is reserved. */
int vml_memblock_double_array(struct vml_memblock *mb, struct vml_memblock_type *type,
			      vml_phys_t new_area_start, uint64_t new_area_size,
			      struct vml_diag *diag);

/* memblock_remove_range(): cut [base, base+size) out of @type. */
int vml_memblock_remove_range(struct vml_memblock *mb, struct vml_memblock_type *type,
			      vml_phys_t base, uint64_t size, struct vml_diag *diag);

/* memblock_isolate_range(): split the regions crossing the edges of
 * [base, base+size); the regions inside are [*start_rgn, *end_rgn). */
int vml_memblock_isolate_range(struct vml_memblock *mb, struct vml_memblock_type *type,
			       vml_phys_t base, uint64_t size, unsigned int *start_rgn,
			       unsigned int *end_rgn, struct vml_diag *diag);

/* memblock_remove_region(): drop region @r of @type; an emptied list gets
 * the kernel's zeroed regions[0]. */
void vml_memblock_remove_region(const struct vml_memblock *mb, struct vml_memblock_type *type,
				unsigned int r);

/* Call the trace hook, if any, with the kernel's memblock_dbg() range
 * [base, base + size - 1] (computed before capping, wrapping at the width). */
void vml_memblock_trace(const struct vml_memblock *mb, const char *op, vml_phys_t base,
			uint64_t size, uint32_t flags);

#endif

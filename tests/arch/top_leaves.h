/* SPDX-License-Identifier: MIT */
/* Shared by the arm64 and riscv64 boot-table tests: the leaves above the
 * linear map and the image (the fixmap, the vmemmap) and where the
 * vmemmap's must point. */
#ifndef VMLAYOUT_TESTS_TOP_LEAVES_H
#define VMLAYOUT_TESTS_TOP_LEAVES_H

#include "vmlayout/layout.h"
#include "vmlayout/pgtable.h"

/* The layout's struct page buffer (its reservation @name), or NULL. */
static inline const struct vml_reservation *top_memmap_buffer(const struct vml_layout *lo,
							      const char *name)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, name))
			return &lo->reservations[i];
	return NULL;
}

/* True for a leaf of the fixmap or the vmemmap; a vmemmap leaf adds its
 * size to @vmemmap_bytes and counts in @misplaced unless it maps struct
 * pages of the buffer @buf. */
static inline bool top_leaf(const struct vml_layout *lo, const struct vml_reservation *buf,
			    const struct vml_pt_range *r, uint64_t *vmemmap_bytes,
			    uint64_t *misplaced)
{
	const struct vml_vregion *fx = vml_layout_find_region(lo, "fixmap");
	const struct vml_vregion *vm = vml_layout_find_region(lo, "vmemmap");
	const uint64_t va = r->va.va;

	if (fx && va >= fx->start && va < fx->end)
		return true;
	if (!vm || va < vm->start || va >= vm->end)
		return false;
	*vmemmap_bytes += r->size;
	if (!buf || r->pa.pa < buf->base || r->pa.pa + r->size > buf->base + buf->size)
		(*misplaced)++;
	return true;
}

#endif

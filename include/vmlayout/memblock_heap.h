/* SPDX-License-Identifier: MIT */
/*
 * DOC: a heap-backed resize hook for the memblock model (host only)
 *
 * vml_memblock_allow_resize() wants a hook that hands over bigger storage
 * when a list doubles. This one uses the C heap: the first time a list
 * grows its caller-supplied array is copied into malloc()ed storage (the
 * caller's array stays the caller's, as the kernel never frees its static
 * memblock_*_init_regions); after that the heap array is realloc()ed.
 *
 *	struct vml_memblock_heap heap = {0};
 *	vml_memblock_allow_resize(&mb, vml_memblock_heap_grow, &heap);
 *	...
 *	vml_memblock_heap_release(&heap); // after the last use of mb
 */
#ifndef VMLAYOUT_MEMBLOCK_HEAP_H
#define VMLAYOUT_MEMBLOCK_HEAP_H

#include "memblock.h"

struct vml_memblock_heap {
	/* The heap arrays of the memory and reserved lists, NULL while a list
	 * still lives in the caller's storage. */
	struct vml_memblock_region *owned[2];
};

/* The vml_memblock_resize_fn: @ctx is a struct vml_memblock_heap. NULL when
 * the host is out of memory (the model then fails with VML_ENOMEM). */
struct vml_memblock_region *vml_memblock_heap_grow(void *ctx, const struct vml_memblock_type *type,
						   unsigned int new_max);

/* Free the heap arrays; the model must not be used afterwards. */
void vml_memblock_heap_release(struct vml_memblock_heap *heap);

#endif

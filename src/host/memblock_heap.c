/* SPDX-License-Identifier: MIT */
/*
 * DOC: the heap-backed memblock resize hook (see vmlayout/memblock_heap.h)
 */
#include <stdlib.h>
#include <string.h>

#include "vmlayout/memblock_heap.h"

struct vml_memblock_region *vml_memblock_heap_grow(void *ctx, const struct vml_memblock_type *type,
						   unsigned int new_max)
{
	struct vml_memblock_heap *heap = ctx;
	/* the model names its lists "memory" and "reserved" */
	unsigned int slot = type->name && type->name[0] == 'r';
	struct vml_memblock_region *p;

	if (heap->owned[slot] && heap->owned[slot] == type->regions) {
		p = realloc(heap->owned[slot], (size_t)new_max * sizeof(*p));
	} else {
		p = malloc((size_t)new_max * sizeof(*p));
		if (p)
			memcpy(p, type->regions, (size_t)type->max * sizeof(*p));
	}
	if (p)
		heap->owned[slot] = p;
	return p;
}

void vml_memblock_heap_release(struct vml_memblock_heap *heap)
{
	free(heap->owned[0]);
	free(heap->owned[1]);
	heap->owned[0] = heap->owned[1] = NULL;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the vmalloc-space allocator
 *
 * The kernel's vmalloc allocator (mm/vmalloc.c, v6.1) keeps its free space
 * in a red-black tree ordered by address, each node augmented with the
 * largest free block beneath it (subtree_max_size), so that the lowest
 * address that fits is found in O(log n); vmalloc space may come in pieces
 * (an intermixed lowmem leaves several), and static areas (the arch's
 * static_vm: PCI I/O, and under intermix the lowmem pieces) are taken out
 * before the first allocation. This module does the same over caller
 * storage, with a treap (a randomized balanced tree) instead of a red-black
 * tree: the same O(log n) bounds for alloc and free.
 *
 * An allocation of @size takes @size plus one guard page (the kernel's
 * VM_NO_GUARD unset), at the lowest address in [vstart, vend) aligned to
 * @align, as __get_vm_area_node()/alloc_vmap_area() do; free gives the whole
 * area back and merges it with its free neighbours. Freestanding: the
 * caller gives the node storage (two nodes per live area is always enough,
 * plus one per piece of space and per static area).
 */
#ifndef VMLAYOUT_VMAREA_H
#define VMLAYOUT_VMAREA_H

#include "env.h"
#include "error.h"

struct vml_vmarea_node {
	uint64_t start, size; /* [start, start + size) */
	uint64_t max_size;    /* free tree: the largest size in this subtree */
	uint32_t prio;	      /* the treap's heap key */
	int32_t left, right;  /* node indexes, -1 for none */
};

struct vml_vmarea {
	struct vml_vmarea_node *node; /* caller storage */
	unsigned int cap;
	int32_t free_root, busy_root; /* free space; live areas */
	int32_t spare;		      /* the list of unused nodes (linked by .left) */
	uint64_t page_size;
	uint32_t seed;	      /* the treap's priorities (deterministic) */
	uint64_t total, used; /* bytes of space; bytes of live areas */
	unsigned int n_busy;
	uint64_t steps; /* tree nodes visited so far: a statistic (bench/), not state */
};

/* An empty allocator over @cap nodes of @nodes; @page_size is the guard. */
void vml_vmarea_init(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
		     uint64_t page_size);
/* Add [start, end) as free space (a piece of the vmalloc area); it joins
 * free space it touches, as a free does. Return: 0,
 * VML_EINVAL (empty, unaligned or overlapping existing space), VML_ENOMEM
 * (no node left). */
int vml_vmarea_add_space(struct vml_vmarea *va, uint64_t start, uint64_t end);
/* Take [start, start + size) out as a static area (vm_area_add_early()), no
 * guard. Return: 0, VML_ENOENT when that range is not all free space,
 * VML_ENOMEM. */
int vml_vmarea_reserve(struct vml_vmarea *va, uint64_t start, uint64_t size);
/* The lowest address aligned to @align (a power of two, at least a page)
 * where @size + one guard page fits inside [vstart, vend). Return: 0 with
 * *addr set, VML_EINVAL (size 0 or unaligned, bad align), VML_ENOMEM (no
 * room: the allocator is unchanged). */
int vml_vmarea_alloc(struct vml_vmarea *va, uint64_t size, uint64_t align, uint64_t vstart,
		     uint64_t vend, uint64_t *addr);
/* Free the live area at @addr (with its guard). Return: 0 or VML_ENOENT. */
int vml_vmarea_free(struct vml_vmarea *va, uint64_t addr);
/* The largest free block (what one allocation can at most get, guard
 * included). */
uint64_t vml_vmarea_largest_free(const struct vml_vmarea *va);
/* Visit the live areas in address order: @fn(ctx, start, size) (size with
 * the guard page). */
void vml_vmarea_for_each_busy(const struct vml_vmarea *va,
			      void (*fn)(void *ctx, uint64_t start, uint64_t size), void *ctx);

#endif

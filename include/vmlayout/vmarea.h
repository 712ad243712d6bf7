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
 * storage with a B+tree instead of a red-black tree: one tree holds every
 * block (free, live area, static area) in address order, each inner node
 * keeping for each child its lowest start and the largest free block
 * beneath it. The same O(log n) bounds for alloc and free, with fewer
 * memory touches: a node is eight cache lines holding up to 30 blocks (119
 * in the compact leaves of a span under 2^30 pages, vml_vmarea_init_span())
 * or 24 children, fetched together (a descent prefetches the whole node it goes
 * to), so a descent through 10^6 areas visits 5 nodes where a treap visits
 * about 28 (2 ln n), and an
 * alloc or a free is one descent and its changes in one leaf (now and then
 * a split or a merge of nodes, a few more).
 *
 * An allocation of @size takes @size plus one guard page (the kernel's
 * VM_NO_GUARD unset), at the lowest address in [vstart, vend) aligned to
 * @align, as __get_vm_area_node()/alloc_vmap_area() do; free gives the whole
 * area back and merges it with its free neighbours. Freestanding: the
 * caller gives the node storage: VML_VMAREA_NODES(n) nodes hold n blocks
 * (a live area is one block, and adds at most one free block; a piece of
 * space or a static area one or two).
 */
#ifndef VMLAYOUT_VMAREA_H
#define VMLAYOUT_VMAREA_H

#include "env.h"
#include "error.h"

#define VML_VMAREA_LEAF 30   /* blocks in a leaf of 64-bit addresses */
#define VML_VMAREA_FANOUT 24 /* children of an inner node */
/* Blocks in a compact leaf, for a span of at most VML_VMAREA_SPAN_PAGES
 * pages (vml_vmarea_init_span()): every page of the span is in a block (the
 * gaps between pieces of space are holes), so a block ends where the next
 * begins and a leaf keeps only its blocks' starts, as 32-bit page offsets
 * from the allocator's base with the kind in the two low bits, and its end
 * after them: 4 bytes a block. */
#define VML_VMAREA_LEAF_PAGES 119
#define VML_VMAREA_SPAN_PAGES ((1u << 30) - 1)
/* Nodes that always hold @blocks blocks, whichever the leaves: every leaf
 * but the root at least half full (at most blocks / 15 leaves), every inner node but the root with
 * at least half its children (a third more nodes above the leaves), and room for the splits of the
 * next operation. Compact leaves also keep the span's holes, at most one after each piece of space
 * and one at the span's start (2 blocks + 1 in all), but hold at least 59 blocks: fewer leaves
 * still. */
#define VML_VMAREA_NODES(blocks)                                                                   \
	((blocks) / (VML_VMAREA_LEAF / 2) * (VML_VMAREA_FANOUT / 2) /                              \
	     (VML_VMAREA_FANOUT / 2 - 1) +                                                         \
	 64)

/* One node of the tree: 512 bytes, eight cache lines. */
struct vml_vmarea_node {
	_Alignas(64) uint8_t leaf;     /* 0: children; VML_VMAREA_LEAF64 or _LEAF32: blocks */
	uint8_t n;		       /* blocks or children in use */
	uint8_t kind[VML_VMAREA_LEAF]; /* 64-bit leaf: each block's VML_VMAREA_* */
	union {
		struct {
			uint64_t start[VML_VMAREA_LEAF], size[VML_VMAREA_LEAF];
		} b; /* 64-bit leaf: the blocks, ordered by start */
		struct {
			/* edge[i]: block i's first page from the base << 2 | its
			 * kind; edge[n]: the leaf's end (the next leaf's first
			 * page), so block i is edge[i] .. edge[i + 1] */
			uint32_t edge[VML_VMAREA_LEAF_PAGES + 1];
		} p; /* compact leaf: the blocks, ordered by start */
		struct {
			uint64_t min[VML_VMAREA_FANOUT]; /* each child's lowest start */
			uint32_t child[VML_VMAREA_FANOUT];
			uint64_t max[VML_VMAREA_FANOUT]; /* its largest free block */
		} c; /* inner node: a descent reads min and child, 288 bytes */
	} u;
};

_Static_assert(sizeof(struct vml_vmarea_node) == 512, "a node is eight cache lines");

/* VML_VMAREA_HOLE: compact leaves only, a part of the span that is no
 * piece of space (yet): never handed out, never merged. */
enum { VML_VMAREA_FREE = 0, VML_VMAREA_BUSY, VML_VMAREA_STATIC, VML_VMAREA_HOLE };
enum { VML_VMAREA_INNER = 0, VML_VMAREA_LEAF64, VML_VMAREA_LEAF32 };

struct vml_vmarea {
	struct vml_vmarea_node *node; /* caller storage */
	unsigned int cap;
	int32_t root;	     /* -1 before the first space */
	unsigned int height; /* levels, the leaves included */
	int32_t spare;	     /* the list of unused nodes (linked by u.c.child[0]) */
	unsigned int n_spare;
	uint64_t page_size;
	uint64_t lo, hi;	 /* every piece of space lies in [lo, hi) */
	uint8_t leaf_format;	 /* VML_VMAREA_LEAF64 or VML_VMAREA_LEAF32 (base lo) */
	unsigned int page_shift; /* compact leaves: log2(page_size) */
	unsigned int leaf_max;	 /* blocks a leaf holds */
	uint64_t total, used;	 /* bytes of space; bytes of live areas */
	unsigned int n_busy;
	uint64_t steps; /* tree nodes visited so far: a statistic (bench/), not state */
};

/* An empty allocator over @cap nodes of @nodes; @page_size is the guard. */
void vml_vmarea_init(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
		     uint64_t page_size);
/* The same for space that will all lie in [@lo, @hi) (add_space refuses
 * any other with VML_EINVAL). When @page_size is a power of two, @lo and
 * @hi are aligned to it and the span is at most VML_VMAREA_SPAN_PAGES pages
 * (4 TiB of 4 KiB pages: any 32-bit space), the leaves hold their blocks as
 * 32-bit page offsets whose sizes the next block's start implies (the
 * span's gaps between pieces kept as holes), 119 to a leaf instead of 30:
 * a tree of a quarter of the bytes, the same areas handed out. Otherwise 64-bit leaves as
 * vml_vmarea_init(), the space bounded all the same; @hi <= @lo: unbounded. */
void vml_vmarea_init_span(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
			  uint64_t page_size, uint64_t lo, uint64_t hi);
/* Add [start, end) as free space (a piece of the vmalloc area); it joins
 * free space it touches, as a free does. Return: 0,
 * VML_EINVAL (empty, unaligned or overlapping existing space), VML_ENOMEM
 * (not enough spare nodes for the worst case of the insertion: nothing
 * changed). */
int vml_vmarea_add_space(struct vml_vmarea *va, uint64_t start, uint64_t end);
/* Take [start, start + size) out as a static area (vm_area_add_early()), no
 * guard. Return: 0, VML_ENOENT when that range is not all free space,
 * VML_ENOMEM (as for add_space). */
int vml_vmarea_reserve(struct vml_vmarea *va, uint64_t start, uint64_t size);
/* The lowest address aligned to @align (a power of two, at least a page)
 * where @size + one guard page fits inside [vstart, vend). Return: 0 with
 * *addr set, VML_EINVAL (size 0 or unaligned, bad align), VML_ENOMEM (no
 * room, or not enough spare nodes for the worst case of the split: the
 * allocator is unchanged). */
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

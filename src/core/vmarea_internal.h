/* SPDX-License-Identifier: MIT */
/*
 * The B+tree the vmalloc-space allocator keeps its blocks in (vmarea.c,
 * vmarea_tree.c): leaves of blocks ordered by start, inner nodes with each
 * child's lowest start and largest free block. Not part of the public API.
 */
#ifndef VMLAYOUT_CORE_VMAREA_INTERNAL_H
#define VMLAYOUT_CORE_VMAREA_INTERNAL_H

#include "vmlayout/vmarea.h"

#define VML_VMT_NIL (-1)
#define VML_VMT_KIND_BITS 2 /* compact leaves: a block's kind below its first page */
#define VML_VMT_KIND_MASK ((1u << VML_VMT_KIND_BITS) - 1)
#define VML_VMT_MAX_HEIGHT 32 /* 2^32 nodes at two children per level: never reached */

struct vml_vmt_block {
	uint64_t start, size;
	uint8_t kind; /* VML_VMAREA_* */
};

/* The inner nodes a descent passed and the child it took in each: what an
 * in-place change of a leaf refreshes on the way back up. */
struct vml_vmt_path {
	int32_t node[VML_VMT_MAX_HEIGHT];
	unsigned int slot[VML_VMT_MAX_HEIGHT];
	unsigned int depth;
};

static inline struct vml_vmarea_node *vml_vmt_at(const struct vml_vmarea *va, int32_t i)
{
	return &va->node[i];
}

/* Ask for every cache line of node @i at once, before reading it. The next
 * node of a descent is a dependent load (its index is in its parent), and
 * without this its lines arrive one miss after another as the search gets
 * to them: once the tree outgrows the caches that is a memory latency per
 * line instead of one per node (bench/bench_xlate.c). */
static inline void vml_vmt_prefetch(const struct vml_vmarea *va, int32_t i)
{
	const char *line = (const char *)&va->node[i];

	for (unsigned int at = 0; at < sizeof(struct vml_vmarea_node); at += 64)
		__builtin_prefetch(line + at);
}

/* A compact leaf's edge @i as pages from the base (its kind dropped). */
static inline uint32_t vml_vmt_edge_page(const struct vml_vmarea_node *t, unsigned int i)
{
	return t->u.p.edge[i] >> VML_VMT_KIND_BITS;
}

/* Block @i of leaf @t, in either format. A compact block ends where the
 * next begins (edge i + 1; the last at the leaf's end). */
static inline uint64_t vml_vmt_start(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				     unsigned int i)
{
	if (t->leaf == VML_VMAREA_LEAF32)
		return va->lo + ((uint64_t)vml_vmt_edge_page(t, i) << va->page_shift);
	return t->u.b.start[i];
}

static inline uint64_t vml_vmt_size(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				    unsigned int i)
{
	if (t->leaf == VML_VMAREA_LEAF32)
		return (uint64_t)(vml_vmt_edge_page(t, i + 1) - vml_vmt_edge_page(t, i))
		       << va->page_shift;
	return t->u.b.size[i];
}

static inline uint8_t vml_vmt_kind(const struct vml_vmarea_node *t, unsigned int i)
{
	if (t->leaf == VML_VMAREA_LEAF32)
		return (uint8_t)(t->u.p.edge[i] & VML_VMT_KIND_MASK);
	return t->kind[i];
}

/* The number of blocks a leaf must keep (but the root), a node may hold. */
static inline unsigned int vml_vmt_leaf_min(const struct vml_vmarea *va)
{
	return va->leaf_max / 2;
}

/* Reading a leaf: block @i; the first block whose start is >= @key (t->n
 * if none); the largest free block beneath any node. Writing: block @i
 * becomes @b (inside the allocator's span). A compact leaf keeps @b's size
 * only when @b is its last block (as the leaf's end); any other's is the
 * next block's start, which the change that set @b also sets (a carve
 * inserts its parts, a merge erases the next block), so a compact block
 * and its neighbours are right once the whole change is made. */
struct vml_vmt_block vml_vmt_block_at(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				      unsigned int i);
void vml_vmt_set_block(const struct vml_vmarea *va, struct vml_vmarea_node *t, unsigned int i,
		       struct vml_vmt_block b);
unsigned int vml_vmt_lower_bound(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				 uint64_t key);
uint64_t vml_vmt_node_max(const struct vml_vmarea *va, const struct vml_vmarea_node *t);
/* The first free block of at least @size bytes in leaf @t from @k on. */
unsigned int vml_vmt_next_free(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
			       unsigned int k, uint64_t size);

/* The leaf whose range holds @key, the path to it recorded; after an
 * in-place change of that leaf, vml_vmt_fix_path() refreshes the path. */
int32_t vml_vmt_locate(struct vml_vmarea *va, uint64_t key, struct vml_vmt_path *path);
void vml_vmt_fix_path(struct vml_vmarea *va, const struct vml_vmt_path *path);
/* After a free made a free block of @size in that leaf (not its first
 * block): the path's maxima raised to @size where they are below it. */
void vml_vmt_raise_path(struct vml_vmarea *va, const struct vml_vmt_path *path, uint64_t size);
/* Put @b at item @k of leaf @t, which has room; take item @k out. */
void vml_vmt_put_block(const struct vml_vmarea *va, struct vml_vmarea_node *t, unsigned int k,
		       struct vml_vmt_block b);
void vml_vmt_remove_block(struct vml_vmarea_node *t, unsigned int k);

/* The block with the highest start <= @key, with the lowest start >= @key
 * beneath node @i, with the lowest start > @key; false if none. */
bool vml_vmt_last_at_or_below(struct vml_vmarea *va, uint64_t key, struct vml_vmt_block *out);
bool vml_vmt_first_at_or_above(struct vml_vmarea *va, int32_t i, uint64_t key,
			       struct vml_vmt_block *out);
bool vml_vmt_first_above(struct vml_vmarea *va, uint64_t key, struct vml_vmt_block *out);

/* The block starting at @key (beneath node @i) becomes @b, which keeps it
 * between its neighbours. */
void vml_vmt_update(struct vml_vmarea *va, int32_t i, uint64_t key, struct vml_vmt_block b);
/* Spare nodes enough for @inserts insertions, whatever they split. */
bool vml_vmt_room_for(const struct vml_vmarea *va, unsigned int inserts);
void vml_vmt_insert(struct vml_vmarea *va, struct vml_vmt_block b);
/* Take out the block starting at @key (it is there). */
void vml_vmt_erase(struct vml_vmarea *va, uint64_t key);

#endif

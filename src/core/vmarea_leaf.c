/* SPDX-License-Identifier: MIT */
/*
 * The two formats of a leaf of the vmalloc-space allocator's B+tree
 * (src/core/vmarea_internal.h): 64-bit start and size (30 blocks in a
 * node), or, when all the space lies within 2^30 pages of the allocator's
 * base (vml_vmarea_init_span()), only each block's first page as a 32-bit
 * offset with the kind in its low bits, and the leaf's end after them (119
 * blocks): the span is all blocks, the gaps between pieces holes, so each
 * block ends where the next begins. The compact one takes a quarter of the
 * bytes of a tree, and with them what a descent to a random leaf misses in
 * the caches once the tree outgrows them (docs/performance.md, fourth and
 * fifth passes). Reading and writing a block, finding a key, and a leaf's
 * largest free block, each in one loop per format.
 */
#include "vmarea_internal.h"

struct vml_vmt_block vml_vmt_block_at(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				      unsigned int i)
{
	return (struct vml_vmt_block){vml_vmt_start(va, t, i), vml_vmt_size(va, t, i),
				      vml_vmt_kind(t, i)};
}

void vml_vmt_set_block(const struct vml_vmarea *va, struct vml_vmarea_node *t, unsigned int i,
		       struct vml_vmt_block b)
{
	if (t->leaf == VML_VMAREA_LEAF32) {
		uint32_t page = (uint32_t)((b.start - va->lo) >> va->page_shift);

		t->u.p.edge[i] = page << VML_VMT_KIND_BITS | b.kind;
		if (i + 1 == t->n) /* the last block: its end is the leaf's */
			t->u.p.edge[i + 1] = (page + (uint32_t)(b.size >> va->page_shift))
					     << VML_VMT_KIND_BITS;
		return;
	}
	t->u.b.start[i] = b.start;
	t->u.b.size[i] = b.size;
	t->kind[i] = b.kind;
}

/* The first block of leaf @t whose start is >= @key (t->n if none). A
 * 64-bit leaf is counted over every block, not searched (no branch on the
 * keys). A compact leaf, of up to 119 blocks, is halved instead, the half
 * picked by a select, not a branch (7 steps where a count takes 119): it
 * compares pages, a start (a page) being below @key exactly when it is
 * below @key's page rounded up, and an edge (page << 2 | kind) below
 * page << 2 exactly when its page is below page. */
unsigned int vml_vmt_lower_bound(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				 uint64_t key)
{
	unsigned int i = 0;

	if (t->leaf == VML_VMAREA_LEAF32) {
		const uint32_t *e = t->u.p.edge;
		unsigned int len = t->n;
		uint32_t below;

		if (key - va->lo > va->hi - va->lo && key > va->lo)
			return t->n; /* above the span: above every block */
		below = key <= va->lo
			    ? 0
			    : (uint32_t)((key - va->lo + va->page_size - 1) >> va->page_shift)
				  << VML_VMT_KIND_BITS;
		if (!len)
			return 0;
		while (len > 1) { /* the answer is in [e, e + len] */
			unsigned int half = len / 2;

			e += e[half - 1] < below ? half : 0;
			len -= half;
		}
		return (unsigned int)(e - t->u.p.edge) + (*e < below);
	}
	for (unsigned int k = 0; k < t->n; k++)
		i += t->u.b.start[k] < key;
	return i;
}

/* The first block of leaf @t from @k on that is free and at least @size
 * bytes (t->n if none): what the lowest fit tries, the others skipped in
 * one loop. */
unsigned int vml_vmt_next_free(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
			       unsigned int k, uint64_t size)
{
	if (t->leaf == VML_VMAREA_LEAF32) {
		uint64_t pages = (size + va->page_size - 1) >> va->page_shift;

		for (; k < t->n; k++) { /* one test a block: a busy one's size masked to 0 */
			uint32_t w = t->u.p.edge[k];
			uint32_t keep = 0u - (uint32_t)((w & VML_VMT_KIND_MASK) == VML_VMAREA_FREE);

			if (((vml_vmt_edge_page(t, k + 1) - (w >> VML_VMT_KIND_BITS)) & keep) >=
			    pages)
				return k;
		}
		return k;
	}
	while (k < t->n && (t->kind[k] != VML_VMAREA_FREE || t->u.b.size[k] < size))
		k++;
	return k;
}

/* The largest free block beneath @t: over every item, with no branch on
 * them (a branch per block mispredicted on every other one). */
uint64_t vml_vmt_node_max(const struct vml_vmarea *va, const struct vml_vmarea_node *t)
{
	uint64_t m = 0;

	if (t->leaf == VML_VMAREA_LEAF32) {
		uint32_t pages = 0;

		for (unsigned int i = 0; i < t->n; i++) {
			uint32_t w = t->u.p.edge[i], next = vml_vmt_edge_page(t, i + 1);
			/* all ones for a free block, else 0: a mask, not a
			 * branch (gcc made the select one, mispredicted) */
			uint32_t keep = 0u - (uint32_t)((w & VML_VMT_KIND_MASK) == VML_VMAREA_FREE);
			uint32_t size = (next - (w >> VML_VMT_KIND_BITS)) & keep;

			pages = pages > size ? pages : size;
		}
		return (uint64_t)pages << va->page_shift;
	}
	if (t->leaf) {
		for (unsigned int i = 0; i < t->n; i++) {
			uint64_t size = t->kind[i] == VML_VMAREA_FREE ? t->u.b.size[i] : 0;

			m = m > size ? m : size;
		}
	} else {
		for (unsigned int i = 0; i < t->n; i++)
			m = m > t->u.c.max[i] ? m : t->u.c.max[i];
	}
	return m;
}

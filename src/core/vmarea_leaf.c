/* SPDX-License-Identifier: MIT */
/*
 * The two formats of a leaf of the vmalloc-space allocator's B+tree
 * (src/core/vmarea_internal.h): 64-bit start and size (30 blocks in a
 * node), or, when all the space lies within 2^30 pages of the allocator's
 * base (vml_vmarea_init_span()), 32-bit page offsets with the kind in the
 * top bits of the size (60 blocks). The compact one halves the bytes of a
 * tree, and with them what a descent to a random leaf misses in the caches
 * once the tree outgrows them (docs/performance.md, fourth pass). Reading
 * and writing a block, finding a key, and a leaf's largest free block,
 * each in one loop per format.
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
		t->u.p.start[i] = (uint32_t)((b.start - va->lo) >> va->page_shift);
		t->u.p.size_kind[i] =
		    (uint32_t)(b.size >> va->page_shift) | (uint32_t)b.kind << VML_VMT_KIND_SHIFT;
		return;
	}
	t->u.b.start[i] = b.start;
	t->u.b.size[i] = b.size;
	t->kind[i] = b.kind;
}

/* The first block of leaf @t whose start is >= @key (t->n if none):
 * counted over every block, not searched (no branch on the keys). A
 * compact leaf compares pages: a start (a page) is below @key exactly when
 * it is below @key's page rounded up. */
unsigned int vml_vmt_lower_bound(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
				 uint64_t key)
{
	unsigned int i = 0;

	if (t->leaf == VML_VMAREA_LEAF32) {
		uint64_t page = key <= va->lo ? 0
				: key - va->lo > va->hi - va->lo
				    ? UINT64_MAX
				    : (key - va->lo + va->page_size - 1) >> va->page_shift;

		for (unsigned int k = 0; k < t->n; k++)
			i += t->u.p.start[k] < page;
		return i;
	}
	for (unsigned int k = 0; k < t->n; k++)
		i += t->u.b.start[k] < key;
	return i;
}

/* The first block of leaf @t from @k on that is free and at least @size
 * bytes (t->n if none): what the lowest fit tries, the others skipped in
 * one loop. A compact free block's word is its pages (kind 0). */
unsigned int vml_vmt_next_free(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
			       unsigned int k, uint64_t size)
{
	if (t->leaf == VML_VMAREA_LEAF32) {
		uint64_t pages = (size + va->page_size - 1) >> va->page_shift;

		while (k < t->n &&
		       (t->u.p.size_kind[k] < pages || t->u.p.size_kind[k] > VML_VMT_PAGES_MASK))
			k++;
		return k;
	}
	while (k < t->n && (t->kind[k] != VML_VMAREA_FREE || t->u.b.size[k] < size))
		k++;
	return k;
}

/* The largest free block beneath @t: over every item, with no branch on
 * them (a branch per block mispredicted on every other one). A compact
 * free block's word is its pages (kind 0); any other's is above them all. */
uint64_t vml_vmt_node_max(const struct vml_vmarea *va, const struct vml_vmarea_node *t)
{
	uint64_t m = 0;

	if (t->leaf == VML_VMAREA_LEAF32) {
		uint32_t pages = 0;

		for (unsigned int i = 0; i < t->n; i++) {
			uint32_t w = t->u.p.size_kind[i], size = w <= VML_VMT_PAGES_MASK ? w : 0;

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

/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc-space allocator (include/vmlayout/vmarea.h) over the B+tree
 * of src/core/vmarea_tree.c: every block (free space, live area, static
 * area) in one tree in address order. An alloc is one descent to the
 * lowest fit and a carve in its leaf, a free one descent to the area and
 * its merge with the free neighbours in the leaf; when the leaf would
 * overflow or fall below half full, or a neighbour lies in the next leaf,
 * the same change is made by the tree's insert, erase and update.
 */
#include "vmarea_internal.h"

void vml_vmarea_init(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
		     uint64_t page_size)
{
	vml_vmarea_init_span(va, nodes, cap, page_size, 0, 0);
}

/* Compact leaves when every page offset of [lo, hi) and a block's pages
 * fit below the kind's bits. */
static bool span_is_compact(uint64_t page_size, uint64_t lo, uint64_t hi)
{
	return page_size && !(page_size & (page_size - 1)) && lo < hi &&
	       vml_is_aligned(lo | hi, page_size) && (hi - lo) / page_size <= VML_VMAREA_SPAN_PAGES;
}

void vml_vmarea_init_span(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
			  uint64_t page_size, uint64_t lo, uint64_t hi)
{
	vml_zero(va, sizeof(*va));
	va->node = nodes;
	va->cap = cap;
	va->root = VML_VMT_NIL;
	va->spare = VML_VMT_NIL;
	va->page_size = page_size;
	va->lo = lo < hi ? lo : 0;
	va->hi = lo < hi ? hi : UINT64_MAX;
	va->leaf_format = VML_VMAREA_LEAF64;
	va->leaf_max = VML_VMAREA_LEAF;
	if (span_is_compact(page_size, lo, hi)) {
		va->leaf_format = VML_VMAREA_LEAF32;
		va->leaf_max = VML_VMAREA_LEAF_PAGES;
		while ((1ULL << va->page_shift) < page_size)
			va->page_shift++;
	}
	for (unsigned int i = cap; i-- > 0;) {
		nodes[i].u.c.child[0] = (uint32_t)va->spare;
		va->spare = (int32_t)i;
	}
	va->n_spare = cap;
}

/* The block holding @addr (start <= addr < end); false if none. */
static bool holding(struct vml_vmarea *va, uint64_t addr, struct vml_vmt_block *out)
{
	return vml_vmt_last_at_or_below(va, addr, out) && addr - out->start < out->size;
}

/* Free [start, end) joins the free blocks that touch it, as a free does
 * (merge_or_add_vmap_area()): with @own it is a live area's block that
 * becomes free, without it new space. */
static void give_back(struct vml_vmarea *va, uint64_t start, uint64_t end, bool own)
{
	struct vml_vmt_block prev, next;
	bool pm = vml_vmt_last_at_or_below(va, start - 1, &prev) && start > 0 &&
		  prev.kind == VML_VMAREA_FREE && prev.start + prev.size == start;
	bool nm = vml_vmt_first_above(va, end - 1, &next) && next.kind == VML_VMAREA_FREE &&
		  next.start == end;

	if (nm) {
		end += next.size;
		vml_vmt_erase(va, next.start);
	}
	if (pm) {
		if (own)
			vml_vmt_erase(va, start);
		vml_vmt_update(
		    va, va->root, prev.start,
		    (struct vml_vmt_block){prev.start, end - prev.start, VML_VMAREA_FREE});
	} else if (own) {
		vml_vmt_update(va, va->root, start,
			       (struct vml_vmt_block){start, end - start, VML_VMAREA_FREE});
	} else {
		vml_vmt_insert(va, (struct vml_vmt_block){start, end - start, VML_VMAREA_FREE});
	}
}

/* Carve [a, a + size) out of the free block (or hole) @b as a block of
 * @kind: @b keeps its part below @a (or, when @a is its start, becomes the
 * area), the area and a part above, of @b's kind, are new blocks.
 * vml_vmt_room_for(va, 2) was checked. */
static void carve(struct vml_vmarea *va, struct vml_vmt_block b, uint64_t a, uint64_t size,
		  uint8_t kind)
{
	uint64_t bend = b.start + b.size;

	if (a > b.start) {
		vml_vmt_update(va, va->root, b.start,
			       (struct vml_vmt_block){b.start, a - b.start, b.kind});
		vml_vmt_insert(va, (struct vml_vmt_block){a, size, kind});
	} else {
		vml_vmt_update(va, va->root, b.start, (struct vml_vmt_block){a, size, kind});
	}
	if (bend > a + size)
		vml_vmt_insert(va, (struct vml_vmt_block){a + size, bend - (a + size), b.kind});
}

/* Compact leaves: the span is all blocks, the gaps between pieces holes
 * (include/vmlayout/vmarea.h). A new piece must lie in one hole; it is
 * carved out of the hole as free space and then given back, which merges
 * it with the free space beside it, as a free does. The first piece finds
 * no tree: one leaf holds the span's hole and its parts. */
static int add_space_compact(struct vml_vmarea *va, uint64_t start, uint64_t end)
{
	struct vml_vmt_block b = {va->lo, va->hi - va->lo, VML_VMAREA_HOLE};

	if (va->root != VML_VMT_NIL &&
	    (!holding(va, start, &b) || b.kind != VML_VMAREA_HOLE || end - b.start > b.size))
		return VML_EINVAL;
	if (va->root == VML_VMT_NIL ? va->n_spare < 1 : !vml_vmt_room_for(va, 2))
		return VML_ENOMEM;
	if (va->root == VML_VMT_NIL)
		vml_vmt_insert(va, b);
	va->total += end - start;
	carve(va, b, start, end - start, VML_VMAREA_FREE);
	give_back(va, start, end, true);
	return VML_OK;
}

int vml_vmarea_add_space(struct vml_vmarea *va, uint64_t start, uint64_t end)
{
	struct vml_vmt_block b;

	if (end <= start || !vml_is_aligned(start | end, va->page_size) || start < va->lo ||
	    end > va->hi)
		return VML_EINVAL;
	if (va->leaf_format == VML_VMAREA_LEAF32)
		return add_space_compact(va, start, end);
	/* nothing may hold start, nor start below end */
	if (holding(va, start, &b) || (vml_vmt_first_above(va, start - 1, &b) && b.start < end) ||
	    (start == 0 && va->root != VML_VMT_NIL &&
	     vml_vmt_first_at_or_above(va, va->root, 0, &b) && b.start < end))
		return VML_EINVAL;
	if (!vml_vmt_room_for(va, 1))
		return VML_ENOMEM;
	va->total += end - start;
	give_back(va, start, end, false);
	return VML_OK;
}

int vml_vmarea_reserve(struct vml_vmarea *va, uint64_t start, uint64_t size)
{
	struct vml_vmt_block b;

	if (!size || !holding(va, start, &b) || b.kind != VML_VMAREA_FREE ||
	    start + size - b.start > b.size || start + size < start)
		return VML_ENOENT;
	if (!vml_vmt_room_for(va, 2))
		return VML_ENOMEM;
	carve(va, b, start, size, VML_VMAREA_STATIC);
	va->total -= size; /* static areas are not vmalloc space to give */
	return VML_OK;
}

/* Where @size fits in block @b at @align inside [vstart, vend); false if not. */
static bool fits(const struct vml_vmt_block *b, uint64_t size, uint64_t align, uint64_t vstart,
		 uint64_t vend, uint64_t *addr)
{
	uint64_t a = vml_align_up(vml_max(b->start, vstart), align), end = b->start + b->size;

	if (a < b->start || a >= end || end - a < size || a + size > vend || a + size < a)
		return false;
	*addr = a;
	return true;
}

struct fit_query {
	uint64_t size, align, vstart, vend;
};

/* The lowest free block of leaf @t with a fit (item *@item); false when
 * none, or when the blocks reach the window's end first. */
static bool leaf_fit(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
		     const struct fit_query *q, unsigned int *item, uint64_t *addr)
{
	for (unsigned int k = vml_vmt_next_free(va, t, 0, q->size); k < t->n;
	     k = vml_vmt_next_free(va, t, k + 1, q->size)) {
		struct vml_vmt_block b = vml_vmt_block_at(va, t, k);

		if (b.start >= q->vend)
			return false;
		if (fits(&b, q->size, q->align, q->vstart, q->vend, addr)) {
			*item = k;
			return true;
		}
	}
	return false;
}

/* The lowest free block beneath @i with a fit (leaf *@leaf, item *@item),
 * pruned by the children's largest free blocks and by the window: a child
 * whose blocks all end by the next child's lowest start <= vstart has none.
 * The path to the leaf is recorded from level @d on. */
static bool lowest_fit(struct vml_vmarea *va, int32_t i, const struct fit_query *q,
		       struct vml_vmt_path *path, unsigned int d, int32_t *leaf, unsigned int *item,
		       uint64_t *addr)
{
	const struct vml_vmarea_node *t = vml_vmt_at(va, i);

	va->steps++;
	if (t->leaf) {
		path->depth = d;
		*leaf = i;
		return leaf_fit(va, t, q, item, addr);
	}
	for (unsigned int k = 0; k < t->n; k++) {
		if (t->u.c.min[k] >= q->vend)
			return false;
		if (t->u.c.max[k] < q->size || (k + 1 < t->n && t->u.c.min[k + 1] <= q->vstart))
			continue;
		path->node[d] = i;
		path->slot[d] = k;
		vml_vmt_prefetch(va, (int32_t)t->u.c.child[k]);
		if (lowest_fit(va, (int32_t)t->u.c.child[k], q, path, d + 1, leaf, item, addr))
			return true;
	}
	return false;
}

/* Whether a free block of @size in the leaf at the end of @path is smaller
 * than the leaf's largest (as its parent records it): carving it leaves
 * the leaf's largest free block, and so every maximum on the path, as they
 * were. A leaf that is the root has no parent: false. */
static bool below_leaf_max(const struct vml_vmarea *va, const struct vml_vmt_path *path,
			   uint64_t size)
{
	unsigned int d = path->depth;

	return d > 0 && size < vml_vmt_at(va, path->node[d - 1])->u.c.max[path->slot[d - 1]];
}

/* Carve [a, a + size) out of block @k of @leaf in place when the leaf has
 * room for the parts: no split, only the path's maxima change. */
static bool carve_in_leaf(struct vml_vmarea *va, int32_t leaf, unsigned int k,
			  const struct vml_vmt_path *path, uint64_t a, uint64_t size)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, leaf);
	uint64_t start = vml_vmt_start(va, t, k), end = start + vml_vmt_size(va, t, k);
	unsigned int extra = (a > start) + (end > a + size);

	if (t->n + extra > va->leaf_max)
		return false;
	if (a > start) {
		vml_vmt_set_block(va, t, k,
				  (struct vml_vmt_block){start, a - start, VML_VMAREA_FREE});
		vml_vmt_put_block(va, t, ++k, (struct vml_vmt_block){a, size, VML_VMAREA_BUSY});
	} else {
		vml_vmt_set_block(va, t, k, (struct vml_vmt_block){a, size, VML_VMAREA_BUSY});
	}
	if (end > a + size)
		vml_vmt_put_block(
		    va, t, k + 1,
		    (struct vml_vmt_block){a + size, end - (a + size), VML_VMAREA_FREE});
	if (!below_leaf_max(va, path, end - start)) /* else the leaf's largest stays */
		vml_vmt_fix_path(va, path);
	return true;
}

int vml_vmarea_alloc(struct vml_vmarea *va, uint64_t size, uint64_t align, uint64_t vstart,
		     uint64_t vend, uint64_t *addr)
{
	struct fit_query q = {size + va->page_size, align, vstart, vend};
	uint64_t a = 0;
	struct vml_vmt_path path;
	int32_t leaf;
	unsigned int k;

	if (!size || !vml_is_aligned(size, va->page_size) || align < va->page_size ||
	    (align & (align - 1)) || q.size < size)
		return VML_EINVAL;
	if (va->root == VML_VMT_NIL || !lowest_fit(va, va->root, &q, &path, 0, &leaf, &k, &a) ||
	    !vml_vmt_room_for(va, 2))
		return VML_ENOMEM;
	if (!carve_in_leaf(va, leaf, k, &path, a, q.size))
		carve(va, vml_vmt_block_at(va, vml_vmt_at(va, leaf), k), a, q.size,
		      VML_VMAREA_BUSY);
	va->used += q.size;
	va->n_busy++;
	*addr = a;
	return VML_OK;
}

/* Free block @k of @leaf in place when both its neighbours are in the leaf
 * too and the leaf stays at least half full after the merges. */
static bool free_in_leaf(struct vml_vmarea *va, int32_t leaf, unsigned int k,
			 const struct vml_vmt_path *path)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, leaf);
	struct vml_vmt_block prev, b, next;
	bool pm, nm;

	if (k == 0 || k + 1 >= t->n)
		return false;
	prev = vml_vmt_block_at(va, t, k - 1);
	b = vml_vmt_block_at(va, t, k);
	next = vml_vmt_block_at(va, t, k + 1);
	pm = prev.kind == VML_VMAREA_FREE && prev.start + prev.size == b.start;
	nm = next.kind == VML_VMAREA_FREE && next.start == b.start + b.size;
	if (leaf != va->root && (unsigned int)(t->n - pm - nm) < vml_vmt_leaf_min(va))
		return false;
	b.kind = VML_VMAREA_FREE;
	if (nm) {
		b.size += next.size;
		vml_vmt_remove_block(t, k + 1);
	}
	if (pm) {
		b = (struct vml_vmt_block){prev.start, prev.size + b.size, VML_VMAREA_FREE};
		vml_vmt_remove_block(t, k);
		k--;
	}
	vml_vmt_set_block(va, t, k, b);
	vml_vmt_raise_path(va, path, b.size);
	return true;
}

int vml_vmarea_free(struct vml_vmarea *va, uint64_t addr)
{
	struct vml_vmt_path path;
	const struct vml_vmarea_node *t;
	int32_t leaf;
	unsigned int k;
	uint64_t size;

	if (va->root == VML_VMT_NIL)
		return VML_ENOENT;
	leaf = vml_vmt_locate(va, addr, &path);
	t = vml_vmt_at(va, leaf);
	k = vml_vmt_lower_bound(va, t, addr);
	if (k == t->n || vml_vmt_start(va, t, k) != addr || vml_vmt_kind(t, k) != VML_VMAREA_BUSY)
		return VML_ENOENT;
	size = vml_vmt_size(va, t, k);
	va->used -= size;
	va->n_busy--;
	if (!free_in_leaf(va, leaf, k, &path))
		give_back(va, addr, addr + size, true);
	return VML_OK;
}

uint64_t vml_vmarea_largest_free(const struct vml_vmarea *va)
{
	return va->root == VML_VMT_NIL ? 0 : vml_vmt_node_max(va, vml_vmt_at(va, va->root));
}

static void in_order(const struct vml_vmarea *va, int32_t i,
		     void (*fn)(void *ctx, uint64_t start, uint64_t size), void *ctx)
{
	const struct vml_vmarea_node *t = vml_vmt_at(va, i);

	for (unsigned int k = 0; k < t->n; k++) {
		if (!t->leaf)
			in_order(va, (int32_t)t->u.c.child[k], fn, ctx);
		else if (vml_vmt_kind(t, k) == VML_VMAREA_BUSY)
			fn(ctx, vml_vmt_start(va, t, k), vml_vmt_size(va, t, k));
	}
}

void vml_vmarea_for_each_busy(const struct vml_vmarea *va,
			      void (*fn)(void *ctx, uint64_t start, uint64_t size), void *ctx)
{
	if (va->root != VML_VMT_NIL)
		in_order(va, va->root, fn, ctx);
}

/* SPDX-License-Identifier: MIT */
/*
 * The B+tree under the vmalloc-space allocator (src/core/vmarea_internal.h):
 * nodes from the caller's array, descents, and the three changes every
 * operation is made of: insert (splitting full nodes), erase (borrowing
 * from or merging with a sibling below half full), update in place; each
 * one root-to-leaf pass that fixes each child's lowest start and largest
 * free block on the way back (mm/vmalloc.c's subtree_max_size, v6.1, kept
 * per child instead of per node). The height is O(log n), so each costs
 * O(log n).
 */
#include "vmarea_internal.h"

#define INNER_MAX VML_VMAREA_FANOUT
#define INNER_MIN (INNER_MAX / 2)

static unsigned int node_capacity(const struct vml_vmarea *va, const struct vml_vmarea_node *t)
{
	return t->leaf ? va->leaf_max : INNER_MAX;
}

static int32_t new_node(struct vml_vmarea *va, bool leaf)
{
	int32_t i = va->spare;
	struct vml_vmarea_node *t = vml_vmt_at(va, i);

	va->spare = (int32_t)t->u.c.child[0];
	va->n_spare--;
	vml_zero(t, sizeof(*t));
	t->leaf = leaf ? va->leaf_format : VML_VMAREA_INNER;
	return i;
}

static void drop_node(struct vml_vmarea *va, int32_t i)
{
	vml_vmt_at(va, i)->u.c.child[0] = (uint32_t)va->spare;
	va->spare = i;
	va->n_spare++;
}

/* The lowest start beneath @t (not empty). */
static uint64_t node_min(const struct vml_vmarea *va, const struct vml_vmarea_node *t)
{
	return t->leaf ? vml_vmt_start(va, t, 0) : t->u.c.min[0];
}

/* Slot @s of inner node @p from its child, after the child changed. */
static void refresh(struct vml_vmarea *va, int32_t p, unsigned int s)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, p),
			       *c = vml_vmt_at(va, (int32_t)t->u.c.child[s]);

	t->u.c.min[s] = node_min(va, c);
	t->u.c.max[s] = vml_vmt_node_max(va, c);
}

/* Item @si of @src to item @di of @dst (both leaves or both inner; @dst's
 * count already includes it). A compact block that becomes @dst's last
 * brings its end along: the leaf's end is the next edge. */
static void copy_item(struct vml_vmarea_node *dst, unsigned int di,
		      const struct vml_vmarea_node *src, unsigned int si)
{
	if (src->leaf == VML_VMAREA_LEAF32) {
		dst->u.p.edge[di] = src->u.p.edge[si];
		if (di + 1 == dst->n)
			dst->u.p.edge[di + 1] = src->u.p.edge[si + 1];
	} else if (src->leaf) {
		dst->u.b.start[di] = src->u.b.start[si];
		dst->u.b.size[di] = src->u.b.size[si];
		dst->kind[di] = src->kind[si];
	} else {
		dst->u.c.min[di] = src->u.c.min[si];
		dst->u.c.max[di] = src->u.c.max[si];
		dst->u.c.child[di] = src->u.c.child[si];
	}
}

/* @n entries from @s to @d, which may overlap: copied from the end when
 * @d is above @s. One loop per array of a node, no branch per item. */
#define DEFINE_MOVE(name, type)                                                                    \
	static void name(type *d, const type *s, unsigned int n)                                   \
	{                                                                                          \
		if (d > s) {                                                                       \
			for (unsigned int k = n; k-- > 0;)                                         \
				d[k] = s[k];                                                       \
		} else {                                                                           \
			for (unsigned int k = 0; k < n; k++)                                       \
				d[k] = s[k];                                                       \
		}                                                                                  \
	}
DEFINE_MOVE(move_u64, uint64_t)
DEFINE_MOVE(move_u32, uint32_t)
DEFINE_MOVE(move_u8, uint8_t)

/* Items [si, si + n) of @src to [di, di + n) of @dst (the same kind of
 * node; the same node when items slide). Every caller moves a leaf's tail
 * (its last item is the leaf's last block), so a compact leaf's end, the
 * edge after its blocks, moves with them. */
static void move_items(struct vml_vmarea_node *dst, unsigned int di,
		       const struct vml_vmarea_node *src, unsigned int si, unsigned int n)
{
	if (src->leaf == VML_VMAREA_LEAF32) {
		move_u32(dst->u.p.edge + di, src->u.p.edge + si, n + 1);
	} else if (src->leaf) {
		move_u64(dst->u.b.start + di, src->u.b.start + si, n);
		move_u64(dst->u.b.size + di, src->u.b.size + si, n);
		move_u8(dst->kind + di, src->kind + si, n);
	} else {
		move_u64(dst->u.c.min + di, src->u.c.min + si, n);
		move_u64(dst->u.c.max + di, src->u.c.max + si, n);
		move_u32(dst->u.c.child + di, src->u.c.child + si, n);
	}
}

/* Open a gap at @i (items i.. move up one) or close it (@open false). */
static void shift_items(struct vml_vmarea_node *t, unsigned int i, bool open)
{
	if (open) {
		move_items(t, i + 1, t, i, t->n - i);
		t->n++;
	} else {
		move_items(t, i, t, i + 1, t->n - i - 1);
		t->n--;
	}
}

/* Move the items of @t from @from on to the empty node @r. */
static void move_tail(struct vml_vmarea_node *t, unsigned int from, struct vml_vmarea_node *r)
{
	move_items(r, 0, t, from, t->n - from);
	r->n = (uint8_t)(t->n - from);
	t->n = (uint8_t)from;
}

/* ---- descent ---- */

/* The child of inner node @t whose range holds @key: the last whose lowest
 * start is <= @key, or the first. Counted over every child, not searched:
 * no branch on the keys (they are sorted). */
static unsigned int child_for(const struct vml_vmarea_node *t, uint64_t key)
{
	unsigned int s = 0;

	for (unsigned int k = 1; k < t->n; k++)
		s += t->u.c.min[k] <= key;
	return s;
}

/* The leaf whose range holds @key, the path to it recorded. */
int32_t vml_vmt_locate(struct vml_vmarea *va, uint64_t key, struct vml_vmt_path *path)
{
	int32_t i = va->root;

	path->depth = 0;
	for (;;) {
		const struct vml_vmarea_node *t = vml_vmt_at(va, i);
		unsigned int s;

		va->steps++;
		if (t->leaf)
			return i;
		s = child_for(t, key);
		path->node[path->depth] = i;
		path->slot[path->depth++] = s;
		i = (int32_t)t->u.c.child[s];
		vml_vmt_prefetch(va, i);
	}
}

/* The lowest starts and largest free blocks along @path, bottom up, up to
 * the first slot that did not change (nothing above it does). */
void vml_vmt_fix_path(struct vml_vmarea *va, const struct vml_vmt_path *path)
{
	for (unsigned int d = path->depth; d-- > 0;) {
		const struct vml_vmarea_node *t = vml_vmt_at(va, path->node[d]);
		unsigned int s = path->slot[d];
		uint64_t min = t->u.c.min[s], max = t->u.c.max[s];

		refresh(va, path->node[d], s);
		if (t->u.c.min[s] == min && t->u.c.max[s] == max)
			return;
	}
}

/* A free made a free block of @size at the end of @path: each slot's
 * largest free block rises to @size, up to the first that already holds at
 * least that. A free only grows free blocks and (since it was not the
 * leaf's first block) moves no lowest start, so nothing else changes and
 * no node's blocks need reading again. */
void vml_vmt_raise_path(struct vml_vmarea *va, const struct vml_vmt_path *path, uint64_t size)
{
	for (unsigned int d = path->depth; d-- > 0;) {
		struct vml_vmarea_node *t = vml_vmt_at(va, path->node[d]);
		unsigned int s = path->slot[d];

		if (t->u.c.max[s] >= size)
			return;
		t->u.c.max[s] = size;
	}
}

/* Put @b at item @k of leaf @t, which has room. */
void vml_vmt_put_block(const struct vml_vmarea *va, struct vml_vmarea_node *t, unsigned int k,
		       struct vml_vmt_block b)
{
	shift_items(t, k, true);
	vml_vmt_set_block(va, t, k, b);
}

void vml_vmt_remove_block(struct vml_vmarea_node *t, unsigned int k)
{
	shift_items(t, k, false);
}

/* The block with the highest start <= @key; false if none. */
bool vml_vmt_last_at_or_below(struct vml_vmarea *va, uint64_t key, struct vml_vmt_block *out)
{
	int32_t i = va->root;
	bool found = false;

	while (i != VML_VMT_NIL) {
		const struct vml_vmarea_node *t = vml_vmt_at(va, i);

		va->steps++;
		if (t->leaf) {
			unsigned int k = vml_vmt_lower_bound(va, t, key);

			if (k < t->n && vml_vmt_start(va, t, k) == key)
				k++;
			if (k > 0) {
				*out = vml_vmt_block_at(va, t, k - 1);
				found = true;
			}
			return found;
		}
		i = (int32_t)t->u.c.child[child_for(t, key)];
		vml_vmt_prefetch(va, i);
	}
	return false;
}

/* The block with the lowest start >= @key beneath @i; false if none. Only
 * the child holding @key and, when it has none, the next one's first. */
bool vml_vmt_first_at_or_above(struct vml_vmarea *va, int32_t i, uint64_t key,
			       struct vml_vmt_block *out)
{
	const struct vml_vmarea_node *t = vml_vmt_at(va, i);
	unsigned int s;

	va->steps++;
	if (t->leaf) {
		unsigned int k = vml_vmt_lower_bound(va, t, key);

		if (k < t->n)
			*out = vml_vmt_block_at(va, t, k);
		return k < t->n;
	}
	s = child_for(t, key);
	if (vml_vmt_first_at_or_above(va, (int32_t)t->u.c.child[s], key, out))
		return true;
	for (s++; s < t->n; s++) { /* its lowest block, down the left edge */
		int32_t c = (int32_t)t->u.c.child[s];

		while (!vml_vmt_at(va, c)->leaf) {
			va->steps++;
			c = (int32_t)vml_vmt_at(va, c)->u.c.child[0];
		}
		va->steps++;
		*out = vml_vmt_block_at(va, vml_vmt_at(va, c), 0);
		return true;
	}
	return false;
}

bool vml_vmt_first_above(struct vml_vmarea *va, uint64_t key, struct vml_vmt_block *out)
{
	return va->root != VML_VMT_NIL && key + 1 != 0 &&
	       vml_vmt_first_at_or_above(va, va->root, key + 1, out);
}

/* ---- update, insert, erase ---- */

/* The block starting at @key becomes @b (which keeps it between its
 * neighbours); the augmentation fixed on the way back. */
void vml_vmt_update(struct vml_vmarea *va, int32_t i, uint64_t key, struct vml_vmt_block b)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, i);

	va->steps++;
	if (t->leaf) {
		vml_vmt_set_block(va, t, vml_vmt_lower_bound(va, t, key), b);
		return;
	}
	unsigned int s = child_for(t, key);

	vml_vmt_update(va, (int32_t)t->u.c.child[s], key, b);
	refresh(va, i, s);
}

/* Put @b into the subtree @i; a full node splits in two halves: the new
 * right half, or VML_VMT_NIL. */
static int32_t insert_into(struct vml_vmarea *va, int32_t i, struct vml_vmt_block b)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, i);
	int32_t r = VML_VMT_NIL, split = VML_VMT_NIL;
	unsigned int s;

	va->steps++;
	if (t->leaf) {
		unsigned int k = vml_vmt_lower_bound(va, t, b.start), half = va->leaf_max / 2;

		if (t->n == va->leaf_max) {
			r = new_node(va, true);
			t = vml_vmt_at(va, i);
			move_tail(t, half, vml_vmt_at(va, r));
			if (k > half) {
				t = vml_vmt_at(va, r);
				k -= half;
			}
		}
		vml_vmt_put_block(va, t, k, b);
		return r;
	}
	s = child_for(t, b.start);
	split = insert_into(va, (int32_t)t->u.c.child[s], b);
	t = vml_vmt_at(va, i);
	refresh(va, i, s);
	if (split == VML_VMT_NIL)
		return VML_VMT_NIL;
	if (t->n == INNER_MAX) {
		r = new_node(va, false);
		t = vml_vmt_at(va, i);
		move_tail(t, INNER_MAX / 2, vml_vmt_at(va, r));
		if (s + 1 > INNER_MAX / 2) {
			i = r;
			t = vml_vmt_at(va, r);
			s -= INNER_MAX / 2;
		}
	}
	shift_items(t, s + 1, true);
	t->u.c.child[s + 1] = (uint32_t)split;
	refresh(va, i, s + 1);
	return r;
}

/* Spare nodes that @inserts insertions may take: each level may split and
 * the root grow. */
bool vml_vmt_room_for(const struct vml_vmarea *va, unsigned int inserts)
{
	return va->n_spare >= inserts * (va->height + 2);
}

void vml_vmt_insert(struct vml_vmarea *va, struct vml_vmt_block b)
{
	int32_t r;

	if (va->root == VML_VMT_NIL) {
		va->root = new_node(va, true);
		va->height = 1;
	}
	r = insert_into(va, va->root, b);
	if (r != VML_VMT_NIL) { /* the root split: a new root above both halves */
		int32_t root = new_node(va, false);
		struct vml_vmarea_node *t = vml_vmt_at(va, root);

		t->n = 2;
		t->u.c.child[0] = (uint32_t)va->root;
		t->u.c.child[1] = (uint32_t)r;
		refresh(va, root, 0);
		refresh(va, root, 1);
		va->root = root;
		va->height++;
	}
}

/* Child @s of inner node @p fell below half full: borrow from a sibling,
 * or merge with it when both fit one node. */
static void fix_underflow(struct vml_vmarea *va, int32_t p, unsigned int s)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, p);
	unsigned int j = s > 0 ? s - 1 : s; /* the pair j, j + 1 */
	int32_t li = (int32_t)t->u.c.child[j], ri = (int32_t)t->u.c.child[j + 1];
	struct vml_vmarea_node *l = vml_vmt_at(va, li), *r = vml_vmt_at(va, ri);
	unsigned int cap = node_capacity(va, l);

	if (l->n + r->n <= cap) {
		move_items(l, l->n, r, 0, r->n);
		l->n = (uint8_t)(l->n + r->n);
		drop_node(va, ri);
		shift_items(t, j + 1, false);
		refresh(va, p, j);
		return;
	}
	while (l->n < r->n - 1) { /* even them out: both above half full */
		copy_item(l, l->n++, r, 0);
		shift_items(r, 0, false);
	}
	while (r->n < l->n - 1) {
		shift_items(r, 0, true);
		copy_item(r, 0, l, --l->n);
	}
	refresh(va, p, j);
	refresh(va, p, j + 1);
}

/* Take the block starting at @key out of the subtree @i. */
static void erase_from(struct vml_vmarea *va, int32_t i, uint64_t key)
{
	struct vml_vmarea_node *t = vml_vmt_at(va, i);
	unsigned int s, min;

	va->steps++;
	if (t->leaf) {
		shift_items(t, vml_vmt_lower_bound(va, t, key), false);
		return;
	}
	s = child_for(t, key);
	erase_from(va, (int32_t)t->u.c.child[s], key);
	min = vml_vmt_at(va, (int32_t)t->u.c.child[s])->leaf ? vml_vmt_leaf_min(va) : INNER_MIN;
	if (vml_vmt_at(va, (int32_t)t->u.c.child[s])->n < min && t->n > 1)
		fix_underflow(va, i, s);
	else
		refresh(va, i, s);
}

void vml_vmt_erase(struct vml_vmarea *va, uint64_t key)
{
	erase_from(va, va->root, key);
	if (!vml_vmt_at(va, va->root)->leaf && vml_vmt_at(va, va->root)->n == 1) {
		int32_t old = va->root;

		va->root = (int32_t)vml_vmt_at(va, old)->u.c.child[0];
		va->height--;
		drop_node(va, old);
	}
}

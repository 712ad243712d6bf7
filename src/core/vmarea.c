/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc-space allocator (include/vmlayout/vmarea.h): two treaps over
 * caller nodes, the free one augmented with the largest block beneath each
 * node (mm/vmalloc.c's subtree_max_size, v6.1), both ordered by address.
 * split() and merge() are the only tree surgery; every operation is a few
 * of them, so each costs O(log n) expected.
 */
#include "vmlayout/vmarea.h"

#define NIL (-1)

static struct vml_vmarea_node *at(const struct vml_vmarea *va, int32_t i)
{
	return &va->node[i];
}

static uint64_t max_of(const struct vml_vmarea *va, int32_t i)
{
	return i == NIL ? 0 : at(va, i)->max_size;
}

static inline void update(struct vml_vmarea *va, int32_t i)
{
	struct vml_vmarea_node *n = at(va, i);
	uint64_t m = n->size;

	m = vml_max(m, max_of(va, n->left));
	n->max_size = vml_max(m, max_of(va, n->right));
}

/* Trees with every start < @key in *l, the rest in *r. */
static void split(struct vml_vmarea *va, bool aug, int32_t t, uint64_t key, int32_t *l, int32_t *r)
{
	va->steps++;

	if (t == NIL) {
		*l = *r = NIL;
		return;
	}
	if (at(va, t)->start < key) {
		split(va, aug, at(va, t)->right, key, &at(va, t)->right, r);
		*l = t;
	} else {
		split(va, aug, at(va, t)->left, key, l, &at(va, t)->left);
		*r = t;
	}
	if (aug)
		update(va, t);
}

/* Every start of @l below every start of @r. */
static int32_t merge(struct vml_vmarea *va, bool aug, int32_t l, int32_t r)
{
	va->steps++;

	if (l == NIL || r == NIL)
		return l == NIL ? r : l;
	if (at(va, l)->prio > at(va, r)->prio) {
		at(va, l)->right = merge(va, aug, at(va, l)->right, r);
		if (aug)
			update(va, l);
		return l;
	}
	at(va, r)->left = merge(va, aug, l, at(va, r)->left);
	if (aug)
		update(va, r);
	return r;
}

static int32_t new_node(struct vml_vmarea *va, uint64_t start, uint64_t size)
{
	int32_t i = va->spare;
	struct vml_vmarea_node *n = at(va, i);

	va->spare = n->left;
	/* xorshift32: priorities without the LCG's correlated low bits */
	va->seed ^= va->seed << 13;
	va->seed ^= va->seed >> 17;
	va->seed ^= va->seed << 5;
	*n = (struct vml_vmarea_node){start, size, size, va->seed >> 1, NIL, NIL};
	return i;
}

static void drop_node(struct vml_vmarea *va, int32_t i)
{
	at(va, i)->left = va->spare;
	va->spare = i;
}

static unsigned int spare_count(const struct vml_vmarea *va, unsigned int want)
{
	unsigned int n = 0;

	for (int32_t i = va->spare; i != NIL && n < want; i = at(va, i)->left)
		n++;
	return n;
}

/* Put node @i into the subtree at *@link: down to where its priority
 * belongs, then split what lies there around it (expected O(1) work below
 * the O(log n) descent). */
static void insert(struct vml_vmarea *va, bool aug, int32_t *link, int32_t i)
{
	int32_t t = *link;
	struct vml_vmarea_node *n = at(va, i);

	va->steps++;
	if (t == NIL || n->prio > at(va, t)->prio) {
		split(va, aug, t, n->start, &n->left, &n->right);
		if (aug)
			update(va, i);
		*link = i;
		return;
	}
	insert(va, aug, n->start < at(va, t)->start ? &at(va, t)->left : &at(va, t)->right, i);
	if (aug)
		update(va, t);
}

/* Take the node starting at @start out of the tree; NIL if none. */
static int32_t take(struct vml_vmarea *va, bool aug, int32_t *root, uint64_t start)
{
	int32_t l, mid, r;

	split(va, aug, *root, start, &l, &r);
	split(va, aug, r, start + 1, &mid, &r);
	*root = merge(va, aug, l, r);
	return mid;
}

/* Unlink the node starting at @key from the subtree at *@link, its children
 * merged in its place; NIL if none. One descent and one merge. */
static int32_t erase(struct vml_vmarea *va, bool aug, int32_t *link, uint64_t key)
{
	int32_t t = *link, r;

	va->steps++;
	if (t == NIL)
		return NIL;
	if (key == at(va, t)->start) {
		*link = merge(va, aug, at(va, t)->left, at(va, t)->right);
		return t;
	}
	r = erase(va, aug, key < at(va, t)->start ? &at(va, t)->left : &at(va, t)->right, key);
	if (r != NIL && aug)
		update(va, t);
	return r;
}

/* Give the node starting at @key (it is in the subtree @t) the block
 * [start, start + size), which must keep it between its neighbours, and
 * refresh the maxima on the way back: one descent, no surgery. */
static void reshape(struct vml_vmarea *va, int32_t t, uint64_t key, uint64_t start, uint64_t size)
{
	struct vml_vmarea_node *n = at(va, t);

	va->steps++;
	if (key == n->start) {
		n->start = start;
		n->size = size;
	} else {
		reshape(va, key < n->start ? n->left : n->right, key, start, size);
	}
	update(va, t);
}

void vml_vmarea_init(struct vml_vmarea *va, struct vml_vmarea_node *nodes, unsigned int cap,
		     uint64_t page_size)
{
	vml_zero(va, sizeof(*va));
	va->node = nodes;
	va->cap = cap;
	va->free_root = va->busy_root = NIL;
	va->spare = NIL;
	va->page_size = page_size;
	va->seed = 0x2545f491u;
	for (unsigned int i = cap; i-- > 0;) {
		nodes[i].left = va->spare;
		va->spare = (int32_t)i;
	}
}

/* The block of @root holding @addr (start <= addr < end), or NIL. */
static int32_t holding(struct vml_vmarea *va, int32_t t, uint64_t addr)
{
	while (t != NIL) {
		const struct vml_vmarea_node *n = at(va, t);

		va->steps++;
		if (addr < n->start)
			t = n->left;
		else if (addr - n->start >= n->size)
			t = n->right;
		else
			return t;
	}
	return NIL;
}

/* The free block with the lowest start >= @addr, or NIL. */
static int32_t first_at_or_after(struct vml_vmarea *va, int32_t t, uint64_t addr)
{
	int32_t best = NIL;

	while (t != NIL) {
		va->steps++;
		if (at(va, t)->start >= addr) {
			best = t;
			t = at(va, t)->left;
		} else {
			t = at(va, t)->right;
		}
	}
	return best;
}

int vml_vmarea_add_space(struct vml_vmarea *va, uint64_t start, uint64_t end)
{
	int32_t next, prev;

	if (end <= start || !vml_is_aligned(start | end, va->page_size))
		return VML_EINVAL;
	next = first_at_or_after(va, va->free_root, start);
	if (holding(va, va->free_root, start) != NIL || holding(va, va->busy_root, start) != NIL ||
	    (next != NIL && at(va, next)->start < end))
		return VML_EINVAL;
	if (va->spare == NIL)
		return VML_ENOMEM;
	va->total += end - start;
	/* free space is kept merged, as after a free: touching blocks join */
	if (next != NIL && at(va, next)->start == end) {
		end += at(va, next)->size;
		drop_node(va, take(va, true, &va->free_root, at(va, next)->start));
	}
	prev = start ? holding(va, va->free_root, start - 1) : NIL;
	if (prev != NIL) {
		start = at(va, prev)->start;
		drop_node(va, take(va, true, &va->free_root, start));
	}
	insert(va, true, &va->free_root, new_node(va, start, end - start));
	return VML_OK;
}

/* Carve [a, a + size) out of the free block @b in place: the block keeps
 * its part below @a (or, when @a is its start, becomes the part above the
 * area), and a part above beside a part below gets a new node. The caller
 * checked there is a spare node. */
static void carve(struct vml_vmarea *va, int32_t b, uint64_t a, uint64_t size)
{
	uint64_t bstart = at(va, b)->start, bend = bstart + at(va, b)->size;

	if (a > bstart) {
		reshape(va, va->free_root, bstart, bstart, a - bstart);
		if (bend > a + size)
			insert(va, true, &va->free_root, new_node(va, a + size, bend - (a + size)));
	} else if (bend > a + size) {
		reshape(va, va->free_root, bstart, a + size, bend - (a + size));
	} else {
		drop_node(va, erase(va, true, &va->free_root, bstart));
	}
}

int vml_vmarea_reserve(struct vml_vmarea *va, uint64_t start, uint64_t size)
{
	int32_t b = holding(va, va->free_root, start);

	if (!size || b == NIL || start + size - at(va, b)->start > at(va, b)->size)
		return VML_ENOENT;
	if (spare_count(va, 1) < 1)
		return VML_ENOMEM;
	carve(va, b, start, size);
	va->total -= size; /* static areas are not vmalloc space to give */
	return VML_OK;
}

/* Where @size fits in block @n at @align inside [vstart, vend); false if not. */
static bool fits(const struct vml_vmarea_node *n, uint64_t size, uint64_t align, uint64_t vstart,
		 uint64_t vend, uint64_t *addr)
{
	uint64_t a = vml_align_up(vml_max(n->start, vstart), align), end = n->start + n->size;

	if (a < n->start || a >= end || end - a < size || a + size > vend || a + size < a)
		return false;
	*addr = a;
	return true;
}

/* The lowest block with a fit, pruned by the subtree maxima. */
static int32_t lowest_fit(struct vml_vmarea *va, int32_t t, uint64_t size, uint64_t align,
			  uint64_t vstart, uint64_t vend, uint64_t *addr)
{
	int32_t r;

	va->steps++;
	if (t == NIL || at(va, t)->max_size < size)
		return NIL;
	r = lowest_fit(va, at(va, t)->left, size, align, vstart, vend, addr);
	if (r != NIL)
		return r;
	if (fits(at(va, t), size, align, vstart, vend, addr))
		return t;
	if (at(va, t)->start >= vend)
		return NIL;
	return lowest_fit(va, at(va, t)->right, size, align, vstart, vend, addr);
}

int vml_vmarea_alloc(struct vml_vmarea *va, uint64_t size, uint64_t align, uint64_t vstart,
		     uint64_t vend, uint64_t *addr)
{
	uint64_t total = size + va->page_size, a = 0;
	int32_t b;

	if (!size || !vml_is_aligned(size, va->page_size) || align < va->page_size ||
	    (align & (align - 1)) || total < size)
		return VML_EINVAL;
	b = lowest_fit(va, va->free_root, total, align, vstart, vend, &a);
	if (b == NIL || spare_count(va, 2) < 2)
		return VML_ENOMEM;
	carve(va, b, a, total);
	insert(va, false, &va->busy_root, new_node(va, a, total));
	va->used += total;
	va->n_busy++;
	*addr = a;
	return VML_OK;
}

int vml_vmarea_free(struct vml_vmarea *va, uint64_t addr)
{
	int32_t b = erase(va, false, &va->busy_root, addr), prev, next;
	uint64_t start, end;

	if (b == NIL)
		return VML_ENOENT;
	start = at(va, b)->start;
	end = start + at(va, b)->size;
	va->used -= end - start;
	va->n_busy--;
	/* merge with the free neighbours (merge_or_add_vmap_area()): a
	 * neighbour grows in place, which keeps the tree's order */
	prev = start ? holding(va, va->free_root, start - 1) : NIL;
	next = first_at_or_after(va, va->free_root, end);
	if (next != NIL && at(va, next)->start != end)
		next = NIL;
	if (prev == NIL && next == NIL) {
		at(va, b)->left = at(va, b)->right = NIL;
		update(va, b);
		insert(va, true, &va->free_root, b);
		return VML_OK;
	}
	drop_node(va, b);
	if (next != NIL) {
		uint64_t next_start = at(va, next)->start;

		end += at(va, next)->size;
		if (prev != NIL)
			drop_node(va, erase(va, true, &va->free_root, next_start));
		else
			reshape(va, va->free_root, next_start, start, end - start);
	}
	if (prev != NIL)
		reshape(va, va->free_root, at(va, prev)->start, at(va, prev)->start,
			end - at(va, prev)->start);
	return VML_OK;
}

uint64_t vml_vmarea_largest_free(const struct vml_vmarea *va)
{
	return max_of(va, va->free_root);
}

static void in_order(const struct vml_vmarea *va, int32_t t,
		     void (*fn)(void *ctx, uint64_t start, uint64_t size), void *ctx)
{
	if (t == NIL)
		return;
	in_order(va, at(va, t)->left, fn, ctx);
	fn(ctx, at(va, t)->start, at(va, t)->size);
	in_order(va, at(va, t)->right, fn, ctx);
}

void vml_vmarea_for_each_busy(const struct vml_vmarea *va,
			      void (*fn)(void *ctx, uint64_t start, uint64_t size), void *ctx)
{
	in_order(va, va->busy_root, fn, ctx);
}

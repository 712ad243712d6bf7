/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc-space allocator: exact placements (lowest fit, guard page,
 * alignment, [vstart, vend), static areas, pieces of space, merging on
 * free), and a property test of random alloc/free sequences against a
 * reference that scans every page.
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/vmarea.h"

#define PG 0x1000ULL
#define NODES 4096

static struct vml_vmarea_node nodes[NODES];

/* An allocator for space in [lo, hi): every other round with compact
 * leaves (32-bit page offsets, vml_vmarea_init_span()), the others with
 * 64-bit ones; both must hand out the same areas. */
static void init_either(struct vml_vmarea *va, struct vml_vmarea_node *storage, unsigned int cap,
			bool compact, uint64_t lo, uint64_t hi)
{
	if (compact)
		vml_vmarea_init_span(va, storage, cap, PG, lo, hi);
	else
		vml_vmarea_init(va, storage, cap, PG);
	CHECK_EQ_INT(va->leaf_format, compact ? VML_VMAREA_LEAF32 : VML_VMAREA_LEAF64);
}

static void test_lowest_fit_with_guard(void)
{
	struct vml_vmarea va;
	uint64_t a = 0, b = 0, c = 0;

	vml_vmarea_init(&va, nodes, NODES, PG);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xf0000000, 0xff000000), 0);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 2 * PG, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf0000000);
	/* 2 pages + the guard page: the next area starts 3 pages on */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0, ~0ULL, &b), 0);
	CHECK_EQ_U64(b, 0xf0003000);
	/* 64 KiB alignment skips to the next boundary */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, 0x10000, 0, ~0ULL, &c), 0);
	CHECK_EQ_U64(c, 0xf0010000);
	CHECK_EQ_U64(va.used, 3 * PG + 2 * PG + 2 * PG);
	/* freeing the first leaves a 3-page hole that a 2-page area fits again */
	CHECK_EQ_INT(vml_vmarea_free(&va, a), 0);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 2 * PG, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf0000000);
	CHECK_EQ_INT(vml_vmarea_free(&va, 0xf0001000), VML_ENOENT);
	/* a window: [vstart, vend) */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0xf8000000, 0xf8002000, &a), 0);
	CHECK_EQ_U64(a, 0xf8000000);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0xf8000000, 0xf8003000, &a), VML_ENOMEM);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 0, PG, 0, ~0ULL, &a), VML_EINVAL);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, 3 * PG, 0, ~0ULL, &a), VML_EINVAL);
}

static void check_tree(const struct vml_vmarea *va);

/* Both formats; compact leaves keep the gaps between the pieces as holes
 * (never handed out, refused to reserve, filled by a piece that fits). */
static void pieces_and_static_areas(bool compact)
{
	struct vml_vmarea va;
	uint64_t a = 0;

	/* intermix: vmalloc in two pieces, a static area in the upper one */
	init_either(&va, nodes, NODES, compact, 0x0ff00000, 0xff000000);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xc7500000, 0xd2000000), 0);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xf1000000, 0xff000000), 0);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xd1000000, 0xd3000000), VML_EINVAL); /* overlap */
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0xfee00000, 0x200000), 0);		     /* PCI I/O */
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0xfee00000, 0x1000), VML_ENOENT);
	CHECK_EQ_U64(va.total,
		     (0xd2000000ULL - 0xc7500000) + (0xff000000ULL - 0xf1000000) - 0x200000);
	/* the upper piece below the static area: 222 MiB > the 171 MiB hole's */
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), 0xfee00000ULL - 0xf1000000);
	/* 172 MiB does not fit the 171 MiB piece: it goes to the upper one */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 172ULL << 20, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf1000000);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 40ULL << 20, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xc7500000);
	/* space over a static area, or over a piece with no free block left,
	 * overlaps what is there even where it starts outside */
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xfee00000, 0xff000000), VML_EINVAL);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0x10000000, 0x20000000), 0);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 0x10000000 - PG, PG, 0x10000000, 0x20000000, &a), 0);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0x0ff00000, 0x20100000), VML_EINVAL);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0x0ff00000, 0x10000000), 0); /* touches: joins */
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0xd2000000, PG), VML_ENOENT);  /* a gap */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 0x300000, PG, 0xd1f00000, 0xf1000000, &a), VML_ENOMEM);
	/* the gap between the two pieces filled: one free block across them */
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xd2000000, 0xf1000000), 0);
	CHECK_EQ_U64(vml_vmarea_largest_free(&va),
		     0xf1000000ULL - (0xc7500000 + (40ULL << 20) + PG));
	check_tree(&va);
}

static void test_pieces_and_static_areas(void)
{
	pieces_and_static_areas(false);
	pieces_and_static_areas(true);
}

/* Reference: one byte per page, 0 no space, 1 free, 2 busy. */
#define REF_PAGES 4096
static unsigned char ref[REF_PAGES];
static uint64_t ref_start[REF_PAGES], ref_len[REF_PAGES];
static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static bool ref_alloc(uint64_t base, uint64_t pages, uint64_t align_pages, uint64_t *addr)
{
	for (uint64_t p = 0; p + pages <= REF_PAGES; p++) {
		bool ok = ((base / PG + p) % align_pages) == 0;

		for (uint64_t k = 0; ok && k < pages; k++)
			ok = ref[p + k] == 1;
		if (ok) {
			for (uint64_t k = 0; k < pages; k++)
				ref[p + k] = 2;
			*addr = base + p * PG;
			return true;
		}
	}
	return false;
}

static void test_random_against_page_map(void)
{
	const uint64_t base = 0x40000000;
	uint64_t live[512];
	unsigned int n_live = 0;

	for (int round = 0; round < 20; round++) {
		struct vml_vmarea va;

		init_either(&va, nodes, NODES, round % 2, base, base + REF_PAGES * PG);
		memset(ref, 0, sizeof(ref));
		n_live = 0;
		/* 1-4 pieces of space */
		for (uint64_t p = 0; p < REF_PAGES;) {
			uint64_t len = 16 + rnd() % 1200, gap = rnd() % 64;

			if (p + gap + len > REF_PAGES)
				break;
			CHECK_EQ_INT(vml_vmarea_add_space(&va, base + (p + gap) * PG,
							  base + (p + gap + len) * PG),
				     0);
			memset(ref + p + gap, 1, len);
			p += gap + len;
		}
		for (int op = 0; op < 2000; op++) {
			if (n_live && (rnd() % 3 == 0 || n_live == 512)) {
				unsigned int i = (unsigned int)(rnd() % n_live);
				uint64_t a = live[i], p = (a - base) / PG;

				CHECK_EQ_INT(vml_vmarea_free(&va, a), 0);
				for (uint64_t k = 0; k < ref_len[p]; k++)
					ref[p + k] = 1;
				live[i] = live[--n_live];
			} else {
				uint64_t pages = 1 + rnd() % 40, align = 1ULL << (rnd() % 4), a = 0,
					 want = 0;
				bool fit = ref_alloc(base, pages + 1, align, &want);
				int rc =
				    vml_vmarea_alloc(&va, pages * PG, align * PG, 0, ~0ULL, &a);

				CHECK_EQ_INT(rc, fit ? 0 : VML_ENOMEM);
				if (!rc) {
					CHECK_EQ_U64(a, want);
					ref_start[(a - base) / PG] = a;
					ref_len[(a - base) / PG] = pages + 1;
					live[n_live++] = a;
				}
			}
			if (check_failures_in_test)
				return;
		}
		/* free everything: the space is whole again */
		while (n_live)
			CHECK_EQ_INT(vml_vmarea_free(&va, live[--n_live]), 0);
		CHECK_EQ_U64(va.used, 0);
		CHECK_EQ_INT(va.n_busy, 0);
	}
}

/* Snapshot of what an operation must leave alone when it fails. */
struct snapshot {
	uint64_t total, used, largest;
	unsigned int n_busy, n_areas;
	uint64_t area[2 * 512];
};

static void snap_area(void *ctx, uint64_t start, uint64_t size)
{
	struct snapshot *s = ctx;

	if (s->n_areas < 512) {
		s->area[2 * s->n_areas] = start;
		s->area[2 * s->n_areas + 1] = size;
	}
	s->n_areas++;
}

static void take_snapshot(const struct vml_vmarea *va, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->total = va->total;
	s->used = va->used;
	s->largest = vml_vmarea_largest_free(va);
	s->n_busy = va->n_busy;
	vml_vmarea_for_each_busy(va, snap_area, s);
}

/* The reference's first fit of @pages inside the window [w0, w1) (pages). */
static bool ref_fit_window(uint64_t base, uint64_t pages, uint64_t align_pages, uint64_t w0,
			   uint64_t w1, uint64_t *addr)
{
	for (uint64_t p = w0; p + pages <= w1 && p + pages <= REF_PAGES; p++) {
		bool ok = ((base / PG + p) % align_pages) == 0;

		for (uint64_t k = 0; ok && k < pages; k++)
			ok = ref[p + k] == 1;
		if (ok) {
			*addr = base + p * PG;
			return true;
		}
	}
	return false;
}

static uint64_t ref_largest_run(void)
{
	uint64_t best = 0, run = 0;

	for (unsigned int p = 0; p < REF_PAGES; p++) {
		run = ref[p] == 1 ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best * PG;
}

/* Random windows, static areas and failures against the reference map
 * (0 no space, 1 free, 2 busy, 3 static): every placement is the
 * reference's lowest fit, the largest free block is the reference's
 * longest free run, and a failed alloc or reserve leaves the live areas,
 * the totals and the largest block exactly as they were. */
static void test_random_windows_statics_and_failures(void)
{
	const uint64_t base = 0x80000000;
	unsigned int failures_seen = 0;

	for (int round = 0; round < 20; round++) {
		struct vml_vmarea va;
		uint64_t live[512];
		unsigned int n_live = 0;

		init_either(&va, nodes, NODES, round % 2, base, base + REF_PAGES * PG);
		memset(ref, 0, sizeof(ref));
		for (uint64_t p = 0; p < REF_PAGES;) {
			uint64_t len = 8 + rnd() % 900, gap = rnd() % 64;

			if (p + gap + len > REF_PAGES)
				break;
			CHECK_EQ_INT(vml_vmarea_add_space(&va, base + (p + gap) * PG,
							  base + (p + gap + len) * PG),
				     0);
			memset(ref + p + gap, 1, len);
			p += gap + len;
		}
		for (int op = 0; op < 3000 && !check_failures_in_test; op++) {
			struct snapshot before, after;
			unsigned int kind = (unsigned int)(rnd() % 8);
			int rc;

			take_snapshot(&va, &before);
			if (kind == 0) { /* a static area: wholly free, or refused */
				uint64_t p = rnd() % REF_PAGES, len = 1 + rnd() % 16;
				bool all_free = p + len <= REF_PAGES;

				for (uint64_t k = 0; all_free && k < len; k++)
					all_free = ref[p + k] == 1;
				rc = vml_vmarea_reserve(&va, base + p * PG, len * PG);
				CHECK_EQ_INT(rc, all_free ? 0 : VML_ENOENT);
				if (!rc)
					memset(ref + p, 3, len);
			} else if (n_live && (kind < 4 || n_live == 512)) {
				unsigned int i = (unsigned int)(rnd() % n_live);
				uint64_t p = (live[i] - base) / PG;

				rc = vml_vmarea_free(&va, live[i]);
				CHECK_EQ_INT(rc, 0);
				memset(ref + p, 1, ref_len[p]);
				live[i] = live[--n_live];
			} else {
				uint64_t pages = 1 + rnd() % (rnd() % 4 ? 24 : 400);
				uint64_t align = 1ULL << (rnd() % 5), w0 = rnd() % REF_PAGES;
				uint64_t w1 = w0 + 1 + rnd() % (REF_PAGES - w0), a = 0, want = 0;
				bool fit = ref_fit_window(base, pages + 1, align, w0, w1, &want);

				rc = vml_vmarea_alloc(&va, pages * PG, align * PG, base + w0 * PG,
						      base + w1 * PG, &a);
				CHECK_EQ_INT(rc, fit ? 0 : VML_ENOMEM);
				if (!rc) {
					CHECK_EQ_U64(a, want);
					memset(ref + (a - base) / PG, 2, pages + 1);
					ref_len[(a - base) / PG] = pages + 1;
					live[n_live++] = a;
				}
			}
			take_snapshot(&va, &after);
			if (rc) { /* nothing changed */
				failures_seen++;
				CHECK(!memcmp(&before, &after, sizeof(before)));
			}
			CHECK_EQ_U64(vml_vmarea_largest_free(&va), ref_largest_run());
			CHECK_EQ_INT(va.n_busy, n_live);
		}
		/* a free of an address that is not a live area changes nothing */
		CHECK_EQ_INT(vml_vmarea_free(&va, base + 3), VML_ENOENT);
		while (n_live) {
			uint64_t p = (live[--n_live] - base) / PG;

			CHECK_EQ_INT(vml_vmarea_free(&va, live[n_live]), 0);
			memset(ref + p, 1, ref_len[p]);
		}
		CHECK_EQ_U64(va.used, 0);
		CHECK_EQ_U64(vml_vmarea_largest_free(&va), ref_largest_run());
	}
	CHECK(failures_seen > 1000);
}

/* ---- the tree itself, with many areas ---- */

struct walk {
	unsigned int nodes, busy, leaf_depth;
	uint64_t last_end, used, largest;
	bool last_free, last_hole, bad;
};

/* Check the subtree @i at @depth: ordered blocks that do not overlap, no
 * two free blocks touching, every slot's lowest start and largest free
 * block as recomputed, nodes at least half full (the root aside), every
 * leaf at one depth. Returns the subtree's largest free block. */
/* Block @k of leaf @t as the header documents both formats. */
static uint64_t leaf_start(const struct vml_vmarea *va, const struct vml_vmarea_node *t,
			   unsigned int k)
{
	return t->leaf == VML_VMAREA_LEAF32 ? va->lo + (uint64_t)(t->u.p.edge[k] >> 2) * PG
					    : t->u.b.start[k];
}

static uint64_t leaf_size(const struct vml_vmarea_node *t, unsigned int k)
{
	return t->leaf == VML_VMAREA_LEAF32
		   ? (uint64_t)((t->u.p.edge[k + 1] >> 2) - (t->u.p.edge[k] >> 2)) * PG
		   : t->u.b.size[k];
}

static unsigned int leaf_kind(const struct vml_vmarea_node *t, unsigned int k)
{
	return t->leaf == VML_VMAREA_LEAF32 ? t->u.p.edge[k] & 3 : t->kind[k];
}

static uint64_t walk_tree(const struct vml_vmarea *va, int32_t i, unsigned int depth, bool root,
			  struct walk *w)
{
	const struct vml_vmarea_node *t = &va->node[i];
	unsigned int max = t->leaf ? va->leaf_max : VML_VMAREA_FANOUT;
	uint64_t largest = 0;

	w->nodes++;
	if ((!root && t->n < max / 2) || t->n > max || (t->leaf && t->leaf != va->leaf_format))
		w->bad = true;
	for (unsigned int k = 0; k < t->n; k++) {
		if (t->leaf) {
			uint64_t start = leaf_start(va, t, k), size = leaf_size(t, k);
			bool is_free = leaf_kind(t, k) == VML_VMAREA_FREE;

			if (start < w->last_end || !size ||
			    (is_free && w->last_free && start == w->last_end))
				w->bad = true;
			/* compact leaves: the span all blocks, each from the
			 * last one's end, no two holes touching */
			if (va->leaf_format == VML_VMAREA_LEAF32 &&
			    (start != (w->last_end ? w->last_end : va->lo) ||
			     (leaf_kind(t, k) == VML_VMAREA_HOLE && w->last_hole)))
				w->bad = true;
			w->last_hole = leaf_kind(t, k) == VML_VMAREA_HOLE;
			w->last_end = start + size;
			w->last_free = is_free;
			w->busy += leaf_kind(t, k) == VML_VMAREA_BUSY;
			w->used += leaf_kind(t, k) == VML_VMAREA_BUSY ? size : 0;
			largest = is_free && size > largest ? size : largest;
			continue;
		}
		const struct vml_vmarea_node *c = &va->node[t->u.c.child[k]];
		uint64_t m = walk_tree(va, (int32_t)t->u.c.child[k], depth + 1, false, w);

		if (m != t->u.c.max[k] ||
		    t->u.c.min[k] != (c->leaf ? leaf_start(va, c, 0) : c->u.c.min[0]))
			w->bad = true;
		largest = m > largest ? m : largest;
	}
	if (t->leaf && w->leaf_depth && depth != w->leaf_depth)
		w->bad = true;
	if (t->leaf)
		w->leaf_depth = depth;
	return largest;
}

static void check_tree(const struct vml_vmarea *va)
{
	struct walk w = {0};

	if (va->root < 0)
		return;
	w.largest = walk_tree(va, va->root, 1, true, &w);
	CHECK(!w.bad);
	CHECK_EQ_INT(w.leaf_depth, va->height);
	if (va->leaf_format == VML_VMAREA_LEAF32)
		CHECK_EQ_U64(w.last_end, va->hi);
	CHECK_EQ_INT(w.busy, va->n_busy);
	CHECK_EQ_U64(w.used, va->used);
	CHECK_EQ_U64(w.largest, vml_vmarea_largest_free(va));
	CHECK_EQ_INT(w.nodes + va->n_spare, va->cap); /* no node lost */
}

/* Reference: the free runs in address order, [start, end). */
#define RUNS 40000
static uint64_t run_start[RUNS], run_end[RUNS];
static unsigned int n_runs;

static bool runs_alloc(uint64_t size, uint64_t align, uint64_t *addr)
{
	for (unsigned int i = 0; i < n_runs; i++) {
		uint64_t a = (run_start[i] + align - 1) & ~(align - 1);

		if (a >= run_end[i] || run_end[i] - a < size)
			continue;
		*addr = a;
		if (a + size < run_end[i] && a > run_start[i]) { /* split in two */
			memmove(&run_start[i + 1], &run_start[i], (n_runs - i) * sizeof(uint64_t));
			memmove(&run_end[i + 1], &run_end[i], (n_runs - i) * sizeof(uint64_t));
			n_runs++;
			run_end[i] = a;
			run_start[i + 1] = a + size;
		} else if (a > run_start[i]) {
			run_end[i] = a;
		} else if (a + size < run_end[i]) {
			run_start[i] = a + size;
		} else {
			memmove(&run_start[i], &run_start[i + 1],
				(n_runs - i - 1) * sizeof(uint64_t));
			memmove(&run_end[i], &run_end[i + 1], (n_runs - i - 1) * sizeof(uint64_t));
			n_runs--;
		}
		return true;
	}
	return false;
}

static void runs_free(uint64_t start, uint64_t end)
{
	unsigned int i = 0;

	while (i < n_runs && run_start[i] < start)
		i++;
	memmove(&run_start[i + 1], &run_start[i], (n_runs - i) * sizeof(uint64_t));
	memmove(&run_end[i + 1], &run_end[i], (n_runs - i) * sizeof(uint64_t));
	n_runs++;
	run_start[i] = start;
	run_end[i] = end;
	if (i + 1 < n_runs && run_start[i + 1] == end) { /* join the next */
		run_end[i] = run_end[i + 1];
		memmove(&run_start[i + 1], &run_start[i + 2], (n_runs - i - 2) * sizeof(uint64_t));
		memmove(&run_end[i + 1], &run_end[i + 2], (n_runs - i - 2) * sizeof(uint64_t));
		n_runs--;
	}
	if (i > 0 && run_end[i - 1] == start) { /* join the previous */
		run_end[i - 1] = run_end[i];
		memmove(&run_start[i], &run_start[i + 1], (n_runs - i - 1) * sizeof(uint64_t));
		memmove(&run_end[i], &run_end[i + 1], (n_runs - i - 1) * sizeof(uint64_t));
		n_runs--;
	}
}

/* Tens of thousands of live areas (a tree of four or five levels with
 * 64-bit leaves, three with compact ones; every
 * split, borrow and merge): placements equal a reference's lowest fit over
 * its free runs, and the tree's own invariants hold after every batch of
 * operations; then everything is freed and one free block per piece is
 * left. */
static void many_areas(bool compact)
{
	enum { LIVE = 12000, CAP = VML_VMAREA_NODES(2 * LIVE + 8) };
	static struct vml_vmarea_node big[CAP];
	static uint64_t live[LIVE], len[LIVE];
	const uint64_t base = 1ULL << 40,
		       pieces[3][2] = {{0, 20000}, {20100, 60000}, {60001, 90000}};
	unsigned int n_live = 0, tallest = 0;
	struct vml_vmarea va;

	init_either(&va, big, CAP, compact, base, base + pieces[2][1] * PG);
	n_runs = 0;
	for (int p = 2; p >= 0; p--) /* added out of order */
		CHECK_EQ_INT(
		    vml_vmarea_add_space(&va, base + pieces[p][0] * PG, base + pieces[p][1] * PG),
		    0);
	for (int p = 0; p < 3; p++)
		runs_free(base + pieces[p][0] * PG, base + pieces[p][1] * PG);
	for (int op = 0; op < 60000 && !check_failures_in_test; op++) {
		bool grow = op < 30000 ? rnd() % 8 != 0 : rnd() % 8 == 0;

		if (n_live && (!grow || n_live == LIVE)) {
			unsigned int i = (unsigned int)(rnd() % n_live);
			uint64_t a = live[i];

			CHECK_EQ_INT(vml_vmarea_free(&va, a), 0);
			runs_free(a, a + len[i]);
			n_live--;
			live[i] = live[n_live];
			len[i] = len[n_live];
		} else {
			uint64_t pages = 1 + rnd() % 4, align = PG << (rnd() % 3), a = 0, want = 0;
			bool fit = runs_alloc((pages + 1) * PG, align, &want);

			CHECK_EQ_INT(vml_vmarea_alloc(&va, pages * PG, align, 0, ~0ULL, &a),
				     fit ? 0 : VML_ENOMEM);
			CHECK_EQ_U64(a, fit ? want : 0);
			if (fit) {
				live[n_live] = a;
				len[n_live++] = (pages + 1) * PG;
			}
		}
		if (op % 997 == 0)
			check_tree(&va);
		tallest = va.height > tallest ? va.height : tallest;
	}
	CHECK(tallest >= (compact ? 3u : 4u)); /* 119 blocks a compact leaf */
	while (n_live && !check_failures_in_test)
		CHECK_EQ_INT(vml_vmarea_free(&va, live[--n_live]), 0);
	check_tree(&va);
	CHECK_EQ_INT(va.height, 1); /* three free blocks: one leaf */
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), (60000 - 20100) * PG);
	CHECK_EQ_INT(n_runs, 3);
}

static void test_many_areas_keep_the_tree_whole(void)
{
	many_areas(false);
	many_areas(true);
}

/* vml_vmarea_init_span(): compact leaves exactly when the span is at most
 * VML_VMAREA_SPAN_PAGES pages; space outside the span refused, nothing
 * changed; a free block as large as the whole span (its pages fill the
 * size's 30 bits) and areas at its top page handed out and freed. */
static void test_span_and_compact_leaves(void)
{
	const uint64_t lo = 0x100000000ULL, top = lo + (uint64_t)VML_VMAREA_SPAN_PAGES * PG;
	struct vml_vmarea va;
	uint64_t a = 0;

	vml_vmarea_init_span(&va, nodes, NODES, PG, lo, top + PG);
	CHECK_EQ_INT(va.leaf_format, VML_VMAREA_LEAF64); /* one page too many */
	vml_vmarea_init_span(&va, nodes, NODES, PG + 1, lo, top);
	CHECK_EQ_INT(va.leaf_format, VML_VMAREA_LEAF64); /* not a power of two */
	vml_vmarea_init_span(&va, nodes, NODES, PG, lo, top);
	CHECK_EQ_INT(va.leaf_format, VML_VMAREA_LEAF32);
	CHECK_EQ_INT(va.leaf_max, VML_VMAREA_LEAF_PAGES);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, lo - PG, lo + PG), VML_EINVAL);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, top - PG, top + PG), VML_EINVAL);
	CHECK_EQ_INT(va.root, -1);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, lo, top), 0);
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), top - lo);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, top - 2 * PG, top, &a), 0);
	CHECK_EQ_U64(a, top - 2 * PG);
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), top - 2 * PG - lo);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, lo);
	CHECK_EQ_INT(vml_vmarea_free(&va, top - 2 * PG), 0);
	CHECK_EQ_INT(vml_vmarea_free(&va, top - PG), VML_ENOENT);
	CHECK_EQ_INT(vml_vmarea_free(&va, lo), 0);
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), top - lo);
	check_tree(&va);
	/* unbounded without a span */
	vml_vmarea_init_span(&va, nodes, NODES, PG, 5, 5);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0, ~0ULL & ~(PG - 1)), 0);
}

/* Too few nodes: allocations go on while the worst case of a split fits
 * the spare nodes, then fail with VML_ENOMEM and change nothing; a free
 * makes room again. */
static void out_of_nodes(bool compact)
{
	static struct vml_vmarea_node few[12];
	struct vml_vmarea va;
	struct snapshot before, after;
	uint64_t a = 0, first = 0;
	unsigned int n = 0;
	int rc = 0;

	init_either(&va, few, 12, compact, 0x10000000, 0x20000000);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0x10000000, 0x20000000), 0);
	while (!(rc = vml_vmarea_alloc(&va, PG, 2 * PG, 0, ~0ULL, &a)) && n < 1000)
		first = n++ ? first : a;
	CHECK_EQ_INT(rc, VML_ENOMEM);
	CHECK(n > va.leaf_max); /* more than one leaf's worth went in */
	take_snapshot(&va, &before);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0, ~0ULL, &a), VML_ENOMEM);
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0x1f000000, PG), VML_ENOMEM);
	take_snapshot(&va, &after);
	CHECK(!memcmp(&before, &after, sizeof(before)));
	CHECK_EQ_INT(vml_vmarea_free(&va, first), 0);
	CHECK_EQ_INT(va.n_busy, n - 1);
}

static void test_out_of_nodes_changes_nothing(void)
{
	out_of_nodes(false);
	out_of_nodes(true);
}

int main(void)
{
	RUN_TEST(test_lowest_fit_with_guard);
	RUN_TEST(test_pieces_and_static_areas);
	RUN_TEST(test_random_against_page_map);
	RUN_TEST(test_span_and_compact_leaves);
	RUN_TEST(test_random_windows_statics_and_failures);
	RUN_TEST(test_many_areas_keep_the_tree_whole);
	RUN_TEST(test_out_of_nodes_changes_nothing);
	return CHECK_DONE("test_vmarea");
}

/* SPDX-License-Identifier: MIT */
/*
 * The engine against a window with few mapping slots, as the kernel
 * reaches new tables through a fixmap slot per level (arch/arm64/mm/
 * mmu.c, pte_set_fixmap() and friends, v6.12): a pointer the window gave
 * shows whichever table was last mapped into its slot. The window contract
 * (include/vmlayout/pgtable.h, vml_pt_window_fn) lets the engine hold one
 * pointer per level plus one; this window keeps exactly that many, one
 * slot for the root's size and `levels` slots, least recently used first,
 * for every other table, and copies a table in and out of its slot as a
 * fixmap's page changes. A pointer the engine kept past its slot's reuse
 * (a stale mapping, e.g. one the plan or the pool got and the commit
 * reused) reads and writes another table: the tables then differ from the
 * same maps through a plain window. After each call the slots are written
 * back and emptied (the engine's pointers live for one call).
 *
 * The window tells a table's level by its size, as a fixmap slot per
 * level needs: arm short-descriptor's root is 16 KiB, its second-level
 * tables 1 KiB. (Where two levels' tables have one size, as LPAE's or
 * arm64's, a window cannot know which level's slot a table takes; a
 * least-recently-used slot is then not what the contract promises: the
 * engine keeps a level's pointer while it reaches tables of other levels.)
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pt_harness.h"
#include "test_rng.h"

#define ARENA_BASE 0x40000000ULL
#define ARENA_SIZE 0x4000000ULL
#define MAX_SLOTS 8

struct slot {
	bool used;
	uint64_t pa, size, stamp;
	unsigned char *buf;
};

struct slot_window {
	struct bump *b;
	uint64_t root_size, table_size, clock;
	unsigned int n_other;
	struct slot root, other[MAX_SLOTS];
	unsigned long loads; /* slot reuses: the test must make some */
};

static void slot_writeback(struct slot_window *w, struct slot *s)
{
	if (s->used)
		memcpy(vml_physmem_window(w->b->pm, s->pa, s->size), s->buf, s->size);
	/* poison, so a stale pointer cannot read the old bytes by luck */
	memset(s->buf, 0x5a, s->size);
	s->used = false;
}

static void *slot_window_fn(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct slot_window *w = cb;
	uint64_t a = vml_pa_addr(pa);
	struct slot *s = NULL;

	if (size == w->root_size) {
		s = &w->root;
		if (s->used && s->pa == a)
			return s->buf;
	} else {
		uint64_t base = vml_align_down(a, w->table_size);

		CHECK(size <= w->table_size && a + size <= base + w->table_size);
		for (unsigned int i = 0; i < w->n_other; i++)
			if (w->other[i].used && w->other[i].pa == base) {
				w->other[i].stamp = ++w->clock;
				return w->other[i].buf + (a - base);
			}
		s = &w->other[0];
		for (unsigned int i = 1; i < w->n_other; i++)
			if (!w->other[i].used || (s->used && w->other[i].stamp < s->stamp))
				s = &w->other[i];
		a = base;
		size = w->table_size;
	}
	slot_writeback(w, s);
	w->loads += s->pa != a;
	s->used = true;
	s->pa = a;
	s->size = size;
	s->stamp = ++w->clock;
	memcpy(s->buf, vml_physmem_window(w->b->pm, a, size), size);
	return s->buf + (vml_pa_addr(pa) - a);
}

static int slot_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	return bump_alloc(((struct slot_window *)cb)->b, size, align, out);
}

static void slot_free(void *cb, vml_paddr_t table, uint64_t size)
{
	bump_free(((struct slot_window *)cb)->b, table, size);
}

static void slot_flush(struct slot_window *w)
{
	slot_writeback(w, &w->root);
	for (unsigned int i = 0; i < w->n_other; i++)
		slot_writeback(w, &w->other[i]);
}

struct pair {
	struct vml_pt_format f;
	struct bump *ref_b, *slot_b;
	struct vml_pt_ctx ref, slotted;
	struct slot_window w;
};

static void pair_open(struct pair *p, const struct vml_pt_spec *spec, bool zeroed)
{
	CHECK_EQ_INT(vml_pt_format_lookup(&p->f, spec, NULL), 0);
	p->ref_b = bump_new(ARENA_BASE, ARENA_SIZE);
	p->slot_b = bump_new(ARENA_BASE, ARENA_SIZE);
	p->ref_b->zero = p->slot_b->zero = zeroed;
	ctx_setup(&p->ref, &p->f, p->ref_b, false, NULL);
	ctx_setup(&p->slotted, &p->f, p->slot_b, false, NULL);
	p->ref.tables_zeroed = p->slotted.tables_zeroed = zeroed;
	memset(&p->w, 0, sizeof(p->w));
	p->w.b = p->slot_b;
	p->w.root_size = p->f.level[0].table_size;
	p->w.table_size = p->f.level[1].table_size;
	for (unsigned int li = 1; li < p->f.levels; li++)
		CHECK_EQ_U64(p->f.level[li].table_size, p->w.table_size);
	CHECK(p->w.root_size != p->w.table_size);
	p->w.n_other = p->f.levels; /* with the root's: one per level plus one */
	p->w.root.buf = malloc(p->w.root_size);
	for (unsigned int i = 0; i < p->w.n_other; i++)
		p->w.other[i].buf = malloc(p->w.table_size);
	p->slotted.window = slot_window_fn;
	p->slotted.alloc_table = slot_alloc;
	p->slotted.free_table = slot_free;
	p->slotted.cb = &p->w;
	CHECK_EQ_INT(vml_pt_init(&p->ref, NULL), 0);
	CHECK_EQ_INT(vml_pt_init(&p->slotted, NULL), 0);
	slot_flush(&p->w);
}

static void pair_close(struct pair *p)
{
	free(p->w.root.buf);
	for (unsigned int i = 0; i < p->w.n_other; i++)
		free(p->w.other[i].buf);
	bump_delete(p->ref_b);
	bump_delete(p->slot_b);
}

/* Every table of both trees, byte for byte (read through the physmem
 * window: the slots were written back). */
static bool pair_same(struct pair *p)
{
	struct vml_pt_ctx plain = p->slotted;
	struct snapshot a, b;
	bool same;

	plain.window = bump_window;
	plain.cb = p->slot_b;
	a = snapshot_take(&p->ref);
	b = snapshot_take(&plain);
	same = a.n == b.n && !memcmp(a.bytes, b.bytes, a.n);
	free(a.bytes);
	free(b.bytes);
	return same;
}

/* Random maps as W3 makes them (log-uniform sizes, holes and overlaps,
 * sections where PA - VA allows), some with NO_REPLACE, some unmaps. */
static void random_maps(const struct vml_pt_spec *spec, bool zeroed, uint64_t seed)
{
	struct pair *p = calloc(1, sizeof(*p));
	struct vml_pt_attrs a = {0};
	unsigned long diffs = 0;

	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED | VML_PT_DIRTY;
	a.memtype = VML_PT_MT_NORMAL;
	pair_open(p, spec, zeroed);
	rng_state = seed;
	for (int i = 0; i < 600; i++) {
		uint64_t size = (1ULL << (12 + rnd() % 13)) + (rnd() % 64) * 0x1000;
		uint64_t va = 0x80000000ULL + (rnd() % 0x4000) * 0x1000;
		uint64_t pa =
		    rnd() % 2 ? va - 0x40000000ULL : 0x10000000ULL + (rnd() % 4096) * 0x1000;
		uint32_t flags = rnd() % 8 == 0 ? VML_PT_NO_REPLACE : 0;
		struct vml_diag d1 = {0}, d2 = {0};
		int e1, e2;

		if (rnd() % 10 == 0) {
			e1 = vml_pt_unmap(&p->ref, vml_va(va), size, 0, &d1);
			e2 = vml_pt_unmap(&p->slotted, vml_va(va), size, 0, &d2);
		} else {
			e1 = vml_pt_map(&p->ref, vml_va(va), vml_pa(pa), size, &a, flags, &d1);
			e2 = vml_pt_map(&p->slotted, vml_va(va), vml_pa(pa), size, &a, flags, &d2);
		}
		slot_flush(&p->w);
		CHECK_EQ_INT(e2, e1);
		diffs += !pair_same(p);
	}
	CHECK_EQ_U64(diffs, 0);
	CHECK(p->w.loads > 1000); /* the slots were reused, often */
	pair_close(p);
	free(p);
}

static void test_short_slots(void)
{
	struct vml_pt_spec spec = {.arch = "arm", .mode = "short"};

	for (uint64_t seed = 1; seed <= 4; seed++) {
		random_maps(&spec, false, seed * 0x9e3779b97f4a7c15ULL);
		random_maps(&spec, true, seed * 0x9e3779b97f4a7c15ULL + 1);
	}
}

int main(void)
{
	RUN_TEST(test_short_slots);
	return CHECK_DONE("test_pgtable_window_slots");
}

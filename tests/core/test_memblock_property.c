/* SPDX-License-Identifier: MIT */
/*
 * Property test of the memblock model: random sequences of add, remove,
 * reserve, free, mark/clear nomap and hotplug, mem= and allocations, over
 * 256 pages, checked after every step against a per-page reference model
 * ({in memory, flags, reserved}), under small region storage so that
 * VML_ENOMEM happens often. Runs near 0 (the first-page rule), at an
 * offset, just below 2^32 with a 32-bit PHYS_ADDR_MAX (the top page is one
 * byte short) and just below 2^64.
 *
 * The model encodes the kernel's rules (Linux mm/memblock.c v6.12) in page
 * terms: lists are the maximal runs of pages with equal state; add needs one
 * slot per uncovered run; a cut strictly inside a region needs one; a flag
 * change needs one per range edge inside a region; an allocation takes the
 * highest (top-down) or lowest (bottom-up) aligned run of free pages inside
 * one memory region and one reserved gap, within [max(start, PAGE_SIZE), end).
 * Seed: fixed (printed); pass another as argv[1].
 */
#include <stdlib.h>

#include "check.h"
#include "core/test_rng.h"
#include "vmlayout/memblock.h"

#define NPAGES 256
#define PG 0x1000ULL
#define STORE 64

struct page_state {
	bool in;
	uint32_t flags;
	bool res;
};

struct world {
	uint64_t base0, phys_max;
	struct page_state pg[NPAGES];
	struct vml_memblock mb;
	struct vml_memblock_region mem[STORE], res[STORE];
};


static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* Address of page boundary k, capped at PHYS_ADDR_MAX like every end. */
static uint64_t bnd(const struct world *w, unsigned int k)
{
	uint64_t off = (uint64_t)k * PG;

	return off > w->phys_max - w->base0 ? w->phys_max : w->base0 + off;
}

/* ---- the reference model ---- */

static bool same_region(const struct page_state *a, const struct page_state *b, bool reserved)
{
	return reserved ? a->res && b->res : a->in && b->in && a->flags == b->flags;
}

/* The canonical list of the model: maximal runs. */
static unsigned int model_list(const struct world *w, bool reserved,
			       struct vml_memblock_region *out)
{
	unsigned int n = 0;

	for (unsigned int k = 0; k < NPAGES;) {
		unsigned int e = k + 1;

		if (!(reserved ? w->pg[k].res : w->pg[k].in)) {
			k++;
			continue;
		}
		while (e < NPAGES && same_region(&w->pg[k], &w->pg[e], reserved))
			e++;
		out[n].base = bnd(w, k);
		out[n].size = bnd(w, e) - bnd(w, k);
		out[n].flags = reserved ? 0 : w->pg[k].flags;
		n++;
		k = e;
	}
	return n;
}

static unsigned int model_count(const struct world *w, bool reserved)
{
	struct vml_memblock_region tmp[NPAGES];

	return model_list(w, reserved, tmp);
}

static bool covered(const struct page_state *p, bool reserved)
{
	return reserved ? p->res : p->in;
}

/* Uncovered runs in [k0, k1): the pieces memblock_add_range inserts. */
static unsigned int gaps(const struct world *w, unsigned int k0, unsigned int k1, bool reserved)
{
	unsigned int n = 0;

	for (unsigned int k = k0; k < k1; k++)
		n += !covered(&w->pg[k], reserved) && (k == k0 || covered(&w->pg[k - 1], reserved));
	return n;
}

/* Boundary k lies strictly inside a region. */
static bool inside(const struct world *w, unsigned int k, bool reserved)
{
	return k > 0 && k < NPAGES && same_region(&w->pg[k - 1], &w->pg[k], reserved);
}

/* [k0, k1) strictly inside one region: a cut there needs a slot. */
static bool cut_needs_slot(const struct world *w, unsigned int k0, unsigned int k1,
			   bool reserved)
{
	for (unsigned int k = k0; k <= k1; k++)
		if (!inside(w, k, reserved))
			return false;
	return true;
}

static unsigned int max_of(const struct world *w, bool reserved)
{
	return reserved ? w->mb.reserved.max : w->mb.memory.max;
}

static int model_add(struct world *w, unsigned int k0, unsigned int k1, uint32_t flags,
		     bool reserved)
{
	if (model_count(w, reserved) + gaps(w, k0, k1, reserved) > max_of(w, reserved))
		return VML_ENOMEM;
	for (unsigned int k = k0; k < k1; k++) {
		if (reserved) {
			w->pg[k].res = true;
		} else if (!w->pg[k].in) {
			w->pg[k].in = true;
			w->pg[k].flags = flags;
		}
	}
	return 0;
}

static int model_cut(struct world *w, unsigned int k0, unsigned int k1, bool reserved)
{
	if (cut_needs_slot(w, k0, k1, reserved) &&
	    model_count(w, reserved) + 1 > max_of(w, reserved))
		return VML_ENOMEM;
	for (unsigned int k = k0; k < k1; k++) {
		if (reserved) {
			w->pg[k].res = false;
		} else {
			w->pg[k].in = false;
			w->pg[k].flags = 0;
		}
	}
	return 0;
}

static int model_setclr(struct world *w, unsigned int k0, unsigned int k1, bool set,
			uint32_t flag)
{
	unsigned int splits = inside(w, k0, false) + inside(w, k1, false);

	if (model_count(w, false) + splits > w->mb.memory.max)
		return VML_ENOMEM;
	for (unsigned int k = k0; k < k1; k++)
		if (w->pg[k].in)
			w->pg[k].flags = set ? w->pg[k].flags | flag : w->pg[k].flags & ~flag;
	return 0;
}

static void model_limit(struct world *w, uint64_t limit)
{
	struct vml_memblock_region l[NPAGES];
	unsigned int n = model_list(w, false, l);
	uint64_t max_addr = w->phys_max;

	if (!limit)
		return;
	for (unsigned int i = 0; i < n; i++) {
		if (limit <= l[i].size) {
			max_addr = l[i].base + limit;
			break;
		}
		limit -= l[i].size;
	}
	if (max_addr == w->phys_max)
		return;
	for (unsigned int k = 0; k < NPAGES; k++) {
		if (bnd(w, k) >= max_addr) {
			w->pg[k].in = w->pg[k].res = false;
			w->pg[k].flags = 0;
		}
	}
}

static bool page_free(const struct world *w, unsigned int k)
{
	return w->pg[k].in && !w->pg[k].res && !(w->pg[k].flags & VML_MEMBLOCK_NOMAP);
}

/* memblock_find_in_range_node() in page terms: the page index, or -1. */
static int model_find(const struct world *w, unsigned int s, uint64_t align, uint64_t start,
		      uint64_t end)
{
	int found = -1;

	if (end == VML_MEMBLOCK_ALLOC_ACCESSIBLE || end == 1)
		end = w->mb.current_limit;
	start = vml_max(start, PG);
	end = vml_max(start, end);
	for (unsigned int c = 0; c + s <= NPAGES; c++) {
		bool ok = bnd(w, c + s) - bnd(w, c) == s * PG && bnd(w, c) % align == 0 &&
			  bnd(w, c) >= start && bnd(w, c + s) <= end;

		for (unsigned int k = c; ok && k < c + s; k++)
			ok = page_free(w, k) && w->pg[k].flags == w->pg[c].flags;
		if (ok) {
			found = (int)c;
			if (w->mb.bottom_up)
				break;
		}
	}
	return found;
}

/* ---- checks ---- */

static char step_text[160];
static int failed_steps;
static unsigned long n_enomem, n_alloc_ok;

#define FAIL_STEP(...)                                                                             \
	do {                                                                                       \
		fprintf(stderr, "  step failed: %s: ", step_text);                                \
		fprintf(stderr, __VA_ARGS__);                                                      \
		fprintf(stderr, "\n");                                                             \
		check_failures_in_test++;                                                          \
		failed_steps++;                                                                    \
		return false;                                                                      \
	} while (0)

static bool check_type(const struct world *w, const struct vml_memblock_type *t, bool reserved)
{
	struct vml_memblock_region want[NPAGES];
	unsigned int n = model_list(w, reserved, want);
	uint64_t total = 0;

	for (unsigned int i = 0; i < t->cnt; i++) {
		const struct vml_memblock_region *r = &t->regions[i];

		total += r->size;
		if (i + 1 < t->cnt) {
			const struct vml_memblock_region *q = &t->regions[i + 1];

			if (r->base + r->size > q->base)
				FAIL_STEP("%s[%u] overlaps or is out of order", t->name, i);
			if (r->base + r->size == q->base && r->flags == q->flags)
				FAIL_STEP("%s[%u] and [%u] are not merged", t->name, i, i + 1);
		}
	}
	if (total != t->total_size)
		FAIL_STEP("%s total_size 0x%" PRIx64 " != sum 0x%" PRIx64, t->name, t->total_size,
			  total);
	if (n != t->cnt)
		FAIL_STEP("%s has %u regions, model %u", t->name, t->cnt, n);
	for (unsigned int i = 0; i < n; i++)
		if (want[i].base != t->regions[i].base || want[i].size != t->regions[i].size ||
		    want[i].flags != t->regions[i].flags)
			FAIL_STEP("%s[%u] = [0x%" PRIx64 " +0x%" PRIx64 " f%x], model [0x%" PRIx64
				  " +0x%" PRIx64 " f%x]",
				  t->name, i, t->regions[i].base, t->regions[i].size,
				  t->regions[i].flags, want[i].base, want[i].size, want[i].flags);
	return true;
}

/* Free ranges, both ways, against the runs of free pages within a region. */
static bool check_free_ranges(const struct world *w)
{
	uint64_t want[NPAGES][2], s, e;
	unsigned int n = 0, i = 0;
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;

	for (unsigned int k = 0; k < NPAGES; k++) {
		if (!page_free(w, k))
			continue;
		if (n && want[n - 1][1] == bnd(w, k) && w->pg[k - 1].flags == w->pg[k].flags &&
		    page_free(w, k - 1)) {
			want[n - 1][1] = bnd(w, k + 1);
		} else {
			want[n][0] = bnd(w, k);
			want[n][1] = bnd(w, k + 1);
			n++;
		}
	}
	while (vml_memblock_next_free_range(&w->mb, &it, 0, &s, &e)) {
		if (i >= n || s != want[i][0] || e != want[i][1])
			FAIL_STEP("free range %u [0x%" PRIx64 ",0x%" PRIx64 ") unexpected", i, s, e);
		i++;
	}
	if (i != n)
		FAIL_STEP("%u free ranges, model %u", i, n);
	it = (struct vml_memblock_iter)VML_MEMBLOCK_ITER_INIT;
	while (vml_memblock_prev_free_range(&w->mb, &it, 0, &s, &e)) {
		if (!i || s != want[i - 1][0] || e != want[i - 1][1])
			FAIL_STEP("reverse free range [0x%" PRIx64 ",0x%" PRIx64 ") unexpected", s,
				  e);
		i--;
	}
	if (i)
		FAIL_STEP("reverse walk stopped %u ranges early", i);
	return true;
}

static bool check_world(const struct world *w)
{
	struct vml_memblock_region l[NPAGES];
	unsigned int n = model_list(w, false, l);
	uint64_t size = 0;

	if (!check_type(w, &w->mb.memory, false) || !check_type(w, &w->mb.reserved, true))
		return false;
	for (unsigned int i = 0; i < n; i++)
		size += l[i].size;
	if (vml_memblock_phys_mem_size(&w->mb) != size)
		FAIL_STEP("phys_mem_size");
	if (vml_memblock_start_of_DRAM(&w->mb) != (n ? l[0].base : 0) ||
	    vml_memblock_end_of_DRAM(&w->mb) != (n ? l[n - 1].base + l[n - 1].size : 0))
		FAIL_STEP("start/end of DRAM");
	return check_free_ranges(w);
}

/* ---- one random step ---- */

static uint64_t rnd_bound(const struct world *w)
{
	switch (rnd_below(4)) {
	case 0:
		return VML_MEMBLOCK_ALLOC_ACCESSIBLE;
	case 1:
		return VML_MEMBLOCK_ALLOC_ANYWHERE;
	default:
		return bnd(w, rnd_below(NPAGES + 1));
	}
}

static int step_alloc(struct world *w, int *want)
{
	unsigned int s = 1 + rnd_below(6);
	uint64_t align = PG << rnd_below(4), lo = rnd_below(3) ? 0 : bnd(w, rnd_below(NPAGES));
	uint64_t hi = rnd_bound(w), addr = 0xdead, lim = w->mb.current_limit;
	bool try_nid = rnd_below(2);
	int c, ret;

	vml_memblock_set_bottom_up(&w->mb, rnd_below(2));
	snprintf(step_text, sizeof(step_text), "%s %s size %u pages align 0x%" PRIx64
		 " [0x%" PRIx64 ",0x%" PRIx64 ") limit 0x%" PRIx64,
		 try_nid ? "alloc_try_nid" : "phys_alloc_range",
		 w->mb.bottom_up ? "bottom-up" : "top-down", s, align, lo, hi, lim);
	if (try_nid) {
		uint64_t max = hi > lim ? lim : hi;

		c = model_find(w, s, align, lo, max);
		if (c < 0 && lo)
			c = model_find(w, s, align, 0, max);
		ret = vml_memblock_alloc_try_nid(&w->mb, s * PG, align, lo, hi, &addr, NULL);
	} else {
		c = model_find(w, s, align, lo, hi);
		ret = vml_memblock_phys_alloc_range(&w->mb, s * PG, align, lo, hi, &addr, NULL);
	}
	*want = c < 0 || model_count(w, true) + 1 > w->mb.reserved.max ? VML_ENOMEM : 0;
	if (!*want) {
		if (addr != bnd(w, (unsigned int)c)) {
			fprintf(stderr, "  step failed: %s: got 0x%" PRIx64 ", model 0x%" PRIx64 "\n",
				step_text, addr, bnd(w, (unsigned int)c));
			check_failures_in_test++;
			failed_steps++;
		}
		for (unsigned int k = (unsigned int)c; k < (unsigned int)c + s; k++)
			w->pg[k].res = true;
	}
	return ret;
}

typedef int (*range_fn)(struct vml_memblock *, vml_phys_t, uint64_t, struct vml_diag *);

static int step_range(struct world *w, int *want)
{
	static const struct {
		const char *name;
		range_fn fn;
		int kind; /* 0 add, 1 cut, 2 set flag, 3 clear flag */
		bool reserved;
		uint32_t flag;
	} ops[] = {
		{"add", vml_memblock_add, 0, false, 0},
		{"remove", vml_memblock_remove, 1, false, 0},
		{"reserve", vml_memblock_reserve, 0, true, 0},
		{"free", vml_memblock_free, 1, true, 0},
		{"mark_nomap", vml_memblock_mark_nomap, 2, false, VML_MEMBLOCK_NOMAP},
		{"clear_nomap", vml_memblock_clear_nomap, 3, false, VML_MEMBLOCK_NOMAP},
		{"mark_hotplug", vml_memblock_mark_hotplug, 2, false, VML_MEMBLOCK_HOTPLUG},
		{"clear_hotplug", vml_memblock_clear_hotplug, 3, false, VML_MEMBLOCK_HOTPLUG},
		{"add_nomap", NULL, 0, false, VML_MEMBLOCK_NOMAP},
	};
	unsigned int i = rnd_below(VML_ARRAY_SIZE(ops)), k0 = rnd_below(NPAGES);
	unsigned int k1 = k0 + 1 + rnd_below(rnd_below(4) ? 24 : NPAGES - k0);
	uint64_t base = bnd(w, k0), size;
	int ret;

	k1 = k1 > NPAGES ? NPAGES : k1;
	/* the top end overshoots by one byte in the 32-bit run: capped */
	size = (uint64_t)(k1 - k0) * PG;
	snprintf(step_text, sizeof(step_text), "%s [0x%" PRIx64 " +0x%" PRIx64 ")", ops[i].name,
		 base, size);
	if (ops[i].kind == 0)
		*want = model_add(w, k0, k1, ops[i].flag, ops[i].reserved);
	else if (ops[i].kind == 1)
		*want = model_cut(w, k0, k1, ops[i].reserved);
	else
		*want = model_setclr(w, k0, k1, ops[i].kind == 2, ops[i].flag);
	if (!ops[i].fn)
		ret = vml_memblock_add_flags(&w->mb, base, size, ops[i].flag, NULL);
	else
		ret = ops[i].fn(&w->mb, base, size, NULL);
	return ret;
}

static int step_limit(struct world *w, int *want)
{
	uint64_t limit = (uint64_t)rnd_below(NPAGES) * PG;

	snprintf(step_text, sizeof(step_text), "enforce_memory_limit 0x%" PRIx64, limit);
	model_limit(w, limit);
	*want = 0;
	return vml_memblock_enforce_memory_limit(&w->mb, limit, NULL);
}

static bool one_step(struct world *w)
{
	static struct world before;
	unsigned int pick = rnd_below(20);
	int want, got;

	before = *w;
	if (pick == 0) {
		w->mb.current_limit = rnd_below(2) ? VML_MEMBLOCK_ALLOC_ANYWHERE
						   : bnd(w, rnd_below(NPAGES + 1));
		return true;
	}
	if (pick == 1)
		got = step_limit(w, &want);
	else if (pick < 7)
		got = step_alloc(w, &want);
	else
		got = step_range(w, &want);
	if (got != want) {
		fprintf(stderr, "  step failed: %s: returned %d, model %d\n", step_text, got,
			want);
		check_failures_in_test++;
		failed_steps++;
		return false;
	}
	before.mb.bottom_up = w->mb.bottom_up; /* set on purpose by step_alloc */
	if (got && memcmp(&before.mb, &w->mb, sizeof(w->mb)) != 0) {
		fprintf(stderr, "  step failed: %s: failed but changed the model\n", step_text);
		check_failures_in_test++;
		failed_steps++;
		return false;
	}
	if (got && (memcmp(before.mem, w->mem, sizeof(w->mem)) ||
		    memcmp(before.res, w->res, sizeof(w->res)))) {
		fprintf(stderr, "  step failed: %s: failed but changed the storage\n", step_text);
		check_failures_in_test++;
		failed_steps++;
		return false;
	}
	n_enomem += got == VML_ENOMEM;
	n_alloc_ok += pick >= 2 && pick < 7 && got == 0;
	return check_world(w) && !failed_steps;
}

static unsigned int small_max(void)
{
	return rnd_below(4) ? 1 + rnd_below(10) : STORE;
}

static void run(const char *name, uint64_t base0, uint64_t phys_max, unsigned int sequences,
		unsigned int steps)
{
	static struct world w;
	unsigned long total_steps = 0;

	failed_steps = 0;
	n_enomem = n_alloc_ok = 0;
	for (unsigned int q = 0; q < sequences && !failed_steps; q++) {
		memset(&w, 0, sizeof(w));
		w.base0 = base0;
		w.phys_max = phys_max;
		vml_memblock_init(&w.mb, w.mem, small_max(), w.res, small_max(), phys_max, PG);
		for (unsigned int s = 0; s < steps; s++) {
			if (!one_step(&w)) {
				fprintf(stderr, "  %s: sequence %u step %u\n", name, q, s);
				break;
			}
			total_steps++;
		}
	}
	printf("  %s: %lu steps checked, %lu VML_ENOMEM, %lu allocations made\n", name,
	       total_steps, n_enomem, n_alloc_ok);
}

static void test_random_ops_near_zero(void)
{
	run("base 0", 0, ~0ULL, 600, 80);
}

static void test_random_ops_at_an_offset(void)
{
	run("base 0x80000000", 0x80000000ULL, ~0ULL, 600, 80);
}

static void test_random_ops_below_4g_with_32bit_phys_addr(void)
{
	run("below 2^32, PHYS_ADDR_MAX 0xffffffff", 0x100000000ULL - NPAGES * PG, 0xffffffffULL,
	    600, 80);
}

static void test_random_ops_below_2_to_the_64(void)
{
	run("below 2^64", 0ULL - NPAGES * PG, ~0ULL, 600, 80);
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x6d656d626c6f636bULL;

	printf("seed 0x%" PRIx64 "\n", seed);
	rng_state = seed ? seed : 1;
	RUN_TEST(test_random_ops_near_zero);
	RUN_TEST(test_random_ops_at_an_offset);
	RUN_TEST(test_random_ops_below_4g_with_32bit_phys_addr);
	RUN_TEST(test_random_ops_below_2_to_the_64);
	return CHECK_DONE("test_memblock_property");
}

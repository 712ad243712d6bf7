/* SPDX-License-Identifier: MIT */
/*
 * vml_memblock_phys_alloc_range_memo() (src/core/memblock_alloc_memo.c)
 * against vml_memblock_phys_alloc_range(): two memblocks, the same random
 * sequence of allocations (mostly the same request again, as a table
 * builder makes them), frees, reserves, adds, removes, flag and node
 * changes, trims, limit and direction changes; after every step the two
 * give the same result and error, the same lists and the same trace. The
 * reserved list starts small with resizing allowed, so that an allocation
 * doubles it. Seed: fixed (printed); pass another as argv[1].
 */
#include <stdlib.h>

#include "check.h"
#include "core/test_rng.h"
#include "vmlayout/memblock.h"

#define BASE 0x80000000ULL
#define SPAN 0x400000ULL /* 4 MiB of addresses the steps play in */
#define ARENA 8192

struct twin {
	struct vml_memblock mb;
	struct vml_memblock_region mem[64], res[4];
	struct vml_memblock_region arena[ARENA]; /* the resize hook's storage */
	unsigned int arena_used;
	char trace[256];
	size_t trace_len;
};

static struct twin memo_side, plain_side;

static uint64_t rnd_below(uint64_t n)
{
	return rnd() % n;
}

static struct vml_memblock_region *grow(void *ctx, const struct vml_memblock_type *type,
					unsigned int new_max)
{
	struct twin *t = ctx;
	struct vml_memblock_region *p = &t->arena[t->arena_used];

	if (t->arena_used + new_max > ARENA)
		return NULL;
	t->arena_used += new_max;
	memcpy(p, type->regions, type->max * sizeof(*p));
	return p;
}

/* The last trace line only: enough to see that both traced the same. */
static void record(void *ctx, const char *op, vml_phys_t base, vml_phys_t last, uint32_t flags)
{
	struct twin *t = ctx;

	t->trace_len = (size_t)snprintf(t->trace, sizeof(t->trace), "%s %" PRIx64 " %" PRIx64 " %x",
					op, base, last, flags);
}

static void twin_init(struct twin *t)
{
	memset(t, 0, sizeof(*t));
	vml_memblock_init(&t->mb, t->mem, 64, t->res, 4, ~0ULL, 0x1000);
	t->mb.max_numnodes = 4;
	t->mb.trace = record;
	t->mb.trace_ctx = t;
	vml_memblock_allow_resize(&t->mb, grow, t);
}

static bool same_list(const struct vml_memblock_type *a, const struct vml_memblock_type *b)
{
	if (a->cnt != b->cnt || a->total_size != b->total_size || a->max != b->max)
		return false;
	for (unsigned int i = 0; i < a->cnt; i++)
		if (a->regions[i].base != b->regions[i].base ||
		    a->regions[i].size != b->regions[i].size ||
		    a->regions[i].flags != b->regions[i].flags ||
		    a->regions[i].nid != b->regions[i].nid)
			return false;
	return true;
}

static uint64_t rnd_addr(void)
{
	return BASE + rnd_below(SPAN / 0x400) * 0x400;
}

static uint64_t rnd_size(void)
{
	return (1 + rnd_below(64)) * 0x400;
}

/* One step that is not an allocation, the same on both sides. */
static int other_step(struct vml_memblock *mb, unsigned int op, uint64_t a, uint64_t s, int nid)
{
	switch (op) {
	case 0:
		return vml_memblock_free(mb, a, s, NULL);
	case 1:
		return vml_memblock_reserve(mb, a, s, NULL);
	case 2:
		return vml_memblock_add(mb, a, s, NULL);
	case 3:
		return vml_memblock_remove(mb, a, s, NULL);
	case 4:
		return vml_memblock_mark_nomap(mb, a, s, NULL);
	case 5:
		return vml_memblock_clear_nomap(mb, a, s, NULL);
	case 6:
		return vml_memblock_mark_hotplug(mb, a, s, NULL);
	case 7:
		return vml_memblock_set_node(mb, a, s, &mb->memory, nid, NULL);
	case 8:
		return vml_memblock_trim_memory(mb, 0x10000, NULL);
	case 9:
		vml_memblock_set_current_limit(mb, a);
		return 0;
	case 10:
		vml_memblock_set_bottom_up(mb, !mb->bottom_up);
		return 0;
	default:
		return vml_memblock_mark_mirror(mb, a, s, NULL);
	}
}

struct request {
	uint64_t size, align, start, end;
};

static struct request rnd_request(void)
{
	static const uint64_t sizes[] = {0x400, 0x400, 0x1000, 0x4000, 0x600, 0x1400};
	static const uint64_t aligns[] = {0x400, 0x1000, 0x4000, 0x400};
	static const uint64_t ends[] = {VML_MEMBLOCK_ALLOC_ACCESSIBLE, VML_MEMBLOCK_ALLOC_ANYWHERE,
					BASE + SPAN / 2};

	return (struct request){
	    .size = sizes[rnd_below(6)],
	    .align = aligns[rnd_below(4)],
	    .start = rnd_below(2) ? 0 : BASE + SPAN - rnd_below(SPAN / 0x400) * 0x400,
	    .end = ends[rnd_below(3)]};
}

/* @steps random steps from @seed; false at the first difference. */
static bool run(uint64_t seed, unsigned int steps, bool with_mirror)
{
	struct request req = {0x400, 0x400, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE};

	rng_state = seed | 1;
	twin_init(&memo_side);
	twin_init(&plain_side);
	for (int k = 0; k < 3; k++) {
		uint64_t a = BASE + (uint64_t)k * SPAN / 3;

		vml_memblock_add(&memo_side.mb, a, SPAN / 4, NULL);
		vml_memblock_add(&plain_side.mb, a, SPAN / 4, NULL);
	}
	for (unsigned int i = 0; i < steps; i++) {
		unsigned int kind = (unsigned int)rnd_below(20);
		int e1, e2;
		vml_phys_t p1 = 1, p2 = 1;

		if (kind < 15) { /* an allocation, mostly the last request again */
			if (rnd_below(8) == 0)
				req = rnd_request();
			else if (rnd_below(8) == 0) /* one field of it only */
				req.start = rnd_request().start;
			else if (rnd_below(8) == 0)
				req.end = rnd_request().end;
			e1 = vml_memblock_phys_alloc_range_memo(&memo_side.mb, req.size, req.align,
								req.start, req.end, &p1, NULL);
			e2 = vml_memblock_phys_alloc_range(&plain_side.mb, req.size, req.align,
							   req.start, req.end, &p2, NULL);
		} else {
			unsigned int op = (unsigned int)rnd_below(with_mirror ? 12 : 11);
			uint64_t a = rnd_addr(), s = rnd_size();
			int nid = (int)rnd_below(3);

			e1 = other_step(&memo_side.mb, op, a, s, nid);
			e2 = other_step(&plain_side.mb, op, a, s, nid);
		}
		if (e1 != e2 || p1 != p2 ||
		    !same_list(&memo_side.mb.memory, &plain_side.mb.memory) ||
		    !same_list(&memo_side.mb.reserved, &plain_side.mb.reserved) ||
		    memo_side.mb.bottom_up != plain_side.mb.bottom_up ||
		    strcmp(memo_side.trace, plain_side.trace)) {
			fprintf(stderr,
				"  seed %" PRIu64 " step %u (kind %u): %d/%d 0x%" PRIx64
				"/0x%" PRIx64 " '%s'/'%s'\n",
				seed, i, kind, e1, e2, p1, p2, memo_side.trace, plain_side.trace);
			return false;
		}
	}
	return true;
}

static uint64_t seed0 = 20261204;

/* Every step agrees, over 200 seeds of 400 steps. */
static void test_memo_matches_walk(void)
{
	for (uint64_t s = 0; s < 200; s++)
		if (!run(seed0 + s, 400, false)) {
			CHECK(false);
			return;
		}
}

/* With mirrored memory marked at some point (the memo steps aside). */
static void test_memo_matches_walk_with_mirror(void)
{
	for (uint64_t s = 0; s < 50; s++)
		if (!run(seed0 + 1000 + s, 400, true)) {
			CHECK(false);
			return;
		}
}

/* The memo is taken: a run of same-size tables below the last. */
static void test_memo_taken(void)
{
	vml_phys_t p = 0;

	twin_init(&memo_side);
	vml_memblock_add(&memo_side.mb, BASE, SPAN, NULL);
	for (int i = 0; i < 8; i++) {
		CHECK_EQ_INT(vml_memblock_phys_alloc_range_memo(&memo_side.mb, 0x400, 0x400, 0,
								VML_MEMBLOCK_ALLOC_ACCESSIBLE, &p,
								NULL),
			     0);
		CHECK_EQ_U64(p, BASE + SPAN - (uint64_t)(i + 1) * 0x400);
		CHECK(memo_side.mb.alloc_memo.valid && memo_side.mb.alloc_memo.last == p &&
		      memo_side.mb.alloc_memo.floor == BASE);
	}
	CHECK_EQ_INT(memo_side.mb.reserved.cnt, 1);
	/* a free above the last one ends the memo: the next is the freed block */
	vml_memblock_free(&memo_side.mb, BASE + SPAN - 0x400, 0x400, NULL);
	CHECK(vml_memblock_phys_alloc_range_memo(&memo_side.mb, 0x400, 0x400, 0,
						 VML_MEMBLOCK_ALLOC_ACCESSIBLE, &p, NULL) == 0);
	CHECK_EQ_U64(p, BASE + SPAN - 0x400);
}

/* A memblock set up again forgets its memo: with the same request and as
 * many changes since the set-up as the memo recorded, the answer is the new
 * memory's highest fit, not the block below the old one. */
static void test_memo_forgotten_on_init(void)
{
	vml_phys_t p = 0;
	uint64_t changes;

	twin_init(&memo_side);
	vml_memblock_add(&memo_side.mb, BASE, SPAN, NULL);
	for (int i = 0; i < 2; i++)
		CHECK_EQ_INT(vml_memblock_phys_alloc_range_memo(&memo_side.mb, 0x400, 0x400, 0,
								VML_MEMBLOCK_ALLOC_ACCESSIBLE, &p,
								NULL),
			     0);
	changes = memo_side.mb.changes;
	twin_init(&memo_side);
	CHECK(!memo_side.mb.alloc_memo.valid);
	vml_memblock_add(&memo_side.mb, BASE, SPAN / 2, NULL);
	while (memo_side.mb.changes < changes)
		vml_memblock_reserve(&memo_side.mb, BASE + memo_side.mb.changes * 0x1000, 0x400,
				     NULL);
	CHECK_EQ_U64(memo_side.mb.changes, changes);
	CHECK_EQ_INT(vml_memblock_phys_alloc_range_memo(&memo_side.mb, 0x400, 0x400, 0,
							VML_MEMBLOCK_ALLOC_ACCESSIBLE, &p, NULL),
		     0);
	CHECK_EQ_U64(p, BASE + SPAN / 2 - 0x400);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		seed0 = strtoull(argv[1], NULL, 0);
	printf("seed %" PRIu64 "\n", seed0);
	RUN_TEST(test_memo_taken);
	RUN_TEST(test_memo_forgotten_on_init);
	RUN_TEST(test_memo_matches_walk);
	RUN_TEST(test_memo_matches_walk_with_mirror);
	return CHECK_DONE("test_memblock_alloc_memo");
}

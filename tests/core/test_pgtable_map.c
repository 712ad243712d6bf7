/* SPDX-License-Identifier: MIT */
/*
 * The page-table engine on the arm64 formats and on the fake format:
 * fixed cases from peers (Zephyr, Hafnium, TF-A), minimality against a
 * separate counting function, a random map/unmap/protect sequence against a
 * reference model with allocator failure injected at every allocation,
 * memblock-backed failure, and the break-before-make checker.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/pgtable_internal.h"
#include "fake_format.c"
#include "pt_harness.h"

#define ARENA_BASE 0x800000000ULL /* 32 GiB: table memory for the bump allocator */
#define ARENA_SIZE 0x10000000ULL  /* 256 MiB */

struct tree {
	struct vml_pt_format f;
	struct bump *b;
	struct vml_pt_ctx ctx;
	struct vml_pt_log log;
};

static struct tree *tree_new(const struct vml_pt_format *f, bool upper)
{
	struct tree *t = calloc(1, sizeof(*t));

	t->f = *f;
	t->b = bump_new(ARENA_BASE, ARENA_SIZE);
	t->log.max = 1 << 20; /* a 4 GiB page-granular unmap logs 1M writes */
	t->log.rec = calloc(t->log.max, sizeof(*t->log.rec));
	ctx_setup(&t->ctx, &t->f, t->b, upper, &t->log);
	CHECK_EQ_INT(vml_pt_init(&t->ctx, NULL), 0);
	return t;
}

static void tree_delete(struct tree *t)
{
	bump_delete(t->b);
	free(t->log.rec);
	free(t);
}

static struct tree *arm64_tree(uint64_t granule, unsigned int va_bits, bool upper)
{
	struct vml_pt_format f;

	CHECK_EQ_INT(arm64_format(&f, granule, va_bits), 0);
	return tree_new(&f, upper);
}

static int map(struct tree *t, uint64_t va, uint64_t pa, uint64_t size, uint32_t flags)
{
	struct vml_pt_attrs a = attrs_kernel_rw();

	return vml_pt_map(&t->ctx, vml_va(va), vml_pa(pa), size, &a, flags, NULL);
}

static struct vml_pt_stats stats(struct tree *t)
{
	struct vml_pt_stats s;

	CHECK_EQ_INT(vml_pt_count(&t->ctx, &s), 0);
	return s;
}

/* Zephyr tests/arch/arm64/arm64_mmu table counts (4K granule, 39-bit VA, root
 * at level 1 not counted). */
static void test_zephyr_table_counts(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 39, false);

	CHECK_EQ_INT(map(t, 0x456560000ULL, 0x123230000ULL, VML_SZ_4K, 0), 0);
	CHECK_EQ_INT(stats(t).total_tables - 1, 2); /* one L2 + one L3 */
	tree_delete(t);
	t = arm64_tree(VML_SZ_4K, 39, false);
	CHECK_EQ_INT(map(t, 0x456600000ULL, 0x123200000ULL, VML_SZ_2M, 0), 0);
	CHECK_EQ_INT(stats(t).total_tables - 1, 1); /* the block sits in one L2 */
	CHECK_EQ_INT(stats(t).leaves[1], 1);
	/* block + the page after it: the L2 is shared, one L3 more */
	CHECK_EQ_INT(map(t, 0x456800000ULL, 0x123400000ULL, VML_SZ_4K, 0), 0);
	CHECK_EQ_INT(stats(t).total_tables - 1, 2);
	tree_delete(t);
	/* page one page below the block alignment, then the block */
	t = arm64_tree(VML_SZ_4K, 39, false);
	CHECK_EQ_INT(map(t, 0x4565ff000ULL, 0x1231ff000ULL, VML_SZ_4K, 0), 0);
	CHECK_EQ_INT(map(t, 0x456600000ULL, 0x123200000ULL, VML_SZ_2M, 0), 0);
	CHECK_EQ_INT(stats(t).total_tables - 1, 2);
	tree_delete(t);
}

/* Hafnium test/unit_test/mm_test.cc cases. */
static void test_hafnium_cases(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, false);
	struct snapshot s0, s1;

	/* 2 MB at VA 0 to PA 2 MB: one 2 MB block. */
	CHECK_EQ_INT(map(t, 0, VML_SZ_2M, VML_SZ_2M, 0), 0);
	CHECK_EQ_INT(stats(t).leaves[2], 1);
	CHECK_EQ_INT(stats(t).total_tables, 3);
	/* a page inside an identical block changes nothing, not even with NO_REPLACE */
	s0 = snapshot_take(&t->ctx);
	CHECK_EQ_INT(map(t, 0x5000, VML_SZ_2M + 0x5000, VML_SZ_4K, VML_PT_NO_REPLACE), 0);
	s1 = snapshot_take(&t->ctx);
	CHECK(snapshot_same(&s0, &s1));
	free(s1.bytes);
	/* overmapping a different page: refused with NO_REPLACE, tables unchanged */
	CHECK_EQ_INT(map(t, 0x5000, 0x99000, VML_SZ_4K, VML_PT_NO_REPLACE), VML_EPERM);
	s1 = snapshot_take(&t->ctx);
	CHECK(snapshot_same(&s0, &s1));
	free(s0.bytes);
	free(s1.bytes);
	tree_delete(t);
	/* PA 4 KB off: 512 pages under one table */
	t = arm64_tree(VML_SZ_4K, 48, false);
	CHECK_EQ_INT(map(t, 0, VML_SZ_4K, VML_SZ_2M, VML_PT_NO_CONT_MAPPINGS), 0);
	CHECK_EQ_INT(stats(t).leaves[3], 512);
	/* two pages straddling a 512 GiB boundary: two L1 tables */
	CHECK_EQ_INT(map(t, 0x8000000000ULL - VML_SZ_4K, 0x1000000, 2 * VML_SZ_4K, 0), 0);
	CHECK_EQ_INT(stats(t).tables[1], 2);
	tree_delete(t);
}

/* TF-A xlat_tables_v2 mmap_add_region_check() argument checks, and the last page of the VA space.
 */
static void test_tfa_argument_cases(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, true);
	uint64_t base = 0xffff000000000000ULL;
	struct vml_pt_walk w;

	CHECK_EQ_INT(map(t, base, 0, 0, 0), VML_EINVAL);
	CHECK_EQ_INT(map(t, base + 1, 0, VML_SZ_4K, 0), VML_EINVAL);
	CHECK_EQ_INT(map(t, base, 1, VML_SZ_4K, 0), VML_EINVAL);
	CHECK_EQ_INT(map(t, base, 0, VML_SZ_4K + 1, 0), VML_EINVAL);
	CHECK_EQ_INT(map(t, base - VML_SZ_4K, 0, 2 * VML_SZ_4K, 0), VML_ERANGE);
	CHECK_EQ_INT(map(t, 0xfffffffffffff000ULL, 0, 2 * VML_SZ_4K, 0), VML_ERANGE); /* wraps */
	CHECK_EQ_INT(map(t, base, 1ULL << 48, VML_SZ_4K, 0), VML_ERANGE);	      /* PA */
	CHECK_EQ_INT(map(t, 0xfffffffffffff000ULL, 0x7000, VML_SZ_4K, 0), 0);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0xffffffffffffffffULL), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0x7fff);
	CHECK_EQ_INT(w.level, 3);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(base), &w, NULL), VML_ENOENT);
	CHECK_EQ_INT(w.level, 0);
	CHECK_EQ_INT(stats(t).total_tables, 4);
	tree_delete(t);
}

/* The A.8.3 worked example's shape: blocks, CONT PMDs and PUD blocks. */
static void test_largest_leaf_and_cont(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, true);
	uint64_t va = 0xffff000000000000ULL;
	struct vml_pt_stats s;

	/* 4 GiB at PA 1 GiB: 4 x 1G PUD blocks, nothing else. */
	CHECK_EQ_INT(map(t, va, 0x40000000, 4 * VML_SZ_1G, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[1], 4);
	CHECK_EQ_INT(s.total_tables, 2);
	tree_delete(t);
	/* 1 GiB at PA 1 GiB + 2 MiB: not 1G-aligned: 2M blocks, 31 CONT groups
	 * of 16 x 2M (32M) + 15 lone 2M at each side... exactly: the range
	 * [2M, 1G+2M) in PA: first group [0,32M) is cut: 15 non-CONT blocks
	 * (2M..32M), then 31 whole groups (32M..1G) = 496 CONT blocks, then 1
	 * block (1G..1G+2M). VA is 1G-aligned + 0 so VA groups align with PA
	 * groups offset by 2M: VA-PA offset 2M breaks 32M alignment: no CONT. */
	t = arm64_tree(VML_SZ_4K, 48, true);
	CHECK_EQ_INT(map(t, va, 0x40200000, VML_SZ_1G, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[2], 512);
	CHECK_EQ_INT(s.cont_leaves[2], 0);
	tree_delete(t);
	/* same, VA shifted by 2M too: groups align: blocks at [2M, 1G+2M): 15
	 * lone, 31 x 16 CONT, 1 lone. */
	t = arm64_tree(VML_SZ_4K, 48, true);
	CHECK_EQ_INT(map(t, va + VML_SZ_2M, 0x40200000, VML_SZ_1G, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[2], 512);
	CHECK_EQ_INT(s.cont_leaves[2], 31 * 16);
	/* protect one page in the middle of a CONT group: that 2M block splits
	 * into 512 pages (31 CONT groups of 16 + one group without CONT), the
	 * other 15 blocks of its group lose CONT, nothing else changes. */
	{
		struct vml_pt_attrs ro = attrs_kernel_ro();
		size_t found = 9;

		t->log.cnt = 0;
		CHECK_EQ_INT(vml_pt_protect(&t->ctx, vml_va(va + 0x4000000 + 0x3000), VML_SZ_4K,
					    &ro, 0, NULL),
			     0);
		s = stats(t);
		CHECK_EQ_INT(s.leaves[2], 511);
		CHECK_EQ_INT(s.cont_leaves[2], 30 * 16);
		CHECK_EQ_INT(s.leaves[3], 512);
		CHECK_EQ_INT(s.cont_leaves[3], 31 * 16);
		CHECK_EQ_INT(vml_pt_bbm_check(&t->f, &t->log, 0, NULL, 0, &found), 0);
		CHECK_EQ_INT(found, 0);
	}
	tree_delete(t);
	/* NO_BLOCK | NO_CONT: pages only */
	t = arm64_tree(VML_SZ_4K, 48, true);
	CHECK_EQ_INT(map(t, va, 0x40000000, 4 * VML_SZ_2M,
			 VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS),
		     0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[3], 4 * 512);
	CHECK_EQ_INT(s.cont_leaves[3], 0);
	tree_delete(t);
}

/* --- minimality: a separate, simple count of the minimum --- */

struct key {
	int li;
	uint64_t k;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->li != y->li)
		return x->li < y->li ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

struct expect {
	uint64_t leaves[VML_PT_MAX_LEVELS], cont[VML_PT_MAX_LEVELS], tables[VML_PT_MAX_LEVELS];
};

/* Greedy: at each address the largest leaf that fits, is aligned in VA
 * and PA and is allowed; a table for every distinct parent entry above a
 * leaf; CONT for leaves whose whole aligned group lies in the region. */
static void expect_count(const struct vml_pt_format *f, const uint64_t (*reg)[3], int n,
			 uint32_t flags, struct expect *e)
{
	size_t cap = 1 << 20, nk = 0;
	struct key *keys = malloc(cap * sizeof(*keys));
	struct key last[VML_PT_MAX_LEVELS] = {{0, 0}};

	memset(e, 0, sizeof(*e));
	for (int r = 0; r < n; r++) {
		uint64_t va = reg[r][0], pa = reg[r][1], end = va + reg[r][2];

		while (va < end) {
			unsigned int li = 0;

			for (; li < f->levels; li++) {
				uint64_t span = 1ULL << f->level[li].shift;
				bool allowed =
				    f->level[li].leaf_ok &&
				    (li == f->levels - 1 || !(flags & VML_PT_NO_BLOCK_MAPPINGS));

				if (allowed && !(va % span) && !(pa % span) && end - va >= span)
					break;
			}
			uint64_t span = 1ULL << f->level[li].shift;
			uint64_t gs = span * f->level[li].cont_entries;

			e->leaves[li]++;
			if (gs > span && !(flags & VML_PT_NO_CONT_MAPPINGS) &&
			    vml_align_down(va, gs) >= reg[r][0] &&
			    vml_align_down(va, gs) + gs <= end && !((pa - va) % gs))
				e->cont[li]++;
			for (unsigned int k = 1; k <= li && nk < cap; k++) {
				struct key key = {(int)k, va >> f->level[k - 1].shift};

				if (!last[k].li || key_cmp(&key, &last[k]))
					keys[nk++] = last[k] = key;
			}
			va += span;
			pa += span;
		}
	}
	qsort(keys, nk, sizeof(*keys), key_cmp);
	e->tables[0] = 1;
	for (size_t i = 0; i < nk; i++)
		if (!i || key_cmp(&keys[i], &keys[i - 1]))
			e->tables[keys[i].li]++;
	free(keys);
}

static uint64_t rnd64(void)
{
	return ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
}

static int random_regions(uint64_t (*reg)[3], int max, uint64_t page)
{
	static const uint64_t units[] = {0x1000, 0x4000, 0x10000, 0x200000, 0x2000000, 0x40000000};
	int n = 1 + rand() % max;
	int big = rand() % 4 == 0; /* 1 GiB units only sometimes: keeps page counts small */
	uint64_t va = (rnd64() % 64) << 30;

	for (int i = 0; i < n; i++) {
		uint64_t u = units[rand() % (big ? 6 : 5)], off = units[rand() % 6];
		uint64_t size = vml_align_up(u * (1 + rand() % 20) + page * (rand() % 3), page);

		if (size > 3 * VML_SZ_1G)
			size = 3 * VML_SZ_1G;
		va = vml_align_up(va + (rand() % 2 ? 0 : u * (rand() % 4)), page);
		reg[i][0] = va;
		/* half the time PA is congruent with VA modulo 1 GiB: blocks fit */
		reg[i][1] = vml_align_up(0x4000000000ULL + (rnd64() % 256) * off, page) +
			    (rand() % 2 ? va % VML_SZ_1G : 0);
		if (rand() % 2)
			reg[i][1] = 0x4000000000ULL + (rnd64() % 256) * VML_SZ_1G + va % VML_SZ_1G;
		reg[i][1] = vml_align_down(reg[i][1], page);
		reg[i][2] = size;
		va += size;
	}
	return n;
}

static void check_minimal(struct tree *t, const uint64_t (*reg)[3], int n, uint32_t flags)
{
	struct expect e;
	struct vml_pt_stats s = stats(t);
	int bad = 0;

	expect_count(&t->f, reg, n, flags, &e);
	for (unsigned int li = 0; li < t->f.levels; li++)
		bad += s.leaves[li] != e.leaves[li] || s.cont_leaves[li] != e.cont[li] ||
		       s.tables[li] != e.tables[li];
	if (bad)
		for (unsigned int li = 0; li < t->f.levels; li++)
			fprintf(
			    stderr, "  %s li%u leaves %llu/%llu cont %llu/%llu tables %llu/%llu\n",
			    t->f.name, li, (unsigned long long)s.leaves[li],
			    (unsigned long long)e.leaves[li], (unsigned long long)s.cont_leaves[li],
			    (unsigned long long)e.cont[li], (unsigned long long)s.tables[li],
			    (unsigned long long)e.tables[li]);
	CHECK_EQ_INT(bad, 0);
}

static void test_minimality_random_region_sets(void)
{
	static const uint64_t granules[] = {VML_SZ_4K, 0x4000, VML_SZ_64K};
	unsigned int seed = 777;
	uint64_t reg[8][3];

	printf("  seed %u\n", seed);
	srand(seed);
	for (int round = 0; round < 60; round++) {
		uint64_t g = granules[round % 3];
		uint32_t flags = round % 7 == 6	    ? VML_PT_NO_CONT_MAPPINGS
				 : round % 11 == 10 ? VML_PT_NO_BLOCK_MAPPINGS
						    : 0;
		struct tree *t = arm64_tree(g, 48, false);
		int n = random_regions(reg, 6, g);
		int err = 0;

		for (int i = 0; i < n && !err; i++)
			err = map(t, reg[i][0], reg[i][1], reg[i][2], flags);
		CHECK_EQ_INT(err, 0);
		check_minimal(t, (const uint64_t(*)[3])reg, n, flags);
		tree_delete(t);
	}
	/* the fake format: every level encoded differently */
	for (int round = 0; round < 20; round++) {
		struct vml_pt_format f;
		struct tree *t;
		int n, err = 0;

		fake_format_init(&f);
		t = tree_new(&f, false);
		n = random_regions(reg, 6, VML_SZ_4K);
		for (int i = 0; i < n && !err; i++)
			err = map(t, reg[i][0], reg[i][1] & ((1ULL << 44) - 1) & ~0xfffULL,
				  reg[i][2], 0);
		for (int i = 0; i < n; i++)
			reg[i][1] &= ((1ULL << 44) - 1) & ~0xfffULL;
		CHECK_EQ_INT(err, 0);
		check_minimal(t, (const uint64_t(*)[3])reg, n, 0);
		tree_delete(t);
	}
}

/* --- property: random operations against a reference model --- */

#define WIN_BASE 0xffff800000000000ULL
#define WIN_PAGES (1u << 20) /* 4 GiB of 4K pages */

struct model_page {
	uint64_t pa;
	int8_t attr; /* -1 unmapped */
};

static struct vml_pt_attrs attr_choice(int i)
{
	switch (i) {
	case 0:
		return attrs_kernel_rw();
	case 1:
		return attrs_kernel_ro();
	default: {
		struct vml_pt_attrs a = attrs_kernel_rw();

		a.memtype = VML_PT_MT_DEVICE_nGnRE;
		return a;
	}
	}
}

static int check_page(struct tree *t, const struct model_page *m, uint64_t p)
{
	struct vml_pt_walk w;
	int err = vml_pt_walk(&t->ctx, vml_va(WIN_BASE + p * VML_SZ_4K + 0x123), &w, NULL);
	struct vml_pt_attrs want, got;
	struct vml_pt_entry e;
	int last = vml_pt_last_level(&t->f);

	if (m[p].attr < 0)
		return err == VML_ENOENT ? 0 : 1;
	if (err || vml_pa_addr(w.pa) != m[p].pa + 0x123)
		return 1;
	want = attr_choice(m[p].attr);
	t->f.ops->decode(&t->f, last, t->f.ops->encode_leaf(&t->f, last, vml_pa(0), &want), &e);
	got = w.attrs;
	got.perm &= ~VML_PT_CONT;
	return vml_pt_attrs_equal(&got, &e.attrs) ? 0 : 1;
}

/* Every contiguous group: all members leaves with CONT, same attributes,
 * one physically contiguous run aligned to the group size. */
struct cont_check {
	const struct vml_pt_format *f;
	int bad;
	uint64_t gva, gpa, n, seen;
	int level;
};

static int cont_leaf(void *arg, const struct vml_pt_range *r)
{
	struct cont_check *c = arg;
	uint64_t n = vml_pt_group_entries(c->f, r->level);
	uint64_t gs = r->size * n;

	if (!(r->attrs.perm & VML_PT_CONT))
		return 0;
	if (vml_va_addr(r->va) % gs == 0) {
		c->bad += c->seen != c->n;
		c->gva = vml_va_addr(r->va);
		c->gpa = vml_pa_addr(r->pa);
		c->n = n;
		c->seen = 0;
		c->level = r->level;
		c->bad += c->gpa % gs != 0;
	}
	c->bad += c->level != r->level || vml_va_addr(r->va) != c->gva + c->seen * r->size ||
		  vml_pa_addr(r->pa) != c->gpa + c->seen * r->size;
	c->seen++;
	return 0;
}

static void model_apply(struct model_page *m, int op, uint64_t p0, uint64_t np, uint64_t pa,
			int attr)
{
	for (uint64_t p = p0; p < p0 + np; p++) {
		if (op == 0) {
			m[p].pa = pa + (p - p0) * VML_SZ_4K;
			m[p].attr = (int8_t)attr;
		} else if (op == 1) {
			m[p].attr = -1;
		} else if (m[p].attr >= 0) {
			m[p].attr = (int8_t)attr;
		}
	}
}

static int do_op(struct tree *t, int op, uint64_t va, uint64_t pa, uint64_t size, int attr,
		 uint32_t flags)
{
	struct vml_pt_attrs a = attr_choice(attr);

	if (op == 0)
		return vml_pt_map(&t->ctx, vml_va(va), vml_pa(pa), size, &a, flags, NULL);
	if (op == 1)
		return vml_pt_unmap(&t->ctx, vml_va(va), size, flags, NULL);
	return vml_pt_protect(&t->ctx, vml_va(va), size, &a, flags, NULL);
}

/* Fail allocation 0, 1, 2, ... of the operation in turn: each failure must
 * leave the tables and the allocator exactly as they were. Then run it. */
static int op_with_failures(struct tree *t, int op, uint64_t va, uint64_t pa, uint64_t size,
			    int attr, uint32_t flags, int *failures_tested)
{
	for (int i = 0;; i++) {
		struct snapshot s0 = snapshot_take(&t->ctx), s1;
		uint64_t depth = t->b->depth, next = t->b->next;
		int err;

		t->b->fail_at = i < 40 ? (int64_t)(t->b->attempts + (uint64_t)i) : -1;
		err = do_op(t, op, va, pa, size, attr, flags);
		t->b->fail_at = -1;
		if (err != VML_ENOMEM) {
			free(s0.bytes);
			return err;
		}
		(*failures_tested)++;
		s1 = snapshot_take(&t->ctx);
		CHECK(snapshot_same(&s0, &s1));
		CHECK_EQ_U64(t->b->depth, depth);
		CHECK_EQ_U64(t->b->next, next);
		CHECK_EQ_INT(t->b->bad_frees, 0);
		free(s0.bytes);
		free(s1.bytes);
	}
}

static void test_property_random_ops_match_model(void)
{
	static const uint64_t units[] = {0x1000, 0x10000, 0x200000, 0x2000000, 0x40000000};
	unsigned int seed = 4242;
	struct tree *t = arm64_tree(VML_SZ_4K, 48, true);
	struct model_page *m = malloc(WIN_PAGES * sizeof(*m));
	int bad = 0, bbm_bad = 0, cont_bad = 0, failures = 0;

	printf("  seed %u\n", seed);
	srand(seed);
	for (uint64_t p = 0; p < WIN_PAGES; p++)
		m[p].attr = -1;
	for (int step = 0; step < 400; step++) {
		uint64_t u = units[rand() % 5];
		/* at most ~1 GiB per operation, so the log (1M records) never drops */
		uint64_t np = (u / VML_SZ_4K) * (u == VML_SZ_1G ? 1 : 1 + rand() % 3) +
			      (rand() % 4 ? 0 : rand() % 5);
		uint64_t p0 = vml_align_down(rnd64() % WIN_PAGES, u / VML_SZ_4K);
		uint64_t pa = vml_align_down(0x40000000ULL + rnd64() % (64 * VML_SZ_1G), u) +
			      (rand() % 8 ? 0 : VML_SZ_4K * (rand() % 16));
		int op = rand() % 10 < 5 ? 0 : rand() % 2 ? 1 : 2;
		int attr = rand() % 3;
		uint32_t flags = rand() % 8 ? 0 : VML_PT_NO_CONT_MAPPINGS;
		size_t found;
		struct cont_check cc = {&t->f, 0, 0, 0, 0, 0, 0};

		if (p0 + np > WIN_PAGES)
			np = WIN_PAGES - p0;
		t->log.cnt = 0;
		t->log.dropped = 0;
		CHECK_EQ_INT(op_with_failures(t, op, WIN_BASE + p0 * VML_SZ_4K, pa, np * VML_SZ_4K,
					      attr, flags, &failures),
			     0);
		model_apply(m, op, p0, np, pa, attr);
		{
			struct vml_pt_bbm_violation v[1];

			int rc = vml_pt_bbm_check(&t->f, &t->log, 0, v, 1, &found);

			if (rc == VML_ERANGE) {
				fprintf(stderr, "  log dropped %zu records\n", t->log.dropped);
				bbm_bad++;
			} else if (rc) {
				const struct vml_pt_update *r = &t->log.rec[v[0].index];

				if (bbm_bad++ < 3)
					fprintf(stderr, "  op %d: %s: L%d %016llx -> %016llx\n", op,
						v[0].rule, r->level, (unsigned long long)r->old,
						(unsigned long long)r->new_);
			}
		}
		vml_pt_for_each_leaf(&t->ctx, cont_leaf, &cc);
		cont_bad += cc.bad + (cc.seen != cc.n);
		for (int k = 0; k < 64; k++)
			bad += check_page(t, m, rnd64() % WIN_PAGES);
		bad += check_page(t, m, p0) + check_page(t, m, p0 + np - 1);
		if (p0)
			bad += check_page(t, m, p0 - 1);
		if (p0 + np < WIN_PAGES)
			bad += check_page(t, m, p0 + np);
	}
	for (uint64_t p = 0; p < WIN_PAGES; p++)
		bad += check_page(t, m, p);
	printf("  allocation failures injected: %d\n", failures);
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(bbm_bad, 0);
	CHECK_EQ_INT(cont_bad, 0);
	CHECK(failures > 100);
	free(m);
	tree_delete(t);
}

/* memblock-backed tables: a failing map leaves memblock's lists as they were. */
static void test_memblock_allocator_restored(void)
{
	struct vml_memblock_region mem[8], res[8];
	struct vml_memblock mb;
	struct vml_physmem_tables pt;
	struct vml_pt_format f;
	struct vml_pt_ctx ctx = {0};
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_memblock_region before[8];
	unsigned int cnt;

	vml_memblock_init(&mb, mem, 8, res, 8, ~0ULL, VML_SZ_4K);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x80000000, 6 * VML_SZ_4K, NULL), 0);
	pt = (struct vml_physmem_tables){.mb = &mb, .pm = vml_physmem_new()};
	CHECK_EQ_INT(arm64_format(&f, VML_SZ_4K, 48), 0);
	ctx.fmt = &f;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &pt;
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	/* top-down: the root is the last page of memory */
	CHECK_EQ_U64(vml_pa_addr(ctx.root), 0x80005000);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0), vml_pa(0), VML_SZ_4K, &a, 0, NULL), 0);
	memcpy(before, res, sizeof(res));
	cnt = mb.reserved.cnt;
	/* a page 512 GiB away needs 3 more tables; only 2 pages are left */
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x8000000000ULL), vml_pa(0), VML_SZ_4K, &a, 0, NULL),
		     VML_ENOMEM);
	CHECK_EQ_INT(mb.reserved.cnt, cnt);
	CHECK(!memcmp(before, res, cnt * sizeof(res[0])));
	CHECK_EQ_U64(pt.allocated, 4);
	vml_physmem_delete(pt.pm);
}

/* --- the break-before-make checker on hand-made logs --- */

static void test_bbm_checker_hand_made(void)
{
	struct vml_pt_format f;
	struct vml_pt_update rec[4];
	struct vml_pt_log log = {rec, 0, 4, 0};
	struct vml_pt_bbm_violation v[4];
	size_t found;
	uint64_t block = 0x0068000040000701ULL, table = 0x41000003ULL;

	CHECK_EQ_INT(arm64_format(&f, VML_SZ_4K, 48), 0);
	/* block replaced by a table while valid */
	rec[0] = (struct vml_pt_update){VML_PT_UPD_WRITE, 2,	 vml_va(0), VML_SZ_2M,
					vml_pa(0x1000),	  block, table};
	log.cnt = 1;
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, 0, v, 4, &found), VML_EPERM);
	CHECK_EQ_INT(found, 1);
	CHECK_EQ_INT(v[0].index, 0);
	/* ... which BBML2 allows */
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, VML_PT_CPU_BBML2, v, 4, &found), 0);
	/* break, make without TLBI: flagged at the make */
	rec[0].new_ = 0;
	rec[1] = (struct vml_pt_update){VML_PT_UPD_WRITE, 2, vml_va(0), VML_SZ_2M,
					vml_pa(0x1000),	  0, table};
	log.cnt = 2;
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, 0, v, 4, &found), VML_EPERM);
	CHECK_EQ_INT(v[0].index, 1);
	/* break, TLBI, make: clean */
	rec[2] = rec[1];
	rec[1] = (struct vml_pt_update){VML_PT_UPD_TLBI, 0, vml_va(0), VML_SZ_2M, vml_pa(0), 0, 0};
	log.cnt = 3;
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, 0, v, 4, &found), 0);
	/* a permission change (RW -> RO) needs no break */
	rec[0] = (struct vml_pt_update){VML_PT_UPD_WRITE, 2,	 vml_va(0),   VML_SZ_2M,
					vml_pa(0x1000),	  block, block | 0x80};
	log.cnt = 1;
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, 0, v, 4, &found), 0);
	/* a log that dropped records cannot be judged */
	log.dropped = 1;
	CHECK_EQ_INT(vml_pt_bbm_check(&f, &log, 0, v, 4, &found), VML_ERANGE);
}

/* The engine's own log when splitting a live block shows break, TLBI, make. */
static void test_engine_split_uses_bbm(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, false);
	struct vml_pt_attrs ro = attrs_kernel_ro();
	size_t found;

	CHECK_EQ_INT(map(t, 0, 0, VML_SZ_2M, VML_PT_NO_CONT_MAPPINGS), 0);
	t->log.cnt = 0;
	CHECK_EQ_INT(
	    vml_pt_protect(&t->ctx, vml_va(0), VML_SZ_4K, &ro, VML_PT_NO_CONT_MAPPINGS, NULL), 0);
	CHECK_EQ_INT(t->log.cnt, 3);
	CHECK_EQ_INT(t->log.rec[0].kind, VML_PT_UPD_WRITE);
	CHECK_EQ_U64(t->log.rec[0].new_, 0);
	CHECK_EQ_INT(t->log.rec[1].kind, VML_PT_UPD_TLBI);
	CHECK_EQ_INT(t->log.rec[2].level, 2);
	CHECK_EQ_INT(vml_pt_bbm_check(&t->f, &t->log, 0, NULL, 0, &found), 0);
	/* the page-level permission change alone is done in place */
	t->log.cnt = 0;
	CHECK_EQ_INT(vml_pt_protect(&t->ctx, vml_va(VML_SZ_4K), VML_SZ_4K, &ro,
				    VML_PT_NO_CONT_MAPPINGS, NULL),
		     0);
	CHECK_EQ_INT(t->log.cnt, 2); /* the write, then its TLB invalidation */
	CHECK_EQ_INT(t->log.rec[1].kind, VML_PT_UPD_TLBI);
	tree_delete(t);
}

/* A tree not made by the engine: one member of a contiguous group of 2M
 * blocks cleared by hand. A map of one page into that member makes a table
 * there, and the 15 other members must lose the hint (the group is no
 * longer one run): the upper-level fast path of pgtable_map.c leaves such
 * a group to the general path. */
static void test_map_into_cut_cont_group_strips_hint(void)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, false);
	struct vml_pt_walk w;
	struct vml_pt_stats s;
	unsigned char *p;

	CHECK_EQ_INT(map(t, 0, VML_SZ_1G, 32 * VML_SZ_1M, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.cont_leaves[2], 16);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(3 * VML_SZ_2M), &w, NULL), 0);
	CHECK_EQ_INT(w.level, 2);
	p = bump_window(t->b, w.entry_pa[w.depth - 1], 8);
	memset(p, 0, 8);
	CHECK_EQ_INT(map(t, 3 * VML_SZ_2M, VML_SZ_1G + 3 * VML_SZ_2M, VML_SZ_4K, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[2], 15);
	CHECK_EQ_INT(s.cont_leaves[2], 0);
	CHECK_EQ_INT(s.leaves[3], 1);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(5 * VML_SZ_2M), &w, NULL), 0);
	CHECK(!w.cont);
	tree_delete(t);
}

/* The same where the cut group is the range's first (members before the
 * range are contiguous leaves) or its last (members after it are): the
 * express plan (pgtable_express.c) checks both ends on its own and must
 * leave each such map to the general plan, which strips the hint. */
static void cut_group_at_end(uint64_t group_va, uint64_t hole_va, uint64_t map_va)
{
	struct tree *t = arm64_tree(VML_SZ_4K, 48, false);
	struct vml_pt_walk w;
	struct vml_pt_stats s;

	CHECK_EQ_INT(map(t, group_va, VML_SZ_1G + group_va, 32 * VML_SZ_1M, 0), 0);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(hole_va), &w, NULL), 0);
	memset(bump_window(t->b, w.entry_pa[w.depth - 1], 8), 0, 8);
	CHECK_EQ_INT(map(t, map_va, VML_SZ_1G + map_va, 3 * VML_SZ_2M, 0), 0);
	s = stats(t);
	CHECK_EQ_INT(s.leaves[2], 18);
	CHECK_EQ_INT(s.cont_leaves[2], 0);
	tree_delete(t);
}

static void test_map_cutting_cont_group_at_either_end(void)
{
	/* blocks 0..15 contiguous, 15 cut out, then 15..17 mapped */
	cut_group_at_end(0, 15 * VML_SZ_2M, 15 * VML_SZ_2M);
	/* blocks 16..31 contiguous, 16 cut out, then 14..16 mapped */
	cut_group_at_end(32 * VML_SZ_1M, 16 * VML_SZ_2M, 14 * VML_SZ_2M);
}

/* A map of @n pages whose last page is mapped already, elsewhere, is
 * refused under NO_REPLACE and changes nothing, for every @n up to 20:
 * the express plan (pgtable_express.c) finds the mapped page however the
 * run's length falls on its 16-byte checks. */
static void test_refused_on_last_page_mapped(void)
{
	for (uint64_t n = 1; n <= 20; n++) {
		struct tree *t = arm64_tree(VML_SZ_4K, 48, false);
		uint64_t va = VML_SZ_2M + 3 * VML_SZ_4K, last = va + (n - 1) * VML_SZ_4K;
		struct snapshot before, after;

		CHECK_EQ_INT(map(t, VML_SZ_2M, VML_SZ_1G + VML_SZ_2M, VML_SZ_4K, 0), 0);
		CHECK_EQ_INT(map(t, last, 2 * VML_SZ_1G, VML_SZ_4K, 0), 0);
		before = snapshot_take(&t->ctx);
		CHECK_EQ_INT(map(t, va, VML_SZ_1G + va, n * VML_SZ_4K, VML_PT_NO_REPLACE),
			     VML_EPERM);
		after = snapshot_take(&t->ctx);
		CHECK(snapshot_same(&before, &after));
		free(before.bytes);
		free(after.bytes);
		tree_delete(t);
	}
}

/* One run of @cnt leaves from entry @idx into a table of sentinels, by
 * the template path (the stores of pgtable_run.c) and by encode_leaf()
 * entry by entry: the same entries, nothing outside them touched. */
static void check_run(const struct vml_pt_format *f, int level, uint64_t idx, uint64_t cnt,
		      bool cont)
{
	const struct vml_pt_level *l = vml_pt_level(f, level);
	uint64_t pa = (idx << l->shift) + (1ULL << 30);
	uint64_t entries = 64, leaf0;
	unsigned char got[64 * 8], want[64 * 8];
	struct vml_pt_attrs a = attrs_kernel_rw();

	a.perm |= cont ? VML_PT_CONT : 0;
	leaf0 = f->ops->encode_leaf(f, level, vml_pa(0), &a);
	memset(got, 0xa5, sizeof(got));
	memset(want, 0xa5, sizeof(want));
	vml_pt_put_leaves(f, level, got, NULL, idx, pa, cnt, &a, &leaf0);
	for (uint64_t k = 0; k < cnt; k++) /* a group member shares its group's value */
		vml_pt_store_raw(f, want, idx + k,
				 f->ops->encode_leaf(f, level, vml_pa(pa + (k << l->shift)), &a));
	CHECK(!memcmp(got, want, entries * f->entry_size));
	memset(got, 0xa5, sizeof(got));
	memset(want, 0xa5, sizeof(want));
	vml_pt_fill(f, got, idx, cnt, leaf0);
	for (uint64_t k = 0; k < cnt; k++)
		vml_pt_store_raw(f, want, idx + k, leaf0);
	CHECK(!memcmp(got, want, entries * f->entry_size));
}

/* Runs of every length from 0 to 40 at several offsets, 8-byte (arm64)
 * and 4-byte (arm short) entries, with and without the hint (short's
 * large pages share one value per group: whole groups only). */
static void test_runs_of_every_length(void)
{
	struct vml_pt_spec arm64 = {.arch = "arm64", .granule = VML_SZ_4K, .va_bits = 48};
	struct vml_pt_spec sh = {.arch = "arm", .mode = "short"};
	struct vml_pt_format f8, f4;

	CHECK_EQ_INT(vml_pt_format_lookup(&f8, &arm64, NULL), 0);
	CHECK_EQ_INT(vml_pt_format_lookup(&f4, &sh, NULL), 0);
	for (uint64_t cnt = 0; cnt <= 40; cnt++) {
		for (uint64_t idx = 0; idx < 8; idx++) {
			check_run(&f8, 3, idx, cnt, false);
			check_run(&f4, 2, idx, cnt, false);
		}
		check_run(&f8, 3, 16, cnt / 16 * 16, true);
		check_run(&f4, 2, 16, cnt / 16 * 16, true);
	}
}

int main(void)
{
	RUN_TEST(test_zephyr_table_counts);
	RUN_TEST(test_hafnium_cases);
	RUN_TEST(test_tfa_argument_cases);
	RUN_TEST(test_largest_leaf_and_cont);
	RUN_TEST(test_minimality_random_region_sets);
	RUN_TEST(test_property_random_ops_match_model);
	RUN_TEST(test_memblock_allocator_restored);
	RUN_TEST(test_bbm_checker_hand_made);
	RUN_TEST(test_engine_split_uses_bbm);
	RUN_TEST(test_map_into_cut_cont_group_strips_hint);
	RUN_TEST(test_map_cutting_cont_group_at_either_end);
	RUN_TEST(test_runs_of_every_length);
	RUN_TEST(test_refused_on_last_page_mapped);
	return CHECK_DONE("test_pgtable_map");
}

/* SPDX-License-Identifier: MIT */
/*
 * The page-table engine on the arm short-descriptor format: only
 * supersections reach PA >= 4 GiB (sections and pages hold PA[31:0]), and
 * the domain of a page is the one in its first-level table entry
 * (/tmp/pgtable_contract_requests.md items 6 and 2). Entry values worked by
 * hand from ARMv7 ARM DDI 0406C B3.5 (figures B3-4, B3-5; table B3-10).
 *
 * Kernel RW normal memory (Linux PAGE_KERNEL), as a section at PA P:
 *   type 1x = 0x2, B 0x4, C 0x8, XN 0x10 (no exec), AP[1:0] = 01 at bits
 *   11:10 = 0x400, TEX = 001 at bits 14:12 = 0x1000, S bit 16 = 0x10000:
 *   P | 0x1141e; domain D adds D << 5.
 * As a supersection at PA P: PA[31:24] in place, PA[35:32] at 23:20,
 *   PA[39:36] at 8:5, bit 18 = 0x40000: the same bits, | 0x5141e.
 * As a small page: type 1x with XN (bit 0) = 0x3, B 0x4, C 0x8, AP = 01
 *   at 5:4 = 0x10, TEX = 001 at 8:6 = 0x40, S bit 10 = 0x400: P | 0x45f.
 */
#include <stdlib.h>

#include "check.h"
#include "pt_harness.h"

#define ARENA_BASE 0x40000000ULL /* below 4 GiB: short table descriptors hold 32 bits */
#define ARENA_SIZE 0x1000000ULL

struct tree {
	struct vml_pt_format f;
	struct bump *b;
	struct vml_pt_ctx ctx;
};

static struct tree *short_tree(unsigned int pa_bits)
{
	struct tree *t = calloc(1, sizeof(*t));
	struct vml_pt_spec spec = {.arch = "arm", .mode = "short", .pa_bits = pa_bits};

	CHECK_EQ_INT(vml_pt_format_lookup(&t->f, &spec, NULL), 0);
	t->b = bump_new(ARENA_BASE, ARENA_SIZE);
	ctx_setup(&t->ctx, &t->f, t->b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&t->ctx, NULL), 0);
	return t;
}

static void tree_delete(struct tree *t)
{
	bump_delete(t->b);
	free(t);
}

static struct vml_pt_attrs rw_domain(uint8_t domain)
{
	struct vml_pt_attrs a = attrs_kernel_rw();

	a.domain = domain;
	return a;
}

static int map_d(struct tree *t, uint64_t va, uint64_t pa, uint64_t size, uint8_t domain,
		 struct vml_diag *d)
{
	struct vml_pt_attrs a = rw_domain(domain);

	return vml_pt_map(&t->ctx, vml_va(va), vml_pa(pa), size, &a, 0, d);
}

static uint32_t l1(struct tree *t, uint64_t va)
{
	const uint8_t *p = bump_window(t->b, t->ctx.root, 16384);

	p += (va >> 20) * 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t l2(struct tree *t, uint64_t va)
{
	uint32_t table = l1(t, va) & 0xfffffc00u;
	const uint8_t *p = bump_window(t->b, vml_pa(table), 1024);

	p += ((va >> 12) & 0xff) * 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A refused call leaves every table byte and the allocator as they were. */
static void check_refused(struct tree *t, int got, int want, const struct snapshot *before,
			  uint64_t next_before)
{
	struct snapshot after = snapshot_take(&t->ctx);

	CHECK_EQ_INT(got, want);
	CHECK(snapshot_same(before, &after));
	CHECK_EQ_U64(t->b->next, next_before);
	CHECK_EQ_INT(t->b->bad_frees, 0);
	free(after.bytes);
}

static void test_supersection_above_4g(void)
{
	struct tree *t = short_tree(40);
	struct vml_pt_walk w;
	struct vml_pt_stats st;

	/* 16 MiB at PA 0x1_ab00_0000: 16 identical supersection entries,
	 * PA[31:24] 0xab000000 | PA[35:32] = 1 at bit 20 (0x100000) | 0x5141e
	 * = 0xab15141e. */
	CHECK_EQ_INT(map_d(t, 0xc0000000, 0x1ab000000ULL, 16 << 20, 0, NULL), 0);
	for (uint64_t va = 0xc0000000; va < 0xc1000000; va += 1 << 20)
		CHECK_EQ_U64(l1(t, va), 0xab15141e);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0xc0923456), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0x1ab923456ULL);
	CHECK_EQ_U64(w.leaf_size, 1 << 20);
	CHECK(w.cont);
	CHECK_EQ_INT(vml_pt_count(&t->ctx, &st), 0);
	CHECK_EQ_U64(st.total_tables, 1); /* the root only */
	CHECK_EQ_U64(st.cont_leaves[0], 16);
	tree_delete(t);
}

static void test_section_or_page_above_4g_refused(void)
{
	struct tree *t = short_tree(40);
	struct snapshot before;
	struct vml_pt_attrs ro = attrs_kernel_ro();
	struct vml_diag d = {0};
	uint64_t next;

	CHECK_EQ_INT(map_d(t, 0xc0000000, 0x1ab000000ULL, 16 << 20, 0, NULL), 0);
	CHECK_EQ_INT(map_d(t, 0x10000000, 0x20000000, 1 << 20, 0, NULL), 0);
	before = snapshot_take(&t->ctx);
	next = t->b->next;
	/* A section at 0x1_0010_0000: would need PA[32] in a section. */
	check_refused(t, map_d(t, 0xd0000000, 0x100100000ULL, 1 << 20, 0, &d), VML_ERANGE, &before,
		      next);
	CHECK_EQ_U64(d.addr, 0xd0000000);
	/* 16 MiB at a PA only 1 MiB aligned: no supersection, no section. */
	check_refused(t, map_d(t, 0xd1000000, 0x100100000ULL, 16 << 20, 0, NULL), VML_ERANGE,
		      &before, next);
	/* One page above 4 GiB: small pages hold PA[31:12] only. */
	check_refused(t, map_d(t, 0xd2000000, 0x100000000ULL, 4096, 0, NULL), VML_ERANGE, &before,
		      next);
	/* Cutting the supersection: its pieces would be sections above 4 GiB. */
	check_refused(t, vml_pt_unmap(&t->ctx, vml_va(0xc0100000), 1 << 20, 0, NULL), VML_ERANGE,
		      &before, next);
	check_refused(t, vml_pt_unmap(&t->ctx, vml_va(0xc0000000), 4096, 0, NULL), VML_ERANGE,
		      &before, next);
	check_refused(t, vml_pt_protect(&t->ctx, vml_va(0xc0000000), 1 << 20, &ro, 0, NULL),
		      VML_ERANGE, &before, next);
	/* The whole group may change: AP2 (bit 15, 0x8000) added to each. */
	CHECK_EQ_INT(vml_pt_protect(&t->ctx, vml_va(0xc0000000), 16 << 20, &ro, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0xc0f00000), 0xab15941e);
	CHECK_EQ_INT(vml_pt_unmap(&t->ctx, vml_va(0xc0000000), 16 << 20, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0xc0000000), 0);
	/* At 32-bit PA (the default) the same PA is out of range outright. */
	free(before.bytes);
	tree_delete(t);
	t = short_tree(0);
	CHECK_EQ_INT(map_d(t, 0xc0000000, 0x1ab000000ULL, 16 << 20, 0, NULL), VML_ERANGE);
	tree_delete(t);
}

static void test_supersection_below_4g_still_splits(void)
{
	struct tree *t = short_tree(40);
	struct vml_pt_walk w;

	/* Below 4 GiB a cut supersection becomes sections: 0x81000000 +
	 * 0x1141e for the one left at VA 0xc0100000 (PA 0x81100000). */
	CHECK_EQ_INT(map_d(t, 0xc0000000, 0x81000000, 16 << 20, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0xc0000000), 0x8105141e); /* supersection: 0x81000000 | 0x5141e */
	CHECK_EQ_INT(vml_pt_unmap(&t->ctx, vml_va(0xc0000000), 1 << 20, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0xc0000000), 0);
	CHECK_EQ_U64(l1(t, 0xc0100000), 0x8111141e);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0xc0f00004), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0x81f00004);
	CHECK(!w.cont);
	tree_delete(t);
}

static void test_domain_in_table_entry(void)
{
	struct tree *t = short_tree(0);
	struct snapshot before;
	struct vml_pt_walk w;
	struct vml_diag d = {0};
	uint32_t table;
	uint64_t next;

	/* A page with domain 3: the L1 entry is a page-table descriptor
	 * (type 01) with domain 3 at bits 8:5 (0x60): table | 0x61. */
	CHECK_EQ_INT(map_d(t, 0x00001000, 0x80001000, 4096, 3, NULL), 0);
	table = l1(t, 0x1000) & 0xfffffc00u;
	CHECK_EQ_U64(l1(t, 0x1000), table | 0x61);
	CHECK_EQ_U64(l2(t, 0x1000), 0x8000145f);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0x1234), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0x80001234);
	CHECK_EQ_INT(w.attrs.domain, 3);
	/* The same domain again under that table: fine. */
	CHECK_EQ_INT(map_d(t, 0x00002000, 0x80002000, 4096, 3, NULL), 0);
	CHECK_EQ_U64(l2(t, 0x2000), 0x8000245f);
	/* Another domain under it cannot be expressed: refused, nothing moves. */
	before = snapshot_take(&t->ctx);
	next = t->b->next;
	check_refused(t, map_d(t, 0x00003000, 0x80003000, 4096, 5, &d), VML_EPERM, &before, next);
	CHECK_EQ_U64(d.addr, 0x3000);
	free(before.bytes);
	/* A section carries its own domain: 0x80100000 | 0x1141e | 5 << 5. */
	CHECK_EQ_INT(map_d(t, 0x00100000, 0x80100000, 1 << 20, 5, NULL), 0);
	CHECK_EQ_U64(l1(t, 0x100000), 0x801114be);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0x100000), &w, NULL), 0);
	CHECK_EQ_INT(w.attrs.domain, 5);
	tree_delete(t);
}

static void test_domain_keeps_sections_out_of_supersections(void)
{
	struct tree *t = short_tree(0);
	struct vml_pt_stats st;

	/* 16 MiB aligned, domain 5: supersections have no domain field, so 16
	 * sections (0x81000000 + i MiB | 0x114be); with domain 0, one group. */
	CHECK_EQ_INT(map_d(t, 0xc1000000, 0x81000000, 16 << 20, 5, NULL), 0);
	CHECK_EQ_INT(map_d(t, 0xc2000000, 0x82000000, 16 << 20, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0xc1000000), 0x810114be);
	CHECK_EQ_U64(l1(t, 0xc1f00000), 0x81f114be);
	CHECK_EQ_U64(l1(t, 0xc2f00000), 0x8205141e);
	CHECK_EQ_INT(vml_pt_count(&t->ctx, &st), 0);
	CHECK_EQ_U64(st.leaves[0], 32);
	CHECK_EQ_U64(st.cont_leaves[0], 16);
	tree_delete(t);
}

static int first_leaf_domain(void *arg, const struct vml_pt_range *r)
{
	*(int *)arg = r->attrs.domain;
	return 1;
}

static void test_split_section_keeps_domain(void)
{
	struct tree *t = short_tree(0);
	struct vml_pt_attrs ro = attrs_kernel_ro();
	struct vml_pt_walk w;
	int dom = -1;

	/* Protecting one page of a domain-5 section splits it: the new table
	 * entry carries domain 5 (0xa0 | type 01), the page goes RO (AP2 bit 9,
	 * 0x200: 0x8010165f), its neighbour stays RW (0x8010245f). */
	CHECK_EQ_INT(map_d(t, 0x00100000, 0x80100000, 1 << 20, 5, NULL), 0);
	ro.domain = 5;
	CHECK_EQ_INT(vml_pt_protect(&t->ctx, vml_va(0x101000), 4096, &ro, 0, NULL), 0);
	CHECK_EQ_U64(l1(t, 0x100000) & 0x3ff, 0xa1);
	CHECK_EQ_U64(l2(t, 0x101000), 0x8010165f);
	CHECK_EQ_U64(l2(t, 0x102000), 0x8010245f);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(0x102000), &w, NULL), 0);
	CHECK_EQ_INT(w.attrs.domain, 5);
	CHECK_EQ_INT(vml_pt_for_each_leaf(&t->ctx, first_leaf_domain, &dom), 1);
	CHECK_EQ_INT(dom, 5);
	/* Protecting with domain 0 under that table is refused. */
	ro.domain = 0;
	CHECK_EQ_INT(vml_pt_protect(&t->ctx, vml_va(0x103000), 4096, &ro, 0, NULL), VML_EPERM);
	CHECK_EQ_U64(l2(t, 0x103000), 0x8010345f);
	tree_delete(t);
}

/* Clears the entry of @level (1 or 2) that maps @va, by hand. */
static void clear_entry(struct tree *t, int level, uint64_t va)
{
	uint8_t *p = level == 1
			 ? (uint8_t *)bump_window(t->b, t->ctx.root, 16384) + (va >> 20) * 4
			 : (uint8_t *)bump_window(t->b, vml_pa(l1(t, va) & 0xfffffc00u), 1024) +
			       ((va >> 12) & 0xff) * 4;

	p[0] = p[1] = p[2] = p[3] = 0;
}

/* Maps 16 entries of @span at @group_va (one contiguous group: large pages
 * or a supersection), clears one at @hole_va by hand, maps 3 entries from
 * @map_va, which cut the group at one end of the range, and checks that
 * no member kept the hint: a map into a group whose other members hold it
 * strips it from all (the express plan, pgtable_express.c, screens the
 * 4-byte entries of such groups lane by lane and must leave these maps to
 * the general plan). */
static void cut_group(int level, uint64_t span, uint64_t group_va, uint64_t hole_va,
		      uint64_t map_va)
{
	struct tree *t = short_tree(0);

	CHECK_EQ_INT(map_d(t, group_va, VML_SZ_1G + group_va, 16 * span, 0, NULL), 0);
	CHECK(level == 1 ? (l1(t, group_va) & 0x40002) == 0x40002 : (l2(t, group_va) & 3) == 1);
	clear_entry(t, level, hole_va);
	CHECK_EQ_INT(map_d(t, map_va, VML_SZ_1G + map_va, 3 * span, 0, NULL), 0);
	for (uint64_t va = group_va; va < group_va + 16 * span; va += span)
		CHECK(level == 1 ? !(l1(t, va) & 0x40000) : (l2(t, va) & 3) != 1);
	tree_delete(t);
}

static void test_map_cutting_group_strips_hint(void)
{
	/* large pages: the group ends the range's first group, or starts its last */
	cut_group(2, VML_SZ_4K, 0x100000, 0x10f000, 0x10f000);
	cut_group(2, VML_SZ_4K, 0x110000, 0x110000, 0x10e000);
	/* supersections: the same at the first level */
	cut_group(1, VML_SZ_1M, 0x1000000, 0x1f00000, 0x1f00000);
	cut_group(1, VML_SZ_1M, 0x2000000, 0x2000000, 0x1e00000);
}

/* A map of @n pages whose last page is mapped already, elsewhere, is
 * refused under NO_REPLACE and changes nothing, for every @n up to 20 (the
 * express plan's 16-byte checks of 4-byte entries end on every remainder). */
static void test_refused_on_last_page_mapped(void)
{
	for (uint64_t n = 1; n <= 20; n++) {
		struct tree *t = short_tree(0);
		struct vml_pt_attrs a = rw_domain(0);
		uint64_t va = 0x100000 + 3 * VML_SZ_4K, last = va + (n - 1) * VML_SZ_4K;
		struct snapshot before, after;

		CHECK_EQ_INT(map_d(t, 0x100000, VML_SZ_1G + 0x100000, VML_SZ_4K, 0, NULL), 0);
		CHECK_EQ_INT(map_d(t, last, 2 * VML_SZ_1G, VML_SZ_4K, 0, NULL), 0);
		before = snapshot_take(&t->ctx);
		CHECK_EQ_INT(vml_pt_map(&t->ctx, vml_va(va), vml_pa(VML_SZ_1G + va), n * VML_SZ_4K,
					&a, VML_PT_NO_REPLACE, NULL),
			     VML_EPERM);
		after = snapshot_take(&t->ctx);
		CHECK(snapshot_same(&before, &after));
		free(before.bytes);
		free(after.bytes);
		tree_delete(t);
	}
}

/* One ctx, the same attributes, maps whose flags differ: each gets the
 * leaves its own flags allow, whatever the map before it had (the ctx's
 * memo of a level's leaves and hint decision is keyed by the flags,
 * pgtable_map.c recipe_memo(); the leafable levels follow
 * NO_BLOCK_MAPPINGS call by call). */
static void test_flags_per_call_with_one_memo(void)
{
	struct tree *t = short_tree(0);
	struct vml_pt_attrs a = rw_domain(0);
	const uint32_t flag[4] = {VML_PT_NO_CONT_MAPPINGS, 0, VML_PT_NO_CONT_MAPPINGS, 0};

	for (unsigned int k = 0; k < 4; k++) {
		uint64_t va = 0x200000 + k * VML_SZ_1M, pa = VML_SZ_1G + va;

		CHECK_EQ_INT(
		    vml_pt_map(&t->ctx, vml_va(va), vml_pa(pa), 0x10000, &a, flag[k], NULL), 0);
		/* a small page P | 0x45f; a large page (type 01) with the hint */
		for (uint64_t off = 0; off < 0x10000; off += VML_SZ_4K)
			CHECK(flag[k] ? l2(t, va + off) == ((uint32_t)(pa + off) | 0x45f)
				      : (l2(t, va + off) & 3) == 1);
	}
	for (unsigned int k = 0; k < 4; k++) {
		uint64_t va = 0x800000 + k * VML_SZ_1M;
		uint32_t fl = k & 1 ? 0 : VML_PT_NO_BLOCK_MAPPINGS;

		CHECK_EQ_INT(vml_pt_map(&t->ctx, vml_va(va), vml_pa(VML_SZ_1G + va), VML_SZ_1M, &a,
					fl | VML_PT_NO_CONT_MAPPINGS, NULL),
			     0);
		/* a page table (type 01), or the section P | 0x1141e */
		CHECK(fl ? (l1(t, va) & 3) == 1
			 : l1(t, va) == ((uint32_t)(VML_SZ_1G + va) | 0x1141e));
	}
	tree_delete(t);
}

int main(void)
{
	RUN_TEST(test_supersection_above_4g);
	RUN_TEST(test_section_or_page_above_4g_refused);
	RUN_TEST(test_supersection_below_4g_still_splits);
	RUN_TEST(test_domain_in_table_entry);
	RUN_TEST(test_domain_keeps_sections_out_of_supersections);
	RUN_TEST(test_split_section_keeps_domain);
	RUN_TEST(test_map_cutting_group_strips_hint);
	RUN_TEST(test_refused_on_last_page_mapped);
	RUN_TEST(test_flags_per_call_with_one_memo);
	return CHECK_DONE("test_pgtable_arm_short");
}

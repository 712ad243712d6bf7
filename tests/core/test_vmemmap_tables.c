/* SPDX-License-Identifier: MIT */
/*
 * The vmemmap's table pages (src/core/vmemmap_tables.c): how many tables
 * sparse_init() needs section by section, the pages the layout takes for
 * them (top-down, one at a time, merged into runs), and the pool that hands
 * exactly those pages to the boot tables in the order they were taken.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "vmlayout/vmemmap_tables.h"

#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)

/* arm64 4K/48: PMD blocks of struct pages; PMD tables cover 1 GiB, PUD
 * tables 512 GiB (two levels under the root). */
static void test_count_4k(void)
{
	struct vml_vmemmap_tables t = {0};
	const uint64_t start = 0xfffffc0000000000ULL; /* 512 GiB aligned */

	/* the first 2 MiB section: a PUD table and a PMD table */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start, M(2), 30, 9, 2), 2);
	/* the next sections of that GiB: nothing new */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + M(2), M(2), 30, 9, 2), 0);
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + G(1) - M(2), M(2), 30, 9, 2), 0);
	/* the next GiB: a PMD table */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + G(1), M(2), 30, 9, 2), 1);
	/* a hole of 3 GiB of struct pages, then a section: one more PMD table */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + G(4), M(2), 30, 9, 2), 1);
	/* into the next 512 GiB: a PUD and a PMD table */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + G(512), M(2), 30, 9, 2), 2);
	/* a range across a 1 GiB boundary needs both pieces */
	t = (struct vml_vmemmap_tables){0};
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start + G(1) - M(1), M(2), 30, 9, 2), 3);
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, start, 0, 30, 9, 2), 0);
}

/* Pieces an existing mapping (the fixmap's static tables) already has are
 * not taken again: arm64 64K/48 v6.12, one PMD table for 4 TiB holding the
 * fixmap (last GiB) and the vmemmap below it. */
static void test_existing_fixmap(void)
{
	struct vml_vmemmap_tables t = {0};
	const uint64_t fixmap = 0ULL - M(8) - M(4), vmemmap = 0ULL - G(1) - G(128);

	vml_vmemmap_tables_exist(&t, fixmap, M(4), 29, 13, 2);
	/* 512 KiB of base pages: a new PTE table (512 MiB each), the PMD
	 * table is the fixmap's */
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, vmemmap, 512 * 1024, 29, 13, 2), 1);
	/* without the fixmap: two */
	t = (struct vml_vmemmap_tables){0};
	CHECK_EQ_U64(vml_vmemmap_new_tables(&t, vmemmap, 512 * 1024, 29, 13, 2), 2);
}

static struct vml_memblock_region mem_r[16], res_r[16];
static struct vml_memblock mb;
static struct vml_layout lo;

static void fresh(void)
{
	vml_memblock_init(&mb, mem_r, 16, res_r, 16, ~0ULL, 4096);
	memset(&lo, 0, sizeof(lo));
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x80000000, M(64), NULL), 0);
}

/* Taken top-down one page at a time: one run while the pages follow each
 * other downwards, a new run across a reservation in between. */
static void test_take(void)
{
	struct vml_diag d = {0};

	fresh();
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x83ffd000, 0x1000, NULL), 0);
	CHECK_EQ_INT(vml_vmemmap_take_tables(&mb, &lo, 5, 4096, VML_NUMA_NO_NODE, &d), 0);
	CHECK_EQ_INT(lo.n_reservations, 2);
	CHECK_EQ_STR(lo.reservations[0].name, VML_VMEMMAP_TABLES_NAME);
	CHECK_EQ_U64(lo.reservations[0].base, 0x83ffe000);
	CHECK_EQ_U64(lo.reservations[0].size, 0x2000);
	CHECK_EQ_U64(lo.reservations[1].base, 0x83ffa000);
	CHECK_EQ_U64(lo.reservations[1].size, 0x3000);
	CHECK(vml_memblock_is_region_reserved(&mb, 0x83ffa000, 0x6000));
	/* out of memory: a clear error */
	fresh();
	CHECK_EQ_INT(
	    vml_vmemmap_take_tables(&mb, &lo, (M(64) >> 12) + 1, 4096, VML_NUMA_NO_NODE, &d),
	    VML_ENOMEM);
	CHECK(d.rule && strstr(d.rule, "vmemmap page table"));
}

static int inner_calls;

static int inner_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	(void)cb, (void)size, (void)align, (void)out;
	inner_calls++;
	return VML_ENOMEM;
}

static void inner_free(void *cb, vml_paddr_t t, uint64_t size)
{
	(void)cb, (void)t, (void)size;
	inner_calls++;
}

static uint8_t window_buf[4096];

static void *inner_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	(void)pa, (void)size;
	return cb == window_buf ? window_buf : NULL;
}

/* The pool hands out the runs' pages in the order they were taken (each
 * run from its top down), steps back on a free, reaches tables through the
 * tree's own window, and says so when the tree used fewer pages. */
static void test_pool(void)
{
	struct vml_vmemmap_table_pool pool;
	struct vml_pt_ctx ctx = {0};
	struct vml_diag d = {0};
	vml_paddr_t pa;

	fresh();
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x83ffd000, 0x1000, NULL), 0);
	CHECK_EQ_INT(vml_vmemmap_take_tables(&mb, &lo, 3, 4096, VML_NUMA_NO_NODE, &d), 0);
	ctx.alloc_table = inner_alloc;
	ctx.free_table = inner_free;
	ctx.window = inner_window;
	ctx.cb = window_buf;
	vml_vmemmap_pool_enter(&pool, &ctx, &lo, 4096);
	CHECK(ctx.window(ctx.cb, vml_pa(0x83fff000), 4096) == window_buf);
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), 0);
	CHECK_EQ_U64(vml_pa_addr(pa), 0x83fff000);
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), 0);
	CHECK_EQ_U64(vml_pa_addr(pa), 0x83ffe000);
	ctx.free_table(ctx.cb, pa, 4096); /* a failed map gives it back */
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), 0);
	CHECK_EQ_U64(vml_pa_addr(pa), 0x83ffe000);
	/* the run below the reservation in between */
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), 0);
	CHECK_EQ_U64(vml_pa_addr(pa), 0x83ffc000);
	/* a size other than a page is refused; then none is left */
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 8192, 4096, &pa), VML_EINVAL);
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), VML_ENOMEM);
	CHECK_EQ_INT(vml_vmemmap_pool_leave(&pool, &ctx, &d), 0);
	CHECK(ctx.alloc_table == inner_alloc && ctx.cb == window_buf);
	CHECK_EQ_INT(inner_calls, 0);
	/* fewer used than taken: the models disagree */
	vml_vmemmap_pool_enter(&pool, &ctx, &lo, 4096);
	CHECK_EQ_INT(ctx.alloc_table(ctx.cb, 4096, 4096, &pa), 0);
	CHECK_EQ_INT(vml_vmemmap_pool_leave(&pool, &ctx, &d), VML_EINVAL);
	CHECK(d.rule && strstr(d.rule, "fewer pages"));
	CHECK(ctx.alloc_table == inner_alloc && ctx.free_table == inner_free &&
	      ctx.window == inner_window);
}

int main(void)
{
	RUN_TEST(test_count_4k);
	RUN_TEST(test_existing_fixmap);
	RUN_TEST(test_take);
	RUN_TEST(test_pool);
	return CHECK_DONE("test_vmemmap_tables");
}

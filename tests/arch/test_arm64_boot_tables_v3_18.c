/* SPDX-License-Identifier: MIT */
/*
 * The arm64 3.18 boot tables (src/arch/arm64/boot_tables_v3_18.c) through
 * the generic plan/build hooks, on random boards: the invariants 3.18's
 * head.S and map_mem() (arch/arm64/kernel/head.S, arch/arm64/mm/mmu.c,
 * v3.18) give, checked page by page, for every board the model maps:
 * - every memory page is mapped exactly once, at its linear address
 *   __va(pa). With 4K pages map_mem() skips a first bank's part below
 *   ALIGN(start, PMD_SIZE) (docs/arm64.md "The 3.18 profile"), but that part
 *   lies under head.S's 2M blocks from PHYS_OFFSET over the image, and the
 *   limit it lowers to the first bank's end keeps every later bank above
 *   it: no page is left out;
 * - no-map carve-outs (3.18 removes them from memblock.memory) are not
 *   mapped, nor is anything outside memory but head.S's image blocks;
 * - every table page taken from memblock is itself mapped (3.18 writes
 *   tables through __va(): a page not yet mapped would fault);
 * - every leaf is read-write and executable: 3.18 maps all of it with
 *   PROT_SECT_NORMAL_EXEC / PAGE_KERNEL_EXEC. The kernel's W+X check
 *   (CONFIG_DEBUG_WX) came later; on 3.18's tables it would report every
 *   page, which is what the W+X count below asserts.
 * Boards the kernel cannot map are refused with VML_ENOMEM
 * (tests/cli/test_arm64_v3_18_cli.sh checks the messages).
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/boot_tables.h"
#include "vmlayout/physmem.h"

#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_boot_plan plan;
static struct vml_physmem_tables tabs, img_tabs;
static struct vml_memblock_region img_mem_r[2], img_res_r[16];
static struct vml_memblock img_mb;
static struct vml_pt_ctx ctx;
static struct vml_board board;

static unsigned int rnd(unsigned int n)
{
	return (unsigned int)(rand() % (int)n);
}

/* 0 built, 100 the layout refused, 500 the build refused (VML_ENOMEM: the
 * kernel cannot map the board), other values a failure. */
static int build(const struct vml_kernel_config *cfg)
{
	struct vml_boot_opts o = {0};
	struct vml_diag d = {0};
	int ret;

	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, cfg->page_size);
	if (vml_layout_compute(&board, cfg, &mb, &lo, &d))
		return 100;
	if (vml_boot_tables_plan(&lo, cfg, &o, &plan, &d))
		return 200;
	tabs = (struct vml_physmem_tables){
	    .mb = &mb, .pm = vml_physmem_new(), .limit = vml_pt_table_limit(&plan.fmt)};
	vml_memblock_init(&img_mb, img_mem_r, 2, img_res_r, 16, ~0ULL, cfg->page_size);
	if (vml_memblock_add(&img_mb, plan.image_tables_pa, plan.image_tables_size, NULL))
		return 300;
	vml_memblock_set_bottom_up(&img_mb, plan.image_tables_bottom_up);
	img_tabs = (struct vml_physmem_tables){.mb = &img_mb, .pm = tabs.pm, .limit = tabs.limit};
	ctx = (struct vml_pt_ctx){0};
	ctx.fmt = &plan.fmt;
	ctx.upper = true;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &img_tabs;
	if (vml_pt_init(&ctx, &d))
		return 400;
	ctx.cb = &tabs;
	ret = vml_boot_tables_build(&ctx, &lo, &plan, &mb, &o, &img_tabs, &d);
	if (ret == VML_ENOMEM)
		return 500;
	return ret ? 600 : 0;
}

static uint64_t lin_va(uint64_t pa)
{
	return pa - lo.phys_offset + lo.page_offset;
}

/* Is [pa, pa + 4K) mapped at its linear address? 0 yes, 1 not mapped, 2
 * mapped elsewhere. */
static int linear_state(uint64_t pa)
{
	struct vml_pt_walk w;

	if (vml_pt_walk(&ctx, vml_va(lin_va(pa)), &w, NULL))
		return 1;
	return vml_pa_addr(w.pa) == pa ? 0 : 2;
}

struct counts {
	uint64_t misplaced, unmapped, nomap_mapped, wx_pages, pages, tables_unmapped;
};

/* Memory pages: each mapped at __va(pa). */
static void check_memory(struct counts *c)
{
	for (unsigned int i = 0; i < mb.memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb.memory.regions[i];

		for (uint64_t pa = r->base; pa < r->base + r->size; pa += VML_SZ_4K) {
			int s = linear_state(pa);

			c->misplaced += s == 2;
			c->unmapped += s == 1;
		}
	}
}

/* No-map carve-outs: unmapped unless inside head.S's 2M blocks over the
 * image, [PHYS_OFFSET, ALIGN(_end, 2M)) (the board keeps them away). */
static void check_nomap(struct counts *c)
{
	for (unsigned int i = 0; i < board.n_reserved; i++)
		for (uint64_t pa = board.reserved[i].base;
		     pa < board.reserved[i].base + board.reserved[i].size; pa += VML_SZ_4K)
			if (linear_state(pa) != 1)
				c->nomap_mapped++;
}

static int leaf_fn(void *arg, const struct vml_pt_range *r)
{
	struct counts *c = arg;
	uint32_t p = r->attrs.perm;

	c->pages += r->size / VML_SZ_4K;
	if ((p & VML_PT_WRITE) && (p & VML_PT_EXEC))
		c->wx_pages += r->size / VML_SZ_4K;
	return 0;
}

static int table_fn(void *arg, int level, vml_paddr_t t, uint64_t size)
{
	struct counts *c = arg;
	uint64_t pa = vml_pa_addr(t);

	(void)level;
	for (uint64_t p = pa; p < pa + size; p += VML_SZ_4K)
		if (linear_state(p) != 0)
			c->tables_unmapped++;
	return 0;
}

/* The boards of tests/cli/test_arm64_v3_18_cli.sh's random loop: 1-3 banks
 * of 1-64 MiB (or 16 times that) from 0x40000000, MiB aligned, gaps of
 * 0-7 x 128 MiB; the image (4 MiB) at 0x40080000; 4K/39 or 64K/42; now
 * and then a first bank that starts a few 64K pages above PHYS_OFFSET
 * (0x40000000, from the image's TEXT_OFFSET), and a no-map carve-out at
 * the end of the last bank. */
static void random_board(struct vml_kernel_config *cfg)
{
	uint64_t base = 0x40000000;

	vml_board_init(&board);
	board.n_memory = 1 + rnd(3);
	for (unsigned int i = 0; i < board.n_memory; i++) {
		uint64_t size = (uint64_t)(rnd(64) + 1) * M(1) * (rnd(2) ? 1 : 16);

		board.memory[i].base = base;
		board.memory[i].size = size;
		base = vml_align_up(base + size + rnd(8) * M(128), M(1));
	}
	if (rnd(3) == 0) { /* the first bank starts 64K-448K above PHYS_OFFSET */
		uint64_t off = 0x10000 * (1 + rnd(7));

		board.memory[0].base += off;
		board.memory[0].size =
		    board.memory[0].size > M(8) ? board.memory[0].size - off : M(8);
	}
	if (board.n_memory > 1 && rnd(2)) {
		struct vml_board_reserved *r = &board.reserved[board.n_reserved++];
		const struct vml_range64 *last = &board.memory[board.n_memory - 1];

		strcpy(r->name, "carveout");
		r->size = M(1);
		r->base = last->base + last->size - M(1);
		r->nomap = true;
	}
	vml_kernel_config_init(cfg, VML_ARCH_ARM64);
	strcpy(cfg->profile, "3.18");
	if (rnd(2)) {
		cfg->page_size = VML_SZ_64K;
		cfg->va_bits = 42;
	} else {
		cfg->page_size = VML_SZ_4K;
		cfg->va_bits = 39;
	}
	cfg->load_phys_set = true;
	cfg->load_phys = 0x40080000;
	cfg->image_size = M(4);
}

static void test_random_boards(void)
{
	unsigned int built = 0;

	srand(318);
	for (int iter = 0; iter < 80; iter++) {
		static struct vml_kernel_config cfg;
		struct counts c = {0};
		int ret;

		random_board(&cfg);
		ret = build(&cfg);
		if (ret == 100 || ret == 500)
			continue; /* refused: the layout, or map_mem() cannot map it */
		CHECK_EQ_INT(ret, 0);
		if (ret)
			continue;
		built++;
		check_memory(&c);
		check_nomap(&c);
		CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, leaf_fn, &c), 0);
		CHECK_EQ_INT(vml_pt_for_each_table(&ctx, table_fn, &c), 0);
		CHECK_EQ_U64(c.misplaced, 0);
		CHECK_EQ_U64(c.unmapped, 0);
		CHECK_EQ_U64(c.nomap_mapped, 0);
		CHECK_EQ_U64(c.tables_unmapped, 0);
		CHECK(c.pages > 0);
		CHECK_EQ_U64(c.wx_pages, c.pages);
		if (check_failures_in_test) {
			fprintf(stderr,
				"  iteration %d: page %llu, banks %u, first 0x%llx+0x%llx\n", iter,
				(unsigned long long)cfg.page_size, board.n_memory,
				(unsigned long long)board.memory[0].base,
				(unsigned long long)board.memory[0].size);
			break;
		}
	}
	CHECK(built >= 40);
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

int main(void)
{
	RUN_TEST(test_random_boards);
	return CHECK_DONE("test_arm64_boot_tables_v3_18");
}

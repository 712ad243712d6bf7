/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 kernel's boot page tables (src/arch/riscv/boot_tables.c)
 * built from a computed layout: exact leaf and table counts per level for
 * worked examples, descriptor values, and invariants on random boards.
 *
 * Worked example (6.12): RAM 2 GiB at 0x80000000 (phys_ram_base
 * 0x80000000; the linear VA of PA p is PAGE_OFFSET + p - 0x80000000), no
 * KASLR, _start at PA 0x80200000 and VA 0xffffffff80000000, image offsets
 * from _start (a System.map's, 2 MiB SECTION_ALIGN):
 *   _text 4K, _etext 0x9f0000, __init_begin 10M, __init_data_begin 12M,
 *   __init_end 12M + 0x150000, __start_rodata 14M, __end_rodata 19M +
 *   0x8000 (so _data 20M), _end 30M + 0x3000.
 */
#include <stdlib.h>

#include "arch/riscv/boot_tables.h"
#include "arch/riscv/pte_riscv.h"
#include "arch/top_leaves.h"
#include "check.h"
#include "vmlayout/physmem.h"

#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)
#define KSTART 0xffffffff80000000ULL
#define LM39 0xffffffd600000000ULL /* PAGE_OFFSET_L3 (6.x) */
#define LM48 0xffffaf8000000000ULL /* PAGE_OFFSET_L4 */

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_pt_format fmt;
static struct vml_physmem_tables tabs;
static struct vml_pt_ctx ctx;
static struct vml_riscv_image img;
static uint64_t kfence_pool;
static struct vml_memblock_region img_mem_r[2], img_res_r[8];
static struct vml_memblock img_mb;
static struct vml_physmem_tables img_tabs;

static void config(struct vml_kernel_config *cfg, const char *profile, unsigned int cpu_bits)
{
	vml_kernel_config_init(cfg, VML_ARCH_RISCV64);
	strcpy(cfg->profile, profile);
	cfg->cpu_va_bits = cpu_bits;
	cfg->load_phys_set = true;
	cfg->load_phys = 0x80200000;
}

static void example_image(struct vml_kernel_config *cfg)
{
	struct vml_kernel_image *im = &cfg->image;
	const uint64_t t = KSTART;

	im->known = true;
	im->text = t + 0x1000;
	im->stext = im->text;
	im->etext = t + 0x9f0000;
	im->init_begin = t + M(10);
	im->init_end = im->sdata = t + M(12) + 0x150000;
	im->start_rodata = t + M(14);
	im->end_rodata = t + M(19) + 0x8000;
	im->edata = im->bss_start = t + M(24);
	im->bss_stop = im->end = t + M(30) + 0x3000;
}

static void board_2g(struct vml_board *b)
{
	vml_board_init(b);
	b->memory[0].base = 0x80000000;
	b->memory[0].size = G(2);
	b->n_memory = 1;
}

static void teardown(void)
{
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

static int build(const struct vml_board *b, const struct vml_kernel_config *cfg,
		 const struct vml_boot_opts *o)
{
	static const char *const modes[] = {"sv39", "sv48", "sv57"};
	struct vml_pt_spec spec = {"riscv64", NULL, 0, 0, 0, 0, 0, 0};
	struct vml_diag d = {0};
	unsigned int bits;
	int ret;

	teardown();
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, VML_SZ_4K);
	ret = vml_layout_compute(b, cfg, &mb, &lo, &d);
	if (ret)
		return 100 + ret;
	bits = vml_riscv_satp_bits(&lo);
	if (!bits)
		return 200;
	spec.mode = modes[(bits - 39) / 9];
	if (vml_pt_format_lookup(&fmt, &spec, &d))
		return 201;
	ret = vml_riscv_boot_image(&lo, cfg, o, &img, &d);
	if (ret) {
		img = (struct vml_riscv_image){0};
		fprintf(stderr, "  boot_image: %s at 0x%llx\n", d.rule ? d.rule : "?",
			(unsigned long long)d.addr);
		return 300 + ret;
	}
	tabs = (struct vml_physmem_tables){.mb = &mb, .pm = vml_physmem_new(), .limit = 0};
	{
		uint64_t end = img.pa_start + vml_align_down(img.end - img.start, VML_SZ_4K);

		vml_memblock_init(&img_mb, img_mem_r, 2, img_res_r, 8, ~0ULL, VML_SZ_4K);
		if (vml_memblock_add(&img_mb, end - 8 * VML_SZ_4K, 8 * VML_SZ_4K, NULL))
			return 500;
		img_tabs = (struct vml_physmem_tables){.mb = &img_mb, .pm = tabs.pm, .limit = 0};
	}
	ctx = (struct vml_pt_ctx){0};
	ctx.fmt = &fmt;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &img_tabs;
	if (vml_pt_init(&ctx, &d))
		return 400;
	ctx.cb = &tabs;
	ret = vml_riscv_boot_tables(&ctx, &lo, &img, &mb, o, &kfence_pool, &img_tabs, &d);
	if (ret)
		fprintf(stderr, "  boot_tables: %s at 0x%llx\n", d.rule ? d.rule : "?",
			(unsigned long long)d.addr);
	return ret;
}

static void example(const char *profile, unsigned int cpu_bits, const struct vml_boot_opts *o,
		    struct vml_pt_stats *st)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;

	board_2g(&b);
	config(&cfg, profile, cpu_bits);
	example_image(&cfg);
	CHECK_EQ_INT(build(&b, &cfg, o), 0);
	memset(st, 0, sizeof(*st));
	CHECK_EQ_INT(vml_pt_count(&ctx, st), 0);
}

/* 6.12 Sv39, after boot. Linear map (best_map_size per step; Sv39 has no
 * PUD leaves, pgtable_l4_enabled being false, though PA and VA of [0x80000000,
 * 0xc0000000) are 1 GiB aligned):
 *   [0x80000000, 0x80200000)   1 PMD
 *   text alias [+0, +12M)      6 PMDs (PAGE_KERNEL_READ; init text's 2M RW
 *                              after free_initmem)
 *   [+12M, +14M)               1 PMD, split into 512 PTEs by free_initmem's
 *                              set_memory_rw_nx at PAGE_ALIGN(__init_end) =
 *                              +12M + 0x150000
 *   rodata alias [+14M, +20M)  3 PMDs
 *   [0x81600000, 0x100000000)  2026M / 2M = 1013 PMDs
 * = 1024 - 1 = 1023 PMDs. Image: [_start, _end rounded up to 2M = 32M):
 * 16 PMDs. Level 1 (2M): 1039; level 2 (4K): 512; level 0: none. Tables:
 * root 1; PMD tables 2 (the 2 GiB of linear VA) + 1 (the image's GiB);
 * PTE tables 1. */
static void test_example_sv39_6_12(void)
{
	struct vml_boot_opts o = {0};
	struct vml_pt_stats st;

	example("6.12", 39, &o, &st);
	CHECK_EQ_U64(img.start, KSTART);
	CHECK_EQ_U64(img.pa_start, 0x80200000);
	CHECK_EQ_U64(img.data, KSTART + M(20));
	CHECK_EQ_U64(img.init_data_begin, KSTART + M(12));
	CHECK_EQ_U64(fmt.levels, 3);
	CHECK_EQ_U64(st.leaves[0], 0);
	CHECK_EQ_U64(st.leaves[1], 1039 + 16); /* + the vmemmap: 16 sections, a PMD each */
	CHECK_EQ_U64(st.leaves[2], 512);
	CHECK_EQ_U64(st.tables[0], 1);
	CHECK_EQ_U64(st.tables[1], 3 + 2); /* + the vmemmap's, fixmap_pmd */
	CHECK_EQ_U64(st.tables[2], 1 + 1); /* + fixmap_pte */
	teardown();
}

/* At paging_init (setup_vm_final only): no split, 1024 + 16 PMDs. */
static void test_example_sv39_paging_init(void)
{
	struct vml_boot_opts o = {.stage = VML_BOOT_PAGING_INIT};
	struct vml_pt_stats st;

	example("6.12", 39, &o, &st);
	CHECK_EQ_U64(st.leaves[1], 1040 + 16); /* + the vmemmap */
	CHECK_EQ_U64(st.leaves[2], 0);
	teardown();
}

/* 6.12 Sv48 (PAGE_OFFSET_L4, 1 GiB aligned): as Sv39 up to 0xc0000000,
 * [0x81600000, 0xc0000000) 1002M = 501 PMDs, then [0xc0000000,
 * 0x100000000) one PUD. PUD leaves 1 (level 1); PMD leaves 1 + 6 + 1 + 3 +
 * 501 - 1 + 16 = 527 (level 2); PTEs 512 (level 3). */
static void test_example_sv48_6_12(void)
{
	struct vml_boot_opts o = {0};
	struct vml_pt_stats st;

	example("6.12", 48, &o, &st);
	CHECK_EQ_U64(fmt.levels, 4);
	CHECK_EQ_U64(lo.page_offset, LM48);
	CHECK_EQ_U64(st.leaves[0], 0);
	CHECK_EQ_U64(st.leaves[1], 1);
	CHECK_EQ_U64(st.leaves[2], 527 + 16); /* + the vmemmap */
	CHECK_EQ_U64(st.leaves[3], 512);
	teardown();
}

/* The worked example of the spec's B.7 (arm64-riscv notes), at paging_init:
 * DRAM [0x80040000, 0x280000000) (OpenSBI keeps the first 256K),
 * phys_ram_base 0x80000000, text [0x80200000, 0x81600000) (init text to
 * __init_data_begin = +20M), rodata [0x81c00000, 0x82200000) (+26M, +32M),
 * _end +40M (20 image PMDs). Sv39: [0x80040000, 0x80200000) 448 PTEs,
 * text 10 PMDs, [+20M, +26M) 3, rodata 3, [0x82200000, 0x280000000)
 * 8158M = 4079 PMDs: 4095 + 20 PMDs. Sv48: the same to 0xc0000000, then
 * [0x82200000, 0xc0000000) 495 PMDs and 7 PUDs: 10 + 3 + 3 + 495 + 20 =
 * 531 PMDs. */
static void spec_b7(unsigned int bits, struct vml_pt_stats *st)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.stage = VML_BOOT_PAGING_INIT};
	struct vml_kernel_image *im = &cfg.image;

	vml_board_init(&b);
	b.memory[0].base = 0x80040000;
	b.memory[0].size = 0x280000000ULL - 0x80040000;
	b.n_memory = 1;
	config(&cfg, "6.12", bits);
	im->known = true;
	im->text = im->stext = KSTART + 0x1000;
	im->etext = KSTART + M(17);
	im->init_begin = KSTART + M(18);
	im->init_end = KSTART + M(21);
	im->start_rodata = KSTART + M(26);
	im->end_rodata = KSTART + M(31) + 0x4000;
	im->end = KSTART + M(40);
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
	CHECK_EQ_U64(img.init_data_begin - img.start, M(20));
	CHECK_EQ_U64(img.data - img.start, M(32));
	memset(st, 0, sizeof(*st));
	CHECK_EQ_INT(vml_pt_count(&ctx, st), 0);
}

static void test_spec_b7_example(void)
{
	struct vml_pt_stats st;

	spec_b7(39, &st);
	CHECK_EQ_U64(st.leaves[0], 0);
	CHECK_EQ_U64(st.leaves[1], 4095 + 20 + 64); /* + the vmemmap: 64 sections */
	CHECK_EQ_U64(st.leaves[2], 448);
	teardown();
	spec_b7(48, &st);
	CHECK_EQ_U64(st.leaves[1], 7);
	CHECK_EQ_U64(st.leaves[2], 531 + 64); /* + the vmemmap */
	CHECK_EQ_U64(st.leaves[3], 448);
	teardown();
}

/* debug_pagealloc: the linear map in 4K pages (2 GiB / 4K = 524288), the
 * image still 16 PMDs (create_kernel_page_table does not ask
 * best_map_size). */
static void test_debug_pagealloc(void)
{
	struct vml_boot_opts o = {.stage = VML_BOOT_RUNNING, .debug_pagealloc = true};
	struct vml_pt_stats st;

	example("6.12", 39, &o, &st);
	CHECK_EQ_U64(st.leaves[1], 16 + 16); /* + the vmemmap */
	CHECK_EQ_U64(st.leaves[2], 524288);
	teardown();
}

/* Descriptors, hand-made from asm/pgtable-bits.h: V 1, R 2, W 4, X 8, G
 * 0x20, A 0x40, D 0x80; PPN at bit 10 (PA >> 2). PAGE_KERNEL = 0xe7,
 * PAGE_KERNEL_READ 0xe3, PAGE_KERNEL_READ_EXEC 0xeb, R without X (init text
 * after set_memory_nx) 0xe3. */
static void test_descriptors(void)
{
	struct vml_boot_opts o = {0};
	struct vml_pt_stats st;
	struct vml_pt_walk w;

	example("6.12", 39, &o, &st);
	/* text: RX PMD at PA 0x80200000 */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART), &w, NULL), 0);
	CHECK_EQ_INT(w.level, 1);
	CHECK_EQ_U64(w.raw[1], (0x80200000ULL >> 2) | 0xeb);
	/* init text after free_initmem: R */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(10)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(10)) >> 2) | 0xe3);
	/* init data RW, rodata R, data RW */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(12)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(12)) >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(14)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(14)) >> 2) | 0xe3);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(20)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(20)) >> 2) | 0xe7);
	/* linear: first page RW, the text alias R, init text alias RW, the
	 * split PMD's PTEs RW, rodata alias R */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM39), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], (0x80000000ULL >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM39 + M(2)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], (0x80200000ULL >> 2) | 0xe3);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM39 + M(12)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80000000ULL + M(12)) >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM39 + M(14) + 0x151000), &w, NULL), 0);
	CHECK_EQ_INT(w.level, 2);
	CHECK_EQ_U64(w.raw[2], ((0x80000000ULL + M(14) + 0x151000) >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM39 + M(16)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80000000ULL + M(16)) >> 2) | 0xe3);
	/* tables: V only (PAGE_TABLE) */
	CHECK_EQ_U64(w.raw[0] & 0x3ff, 0x1);
	teardown();
}

/* rodata=off: no mark_rodata_ro: rodata stays RW (0xe7), free_initmem
 * still runs. */
static void test_rodata_off(void)
{
	struct vml_boot_opts o = {.stage = VML_BOOT_RUNNING, .rodata = VML_BOOT_RODATA_OFF};
	struct vml_pt_stats st;
	struct vml_pt_walk w;

	example("6.12", 39, &o, &st);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(14)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(14)) >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(KSTART + M(10)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(10)) >> 2) | 0xe3);
	teardown();
}

/* KFENCE: the 2 MiB pool comes from memblock (4K aligned, top-down) before
 * the linear map, which maps it with 512 PTEs. */
static int pool_leaf(void *arg, const struct vml_pt_range *r)
{
	uint64_t *n = arg;
	uint64_t first = kfence_pool - 0x80000000 + LM39;

	if (r->va.va + r->size > first && r->va.va < first + M(2))
		n[r->level == 2 ? 0 : 1]++;
	return 0;
}

static void test_kfence(void)
{
	struct vml_boot_opts o = {.stage = VML_BOOT_RUNNING, .kfence = VML_BOOT_KFENCE_EARLY};
	struct vml_pt_stats st;
	uint64_t n[2] = {0, 0};

	example("6.12", 39, &o, &st);
	CHECK(kfence_pool >= 0x80000000 && kfence_pool + M(2) <= 0x100000000ULL);
	CHECK_EQ_U64(kfence_pool & 0xfff, 0);
	CHECK(vml_memblock_is_region_reserved(&mb, kfence_pool, M(2)));
	CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, pool_leaf, n), 0);
	CHECK_EQ_U64(n[0], 512);
	CHECK_EQ_U64(n[1], 0);
	teardown();
}

/* 5.10: the image in the linear map, PAGE_OFFSET 0xffffffe000000000 = PA
 * 0x80200000 (the load address); [0x80000000, 0x80200000) is not mapped.
 * One size for the range [0x80200000, 0x100000000): base and size (2046M)
 * 2 MiB aligned, so 1023 PMDs. Image (5.10 order), offsets from _start:
 * __init_begin 4K, __init_end 1M + 0x40000, _text 2M, _etext 9M + 0x23000,
 * __start_rodata 10M, __end_rodata 13M + 0x8000 (_data 14M), _end 20M.
 * After mark_rodata_ro (whole PMDs): [0, 2M) RWX (head and init: 5.10's
 * known W+X), text 4 PMDs RX (0xeb), rodata 2 PMDs R (0xe3), the rest RW NX
 * (0xe7). */
static void test_v5_10(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {0};
	struct vml_kernel_image *im = &cfg.image;
	const uint64_t t = 0xffffffe000000000ULL;
	struct vml_pt_stats st;
	struct vml_pt_walk w;

	board_2g(&b);
	config(&cfg, "5.10", 39);
	im->known = true;
	im->init_begin = t + 0x1000;
	im->init_end = t + M(1) + 0x40000;
	im->text = im->stext = t + M(2);
	im->etext = t + M(9) + 0x23000;
	im->start_rodata = t + M(10);
	im->end_rodata = t + M(13) + 0x8000;
	im->sdata = t + M(14);
	im->end = t + M(20);
	if (build(&b, &cfg, &o)) {
		CHECK(!"5.10 build");
		teardown();
		return;
	}
	CHECK(img.v5_10);
	CHECK_EQ_U64(img.start, t);
	CHECK_EQ_U64(img.data, t + M(14));
	memset(&st, 0, sizeof(st));
	CHECK_EQ_INT(vml_pt_count(&ctx, &st), 0);
	CHECK_EQ_U64(st.leaves[1], 1023);
	CHECK_EQ_U64(st.leaves[2], 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t - VML_SZ_4K), &w, NULL), VML_ENOENT);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], (0x80200000ULL >> 2) | 0xef);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t + M(8)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(8)) >> 2) | 0xeb);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t + M(12)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(12)) >> 2) | 0xe3);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t + M(14)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + M(14)) >> 2) | 0xe7);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(t + G(1)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[1], ((0x80200000ULL + G(1)) >> 2) | 0xe7);
	teardown();
}

/* Refusals: a System.map whose __start_rodata is not 2 MiB aligned. */
static void test_refuses_unaligned_rodata(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {0};

	board_2g(&b);
	config(&cfg, "6.12", 39);
	example_image(&cfg);
	cfg.image.start_rodata += 0x1000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 300 + VML_EINVAL);
	teardown();
}

/* Invariants over the leaves of a built tree. */
struct inv {
	uint64_t wx, shared, misplaced, nomap_mapped, linear_bytes, outside, bad_prot;
	uint64_t vmemmap_bytes, vmemmap_misplaced;
	const struct vml_board *b;
};

static bool strictly_inside(uint64_t x, uint64_t s, uint64_t size)
{
	return x > s && x - s < size;
}

static uint32_t rwx(const struct vml_pt_range *r)
{
	return r->attrs.perm & (VML_PT_READ | VML_PT_WRITE | VML_PT_EXEC);
}

static const struct vml_reservation *memmap_buffer(void)
{
	return top_memmap_buffer(&lo, "vmemmap");
}

static int check_leaf(void *arg, const struct vml_pt_range *r)
{
	struct inv *v = arg;
	const uint64_t va = r->va.va;
	const uint32_t R = VML_PT_READ, W = VML_PT_WRITE, X = VML_PT_EXEC;
	const uint64_t kend = vml_align_up(img.end, VML_SZ_2M);

	if (!img.v5_10 && (r->attrs.perm & W) && (r->attrs.perm & X))
		v->wx++;
	if (!img.v5_10 && va >= img.start && va < kend) {
		const uint64_t seg[] = {img.init_begin, img.init_data_begin, img.start_rodata,
					img.data};
		uint32_t want = va < img.init_begin	   ? R | X
				: va < img.init_data_begin ? R
				: va < img.start_rodata	   ? R | W
				: va < img.data		   ? R
							   : R | W;

		for (unsigned int i = 0; i < VML_ARRAY_SIZE(seg); i++)
			v->shared += strictly_inside(seg[i], va, r->size);
		v->misplaced += r->pa.pa != va - lo.kimage_voffset;
		v->bad_prot += rwx(r) != want;
		return 0;
	}
	if (!img.v5_10 &&
	    top_leaf(&lo, memmap_buffer(), r, &v->vmemmap_bytes, &v->vmemmap_misplaced))
		return 0;
	if (va < lo.page_offset && !img.v5_10) {
		v->outside++;
		return 0;
	}
	if (r->pa.pa != va - lo.page_offset + lo.phys_offset)
		v->misplaced++;
	if (!img.v5_10) {
		/* the aliases: text R, rodata R, no segment boundary inside */
		const uint64_t pa = r->pa.pa;
		const uint64_t seg[] = {img.pa_start, img.init_data_begin - lo.kimage_voffset,
					img.start_rodata - lo.kimage_voffset,
					img.data - lo.kimage_voffset};

		for (unsigned int i = 0; i < VML_ARRAY_SIZE(seg); i++)
			v->shared += strictly_inside(seg[i], pa, r->size);
		/* text alias R; init text's alias RW after free_initmem */
		if ((pa >= img.pa_start && pa < img.init_begin - lo.kimage_voffset) ||
		    (pa >= seg[2] && pa < seg[3]))
			v->bad_prot += rwx(r) != R;
		else
			v->bad_prot += rwx(r) != (R | W);
	}
	for (unsigned int i = 0; i < v->b->n_reserved; i++) {
		const struct vml_board_reserved *n = &v->b->reserved[i];

		if (n->nomap && r->pa.pa < n->base + n->size && n->base < r->pa.pa + r->size)
			v->nomap_mapped++;
	}
	v->linear_bytes += r->size;
	return 0;
}

static uint64_t rnd(uint64_t n)
{
	return ((uint64_t)rand() << 31 ^ (uint64_t)rand()) % n;
}

/* Random boards: 1-3 banks, two no-map carve-outs, each profile and mode,
 * KASLR, KFENCE and debug_pagealloc at random, vmlayout's default segments.
 * The image: every leaf in one segment (no boundary inside a leaf), at its
 * PA, with the segment's final prot; the linear map: each leaf at its own
 * PA, never over no-map, the aliases read-only, no boundary inside a leaf;
 * nothing W+X (6.x); the linear leaves cover exactly the memory ranges from
 * __pa(PAGE_OFFSET) on (the tree's leaves do not overlap). */
static void test_random_board_invariants(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	static const char *const profiles[] = {"5.10", "6.12", "6.18"};
	static const unsigned int bits[] = {39, 48, 57};
	unsigned int built = 0;

	srand(4242);
	for (int iter = 0; iter < 40; iter++) {
		struct vml_boot_opts o = {0};
		struct inv v = {0};
		struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
		vml_phys_t s, e;
		uint64_t want = 0, base = 0x80000000 + rnd(8) * M(128);
		int ret;

		vml_board_init(&b);
		b.n_memory = 1 + (unsigned int)rnd(3);
		for (unsigned int i = 0; i < b.n_memory; i++) {
			b.memory[i].base = base;
			b.memory[i].size = M(96) + rnd(12) * M(32) + rnd(8) * 0x10000;
			base += b.memory[i].size + rnd(4) * M(2) + 0x10000 * rnd(3);
		}
		for (unsigned int i = 0; i < 2; i++) {
			struct vml_board_reserved *r = &b.reserved[b.n_reserved++];
			const struct vml_range64 *bank = &b.memory[rnd(b.n_memory)];

			snprintf(r->name, sizeof(r->name), "carveout%u", i);
			r->nomap = true;
			r->size = 0x10000 * (1 + rnd(64));
			r->base = bank->base + M(64) + 0x10000 * rnd(64) + (uint64_t)i * M(8);
		}
		config(&cfg, profiles[rnd(3)], bits[rnd(3)]);
		cfg.load_phys = b.memory[0].base + M(2) * (1 + rnd(4));
		cfg.image_size = M(16) + 0x10000 * rnd(256);
		cfg.randomize_base = rnd(2);
		cfg.kaslr_seed = rnd(1000);
		o.rodata = VML_BOOT_RODATA_DEFAULT;
		o.kfence = rnd(3) == 0 ? VML_BOOT_KFENCE_EARLY : VML_BOOT_KFENCE_NONE;
		o.debug_pagealloc = rnd(8) == 0;
		ret = build(&b, &cfg, &o);
		if (ret >= 100 && ret < 200) /* the layout refused this board */
			continue;
		CHECK_EQ_INT(ret, 0);
		if (ret)
			continue;
		built++;
		v.b = &b;
		CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, check_leaf, &v), 0);
		while (vml_memblock_next_mem_range(&mb, &it, VML_MEMBLOCK_NONE, &s, &e)) {
			if (s <= lo.phys_offset && lo.phys_offset < e)
				s = lo.phys_offset;
			want += e - s;
		}
		CHECK_EQ_U64(v.wx, 0);
		CHECK_EQ_U64(v.shared, 0);
		CHECK_EQ_U64(v.misplaced, 0);
		CHECK_EQ_U64(v.nomap_mapped, 0);
		CHECK_EQ_U64(v.outside, 0);
		/* the vmemmap maps the whole struct page buffer, nothing else */
		CHECK_EQ_U64(v.vmemmap_misplaced, 0);
		if (memmap_buffer() && !img.v5_10)
			CHECK_EQ_U64(v.vmemmap_bytes, memmap_buffer()->size);
		CHECK_EQ_U64(v.bad_prot, 0);
		CHECK_EQ_U64(v.linear_bytes, want);
		if (check_failures_in_test) {
			fprintf(stderr,
				"  iteration %d (profile %s, cpu sv%u, kfence %d, dpa %d)\n", iter,
				cfg.profile, cfg.cpu_va_bits, (int)o.kfence,
				(int)o.debug_pagealloc);
			break;
		}
	}
	CHECK(built >= 30);
	teardown();
}

int main(void)
{
	RUN_TEST(test_example_sv39_6_12);
	RUN_TEST(test_example_sv39_paging_init);
	RUN_TEST(test_example_sv48_6_12);
	RUN_TEST(test_spec_b7_example);
	RUN_TEST(test_debug_pagealloc);
	RUN_TEST(test_descriptors);
	RUN_TEST(test_rodata_off);
	RUN_TEST(test_kfence);
	RUN_TEST(test_v5_10);
	RUN_TEST(test_refuses_unaligned_rodata);
	RUN_TEST(test_random_board_invariants);
	return CHECK_DONE("test_riscv_boot_tables");
}

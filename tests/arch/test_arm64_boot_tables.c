/* SPDX-License-Identifier: MIT */
/*
 * The arm64 kernel's boot page tables (src/arch/arm64/boot_tables.c) built
 * from a computed layout: exact leaf and table counts per level for a
 * worked example, descriptor values, and invariants on random boards.
 *
 * Worked example: RAM 4 GiB at 0x40000000 (memstart_addr 0x40000000, the
 * linear VA of PA p is 0xffff000000000000 + p - 0x40000000), 4K/48, no
 * KASLR, _text at PA 0x40200000 and at VA KIMAGE_VADDR (v6.12:
 * 0xffff800080000000), image offsets from _text:
 *   _stext 64K, _etext = __start_rodata 10M, __init_begin 16M,
 *   __inittext_end 18M, __init_end = _data 20M, _end 32M.
 */
#include <stdlib.h>

#include "arch/arm64/boot_tables.h"
#include "arch/top_leaves.h"
#include "check.h"
#include "vmlayout/physmem.h"

#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)
#define K64 0x10000ULL
#define LM 0xffff000000000000ULL

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_pt_format fmt;
static struct vml_physmem_tables tabs;
static struct vml_pt_ctx ctx;
static struct vml_arm64_image img;
static uint64_t kfence_pool;
static const struct vml_reservation *memmap_buffer(void);
/* The image's own table pages (the root; v6.12+ the image's tables): 32
 * pages before _end's 4K early stack, as the command places them. */
static struct vml_memblock_region img_mem_r[2], img_res_r[64];
static struct vml_memblock img_mb;
static struct vml_physmem_tables img_tabs;

static void config(struct vml_kernel_config *cfg, const char *profile)
{
	vml_kernel_config_init(cfg, VML_ARCH_ARM64);
	strcpy(cfg->profile, profile);
	cfg->load_phys_set = true;
	cfg->load_phys = 0x40200000;
}

/* The example's image as a System.map would give it (link-time VAs; only
 * the offsets matter: boot_image moves them to the layout's _text). */
static void example_image(struct vml_kernel_config *cfg)
{
	struct vml_kernel_image *im = &cfg->image;
	const uint64_t t = 0xffff800080000000ULL;

	im->known = true;
	im->text = t;
	im->stext = t + K64;
	im->etext = im->start_rodata = t + M(10);
	im->end_rodata = t + M(15);
	im->init_begin = t + M(16);
	im->init_end = im->sdata = t + M(20);
	im->edata = im->bss_start = t + M(24);
	im->bss_stop = im->end = t + M(32);
}

static void board_4g(struct vml_board *b)
{
	vml_board_init(b);
	b->memory[0].base = 0x40000000;
	b->memory[0].size = G(4);
	b->n_memory = 1;
}

static void teardown(void)
{
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

/* Layout, format, root, boot tables. */
static int build(const struct vml_board *b, const struct vml_kernel_config *cfg,
		 const struct vml_boot_opts *o)
{
	/* a 52-bit build on a CPU without LPA2 walks VA_BITS_MIN tables */
	unsigned int va = cfg->va_bits == 52 && cfg->cpu_va_bits && cfg->cpu_va_bits < 52
			      ? cfg->cpu_va_bits
			      : cfg->va_bits;
	struct vml_pt_spec spec = {"arm64", NULL, cfg->page_size, va, 0, 0, 0, 0};
	struct vml_diag d = {0};
	int ret;

	teardown();
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, cfg->page_size);
	ret = vml_layout_compute(b, cfg, &mb, &lo, &d);
	if (ret) /* VML_E* are negative: 101 and up */
		return 100 - ret;
	if (vml_pt_format_lookup(&fmt, &spec, &d))
		return 200;
	ret = vml_arm64_boot_image(&lo, cfg, o, &img, &d);
	if (ret)
		return 300 + ret;
	tabs = (struct vml_physmem_tables){.mb = &mb, .pm = vml_physmem_new(), .limit = 0};
	{
		uint64_t page = cfg->page_size ? cfg->page_size : VML_SZ_4K;
		uint64_t end = vml_align_down(img.pa_text + (img.end - img.text) - VML_SZ_4K, page);

		vml_memblock_init(&img_mb, img_mem_r, 2, img_res_r, 64, ~0ULL, page);
		if (vml_memblock_add(&img_mb, end - 32 * page, 32 * page, NULL))
			return 500;
		img_tabs = (struct vml_physmem_tables){.mb = &img_mb, .pm = tabs.pm, .limit = 0};
	}
	ctx = (struct vml_pt_ctx){0};
	ctx.fmt = &fmt;
	ctx.upper = true;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &img_tabs;
	if (vml_pt_init(&ctx, &d))
		return 400;
	ctx.cb = &tabs;
	ret = vml_arm64_boot_tables(&ctx, &lo, &img, &mb, o, &img_tabs, &kfence_pool, &d);
	if (ret && ret != VML_EINVAL)
		fprintf(stderr, "  boot_tables: %s at 0x%llx\n", d.rule,
			(unsigned long long)d.addr);
	return ret;
}

static void example_kfence(const char *profile, enum vml_boot_rodata r, enum vml_boot_kfence kfence,
			   struct vml_pt_stats *st)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.rodata = r, .stage = VML_BOOT_RUNNING, .kfence = kfence};

	board_4g(&b);
	config(&cfg, profile);
	example_image(&cfg);
	o.inittext_end = 0xffff800080000000ULL + M(18);
	if (!strcmp(profile, "6.1"))
		o.inittext_end = 0xffff800008000000ULL + M(18); /* v6.1 KIMAGE_VADDR */
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	memset(st, 0, sizeof(*st));
	CHECK_EQ_INT(vml_pt_count(&ctx, st), 0);
}

static void example(const char *profile, enum vml_boot_rodata r, struct vml_pt_stats *st)
{
	example_kfence(profile, r, VML_BOOT_KFENCE_NONE, st);
}

/* 6.12, rodata=full: the linear map is pages but the alias's blocks.
 * Alias [pa(_text), pa(__init_begin)) = [0x40200000, 0x41200000) = VA
 * [LM + 2M, LM + 18M): 8 PMD blocks (NO_CONT only). Other RAM: (4096M -
 * 16M) / 4K = 1044480 PTEs (4 GiB / 4K = 1048576 pages = 1044480 + 8 x 512:
 * map_mem() lets the alias take blocks even under rodata=full). Image (map_range): [_text, _stext)
 * 16 PTEs; text [64K, 10M): 1984K / 4K = 496 PTEs, all CONT (31 groups of 16), then 4 PMDs [2M,
 * 10M); rodata [10M, 16M): 3 PMDs; init [16M, 20M) unmapped by free_initmem; data [20M, 32M): 6
 * PMDs (map_range puts no CONT on PMDs). L2 leaves 8 + 4 + 3 + 6 = 21; L3 1044480 + 16 + 496 =
 * 1044992. Tables: L1 2 (linear, image), L2 4 (one per GiB of linear) + 1, L3 (4G / 2M - 8) = 2040
 * + 1 for the image's first 2M. */
static void test_example_v6_12_rodata_full(void)
{
	struct vml_pt_stats st;

	example("6.12", VML_BOOT_RODATA_FULL, &st);
	CHECK_EQ_U64(img.text, 0xffff800080000000ULL);
	CHECK_EQ_U64(img.pa_text, 0x40200000);
	CHECK_EQ_U64(st.leaves[1], 0);
	CHECK_EQ_U64(st.leaves[2],
		     21 + 32); /* + the vmemmap: 32 sections of 4 GiB, a PMD block each */
	CHECK_EQ_U64(st.cont_leaves[2], 0);
	CHECK_EQ_U64(st.leaves[3], 1044992);
	CHECK_EQ_U64(st.cont_leaves[3], 496);
	CHECK_EQ_U64(st.tables[0], 1);
	CHECK_EQ_U64(st.tables[1], 2 + 2);    /* + vmemmap's, bm_pud */
	CHECK_EQ_U64(st.tables[2], 5 + 2);    /* + vmemmap's, bm_pmd */
	CHECK_EQ_U64(st.tables[3], 2041 + 2); /* + two bm_pte: the v6.12 fixmap spans 2 PMDs */
	teardown();
}

/* The default (no rodata=) is rodata=full; rodata=on (v6.12: rodata_full
 * false) gives the blocks of rodata=off with the RO/ROX image. */
static void test_example_default_is_full_and_on_is_blocks(void)
{
	struct vml_pt_stats st;

	example("6.12", VML_BOOT_RODATA_DEFAULT, &st);
	CHECK_EQ_U64(st.leaves[3], 1044992);
	teardown();
	example("6.12", VML_BOOT_RODATA_ON, &st);
	CHECK_EQ_U64(st.leaves[1], 3);
	CHECK_EQ_U64(st.leaves[2],
		     525 + 32); /* + the vmemmap: 32 sections of 4 GiB, a PMD block each */
	teardown();
}

/* 6.12, rodata=off: blocks and CONT in the linear map. [LM, LM + 2M): one
 * PMD (its CONT group [0, 32M) is not whole in the range); alias 8 PMDs;
 * [18M, 32M): 7 PMDs; [32M, 1G): 31 CONT groups of 16 PMDs = 496; [1G,
 * 4G): 3 PUDs. Image as above: 4 + 3 + 6 PMDs, 16 + 496 PTEs.
 * L1 3; L2 1 + 8 + 7 + 496 + 13 = 525 (496 CONT); L3 512 (496 CONT);
 * the only PTE table is the image's. */
static void test_example_v6_12_rodata_off(void)
{
	struct vml_pt_stats st;

	example("6.12", VML_BOOT_RODATA_OFF, &st);
	CHECK_EQ_U64(st.leaves[1], 3);
	CHECK_EQ_U64(st.leaves[2],
		     525 + 32); /* + the vmemmap: 32 sections of 4 GiB, a PMD block each */
	CHECK_EQ_U64(st.cont_leaves[2], 496);
	CHECK_EQ_U64(st.leaves[3], 512);
	CHECK_EQ_U64(st.cont_leaves[3], 496);
	CHECK_EQ_U64(st.tables[3], 1 + 2); /* + the fixmap's two bm_pte */
	teardown();
}

/* 6.1, rodata=full: [_text, _stext) is not mapped; the alias starts at
 * pa(_stext) = 0x40210000: VA [LM + 0x210000, LM + 4M) 1984K = 496 PTEs
 * (NO_CONT), [4M, 18M) 7 PMDs. Other RAM: 4096M - (18M - 0x210000) =
 * 4096M - 16320K, / 4K = 1048576 - 4080 = 1044496 PTEs. Image
 * (__create_pgd_mapping): text 496 CONT PTEs + 4 PMDs, rodata 3 PMDs, data
 * 6 PMDs (no 32M CONT_PMD group fits). L2 7 + 13 = 20; L3 1044496 + 496 +
 * 496 = 1045488, 496 CONT. */
static void test_example_v6_1_rodata_full(void)
{
	struct vml_pt_stats st;

	example("6.1", VML_BOOT_RODATA_FULL, &st);
	CHECK_EQ_U64(img.text, 0xffff800008000000ULL);
	CHECK_EQ_U64(st.leaves[2],
		     20 + 32); /* + the vmemmap: 32 sections of 4 GiB, a PMD block each */
	CHECK_EQ_U64(st.cont_leaves[2], 0);
	CHECK_EQ_U64(st.leaves[3], 1045488);
	CHECK_EQ_U64(st.cont_leaves[3], 496);
	teardown();
}

/* v6.1: the layout counts map_kernel()'s tables by the same rules the
 * build follows (layout_paging_init.c), so the tables boot-tables takes
 * after giving the stand-ins back fill them exactly: the reserved memory is
 * the layout's, page for page. The example image's segments end on 2M
 * boundaries (_etext 10M, __init_begin 16M, __inittext_end 18M, _data 20M,
 * _end 32M) but _stext (64K): a PUD, a PMD and one PTE table = 3 pages, at
 * the top of RAM; the idmap's stay reserved in both. */
static void test_v6_1_stand_ins_filled(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	static struct vml_memblock_region m2[256], r2[256];
	struct vml_memblock mb2;
	struct vml_layout lo2;
	struct vml_diag d = {0};
	struct vml_boot_opts o = {.rodata = VML_BOOT_RODATA_FULL, .stage = VML_BOOT_PAGING_INIT};
	const struct vml_reservation *r = NULL;

	board_4g(&b);
	config(&cfg, "6.1");
	example_image(&cfg);
	cfg.image.inittext_end = 0xffff800080000000ULL + M(18);
	vml_memblock_init(&mb2, m2, 256, r2, 256, ~0ULL, cfg.page_size);
	CHECK_EQ_INT(vml_layout_compute(&b, &cfg, &mb2, &lo2, &d), 0);
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(img.inittext_end, 0xffff800008000000ULL + M(18));
	for (unsigned int i = 0; i < lo.n_reservations; i++)
		if (!strcmp(lo.reservations[i].name, "page tables (kernel image)"))
			r = &lo.reservations[i];
	CHECK(r && r->size == 3 * VML_SZ_4K && r->base + r->size == 0x140000000);
	CHECK_EQ_U64(vml_memblock_reserved_size(&mb), vml_memblock_reserved_size(&mb2));
	CHECK(r && vml_memblock_is_region_reserved(&mb, r->base, r->size));
	teardown();
}

/* Descriptors, hand-made from asm/pgtable-prot.h and pgtable-hwdef.h:
 * PAGE_KERNEL page = AF 0x400 | SH inner 0x300 | page 0x3 | DBM (51) | PXN
 * (53) | UXN (54) | PTE_DIRTY (55, software) = 0x00e8000000000703;
 * PAGE_KERNEL_RO: no DBM, AP[2] 0x80 = 0x00e0000000000783; ROX: no PXN =
 * 0x00c0000000000783, + CONT (52) 0x0010000000000000. map_mem()'s linear
 * map is pgprot_tagged(PAGE_KERNEL): AttrIndx 1 (MT_NORMAL_TAGGED) = 0x4,
 * 0x00e8000000000707; its alias is PAGE_KERNEL (AttrIndx 0). (The live
 * tables of Debian's 6.1 boots have exactly these bits: docs/conformance.md.)
 * Linear tables: PXNTable (59) | UXNTable (60) | 0x3; image tables:
 * UXNTable only. Block: bits[1:0] = 01. */
static void test_descriptors(void)
{
	struct vml_pt_stats st;
	struct vml_pt_walk w;

	example("6.12", VML_BOOT_RODATA_FULL, &st);
	/* linear map, first page: PA 0x40000000, RW NX */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM), &w, NULL), 0);
	CHECK_EQ_INT(w.depth, 4);
	CHECK_EQ_U64(w.raw[3], 0x00e8000040000707ULL);
	CHECK_EQ_U64(w.raw[2] & 0xf800000000000fffULL, 0x1800000000000003ULL);
	/* the alias: an RO block at PA 0x40200000 */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM + M(2)), &w, NULL), 0);
	CHECK_EQ_INT(w.level, 2);
	CHECK_EQ_U64(w.raw[2], 0x00e0000040200781ULL);
	/* text: ROX + CONT at PA 0x40210000; the image's tables: UXNTable */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.stext), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00d0000040210783ULL);
	CHECK_EQ_U64(w.raw[2] & 0xf800000000000fffULL, 0x1000000000000003ULL);
	/* [_text, _stext) RO NX (mark_rodata_ro, v6.12) */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.text), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00e0000040200783ULL);
	/* rodata: an RO block at PA 0x40200000 + 10M */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.start_rodata), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00e0000040c00781ULL);
	/* data: a RW block; init: unmapped after free_initmem */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.data), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00e8000041600701ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.init_begin), &w, NULL), VML_ENOENT);
	teardown();
}

/* The vmemmap's PMD blocks: vmemmap_set_pmd() -> pmd_set_huge(
 * PROT_SECT_NORMAL) (arch/arm64/mm/mmu.c): block 0x1 | SH inner 0x300 | AF
 * 0x400 | PXN (53) | UXN (54), MT_NORMAL, and from v6.12 PTE_WRITE, DBM
 * (51): 0x0060000000000701 in v6.1, 0x0068000000000701 in v6.12 (and
 * 7.2.13, the 6.18 profile) (asm/pgtable-prot.h). The board's first
 * section (memstart_addr 0x40000000) is at VMEMMAP_START, its struct pages
 * at the layout's "vmemmap (struct page)" buffer. The live vmemmap of the
 * Debian 13 6.12 boots has DBM (docs/conformance.md); vmlayout's had not. */
static void test_vmemmap_block_prot(void)
{
	static const struct {
		const char *profile;
		uint64_t bits;
	} cases[] = {{"6.1", 0x0060000000000701ULL},
		     {"6.12", 0x0068000000000701ULL},
		     {"6.18", 0x0068000000000701ULL}};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_pt_stats st;
		struct vml_pt_walk w;
		const struct vml_vregion *vm;

		example(cases[i].profile, VML_BOOT_RODATA_FULL, &st);
		vm = vml_layout_find_region(&lo, "vmemmap");
		CHECK(vm != NULL);
		if (!vm)
			continue;
		CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(vm->start), &w, NULL), 0);
		CHECK_EQ_INT(w.level, 2);
		CHECK_EQ_U64(w.raw[2] & ~0x0000ffffffe00000ULL, cases[i].bits);
		CHECK_EQ_U64(w.raw[2] & 0x0000ffffffe00000ULL, memmap_buffer()->base);
		teardown();
	}
}

/* KASLR (v6.1): a seed moves the image, kaslr_requires_kpti() is true and
 * every kernel mapping gets nG (bit 11, 0x800): the linear map's first page
 * 0x00e8000040000f07, the text 0x00d0000040210f83. nokaslr: global again.
 * (The Debian 6.1 boot with kaslr-seed 0x123456789abcdef0 has nG on every
 * leaf, the nokaslr boots on none.) */
static void test_kaslr_not_global(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.rodata = VML_BOOT_RODATA_FULL, .stage = VML_BOOT_RUNNING};
	struct vml_pt_walk w;

	board_4g(&b);
	config(&cfg, "6.1");
	example_image(&cfg);
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x123456789abcdef0ULL;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK(lo.kaslr_offset != 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00e8000040000f07ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.stext), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00d0000040210f83ULL);
	strcpy(cfg.boot_command_line, "nokaslr");
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00e8000040000707ULL);
	teardown();
}

/* The KPTI trampoline (map_entry_trampoline(), arch/arm64/mm/mmu.c, a
 * core_initcall): v6.1 maps it whenever UNMAP_KERNEL_AT_EL0=y. FIXADDR_TOP
 * = VMEMMAP_START - 32M = 0xfffffbfffe000000; the permanent slots end at
 * FIX_FDT (1024) + EARLYCON + POKE0 + 2 GHES + 4 trampoline + 1 = 1033, so
 * FIX_ENTRY_TRAMP_TEXT1 = 1032: 0xfffffbfffe000000 - 1032 * 4K =
 * 0xfffffbfffdbf8000; ARM_SDE_INTERFACE adds 2 slots (Debian's config:
 * 0xfffffbfffdbf6000, where the Debian 6.1 boots have it). The text's 3
 * pages PAGE_KERNEL_ROX and global (0x00c0...783, as the boots' live
 * tables), the data page PAGE_KERNEL_RO (0x00e0...783), nG under KASLR;
 * rodata=off: PAGE_KERNEL_EXEC. v6.12 maps it only when KPTI is on, which
 * the CPU vmlayout takes needs KASLR. */
static void test_kpti_trampoline(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.rodata = VML_BOOT_RODATA_FULL, .stage = VML_BOOT_RUNNING};
	const uint64_t text1 = 0xfffffbfffdbf8000ULL, pa = 0x40200000 + M(15) + 0x4000;
	struct vml_pt_walk w;

	board_4g(&b);
	config(&cfg, "6.1");
	example_image(&cfg);
	cfg.image.entry_tramp_text_start = cfg.image.text + M(15) + 0x4000;
	cfg.image.entry_tramp_text_end = cfg.image.entry_tramp_text_start + 0x3000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.kpti_tramp_va, text1);
	for (unsigned int i = 0; i < 3; i++) {
		CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(text1 + i * 0x1000), &w, NULL), 0);
		CHECK_EQ_U64(w.raw[3], 0x00c0000000000783ULL | (pa + i * 0x1000));
	}
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(text1 + 0x3000), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], 0x00e0000000000783ULL | (pa + 0x3000));
	CHECK(vml_pt_walk(&ctx, vml_va(text1 + 0x4000), &w, NULL) != 0);
	/* at paging_init() the initcall has not run */
	o.stage = VML_BOOT_PAGING_INIT;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK(vml_pt_walk(&ctx, vml_va(text1), &w, NULL) != 0);
	o.stage = VML_BOOT_RUNNING;
	/* SDEI's two slots move it down two pages */
	cfg.arm_sde_interface = true;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.kpti_tramp_va, 0xfffffbfffdbf6000ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xfffffbfffdbf6000ULL), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), pa);
	cfg.arm_sde_interface = false;
	/* rodata=off: PAGE_KERNEL_EXEC, writable and executable */
	o.rodata = VML_BOOT_RODATA_OFF;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(text1), &w, NULL), 0);
	CHECK((w.attrs.perm & VML_PT_WRITE) && (w.attrs.perm & VML_PT_EXEC));
	o.rodata = VML_BOOT_RODATA_FULL;
	/* KASLR: the text stays global, the data page gets nG */
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x123456789abcdef0ULL;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(text1), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3] & 0x800, 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(text1 + 0x3000), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3] & 0x800, 0x800);
	/* without UNMAP_KERNEL_AT_EL0 nothing, and no slots */
	cfg.kaslr_seed_set = false;
	cfg.unmap_kernel_at_el0 = false;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.kpti_tramp_va, 0);
	cfg.unmap_kernel_at_el0 = true;
	/* more than 3 pages of text: the link would have failed */
	cfg.image.entry_tramp_text_end = cfg.image.entry_tramp_text_start + 0x4000;
	CHECK_EQ_INT(build(&b, &cfg, &o), VML_EINVAL);
	cfg.image.entry_tramp_text_end = cfg.image.entry_tramp_text_start + 0x3000;
	/* v6.12 without KASLR: KPTI off, nothing in its slots */
	config(&cfg, "6.12");
	example_image(&cfg);
	cfg.image.entry_tramp_text_start = cfg.image.text + M(15) + 0x4000;
	cfg.image.entry_tramp_text_end = cfg.image.entry_tramp_text_start + 0x3000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK(lo.kpti_tramp_va != 0);
	CHECK(vml_pt_walk(&ctx, vml_va(lo.kpti_tramp_va), &w, NULL) != 0);
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x123456789abcdef0ULL;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(lo.kpti_tramp_va), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), pa);
	/* an image 64K but not 2M aligned, no seed: v6.12's kaslr_offset() is
	 * 0x10000, under MIN_KIMG_ALIGN, so kaslr_init() leaves KASLR off: no
	 * KPTI (no trampoline) and global mappings (no seed, no
	 * arm64_use_ng_mappings); v6.1's kaslr_requires_kpti() asks only
	 * kaslr_offset() > 0: nG everywhere */
	cfg.kaslr_seed_set = false;
	cfg.load_phys = 0x40210000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x10000);
	CHECK(vml_pt_walk(&ctx, vml_va(lo.kpti_tramp_va), &w, NULL) != 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.stext), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3] & 0x800, 0);
	strcpy(cfg.profile, "6.1");
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.stext), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3] & 0x800, 0x800);
	teardown();
}

/* At paging_init, before mark_rodata_ro: rodata still RW, init mapped
 * (inittext ROX, initdata RW), the alias RW. */
static void test_stage_paging_init(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.rodata = VML_BOOT_RODATA_FULL,
				  .stage = VML_BOOT_PAGING_INIT,
				  .kfence = VML_BOOT_KFENCE_NONE,
				  .inittext_end = 0xffff800080000000ULL + M(18)};
	struct vml_pt_walk w;

	board_4g(&b);
	config(&cfg, "6.12");
	example_image(&cfg);
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.start_rodata), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00e8000040c00701ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.init_begin), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00c0000041200781ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(img.inittext_end), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00e8000041400701ULL);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(LM + M(2)), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[2], 0x00e8000040200701ULL);
	teardown();
}

/* rodata=noalias exists only in the 6.18 profile. */
static void test_noalias_refused_before_6_18(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {.rodata = VML_BOOT_RODATA_NOALIAS};

	board_4g(&b);
	config(&cfg, "6.12");
	example_image(&cfg);
	CHECK_EQ_INT(build(&b, &cfg, &o), VML_EINVAL);
	teardown();
}

/* KFENCE: built in with sample_interval=0 (late pool) forces pages even
 * with rodata=off (arm64_kfence_can_set_direct_map() = !kfence_early_init):
 * the rodata=full counts. With an early pool, KFENCE_POOL_SIZE = 256 x 2 x
 * 4K = 2 MiB comes from memblock and is mapped with 512 PTEs, no CONT,
 * PAGE_KERNEL, while the rest keeps its blocks. */
static int pool_leaf(void *arg, const struct vml_pt_range *r)
{
	uint64_t *n = arg;
	uint64_t first = (kfence_pool - 0x40000000) | LM;

	if (r->va.va >= first && r->va.va < first + M(2)) {
		n[0]++;
		n[1] += r->level == 3 && !(r->attrs.perm & VML_PT_CONT) &&
			r->pa.pa == r->va.va - LM + 0x40000000;
	}
	return 0;
}

static void test_kfence(void)
{
	struct vml_pt_stats st;
	struct vml_pt_walk w;
	uint64_t n[2] = {0, 0};

	example_kfence("6.12", VML_BOOT_RODATA_OFF, VML_BOOT_KFENCE_LATE, &st);
	CHECK_EQ_U64(st.leaves[2],
		     21 + 32); /* + the vmemmap: 32 sections of 4 GiB, a PMD block each */
	CHECK_EQ_U64(st.leaves[3], 1044992);
	CHECK_EQ_U64(kfence_pool, 0);
	teardown();
	example_kfence("6.12", VML_BOOT_RODATA_OFF, VML_BOOT_KFENCE_EARLY, &st);
	CHECK(kfence_pool >= 0x40000000 && kfence_pool + M(2) <= 0x140000000ULL);
	CHECK_EQ_U64(kfence_pool & 0xfff, 0);
	CHECK(vml_memblock_is_region_reserved(&mb, kfence_pool, M(2)));
	CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, pool_leaf, n), 0);
	CHECK_EQ_U64(n[0], 512);
	CHECK_EQ_U64(n[1], 512);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va((kfence_pool - 0x40000000) | LM), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[3], kfence_pool | 0x00e8000000000707ULL);
	CHECK(st.leaves[1] >= 2); /* blocks elsewhere */
	teardown();
}

static bool in_linear(uint64_t va)
{
	const struct vml_vregion *r = vml_layout_find_region(&lo, "linear");

	return r && va >= r->start && va < r->end;
}

/* Tables of the linear map, counted from its leaves: one PTE table per 2M,
 * one PMD table per 1G, one PUD table per 512G chunk holding leaves (the
 * linear map is never unmapped, so no table is empty). */
struct chunks {
	uint64_t last[3], n[3];
};

static int linear_chunk(void *arg, const struct vml_pt_range *r)
{
	struct chunks *c = arg;
	const unsigned int shift[3] = {21, 30, 39};

	if (!in_linear(r->va.va))
		return 0;
	for (unsigned int i = 0; i < 3; i++) {
		uint64_t k = (r->va.va >> shift[i]) + 1;

		if ((i > 0 || r->level == 3) && k != c->last[i]) {
			c->last[i] = k;
			c->n[i]++;
		}
	}
	return 0;
}

static uint64_t misplaced_tables;

static const struct vml_reservation *find_reservation(const char *name)
{
	for (unsigned int i = 0; i < lo.n_reservations; i++)
		if (!strcmp(lo.reservations[i].name, name))
			return &lo.reservations[i];
	return NULL;
}

/* Every table lies in the image area, in [0x13f809000, 0x140000000) or in
 * the layout's vmemmap table pages (@arg). */
static int table_place(void *arg, int level, vml_paddr_t t, uint64_t size)
{
	const struct vml_memblock_region *a = &img_mem_r[0];
	const struct vml_reservation *v = arg;
	uint64_t pa = vml_pa_addr(t);

	(void)level;
	if (!(pa >= a->base && pa + size <= a->base + a->size) &&
	    !(pa >= 0x13f809000ULL && pa + size <= 0x140000000ULL) &&
	    !(v && pa >= v->base && pa + size <= v->base + v->size))
		misplaced_tables++;
	return 0;
}

/* A real boot: Debian's 6.12.100 arm64 kernel (4K/52 on a 48-bit CPU: 4K/48
 * tables at run time) under QEMU virt with 4 GiB at 0x40000000, nokaslr,
 * _text at 0x40200000, __init_begin at _text + 0x1cf0000 (its System.map;
 * _etext and __start_rodata are not in the test's record and do not change
 * this figure). memblock=debug showed the linear map's tables as 0x7f7000
 * bytes = 2039 pages (docs/arm64.md "Checked against real boots"): rodata=full,
 * the alias [0x40200000, 0x41ef0000) keeps 14 PMD blocks [LM + 2M, LM + 30M),
 * so 2048 - 14 = 2034 PTE tables, 4 PMD tables and 1 PUD table. */
static void test_debian_6_12_linear_tables(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {0};
	struct chunks c = {{0}, {0}};
	struct vml_kernel_image *im = &cfg.image;
	const struct vml_reservation *vm;

	board_4g(&b);
	config(&cfg, "6.12");
	cfg.va_bits = 52;
	cfg.cpu_va_bits = 48;
	strcpy(cfg.boot_command_line, "nokaslr");
	im->known = true;
	im->text = 0xffff800080000000ULL;
	im->stext = im->text + K64;
	im->etext = im->start_rodata = im->text + M(16);
	im->init_begin = im->text + 0x1cf0000;
	im->init_end = im->sdata = im->text + 0x2660000;
	im->end = im->text + 0x2b20000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_U64(img.pa_text, 0x40200000);
	CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, linear_chunk, &c), 0);
	CHECK_EQ_U64(c.n[0], 2034);
	CHECK_EQ_U64(c.n[1], 4);
	CHECK_EQ_U64(c.n[2], 1);
	CHECK_EQ_U64((c.n[0] + c.n[1] + c.n[2]) * 4096, 0x7f7000);
	/* From memblock came exactly those pages (the root and the image's
	 * tables come from the image), top-down from the end of RAM: where the
	 * boot log put them, [0x13f809000, 0x140000000), after the layout's
	 * stand-in block was given back. */
	CHECK_EQ_U64(tabs.allocated, 2039);
	CHECK(vml_memblock_is_reserved(&mb, 0x13f809000));
	/* and the vmemmap's PUD and PMD tables, which sparse_init() took
	 * later: the two pages the layout took then (the 6.1 boot of this
	 * board shows the kernel's two as one memblock=debug region,
	 * [0x13f7c9000, 0x13f7cb000), above the sparse buffer; vmlayout's lie
	 * 0x15000 higher, as the small allocations it does not model are not
	 * there: docs/arm64.md) */
	vm = find_reservation("page tables (vmemmap)");
	CHECK(vm && vm->size == 2 * VML_SZ_4K);
	CHECK_EQ_INT(vml_pt_for_each_table(&ctx, table_place, (void *)vm), 0);
	CHECK_EQ_U64(misplaced_tables, 0);
	teardown();
}

/* Invariants over the leaves of a built tree. */
struct inv {
	uint64_t wx, shared, nomap_mapped, misplaced, linear_bytes, outside;
	uint64_t vmemmap_bytes, vmemmap_misplaced;
	bool rodata_on;
};

static const struct vml_reservation *memmap_buffer(void)
{
	return top_memmap_buffer(&lo, "vmemmap (struct page)");
}

static int check_leaf(void *arg, const struct vml_pt_range *r)
{
	struct inv *v = arg;
	const uint64_t va = r->va.va;
	const uint64_t seg[] = {img.text,	  img.stext,	  img.etext,
				img.start_rodata, img.init_begin, img.inittext_end,
				img.init_end,	  img.data,	  img.end};

	if (v->rodata_on && (r->attrs.perm & VML_PT_WRITE) && (r->attrs.perm & VML_PT_EXEC))
		v->wx++;
	if (va >= img.text && va < img.end) {
		/* one segment per leaf: no boundary strictly inside it */
		for (unsigned int i = 0; i < VML_ARRAY_SIZE(seg); i++)
			if (seg[i] > va && seg[i] < va + r->size)
				v->shared++;
		if (r->pa.pa != va - lo.kimage_voffset)
			v->misplaced++;
		return 0;
	}
	if (top_leaf(&lo, memmap_buffer(), r, &v->vmemmap_bytes, &v->vmemmap_misplaced))
		return 0;
	if (!in_linear(va)) {
		v->outside++;
		return 0;
	}
	if (r->pa.pa != ((va & ~lo.page_offset) + lo.phys_offset))
		v->misplaced++;
	for (uint64_t pa = r->pa.pa; pa < r->pa.pa + r->size; pa += 0x1000)
		if (!vml_memblock_is_map_memory(&mb, pa)) {
			v->nomap_mapped++;
			break;
		}
	v->linear_bytes += r->size;
	return 0;
}

static uint64_t rnd(uint64_t n)
{
	return ((uint64_t)rand() << 31 ^ (uint64_t)rand()) % n;
}

/* Random boards: 1-3 banks, NOMAP carve-outs, the image in the first bank,
 * each rodata mode, KFENCE mode, profile and every geometry of spec §A.3
 * (the 52-bit builds on 52-bit CPUs and on smaller ones too). Every leaf of the image lies in one
 * segment at its PA; nothing is writable and executable (but with
 * rodata=off, where text is PAGE_KERNEL_EXEC); every linear leaf maps its
 * own PA (__phys_to_virt) in memory outside NOMAP, and together they cover
 * exactly the memory outside NOMAP (the tree's leaves do not overlap). */
static void test_random_board_invariants(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	static const char *const profiles[] = {"6.1", "6.12", "6.18"};
	/* every geometry of spec §A.3: VA_BITS, and for 52-bit builds the CPU's */
	static const struct geo {
		uint64_t page;
		unsigned int va, cpu;
	} geo[] = {{VML_SZ_4K, 48, 0},	 {VML_SZ_4K, 48, 0},  {VML_SZ_4K, 39, 0},
		   {VML_SZ_4K, 52, 52},	 {VML_SZ_4K, 52, 48}, {0x4000, 36, 0},
		   {0x4000, 47, 0},	 {0x4000, 48, 0},     {0x4000, 52, 52},
		   {0x4000, 52, 47},	 {VML_SZ_64K, 42, 0}, {VML_SZ_64K, 48, 0},
		   {VML_SZ_64K, 52, 52}, {VML_SZ_64K, 52, 48}};
	unsigned int built = 0;

	srand(12345);
	for (int iter = 0; iter < 120; iter++) {
		const struct geo *g;
		struct vml_boot_opts o = {0};
		struct inv v = {0};
		struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
		vml_phys_t s, e;
		uint64_t want = 0, base = 0x40000000 + rnd(8) * M(2) * 64;
		int ret;

		vml_board_init(&b);
		b.n_memory = 1 + (unsigned int)rnd(3);
		for (unsigned int i = 0; i < b.n_memory; i++) {
			b.memory[i].base = base;
			b.memory[i].size = M(64) + rnd(16) * M(32) + rnd(8) * K64;
			base += b.memory[i].size + rnd(4) * M(2) + K64 * rnd(3);
		}
		for (unsigned int i = 0; i < 2; i++) {
			struct vml_board_reserved *r = &b.reserved[b.n_reserved++];
			const struct vml_range64 *bank = &b.memory[rnd(b.n_memory)];

			snprintf(r->name, sizeof(r->name), "carveout%u", i);
			r->nomap = true;
			r->size = K64 * (1 + rnd(64));
			r->base = bank->base + M(48) + K64 * rnd(64) + (uint64_t)i * M(8);
		}
		config(&cfg, profiles[rnd(3)]);
		g = &geo[rnd(VML_ARRAY_SIZE(geo))];
		cfg.page_size = g->page;
		cfg.va_bits = g->va;
		cfg.cpu_va_bits = g->cpu;
		cfg.load_phys = b.memory[0].base + M(2) * (1 + rnd(4));
		cfg.image_size = M(16) + K64 * rnd(256);
		o.rodata = (enum vml_boot_rodata)(1 + rnd(3));
		o.debug_pagealloc = rnd(8) == 0;
		o.kfence = (enum vml_boot_kfence)rnd(3);
		ret = build(&b, &cfg, &o);
		if (ret >= 100 && ret < 200) /* the layout refused this board */
			continue;
		CHECK_EQ_INT(ret, 0);
		if (ret)
			continue;
		built++;
		v.rodata_on = o.rodata != VML_BOOT_RODATA_OFF;
		CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, check_leaf, &v), 0);
		while (vml_memblock_next_mem_range(&mb, &it, VML_MEMBLOCK_NONE, &s, &e))
			want += e - s;
		CHECK_EQ_U64(v.wx, 0);
		CHECK_EQ_U64(v.shared, 0);
		CHECK_EQ_U64(v.misplaced, 0);
		CHECK_EQ_U64(v.nomap_mapped, 0);
		CHECK_EQ_U64(v.outside, 0);
		/* the vmemmap maps the whole struct page buffer, nothing else */
		CHECK_EQ_U64(v.vmemmap_misplaced, 0);
		if (memmap_buffer() && true)
			CHECK_EQ_U64(v.vmemmap_bytes, memmap_buffer()->size);
		CHECK_EQ_U64(v.linear_bytes, want);
		if (check_failures_in_test) {
			fprintf(
			    stderr,
			    "  iteration %d (profile %s, rodata %d, page %llu, va %u, cpu %u)\n",
			    iter, cfg.profile, (int)o.rodata, (unsigned long long)g->page, g->va,
			    g->cpu);
			break;
		}
	}
	/* 4K and 16K 52-bit builds are refused by 6.1 (from v6.9): 110 of 120 */
	CHECK(built >= 100);
	teardown();
}

int main(void)
{
	RUN_TEST(test_example_v6_12_rodata_full);
	RUN_TEST(test_example_default_is_full_and_on_is_blocks);
	RUN_TEST(test_example_v6_12_rodata_off);
	RUN_TEST(test_example_v6_1_rodata_full);
	RUN_TEST(test_v6_1_stand_ins_filled);
	RUN_TEST(test_descriptors);
	RUN_TEST(test_vmemmap_block_prot);
	RUN_TEST(test_kaslr_not_global);
	RUN_TEST(test_kpti_trampoline);
	RUN_TEST(test_stage_paging_init);
	RUN_TEST(test_noalias_refused_before_6_18);
	RUN_TEST(test_kfence);
	RUN_TEST(test_debian_6_12_linear_tables);
	RUN_TEST(test_random_board_invariants);
	return CHECK_DONE("test_arm64_boot_tables");
}

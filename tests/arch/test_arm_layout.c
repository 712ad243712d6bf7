/* SPDX-License-Identifier: MIT */
/*
 * Golden cases of the 32-bit ARM layout policies. Each case states its
 * arithmetic; the rules are those of docs/arm32.md (arch/arm/mm/mmu.c
 * sanity_check_meminfo v3.4 + msm-3.4, adjust_lowmem_bounds v6.1).
 * Constants: VMALLOC_END 0xff000000 (3.4) / 0xff800000 (6.1); VMALLOC_OFFSET
 * 8 MiB; VMALLOC_START = (high_memory + 8M) & ~(8M - 1).
 */
#include "check.h"
#include "vmlayout/layout.h"

#define M(x) ((uint64_t)(x) << 20)

struct golden {
	const char *name;
	const char *profile;
	uint64_t banks[4][2]; /* base, size; size 0 ends */
	uint64_t vmalloc;     /* vmalloc= (0: not given) */
	void (*tweak)(struct vml_kernel_config *cfg, struct vml_board *board);
	uint64_t want_lowmem_limit, want_high_memory, want_vmalloc_start;
	uint64_t want_normal_end_pfn; /* end of ZONE_NORMAL (0: don't check) */
};

static struct vml_memblock_region mem_r[128], res_r[128];
static struct vml_layout lo;
static struct vml_memblock mb;

static int run(const struct golden *g, struct vml_diag *diag)
{
	struct vml_board board;
	struct vml_kernel_config cfg;

	vml_board_init(&board);
	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	strcpy(cfg.profile, g->profile);
	for (int i = 0; i < 4 && g->banks[i][1]; i++) {
		board.memory[i].base = g->banks[i][0];
		board.memory[i].size = g->banks[i][1];
		board.n_memory++;
	}
	if (g->vmalloc) {
		cfg.vmalloc_set = true;
		cfg.vmalloc_size = g->vmalloc;
	}
	if (g->tweak)
		g->tweak(&cfg, &board);
	vml_memblock_init(&mb, mem_r, 128, res_r, 128, ~0ULL, 4096);
	return vml_layout_compute(&board, &cfg, &mb, &lo, diag);
}

static void split_1g(struct vml_kernel_config *c, struct vml_board *b) { (void)b; c->vmsplit = 1; }
static void split_2g(struct vml_kernel_config *c, struct vml_board *b) { (void)b; c->vmsplit = 2; }
static void split_3g_opt(struct vml_kernel_config *c, struct vml_board *b) { (void)b; c->vmsplit = 0x30; }
static void no_highmem(struct vml_kernel_config *c, struct vml_board *b) { (void)b; c->highmem = false; }
static void lpae(struct vml_kernel_config *c, struct vml_board *b) { (void)b; c->arm_lpae = true; }
static void dont_map_hole(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->reclaim = VML_RECLAIM_DONT_MAP_HOLE;
}
static void load_at_80008000(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->load_phys_set = true;
	c->load_phys = 0x80008000;
}
static void mem_512m(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->n_mem_args = 1;
	c->mem_size[0] = M(512);
}
static void mem_256m_at_90000000(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->n_mem_args = 1;
	c->mem_size[0] = M(256);
	c->mem_start[0] = 0x90000000;
	c->mem_start_set[0] = true;
}
static void nomap_16m(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)c;
	b->reserved[0].base = 0x88000000;
	b->reserved[0].size = M(16);
	b->reserved[0].nomap = true;
	b->n_reserved = 1;
}
static void zone_dma_256m(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->zone_dma = true;
	c->zone_dma_size = M(256);
}
static void msm_holes(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)c;
	/* docs/arm32.md, msm8974 example: holes [0x05b00000, +2M) and [0x07500000, +171M) */
	b->remove[0].base = 0x05b00000;
	b->remove[0].size = M(2);
	b->remove[1].base = 0x07500000;
	b->remove[1].size = M(171);
	b->n_remove = 2;
}
static void msm_holes_dont_map(struct vml_kernel_config *c, struct vml_board *b)
{
	msm_holes(c, b);
	c->reclaim = VML_RECLAIM_DONT_MAP_HOLE;
}
static void msm_holes_saving(struct vml_kernel_config *c, struct vml_board *b)
{
	msm_holes(c, b);
	c->reclaim = VML_RECLAIM_VMALLOC_SAVING;
}

static const struct golden cases[] = {
	/* Seed 002 first log: vmalloc=408M, 3.4: vmalloc_min = 0xff000000 - 408M =
	 * 0xe5800000 -> pa 0xa5800000; VMALLOC_START 0xe6000000 (400 MB) */
	{"seed_bootlog_3_4", "3.4", {{0x80000000, M(1024)}}, M(408), NULL,
	 0xa5800000, 0xe5800000, 0xe6000000, 0xa5800},
	/* 6.1: vmalloc_limit = 0xff800000 - 408M - 8M - 0xc0000000 + 0x80000000 */
	{"seed_bootlog_6_1", "6.1", {{0x80000000, M(1024)}}, M(408), NULL,
	 0xa5800000, 0xe5800000, 0xe6000000, 0xa5800},
	/* Example 1: vmalloc_min 0xe6000000 -> lowmem 608 MB, vmalloc 0xe6800000 (392 MB) */
	{"seed_ex1_3_4", "3.4", {{0x80000000, M(1024)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	/* 6.1: 0xff800000 - 400M - 8M - 0x40000000 = 0xa6000000; vmalloc 400 MiB */
	{"seed_ex1_6_1", "6.1", {{0x80000000, M(1024)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	/* Example 2: default vmalloc_min 0xff000000 - 240M - 8M = 0xef800000 */
	{"seed_ex2_3_4", "3.4", {{0x80000000, M(1024)}}, 0, NULL,
	 0xaf800000, 0xef800000, 0xf0000000, 0xaf800},
	/* 6.1 default: 0xff800000 - 240M - 8M - 0x40000000 = 0xb0000000 (768 MiB) */
	{"seed_ex2_6_1", "6.1", {{0x80000000, M(1024)}}, 0, NULL,
	 0xb0000000, 0xf0000000, 0xf0800000, 0xb0000},
	/* Example 3: 2 GiB wraps 4 GiB (truncated); lowmem lines as example 1 */
	{"seed_ex3_3_4", "3.4", {{0x80000000, M(2048)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	{"seed_ex3_6_1", "6.1", {{0x80000000, M(2048)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	/* Example 4: bank 1 (va 0xd0000000) split at pa(0xe6000000) = 0xa6000000 */
	{"seed_ex4_3_4", "3.4", {{0x80000000, M(136)}, {0x90000000, M(768)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	{"seed_ex4_6_1", "6.1", {{0x80000000, M(136)}, {0x90000000, M(768)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	/* Example 5: bank 0 split at 0xa6000000, bank 1 (va 0xf7800000) highmem */
	{"seed_ex5_3_4", "3.4", {{0x80000000, M(768)}, {0xb7800000, M(136)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	{"seed_ex5_6_1", "6.1", {{0x80000000, M(768)}, {0xb7800000, M(136)}}, M(400), NULL,
	 0xa6000000, 0xe6000000, 0xe6800000, 0xa6000},
	/* Example 6 (example 4 + DONT_MAP_HOLE): hole [0x88800000, 0x90000000), both
	 * ends 2M aligned -> MEM_HOLE_PAGE_OFFSET 0xc8800000; pa(0xe6000000) =
	 * 0xe6000000 - 0xc8800000 + 0x90000000 = 0xad800000 */
	{"seed_ex6_3_4", "3.4", {{0x80000000, M(136)}, {0x90000000, M(768)}}, M(400),
	 dont_map_hole, 0xad800000, 0xe6000000, 0xe6800000, 0xad800},
	/* Example 7: PHYS_OFFSET 0; bank [0x12000000, 0x80000000) split at 0x26000000 */
	{"seed_ex7_3_4", "3.4", {{0, M(2048)}}, M(400), msm_holes,
	 0x26000000, 0xe6000000, 0xe6800000, 0x26000},
	/* Example 8: hole [0x07500000, 0x12000000): hole_end_virt 0xc7500000 odd MiB
	 * -> align 1M, MEM_HOLE_PAGE_OFFSET 0xc7600000; pa(0xe6000000) = 0x30a00000 */
	{"seed_ex8_3_4", "3.4", {{0, M(2048)}}, M(400), msm_holes_dont_map,
	 0x30a00000, 0xe6000000, 0xe6800000, 0x30a00},
	/* Example 9: vmalloc_min = 0xe6000000 + 2M + 171M = 0xf0d00000;
	 * VMALLOC_START = (0xf0d00000 + 8M) & ~(8M-1) = 0xf1000000 */
	{"seed_ex9_3_4", "3.4", {{0, M(2048)}}, M(400), msm_holes_saving,
	 0x30d00000, 0xf0d00000, 0xf1000000, 0x30d00},
	/* 6.1 ignores qcom,memblock-remove: 0x26000000 as docs/arm32.md says */
	{"msm8974_6_1", "6.1", {{0, M(2048)}}, M(400), msm_holes,
	 0x26000000, 0xe6000000, 0xe6800000, 0x26000},
	/* 1G split (PAGE_OFFSET 0x40000000), 1 GiB at 0x80000000: limit
	 * 0xff800000-240M-8M-0x40000000+0x80000000 = 0x170000000 > RAM end -> all lowmem;
	 * high_memory = 0x40000000 + 1G = 0x80000000 */
	{"split_1g_6_1", "6.1", {{0x80000000, M(1024)}}, 0, split_1g,
	 0xc0000000, 0x80000000, 0x80800000, 0xc0000},
	/* 2G split: limit 0xff800000-240M-8M-0x80000000+0x80000000 = 0xf0000000;
	 * RAM 2 GiB at 0x80000000 ends at 0xffffffff (memblock_cap_size) */
	{"split_2g_6_1", "6.1", {{0x80000000, M(2048)}}, 0, split_2g,
	 0xf0000000, 0xf0000000, 0xf0800000, 0xf0000},
	/* 2G split 3.4: vmalloc_min 0xef800000 = pa 0xef800000 */
	{"split_2g_3_4", "3.4", {{0x80000000, M(2048)}}, 0, split_2g,
	 0xef800000, 0xef800000, 0xf0000000, 0xef800},
	/* VMSPLIT_3G_OPT: PAGE_OFFSET 0xb0000000, limit 0xc0000000: 1 GiB all lowmem */
	{"split_3g_opt_6_1", "6.1", {{0x80000000, M(1024)}}, 0, split_3g_opt,
	 0xc0000000, 0xf0000000, 0xf0800000, 0xc0000},
	/* PHYS_OFFSET 0, 512 MiB: limit 0x30000000 > RAM end 0x20000000 */
	{"phys0_small_6_1", "6.1", {{0, M(512)}}, 0, NULL,
	 0x20000000, 0xe0000000, 0xe0800000, 0x20000},
	/* high PHYS_OFFSET 0xe0000000, 256 MiB: limit 0x110000000 > 0xf0000000 */
	{"phys_high_6_1", "6.1", {{0xe0000000, M(256)}}, 0, NULL,
	 0xf0000000, 0xd0000000, 0xd0800000, 0xf0000},
	/* vmalloc=8M: clamped to 16M; 3.4: vmalloc_min 0xfe000000 -> pa 0xbe000000 */
	{"vmalloc_min_clamp_3_4", "3.4", {{0x80000000, M(1024)}}, M(8), NULL,
	 0xbe000000, 0xfe000000, 0xfe800000, 0xbe000},
	/* 6.1 vmalloc=16M: 0xff800000-16M-8M-0x40000000 = 0xbe000000 */
	{"vmalloc_16m_6_1", "6.1", {{0x80000000, M(1024)}}, M(16), NULL,
	 0xbe000000, 0xfe000000, 0xfe800000, 0xbe000},
	/* vmalloc=2G: 3.4 max 0xff000000-(0xc0000000+32M) = 976M -> vmalloc_min
	 * 0xc2000000 -> lowmem 32 MiB */
	{"vmalloc_max_clamp_3_4", "3.4", {{0x80000000, M(1024)}}, M(2048), NULL,
	 0x82000000, 0xc2000000, 0xc2800000, 0x82000},
	/* 6.1 max 0xff800000-(0xc0000000+32M+8M) = 976M -> limit 0x82000000 */
	{"vmalloc_max_clamp_6_1", "6.1", {{0x80000000, M(1024)}}, M(2048), NULL,
	 0x82000000, 0xc2000000, 0xc2800000, 0x82000},
	/* RAM smaller than lowmem: 256 MiB */
	{"small_ram_3_4", "3.4", {{0x80000000, M(256)}}, 0, NULL,
	 0x90000000, 0xd0000000, 0xd0800000, 0x90000},
	/* !HIGHMEM 3.4: bank truncated at vmalloc_min 0xef800000 -> 0xaf800000 */
	{"no_highmem_3_4", "3.4", {{0x80000000, M(1024)}}, 0, no_highmem,
	 0xaf800000, 0xef800000, 0xf0000000, 0xaf800},
	/* !HIGHMEM 6.1: memblock_remove from 0xb0000000; second pass the same */
	{"no_highmem_6_1", "6.1", {{0x80000000, M(1024)}}, 0, no_highmem,
	 0xb0000000, 0xf0000000, 0xf0800000, 0xb0000},
	/* !HIGHMEM 6.1, vmalloc=401M: limit 0xa5f00000, memblock_limit rounded down
	 * to 0xa5e00000, RAM removed from there: second pass lowmem 0xa5e00000 */
	{"no_highmem_unaligned_6_1", "6.1", {{0x80000000, M(1024)}}, M(401), no_highmem,
	 0xa5e00000, 0xe5e00000, 0xe6000000, 0xa5e00},
	/* LPAE, RAM above 4 GiB: lowmem 0xb0000000, the rest highmem */
	{"lpae_above_4g_6_1", "6.1", {{0x80000000, M(1024)}, {0x100000000ULL, M(2048)}}, 0, lpae,
	 0xb0000000, 0xf0000000, 0xf0800000, 0xb0000},
	/* 3.4 LPAE: bank above 4 GiB is highmem (start > ULONG_MAX) */
	{"lpae_above_4g_3_4", "3.4", {{0x80000000, M(1024)}, {0x100000000ULL, M(2048)}}, 0, lpae,
	 0xaf800000, 0xef800000, 0xf0000000, 0xaf800},
	/* 6.1: bank 0x60000000+512M below PHYS_OFFSET 0x80000000 is ignored */
	{"bank_below_phys_offset_6_1", "6.1", {{0x60000000, M(512)}, {0x80000000, M(512)}}, 0,
	 load_at_80008000, 0xa0000000, 0xe0000000, 0xe0800000, 0xa0000},
	/* mem=512M (6.1): all memory removed, [PHYS_OFFSET, +512M) added */
	{"mem_512m_6_1", "6.1", {{0x80000000, M(1024)}}, 0, mem_512m,
	 0xa0000000, 0xe0000000, 0xe0800000, 0xa0000},
	/* mem=256M@0x90000000 (3.4): the single bank [0x90000000, 0xa0000000) */
	{"mem_at_3_4", "3.4", {{0x80000000, M(1024)}}, 0, mem_256m_at_90000000,
	 0xa0000000, 0xe0000000, 0xe0800000, 0xa0000},
	/* no-map 16M at 0x88000000 (6.1): NOMAP ranges are skipped, limit unchanged */
	{"nomap_6_1", "6.1", {{0x80000000, M(1024)}}, 0, nomap_16m,
	 0xb0000000, 0xf0000000, 0xf0800000, 0xb0000},
	/* unaligned end 0x8ff00800: page-rounded to 0x8ff00000, never rounded further;
	 * VMALLOC_START = (0xcff00000 + 8M) & ~(8M-1) = 0xd0000000 */
	{"unaligned_end_6_1", "6.1", {{0x80000000, 0x0ff00800}}, 0, NULL,
	 0x8ff00000, 0xcff00000, 0xd0000000, 0x8ff00},
	/* unaligned start 0x80100000: AUTO_ZRELADDR gives 0x80000000, not in RAM, so
	 * fdt_check_mem_start() gives round_up(0x80100000, 2M) = 0x80200000;
	 * high_memory = 0xc0000000 + (0x90000000 - 0x80200000) = 0xcfe00000 */
	{"unaligned_start_6_1", "6.1", {{0x80100000, M(255)}}, 0, NULL,
	 0x90000000, 0xcfe00000, 0xd0000000, 0x90000},
	/* 3.4 has no fdt_check_mem_start: PHYS_OFFSET 0x80000000, bank va 0xc0100000 */
	{"unaligned_start_3_4", "3.4", {{0x80100000, M(255)}}, 0, NULL,
	 0x90000000, 0xd0000000, 0xd0800000, 0x90000},
	/* ZONE_DMA 256M: DMA [0x80000, 0x8ffff), Normal to 0xb0000 */
	{"zone_dma_6_1", "6.1", {{0x80000000, M(1024)}}, 0, zone_dma_256m,
	 0xb0000000, 0xf0000000, 0xf0800000, 0xb0000},
};

static void test_golden_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct golden *g = &cases[i];
		struct vml_diag diag = {0, NULL, 0, 0, -1};
		int ret = run(g, &diag);
		const struct vml_zone *normal = NULL;

		if (ret) {
			fprintf(stderr, "  case %s: error %d: %s\n", g->name, ret,
				diag.rule ? diag.rule : "?");
			check_failures_in_test++;
			continue;
		}
		for (unsigned int z = 0; z < lo.n_zones; z++)
			if (!strcmp(lo.zones[z].name, "Normal"))
				normal = &lo.zones[z];
		if (lo.lowmem_limit != g->want_lowmem_limit || lo.high_memory != g->want_high_memory ||
		    lo.vmalloc_start != g->want_vmalloc_start ||
		    (g->want_normal_end_pfn && (!normal || normal->end_pfn != g->want_normal_end_pfn))) {
			fprintf(stderr,
				"  case %s: lowmem_limit 0x%llx (want 0x%llx) high_memory 0x%llx "
				"(want 0x%llx) VMALLOC_START 0x%llx (want 0x%llx) normal end 0x%llx "
				"(want 0x%llx)\n",
				g->name, (unsigned long long)lo.lowmem_limit,
				(unsigned long long)g->want_lowmem_limit,
				(unsigned long long)lo.high_memory,
				(unsigned long long)g->want_high_memory,
				(unsigned long long)lo.vmalloc_start,
				(unsigned long long)g->want_vmalloc_start,
				(unsigned long long)(normal ? normal->end_pfn : 0),
				(unsigned long long)g->want_normal_end_pfn);
			check_failures_in_test++;
		}
	}
}

static const struct golden *find_case(const char *name)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(cases[i].name, name))
			return &cases[i];
	return NULL;
}

/* Example 9's print: msm print_vmalloc_lowmem_info(), a TAB then spaces. */
static void test_seed_ex9_lines(void)
{
	static const struct {
		const char *prefix, *label;
		uint64_t start, end;
	} want[] = {
		{"\t   ", "vmalloc ", 0xf1000000, 0xff000000}, {"\t    ", "lowmem ", 0xd2000000, 0xf0d00000},
		{"\t   ", "vmalloc ", 0xc7500000, 0xd2000000}, {"\t    ", "lowmem ", 0xc5d00000, 0xc7500000},
		{"\t   ", "vmalloc ", 0xc5b00000, 0xc5d00000}, {"\t    ", "lowmem ", 0xc0000000, 0xc5b00000},
	};
	struct vml_diag diag;

	CHECK_EQ_INT(run(find_case("seed_ex9_3_4"), &diag), 0);
	CHECK(lo.n_lines >= 8);
	for (unsigned int i = 0; i < 6 && i + 2 < lo.n_lines; i++) {
		CHECK_EQ_STR(lo.lines[i + 2].prefix, want[i].prefix);
		CHECK_EQ_STR(lo.lines[i + 2].label, want[i].label);
		CHECK_EQ_U64(lo.lines[i + 2].start, want[i].start);
		CHECK_EQ_U64(lo.lines[i + 2].end, want[i].end);
	}
}

/* Example 8's message: hole_end_virt 0xc7500000, align 1 MiB. */
static void test_seed_ex8_hole_message(void)
{
	struct vml_diag diag;
	char buf[256];
	int found = 0;

	CHECK_EQ_INT(run(find_case("seed_ex8_3_4"), &diag), 0);
	for (unsigned int i = 0; i < lo.n_kmsgs; i++) {
		snprintf(buf, sizeof(buf), "%llx-%llx", (unsigned long long)lo.kmsgs[i].arg[0],
			 (unsigned long long)lo.kmsgs[i].arg[1]);
		if (strstr(lo.kmsgs[i].fmt, "virtual memory hole") && !strcmp(buf, "c7500000-c7600000"))
			found = 1;
	}
	CHECK(found);
}

/* Zone spans and present pages of example 7: Normal [0, 0x26000) holds
 * 91 + 24 + 320 MiB = 435 MiB = 111360 pages; HighMem [0x26000, 0x80000)
 * holds 1440 MiB = 368640 pages. */
static void test_seed_ex7_zones(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run(find_case("seed_ex7_3_4"), &diag), 0);
	CHECK_EQ_INT(lo.n_zones, 2);
	CHECK_EQ_U64(lo.zones[0].start_pfn, 0);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x26000);
	CHECK_EQ_U64(lo.zones[0].present_pages, 111360);
	CHECK_EQ_U64(lo.zones[1].start_pfn, 0x26000);
	CHECK_EQ_U64(lo.zones[1].end_pfn, 0x80000);
	CHECK_EQ_U64(lo.zones[1].present_pages, 368640);
}

/* ZONE_DMA of 256 MiB: arm_dma_limit = PHYS_OFFSET + size - 1 = 0x8fffffff and
 * max_zone_pfn[ZONE_DMA] = arm_dma_limit >> PAGE_SHIFT = 0x8ffff, an exclusive
 * end (arch/arm/mm/init.c setup_dma_zone/zone_sizes_init, v6.1): the DMA zone is
 * [0x80000, 0x8ffff) and its last page falls into Normal. */
static void test_zone_dma(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run(find_case("zone_dma_6_1"), &diag), 0);
	CHECK_EQ_INT(lo.n_zones, 3);
	CHECK_EQ_STR(lo.zones[0].name, "DMA");
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x8ffff);
	CHECK_EQ_U64(lo.zones[1].start_pfn, 0x8ffff);
}

/* MemTotal of the simplest 6.1 board, by hand: 256 MiB at 0x80000000, no
 * image, no DT blob, MAX_ORDER 11 (1024-page pageblocks), 32-byte struct page.
 * Top-down below the limit 0x90000000: vectors 8K at 0x8fffe000, their pte
 * 0x8fffd000, pkmap pte 0x8fffc000, fixmap pte 0x8fffb000, zero page
 * 0x8fffa000, mem_map 65536 * 32 B = 2M at [0x8fdfa000, 0x8fffa000); usemap
 * 64 blocks * 4 bits = 32 B at 0x8fdf9fc0 (64-aligned); nr_kernel_pages =
 * 65536 - 512 (memmap) = 65024 -> dentry 65024 >> 1 = 32512 -> 32768 * 4 B =
 * 128K at 0x8fdd9fc0, inode 65024 >> 2 -> 16384 * 4 B = 64K at 0x8fdc9fc0.
 * Reserved pages: [0x8fdc9, 0x90000) = 567 pages = 2268K, plus swapper 16K.
 * MemTotal = 262144K - 2284K = 259860 kB; no highmem. */
static void test_memtotal_by_hand(void)
{
	static const struct golden g = {"small", "6.1", {{0x80000000, M(256)}}, 0, NULL, 0, 0, 0, 0};
	struct vml_diag diag;

	CHECK_EQ_INT(run(&g, &diag), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 259860);
	CHECK_EQ_U64(lo.high_total_kb, 0);
	CHECK_EQ_U64(lo.low_total_kb, 259860);
}

/* no-map removes its 16 MiB from MemTotal but not from the zone's present pages. */
static void test_nomap_counts(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run(find_case("nomap_6_1"), &diag), 0);
	CHECK_EQ_U64(lo.zones[0].present_pages, 0x30000);
	/* 1 GiB = 1048576K; minus 16384K no-map; minus swapper 16K; the early
	 * allocations top-down below 0xb0000000: vectors, 4 pte/zero pages, mem_map
	 * 262144 * 32 B = 8M at 0xaf7fa000, usemaps 96 B and 32 B (0xaf7f9f80,
	 * 0xaf7f9f40), dentry hash (195072 -> 97536 -> 131072 * 4 B = 512K) at
	 * 0xaf779f40, inode hash 256K at 0xaf739f40: pages [0xaf739, 0xb0000) =
	 * 2247 pages = 8988K */
	CHECK_EQ_U64(lo.mem_total_kb, 1048576 - 16384 - 16 - 8988);
}

/* Bad configurations are refused with a rule, and nothing is half-done. */
static void test_bad_configs(void)
{
	static const struct golden below = {
		"all_highmem_3_4", "3.4", {{0x40000000, M(256)}, {0x80000000, M(256)}}, 0, NULL, 0, 0, 0, 0};
	static const struct golden unknown = {"unknown", "4.4", {{0x80000000, M(256)}}, 0, NULL, 0, 0, 0, 0};
	struct vml_diag diag = {0, NULL, 0, 0, -1};

	/* 3.4 with PHYS_OFFSET 0x80000000 (kernel loaded there) and a bank below
	 * it: the sticky highmem flag leaves no lowmem */
	{
		struct golden g = below;

		g.tweak = load_at_80008000;
		CHECK_EQ_INT(run(&g, &diag), VML_EINVAL);
		CHECK(diag.rule && strstr(diag.rule, "lowmem"));
	}
	CHECK_EQ_INT(run(&unknown, &diag), VML_ENOTSUP);
}

/* A failure deep in the policy (the kernel image does not fit in lowmem, found
 * after memblock was filled) leaves the memblock as it was: empty. */
static void image_too_big(struct vml_kernel_config *c, struct vml_board *b)
{
	(void)b;
	c->image_size = M(600);
}

static void test_failure_restores_memblock(void)
{
	static const struct golden g = {"big_image", "6.1", {{0x80000000, M(512)}}, 0, image_too_big,
					0, 0, 0, 0};
	struct vml_diag diag = {0, NULL, 0, 0, -1};

	CHECK_EQ_INT(run(&g, &diag), VML_EINVAL);
	CHECK(diag.rule && strstr(diag.rule, "kernel image"));
	CHECK_EQ_INT(mb.memory.cnt, 0);
	CHECK_EQ_INT(mb.reserved.cnt, 0);
	CHECK_EQ_U64(mb.memory.total_size, 0);
	CHECK_EQ_U64(mb.current_limit, VML_MEMBLOCK_ALLOC_ANYWHERE);
	CHECK_EQ_INT(lo.n_regions, 0);
}

int main(void)
{
	RUN_TEST(test_golden_cases);
	RUN_TEST(test_seed_ex9_lines);
	RUN_TEST(test_seed_ex8_hole_message);
	RUN_TEST(test_seed_ex7_zones);
	RUN_TEST(test_zone_dma);
	RUN_TEST(test_memtotal_by_hand);
	RUN_TEST(test_nomap_counts);
	RUN_TEST(test_bad_configs);
	RUN_TEST(test_failure_restores_memblock);
	return CHECK_DONE("test_arm_layout");
}

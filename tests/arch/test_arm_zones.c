/* SPDX-License-Identifier: MIT */
/*
 * The zones of 32-bit ARM per version (src/arch/arm/arm_zones.c): 6.1's
 * zone_sizes_init() against 3.4's arm_bootmem_free() + arm_adjust_dma_zone()
 * (arch/arm/mm/init.c v3.4). The board is msm8974's (docs/arm32.md, seed
 * example 7): 2 GiB at 0 less [0x05b00000, +2M) and [0x07500000, +171M),
 * vmalloc=400M, so lowmem is [0, 0x26000) with 512 + 43776 = 44288 pages
 * of holes, 111360 present, and HighMem [0x26000, 0x80000) 368640 pages.
 */
#include "check.h"
#include "vmlayout/layout.h"

#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[128], res_r[128];
static struct vml_layout lo;
static struct vml_memblock mb;

static int run_msm8974(const char *profile, bool zone_dma, uint64_t zone_dma_size,
		       struct vml_diag *diag)
{
	struct vml_board board;
	struct vml_kernel_config cfg;

	vml_board_init(&board);
	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	strcpy(cfg.profile, profile);
	board.memory[0].base = 0;
	board.memory[0].size = M(2048);
	board.n_memory = 1;
	board.remove[0].base = 0x05b00000;
	board.remove[0].size = M(2);
	board.remove[1].base = 0x07500000;
	board.remove[1].size = M(171);
	board.n_remove = 2;
	cfg.vmalloc_set = true;
	cfg.vmalloc_size = M(400);
	cfg.zone_dma = zone_dma;
	cfg.zone_dma_size = zone_dma_size;
	vml_memblock_init(&mb, mem_r, 128, res_r, 128, ~0ULL, 4096);
	return vml_layout_compute(&board, &cfg, &mb, &lo, diag);
}

static void check_zone(unsigned int i, const char *name, uint64_t start, uint64_t end,
		       uint64_t present)
{
	CHECK(i < lo.n_zones);
	if (i >= lo.n_zones)
		return;
	CHECK_EQ_STR(lo.zones[i].name, name);
	CHECK_EQ_U64(lo.zones[i].start_pfn, start);
	CHECK_EQ_U64(lo.zones[i].end_pfn, end);
	CHECK_EQ_U64(lo.zones[i].present_pages, present);
}

/* 3.4, ZONE_DMA_SIZE 256M: arm_adjust_dma_zone() makes DMA the first 65536
 * pages with no hole, all 65536 present although 36096 of them are holes;
 * Normal [0x10000, 0x26000) spans 90112 and gets all 44288 hole pages:
 * 45824 present. The sum stays 111360. */
static void test_3_4_dma_has_no_holes(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run_msm8974("3.4", true, M(256), &diag), 0);
	CHECK_EQ_INT(lo.n_zones, 3);
	check_zone(0, "DMA", 0, 0x10000, 65536);
	check_zone(1, "Normal", 0x10000, 0x26000, 45824);
	check_zone(2, "HighMem", 0x26000, 0x80000, 368640);
	CHECK_EQ_U64(lo.zones[0].memmap_pages, 512);
	CHECK_EQ_U64(lo.zones[1].memmap_pages, 704);
}

/* 6.1 on the same board: DMA ends at arm_dma_pfn_limit 0xffff (exclusive),
 * so its last page falls into Normal; each zone counts the memory in its
 * span, and 6.1 has no holes here (qcom,memblock-remove is msm-3.4's):
 * 65535 and 0x26000 - 0xffff = 90113. */
static void test_6_1_dma_counts_its_memory(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run_msm8974("6.1", true, M(256), &diag), 0);
	check_zone(0, "DMA", 0, 0xffff, 65535);
	check_zone(1, "Normal", 0xffff, 0x26000, 90113);
}

/* 3.4 without a machine dma_zone_size: arm_adjust_dma_zone() is not called
 * and zone 0, ZONE_DMA, is all of lowmem; Normal is empty. The same when the
 * size covers lowmem (size[0] <= dma_size returns early). */
static void test_3_4_dma_is_all_lowmem(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run_msm8974("3.4", true, 0, &diag), 0);
	check_zone(0, "DMA", 0, 0x26000, 111360);
	check_zone(1, "Normal", 0x26000, 0x26000, 0);
	CHECK_EQ_INT(run_msm8974("3.4", true, M(608), &diag), 0);
	check_zone(0, "DMA", 0, 0x26000, 111360);
	check_zone(1, "Normal", 0x26000, 0x26000, 0);
}

/* A size under a page: dma_size = arm_dma_zone_size >> PAGE_SHIFT = 0, so
 * ZONE_DMA is empty and Normal takes lowmem; without ZONE_DMA zone 0 is
 * Normal with its holes. */
static void test_3_4_small_or_no_dma(void)
{
	struct vml_diag diag;

	CHECK_EQ_INT(run_msm8974("3.4", true, 4095, &diag), 0);
	check_zone(0, "DMA", 0, 0, 0);
	check_zone(1, "Normal", 0, 0x26000, 111360);
	CHECK_EQ_INT(run_msm8974("3.4", false, 0, &diag), 0);
	CHECK_EQ_INT(lo.n_zones, 2);
	check_zone(0, "Normal", 0, 0x26000, 111360);
}

/* 512M: Normal spans 155648 - 131072 = 24576 pages but would get 44288 hole
 * pages: free_area_init_core()'s realsize would wrap; refused. */
static void test_3_4_holes_larger_than_normal(void)
{
	struct vml_diag diag = {0, NULL, 0, 0, -1};

	CHECK_EQ_INT(run_msm8974("3.4", true, M(512), &diag), VML_ERANGE);
	CHECK(diag.rule && strstr(diag.rule, "arm_adjust_dma_zone"));
	CHECK_EQ_U64(diag.addr, 0x20000000);
	CHECK_EQ_U64(diag.size, (uint64_t)44288 << 12);
}

int main(void)
{
	RUN_TEST(test_3_4_dma_has_no_holes);
	RUN_TEST(test_6_1_dma_counts_its_memory);
	RUN_TEST(test_3_4_dma_is_all_lowmem);
	RUN_TEST(test_3_4_small_or_no_dma);
	RUN_TEST(test_3_4_holes_larger_than_normal);
	return CHECK_DONE("test_arm_zones");
}

/* SPDX-License-Identifier: MIT */
/*
 * Golden cases of the arm64 layout policies (docs/arm64.md), each with its
 * arithmetic. Formulas (asm/memory.h, asm/pgtable.h):
 *   _PAGE_OFFSET(va) = -2^va, _PAGE_END(va) = -2^(va-1)
 *   v6.1:  MODULES 128M; VMEMMAP_START = -2^(VA_BITS - (PAGE_SHIFT - 6)),
 *          VMEMMAP_SIZE = (_PAGE_END(VA_BITS_MIN) - PAGE_OFFSET) >> (PAGE_SHIFT - 6),
 *          PCI_IO_END = VMEMMAP_START - 8M, FIXADDR_TOP = VMEMMAP_START - 32M,
 *          VMALLOC_END = VMEMMAP_START - 256M
 *   v6.12+: MODULES 2G; VMEMMAP_END = -1G, VMEMMAP_SIZE = (range >> PAGE_SHIFT) * 64,
 *          PCI I/O [-1G+8M, -1G+24M), FIXADDR_TOP = -8M,
 *          VMALLOC_END = VMEMMAP_START + unused * 64 - 8M
 * Fixmap slots (defconfig: GHES, KPTI+RELOCATABLE, NR_CPUS 512):
 *   btmaps = 7 * (256K / PAGE_SIZE + 1)
 *   v6.1  FIX_FDT = (4M / PAGE_SIZE); end = FIX_FDT + 9 + btmaps + 4
 *   v6.12 FIX_FDT = 2 + 2M / PAGE_SIZE; end = FIX_FDT + 9 + btmaps + 5
 *   v6.18 as v6.12 + 513 (FIX_VNCR_END .. FIX_VNCR)
 * The board is 4 GiB at 0x80000000 unless said: memstart_addr = 0x80000000
 * (1 GiB / 512 MiB aligned), high_memory = __va(0x17fffffff) + 1.
 */
#include "check.h"
#include "vmlayout/host_input.h"
#include "vmlayout/layout.h"
#include "vmlayout/report.h"

#define G(x) ((uint64_t)(x) << 30)
#define M(x) ((uint64_t)(x) << 20)
#define K16 (4 * VML_SZ_4K)

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;

struct want {
	uint64_t linear[2], modules[2], vmalloc[2], vmemmap[2], pci_io[2], fixmap[2];
	uint64_t phys_offset, high_memory;
};

struct golden {
	const char *name, *profile;
	uint64_t page_size;
	unsigned int va_bits, cpu_va_bits;
	const char *title;
	struct want w;
};

static void board_4g(struct vml_board *b)
{
	vml_board_init(b);
	b->memory[0].base = 0x80000000;
	b->memory[0].size = G(4);
	b->n_memory = 1;
}

static void config(struct vml_kernel_config *cfg, const char *profile, uint64_t page_size,
		   unsigned int va_bits)
{
	vml_kernel_config_init(cfg, VML_ARCH_ARM64);
	strcpy(cfg->profile, profile);
	cfg->page_size = page_size;
	cfg->va_bits = va_bits;
	cfg->image_size = M(32);
}

static int run(const struct vml_board *b, const struct vml_kernel_config *cfg,
	       struct vml_diag *diag)
{
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, cfg->page_size);
	return vml_layout_compute(b, cfg, &mb, &lo, diag);
}

static void check_region(const char *name, const uint64_t want[2])
{
	const struct vml_vregion *r = vml_layout_find_region(&lo, name);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_EQ_U64(r->start, want[0]);
	CHECK_EQ_U64(r->end, want[1]);
}

static const struct golden goldens[] = {
    /* 4K/39, 3 levels (v6.18): PAGE_OFFSET -2^39, PAGE_END -2^38;
     * VMEMMAP_SIZE = (2^38 >> 12) * 64 = 4G: [0xfffffffec0000000, -1G);
     * VMALLOC_END = 0xfffffffec0000000 - 8M; fixmap end = 514 + 9 + 513 + 455 + 5
     * = 1496 pages = 0x5d8000: 0xffffffffff800000 - 0x5d8000 */
    {"4k_39_v6_18",
     "6.18",
     VML_SZ_4K,
     39,
     0,
     "AArch64 Linux memory layout with 4KB pages + 3 levels (39-bit)::",
     {{0xffffff8000000000, 0xffffffc000000000},
      {0xffffffc000000000, 0xffffffc080000000},
      {0xffffffc080000000, 0xfffffffebf800000},
      {0xfffffffec0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff228000, 0xffffffffff800000},
      0x80000000,
      0xffffff8100000000}},
    /* 4K/48 (v6.12): VMEMMAP_SIZE = (2^47 >> 12) * 64 = 2T; fixmap end = 514 + 9
     * + 455 + 5 = 983 pages = 0x3d7000 */
    {"4k_48_v6_12",
     "6.12",
     VML_SZ_4K,
     48,
     0,
     "AArch64 Linux memory layout with 4KB pages + 4 levels (48-bit)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xfffffdffbf800000},
      {0xfffffdffc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff429000, 0xffffffffff800000},
      0x80000000,
      0xffff000100000000}},
    /* 4K/48 (v6.1, memory.rst's own table): modules 128M; VMEMMAP_START =
     * -2^(48-6) = 0xfffffc0000000000, SIZE 2^47 >> 6 = 2T; VMALLOC_END =
     * START - 256M; PCI I/O [START - 24M, START - 8M); FIXADDR_TOP = START -
     * 32M; fixmap end = 1024 + 9 + 455 + 4 = 1492 pages = 0x5d4000 */
    {"4k_48_v6_1",
     "6.1",
     VML_SZ_4K,
     48,
     0,
     "AArch64 Linux memory layout with 4KB pages + 4 levels (48-bit)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800008000000},
      {0xffff800008000000, 0xfffffbfff0000000},
      {0xfffffc0000000000, 0xfffffe0000000000},
      {0xfffffbfffe800000, 0xfffffbffff800000},
      {0xfffffbfffda2c000, 0xfffffbfffe000000},
      0x80000000,
      0xffff000100000000}},
    /* 16K/47, 3 levels (v6.12): PAGE_END -2^46; VMEMMAP_SIZE = (2^46 >> 14) * 64
     * = 256G; fixmap: FIX_FDT 130, end = 130 + 9 + 7*17 + 5 = 263 pages of 16K =
     * 0x41c000 */
    {"16k_47_v6_12",
     "6.12",
     K16,
     47,
     0,
     "AArch64 Linux memory layout with 16KB pages + 3 levels (47-bit)::",
     {{0xffff800000000000, 0xffffc00000000000},
      {0xffffc00000000000, 0xffffc00080000000},
      {0xffffc00080000000, 0xffffffbfbf800000},
      {0xffffffbfc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff3e4000, 0xffffffffff800000},
      0x80000000,
      0xffff800100000000}},
    /* 16K/36, 2 levels (v6.1): VMEMMAP_START = -2^(36-8) = 0xfffffffff0000000,
     * SIZE 2^35 >> 8 = 128M; fixmap: FIX_FDT 256, end = 256 + 9 + 119 + 4 = 388
     * pages of 16K = 0x610000 under FIXADDR_TOP 0xffffffffee000000 */
    {"16k_36_v6_1",
     "6.1",
     K16,
     36,
     0,
     "AArch64 Linux memory layout with 16KB pages + 2 levels (36-bit)::",
     {{0xfffffff000000000, 0xfffffff800000000},
      {0xfffffff800000000, 0xfffffff808000000},
      {0xfffffff808000000, 0xffffffffe0000000},
      {0xfffffffff0000000, 0xfffffffff8000000},
      {0xffffffffee800000, 0xffffffffef800000},
      {0xffffffffed9f0000, 0xffffffffee000000},
      0x80000000,
      0xfffffff100000000}},
    /* 64K/42, 2 levels (v6.18): PAGE_END -2^41; VMEMMAP_SIZE = (2^41 >> 16) * 64
     * = 2G; fixmap: FIX_FDT 34, end = 34 + 9 + 513 + 7*5 + 5 = 596 pages of 64K =
     * 0x2540000; memstart 512M-aligned: 0x80000000 */
    {"64k_42_v6_18",
     "6.18",
     VML_SZ_64K,
     42,
     0,
     "AArch64 Linux memory layout with 64KB pages + 2 levels (42-bit)::",
     {{0xfffffc0000000000, 0xfffffe0000000000},
      {0xfffffe0000000000, 0xfffffe0080000000},
      {0xfffffe0080000000, 0xffffffff3f800000},
      {0xffffffff40000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xfffffffffd2c0000, 0xffffffffff800000},
      0x80000000,
      0xfffffc0100000000}},
    /* 64K/48, 3 levels (v6.1): VMEMMAP_START = -2^(48-10), SIZE 2^47 >> 10 =
     * 128G; fixmap: FIX_FDT 64, end = 64 + 9 + 35 + 4 = 112 pages = 0x700000 */
    {"64k_48_v6_1",
     "6.1",
     VML_SZ_64K,
     48,
     0,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (48-bit)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800008000000},
      {0xffff800008000000, 0xffffffbff0000000},
      {0xffffffc000000000, 0xffffffe000000000},
      {0xffffffbffe800000, 0xffffffbfff800000},
      {0xffffffbffd900000, 0xffffffbffe000000},
      0x80000000,
      0xffff000100000000}},
    /* 64K/52 on an LVA CPU (v6.1, memory.rst's second table): VA_BITS_MIN 48;
     * VMEMMAP_START = -2^(52-10) = 0xfffffc0000000000, SIZE = (2^52 - 2^47) >>
     * 10 = 0x3e000000000 */
    {"64k_52_v6_1",
     "6.1",
     VML_SZ_64K,
     52,
     0,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (52-bit with HW support)::",
     {{0xfff0000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800008000000},
      {0xffff800008000000, 0xfffffbfff0000000},
      {0xfffffc0000000000, 0xffffffe000000000},
      {0xfffffbfffe800000, 0xfffffbffff800000},
      {0xfffffbfffd900000, 0xfffffbfffe000000},
      0x80000000,
      0xfff0000100000000}},
    /* 64K/52 on a 48-bit CPU (v6.1): the linear map used starts at
     * _PAGE_OFFSET(48); memstart_addr -= 2^52 - 2^48: 0x80000000 -
     * 0xf000000000000 = 0xfff1000080000000; vmemmap used from VMEMMAP_START +
     * ((2^52 - 2^48) >> 16) * 64 = + 0x3c000000000 */
    {"64k_52_on_48_v6_1",
     "6.1",
     VML_SZ_64K,
     52,
     48,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (52-bit build on a 48-bit "
     "CPU)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800008000000},
      {0xffff800008000000, 0xfffffbfff0000000},
      {0xffffffc000000000, 0xffffffe000000000},
      {0xfffffbfffe800000, 0xfffffbffff800000},
      {0xfffffbfffd900000, 0xfffffbfffe000000},
      0xfff1000080000000,
      0xffff000100000000}},
    /* 4K/52, LPA2 CPU (v6.18): VMEMMAP_SIZE = ((2^52 - 2^47) >> 12) * 64 =
     * 0x3e0000000000; 5 levels */
    {"4k_52_v6_18",
     "6.18",
     VML_SZ_4K,
     52,
     52,
     "AArch64 Linux memory layout with 4KB pages + 5 levels (52-bit with HW support)::",
     {{0xfff0000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xffffc1ffbf800000},
      {0xffffc1ffc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff228000, 0xffffffffff800000},
      0x80000000,
      0xfff0000100000000}},
    /* 4K/52 on a 48-bit CPU (v6.12): root level one lower (4 levels); unused
     * vmemmap = ((2^52 - 2^48) >> 12) * 64 = 0x3c0000000000, so the used part
     * and VMALLOC_END are the native 48-bit ones; memstart 0xfff1000080000000 */
    {"4k_52_on_48_v6_12",
     "6.12",
     VML_SZ_4K,
     52,
     48,
     "AArch64 Linux memory layout with 4KB pages + 4 levels (52-bit build on a 48-bit "
     "CPU)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xfffffdffbf800000},
      {0xfffffdffc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff429000, 0xffffffffff800000},
      0xfff1000080000000,
      0xffff000100000000}},
    /* 16K/52, LPA2 (v6.12): VA_BITS_MIN 47, PAGE_END -2^46; VMEMMAP_SIZE =
     * ((2^52 - 2^46) >> 14) * 64 = 0xfc000000000 */
    {"16k_52_v6_12",
     "6.12",
     K16,
     52,
     0,
     "AArch64 Linux memory layout with 16KB pages + 4 levels (52-bit with HW support)::",
     {{0xfff0000000000000, 0xffffc00000000000},
      {0xffffc00000000000, 0xffffc00080000000},
      {0xffffc00080000000, 0xfffff03fbf800000},
      {0xfffff03fc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff3e4000, 0xffffffffff800000},
      0x80000000,
      0xfff0000100000000}},
    /* The rest of spec §A.3's configurations (v6.9+ formulas).
     * 16K/36, 2 levels (v6.18): PAGE_END -2^35; VMEMMAP_SIZE = (2^35 >> 14) *
     * 64 = 128M: [0xffffffffb8000000, -1G); VMALLOC_END = START - 8M =
     * 0xffffffffb7800000; fixmap: FIX_FDT 2 + 2M/16K = 130, end = 130 + 9 +
     * 513 + 7*17 + 5 = 776 pages of 16K = 0xc20000 below -8M */
    {"16k_36_v6_18",
     "6.18",
     K16,
     36,
     0,
     "AArch64 Linux memory layout with 16KB pages + 2 levels (36-bit)::",
     {{0xfffffff000000000, 0xfffffff800000000},
      {0xfffffff800000000, 0xfffffff880000000},
      {0xfffffff880000000, 0xffffffffb7800000},
      {0xffffffffb8000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xfffffffffebe0000, 0xffffffffff800000},
      0x80000000,
      0xfffffff100000000}},
    /* 16K/48, 4 levels (v6.18): VMEMMAP_SIZE = (2^47 >> 14) * 64 = 512G:
     * 0xffffff7fc0000000; fixmap as 16K/36 (FIXADDR_TOP and the slots do not
     * depend on VA_BITS) */
    {"16k_48_v6_18",
     "6.18",
     K16,
     48,
     0,
     "AArch64 Linux memory layout with 16KB pages + 4 levels (48-bit)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xffffff7fbf800000},
      {0xffffff7fc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xfffffffffebe0000, 0xffffffffff800000},
      0x80000000,
      0xffff000100000000}},
    /* 16K/52 on a 47-bit CPU (v6.18): one level fewer (3); VMEMMAP_START =
     * -1G - ((2^52 - 2^46) >> 14) * 64 = 0xfffff03fc0000000, unused =
     * ((2^52 - 2^47) >> 14) * 64 = 0xf80000000000: the used part starts at
     * 0xffffffbfc0000000 and VMALLOC_END = 0xffffffbfbf800000, the native
     * 16K/47 ones; memstart = 0x80000000 - (2^52 - 2^47) = 0xfff0800080000000 */
    {"16k_52_on_47_v6_18",
     "6.18",
     K16,
     52,
     47,
     "AArch64 Linux memory layout with 16KB pages + 3 levels (52-bit build on a 47-bit "
     "CPU)::",
     {{0xffff800000000000, 0xffffc00000000000},
      {0xffffc00000000000, 0xffffc00080000000},
      {0xffffc00080000000, 0xffffffbfbf800000},
      {0xffffffbfc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xfffffffffebe0000, 0xffffffffff800000},
      0xfff0800080000000,
      0xffff800100000000}},
    /* 64K/48, 3 levels (v6.12): VMEMMAP_SIZE = (2^47 >> 16) * 64 = 128G:
     * 0xffffffdfc0000000; fixmap: FIX_FDT 2 + 32 = 34, end = 34 + 9 + 7*5 + 5 =
     * 83 pages of 64K = 0x530000 below -8M */
    {"64k_48_v6_12",
     "6.12",
     VML_SZ_64K,
     48,
     0,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (48-bit)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xffffffdfbf800000},
      {0xffffffdfc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff2d0000, 0xffffffffff800000},
      0x80000000,
      0xffff000100000000}},
    /* 64K/52 on an LVA CPU (v6.18): VMEMMAP_SIZE = ((2^52 - 2^47) >> 16) * 64
     * = 0x3e000000000: 0xfffffc1fc0000000; fixmap 83 + 513 = 596 pages =
     * 0x2540000 */
    {"64k_52_v6_18",
     "6.18",
     VML_SZ_64K,
     52,
     52,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (52-bit with HW support)::",
     {{0xfff0000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xfffffc1fbf800000},
      {0xfffffc1fc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xfffffffffd2c0000, 0xffffffffff800000},
      0x80000000,
      0xfff0000100000000}},
    /* 64K/52 on a 48-bit CPU (v6.12): unused vmemmap ((2^52 - 2^48) >> 16) * 64
     * = 0x3c000000000, so the used part and VMALLOC_END are 64K/48's;
     * memstart 0x80000000 - (2^52 - 2^48) = 0xfff1000080000000 */
    {"64k_52_on_48_v6_12",
     "6.12",
     VML_SZ_64K,
     52,
     48,
     "AArch64 Linux memory layout with 64KB pages + 3 levels (52-bit build on a 48-bit "
     "CPU)::",
     {{0xffff000000000000, 0xffff800000000000},
      {0xffff800000000000, 0xffff800080000000},
      {0xffff800080000000, 0xffffffdfbf800000},
      {0xffffffdfc0000000, 0xffffffffc0000000},
      {0xffffffffc0800000, 0xffffffffc1800000},
      {0xffffffffff2d0000, 0xffffffffff800000},
      0xfff1000080000000,
      0xffff000100000000}},
};

static void test_golden_layouts(void)
{
	for (size_t i = 0; i < VML_ARRAY_SIZE(goldens); i++) {
		const struct golden *g = &goldens[i];
		struct vml_board b;
		struct vml_kernel_config cfg;
		struct vml_diag diag = {0, NULL, 0, 0, -1};
		int before = check_failures_in_test;

		board_4g(&b);
		config(&cfg, g->profile, g->page_size, g->va_bits);
		cfg.cpu_va_bits = g->cpu_va_bits;
		CHECK_EQ_INT(run(&b, &cfg, &diag), 0);
		CHECK_EQ_STR(lo.lines_title, g->title);
		check_region("linear", g->w.linear);
		check_region("modules", g->w.modules);
		check_region("vmalloc", g->w.vmalloc);
		check_region("vmemmap", g->w.vmemmap);
		check_region("pci_io", g->w.pci_io);
		check_region("fixmap", g->w.fixmap);
		CHECK_EQ_U64(lo.phys_offset, g->w.phys_offset);
		CHECK_EQ_U64(lo.high_memory, g->w.high_memory);
		CHECK_EQ_U64(lo.vmalloc_start, g->w.vmalloc[0]);
		CHECK_EQ_U64(lo.vmalloc_end, g->w.vmalloc[1]);
		/* PAGE_OFFSET is _PAGE_OFFSET(VA_BITS) even when the CPU uses less */
		CHECK_EQ_U64(lo.page_offset, 0 - (1ULL << g->va_bits));
		/* the one RAM bank, at __phys_to_virt(0x80000000) */
		CHECK_EQ_INT(lo.n_segments, 1);
		CHECK_EQ_U64(lo.segments[0].virt, g->w.linear[0]);
		CHECK_EQ_U64(lo.segments[0].phys, 0x80000000);
		CHECK_EQ_U64(lo.segments[0].size, G(4));
		if (check_failures_in_test != before)
			fprintf(stderr, "  (case %s)\n", g->name);
	}
}

/* The v6.1 4K/48 table row by row, as memory.rst prints it. */
static void test_v6_1_table_rows(void)
{
	static const struct {
		const char *label;
		uint64_t start, end;
	} rows[] = {
	    {"user", 0, 0x0001000000000000},
	    {"kernel logical memory map", 0xffff000000000000, 0xffff800000000000},
	    {"modules", 0xffff800000000000, 0xffff800008000000},
	    {"vmalloc", 0xffff800008000000, 0xfffffbfff0000000},
	    {"fixed mappings (top down)", 0xfffffbfff0000000, 0xfffffbfffe000000},
	    {"[guard region]", 0xfffffbfffe000000, 0xfffffbfffe800000},
	    {"PCI I/O space", 0xfffffbfffe800000, 0xfffffbffff800000},
	    {"[guard region]", 0xfffffbffff800000, 0xfffffc0000000000},
	    {"vmemmap", 0xfffffc0000000000, 0xfffffe0000000000},
	    {"[guard region]", 0xfffffe0000000000, 0},
	};
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	config(&cfg, "6.1", VML_SZ_4K, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_INT(lo.lines_style, VML_LINES_MEMORY_RST);
	CHECK_EQ_INT(lo.n_lines, VML_ARRAY_SIZE(rows));
	for (unsigned int i = 0; i < lo.n_lines && i < VML_ARRAY_SIZE(rows); i++) {
		CHECK_EQ_STR(lo.lines[i].label, rows[i].label);
		CHECK_EQ_U64(lo.lines[i].start, rows[i].start);
		CHECK_EQ_U64(lo.lines[i].end, rows[i].end);
	}
}

/* KASAN generic, 4K/48 v6.12: shadow = 2^(48-3) = 32T under _PAGE_END(48):
 * [0xffff600000000000, 0xffff800000000000), PAGE_END moves down to it; the
 * table gets memory.rst's bracketed row. */
static void test_kasan_shadow(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	const uint64_t shadow[2] = {0xffff600000000000, 0xffff800000000000};
	const uint64_t linear[2] = {0xffff000000000000, 0xffff600000000000};

	board_4g(&b);
	config(&cfg, "6.12", VML_SZ_4K, 48);
	cfg.kasan = 1;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	check_region("kasan", shadow);
	check_region("linear", linear);
	CHECK_EQ_STR(lo.lines[2].prefix, " [");
	CHECK_EQ_STR(lo.lines[2].label, "[kasan shadow region]");
	CHECK_EQ_U64(lo.lines[2].start, 0xffff600000000000);
	/* memory.rst draws the logical map row over the shadow, which is bracketed */
	CHECK_EQ_U64(lo.lines[1].end, 0xffff800000000000);
	/* software tags: 2^(48-4) = 16T: [0xffff700000000000, 0xffff800000000000) */
	cfg.kasan = 2;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(vml_layout_find_region(&lo, "kasan")->start, 0xffff700000000000);
}

static bool has_kmsg(const char *prefix)
{
	for (unsigned int i = 0; i < lo.n_kmsgs; i++)
		if (!strncmp(lo.kmsgs[i].fmt, prefix, strlen(prefix)))
			return true;
	return false;
}

/* 16K/36 (linear region 2^35 = 32G) v6.1, RAM 16G@2G + 32G@32G: memstart
 * 0x80000000; 0x1000000000 - 0x80000000 > 32G: warning; everything above
 * max(0x80000000 + 32G, __pa(_end) = 0x82000000) = 0x880000000 is removed:
 * [0x80000000, 0x480000000) + [0x800000000, 0x880000000) stay (18G), no
 * slide (0x880000000 is the end of DRAM); high_memory = PAGE_END. */
static void test_trim_to_linear_region(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	vml_board_init(&b);
	b.memory[0].base = 0x80000000;
	b.memory[0].size = G(16);
	b.memory[1].base = G(32);
	b.memory[1].size = G(32);
	b.n_memory = 2;
	config(&cfg, "6.1", K16, 36);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK(has_kmsg("Memory doesn't fit in the linear mapping, VA_BITS too small"));
	CHECK_EQ_INT(mb.memory.cnt, 2);
	CHECK_EQ_U64(mb.memory.regions[1].base, G(32));
	CHECK_EQ_U64(mb.memory.regions[1].size, G(2));
	CHECK_EQ_U64(mb.memory.total_size, G(18));
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
	CHECK_EQ_U64(lo.high_memory, 0xfffffff800000000);
}

/* The window slides up when the kernel sits high: 16K/36, RAM 1G@2G +
 * 32G@64G, image 32M at 0x17fe000000 (its _end is the end of RAM): nothing
 * is cut above max(0x880000000, 0x1800000000); memstart = round_up(
 * 0x1800000000 - 32G, 1G) = 0x1000000000 and [0, memstart) is removed: the
 * low 1G bank goes. */
static void test_window_slides_to_kernel(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	vml_board_init(&b);
	b.memory[0].base = 0x80000000;
	b.memory[0].size = G(1);
	b.memory[1].base = G(64);
	b.memory[1].size = G(32);
	b.n_memory = 2;
	config(&cfg, "6.12", K16, 36);
	cfg.load_phys_set = true;
	cfg.load_phys = 0x17fe000000;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.phys_offset, 0x1000000000);
	CHECK_EQ_INT(mb.memory.cnt, 1);
	CHECK_EQ_U64(mb.memory.regions[0].base, G(64));
	CHECK_EQ_U64(mb.memory.total_size, G(32));
	CHECK_EQ_U64(lo.segments[0].virt, 0xfffffff000000000);
	CHECK_EQ_U64(lo.high_memory, 0xfffffff800000000);
}

/* mem=1G on 4G@2G (v6.12, 4K/48): memblock_mem_limit_remove_map keeps
 * [0x80000000, 0xc0000000); the image (at 0x80000000) is inside already;
 * high_memory = PAGE_OFFSET + 1G. */
static void test_mem_limit(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	config(&cfg, "6.12", VML_SZ_4K, 48);
	cfg.n_mem_args = 1;
	cfg.mem_size[0] = G(1);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(mb.memory.total_size, G(1));
	CHECK_EQ_U64(lo.high_memory, 0xffff000040000000);
	CHECK(has_kmsg("Memory limited to %lluMB"));
}

static bool entropy_is(uint64_t slots, uint64_t bits, uint64_t tenths)
{
	for (unsigned int i = 0; i < lo.n_kmsgs; i++)
		if (strstr(lo.kmsgs[i].fmt, "possible 2 MiB slots"))
			return lo.kmsgs[i].arg[0] == slots && lo.kmsgs[i].arg[1] == bits &&
			       lo.kmsgs[i].arg[2] == tenths;
	return false;
}

/* KASLR with seed 2^63, image at PA 0x80210000 (PA mod 2M = 0x10000):
 * v6.18: r = (0xfffffdffbf800000 - 0xffff800080000000) / 2 = 0x3eff9fc00000;
 *   off = r/2 + (r * 2^63 >> 64) = r = 0x3eff9fc00000 (2M-aligned);
 *   kaslr_offset = 0x3eff9fc10000; VA = 0xffff800080000000 + it =
 *   0xffffbf001fc10000 (0x80000000 + 0x9fc10000 carries into bit 32);
 *   kimage_voffset = VA - 0x80210000 = 0xffffbeff9fa00000.
 * v6.1: off = 2^45 + (2^63 & (2^46 - 1)) = 2^45: kaslr_offset =
 *   0x200000010000, VA = 0xffff800008000000 + it = 0xffffa00008010000. */
static void test_kaslr_image(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	const uint64_t kernel[2] = {0xffffbf001fc10000, 0xffffbf001fc10000 + M(32)};

	board_4g(&b);
	config(&cfg, "6.18", VML_SZ_4K, 48);
	cfg.load_phys_set = true;
	cfg.load_phys = 0x80210000;
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 1ULL << 63;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x3eff9fc10000);
	/* the window: seed 0 gives r/2 = 0x1f7fcfe00000, seed ~0 r/2 + r - 1:
	 * (0x5e7f6f9fffff & ~(2M-1)) - 0x1f7fcfe00000 = 0x3eff9fa00000 = 33029373 x 2M,
	 * so 33029374 slots, log2 = 24.98 */
	CHECK(entropy_is(33029374, 24, 9));
	CHECK_EQ_U64(lo.kaslr_slots, 33029374);
	CHECK_EQ_U64(lo.kimage_voffset, 0xffffbeff9fa00000);
	check_region("kernel", kernel);
	CHECK(has_kmsg("KASLR enabled"));
	strcpy(cfg.profile, "6.1");
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x200000010000);
	/* v6.1: 2^46 / 2M = 2^25 slots */
	CHECK(entropy_is(1ULL << 25, 25, 0));
	CHECK_EQ_U64(vml_layout_find_region(&lo, "kernel")->start, 0xffffa00008010000);
	/* nokaslr: only the physical misalignment */
	strcpy(cfg.boot_command_line, "nokaslr");
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x10000);
	CHECK(has_kmsg("KASLR disabled on command line"));
	/* no seed: the same offset; v6.1's kaslr_init() asks !kaslr_offset()
	 * (kernel/kaslr.c v6.1), and the 64K misalignment head.S keeps in the
	 * offset makes it "enabled"; v6.9+ ask offset < MIN_KIMG_ALIGN */
	cfg.boot_command_line[0] = 0;
	cfg.kaslr_seed_set = false;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x10000);
	CHECK(has_kmsg("KASLR enabled"));
	cfg.load_phys = 0x80200000;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0);
	CHECK(has_kmsg("KASLR disabled due to lack of seed"));
	strcpy(cfg.profile, "6.18");
	cfg.load_phys = 0x80210000;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x10000);
	CHECK(has_kmsg("KASLR disabled due to lack of seed"));
}

/*
 * arm64.nolva (v6.9+ alias of id_aa64mmfr2.varange=0; kernel/pi/
 * idreg-override.c v6.12): a 52-bit build then runs with VA_BITS_MIN, as
 * on a CPU without the feature. 4K/16K (LPA2): mmfr2_varange_filter()
 * also lowers ID_AA64MMFR0.TGRAN below LPA2, which a later varange=1
 * (filtered out) does not undo; 64K (LVA): the later word cancels the
 * VARange override, 52 bits again. v6.1 has no such alias.
 * vabits_actual 48 (47 with 16K): PAGE_OFFSET stays -2^52 (_PAGE_OFFSET(
 * VA_BITS)), the linear map starts at -2^48 (-2^47).
 */
static void test_nolva(void)
{
	static const struct {
		const char *profile;
		uint64_t page;
		const char *line;
		unsigned int vabits;
	} cases[] = {
	    {"6.12", VML_SZ_4K, "", 52},
	    {"6.12", VML_SZ_4K, "arm64.nolva", 48},
	    {"6.12", 16 * VML_SZ_1K, "arm64.nolva", 47},
	    {"6.12", VML_SZ_64K, "id_aa64mmfr2.varange=0", 48},
	    {"6.12", VML_SZ_4K, "id-aa64mmfr2.varange=0x0", 48},
	    {"6.12", VML_SZ_4K, "id_aa64mmfr2.varange=1", 52},
	    {"6.12", VML_SZ_4K, "arm64.nolva id_aa64mmfr2.varange=1", 48},
	    {"6.12", VML_SZ_64K, "arm64.nolva id_aa64mmfr2.varange=1", 52},
	    {"6.12", VML_SZ_4K, "arm64.nolva=1", 52},
	    {"6.18", VML_SZ_4K, "arm64.nolva", 48},
	    {"6.1", VML_SZ_64K, "arm64.nolva", 52},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_board b;
		struct vml_kernel_config cfg;
		const unsigned int v = cases[i].vabits;

		board_4g(&b);
		config(&cfg, cases[i].profile, cases[i].page, 52);
		strcpy(cfg.boot_command_line, cases[i].line);
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_INT(lo.va_bits_actual, v);
		CHECK_EQ_U64(lo.page_offset, 0 - (1ULL << 52));
		CHECK_EQ_U64(vml_layout_find_region(&lo, "linear")->start, 0 - (1ULL << v));
	}
}

/*
 * arm64's early command-line scans (idreg_override.c). v6.1: the image
 * and linear seed follow kaslr_early_init()'s first "nokaslr" at the line's
 * start or after a space; the message follows the idreg override
 * (kaslr.disabled=N, N's low 4 bits, kstrtou64 base 0; alias "nokaslr",
 * '-' and '_' alike). v6.12: both follow arm64_sw.nokaslr=<hex digit>.
 * Seed 1 << 63 on 4 GiB at 2 GiB, _text at 0x80210000: randomized offset
 * 0x200000010000 (6.1) and 0x3eff9fc10000 (6.12), else 0x10000.
 */
static void test_kaslr_cmdline_overrides(void)
{
	static const struct {
		const char *profile, *line;
		bool randomized;
		const char *msg;
	} cases[] = {
	    {"6.1", "nokaslr", false, "KASLR disabled on command line"},
	    {"6.1", "console=ttyAMA0 nokaslr=1", false, "KASLR enabled"},
	    {"6.1", "xnokaslr nokaslr", true, "KASLR disabled on command line"},
	    {"6.1", "kaslr.disabled=1", true, "KASLR disabled on command line"},
	    {"6.1", "kaslr-disabled=1", true, "KASLR enabled"},
	    {"6.1", "kaslr.disabled=0x10", true, "KASLR enabled"},
	    {"6.1", "kaslr.disabled=017", true, "KASLR disabled on command line"},
	    {"6.1", "kaslr.disabled=1 kaslr.disabled=0", true, "KASLR enabled"},
	    {"6.1", "-- nokaslr", false, "KASLR enabled"},
	    {"6.12", "nokaslr", false, "KASLR disabled on command line"},
	    {"6.12", "nokaslr=1", true, "KASLR enabled"},
	    {"6.12", "arm64_sw.nokaslr=1", false, "KASLR disabled on command line"},
	    {"6.12", "arm64-sw.nokaslr=0xf", false, "KASLR disabled on command line"},
	    {"6.12", "arm64_sw.nokaslr=10", true, "KASLR enabled"},
	    {"6.12", "nokaslr arm64_sw.nokaslr=0", true, "KASLR enabled"},
	    {"6.12", "-- nokaslr", true, "KASLR enabled"},
	    {"6.12", "xnokaslr --", true, "KASLR enabled"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_board b;
		struct vml_kernel_config cfg;
		const bool v6_1 = !strcmp(cases[i].profile, "6.1");

		board_4g(&b);
		config(&cfg, cases[i].profile, VML_SZ_4K, 48);
		cfg.load_phys_set = true;
		cfg.load_phys = 0x80210000;
		cfg.kaslr_seed_set = true;
		cfg.kaslr_seed = 1ULL << 63;
		strcpy(cfg.boot_command_line, cases[i].line);
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_U64(lo.kaslr_offset, !cases[i].randomized ? 0x10000
					      : v6_1		   ? 0x200000010000
								   : 0x3eff9fc10000);
		CHECK(has_kmsg(cases[i].msg));
	}
}

/* Spec §A.3's KASLR table, every row (v6.18, so the linear map stays put):
 * range r = (VMALLOC_END - KIMAGE_VADDR) / 2 and the offset of _text is
 * (r/2 + ((r * seed) >> 64)) & ~(2M - 1) (arch/arm64/kernel/pi/kaslr_early.c,
 * kaslr_early_init(); map_kernel.c, early_map_kernel(), v6.12 and v6.18).
 * Seed 1 gives the first slot, r/2 rounded down; seed ~0 the last, (r/2 + r
 * - 1) rounded down; slots = (last - first) / 2M + 1. E.g. 4K/39:
 * VMALLOC_END 0xfffffffebf800000, KIMAGE_VADDR 0xffffffc080000000, r =
 * 0x1f1fc00000, first = 0xf8fe00000, last = 0x2eaf800000: 63742 slots. The
 * image sits at a 2M-aligned PA, so no low bits come from the PA. */
static void test_kaslr_windows(void)
{
	static const struct {
		uint64_t page;
		unsigned int va, cpu;
		uint64_t kimage, first, end, slots;
	} t[] = {
	    {VML_SZ_4K, 39, 0, 0xffffffc080000000, 0xffffffd00fe00000, 0xffffffef2fa00000, 63742},
	    {VML_SZ_4K, 48, 0, 0xffff800080000000, 0xffff9f804fe00000, 0xffffde7fefa00000,
	     33029374},
	    {VML_SZ_4K, 52, 48, 0xffff800080000000, 0xffff9f804fe00000, 0xffffde7fefa00000,
	     33029374},
	    {VML_SZ_4K, 52, 52, 0xffff800080000000, 0xffff90804fe00000, 0xffffb17fefa00000,
	     17300734},
	    {K16, 36, 0, 0xfffffff880000000, 0xfffffffa4de00000, 0xfffffffde9a00000, 7390},
	    {K16, 47, 0, 0xffffc00080000000, 0xffffcff04fe00000, 0xffffefcfefa00000, 16710910},
	    {K16, 52, 47, 0xffffc00080000000, 0xffffcff04fe00000, 0xffffefcfefa00000, 16710910},
	    {K16, 48, 0, 0xffff800080000000, 0xffff9fe04fe00000, 0xffffdf9fefa00000, 33422590},
	    {K16, 52, 52, 0xffffc00080000000, 0xffffcc104fe00000, 0xffffe42fefa00000, 12647678},
	    {VML_SZ_64K, 42, 0, 0xfffffe0080000000, 0xfffffe802fe00000, 0xffffff7f8fa00000, 523006},
	    {VML_SZ_64K, 48, 0, 0xffff800080000000, 0xffff9ff84fe00000, 0xffffdfe7efa00000,
	     33520894},
	    {VML_SZ_64K, 52, 48, 0xffff800080000000, 0xffff9ff84fe00000, 0xffffdfe7efa00000,
	     33520894},
	    {VML_SZ_64K, 52, 52, 0xffff800080000000, 0xffff9f084fe00000, 0xffffdd17efa00000,
	     32537854},
	};
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	for (size_t i = 0; i < VML_ARRAY_SIZE(t); i++) {
		int before = check_failures_in_test;

		config(&cfg, "6.18", t[i].page, t[i].va);
		cfg.cpu_va_bits = t[i].cpu;
		cfg.load_phys_set = true;
		cfg.load_phys = 0x80000000;
		cfg.kaslr_seed_set = true;
		cfg.kaslr_seed = 1;
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_U64(lo.kaslr_slots, t[i].slots);
		CHECK_EQ_U64(lo.kaslr_offset, t[i].first - t[i].kimage);
		CHECK_EQ_U64(vml_layout_find_region(&lo, "kernel")->start, t[i].first);
		cfg.kaslr_seed = ~0ULL;
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_U64(lo.kaslr_offset, t[i].end - M(2) - t[i].kimage);
		if (check_failures_in_test != before)
			fprintf(stderr, "  (row %zu: page %llu, VA_BITS %u)\n", i,
				(unsigned long long)t[i].page, t[i].va);
	}
}

/* The linear-map seed (seed & 0xffff = 0x8000), 64K/52 on an LVA CPU with
 * 48-bit PA: range = (2^52 - 2^47) - 2^48 = 0xe800000000000; / 512M =
 * 0x740000; (0x740000 * 0x8000) >> 16 = 0x3a0000 granules of 512M =
 * 0x7400000000000: v6.12 memstart = 0x80000000 - 0x7400000000000 =
 * 0xfff8c00080000000, RAM at VA 0xfff7400000000000. v6.18 no longer does it. */
static void test_kaslr_linear(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	config(&cfg, "6.12", VML_SZ_64K, 52);
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x8000;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.phys_offset, 0xfff8c00080000000);
	CHECK_EQ_U64(lo.segments[0].virt, 0xfff7400000000000);
	strcpy(cfg.profile, "6.18");
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
	/* 4K/48 (2^47 linear, 2^48 PA): range < 0, nothing moves on v6.12 */
	config(&cfg, "6.12", VML_SZ_4K, 48);
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x8000;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
}

/* Zones on 4G@2G: v6.12 ZONE_DMA = [2G, 4G) (zone_dma_limit clamped to
 * U32_MAX, RAM starts below 4G), DMA32 empty, Normal [4G, 6G). RAM at 8G+
 * only: v6.1's max_zone_phys(32) widens to all of RAM (DMA = everything),
 * v6.12's DMA limit is PHYS_ADDR_MAX: the same. */
static void test_zones(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	config(&cfg, "6.12", VML_SZ_4K, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_INT(lo.n_zones, 3);
	CHECK_EQ_STR(lo.zones[0].name, "DMA");
	CHECK_EQ_U64(lo.zones[0].start_pfn, 0x80000);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[1].end_pfn, 0x100000); /* DMA32 empty */
	CHECK_EQ_U64(lo.zones[2].end_pfn, 0x180000);
	CHECK_EQ_U64(lo.zones[2].present_pages, 0x80000);
	b.memory[0].base = G(8);
	for (int p = 0; p < 2; p++) {
		strcpy(cfg.profile, p ? "6.1" : "6.12");
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_U64(lo.zones[0].end_pfn, G(12) >> 12);
		CHECK_EQ_U64(lo.zones[2].present_pages, 0);
	}
	/* 64K pages: pfns in 64K units, page_shift published for the reports */
	board_4g(&b);
	config(&cfg, "6.18", VML_SZ_64K, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_INT(lo.page_shift, 16);
	CHECK_EQ_U64(lo.zones[0].start_pfn, 0x8000);
}

/* MemTotal, 4K/48 v6.12, 4G@2G, a 32M image at 2G (no System.map: all of it
 * stays reserved):
 *   linear map page tables (rodata=full: pages only): 4G / 2M = 2048 PTE
 *   tables, 4G / 1G = 4 PMD tables, 1 PUD table: 2053 pages = 8212 kB;
 *   vmemmap: 32 sections of 128M, 32 x 2M = 64M;
 *   CMA (defconfig 32M): its pages count in MemTotal;
 *   hash tables: nr_kernel_pages = free pages when free_area_init() runs
 *   (after the vmemmap, before CMA) = 1048576 - 8192 - 2053 - 16384 =
 *   1021947, rounded up to 1M (256 pages) = 1022208; dentry: >> 1 = 511104
 *   -> 524288 x 8 = 4M; inode: >> 2 = 255552 -> 262144 x 8 = 2M;
 *   RAM passes the DMA limit (4G): swiotlb 64M + ALIGN(32768 * 24, 4K) = 768K;
 *   mem_section (SPARSEMEM_EXTREME, no PAGE_EXTENSION: 16-byte entries):
 *   2^(48-27) sections / (4096/16) per root = 8192 roots x 8 = 64K, + one
 *   4K page for root 0 (sections 16..47) = 68K (17 pages less free when
 *   free_area_init() runs: 1021930, still 1022208 rounded);
 *   NUMA (defconfig NUMA=y, no numa-node-id: one faked node 0): NODE_DATA,
 *   0x3740 bytes (Debian 13's 6.12) at the top of RAM, on 4 pages = 16K;
 *   the vmemmap's tables (sparse_init(): its 64M of PMD blocks need a PUD
 *   table in a PGD entry of their own and one PMD table) = 8K;
 *   the node's cpumask (64 bytes, CPUMASK_OFFSTACK), the sections' usemaps
 *   (32 x 56 bytes), the standard resources (64 bytes) and the two
 *   command-line copies land in pages already counted.
 * 4194304 - 32768 - 8212 - 68 - 65536 - 6144 - 65536 - 768 - 16 - 8 = 4015248 kB. */
static void test_memtotal_by_hand(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;

	board_4g(&b);
	config(&cfg, "6.12", VML_SZ_4K, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 4015248);
	/* 16K pages: tables: 4G / 32M = 128 PTE, 1 PMD (64G each), 1 PUD = 130 x
	 * 16K = 2080 kB; vmemmap = 32 x 2^13 pages x 64 = 16M (the 32M-aligned
	 * buffer's tail is freed); hash tables: about 258900 free 16K pages, x 2
	 * (scale 13 < PAGE_SHIFT 14) -> 524288 x 8 = 4M, x 1 -> 262144 x 8 = 2M;
	 * mem_section: 2^21 / (16384/16) = 2048 roots x 8 = 16K, + one 16K page;
	 * NODE_DATA on one 16K page; the vmemmap's 16M of base pages: one PTE
	 * table and one PMD table (its PUD table is the fixmap's bm_pud, both
	 * in the upper PGD entry of two), 32K;
	 * 4194304 - 32768 - 2080 - 16384 - 32 - 6144 - 65536 - 768 - 16 - 32 = 4070544 kB */
	config(&cfg, "6.12", K16, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 4070544);
}

static const struct vml_reservation *find_reservation(const char *name)
{
	for (unsigned int i = 0; i < lo.n_reservations; i++)
		if (!strcmp(lo.reservations[i].name, name))
			return &lo.reservations[i];
	return NULL;
}

/*
 * Debian 12's 6.1.0-57-arm64 under QEMU 7.2 (virt, cortex-a57, -m 4G: RAM at
 * 0x40000000, the Image at 0x40200000, initrd 988184 bytes at 0x48000000,
 * the DT blob's 1 MiB at 0x48200000, "nokaslr memblock=debug"), Debian's
 * CMA_SIZE_MBYTES=64, symbols from its /proc/kallsyms and memblock list.
 * Observed:
 *   memblock reserved [0x40210000-0x4220afff] (_stext.._end), cma: Reserved
 *   64 MiB at 0x00000000fc000000, software IO TLB: mapped [mem
 *   0x00000000f8000000-0x00000000fc000000], Zone ranges DMA [mem
 *   0x40000000-0xffffffff], DMA32 empty, Normal [mem
 *   0x100000000-0x13fffffff], MemTotal 4020468 kB.
 * The model gives 4020636 kB: 168 kB more, what this test leaves out (no
 * __per_cpu_start/_end: the per-CPU first chunk, 124 kB + its maps; no DT
 * blob: the unflattened DT, 39 kB). The linear map's tables: 2048 PTE
 * tables less the alias's 10 blocks ([_stext, __init_begin) = [0x40210000,
 * 0x41860000): 2M blocks from 0x40400000 to 0x41800000), plus 4 PMD and 1
 * PUD tables = 2043 pages. paging_init()'s own (v6.1): map_kernel()'s PUD
 * and PMD tables and a PTE table for each 2M piece a segment shares or ends
 * in (_stext, _etext = __start_rodata, __init_begin, _data, _end; not
 * __inittext_end, in __init_begin's piece) = 7 pages; create_idmap()'s PUD,
 * PMD and two PTE tables (the idmap text at the end of .text, the KPTI flag
 * in .data) = 4 pages. The initrd's last partial page stays reserved.
 */
static void test_debian_6_1_qemu_4g(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	const struct vml_reservation *r;

	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = G(4);
	b.n_memory = 1;
	b.has_initrd = true;
	b.initrd_start = 0x48000000;
	b.initrd_end = 0x48000000 + 988184;
	b.memreserve[0].base = 0x48200000;
	b.memreserve[0].size = M(1);
	b.n_memreserve = 1;
	config(&cfg, "6.1", VML_SZ_4K, 48);
	cfg.image.known = true;
	cfg.image.text = 0xffff800008000000;
	cfg.image.stext = 0xffff800008010000;
	cfg.image.etext = 0xffff800008d00000;
	cfg.image.start_rodata = 0xffff800008d00000;
	cfg.image.init_begin = 0xffff800009660000;
	cfg.image.inittext_end = 0xffff800009740000; /* the -dbg package's vmlinux */
	cfg.image.init_end = 0xffff800009cb0000;
	cfg.image.sdata = 0xffff800009cb0000;
	cfg.image.end = 0xffff80000a00b000;
	cfg.load_phys_set = true;
	cfg.load_phys = 0x40200000;
	cfg.nokaslr = true;
	cfg.cma_size_mbytes = 64;
	cfg.page_extension = true; /* Debian's config: 32-byte struct mem_section */
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	r = find_reservation("kernel");
	CHECK(r && r->base == 0x40210000 && r->size == 0x4220b000 - 0x40210000);
	r = find_reservation("cma");
	CHECK(r && r->base == 0xfc000000 && r->size == M(64));
	r = find_reservation("swiotlb buffer");
	CHECK(r && r->base == 0xf8000000 && r->size == M(64));
	CHECK_EQ_U64(lo.zones[0].start_pfn, 0x40000);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[1].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[2].end_pfn, 0x140000);
	CHECK_EQ_U64(lo.phys_offset, 0x40000000);
	CHECK_EQ_U64(lo.kimage_voffset, 0xffff800008000000 - 0x40200000);
	r = find_reservation("page tables (linear map)");
	CHECK(r && r->size == 2043 * VML_SZ_4K);
	/* the order memblock=debug shows: the image's at the top, the linear
	 * map's below, the idmap's below those */
	r = find_reservation("page tables (kernel image)");
	CHECK(r && r->base == 0x140000000 - 7 * VML_SZ_4K && r->size == 7 * VML_SZ_4K);
	r = find_reservation("page tables (idmap)");
	CHECK(r && r->base == 0x140000000 - (7 + 2043 + 4) * VML_SZ_4K && r->size == 4 * VML_SZ_4K);
	/* mem_section: 2^21 / 128 = 16384 roots x 8 = 128K + a 4K page (the
	 * boot's memblock=debug: 131072 and 4096 bytes from sparse_init);
	 * NUMA's distance table (256 bytes, a page) and NODE_DATA (3 pages);
	 * the vmemmap's PUD and PMD tables (2 pages) */
	CHECK_EQ_U64(lo.mem_total_kb, 4020636);
	CHECK(lo.mem_total_kb - 4020468 < 200);
	/* Booted again with /chosen/kaslr-seed = <0x12345678 0x9abcdef0>:
	 * /proc/kallsyms had _stext at 0xffffb678a2a10000. v6.1: off = 2^45 +
	 * (0x123456789abcdef0 & (2^46 - 1)) = 0x36789abcdef0, 2M-aligned
	 * 0x36789aa00000; _text = 0xffff800008000000 + it = 0xffffb678a2a00000 */
	cfg.nokaslr = false;
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x123456789abcdef0;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x36789aa00000);
	CHECK_EQ_U64(vml_layout_find_region(&lo, "kernel")->start + 0x10000, 0xffffb678a2a10000);
	/* The same boot's /proc/kcore program headers: RAM 0x40000000 at VA
	 * 0xffff618900000000, the linear map randomized: the Cortex-A57's PARange
	 * is 44 bits, so range = 2^47 - 2^44 = 0x700000000000, / 1G = 0x1c000;
	 * seed16 = 0xdef0: (0x1c000 * 0xdef0) >> 16 = 0x18624 GiB below
	 * 0x40000000: memstart_addr = 0x40000000 - 0x618900000000. (kcore also
	 * showed vmalloc [0xffff800008000000, +0x7bffe8000000) and the struct pages
	 * at VMEMMAP_START + (0x618900000000 >> 12) * 64 = 0xfffffd8624000000.) */
	cfg.cpu_pa_bits = 44;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.segments[0].virt, 0xffff618900000000);
	CHECK_EQ_U64(lo.phys_offset, 0x40000000 - 0x618900000000);
	CHECK_EQ_U64(lo.vmalloc_end, 0xffff800008000000 + 0x7bffe8000000);
}

/*
 * The linear map's tables by rodata= (mm/mmu.c map_mem(), v6.1): 2 GiB at
 * 0x40000000, 4K/48, the image's alias [_stext, __init_begin) = PA
 * [0x40210000, 0x41860000) (the Debian 6.1 image QEMU loads at 0x40200000).
 *   full (default): pages; 1024 PTE tables less the alias's PMD-aligned
 *     [0x40400000, 0x41800000) = 10 blocks, + 2 PMD tables + 1 PUD table:
 *     1017 pages.
 *   off, and on (it clears rodata_full before v6.16): blocks, one
 *     __create_pgd_mapping() per range [0x40000000, 0x40210000), the alias,
 *     [0x41860000, 0xc0000000): PMD blocks at 0x40000000 (1), 0x40400000 ..
 *     0x41800000 (10), 0x41a00000 .. 0x80000000 (495), and one PUD block for
 *     [0x80000000, 0xc0000000) (its 512 PMD pieces need no table): PTE
 *     tables only at 0x40200000 and 0x41800000 (2), PMD tables for the first
 *     GiB only (1), 1 PUD table: 4 pages. The Debian boot with rodata=off
 *     allocated 15 early_pgtable_alloc pages: these 4 after map_kernel()'s
 *     11, as the 1 GiB boot's 515 = 504 + 11.
 *   on with the 6.18 profile (rodata=on sets rodata_full): pages again, and
 *     its alias starts at _text (0x40200000): 11 blocks, 1016 pages.
 *   debug_pagealloc=on forces pages under rodata=off.
 *   A value the version does not take changes nothing (set_debug_rodata()
 *   warns): noalias before v6.16, "yes" anywhere; so an earlier off stays.
 *   debug_pagealloc= exists only with CONFIG_DEBUG_PAGEALLOC (set here but
 *   for the "nodpa" cases); "default": DEBUG_PAGEALLOC_ENABLE_DEFAULT=y,
 *   on unless the command line says otherwise.
 *   noalias on the 6.18 profile clears rodata_full: blocks, as off; its
 *     alias starts at _text (0x40200000, 2 MiB aligned), so no PTE table at
 *     0x40200000: the one at 0x41800000, 1 PMD, 1 PUD table: 3 pages.
 *   full on the 6.18 profile: v6.16 dropped it (asm/setup.h, 7.2.13), so
 *     set_debug_rodata() warns and ignores it: the default's 1016 pages
 *     alone, and after rodata=off the off's 3.
 *   "kfence0": CONFIG_KFENCE with KFENCE_SAMPLE_INTERVAL=0 (Debian 13's
 *     arm64 config), "kfence": KFENCE with no interval in the .config (the
 *     Kconfig default, 100). can_set_direct_map() asks
 *     arm64_kfence_can_set_direct_map() = !kfence_early_init in v6.12, and
 *     IS_ENABLED(CONFIG_KFENCE) in the v6.1 tag: pages whatever rodata=
 *     says, 1016 on 6.12 (its alias from _text: 11 blocks), 1017 on 6.1.
 *     The Debian 13 boot arm64-6.12-2g-rodata-off: MemTotal 4040 kB (1010
 *     pages) below vmlayout's before this was modelled. With a non-zero
 *     interval v6.12's pool is early (taken before, mapped apart): blocks.
 */
static void test_linear_map_tables_rodata(void)
{
	static const struct {
		const char *profile;
		const char *cmdline;
		uint64_t pages;
	} cases[] = {
	    {"6.12", "rodata=off", 3},
	    {"6.12", "rodata=off kfence0", 1016},
	    {"6.12", "kfence0", 1016},
	    {"6.1", "rodata=off kfence", 1017},
	    {"6.1", "rodata=off kfence0", 1017},
	    {"6.1", "", 1017},
	    {"6.1", "rodata=full", 1017},
	    {"6.1", "rodata=off", 4},
	    {"6.1", "rodata=on", 4},
	    {"6.1", "rodata=yes", 1017},
	    {"6.1", "rodata=noalias", 1017},
	    {"6.1", "rodata=off rodata=noalias", 4},
	    {"6.1", "rodata=off rodata", 4},
	    {"6.1", "rodata=off debug_pagealloc=on", 1017},
	    {"6.1", "rodata=off debug_pagealloc=yes", 1017},
	    {"6.1", "rodata=off debug_pagealloc=on debug_pagealloc=of", 4},
	    {"6.1", "rodata=off debug_pagealloc=on nodpa", 4},
	    {"6.1", "rodata=off default", 1017},
	    {"6.1", "rodata=off debug_pagealloc=0 default", 4},
	    {"6.18", "rodata=on", 1016},
	    {"6.18", "rodata=noalias", 3},
	    {"6.18", "rodata=full", 1016},
	    {"6.18", "rodata=off rodata=full", 3},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_board b;
		struct vml_kernel_config cfg;
		struct vml_host_error err;
		const struct vml_reservation *r;

		vml_board_init(&b);
		b.memory[0].base = 0x40000000;
		b.memory[0].size = G(2);
		b.n_memory = 1;
		config(&cfg, cases[i].profile, VML_SZ_4K, 48);
		CHECK_EQ_INT(vml_cmdline_parse(cases[i].cmdline, &cfg, &err), 0);
		cfg.debug_pagealloc_config = !strstr(cases[i].cmdline, "nodpa");
		cfg.debug_pagealloc_default = strstr(cases[i].cmdline, "default") != NULL;
		cfg.kfence = strstr(cases[i].cmdline, "kfence") != NULL;
		cfg.kfence_sample_interval_set = strstr(cases[i].cmdline, "kfence0") != NULL;
		cfg.kfence_sample_interval = 0;
		cfg.image.known = true;
		cfg.image.text = 0xffff800008000000;
		cfg.image.stext = 0xffff800008010000;
		cfg.image.etext = 0xffff800008d00000;
		cfg.image.init_begin = 0xffff800009660000;
		cfg.image.init_end = 0xffff800009cb0000;
		cfg.image.sdata = 0xffff800009cb0000;
		cfg.image.end = 0xffff80000a010000;
		cfg.load_phys_set = true;
		cfg.load_phys = 0x40200000;
		cfg.nokaslr = true;
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		r = find_reservation("page tables (linear map)");
		CHECK(r != NULL);
		if (r)
			CHECK_EQ_U64(r->size, cases[i].pages * VML_SZ_4K);
	}
}

static bool has_kmsg_text(const char *text)
{
	char buf[256];

	for (unsigned int i = 0; i < lo.n_kmsgs; i++) {
		vml_report_kmsg_text(buf, sizeof(buf), &lo.kmsgs[i]);
		buf[strcspn(buf, "\n")] = 0;
		if (!strcmp(buf, text))
			return true;
	}
	return false;
}

/* A psci cpu node per cpu, MPIDR 0, 1, ... (the boot cpu first). */
static void add_cpus(struct vml_board *b, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct vml_board_cpu *c = &b->cpus[b->n_cpus++];

		snprintf(c->path, sizeof(c->path), "/cpus/cpu@%u", i);
		c->has_hwid = true;
		c->hwid = i;
		c->available = true;
		snprintf(c->enable_method, sizeof(c->enable_method), "psci");
	}
}

/*
 * mem_init()'s swiotlb (arch/arm64/mm/init.c v6.12; kernel/dma/swiotlb.c)
 * when RAM ends within the DMA limit, so ZONE_DMA needs no bouncing: v6.12
 * (DMA_BOUNCE_UNALIGNED_KMALLOC, selected by arm64) still makes one, for
 * kmalloc() bouncing, 1 MiB per GiB of memblock_phys_mem_size(); v6.1 none.
 *   1 GiB at 0x40000000, 1 cpu: 1 MiB = 512 slabs (a power of two: kept);
 *     slots PAGE_ALIGN(512 * 24) = 12288; areas 16 bytes. The Debian 13
 *     boot arm64-6.12-1g: "SWIOTLB bounce buffer size adjusted to 1MB",
 *     "area num 1.", the 1048576-, 12288- and 16-byte allocations, and
 *     MemTotal 1036 kB (0.1 %) below vmlayout's before this was modelled.
 *   1.5 GiB: 1.5 MiB = 768 slabs, not a power of two: round_up_default_nslabs()
 *     makes them 1024 when swiotlb_init_remap() sets the areas: "roundup to
 *     2MB", a 2 MiB buffer, slots 24576.
 *   512 MiB, 8 cpus: 256 slabs, 8 areas of a segment (128 slabs) each need
 *     1024: a 2 MiB buffer, "area num 8.", areas 8 * 16 bytes.
 */
static void test_swiotlb_kmalloc_bounce(void)
{
	static const struct {
		const char *profile;
		uint64_t ram;
		unsigned int cpus;
		uint64_t buffer, slots, areas;
		const char *msg[3];
	} cases[] = {
	    {"6.12",
	     G(1),
	     1,
	     M(1),
	     12288,
	     16,
	     {"software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB",
	      "software IO TLB: area num 1.", NULL}},
	    {"6.12",
	     M(1536),
	     1,
	     M(2),
	     24576,
	     16,
	     {"software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB",
	      "software IO TLB: SWIOTLB bounce buffer size roundup to 2MB", NULL}},
	    {"6.12",
	     M(512),
	     8,
	     M(2),
	     24576,
	     128,
	     {"software IO TLB: SWIOTLB bounce buffer size adjusted to 0MB",
	      "software IO TLB: area num 8.",
	      "software IO TLB: SWIOTLB bounce buffer size roundup to 2MB"}},
	    {"6.18", G(1), 1, M(1), 12288, 16, {NULL, NULL, NULL}},
	    {"6.1", G(1), 1, 0, 0, 0, {NULL, NULL, NULL}},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_board b;
		struct vml_kernel_config cfg;
		const struct vml_reservation *buf, *slots, *areas;

		vml_board_init(&b);
		b.memory[0].base = 0x40000000;
		b.memory[0].size = cases[i].ram;
		b.n_memory = 1;
		add_cpus(&b, cases[i].cpus);
		config(&cfg, cases[i].profile, VML_SZ_4K, 48);
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		buf = find_reservation("swiotlb buffer");
		slots = find_reservation("swiotlb slots");
		areas = find_reservation("swiotlb areas");
		CHECK_EQ_U64(buf ? buf->size : 0, cases[i].buffer);
		CHECK_EQ_U64(slots ? slots->size : 0, cases[i].slots);
		CHECK_EQ_U64(areas ? areas->size : 0, cases[i].areas);
		if (buf) /* below the DMA limit, the end of RAM here */
			CHECK(buf->base + buf->size <= 0x40000000 + cases[i].ram);
		for (unsigned int m = 0; m < 3 && cases[i].msg[m]; m++)
			CHECK(has_kmsg_text(cases[i].msg[m]));
	}
}

/*
 * Debian 12's 6.12.100+deb12-arm64 (4K pages, VA_BITS=52: LPA2) under the
 * same QEMU board, whose cortex-a57 has no LPA2: a 52-bit build on a 48-bit
 * CPU. Symbols from /proc/kallsyms. Observed:
 *   reserved [0x40200000-0x42d1ffff] (_text.._end, v6.12), the linear map's
 *   tables [0x13f809000-0x13fffffff] = 0x7f7000 bytes, cma at 0xfc000000,
 *   swiotlb [0xf8000000-0xfc000000], the same zones, MemTotal 4012300 kB.
 * Tables: 2048 PTE tables less the alias's 14 blocks ([_text, __init_begin)
 * = [0x40200000, 0x41ef0000)), 4 PMD, 1 PUD (4 levels walked, P4D folded):
 * 2039 pages = 0x7f7000, as observed. memstart_addr = 0x40000000 - (2^52 -
 * 2^48) = 0xfff1000040000000. The model gives 4012484 kB (184 kB more, the
 * same omissions as above).
 */
static void test_debian_6_12_lpa2_on_48bit_qemu_4g(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	const struct vml_reservation *r;

	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = G(4);
	b.n_memory = 1;
	b.has_initrd = true;
	b.initrd_start = 0x48000000;
	b.initrd_end = 0x48000000 + 988184;
	b.memreserve[0].base = 0x48200000;
	b.memreserve[0].size = M(1);
	b.n_memreserve = 1;
	config(&cfg, "6.12", VML_SZ_4K, 52);
	cfg.cpu_va_bits = 48;
	cfg.image.known = true;
	cfg.image.text = 0xffff800080000000;
	cfg.image.stext = 0xffff800080010000;
	cfg.image.init_begin = 0xffff800081cf0000;
	cfg.image.init_end = 0xffff800082660000;
	cfg.image.end = 0xffff800082b20000;
	cfg.load_phys_set = true;
	cfg.load_phys = 0x40200000;
	cfg.nokaslr = true;
	cfg.cma_size_mbytes = 64;
	cfg.page_extension = true;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	r = find_reservation("kernel");
	CHECK(r && r->base == 0x40200000 && r->size == 0x2b20000);
	r = find_reservation("page tables (linear map)");
	CHECK(r && r->base == 0x13f809000 && r->size == 0x7f7000);
	r = find_reservation("cma");
	CHECK(r && r->base == 0xfc000000);
	r = find_reservation("swiotlb buffer");
	CHECK(r && r->base == 0xf8000000);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.phys_offset, 0xfff1000040000000);
	CHECK_EQ_U64(lo.segments[0].virt, 0xffff000000000000);
	/* mem_section with MAX_PHYSMEM_BITS = PHYS_MASK_SHIFT = 48 at run time
	 * (no LPA2): 128K + 4K, as 6.1; NODE_DATA (0x3740 bytes), 4 pages
	 * (v6.12 makes no distance table without a distance map); the
	 * vmemmap's 2 table pages; the initrd's last partial page (988184
	 * bytes) stays reserved (free_reserved_area() frees whole pages) */
	CHECK_EQ_U64(lo.mem_total_kb, 4012484);
	CHECK(lo.mem_total_kb - 4012300 < 400);
	/* With /chosen/kaslr-seed = <0x12345678 0x9abcdef0>, /proc/kallsyms had
	 * _text at 0xffffa3fb2a400000. v6.12: r = (0xfffffdffbf800000 -
	 * 0xffff800080000000) / 2 = 0x3eff9fc00000; off = r/2 + (r * seed >> 64) =
	 * 0x1f7fcfe00000 + 0x47ada6f8091 = 0x23faaa4f8091, 2M-aligned
	 * 0x23faaa400000 (the 48-bit CPU's VMALLOC_END, the native 48-bit one) */
	cfg.nokaslr = false;
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 0x123456789abcdef0;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x23faaa400000);
	CHECK_EQ_U64(vml_layout_find_region(&lo, "kernel")->start, 0xffffa3fb2a400000);
	/* kcore: RAM at VA 0xffff618900000000 here too: the linear region is 2^47
	 * on the 48-bit CPU, the same 0x18624 GiB; memstart_addr = 0x40000000 -
	 * (2^52 - 2^48) - 0x618900000000. (kcore: vmalloc [0xffff800080000000,
	 * +0x7dff3f800000), struct pages at VMEMMAP_START 0xffffc1ffc0000000 +
	 * (0xf618900000000 >> 12) * 64 = 0xffffff85e4000000.) */
	cfg.cpu_pa_bits = 44;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	CHECK_EQ_U64(lo.segments[0].virt, 0xffff618900000000);
	CHECK_EQ_U64(lo.phys_offset, 0x40000000 - 0xf000000000000 - 0x618900000000);
	CHECK_EQ_U64(lo.vmalloc_end, 0xffff800080000000 + 0x7dff3f800000);
}

static void test_bad_configs(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	struct vml_diag diag = {0, NULL, 0, 0, -1};

	board_4g(&b);
	/* 4K/52 needs LPA2 (v6.9+): refused by the 6.1 profile */
	config(&cfg, "6.1", VML_SZ_4K, 52);
	CHECK_EQ_INT(run(&b, &cfg, &diag), VML_EINVAL);
	CHECK_EQ_INT(mb.memory.cnt, 0);
	CHECK_EQ_INT(lo.n_regions, 0);
	/* 39 bits are 4K only */
	config(&cfg, "6.18", VML_SZ_64K, 39);
	CHECK_EQ_INT(run(&b, &cfg, &diag), VML_EINVAL);
	/* an image outside RAM */
	config(&cfg, "6.18", VML_SZ_4K, 48);
	cfg.load_phys_set = true;
	cfg.load_phys = 0x40000000;
	CHECK_EQ_INT(run(&b, &cfg, &diag), VML_EINVAL);
	CHECK(diag.rule && strstr(diag.rule, "kernel image"));
}

static void test_profile_names(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	static const char *const names[][2] = {
	    {"6.1", "6.1"},   {"6.8", "6.1"},	{"6.9", "6.12"},   {"6.12.3", "6.12"},
	    {"6.15", "6.12"}, {"6.16", "6.18"}, {"6.18.2", "6.18"}};

	board_4g(&b);
	for (size_t i = 0; i < VML_ARRAY_SIZE(names); i++) {
		config(&cfg, names[i][0], VML_SZ_4K, 48);
		CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
		CHECK_EQ_STR(lo.profile, names[i][1]);
	}
	config(&cfg, "6.19", VML_SZ_4K, 48);
	CHECK_EQ_INT(run(&b, &cfg, NULL), VML_ENOTSUP);
}

/*
 * swiotlb's mem->areas under PREEMPT_RT: Debian 13's 6.12.117 rt-arm64 on
 * QEMU (one CPU, 2 GiB, nokaslr) logged "memblock_alloc_try_nid: 48 bytes
 * align=0x40 ... swiotlb_init_remap", its arm64 flavour 16 bytes: one
 * struct io_tlb_area, whose spinlock_t is an rt_mutex_base (32 bytes) under
 * PREEMPT_RT (include/vmlayout/lock_sizes.h); the KFENCE metadata (a raw
 * lock) stays 299008 bytes on both (kfence.sample_interval=100).
 */
static void test_preempt_rt_swiotlb_areas(void)
{
	struct vml_board b;
	struct vml_kernel_config cfg;
	const struct vml_reservation *r;

	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = G(2);
	b.n_memory = 1;
	config(&cfg, "6.12", VML_SZ_4K, 48);
	cfg.nokaslr = true;
	cfg.kfence = true;
	cfg.kfence_sample_interval_set = true;
	cfg.kfence_sample_interval = 100;
	cfg.memcg = true;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	r = find_reservation("swiotlb areas");
	CHECK(r && r->size == 16);
	r = find_reservation("kfence metadata");
	CHECK(r && r->size == 299008);
	cfg.preempt_rt = true;
	CHECK_EQ_INT(run(&b, &cfg, NULL), 0);
	r = find_reservation("swiotlb areas");
	CHECK(r && r->size == 48);
	r = find_reservation("kfence metadata");
	CHECK(r && r->size == 299008);
}

int main(void)
{
	RUN_TEST(test_golden_layouts);
	RUN_TEST(test_v6_1_table_rows);
	RUN_TEST(test_kasan_shadow);
	RUN_TEST(test_trim_to_linear_region);
	RUN_TEST(test_window_slides_to_kernel);
	RUN_TEST(test_mem_limit);
	RUN_TEST(test_kaslr_image);
	RUN_TEST(test_kaslr_cmdline_overrides);
	RUN_TEST(test_nolva);
	RUN_TEST(test_kaslr_windows);
	RUN_TEST(test_kaslr_linear);
	RUN_TEST(test_zones);
	RUN_TEST(test_memtotal_by_hand);
	RUN_TEST(test_debian_6_1_qemu_4g);
	RUN_TEST(test_preempt_rt_swiotlb_areas);
	RUN_TEST(test_linear_map_tables_rodata);
	RUN_TEST(test_debian_6_12_lpa2_on_48bit_qemu_4g);
	RUN_TEST(test_swiotlb_kmalloc_bounce);
	RUN_TEST(test_bad_configs);
	RUN_TEST(test_profile_names);
	return CHECK_DONE("test_arm64_layout");
}

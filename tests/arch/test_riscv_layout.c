/* SPDX-License-Identifier: MIT */
/*
 * Golden cases of the riscv64 layout policies (docs/riscv64.md). Each case
 * writes its arithmetic. Formulas (asm/pgtable.h, asm/kasan.h):
 *   KERN_VIRT_SIZE = (PTRS_PER_PGD/2 * PGDIR_SIZE)/2 (6.x), -PAGE_OFFSET (5.10)
 *   VMALLOC = [PAGE_OFFSET - KERN_VIRT_SIZE/2, PAGE_OFFSET) (5.10 end: -1)
 *   VMEMMAP = 2^(VA_BITS - 12 - 1 + 6) below VMALLOC_START
 *   PCI I/O = 16 MiB below; fixmap 6 MiB (6.x) / 2 MiB (5.10) below that
 *   6.x kernel at 0xffffffff80000000 + KASLR, modules [PFN_ALIGN(_end) - 2G,
 *   _start), KASAN [(0xffffffff00000000 - 2^(VA_BITS-4)) & PGDIR_MASK,
 *   0xffffffff00000000)
 * Board unless said: 2 GiB at 0x80000000, a 24 MiB image at 0x80200000
 * (OpenSBI's FW_JUMP_ADDR), no KASLR.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "vmlayout/host_input.h"
#include "vmlayout/layout.h"
#include "vmlayout/report.h"

#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)

static struct vml_memblock_region mem_r[128], res_r[128];
static struct vml_layout lo;
static struct vml_memblock mb;
static struct vml_board board;
static struct vml_kernel_config cfg;

static void setup(const char *profile, unsigned int va_bits, uint64_t ram)
{
	vml_board_init(&board);
	vml_kernel_config_init(&cfg, VML_ARCH_RISCV64);
	strcpy(cfg.profile, profile);
	cfg.cpu_va_bits = va_bits; /* CPU_SATP_BITS: the CPU's widest mode */
	cfg.image_size = M(24);
	board.memory[0].base = 0x80000000;
	board.memory[0].size = ram;
	board.n_memory = 1;
}

static int run(struct vml_diag *diag)
{
	vml_memblock_init(&mb, mem_r, 128, res_r, 128, ~0ULL, 4096);
	return vml_layout_compute(&board, &cfg, &mb, &lo, diag);
}

static void check_region(const char *name, uint64_t start, uint64_t end)
{
	const struct vml_vregion *r = vml_layout_find_region(&lo, name);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_EQ_U64(r->start, start);
	CHECK_EQ_U64(r->end, end);
}

static bool has_kmsg(const char *fmt, uint64_t a0)
{
	for (unsigned int i = 0; i < lo.n_kmsgs; i++)
		if (!strcmp(lo.kmsgs[i].fmt, fmt) && lo.kmsgs[i].arg[0] == a0)
			return true;
	return false;
}

/* has_kmsg() whose argument @node_arg is the node -1 (NUMA_NO_NODE) */
static bool has_kmsg_node(const char *fmt, uint64_t a0, unsigned int node_arg)
{
	for (unsigned int i = 0; i < lo.n_kmsgs; i++)
		if (!strcmp(lo.kmsgs[i].fmt, fmt) && lo.kmsgs[i].arg[0] == a0 &&
		    lo.kmsgs[i].arg[node_arg] == (uint64_t)-1)
			return true;
	return false;
}

static char *boot_log(void)
{
	static char *buf;
	size_t len;
	FILE *f;

	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	vml_report_boot_log(f, &lo);
	fclose(f);
	return buf;
}

/* 5.10 sv39: PAGE_OFFSET = CONFIG_PAGE_OFFSET 0xffffffe000000000, KERN_VIRT_SIZE
 * = 2^64 - PAGE_OFFSET = 128 GiB; VMALLOC_START = PO - 64 GiB =
 * 0xffffffd000000000, VMALLOC_END = PO - 1; VMEMMAP 2^32 below:
 * 0xffffffcf00000000 .. VMALLOC_START - 1; PCI I/O 0xffffffceff000000;
 * fixmap 2 MiB: 0xffffffcefee00000. The kernel is at PAGE_OFFSET and
 * PAGE_OFFSET maps its load address 0x80200000, so high_memory = PO +
 * (0x100000000 - 0x80200000) = 0xffffffe07fe00000 (2046 MB). Modules:
 * PFN_ALIGN(_end - 2G) = 0xffffffe001800000 - 0x80000000 = 0xffffffdf81800000. */
static void test_5_10_sv39_kernel_in_linear_map(void)
{
	setup("5.10", 0, G(2));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffe000000000ULL);
	CHECK_EQ_U64(lo.phys_offset, 0x80200000);
	CHECK_EQ_U64(lo.high_memory, 0xffffffe07fe00000ULL);
	CHECK_EQ_U64(lo.vmalloc_start, 0xffffffd000000000ULL);
	CHECK_EQ_U64(lo.vmalloc_end, 0xffffffdfffffffffULL);
	/* VmallocTotal = (64 GiB - 1) >> 10 = 67108863 kB, as 5.10 prints */
	CHECK_EQ_U64(lo.vmalloc_total >> 10, 67108863);
	check_region("kernel", 0xffffffe000000000ULL, 0xffffffe001800000ULL);
	check_region("modules", 0xffffffdf81800000ULL, 0xffffffe000000000ULL);
	check_region("linear", 0xffffffe000000000ULL, 0);
	CHECK(vml_layout_find_region(&lo, "kasan") == NULL);
	CHECK_EQ_STR(boot_log(),
		     "Virtual kernel memory layout:\n"
		     "      fixmap : 0xffffffcefee00000 - 0xffffffceff000000   (2048 kB)\n"
		     "      pci io : 0xffffffceff000000 - 0xffffffcf00000000   (  16 MB)\n"
		     "     vmemmap : 0xffffffcf00000000 - 0xffffffcfffffffff   (4095 MB)\n"
		     "     vmalloc : 0xffffffd000000000 - 0xffffffdfffffffff   (65535 MB)\n"
		     "      lowmem : 0xffffffe000000000 - 0xffffffe07fe00000   (2046 MB)\n");
	/* the 2 MiB below the kernel: in memblock, below the linear map */
	CHECK(has_kmsg("vmlayout: RAM below the load address 0x%llx is below the PA "
		       "PAGE_OFFSET maps (5.10)\n",
		       0x80200000));
	/* the bank holding the load address is mapped from it (setup_vm_final) */
	CHECK_EQ_INT(lo.n_segments, 1);
	CHECK_EQ_U64(lo.segments[0].phys, 0x80200000);
	CHECK_EQ_U64(lo.segments[0].virt, 0xffffffe000000000ULL);
	/* a bank wholly below it is mapped at __va(pa), below PAGE_OFFSET:
	 * 0x40000000 - 0x80200000 + PO = 0xffffffdfbfe00000 */
	board.memory[1] = board.memory[0];
	board.memory[0].base = 0x40000000;
	board.memory[0].size = M(64);
	board.n_memory = 2;
	cfg.load_phys_set = true;
	cfg.load_phys = 0x80200000;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.segments[0].virt, 0xffffffdfbfe00000ULL);
	CHECK(has_kmsg("vmlayout: RAM at 0x%llx lies below the load address: 5.10 maps it "
		       "below PAGE_OFFSET, at 0x%llx\n",
		       0x40000000));
}

/* 5.10 KASAN: [KERN_VIRT_START, + 2^35) with KERN_VIRT_START = -2^39 + 2^38. */
static void test_5_10_kasan_at_kern_virt_start(void)
{
	setup("5.10", 0, G(2));
	cfg.kasan = 1;
	CHECK_EQ_INT(run(NULL), 0);
	check_region("kasan", 0xffffffc000000000ULL, 0xffffffc800000000ULL);
}

/* 6.12 sv39: PAGE_OFFSET_L3 0xffffffd600000000, KERN_VIRT_SIZE = 256 * 1G / 2 =
 * 128 GiB; VMALLOC [PO - 64G, PO) = [0xffffffc600000000, 0xffffffd600000000);
 * vmemmap 4 GiB below: 0xffffffc500000000; PCI 0xffffffc4ff000000; fixmap
 * 6 MiB: 0xffffffc4fea00000. phys_ram_base = 0x80000000 (DRAM start & 2M):
 * high_memory = PO + 2 GiB. Kernel at 0xffffffff80000000, modules
 * [0xffffffff81800000 - 2G, 0xffffffff80000000). The block: fixmap 6 MiB is
 * under 10 MiB -> kB; vmemmap 4 GiB -> MB; vmalloc 64 GiB -> GB. */
static void test_6_12_sv39_golden(void)
{
	setup("6.12", 39, G(2));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
	CHECK_EQ_U64(lo.high_memory, 0xffffffd680000000ULL);
	check_region("fixmap", 0xffffffc4fea00000ULL, 0xffffffc4ff000000ULL);
	check_region("pci_io", 0xffffffc4ff000000ULL, 0xffffffc500000000ULL);
	check_region("vmemmap", 0xffffffc500000000ULL, 0xffffffc600000000ULL);
	check_region("vmalloc", 0xffffffc600000000ULL, 0xffffffd600000000ULL);
	check_region("linear", 0xffffffd600000000ULL, 0xfffffff600000000ULL);
	check_region("modules", 0xffffffff01800000ULL, 0xffffffff80000000ULL);
	check_region("kernel", 0xffffffff80000000ULL, 0xffffffff81800000ULL);
	CHECK_EQ_STR(boot_log(),
		     "Virtual kernel memory layout:\n"
		     "      fixmap : 0xffffffc4fea00000 - 0xffffffc4ff000000   (6144 kB)\n"
		     "      pci io : 0xffffffc4ff000000 - 0xffffffc500000000   (  16 MB)\n"
		     "     vmemmap : 0xffffffc500000000 - 0xffffffc600000000   (4096 MB)\n"
		     "     vmalloc : 0xffffffc600000000 - 0xffffffd600000000   (  64 GB)\n"
		     "     modules : 0xffffffff01800000 - 0xffffffff80000000   (2024 MB)\n"
		     "      lowmem : 0xffffffd600000000 - 0xffffffd680000000   (2048 MB)\n"
		     "      kernel : 0xffffffff80000000 - 0xffffffffffffffff   (2047 MB)\n");
	/* zones: DMA32 [0x80000, 0x100000) holds all 2 GiB; Normal empty */
	CHECK_EQ_INT(lo.n_zones, 2);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[0].present_pages, 0x80000);
	CHECK_EQ_U64(lo.zones[1].present_pages, 0);
}

/* 6.12 sv48, 8 GiB at 0x80000000 (end 0x280000000), KASAN: PAGE_OFFSET_L4
 * 0xffffaf8000000000, KERN_VIRT_SIZE = 256 * 512G / 2 = 64 TiB; vmalloc 32 TiB
 * [0xffff8f8000000000, PO); vmemmap 2^(48-7) = 2 TiB: 0xffff8d8000000000;
 * PCI 0xffff8d7fff000000; fixmap 0xffff8d7ffea00000. KASAN: size 2^44,
 * (0xffffffff00000000 - 2^44) & ~(2^39 - 1) = 0xffffef8000000000. The linear
 * area [PO, PO + 64T) ends where the shadow starts. RAM above 4 GiB:
 * DMA32 [0x80000, 0x100000), Normal [0x100000, 0x280000); swiotlb takes its
 * 64 MiB below 4 GiB. */
static void test_6_12_sv48_golden(void)
{
	setup("6.12", 48, G(8));
	cfg.kasan = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffaf8000000000ULL);
	CHECK_EQ_U64(lo.high_memory, 0xffffaf8200000000ULL);
	check_region("fixmap", 0xffff8d7ffea00000ULL, 0xffff8d7fff000000ULL);
	check_region("vmemmap", 0xffff8d8000000000ULL, 0xffff8f8000000000ULL);
	check_region("vmalloc", 0xffff8f8000000000ULL, 0xffffaf8000000000ULL);
	check_region("linear", 0xffffaf8000000000ULL, 0xffffef8000000000ULL);
	check_region("kasan", 0xffffef8000000000ULL, 0xffffffff00000000ULL);
	CHECK_EQ_U64(lo.zones[0].end_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[1].start_pfn, 0x100000);
	CHECK_EQ_U64(lo.zones[1].end_pfn, 0x280000);
	{
		bool swiotlb = false;

		for (unsigned int i = 0; i < lo.n_reservations; i++)
			if (!strcmp(lo.reservations[i].name, "swiotlb buffer")) {
				swiotlb = true;
				CHECK(lo.reservations[i].base + lo.reservations[i].size <=
				      0x100000000ULL);
				CHECK_EQ_U64(lo.reservations[i].size, M(64));
			}
		CHECK(swiotlb);
	}
	/* vmalloc 32 TiB -> "  32 TB"; kasan 0xffffffff00000000 - 0xffffef8000000000
	 * = 0x107f00000000 = 16.5 TiB -> "  16 TB" */
	CHECK(strstr(boot_log(),
		     "     vmalloc : 0xffff8f8000000000 - 0xffffaf8000000000   (  32 TB)\n") !=
	      NULL);
	CHECK(strstr(boot_log(),
		     "       kasan : 0xffffef8000000000 - 0xffffffff00000000   (  16 TB)\n") !=
	      NULL);
}

/* 6.18 sv57 with KASAN: PAGE_OFFSET_L5 0xff60000000000000, KERN_VIRT_SIZE =
 * 256 * 2^48 / 2 = 2^55 (32 PiB); vmalloc 16 PiB [0xff20000000000000, PO);
 * vmemmap 2^50: 0xff1c000000000000; fixmap 0xff1bfffffea00000. KASAN: size
 * 2^53, (0xffffffff00000000 - 2^53) & ~(2^48 - 1) = 0xffdf000000000000, below
 * PO + 2^55 = 0xffe0000000000000: the linear area stops at the shadow. */
static void test_6_18_sv57_kasan_clamps_linear(void)
{
	setup("6.18", 57, G(2)); /* a sv57 CPU */
	cfg.kasan = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xff60000000000000ULL);
	check_region("fixmap", 0xff1bfffffea00000ULL, 0xff1bffffff000000ULL);
	check_region("vmemmap", 0xff1c000000000000ULL, 0xff20000000000000ULL);
	check_region("vmalloc", 0xff20000000000000ULL, 0xff60000000000000ULL);
	check_region("kasan", 0xffdf000000000000ULL, 0xffffffff00000000ULL);
	check_region("linear", 0xff60000000000000ULL, 0xffdf000000000000ULL);
	CHECK(strstr(boot_log(), "     vmalloc : 0xff20000000000000 - 0xff60000000000000   "
				 "(16384 TB)\n") != NULL);
}

/* The spec's table of the three modes (Documentation/arch/riscv/vm-layout.rst
 * v6.18 with its sv57 direct-map end), the same under 6.12 and 6.18, KASAN
 * on: {fixmap, PCI I/O, vmemmap, vmalloc, linear, kasan} starts, and the
 * linear end (sv39: PO + 128G, before the 4 GiB hole and the shadow at
 * 0xfffffff700000000; sv48: PO + 64T = the shadow's start; sv57: clipped to
 * the shadow at 0xffdf000000000000). */
static void test_vm_layout_rst_tables(void)
{
	static const struct {
		unsigned int mode;
		uint64_t fixmap, pci, vmemmap, vmalloc, linear, linear_end, kasan;
	} t[3] = {
	    {39, 0xffffffc4fea00000ULL, 0xffffffc4ff000000ULL, 0xffffffc500000000ULL,
	     0xffffffc600000000ULL, 0xffffffd600000000ULL, 0xfffffff600000000ULL,
	     0xfffffff700000000ULL},
	    {48, 0xffff8d7ffea00000ULL, 0xffff8d7fff000000ULL, 0xffff8d8000000000ULL,
	     0xffff8f8000000000ULL, 0xffffaf8000000000ULL, 0xffffef8000000000ULL,
	     0xffffef8000000000ULL},
	    {57, 0xff1bfffffea00000ULL, 0xff1bffffff000000ULL, 0xff1c000000000000ULL,
	     0xff20000000000000ULL, 0xff60000000000000ULL, 0xffdf000000000000ULL,
	     0xffdf000000000000ULL},
	};
	const char *profiles[2] = {"6.12", "6.18"};

	for (int p = 0; p < 2; p++)
		for (int i = 0; i < 3; i++) {
			setup(profiles[p], t[i].mode, G(2));
			cfg.kasan = 1;
			CHECK_EQ_INT(run(NULL), 0);
			check_region("fixmap", t[i].fixmap, t[i].pci);
			check_region("pci_io", t[i].pci, t[i].vmemmap);
			check_region("vmemmap", t[i].vmemmap, t[i].vmalloc);
			check_region("vmalloc", t[i].vmalloc, t[i].linear);
			check_region("linear", t[i].linear, t[i].linear_end);
			check_region("kasan", t[i].kasan, 0xffffffff00000000ULL);
			check_region("modules", 0xffffffff01800000ULL, 0xffffffff80000000ULL);
			check_region("kernel", 0xffffffff80000000ULL, 0xffffffff81800000ULL);
		}
}

/* Mode selection. A CPU that takes sv57 (VA_BITS=57) whose DT says
 * "riscv,sv48": 6.12 ignores the DT and its probe keeps sv57; 6.18 limits to
 * sv48 (min_not_zero(cmdline, fdt)). */
static void test_mode_dt_mmu_type_limits_only_6_18(void)
{
	setup("6.12", 57, G(2));
	board.riscv_mmu_type = 48;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xff60000000000000ULL);
	setup("6.18", 57, G(2));
	board.riscv_mmu_type = 48;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffaf8000000000ULL);
	/* a DT sv39 on 6.18: sv39 with no probe */
	setup("6.18", 57, G(2));
	board.riscv_mmu_type = 39;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
	/* without CPU_SATP_BITS the DT mmu-type stands for the CPU: 6.12 probes to it */
	setup("6.12", 0, G(2));
	board.riscv_mmu_type = 39;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
}

/* no4lvl -> sv39 (no probe), no5lvl -> sv48 cap then the probe: a sv39-only
 * CPU still ends at sv39. Each word prints its early_param message. */
static void test_mode_no4lvl_no5lvl(void)
{
	const char *profiles[2] = {"6.12", "6.18"};
	struct vml_host_error err;

	for (int i = 0; i < 2; i++) {
		setup(profiles[i], 57, G(2));
		CHECK_EQ_INT(vml_cmdline_parse("no4lvl no5lvl", &cfg, &err), 0); /* no4lvl wins */
		CHECK_EQ_INT(run(NULL), 0);
		CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
		CHECK(has_kmsg("Disabled 4-level and 5-level paging\n", 0));
		setup(profiles[i], 57, G(2));
		CHECK_EQ_INT(vml_cmdline_parse("no5lvl", &cfg, &err), 0);
		CHECK_EQ_INT(run(NULL), 0);
		CHECK_EQ_U64(lo.page_offset, 0xffffaf8000000000ULL);
		CHECK(has_kmsg("Disabled 5-level paging\n", 0));
		setup(profiles[i], 39, G(2));
		CHECK_EQ_INT(vml_cmdline_parse("no5lvl", &cfg, &err), 0);
		CHECK_EQ_INT(run(NULL), 0);
		CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
	}
	/* 5.10: sv39 whatever is asked */
	setup("5.10", 57, G(2));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffe000000000ULL);
}

/* KASLR (6.6+): nr_pos = (1G - 24M) / 2M = 500; seed 1234 % 500 = 234;
 * offset 234 * 2M = 0x1d400000: _start at 0xffffffff9d400000, modules
 * [0xffffffff9ec00000 - 2G, _start) = [0xffffffff1ec00000, 0xffffffff9d400000).
 * nokaslr keeps KERNEL_LINK_ADDR and prints "Disabled KASLR". 5.10 has none. */
static void test_kaslr_offset_from_seed(void)
{
	struct vml_host_error err;

	setup("6.12", 39, G(2));
	cfg.randomize_base = true;
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 1234;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0x1d400000);
	check_region("kernel", 0xffffffff9d400000ULL, 0xffffffff9ec00000ULL);
	check_region("modules", 0xffffffff1ec00000ULL, 0xffffffff9d400000ULL);
	CHECK(!has_kmsg("vmlayout: every cpu lists Zkr: the kernel seeds KASLR from the seed "
			"CSR; KASLR_SEED stands for its value\n",
			0));
	board.riscv_zkr = true; /* the seed CSR wins over /chosen/kaslr-seed */
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(has_kmsg("vmlayout: every cpu lists Zkr: the kernel seeds KASLR from the seed "
		       "CSR; KASLR_SEED stands for its value\n",
		       0));
	CHECK_EQ_INT(vml_cmdline_parse("nokaslr", &cfg, &err), 0);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0);
	check_region("kernel", 0xffffffff80000000ULL, 0xffffffff81800000ULL);
	CHECK(has_kmsg("Disabled KASLR\n", 0));
	setup("5.10", 0, G(2));
	cfg.randomize_base = true;
	cfg.kaslr_seed = 1234;
	CHECK_EQ_INT(run(NULL), 0);
	check_region("kernel", 0xffffffe000000000ULL, 0xffffffe001800000ULL);
}

/* mem=1G (6.12 early_mem): memory_limit = min(1G, 128G); RAM ends at
 * 0xc0000000, high_memory = PO + 1 GiB; the kernel prints the limit. 5.10
 * has no riscv mem=: 2 GiB stay. */
static void test_mem_limit(void)
{
	setup("6.12", 39, G(2));
	cfg.n_mem_args = 1;
	cfg.mem_size[0] = G(1);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.high_memory, 0xffffffd640000000ULL);
	CHECK(has_kmsg("Memory limited to %lldMB\n", 1024));
	setup("5.10", 0, G(2));
	cfg.n_mem_args = 1;
	cfg.mem_size[0] = G(1);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.high_memory, 0xffffffe07fe00000ULL);
}

/* The linear map's reach: 256 GiB at 0x80000000 on sv39. 6.12 caps memory
 * at phys_ram_base + 128 GiB = 0x2080000000 (high_memory = PO + 128G =
 * 0xfffffff600000000) silently, 6.18 with a warning; 5.10 keeps the first -PAGE_OFFSET = 128 GiB:
 * the same end, high_memory = 0xffffffe000000000 + 0x2080000000 - 0x80200000. */
static void test_linear_map_caps_ram(void)
{
	setup("6.12", 39, G(256));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0x2080000000ULL);
	CHECK_EQ_U64(lo.high_memory, 0xfffffff600000000ULL);
	/* a second bank far up: memory_limit (128 GiB of RAM) keeps 1 GiB + 127
	 * GiB of it, ending at 0x5fc0000000, past phys_ram_base + 128G: the cap
	 * drops it, silently in 6.12, with a warning in 6.18 */
	setup("6.12", 39, G(1));
	board.memory[1].base = 0x4000000000ULL;
	board.memory[1].size = G(200);
	board.n_memory = 2;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0xc0000000ULL);
	CHECK(!has_kmsg("Physical memory overflows the linear mapping size: region above "
			"0x%016llx removed\n",
			0x2080000000ULL));
	setup("6.18", 39, G(1));
	board.memory[1].base = 0x4000000000ULL;
	board.memory[1].size = G(200);
	board.n_memory = 2;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0xc0000000ULL);
	CHECK(has_kmsg("Physical memory overflows the linear mapping size: region above "
		       "0x%016llx removed\n",
		       0x2080000000ULL));
	setup("5.10", 0, G(256));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0x2080000000ULL);
	CHECK_EQ_U64(lo.high_memory, 0xffffffe000000000ULL + 0x2080000000ULL - 0x80200000ULL);
}

/* phys_ram_base = DRAM start & ~(2M - 1) (6.4+): RAM from 0x80040000 (OpenSBI's
 * 256 KiB taken away) gives 0x80000000; the kernel image reservation runs to
 * _end rounded up to 2 MiB: a 23 MiB image at 0x80200000 reserves 24 MiB. */
static void test_phys_ram_base_and_image_reservation(void)
{
	setup("6.18", 39, G(2) - 0x40000);
	board.memory[0].base = 0x80040000;
	cfg.image_size = M(23);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.phys_offset, 0x80000000);
	CHECK_EQ_U64(lo.reservations[0].base, 0x80200000);
	CHECK_EQ_U64(lo.reservations[0].size, M(24));
	CHECK(vml_memblock_is_reserved(&mb, 0x80200000 + M(23)));
}

/* no-map: 5.10 removes the range from memory, 6.x marks it NOMAP. */
static void test_nomap_remove_vs_mark(void)
{
	struct vml_board_reserved *r = &board.reserved[0];

	setup("5.10", 0, G(2));
	strcpy(board.reserved[0].name, "mmode_resv0");
	r->base = 0xc0000000;
	r->size = M(2);
	r->nomap = true;
	board.n_reserved = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(!vml_memblock_is_memory(&mb, 0xc0000000));
	setup("6.12", 39, G(2));
	strcpy(board.reserved[0].name, "mmode_resv0");
	r->base = 0xc0000000;
	r->size = M(2);
	r->nomap = true;
	board.n_reserved = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(vml_memblock_is_memory(&mb, 0xc0000000));
	CHECK(!vml_memblock_is_map_memory(&mb, 0xc0000000));
}

/* MemTotal (6.12 sv39, 2 GiB, 24 MiB image): 2 GiB - image 24 MiB - the
 * mem_section roots (SPARSEMEM_EXTREME, MAX_PHYSMEM_BITS 56, 16-byte
 * entries without PAGE_EXTENSION: 2^29 / 256 roots x 8 = 16 MiB) - one 4 KiB
 * mem_section page - vmemmap (16 sections x 2 MiB = 32 MiB) - dentry hash
 * 2 MiB - inode hash 1 MiB (alloc_large_system_hash over 2 GiB less memmap)
 * = 2036736 - 16384 - 4 = 2020348 kB, less the vmemmap's one PMD table
 * (its 32 MiB of PMD leaves in one 1 GiB piece; the root is swapper_pg_dir):
 * 2020344 kB; no swiotlb (all RAM below 4 GiB). 5.10 maps the vmemmap with
 * base pages (vmemmap_populate_basepages()): 16 PTE tables and the PMD
 * table, 68 kB, not 4; and loses 64 MiB + 384 KiB more to its unconditional
 * swiotlb: 2020348 - 68 - 65536 - 384 = 1954360 kB.  *
 * 6.12 then takes 20 kB more (MemTotal 2020324): setup_vm_final()'s tables,
 * 12 kB (Sv39: two PMD tables for the 2 GiB linear map, one for the image;
 * no KFENCE here), the usage maps of the 16 sections (16 x 40 bytes without
 * HUGETLB_PAGE) in contig_page_data's section, the top of [0x80000000,
 * 0x88000000): a page of its own; init_resources()'s array (6 x 64 bytes,
 * 5 given back) and the two command-line copies on the page under the
 * vmemmap's table. */
static void test_memtotal(void)
{
	setup("6.12", 39, G(2));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 2020344 - 20);
	setup("5.10", 0, G(2));
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 1954360);
	/* 5.10 order, top-down from 4 GiB: the roots [0xff000000, +16M) and a
	 * mem_section page below them, the vmemmap under both, 2 MiB aligned
	 * [0xfce00000, +32M) (sparse_init in paging_init) and its 17 table
	 * pages right under the mem_section page, the swiotlb buffer
	 * [0xf8e00000, +64M) (setup_arch), then the hash tables (start_kernel)
	 * below its bookkeeping */
	CHECK_EQ_STR(lo.reservations[1].name, "mem_section roots");
	CHECK_EQ_U64(lo.reservations[1].base, 0xff000000);
	CHECK_EQ_STR(lo.reservations[3].name, "vmemmap");
	CHECK_EQ_U64(lo.reservations[3].base, 0xfce00000);
	CHECK_EQ_STR(lo.reservations[4].name, "page tables (vmemmap)");
	CHECK_EQ_U64(lo.reservations[4].base, 0xfefff000 - 17 * 4096);
	CHECK_EQ_U64(lo.reservations[4].size, 17 * 4096);
	CHECK_EQ_STR(lo.reservations[5].name, "swiotlb buffer");
	CHECK_EQ_U64(lo.reservations[5].base, 0xf8e00000);
	CHECK_EQ_STR(lo.reservations[8].name, "dentry hash");
}

/* Debian 13's riscv64 config (PAGE_EXTENSION, KFENCE), 6.12 sv39, 2 GiB:
 * struct mem_section is 32 bytes, so 2^29 / 128 roots x 8 = 32 MiB;
 * create_linear_mapping_page_table() takes the 2 MiB KFENCE pool first, never
 * given back: 2020344 - 16384 - 2048 = 2001912 kB, less test_memtotal's
 * 20 kB and one PTE table for the pool's 4K pages: 2001888 kB. (The Debian boots:
 * memblock=debug shows "33554432 bytes ... sparse_init" and "2097152 bytes
 * ... paging_init", docs/conformance.md.) 5.10 has no early pool. */
static void test_debian_13_mem_section_and_kfence(void)
{
	setup("6.12", 39, G(2));
	cfg.page_extension = true;
	cfg.kfence = true;
	cfg.kfence_sample_interval_set = true; /* Debian's 0: no metadata */
	cfg.kfence_sample_interval = 0;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 2001912 - 24);
	CHECK_EQ_STR(lo.reservations[1].name, "kfence pool");
	CHECK_EQ_U64(lo.reservations[1].size, M(2));
	CHECK_EQ_STR(lo.reservations[2].name, "page tables (setup_vm_final)");
	CHECK_EQ_U64(lo.reservations[2].size, 4 * 4096);
	CHECK_EQ_STR(lo.reservations[3].name, "mem_section roots");
	CHECK_EQ_U64(lo.reservations[3].size, M(32));
	/* the leaves note leaves the pool out of the ranges and maps it with
	 * pages: 1024 - 1 PMD leaves and 512 pages (on the recorded sv48 board
	 * riscv64-2g-nomap the note said one 1G leaf where the live tables
	 * have none: the pool splits that GiB) */
	{
		bool seen = false;

		for (unsigned int i = 0; i < lo.n_kmsgs; i++)
			if (strstr(lo.kmsgs[i].fmt, "linear map leaves"))
				seen = lo.kmsgs[i].arg[2] == 1023 && lo.kmsgs[i].arg[3] == 512;
		CHECK(seen);
	}
	setup("5.10", 0, G(2));
	cfg.page_extension = true;
	cfg.kfence = true;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 1954360 - 16384);
}

/* KASAN's shadow (6.12 sv39, 2 GiB, 24 MiB image): shadow(va) = (va >> 3) +
 * 0xdfffffff00000000. The linear map's shadow [0xfffffff9c0000000, + 256M)
 * is 1 GiB aligned but shorter: 128 PMD blocks of 2 MiB. The image's
 * [0xffffffff80000000, + 24M) has shadow [0xffffffffef000000, + 3M): one
 * 2 MiB block, then 256 pages under one PTE table. MemTotal = 2020344 -
 * (256 + 2) MiB - 4 KiB - 1 MiB = 2020344 - 264192 - 4 - 1024 = 1755124 kB.
 * 5.10 (one page per shadow page): 2 GiB of RAM (the 2 MiB below the load
 * address too) -> 256 MiB: 1954360 - 262144 = 1692216 kB. */
static void test_kasan_shadow_memtotal(void)
{
	setup("6.12", 39, G(2));
	cfg.kasan = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 1755124 - 20); /* less test_memtotal's 20 kB */
	{
		uint64_t shadow = 0;

		/* the first: the PMD blocks (the image's pages follow) */
		for (unsigned int i = 0; i < lo.n_reservations && !shadow; i++)
			if (!strcmp(lo.reservations[i].name, "kasan shadow"))
				shadow = lo.reservations[i].size;
		CHECK_EQ_U64(shadow, M(258));
	}
	setup("5.10", 0, G(2));
	cfg.kasan = 1;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.mem_total_kb, 1692216);
}

/* CMA 64 MiB (6.12, 2 GiB, no HUGETLB_PAGE: 4 MiB aligned): top-down below
 * dma32_phys_limit = 4 GiB, so [0xfc000000, 0x100000000); the vmemmap,
 * hashes then go below it; MemTotal is unchanged (MIGRATE_CMA pages count). */
static void test_cma_area(void)
{
	setup("6.12", 39, G(2));
	cfg.cma = true;
	cfg.cma_size_mbytes = 64;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(vml_memblock_is_region_reserved(&mb, 0xfc000000, M(64)));
	/* v6.12 names NUMA_NO_NODE, -1, without NUMA */
	CHECK(has_kmsg_node("cma: Reserved %llu MiB at 0x%016llx on node %lld\n", 64, 2));
	CHECK_EQ_U64(lo.mem_total_kb, 2020344 - 20); /* test_memtotal's 6.12 figure */
	/* no room below the limit: no area, mm/cma.c's message (v6.12: "on
	 * node -1"), the layout goes on */
	setup("6.12", 39, G(2));
	cfg.cma = true;
	cfg.cma_size_mbytes = 4096;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(has_kmsg_node("cma: Failed to reserve %llu MiB on node %lld\n", 4096, 1));
}

/* setup_vm_final()'s table pages (arch/riscv/mm/init.c v6.12), 1 GiB at
 * 0x80000000 with the KFENCE pool: the linear map's tables under the root
 * (Sv39: a PMD table; Sv48: PUD and PMD; Sv57: P4D, PUD and PMD) and one PTE
 * table for the pool's 4K pages, then the image's (Sv39 PMD; Sv48 PUD, PMD;
 * Sv57 P4D, PUD, PMD): 3, 5 and 7 pages, top-down from the top of RAM,
 * here under the pool (riscv64-1g, Sv57, whose DT blob holds the top 2 MiB:
 * 0xbfff9000 +0x7000 above the pool). With debug_pagealloc every
 * linear step is 4K: 512 PTE tables more, less the pool's one (its 2 MiB
 * already had them). */
static void test_setup_vm_final_tables(void)
{
	static const unsigned int bits[3] = {39, 48, 57}, pages[3] = {3, 5, 7};

	for (unsigned int i = 0; i < 3; i++) {
		setup("6.12", bits[i], G(1));
		cfg.kfence = true;
		CHECK_EQ_INT(run(NULL), 0);
		CHECK_EQ_STR(lo.reservations[1].name, "kfence pool");
		CHECK_EQ_U64(lo.reservations[1].base, 0xbfe00000);
		CHECK_EQ_STR(lo.reservations[2].name, "page tables (setup_vm_final)");
		CHECK_EQ_U64(lo.reservations[2].size, pages[i] * 4096ULL);
		CHECK_EQ_U64(lo.reservations[2].base, 0xbfe00000 - pages[i] * 4096ULL);
	}
	setup("6.12", 57, G(1));
	cfg.kfence = true;
	cfg.debug_pagealloc_config = true;
	cfg.debug_pagealloc = cfg.debug_pagealloc_set = cfg.debug_pagealloc_param = true;
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_STR(lo.reservations[2].name, "page tables (setup_vm_final)");
	CHECK_EQ_U64(lo.reservations[2].size, (7 + 511) * 4096ULL);
}

/* Refusals: a kernel not 2 MiB aligned (setup_vm BUG_ON); a VA_BITS that is
 * no riscv mode; no profile for 6.10 (its sv39 PAGE_OFFSET differs) nor
 * 6.15 (rules between 6.12 and 6.18 not verified). A
 * failure leaves memblock as it was. */
static void test_refusals(void)
{
	struct vml_diag d;

	setup("6.12", 39, G(2));
	cfg.load_phys_set = true;
	cfg.load_phys = 0x80100000;
	CHECK_EQ_INT(run(&d), VML_EINVAL);
	CHECK_EQ_U64(d.addr, 0x80100000);
	CHECK_EQ_INT(mb.memory.cnt, 0);
	setup("6.12", 40, G(2));
	CHECK_EQ_INT(run(&d), VML_EINVAL);
	/* neither CPU_SATP_BITS nor mmu-type: VA_BITS (default 39) */
	setup("6.18", 0, G(2));
	CHECK_EQ_INT(run(&d), 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
	/* KASLR with a 1023 MiB image: nr_pos = (1024 - 1023) / 2 = 0, the
	 * kernel would divide by zero */
	setup("6.12", 39, G(2));
	cfg.image_size = M(1023);
	cfg.randomize_base = true;
	CHECK_EQ_INT(run(&d), VML_EINVAL);
	CHECK_EQ_U64(d.size, M(1023));
	cfg.image_size = M(1022); /* one position: offset 0 */
	CHECK_EQ_INT(run(&d), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0);
	setup("6.10", 39, G(2));
	CHECK_EQ_INT(run(&d), VML_ENOTSUP);
	setup("6.15", 39, G(2));
	CHECK_EQ_INT(run(&d), VML_ENOTSUP);
	setup("6.18.2", 39, G(2));
	CHECK_EQ_INT(run(&d), 0);
	CHECK_EQ_STR(lo.profile, "6.18");
}

/* The early command line (kernel/pi/cmdline_early.c v6.12): no4lvl, no5lvl
 * and nokaslr match anywhere in the line (strstr()). */
static void test_cmdline_noxlvl_substring(void)
{
	struct vml_host_error err;

	vml_kernel_config_init(&cfg, VML_ARCH_RISCV64);
	CHECK_EQ_INT(vml_cmdline_parse("console=ttyS0 foo=bar_no5lvl nokaslr", &cfg, &err), 0);
	CHECK(cfg.no5lvl);
	CHECK(!cfg.no4lvl);
	CHECK(cfg.nokaslr);
	CHECK_EQ_INT(vml_cmdline_parse("no4lvl", &cfg, &err), 0);
	CHECK(cfg.no4lvl);
	CHECK(!cfg.no5lvl);
	CHECK(!cfg.nokaslr);
	CHECK_EQ_INT(vml_cmdline_parse("nokaslr=1", &cfg, &err), 0);
	CHECK(cfg.nokaslr);
	CHECK_EQ_INT(vml_cmdline_parse("foo=xnokaslry", &cfg, &err), 0);
	CHECK(cfg.nokaslr);
}

/* The lines are the early_param()s' (arch/riscv/mm/init.c v6.12
 * print_nokaslr(), print_no4lvl(), print_no5lvl(); 7.2.13 the same),
 * printed by parse_early_param() in command-line order among early_mem()'s
 * "Memory limited to": one per word named so (a value is allowed), none for
 * a word that only contains the name, although the strstr() scan acts on
 * it. "xnokaslr mem=1G no4lvl=1 no5lvl" on 6.12 with RANDOMIZE_BASE: KASLR
 * off and sv39 (the scans), then exactly "Memory limited to 1024MB",
 * "Disabled 4-level and 5-level paging", "Disabled 5-level paging".
 * vmlayout printed "Disabled 4-level..." and "Disabled KASLR" before the
 * mem= line and no "Disabled 5-level paging". */
static void test_cmdline_riscv_early_lines_in_order(void)
{
	static const char *const want[] = {"Memory limited to %lldMB\n",
					   "Disabled 4-level and 5-level paging\n",
					   "Disabled 5-level paging\n"};
	struct vml_host_error err;
	unsigned int n = 0;

	setup("6.12", 57, G(2));
	cfg.randomize_base = true;
	cfg.kaslr_seed_set = true;
	cfg.kaslr_seed = 1234;
	CHECK_EQ_INT(vml_cmdline_parse("xnokaslr mem=1G no4lvl=1 no5lvl", &cfg, &err), 0);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK_EQ_U64(lo.kaslr_offset, 0);
	CHECK_EQ_U64(lo.page_offset, 0xffffffd600000000ULL);
	for (unsigned int i = 0; i < lo.n_kmsgs; i++) {
		if (strncmp(lo.kmsgs[i].fmt, "Memory limited", 14) &&
		    strncmp(lo.kmsgs[i].fmt, "Disabled", 8))
			continue;
		CHECK(n < 3 && !strcmp(lo.kmsgs[i].fmt, want[n]));
		n++;
	}
	CHECK_EQ_INT(n, 3);
	/* without RANDOMIZE_BASE there is no print_nokaslr() */
	setup("6.12", 39, G(2));
	CHECK_EQ_INT(vml_cmdline_parse("nokaslr", &cfg, &err), 0);
	CHECK_EQ_INT(run(NULL), 0);
	CHECK(!has_kmsg("Disabled KASLR\n", 0));
}

/* /cpus: the first available cpu node decides (fdt_early.c v6.18): cpu@0 is
 * disabled, cpu@1 says riscv,sv48; a board whose first cpu has no mmu-type
 * records 0 even when a later one has one. */
static int load_dts(const char *text, struct vml_board *b)
{
	char path[] = "/tmp/vml_riscv_cpusXXXXXX.dts";
	struct vml_host_error err;
	int fd = mkstemps(path, 4);
	FILE *f;
	int rc;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	rc = vml_dt_load_file(path, b, &err);
	remove(path);
	if (rc)
		fprintf(stderr, "  %s\n", err.msg);
	return rc;
}

static void test_dt_cpus_mmu_type(void)
{
	struct vml_board b;

	CHECK_EQ_INT(
	    load_dts("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
		     "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 "
		     "0x80000000>; };\n"
		     "cpus { #address-cells = <1>; #size-cells = <0>;\n"
		     "cpu@0 { reg = <0>; status = \"disabled\"; mmu-type = \"riscv,sv39\"; };\n"
		     "cpu@1 { reg = <1>; mmu-type = \"riscv,sv48\"; };\n"
		     "cpu@2 { reg = <2>; mmu-type = \"riscv,sv39\"; }; }; };\n",
		     &b),
	    0);
	CHECK_EQ_INT(b.riscv_mmu_type, 48);
	CHECK_EQ_INT(load_dts("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
			      "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 "
			      "0x80000000>; };\n"
			      "cpus { #address-cells = <1>; #size-cells = <0>;\n"
			      "cpu@0 { reg = <0>; };\n"
			      "cpu@1 { reg = <1>; mmu-type = \"riscv,sv39\"; }; }; };\n",
			      &b),
		     0);
	CHECK_EQ_INT(b.riscv_mmu_type, 0);
	CHECK(!b.riscv_zkr);
	/* Zkr on every available cpu, one by riscv,isa (any case, '_'-separated
	 * multi-letter part), one by riscv,isa-extensions; "zkrx" is not zkr */
	CHECK_EQ_INT(load_dts("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
			      "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 "
			      "0x80000000>; };\n"
			      "cpus { #address-cells = <1>; #size-cells = <0>;\n"
			      "cpu@0 { reg = <0>; riscv,isa = \"rv64imac_zicsr_ZKR\"; };\n"
			      "cpu@1 { reg = <1>; riscv,isa-extensions = \"i\", \"zkr\"; };\n"
			      "cpu@2 { reg = <2>; status = \"disabled\"; }; }; };\n",
			      &b),
		     0);
	CHECK(b.riscv_zkr);
	CHECK_EQ_INT(load_dts("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
			      "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 "
			      "0x80000000>; };\n"
			      "cpus { #address-cells = <1>; #size-cells = <0>;\n"
			      "cpu@0 { reg = <0>; riscv,isa = \"rv64imac_zicsr_zkr\"; };\n"
			      "cpu@1 { reg = <1>; riscv,isa = \"rv64imac_zkrx\"; }; }; };\n",
			      &b),
		     0);
	CHECK(!b.riscv_zkr);
}

int main(void)
{
	RUN_TEST(test_5_10_sv39_kernel_in_linear_map);
	RUN_TEST(test_5_10_kasan_at_kern_virt_start);
	RUN_TEST(test_6_12_sv39_golden);
	RUN_TEST(test_6_12_sv48_golden);
	RUN_TEST(test_6_18_sv57_kasan_clamps_linear);
	RUN_TEST(test_vm_layout_rst_tables);
	RUN_TEST(test_mode_dt_mmu_type_limits_only_6_18);
	RUN_TEST(test_mode_no4lvl_no5lvl);
	RUN_TEST(test_kaslr_offset_from_seed);
	RUN_TEST(test_mem_limit);
	RUN_TEST(test_linear_map_caps_ram);
	RUN_TEST(test_phys_ram_base_and_image_reservation);
	RUN_TEST(test_setup_vm_final_tables);
	RUN_TEST(test_nomap_remove_vs_mark);
	RUN_TEST(test_memtotal);
	RUN_TEST(test_debian_13_mem_section_and_kfence);
	RUN_TEST(test_cma_area);
	RUN_TEST(test_kasan_shadow_memtotal);
	RUN_TEST(test_refusals);
	RUN_TEST(test_cmdline_noxlvl_substring);
	RUN_TEST(test_cmdline_riscv_early_lines_in_order);
	RUN_TEST(test_dt_cpus_mmu_type);
	return CHECK_DONE("test_riscv_layout");
}

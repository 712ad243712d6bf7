/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU first chunk (src/core/percpu*.c, mm/percpu.c v6.1, v6.12).
 * The expected lines and sizes are what the Debian boots of
 * tests/conformance/observed/ printed with memblock=debug:
 *   arm64 6.1.0-57 (1 cpu):   "percpu: Embedded 31 pages/cpu s87272 r8192 d31512 u126976",
 *     pcpu_setup_first_chunk() 8 8 4 8 288, pcpu_alloc_first_chunk()
 *     144 384 392 96, 144 1024 1032 256;
 *   armmp 6.1.0-50:           "18 pages/cpu s45012 r8192 d20524 u73728",
 *     4 4 4 4 144, 96 384 388 96, 96 768 772 192;
 *   armmp-lpae 6.1.0-50:      "19 pages/cpu s45204 r8192 d24428 u77824",
 *     the same sizes as armmp;
 *   riscv64 6.12.117 (1 cpu): "32 pages/cpu s90712 r8192 d32168 u131072",
 *     8 8 4 8 304, 200 384 392 96, 200 1024 1032 256;
 *     (2 cpus on 2 nodes) 16 16 8 16 304 ..., one 131072-byte unit per node.
 */
#include "check.h"
#include "core/kmsg_check.h"
#include "vmlayout/percpu.h"
#include "vmlayout/report.h"

static struct vml_memblock_region mem[32], res[64];
static struct vml_memblock mb;
static struct vml_layout lo;

/* PERCPU_MODULE_RESERVE 8K, PERCPU_DYNAMIC_RESERVE 28K (64-bit) or 20K,
 * PERCPU_DYNAMIC_EARLY_SIZE 12K (6.1) or 20K (6.12), PCPU_MIN_UNIT_SIZE
 * 32K, 4K pages and atoms, 64-byte cache lines. */
static struct vml_pcpu_rules rules(uint64_t static_size, unsigned int long_bytes, bool v6_12,
				   bool numa)
{
	const struct vml_pcpu_chunk_layout layout = {long_bytes, 64, v6_12, true, false};
	struct vml_pcpu_rules r = {
	    .static_size = static_size,
	    .reserved_size = 8 << 10,
	    .dyn_size = (long_bytes == 8 ? 28 : 20) << 10,
	    .dyn_early_size = (v6_12 ? 20 : 12) << 10,
	    .min_unit_size = 32 << 10,
	    .atom_size = 4096,
	    .page_size = 4096,
	    .cache_bytes = 64,
	    .long_bytes = long_bytes,
	    .goal = 0,
	    .numa = numa,
	};

	r.chunk_size = vml_pcpu_chunk_size(&layout);
	return r;
}

static struct vml_pcpu_cpus cpus_on(unsigned int n, const int *nid)
{
	struct vml_pcpu_cpus c = {.nr_cpu_ids = n, .n = n};

	for (unsigned int i = 0; i < n; i++) {
		c.id[i] = (uint16_t)i;
		c.nid[i] = nid ? nid[i] : 0;
	}
	return c;
}

static void setup(uint64_t base, uint64_t size)
{
	struct vml_diag diag = {0};

	vml_memblock_init(&mb, mem, 32, res, 64, ~0ULL, 0x1000);
	CHECK_EQ_INT(vml_memblock_add(&mb, base, size, &diag), 0);
	vml_layout_init(&lo);
}

static void check_msg(unsigned int i, const char *want)
{
	check_kmsg(&lo, i, want);
}

static void embed_line(struct vml_pcpu_rules r, const char *want)
{
	struct vml_pcpu_cpus c = cpus_on(1, NULL);
	struct vml_diag diag = {0};

	setup(0x40000000, 0x40000000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), 0);
	check_msg(0, want);
}

/* size_sum = PFN_ALIGN(s + 8192 + 28672): 124136 -> 126976 (31 pages),
 * d = 126976 - 87272 - 8192 = 31512; the unit is size_sum (> 32K). */
static void test_embedded_lines_of_the_debian_boots(void)
{
	embed_line(rules(87272, 8, false, true),
		   "percpu: Embedded 31 pages/cpu s87272 r8192 d31512 u126976");
	/* 45012 + 8192 + 20480 = 73684 -> 73728; d = 73728 - 53204 = 20524 */
	embed_line(rules(45012, 4, false, false),
		   "percpu: Embedded 18 pages/cpu s45012 r8192 d20524 u73728");
	/* 45204 + 8192 + 20480 = 73876 -> 77824; d = 77824 - 53396 = 24428 */
	embed_line(rules(45204, 4, false, false),
		   "percpu: Embedded 19 pages/cpu s45204 r8192 d24428 u77824");
	/* 90712 + 8192 + 28672 = 127576 -> 131072; d = 131072 - 98904 = 32168 */
	embed_line(rules(90712, 8, true, true),
		   "percpu: Embedded 32 pages/cpu s90712 r8192 d32168 u131072");
}

/* struct pcpu_chunk: v6.1 arm64 136 bytes (populated[] at 136), armmp 92;
 * v6.12 riscv64 192 (base_addr at 64, the struct a multiple of 64); one
 * populated long more in memblock=debug's 144, 96 and 200. */
static void test_chunk_struct_sizes(void)
{
	const struct vml_pcpu_chunk_layout a64 = {8, 64, false, true, false};
	const struct vml_pcpu_chunk_layout a32 = {4, 64, false, true, false};
	const struct vml_pcpu_chunk_layout rv = {8, 64, true, true, false};
	const struct vml_pcpu_chunk_layout a64_nomemcg = {8, 64, false, false, false};
	const struct vml_pcpu_chunk_layout a64_stats = {8, 64, false, true, true};

	CHECK_EQ_U64(vml_pcpu_chunk_size(&a64), 136);
	CHECK_EQ_U64(vml_pcpu_chunk_size(&a32), 92);
	CHECK_EQ_U64(vml_pcpu_chunk_size(&rv), 192);
	/* without obj_cgroups nr_pages moves to 108: 108 + 12 = 120 */
	CHECK_EQ_U64(vml_pcpu_chunk_size(&a64_nomemcg), 120);
	/* PERCPU_STATS: an int and a size_t first, 16 bytes more */
	CHECK_EQ_U64(vml_pcpu_chunk_size(&a64_stats), 152);
}

static void check_sizes(struct vml_pcpu_rules r, unsigned int n_cpus, const int *nid,
			const uint64_t *want, unsigned int n_want)
{
	struct vml_pcpu_cpus c = cpus_on(n_cpus, nid);
	struct vml_pcpu_alloc_info ai;
	uint64_t sizes[13];
	unsigned int n;

	CHECK_EQ_INT(vml_pcpu_build_alloc_info(&r, &c, &ai), 0);
	n = vml_pcpu_setup_alloc_sizes(&r, &ai, c.nr_cpu_ids, sizes);
	CHECK_EQ_INT(n, n_want);
	for (unsigned int i = 0; i < n && i < n_want; i++)
		CHECK_EQ_U64(sizes[i], want[i]);
}

/* The slots: fls(126976) = 17, 17 - 5 + 2 = 14, + 4 = 18 list_heads; the
 * reserved chunk: the static part ends 1256 bytes into a page, 1256 + 8192
 * -> 3 pages, 3072 bits; the dynamic one 1256 + 31512 -> 8 pages. */
static void test_setup_first_chunk_sizes_of_the_debian_boots(void)
{
	static const uint64_t arm64[] = {8, 8, 4, 8, 288, 144, 384, 392, 96, 144, 1024, 1032, 256};
	static const uint64_t armmp[] = {4, 4, 4, 4, 144, 96, 384, 388, 96, 96, 768, 772, 192};
	static const uint64_t rv[] = {8, 8, 4, 8, 304, 200, 384, 392, 96, 200, 1024, 1032, 256};
	/* riscv64-4g-numa2: two groups, two cpu ids */
	static const uint64_t rv2[] = {16, 16, 8, 16, 304, 200, 384, 392, 96, 200, 1024, 1032, 256};
	static const int two_nodes[] = {0, 1};

	check_sizes(rules(87272, 8, false, true), 1, NULL, arm64, 13);
	check_sizes(rules(45012, 4, false, false), 1, NULL, armmp, 13);
	check_sizes(rules(45204, 4, false, false), 1, NULL, armmp, 13);
	check_sizes(rules(90712, 8, true, true), 1, NULL, rv, 13);
	check_sizes(rules(90712, 8, true, true), 2, two_nodes, rv2, 13);
}

/* No module reserve: no reserved chunk, 9 allocations. */
static void test_no_reserved_chunk_without_modules(void)
{
	struct vml_pcpu_rules r = rules(87272, 8, false, false);
	struct vml_pcpu_cpus c = cpus_on(1, NULL);
	struct vml_pcpu_alloc_info ai;
	uint64_t sizes[13];

	r.reserved_size = 0;
	CHECK_EQ_INT(vml_pcpu_build_alloc_info(&r, &c, &ai), 0);
	/* 87272 + 28672 = 115944 -> 118784 (29 pages) */
	CHECK_EQ_U64(ai.unit_size, 118784);
	CHECK_EQ_INT(vml_pcpu_setup_alloc_sizes(&r, &ai, 1, sizes), 9);
}

/* On an empty 1 GiB: the alloc info page at the top, the areas page below
 * it, the unit below those ([0x7ffdf000, 0x7fffe000)); then the 13 small
 * tables top-down below the unit, each at a 64-byte boundary (3788 bytes
 * over 4288: the last, 256 bytes, at 0x7ffdf000 - 0x10c0); the two pages
 * freed at the end. 33 pages in all. */
static void test_placement_and_what_stays_reserved(void)
{
	struct vml_pcpu_rules r = rules(87272, 8, false, true);
	struct vml_pcpu_cpus c = cpus_on(1, NULL);
	struct vml_diag diag = {0};
	static const uint64_t sizes[] = {8, 8, 4, 8, 288, 144, 384, 392, 96, 144, 1024, 1032, 256};

	setup(0x40000000, 0x40000000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_reservations, 1 + 13);
	CHECK_EQ_STR(lo.reservations[0].name, "percpu first chunk");
	for (unsigned int i = 0; i < 13 && i + 1 < lo.n_reservations; i++) {
		CHECK_EQ_STR(lo.reservations[1 + i].name, "percpu tables");
		CHECK_EQ_U64(lo.reservations[1 + i].size, sizes[i]);
	}
	CHECK_EQ_U64(lo.reservations[0].base, 0x7ffdf000);
	CHECK_EQ_U64(lo.reservations[0].size, 126976);
	/* 8 + 8 + 4 + 8 + 288 + 144 + 384 + 392 + 96 + 144 + 1024 + 1032 + 256 */
	CHECK_EQ_U64(mb.reserved.total_size, 126976 + 3788);
	/* the first table: 0x7ffdf000 - 8 rounded down to 64 bytes */
	CHECK_EQ_U64(mb.reserved.regions[mb.reserved.cnt - 2].base, 0x7ffdefc0);
	CHECK_EQ_U64(mb.reserved.regions[0].base, 0x7ffddf40);
	CHECK_EQ_U64(mb.reserved.regions[mb.reserved.cnt - 1].base +
			 mb.reserved.regions[mb.reserved.cnt - 1].size,
		     0x7fffe000);
}

/* Two cpus on two nodes (riscv64-4g-numa2): a group each, each unit on
 * its node, top-down there. */
static void test_one_group_per_node(void)
{
	static const int nid[] = {0, 1};
	struct vml_pcpu_rules r = rules(90712, 8, true, true);
	struct vml_pcpu_cpus c = cpus_on(2, nid);
	struct vml_diag diag = {0};

	vml_memblock_init(&mb, mem, 32, res, 64, ~0ULL, 0x1000);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x80000000, 0x40000000, 0, 0, &diag), 0);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0xc0000000, 0xc0000000, 1, 0, &diag), 0);
	vml_layout_init(&lo);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_reservations, 2 + 13);
	/* node 0's top: [0xbffe0000, 0xc0000000) */
	CHECK_EQ_U64(lo.reservations[0].base, 0xc0000000 - 131072);
	/* node 1's top, under the alloc info and areas pages */
	CHECK_EQ_U64(lo.reservations[1].base, 0x180000000 - 0x2000 - 131072);
	check_msg(0, "percpu: Embedded 32 pages/cpu s90712 r8192 d32168 u131072");
}

/* With a 2 MiB atom (as x86 asks): max upa 16; one group of 4 cpus wastes
 * 12 with 16 and 4 with 8 (more than 4 / 3), none with 4: 512 KiB units,
 * each one's tail past size_sum given back. 3 cpus: upa 4 wastes 1 unit,
 * which is freed whole. */
static void test_units_per_allocation(void)
{
	struct vml_pcpu_rules r = rules(87272, 8, false, false);
	struct vml_pcpu_cpus c = cpus_on(4, NULL);
	struct vml_pcpu_alloc_info ai;
	struct vml_diag diag = {0};

	r.atom_size = 2 << 20;
	CHECK_EQ_INT(vml_pcpu_build_alloc_info(&r, &c, &ai), 0);
	CHECK_EQ_INT(ai.upa, 4);
	CHECK_EQ_U64(ai.unit_size, 512 << 10);
	CHECK_EQ_INT(ai.nr_units, 4);
	c = cpus_on(3, NULL);
	CHECK_EQ_INT(vml_pcpu_build_alloc_info(&r, &c, &ai), 0);
	CHECK_EQ_INT(ai.upa, 4);
	CHECK_EQ_INT(ai.nr_units, 4);
	setup(0x40000000, 0x40000000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), 0);
	/* three used units of 126976 bytes; the 2 MiB block at 0x7fc00000 */
	CHECK_EQ_INT(lo.n_reservations, 3 + 13);
	CHECK_EQ_U64(lo.reservations[0].base, 0x7fc00000);
	CHECK_EQ_U64(lo.reservations[2].base, 0x7fc00000 + 2 * (512 << 10));
	CHECK_EQ_U64(lo.reservations[2].size, 126976);
	check_msg(0, "percpu: Embedded 31 pages/cpu s87272 r8192 d31512 u524288");
}

/* memblock_alloc_from(): above the goal when it fits, else from 0 (arm:
 * __pa(0xffffffff) lies above lowmem). */
static void test_goal(void)
{
	struct vml_pcpu_rules r = rules(45012, 4, false, false);
	struct vml_pcpu_cpus c = cpus_on(1, NULL);
	struct vml_diag diag = {0};

	r.goal = 0x7fffffff;
	setup(0x40000000, 0x40000000);
	vml_memblock_set_current_limit(&mb, 0x6f800000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), 0);
	CHECK_EQ_U64(lo.reservations[0].base, 0x6f800000 - 0x2000 - 73728);
}

static void test_refused(void)
{
	struct vml_pcpu_rules r = rules(87272, 8, false, false);
	struct vml_pcpu_cpus c = cpus_on(0, NULL);
	struct vml_diag diag = {0};

	setup(0x40000000, 0x40000000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), VML_EINVAL);
	CHECK_EQ_U64(mb.reserved.total_size, 0);
	/* 64 KiB of memory: the unit does not fit */
	c = cpus_on(1, NULL);
	setup(0x40000000, 0x10000);
	CHECK_EQ_INT(vml_pcpu_embed_first_chunk(&mb, &r, &c, &lo, &diag), VML_ENOMEM);
}

/* vml_pcpu_rules_init(): v6.1 the Debian arm64 build (MODULES, MEMCG);
 * v6.12 with MEM_ALLOC_PROFILING (module reserve 8 << 13; v6.15+ 8 << 10) and
 * RANDOM_KMALLOC_CACHES (units of 4K: dyn 28 << 12, early 20 << 12), and
 * LOCKDEP with 64K pages (8K units; PCPU_MIN_UNIT_SIZE PFN_ALIGN(32K) is
 * then 64K); without MODULES no reserve. */
static void test_rules_per_version_and_config(void)
{
	struct vml_kernel_config cfg;
	struct vml_pcpu_rules r;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	cfg.modules = true;
	cfg.memcg = true;
	vml_pcpu_rules_init(&r, VML_PCPU_V6_1, &cfg, 8, 64, 0x40000000, true);
	CHECK_EQ_U64(r.reserved_size, 8192);
	CHECK_EQ_U64(r.dyn_size, 28672);
	CHECK_EQ_U64(r.dyn_early_size, 12288);
	CHECK_EQ_U64(r.min_unit_size, 32768);
	CHECK_EQ_U64(r.atom_size, 4096);
	CHECK_EQ_U64(r.chunk_size, 136);
	CHECK_EQ_U64(r.goal, 0x40000000);
	vml_pcpu_rules_init(&r, VML_PCPU_V6_12, &cfg, 8, 64, 0, true);
	CHECK_EQ_U64(r.dyn_early_size, 20480);
	CHECK_EQ_U64(r.chunk_size, 192);
	cfg.mem_alloc_profiling = true;
	cfg.random_kmalloc_caches = true;
	vml_pcpu_rules_init(&r, VML_PCPU_V6_12, &cfg, 8, 64, 0, true);
	CHECK_EQ_U64(r.reserved_size, 65536);
	CHECK_EQ_U64(r.dyn_size, 28 << 12);
	CHECK_EQ_U64(r.dyn_early_size, 20 << 12);
	/* v6.15+ (6.18 profiles): 8 << 10 with MEM_ALLOC_PROFILING too; the
	 * rest as v6.12 (chunk 192: MEMCG's obj_exts) */
	vml_pcpu_rules_init(&r, VML_PCPU_V6_15, &cfg, 8, 64, 0, true);
	CHECK_EQ_U64(r.reserved_size, 8192);
	CHECK_EQ_U64(r.dyn_size, 28 << 12);
	CHECK_EQ_U64(r.dyn_early_size, 20 << 12);
	CHECK_EQ_U64(r.chunk_size, 192);
	cfg.lockdep = true;
	cfg.page_size = 65536;
	vml_pcpu_rules_init(&r, VML_PCPU_V6_12, &cfg, 8, 64, 0, true);
	CHECK_EQ_U64(r.dyn_size, 28 << 13);
	CHECK_EQ_U64(r.min_unit_size, 65536);
	/* v6.1 has no such knobs */
	vml_pcpu_rules_init(&r, VML_PCPU_V6_1, &cfg, 8, 64, 0, true);
	CHECK_EQ_U64(r.reserved_size, 8192);
	CHECK_EQ_U64(r.dyn_size, 28672);
	cfg.modules = false;
	vml_pcpu_rules_init(&r, VML_PCPU_V6_1, &cfg, 4, 64, 0, false);
	CHECK_EQ_U64(r.reserved_size, 0);
	CHECK_EQ_U64(r.dyn_size, 20480);
}

/* A cpu no node's mask holds goes to node 0, online or not
 * (early_map_cpu_to_node(), drivers/base/arch_numa.c v6.12): nodes 1 and 2,
 * cpu 1 on node 2, cpu 0 on none. */
static void test_cpu_without_node_is_node_0(void)
{
	struct vml_pcpu_cpus c = cpus_on(2, NULL);

	vml_layout_init(&lo);
	lo.n_nodes = 2;
	lo.nodes[0].nid = 1;
	lo.nodes[1].nid = 2;
	lo.nodes[1].cpus[0] = 1ULL << 1;
	c.board_cpu[0] = 0;
	c.board_cpu[1] = 1;
	vml_pcpu_cpus_nodes(&c, &lo);
	CHECK_EQ_INT(c.nid[0], 0);
	CHECK_EQ_INT(c.nid[1], 2);
}

int main(void)
{
	RUN_TEST(test_embedded_lines_of_the_debian_boots);
	RUN_TEST(test_chunk_struct_sizes);
	RUN_TEST(test_setup_first_chunk_sizes_of_the_debian_boots);
	RUN_TEST(test_no_reserved_chunk_without_modules);
	RUN_TEST(test_placement_and_what_stays_reserved);
	RUN_TEST(test_one_group_per_node);
	RUN_TEST(test_units_per_allocation);
	RUN_TEST(test_goal);
	RUN_TEST(test_refused);
	RUN_TEST(test_rules_per_version_and_config);
	RUN_TEST(test_cpu_without_node_is_node_0);
	return CHECK_DONE("test_percpu");
}

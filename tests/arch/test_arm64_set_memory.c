/* SPDX-License-Identifier: MIT */
/*
 * arm64's later permission changes on the boot tables
 * (src/arch/arm64/set_memory.c, through vml_boot_tables_change): exact
 * leaves, update records and table pages for worked cases, the kernel's
 * refusals, the v6.18 BBML2_NOABORT split and its table memory, and random
 * sequences of changes.
 *
 * Board: RAM 4 GiB at 0x40000000 (the linear VA of PA p is
 * 0xffff000000000000 + p - 0x40000000), 4K/48, no KASLR, _text at PA
 * 0x40200000; image offsets from _text: _stext 64K, _etext 10M,
 * __init_begin 16M, __inittext_end 18M, __init_end 20M, _end 32M. The GiB
 * at PA 0x80000000 (VA 0xffff000040000000) holds no part of the image.
 */
#include <stdlib.h>

#include "arch/arm64/boot_tables.h"
#include "check.h"
#include "vmlayout/physmem.h"

#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)
#define K64 0x10000ULL
#define LM 0xffff000000000000ULL
#define LM_1G (LM + G(1)) /* PA 0x80000000 */

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_pt_format fmt;
static struct vml_physmem_tables tabs;
static struct vml_pt_ctx ctx;
static struct vml_arm64_image img;
static struct vml_boot_opts opts;
static struct vml_memblock_region img_mem_r[2], img_res_r[64];
static struct vml_memblock img_mb;
static struct vml_physmem_tables img_tabs;
static struct vml_pt_update rec[1 << 16];
static struct vml_pt_log log_;
static int64_t net_tables; /* table pages allocated minus freed since the build */

static int count_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	int ret = vml_physmem_alloc_table(cb, size, align, out);

	net_tables += !ret;
	return ret;
}

static void count_free(void *cb, vml_paddr_t t, uint64_t size)
{
	net_tables--;
	vml_physmem_free_table(cb, t, size);
}

static void teardown(void)
{
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

static int build(const char *profile, enum vml_boot_rodata r, uint32_t cpu, bool debug_pagealloc)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_kernel_image *im = &cfg.image;
	const uint64_t t = 0xffff800080000000ULL;
	struct vml_pt_spec spec = {"arm64", NULL, VML_SZ_4K, 48, 0, 0, 0, 0};
	struct vml_diag d = {0};
	int ret;

	teardown();
	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = G(4);
	b.n_memory = 1;
	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	strcpy(cfg.profile, profile);
	cfg.load_phys_set = true;
	cfg.load_phys = 0x40200000;
	im->known = true;
	im->text = t;
	im->stext = t + K64;
	im->etext = im->start_rodata = t + M(10);
	im->end_rodata = t + M(15);
	im->init_begin = t + M(16);
	im->init_end = im->sdata = t + M(20);
	im->edata = im->bss_start = t + M(24);
	im->bss_stop = im->end = t + M(32);
	opts = (struct vml_boot_opts){.rodata = r, .stage = VML_BOOT_RUNNING};
	opts.cpu_features = cpu;
	opts.debug_pagealloc = debug_pagealloc;
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, VML_SZ_4K);
	if ((ret = vml_layout_compute(&b, &cfg, &mb, &lo, &d)))
		return 100 + ret;
	opts.inittext_end = vml_layout_find_region(&lo, "kernel")->start + M(18);
	if (vml_pt_format_lookup(&fmt, &spec, &d))
		return 200;
	if ((ret = vml_arm64_boot_image(&lo, &cfg, &opts, &img, &d)))
		return 300 + ret;
	tabs = (struct vml_physmem_tables){.mb = &mb, .pm = vml_physmem_new(), .limit = 0};
	{
		uint64_t end = vml_align_down(img.pa_text + (img.end - img.text) - VML_SZ_4K, 4096);

		vml_memblock_init(&img_mb, img_mem_r, 2, img_res_r, 64, ~0ULL, VML_SZ_4K);
		if (vml_memblock_add(&img_mb, end - 32 * 4096, 32 * 4096, NULL))
			return 500;
		img_tabs = (struct vml_physmem_tables){.mb = &img_mb, .pm = tabs.pm, .limit = 0};
	}
	ctx = (struct vml_pt_ctx){0};
	ctx.fmt = &fmt;
	ctx.upper = true;
	ctx.alloc_table = count_alloc;
	ctx.free_table = count_free;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &img_tabs;
	if (vml_pt_init(&ctx, &d))
		return 400;
	ctx.cb = &tabs;
	ret = vml_arm64_boot_tables(&ctx, &lo, &img, &mb, &opts, &img_tabs, NULL, &d);
	log_ = (struct vml_pt_log){rec, 0, VML_ARRAY_SIZE(rec), 0};
	ctx.log = &log_;
	ctx.log_all = true;
	net_tables = 0;
	return ret;
}

static int change(const char *op, uint64_t va, uint64_t size, const char **noop, const char **rule)
{
	struct vml_diag d = {0};
	const char *n = NULL;
	int ret = vml_boot_tables_change(&ctx, &lo, &opts, &mb, op, va, size, &n, &d);

	if (noop)
		*noop = n;
	if (rule)
		*rule = d.rule;
	return ret;
}

static uint64_t total_tables(void)
{
	struct vml_pt_stats st = {0};

	vml_pt_count(&ctx, &st);
	return st.total_tables;
}

/* The leaves in [lo_va, hi_va) as "size perm cont" runs, for exact checks. */
struct run {
	uint64_t va, size, n;
	uint32_t perm;
	int level;
};
static struct run runs[64];
static unsigned int nruns;
static uint64_t run_lo, run_hi;

static int collect(void *arg, const struct vml_pt_range *r)
{
	struct run *last = nruns ? &runs[nruns - 1] : NULL;
	uint32_t p = r->attrs.perm & (VML_PT_WRITE | VML_PT_EXEC | VML_PT_CONT);

	(void)arg;
	if (vml_va_addr(r->va) < run_lo || vml_va_addr(r->va) >= run_hi)
		return 0;
	if (last && last->size == r->size && last->perm == p &&
	    last->va + last->n * last->size == vml_va_addr(r->va)) {
		last->n++;
		return 0;
	}
	if (nruns == VML_ARRAY_SIZE(runs))
		return 1;
	runs[nruns++] = (struct run){vml_va_addr(r->va), r->size, 1, p, r->level};
	return 0;
}

static void leaves(uint64_t lo_va, uint64_t hi_va)
{
	nruns = 0;
	run_lo = lo_va;
	run_hi = hi_va;
	vml_pt_for_each_leaf(&ctx, collect, NULL);
}

#define RUN_IS(i, va_, size_, n_, perm_)                                                           \
	do {                                                                                       \
		CHECK_EQ_U64(runs[i].va, va_);                                                     \
		CHECK_EQ_U64(runs[i].size, size_);                                                 \
		CHECK_EQ_U64(runs[i].n, n_);                                                       \
		CHECK_EQ_U64(runs[i].perm, perm_);                                                 \
	} while (0)

static size_t count_kind(enum vml_pt_update_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < log_.cnt; i++)
		n += log_.rec[i].kind == k;
	return n;
}

static const uint32_t RW = VML_PT_WRITE, CONT = VML_PT_CONT;

/* v6.18, BBML2_NOABORT, rodata=full: the GiB is one PUD block; one page
 * made read-only splits it live, without break-before-make: the PUD into
 * contiguous PMDs (split_pud(to_cont)), the first 32M group's PMDs lose the
 * hint (split_contpmd), the first PMD into contiguous PTEs (split_pmd), the
 * first 64K group's PTEs lose it (split_contpte). Two table pages more. */
static void test_bbml2_split(void)
{
	const char *noop = "x";

	CHECK_EQ_INT(build("6.18", VML_BOOT_RODATA_FULL, VML_PT_CPU_BBML2, false), 0);
	leaves(LM_1G, LM_1G + G(1));
	CHECK_EQ_INT(nruns, 1);
	RUN_IS(0, LM_1G, G(1), 1, RW);
	CHECK_EQ_U64(total_tables(), 6 + 7); /* + the fixmap's bm_pud, bm_pmd and 3 bm_pte (v6.18
						spans 3 PMDs), the vmemmap's PUD and PMD tables */
	CHECK_EQ_INT(change("alias-ro", LM_1G + 0x1000, 0x1000, &noop, NULL), 0);
	CHECK(noop == NULL);
	leaves(LM_1G, LM_1G + G(1));
	CHECK_EQ_INT(nruns, 6);
	RUN_IS(0, LM_1G, 0x1000, 1, RW);
	RUN_IS(1, LM_1G + 0x1000, 0x1000, 1, 0);
	RUN_IS(2, LM_1G + 0x2000, 0x1000, 14, RW);
	RUN_IS(3, LM_1G + K64, 0x1000, 496, RW | CONT);
	RUN_IS(4, LM_1G + M(2), M(2), 15, RW);
	RUN_IS(5, LM_1G + M(32), M(2), 496, RW | CONT);
	CHECK_EQ_U64(total_tables(), 8 + 7);
	CHECK_EQ_INT(net_tables, 2);
	/* the record: the PUD block replaced by its table in one live write */
	CHECK_EQ_U64(count_kind(VML_PT_UPD_WRITE), 1);
	CHECK_EQ_INT(log_.rec[0].level, 1);
	CHECK_EQ_U64(vml_va_addr(log_.rec[0].va), LM_1G);
	CHECK_EQ_U64(log_.rec[0].old, 0x00e8000080000705ULL);
	CHECK_EQ_U64(log_.rec[0].new_ & 0xfff0000000000fffULL, 0x1800000000000003ULL);
	{
		size_t found = 9;

		CHECK_EQ_INT(vml_pt_bbm_check(&fmt, &log_, VML_PT_CPU_BBML2, NULL, 0, &found), 0);
		CHECK_EQ_U64(found, 0);
		/* the same record on a CPU without BBML2 breaks the rule */
		CHECK_EQ_INT(vml_pt_bbm_check(&fmt, &log_, 0, NULL, 0, &found), VML_EPERM);
		CHECK_EQ_U64(found, 1);
	}
	/* and back: rw leaves the split (the kernel never merges) */
	CHECK_EQ_INT(change("alias-rw", LM_1G + 0x1000, 0x1000, NULL, NULL), 0);
	leaves(LM_1G, LM_1G + M(2));
	CHECK_EQ_INT(nruns, 2);
	RUN_IS(0, LM_1G, 0x1000, 16, RW);
	RUN_IS(1, LM_1G + K64, 0x1000, 496, RW | CONT);
	CHECK_EQ_U64(total_tables(), 8 + 7);
}

/* v6.12, rodata=full: the linear map is pages; a page changes in place: one
 * live PTE write (DBM cleared, AP[2] set: pgattr_change_is_safe() allows
 * it) and a TLB invalidation, no table. */
static void test_v6_12_page(void)
{
	uint64_t old, tables;

	CHECK_EQ_INT(build("6.12", VML_BOOT_RODATA_FULL, 0, false), 0);
	tables = total_tables();
	CHECK_EQ_INT(change("alias-ro", LM_1G + 0x1000, 0x1000, NULL, NULL), 0);
	leaves(LM_1G, LM_1G + G(1));
	CHECK_EQ_INT(nruns, 3);
	RUN_IS(0, LM_1G, 0x1000, 1, RW);
	RUN_IS(1, LM_1G + 0x1000, 0x1000, 1, 0);
	RUN_IS(2, LM_1G + 0x2000, 0x1000, 262142, RW);
	CHECK_EQ_U64(total_tables(), tables);
	CHECK_EQ_U64(log_.cnt, 2);
	CHECK_EQ_INT(log_.rec[0].kind, VML_PT_UPD_WRITE);
	CHECK_EQ_INT(log_.rec[0].level, 3);
	old = log_.rec[0].old;
	CHECK_EQ_U64(old, 0x00e8000080001707ULL);
	CHECK_EQ_U64(log_.rec[0].new_, 0x00e0000080001787ULL);
	CHECK_EQ_INT(log_.rec[1].kind, VML_PT_UPD_TLBI);
	{
		size_t found = 9;

		CHECK_EQ_INT(vml_pt_bbm_check(&fmt, &log_, 0, NULL, 0, &found), 0);
	}
	CHECK_EQ_INT(change("alias-rw", LM_1G + 0x1000, 0x1000, NULL, NULL), 0);
	CHECK_EQ_U64(log_.rec[2].new_, old);
	/* set_direct_map_invalid then _default: the page goes and comes back */
	CHECK_EQ_INT(change("invalid", LM_1G + 0x3000, 0x2000, NULL, NULL), 0);
	leaves(LM_1G, LM_1G + M(2));
	CHECK_EQ_INT(nruns, 2);
	RUN_IS(0, LM_1G, 0x1000, 3, RW);
	RUN_IS(1, LM_1G + 0x5000, 0x1000, 507, RW);
	CHECK_EQ_INT(change("default", LM_1G + 0x3000, 0x2000, NULL, NULL), 0);
	leaves(LM_1G, LM_1G + M(2));
	CHECK_EQ_INT(nruns, 1);
	RUN_IS(0, LM_1G, 0x1000, 512, RW);
	CHECK_EQ_U64(total_tables(), tables);
}

/* What the kernel refuses (-EINVAL), and bad input: nothing changes. */
static void test_refusals(void)
{
	const char *rule = NULL;
	uint64_t tables;

	CHECK_EQ_INT(build("6.12", VML_BOOT_RODATA_FULL, 0, false), 0);
	tables = total_tables();
	CHECK_EQ_INT(change("ro", LM_1G, 0x1000, NULL, &rule), VML_EINVAL);
	CHECK(rule && strstr(rule, "VM_ALLOC vm area"));
	CHECK_EQ_INT(change("nx", 0xffff800080000000ULL, 0x1000, NULL, &rule), VML_EINVAL);
	/* the image's linear alias keeps blocks under rodata=full (v6.12
	 * map_mem(): NO_CONT_MAPPINGS only): PA 0x40400000 is one */
	CHECK_EQ_INT(change("invalid", LM + M(4), 0x1000, NULL, &rule), VML_EINVAL);
	CHECK(rule && strstr(rule, "apply_to_page_range"));
	CHECK_EQ_INT(change("alias-ro", LM_1G + 0x800, 0x1000, NULL, &rule), VML_EINVAL);
	CHECK_EQ_INT(change("alias-ro", LM + G(4), 0x1000, NULL, &rule), VML_EINVAL);
	CHECK(rule && strstr(rule, "not a linear-map page"));
	CHECK_EQ_INT(change("chmod", LM_1G, 0x1000, NULL, &rule), VML_EINVAL);
	CHECK_EQ_U64(log_.cnt, 0);
	CHECK_EQ_U64(total_tables(), tables);
	/* v6.18 without BBML2: the same block, refused by the walk */
	CHECK_EQ_INT(build("6.18", VML_BOOT_RODATA_FULL, 0, false), 0);
	CHECK_EQ_INT(change("invalid", LM + M(4), 0x1000, NULL, &rule), VML_EINVAL);
	CHECK(rule && strstr(rule, "BBML2_NOABORT"));
	/* BBML2 on a kernel that does not use it */
	CHECK_EQ_INT(build("6.12", VML_BOOT_RODATA_FULL, VML_PT_CPU_BBML2, false), VML_EINVAL);
}

/* Where the kernel changes nothing and returns 0. */
static void test_noops(void)
{
	const char *noop = NULL;

	CHECK_EQ_INT(build("6.12", VML_BOOT_RODATA_ON, 0, false), 0);
	CHECK_EQ_INT(change("alias-ro", LM_1G, 0x1000, &noop, NULL), 0);
	CHECK(noop && strstr(noop, "rodata_full is off"));
	CHECK_EQ_INT(change("invalid", LM_1G, 0x1000, &noop, NULL), 0);
	CHECK(noop && strstr(noop, "can_set_direct_map"));
	CHECK_EQ_U64(log_.cnt, 0);
	/* debug_pagealloc: pages, can_set_direct_map; the alias still needs
	 * rodata_full */
	CHECK_EQ_INT(build("6.12", VML_BOOT_RODATA_ON, 0, true), 0);
	CHECK_EQ_INT(change("invalid", LM_1G, 0x1000, &noop, NULL), 0);
	CHECK(noop == NULL);
	CHECK_EQ_INT(change("alias-ro", LM_1G, 0x1000, &noop, NULL), 0);
	CHECK(noop != NULL);
	/* v6.18 with BBML2 and debug_pagealloc: force_pte_mapping(), pages */
	CHECK_EQ_INT(build("6.18", VML_BOOT_RODATA_FULL, VML_PT_CPU_BBML2, true), 0);
	leaves(LM_1G, LM_1G + G(1));
	CHECK_EQ_INT(nruns, 1);
	RUN_IS(0, LM_1G, 0x1000, 262144, RW);
}

/* v6.18 rodata=full: table pages with BBML2_NOABORT (blocks) and without
 * (pages). With: 6 = the root; the linear map's PUD table and the first
 * GiB's PMD table (2M blocks, the alias among them; GiBs 2-4 are PUD
 * blocks); the image's PUD, PMD and one PTE table (for _text.._stext).
 * Without: one PTE table per 2M of the 4 GiB but the 8 blocks of the
 * image's linear alias [0x40200000, 0x41200000): 2048 - 8 = 2040, and 4 PMD
 * tables instead of 1: 2043 more. */
static void test_table_memory(void)
{
	uint64_t with, without;

	CHECK_EQ_INT(build("6.18", VML_BOOT_RODATA_FULL, 0, false), 0);
	without = total_tables();
	CHECK_EQ_INT(build("6.18", VML_BOOT_RODATA_FULL, VML_PT_CPU_BBML2, false), 0);
	with = total_tables();
	CHECK_EQ_U64(without - with, 2040 + 3);
	CHECK_EQ_U64(with, 6 + 7); /* + the fixmap's bm_pud, bm_pmd and 3 bm_pte (v6.18 spans 3
				      PMDs), the vmemmap's PUD and PMD tables */
}

/* Random sequences of changes on random linear pages: after each, every
 * page touched walks to its own PA with the permissions the sequence gives
 * (or faults when made invalid), nothing is writable and executable, the
 * tables counted are the ones allocated, and the record passes the
 * break-before-make check for the CPUs of the case. */
#define NPAGES 64
static uint64_t seed = 0x5e7d1e7aULL;

static uint64_t rnd(uint64_t n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (seed >> 33) % n;
}

static int no_wx(void *arg, const struct vml_pt_range *r)
{
	(void)arg;
	return (r->attrs.perm & VML_PT_WRITE) && (r->attrs.perm & VML_PT_EXEC);
}

static void property_case(const char *profile, uint32_t cpu)
{
	static const char *const ops[] = {"alias-ro", "alias-rw", "invalid", "default"};
	uint64_t va[NPAGES];
	int state[NPAGES]; /* 0 rw, 1 ro, 2 invalid */
	uint64_t base_tables;

	CHECK_EQ_INT(build(profile, VML_BOOT_RODATA_FULL, cpu, false), 0);
	base_tables = total_tables();
	for (unsigned int i = 0; i < NPAGES; i++) {
		/* pages of the GiBs outside the image, some in one 2M */
		va[i] = LM_1G + (i < 16 ? rnd(512) << 12 : rnd(3ULL << 18) << 12);
		state[i] = 0;
	}
	for (unsigned int step = 0; step < 200; step++) {
		unsigned int i = (unsigned int)rnd(NPAGES), op = (unsigned int)rnd(4);
		int ok = change(ops[op], va[i], 0x1000, NULL, NULL);

		CHECK_EQ_INT(ok, 0);
		for (unsigned int j = 0; j < NPAGES; j++)
			if (va[j] == va[i])
				state[j] = op == 0   ? (state[j] == 2 ? 2 : 1)
					   : op == 1 ? (state[j] == 2 ? 2 : 0)
					   : op == 2 ? 2
						     : 0;
		for (unsigned int j = 0; j < NPAGES; j++) {
			struct vml_pt_walk w;
			int err = vml_pt_walk(&ctx, vml_va(va[j]), &w, NULL);

			if (state[j] == 2) {
				CHECK_EQ_INT(err, VML_ENOENT);
				continue;
			}
			CHECK_EQ_INT(err, 0);
			CHECK_EQ_U64(vml_pa_addr(w.pa), va[j] - LM + 0x40000000);
			CHECK_EQ_U64(!!(w.attrs.perm & VML_PT_WRITE), state[j] == 0);
			CHECK(!(w.attrs.perm & VML_PT_EXEC));
		}
	}
	CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, no_wx, NULL), 0);
	CHECK_EQ_U64(total_tables(), base_tables + (uint64_t)net_tables);
	CHECK(cpu ? net_tables > 0 : net_tables == 0);
	{
		size_t found = 9;

		CHECK_EQ_INT(vml_pt_bbm_check(&fmt, &log_, cpu, NULL, 0, &found), 0);
		CHECK_EQ_U64(log_.dropped, 0);
	}
}

static void test_random_sequences(void)
{
	for (unsigned int n = 0; n < 4; n++) {
		property_case("6.12", 0);
		property_case("6.18", 0);
		property_case("6.18", VML_PT_CPU_BBML2);
	}
}

int main(void)
{
	RUN_TEST(test_bbml2_split);
	RUN_TEST(test_v6_12_page);
	RUN_TEST(test_refusals);
	RUN_TEST(test_noops);
	RUN_TEST(test_table_memory);
	RUN_TEST(test_random_sequences);
	teardown();
	return CHECK_DONE("test_arm64_set_memory");
}

/* SPDX-License-Identifier: MIT */
/*
 * alloc_large_system_hash()'s sizing and line (src/core/large_system_hash.c;
 * mm/page_alloc.c v3.4/v6.1, mm/mm_init.c v6.12), the arithmetic in each
 * case, and hashdist (page_alloc_init() v6.1, fixup_hashdist() v6.12, then
 * the command line's hashdist=).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "vmlayout/large_system_hash.h"

static void test_sizes(void)
{
	static const struct {
		struct vml_hash_request r;
		uint64_t entries, size;
	} cases[] = {
	    /* 1,000,000 pages, rounded up to 256 (1 MiB): 1,000,192; scale 13
	     * on 4K: >> 1 = 500,096; pow2 524,288; max (2^12 * 10^6 >> 4) / 8
	     * = 32,000,000: 524,288 x 8 = 4 MiB */
	    {{1000000, 1000000, 8, 0, 13, 12, true}, 524288, 4 << 20},
	    /* 32 Mi pages (128 GiB): ADAPT_SCALE_NPAGES = 64G >> 12 = 16 Mi <
	     * 32 Mi: scale 14 (then 64 Mi >= 32 Mi): >> 2 = 8 Mi entries, 64
	     * MiB; a 32-bit kernel has no adapt: 16 Mi entries, 128 MiB */
	    {{32ULL << 20, 32ULL << 20, 8, 0, 13, 12, true}, 8ULL << 20, 64ULL << 20},
	    {{32ULL << 20, 32ULL << 20, 8, 0, 13, 12, false}, 16ULL << 20, 128ULL << 20},
	    /* 512 GiB = 128 Mi pages: 16 Mi, 64 Mi < 128 Mi, 256 Mi: scale 15
	     * -> >> 3 = 16 Mi entries, 128 MiB */
	    {{128ULL << 20, 128ULL << 20, 8, 0, 13, 12, true}, 16ULL << 20, 128ULL << 20},
	    /* dhash_entries=1000: pow2 1024, 8 KiB */
	    {{1000000, 1000000, 8, 1000, 13, 12, true}, 1024, 8192},
	    /* a count past 1/16 of memory: 1 GiB / 16 / 8 = 2^23 */
	    {{262144, 262144, 8, 1ULL << 40, 13, 12, true}, 1ULL << 23, 1ULL << 26},
	    /* tiny memory: at least one page of buckets (4096 / 4 = 1024) */
	    {{64, 64, 4, 0, 14, 12, false}, 1024, 4096},
	    /* 32-bit arm, 1 GiB (262,144 pages less memmap, say 258,048):
	     * rounded 258,048; >> 1 = 129,024; pow2 131,072 x 4 = 512 KiB, as
	     * Debian's 6.1 armmp prints under QEMU with 1 GiB */
	    {{258048, 258048, 4, 0, 13, 12, false}, 131072, 524288},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vml_hash_table t = vml_large_system_hash(&cases[i].r);

		CHECK_EQ_U64(t.entries, cases[i].entries);
		CHECK_EQ_U64(t.size, cases[i].size);
	}
}

static void line(struct vml_layout *lo, const char *name, uint64_t entries, uint64_t bucket,
		 bool v3_4, char *out, size_t cap)
{
	const struct vml_hash_table t = {entries, entries * bucket};
	const struct vml_kmsg *m;

	lo->n_kmsgs = 0;
	vml_large_system_hash_msg(lo, name, &t, 12, v3_4);
	CHECK_EQ_INT(lo->n_kmsgs, 1);
	m = &lo->kmsgs[0];
	CHECK_EQ_STR(m->name, name);
	/* the format's numbers, as the host prints them */
	snprintf(out, cap, "%llu %lld %llu", (unsigned long long)m->arg[0], (long long)m->arg[1],
		 (unsigned long long)m->arg[2]);
}

static void test_lines(void)
{
	static struct vml_layout lo;
	char got[64];

	vml_layout_init(&lo);
	line(&lo, "Dentry cache", 131072, 4, false, got, sizeof(got));
	CHECK_EQ_STR(got, "131072 7 524288");
	CHECK(strstr(lo.kmsgs[0].fmt, "bytes, linear)") != NULL);
	/* below a page: get_order() 0 in 6.x, ilog2(64) - 12 = -6 in 3.4 */
	line(&lo, "Inode-cache", 16, 4, false, got, sizeof(got));
	CHECK_EQ_STR(got, "16 0 64");
	line(&lo, "Inode-cache", 16, 4, true, got, sizeof(got));
	CHECK_EQ_STR(got, "16 -6 64");
	CHECK(strstr(lo.kmsgs[0].fmt, "linear") == NULL);
}

static void test_hashdist(void)
{
	struct vml_kernel_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	CHECK(!vml_hashdist(&cfg, 2)); /* no NUMA: hashdist is 0 */
	cfg.numa = true;
	CHECK(!vml_hashdist(&cfg, 1));
	CHECK(vml_hashdist(&cfg, 2));
	cfg.hashdist_set = true;
	cfg.hashdist = 0;
	CHECK(!vml_hashdist(&cfg, 2));
	cfg.hashdist = 1;
	CHECK(vml_hashdist(&cfg, 1)); /* parse_args() runs after the fixup */
	cfg.hashdist = 1ULL << 32;    /* an int: 0 */
	CHECK(!vml_hashdist(&cfg, 2));
}

/* With hashdist the tables come from vmalloc_huge() later: "vmalloc
 * hugepage" when the size per online node reaches PMD_SIZE (or, arm64
 * v6.16+, CONT_PTE_SIZE) and huge vmalloc is allowed. The figures of Debian
 * 13's arm64 and riscv64 6.12 under QEMU with 4 GiB (dentry 4 MiB, inode 2
 * MiB; 524288 and 262144 entries): two nodes, "vmalloc hugepage" and
 * "vmalloc"; three (one memoryless), "vmalloc" both. */
static void test_vmalloc_lines(void)
{
	static struct vml_layout lo;
	struct vml_kernel_config cfg;
	/* 4 GiB less its memmap: nr_kernel_pages that give 2^19 dentries */
	const struct vml_vfs_hash_tables t = {
	    .memory = {.nr_kernel_pages = 1032192,
		       .nr_all_pages = 1032192,
		       .bucketsize = 8,
		       .page_shift = 12,
		       .adapt = true},
	    .long_bits = 64,
	};
	static const struct {
		struct vml_huge_vmalloc hv;
		const char *dentry, *inode;
	} cases[] = {
	    {{true, VML_SZ_2M, 0, 2}, "vmalloc hugepage", "vmalloc"},
	    {{true, VML_SZ_2M, 0, 3}, "vmalloc", "vmalloc"},
	    {{true, VML_SZ_2M, 0, 1}, "vmalloc hugepage", "vmalloc hugepage"},
	    {{false, VML_SZ_2M, 0, 1}, "vmalloc", "vmalloc"},
	    {{true, VML_SZ_2M, 0x10000, 3}, "vmalloc hugepage", "vmalloc hugepage"},
	};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lo.n_kmsgs = 0;
		vml_vfs_caches_init_late(&lo, &cfg, &t, &cases[i].hv);
		CHECK_EQ_INT(lo.n_kmsgs, 2);
		CHECK_EQ_STR(lo.kmsgs[0].name, "Dentry cache");
		CHECK_EQ_U64(lo.kmsgs[0].arg[0], 524288);
		CHECK_EQ_U64(lo.kmsgs[0].arg[1], 10);
		CHECK_EQ_U64(lo.kmsgs[0].arg[2], 4194304);
		CHECK(strstr(lo.kmsgs[0].fmt, cases[i].dentry) &&
		      strstr(lo.kmsgs[0].fmt,
			     strcmp(cases[i].dentry, "vmalloc") ? "hugepage)" : "vmalloc)"));
		CHECK_EQ_U64(lo.kmsgs[1].arg[0], 262144);
		CHECK(strstr(lo.kmsgs[1].fmt,
			     strcmp(cases[i].inode, "vmalloc") ? "hugepage)" : "vmalloc)"));
	}
}

int main(void)
{
	RUN_TEST(test_sizes);
	RUN_TEST(test_lines);
	RUN_TEST(test_hashdist);
	RUN_TEST(test_vmalloc_lines);
	return CHECK_DONE("test_large_system_hash");
}

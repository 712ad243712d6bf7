/* SPDX-License-Identifier: MIT */
/*
 * parse_crashkernel() as kernel/crash_core.c v6.1 and kernel/crash_reserve.c
 * v6.12 read it (every expectation worked out from that source): the plain,
 * range-list, ,high and ,low forms, the last one winning, strstr() matching
 * inside a word, the messages of each malformed form (v6.12's "crahskernel"
 * typo, v6.16's fix and ",cma" suffix), and reserve_crashkernel_generic()'s
 * windows and fallbacks on a small memblock.
 */
#include "check.h"
#include "vmlayout/crashkernel.h"
#include "vmlayout/dma_contiguous.h"
#include "vmlayout/hugetlb_cma.h"
#include "vmlayout/kernel_memparse.h"

static struct vml_layout lo;

static uint64_t M(uint64_t n)
{
	return n << 20;
}

/* The text of the message @back from the last (the formats take one %s
 * name or ull args). */
static const char *msg_back(unsigned int back)
{
	static char buf[256];
	const struct vml_kmsg *m;

	if (lo.n_kmsgs <= back)
		return "";
	m = &lo.kmsgs[lo.n_kmsgs - 1 - back];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (m->name[0])
		snprintf(buf, sizeof(buf), m->fmt, m->name);
	else
		snprintf(buf, sizeof(buf), m->fmt, (unsigned long long)m->arg[0],
			 (unsigned long long)m->arg[1], (unsigned long long)m->arg[2],
			 (unsigned long long)m->arg[3]);
#pragma GCC diagnostic pop
	return buf;
}

static const char *last_msg(void)
{
	return msg_back(0);
}

static int parse(const char *cmdline, uint64_t ram, const char *suffix,
		 enum vml_crash_parse_rev rev, uint64_t *size, uint64_t *base)
{
	vml_layout_init(&lo);
	return vml_parse_crashkernel_one(cmdline, ram, suffix, rev, size, base, &lo);
}

static void test_memparse(void)
{
	const char *end;
	const char *s = "0x10M@";

	CHECK_EQ_U64(vml_kernel_memparse(s, &end), M(16));
	CHECK(end == s + 5);
	CHECK_EQ_U64(vml_kernel_memparse("256", &end), 256);
	CHECK_EQ_U64(vml_kernel_memparse("010", &end), 8); /* octal, as simple_strtoull */
	CHECK_EQ_U64(vml_kernel_memparse("1G", &end), 1ULL << 30);
	CHECK_EQ_U64(vml_kernel_memparse("1e", &end), 1ULL << 60); /* E is a suffix */
	s = "x1";
	CHECK_EQ_U64(vml_kernel_memparse(s, &end), 0);
	CHECK(end == s);
	/* a suffix with no digit before it: simple_strtoull() stops at s with
	 * 0, and memparse() still takes the letter (lib/cmdline.c v6.1/v6.12) */
	s = "M-";
	CHECK_EQ_U64(vml_kernel_memparse(s, &end), 0);
	CHECK(end == s + 1);
	s = "k";
	CHECK_EQ_U64(vml_kernel_memparse(s, &end), 0);
	CHECK(end == s + 1);
	/* "0x" with no hex digit: octal 0, then 'x' is no suffix */
	s = "0xM";
	CHECK_EQ_U64(vml_kernel_memparse(s, &end), 0);
	CHECK(end == s + 1);
}

/* The forms a digit-less suffix reaches (each result from the kernel's
 * parse_crashkernel_*(): the letter is consumed, its value 0). */
static void test_suffix_without_digits(void)
{
	uint64_t size = 1, base = 1;

	/* "K-:256M": the range [0, any) of 256M */
	CHECK_EQ_INT(
	    parse("crashkernel=K-:256M", M(4096), NULL, VML_CRASH_PARSE_V6_12, &size, &base),
	    VML_OK);
	CHECK_EQ_U64(size, M(256));
	CHECK_EQ_U64(base, 0);
	/* "@M": offset 0, not "Memory value expected after '@'" */
	size = base = 1;
	CHECK_EQ_INT(
	    parse("crashkernel=0-:256M@M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_OK);
	CHECK_EQ_U64(size, M(256));
	CHECK_EQ_U64(base, 0);
	/* the plain and suffixed forms: size 0, no message */
	vml_layout_init(&lo);
	CHECK_EQ_INT(parse("crashkernel=G", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, 0);
	CHECK_EQ_INT((int)lo.n_kmsgs, 0);
	CHECK_EQ_INT(parse("crashkernel=M,high", 0, ",high", VML_CRASH_PARSE_V6_12, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, 0);
	CHECK_EQ_INT((int)lo.n_kmsgs, 0);
	CHECK_EQ_INT(parse("crashkernel=1G,high crashkernel=M,low", 0, ",low",
			   VML_CRASH_PARSE_V6_12, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, 0);
	CHECK_EQ_INT((int)lo.n_kmsgs, 0);
}

static void test_simple(void)
{
	uint64_t size = 1, base = 1;

	CHECK_EQ_INT(parse("crashkernel=256M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, M(256));
	CHECK_EQ_U64(base, 0);
	CHECK_EQ_INT(parse("ro crashkernel=64M@0x90000000 quiet", M(4096), NULL,
			   VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, M(64));
	CHECK_EQ_U64(base, 0x90000000);
	/* the last one counts */
	CHECK_EQ_INT(parse("crashkernel=64M crashkernel=128M", M(4096), NULL, VML_CRASH_PARSE_V6_1,
			   &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, M(128));
	/* strstr(): inside another word too */
	CHECK_EQ_INT(parse("xcrashkernel=32M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, M(32));
	CHECK_EQ_INT(parse("quiet", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_ENOENT);
	/* crashkernel=0 parses (size 0) */
	CHECK_EQ_INT(parse("crashkernel=0", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(size, 0);
	CHECK_EQ_INT(lo.n_kmsgs, 0);
}

static void test_simple_malformed(void)
{
	uint64_t size, base;

	CHECK_EQ_INT(parse("crashkernel=abc", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: memory value expected\n");
	CHECK_EQ_INT(parse("crashkernel=256Mx", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: unrecognized char: x\n");
	/* quotes are not special to the raw-line parser */
	CHECK_EQ_INT(
	    parse("crashkernel=\"256M\"", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: memory value expected\n");
	/* a tab is not a word end: "unrecognized char" with the tab */
	CHECK_EQ_INT(
	    parse("crashkernel=256M\tquiet", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: unrecognized char: \t\n");
	/* an '@' with no number: base 0 (no message in the simple form) */
	CHECK_EQ_INT(parse("crashkernel=256M@", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_OK);
	CHECK_EQ_U64(base, 0);
}

static void test_range_list(void)
{
	const char *line = "crashkernel=512M-2G:64M,2G-:128M@16M";
	uint64_t size, base;

	/* 1 GiB - 64 MiB of RAM rounds up to 1 GiB: the first range */
	CHECK_EQ_INT(parse(line, M(960), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, M(64));
	CHECK_EQ_U64(base, M(16));
	/* 4 GiB: the open-ended one */
	CHECK_EQ_INT(parse(line, M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, M(128));
	/* 2047 MiB rounds up to 2 GiB, which is not < 2G: the second range */
	CHECK_EQ_INT(parse(line, M(2047), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, M(128));
	/* below every range: size 0, pr_info */
	CHECK_EQ_INT(parse(line, M(256), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, 0);
	CHECK_EQ_STR(last_msg(), "crashkernel size resulted in zero bytes\n");
}

static void test_range_malformed(void)
{
	uint64_t size, base;

	CHECK_EQ_INT(parse("crashkernel=1G:64M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: '-' expected\n");
	CHECK_EQ_INT(
	    parse("crashkernel=2G-1G:64M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: end <= start\n");
	CHECK_EQ_INT(
	    parse("crashkernel=1G-2Gx:64M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: ':' expected\n");
	CHECK_EQ_INT(parse("crashkernel=-:64M", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: Memory value expected\n");
	/* the size: v6.1 without the prefix, v6.12 with it */
	CHECK_EQ_INT(parse("crashkernel=1G-:x", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "Memory value expected\n");
	CHECK_EQ_INT(parse("crashkernel=1G-:x", M(4096), NULL, VML_CRASH_PARSE_V6_12, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: Memory value expected\n");
	/* a size not below the rounded total */
	CHECK_EQ_INT(parse("crashkernel=1G-:4G", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: invalid size\n");
	/* the offset: v6.1, v6.12's typo, v6.16's fix */
	CHECK_EQ_INT(
	    parse("crashkernel=1G-:64M@x", M(4096), NULL, VML_CRASH_PARSE_V6_1, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "Memory value expected after '@'\n");
	CHECK_EQ_INT(
	    parse("crashkernel=1G-:64M@x", M(4096), NULL, VML_CRASH_PARSE_V6_12, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crahskernel: Memory value expected after '@'\n");
	CHECK_EQ_INT(
	    parse("crashkernel=1G-:64M@x", M(4096), NULL, VML_CRASH_PARSE_V6_18, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: Memory value expected after '@'\n");
}

static void test_suffixes(void)
{
	uint64_t size, base;
	const char *line = "crashkernel=1G,high crashkernel=256M,low";

	/* the plain search skips the suffixed ones */
	CHECK_EQ_INT(parse(line, M(8192), NULL, VML_CRASH_PARSE_V6_1, &size, &base), VML_ENOENT);
	CHECK_EQ_INT(parse(line, 0, ",high", VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, M(1024));
	CHECK_EQ_INT(parse(line, 0, ",low", VML_CRASH_PARSE_V6_1, &size, &base), VML_OK);
	CHECK_EQ_U64(size, M(256));
	CHECK_EQ_INT(parse("crashkernel=1Gx,high", 0, ",high", VML_CRASH_PARSE_V6_1, &size, &base),
		     VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: unrecognized char: x\n");
	/* ",cma" is a known suffix only from v6.16 */
	CHECK_EQ_INT(
	    parse("crashkernel=64M,cma", M(8192), NULL, VML_CRASH_PARSE_V6_12, &size, &base),
	    VML_EINVAL);
	CHECK_EQ_STR(last_msg(), "crashkernel: unrecognized char: ,\n");
	CHECK_EQ_INT(
	    parse("crashkernel=64M,cma", M(8192), NULL, VML_CRASH_PARSE_V6_18, &size, &base),
	    VML_ENOENT);
}

static void test_generic(void)
{
	uint64_t size, base, low;
	bool high;

	vml_layout_init(&lo);
	/* ,high alone: the default 128 MiB low part */
	CHECK_EQ_INT(vml_parse_crashkernel_generic("crashkernel=1G,high", M(8192),
						   VML_CRASH_PARSE_V6_12, &size, &base, &low, &high,
						   &lo),
		     VML_OK);
	CHECK_EQ_U64(size, M(1024));
	CHECK_EQ_U64(low, M(128));
	CHECK(high);
	CHECK_EQ_INT(vml_parse_crashkernel_generic("crashkernel=1G,high crashkernel=0,low", M(8192),
						   VML_CRASH_PARSE_V6_12, &size, &base, &low, &high,
						   &lo),
		     VML_OK);
	CHECK_EQ_U64(low, 0);
	/* crashkernel=0 and a size not below RAM are refused, with a note */
	vml_layout_init(&lo);
	CHECK_EQ_INT(vml_parse_crashkernel_generic("crashkernel=0", M(8192), VML_CRASH_PARSE_V6_12,
						   &size, &base, &low, &high, &lo),
		     VML_EINVAL);
	CHECK(strstr(last_msg(), "vmlayout: crashkernel= gives a size of 0") == last_msg());
	CHECK_EQ_INT(vml_parse_crashkernel_generic("crashkernel=8G", M(8192), VML_CRASH_PARSE_V6_12,
						   &size, &base, &low, &high, &lo),
		     VML_EINVAL);
	CHECK(strstr(last_msg(), "not below the 0x200000000 of RAM") != NULL);
	CHECK_EQ_INT(vml_parse_crashkernel_generic("quiet", M(8192), VML_CRASH_PARSE_V6_12, &size,
						   &base, &low, &high, &lo),
		     VML_ENOENT);
}

/* A memblock of [1 GiB, 1 GiB + 5 GiB): low_max 4 GiB, high_max its end. */
static struct vml_memblock_region mem_r[16], res_r[16];
static struct vml_memblock mb;
static const struct vml_crash_limits lim = {VML_SZ_2M, VML_SZ_4G, 6 * VML_SZ_1G};

static void setup_mb(void)
{
	vml_memblock_init(&mb, mem_r, 16, res_r, 16, ~0ULL, VML_SZ_4K);
	CHECK_EQ_INT(vml_memblock_add(&mb, VML_SZ_1G, 5 * VML_SZ_1G, NULL), VML_OK);
	vml_layout_init(&lo);
}

/* cma_activate_area() gives MemTotal only what is memory: a fixed cma= area
 * outside memblock.memory counts 0, one across its end the part inside;
 * a note each time (the kernel warns). */
static void test_cma_bytes_in_memory(void)
{
	setup_mb();
	CHECK_EQ_U64(vml_cma_bytes_in_memory(&mb, &lo, 2 * VML_SZ_1G, M(64)), M(64));
	CHECK_EQ_INT((int)lo.n_kmsgs, 0);
	CHECK_EQ_U64(vml_cma_bytes_in_memory(&mb, &lo, VML_SZ_1G / 2, M(64)), 0);
	CHECK_EQ_INT((int)lo.n_kmsgs, 1);
	CHECK(strstr(last_msg(), "vmlayout: the CMA area [0x20000000, 0x24000000) is not all "
				 "memory (0x0 bytes are)") == last_msg());
	CHECK_EQ_U64(vml_cma_bytes_in_memory(&mb, &lo, 6 * VML_SZ_1G - M(32), M(64)), M(32));
	CHECK_EQ_INT((int)lo.n_kmsgs, 2);
	CHECK_EQ_U64(vml_cma_bytes_in_memory(&mb, &lo, VML_SZ_1G - M(16), M(64)), M(48));
	CHECK_EQ_U64(vml_cma_bytes_in_memory(&mb, &lo, 0, 0), 0);
	CHECK_EQ_INT((int)lo.n_kmsgs, 3);
}

/* early_cma()'s size_cmdline, base_cmdline and limit_cmdline are
 * phys_addr_t (kernel/dma/contiguous.c v6.1): 32 bits on arm without LPAE. */
static void test_cma_select_phys_addr_width(void)
{
	struct vml_kernel_config cfg;
	struct vml_cma_select sel;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	cfg.cma_arg_set = true;
	cfg.cma_arg_size = M(4160);
	vml_dma_contiguous_select(&cfg, M(16), 0, false, false, &sel);
	CHECK_EQ_U64(sel.size, M(64));
	vml_dma_contiguous_select(&cfg, M(16), 0, true, false, &sel);
	CHECK_EQ_U64(sel.size, M(4160));
	/* 0x100000000: 0, no area */
	cfg.cma_arg_size = 1ULL << 32;
	vml_dma_contiguous_select(&cfg, M(16), 0, false, false, &sel);
	CHECK_EQ_U64(sel.size, 0);
	/* all ones is size_cmdline's "not given": CMA_SIZE_MBYTES */
	cfg.cma_arg_size = 0xffffffffULL;
	CHECK(!vml_cma_cmdline_given(&cfg, false));
	CHECK(vml_cma_cmdline_given(&cfg, true));
	vml_dma_contiguous_select(&cfg, M(16), 0, false, false, &sel);
	CHECK_EQ_U64(sel.size, M(16));
	/* @0x160000000: base and limit cut, still a fixed place */
	cfg.cma_arg_size = M(64);
	cfg.cma_arg_base = 0x160000000ULL;
	cfg.cma_arg_limit = 0x164000000ULL;
	vml_dma_contiguous_select(&cfg, M(16), 0, false, false, &sel);
	CHECK_EQ_U64(sel.base, 0x60000000);
	CHECK_EQ_U64(sel.limit, 0x64000000);
	CHECK(sel.fixed);
}

/* The cma= limit: min_not_zero(limit_cmdline, limit) before v6.16, then
 * "limit_cmdline ?: limit" (kernel/dma/contiguous.c); and a fixed area
 * across the end of DRAM (memblock [1 GiB, 6 GiB)): the boundary check
 * before v6.17, the limit check after on an arch without HIGHMEM. */
static void test_cma_limit_and_boundary_revisions(void)
{
	struct vml_kernel_config cfg;
	struct vml_cma_select sel;
	struct vml_cma_env env = {
	    .align = VML_SZ_2M, .highmem_start = 6 * VML_SZ_1G, .pa_64bit = true};
	bool done, reserved;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	cfg.cma_arg_set = true;
	cfg.cma_arg_size = M(64);
	cfg.cma_arg_limit = 8 * VML_SZ_1G;
	vml_dma_contiguous_select(&cfg, M(32), 4 * VML_SZ_1G, true, false, &sel);
	CHECK_EQ_U64(sel.limit, 4 * VML_SZ_1G);
	vml_dma_contiguous_select(&cfg, M(32), 4 * VML_SZ_1G, true, true, &sel);
	CHECK_EQ_U64(sel.limit, 8 * VML_SZ_1G);
	cfg.cma_arg_limit = 0; /* no cma= limit: the arch's, either way */
	vml_dma_contiguous_select(&cfg, M(32), 4 * VML_SZ_1G, true, true, &sel);
	CHECK_EQ_U64(sel.limit, 4 * VML_SZ_1G);

	/* cma=64M@0x17e000000: base 6 GiB - 32 MiB, limit_cmdline 6 GiB + 32 MiB,
	 * across the end of DRAM (6 GiB = 0x180000000) */
	setup_mb();
	sel = (struct vml_cma_select){M(64), 6 * VML_SZ_1G - M(32), 6 * VML_SZ_1G + M(32), true};
	CHECK_EQ_INT(vml_cma_declare_checks(&mb, &lo, &sel, &env, &done, &reserved, NULL), VML_OK);
	CHECK(done && !reserved);
	CHECK_EQ_STR(msg_back(1), "cma: Region at 0x000000017e000000 defined on low/high memory "
				  "boundary (0x0000000180000000)\n");
	CHECK_EQ_STR(last_msg(), "cma: Failed to reserve 64 MiB\n");
	env.fixed_boundary_highmem_only = true;
	setup_mb();
	sel = (struct vml_cma_select){M(64), 6 * VML_SZ_1G - M(32), 6 * VML_SZ_1G + M(32), true};
	CHECK_EQ_INT(vml_cma_declare_checks(&mb, &lo, &sel, &env, &done, &reserved, NULL), VML_OK);
	CHECK(done && !reserved);
	CHECK_EQ_STR(msg_back(1), "cma: Size (0x0000000004000000) of region at 0x000000017e000000 "
				  "exceeds limit (0x0000000180000000)\n");
	CHECK_EQ_STR(last_msg(), "cma: Failed to reserve 64 MiB\n");
	CHECK_EQ_U64(sel.limit, 6 * VML_SZ_1G);
}

/* hugetlb_cma_reserve() on [1 GiB, 6 GiB) without NUMA (v6.12 form):
 * bottom-up from 4 GiB, the size rounded up to 1 GiB pages, the refusals. */
static void hugetlb_args(struct vml_kernel_config *cfg, const struct vml_hugetlb_cma_arg *a,
			 unsigned int n)
{
	vml_kernel_config_init(cfg, VML_ARCH_ARM64);
	for (unsigned int i = 0; i < n; i++)
		cfg->hugetlb_cma[i] = a[i];
	cfg->n_hugetlb_cma = n;
}

static void test_hugetlb_cma(void)
{
	const struct vml_hugetlb_cma_env env = {
	    VML_SZ_1G, VML_SZ_1G, 1, false, {VML_SZ_2M, 0, true, true, false, 0, false}};
	const struct vml_hugetlb_cma_arg plain = {0, M(1536), 0, false};
	const struct vml_hugetlb_cma_arg small = {0, M(512), 0, false};
	const struct vml_hugetlb_cma_arg node1 = {1, VML_SZ_1G, 0, true};
	struct vml_kernel_config cfg;

	hugetlb_args(&cfg, &plain, 1);
	setup_mb();
	CHECK_EQ_INT(vml_hugetlb_cma_reserve(&mb, &lo, &cfg, &env, NULL), VML_OK);
	CHECK_EQ_INT((int)lo.n_kmsgs, 3);
	CHECK_EQ_STR(last_msg(), "hugetlb_cma: reserved 2048 MiB on node 0\n");
	CHECK_EQ_U64(vml_hugetlb_cma_bytes(&lo), 2 * VML_SZ_1G);
	CHECK_EQ_U64(lo.reservations[0].base, VML_SZ_4G);
	CHECK(lo.reservations[0].cma && lo.reservations[0].freed_at_boot_end);
	/* below one gigantic page */
	hugetlb_args(&cfg, &small, 1);
	setup_mb();
	CHECK_EQ_INT(vml_hugetlb_cma_reserve(&mb, &lo, &cfg, &env, NULL), VML_OK);
	CHECK_EQ_STR(last_msg(), "hugetlb_cma: cma area should be at least 1024 MiB\n");
	CHECK_EQ_U64(vml_hugetlb_cma_bytes(&lo), 0);
	/* node 1 >= MAX_NUMNODES (1): the parser stops, nothing */
	hugetlb_args(&cfg, &node1, 1);
	setup_mb();
	CHECK_EQ_INT(vml_hugetlb_cma_reserve(&mb, &lo, &cfg, &env, NULL), VML_OK);
	CHECK_EQ_INT((int)lo.n_kmsgs, 0);
	/* too big for the end of DRAM (6 GiB) */
	{
		const struct vml_hugetlb_cma_arg big = {0, 7 * VML_SZ_1G, 0, false};

		hugetlb_args(&cfg, &big, 1);
		setup_mb();
		CHECK_EQ_INT(vml_hugetlb_cma_reserve(&mb, &lo, &cfg, &env, NULL), VML_OK);
		CHECK_EQ_STR(last_msg(), "hugetlb_cma: reservation failed: err -22, node 0\n");
	}
}

/* Random hugetlb_cma= sizes on the [1 GiB, 6 GiB) memblock with some of it
 * reserved: every area is whole gigantic pages, aligned, in memory,
 * memblock-reserved, apart from the others, and no more than the request
 * rounded up per node. */
static void test_hugetlb_cma_random(void)
{
	const struct vml_hugetlb_cma_env env = {
	    VML_SZ_1G, VML_SZ_2M, 1, false, {VML_SZ_2M, 0, true, false, false, 0, false}};
	uint64_t state = 0x2545f4914f6cdd1dULL;
	struct vml_kernel_config cfg;

	for (int round = 0; round < 2000; round++) {
		struct vml_hugetlb_cma_arg a[4];
		unsigned int n;
		uint64_t sum = 0;

		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (unsigned int)(state >> 62);
		for (unsigned int i = 0; i < n; i++) {
			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			a[i].node = (state >> 40) & 1;
			a[i].nid = (state >> 41) & 1; /* 1 is >= MAX_NUMNODES */
			a[i].word = (unsigned int)((state >> 42) & 1);
			a[i].size = ((state >> 50) % 32) * M(256);
		}
		hugetlb_args(&cfg, a, n);
		setup_mb();
		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		CHECK_EQ_INT(vml_memblock_reserve(&mb, VML_SZ_1G + ((state >> 40) % 20) * M(256),
						  M(64), NULL),
			     VML_OK);
		CHECK_EQ_INT(vml_hugetlb_cma_reserve(&mb, &lo, &cfg, &env, NULL), VML_OK);
		for (unsigned int i = 0; i < lo.n_reservations; i++) {
			const struct vml_reservation *r = &lo.reservations[i];

			CHECK(r->size && !(r->size % VML_SZ_1G) && !(r->base % VML_SZ_2M));
			CHECK(r->base >= VML_SZ_1G && r->base + r->size <= 6 * VML_SZ_1G);
			CHECK(vml_memblock_is_region_reserved(&mb, r->base, r->size));
			for (unsigned int j = 0; j < i; j++)
				CHECK(r->base + r->size <= lo.reservations[j].base ||
				      lo.reservations[j].base + lo.reservations[j].size <= r->base);
			sum += r->size;
		}
		CHECK(lo.n_reservations <= 1); /* one online node: one area at most */
		CHECK(sum <= vml_align_up(n * 32 * M(256), VML_SZ_1G));
	}
}

static void test_reserve_generic(void)
{
	setup_mb();
	/* plain: top-down below 4 GiB */
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(256), 0, 0, false, NULL),
		     VML_OK);
	CHECK_EQ_U64(lo.crashk_base, VML_SZ_4G - M(256));
	CHECK_EQ_STR(last_msg(),
		     "crashkernel reserved: 0x00000000f0000000 - 0x0000000100000000 (256 MB)\n");
	CHECK_EQ_STR(lo.reservations[lo.n_reservations - 1].name, "crashkernel");

	/* plain, too big for the 1 GiB left below 4 GiB: falls back high,
	 * with 128 MiB low */
	setup_mb();
	CHECK_EQ_INT(vml_memblock_reserve(&mb, VML_SZ_1G, 2 * VML_SZ_1G, NULL), VML_OK);
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(1536), 0, 0, false, NULL),
		     VML_OK);
	CHECK_EQ_U64(lo.crashk_base, 6 * VML_SZ_1G - M(1536));
	CHECK_EQ_U64(lo.crashk_low_base, VML_SZ_4G - M(128));
	CHECK_EQ_U64(lo.crashk_low_size, M(128));

	/* ,high: above 4 GiB first */
	setup_mb();
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(512), 0, M(64), true, NULL),
		     VML_OK);
	CHECK_EQ_U64(lo.crashk_base, 6 * VML_SZ_1G - M(512));
	CHECK_EQ_U64(lo.crashk_low_base, VML_SZ_4G - M(64));
	CHECK_EQ_STR(lo.kmsgs[0].fmt,
		     "crashkernel low memory reserved: 0x%08llx - 0x%08llx (%llu MB)\n");

	/* fixed: exactly there, or "memory is in use" */
	setup_mb();
	CHECK_EQ_INT(
	    vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(64), 0x50000000, 0, false, NULL),
	    VML_OK);
	CHECK_EQ_U64(lo.crashk_base, 0x50000000);
	CHECK_EQ_INT(
	    vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(64), 0x50000000, 0, false, NULL),
	    VML_OK);
	CHECK_EQ_STR(last_msg(), "crashkernel reservation failed - memory is in use.\n");

	/* nothing fits anywhere */
	setup_mb();
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &lim, M(8192), 0, 0, false, NULL),
		     VML_OK);
	CHECK_EQ_STR(last_msg(), "cannot allocate crashkernel (size:0x200000000)\n");
	CHECK_EQ_U64(lo.crashk_size, 0);
	CHECK_EQ_U64(mb.reserved.total_size, 0);
}

/* v6.12 has no guard when the two limits are equal: the plain form that
 * does not fit retries the same window forever; vmlayout stops, notes it
 * and prints no kernel failure line (the kernel never gets there). */
static void test_reserve_generic_hang(void)
{
	const struct vml_crash_limits same = {VML_SZ_2M, 6 * VML_SZ_1G, 6 * VML_SZ_1G};

	setup_mb();
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &same, M(8000), 0, 0, false, NULL),
		     VML_OK);
	CHECK_EQ_INT(lo.n_kmsgs, 1);
	CHECK(strstr(last_msg(), "forever") != NULL);
	/* ,high with equal limits: no second window, the kernel's failure */
	setup_mb();
	CHECK_EQ_INT(vml_reserve_crashkernel_generic(&mb, &lo, &same, M(64), 0, M(128), true, NULL),
		     VML_OK);
	CHECK_EQ_STR(last_msg(), "cannot allocate crashkernel (size:0x4000000)\n");
}

/* Random command lines from the syntax's own characters: the parser never
 * reads out of bounds (the sanitizer build checks), always answers one of
 * its three codes, and a success gives a size the text could hold. */
static void test_parse_random(void)
{
	static const char alphabet[] = "crashkernel= 0123456789xKMGE@-:,highlowcma\"\t";
	uint64_t state = 0x9e3779b97f4a7c15ULL;
	char line[64];

	for (int round = 0; round < 20000; round++) {
		size_t len = 0, n;
		uint64_t size, base, low;
		bool high;
		int ret;

		/* half the lines start with the parameter, to reach the parsers */
		if (round & 1)
			len = (size_t)snprintf(line, sizeof(line), "crashkernel=");
		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		n = (size_t)(state >> 59) + len;
		for (; len < n && len + 1 < sizeof(line); len++) {
			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			line[len] = alphabet[(state >> 33) % (sizeof(alphabet) - 1)];
		}
		line[len] = 0;
		for (int rev = VML_CRASH_PARSE_V6_1; rev <= VML_CRASH_PARSE_V6_18; rev++) {
			ret =
			    parse(line, M(4096), NULL, (enum vml_crash_parse_rev)rev, &size, &base);
			CHECK(ret == VML_OK || ret == VML_ENOENT || ret == VML_EINVAL);
			ret = parse(line, 0, ",high", (enum vml_crash_parse_rev)rev, &size, &base);
			CHECK(ret == VML_OK || ret == VML_ENOENT || ret == VML_EINVAL);
			vml_layout_init(&lo);
			ret = vml_parse_crashkernel_generic(line, M(4096),
							    (enum vml_crash_parse_rev)rev, &size,
							    &base, &low, &high, &lo);
			CHECK(ret == VML_OK || ret == VML_ENOENT || ret == VML_EINVAL);
			if (ret == VML_OK)
				CHECK(size > 0 && size < M(4096));
		}
	}
}

/* kstrtoull(s, 0) (lib/kstrtox.c): '+', 0x hex, 0 octal, one trailing
 * newline, nothing else, no overflow; a refusal leaves the value alone */
static void test_kstrtoull(void)
{
	static const struct {
		const char *s;
		bool ok;
		uint64_t v;
	} cases[] = {
	    {"100", true, 100},
	    {"+7", true, 7},
	    {"0x10", true, 16},
	    {"010", true, 8},
	    {"0", true, 0},
	    {"5\n", true, 5},
	    {"5x", false, 0},
	    {"-1", false, 0},
	    {"", false, 0},
	    {"0x", false, 0},
	    {"08", false, 0},
	    {"5\n\n", false, 0},
	    {" 5", false, 0},
	    {"18446744073709551615", true, ~0ULL},
	    {"18446744073709551616", false, 0},
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t v = 12345;

		CHECK_EQ_INT(vml_kernel_kstrtoull(cases[i].s, &v), cases[i].ok);
		CHECK_EQ_U64(v, cases[i].ok ? cases[i].v : 12345);
	}
}

int main(void)
{
	RUN_TEST(test_memparse);
	RUN_TEST(test_kstrtoull);
	RUN_TEST(test_suffix_without_digits);
	RUN_TEST(test_simple);
	RUN_TEST(test_simple_malformed);
	RUN_TEST(test_range_list);
	RUN_TEST(test_range_malformed);
	RUN_TEST(test_suffixes);
	RUN_TEST(test_generic);
	RUN_TEST(test_reserve_generic);
	RUN_TEST(test_cma_bytes_in_memory);
	RUN_TEST(test_cma_select_phys_addr_width);
	RUN_TEST(test_cma_limit_and_boundary_revisions);
	RUN_TEST(test_hugetlb_cma);
	RUN_TEST(test_hugetlb_cma_random);
	RUN_TEST(test_reserve_generic_hang);
	RUN_TEST(test_parse_random);
	return CHECK_DONE("test_crashkernel");
}

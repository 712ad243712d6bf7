/* SPDX-License-Identifier: MIT */
/* memparse (lib/cmdline.c v6.1 semantics), SIZE@BASE flags and the kernel
 * command line parameters vmlayout reads. */
#include <string.h>

#include "check.h"
#include "vmlayout/host_input.h"

struct memparse_case {
	const char *text;
	int rc;
	uint64_t value;
	const char *rest; /* what is left after the number */
};

static void test_memparse_table(void)
{
	static const struct memparse_case cases[] = {
	    {"0x10M", 0, 0x1000000, ""}, /* 0x10 = 16, << 20 */
	    {"010", 0, 8, ""},		 /* leading 0: octal */
	    {"1G", 0, 0x40000000, ""},	 /* 1 << 30 */
	    {"4k", 0, 0x1000, ""},	 /* lower case suffix */
	    {"1e", 0, 1ULL << 60, ""},	 /* decimal 1, then the exa suffix */
	    {"0x1e", 0, 0x1e, ""},	 /* hex digits eat the e */
	    {"2t", 0, 2ULL << 40, ""},
	    {"1P", 0, 1ULL << 50, ""},
	    {"400MB", 0, 400ULL << 20, "B"}, /* the kernel ignores the B */
	    {"08", 0, 0, "8"},		     /* octal: 8 is not a digit */
	    {"0x", 0, 0, "x"},		     /* no hex digit after 0x: octal 0 */
	    {"123abc", 0, 123, "abc"},
	    {"0", 0, 0, ""},
	    {"18446744073709551615", 0, UINT64_MAX, ""},
	    {"0xffffffffffffffff", 0, UINT64_MAX, ""},
	    {"15E", 0, 15ULL << 60, ""},
	    {"16E", VML_ERANGE, 0, NULL},		   /* 2^64: the kernel wraps to 0 */
	    {"18446744073709551616", VML_ERANGE, 0, NULL}, /* 2^64 */
	    {"garbage", VML_EINVAL, 0, NULL},
	    {"", VML_EINVAL, 0, NULL},
	    {"-1", VML_EINVAL, 0, NULL},
	    {" 1", VML_EINVAL, 0, NULL}, /* no space skipped */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct memparse_case *c = &cases[i];
		uint64_t v = 0x5a5a;
		const char *end = NULL;
		int rc = vml_memparse(c->text, &v, &end);

		if (rc != c->rc)
			fprintf(stderr, "  case \"%s\"\n", c->text);
		CHECK_EQ_INT(rc, c->rc);
		if (c->rc == 0) {
			CHECK_EQ_U64(v, c->value);
			CHECK_EQ_STR(end, c->rest);
		} else {
			CHECK_EQ_U64(v, 0x5a5a); /* unchanged */
			CHECK(end == NULL);
		}
	}
}

static void test_size_at_base(void)
{
	struct vml_host_error err = {""};
	uint64_t size = 1, base = 2;

	CHECK_EQ_INT(vml_parse_size_at_base("--mem", "512M@0x80000000", &size, &base, &err), 0);
	CHECK_EQ_U64(size, 0x20000000);
	CHECK_EQ_U64(base, 0x80000000);
	/* 1 GiB ending exactly at 2^64 is representable. */
	CHECK_EQ_INT(vml_parse_size_at_base("--mem", "1G@0xffffffffc0000000", &size, &base, &err),
		     0);
	CHECK_EQ_U64(base, 0xffffffffc0000000);
}

struct flag_case {
	const char *arg;
	int rc;
	const char *msg;
};

static void test_size_at_base_bad(void)
{
	static const struct flag_case cases[] = {
	    {"@0x80000000", VML_EINVAL, "--mem @0x80000000: no size given (want SIZE@BASE)"},
	    {"", VML_EINVAL, "--mem : no size given (want SIZE@BASE)"},
	    {"512M", VML_EINVAL, "--mem 512M: no @BASE given (want SIZE@BASE)"},
	    {"0@0x1000", VML_EINVAL, "--mem 0@0x1000: the size is zero"},
	    {"512MB@0", VML_EINVAL,
	     "--mem 512MB@0: unexpected \"B@0\" after the size (want SIZE@BASE)"},
	    {"1M@zz", VML_EINVAL,
	     "--mem 1M@zz: the base \"zz\" is not a number (want e.g. 512M, 0x80000000, 4096)"},
	    {"1M@0x1000 ", VML_EINVAL, "--mem 1M@0x1000 : unexpected \" \" after the base"},
	    {"1G@0xffffffffc0001000", VML_ERANGE,
	     "--mem 1G@0xffffffffc0001000: the range runs past the end of the 64-bit address "
	     "space"},
	    {"16E@0", VML_ERANGE, "--mem 16E@0: the size does not fit in 64 bits"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_host_error err = {""};
		uint64_t size = 7, base = 9;

		CHECK_EQ_INT(vml_parse_size_at_base("--mem", cases[i].arg, &size, &base, &err),
			     cases[i].rc);
		CHECK_EQ_STR(err.msg, cases[i].msg);
		CHECK_EQ_U64(size, 7);
		CHECK_EQ_U64(base, 9);
	}
}

static void test_cmdline_all_parameters(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	CHECK_EQ_INT(
	    vml_cmdline_parse("console=ttyS0,115200  mem=512M@0x80000000 mem=256M "
			      "vmalloc=400M memblock=debug initrd=0x88000000,4M root=/dev/ram",
			      &cfg, &err),
	    0);
	CHECK_EQ_INT(cfg.n_mem_args, 2);
	CHECK_EQ_U64(cfg.mem_size[0], 0x20000000);
	CHECK(cfg.mem_start_set[0]);
	CHECK_EQ_U64(cfg.mem_start[0], 0x80000000);
	CHECK_EQ_U64(cfg.mem_size[1], 0x10000000);
	CHECK(!cfg.mem_start_set[1]);
	CHECK(cfg.vmalloc_set);
	CHECK_EQ_U64(cfg.vmalloc_size, 400ULL << 20);
	CHECK(cfg.memblock_debug);
	CHECK(cfg.initrd_set);
	CHECK_EQ_U64(cfg.initrd_start, 0x88000000);
	CHECK_EQ_U64(cfg.initrd_size, 0x400000);
	/* Kconfig-side fields untouched. */
	CHECK(cfg.highmem);
	CHECK_EQ_U64(cfg.text_offset, 0x8000);
}

static void test_cmdline_replaces_previous(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	CHECK_EQ_INT(vml_cmdline_parse("mem=1G vmalloc=300M vmalloc=200M", &cfg, &err), 0);
	CHECK_EQ_U64(cfg.vmalloc_size, 200ULL << 20); /* the last one wins */
	/* A second command line replaces the first: unknown words only. */
	CHECK_EQ_INT(vml_cmdline_parse("quiet foo=bar memblock=off", &cfg, &err), 0);
	CHECK_EQ_INT(cfg.n_mem_args, 0);
	CHECK(!cfg.vmalloc_set);
	CHECK(!cfg.memblock_debug);
	CHECK_EQ_INT(vml_cmdline_parse("", &cfg, &err), 0);
	CHECK_EQ_INT(vml_cmdline_parse(NULL, &cfg, &err), 0);
}

static void test_cmdline_quotes_and_end(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	/* A quoted value with spaces is one word; quotes are stripped from a
	 * value and from a whole quoted word (next_arg). */
	CHECK_EQ_INT(
	    vml_cmdline_parse("dyndbg=\"file mmu.c +p\" vmalloc=\"300M\" \"mem=128M\"", &cfg, &err),
	    0);
	CHECK_EQ_U64(cfg.vmalloc_size, 300ULL << 20);
	CHECK_EQ_INT(cfg.n_mem_args, 1);
	CHECK_EQ_U64(cfg.mem_size[0], 128ULL << 20);
	/* The vmalloc= inside the quoted dyndbg value is not a parameter. */
	CHECK_EQ_INT(vml_cmdline_parse("x=\"a vmalloc=16M\" vmalloc=32M", &cfg, &err), 0);
	CHECK_EQ_U64(cfg.vmalloc_size, 32ULL << 20);
	/* "--" ends what the kernel parses: the rest goes to init. */
	CHECK_EQ_INT(vml_cmdline_parse("vmalloc=100M -- vmalloc=200M mem=garbage", &cfg, &err), 0);
	CHECK_EQ_U64(cfg.vmalloc_size, 100ULL << 20);
	CHECK_EQ_INT(cfg.n_mem_args, 0);
	/* initrd= without ",size" is a bootloader's file name: ignored. */
	CHECK_EQ_INT(vml_cmdline_parse("initrd=/boot/initrd.img-6.1", &cfg, &err), 0);
	CHECK(!cfg.initrd_set);
	/* The kernel reads the number and ignores what follows it. */
	CHECK_EQ_INT(vml_cmdline_parse("vmalloc=400MB", &cfg, &err), 0);
	CHECK_EQ_U64(cfg.vmalloc_size, 400ULL << 20);
}

struct cmdline_bad_case {
	const char *cmdline;
	int rc;
	const char *msg;
};

static void test_cmdline_bad(void)
{
	static const struct cmdline_bad_case cases[] = {
	    {"quiet vmalloc=garbage", VML_EINVAL,
	     "kernel command line: vmalloc=garbage: the size is not a number (the kernel's "
	     "memparse wants e.g. 512M, 0x80000000)"},
	    {"mem=512M@xyz", VML_EINVAL,
	     "kernel command line: mem=512M@xyz: the start is not a number (the kernel's "
	     "memparse wants e.g. 512M, 0x80000000)"},
	    {"mem", VML_EINVAL, "kernel command line: mem needs a value (mem=SIZE...)"},
	    {"vmalloc=", VML_EINVAL,
	     "kernel command line: vmalloc needs a value (vmalloc=SIZE...)"},
	    {"initrd=0x1000,zz", VML_EINVAL,
	     "kernel command line: initrd=0x1000,zz: the size is not a number (the kernel's "
	     "memparse wants e.g. 512M, 0x80000000)"},
	    {"vmalloc=99999999999999999999", VML_ERANGE,
	     "kernel command line: vmalloc=99999999999999999999: the size does not fit in 64 "
	     "bits"},
	    {"mem=1M mem=1M mem=1M mem=1M mem=1M mem=1M mem=1M mem=1M mem=1M", VML_ENOMEM,
	     "kernel command line: more than 8 mem= parameters"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg, before;
		struct vml_host_error err = {""};

		vml_kernel_config_init(&cfg, VML_ARCH_ARM);
		CHECK_EQ_INT(vml_cmdline_parse("vmalloc=64M mem=1G", &cfg, &err), 0);
		before = cfg;
		CHECK_EQ_INT(vml_cmdline_parse(cases[i].cmdline, &cfg, &err), cases[i].rc);
		CHECK_EQ_STR(err.msg, cases[i].msg);
		CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0); /* unchanged on failure */
	}
}

/* rodata= words are kept as written, in order, each in the early-word
 * list; debug_pagealloc= is a kstrtobool() (lib/kstrtox.c v6.1: y Y t T 1
 * / n N f F 0 by the first character, on/off by two), an invalid value
 * leaving the earlier one. */
static void test_cmdline_rodata(void)
{
	static const struct {
		const char *line;
		unsigned int n_rodata;
		const char *last; /* the last rodata word's text */
		bool dpa;
	} cases[] = {
	    {"console=ttyAMA0", 0, "", false},
	    {"rodata=off", 1, "off", false},
	    {"rodata=full rodata=on", 2, "on", false},
	    {"rodata=noalias", 1, "noalias", false},
	    {"rodata=\"yes\"", 1, "yes", false},
	    {"rodata", 1, "", false},
	    {"debug_pagealloc=on rodata=off", 1, "off", true},
	    {"debug_pagealloc=1", 0, "", true},
	    {"debug_pagealloc=True", 0, "", true},
	    {"debug_pagealloc=yes debug_pagealloc=bogus", 0, "", true},
	    {"debug_pagealloc=on debug_pagealloc=off", 0, "", false},
	    {"debug_pagealloc=on debug_pagealloc=OFF", 0, "", false},
	    {"debug_pagealloc=on debug_pagealloc", 0, "", true},
	};
	struct vml_host_error err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg;
		const unsigned int n = cases[i].n_rodata;

		vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
		CHECK_EQ_INT(vml_cmdline_parse(cases[i].line, &cfg, &err), 0);
		CHECK_EQ_INT(cfg.n_rodata, n);
		if (n) {
			CHECK_EQ_STR(cfg.rodata_text[n - 1], cases[i].last);
			CHECK(cfg.rodata_bare[n - 1] == !strcmp(cases[i].line, "rodata"));
			CHECK_EQ_INT(cfg.early_words[cfg.n_early_words - 1], VML_EARLY_RODATA);
			CHECK_EQ_INT(cfg.early_words_rodata[cfg.n_early_words - 1], n - 1);
		}
		CHECK(cfg.debug_pagealloc == cases[i].dpa);
	}
}

/* A rodata= value longer than vmlayout keeps, and more words than it
 * keeps, are refused with the rule named, the config left as it was. */
static void test_cmdline_rodata_limits(void)
{
	char line[512] = "rodata=";
	struct vml_kernel_config cfg, before;
	struct vml_host_error err;

	memset(line + 7, 'x', VML_RODATA_TEXT);
	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	CHECK_EQ_INT(vml_cmdline_parse("rodata=off", &cfg, &err), 0);
	before = cfg;
	CHECK_EQ_INT(vml_cmdline_parse(line, &cfg, &err), VML_EINVAL);
	CHECK(strstr(err.msg, "longer than the 63 characters") != NULL);
	CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0);
	line[0] = 0;
	for (int i = 0; i <= VML_MAX_RODATA_WORDS; i++)
		strcat(line, "rodata=on ");
	CHECK_EQ_INT(vml_cmdline_parse(line, &cfg, &err), VML_ENOMEM);
	CHECK(strstr(err.msg, "more than 8 rodata= words") != NULL);
	CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0);
	line[0] = 0;
	for (int i = 0; i <= VML_MAX_EARLY_WORDS; i++)
		strcat(line, "cma ");
	CHECK_EQ_INT(vml_cmdline_parse(line, &cfg, &err), VML_ENOMEM);
	CHECK(strstr(err.msg, "more than 16 early words") != NULL);
}

/* nr_cpus= (kernel/smp.c nrcpus): get_option()'s integer, base 0; one
 * above 0 lowers nr_cpu_ids, so the smallest counts; 0, a negative or no
 * number is ignored. */
static void test_cmdline_nr_cpus(void)
{
	static const struct {
		const char *line;
		unsigned int nr;
	} cases[] = {
	    {"console=ttyAMA0", 0},	{"nr_cpus=2", 2},	    {"nr_cpus=0x10", 16},
	    {"nr_cpus=4 nr_cpus=2", 2}, {"nr_cpus=2 nr_cpus=4", 2}, {"nr_cpus=0", 0},
	    {"nr_cpus=-1", 0},		{"nr_cpus=x", 0},	    {"nr_cpus", 0},
	    {"nr_cpus=3k", 3},
	};
	struct vml_host_error err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg;

		vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
		CHECK_EQ_INT(vml_cmdline_parse(cases[i].line, &cfg, &err), 0);
		CHECK_EQ_INT(cfg.nr_cpus_arg, cases[i].nr);
	}
}

/* early_cma() (kernel/dma/contiguous.c v6.1, v6.12): memparse() reads what
 * it can (no digit: size 0), '@' the base, '-' the limit, else base + size;
 * a later cma= without '@' keeps the earlier base and limit. */
static void test_cmdline_cma(void)
{
	static const struct {
		const char *line;
		bool set;
		uint64_t size, base, limit;
	} cases[] = {
	    {"console=ttyAMA0", false, 0, 0, 0},
	    {"cma=64M", true, 64ULL << 20, 0, 0},
	    {"cma=0", true, 0, 0, 0},
	    {"cma=banana", true, 0, 0, 0},
	    {"cma=64M@0x90000000", true, 64ULL << 20, 0x90000000, 0x94000000},
	    {"cma=64M@2G-3G", true, 64ULL << 20, 2ULL << 30, 3ULL << 30},
	    {"cma=64M@0x90000000 cma=32M", true, 32ULL << 20, 0x90000000, 0x94000000},
	    /* a suffix with no digit is 0 and consumed (lib/cmdline.c memparse()) */
	    {"cma=64M@M-0xa0000000", true, 64ULL << 20, 0, 0xa0000000},
	    {"cma=M@0x90000000", true, 0, 0x90000000, 0x90000000},
	    {"cma", false, 0, 0, 0},
	};
	struct vml_host_error err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg;

		vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
		CHECK_EQ_INT(vml_cmdline_parse(cases[i].line, &cfg, &err), 0);
		CHECK_EQ_INT(cfg.cma_arg_set, cases[i].set);
		CHECK_EQ_U64(cfg.cma_arg_size, cases[i].size);
		CHECK_EQ_U64(cfg.cma_arg_base, cases[i].base);
		CHECK_EQ_U64(cfg.cma_arg_limit, cases[i].limit);
	}
}

/* A bare early word reaches its handler with val = NULL (parse_args()):
 * "cma" and "numa" refuse it (init/main.c do_early_param() warns), each
 * recorded in order with the mem= words before it; a bare "crashkernel",
 * "memblock" or "nr_cpus" is taken quietly, and "cma=" (empty, not NULL)
 * is a size of 0. */
static void test_cmdline_early_words(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	CHECK_EQ_INT(
	    vml_cmdline_parse("cma mem=1G numa crashkernel memblock nr_cpus cma= cma", &cfg, &err),
	    0);
	CHECK_EQ_INT((int)cfg.n_early_words, 3);
	CHECK_EQ_INT(cfg.early_words[0], VML_EARLY_BARE_CMA);
	CHECK_EQ_INT(cfg.early_words_mem_before[0], 0);
	CHECK_EQ_INT(cfg.early_words[1], VML_EARLY_BARE_NUMA);
	CHECK_EQ_INT(cfg.early_words_mem_before[1], 1);
	CHECK_EQ_INT(cfg.early_words[2], VML_EARLY_BARE_CMA);
	CHECK_EQ_INT(cfg.early_words_mem_before[2], 1);
	/* cma= gave size 0; the bare cma after it changes nothing */
	CHECK(cfg.cma_arg_set);
	CHECK_EQ_U64(cfg.cma_arg_size, 0);
	/* a new command line starts empty */
	CHECK_EQ_INT(vml_cmdline_parse("quiet", &cfg, &err), 0);
	CHECK_EQ_INT((int)cfg.n_early_words, 0);
}

/* cmdline_parse_hugetlb_cma() (mm/hugetlb.c v6.1, v6.12): a decimal
 * number then ':' is a node with its memparse() size, ',' goes on; else the
 * whole value is one size; no leading digit, nothing. */
static void test_cmdline_hugetlb_cma(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err;
	const struct vml_hugetlb_cma_arg *a = cfg.hugetlb_cma;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	CHECK_EQ_INT(vml_cmdline_parse("hugetlb_cma=1G hugetlb_cma=0:2G,3:1G hugetlb_cma=M "
				       "hugetlb_cma=0x40000000 hugetlb_cma=0:1G,2G",
				       &cfg, &err),
		     0);
	CHECK_EQ_INT((int)cfg.n_hugetlb_cma, 6);
	CHECK_EQ_INT((int)cfg.n_hugetlb_cma_words, 5);
	CHECK(!a[0].node);
	CHECK_EQ_U64(a[0].size, 1ULL << 30);
	CHECK(a[1].node && a[2].node);
	CHECK_EQ_U64(a[1].nid, 0);
	CHECK_EQ_U64(a[1].size, 2ULL << 30);
	CHECK_EQ_U64(a[2].nid, 3);
	CHECK_EQ_INT((int)a[2].word, 1);
	/* "M": sscanf() finds no number; "0x40000000": 0 then 'x', a plain size */
	CHECK(!a[3].node);
	CHECK_EQ_U64(a[3].size, 1ULL << 30);
	CHECK_EQ_INT((int)a[3].word, 3);
	/* "0:1G,2G": the plain size is memparse() of the whole value: 0 */
	CHECK(a[4].node && !a[5].node);
	CHECK_EQ_U64(a[5].size, 0);
	CHECK_EQ_INT(vml_cmdline_parse("quiet", &cfg, &err), 0);
	CHECK_EQ_INT((int)cfg.n_hugetlb_cma, 0);
}

/* The raw line is kept for parse_crashkernel() (quotes and all), the
 * "crashkernel" word is noted (arm64 v6.1's crash_mem_map, any value), and
 * the memory parameters vmlayout does not model are recorded. */
static void test_cmdline_crashkernel_and_unmodelled(void)
{
	static char longline[3000];
	struct vml_kernel_config cfg;
	struct vml_host_error err;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	CHECK_EQ_INT(vml_cmdline_parse("  ro crashkernel=\"256M\" swiotlb=1024 hugepagesz=1G "
				       "memmap=1G kfence.sample_interval=0 -- kernelcore=1G",
				       &cfg, &err),
		     0);
	CHECK_EQ_STR(cfg.boot_command_line, "  ro crashkernel=\"256M\" swiotlb=1024 hugepagesz=1G "
					    "memmap=1G kfence.sample_interval=0 -- kernelcore=1G");
	CHECK(cfg.crashkernel_param);
	CHECK_EQ_U64(cfg.cmdline_unmodelled,
		     VML_CMDLINE_SWIOTLB | VML_CMDLINE_HUGEPAGES | VML_CMDLINE_MEMMAP);
	/* kfence.sample_interval= is read (include/vmlayout/kfence.h) */
	CHECK(cfg.kfence_interval_arg_set && cfg.kfence_interval_arg == 0);
	CHECK(cfg.kfence_early_arg_set && !cfg.kfence_early_arg);
	/* parameq(): '-' and '_' are the same in a parameter's name */
	CHECK_EQ_INT(vml_cmdline_parse("debug-pagealloc=on nr-cpus=3 kfence.sample-interval=0x10 "
				       "hugetlb-cma=1G",
				       &cfg, &err),
		     0);
	CHECK(cfg.debug_pagealloc_param && cfg.debug_pagealloc);
	CHECK_EQ_INT(cfg.nr_cpus_arg, 3);
	CHECK(cfg.kfence_interval_arg_set && cfg.kfence_interval_arg == 16);
	CHECK_EQ_INT(cfg.n_hugetlb_cma, 1);
	CHECK_EQ_STR(cfg.boot_command_line,
		     "debug-pagealloc=on nr-cpus=3 kfence.sample-interval=0x10 hugetlb-cma=1G");
	CHECK(!cfg.cmdline_truncated);
	CHECK_EQ_INT(vml_cmdline_parse("crashkernel", &cfg, &err), 0);
	CHECK(cfg.crashkernel_param);
	CHECK_EQ_U64(cfg.cmdline_unmodelled, 0);
	CHECK_EQ_INT(vml_cmdline_parse("xcrashkernel=1G", &cfg, &err), 0);
	CHECK(!cfg.crashkernel_param); /* the early_param is the word's name */
	memset(longline, 'a', sizeof(longline) - 1);
	CHECK_EQ_INT(vml_cmdline_parse(longline, &cfg, &err), 0);
	CHECK(cfg.cmdline_truncated);
	CHECK_EQ_U64(strlen(cfg.boot_command_line), VML_COMMAND_LINE_SIZE - 1);
	/* arm and riscv64 keep 1023 characters (COMMAND_LINE_SIZE 1024, their
	 * asm/setup.h): a mem= past them is not there for the kernel */
	memset(longline, 'a', 1020);
	strcpy(longline + 1020, " mem=256M");
	for (int a = 0; a < 3; a++) {
		const enum vml_arch arch[] = {VML_ARCH_ARM, VML_ARCH_RISCV64, VML_ARCH_ARM64};

		vml_kernel_config_init(&cfg, arch[a]);
		CHECK_EQ_INT(vml_cmdline_parse(longline, &cfg, &err), 0);
		CHECK(cfg.cmdline_truncated == (arch[a] != VML_ARCH_ARM64));
		CHECK_EQ_INT(cfg.n_mem_args, arch[a] == VML_ARCH_ARM64 ? 1 : 0);
		CHECK_EQ_U64(strlen(cfg.boot_command_line),
			     arch[a] == VML_ARCH_ARM64 ? 1029 : 1023);
	}
}

int main(void)
{
	RUN_TEST(test_memparse_table);
	RUN_TEST(test_size_at_base);
	RUN_TEST(test_size_at_base_bad);
	RUN_TEST(test_cmdline_all_parameters);
	RUN_TEST(test_cmdline_replaces_previous);
	RUN_TEST(test_cmdline_quotes_and_end);
	RUN_TEST(test_cmdline_bad);
	RUN_TEST(test_cmdline_rodata);
	RUN_TEST(test_cmdline_rodata_limits);
	RUN_TEST(test_cmdline_nr_cpus);
	RUN_TEST(test_cmdline_cma);
	RUN_TEST(test_cmdline_early_words);
	RUN_TEST(test_cmdline_hugetlb_cma);
	RUN_TEST(test_cmdline_crashkernel_and_unmodelled);
	return CHECK_DONE("test_cmdline");
}

/* SPDX-License-Identifier: MIT */
/* The .config reader and --set: fixtures in tests/host/data (run from the
 * repository root). */
#include <string.h>

#include "check.h"
#include "vmlayout/host_input.h"

#define DATA "tests/host/data/"

static void test_kconfig_arm_file(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	cfg.zone_dma = true; /* not in the file: reset to n */
	CHECK_EQ_INT(vml_cmdline_parse("vmalloc=400M", &cfg, &err), 0);
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "arm-6.1.config", &cfg, &err), 0);
	CHECK_EQ_STR(err.msg, "");
	CHECK_EQ_INT(cfg.arch, VML_ARCH_ARM);
	CHECK_EQ_INT(cfg.vmsplit, 3);
	CHECK(cfg.page_offset_set);
	CHECK_EQ_U64(cfg.page_offset, 0xC0000000);
	CHECK(cfg.arm_patch_phys_virt && cfg.highmem && cfg.arm_lpae && cfg.cma && cfg.modules);
	CHECK(!cfg.thumb2_kernel && !cfg.zone_dma && !cfg.have_tcm && !cfg.vipt_aliasing);
	CHECK_EQ_INT(cfg.memmodel, VML_FLATMEM);
	CHECK_EQ_U64(cfg.cma_size_mbytes, 64);
	CHECK_EQ_INT(cfg.reclaim, VML_RECLAIM_NONE);
	CHECK_EQ_U64(cfg.page_size, 0x1000);
	CHECK_EQ_U64(cfg.text_offset, 0x8000);
	CHECK(cfg.vmalloc_set); /* the command line is not the .config's */
	CHECK_EQ_U64(cfg.vmalloc_size, 400ULL << 20);
}

static void test_kconfig_file_selects_arch(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_NONE);
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "arm64-6.1.config", &cfg, &err), 0);
	CHECK_EQ_INT(cfg.arch, VML_ARCH_ARM64);
	CHECK_EQ_U64(cfg.page_size, 0x4000);
	CHECK_EQ_INT(cfg.va_bits, 47);
	CHECK_EQ_INT(cfg.pa_bits, 48);
	CHECK_EQ_INT(cfg.pgtable_levels, 3);
	CHECK(cfg.randomize_base && cfg.sparsemem_vmemmap && cfg.zone_dma);
	CHECK_EQ_INT(cfg.memmodel, VML_SPARSEMEM);
	CHECK(!cfg.modules); /* absent from a complete .config: n */
	CHECK_EQ_U64(cfg.text_offset, 0);

	vml_kernel_config_init(&cfg, VML_ARCH_NONE);
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "arm-6.1.config", &cfg, &err), 0);
	CHECK_EQ_INT(cfg.arch, VML_ARCH_ARM);
	CHECK_EQ_U64(cfg.text_offset, 0x8000); /* the arm default comes with the arch */
	CHECK_EQ_U64(cfg.page_size, 0x1000);

	vml_kernel_config_init(&cfg, VML_ARCH_NONE);
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "riscv64.config", &cfg, &err), 0);
	CHECK_EQ_INT(cfg.arch, VML_ARCH_RISCV64);
	CHECK_EQ_INT(cfg.va_bits, 39);
	CHECK_EQ_INT(cfg.pgtable_levels, 5);
	CHECK(cfg.modules);
}

struct kconfig_bad_file {
	const char *path;
	enum vml_arch arch;
	int rc;
	const char *msg;
};

static void test_kconfig_bad_files(void)
{
	static const struct kconfig_bad_file cases[] = {
	    {DATA "bad-page-offset.config", VML_ARCH_ARM, VML_EINVAL,
	     DATA "bad-page-offset.config:3: CONFIG_PAGE_OFFSET=zzz: PAGE_OFFSET is a hex "
		  "option; want a value like 0xC0000000"},
	    {DATA "bad-line.config", VML_ARCH_ARM, VML_EINVAL,
	     DATA "bad-line.config:4: CONFIG_HIGHMEM: not an option assignment (want "
		  "CONFIG_NAME=VALUE)"},
	    {DATA "riscv32.config", VML_ARCH_NONE, VML_EINVAL,
	     DATA "riscv32.config: CONFIG_RISCV=y without CONFIG_64BIT=y: vmlayout models "
		  "64-bit RISC-V only"},
	    {DATA "arm64-6.1.config", VML_ARCH_ARM, VML_EINVAL,
	     DATA "arm64-6.1.config: the kernel configuration is for arm64 but the arch is "
		  "already arm"},
	    {DATA "missing.config", VML_ARCH_ARM, VML_ENOENT,
	     DATA "missing.config: cannot open: No such file or directory"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg, before;
		struct vml_host_error err = {""};

		vml_kernel_config_init(&cfg, cases[i].arch);
		before = cfg;
		CHECK_EQ_INT(vml_kconfig_load_file(cases[i].path, &cfg, &err), cases[i].rc);
		CHECK_EQ_STR(err.msg, cases[i].msg);
		CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0);
	}
}

static void test_kconfig_set(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CONFIG_VMSPLIT_2G=y", &err), 0);
	CHECK_EQ_INT(cfg.vmsplit, 2);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "VMSPLIT_1G=n", &err), 0); /* not the selected one */
	CHECK_EQ_INT(cfg.vmsplit, 2);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "VMSPLIT_2G=n", &err), 0); /* back to the default */
	CHECK_EQ_INT(cfg.vmsplit, 0);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "PAGE_OFFSET=0x80000000", &err), 0);
	CHECK(cfg.page_offset_set);
	CHECK_EQ_U64(cfg.page_offset, 0x80000000);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CONFIG_PHYS_OFFSET=80000000", &err), 0); /* bare hex */
	CHECK_EQ_U64(cfg.phys_offset, 0x80000000);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "HIGHMEM=n", &err), 0);
	CHECK(!cfg.highmem);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "VIPT_ALIASING=y", &err), 0);
	CHECK(cfg.vipt_aliasing);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "ENABLE_VMALLOC_SAVING=y", &err), 0);
	CHECK_EQ_INT(cfg.reclaim, VML_RECLAIM_VMALLOC_SAVING);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "DONT_MAP_HOLE_AFTER_MEMBANK0=y", &err), 0);
	CHECK_EQ_INT(cfg.reclaim, VML_RECLAIM_DONT_MAP_HOLE);
	/* the per-CPU first chunk's options */
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "NR_CPUS=8", &err), 0);
	CHECK_EQ_INT(cfg.nr_cpus, 8);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "NR_CPUS=0", &err), VML_EINVAL);
	CHECK_EQ_INT(cfg.nr_cpus, 8);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "ARM_L1_CACHE_SHIFT=5", &err), 0);
	CHECK_EQ_INT(cfg.arm_l1_cache_shift, 5);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "MEM_ALLOC_PROFILING=y", &err), 0);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "RANDOM_KMALLOC_CACHES=y", &err), 0);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "PERCPU_STATS=y", &err), 0);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "LOCKDEP=y", &err), 0);
	CHECK(cfg.mem_alloc_profiling && cfg.random_kmalloc_caches && cfg.percpu_stats &&
	      cfg.lockdep);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "ZONE_DMA_SIZE=256M", &err), 0);
	CHECK_EQ_U64(cfg.zone_dma_size, 256ULL << 20);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CMA_SIZE_MBYTES=32", &err), 0);
	CHECK_EQ_U64(cfg.cma_size_mbytes, 32);
	/* --set of a name vmlayout does not model is an error (a .config skips
	 * it), with the closest known name when one is close. */
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CONFIG_LOCALVERSION=\"-arm\"", &err), -1);
	CHECK(strstr(err.msg, "LOCALVERSION is not an option vmlayout models") != NULL);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "VMSLPIT_2G=y", &err), -1);
	CHECK(strstr(err.msg, "did you mean VMSPLIT_2G?") != NULL);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CONFIG_ARM=y", &err), 0); /* same arch: fine */
	CHECK_EQ_INT(cfg.arch, VML_ARCH_ARM);
}

static void test_kconfig_set_selects_arch(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_NONE);
	CHECK_EQ_INT(vml_cmdline_parse("mem=256M", &cfg, &err), 0);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "RISCV=y", &err), 0);
	CHECK_EQ_INT(cfg.arch, VML_ARCH_RISCV64);
	CHECK_EQ_INT(cfg.va_bits, 39);	 /* vml_kernel_config_init(riscv64) */
	CHECK_EQ_INT(cfg.n_mem_args, 1); /* the command line is kept */
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "VA_BITS=48", &err), 0);
	CHECK_EQ_INT(cfg.va_bits, 48);
}

struct kconfig_bad_set {
	const char *text;
	const char *msg;
};

static void test_kconfig_set_bad(void)
{
	static const struct kconfig_bad_set cases[] = {
	    {"HIGHMEM=m", "--set HIGHMEM=m: HIGHMEM is a bool option; want y or n"},
	    {"=y", "--set =y: not an option assignment (want CONFIG_NAME=VALUE)"},
	    {"PAGE_OFFSET", "--set PAGE_OFFSET: not an option assignment (want "
			    "CONFIG_NAME=VALUE)"},
	    {"PAGE_OFFSET=0xC000_0000",
	     "--set PAGE_OFFSET=0xC000_0000: PAGE_OFFSET is a hex option; want a value like "
	     "0xC0000000"},
	    {"ARM64_VA_BITS=40",
	     "--set ARM64_VA_BITS=40: ARM64_VA_BITS takes 36, 39, 42, 47, 48 or 52"},
	    {"VA_BITS=32", "--set VA_BITS=32: VA_BITS takes 39, 48 or 57 (riscv64's; arm64's VA "
			   "size is ARM64_VA_BITS)"},
	    {"CPU_PA_BITS=60", "--set CPU_PA_BITS=60: CPU_PA_BITS is out of range: want 32 to 52"},
	    {"CMA_SIZE_MBYTES=-1",
	     "--set CMA_SIZE_MBYTES=-1: CMA_SIZE_MBYTES is a decimal option; want a value like "
	     "16"},
	    {"VMSPLIT_2G=yes", "--set VMSPLIT_2G=yes: VMSPLIT_2G is a choice member; want y or n"},
	    {"ZONE_DMA_SIZE=lots",
	     "--set ZONE_DMA_SIZE=lots: ZONE_DMA_SIZE is a size option; want a value like 256M"},
	    {"CONFIG_CMDLINE=\"console", "--set CONFIG_CMDLINE=\"console: the quoted value has "
					 "no closing quote"},
	    {"ARM64=y", "--set ARM64=y: the kernel configuration is for arm64 but the arch is "
			"already arm"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_config cfg, before;
		struct vml_host_error err = {""};

		vml_kernel_config_init(&cfg, VML_ARCH_ARM);
		before = cfg;
		CHECK_EQ_INT(vml_kconfig_set(&cfg, cases[i].text, &err), VML_EINVAL);
		CHECK_EQ_STR(err.msg, cases[i].msg);
		CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0);
	}
}

static void test_config_init_defaults(void)
{
	struct vml_kernel_config cfg;

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	CHECK(cfg.highmem && cfg.arm_patch_phys_virt && cfg.modules && !cfg.cma);
	CHECK(!cfg.page_offset_set && !cfg.vipt_aliasing);
	CHECK_EQ_INT(cfg.vmsplit, 3);
	CHECK_EQ_U64(cfg.page_size, 0x1000);
	CHECK_EQ_U64(cfg.text_offset, 0x8000);
	CHECK_EQ_INT(cfg.memmodel, VML_FLATMEM);
	vml_kernel_config_init(&cfg, VML_ARCH_ARM64);
	CHECK_EQ_INT(cfg.va_bits, 48);
	CHECK_EQ_U64(cfg.page_size, 0x1000);
	vml_kernel_config_init(&cfg, VML_ARCH_RISCV64);
	CHECK_EQ_INT(cfg.va_bits, 39);
	vml_kernel_config_init(&cfg, VML_ARCH_NONE);
	CHECK_EQ_U64(cfg.page_size, 0);
}

/* CONFIG_CMDLINE (Kconfig's escapes undone) and the command-line type
 * choice; a later .config without them resets both */
static void test_kconfig_cmdline(void)
{
	struct vml_kernel_config cfg;
	struct vml_host_error err = {""};

	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "arm-cmdline.config", &cfg, &err), 0);
	CHECK_EQ_STR(err.msg, "");
	CHECK_EQ_STR(cfg.builtin_cmdline, "console=ttyS0 x=\"a b\" y=c:\\d mem=512M");
	CHECK_EQ_INT(cfg.cmdline_type, VML_CMDLINE_TYPE_FORCE);
	/* --set: unquoted, backslashes kept; the choice moves, n on the
	 * selected member returns to the default */
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CMDLINE=vmalloc=400M a\\b", &err), 0);
	CHECK_EQ_STR(cfg.builtin_cmdline, "vmalloc=400M a\\b");
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CONFIG_CMDLINE_EXTEND=y", &err), 0);
	CHECK_EQ_INT(cfg.cmdline_type, VML_CMDLINE_TYPE_EXTEND);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CMDLINE_FORCE=n", &err), 0);
	CHECK_EQ_INT(cfg.cmdline_type, VML_CMDLINE_TYPE_EXTEND);
	CHECK_EQ_INT(vml_kconfig_set(&cfg, "CMDLINE_EXTEND=n", &err), 0);
	CHECK_EQ_INT(cfg.cmdline_type, VML_CMDLINE_TYPE_DEFAULT);
	CHECK(vml_kconfig_set(&cfg, "CMDLINE_FORCE=1", &err) != 0);
	CHECK_EQ_STR(err.msg,
		     "--set CMDLINE_FORCE=1: CMDLINE_FORCE is a choice member; want y or n");
	CHECK(vml_kconfig_set(&cfg, "CMDLIN=x", &err) != 0);
	CHECK_EQ_STR(
	    err.msg,
	    "--set CMDLIN=x: CMDLIN is not an option vmlayout models; did you mean CMDLINE?");
	CHECK_EQ_INT(vml_kconfig_load_file(DATA "arm-6.1.config", &cfg, &err), 0);
	CHECK_EQ_STR(cfg.builtin_cmdline, "");
	CHECK_EQ_INT(cfg.cmdline_type, VML_CMDLINE_TYPE_DEFAULT);
}

int main(void)
{
	RUN_TEST(test_kconfig_arm_file);
	RUN_TEST(test_kconfig_file_selects_arch);
	RUN_TEST(test_kconfig_bad_files);
	RUN_TEST(test_kconfig_set);
	RUN_TEST(test_kconfig_set_selects_arch);
	RUN_TEST(test_kconfig_set_bad);
	RUN_TEST(test_config_init_defaults);
	RUN_TEST(test_kconfig_cmdline);
	return CHECK_DONE("test_kconfig");
}

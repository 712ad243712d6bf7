/* SPDX-License-Identifier: MIT */
/*
 * boot_command_line from the bootloader's line and CONFIG_CMDLINE, each
 * expectation read off the kernel's code: drivers/of/fdt.c
 * early_init_dt_scan_chosen() (v6.1 and v6.12 the same; v3.4 without the
 * CMDLINE_EXTEND case), arch/arm/kernel/atags_parse.c parse_tag_cmdline()
 * (v6.1; arch/arm/kernel/setup.c v3.4), and which "Kernel command line
 * type" members each arch's Kconfig has.
 */
#include "check.h"
#include "vmlayout/boot_command_line.h"

static char out[64];

static int join(enum vml_arch arch, enum vml_cmdline_type t, const char *builtin,
		const char *bootloader, bool atags, unsigned int major)
{
	struct vml_kernel_config cfg;
	const struct vml_cmdline_sources src = {bootloader, atags, major};
	const char *rule;
	int flags;

	vml_kernel_config_init(&cfg, arch);
	cfg.cmdline_type = t;
	snprintf(cfg.builtin_cmdline, sizeof(cfg.builtin_cmdline), "%s", builtin);
	flags = vml_boot_command_line(&cfg, &src, out, sizeof(out), &rule);
	CHECK((flags < 0) == (rule != NULL));
	return flags;
}

enum { USED = VML_BOOT_CMDLINE_BUILTIN_USED };

static void test_dt_boot(void)
{
	const enum vml_arch arches[] = {VML_ARCH_ARM, VML_ARCH_ARM64, VML_ARCH_RISCV64};

	for (unsigned int i = 0; i < 3; i++) {
		const enum vml_arch a = arches[i];

		/* the bootloader's line when it gave one, else CONFIG_CMDLINE */
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", "quiet", false, 6), 0);
		CHECK_EQ_STR(out, "quiet");
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", "", false, 6), USED);
		CHECK_EQ_STR(out, "mem=1G");
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", NULL, false, 6), USED);
		CHECK_EQ_STR(out, "mem=1G");
		/* an empty CONFIG_CMDLINE (Debian's) takes no part */
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_DEFAULT, "", NULL, false, 6), 0);
		CHECK_EQ_STR(out, "");
		/* CMDLINE_FORCE: CONFIG_CMDLINE alone */
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_FORCE, "mem=1G", "quiet", false, 6), USED);
		CHECK_EQ_STR(out, "mem=1G");
		CHECK_EQ_INT(join(a, VML_CMDLINE_TYPE_FORCE, "", "quiet", false, 6), 0);
		CHECK_EQ_STR(out, "");
	}
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_FROM_BOOTLOADER, "a", "b", false, 6), 0);
	CHECK_EQ_STR(out, "b");
	CHECK_EQ_INT(join(VML_ARCH_RISCV64, VML_CMDLINE_TYPE_FALLBACK, "a", "", false, 6), USED);
	CHECK_EQ_STR(out, "a");
}

static void test_dt_extend(void)
{
	/* v6.x: strlcat(" "), strlcat(CONFIG_CMDLINE), also after nothing */
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", "quiet", false, 6),
		     USED);
	CHECK_EQ_STR(out, "quiet mem=1G");
	CHECK_EQ_INT(join(VML_ARCH_RISCV64, VML_CMDLINE_TYPE_EXTEND, "mem=1G", NULL, false, 6),
		     USED);
	CHECK_EQ_STR(out, " mem=1G");
	/* v3.4: no EXTEND case for a DT: the bootargs alone, CONFIG_CMDLINE
	 * when they are empty */
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", "quiet", false, 3),
		     VML_BOOT_CMDLINE_EXTEND_UNUSED);
	CHECK_EQ_STR(out, "quiet");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", "", false, 3), USED);
	CHECK_EQ_STR(out, "mem=1G");
}

static void test_atags(void)
{
	/* default_command_line starts as CONFIG_CMDLINE; an ATAG_CMDLINE
	 * replaces it, follows it (EXTEND) or is ignored (FORCE) */
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", NULL, true, 3), USED);
	CHECK_EQ_STR(out, "mem=1G");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", "quiet", true, 3), 0);
	CHECK_EQ_STR(out, "quiet");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_DEFAULT, "mem=1G", "", true, 6), 0);
	CHECK_EQ_STR(out, "");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", "quiet", true, 6), USED);
	CHECK_EQ_STR(out, "mem=1G quiet");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", "quiet", true, 3), USED);
	CHECK_EQ_STR(out, "mem=1G quiet");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_FORCE, "mem=1G", "quiet", true, 6),
		     USED | VML_BOOT_CMDLINE_TAG_IGNORED);
	CHECK_EQ_STR(out, "mem=1G");
	/* no tag, nothing to ignore */
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_FORCE, "mem=1G", NULL, true, 6), USED);
}

static void test_types_per_arch(void)
{
	CHECK_EQ_INT(join(VML_ARCH_ARM64, VML_CMDLINE_TYPE_EXTEND, "a", "b", false, 6), VML_EINVAL);
	CHECK_EQ_STR(out, "");
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_FALLBACK, "a", "b", false, 6), VML_EINVAL);
	CHECK_EQ_INT(join(VML_ARCH_ARM64, VML_CMDLINE_TYPE_FALLBACK, "a", "b", false, 6),
		     VML_EINVAL);
	CHECK_EQ_INT(join(VML_ARCH_RISCV64, VML_CMDLINE_TYPE_FROM_BOOTLOADER, "a", "b", false, 6),
		     VML_EINVAL);
	CHECK_EQ_INT(join(VML_ARCH_ARM64, VML_CMDLINE_TYPE_FORCE, "a", "b", false, 6), USED);
}

static void test_cut(void)
{
	char longer[80];

	for (unsigned int i = 0; i < sizeof(longer) - 1; i++)
		longer[i] = (char)('a' + i % 26);
	longer[sizeof(longer) - 1] = '\0';
	/* the first cap - 1 characters of the whole join */
	CHECK_EQ_INT(join(VML_ARCH_ARM, VML_CMDLINE_TYPE_EXTEND, "mem=1G", longer, false, 6),
		     USED | VML_BOOT_CMDLINE_CUT);
	CHECK_EQ_INT((int)strlen(out), (int)sizeof(out) - 1);
	CHECK(strncmp(out, longer, sizeof(out) - 1) == 0);
}

int main(void)
{
	RUN_TEST(test_dt_boot);
	RUN_TEST(test_dt_extend);
	RUN_TEST(test_atags);
	RUN_TEST(test_types_per_arch);
	RUN_TEST(test_cut);
	return CHECK_DONE("test_boot_command_line");
}

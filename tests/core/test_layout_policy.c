/* SPDX-License-Identifier: MIT */
/*
 * Kernel versions are parsed once (vml_kernel_version_parse) and each
 * profile answers to a declared range of them; the arch table gives each
 * arch's profiles and finds arches by name.
 */
#include "check.h"
#include "vmlayout/arch.h"
#include "vmlayout/board.h"
#include "vmlayout/layout_policy.h"

#include <string.h>

static void test_version_parse(void)
{
	struct vml_kernel_version v;

	CHECK(vml_kernel_version_parse("6.12", &v));
	CHECK_EQ_INT(v.major, 6);
	CHECK_EQ_INT(v.minor, 12);
	CHECK(vml_kernel_version_parse("6.1.0-57-arm64", &v));
	CHECK_EQ_INT(v.minor, 1);
	CHECK(vml_kernel_version_parse("3.4.113", &v));
	CHECK_EQ_INT(v.major, 3);
	CHECK(!vml_kernel_version_parse("6", &v));
	CHECK(!vml_kernel_version_parse("6.", &v));
	CHECK(!vml_kernel_version_parse("6.x", &v));
	CHECK(!vml_kernel_version_parse("6.12x", &v));
	CHECK(!vml_kernel_version_parse("msm-3.4", &v));
	CHECK(!vml_kernel_version_parse("", &v));
	CHECK(!vml_kernel_version_parse(NULL, &v));
	CHECK(!vml_kernel_version_parse("6.1234567", &v)); /* no silent overflow */
}

static const char *profile_of(enum vml_arch arch, const char *version)
{
	const struct vml_layout_policy *p = vml_layout_policy_find(arch, version);

	return p ? p->profile : "(none)";
}

static void test_ranges(void)
{
	CHECK(!strcmp(profile_of(VML_ARCH_ARM, "3.4.0"), "3.4"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM, "msm-3.4"), "3.4"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM, "6.18.2"), "6.1"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM, "6.19"), "(none)"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM, "5.10"), "(none)"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM64, "6.8"), "6.1"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM64, "6.9"), "6.12"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM64, "6.15.3"), "6.12"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM64, "6.16"), "6.18"));
	CHECK(!strcmp(profile_of(VML_ARCH_ARM64, "msm-3.4"), "(none)"));
	CHECK(!strcmp(profile_of(VML_ARCH_RISCV64, "5.10.4"), "5.10"));
	CHECK(!strcmp(profile_of(VML_ARCH_RISCV64, "6.13"), "(none)"));
}

static void test_arch_table(void)
{
	CHECK(vml_arch_find_name("arm64") == vml_arch_find(VML_ARCH_ARM64));
	CHECK(vml_arch_find_name("x86") == NULL);
	CHECK(!strcmp(vml_arch_name(VML_ARCH_RISCV64), "riscv64"));
	CHECK(!strcmp(vml_arch_name(VML_ARCH_NONE), "none"));
	/* every arch lists profiles oldest first, each range after the last */
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++) {
		unsigned long prev = 0;

		CHECK((*a)->policies[0] != NULL);
		CHECK((*a)->pt_family != NULL);
		for (const struct vml_layout_policy *const *p = (*a)->policies; *p; p++) {
			unsigned long first = (*p)->first.major << 16 | (*p)->first.minor;
			unsigned long last = (*p)->last.major << 16 | (*p)->last.minor;

			CHECK((*p)->arch == (*a)->id);
			CHECK(first <= last);
			CHECK(first > prev);
			prev = last;
		}
	}
}

static void test_config_init_profile(void)
{
	struct vml_kernel_config cfg;

	CHECK_EQ_INT(vml_kernel_config_init_profile(&cfg, VML_ARCH_ARM, "3.4"), 0);
	CHECK(!strcmp(cfg.profile, "3.4"));
	CHECK(cfg.highmem); /* the arm defaults came with it */
	CHECK_EQ_INT(vml_kernel_config_init_profile(&cfg, VML_ARCH_ARM64, "6.12.3"), 0);
	CHECK(!strcmp(cfg.profile, "6.12.3"));
	CHECK_EQ_INT(cfg.va_bits, 48);
	CHECK_EQ_INT(vml_kernel_config_init_profile(&cfg, VML_ARCH_ARM64, "3.4"), VML_ENOTSUP);
	CHECK(cfg.profile[0] == '\0');
	CHECK_EQ_INT(vml_kernel_config_init_profile(&cfg, VML_ARCH_ARM, "6.1.0-57-armmp-lpae-x"),
		     VML_ENOTSUP); /* longer than the profile field: refused, not cut */
}

/* alloc_reserved_mem_array() (drivers/of/of_reserved_mem.c v6.12): one
 * struct reserved_mem per counted /reserved-memory child: each with a
 * "reg" (the DT reader counts nodes, not reg entries: tests/host/test_dt.c)
 * and each dynamic one placed; no /reserved-memory or none counted: no
 * allocation. */
static void test_reserved_mem_array_bytes(void)
{
	static struct vml_board b;

	vml_board_init(&b);
	CHECK_EQ_U64(vml_of_reserved_mem_array_bytes(&b, 0, 48), 0);
	b.n_reserved_reg_nodes = 3;
	CHECK_EQ_U64(vml_of_reserved_mem_array_bytes(&b, 2, 48), 0); /* no /reserved-memory */
	b.has_reserved_memory = true;
	CHECK_EQ_U64(vml_of_reserved_mem_array_bytes(&b, 2, 48), 5 * 48);
	CHECK_EQ_U64(vml_of_reserved_mem_array_bytes(&b, 0, 24), 3 * 24);
	b.n_reserved_reg_nodes = 0;
	CHECK_EQ_U64(vml_of_reserved_mem_array_bytes(&b, 0, 48), 0);
}

int main(void)
{
	RUN_TEST(test_version_parse);
	RUN_TEST(test_ranges);
	RUN_TEST(test_arch_table);
	RUN_TEST(test_config_init_profile);
	RUN_TEST(test_reserved_mem_array_bytes);
	return CHECK_DONE("test_layout_policy");
}

/* SPDX-License-Identifier: MIT */
/* System.map and /proc/kallsyms readers (run from the repository root). */
#include <string.h>

#include "check.h"
#include "vmlayout/host_input.h"

#define DATA "tests/host/data/"

static void test_sysmap_arm(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-arm", &im, &err), 0);
	CHECK(im.known);
	CHECK_EQ_U64(im.text, 0xc0008000);
	CHECK_EQ_U64(im.stext, 0xc0100000);
	CHECK_EQ_U64(im.etext, 0xc0800000);
	CHECK_EQ_U64(im.start_rodata, 0xc0900000);
	CHECK_EQ_U64(im.end_rodata, 0xc0a00000);
	CHECK_EQ_U64(im.init_begin, 0xc0b00000);
	CHECK_EQ_U64(im.init_end, 0xc0c00000);
	CHECK_EQ_U64(im.sdata, 0xc0c00000);
	CHECK_EQ_U64(im.edata, 0xc0d00000);
	CHECK_EQ_U64(im.bss_start, 0xc0d00000);
	CHECK_EQ_U64(im.bss_stop, 0xc0d80000);
	CHECK_EQ_U64(im.end, 0xc0d80000);
	CHECK_EQ_U64(im.contig_page_data, 0xc0c8a3c0); /* a data symbol, read too */
	/* __per_cpu_end - __per_cpu_start: the per-CPU static size */
	CHECK(im.per_cpu_known);
	CHECK_EQ_U64(im.per_cpu_size, 45012);
}

/* One of the two: no static size. */
static void test_sysmap_per_cpu_half(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-percpu-half", &im, &err), 0);
	CHECK(!im.per_cpu_known);
	CHECK_EQ_U64(im.per_cpu_size, 0);
	CHECK_EQ_INT(vml_sysmap_load(DATA "kallsyms-arm64", &im, &err), 0);
	CHECK(!im.per_cpu_known);
}

static void test_sysmap_kallsyms_skips_modules(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "kallsyms-arm64", &im, &err), 0);
	CHECK_EQ_U64(im.text, 0xffff800008000000);
	CHECK_EQ_U64(im.bss_start, 0xffff800009e00000); /* not the module's */
	CHECK_EQ_U64(im.end, 0xffff800009f00000);
	/* _end - _text = 0x1f00000 = 31 MiB of image. */
	CHECK_EQ_U64(im.end - im.text, 31ULL << 20);
	CHECK_EQ_U64(im.contig_page_data, 0); /* not in this file: 0 */
}

/* Debian 13's riscv64 6.12.117 (KALLSYMS_ALL: the section symbols are in
 * /proc/kallsyms): _data follows .srodata, a 2 MiB step after __end_rodata
 * that is itself 2 MiB aligned; both optional symbols are read. The arm
 * System.map above has neither: 0. */
static void test_sysmap_riscv_data(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "kallsyms-riscv64-debian13", &im, &err), 0);
	CHECK_EQ_U64(im.end_rodata, 0xffffffff81a00000);
	CHECK_EQ_U64(im.data, 0xffffffff81c00000);
	CHECK_EQ_U64(im.init_data_begin, 0xffffffff80e00000);
	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-arm", &im, &err), 0);
	CHECK_EQ_U64(im.data, 0);
	CHECK_EQ_U64(im.init_data_begin, 0);
	CHECK_EQ_U64(im.entry_tramp_text_start, 0);
}

/* arm64's KPTI trampoline text (the recorded Debian 6.1 boards' map). */
static void test_sysmap_arm64_tramp(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-arm64-tramp", &im, &err), 0);
	CHECK_EQ_U64(im.entry_tramp_text_start, 0xffff800009651000);
	CHECK_EQ_U64(im.entry_tramp_text_end, 0xffff800009654000);
}

/* arm64's __inittext_end (the Debian 6.1 -dbg vmlinux's); 0 when absent. */
static void test_sysmap_arm64_inittext_end(void)
{
	struct vml_kernel_image im;
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-arm64-inittext", &im, &err), 0);
	CHECK_EQ_U64(im.inittext_end, 0xffff800009740000);
	CHECK_EQ_INT(vml_sysmap_load(DATA "System.map-arm64-tramp", &im, &err), 0);
	CHECK_EQ_U64(im.inittext_end, 0);
}

struct sysmap_bad {
	const char *path;
	int rc;
	const char *msg;
};

static void test_sysmap_bad(void)
{
	static const struct sysmap_bad cases[] = {
	    {DATA "System.map-no-end", VML_EINVAL,
	     DATA "System.map-no-end: no _end symbol (vmlayout needs _text and _end)"},
	    {DATA "System.map-bad-line", VML_EINVAL,
	     DATA "System.map-bad-line:2: not an \"ADDRESS TYPE NAME\" line"},
	    {DATA "kallsyms-unprivileged", VML_EINVAL,
	     DATA "kallsyms-unprivileged: every address is 0 (a /proc/kallsyms read without "
		  "privilege: read it as root or with kptr_restrict=0)"},
	    {DATA "System.map-reversed", VML_EINVAL,
	     DATA "System.map-reversed: _stext 0xc0d80000 is above _etext 0xc0100000"},
	    {DATA "System.map-end-below-text", VML_EINVAL,
	     DATA "System.map-end-below-text: _end 0xc0004000 is not above _text 0xc0008000"},
	    {DATA "System.map-arm64-tramp-reversed", VML_EINVAL,
	     DATA "System.map-arm64-tramp-reversed: __entry_tramp_text_start 0xffff800009655000 "
		  "is above __entry_tramp_text_end 0xffff800009654000"},
	    {DATA "System.map-percpu-reversed", VML_EINVAL,
	     DATA "System.map-percpu-reversed: __per_cpu_start 0xc0b4afd4 is above "
		  "__per_cpu_end 0xc0b40000"},
	    {DATA "System.map-arm64-inittext-past", VML_EINVAL,
	     DATA "System.map-arm64-inittext-past: __inittext_end 0xffff800009cc0000 is above "
		  "__init_end 0xffff800009cb0000"},
	    {DATA "System.map-missing", VML_ENOENT,
	     DATA "System.map-missing: cannot open: No such file or directory"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vml_kernel_image im, before;
		struct vml_host_error err = {""};

		memset(&im, 0x3c, sizeof(im));
		before = im;
		CHECK_EQ_INT(vml_sysmap_load(cases[i].path, &im, &err), cases[i].rc);
		CHECK_EQ_STR(err.msg, cases[i].msg);
		CHECK(memcmp(&im, &before, sizeof(im)) == 0);
	}
}

int main(void)
{
	RUN_TEST(test_sysmap_arm);
	RUN_TEST(test_sysmap_per_cpu_half);
	RUN_TEST(test_sysmap_kallsyms_skips_modules);
	RUN_TEST(test_sysmap_riscv_data);
	RUN_TEST(test_sysmap_arm64_tramp);
	RUN_TEST(test_sysmap_arm64_inittext_end);
	RUN_TEST(test_sysmap_bad);
	return CHECK_DONE("test_sysmap");
}

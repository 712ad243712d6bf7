/* SPDX-License-Identifier: MIT */
/*
 * The kernel-section fields of the boot log's "Memory:" line
 * (vml_mem_init_section_sizes, mem_init_print_info() in mm/page_alloc.c
 * v6.1): Debian's 6.1.0-57-armmp image (its -dbg System.map, whose line
 * reads "11264K kernel code, 1700K rwdata, 3732K rodata, 2048K init, 377K
 * bss"), then the adj_init_size() rules: .rodata inside .text or .data
 * taken out of it, .init inside .data refused.
 */
#include "check.h"
#include "vmlayout/layout.h"

static struct vml_kernel_image armmp_6_1(void)
{
	struct vml_kernel_image img = {0};

	img.known = true;
	img.text = 0xc0208000;
	img.stext = 0xc0300000;
	img.etext = 0xc0e00000;
	img.start_rodata = 0xc0e00000;
	img.end_rodata = 0xc11a5000;
	img.init_begin = 0xc1200000;
	img.init_end = 0xc1400000;
	img.sdata = 0xc1400000;
	img.edata = 0xc15a9000;
	img.bss_start = 0xc15a9000;
	img.bss_stop = 0xc1607588;
	img.end = 0xc1607588;
	return img;
}

static void test_debian_armmp(void)
{
	struct vml_kernel_image img = armmp_6_1();
	struct vml_mem_init_info m = {0};

	CHECK(vml_mem_init_section_sizes(&img, &m));
	CHECK_EQ_U64(m.code_kb, 11264);
	CHECK_EQ_U64(m.rwdata_kb, 1700);
	CHECK_EQ_U64(m.rodata_kb, 3732);
	CHECK_EQ_U64(m.init_kb, 2048);
	CHECK_EQ_U64(m.bss_kb, 377); /* 0x5e588 bytes: 377.4 KiB, rounded down */
}

static void test_rodata_inside_text_or_data(void)
{
	struct vml_kernel_image img = armmp_6_1();
	struct vml_mem_init_info m = {0};

	/* .rodata starting inside [_stext, _etext): out of the code size */
	img.start_rodata = 0xc0d00000;
	img.end_rodata = 0xc0d80000; /* 512 KiB */
	CHECK(vml_mem_init_section_sizes(&img, &m));
	CHECK_EQ_U64(m.code_kb, 11264 - 512);
	CHECK_EQ_U64(m.rodata_kb, 512);
	CHECK_EQ_U64(m.rwdata_kb, 1700);
	/* ... or inside [_sdata, _edata): out of rwdata */
	img = armmp_6_1();
	img.start_rodata = 0xc1500000;
	img.end_rodata = 0xc1540000; /* 256 KiB */
	CHECK(vml_mem_init_section_sizes(&img, &m));
	CHECK_EQ_U64(m.code_kb, 11264);
	CHECK_EQ_U64(m.rwdata_kb, 1700 - 256);
	/* a section larger than the one it starts in is not subtracted (size > adj) */
	img = armmp_6_1();
	img.start_rodata = 0xc0dff000;
	img.end_rodata = 0xc1e00000;
	CHECK(vml_mem_init_section_sizes(&img, &m));
	CHECK_EQ_U64(m.code_kb, 11264);
}

static void test_init_inside_data_refused(void)
{
	struct vml_kernel_image img = armmp_6_1();
	struct vml_mem_init_info m = {0};

	img.init_begin = 0xc1450000;
	img.init_end = 0xc1460000;
	CHECK(!vml_mem_init_section_sizes(&img, &m));
	CHECK_EQ_U64(m.code_kb, 0); /* nothing set */
}

int main(void)
{
	RUN_TEST(test_debian_armmp);
	RUN_TEST(test_rodata_inside_text_or_data);
	RUN_TEST(test_init_inside_data_refused);
	return CHECK_DONE("test_mem_init_info");
}

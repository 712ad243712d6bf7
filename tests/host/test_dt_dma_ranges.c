/* SPDX-License-Identifier: MIT */
/* of_dma_get_max_cpu_address(NULL) read from .dts fixtures (tests/host/dts,
 * compiled by dtc at test time): every expected value is worked out by hand
 * in the fixture's comment from drivers/of/address.c v6.1 (v6.12: the same
 * code). Run from the repository root. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "vmlayout/host_input.h"

#define DTS "tests/host/dts/"

static void expect_limit(const char *path, uint64_t want)
{
	struct vml_host_error err = {""};
	struct vml_board board;

	CHECK_EQ_INT(vml_dt_load_file(path, &board, &err), 0);
	CHECK(board.has_dma_max_cpu_address);
	CHECK_EQ_U64(board.dma_max_cpu_address, want);
}

/* Nested buses: a translation through the parent's dma-ranges, an empty
 * dma-ranges (1:1, no limit), a disabled subtree left out. */
static void test_dma_ranges_nested(void)
{
	expect_limit(DTS "dma-ranges-nested.dts", 0x2fffffffULL);
}

/* A parent without dma-ranges translates 1:1. */
static void test_dma_ranges_parent_without(void)
{
	expect_limit(DTS "dma-ranges-no-parent-ranges.dts", 0x3fffffffULL);
}

/* OF_BAD_ADDR is not skipped: ~0 + size wraps. */
static void test_dma_ranges_untranslatable(void)
{
	expect_limit(DTS "dma-ranges-untranslatable.dts", 0xffeULL);
}

/* No dma-ranges anywhere: PHYS_ADDR_MAX. */
static void test_dma_ranges_none(void)
{
	expect_limit(DTS "full-2-2.dts", ~0ULL);
}

/* The buses of Debian 12's bcm2711-rpi-4-b.dtb (tests/cli/boards): /soc
 * <0xc0000000 0x0_0 0x40000000> gives 0x3fffffff, the smallest (/emmc2bus
 * the same, /scb/pcie 0xbfffffff). */
static void test_dma_ranges_rpi4(void)
{
	expect_limit("tests/cli/boards/bcm2711-rpi-4-b.dts", 0x3fffffffULL);
}

/* A tree deeper than 64 levels: refused, naming the node and the limit,
 * the board left as it was. */
static void test_dma_ranges_too_deep(void)
{
	char path[] = "/tmp/vml-dma-deep-XXXXXX";
	struct vml_host_error err = {""};
	struct vml_board board;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
	      "memory@0 { device_type = \"memory\"; reg = <0 0x10000000>; };\n",
	      f);
	for (int i = 0; i < 65; i++)
		fputs("n {\n", f);
	for (int i = 0; i < 65; i++)
		fputs("};\n", f);
	fputs("};\n", f);
	fclose(f);
	vml_board_init(&board);
	CHECK_EQ_INT(vml_dt_load_file(path, &board, &err), VML_ERANGE);
	CHECK(strstr(err.msg,
		     "is 65 levels deep; vmlayout reads dma-ranges 64 levels deep at most") !=
	      NULL);
	CHECK_EQ_INT((int)board.n_memory, 0);
	unlink(path);
}

int main(void)
{
	RUN_TEST(test_dma_ranges_nested);
	RUN_TEST(test_dma_ranges_parent_without);
	RUN_TEST(test_dma_ranges_untranslatable);
	RUN_TEST(test_dma_ranges_none);
	RUN_TEST(test_dma_ranges_rpi4);
	RUN_TEST(test_dma_ranges_too_deep);
	return CHECK_DONE("test_dt_dma_ranges");
}

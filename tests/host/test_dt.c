/* SPDX-License-Identifier: MIT */
/* The device tree reader: .dts fixtures in tests/host/dts (compiled by dtc
 * at test time), blobs cut or corrupted here, and the rules of
 * drivers/of/fdt.c v6.1. Run from the repository root. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "vmlayout/host_input.h"

#define DTS "tests/host/dts/"

static struct vml_board board, sentinel;

/* A board that no loader would produce, to see that failures leave it alone. */
static void board_sentinel(struct vml_board *b)
{
	vml_board_init(b);
	strcpy(b->model, "sentinel");
	b->n_memory = 1;
	b->memory[0].base = 0x1234000;
	b->memory[0].size = 0x1000;
}

static void check_range(const struct vml_range64 *r, uint64_t base, uint64_t size)
{
	CHECK_EQ_U64(r->base, base);
	CHECK_EQ_U64(r->size, size);
}

static void test_dt_full_two_cells(void)
{
	struct vml_host_error err = {""};
	const struct vml_board_reserved *modem = &board.reserved[0], *cma = &board.reserved[1];

	CHECK_EQ_INT(vml_dt_load_file(DTS "full-2-2.dts", &board, &err), 0);
	CHECK_EQ_STR(err.msg, "");
	CHECK_EQ_STR(board.model, "vmlayout test board 2/2");
	/* memory@80000000: two banks (the size-0 entry skipped); memory@c0000000
	 * is disabled; memory@a0000000's linux,usable-memory replaces its reg. */
	CHECK_EQ_INT(board.n_memory, 3);
	check_range(&board.memory[0], 0x80000000, 0x20000000);
	check_range(&board.memory[1], 0x100000000, 0x40000000);
	check_range(&board.memory[2], 0xa0000000, 0x04000000);
	CHECK_EQ_INT(board.n_usable, 1);
	check_range(&board.usable[0], 0x80000000, 0x40000000);
	CHECK_EQ_INT(board.n_memreserve, 2);
	check_range(&board.memreserve[0], 0x80000000, 0x1000);
	check_range(&board.memreserve[1], 0x9ff00000, 0x100000);
	/* disabled@90000000 skipped; not-a-region has neither reg nor size. */
	CHECK_EQ_INT(board.n_reserved, 2);
	CHECK_EQ_STR(modem->name, "modem@86000000");
	CHECK(!modem->dynamic && modem->nomap && !modem->reusable && !modem->cma_default);
	CHECK_EQ_U64(modem->base, 0x86000000);
	CHECK_EQ_U64(modem->size, 0x01000000);
	CHECK_EQ_STR(cma->name, "linux,cma");
	CHECK(cma->dynamic && !cma->nomap && cma->reusable && cma->cma_default);
	CHECK(cma->shared_dma_pool);
	CHECK_EQ_U64(cma->size, 0x04000000);
	CHECK_EQ_U64(cma->align, 0x00400000);
	CHECK_EQ_INT(cma->n_alloc_ranges, 2);
	check_range(&cma->alloc_ranges[0], 0x80000000, 0x20000000);
	check_range(&cma->alloc_ranges[1], 0x100000000, 0x40000000);
	/* fdt_scan_reserved_mem()'s count of nodes with a reg: modem only */
	CHECK(board.has_reserved_memory);
	CHECK_EQ_INT((int)board.n_reserved_reg_nodes, 1);
	CHECK_EQ_INT(board.n_remove, 2);
	check_range(&board.remove[0], 0x85000000, 0x00200000);
	check_range(&board.remove[1], 0x85a00000, 0x00100000);
	/* initrd-start has one cell, initrd-end two. */
	CHECK(board.has_initrd);
	CHECK_EQ_U64(board.initrd_start, 0x88000000);
	CHECK_EQ_U64(board.initrd_end, 0x88400000);
	CHECK_EQ_STR(board.bootargs, "console=ttyS0 vmalloc=400M");
	CHECK(!board.has_dtb_phys);
}

static void test_dt_default_cells_are_one_and_one(void)
{
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_dt_load_file(DTS "cells-default.dts", &board, &err), 0);
	CHECK_EQ_STR(board.model, "vmlayout,cells-default"); /* no model: compatible */
	CHECK_EQ_INT(board.n_memory, 2);
	check_range(&board.memory[0], 0x60000000, 0x20000000);
	check_range(&board.memory[1], 0x90000000, 0x10000000);
	/* /chosen@0 is used when /chosen is absent; 64-bit start, 32-bit end. */
	CHECK(board.has_initrd);
	CHECK_EQ_U64(board.initrd_start, 0x61000000);
	CHECK_EQ_U64(board.initrd_end, 0x61800000);
	CHECK_EQ_INT(board.n_reserved, 0);
	CHECK_EQ_INT(board.n_memreserve, 0);
	CHECK_EQ_STR(board.bootargs, "");
}

/* dtc the fixture into a temporary .dtb and read it back whole. */
static unsigned char *compile_fixture(const char *dts, size_t *size, char *dtb_path)
{
	char cmd[512];
	FILE *f;
	unsigned char *buf = malloc(1 << 16);
	int fd;

	strcpy(dtb_path, "/tmp/vmltest-XXXXXX.dtb");
	fd = mkstemps(dtb_path, 4);
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dtb_path, dts);
	CHECK_EQ_INT(system(cmd), 0);
	f = fopen(dtb_path, "rb");
	*size = f ? fread(buf, 1, 1 << 16, f) : 0;
	if (f)
		fclose(f);
	return buf;
}

static void write_file(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");

	fwrite(buf, 1, size, f);
	fclose(f);
}

static void expect_load_fails(const char *path, int rc, const char *msg)
{
	struct vml_host_error err = {""};

	board_sentinel(&board);
	board_sentinel(&sentinel);
	CHECK_EQ_INT(vml_dt_load_file(path, &board, &err), rc);
	CHECK_EQ_STR(err.msg, msg);
	CHECK(memcmp(&board, &sentinel, sizeof(board)) == 0);
}

static void test_dt_blob_read_directly(void)
{
	char path[64], msg[300];
	size_t size;
	unsigned char *blob = compile_fixture(DTS "full-2-2.dts", &size, path);
	struct vml_host_error err = {""};

	/* The same board from the .dtb as from the .dts. */
	CHECK_EQ_INT(vml_dt_load_file(path, &board, &err), 0);
	CHECK_EQ_INT(board.n_memory, 3);
	CHECK_EQ_INT(board.n_reserved, 2);

	/* Truncated: 16 bytes cut off the end. */
	write_file(path, blob, size - 16);
	snprintf(msg, sizeof(msg),
		 "%s: truncated device tree blob: the header's totalsize is %zu bytes but only "
		 "%zu are there",
		 path, size, size - 16);
	expect_load_fails(path, VML_EINVAL, msg);

	/* Corrupted structure block: the root's FDT_BEGIN_NODE token becomes 0xff... */
	{
		unsigned char bad[1 << 16];
		uint32_t off = (uint32_t)blob[8] << 24 | blob[9] << 16 | blob[10] << 8 | blob[11];

		memcpy(bad, blob, size);
		memset(bad + off, 0xff, 4);
		write_file(path, bad, size);
		/* caught by vmlayout's own walk of the structure block, before
		 * libfdt (whose int offsets can loop on a wrapped length) */
		snprintf(msg, sizeof(msg),
			 "%s: malformed device tree blob: an unknown token in the structure "
			 "block",
			 path);
		expect_load_fails(path, VML_EINVAL, msg);
	}
	/* Garbage header. */
	memset(blob, 0x5a, 64);
	write_file(path, blob, size);
	snprintf(msg, sizeof(msg),
		 "%s: not a device tree blob: the magic is 0x5a5a5a5a, want 0xd00dfeed", path);
	expect_load_fails(path, VML_EINVAL, msg);
	/* Too small to hold a header. */
	write_file(path, blob, 10);
	snprintf(msg, sizeof(msg),
		 "%s: 10 bytes is too small for a device tree blob (its header alone is 40)", path);
	expect_load_fails(path, VML_EINVAL, msg);
	unlink(path);
	free(blob);
}

static void test_dt_bad_sources(void)
{
	expect_load_fails(DTS "bad-syntax.dts", VML_EINVAL,
			  DTS "bad-syntax.dts: dtc rejected it: Error: " DTS
			      "bad-syntax.dts:6.3-4 syntax error FATAL ERROR: Unable to parse "
			      "input tree");
	expect_load_fails(DTS "bad-reg-length.dts", VML_EINVAL,
			  DTS "bad-reg-length.dts: node /memory@80000000: property reg is 12 "
			      "bytes, not a multiple of 16 (#address-cells 2 + #size-cells 2, 4 "
			      "bytes each)");
	expect_load_fails(DTS "bad-memblock-remove.dts", VML_EINVAL,
			  DTS "bad-memblock-remove.dts: node /qcom,msm-mem-hole: property "
			      "qcom,memblock-remove is 12 bytes; want <start size> pairs of "
			      "32-bit cells (a non-zero multiple of 8 bytes)");
	expect_load_fails(DTS "bad-address-cells.dts", VML_ERANGE,
			  DTS "bad-address-cells.dts: node /: #address-cells = <3>; vmlayout "
			      "reads addresses and sizes of 1 or 2 cells (at most 64 bits)");
	expect_load_fails(DTS "bad-reserved-cells.dts", VML_EINVAL,
			  DTS "bad-reserved-cells.dts: node /reserved-memory: #address-cells "
			      "must be present and equal to the root's (2); the kernel "
			      "(drivers/of/fdt.c) would ignore every reserved region");
	expect_load_fails(DTS "bad-alignment.dts", VML_EINVAL,
			  DTS "bad-alignment.dts: node /reserved-memory/pool: property "
			      "alignment is 4 bytes, want 8 (the root's #address-cells = 2)");
	expect_load_fails(DTS "bad-initrd.dts", VML_EINVAL,
			  DTS "bad-initrd.dts: node /chosen: linux,initrd-start 0x88400000 is "
			      "above linux,initrd-end 0x88000000");
	expect_load_fails("tests/host/dts/no-such-file.dts", VML_ENOENT,
			  "tests/host/dts/no-such-file.dts: cannot open: No such file or "
			  "directory");
}

static void test_dt_too_many_banks(void)
{
	char path[] = "/tmp/vmltest-XXXXXX.dts";
	int fd = mkstemps(path, 4);
	FILE *f = fdopen(fd, "w");
	char msg[300];

	/* 65 banks of 1 MiB in one reg: one more than VML_BOARD_MAX_MEMORY. */
	fprintf(f, "/dts-v1/;\n/ {\n\tmemory@0 {\n\t\tdevice_type = \"memory\";\n\t\treg =");
	for (int i = 0; i <= VML_BOARD_MAX_MEMORY; i++)
		fprintf(f, "%s <0x%x 0x100000>", i ? "," : "", i * 0x200000);
	fprintf(f, ";\n\t};\n};\n");
	fclose(f);
	snprintf(msg, sizeof(msg),
		 "%s: node /memory@0: more memory banks than vmlayout's limit of 64", path);
	expect_load_fails(path, VML_ENOMEM, msg);
	unlink(path);
}

int main(void)
{
	RUN_TEST(test_dt_full_two_cells);
	RUN_TEST(test_dt_default_cells_are_one_and_one);
	RUN_TEST(test_dt_blob_read_directly);
	RUN_TEST(test_dt_bad_sources);
	RUN_TEST(test_dt_too_many_banks);
	return CHECK_DONE("test_dt");
}

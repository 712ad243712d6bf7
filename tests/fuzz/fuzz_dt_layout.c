/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: a device-tree blob -> board (vml_dt_load_blob) -> layout
 * (vml_layout_compute) under the arm profiles "3.4" and "6.1", each with and
 * without ARM_LPAE and under each reclaim strategy (none, dont-map-hole,
 * intermix), with the blob's /chosen bootargs as the command line.
 *
 * Checked beyond the sanitizers: a refused blob leaves an error sentence;
 * a refused layout keeps layout.h's failure contract (fuzz_layout.h).
 *
 * Seeds: the .dts files of boards/ and tests/host/dts/, compiled with dtc.
 */
#include <libfdt.h>

#include "fuzz_layout.h"

/* A big-endian 32-bit word of the blob. */
static uint32_t fuzz_dt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Open bug, reported to the lead (tests/fuzz/open/dt_layout/
 * prop-len-wrap-hang.dtb): a property whose length wraps the structure
 * offset (0xfffffff4) sends libfdt 1.6.1's fdt_check_full(), which
 * src/host/dt.c calls first, into an endless loop. True for such a blob:
 * the tags walked with 64-bit offsets, stopping at the first bad one. */
static bool fuzz_dt_prop_len_wraps(const uint8_t *d, size_t size)
{
	uint64_t off, len, o = 0;

	if (size < 40)
		return false;
	off = fuzz_dt_be32(d + 8);
	len = fuzz_dt_be32(d + 36);
	if (off > size || len > size - off)
		return false;
	d += off;
	while (o + 4 <= len) {
		uint32_t tag = fuzz_dt_be32(d + o);

		if (tag == 1) { /* FDT_BEGIN_NODE: name, NUL, padding */
			uint64_t e = o + 4;

			while (e < len && d[e])
				e++;
			o = (e + 4) & ~3ULL;
		} else if (tag == 3) { /* FDT_PROP: len, nameoff, value */
			if (o + 12 > len)
				return false;
			/* libfdt's offsets are ints: one past INT_MAX wraps */
			if (fuzz_dt_be32(d + o + 4) >= 0x80000000ULL - (o + 12))
				return true;
			if (fuzz_dt_be32(d + o + 4) > len)
				return false;
			o = (o + 12 + fuzz_dt_be32(d + o + 4) + 3) & ~3ULL;
		} else if (tag == 2 || tag == 4) { /* FDT_END_NODE, FDT_NOP */
			o += 4;
		} else {
			return false;
		}
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const profiles[] = {"3.4", "6.1"};
	static struct vml_board board, before;
	static struct vml_kernel_config cfg;
	struct vml_host_error err = {{0}};
	void *blob;
	int rc;

	if (!FUZZ_OPEN_BUGS && size >= 4 && fuzz_dt_be32(data) == FDT_MAGIC &&
	    fuzz_dt_prop_len_wraps(data, size))
		return 0;
	/* An exact-size heap copy, so ASan sees any read past the end. */
	blob = malloc(size ? size : 1);
	if (!blob)
		abort();
	memcpy(blob, data, size);
	/* host_input.h: the board is replaced on success only. */
	memset(&board, 0x5a, sizeof(board));
	memcpy(&before, &board, sizeof(board));
	rc = vml_dt_load_blob(blob, size, "fuzz.dtb", &board, &err);
	free(blob);
	if (rc) {
		FUZZ_CHECK(rc < 0);
		FUZZ_CHECK(fuzz_msg_ok(err.msg, sizeof(err.msg)));
		FUZZ_CHECK(!memcmp(&board, &before, sizeof(board)));
		return 0;
	}
	FUZZ_CHECK(memchr(board.bootargs, '\0', sizeof(board.bootargs)) != NULL);
	/* Each profile, with and without LPAE, under each way of reclaiming
	 * the virtual space holes waste (--reclaim none|hole|intermix; the
	 * profiles that refuse one say so, which is checked like any refusal). */
	for (unsigned int p = 0; p < 2; p++)
		for (unsigned int lpae = 0; lpae < 2; lpae++)
			for (unsigned int r = 0; r < 3; r++) {
				if (fuzz_arm_config(&cfg, profiles[p], lpae,
						    board.bootargs[0] ? board.bootargs : NULL))
					continue;
				cfg.reclaim = r == 0   ? VML_RECLAIM_NONE
					      : r == 1 ? VML_RECLAIM_DONT_MAP_HOLE
						       : VML_RECLAIM_VMALLOC_SAVING;
				fuzz_layout_run(&board, &cfg);
			}
	return 0;
}

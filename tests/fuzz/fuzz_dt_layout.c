/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: a device-tree blob -> board (vml_dt_load_blob) -> layout
 * (vml_layout_compute) under the arm profiles "3.4" and "6.1", each with and
 * without ARM_LPAE and under each reclaim strategy (none, hole,
 * intermix), with the blob's /chosen bootargs as the command line.
 *
 * Checked beyond the sanitizers: a refused blob leaves an error sentence;
 * a refused layout keeps layout.h's failure contract (fuzz_layout.h).
 *
 * Seeds: the .dts files of boards/ and tests/host/dts/, compiled with dtc.
 */
#include <libfdt.h>

#include "fuzz_layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const profiles[] = {"3.4", "6.1"};
	static struct vml_board board, before;
	static struct vml_kernel_config cfg;
	struct vml_host_error err = {{0}};
	void *blob;
	int rc;

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

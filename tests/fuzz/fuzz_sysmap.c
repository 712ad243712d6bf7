/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: System.map / /proc/kallsyms text (vml_sysmap_load, through
 * an in-memory file), then the layout of a fixed board with that image
 * under the arm profiles "3.4" and "6.1".
 *
 * Checked beyond the sanitizers: a refused file leaves the image as it was
 * and an error sentence; an accepted one meets the rules host_input.h
 * promises (_text < _end, every symbol read within [_text, _end], each
 * section's start at or below its end).
 */
#include "fuzz_layout.h"

static void fuzz_sm_check_image(const struct vml_kernel_image *im)
{
	const uint64_t sym[] = {im->stext,	im->etext,    im->start_rodata, im->end_rodata,
				im->init_begin, im->init_end, im->sdata,	im->edata,
				im->bss_start,	im->bss_stop};
	const uint64_t pair[][2] = {{im->stext, im->etext},
				    {im->start_rodata, im->end_rodata},
				    {im->init_begin, im->init_end},
				    {im->sdata, im->edata},
				    {im->bss_start, im->bss_stop}};

	FUZZ_CHECK(im->known);
	FUZZ_CHECK(im->text < im->end);
	/* An absent symbol reads 0; a present one lies in [_text, _end]. */
	for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]); i++)
		FUZZ_CHECK(sym[i] == 0 || (sym[i] >= im->text && sym[i] <= im->end));
	for (size_t i = 0; i < sizeof(pair) / sizeof(pair[0]); i++)
		FUZZ_CHECK(!pair[i][0] || !pair[i][1] || pair[i][0] <= pair[i][1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const profiles[] = {"3.4", "6.1"};
	static struct vml_kernel_config cfg;
	static struct vml_board board;
	struct vml_kernel_image image, before;
	struct vml_host_error err = {{0}};
	struct fuzz_file f;
	int rc;

	memset(&image, 0x5a, sizeof(image));
	memcpy(&before, &image, sizeof(image));
	fuzz_file_write(&f, data, size);
	rc = vml_sysmap_load(f.path, &image, &err);
	if (rc) {
		FUZZ_CHECK(rc < 0);
		FUZZ_CHECK(fuzz_msg_ok(err.msg, sizeof(err.msg)));
		FUZZ_CHECK(!memcmp(&image, &before, sizeof(image)));
		return 0;
	}
	fuzz_sm_check_image(&image);
	/* Images without some section symbols, or below PAGE_OFFSET, go through
	 * the layout too: the first lose their boot-log lines, the second are
	 * refused (fixed: corpus/sysmap/absent-section-symbols and
	 * init-below-page-offset). */
	vml_board_init(&board);
	board.memory[0] = (struct vml_range64){0x80000000ULL, 0x40000000ULL};
	board.n_memory = 1;
	for (unsigned int p = 0; p < 2; p++) {
		if (fuzz_arm_config(&cfg, profiles[p], false, NULL))
			abort();
		cfg.image = image;
		fuzz_layout_run(&board, &cfg);
	}
	return 0;
}

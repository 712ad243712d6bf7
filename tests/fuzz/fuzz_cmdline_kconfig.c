/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the kernel command line (vml_cmdline_parse), --set
 * NAME=VALUE (vml_kconfig_set) and .config text (vml_kconfig_load_file,
 * through an in-memory file), each followed by a layout of a fixed
 * two-bank board when the result is an arm configuration.
 *
 * Input: byte 0 chooses the reader (bits 0-1: 0 command line, 1 --set
 * lines, 2 and 3 .config text), the profile (bit 2: "3.4" else "6.1") and
 * ARM_LPAE (bit 3), an ATAGS boot (bit 4: the join of CONFIG_CMDLINE with
 * a fixed bootloader line, vml_boot_command_line(), after a --set or
 * .config reader); the rest is the text (for --set, one assignment per
 * line).
 *
 * Checked beyond the sanitizers: host_input.h's "updated on success only"
 * (a refused input leaves the configuration byte for byte as it was) and
 * an error sentence on every refusal.
 */
#include "fuzz_layout.h"
#include "vmlayout/boot_command_line.h"

static void fuzz_ck_board(struct vml_board *b)
{
	vml_board_init(b);
	b->memory[0] = (struct vml_range64){0x00000000ULL, 0x0fa00000ULL};
	b->memory[1] = (struct vml_range64){0x10000000ULL, 0x30000000ULL};
	b->n_memory = 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vml_kernel_config cfg, before;
	static struct vml_board board;
	struct vml_host_error err = {{0}};
	unsigned int mode;
	char *text;
	int rc = 0;

	if (size < 1)
		return 0;
	mode = data[0];
	text = fuzz_cstr(data + 1, size - 1);
	if (fuzz_arm_config(&cfg, mode & 4 ? "3.4" : "6.1", mode & 8, NULL))
		abort();
	memcpy(&before, &cfg, sizeof(cfg));
	switch (mode & 3) {
	case 0:
		rc = vml_cmdline_parse(text, &cfg, &err);
		break;
	case 1:
		for (char *line = text, *next; line && !rc; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			rc = vml_kconfig_set(&cfg, line, &err);
			if (!rc)
				memcpy(&before, &cfg, sizeof(cfg));
		}
		break;
	default: {
		struct fuzz_file f;

		fuzz_file_write(&f, data + 1, size - 1);
		rc = vml_kconfig_load_file(f.path, &cfg, &err);
		break;
	}
	}
	free(text);
	if (rc) {
		FUZZ_CHECK(rc < 0);
		FUZZ_CHECK(fuzz_msg_ok(err.msg, sizeof(err.msg)));
		FUZZ_CHECK(!memcmp(&before, &cfg, sizeof(cfg)));
		return 0;
	}
	if (cfg.arch != VML_ARCH_ARM)
		return 0;
	if (mode & 3) {
		static char line[VML_BUILTIN_CMDLINE_LEN + 64];
		const struct vml_cmdline_sources src = {"console=ttyS0 vmalloc=200M", mode & 16,
							mode & 4 ? 3 : 6};
		const char *rule;
		const int flags = vml_boot_command_line(&cfg, &src, line, sizeof(line), &rule);

		FUZZ_CHECK((flags < 0) == (rule != NULL));
		FUZZ_CHECK(strlen(line) < sizeof(line) &&
			   !(flags > 0 && (flags & VML_BOOT_CMDLINE_CUT)));
		memcpy(&before, &cfg, sizeof(cfg));
		if (flags < 0 || vml_cmdline_parse(line, &cfg, &err)) {
			FUZZ_CHECK(!memcmp(&before, &cfg, sizeof(cfg)));
			return 0;
		}
	}
	fuzz_ck_board(&board);
	fuzz_layout_run(&board, &cfg);
	return 0;
}

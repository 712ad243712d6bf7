/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the `--map VA:PA:SIZE[:ATTRS]` spec of `vmlayout tables` and
 * `vmlayout walk` (src/cli/pt_session.c, static there: this thin wrapper
 * includes the C file and goes through pt_session_parse() with the argv a
 * user would type), then the tree that map builds, then a walk of its first
 * and last page.
 *
 * Input: byte 0 chooses the format (fuzz_ms_formats[]); the rest, up to
 * its first NUL, is the value of --map.
 *
 * Checked beyond the sanitizers: an accepted spec has a domain 0..15 and
 * only the flags ATTRS can set; a map that built walks back to its PA at
 * both ends.
 */
#include <stdarg.h>
#include <stdio.h>

#include "fuzz_common.h"

/* The CLI's messages are formatted (so their arguments are still checked
 * by the sanitizers) but not printed: a fuzzer run would print millions. */
static int fuzz_ms_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fuzz_ms_fprintf(FILE *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	(void)f;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}
#define fprintf(f, ...) fuzz_ms_fprintf(f, __VA_ARGS__)
#include "cli/pt_session.c"
#include "cli/pt_session_read.c"
#include "cli/unknown_option.c"
#undef fprintf

/* The formats, as `vmlayout tables` options (NULL-terminated argv tails). */
static const char *const fuzz_ms_formats[][7] = {
    {"--arch", "arm64", "--granule", "4K", "--va-bits", "48", NULL},
    {"--arch", "arm64", "--granule", "16K", "--va-bits", "47", NULL},
    {"--arch", "arm64", "--granule", "64K", "--va-bits", "52", NULL},
    {"--arch", "arm64", "--granule", "4K", "--va-bits", "39", NULL},
    {"--arch", "riscv64", "--mode", "sv39", NULL},
    {"--arch", "riscv64", "--mode", "sv57", NULL},
    {"--arch", "arm", "--format", "short", NULL},
    {"--arch", "arm", "--format", "short-linux", NULL},
    {"--arch", "arm", "--format", "lpae", NULL},
    {"--arch", "arm", "--format", "lpae", "--split", "3G", NULL},
    {"--arch", "arm", "--format", "short", "--split", "2G", NULL},
    {"--arch", "arm", "--format", "short-linux", "--split", "1G", NULL},
};
#define FUZZ_MS_NFORMATS (sizeof(fuzz_ms_formats) / sizeof(fuzz_ms_formats[0]))

static void fuzz_ms_walk(struct pt_session *s, uint64_t va, uint64_t pa)
{
	struct vml_pt_ctx *ctx = pt_session_tree_for(s, va);
	struct vml_pt_walk w;
	struct vml_diag d = {0};

	FUZZ_CHECK(ctx != NULL);
	FUZZ_CHECK(vml_pt_walk(ctx, vml_va(va), &w, &d) == 0);
	FUZZ_CHECK(vml_pa_addr(w.pa) == pa);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pt_session s;
	char *argv[16];
	char *spec;
	int argc = 0, rc;
	const struct pt_map_arg *m;
	uint64_t page;

	if (size < 1)
		return 0;
	spec = fuzz_cstr(data + 1, size - 1);
	argv[argc++] = (char *)"tables";
	for (const char *const *o = fuzz_ms_formats[data[0] % FUZZ_MS_NFORMATS]; *o; o++)
		argv[argc++] = (char *)*o;
	argv[argc++] = (char *)"--mem";
	argv[argc++] = (char *)"8M@0x80000000";
	argv[argc++] = (char *)"--map";
	argv[argc++] = spec;
	argv[argc] = NULL;
	rc = pt_session_parse(&s, "tables", argc, argv);
	if (rc) {
		FUZZ_CHECK(rc == VML_EXIT_INPUT);
		free(spec);
		return 0;
	}
	FUZZ_CHECK(s.nmap == 1);
	m = &s.map[0];
	FUZZ_CHECK(m->attrs.domain <= 15);
	FUZZ_CHECK(!(m->flags & ~(uint32_t)(VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS)));
	FUZZ_CHECK(m->attrs.perm & VML_PT_READ);
	rc = pt_session_build(&s);
	if (!rc) {
		/* the last page: the smallest page of the format */
		const struct vml_pt_format *f = &s.fmt[pt_session_half_of(&s, m->va)];

		page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
		fuzz_ms_walk(&s, m->va, m->pa);
		fuzz_ms_walk(&s, m->va + m->size - page, m->pa + m->size - page);
	} else {
		FUZZ_CHECK(rc == VML_EXIT_INPUT);
	}
	pt_session_free(&s);
	free(spec);
	return 0;
}

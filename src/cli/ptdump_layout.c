/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout behind `ptdump --layout-markers/--layout-lowmem`
 *
 * The layout vmlayout computes for the same options as `vmlayout layout`;
 * its markers are the arch's (vml_ptdump_layout_markers(), the kernel's
 * address_markers[] in src/arch/<arch>/ptdump.c).
 *
 * The option string is split into words as a shell would quote them
 * (blanks separate words; '...' is literal; "..." and a backslash escape
 * one character) but nothing is expanded: no $VAR, no *, no ~, no command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "cli/ptdump_layout.h"

static struct vml_memblock_region lo_memory[256], lo_reserved[256];

#define PTDUMP_LAYOUT_MAX_WORDS 127

/* Split @opts into @words (pointers into @buf, a copy of it). Returns the
 * word count, or -1 with @why set for an unterminated quote or too many
 * words. */
static int split_words(const char *opts, char *buf, char **words, const char **why)
{
	const char *p = opts;
	char *out = buf;
	int n = 0;

	for (;;) {
		char quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return n;
		if (n == PTDUMP_LAYOUT_MAX_WORDS) {
			*why = "more than 127 words";
			return -1;
		}
		words[n++] = out;
		for (; *p && (quote || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
			if (quote == '\'' && *p == '\'') {
				quote = 0;
			} else if (quote == '\'') {
				*out++ = *p;
			} else if (*p == '\\' && p[1] && (!quote || p[1] == '"' || p[1] == '\\')) {
				*out++ = *++p;
			} else if (*p == '"') {
				quote = quote ? 0 : '"';
			} else if (*p == '\'' && !quote) {
				quote = '\'';
			} else {
				*out++ = *p;
			}
		}
		if (quote) {
			*why = "a quote is not closed";
			return -1;
		}
		*out++ = '\0';
	}
}

static int layout_from_words(const char *opts, int argc, char **argv, struct vml_layout *lo)
{
	static struct layout_args args;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	int ret = layout_args_parse(argc, argv, &args);

	if (ret == LAYOUT_ARGS_HELP) {
		fprintf(stderr,
			"vmlayout ptdump: --layout-markers '%s': --help is not a layout option "
			"here; see vmlayout layout --help\n",
			opts);
		return -1;
	}
	if (ret)
		return -1;
	vml_memblock_init(&mb, lo_memory, 256, lo_reserved, 256, ~0ULL, VML_SZ_4K);
	ret = vml_layout_compute(&args.board, &args.cfg, &mb, lo, &diag);
	if (ret)
		fprintf(stderr, "vmlayout ptdump: --layout-markers '%s': %s\n", opts,
			diag.rule ? diag.rule : "the layout cannot be computed");
	return ret ? -1 : 0;
}

int ptdump_layout_compute(const char *opts, struct vml_layout *lo)
{
	static char prog[] = "vmlayout ptdump --layout-markers";
	char *argv[PTDUMP_LAYOUT_MAX_WORDS + 2];
	char *buf = malloc(strlen(opts) + 1);
	const char *why = "out of memory";
	int n = buf ? split_words(opts, buf, argv + 1, &why) : -1, ret;

	if (n < 0) {
		fprintf(stderr,
			"vmlayout ptdump: --layout-markers '%s': not a list of options: %s\n", opts,
			why);
		free(buf);
		return VML_EXIT_INPUT;
	}
	argv[0] = prog;
	argv[n + 1] = NULL;
	ret = layout_from_words(opts, n + 1, argv, lo);
	free(buf);
	return ret ? VML_EXIT_INPUT : 0;
}

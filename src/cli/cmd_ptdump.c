/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout ptdump`: the tables as /sys/kernel/debug/kernel_page_tables
 *
 *   vmlayout ptdump <the `tables` options> [--kernel 6.1|6.12]
 *       [--marker VA:NAME]... | [--layout-markers "LAYOUT OPTIONS"]
 *       | [--layout-lowmem "LAYOUT OPTIONS"]
 *
 * Builds the tables as `vmlayout tables` does (pt_session) and prints them
 * in the named kernel's ptdump format (src/arch/<arch>/ptdump.c). Markers
 * are printed as "---[ NAME ]---" in the order given, which should be the
 * kernel's address_markers[] order. --layout-markers computes the layout
 * `vmlayout layout LAYOUT OPTIONS` would and uses the markers the arch's
 * kernel prints for it (its address_markers[]); --layout-lowmem (a quick
 * look: `boot-tables --ptdump` builds the kernel's own tables) also
 * maps the layout's linear segments as the kernel's map_lowmem() does:
 * MT_MEMORY_RW (kernel RW, XN, shared), sections where 1 MiB (LPAE 2 MiB)
 * aligned, pages elsewhere, no supersections or contiguous hints.
 *
 * With --image FILE or --dump FILE@PA --root PA (pt_session_read.c) the
 * tables are read from a `tables --out` image or from raw physical memory
 * and printed the same way; --marker and --layout-markers apply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pt_session.h"
#include "cli/ptdump_layout.h"
#include "vmlayout/arch.h"
#include "vmlayout/ptdump_file.h"

#define PTDUMP_MAX_MARKERS VML_PTDUMP_MAX_LAYOUT_MARKERS

struct ptdump_args {
	const char *kernel;
	struct vml_ptdump_marker marker[PTDUMP_MAX_MARKERS];
	size_t nmarker;
	const char *layout;	 /* --layout-markers / --layout-lowmem options */
	const char *layout_arch; /* that layout's arch */
	bool lowmem;
	char *rest[PT_SESSION_MAX_ARGS * 2 + 1 + 2 * VML_LAYOUT_MAX_SEGMENTS];
	int nrest;
};

/* The layout's markers, and with --layout-lowmem one --map per linear
 * segment (appended to the pt_session arguments). */
static int apply_layout(struct ptdump_args *a)
{
	static struct vml_layout lo;
	static char maps[VML_LAYOUT_MAX_SEGMENTS][96];
	static char map_opt[] = "--map";
	int err;

	if (a->nmarker) {
		fprintf(stderr, "vmlayout ptdump: give --marker or --layout-markers, not both\n");
		return VML_EXIT_INPUT;
	}
	err = ptdump_layout_compute(a->layout, &lo);
	if (err)
		return err;
	a->layout_arch = vml_arch_name(lo.arch);
	a->nmarker = vml_ptdump_layout_markers(&lo, a->marker);
	for (unsigned int i = 0; a->lowmem && i < lo.n_segments; i++) {
		const struct vml_linear_segment *sg = &lo.segments[i];

		snprintf(maps[i], sizeof(maps[i]), "0x%llx:0x%llx:0x%llx:rw,nocont",
			 (unsigned long long)sg->virt, (unsigned long long)sg->phys,
			 (unsigned long long)sg->size);
		a->rest[a->nrest++] = map_opt;
		a->rest[a->nrest++] = maps[i];
	}
	return 0;
}

static int add_marker(struct ptdump_args *a, const char *text)
{
	struct vml_ptdump_marker *m = &a->marker[a->nmarker];
	const char *end;

	if (a->nmarker >= PTDUMP_MAX_MARKERS) {
		fprintf(stderr, "vmlayout ptdump: too many --marker options (at most %d)\n",
			PTDUMP_MAX_MARKERS);
		return VML_EXIT_INPUT;
	}
	if (vml_memparse(text, &m->va, &end) || *end != ':' || !end[1]) {
		fprintf(stderr, "vmlayout ptdump: --marker '%s' must be VA:NAME\n", text);
		return VML_EXIT_INPUT;
	}
	m->name = end + 1;
	a->nmarker++;
	return 0;
}

/* Take --kernel and --marker out; everything else goes to pt_session. */
static int split_args(struct ptdump_args *a, int argc, char **argv)
{
	a->kernel = "6.1";
	a->rest[a->nrest++] = argv[0];
	for (int i = 1; i < argc; i++) {
		bool ours = !strcmp(argv[i], "--kernel") || !strcmp(argv[i], "--marker") ||
			    !strcmp(argv[i], "--layout-markers") ||
			    !strcmp(argv[i], "--layout-lowmem");
		int err;

		if (!ours) {
			if (a->nrest >= PT_SESSION_MAX_ARGS * 2) {
				fprintf(stderr, "vmlayout ptdump: too many arguments\n");
				return VML_EXIT_INPUT;
			}
			a->rest[a->nrest++] = argv[i];
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "vmlayout ptdump: %s needs a value\n", argv[i]);
			return VML_EXIT_INPUT;
		}
		if (!strncmp(argv[i], "--layout-", 9)) {
			a->lowmem = !strcmp(argv[i], "--layout-lowmem");
			a->layout = argv[++i];
		} else if (argv[i][2] == 'k') {
			a->kernel = argv[++i];
			if (strcmp(a->kernel, "6.1") && strcmp(a->kernel, "6.12")) {
				fprintf(stderr,
					"vmlayout ptdump: --kernel %s: ptdump follows the "
					"6.1 and 6.12 formats\n",
					a->kernel);
				return VML_EXIT_INPUT;
			}
		} else if ((err = add_marker(a, argv[++i]))) {
			return err;
		}
	}
	return 0;
}

static int input_error(const char *msg)
{
	fprintf(stderr, "vmlayout ptdump: %s\n", msg);
	return VML_EXIT_INPUT;
}

/* --image or --dump among the options left for pt_session. */
static bool reads_tables(const struct ptdump_args *a)
{
	for (int i = 1; i < a->nrest; i++)
		if (!strcmp(a->rest[i], "--image") || !strcmp(a->rest[i], "--dump"))
			return true;
	return false;
}

int cmd_ptdump(int argc, char **argv)
{
	static struct pt_session s;
	static struct ptdump_args a;
	struct vml_ptdump_opts o;
	struct vml_host_error herr = {{0}};
	int err;

	if (pt_session_wants_help(argc, argv)) {
		pt_session_usage(
		    stdout, "ptdump", "[options]",
		    "  --kernel 6.1|6.12          the kernel whose kernel_page_tables "
		    "format to print\n"
		    "  --marker VA:NAME           an address marker (repeatable, in "
		    "address_markers[] order)\n"
		    "  --layout-markers \"OPTS\"    the markers of the layout that "
		    "`vmlayout layout OPTS` computes\n"
		    "  --layout-lowmem \"OPTS\"     the same, and map its lowmem as the "
		    "kernel does\n");
		return VML_EXIT_OK;
	}
	memset(&a, 0, sizeof(a));
	err = split_args(&a, argc, argv);
	if (!err && a.lowmem && reads_tables(&a))
		err =
		    input_error("--layout-lowmem maps the layout's lowmem with --map; with --image "
				"or --dump the tables are read: give --layout-markers");
	if (!err && a.layout)
		err = apply_layout(&a);
	if (!err)
		err = pt_session_parse(&s, "ptdump", a.nrest, a.rest);
	if (!err && s.npos) {
		fprintf(stderr, "vmlayout ptdump: unexpected argument '%s'\n", s.pos[0]);
		err = VML_EXIT_INPUT;
	}
	if (!err && a.layout_arch && strcmp(a.layout_arch, s.fmt[0].arch)) {
		fprintf(stderr,
			"vmlayout ptdump: --layout-markers is an --arch %s layout but the tables "
			"are --arch %s\n",
			a.layout_arch, s.fmt[0].arch);
		err = VML_EXIT_INPUT;
	}
	if (!err)
		err = pt_session_build(&s);
	/* A table the files lack is found before the first line is printed. */
	if (!err && pt_session_is_read(&s))
		err = pt_session_check_readable(&s);
	if (!err) {
		const struct vml_pt_ctx *trees[2] = {s.have[0] ? &s.ctx[0] : NULL,
						     s.have[1] ? &s.ctx[1] : NULL};

		o = (struct vml_ptdump_opts){a.kernel, a.marker, a.nmarker};
		if (vml_ptdump_print(stdout, &s.fmt[0], trees, &o, &herr)) {
			fprintf(stderr, "vmlayout ptdump: %s\n", herr.msg);
			err = VML_EXIT_INPUT;
		}
	}
	pt_session_free(&s);
	return err;
}

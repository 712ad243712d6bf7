/* SPDX-License-Identifier: MIT */
/* Shared by `vmlayout tables`, `walk` and `ptdump`: the format, table
 * memory and --map options, parsed and applied; for walk and ptdump also
 * tables read from an image (--image) or a memory dump (--dump). */
#ifndef VMLAYOUT_CLI_PT_SESSION_H
#define VMLAYOUT_CLI_PT_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"
#include "vmlayout/physmem.h"
#include "vmlayout/pt_image.h"

/* --map and --map-file entries: about 64 bytes each, so the limit bounds
 * the list at 64 MiB. */
#define PT_SESSION_MAX_MAPS 1000000
#define PT_SESSION_MAX_ARGS 256
#define PT_SESSION_MAX_DUMPS 256 /* --dump pieces */

struct pt_map_arg {
	uint64_t va, pa, size;
	struct vml_pt_attrs attrs;
	uint32_t flags;
	const char *text;
};

/*
 * @fmt: [0] the format of the low half (TTBR0) or the only root, [1] that
 *	of the high half: a copy of [0] unless an arm --split gives each half
 *	its own range and root geometry
 * @split: arm --split, the first VA of the TTBR1 half (0: none)
 */
struct pt_session {
	const char *cmd;
	struct vml_pt_format fmt[2];
	uint64_t split;
	struct vml_memblock mb;
	struct vml_memblock_region mem[16], res[64];
	struct vml_physmem_tables tables;
	struct vml_pt_ctx ctx[2]; /* [0] low half or the only root, [1] high half */
	bool have[2];
	struct pt_map_arg *map; /* malloc'ed, map_cap entries */
	unsigned int nmap, map_cap;
	char **map_lines; /* --map-file lines (malloc'ed), nmap_lines of them */
	unsigned int nmap_lines;
	const char *out;
	const char *pos[PT_SESSION_MAX_ARGS]; /* positional arguments */
	unsigned int npos;
	/* Tables read, not built (walk and ptdump; pt_session_read.c). */
	const char *geometry_opt; /* the first of --arch ... --split given */
	const char *build_opt;	  /* the first of --map, --map-file, --mem, --out given */
	const char *image;	  /* --image FILE */
	struct pt_dump_arg {
		const char *text; /* FILE@PA as given */
		char *path;	  /* malloc'ed */
		char *label;	  /* malloc'ed "--dump 'FILE@PA'", for messages */
		uint64_t pa;
	} dump[PT_SESSION_MAX_DUMPS];
	unsigned int ndump;
	uint64_t root; /* --root */
	bool have_root;
	struct vml_pt_image img; /* --image's file, or --dump's pieces in img.mem */
};

/* True when -h/--help stands where an option would (every option of these
 * commands takes one value, so "--layout-markers --help" is not help). */
bool pt_session_wants_help(int argc, char **argv);
/* The options these commands share, then @extra (the command's own). */
void pt_session_usage(FILE *out, const char *cmd, const char *synopsis, const char *extra);

/* Parse the options; returns a VML_EXIT_* status (0 to go on). On failure
 * it frees what it allocated; pt_session_free() may still be called. */
int pt_session_parse(struct pt_session *s, const char *cmd, int argc, char **argv);
/* Build the trees and apply every --map; returns a VML_EXIT_* status. */
int pt_session_build(struct pt_session *s);
void pt_session_free(struct pt_session *s);
/* The half (0 or 1) whose tree translates @va: by the formats' VA ranges
 * when split, else by bit 63 for two-root formats. */
unsigned int pt_session_half_of(const struct pt_session *s, uint64_t va);
/* `tables`' output, shared with `boot-tables` (cmd_tables.c): the counts
 * per level, and --out's image and JSON (a VML_EXIT_* status). */
void pt_session_print_counts(struct pt_session *s);
int pt_session_write_image(struct pt_session *s);
/* The tree a VA belongs to, or NULL. */
struct vml_pt_ctx *pt_session_tree_for(struct pt_session *s, uint64_t va);
/* crash's name of a level (PGD P4D PUD PMD PTE, cmd_walk.c). */
const char *pt_session_level_name(const struct vml_pt_format *f, int level);

/* --- tables read from an image or a dump (pt_session_read.c) --- */

/* Whether @cmd takes --image, --dump and --root (walk and ptdump). */
bool pt_session_reads_tables(const char *cmd);
/* --help's lines for those options, and the exit status lines ("" and the
 * plain ones for a command that takes none). */
const char *pt_session_read_usage(const char *cmd);
const char *pt_session_read_exit_usage(const char *cmd);
/* Apply --image, --dump or --root: 0, a VML_EXIT_* status, or -1 when
 * @opt is none of them. */
int pt_session_read_option(struct pt_session *s, const char *opt, const char *val);
/* After parsing: refuse options that do not go together; with --image,
 * read FILE and FILE.json and set the formats (a VML_EXIT_* status). */
int pt_session_read_check(struct pt_session *s);
/* Whether the tables are read (--image or --dump), not built. */
bool pt_session_is_read(const struct pt_session *s);
/* Open the trees over the image or the dump (a VML_EXIT_* status). */
int pt_session_read_open(struct pt_session *s);
/* The one line for a table the window cannot reach (@diag from the
 * engine), walking @va when @va_given; returns VML_EXIT_INPUT. */
int pt_session_unreadable(const struct pt_session *s, const struct vml_pt_format *f,
			  const struct vml_diag *diag, bool va_given, uint64_t va);
/* Every table of every tree readable; else the line above. */
int pt_session_check_readable(const struct pt_session *s);
void pt_session_read_free(struct pt_session *s);

#endif

/* SPDX-License-Identifier: MIT */
/* Shared by `vmlayout tables` and `vmlayout walk`: the format, table memory
 * and --map options, parsed and applied. */
#ifndef VMLAYOUT_CLI_PT_SESSION_H
#define VMLAYOUT_CLI_PT_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"
#include "vmlayout/physmem.h"

/* --map and --map-file entries: about 64 bytes each, so the limit bounds
 * the list at 64 MiB. */
#define PT_SESSION_MAX_MAPS 1000000
#define PT_SESSION_MAX_ARGS 256

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

#endif

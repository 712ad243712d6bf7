/* SPDX-License-Identifier: MIT */
/*
 * DOC: output files that appear whole or not at all
 *
 * out_file_open() creates a temporary file beside the target (same
 * directory, so rename() stays on one file system); out_file_commit()
 * flushes it, fsync()s it and renames it over the target. Any failure on
 * the way removes the temporary file and leaves an existing target as it
 * was. Errors name the path and the system's reason, on one line.
 */
#ifndef VMLAYOUT_CLI_OUT_FILE_H
#define VMLAYOUT_CLI_OUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

struct out_file {
	const char *path; /* the target */
	char *tmp_path;	  /* malloc'ed "<path>.tmp-XXXXXX" */
	FILE *f;
};

/* 0, or -1 with a message on stderr (prefixed by @who). */
int out_file_open(struct out_file *o, const char *path, const char *who);
/* Flush, fsync and rename over the target; 0 or -1 (message printed). */
int out_file_commit(struct out_file *o, const char *who);
/* Drop the temporary file (after a failure). */
void out_file_abort(struct out_file *o);

#endif

/* SPDX-License-Identifier: MIT */
/* Command-line options shared by the commands that compute a layout. */
#ifndef VMLAYOUT_CLI_LAYOUT_ARGS_H
#define VMLAYOUT_CLI_LAYOUT_ARGS_H

#include "vmlayout/host_input.h"
#include "vmlayout/layout.h"

#define LAYOUT_ARGS_HELP 1

struct layout_args {
	struct vml_board board;
	struct vml_kernel_config cfg;
	const char *dtb_path;
	const char *config_path; /* --config, "-" for standard input */
	bool kernel_given;	 /* --kernel was on the command line */
	bool quiet;		 /* -q/--quiet: no notes on stderr */
	bool json;
	bool svg;
	bool html;
};

/* The command whose options are parsed ("layout" unless set) and the
 * options it takes besides the layout ones, for the unknown-option error's
 * suggestion; set before layout_args_parse() by the commands that wrap it. */
void layout_args_command(const char *cmd, const char *const *own, size_t n_own);

/* Parse argv into @args; on bad input print one line to stderr and return
 * a negative code; LAYOUT_ARGS_HELP for --help. --format takes text or
 * json. */
int layout_args_parse(int argc, char **argv, struct layout_args *args);
/* As layout_args_parse(), --format taking one of @formats ("text" first). */
int layout_args_parse_formats(int argc, char **argv, struct layout_args *args,
			      const char *const *formats, size_t n_formats);

/* Whether a bootloader command line of just "vmalloc=@vmalloc" (bytes)
 * reaches the kernel as the vmalloc= it parses last, once joined with
 * @args' CONFIG_CMDLINE (CMDLINE_FORCE drops it; a DT boot's
 * CMDLINE_EXTEND puts a built-in vmalloc= after it). */
bool layout_args_bootloader_vmalloc_reaches(const struct layout_args *args, uint64_t vmalloc);

#endif

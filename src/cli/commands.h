/* SPDX-License-Identifier: MIT */
/* The vmlayout subcommands. Each returns the process exit status:
 * 0 success, 1 the work ran but found a difference or a fault to report
 * (e.g. `walk` of an unmapped address), 2 bad input or usage (one line on
 * stderr naming the input and the rule), 3 an internal error. */
#ifndef VMLAYOUT_CLI_COMMANDS_H
#define VMLAYOUT_CLI_COMMANDS_H

#include <stdio.h>

#define VML_EXIT_OK 0
#define VML_EXIT_FOUND 1
#define VML_EXIT_INPUT 2
#define VML_EXIT_INTERNAL 3

int cmd_layout(int argc, char **argv);
int cmd_tables(int argc, char **argv);
int cmd_walk(int argc, char **argv);
int cmd_ptdump(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_vmalloc(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_boot_tables(int argc, char **argv);

struct layout_args;
struct vml_layout;
struct vml_memblock;
/* `layout --format json`: `  "kernel_tables": {...},` (the kernel's boot
 * page tables with boot-tables' defaults and --cmdline's rodata=), or
 * `  "kernel_tables_note": "why not",` when they cannot be built; nothing
 * for an arch without boot tables. Return: 0 when the tables were printed. */
int boot_tables_json_for_layout(FILE *out, int argc, char **argv, const struct layout_args *la,
				const struct vml_layout *lo, const struct vml_memblock *mb);

#endif

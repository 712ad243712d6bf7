/* SPDX-License-Identifier: MIT */
/* vmlayout: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
    {"layout", cmd_layout, "the kernel's virtual memory layout for a board and a kernel"},
    {"compare", cmd_compare, "the board under each hole-reclaim strategy (msm-3.4)"},
    {"tables", cmd_tables, "build page tables for --map ranges, count them, write them out"},
    {"walk", cmd_walk, "translate addresses through the tables, as crash's vtop"},
    {"ptdump", cmd_ptdump, "print the tables as the kernel's kernel_page_tables"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: vmlayout <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(out, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(out, "\n`vmlayout <command> --help` for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return VML_EXIT_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VML_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "vmlayout: unknown command '%s' (see vmlayout --help)\n", argv[1]);
	return VML_EXIT_INPUT;
}

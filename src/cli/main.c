/* SPDX-License-Identifier: MIT */
/* vmlayout: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "host/suggest.h"
#include "vmlayout/arch.h"
#include "vmlayout/layout_policy.h"

#ifndef VMLAYOUT_VERSION
#define VMLAYOUT_VERSION "0.3.0"
#endif

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
    {"layout", cmd_layout, "the kernel's virtual memory layout for a board and a kernel"},
    {"compare", cmd_compare, "the board under each hole-reclaim strategy (msm-3.4, 6.1 intermix)"},
    {"tables", cmd_tables, "build page tables for --map ranges, count them, write them out"},
    {"walk", cmd_walk, "translate addresses through the tables, as crash's vtop"},
    {"ptdump", cmd_ptdump, "print the tables as the kernel's kernel_page_tables"},
    {"translate", cmd_translate,
     "virtual <-> physical through a layout, as the kernel's __pa/__va"},
    {"vmalloc", cmd_vmalloc, "a vmalloc() workload on the layout's vmalloc space"},
    {"suggest", cmd_suggest, "the vmalloc= and reclaim strategy that keep lowmem largest"},
    {"boot-tables", cmd_boot_tables, "the kernel's own page tables after boot, from a layout"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: vmlayout <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < VML_ARRAY_SIZE(subcommands); i++)
		fprintf(out, "  %-11s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(out, "\n`vmlayout <command> --help` for a command's options.\n");
}

/* The version and what it knows: the layout profiles per arch, from the
 * policy table. */
static void print_version(void)
{
	printf("vmlayout %s\n", VMLAYOUT_VERSION);
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++) {
		const char *sep = "";

		printf("layout profiles for %s:", (*a)->name);
		for (const struct vml_layout_policy *const *p = (*a)->policies; *p; p++) {
			printf("%s %s", sep, (*p)->profile);
			sep = ",";
		}
		printf("\n");
	}
}

/* "layout, compare, ...": the commands of the table. */
static const char *command_list(void)
{
	static char list[256];
	size_t n = 0;

	for (size_t i = 0; i < VML_ARRAY_SIZE(subcommands) && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
				      subcommands[i].name);
	return list;
}

static void unknown_command(const char *name)
{
	/* the commands, and the options that stand for one */
	const char *names[VML_ARRAY_SIZE(subcommands) + 2] = {"--version", "--help"};
	const char *near;

	for (size_t i = 0; i < VML_ARRAY_SIZE(subcommands); i++)
		names[i + 2] = subcommands[i].name;
	near = vml_suggest(name, names, VML_ARRAY_SIZE(names));
	if (near)
		fprintf(stderr, "vmlayout: unknown command '%s'; did you mean %s?\n", name, near);
	else
		fprintf(stderr, "vmlayout: unknown command '%s' (%s)\n", name, command_list());
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "vmlayout: no command given (%s; see vmlayout --help)\n",
			command_list());
		return VML_EXIT_INPUT;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		print_version();
		return VML_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VML_EXIT_OK;
	}
	for (size_t i = 0; i < VML_ARRAY_SIZE(subcommands); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	unknown_command(argv[1]);
	return VML_EXIT_INPUT;
}

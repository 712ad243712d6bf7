/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli/commands.h"

int cmd_layout(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vmlayout layout: not built yet\n");
	return VML_EXIT_INTERNAL;
}

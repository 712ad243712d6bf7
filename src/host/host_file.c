/* SPDX-License-Identifier: MIT */
/* Input files, "-" meaning standard input. */
#include <string.h>

#include "host/host_file.h"

FILE *vml_host_fopen(const char *path, const char *mode)
{
	return strcmp(path, "-") ? fopen(path, mode) : stdin;
}

void vml_host_fclose(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
}

const char *vml_host_file_name(const char *path)
{
	return strcmp(path, "-") ? path : "(standard input)";
}

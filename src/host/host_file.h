/* SPDX-License-Identifier: MIT */
/* Input files, "-" meaning standard input (src/host only). */
#ifndef VMLAYOUT_HOST_HOST_FILE_H
#define VMLAYOUT_HOST_HOST_FILE_H

#include <stdio.h>

/* fopen(), or stdin for "-". */
FILE *vml_host_fopen(const char *path, const char *mode);
/* fclose(), except for stdin. */
void vml_host_fclose(FILE *f);
/* The name to show for @path: "(standard input)" for "-". */
const char *vml_host_file_name(const char *path);

#endif

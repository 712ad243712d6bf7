/* SPDX-License-Identifier: MIT */
/* The unknown-option error with the closest option name (unknown_option.h). */
#include "cli/unknown_option.h"

#include <stdio.h>
#include <string.h>

#include "host/suggest.h"

void cli_unknown_option(const char *cmd, const char *arg, const char *const *names, size_t n)
{
	char word[64];
	size_t len = strcspn(arg, "=");
	const char *near;

	if (len >= sizeof(word))
		len = sizeof(word) - 1;
	memcpy(word, arg, len);
	word[len] = '\0';
	near = vml_suggest(word, names, n);
	fprintf(stderr, "vmlayout %s: unknown option '%s'%s%s%s (see vmlayout %s --help)\n", cmd,
		arg, near ? "; did you mean " : "", near ? near : "", near ? "?" : "", cmd);
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the one-line error for an option no command takes
 *
 * "vmlayout CMD: unknown option '--kernal'; did you mean --kernel? (see
 * vmlayout CMD --help)": the closest of the command's own option names
 * (host/suggest.h), the part after '=' of "--name=value" left out.
 */
#ifndef VMLAYOUT_CLI_UNKNOWN_OPTION_H
#define VMLAYOUT_CLI_UNKNOWN_OPTION_H

#include <stddef.h>

/* Print the line for @arg to stderr; @names (@n of them, "--name") are the
 * options @cmd takes. */
void cli_unknown_option(const char *cmd, const char *arg, const char *const *names, size_t n);

#endif

/* SPDX-License-Identifier: MIT */
/* `vmlayout ptdump --layout-markers/--layout-lowmem`: the layout whose
 * markers (and lowmem) the dump shows. */
#ifndef VMLAYOUT_CLI_PTDUMP_LAYOUT_H
#define VMLAYOUT_CLI_PTDUMP_LAYOUT_H

#include <stddef.h>

#include "vmlayout/layout.h"
#include "vmlayout/ptdump.h"

/* Compute the layout `vmlayout layout OPTS` would (@opts: its options in
 * one string, split as the shell would, without expansions) into @lo.
 * Returns a VML_EXIT_* status; on bad input one line on stderr. */
int ptdump_layout_compute(const char *opts, struct vml_layout *lo);

#endif

/* SPDX-License-Identifier: MIT */
/* `vmlayout ptdump --layout-markers/--layout-lowmem`: a layout's markers
 * and linear map for the arm ptdump. */
#ifndef VMLAYOUT_CLI_PTDUMP_LAYOUT_H
#define VMLAYOUT_CLI_PTDUMP_LAYOUT_H

#include <stddef.h>

#include "vmlayout/layout.h"
#include "vmlayout/ptdump.h"

#define PTDUMP_LAYOUT_MARKERS 7

/* Compute the layout `vmlayout layout OPTS` would (@opts: its options in
 * one string, split as the shell would, without expansions) into @lo.
 * Returns a VML_EXIT_* status; on bad input one line on stderr. */
int ptdump_layout_compute(const char *opts, struct vml_layout *lo);

/* The address_markers[] of arch/arm/mm/dump.c (v6.1, CONFIG_KASAN off) for
 * @lo, in the kernel's order; returns how many (PTDUMP_LAYOUT_MARKERS). */
size_t ptdump_layout_arm_markers(const struct vml_layout *lo, struct vml_ptdump_marker *out);

#endif

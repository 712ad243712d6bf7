/* SPDX-License-Identifier: MIT */
/* The "kernel_tables" JSON object: a tree's leaves as runs. */
#ifndef VMLAYOUT_CLI_KERNEL_TABLES_JSON_H
#define VMLAYOUT_CLI_KERNEL_TABLES_JSON_H

#include <stdio.h>

#include "vmlayout/pgtable.h"

/* Prints `"kernel_tables": {...}` (no comma, no newline after): "format",
 * "root_pa", "table_pages", "table_bytes" and "leaves", where adjacent
 * leaves of one size, prot and flags whose PAs are contiguous are one run
 * {"va", "end", "pa", "size", "prot", "flags", "count"} ("end" exclusive,
 * "size" the leaf size as "4K", "2M", "1G", ...). @indent: spaces before
 * each inner line. */
void kernel_tables_json(FILE *out, const struct vml_pt_ctx *ctx, const char *format_name,
			int indent);

#endif

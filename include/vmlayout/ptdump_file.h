/* SPDX-License-Identifier: MIT */
/*
 * DOC: ptdump to a FILE (host layer over the core's vml_ptdump_emit)
 */
#ifndef VMLAYOUT_PTDUMP_FILE_H
#define VMLAYOUT_PTDUMP_FILE_H

#include <stdio.h>

#include "host_input.h"
#include "ptdump.h"

/**
 * vml_ptdump_print() - print the kernel's kernel_page_tables for a tree
 * @out: where to print
 * @fmt, @trees, @o: as vml_ptdump_emit()
 * @err: one sentence on failure
 *
 * Return: 0; VML_EINVAL for an unknown kernel version or arch (@err says
 * which); VML_ERANGE if a table cannot be read.
 */
int vml_ptdump_print(FILE *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o,
		     struct vml_host_error *err);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * DOC: a layout's vmalloc space as an allocator
 *
 * Every "vmalloc" and (under intermix) "vmalloc_hole" piece of a computed
 * layout becomes free space of a vmarea allocator, then every other region
 * that lies in a piece is taken out as a static area, as the kernel's
 * vm_area_add_early() does (PCI I/O, the arm64 kernel image). Used by
 * `vmlayout vmalloc` and `vmlayout compare` (largest contiguous run).
 */
#ifndef VMLAYOUT_CLI_VMALLOC_SPACE_H
#define VMLAYOUT_CLI_VMALLOC_SPACE_H

#include "vmlayout/layout.h"
#include "vmlayout/vmarea.h"

/* @on_static(ctx, name, start, end) for each static area taken out (may be
 * NULL). Return: 0, or -1 when the pieces overlap or nodes run out. */
int vmalloc_space_build(struct vml_vmarea *va, const struct vml_layout *lo,
			void (*on_static)(void *ctx, const char *name, uint64_t start,
					  uint64_t end),
			void *ctx);

#endif

/* SPDX-License-Identifier: MIT */
/* arm64 3.18's boot tables (boot_tables_v3_18.c). */
#ifndef VMLAYOUT_ARCH_ARM64_BOOT_TABLES_V3_18_H
#define VMLAYOUT_ARCH_ARM64_BOOT_TABLES_V3_18_H

#include "vmlayout/boot_tables.h"

/**
 * vml_arm64_boot_tables_v3_18() - head.S's mapping, then 3.18's map_mem()
 * @ctx: an initialised TTBR1 tree whose ctx->cb takes pages from @mb
 * @pa_text, @image_size: where the image is ([_text, _end))
 * @image_cb: the ctx->cb over the image's pages (swapper_pg_dir), or NULL
 *
 * Return: 0; VML_ENOMEM when the kernel cannot map a bank (diag->index is
 * the memblock bank, addr/size the bank, rule what the kernel does: the
 * memblock_alloc() panic or a fault on a table page not mapped yet);
 * VML_ENOMEM also when a bank is shorter than its PMD alignment; the
 * engine's error otherwise.
 */
int vml_arm64_boot_tables_v3_18(struct vml_pt_ctx *ctx, const struct vml_kernel_config *cfg,
				const struct vml_layout *lo, uint64_t pa_text, uint64_t image_size,
				struct vml_memblock *mb, void *image_cb, struct vml_diag *diag);

#endif

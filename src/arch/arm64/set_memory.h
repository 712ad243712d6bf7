/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's later permission changes to the boot tables (set_memory_*)
 *
 * What arch/arm64/mm/pageattr.c (v6.1, v6.12, v6.18) does to the kernel's
 * tables after boot, applied to a tree vml_arm64_boot_tables() built:
 *
 * - set_memory_ro/rw/x/nx(addr, n): change_memory_common() acts only on
 *   [addr, addr + n pages) inside one VM_ALLOC vm area (find_vm_area());
 *   the boot tables map no vm area (the image's are VM_MAP, the linear map
 *   has none), so every call is refused with -EINVAL, nothing changed;
 * - the linear alias of a vm area's pages (alias-ro, alias-rw): under
 *   rodata_full, set_memory_ro/rw also change each backing page's linear
 *   mapping, one __change_memory_common(page, PAGE_SIZE) each;
 * - set_direct_map_invalid_noflush / _default_noflush (invalid, default):
 *   one page each, nothing unless can_set_direct_map().
 *
 * How one page changes: v6.1 and v6.12 apply_to_page_range() changes PTEs
 * only (a block in the range: WARN, -EINVAL); v6.18 update_range_prot()
 * first calls split_kernel_leaf_mapping(), which with BBML2_NOABORT on every
 * CPU (and force_pte_mapping() false) splits the live block or contiguous
 * group around the page without break-before-make (mm/mmu.c split_pud,
 * split_pmd, split_contpmd, split_contpte); without it a block is refused
 * as the walk refuses it (pageattr_pmd_entry: WARN, -EINVAL). vmlayout
 * checks the whole request before it changes anything (the kernel would
 * have changed the pages before the block).
 */
#ifndef VMLAYOUT_ARCH_ARM64_SET_MEMORY_H
#define VMLAYOUT_ARCH_ARM64_SET_MEMORY_H

#include "vmlayout/boot_tables.h"
#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"

enum vml_arm64_set_memory_op {
	VML_ARM64_SET_MEMORY_RO = 0,  /* set_memory_ro() */
	VML_ARM64_SET_MEMORY_RW,      /* set_memory_rw() */
	VML_ARM64_SET_MEMORY_X,	      /* set_memory_x() */
	VML_ARM64_SET_MEMORY_NX,      /* set_memory_nx() */
	VML_ARM64_ALIAS_RO,	      /* set_memory_ro()'s rodata_full linear alias update */
	VML_ARM64_ALIAS_RW,	      /* set_memory_rw()'s */
	VML_ARM64_DIRECT_MAP_INVALID, /* set_direct_map_invalid_noflush(), per page */
	VML_ARM64_DIRECT_MAP_DEFAULT, /* set_direct_map_default_noflush(), per page */
};

/* The kernel function an op models, for messages ("set_memory_ro"). */
const char *vml_arm64_set_memory_name(enum vml_arm64_set_memory_op op);

/**
 * vml_arm64_set_memory() - apply one later permission change
 * @ctx: the tree vml_arm64_boot_tables() built (its cpu_features set)
 * @lo, @o: the layout and the options the tree was built with
 * @mb: the layout's memblock (which linear pages are memory)
 * @op, @addr, @size: the change; @addr and @size page aligned
 * @noop: set to why nothing changed (the kernel returns 0 without touching
 *	the tables), or NULL when the change was made
 *
 * Return: 0; VML_EINVAL where the kernel returns -EINVAL (diag->rule names
 * the rule, nothing changed) or @addr/@size is not page aligned, or an
 * alias or direct-map op is given an address outside the mapped linear
 * map; the engine's error otherwise.
 */
int vml_arm64_set_memory(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			 const struct vml_boot_opts *o, const struct vml_memblock *mb,
			 enum vml_arm64_set_memory_op op, uint64_t addr, uint64_t size,
			 const char **noop, struct vml_diag *diag);

#endif

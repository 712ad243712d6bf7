/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arch-independent steps of /reserved-memory
 *
 * drivers/of/fdt.c (v6.1): early_init_dt_reserve_memory() for each static
 * region (no-map marks the range NOMAP unless it overlaps something already
 * reserved, which fails with the kernel's message; the others are
 * memblock_reserve()d), and the header's /memreserve/ entries. Each arch
 * keeps what differs: the order, its CMA bookkeeping, its dynamic regions.
 */
#include "vmlayout/layout_policy.h"

bool vml_reserved_is_cma(const struct vml_board_reserved *r)
{
	return r->reusable && r->shared_dma_pool && !r->nomap;
}

int vml_of_reserve_static(struct vml_memblock *mb, struct vml_layout *lo,
			  const struct vml_board_reserved *r, bool pa_64bit, bool *reserved,
			  struct vml_diag *diag)
{
	*reserved = false;
	if (r->nomap && vml_memblock_is_region_reserved(mb, r->base, r->size)) {
		/* __reserved_mem_reserve_reg()'s pr_err (pr_fmt "OF: fdt: ");
		 * %pa at the phys_addr_t's width */
		vml_layout_kmsg_name(lo,
				     pa_64bit
					 ? "OF: fdt: Reserved memory: failed to reserve memory "
					   "for node '%s': base 0x%016llx, size %llu MiB\n"
					 : "OF: fdt: Reserved memory: failed to reserve memory "
					   "for node '%s': base 0x%08llx, size %llu MiB\n",
				     r->name, r->base, r->size >> 20);
		return VML_OK;
	}
	*reserved = true;
	if (r->nomap)
		return vml_memblock_mark_nomap(mb, r->base, r->size, diag);
	return vml_memblock_reserve(mb, r->base, r->size, diag);
}

int vml_of_reserve_memreserve(struct vml_memblock *mb, struct vml_layout *lo,
			      const struct vml_board *board, struct vml_diag *diag)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < board->n_memreserve; i++) {
		const struct vml_range64 *m = &board->memreserve[i];

		ret = vml_memblock_reserve(mb, m->base, m->size, diag);
		if (!ret)
			ret = vml_layout_add_reservation(lo, "memreserve", m->base, m->size, false,
							 diag);
	}
	return ret;
}

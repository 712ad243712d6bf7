/* SPDX-License-Identifier: MIT */
/*
 * DOC: /reserved-memory as 6.x applies it
 *
 * drivers/of/fdt.c early_init_fdt_scan_reserved_mem() and
 * drivers/of/of_reserved_mem.c (v6.1): static regions first (no-map marks
 * the range NOMAP unless it overlaps something already reserved; others are
 * memblock_reserve()d), then the header's /memreserve/ entries, then the
 * dynamic regions, allocated with memblock_phys_alloc_range() in each
 * alloc-range in turn, or anywhere in RAM (top-down). A reusable
 * shared-dma-pool is CMA: aligned to CMA_MIN_ALIGNMENT_BYTES (PAGE_SIZE * pageblock_nr_pages), and
 * its pages are later managed by the buddy allocator (counted in MemTotal).
 * 3.4 had no /reserved-memory; its profile ignores the node.
 */
#include "arch/arm/arm_reserve.h"

#define ARM_SMP_CACHE_BYTES 64 /* the memblock default when no alignment is given */

/*
 * Every reusable shared-dma-pool goes through rmem_cma_setup()
 * (kernel/dma/contiguous.c v6.1) and becomes a CMA area whose pages the
 * buddy allocator gets (cma_activate_area()); when that setup fails (bad
 * alignment, all CMA_AREAS used), fdt_init_reserved_mem()
 * (drivers/of/of_reserved_mem.c v6.1) frees the region instead. Either way
 * its pages are in MemTotal.
 */
static int record(struct arm_state *st, const struct vml_board_reserved *r, uint64_t base)
{
	if (vml_reserved_is_cma(r)) {
		if (r->cma_default && !st->cma_size) {
			st->cma_base = base;
			st->cma_size = r->size;
		}
		vml_arm_note_cma_area(st, base, r->size);
	}
	int ret = vml_layout_add_reservation(st->lo, r->name, base, r->size, vml_reserved_is_cma(r),
					     st->diag);

	if (!ret)
		st->lo->reservations[st->lo->n_reservations - 1].cma = vml_reserved_is_cma(r);
	return ret;
}

static int reserve_static(struct arm_state *st, const struct vml_board_reserved *r)
{
	bool reserved;
	int ret = vml_of_reserve_static(st->mb, st->lo, r, st->mb->phys_addr_max > 0xffffffffULL,
					&reserved, st->diag);

	return ret || !reserved ? ret : record(st, r, r->base);
}

static int alloc_dynamic(struct arm_state *st, const struct vml_board_reserved *r)
{
	uint64_t align = r->align ? r->align : ARM_SMP_CACHE_BYTES;
	vml_phys_t base = 0;
	int ret = VML_ENOMEM;

	if (vml_reserved_is_cma(r))
		align =
		    vml_max(align, VML_SZ_4K * st->pageblock_pages); /* CMA_MIN_ALIGNMENT_BYTES */
	if (r->n_alloc_ranges) {
		for (unsigned int i = 0; ret && i < r->n_alloc_ranges; i++)
			ret = vml_memblock_phys_alloc_range(
			    st->mb, r->size, align, r->alloc_ranges[i].base,
			    r->alloc_ranges[i].base + r->alloc_ranges[i].size, &base, NULL);
	} else {
		/* early_init_dt_alloc_reserved_memory_arch(): end 0 means
		 * MEMBLOCK_ALLOC_ANYWHERE, so the region goes to the top of RAM,
		 * highmem included (seen on Debian 6.1: docs/conformance.md) */
		ret = vml_memblock_phys_alloc_range(st->mb, r->size, align, 0,
						    VML_MEMBLOCK_ALLOC_ANYWHERE, &base, NULL);
	}
	if (ret) {
		vml_layout_kmsg(st->lo,
				"OF: reserved mem: failed to allocate memory for node, size %llu "
				"MiB\n",
				r->size >> 20, 0, 0, 0);
		return VML_OK;
	}
	if (r->nomap) {
		ret = vml_memblock_mark_nomap(st->mb, base, r->size, st->diag);
		if (ret)
			return ret;
	}
	return record(st, r, base);
}

/* 6.x arm_memblock_init() (arch/arm/mm/init.c v6.1): the blob itself
 * (early_init_fdt_reserve_self()), then early_init_fdt_scan_reserved_mem(). */
int vml_arm_reserve_dt_and_reserved_memory(struct arm_state *st)
{
	int ret = VML_OK;

	if (st->board->has_dtb_phys && st->board->dtb_size) {
		ret = vml_memblock_reserve(st->mb, st->board->dtb_phys, st->board->dtb_size,
					   st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "dtb", st->board->dtb_phys,
							 st->board->dtb_size, false, st->diag);
	}
	return ret ? ret : vml_arm_reserved_memory(st);
}

int vml_arm_reserved_memory(struct arm_state *st)
{
	const struct vml_board *board = st->board;
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < board->n_reserved; i++)
		if (!board->reserved[i].dynamic)
			ret = reserve_static(st, &board->reserved[i]);
	if (!ret)
		ret = vml_of_reserve_memreserve(st->mb, st->lo, board, st->diag);
	for (unsigned int i = 0; !ret && i < board->n_reserved; i++)
		if (board->reserved[i].dynamic)
			ret = alloc_dynamic(st, &board->reserved[i]);
	return ret;
}

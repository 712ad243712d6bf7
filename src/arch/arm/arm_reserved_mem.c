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
#include "vmlayout/dma_contiguous.h"

#define ARM_SMP_CACHE_BYTES 64 /* the memblock default when no alignment is given */

/* The handlers' environment on this kernel: CONFIG_ARM, CONFIG_DMA_CMA
 * with CONFIG_CMA, CMA_MIN_ALIGNMENT_BYTES = PAGE_SIZE * pageblock_nr_pages. */
static struct vml_rmem_env rmem_env(const struct arm_state *st)
{
	struct vml_rmem_env env = {
	    st->mb->phys_addr_max > 0xffffffffULL, true, st->cfg->cma,
	    VML_SZ_4K * st->pageblock_pages,
	    st->prof->cma_cmdline &&
		vml_cma_cmdline_given(st->cfg, st->mb->phys_addr_max > 0xffffffffULL)};

	return env;
}

static int record(struct arm_state *st, const struct vml_board_reserved *r, uint64_t base)
{
	return vml_layout_add_reservation(st->lo, r->name, base, r->size, false, st->diag);
}

/* The reservation recorded for @r at @base, or -1. */
/*
 * __reserved_mem_init_node() and its outcome (vml_of_reserved_mem_settle());
 * arm's own part: a CMA area is noted for the totals and for
 * dma_contiguous_remap(), the default one remembered.
 */
static int init_node(struct arm_state *st, const struct vml_board_reserved *r, uint64_t base)
{
	struct vml_rmem_env env = rmem_env(st);
	enum vml_rmem_init got = vml_of_reserved_mem_init_node(st->lo, r, base, &env);

	if (got == VML_RMEM_CMA) {
		if (r->cma_default && !st->cma_size) {
			st->cma_base = base;
			st->cma_size = r->size;
		}
		vml_arm_note_cma_area(st, base, r->size);
	}
	return vml_of_reserved_mem_settle(st->lo, st->mb, r, base, got, st->diag);
}

static int reserve_static(struct arm_state *st, const struct vml_board_reserved *r, bool *reserved)
{
	int ret = vml_of_reserve_static(st->mb, st->lo, r, st->mb->phys_addr_max > 0xffffffffULL,
					reserved, st->diag);

	return ret || !*reserved ? ret : record(st, r, r->base);
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
		vml_of_reserved_mem_alloc_failed(st->lo, r);
		return VML_OK;
	}
	if (r->nomap) {
		ret = vml_memblock_mark_nomap(st->mb, base, r->size, st->diag);
		if (ret)
			return ret;
	}
	st->n_rmem_dynamic_placed++;
	ret = record(st, r, base);
	return ret ? ret : init_node(st, r, base);
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

static int init_static(void *arg, const struct vml_board_reserved *r)
{
	return init_node(arg, r, r->base);
}

/*
 * fdt_scan_reserved_mem() reserves the static regions, then the header's
 * /memreserve/; fdt_init_reserved_mem() sorts the regions by base (the
 * dynamic ones, base 0 then, first: vmlayout keeps them in DT order, the
 * kernel's heap sort of equal keys aside), allocating and initialising
 * each in turn.
 */
int vml_arm_reserved_memory(struct arm_state *st)
{
	const struct vml_board *board = st->board;
	bool kept[VML_BOARD_MAX_RESERVED] = {false};
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < board->n_reserved; i++)
		if (!board->reserved[i].dynamic)
			ret = reserve_static(st, &board->reserved[i], &kept[i]);
	if (!ret)
		ret = vml_of_reserve_memreserve(st->mb, st->lo, board, st->diag);
	for (unsigned int i = 0; !ret && i < board->n_reserved; i++)
		if (board->reserved[i].dynamic)
			ret = alloc_dynamic(st, &board->reserved[i]);
	if (!ret)
		ret = vml_of_reserved_mem_static_order(board, kept, init_static, st);
	return ret;
}

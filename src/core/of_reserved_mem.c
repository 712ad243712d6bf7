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

void vml_of_reserved_mem_alloc_failed(struct vml_layout *lo, const struct vml_board_reserved *r)
{
	/* __reserved_mem_alloc_size()'s pr_err (pr_fmt "OF: reserved mem: ") */
	vml_layout_kmsg_name(lo,
			     "OF: reserved mem: failed to allocate memory for node '%s': size %llu "
			     "MiB\n",
			     r->name, r->size >> 20, 0);
}

/* rmem_cma_setup() (kernel/dma/contiguous.c v6.1), the first
 * "shared-dma-pool" handler in link order (contiguous.o before coherent.o,
 * kernel/dma/Makefile). Return: 0 or a negative errno-like code. */
static int cma_setup(struct vml_layout *lo, const struct vml_board_reserved *r, uint64_t base,
		     const struct vml_rmem_env *env)
{
	if (env->cma_cmdline && r->cma_default) {
		vml_layout_kmsg_name(lo,
				     "Reserved memory: bypass %s node, using cmdline CMA params "
				     "instead\n",
				     r->name, 0, 0);
		return -16; /* -EBUSY */
	}
	if (!r->reusable || r->nomap)
		return -22; /* -EINVAL, silent */
	if ((base | r->size) & (env->cma_align - 1)) {
		vml_layout_kmsg(lo, "Reserved memory: incorrect alignment of CMA region\n", 0, 0, 0,
				0);
		return -22;
	}
	vml_layout_kmsg(
	    lo,
	    env->pa_64bit ? "Reserved memory: created CMA memory pool at 0x%016llx, size %llu MiB\n"
			  : "Reserved memory: created CMA memory pool at 0x%08llx, size %llu MiB\n",
	    base, r->size >> 20, 0, 0);
	return 0;
}

/* rmem_dma_setup() (kernel/dma/coherent.c v6.1). */
static int dma_setup(struct vml_layout *lo, const struct vml_board_reserved *r, uint64_t base,
		     const struct vml_rmem_env *env)
{
	if (r->reusable)
		return -22;
	if (env->arm && !r->nomap) { /* #ifdef CONFIG_ARM */
		vml_layout_kmsg(lo,
				"Reserved memory: regions without no-map are not yet supported\n",
				0, 0, 0, 0);
		return -22;
	}
	vml_layout_kmsg(
	    lo,
	    env->pa_64bit ? "Reserved memory: created DMA memory pool at 0x%016llx, size %llu MiB\n"
			  : "Reserved memory: created DMA memory pool at 0x%08llx, size %llu MiB\n",
	    base, r->size >> 20, 0, 0);
	return 0;
}

enum vml_rmem_init vml_of_reserved_mem_init_node(struct vml_layout *lo,
						 const struct vml_board_reserved *r, uint64_t base,
						 const struct vml_rmem_env *env)
{
	int ret = -2; /* -ENOENT: no handler for the node's compatible */
	bool cma = false;

	if (!r->shared_dma_pool)
		return VML_RMEM_NO_HANDLER;
	if (env->dma_cma) {
		ret = cma_setup(lo, r, base, env);
		cma = ret == 0;
	}
	if (ret)
		ret = dma_setup(lo, r, base, env);
	if (ret) {
		vml_layout_kmsg_name(lo, "OF: reserved mem: node %s compatible matching fail\n",
				     r->name, 0, 0);
		return VML_RMEM_FAILED;
	}
	vml_layout_kmsg_name(
	    lo, "OF: reserved mem: initialized node %s, compatible id shared-dma-pool\n", r->name,
	    0, 0);
	return cma ? VML_RMEM_CMA : VML_RMEM_DMA;
}

int vml_of_reserved_mem_static_order(const struct vml_board *board, bool *kept,
				     int (*fn)(void *arg, const struct vml_board_reserved *r),
				     void *arg)
{
	for (;;) {
		int next = -1, ret;

		for (unsigned int i = 0; i < board->n_reserved; i++)
			if (kept[i] &&
			    (next < 0 || board->reserved[i].base < board->reserved[next].base))
				next = (int)i;
		if (next < 0)
			return VML_OK;
		kept[next] = false;
		ret = fn(arg, &board->reserved[next]);
		if (ret)
			return ret;
	}
}

int vml_of_reserved_mem_settle(struct vml_layout *lo, struct vml_memblock *mb,
			       const struct vml_board_reserved *r, uint64_t base,
			       enum vml_rmem_init got, struct vml_diag *diag)
{
	int at = -1, ret = VML_OK;

	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (lo->reservations[i].name == r->name && lo->reservations[i].base == base)
			at = (int)i;
	if (got == VML_RMEM_CMA && at >= 0) {
		lo->reservations[at].cma = true;
		lo->reservations[at].freed_at_boot_end = true;
	} else if (got == VML_RMEM_FAILED) {
		ret = r->nomap ? vml_memblock_clear_nomap(mb, base, r->size, diag)
			       : vml_memblock_free(mb, base, r->size, diag);
		if (!ret && at >= 0)
			vml_layout_remove_reservation(lo, (unsigned int)at);
	}
	return ret;
}

uint64_t vml_of_reserved_mem_array_bytes(const struct vml_board *board, unsigned int dynamic_placed,
					 uint64_t entry_size)
{
	uint64_t count = (uint64_t)board->n_reserved_reg_nodes + dynamic_placed;

	return board->has_reserved_memory ? count * entry_size : 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the vmemmap's page-table pages, taken at sparse_init() time
 *
 * sparse_init() (mm/sparse.c v6.1, v6.12) populates the vmemmap section by
 * section: vmemmap_populate() walks down from the root and takes every
 * missing table from vmemmap_alloc_block_zero() (mm/sparse-vmemmap.c), a
 * memblock page top-down on the section's node, then anywhere, before the
 * sparse buffer's tail goes back. The layout takes those pages at that
 * point (vml_vmemmap_new_tables(), vml_vmemmap_take_tables()); the boot
 * tables then build the vmemmap from exactly them, in the same order
 * (struct vml_vmemmap_table_pool), so both agree on the PAs and MemTotal
 * counts them as the kernel does.
 */
#ifndef VMLAYOUT_VMEMMAP_TABLES_H
#define VMLAYOUT_VMEMMAP_TABLES_H

#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"

/* The name of the layout's reservations of vmemmap table pages. */
#define VML_VMEMMAP_TABLES_NAME "page tables (vmemmap)"
#define VML_VMEMMAP_MAX_TABLE_LEVELS 6

/* The last table piece seen at each level, as sections come in VA order,
 * and the pieces whose tables were there before sparse_init(). */
struct vml_vmemmap_tables {
	uint64_t last[VML_VMEMMAP_MAX_TABLE_LEVELS];
	bool seen[VML_VMEMMAP_MAX_TABLE_LEVELS];
	uint64_t existing_first[VML_VMEMMAP_MAX_TABLE_LEVELS];
	uint64_t existing_last[VML_VMEMMAP_MAX_TABLE_LEVELS];
	bool existing;
};

/**
 * vml_vmemmap_tables_exist() - tables already in the tree at sparse_init()
 * @t: zeroed, before the first vml_vmemmap_new_tables()
 * @va, @size: a range mapped then whose tables the vmemmap may share (the
 *	fixmap's, static in the image: a vmemmap next to it in the same
 *	top-level entry takes no page for them); the other arguments as
 *	vml_vmemmap_new_tables()'s
 */
void vml_vmemmap_tables_exist(struct vml_vmemmap_tables *t, uint64_t va, uint64_t size,
			      unsigned int first_shift, unsigned int bits, unsigned int n_levels);

/**
 * vml_vmemmap_new_tables() - the tables a new vmemmap range needs
 * @t: zeroed before the first section, then kept across sections (and runs)
 * @va, @size: the section's struct pages (VA ascending across calls)
 * @first_shift: log2 of the VA one lowest-level table needed covers (a PTE
 *	table with base pages, a PMD table with PMD blocks)
 * @bits: log2 of the entries per table
 * @n_levels: how many table levels below the root (at most
 *	VML_VMEMMAP_MAX_TABLE_LEVELS)
 *
 * Returns how many tables the range needs that no earlier range made: the
 * pieces of 2^(first_shift + k * bits) bytes it touches, k = 0..n_levels-1.
 */
uint64_t vml_vmemmap_new_tables(struct vml_vmemmap_tables *t, uint64_t va, uint64_t size,
				unsigned int first_shift, unsigned int bits, unsigned int n_levels);

/**
 * vml_vmemmap_take_tables() - take @n table pages as vmemmap_alloc_block_zero()
 * @mb, @layout: the pages are reserved and recorded as VML_VMEMMAP_TABLES_NAME
 *	reservations, each a run of pages taken downwards (one page after
 *	another, top-down), in the order taken
 * @page: the page size; @nid: the node first, then any (VML_NUMA_NO_NODE: any)
 *
 * Returns 0 or VML_ENOMEM (what was taken stays taken, as in the kernel,
 * which panics).
 */
int vml_vmemmap_take_tables(struct vml_memblock *mb, struct vml_layout *layout, uint64_t n,
			    uint64_t page, int nid, struct vml_diag *diag);

/*
 * A table allocator for a tree that hands out the layout's vmemmap table
 * pages in the order the layout took them, and reaches them through the
 * tree's own window. Give it to vml_pt_map() by swapping ctx->alloc_table,
 * free_table and cb (vml_vmemmap_pool_enter()/_leave()).
 */
struct vml_vmemmap_table_pool {
	const struct vml_layout *layout;
	unsigned int reservation; /* the current reservation's index */
	uint64_t taken;		  /* pages handed out from it */
	uint64_t page;
	uint64_t handed; /* in all */
	vml_pt_alloc_fn inner_alloc;
	vml_pt_free_fn inner_free;
	vml_pt_window_fn inner_window;
	void *inner_cb;
};

/* Start handing out @layout's pages to @ctx's tree (page size @page). */
void vml_vmemmap_pool_enter(struct vml_vmemmap_table_pool *pool, struct vml_pt_ctx *ctx,
			    const struct vml_layout *layout, uint64_t page);
/* Give @ctx its own allocator back. Returns VML_EINVAL (in @diag) when the
 * tree used fewer pages than the layout took: the two models disagree. */
int vml_vmemmap_pool_leave(struct vml_vmemmap_table_pool *pool, struct vml_pt_ctx *ctx,
			   struct vml_diag *diag);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the tables a map, unmap or protect allocates between plan and commit
 *
 * The plan counts the tables each level needs; vml_pt_pool_fill() takes
 * them all from the caller's allocator before anything is written, and
 * gives every one back (last first) if one cannot be had, so a failed call
 * changes nothing. The commit then takes them level by level, the last
 * allocated first. However many a call needs, no storage is asked for: the
 * first POOL_HELD of a level are kept in the op, the rest chained through
 * their own first 8 bytes (a table not yet linked in is the engine's to
 * write). Holding the first few spares a window call per table to read
 * the chain back (a hash lookup in the simulated physical memory), and
 * most calls need at most a few tables.
 */
#include "core/pgtable_internal.h"

/* The chain's link, little-endian in a table's first 8 bytes, written and
 * read as one expression so that the compiler makes it one store and one
 * load where the target allows. */
static void chain_push(struct pt_op *op, unsigned int li, vml_paddr_t pa, unsigned char *p)
{
	uint64_t next = vml_pa_addr(op->pool[li]);

	p[0] = (unsigned char)next;
	p[1] = (unsigned char)(next >> 8);
	p[2] = (unsigned char)(next >> 16);
	p[3] = (unsigned char)(next >> 24);
	p[4] = (unsigned char)(next >> 32);
	p[5] = (unsigned char)(next >> 40);
	p[6] = (unsigned char)(next >> 48);
	p[7] = (unsigned char)(next >> 56);
	op->pool[li] = pa;
}

/* The chain's head; under ctx->tables_zeroed its link is cleared again,
 * so the table reads as zero as the allocator gave it. The whole table is
 * asked of the window, not only its link: the commit reaches it next, and
 * takes the pointer from the level's memo (vml_pt_op_window()). */
static vml_paddr_t chain_pop(struct pt_op *op, unsigned int li)
{
	vml_paddr_t pa = op->pool[li];
	unsigned char *p = op->ctx->window(op->ctx->cb, pa, vml_pt_alloc_size(op->f, li));
	uint64_t next = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
			(uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
			(uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;

	if (vml_pt_packed(op->f, op->f->first_level + (int)li))
		vml_pt_op_window_forget(op, li); /* a block, not the level's table */
	else
		vml_pt_op_window_keep(op, li, pa, p);
	if (op->ctx->tables_zeroed)
		for (unsigned int i = 0; i < 8; i++)
			p[i] = 0;
	op->pool[li] = vml_pa(next);
	return pa;
}

static void pool_push(struct pt_op *op, unsigned int li, vml_paddr_t pa, unsigned char *p)
{
	if (op->pooled[li] < POOL_HELD)
		op->held[li][op->pooled[li]] = pa;
	else
		chain_push(op, li, pa, p);
	op->pooled[li]++;
	op->pooled_all++;
}

/* vml_pt_pool_pop() of a table beyond the POOL_HELD the op holds. */
vml_paddr_t vml_pt_pool_pop_chained(struct pt_op *op, unsigned int li)
{
	op->pooled[li]--;
	op->pooled_all--;
	return chain_pop(op, li);
}

/* Give back every pooled table, last allocated first. */
void vml_pt_pool_release(struct pt_op *op)
{
	for (unsigned int li = op->f->levels; li-- > 1;)
		while (op->pooled[li])
			op->ctx->free_table(op->ctx->cb, vml_pt_pool_pop(op, li),
					    vml_pt_alloc_size(op->f, li));
}

/* One table of @size at level index @li, or an error with every table
 * taken so far given back. */
static int pool_take(struct pt_op *op, unsigned int li, uint64_t size, uint64_t align,
		     struct vml_diag *diag)
{
	struct vml_pt_ctx *ctx = op->ctx;
	int level = op->f->first_level + (int)li;
	const char *why = NULL;
	vml_paddr_t pa;
	unsigned char *p = NULL;

	/* A tree opened by vml_pt_attach() may have no allocator. */
	if (!ctx->alloc_table || !ctx->free_table)
		return vml_fail(diag, VML_EINVAL,
				"the tree has no table allocator (opened read-only)", op->va, size,
				level);
	if (ctx->alloc_table(ctx->cb, size, align, &pa)) {
		vml_pt_pool_release(op);
		return vml_fail(diag, VML_ENOMEM, "out of page-table memory", op->va, size, level);
	}
	if (!vml_pt_table_reachable(op->f, pa, size))
		why = vml_pt_unreachable_table;
	else if (!(p = ctx->window(ctx->cb, pa, size)))
		why = "window cannot reach a new table";
	if (why) {
		ctx->free_table(ctx->cb, pa, size);
		vml_pt_pool_release(op);
		return vml_fail(diag, VML_ERANGE, why, vml_pa_addr(pa), size, level);
	}
	/* The commit's first reach of the table, if no other of its level is
	 * reached before (vml_pt_op_window()). */
	if (vml_pt_packed(op->f, level))
		vml_pt_op_window_forget(op, li);
	else
		vml_pt_op_window_keep(op, li, pa, p);
	pool_push(op, li, pa, p);
	return 0;
}

/* Every table the plan counted (op->need), or none. */
int vml_pt_pool_fill(struct pt_op *op, struct vml_diag *diag)
{
	for (unsigned int li = 1; li < op->f->levels; li++) {
		/* A packed level takes one block per pair (struct vml_pt_pack),
		 * aligned to its size. */
		uint64_t size, align;

		if (!op->need[li])
			continue;
		size = vml_pt_alloc_size(op->f, li);
		align = vml_pt_packed(op->f, op->f->first_level + (int)li)
			    ? size
			    : op->f->level[li].table_align;
		for (uint64_t i = 0; i < op->need[li]; i++) {
			int err = pool_take(op, li, size, align, diag);

			if (err)
				return err;
		}
	}
	return 0;
}

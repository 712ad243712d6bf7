/* SPDX-License-Identifier: MIT */
/*
 * DOC: the one function that writes an entry of a live table
 *
 * docs/architecture.md "Live updates are recorded": every write to an entry of a table
 * reachable from the root comes through vml_pt_update_entry(), which stores
 * the new value through the window and appends (old, new, va, level) to the
 * context's log; in a packed table (struct vml_pt_pack) it also writes the
 * shadow entry and appends a VML_PT_UPD_SHADOW record of it, which the
 * checker skips (no MMU walks a shadow). Writes to tables not yet linked
 * in are not live and not
 * logged (the kernel fills a new table before installing it, so no walker
 * can see it half built). TLB invalidations are logged too, so the
 * break-before-make checker can see "invalidate, TLBI, write".
 */
#include "core/pgtable_internal.h"

static void log_append(struct vml_pt_ctx *ctx, const struct vml_pt_update *u)
{
	struct vml_pt_log *log = ctx->log;

	if (!log)
		return;
	if (log->cnt >= log->max) {
		log->dropped++;
		return;
	}
	log->rec[log->cnt++] = *u;
}

/**
 * vml_pt_update_entry() - write entry @idx of table @t
 * @ctx: the tree
 * @t: a real table
 * @idx: the entry
 * @eva: the first VA the entry maps
 * @old, @new_: the value there now and the value to write
 * @force_log: log even if @old is invalid (the "make" half of a
 *	break-before-make, so the checker sees it)
 */
void vml_pt_update_entry(struct vml_pt_ctx *ctx, struct vml_pt_table *t, uint64_t idx, uint64_t eva,
			 uint64_t old, uint64_t new_, bool force_log)
{
	const struct vml_pt_format *f = ctx->fmt;
	struct vml_pt_entry e;
	struct vml_pt_update u;

	vml_pt_store_entry(f, t->level, t->ptr, t->shadow, idx, new_);
	if (!t->live)
		return;
	if (!force_log && !ctx->log_all && f->ops->decode(f, t->level, old, &e) == VML_PTE_INVALID)
		return;
	u.kind = VML_PT_UPD_WRITE;
	u.level = t->level;
	u.va = vml_va(eva);
	u.size = 1ULL << vml_pt_level(f, t->level)->shift;
	u.entry = vml_pa(vml_pa_addr(t->pa) + idx * f->entry_size);
	u.old = old;
	u.new_ = new_;
	log_append(ctx, &u);
	if (!t->shadow)
		return;
	/* The shadow beside it (struct vml_pt_pack): recorded with its own
	 * kind, since no MMU walks it and no BBM rule applies. */
	u.kind = VML_PT_UPD_SHADOW;
	u.entry = vml_pa(vml_pa_addr(vml_pt_pack_base(f, t->pa)) +
			 f->pack.shadow_offset[vml_pt_pack_half(f, t->pa)] + idx * f->entry_size);
	u.old = f->ops->encode_shadow(f, t->level, old);
	u.new_ = f->ops->encode_shadow(f, t->level, new_);
	log_append(ctx, &u);
}

/**
 * vml_pt_update_tlbi() - record a TLB invalidation of [va, va + size)
 *
 * The engine models no TLB; the record is what a real implementation must
 * do at this point, and what the checker looks for.
 */
void vml_pt_update_tlbi(struct vml_pt_ctx *ctx, uint64_t va, uint64_t size)
{
	struct vml_pt_update u = {0};

	u.kind = VML_PT_UPD_TLBI;
	u.va = vml_va(va);
	u.size = size;
	log_append(ctx, &u);
}

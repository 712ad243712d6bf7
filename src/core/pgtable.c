/* SPDX-License-Identifier: MIT */
/*
 * DOC: page-table context set-up, ranges and packed tables
 *
 * Entry access (loads, stores, indexes) is static inline in
 * pgtable_internal.h: it is the engine's innermost loop.
 */
#include "core/pgtable_internal.h"

/* The VA of root entry @idx: sign-extended for riscv, in the high half for
 * a TTBR1 tree. */
uint64_t vml_pt_root_entry_va(const struct vml_pt_ctx *ctx, uint64_t idx)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t va = idx << f->level[0].shift;
	unsigned int root_bits = f->level[0].shift + f->level[0].index_bits;

	/* An explicit range (arm TTBR0/TTBR1 halves): the root indexes the VA
	 * bits below root_bits of the aligned block holding va_first (LPAE
	 * T1SZ = 2: the block 0xc0000000 + 1 GiB; TTBCR.N: the whole 4 GiB). */
	if (f->va_last)
		return (root_bits >= 64 ? 0 : vml_align_down(f->va_first, 1ULL << root_bits)) + va;
	if (f->va_split == VML_PT_VA_TWO_ROOTS && ctx->upper)
		return ctx->va_start + va;
	if (f->va_split == VML_PT_VA_SIGN_EXTEND && f->va_bits < 64 && (va >> (f->va_bits - 1)) & 1)
		va |= ~0ULL << f->va_bits;
	return va;
}

uint64_t vml_pt_leaf_oa(const struct vml_pt_format *f, int level, const struct vml_pt_entry *e,
			uint64_t eva)
{
	uint64_t oa = vml_pa_addr(e->addr);

	if (e->attrs.perm & VML_PT_CONT) {
		uint64_t gspan = vml_pt_group_entries(f, level) << vml_pt_level(f, level)->shift;

		oa = vml_align_down(oa, gspan) + (eva & (gspan - 1));
	}
	return oa;
}

void vml_pt_inherit_domain(const struct vml_pt_format *f, int level, uint8_t table_domain,
			   struct vml_pt_entry *e)
{
	if ((f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE) && level > f->first_level &&
	    e->kind == VML_PTE_LEAF)
		e->attrs.domain = table_domain;
}

/* Pieces of a split leaf keep its attributes and, when the caller allows,
 * take the contiguous hint at the next level (every piece group is aligned:
 * the leaf is aligned to its span, which holds whole groups). */
uint64_t vml_pt_split_piece(const struct vml_pt_format *f, int level, uint64_t raw, uint64_t va,
			    uint64_t idx, bool cont)
{
	struct vml_pt_entry e;
	const struct vml_pt_level *l = vml_pt_level(f, level);
	uint64_t oa;

	f->ops->decode(f, level - 1, raw, &e);
	oa = vml_pt_leaf_oa(f, level - 1, &e, va) + (idx << l->shift);
	e.attrs.perm &= ~VML_PT_CONT;
	if (cont && l->cont_entries > 1 &&
	    (vml_pt_group_entries(f, level) << l->shift) <=
		(1ULL << vml_pt_level(f, level - 1)->shift))
		e.attrs.perm |= VML_PT_CONT;
	return f->ops->encode_leaf(f, level, vml_pa(oa), &e.attrs);
}

/* --- packed tables (struct vml_pt_pack) --- */

vml_paddr_t vml_pt_pack_base(const struct vml_pt_format *f, vml_paddr_t table)
{
	return vml_pa(vml_align_down(vml_pa_addr(table), f->pack.page_size));
}

unsigned int vml_pt_pack_half(const struct vml_pt_format *f, vml_paddr_t table)
{
	uint64_t off = vml_pa_addr(table) - vml_pa_addr(vml_pt_pack_base(f, table));

	return off == f->pack.hw_offset[1];
}

/* vml_pt_window_table() of a packed level: the block, and the shadows. */
unsigned char *vml_pt_window_packed(const struct vml_pt_ctx *ctx, int level, vml_paddr_t table,
				    unsigned char **shadow)
{
	const struct vml_pt_format *f = ctx->fmt;
	vml_paddr_t base;
	unsigned char *p;

	(void)level;
	base = vml_pt_pack_base(f, table);
	p = ctx->window(ctx->cb, base, f->pack.page_size);
	if (!p)
		return NULL;
	*shadow = p + f->pack.shadow_offset[vml_pt_pack_half(f, table)];
	return p + (vml_pa_addr(table) - vml_pa_addr(base));
}

void vml_pt_store_entry(const struct vml_pt_format *f, int level, unsigned char *table,
			unsigned char *shadow, uint64_t idx, uint64_t raw)
{
	vml_pt_store_raw(f, table, idx, raw);
	if (shadow)
		vml_pt_store_raw(f, shadow, idx, f->ops->encode_shadow(f, level, raw));
}

void vml_pt_pack_clear(const struct vml_pt_format *f, unsigned char *block)
{
	int level = f->first_level + 1;
	uint64_t inval = f->ops->encode_invalid(f, level);

	for (unsigned int h = 0; h < 2; h++)
		for (uint64_t i = 0; i < vml_pt_table_entries(f, level); i++)
			vml_pt_store_entry(f, level, block + f->pack.hw_offset[h],
					   block + f->pack.shadow_offset[h], i, inval);
}

const char vml_pt_unreachable_table[] =
    "table memory beyond what the entry pointing at it can hold (the format's table PA bits)";

static void set_va_range(struct vml_pt_ctx *ctx)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t span = f->va_bits >= 64 ? 0 : 1ULL << f->va_bits;

	if (f->va_last) {
		ctx->va_start = f->va_first;
		ctx->va_last = f->va_last;
		return;
	}
	switch (f->va_split) {
	case VML_PT_VA_TWO_ROOTS:
	case VML_PT_VA_ZERO_EXTEND:
		ctx->va_start = ctx->upper ? 0 - span : 0;
		ctx->va_last = ctx->upper ? ~0ULL : span - 1;
		break;
	case VML_PT_VA_SIGN_EXTEND:
		ctx->va_start = 0 - span / 2;
		ctx->va_last = span / 2 - 1;
		break;
	}
}

/**
 * vml_pt_init() - allocate and clear the root table
 * @ctx: with fmt, upper, alloc_table, free_table, window, cb and log set
 * @diag: filled on failure
 *
 * Return: 0; VML_EINVAL if a callback or the format is missing, or @upper is
 * set for a one-root format; VML_ENOMEM from the allocator; VML_ERANGE if
 * the allocator placed the root beyond the format's table_pa_bits or the
 * window cannot reach it (the root is then given back).
 */
int vml_pt_init(struct vml_pt_ctx *ctx, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	const struct vml_pt_level *root;
	vml_paddr_t pa;
	unsigned char *p;
	int err;

	if (!f || !f->ops || !ctx->alloc_table || !ctx->free_table || !ctx->window)
		return vml_fail(diag, VML_EINVAL, "page-table context lacks a format or callback",
				0, 0, -1);
	if (ctx->upper && f->va_split != VML_PT_VA_TWO_ROOTS)
		return vml_fail(diag, VML_EINVAL, "this format has one root, no upper half", 0, 0,
				-1);
	ctx->leaf_cache = (struct vml_pt_leaf_cache){0};
	root = &f->level[0];
	err = ctx->alloc_table(ctx->cb, root->table_size, root->table_align, &pa);
	if (err)
		return vml_fail(diag, VML_ENOMEM, "no memory for the root table", 0,
				root->table_size, f->first_level);
	if (!vml_pt_table_reachable(f, pa, root->table_size)) {
		ctx->free_table(ctx->cb, pa, root->table_size);
		return vml_fail(diag, VML_ERANGE, vml_pt_unreachable_table, vml_pa_addr(pa),
				root->table_size, f->first_level);
	}
	p = ctx->window(ctx->cb, pa, root->table_size);
	if (!p) {
		ctx->free_table(ctx->cb, pa, root->table_size);
		return vml_fail(diag, VML_ERANGE, "window cannot reach the root table",
				vml_pa_addr(pa), root->table_size, f->first_level);
	}
	for (uint64_t i = 0; i < vml_pt_table_entries(f, f->first_level); i++)
		vml_pt_store_raw(f, p, i, f->ops->encode_invalid(f, f->first_level));
	ctx->root = pa;
	set_va_range(ctx);
	return 0;
}

/**
 * vml_pt_attach() - open a tree over tables that already exist
 * @ctx: with fmt, upper, window and cb set (alloc_table, free_table optional)
 * @root: the root table
 * @diag: filled on failure
 *
 * Return: 0; VML_EINVAL if the format or window is missing or @upper is set
 * for a one-root format; VML_ERANGE if the window cannot reach the root.
 */
int vml_pt_attach(struct vml_pt_ctx *ctx, vml_paddr_t root, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;

	if (!f || !f->ops || !ctx->window)
		return vml_fail(diag, VML_EINVAL, "page-table context lacks a format or window", 0,
				0, -1);
	if (ctx->upper && f->va_split != VML_PT_VA_TWO_ROOTS)
		return vml_fail(diag, VML_EINVAL, "this format has one root, no upper half", 0, 0,
				-1);
	if (!ctx->window(ctx->cb, root, f->level[0].table_size))
		return vml_fail(diag, VML_ERANGE, "window cannot reach the root table",
				vml_pa_addr(root), f->level[0].table_size, f->first_level);
	ctx->leaf_cache = (struct vml_pt_leaf_cache){0};
	ctx->root = root;
	set_va_range(ctx);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: reading the tables: walk one VA, iterate leaves and tables, count
 *
 * The walk follows what the MMU does: from the root, index by the VA bits of
 * each level, stop at a leaf or an invalid entry. Hierarchical permissions
 * (arm64 PXNTable, UXNTable, APTable) are applied: a table entry's decoded
 * attrs.perm says what it still allows below it.
 */
#include "core/pgtable_internal.h"

/**
 * vml_pt_walk() - translate one VA
 * @ctx: the tree
 * @va: the address
 * @out: the result (filled up to the fault on VML_ENOENT)
 * @diag: filled on failure
 *
 * Return: 0 if mapped; VML_ENOENT if the walk meets an invalid entry
 * (out->level is its level); VML_ERANGE if @va is outside the tree or the
 * window cannot reach a table.
 */
int vml_pt_walk(const struct vml_pt_ctx *ctx, vml_vaddr_t va, struct vml_pt_walk *out,
		struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t v = vml_va_addr(va);
	uint32_t allowed = VML_PT_PERM_MASK;
	vml_paddr_t table = ctx->root;
	uint8_t domain = 0;

	*out = (struct vml_pt_walk){0};
	if (!vml_pt_range_in_tree(ctx, v, v))
		return vml_fail(diag, VML_ERANGE, "address outside the translated space", v, 0, -1);
	for (int level = f->first_level; level <= vml_pt_last_level(f); level++) {
		const struct vml_pt_level *l = vml_pt_level(f, level);
		uint64_t idx = vml_pt_index(f, level, v);
		unsigned char *shadow;
		unsigned char *p = vml_pt_window_table(ctx, level, table, &shadow);
		struct vml_pt_entry e;
		uint64_t raw;

		if (!p)
			return vml_fail(diag, VML_ERANGE, "window cannot reach a table",
					vml_pa_addr(table), l->table_size, level);
		raw = vml_pt_read_raw(f, p, idx);
		out->level = level;
		out->entry_pa[out->depth] = vml_pa(vml_pa_addr(table) + idx * f->entry_size);
		out->raw[out->depth++] = raw;
		if (shadow) {
			out->shadow = true;
			out->shadow_pa = vml_pa(vml_pa_addr(table) - (uint64_t)(p - shadow) +
						idx * f->entry_size);
			out->shadow_raw = vml_pt_read_raw(f, shadow, idx);
		}
		switch (f->ops->decode(f, level, raw, &e)) {
		case VML_PTE_INVALID:
			return vml_fail(diag, VML_ENOENT, "translation fault", v, 0, level);
		case VML_PTE_TABLE:
			if (level == vml_pt_last_level(f))
				return vml_fail(diag, VML_ENOENT, "table entry at the last level",
						v, 0, level);
			allowed &= e.attrs.perm;
			table = e.addr;
			domain = e.attrs.domain;
			continue;
		case VML_PTE_LEAF:
			break;
		}
		uint64_t eva = vml_align_down(v, 1ULL << l->shift);

		vml_pt_inherit_domain(f, level, domain, &e);

		out->leaf_size = 1ULL << l->shift;
		out->pa = vml_pa(vml_pt_leaf_oa(f, level, &e, eva) + (v - eva));
		out->cont = e.attrs.perm & VML_PT_CONT;
		out->attrs = e.attrs;
		out->attrs.perm &= allowed | ~VML_PT_PERM_MASK;
		return 0;
	}
	return vml_fail(diag, VML_ENOENT, "translation fault", v, 0, vml_pt_last_level(f));
}

struct visit {
	const struct vml_pt_ctx *ctx;
	vml_pt_range_fn leaf_fn;
	vml_pt_table_fn table_fn;
	void *arg;
	uint64_t last_block;   /* packed: the block last reported (one call per block) */
	struct vml_diag *diag; /* which table the window failed on, or NULL */
};

/* The table callback: a packed block once, for the first of its tables met
 * (the two entries of a pair are visited one after the other). */
static int report_table(struct visit *vs, int level, vml_paddr_t table)
{
	const struct vml_pt_format *f = vs->ctx->fmt;
	vml_paddr_t block;

	if (!vs->table_fn)
		return 0;
	if (!vml_pt_packed(f, level))
		return vs->table_fn(vs->arg, level, table, vml_pt_level(f, level)->table_size);
	block = vml_pt_pack_base(f, table);
	if (vml_pa_addr(block) == vs->last_block)
		return 0;
	vs->last_block = vml_pa_addr(block);
	return vs->table_fn(vs->arg, level, block, f->pack.page_size);
}

static int visit_table(struct visit *vs, int level, vml_paddr_t table, uint64_t va_base,
		       uint8_t domain)
{
	const struct vml_pt_format *f = vs->ctx->fmt;
	const struct vml_pt_level *l = vml_pt_level(f, level);
	unsigned char *shadow;
	unsigned char *p = vml_pt_window_table(vs->ctx, level, table, &shadow);
	int ret;

	if (!p)
		return vml_fail(vs->diag, VML_ERANGE, "window cannot reach a table",
				vml_pa_addr(table), l->table_size, level);
	if ((ret = report_table(vs, level, table)))
		return ret;
	for (uint64_t i = 0; i < vml_pt_table_entries(f, level); i++) {
		uint64_t raw = vml_pt_read_raw(f, p, i);
		uint64_t eva = level == f->first_level ? vml_pt_root_entry_va(vs->ctx, i)
						       : va_base + (i << l->shift);
		struct vml_pt_entry e;
		struct vml_pt_range r;

		switch (f->ops->decode(f, level, raw, &e)) {
		case VML_PTE_INVALID:
			continue;
		case VML_PTE_TABLE:
			if (level == vml_pt_last_level(f))
				continue;
			ret = visit_table(vs, level + 1, e.addr, eva, e.attrs.domain);
			if (ret)
				return ret;
			continue;
		case VML_PTE_LEAF:
			break;
		}
		if (!vs->leaf_fn)
			continue;
		vml_pt_inherit_domain(f, level, domain, &e);
		r.va = vml_va(eva);
		r.pa = vml_pa(vml_pt_leaf_oa(f, level, &e, eva));
		r.size = 1ULL << l->shift;
		r.level = level;
		r.attrs = e.attrs;
		ret = vs->leaf_fn(vs->arg, &r);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * vml_pt_for_each_leaf() - call @fn for every valid leaf entry, in VA order
 * @ctx: the tree
 * @fn: the callback; non-zero stops the iteration
 * @arg: passed to @fn
 *
 * Return: 0, @fn's non-zero value, or VML_ERANGE if the window fails.
 */
int vml_pt_for_each_leaf(const struct vml_pt_ctx *ctx, vml_pt_range_fn fn, void *arg)
{
	struct visit vs = {ctx, fn, NULL, arg, ~0ULL, NULL};

	return visit_table(&vs, ctx->fmt->first_level, ctx->root, 0, 0);
}

/**
 * vml_pt_for_each_table() - call @fn for every table, parents first
 * @ctx: the tree
 * @fn: the callback; non-zero stops the iteration
 * @arg: passed to @fn
 *
 * Return: 0, @fn's non-zero value, or VML_ERANGE if the window fails.
 */
int vml_pt_for_each_table(const struct vml_pt_ctx *ctx, vml_pt_table_fn fn, void *arg)
{
	struct visit vs = {ctx, NULL, fn, arg, ~0ULL, NULL};

	return visit_table(&vs, ctx->fmt->first_level, ctx->root, 0, 0);
}

struct count_arg {
	const struct vml_pt_format *f;
	struct vml_pt_stats *st;
};

static int count_table(void *arg, int level, vml_paddr_t table, uint64_t size)
{
	struct count_arg *ca = arg;
	unsigned int li = (unsigned int)(level - ca->f->first_level);

	(void)table;
	ca->st->tables[li]++;
	ca->st->table_bytes[li] += size;
	ca->st->total_tables++;
	ca->st->total_bytes += size;
	return 0;
}

static int count_leaf(void *arg, const struct vml_pt_range *r)
{
	struct count_arg *ca = arg;
	unsigned int li = (unsigned int)(r->level - ca->f->first_level);

	ca->st->leaves[li]++;
	if (r->attrs.perm & VML_PT_CONT)
		ca->st->cont_leaves[li]++;
	return 0;
}

/**
 * vml_pt_count() - tables per level and bytes, leaves per level
 * @ctx: the tree
 * @out: the figures
 *
 * Return: 0 or VML_ERANGE if the window fails.
 */
int vml_pt_count(const struct vml_pt_ctx *ctx, struct vml_pt_stats *out)
{
	struct count_arg ca = {ctx->fmt, out};
	struct visit vs = {ctx, count_leaf, count_table, &ca, ~0ULL, NULL};

	*out = (struct vml_pt_stats){0};
	return visit_table(&vs, ctx->fmt->first_level, ctx->root, 0, 0);
}

/**
 * vml_pt_check_readable() - whether the window reaches every table
 * @ctx: the tree
 * @diag: on failure, the first table not reached: address, size, level
 *
 * Return: 0 or VML_ERANGE.
 */
int vml_pt_check_readable(const struct vml_pt_ctx *ctx, struct vml_diag *diag)
{
	struct visit vs = {ctx, NULL, NULL, NULL, ~0ULL, diag};

	return visit_table(&vs, ctx->fmt->first_level, ctx->root, 0, 0);
}

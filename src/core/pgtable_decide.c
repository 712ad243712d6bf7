/* SPDX-License-Identifier: MIT */
/*
 * DOC: the decision for one entry
 *
 * A pure function, separated from the code that applies it (as TF-A's
 * xlat_tables_map_region_action() is from xlat_tables_map_region()), so the
 * block-size and replacement policy can be tested entry by entry.
 *
 * Policy:
 * - map: a leaf where the range covers the entry, the PA is aligned to it
 *   and a leaf is allowed; otherwise a table (new, existing, or made by
 *   splitting a leaf that maps something else). An existing table is never
 *   replaced by a leaf (the kernel BUGs on that, arch/arm64/mm/mmu.c
 *   alloc_init_pud/init_pmd, v6.12): the range is mapped inside it.
 * - unmap: invalidate covered leaves, split cut ones, descend into tables.
 * - protect: rewrite covered leaves whose attributes differ, split cut ones
 *   whose attributes differ, leave holes alone.
 */
#include "core/pgtable_internal.h"

static enum vml_pt_action decide_map(const struct vml_pt_decide_in *in)
{
	if (in->kind == VML_PTE_TABLE)
		return VML_PT_ACT_DESCEND;
	if (in->covered && in->aligned && in->leaf_allowed) {
		if (in->kind == VML_PTE_INVALID)
			return VML_PT_ACT_WRITE_LEAF;
		if (in->same_raw)
			return VML_PT_ACT_NOTHING;
		if (in->same_mapping || !in->no_replace)
			return VML_PT_ACT_WRITE_LEAF;
		return VML_PT_ACT_REFUSE;
	}
	if (in->kind == VML_PTE_INVALID)
		return VML_PT_ACT_NEW_TABLE;
	if (in->same_mapping)
		return VML_PT_ACT_NOTHING;
	return in->no_replace ? VML_PT_ACT_REFUSE : VML_PT_ACT_SPLIT_LEAF;
}

static enum vml_pt_action decide_unmap(const struct vml_pt_decide_in *in)
{
	if (in->kind == VML_PTE_INVALID)
		return VML_PT_ACT_NOTHING;
	if (in->kind == VML_PTE_TABLE)
		return VML_PT_ACT_DESCEND;
	return in->covered ? VML_PT_ACT_WRITE_INVALID : VML_PT_ACT_SPLIT_LEAF;
}

static enum vml_pt_action decide_protect(const struct vml_pt_decide_in *in)
{
	if (in->kind == VML_PTE_INVALID)
		return VML_PT_ACT_NOTHING;
	if (in->kind == VML_PTE_TABLE)
		return VML_PT_ACT_DESCEND;
	if (in->same_raw || (in->same_mapping && !in->covered))
		return VML_PT_ACT_NOTHING;
	return in->covered ? VML_PT_ACT_WRITE_LEAF : VML_PT_ACT_SPLIT_LEAF;
}

/**
 * vml_pt_decide() - what to do with one entry
 * @in: the entry's state and the operation's view of it
 *
 * Return: the action (never fails; VML_PT_ACT_REFUSE is the caller's error).
 */
enum vml_pt_action vml_pt_decide(const struct vml_pt_decide_in *in)
{
	switch (in->op) {
	case VML_PT_OP_MAP:
		return decide_map(in);
	case VML_PT_OP_UNMAP:
		return decide_unmap(in);
	case VML_PT_OP_PROTECT:
		return decide_protect(in);
	}
	return VML_PT_ACT_NOTHING;
}

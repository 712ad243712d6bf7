/* SPDX-License-Identifier: MIT */
/*
 * DOC: the break-before-make checker
 *
 * Replays an update log (pgtable_update.c) and flags two faults:
 *
 * 1. A valid entry replaced by another valid entry where the arch says the
 *    change needs break-before-make (the format's needs_bbm hook; for arm64
 *    the rules of the Arm ARM "Translation table entry changes" that
 *    Linux's pgattr_change_is_safe() encodes, arch/arm64/mm/mmu.c v6.12:
 *    output address, type, size or contiguous bit may not change live;
 *    only PXN, AP[2] (RDONLY), DBM and nG (not nG -> global) may).
 * 2. The "make" of a break-before-make done too early: an entry that was
 *    made invalid is made valid again before a TLB invalidation covering it
 *    has been recorded (the old translation could still be cached).
 *
 * The checker keeps a bounded set of broken-but-not-yet-invalidated
 * entries; a log with more than PENDING_MAX outstanding breaks is judged
 * on the most recent ones.
 */
#include "vmlayout/pgtable.h"

#define PENDING_MAX 160 /* more than the largest contiguous group (128) */

struct pending {
	uint64_t entry; /* physical address of the broken entry */
	uint64_t va, last;
};

struct bbm_state {
	struct pending p[PENDING_MAX];
	size_t cnt, next;
	struct vml_pt_bbm_violation *out;
	size_t max, found;
};

static void flag(struct bbm_state *s, size_t index, const char *rule)
{
	if (s->found < s->max) {
		s->out[s->found].index = index;
		s->out[s->found].rule = rule;
	}
	s->found++;
}

static void pending_add(struct bbm_state *s, const struct vml_pt_update *u)
{
	struct pending *p = &s->p[s->next];

	p->entry = vml_pa_addr(u->entry);
	p->va = vml_va_addr(u->va);
	p->last = p->va + (u->size - 1);
	s->next = (s->next + 1) % PENDING_MAX;
	if (s->cnt < PENDING_MAX)
		s->cnt++;
}

/* Drop every pending break whose VA span meets the invalidated range. */
static void pending_tlbi(struct bbm_state *s, const struct vml_pt_update *u)
{
	uint64_t va = vml_va_addr(u->va), last = va + (u->size - 1);

	for (size_t i = 0; i < PENDING_MAX && i < s->cnt; i++)
		if (s->p[i].va <= last && s->p[i].last >= va)
			s->p[i].entry = ~0ULL;
}

static bool pending_has(const struct bbm_state *s, uint64_t entry)
{
	for (size_t i = 0; i < s->cnt; i++)
		if (s->p[i].entry == entry)
			return true;
	return false;
}

static void check_write(const struct vml_pt_format *fmt, struct bbm_state *s, size_t i,
			const struct vml_pt_update *u, uint32_t cpu_features)
{
	struct vml_pt_entry e;
	bool old_valid = fmt->ops->decode(fmt, u->level, u->old, &e) != VML_PTE_INVALID;
	bool new_valid = fmt->ops->decode(fmt, u->level, u->new_, &e) != VML_PTE_INVALID;

	if (old_valid && new_valid && u->old != u->new_ &&
	    fmt->ops->needs_bbm(fmt, u->level, u->old, u->new_, cpu_features))
		flag(s, i, "live change of a valid entry needs break-before-make");
	else if (old_valid && !new_valid)
		pending_add(s, u);
	else if (!old_valid && new_valid && pending_has(s, vml_pa_addr(u->entry)))
		flag(s, i, "entry made valid again before the TLB invalidation");
}

/**
 * vml_pt_bbm_check() - replay an update log and flag break-before-make faults
 * @fmt: the format (its needs_bbm hook says which live changes need BBM)
 * @log: the log
 * @cpu_features: VML_PT_CPU_*
 * @out: up to @max violations are stored here (may be NULL if @max is 0)
 * @max: capacity of @out
 * @found: all violations found (may exceed @max)
 *
 * Return: 0 if the log is clean; VML_EPERM if a violation was found;
 * VML_ERANGE if the log dropped records (it cannot be judged).
 */
int vml_pt_bbm_check(const struct vml_pt_format *fmt, const struct vml_pt_log *log,
		     uint32_t cpu_features, struct vml_pt_bbm_violation *out, size_t max,
		     size_t *found)
{
	struct bbm_state s = {0};

	s.out = out;
	s.max = max;
	for (size_t i = 0; i < log->cnt; i++) {
		const struct vml_pt_update *u = &log->rec[i];

		if (u->kind == VML_PT_UPD_TLBI)
			pending_tlbi(&s, u);
		else if (u->kind == VML_PT_UPD_SHADOW)
			continue; /* a shadow entry: no MMU walks it */
		else
			check_write(fmt, &s, i, u, cpu_features);
	}
	*found = s.found;
	if (log->dropped)
		return VML_ERANGE;
	return s.found ? VML_EPERM : 0;
}

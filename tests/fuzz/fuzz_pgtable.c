/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the page-table engine (vml_pt_map/unmap/protect, then
 * vml_pt_walk and vml_pt_for_each_leaf) over every translation-table format
 * the registry builds: arm64 4K/16K/64K at several VA sizes (LPA2, 52-bit
 * PA), riscv sv39/sv48/sv57 (with and without Svnapot/Svpbmt), arm short,
 * short-linux and LPAE, whole or as either half of a TTBR0/TTBR1 split.
 *
 * Input: byte 0 the format (fuzz_pt_formats[]), byte 1 options (bit 0 the
 * TTBR1 tree of a two-root format, bit 1 allow arm domains), then up to
 * FUZZ_PT_MAX_OPS operations of 8 bytes (struct layout in fuzz_pt_decode).
 *
 * A reference model (sorted, disjoint VA intervals with their PA and
 * attributes) follows every operation. After each one:
 * - the return code is the one the model predicts (0; VML_EPERM exactly
 *   when NO_REPLACE meets a page mapped to something else; VML_ENOTSUP
 *   exactly when check_attrs() refuses; VML_ERANGE only for a PA beyond
 *   what a leaf can carry; VML_EPERM for an arm domain conflict only when
 *   domains are allowed);
 * - a refused call changed no table byte and left the allocator as it was,
 *   and so did one whose Nth allocation the input made fail (pgtable.h);
 * - the walk of the first, last, previous and next page agrees with the
 *   model, every leaf lies in a model interval at the right PA with the
 *   right attributes, and leaves cover exactly what the model maps;
 * - every table allocated is in the tree (none leaked), and the update
 *   log passes the break-before-make checker.
 */
#include "core/pt_harness.h"
#include "fuzz_common.h"

#define FUZZ_PT_MAX_OPS 48
#define FUZZ_PT_MAX_IV 512
#define FUZZ_PT_ARENA_BASE 0x40000000ULL /* below 4 GiB: arm short tables */
#define FUZZ_PT_ARENA_SIZE 0x10000000ULL
#define FUZZ_PT_LOG_MAX (1u << 18)
#define FUZZ_PT_MAX_PAGES (1ULL << 12) /* page-sized leaves one call may make */

/* arm64 options (src/arch/arm64/pte_bits.h), arm and riscv options
 * (pte_arm.h, pte_riscv.h), repeated as numbers to stay out of src/arch. */
#define FZ_A64_LPA2 1u
#define FZ_A64_PA52 2u
#define FZ_ARM_NO_SUPER 1u
#define FZ_ARM_NO_LARGE 2u
#define FZ_RV_NO_NAPOT 1u
#define FZ_RV_NO_PBMT 2u

static const struct vml_pt_spec fuzz_pt_formats[] = {
    {.arch = "arm64", .granule = 0x1000, .va_bits = 39},
    {.arch = "arm64", .granule = 0x1000, .va_bits = 48},
    {.arch = "arm64", .granule = 0x1000, .va_bits = 52},
    {.arch = "arm64", .granule = 0x1000, .va_bits = 48, .options = FZ_A64_LPA2},
    {.arch = "arm64", .granule = 0x4000, .va_bits = 36},
    {.arch = "arm64", .granule = 0x4000, .va_bits = 47},
    {.arch = "arm64", .granule = 0x4000, .va_bits = 48},
    {.arch = "arm64", .granule = 0x4000, .va_bits = 52},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 42},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 48},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 52},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 48, .options = FZ_A64_PA52},
    {.arch = "riscv64", .mode = "sv39"},
    {.arch = "riscv64", .mode = "sv48"},
    {.arch = "riscv64", .mode = "sv57"},
    {.arch = "riscv64", .mode = "sv39", .options = FZ_RV_NO_NAPOT | FZ_RV_NO_PBMT},
    {.arch = "arm", .mode = "short"},
    {.arch = "arm", .mode = "short", .options = FZ_ARM_NO_SUPER | FZ_ARM_NO_LARGE},
    {.arch = "arm", .mode = "short", .pa_bits = 40},
    {.arch = "arm", .mode = "short-linux"},
    {.arch = "arm", .mode = "lpae"},
    {.arch = "arm", .mode = "lpae", .pa_bits = 32},
    {.arch = "arm", .mode = "short", .split = 0x80000000ULL, .half = 0},
    {.arch = "arm", .mode = "short", .split = 0x80000000ULL, .half = 1},
    {.arch = "arm", .mode = "short", .split = 0x2000000ULL, .half = 0},
    {.arch = "arm", .mode = "short", .split = 0x2000000ULL, .half = 1},
    {.arch = "arm", .mode = "short-linux", .split = 0x40000000ULL, .half = 0},
    {.arch = "arm", .mode = "short-linux", .split = 0x40000000ULL, .half = 1},
    {.arch = "arm", .mode = "lpae", .split = 0xc0000000ULL, .half = 0},
    {.arch = "arm", .mode = "lpae", .split = 0xc0000000ULL, .half = 1},
    {.arch = "arm", .mode = "lpae", .split = 0x80000000ULL, .half = 0},
    {.arch = "arm", .mode = "lpae", .split = 0x80000000ULL, .half = 1},
    {.arch = "arm", .mode = "lpae", .split = 0x40000000ULL, .half = 0},
    {.arch = "arm", .mode = "lpae", .split = 0x40000000ULL, .half = 1},
};
#define FUZZ_PT_NFORMATS (sizeof(fuzz_pt_formats) / sizeof(fuzz_pt_formats[0]))

/* The attributes an operation may ask for (domain added separately). */
static struct vml_pt_attrs fuzz_pt_attr(unsigned int i, uint8_t domain)
{
	const uint32_t k = VML_PT_READ | VML_PT_ACCESSED;
	struct vml_pt_attrs a = {0};

	switch (i % 10) {
	case 0: /* PAGE_KERNEL */
		a.perm = k | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_DIRTY;
		break;
	case 1: /* PAGE_KERNEL_RO */
		a.perm = k | VML_PT_GLOBAL;
		break;
	case 2: /* PAGE_KERNEL_ROX */
		a.perm = k | VML_PT_EXEC | VML_PT_GLOBAL;
		break;
	case 3: /* PAGE_KERNEL_EXEC */
		a.perm = k | VML_PT_WRITE | VML_PT_EXEC | VML_PT_GLOBAL | VML_PT_DIRTY;
		break;
	case 4:
		a.perm = k | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_DIRTY;
		a.memtype = VML_PT_MT_DEVICE_nGnRE;
		break;
	case 5:
		a.perm = k | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_DIRTY;
		a.memtype = VML_PT_MT_NORMAL_NC;
		break;
	case 6: /* user rw */
		a.perm = k | VML_PT_WRITE | VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_DIRTY;
		break;
	case 7: /* user rx */
		a.perm = k | VML_PT_USER_READ | VML_PT_USER_EXEC;
		break;
	case 8:
		a.perm = k | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_DIRTY;
		a.memtype = VML_PT_MT_DEVICE_nGnRnE;
		break;
	default:
		a.perm = k | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_DIRTY;
		a.memtype = VML_PT_MT_NORMAL_TAGGED;
		break;
	}
	a.domain = domain;
	return a;
}

/* One model interval: [va, last] maps pa.. with attrs (as read back). */
struct fuzz_pt_iv {
	uint64_t va, last, pa;
	struct vml_pt_attrs attrs;
};

struct fuzz_pt {
	struct vml_pt_format f;
	struct bump *b;
	struct vml_pt_ctx ctx;
	uint64_t page;
	uint64_t units[2 * VML_PT_MAX_LEVELS];
	unsigned int nunits;
	unsigned int safe_pa_bits; /* every leaf can carry a PA below 2^this */
	bool domains;
	unsigned int nchecked;
	struct fuzz_pt_iv iv[FUZZ_PT_MAX_IV];
	unsigned int niv;
};

static struct vml_pt_log fuzz_pt_log;
static struct bump *fuzz_pt_bump;

/* What a leaf with @a reads back as: the engine's own normalisation rule
 * (decode of the page encoding, no CONT, domain kept for the table). */
static struct vml_pt_attrs fuzz_pt_norm(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	struct vml_pt_entry e;
	int last = vml_pt_last_level(f);

	f->ops->decode(f, last, f->ops->encode_leaf(f, last, vml_pa(0), a), &e);
	e.attrs.perm &= ~VML_PT_CONT;
	if (f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE)
		e.attrs.domain = a->domain;
	return e.attrs;
}

/* ---- the model ---- */

/* Split the interval holding @va so that one starts at @va. */
static void fuzz_pt_cut(struct fuzz_pt *t, uint64_t va)
{
	for (unsigned int i = 0; i < t->niv; i++) {
		struct fuzz_pt_iv *v = &t->iv[i];

		if (v->va < va && va <= v->last) {
			FUZZ_CHECK(t->niv < FUZZ_PT_MAX_IV);
			memmove(v + 2, v + 1, (t->niv - i - 1) * sizeof(*v));
			v[1] = *v;
			v[1].va = va;
			v[1].pa = v->pa + (va - v->va);
			v->last = va - 1;
			t->niv++;
			return;
		}
	}
}

/* Cut at both ends of [va, last]; intervals inside are then whole. */
static void fuzz_pt_cut2(struct fuzz_pt *t, uint64_t va, uint64_t last)
{
	fuzz_pt_cut(t, va);
	if (last != ~0ULL)
		fuzz_pt_cut(t, last + 1);
}

static void fuzz_pt_model_unmap(struct fuzz_pt *t, uint64_t va, uint64_t last)
{
	unsigned int j = 0;

	fuzz_pt_cut2(t, va, last);
	for (unsigned int i = 0; i < t->niv; i++)
		if (t->iv[i].last < va || t->iv[i].va > last)
			t->iv[j++] = t->iv[i];
	t->niv = j;
}

static void fuzz_pt_model_map(struct fuzz_pt *t, uint64_t va, uint64_t last, uint64_t pa,
			      const struct vml_pt_attrs *a)
{
	unsigned int i = 0;

	fuzz_pt_model_unmap(t, va, last);
	FUZZ_CHECK(t->niv < FUZZ_PT_MAX_IV);
	while (i < t->niv && t->iv[i].va < va)
		i++;
	memmove(&t->iv[i + 1], &t->iv[i], (t->niv - i) * sizeof(t->iv[0]));
	t->iv[i] = (struct fuzz_pt_iv){va, last, pa, *a};
	t->niv++;
}

static void fuzz_pt_model_protect(struct fuzz_pt *t, uint64_t va, uint64_t last,
				  const struct vml_pt_attrs *a)
{
	fuzz_pt_cut2(t, va, last);
	for (unsigned int i = 0; i < t->niv; i++)
		if (t->iv[i].va >= va && t->iv[i].last <= last)
			t->iv[i].attrs = *a;
}

/* Join neighbours that continue each other (same attributes, PA run on),
 * so a leaf never straddles two model intervals that mean one mapping. */
static void fuzz_pt_merge(struct fuzz_pt *t)
{
	unsigned int j = 0;

	for (unsigned int i = 0; i < t->niv; i++) {
		struct fuzz_pt_iv *p = j ? &t->iv[j - 1] : NULL, *v = &t->iv[i];

		if (p && p->last + 1 == v->va && p->pa + (v->va - p->va) == v->pa &&
		    vml_pt_attrs_equal(&p->attrs, &v->attrs))
			p->last = v->last;
		else
			t->iv[j++] = *v;
	}
	t->niv = j;
}

static const struct fuzz_pt_iv *fuzz_pt_find(const struct fuzz_pt *t, uint64_t va)
{
	for (unsigned int i = 0; i < t->niv; i++)
		if (t->iv[i].va <= va && va <= t->iv[i].last)
			return &t->iv[i];
	return NULL;
}

/* NO_REPLACE: does a mapped page of [va, last] map something else? */
static bool fuzz_pt_conflict(const struct fuzz_pt *t, uint64_t va, uint64_t last, uint64_t pa,
			     const struct vml_pt_attrs *a)
{
	for (unsigned int i = 0; i < t->niv; i++) {
		const struct fuzz_pt_iv *v = &t->iv[i];

		if (v->last < va || v->va > last)
			continue;
		if (!vml_pt_attrs_equal(&v->attrs, a) || v->pa - v->va != pa - va)
			return true;
	}
	return false;
}

/* ---- checks against the model ---- */

static void fuzz_pt_walk_check(struct fuzz_pt *t, uint64_t va)
{
	const struct fuzz_pt_iv *v;
	struct vml_pt_walk w;
	struct vml_pt_attrs got;
	int rc;

	if (va < t->ctx.va_start || va > t->ctx.va_last)
		return;
	v = fuzz_pt_find(t, va);
	rc = vml_pt_walk(&t->ctx, vml_va(va), &w, NULL);
	if (!v) {
		FUZZ_CHECK(rc == VML_ENOENT);
		return;
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(vml_pa_addr(w.pa) == v->pa + (va - v->va));
	got = w.attrs;
	got.perm &= ~VML_PT_CONT;
	if (!vml_pt_attrs_equal(&got, &v->attrs))
		fprintf(
		    stderr,
		    "walk %#llx (level %d): perm %#x mt %u dom %u arch %#llx, model perm %#x mt %u "
		    "dom %u arch %#llx\n",
		    (unsigned long long)va, w.level, got.perm, got.memtype, got.domain,
		    (unsigned long long)got.arch_bits, v->attrs.perm, v->attrs.memtype,
		    v->attrs.domain, (unsigned long long)v->attrs.arch_bits);
	FUZZ_CHECK(vml_pt_attrs_equal(&got, &v->attrs));
}

struct fuzz_pt_leaves {
	const struct fuzz_pt *t;
	uint64_t bytes;
	int bad;
};

static int fuzz_pt_leaf(void *arg, const struct vml_pt_range *r)
{
	struct fuzz_pt_leaves *c = arg;
	uint64_t va = vml_va_addr(r->va), last = va + (r->size - 1);
	const struct fuzz_pt_iv *v = fuzz_pt_find(c->t, va);
	struct vml_pt_attrs got = r->attrs;

	got.perm &= ~VML_PT_CONT;
	if (!v || last > v->last || vml_pa_addr(r->pa) != v->pa + (va - v->va) ||
	    !vml_pt_attrs_equal(&got, &v->attrs)) {
		fprintf(stderr,
			"leaf va %#llx size %#llx pa %#llx perm %#x mt %u dom %u arch %#llx\n",
			(unsigned long long)va, (unsigned long long)r->size,
			(unsigned long long)vml_pa_addr(r->pa), r->attrs.perm, r->attrs.memtype,
			r->attrs.domain, (unsigned long long)r->attrs.arch_bits);
		c->bad++;
		return 1;
	}
	c->bytes += r->size;
	return 0;
}

static void fuzz_pt_full_check(struct fuzz_pt *t)
{
	struct fuzz_pt_leaves c = {t, 0, 0};
	struct vml_pt_stats st;
	uint64_t want = 0;

	FUZZ_CHECK(vml_pt_for_each_leaf(&t->ctx, fuzz_pt_leaf, &c) == 0);
	FUZZ_CHECK(c.bad == 0);
	for (unsigned int i = 0; i < t->niv; i++)
		want += t->iv[i].last - t->iv[i].va + 1;
	FUZZ_CHECK(c.bytes == want);
	/* Every table the allocator gave is in the tree. */
	FUZZ_CHECK(vml_pt_count(&t->ctx, &st) == 0);
	FUZZ_CHECK(st.total_tables == t->b->depth);
	FUZZ_CHECK(t->b->bad_frees == 0);
}

/* ---- one operation ---- */

struct fuzz_pt_op {
	int kind; /* 0 map, 1 unmap, 2 protect */
	uint64_t va, pa, size;
	struct vml_pt_attrs attrs;
	uint32_t flags;
	int fail_at; /* -1: no injected allocation failure */
};

static int fuzz_pt_do(struct fuzz_pt *t, const struct fuzz_pt_op *op)
{
	if (op->kind == 0)
		return vml_pt_map(&t->ctx, vml_va(op->va), vml_pa(op->pa), op->size, &op->attrs,
				  op->flags, NULL);
	if (op->kind == 1)
		return vml_pt_unmap(&t->ctx, vml_va(op->va), op->size, op->flags, NULL);
	return vml_pt_protect(&t->ctx, vml_va(op->va), op->size, &op->attrs, op->flags, NULL);
}

/* Run @op; a failed call must leave tables and allocator untouched. The
 * log (log_all: every write to a live table) must then be empty; where a
 * refusal is expected the table bytes are compared too (@snap). */
static int fuzz_pt_run(struct fuzz_pt *t, const struct fuzz_pt_op *op, bool snap)
{
	struct snapshot s0 = {0}, s1;
	uint64_t depth = t->b->depth, next = t->b->next;
	int rc;

	if (snap)
		s0 = snapshot_take(&t->ctx);

	fuzz_pt_log.cnt = fuzz_pt_log.dropped = 0;
	t->b->fail_at = op->fail_at < 0 ? -1 : (int64_t)(t->b->attempts + (uint64_t)op->fail_at);
	rc = fuzz_pt_do(t, op);
	t->b->fail_at = -1;
	if (rc) {
		FUZZ_CHECK(t->b->depth == depth && t->b->next == next);
		FUZZ_CHECK(t->b->bad_frees == 0);
		FUZZ_CHECK(fuzz_pt_log.cnt == 0 && fuzz_pt_log.dropped == 0);
		if (snap) {
			s1 = snapshot_take(&t->ctx);
			FUZZ_CHECK(snapshot_same(&s0, &s1));
			free(s1.bytes);
		}
	}
	free(s0.bytes);
	return rc;
}

static void fuzz_pt_bbm(struct fuzz_pt *t)
{
	struct vml_pt_bbm_violation v[1];
	size_t found = 0;
	int rc;

	if (fuzz_pt_log.dropped)
		return;
	rc = vml_pt_bbm_check(&t->f, &fuzz_pt_log, 0, v, 1, &found);
	if (rc) {
		const struct vml_pt_update *r = &fuzz_pt_log.rec[v[0].index];

		fprintf(stderr, "BBM: %s: record %zu L%d va %#llx %#llx -> %#llx\n", v[0].rule,
			v[0].index, r->level, (unsigned long long)vml_va_addr(r->va),
			(unsigned long long)r->old, (unsigned long long)r->new_);
	}
	FUZZ_CHECK(rc == 0);
}

static void fuzz_pt_step(struct fuzz_pt *t, struct fuzz_pt_op *op)
{
	uint64_t last = op->va + (op->size - 1);
	uint64_t pa_last = op->pa + (op->size - 1);
	struct vml_pt_attrs norm = {0};
	bool attrs_ok = true, conflict = false, pa_beyond = false, pa_risky = false;
	bool domain_refusal_ok, snap;
	int rc;

	if (op->kind != 1) {
		attrs_ok = t->f.ops->check_attrs(&t->f, &op->attrs) == 0;
		if (attrs_ok)
			norm = fuzz_pt_norm(&t->f, &op->attrs);
	}
	if (op->kind == 0) {
		pa_beyond = pa_last < op->pa || (t->f.pa_bits < 64 && (pa_last >> t->f.pa_bits));
		pa_risky = (pa_last >> t->safe_pa_bits) != 0;
		conflict = attrs_ok && (op->flags & VML_PT_NO_REPLACE) &&
			   fuzz_pt_conflict(t, op->va, last, op->pa, &norm);
	}
	domain_refusal_ok = t->domains && (t->f.fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE);
	/* An injected allocation failure gives ENOMEM (checked by fuzz_pt_run
	 * to change nothing); the call is then made again without it. */
	snap =
	    op->fail_at >= 0 || !attrs_ok || conflict || pa_risky || pa_beyond || domain_refusal_ok;
	rc = fuzz_pt_run(t, op, snap);
	if (op->fail_at >= 0 && rc == VML_ENOMEM) {
		op->fail_at = -1;
		rc = fuzz_pt_run(t, op, snap);
	}
	if (getenv("FUZZ_PT_TRACE"))
		fprintf(stderr,
			"op %d va %#llx pa %#llx size %#llx perm %#x mt %u dom %u flags %#x: %d\n",
			op->kind, (unsigned long long)op->va, (unsigned long long)op->pa,
			(unsigned long long)op->size, op->attrs.perm, op->attrs.memtype,
			op->attrs.domain, op->flags, rc);
	/* Two refusals at once: either may be reported. */
	if (pa_beyond) {
		FUZZ_CHECK(rc == VML_ERANGE || (!attrs_ok && rc == VML_ENOTSUP));
		return;
	}
	if (!attrs_ok) {
		FUZZ_CHECK(rc == VML_ENOTSUP || (pa_risky && rc == VML_ERANGE));
		return;
	}
	if (rc == VML_ERANGE && pa_risky)
		return;
	if (rc == VML_EPERM && domain_refusal_ok && !conflict)
		return;
	FUZZ_CHECK(rc == (conflict ? VML_EPERM : 0));
	if (rc)
		return;
	if (op->kind == 0)
		fuzz_pt_model_map(t, op->va, last, op->pa, &norm);
	else if (op->kind == 1)
		fuzz_pt_model_unmap(t, op->va, last);
	else
		fuzz_pt_model_protect(t, op->va, last, &norm);
	fuzz_pt_merge(t);
	fuzz_pt_bbm(t);
	fuzz_pt_walk_check(t, op->va);
	fuzz_pt_walk_check(t, last - (t->page - 1));
	fuzz_pt_walk_check(t, op->va - t->page);
	fuzz_pt_walk_check(t, last + 1);
	/* The whole tree: every few operations (it dominates the run time)
	 * and at the end. */
	if (++t->nchecked % 4 == 0)
		fuzz_pt_full_check(t);
}

/* ---- setting up ---- */

static int fuzz_pt_setup(struct fuzz_pt *t, const struct vml_pt_spec *spec, bool upper)
{
	unsigned int safe;

	if (vml_pt_format_lookup(&t->f, spec, NULL))
		abort(); /* every spec above is valid */
	if (t->f.va_split != VML_PT_VA_TWO_ROOTS)
		upper = false;
	if (spec->split)
		upper = spec->half == 1;
	/* One allocator for the process (it is large); a new memory per input. */
	if (!fuzz_pt_bump)
		fuzz_pt_bump = bump_new(FUZZ_PT_ARENA_BASE, FUZZ_PT_ARENA_SIZE);
	else
		fuzz_pt_bump->pm = vml_physmem_new();
	t->b = fuzz_pt_bump;
	t->b->next = FUZZ_PT_ARENA_BASE + FUZZ_PT_ARENA_SIZE;
	t->b->attempts = t->b->depth = 0;
	t->b->fail_at = -1;
	t->b->bad_frees = 0;
	ctx_setup(&t->ctx, &t->f, t->b, upper, &fuzz_pt_log);
	t->ctx.log_all = true;
	FUZZ_CHECK(vml_pt_init(&t->ctx, NULL) == 0);
	t->page = 1ULL << vml_pt_level(&t->f, vml_pt_last_level(&t->f))->shift;
	safe = t->f.pa_bits;
	for (unsigned int i = 0; i < t->f.levels; i++) {
		const struct vml_pt_level *l = &t->f.level[i];

		if (!l->leaf_ok)
			continue;
		if (l->leaf_pa_bits && l->leaf_pa_bits < safe)
			safe = l->leaf_pa_bits;
		if (l->cont_pa_bits && l->cont_pa_bits < safe)
			safe = l->cont_pa_bits;
		t->units[t->nunits++] = 1ULL << l->shift;
		if (l->cont_entries)
			t->units[t->nunits++] = (uint64_t)l->cont_entries << l->shift;
	}
	t->safe_pa_bits = safe;
	return 0;
}

/* Turn 8 input bytes into an operation inside the tree's VA range. */
static bool fuzz_pt_decode(struct fuzz_pt *t, const uint8_t *o, struct fuzz_pt_op *op)
{
	uint64_t unit = t->units[(o[1] & 0x1f) % t->nunits];
	uint64_t range = t->ctx.va_last - t->ctx.va_start; /* bytes - 1 */
	uint64_t span = 32 * unit, count, base, pa_base;
	unsigned int anchor = (o[1] >> 5) & 3;
	unsigned int pa_bits = t->f.pa_bits < 64 ? t->f.pa_bits : 63;

	/* o[0]: kind (bits 0-2: 0-3 map, 4-5 unmap, 6-7 protect), bit 3
	 * NO_BLOCK_MAPPINGS, bit 4 NO_CONT_MAPPINGS, bit 5 NO_REPLACE, bit 6
	 * inject an allocation failure at o[7] % 8. */
	op->kind = (o[0] & 7) < 4 ? 0 : (o[0] & 7) < 6 ? 1 : 2;
	op->flags = (o[0] & 8 ? VML_PT_NO_BLOCK_MAPPINGS : 0) |
		    (o[0] & 16 ? VML_PT_NO_CONT_MAPPINGS : 0) |
		    (o[0] & 32 && op->kind == 0 ? VML_PT_NO_REPLACE : 0);
	op->fail_at = o[0] & 64 ? o[7] % 8 : -1;
	/* o[3]: how many units (page units: up to 64 pages). */
	count = unit == t->page ? 1 + o[3] % 64 : 1 + o[3] % 4;
	op->size = count * unit;
	/* o[4]: bit 2/3/4 move VA, PA, size by one page (cutting blocks). */
	if (o[4] & 16)
		op->size += t->page;
	if (span - 1 > range)
		span = range + 1;
	/* o[1] bits 5-6 anchor: the bottom, the middle or the top of the range. */
	base = t->ctx.va_start;
	if (anchor == 1)
		base += vml_align_down(range / 2, unit);
	else if (anchor >= 2 && range >= span)
		base += vml_align_down(range - (span - 1), unit);
	op->va = base + (uint64_t)(o[2] % 32) * unit;
	if (o[4] & 4)
		op->va += t->page;
	if (op->va < t->ctx.va_start || op->va > t->ctx.va_last)
		return false;
	if (op->size - 1 > t->ctx.va_last - op->va)
		op->size = t->ctx.va_last - op->va + 1;
	/* o[4] bits 0-1: PA anchor 0, 2 GiB, the top of the leaves' reach, the
	 * top of pa_bits; o[5]: units above it. */
	switch (o[4] & 3) {
	case 0:
		pa_base = 0;
		break;
	case 1:
		pa_base = 0x80000000ULL;
		break;
	case 2:
		pa_base = (1ULL << (t->safe_pa_bits < 63 ? t->safe_pa_bits : 63)) - 32 * unit;
		break;
	default:
		pa_base = (1ULL << pa_bits) - 16 * unit;
		break;
	}
	op->pa = vml_align_down(pa_base, unit) + (uint64_t)(o[5] % 32) * unit;
	if (o[4] & 8)
		op->pa += t->page;
	/* o[6]: attributes (bits 0-3) and, with domains, the domain (4-7). */
	op->attrs = fuzz_pt_attr(o[6] & 15, t->domains ? (uint8_t)(o[6] >> 4) : 0);
	/* Keep the work bounded: many pages only where blocks can be used. */
	if (op->kind == 0 && op->size / t->page > FUZZ_PT_MAX_PAGES &&
	    ((op->flags & VML_PT_NO_BLOCK_MAPPINGS) || (op->va | op->pa | op->size) % unit))
		return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_pt t;
	unsigned int nops = 0;

	if (size < 2)
		return 0;
	if (!fuzz_pt_log.rec) {
		fuzz_pt_log.max = FUZZ_PT_LOG_MAX;
		fuzz_pt_log.rec = calloc(fuzz_pt_log.max, sizeof(*fuzz_pt_log.rec));
		if (!fuzz_pt_log.rec)
			abort();
	}
	memset(&t, 0, sizeof(t));
	t.domains = data[1] & 2;
	fuzz_pt_setup(&t, &fuzz_pt_formats[data[0] % FUZZ_PT_NFORMATS], data[1] & 1);
	for (size_t off = 2; off + 8 <= size && nops < FUZZ_PT_MAX_OPS; off += 8) {
		struct fuzz_pt_op op;

		if (!fuzz_pt_decode(&t, data + off, &op))
			continue;
		nops++;
		fuzz_pt_step(&t, &op);
	}
	for (unsigned int i = 0; i < t.niv; i++) {
		fuzz_pt_walk_check(&t, t.iv[i].va);
		fuzz_pt_walk_check(&t, t.iv[i].last - (t.page - 1));
	}
	fuzz_pt_full_check(&t);
	vml_physmem_delete(t.b->pm);
	return 0;
}

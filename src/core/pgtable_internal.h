/* SPDX-License-Identifier: MIT */
/*
 * DOC: what the engine's files share (not a public API)
 *
 * pgtable_decide.c  the pure per-entry decision
 * pgtable_map.c     plan and commit for map/unmap/protect
 * pgtable_express.c the plan of a map into holes
 * pgtable_pool.c    the tables allocated between plan and commit
 * pgtable_run.c     runs of leaves and fills of new tables
 * pgtable_update.c  the one function that writes a live entry, and the log
 * pgtable_walk.c    walk, iterate, count
 * pgtable.c         init, range checks, entry access through the window
 */
#ifndef VMLAYOUT_CORE_PGTABLE_INTERNAL_H
#define VMLAYOUT_CORE_PGTABLE_INTERNAL_H

#include "vmlayout/pgtable.h"

enum vml_pt_op {
	VML_PT_OP_MAP = 0,
	VML_PT_OP_UNMAP,
	VML_PT_OP_PROTECT,
};

/* What to do with one entry (TF-A's xlat_tables_map_region_action idea). */
enum vml_pt_action {
	VML_PT_ACT_NOTHING = 0,
	VML_PT_ACT_WRITE_LEAF,	  /* write the leaf the operation wants */
	VML_PT_ACT_WRITE_INVALID, /* make the entry invalid */
	VML_PT_ACT_NEW_TABLE,	  /* allocate an empty table below, then descend */
	VML_PT_ACT_SPLIT_LEAF,	  /* replace the leaf by a table of its pieces, then descend */
	VML_PT_ACT_DESCEND,	  /* the entry is a table: apply the operation below */
	VML_PT_ACT_REFUSE,	  /* NO_REPLACE forbids changing this valid leaf */
};

/**
 * struct vml_pt_decide_in - everything the decision for one entry depends on
 * @op: map, unmap or protect
 * @kind: what the entry is now
 * @covered: the operation's range covers the whole entry
 * @aligned: map only: the PA the entry would get is aligned to its span
 * @leaf_allowed: the format allows a leaf here and the flags do not forbid
 *	it (NO_BLOCK_MAPPINGS above the last level)
 * @same_mapping: the existing leaf already maps what the operation wants
 *	for the part it covers (map: same VA-PA offset and attributes; protect:
 *	same attributes), the contiguous hint not counted
 * @same_raw: the existing leaf is bit for bit the leaf the operation would write
 * @no_replace: VML_PT_NO_REPLACE
 */
struct vml_pt_decide_in {
	enum vml_pt_op op;
	enum vml_pte_kind kind;
	bool covered;
	bool aligned;
	bool leaf_allowed;
	bool same_mapping;
	bool same_raw;
	bool no_replace;
};

enum vml_pt_action vml_pt_decide(const struct vml_pt_decide_in *in);

/* A table as the map recursion sees it: a real one (through the window), or
 * during planning one that does not exist yet: empty, or the pieces of a
 * leaf being split. */
enum vml_pt_table_src {
	VML_PT_SRC_REAL = 0,
	VML_PT_SRC_EMPTY,
	VML_PT_SRC_SPLIT,
};

struct vml_pt_table {
	enum vml_pt_table_src src;
	int level;	       /* level number of the entries in this table */
	vml_paddr_t pa;	       /* REAL */
	unsigned char *ptr;    /* REAL: the window */
	bool live;	       /* REAL: reachable from the root (writes logged, BBM) */
	uint64_t split_raw;    /* SPLIT: the leaf being split (at level - 1) */
	uint64_t split_va;     /* SPLIT: the VA the split leaf starts at */
	bool split_cont;       /* SPLIT: pieces may carry the contiguous hint */
	uint8_t domain;	       /* VML_PT_FMT_DOMAIN_IN_TABLE: the domain its leaves take */
	unsigned char *shadow; /* REAL, packed level: the shadow entries (struct vml_pt_pack) */
};

/*
 * Entry access, static inline: the engine's innermost loop (issue 11).
 * Entries are stored little-endian, 4 or 8 bytes, as every format we model
 * (arm64, riscv64, arm) stores them. On a little-endian host they are one
 * aligned word load or store (tables are aligned to at least their entry
 * size, so entries are too); elsewhere byte by byte, so the host's byte
 * order never matters.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define VML_PT_WORD_ACCESS 1
/* may_alias: table memory is the caller's bytes, read elsewhere as bytes. */
typedef uint64_t __attribute__((may_alias)) vml_pt_word64;
typedef uint32_t __attribute__((may_alias)) vml_pt_word32;
/* Two 8-byte or four 4-byte entries as one 16-byte access, aligned only to
 * the entry size. GCC vector extensions: SSE2 on x86-64, NEON on arm64,
 * and plain word accesses where the target has neither. */
typedef uint64_t __attribute__((vector_size(16), aligned(8), may_alias)) vml_pt_vec64;
typedef uint32_t __attribute__((vector_size(16), aligned(4), may_alias)) vml_pt_vec32;
#else
#define VML_PT_WORD_ACCESS 0
#endif

#if defined(__GNUC__)
/* For the few helpers of the innermost loops that take the entry size as
 * a parameter: inlined where it is a constant, they become one load or
 * store (the express plan, pgtable_express.c). */
#define VML_PT_INLINE static inline __attribute__((always_inline))
#else
#define VML_PT_INLINE static inline
#endif

/* Entry @idx of @table, entries of @esize (4 or 8) bytes. */
VML_PT_INLINE uint64_t vml_pt_get(const unsigned char *table, uint64_t idx, unsigned int esize)
{
	const unsigned char *p = table + idx * esize;
	uint64_t v = 0;

#if VML_PT_WORD_ACCESS
	if (esize == 8)
		return *(const vml_pt_word64 *)(const void *)p;
	if (esize == 4)
		return *(const vml_pt_word32 *)(const void *)p;
#endif
	for (unsigned int i = esize; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static inline uint64_t vml_pt_read_raw(const struct vml_pt_format *f, const unsigned char *table,
				       uint64_t idx)
{
	const unsigned char *p = table + idx * f->entry_size;
	uint64_t v = 0;

#if VML_PT_WORD_ACCESS
	if (f->entry_size == 8)
		return *(const vml_pt_word64 *)(const void *)p;
	if (f->entry_size == 4)
		return *(const vml_pt_word32 *)(const void *)p;
#endif
	for (unsigned int i = f->entry_size; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static inline void vml_pt_store_raw(const struct vml_pt_format *f, unsigned char *table,
				    uint64_t idx, uint64_t raw)
{
	unsigned char *p = table + idx * f->entry_size;

#if VML_PT_WORD_ACCESS
	if (f->entry_size == 8) {
		*(vml_pt_word64 *)(void *)p = raw;
		return;
	}
	if (f->entry_size == 4) {
		*(vml_pt_word32 *)(void *)p = (uint32_t)raw;
		return;
	}
#endif
	for (unsigned int i = 0; i < f->entry_size; i++, raw >>= 8)
		p[i] = (unsigned char)raw;
}

static inline uint64_t vml_pt_table_entries(const struct vml_pt_format *f, int level)
{
	return 1ULL << vml_pt_level(f, level)->index_bits;
}

static inline uint64_t vml_pt_index(const struct vml_pt_format *f, int level, uint64_t va)
{
	const struct vml_pt_level *l = vml_pt_level(f, level);

	return (va >> l->shift) & ((1ULL << l->index_bits) - 1);
}

/* @x rounded down to a multiple of @n: a mask where @n is a power of two
 * (every group size of every format; a 64-bit division costs tens of
 * cycles in a map call of a few hundred). */
static inline uint64_t vml_pt_round_down(uint64_t x, uint64_t n)
{
	return (n & (n - 1)) ? x / n * n : x & ~(n - 1);
}

/* Group geometry: entries per contiguous group at @level (1 if none). */
static inline uint64_t vml_pt_group_entries(const struct vml_pt_format *f, int level)
{
	uint16_t n = vml_pt_level(f, level)->cont_entries;

	return n > 1 ? n : 1;
}

uint64_t vml_pt_root_entry_va(const struct vml_pt_ctx *ctx, uint64_t idx);
/* Whether [@va, @last] lies in the VAs the tree translates. */
static inline bool vml_pt_range_in_tree(const struct vml_pt_ctx *ctx, uint64_t va, uint64_t last)
{
	const struct vml_pt_format *f = ctx->fmt;

	if (last < va)
		return false;
	if (f->va_split == VML_PT_VA_SIGN_EXTEND) {
		uint64_t half = 1ULL << (f->va_bits - 1);

		/* Both ends in the low half, or both in the high half. */
		if (last < half)
			return true;
		return va >= 0 - half;
	}
	return va >= ctx->va_start && last <= ctx->va_last;
}
/* The output address of the first byte of leaf @e at @level starting at @eva. */
uint64_t vml_pt_leaf_oa(const struct vml_pt_format *f, int level, const struct vml_pt_entry *e,
			uint64_t eva);
/* Piece @idx of leaf @raw at @level - 1 starting at @va, as a leaf at @level. */
uint64_t vml_pt_split_piece(const struct vml_pt_format *f, int level, uint64_t raw, uint64_t va,
			    uint64_t idx, bool cont);
/* Whether a table at @table of @size bytes lies below 2^table_pa_bits. */
static inline bool vml_pt_table_reachable(const struct vml_pt_format *f, vml_paddr_t table,
					  uint64_t size)
{
	uint64_t limit = vml_pt_table_limit(f), pa = vml_pa_addr(table);

	return !limit || (pa < limit && size <= limit - pa);
}
extern const char vml_pt_unreachable_table[];
/* Whether a leaf at @level (in a contiguous group if @cont) can hold an
 * output address up to @pa_last (struct vml_pt_level.leaf_pa_bits). */
static inline bool vml_pt_leaf_reaches(const struct vml_pt_format *f, int level, uint64_t pa_last,
				       bool cont)
{
	const struct vml_pt_level *l = vml_pt_level(f, level);
	unsigned int bits = cont ? l->cont_pa_bits : l->leaf_pa_bits;

	return !bits || bits >= 64 || (pa_last >> bits) == 0;
}
/* A leaf decoded below the root of a VML_PT_FMT_DOMAIN_IN_TABLE format
 * takes @table_domain, the domain of the table entry above it. */
void vml_pt_inherit_domain(const struct vml_pt_format *f, int level, uint8_t table_domain,
			   struct vml_pt_entry *e);

/* Packed tables (struct vml_pt_pack, pgtable.c). */
/* Bytes and alignment one table allocation at level index @li takes. */
static inline uint64_t vml_pt_alloc_size(const struct vml_pt_format *f, unsigned int li)
{
	if (vml_pt_packed(f, f->first_level + (int)li))
		return f->pack.page_size;
	return f->level[li].table_size;
}
/* The packed block holding the table at @table. */
vml_paddr_t vml_pt_pack_base(const struct vml_pt_format *f, vml_paddr_t table);
/* Which half (0: entry 2k, 1: entry 2k + 1) of its block the table at @table is. */
unsigned int vml_pt_pack_half(const struct vml_pt_format *f, vml_paddr_t table);
/* A pointer to the table at @table of @level through the window, and in
 * *@shadow its shadow entries (NULL unless the level is packed). */
unsigned char *vml_pt_window_packed(const struct vml_pt_ctx *ctx, int level, vml_paddr_t table,
				    unsigned char **shadow);
static inline unsigned char *vml_pt_window_table(const struct vml_pt_ctx *ctx, int level,
						 vml_paddr_t table, unsigned char **shadow)
{
	const struct vml_pt_format *f = ctx->fmt;

	*shadow = NULL;
	if (vml_pt_packed(f, level))
		return vml_pt_window_packed(ctx, level, table, shadow);
	return ctx->window(ctx->cb, table, vml_pt_level(f, level)->table_size);
}
/* Stores entry @idx (and its shadow, if @shadow) without logging. */
void vml_pt_store_entry(const struct vml_pt_format *f, int level, unsigned char *table,
			unsigned char *shadow, uint64_t idx, uint64_t raw);
/* Fills a new packed block at @block (both tables and both shadows) with
 * invalid entries. */
void vml_pt_pack_clear(const struct vml_pt_format *f, unsigned char *block);

/* pgtable_run.c: runs of entries in a table nothing walks yet. */
/* @cnt copies of @raw from entry @idx. */
void vml_pt_fill(const struct vml_pt_format *f, unsigned char *p, uint64_t idx, uint64_t cnt,
		 uint64_t raw);
void vml_pt_put_leaves(const struct vml_pt_format *f, int level, unsigned char *p,
		       unsigned char *shadow, uint64_t idx, uint64_t pa, uint64_t cnt,
		       const struct vml_pt_attrs *a, const uint64_t *leaf0);

/* --- one map, unmap or protect in progress (pgtable_map.c) --- */

#define GROUP_MAX 128 /* the largest contiguous group: arm64 16K pages */
#define PLAN_SEGS 32  /* writes the plan records for the commit (struct plan_seg) */
#define POOL_HELD 4   /* pooled tables per level kept in the op (pgtable_pool.c) */

/* What the commit is to write, as the plan found it (pgtable_map.c, "one
 * walk"). */
enum plan_seg_kind {
	SEG_RUN,     /* put_run(): the map's leaves for [lo, hi] */
	SEG_LEAVES,  /* leaves without the hint for [lo, hi] from entry idx */
	SEG_LINK,    /* link_fast(): a fresh table for [lo, hi] into entry idx */
	SEG_GENERAL, /* apply_group() of the group at idx (its VA) for [lo, hi] */
};

struct plan_seg {
	enum plan_seg_kind kind;
	int level;
	bool live;
	uint8_t domain;
	vml_paddr_t table;
	uint64_t idx, lo, hi;
};

/* One call in progress; op_reset() (pgtable_map.c) sets every field. */
struct pt_op {
	struct vml_pt_ctx *ctx;
	const struct vml_pt_format *f;
	enum vml_pt_op kind;
	uint64_t va, last, pa; /* [va, last] inclusive; pa of va (map) */
	struct vml_pt_attrs attrs;
	uint32_t flags;
	uint32_t table_flags;
	bool commit;
	uint64_t need[VML_PT_MAX_LEVELS];
	uint64_t pooled[VML_PT_MAX_LEVELS];		/* tables in the pool per level */
	uint64_t pooled_all;				/* and at all levels */
	vml_paddr_t pool[VML_PT_MAX_LEVELS];		/* beyond POOL_HELD: the chain's head */
	vml_paddr_t held[VML_PT_MAX_LEVELS][POOL_HELD]; /* the first POOL_HELD */
	uint64_t fault_va;
	const char *fault_rule; /* why the plan refused, for the diag */
	bool fresh_ok;		/* map: new tables may take the fast path */
	uint32_t leafable;	/* map: bit per level index: fresh_leafable() */
	bool groups_ok; /* every level's group is a power of two within a table (format_memo()) */
	const uint64_t *inval;		     /* encode_invalid() per level index (format_memo()) */
	const struct vml_pt_level_memo *lvm; /* per level index (format_memo()) */
	uint64_t inval_own[VML_PT_MAX_LEVELS]; /* where the ctx's memo cannot hold them */
	struct vml_pt_level_memo lvm_own[VML_PT_MAX_LEVELS]; /* likewise */
	unsigned int leaf_bits;	 /* the fewest PA bits a leaf holds (64: any) */
	unsigned int nseg;	 /* plan: segments recorded in seg[] */
	bool seg_full;		 /* plan: seg[] overflowed: commit by a second walk */
	unsigned int in_general; /* plan: inside apply_group(): nothing recorded */
	struct plan_seg *seg;	 /* PLAN_SEGS of them, run_op()'s: not zeroed per call */
	uint32_t recipe_ready;	 /* bit per level index: recipe[] worked out */
	/* per level index: the ctx's memo's (struct vml_pt_level_memo.rec),
	 * else recipe_own's (pgtable_map.c recipe_make()) */
	const struct vml_pt_leaf_recipe *recipe[VML_PT_MAX_LEVELS];
	struct vml_pt_leaf_recipe recipe_own[VML_PT_MAX_LEVELS];
	/* The window's last answer per level index during this call
	 * (vml_pt_op_window()): win_pa VML_PT_WIN_NONE where there is none;
	 * emptied by op_reset(), never kept past the call. */
	uint64_t win_pa[VML_PT_MAX_LEVELS];
	unsigned char *win_ptr[VML_PT_MAX_LEVELS];
};

/* No table: an address no table starts at (tables are aligned). */
#define VML_PT_WIN_NONE (~0ULL)

/*
 * The window within one map, unmap or protect: every table the call
 * reaches goes through here. The window contract (include/vmlayout/
 * pgtable.h, vml_pt_window_fn) lets the engine hold one pointer per level
 * plus one, as the kernel holds one fixmap slot per level (arch/arm64/mm/
 * mmu.c, pte_set_fixmap()/pmd_set_fixmap(), v6.12): the last answer for a
 * level is that level's pointer, so the same table of the same level asked
 * again, with no other window call for that level between, is answered
 * from the memo. The plan's tables and the pool's new ones are then
 * reached by the commit without a second window call (issue 11). A call
 * that reaches a level any other way clears the level's memo
 * (vml_pt_op_window_forget()). Packed levels are not remembered (their
 * window covers the block and its shadows): vml_pt_op_window_plain() is
 * for callers that never see one (the express plan declines them).
 */
VML_PT_INLINE unsigned char *vml_pt_op_window_plain(struct pt_op *op, unsigned int li, int level,
						    vml_paddr_t table)
{
	const struct vml_pt_ctx *ctx = op->ctx;
	uint64_t pa = vml_pa_addr(table);
	unsigned char *p;

	if (op->win_pa[li] == pa)
		return op->win_ptr[li];
	p = ctx->window(ctx->cb, table, vml_pt_level(op->f, level)->table_size);
	op->win_pa[li] = p ? pa : VML_PT_WIN_NONE;
	op->win_ptr[li] = p;
	return p;
}

static inline unsigned char *vml_pt_op_window(struct pt_op *op, int level, vml_paddr_t table,
					      unsigned char **shadow)
{
	unsigned int li = (unsigned int)(level - op->f->first_level);

	*shadow = NULL;
	if (!vml_pt_packed(op->f, level))
		return vml_pt_op_window_plain(op, li, level, table);
	op->win_pa[li] = VML_PT_WIN_NONE;
	return vml_pt_window_packed(op->ctx, level, table, shadow);
}

/* The window was called for level index @li outside vml_pt_op_window(). */
static inline void vml_pt_op_window_forget(struct pt_op *op, unsigned int li)
{
	op->win_pa[li] = VML_PT_WIN_NONE;
}

/* Remember @p, the window's answer for @table of level index @li, asked
 * with the table's size outside vml_pt_op_window() (the pool). */
static inline void vml_pt_op_window_keep(struct pt_op *op, unsigned int li, vml_paddr_t table,
					 unsigned char *p)
{
	op->win_pa[li] = vml_pa_addr(table);
	op->win_ptr[li] = p;
}

/* pgtable_run.c: the @n_entries leaves of a run from entry @idx of @p, the
 * first at VA @eva and PA @pa: those before the first whole group and
 * after the last without the hint, the whole groups with it if @r->cont. */
void vml_pt_put_recipe(const struct vml_pt_format *f, unsigned char *p, uint64_t idx, uint64_t eva,
		       uint64_t pa, uint64_t n_entries, const struct vml_pt_leaf_recipe *r);

/* pgtable_pool.c: the tables allocated between plan and commit. */
int vml_pt_pool_fill(struct pt_op *op, struct vml_diag *diag);
vml_paddr_t vml_pt_pool_pop_chained(struct pt_op *op, unsigned int li);
/* The last table pooled at level index @li: one of those the op holds
 * inline (most calls need only those), the chain's out of line. */
static inline vml_paddr_t vml_pt_pool_pop(struct pt_op *op, unsigned int li)
{
	if (op->pooled[li] > POOL_HELD)
		return vml_pt_pool_pop_chained(op, li);
	op->pooled[li]--;
	op->pooled_all--;
	return op->held[li][op->pooled[li]];
}
void vml_pt_pool_release(struct pt_op *op);

/* pgtable_map.c, for the express plan. */
/* Counts the tables [lo, hi] needs below a fresh table at @level. */
void vml_pt_plan_fresh(struct pt_op *op, int level, uint64_t lo, uint64_t hi);
/* Plan: remember a write of the commit (struct plan_seg) on real table @t. */
static inline void vml_pt_record(struct pt_op *op, enum plan_seg_kind kind,
				 const struct vml_pt_table *t, uint64_t idx, uint64_t lo,
				 uint64_t hi)
{
	struct plan_seg *sg;

	if (op->in_general)
		return;
	if (op->nseg == PLAN_SEGS) {
		op->seg_full = true;
		return;
	}
	sg = &op->seg[op->nseg++];
	sg->kind = kind;
	sg->level = t->level;
	sg->live = t->live;
	sg->domain = t->domain;
	sg->table = t->pa;
	sg->idx = idx;
	sg->lo = lo;
	sg->hi = hi;
}
/* Whether @raw at @level is a leaf with the contiguous hint. */
bool vml_pt_is_cont_leaf(const struct pt_op *op, int level, uint64_t raw);

/* pgtable_express.c: the plan of a map that only descends, links new
 * tables and fills invalid entries; VML_PT_EXPRESS_DECLINED (nothing
 * recorded or counted) where anything else could happen. */
#define VML_PT_EXPRESS_DECLINED 1
int vml_pt_plan_express(struct pt_op *op, const struct vml_pt_table *root);

/* pgtable_update.c: the single writer of live entries, and the log. */
void vml_pt_update_entry(struct vml_pt_ctx *ctx, struct vml_pt_table *t, uint64_t idx, uint64_t eva,
			 uint64_t old, uint64_t new_, bool force_log);
void vml_pt_update_tlbi(struct vml_pt_ctx *ctx, uint64_t va, uint64_t size);

#endif

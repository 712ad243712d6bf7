/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arch-neutral translation-table engine
 *
 * One context is one tree of tables under one root, for one format
 * (pgtable_format.h). The caller owns everything the engine touches:
 * @alloc_table gives table memory (memblock in the host, top-down), @free
 * gives it back, and @window is the ONLY way the engine reaches a table:
 * physical address -> pointer, as the kernel reaches new tables through
 * fixmap slots. Nothing converts a table's physical address by arithmetic.
 *
 * Every operation is prepare-then-commit (Hafnium's mm_ptable_prepare /
 * commit): a planning pass counts the tables the change needs and detects
 * every refusal, all tables are allocated, and only then is anything
 * written. A failed call (bad argument, VML_EPERM for NO_REPLACE, VML_ENOMEM
 * from the allocator) leaves every table byte and the allocator as they were.
 *
 * map() uses the largest leaf and the contiguous hint wherever VA, PA, size
 * and flags allow. unmap() and protect() split a block or a contiguous group
 * only where the range cuts it. Every write to a valid entry of a live table
 * (one reachable from the root) goes through one function and is appended to
 * the update log; a change the arch says needs break-before-make is done as
 * invalidate, TLB invalidation, write (and the log shows those three steps).
 * vml_pt_bbm_check() replays a log and flags what should not have happened.
 */
#ifndef VMLAYOUT_PGTABLE_H
#define VMLAYOUT_PGTABLE_H

#include "env.h"
#include "error.h"
#include "pgtable_format.h"

/* map()/unmap()/protect() flags; the first three are the kernel's names
 * (arch/arm64/mm/mmu.c, v6.12). */
#define VML_PT_NO_BLOCK_MAPPINGS (1u << 0)     /* last-level leaves only */
#define VML_PT_NO_CONT_MAPPINGS (1u << 1)      /* never set the contiguous hint */
#define VML_PT_NO_EXEC_MAPPINGS (1u << 2)      /* new tables get VML_PT_TABLE_NO_EXEC */
#define VML_PT_NO_REPLACE (1u << 3)	       /* refuse (VML_EPERM) to change a valid mapping */
#define VML_PT_NO_USER_EXEC_MAPPINGS (1u << 4) /* new tables get VML_PT_TABLE_NO_USER_EXEC */
#define VML_PT_KERNEL_TABLE_MAPPINGS (1u << 5) /* new tables get VML_PT_TABLE_KERNEL */

/**
 * typedef vml_pt_alloc_fn - allocate one table
 * @cb: ctx->cb
 * @size, @align: bytes and alignment (a power of two) of the table
 * @out: its physical address
 *
 * Return: 0 or VML_ENOMEM. The memory need not be zeroed.
 */
typedef int (*vml_pt_alloc_fn)(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out);
/* Give back a table from vml_pt_alloc_fn (in reverse order of allocation
 * when an operation fails, so a top-down allocator is restored exactly). */
typedef void (*vml_pt_free_fn)(void *cb, vml_paddr_t table, uint64_t size);
/* The window: a pointer to @size bytes at physical @pa, or NULL if the
 * caller cannot reach them (the operation then fails with VML_ERANGE). The
 * engine holds at most one pointer per level plus one at a time, as the
 * kernel holds one fixmap slot per level; a window must keep that many
 * valid together, and give the same answer for the same table each time.
 * Within one call the engine keeps the last answer per level and uses it
 * again for the same table, until it asks the window for another table of
 * that level; it keeps no pointer from one call to the next. */
typedef void *(*vml_pt_window_fn)(void *cb, vml_paddr_t pa, uint64_t size);

/* One record of the update log. */
enum vml_pt_update_kind {
	VML_PT_UPD_WRITE = 0, /* an entry of a live table changed from old to new */
	VML_PT_UPD_TLBI,      /* TLB invalidation of [va, va + size) */
	VML_PT_UPD_SHADOW,    /* a shadow entry beside a live entry changed (struct
			       * vml_pt_pack): memory no MMU walks, so no BBM rule */
};

struct vml_pt_update {
	enum vml_pt_update_kind kind;
	int level;	   /* level of the entry (WRITE) */
	vml_vaddr_t va;	   /* first VA the entry maps, or the TLBI start */
	uint64_t size;	   /* VA span of the entry, or of the TLBI */
	vml_paddr_t entry; /* physical address of the entry (WRITE) */
	uint64_t old, new_;
};

/**
 * struct vml_pt_log - caller storage for the update log
 * @rec: @max records; @cnt in use
 * @dropped: records that did not fit (the log is then incomplete and the
 *	checker says so); the engine never fails because the log is full
 */
struct vml_pt_log {
	struct vml_pt_update *rec;
	size_t cnt;
	size_t max;
	size_t dropped;
};

/**
 * struct vml_pt_leaf_recipe - how a map writes a run of leaves at one level
 * @fast: all of the below hold: the run takes no encode, no decision
 * @cont: every whole group of the call takes the contiguous hint
 * @shared: hinted members hold their group's value
 * @leaf0, @leaf0_cont: the leaf of PA 0 without and with the hint
 * @step: the raw step per entry
 * @n: entries per contiguous group
 * @shift: the level's shift
 *
 * The engine's (pgtable_map.c leaf_recipe(), pgtable_run.c
 * vml_pt_put_recipe()); public only because the ctx's memo holds it.
 */
struct vml_pt_leaf_recipe {
	bool fast;
	bool cont;
	bool shared;
	uint64_t leaf0, leaf0_cont, step, n;
	unsigned int shift;
};

/**
 * struct vml_pt_level_memo - one level as the engine's walk reads it
 * @inval: encode_invalid()
 * @imask: entries per table - 1
 * @n: entries per contiguous group, 1 if none
 * @cbit: the top bit of the level's cont_mask & cont_value, or 0
 * @cm4, @cv4: the low 32 bits of cont_mask and cont_value
 * @screen4: cont_mask and cont_value have nothing in their high 32 bits
 *	but mask bits (the screen works on 4-byte entries)
 * @shift: the level's shift
 * @upper: not the last level
 * @leaf_ok: the level's leaf_ok
 * @rkey: the map flags + 1 the next three were worked out for (0: not yet):
 *	@rec, the level's recipe without ([0]) and with ([1]) the hint, whole,
 *	valid where @rec_ok says so (the leaves of PA 0 encoded, the groups a
 *	power of two), and @r_static: the hint is allowed at this level but
 *	for the alignment of PA - VA; a map call only picks one of @rec by its
 *	range (pgtable_map.c recipe_make())
 */
struct vml_pt_level_memo {
	uint64_t inval, imask, n, cbit;
	uint32_t cm4, cv4;
	bool screen4;
	uint8_t shift;
	bool upper, leaf_ok;
	uint32_t rkey;
	struct vml_pt_leaf_recipe rec[2];
	bool rec_ok[2], r_static;
};

/**
 * struct vml_pt_leaf_cache - the engine's memo of a map's attributes
 * @fmt: the format the memo is for (NULL: empty)
 * @in: the attributes a map asked for (VML_PT_CONT cleared)
 * @norm: @in as the format stores them (decode of encode)
 * @leaf: per level index, without ([0]) and with ([1]) the contiguous
 *	hint: encode_leaf() of PA 0 with @norm, where the format declares its
 *	leaves linear (struct vml_pt_format.oa_linear_bits) and the top of the
 *	linear block encodes as the declaration says
 * @tried: bit 2 x level index + hint: that leaf was looked at; @have: and
 *	@leaf holds it
 * @inval: per level index, encode_invalid(); @leaf_bits: the fewest output
 *	address bits a leaf of any level holds (64: no limit); @groups_ok:
 *	every level's contiguous group is a power of two no larger than a
 *	table; all valid if @have_inval
 * @table_raw, @table_addr, @table_domain: per level index, the last table
 *	entry the engine decoded there and what decode() gave for it (the
 *	next table's address and the entry's domain), valid where bit level
 *	index of @have_table is set: the walk descends through the same upper
 *	entries call after call
 * @lvl: per level index, what the plan of a map into holes reads of the
 *	level (struct vml_pt_level_memo), valid if @have_inval
 * @leafable_tz: per number of trailing zero bits of a map's PA - VA (64:
 *	none set), 1 + a bit per level index whose leaves are allowed and
 *	whose span that alignment allows, 0 where not worked out yet; valid
 *	if @have_inval
 *
 * Filled by vml_pt_map()/vml_pt_protect(), emptied by vml_pt_init(): the
 * caller never sets it. Pure functions of the format and the attributes:
 * it changes no table, and a failed call may leave it filled. A caller that
 * rewrites the format in place under an initialised ctx must zero it.
 */
struct vml_pt_leaf_cache {
	const struct vml_pt_format *fmt;
	struct vml_pt_attrs in, norm;
	uint64_t leaf[VML_PT_MAX_LEVELS][2];
	uint32_t tried, have;
	uint64_t inval[VML_PT_MAX_LEVELS];
	unsigned int leaf_bits;
	bool have_inval, groups_ok;
	uint64_t table_raw[VML_PT_MAX_LEVELS];
	vml_paddr_t table_addr[VML_PT_MAX_LEVELS];
	uint8_t table_domain[VML_PT_MAX_LEVELS];
	uint32_t have_table;
	struct vml_pt_level_memo lvl[VML_PT_MAX_LEVELS];
	uint8_t leafable_tz[65];
};

/**
 * struct vml_pt_ctx - one tree of tables
 * @fmt: the format
 * @root: the root table (set by vml_pt_init)
 * @upper: for VML_PT_VA_TWO_ROOTS, this tree is the high half (TTBR1)
 * @va_start, @va_last: the VAs this tree translates (set by vml_pt_init)
 * @alloc_table, @free_table, @window, @cb: the caller's memory
 * @log: the update log, or NULL to keep none
 * @log_all: also log writes to invalid entries of live tables (not only
 *	changes of valid ones)
 * @cpu_features: VML_PT_CPU_* of the CPUs the tree runs on; a live change
 *	the format's needs_bbm says this CPU can take (arm64 BBML2: a block
 *	split into a table, the contiguous bit changed) is written in place,
 *	without break-before-make. 0: every CPU.
 * @leaf_cache: the engine's own (struct vml_pt_leaf_cache): repeated maps
 *	with the same attributes skip normalising them and encoding leaves
 * @tables_zeroed: every table @alloc_table gives reads as zero through
 *	@window, as the kernel's tables do (memblock_alloc() zeroes,
 *	mm/memblock.c v6.12; arm64 clears each new table,
 *	arch/arm64/mm/mmu.c init_clear_pgtable() v6.12;
 *	vml_physmem_alloc_table()): the engine then writes in a new table
 *	only the entries that are not the format's invalid value where that
 *	value is all zero bytes. false: every entry is written.
 */
struct vml_pt_ctx {
	const struct vml_pt_format *fmt;
	vml_paddr_t root;
	bool upper;
	uint64_t va_start, va_last;
	vml_pt_alloc_fn alloc_table;
	vml_pt_free_fn free_table;
	vml_pt_window_fn window;
	void *cb;
	struct vml_pt_log *log;
	bool log_all;
	uint32_t cpu_features;
	struct vml_pt_leaf_cache leaf_cache;
	bool tables_zeroed;
};

/**
 * vml_pt_init() - allocate and clear the root table
 * @ctx: with fmt, upper, alloc_table, free_table, window, cb, log set
 *
 * Return: 0; VML_EINVAL if a callback is missing or @upper is set for a
 * one-root format; VML_ENOMEM from the allocator; VML_ERANGE if the root
 * lies beyond the format's table PA bits (vml_pt_table_limit()) or the
 * window cannot reach it.
 */
int vml_pt_init(struct vml_pt_ctx *ctx, struct vml_diag *diag);

/**
 * vml_pt_attach() - open a tree over tables that already exist
 * @ctx: with fmt, upper, window and cb set; alloc_table and free_table may
 *	be NULL (the tree is then read-only: walk, iterate, count)
 * @root: the root table's physical address (from a TTBR or satp)
 *
 * What a debugger does with a memory dump: nothing is allocated or
 * written; the tables are read through @window as they are.
 *
 * Return: 0; VML_EINVAL if the format or the window is missing, or @upper
 * is set for a one-root format; VML_ERANGE if the window cannot reach the
 * root table (diag.addr = @root, diag.size its size, diag.index its level).
 */
int vml_pt_attach(struct vml_pt_ctx *ctx, vml_paddr_t root, struct vml_diag *diag);

/**
 * vml_pt_map() - map [va, va + size) to [pa, pa + size)
 * @attrs: the leaves' attributes (VML_PT_CONT is ignored: the engine
 *	decides it)
 * @flags: VML_PT_NO_* above
 *
 * Existing leaves in the range are replaced (with break-before-make where
 * the arch needs it) unless VML_PT_NO_REPLACE; existing tables are kept and
 * the range is mapped inside them.
 *
 * Return: 0; VML_EINVAL if va, pa or size is not aligned to the last
 * level's page size or size is 0; VML_ERANGE if the range leaves
 * [va_start, va_last], wraps, or pa runs past pa_bits, or the window cannot
 * reach a table, or the allocator gave a table beyond the format's table PA
 * bits, or a leaf the format would write cannot hold its output address
 * (per-level leaf_pa_bits: arm short sections and pages below 4 GiB; also
 * when cutting a contiguous group or block for the range needs such
 * leaves); VML_ENOTSUP if the format cannot express @attrs;
 * VML_EPERM if VML_PT_NO_REPLACE and a valid leaf in the range maps
 * something else (diag.addr = its VA); VML_ENOMEM from the allocator.
 */
int vml_pt_map(struct vml_pt_ctx *ctx, vml_vaddr_t va, vml_paddr_t pa, uint64_t size,
	       const struct vml_pt_attrs *attrs, uint32_t flags, struct vml_diag *diag);

/**
 * vml_pt_unmap() - make [va, va + size) invalid
 *
 * Tables are kept (empty ones too). A block or contiguous group the range
 * cuts is split first.
 *
 * Return: 0; VML_EINVAL, VML_ERANGE as for map; VML_ENOMEM when a split
 * needs a table the allocator cannot give.
 */
int vml_pt_unmap(struct vml_pt_ctx *ctx, vml_vaddr_t va, uint64_t size, uint32_t flags,
		 struct vml_diag *diag);

/**
 * vml_pt_protect() - give the mapped parts of [va, va + size) new attributes
 *
 * Output addresses stay; holes stay holes. Blocks and contiguous groups are
 * split only where the range cuts them and their attributes change.
 *
 * Return: as unmap, plus VML_ENOTSUP for attributes the format cannot express.
 */
int vml_pt_protect(struct vml_pt_ctx *ctx, vml_vaddr_t va, uint64_t size,
		   const struct vml_pt_attrs *attrs, uint32_t flags, struct vml_diag *diag);

/**
 * struct vml_pt_walk - the result of a walk, as crash's vtop shows it
 * @level: level of the leaf, or of the entry that faulted
 * @pa: the output address of the VA walked (leaf only)
 * @leaf_size: VA span of the leaf entry (1 << shift)
 * @cont: the leaf is in a contiguous group
 * @attrs: the leaf's attributes, with table restrictions applied
 * @depth: entries read; @entry_pa/@raw: each one, root first
 * @shadow: the last entry read lies in a packed table (struct vml_pt_pack);
 *	@shadow_pa/@shadow_raw: its shadow entry (Linux's PTE) and value
 */
struct vml_pt_walk {
	int level;
	vml_paddr_t pa;
	uint64_t leaf_size;
	bool cont;
	struct vml_pt_attrs attrs;
	unsigned int depth;
	vml_paddr_t entry_pa[VML_PT_MAX_LEVELS];
	uint64_t raw[VML_PT_MAX_LEVELS];
	bool shadow;
	vml_paddr_t shadow_pa;
	uint64_t shadow_raw;
};

/**
 * vml_pt_walk() - translate one VA
 *
 * Return: 0 if mapped; VML_ENOENT if the walk faults (out->level is the
 * level of the invalid entry); VML_ERANGE if @va is outside the tree's VA
 * range or the window cannot reach a table.
 */
int vml_pt_walk(const struct vml_pt_ctx *ctx, vml_vaddr_t va, struct vml_pt_walk *out,
		struct vml_diag *diag);

/* One leaf entry, as the iterator gives it. */
struct vml_pt_range {
	vml_vaddr_t va;
	vml_paddr_t pa;
	uint64_t size;
	int level;
	struct vml_pt_attrs attrs; /* VML_PT_CONT set for group members */
};

/* Return non-zero to stop the iteration (vml_pt_for_each_leaf returns it). */
typedef int (*vml_pt_range_fn)(void *arg, const struct vml_pt_range *r);

/**
 * vml_pt_for_each_leaf() - call @fn for every valid leaf entry in VA order
 *
 * Return: 0, @fn's non-zero value, or VML_ERANGE if the window fails.
 */
int vml_pt_for_each_leaf(const struct vml_pt_ctx *ctx, vml_pt_range_fn fn, void *arg);

/* Called for every table (root included), parents before children. A
 * packed pair of tables (struct vml_pt_pack) is one call with the block's
 * address and pack.page_size. */
typedef int (*vml_pt_table_fn)(void *arg, int level, vml_paddr_t table, uint64_t size);

/**
 * vml_pt_for_each_table() - call @fn for every table in the tree
 *
 * Return: 0, @fn's non-zero value, or VML_ERANGE if the window fails.
 */
int vml_pt_for_each_table(const struct vml_pt_ctx *ctx, vml_pt_table_fn fn, void *arg);

/**
 * vml_pt_check_readable() - whether the window reaches every table
 *
 * For trees read from a dump: a table entry may point at memory the dump
 * does not hold.
 *
 * Return: 0; VML_ERANGE for the first table (parents first, in VA order)
 * the window cannot reach: diag.addr its physical address, diag.size its
 * size, diag.index its level.
 */
int vml_pt_check_readable(const struct vml_pt_ctx *ctx, struct vml_diag *diag);

/**
 * struct vml_pt_stats - tables and leaves in a tree
 * @tables, @table_bytes: per level index (0 = root level)
 * @leaves, @cont_leaves: valid leaf entries per level index, and how many of
 *	them carry the contiguous hint
 */
struct vml_pt_stats {
	uint64_t tables[VML_PT_MAX_LEVELS];
	uint64_t table_bytes[VML_PT_MAX_LEVELS];
	uint64_t leaves[VML_PT_MAX_LEVELS];
	uint64_t cont_leaves[VML_PT_MAX_LEVELS];
	uint64_t total_tables;
	uint64_t total_bytes;
};

/**
 * vml_pt_count() - count tables per level and bytes, and leaves
 *
 * Return: 0 or VML_ERANGE if the window fails.
 */
int vml_pt_count(const struct vml_pt_ctx *ctx, struct vml_pt_stats *out);

/**
 * struct vml_pt_bbm_violation - one change that broke the rules
 * @index: the log record at fault
 * @rule: static text: which rule
 */
struct vml_pt_bbm_violation {
	size_t index;
	const char *rule;
};

/**
 * vml_pt_bbm_check() - replay an update log and flag break-before-make faults
 * @fmt: the format (its needs_bbm hook says which live changes need BBM)
 * @log: the log
 * @cpu_features: VML_PT_CPU_* (e.g. BBML2 relaxes the arm64 rules)
 * @out: up to @max violations; @found: how many there were in all
 *
 * Flags: a valid entry changed to another valid entry when the arch says
 * that needs break-before-make; an invalidated entry made valid again
 * before a TLB invalidation covered it.
 *
 * Return: 0 if the log is clean; VML_EPERM if any violation was found;
 * VML_ERANGE if the log dropped records (it cannot be judged).
 */
int vml_pt_bbm_check(const struct vml_pt_format *fmt, const struct vml_pt_log *log,
		     uint32_t cpu_features, struct vml_pt_bbm_violation *out, size_t max,
		     size_t *found);

#endif

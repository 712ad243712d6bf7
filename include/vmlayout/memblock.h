/* SPDX-License-Identifier: MIT */
/*
 * DOC: the physical memory model (a memblock equivalent)
 *
 * Follows Linux mm/memblock.c and include/linux/memblock.h as of v6.12.
 * Two region lists, "memory" and "reserved", each kept sorted by base and
 * merged (adjacent regions with equal node and flags become one) after every
 * change.
 * Region storage is supplied by the caller; when a change would need more
 * slots than there are, the call fails with VML_ENOMEM and both lists are
 * left exactly as they were -- unless the caller has allowed resizing
 * (vml_memblock_allow_resize(), below), in which case a full list is doubled
 * as the kernel's memblock_double_array() doubles it.
 *
 * Sizes that run past the top of the physical address space are capped as
 * the kernel's memblock_cap_size() caps them: to phys_addr_max - base, where
 * phys_addr_max is PHYS_ADDR_MAX of the configured phys_addr_t width
 * (0xffffffff for 32-bit ARM without LPAE, ~0 for 64-bit). So the last byte
 * (phys_addr_max itself) is never part of a region, and a region may end at
 * 0xffffffff or 2^64 - 1 but never at 2^32 or 2^64. A base above
 * phys_addr_max cannot be held by a phys_addr_t of that width at all: every
 * range operation rejects it with VML_ERANGE.
 *
 * Slots needed, checked before anything changes:
 * - add/reserve: one per piece of the range not yet covered (the count of
 *   memblock_add_range()'s first pass), before merging;
 * - remove/free: one when the range lies strictly inside a single region
 *   (that region becomes two), else none;
 * - mark/clear flags, set_node, cap_memory_range: one per range edge that falls
 *   strictly inside a region (memblock_isolate_range() splits there before
 *   the pieces merge back). The kernel asks for two spare slots whatever the
 *   range; this asks only for the ones really used.
 *
 * With resizing allowed the kernel's own rules decide when a list doubles:
 * add/reserve double while cnt + pieces > max (memblock_add_range()); every
 * operation that isolates a range (remove, free, mark/clear, set_node,
 * cap_memory_range) doubles while cnt + 2 > max (memblock_isolate_range()),
 * whether or not it will really split. See vml_memblock_allow_resize().
 *
 * Nodes: every region carries a node id. memblock_add() and
 * memblock_reserve() give MAX_NUMNODES ("no node yet", mb->max_numnodes);
 * vml_memblock_add_node() and vml_memblock_set_node() give a real one.
 * Neighbours merge only when node and flags are equal. Allocation with a
 * node searches only the memory regions of that node first
 * (should_skip_region(), mm/memblock.c v6.12).
 */
#ifndef VMLAYOUT_MEMBLOCK_H
#define VMLAYOUT_MEMBLOCK_H

#include "env.h"
#include "error.h"

/* Region flags, values as include/linux/memblock.h v6.12. */
#define VML_MEMBLOCK_NONE 0x0u
#define VML_MEMBLOCK_HOTPLUG 0x1u
#define VML_MEMBLOCK_MIRROR 0x2u
#define VML_MEMBLOCK_NOMAP 0x4u
#define VML_MEMBLOCK_DRIVER_MANAGED 0x8u
#define VML_MEMBLOCK_RSRV_NOINIT 0x10u

/* include/linux/numa.h v6.12. MAX_NUMNODES is 1 << CONFIG_NODES_SHIFT: the
 * default below is arm64's NODES_SHIFT default of 4 (arch/arm64/Kconfig,
 * also what tools/testing/memblock builds with); riscv's is 2. */
#define VML_NUMA_NO_NODE (-1)
#define VML_MAX_NUMNODES_DEFAULT 16

/* memblock_alloc*() end markers (include/linux/memblock.h v6.12). */
#define VML_MEMBLOCK_ALLOC_ACCESSIBLE 0ULL  /* "up to the current limit" */
#define VML_MEMBLOCK_ALLOC_ANYWHERE (~0ULL) /* no limit */

struct vml_memblock_region {
	vml_phys_t base;
	uint64_t size;
	uint32_t flags;
	int nid; /* node id; MAX_NUMNODES when none was given */
};

struct vml_memblock_type {
	struct vml_memblock_region *regions; /* caller storage, sorted by base */
	unsigned int cnt;		     /* regions in use; 0: empty, regions[0] zeroed */
	unsigned int max;		     /* capacity of @regions */
	uint64_t total_size;		     /* sum of region sizes */
	const char *name;		     /* "memory" or "reserved" */
	/* Where a doubled array lives (memblock_double_array() reserves it):
	 * set once the list has grown; the caller's first array is the
	 * kernel's static memblock_*_init_regions and is never freed. */
	bool array_allocated;
	vml_phys_t array_base;
	uint64_t array_alloc_size; /* PAGE_ALIGN(max * region_bytes) */
};

/*
 * Growth hook for vml_memblock_allow_resize(): return storage for @new_max
 * regions whose first @type->max entries hold @type->regions (realloc()
 * semantics: it may be the same pointer; the old one is no longer used
 * afterwards), or NULL when there is none. The model zeroes the new half.
 */
typedef struct vml_memblock_region *(*vml_memblock_resize_fn)(void *ctx,
							      const struct vml_memblock_type *type,
							      unsigned int new_max);

/* Optional trace hook: called for every successful public operation, with the
 * kernel's memblock=debug function name ("memblock_add", "memblock_reserve",
 * "memblock_remove", "memblock_phys_free", "memblock_mark_nomap", ...) and the
 * inclusive range [base, last]. */
typedef void (*vml_memblock_trace_fn)(void *ctx, const char *op, vml_phys_t base, vml_phys_t last,
				      uint32_t flags);

/*
 * What a top-down vml_memblock_phys_alloc_range_memo() proved, for the next
 * call with the same request: the address it gave (@last) was the highest
 * aligned fit, and [@floor, @last) is free in the range it came from. Held
 * in the memblock it describes (struct vml_memblock.alloc_memo), so that
 * vml_memblock_init() clears it with everything else and no memo can speak
 * for another memblock, or for this one before it was set up again.
 */
struct vml_memblock_alloc_memo {
	bool valid;
	uint64_t changes; /* mb->changes right after the allocation */
	uint64_t size, align;
	vml_phys_t start, end, current_limit;
	vml_phys_t last, floor;
	unsigned int rgn; /* a guess: the reserved region that starts at @last */
};

struct vml_memblock {
	bool bottom_up;		     /* allocation direction, default top-down */
	bool system_has_some_mirror; /* set by vml_memblock_mark_mirror() */
	vml_phys_t current_limit;    /* memblock.current_limit */
	vml_phys_t phys_addr_max;    /* PHYS_ADDR_MAX of the phys_addr_t width */
	uint64_t page_size;	     /* PAGE_SIZE, for "never the first page" */
	struct vml_memblock_type memory;
	struct vml_memblock_type reserved;
	vml_memblock_trace_fn trace;
	void *trace_ctx;
	int max_numnodes; /* MAX_NUMNODES; set before the first add */
	/* memblock_allow_resize() state: the kernel's memblock_can_resize, and
	 * the hook that provides the bigger storage. */
	bool can_resize;
	vml_memblock_resize_fn resize;
	void *resize_ctx;
	/* sizeof(struct memblock_region) of the modelled kernel, for the size of
	 * a doubled array: 24 with a 64-bit phys_addr_t (base, size, flags and,
	 * with CONFIG_NUMA, nid, padded to 8), 12 for 32-bit ARM without LPAE
	 * (base, size, flags; no NUMA). Set by init from phys_addr_max. */
	unsigned int region_bytes;
	/* Bumped by every call through this API that may change the lists
	 * (add, remove, isolate, trim and what calls them): what a
	 * struct vml_memblock_alloc_memo checks. Code that edits the lists
	 * directly must bump it too (nothing in vmlayout does). */
	uint64_t changes;
	/* vml_memblock_phys_alloc_range_memo()'s memo of its last allocation */
	struct vml_memblock_alloc_memo alloc_memo;
};

/*
 * How many regions a layout needs: each list holds at most one region per
 * bank, carve-out and reservation plus the early allocations of the arch
 * policy. 128 is the kernel's own INIT_MEMBLOCK_REGIONS (mm/memblock.c);
 * the CLI gives 256 per list. A list that overflows makes the operation
 * fail with VML_ENOMEM and leaves the model as it was.
 */
#define VML_MEMBLOCK_REGIONS_MIN 128

/**
 * vml_memblock_init() - set up an empty model over caller storage
 * @mb: the model
 * @memory: storage for the memory list, @memory_max entries
 * @reserved: storage for the reserved list, @reserved_max entries
 * @phys_addr_max: PHYS_ADDR_MAX (0xffffffff or ~0ULL)
 * @page_size: PAGE_SIZE of the configuration
 *
 * current_limit starts at VML_MEMBLOCK_ALLOC_ANYWHERE, direction top-down.
 */
void vml_memblock_init(struct vml_memblock *mb, struct vml_memblock_region *memory,
		       unsigned int memory_max, struct vml_memblock_region *reserved,
		       unsigned int reserved_max, vml_phys_t phys_addr_max, uint64_t page_size);

/**
 * vml_memblock_allow_resize() - memblock_allow_resize()
 * @mb: the model
 * @resize: the hook that supplies bigger storage (see vml_memblock_resize_fn)
 * @ctx: passed to @resize
 *
 * From now on a full list is doubled as memblock_double_array() (mm/memblock.c
 * v6.12) doubles it, before memblock has a slab: the new array of
 * PAGE_ALIGN(2 * max * region_bytes) bytes is placed with
 * memblock_find_in_range() (page aligned, top-down or bottom-up, below
 * current_limit, mirrored memory first); when the reserved list is the one
 * growing, the search starts above the range being added and falls back to
 * below it, so the new array never lands on it. The previous array, if it
 * was itself allocated this way, is freed (memblock_phys_free), then the new
 * one is reserved; both show in the reserved list and in the trace
 * ("memblock_double_array" [addr, addr + 2 * max * region_bytes - 1], then
 * "memblock_phys_free" and "memblock_reserve"). A doubling that finds no
 * room or whose hook returns NULL fails the operation with VML_ENOMEM, the
 * lists unchanged. Once the array has moved, the free and reserve that
 * follow can fail only if a nested doubling does (the kernel BUG()s there);
 * the operation then returns VML_ENOMEM with the new array in place.
 *
 * The kernel's order is kept even where it hurts: when freeing the old
 * memory array makes the reserved list double, the new reserved array is
 * placed before the new memory array is reserved and can land on it (both
 * arrays at one address; tests/core/test_memblock_resize.c shows a case).
 */
void vml_memblock_allow_resize(struct vml_memblock *mb, vml_memblock_resize_fn resize, void *ctx);

/*
 * Range operations. Each returns 0, VML_ENOMEM when the storage cannot hold
 * the pieces (see the slot rules above; lists unchanged), VML_ERANGE for a
 * base above phys_addr_max, or VML_EINVAL for an unknown flag. A zero size
 * is a successful no-op, as in the kernel. Adding over existing regions
 * leaves their flags alone: only the uncovered parts get @flags.
 */
int vml_memblock_add(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
		     struct vml_diag *diag);
int vml_memblock_add_flags(struct vml_memblock *mb, vml_phys_t base, uint64_t size, uint32_t flags,
			   struct vml_diag *diag);
/* memblock_add_node(): as vml_memblock_add_flags(), the new pieces on node
 * @nid. VML_EINVAL for an unknown flag. */
int vml_memblock_add_node(struct vml_memblock *mb, vml_phys_t base, uint64_t size, int nid,
			  uint32_t flags, struct vml_diag *diag);
int vml_memblock_remove(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			struct vml_diag *diag);
int vml_memblock_reserve(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			 struct vml_diag *diag);
int vml_memblock_free(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
		      struct vml_diag *diag); /* memblock_phys_free */
int vml_memblock_mark_nomap(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			    struct vml_diag *diag);
int vml_memblock_clear_nomap(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			     struct vml_diag *diag);
int vml_memblock_mark_hotplug(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			      struct vml_diag *diag);
int vml_memblock_clear_hotplug(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			       struct vml_diag *diag);
int vml_memblock_mark_mirror(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			     struct vml_diag *diag);

/**
 * vml_memblock_set_node() - memblock_set_node() (CONFIG_NUMA)
 * @mb: the model
 * @base, @size: the range, @size capped as memblock_cap_size()
 * @type: &mb->memory or &mb->reserved
 * @nid: the node id to give the regions inside the range
 * @diag: filled on failure, may be NULL
 *
 * Splits the regions crossing the range's edges, sets @nid on those inside
 * and merges neighbours of equal node and flags again.
 *
 * Return: 0; VML_ENOMEM when @type has no slot for the splits; VML_ERANGE
 * for a base above phys_addr_max.
 */
int vml_memblock_set_node(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			  struct vml_memblock_type *type, int nid, struct vml_diag *diag);

/*
 * What the kernel does to memblock after the early boot that vmlayout lays
 * out, up to the end of the boot: what /sys/kernel/debug/memblock shows
 * (ARCH_KEEP_MEMBLOCK keeps the lists). The arch fills it (layout->
 * memblock_late); vml_memblock_late_apply() replays it on a copy.
 */
#define VML_MEMBLOCK_LATE_FREES 4
struct vml_memblock_late {
	/* memmap_init_reserved_pages() gives every reserved region inside a
	 * memory region that region's node with memblock_set_node(), merging
	 * neighbours (mm/memblock.c v6.12, with CONFIG_NUMA; v6.1 does not) */
	bool reserved_nid;
	/* the memblock_free()s of the boot's end, in the kernel's order: the
	 * initrd (init/initramfs.c free_initrd_mem(), ARCH_KEEP_MEMBLOCK),
	 * arm64 v6.12's __init section (arch/arm64/mm/init.c free_initmem()) */
	struct {
		vml_phys_t base;
		uint64_t size;
	} frees[VML_MEMBLOCK_LATE_FREES];
	unsigned int n_frees;
};

/**
 * vml_memblock_late_add_free() - record a memblock_free() of the boot's end
 * Return: 0, or VML_ENOMEM when VML_MEMBLOCK_LATE_FREES are recorded already.
 */
int vml_memblock_late_add_free(struct vml_memblock_late *late, vml_phys_t base, uint64_t size);

/**
 * vml_memblock_late_free_initrd() - record free_initrd_mem()'s memblock_free()
 * @late: where to record it
 * @start, @end: the initrd as the bootloader gave it (physical, unaligned)
 * @page_size: PAGE_SIZE
 * @crashk_base, @crashk_size: crashk_res (size 0: none)
 *
 * The generic free_initrd_mem() with ARCH_KEEP_MEMBLOCK (init/initramfs.c
 * v6.1, v6.12) frees [ALIGN_DOWN(start), ALIGN(end)); kexec_free_initrd()
 * frees only the parts outside crashk_res, its end taken from crashk_res.end
 * (the last byte) as the kernel does. Nothing for an empty initrd.
 *
 * Return: as vml_memblock_late_add_free().
 */
int vml_memblock_late_free_initrd(struct vml_memblock_late *late, vml_phys_t start, vml_phys_t end,
				  uint64_t page_size, vml_phys_t crashk_base, uint64_t crashk_size);

/**
 * vml_memblock_late_apply() - memblock once the boot is done
 * @mb: the model at the end of the layout (changed in place: pass a copy)
 * @late: what the arch recorded
 * @diag: filled on failure, may be NULL
 *
 * memblock_free_all() -> free_low_memory_core_early() (mm/memblock.c v6.1,
 * v6.12): memblock_clear_hotplug(0, -1), which merges the memory list's
 * compatible neighbours, then memmap_init_reserved_pages() (@late->
 * reserved_nid); later the frees of @late, in order.
 *
 * Return: 0, or as vml_memblock_set_node() and vml_memblock_free() (a copy
 * whose arrays cannot take the splits: VML_ENOMEM).
 */
int vml_memblock_late_apply(struct vml_memblock *mb, const struct vml_memblock_late *late,
			    struct vml_diag *diag);

/* mem= : memblock_enforce_memory_limit(limit) (keep the first @limit bytes of
 * memory, remove memory and reserved above them). */
int vml_memblock_enforce_memory_limit(struct vml_memblock *mb, uint64_t limit,
				      struct vml_diag *diag);
/* memblock_cap_memory_range(base, size): keep only [base, base+size) of
 * memory (NOMAP regions outside it stay, and the pieces split at its edges
 * stay unmerged, as in the kernel) and of reserved. VML_ENOMEM when memory
 * has no room for the split pieces. No memory at all: nothing happens. */
int vml_memblock_cap_memory_range(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
				  struct vml_diag *diag);
/* memblock_mem_limit_remove_map(limit) (arm64 mem=): cap_memory_range(0,
 * address where the first @limit bytes of memory end). */
int vml_memblock_mem_limit_remove_map(struct vml_memblock *mb, uint64_t limit,
				      struct vml_diag *diag);
/* memblock_trim_memory(align): round every memory region inward to @align,
 * dropping those that vanish. */
int vml_memblock_trim_memory(struct vml_memblock *mb, uint64_t align, struct vml_diag *diag);

void vml_memblock_set_current_limit(struct vml_memblock *mb, vml_phys_t limit);
vml_phys_t vml_memblock_get_current_limit(const struct vml_memblock *mb);
void vml_memblock_set_bottom_up(struct vml_memblock *mb, bool enable);

/**
 * vml_memblock_phys_alloc_range() - memblock_phys_alloc_range()
 * @start, @end: window; @end may be VML_MEMBLOCK_ALLOC_ACCESSIBLE (current
 * limit) or VML_MEMBLOCK_ALLOC_ANYWHERE.
 * @out: the base allocated (reserved on success).
 *
 * Return: 0, VML_ENOMEM if no free range fits (nothing changed), VML_EINVAL
 * for a zero size or an alignment that is not a power of two.
 */
int vml_memblock_phys_alloc_range(struct vml_memblock *mb, uint64_t size, uint64_t align,
				  vml_phys_t start, vml_phys_t end, vml_phys_t *out,
				  struct vml_diag *diag);
/**
 * vml_memblock_alloc_try_nid() - the placement of memblock_alloc_try_nid()
 * @min_addr, @max_addr: bounds; @max_addr above the current limit is lowered
 * to it; when nothing fits above @min_addr, the kernel drops @min_addr and
 * retries from 0, and so does this.
 */

/**
 * vml_memblock_phys_alloc_range_memo() - vml_memblock_phys_alloc_range()
 * with a memo of the last allocation
 *
 * The same result, the same memblock afterwards, the same trace and the
 * same errors as vml_memblock_phys_alloc_range(). When the memblock has not
 * changed since the last call but by that call's reserve, top-down, without
 * mirrored memory, and the request is the same (@size a multiple of
 * @align), the answer is the block just below the last one if it lies
 * above the memo's floor: no walk of the free ranges.
 */
int vml_memblock_phys_alloc_range_memo(struct vml_memblock *mb, uint64_t size, uint64_t align,
				       vml_phys_t start, vml_phys_t end, vml_phys_t *out,
				       struct vml_diag *diag);

int vml_memblock_alloc_try_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
			       vml_phys_t min_addr, vml_phys_t max_addr, vml_phys_t *out,
			       struct vml_diag *diag);

/**
 * vml_memblock_alloc_range_nid() - memblock_alloc_range_nid()
 * @nid: the node to allocate on, VML_NUMA_NO_NODE for any
 * @exact_nid: when false and nothing fits on a valid @nid, try any node
 *
 * Tries @nid (mirrored memory first when there is some), then without the
 * node unless @exact_nid, then, with mirror, all of it again without the
 * MIRROR requirement. Other arguments and return as
 * vml_memblock_phys_alloc_range().
 */
int vml_memblock_alloc_range_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
				 vml_phys_t start, vml_phys_t end, int nid, bool exact_nid,
				 vml_phys_t *out, struct vml_diag *diag);
/* memblock_alloc_try_nid(..., nid): vml_memblock_alloc_try_nid() on node
 * @nid first, then on any node (memblock_alloc_internal(), exact_nid false). */
int vml_memblock_alloc_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
			   vml_phys_t min_addr, vml_phys_t max_addr, int nid, vml_phys_t *out,
			   struct vml_diag *diag);
/* memblock_alloc_exact_nid_raw(): as vml_memblock_alloc_nid(), but only on
 * node @nid (the min_addr retry from 0 still happens). */
int vml_memblock_alloc_exact_nid(struct vml_memblock *mb, uint64_t size, uint64_t align,
				 vml_phys_t min_addr, vml_phys_t max_addr, int nid, vml_phys_t *out,
				 struct vml_diag *diag);

/* Queries. */
vml_phys_t vml_memblock_start_of_DRAM(const struct vml_memblock *mb);
vml_phys_t vml_memblock_end_of_DRAM(const struct vml_memblock *mb); /* exclusive */
uint64_t vml_memblock_phys_mem_size(const struct vml_memblock *mb);
uint64_t vml_memblock_reserved_size(const struct vml_memblock *mb);
bool vml_memblock_is_memory(const struct vml_memblock *mb, vml_phys_t addr);
bool vml_memblock_is_reserved(const struct vml_memblock *mb, vml_phys_t addr);
bool vml_memblock_is_region_memory(const struct vml_memblock *mb, vml_phys_t base, uint64_t size);
bool vml_memblock_is_map_memory(const struct vml_memblock *mb, vml_phys_t addr);
bool vml_memblock_is_region_reserved(const struct vml_memblock *mb, vml_phys_t base, uint64_t size);
/* memblock_overlaps_region(type, base, size): [base, base + size) (size
 * capped) intersects a region of @type (&mb->memory or &mb->reserved). As the
 * kernel's test, a zero size counts when @base is strictly inside a region. */
bool vml_memblock_overlaps_region(const struct vml_memblock *mb,
				  const struct vml_memblock_type *type, vml_phys_t base,
				  uint64_t size);

/*
 * Iterators, as for_each_mem_range / for_each_reserved_mem_range /
 * for_each_free_mem_range (and _reverse). Start with the iterator zeroed
 * (VML_MEMBLOCK_ITER_INIT); each call yields [*start, *end) and returns true,
 * or false when done. Like the kernel, memory iteration skips NOMAP regions
 * unless @flags has VML_MEMBLOCK_NOMAP, and skips HOTPLUG/MIRROR per @flags
 * (a region is skipped when it lacks a MIRROR flag asked for).
 */
struct vml_memblock_iter {
	int64_t idx_a; /* index into memory (or reserved for the reserved walk) */
	int64_t idx_b; /* index of the gap before reserved[idx_b] */
	bool started;
};
#define VML_MEMBLOCK_ITER_INIT                                                                     \
	{                                                                                          \
		0, 0, false                                                                        \
	}

bool vml_memblock_next_mem_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				 uint32_t flags, vml_phys_t *start, vml_phys_t *end);
bool vml_memblock_prev_mem_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				 uint32_t flags, vml_phys_t *start, vml_phys_t *end);
bool vml_memblock_next_reserved_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      vml_phys_t *start, vml_phys_t *end);
bool vml_memblock_next_free_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				  uint32_t flags, vml_phys_t *start, vml_phys_t *end);
bool vml_memblock_prev_free_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				  uint32_t flags, vml_phys_t *start, vml_phys_t *end);
/* for_each_free_mem_range(i, nid, ...) and _reverse: only memory regions of
 * node @nid (all of them for VML_NUMA_NO_NODE or an invalid node). */
bool vml_memblock_next_free_range_nid(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      int nid, uint32_t flags, vml_phys_t *start, vml_phys_t *end);
bool vml_memblock_prev_free_range_nid(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      int nid, uint32_t flags, vml_phys_t *start, vml_phys_t *end);

#endif

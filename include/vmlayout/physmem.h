/* SPDX-License-Identifier: MIT */
/*
 * DOC: simulated physical memory (host only)
 *
 * A sparse store of physical memory: 64 KiB chunks allocated, zeroed, the
 * first time something reaches them, so a 52-bit physical address space
 * costs only what is touched. It gives the page-table engine its window
 * (phys -> pointer) and, bound to a memblock, its table allocator
 * (memblock_phys_alloc_range, top-down, under the current limit), as the
 * kernel's early_pgtable_alloc does (arch/arm64/mm/mmu.c, v6.12).
 */
#ifndef VMLAYOUT_PHYSMEM_H
#define VMLAYOUT_PHYSMEM_H

#include "memblock.h"
#include "pgtable.h"

#define VML_PHYSMEM_CHUNK 0x10000ULL /* the largest table (64K granule) fits one chunk */

struct vml_physmem;

/* An empty store, or NULL when out of host memory. */
struct vml_physmem *vml_physmem_new(void);
void vml_physmem_delete(struct vml_physmem *pm);

/**
 * vml_physmem_window() - a pointer to [pa, pa + size)
 *
 * Return: the pointer (stable until vml_physmem_delete), or NULL if the
 * range crosses a 64 KiB chunk boundary or the host is out of memory.
 */
void *vml_physmem_window(struct vml_physmem *pm, uint64_t pa, uint64_t size);

/* Make [pa, pa + size) read as zero: whole 4 KiB pages are zeroed when
 * next reached (as new memory is), bytes of a page partly in the range at
 * once. */
void vml_physmem_zero(struct vml_physmem *pm, uint64_t pa, uint64_t size);

/* Copy [pa, pa + size) into @buf; bytes never touched read as zero. */
void vml_physmem_read(const struct vml_physmem *pm, uint64_t pa, void *buf, uint64_t size);

/* Chunks in use (host memory = chunks x 64 KiB). */
uint64_t vml_physmem_chunks(const struct vml_physmem *pm);

/* The engine's callbacks over a memblock and a physmem: set ctx->cb to a
 * struct vml_physmem_tables. @limit: tables are allocated below it (the
 * format's vml_pt_table_limit(): what the entry pointing at a table can
 * hold); 0 = anywhere memblock allows. */
struct vml_physmem_tables {
	struct vml_memblock *mb;
	struct vml_physmem *pm;
	uint64_t allocated; /* tables handed out and not given back */
	uint64_t limit;
};

/* A table from memblock, zeroed (vml_physmem_zero()) as the kernel's
 * memblock_alloc() zeroes what it gives (mm/memblock.c
 * memblock_alloc_try_nid(), v6.12) and arm64 clears each new table
 * (arch/arm64/mm/mmu.c init_clear_pgtable(), v6.12): a ctx over these
 * callbacks may set tables_zeroed. */
int vml_physmem_alloc_table(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out);
void vml_physmem_free_table(void *cb, vml_paddr_t table, uint64_t size);
void *vml_physmem_table_window(void *cb, vml_paddr_t pa, uint64_t size);

#endif

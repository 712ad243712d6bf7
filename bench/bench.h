/* SPDX-License-Identifier: MIT */
/*
 * What the files of bench/ share. bench_pgtable.c times the page-table
 * engine against a naive mapper and memset on the workloads of
 * workloads.c; docs/performance.md explains the figures.
 */
#ifndef VMLAYOUT_BENCH_H
#define VMLAYOUT_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"
#include "vmlayout/physmem.h"

/* ---- timing.c: clock and statistics ---- */
double bench_now_ns(void);
/* Sorts @v (@n values) and gives the smallest and the median. */
void bench_min_median(double *v, unsigned int n, double *min, double *median);
/* One timed memset of @bytes over @buf (already faulted in). */
double bench_memset_ns(unsigned char *buf, uint64_t bytes, int value);

/* ---- workloads.c: what is mapped ---- */
struct bench_region {
	uint64_t va, pa, size;
};

struct bench_workload {
	const char *name;   /* "W1", "W2", "W3", "W64p", "W64b" */
	const char *what;   /* one line for the table */
	uint32_t flags;	    /* VML_PT_NO_* for every map call */
	unsigned int count; /* regions, in the order they are mapped */
	struct bench_region *regions;
	uint64_t mapped; /* bytes mapped in all */
};

/* Fills @w for workload @name on format @f; false if the workload does
 * not fit the format (64 GiB in a 32-bit VA space). The regions are from
 * a fixed seed: every run maps the same addresses. */
bool bench_workload_make(struct bench_workload *w, const char *name, const struct vml_pt_format *f);
void bench_workload_free(struct bench_workload *w);
/* The PA @va maps to under @w, or false if it maps nothing. */
bool bench_workload_pa(const struct bench_workload *w, uint64_t va, uint64_t *pa);
uint64_t bench_rand(uint64_t *state);

/* ---- table_mem.c: where the engine's tables live ---- */
enum bench_window {
	BENCH_FLAT = 0, /* one pre-faulted buffer, bump allocator */
	BENCH_PHYSMEM,	/* memblock + simulated physical memory (src/host/physmem.c) */
};

struct bench_mem {
	enum bench_window kind;
	/* flat */
	unsigned char *buf;
	uint64_t base, size, next;
	/* physmem */
	struct vml_memblock mb;
	struct vml_memblock_region mem[4], res[64];
	struct vml_physmem_tables pt;
};

#define BENCH_TABLE_PA 0x10000000ULL /* below 4 GiB: arm short tables must be */

/* A flat buffer of @size bytes (faulted in once) reused by every rep. */
int bench_flat_new(struct bench_mem *m, uint64_t size);
void bench_flat_delete(struct bench_mem *m);
/* Ready for one rep: the flat allocator rewound, or a new memblock and
 * physmem (chunks appear as the engine touches them). */
int bench_mem_reset(struct bench_mem *m);
void bench_mem_release(struct bench_mem *m);
/* The engine's callbacks over @m (ctx->cb = m, or &m->pt: physmem's own). */
void bench_mem_bind(struct bench_mem *m, struct vml_pt_ctx *ctx);

/* ---- naive_map.c: the baseline mapper ---- */
struct bench_naive {
	const struct vml_pt_format *f;
	unsigned char *pool; /* pre-faulted table memory */
	uint64_t pool_pa, pool_size, next;
	unsigned char *root;
	uint64_t leaf_tmpl[VML_PT_MAX_LEVELS];
	uint64_t table_tmpl[VML_PT_MAX_LEVELS];
	unsigned int oa_shift;	    /* riscv: the PPN sits 2 bits lower than the PA */
	struct vml_pt_ctx walk_ctx; /* the engine's walker over these tables */
};

int bench_naive_new(struct bench_naive *n, const struct vml_pt_format *f,
		    const struct vml_pt_attrs *attrs, uint64_t pool_size);
void bench_naive_delete(struct bench_naive *n);
/* An empty root; the pool rewound. */
void bench_naive_reset(struct bench_naive *n);
/* Maps [va, va + size) to pa with the largest leaves @flags allow. */
int bench_naive_map(struct bench_naive *n, uint64_t va, uint64_t pa, uint64_t size, uint32_t flags);

/* ---- verify.c: the results agree ---- */
/* Walks @samples random VAs (and both ends of every region) through the
 * engine's walker in both trees: same mapping, same PA as the workload says,
 * same attributes. Prints the first mismatch; returns the mismatch count. */
unsigned int bench_verify(const struct bench_workload *w, const struct vml_pt_ctx *engine,
			  const struct vml_pt_ctx *naive, unsigned int samples, uint64_t seed);

/* ---- huge_pages.c: memory on 4 KiB or on transparent huge pages ---- */
struct bench_pages {
	void *map;
	size_t map_len;
	void *p;      /* 2 MiB-aligned, faulted in */
	size_t bytes; /* at p: a multiple of 2 MiB */
	bool huge;    /* MADV_HUGEPAGE (else MADV_NOHUGEPAGE) */
};

/* At least @bytes at a 2 MiB boundary, advised @huge or not, faulted in. */
int bench_pages_new(struct bench_pages *pg, size_t bytes, bool huge);
void bench_pages_delete(struct bench_pages *pg);
/* How much of it the kernel backs with huge pages (/proc/self/smaps). */
size_t bench_pages_huge_bytes(const struct bench_pages *pg);

#endif

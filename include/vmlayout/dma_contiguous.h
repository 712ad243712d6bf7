/* SPDX-License-Identifier: MIT */
/*
 * DOC: the default CMA area's request: CONFIG_CMA_SIZE_MBYTES or cma=
 *
 * kernel/dma/contiguous.c dma_contiguous_reserve() (v6.1, v6.12, v6.16+)
 * picks the size, base and limit (cma= wins over the .config; a cma= limit
 * lowers the arch's, min_not_zero(), before v6.16, and replaces it since;
 * base + size == limit asks for that exact place), and mm/cma.c
 * cma_declare_contiguous_nid() checks them before the arch's placement (the
 * arches keep their own, src/arch). The messages are the kernel's ("cma: "
 * pr_fmt; %pa at the phys_addr_t's width; v6.12 adds " on node -1").
 */
#ifndef VMLAYOUT_DMA_CONTIGUOUS_H
#define VMLAYOUT_DMA_CONTIGUOUS_H

#include "config.h"
#include "layout.h"
#include "memblock.h"

struct vml_cma_select {
	uint64_t size, base, limit;
	bool fixed;
};

/* How the arch's kernel prints and checks (cma_declare_contiguous_nid()). */
struct vml_cma_env {
	uint64_t align;		/* CMA_MIN_ALIGNMENT_BYTES (or the profile's) */
	uint64_t highmem_start; /* __pa(high_memory - 1) + 1 */
	bool pa_64bit;		/* phys_addr_t is 64 bits: %pa prints 16 digits */
	bool node_suffix;	/* v6.12: "... on node -1" */
	bool has_nid;		/* the suffix's node is @nid, not NUMA_NO_NODE */
	int nid;
	/* v6.17+ (mm/cma.c cma_fixed_reserve()): a fixed area's low/high
	 * boundary check needs CONFIG_HIGHMEM, which arm64 and riscv64 lack;
	 * before, it ran on every arch, with highmem_start the end of DRAM */
	bool fixed_boundary_highmem_only;
};

/**
 * vml_cma_cmdline_given() - early_cma()'s "size_cmdline != -1": a cma=
 * with a value whose size, as a phys_addr_t, is not all ones
 * @pa_64bit: phys_addr_t is 64 bits (else 32: arm without LPAE)
 */
bool vml_cma_cmdline_given(const struct vml_kernel_config *cfg, bool pa_64bit);

/**
 * vml_dma_contiguous_select() - dma_contiguous_reserve()'s request
 * @size_bytes: the .config's size (CMA_SIZE_MBYTES << 20), used without cma=
 * @limit: the arch's limit (0: none)
 * @pa_64bit: phys_addr_t is 64 bits; else cma='s size, base and limit are
 *            cut to 32 bits, as early_cma()'s phys_addr_t variables are
 * @cmdline_limit_wins: v6.16+ "limit_cmdline ?: limit" (commit aa807b9f22df
 *            "dma-contiguous: hornor the cma address limit setup by user");
 *            before, min_not_zero(limit_cmdline, limit)
 */
void vml_dma_contiguous_select(const struct vml_kernel_config *cfg, uint64_t size_bytes,
			       uint64_t limit, bool pa_64bit, bool cmdline_limit_wins,
			       struct vml_cma_select *s);

/**
 * vml_cma_declare_checks() - cma_declare_contiguous_nid() up to the
 * placement: base, size, limit aligned; a fixed base reserved here
 * @s: the request, sanitised in place (limit capped to the end of DRAM)
 * @done: set when nothing is left to the arch: a fixed area reserved
 *        (@reserved set) or a refusal (message logged, @reserved clear)
 */
int vml_cma_declare_checks(struct vml_memblock *mb, struct vml_layout *lo, struct vml_cma_select *s,
			   const struct vml_cma_env *env, bool *done, bool *reserved,
			   struct vml_diag *diag);

/* "cma: Reserved %ld MiB at %pa[ on node -1]" and "cma: Failed to reserve
 * %ld MiB[ on node -1]" */
void vml_cma_reserved_msg(struct vml_layout *lo, const struct vml_cma_env *env, uint64_t base,
			  uint64_t size);
void vml_cma_failed_msg(struct vml_layout *lo, const struct vml_cma_env *env, uint64_t size);

/**
 * vml_cma_bytes_in_memory() - how much of the CMA area [@base, +@size) is in
 * memblock.memory: what cma_activate_area() can give to the buddy allocator
 * and MemTotal. A fixed cma= area outside RAM passes memblock_reserve() and
 * cma_init_reserved_mem(); when part of it is not memory this adds a note
 * (the kernel warns in cma_activate_area(), mm/cma.c v6.1/v6.12).
 */
uint64_t vml_cma_bytes_in_memory(const struct vml_memblock *mb, struct vml_layout *lo,
				 uint64_t base, uint64_t size);

#endif

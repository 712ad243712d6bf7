/* SPDX-License-Identifier: MIT */
/*
 * DOC: hugetlb_cma=: the gigantic-page CMA areas (mm/hugetlb.c
 * hugetlb_cma_reserve(), v6.1 and v6.12)
 *
 * The arch calls hugetlb_cma_reserve(order) with CONFIG_CMA and
 * CONFIG_HUGETLB_PAGE: arm64 in bootmem_init() right after arch_numa_init()
 * (arm64_hugetlb_cma_reserve(): order PUD_SHIFT - PAGE_SHIFT with 4K pages,
 * CONT_PMD_SHIFT - PAGE_SHIFT otherwise), riscv64 in setup_bootmem() right
 * after dma_contiguous_reserve() (PUD_SHIFT - PAGE_SHIFT). Each online
 * node's share is a CMA area of cma_declare_contiguous_nid(0, size, 0,
 * align, ..., false, nid): bottom-up from 4 GiB when RAM reaches 4 GiB +
 * size, else top-down, on that node. The areas are reservations named
 * "hugetlb_cma" (cma, freed at the end of boot: their pages go to the buddy
 * allocator as MIGRATE_CMA, so they count in MemTotal and "cma-reserved").
 */
#ifndef VMLAYOUT_HUGETLB_CMA_H
#define VMLAYOUT_HUGETLB_CMA_H

#include "dma_contiguous.h"

struct vml_hugetlb_cma_env {
	uint64_t gigantic;	   /* PAGE_SIZE << order */
	uint64_t align;		   /* v6.1: PAGE_SIZE << HUGETLB_PAGE_ORDER; v6.12: gigantic */
	unsigned int max_numnodes; /* MAX_NUMNODES (1 without NUMA) */
	bool numa;		   /* CONFIG_NUMA: the online nodes are lo->nodes[] */
	struct vml_cma_env cma;	   /* CMA_MIN_ALIGNMENT_BYTES and the messages' form */
};

/* The name of the areas in lo->reservations. */
#define VML_HUGETLB_CMA_NAME "hugetlb_cma"

/**
 * vml_hugetlb_cma_reserve() - hugetlb_cma_reserve() for cfg->hugetlb_cma[]:
 * the kernel's messages ("hugetlb_cma: reserve %lu MiB, up to %lu MiB per
 * node", "cma: Reserved ...", "hugetlb_cma: reserved %lu MiB on node %d",
 * the warnings) and one "hugetlb_cma" reservation per area.
 *
 * Return: 0 (a refusal is the kernel's warning, not an error), or a
 * memblock or layout storage error.
 */
int vml_hugetlb_cma_reserve(struct vml_memblock *mb, struct vml_layout *lo,
			    const struct vml_kernel_config *cfg,
			    const struct vml_hugetlb_cma_env *env, struct vml_diag *diag);

/* The bytes of the "hugetlb_cma" reservations (for MemTotal). */
uint64_t vml_hugetlb_cma_bytes(const struct vml_layout *lo);

#endif

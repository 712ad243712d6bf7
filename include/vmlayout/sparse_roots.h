/* SPDX-License-Identifier: MIT */
/*
 * DOC: SPARSEMEM_EXTREME's mem_section table, taken from memblock
 *
 * mm/sparse.c (v6.1, v6.12) memblocks_present(): the root array,
 * NR_SECTION_ROOTS pointers, memblock_alloc(size, 1 << INTERNODE_CACHE_SHIFT)
 * (64 bytes on arm64 and riscv64); then sparse_index_init(): one array of
 * SECTIONS_PER_ROOT struct mem_section (a page) per root that holds a
 * present section, memblock_alloc_node(..., SMP_CACHE_BYTES). Both come
 * before the struct pages in sparse_init().
 *   NR_MEM_SECTIONS   = 2^(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
 *   SECTIONS_PER_ROOT = PAGE_SIZE / sizeof(struct mem_section)
 *   sizeof(struct mem_section) = 16, or 32 with CONFIG_PAGE_EXTENSION
 *     (include/linux/mmzone.h: page_ext and a pad)
 * riscv64 (MAX_PHYSMEM_BITS 56, SECTION_SIZE_BITS 27) with PAGE_EXTENSION,
 * as Debian 13 builds it: 2^29 / 128 roots = 32 MiB; arm64 4K with 48-bit
 * PA: 2^21 / 128 = 128 KiB (both seen in memblock=debug logs,
 * docs/conformance.md).
 */
#ifndef VMLAYOUT_SPARSE_ROOTS_H
#define VMLAYOUT_SPARSE_ROOTS_H

#include "memblock.h"

/* SECTIONS_PER_ROOT for @page_size and CONFIG_PAGE_EXTENSION. */
uint64_t vml_sections_per_root(uint64_t page_size, bool page_extension);

/* Bytes of the root array: NR_SECTION_ROOTS * 8. */
uint64_t vml_mem_section_roots_bytes(unsigned int max_physmem_bits, unsigned int section_size_bits,
				     uint64_t page_size, bool page_extension);

/* How many roots hold a present section of @mb's memory (NOMAP included:
 * memblocks_present() walks every memory range). */
uint64_t vml_mem_section_roots_used(const struct vml_memblock *mb, unsigned int section_size_bits,
				    uint64_t sections_per_root);

#endif

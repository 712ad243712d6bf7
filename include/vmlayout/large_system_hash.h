/* SPDX-License-Identifier: MIT */
/*
 * DOC: the boot-time hash tables alloc_large_system_hash() sizes
 *
 * The dentry and inode hash tables come from memblock at boot (HASH_EARLY,
 * vfs_caches_init_early()) when hashdist is 0; their size depends on the
 * memory, the command line (dhash_entries=, ihash_entries=) and, on 64-bit
 * kernels, ADAPT_SCALE. The kernel prints one line for each.
 */
#ifndef VMLAYOUT_LARGE_SYSTEM_HASH_H
#define VMLAYOUT_LARGE_SYSTEM_HASH_H

#include "layout.h"

/**
 * struct vml_hash_request - alloc_large_system_hash()'s inputs
 * @nr_kernel_pages: free pages of the zones below highmem (free_area_init_core)
 * @nr_all_pages: the same over every zone
 * @bucketsize: bytes per bucket (a pointer)
 * @numentries: the command line's count (dhash_entries=, ihash_entries=);
 *	0: from memory
 * @scale: one bucket per 2^scale bytes of low memory
 * @page_shift: PAGE_SHIFT
 * @adapt: a 64-bit kernel (__BITS_PER_LONG > 32): past 64 GiB, one more
 *	scale step per 4x (ADAPT_SCALE_BASE, ADAPT_SCALE_SHIFT)
 */
struct vml_hash_request {
	uint64_t nr_kernel_pages, nr_all_pages, bucketsize, numentries;
	unsigned int scale, page_shift;
	bool adapt;
};

/* The table: 1 << log2qty buckets, @size bytes. */
struct vml_hash_table {
	uint64_t entries, size;
};

/**
 * vml_large_system_hash() - the table alloc_large_system_hash() makes
 * (mm/page_alloc.c v3.4, v6.1; mm/mm_init.c v6.12), with no low or high
 * limit (the dentry and inode tables)
 */
struct vml_hash_table vml_large_system_hash(const struct vml_hash_request *r);

/**
 * vml_hashdist() - hashdist when vfs_caches_init_early() runs, on a NUMA
 * kernel: HASHDIST_DEFAULT (1 on 64-bit), set to 0 with one node with
 * memory (page_alloc_init() v6.1, fixup_hashdist() v6.12), then the command
 * line's hashdist= (parse_args() runs after both; an int). Non-zero: the
 * tables come from vmalloc later, not from memblock.
 */
bool vml_hashdist(const struct vml_kernel_config *cfg, unsigned int memory_nodes);

/* How an arch takes a boot table from memblock: (ctx, name, size). */
typedef int (*vml_hash_alloc_fn)(void *ctx, const char *name, uint64_t size);

/**
 * struct vml_vfs_hash_tables - vfs_caches_init_early()'s two tables
 * @memory: nr_kernel_pages, nr_all_pages, bucketsize, page_shift and adapt
 *	(@memory.numentries and @memory.scale are set per table)
 * @long_bits: the arch's unsigned long, 32 or 64: the command line's counts
 *	are cut to it
 * @print: print the kernel's lines; @v3_4: in v3.4's format
 */
struct vml_vfs_hash_tables {
	struct vml_hash_request memory;
	unsigned int long_bits;
	bool print, v3_4;
};

/**
 * vml_vfs_caches_init_early() - the dentry ("Dentry cache", scale 13,
 * dhash_entries=) and inode ("Inode-cache", scale 14, ihash_entries=) hash
 * tables, taken through @alloc ("dentry hash", "inode hash") with their
 * lines (fs/dcache.c dcache_init_early(), fs/inode.c inode_init_early(),
 * v3.4 .. v6.12); the caller has checked hashdist (vml_hashdist()).
 * Return: @alloc's first error, else VML_OK.
 */
int vml_vfs_caches_init_early(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			      const struct vml_vfs_hash_tables *t, vml_hash_alloc_fn alloc,
			      void *ctx);

/**
 * struct vml_huge_vmalloc - what __vmalloc_node_range() (mm/vmalloc.c
 * v6.1, v6.12) needs to map a vmalloc_huge() area with more than pages
 * @allowed: HAVE_ARCH_HUGE_VMALLOC, no "nohugevmalloc" on the command line,
 *	and arch_vmap_pmd_supported() (arm64 before v6.18: no
 *	CONFIG_PTDUMP_DEBUGFS)
 * @pmd_size: PMD_SIZE
 * @cont_pte_size: arch_vmap_pte_supported_shift()'s run (arm64 v6.16+:
 *	CONT_PTE_SIZE), 0 when the arch has none
 * @online_nodes: num_online_nodes(): the size per node is what counts
 */
struct vml_huge_vmalloc {
	bool allowed;
	uint64_t pmd_size, cont_pte_size;
	unsigned int online_nodes;
};

/**
 * vml_vfs_caches_init_late() - with hashdist, the dentry and inode tables
 * dcache_init() and inode_init() take later from vmalloc_huge() (fs/dcache.c,
 * fs/inode.c, v6.1, v6.12): their lines only, "... bytes, vmalloc)" or
 * "vmalloc hugepage" when @hv maps them with blocks or CONT_PTE runs
 * (is_vm_area_hugepages()); nothing from memblock
 */
void vml_vfs_caches_init_late(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			      const struct vml_vfs_hash_tables *t,
			      const struct vml_huge_vmalloc *hv);

/**
 * vml_large_system_hash_msg() - its line for a memblock table:
 * "<name> hash table entries: N (order: O, S bytes, linear)" (v6.1, v6.12:
 * O = get_order(S)), or v3.4's "(order: O, S bytes)" with O =
 * ilog2(S) - PAGE_SHIFT
 */
void vml_large_system_hash_msg(struct vml_layout *lo, const char *name,
			       const struct vml_hash_table *t, unsigned int page_shift, bool v3_4);

/* The line of a vmalloc'd table (v6.1, v6.12): @where is "vmalloc" or
 * "vmalloc hugepage" */
void vml_large_system_hash_msg_where(struct vml_layout *lo, const char *name,
				     const struct vml_hash_table *t, unsigned int page_shift,
				     const char *where);

#endif

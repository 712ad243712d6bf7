/* SPDX-License-Identifier: MIT */
/*
 * DOC: the memory KFENCE takes at boot
 *
 * With CONFIG_KFENCE, a non-zero sample interval (CONFIG_KFENCE_SAMPLE_INTERVAL,
 * or kfence.sample_interval= on the command line) takes a pool of
 * KFENCE_POOL_SIZE bytes from memblock at boot and, since v6.6, the
 * objects' metadata (KFENCE_METADATA_SIZE) too; neither is given back when
 * KFENCE starts. arm64 (v6.3+) and riscv64 (v6.x) take the pool earlier,
 * before the linear map, so that it is mapped with pages.
 */
#ifndef VMLAYOUT_KFENCE_H
#define VMLAYOUT_KFENCE_H

#include "config.h"
#include "layout.h"
#include "pgtable.h"

/* KFENCE_POOL_SIZE: (CONFIG_KFENCE_NUM_OBJECTS + 1) * 2 pages
 * (include/linux/kfence.h v6.1, v6.12) */
uint64_t vml_kfence_pool_size(const struct vml_kernel_config *cfg, uint64_t page_size);

/* KFENCE_METADATA_SIZE: PAGE_ALIGN(sizeof(struct kfence_metadata) *
 * CONFIG_KFENCE_NUM_OBJECTS) (mm/kfence/kfence.h v6.12, 7.2), the struct
 * as @cfg's MEMCG, MEM_ALLOC_PROFILING and DEBUG_SPINLOCK lay it out with
 * @ptr_bytes-byte pointers and longs: 8 (arm64, riscv64: 1160 bytes with
 * MEMCG, 299008 for 255 objects) or 4 (arm: 616, 159744, as Debian 13's
 * 6.12.117-armmp allocates). LOCKDEP's lock fields are not counted:
 * vml_kfence_msgs() says so. */
uint64_t vml_kfence_metadata_size(const struct vml_kernel_config *cfg, uint64_t page_size,
				  uint64_t ptr_bytes);

/* kfence_sample_interval once parse_args() has run (the module parameter
 * "kfence.sample_interval": the last value kstrtoul(val, 0) takes, else
 * CONFIG_KFENCE_SAMPLE_INTERVAL); 0 without CONFIG_KFENCE */
uint64_t vml_kfence_sample_interval(const struct vml_kernel_config *cfg);

/* arm64's kfence_early_init (arch/arm64/mm/mmu.c, v6.3+): !!CONFIG_KFENCE_
 * SAMPLE_INTERVAL, then each early "kfence.sample_interval=" whose
 * get_option() reads a number sets it to !!(int)number */
bool vml_kfence_early_init(const struct vml_kernel_config *cfg);

/* parse_args()'s line for a kfence.sample_interval= value kstrtoul()
 * refuses ("Booting kernel: `V' invalid for parameter
 * `kfence.sample_interval'"), and vmlayout's note when LOCKDEP makes the
 * metadata larger than counted; printed where parse_args() runs, before
 * the boot hash tables */
void vml_kfence_msgs(struct vml_layout *lo, const struct vml_kernel_config *cfg);

/* KFENCE started at boot (kfence_init() initialised the pool): the layout
 * took the metadata, which kfence_alloc_pool_and_metadata() (v6.6+) does
 * exactly when the interval is not 0 and the pool exists */
bool vml_kfence_started(const struct vml_layout *lo);

/**
 * vml_kfence_protect_guards() - kfence_init_pool() (mm/kfence/core.c
 * v6.12) on the running kernel's linear map: the pool's first two pages
 * and each object's right guard page (every odd page from the third) made
 * invalid by kfence_protect_page() (arm64: set_memory_valid() clears
 * PTE_VALID; riscv: _PAGE_PRESENT cleared); the object pages stay
 * @pool_va: the pool's linear-map address; @pool_size: KFENCE_POOL_SIZE
 */
int vml_kfence_protect_guards(struct vml_pt_ctx *ctx, uint64_t pool_va, uint64_t pool_size,
			      uint64_t page, struct vml_diag *diag);

#endif

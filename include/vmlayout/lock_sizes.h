/* SPDX-License-Identifier: MIT */
/*
 * DOC: the sizes of the kernel's spinlocks, for structures sized from them
 *
 * raw_spinlock_t (include/linux/spinlock_types_raw.h, v6.1, v6.12) is the
 * arch's 4-byte lock (arm, arm64, riscv64), with CONFIG_DEBUG_SPINLOCK's
 * magic, owner_cpu and owner after it. spinlock_t
 * (include/linux/spinlock_types.h) is a raw_spinlock_t, except under
 * CONFIG_PREEMPT_RT, where it is a struct rt_mutex_base
 * (include/linux/rtmutex.h): a raw_spinlock_t wait_lock, an rb_root_cached
 * (two pointers) and the owner pointer: 32 bytes on 64-bit kernels, 16 on
 * 32-bit ones. CONFIG_DEBUG_LOCK_ALLOC's struct lockdep_map is not sized
 * here: the callers say so.
 */
#ifndef VMLAYOUT_LOCK_SIZES_H
#define VMLAYOUT_LOCK_SIZES_H

#include "config.h"

/** struct vml_ctype - the size and alignment of a C type */
struct vml_ctype {
	uint64_t size, align;
};

/**
 * vml_raw_spinlock_type() - sizeof/alignof(raw_spinlock_t)
 * @ptr_bytes: bytes of a pointer (4 or 8)
 */
struct vml_ctype vml_raw_spinlock_type(const struct vml_kernel_config *cfg, uint64_t ptr_bytes);

/**
 * vml_spinlock_type() - sizeof/alignof(spinlock_t): an rt_mutex_base under
 * CONFIG_PREEMPT_RT
 */
struct vml_ctype vml_spinlock_type(const struct vml_kernel_config *cfg, uint64_t ptr_bytes);

/**
 * vml_io_tlb_area_size() - sizeof(struct io_tlb_area) (kernel/dma/
 * swiotlb.c v6.1, v6.12: an unsigned long used, an unsigned int index and
 * a spinlock_t), the element of swiotlb_init_remap()'s mem->areas
 * @long_bytes: bytes of an unsigned long and of a pointer (4 or 8)
 */
uint64_t vml_io_tlb_area_size(const struct vml_kernel_config *cfg, uint64_t long_bytes);

#endif

/* SPDX-License-Identifier: MIT */
/* The sizes of the kernel's spinlocks (see include/vmlayout/lock_sizes.h). */
#include "vmlayout/lock_sizes.h"

#define ARCH_SPINLOCK_BYTES 4 /* arch_spinlock_t: arm, arm64 and riscv64 */

struct vml_ctype vml_raw_spinlock_type(const struct vml_kernel_config *cfg, uint64_t ptr_bytes)
{
	struct vml_ctype t = {ARCH_SPINLOCK_BYTES, ARCH_SPINLOCK_BYTES};

	if (cfg->debug_spinlock) {
		/* unsigned int magic, owner_cpu; void *owner */
		t.size = vml_align_up(t.size + 8, ptr_bytes) + ptr_bytes;
		t.align = ptr_bytes;
		t.size = vml_align_up(t.size, t.align);
	}
	return t;
}

struct vml_ctype vml_spinlock_type(const struct vml_kernel_config *cfg, uint64_t ptr_bytes)
{
	struct vml_ctype t = vml_raw_spinlock_type(cfg, ptr_bytes);

	if (cfg->preempt_rt) {
		/* struct rt_mutex_base: wait_lock, rb_root_cached waiters (two
		 * pointers), struct task_struct *owner */
		t.size = vml_align_up(t.size, ptr_bytes) + 3 * ptr_bytes;
		t.align = vml_max(t.align, ptr_bytes);
	}
	return t;
}

uint64_t vml_io_tlb_area_size(const struct vml_kernel_config *cfg, uint64_t long_bytes)
{
	const struct vml_ctype lock = vml_spinlock_type(cfg, long_bytes);
	const uint64_t align = vml_max(long_bytes, lock.align);

	return vml_align_up(vml_align_up(long_bytes + 4, lock.align) + lock.size, align);
}

/* SPDX-License-Identifier: MIT */
/*
 * The spinlock sizes of include/vmlayout/lock_sizes.h and the struct
 * io_tlb_area built on them (kernel/dma/swiotlb.c v6.12): 16 bytes on a
 * 64-bit kernel (Debian 13's 6.12.117 arm64 logs a 16-byte mem->areas on
 * one CPU), 48 under PREEMPT_RT (its rt-arm64 flavour: 48), 40 with
 * DEBUG_SPINLOCK; 12, 24 and 24 on 32-bit ARM.
 */
#include "check.h"
#include "vmlayout/lock_sizes.h"

static struct vml_kernel_config plain(void)
{
	struct vml_kernel_config cfg = {0};

	return cfg;
}

static void test_raw_spinlock(void)
{
	struct vml_kernel_config cfg = plain();

	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 8).size, 4);
	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 8).align, 4);
	cfg.debug_spinlock = true; /* lock, magic, owner_cpu, pad, owner */
	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 8).size, 24);
	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 8).align, 8);
	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 4).size, 16);
	cfg.debug_spinlock = false;
	cfg.preempt_rt = true; /* a raw lock stays raw */
	CHECK_EQ_U64(vml_raw_spinlock_type(&cfg, 8).size, 4);
}

static void test_spinlock_preempt_rt(void)
{
	struct vml_kernel_config cfg = plain();

	CHECK_EQ_U64(vml_spinlock_type(&cfg, 8).size, 4);
	cfg.preempt_rt = true; /* wait_lock, pad, rb_root_cached, owner */
	CHECK_EQ_U64(vml_spinlock_type(&cfg, 8).size, 32);
	CHECK_EQ_U64(vml_spinlock_type(&cfg, 8).align, 8);
	CHECK_EQ_U64(vml_spinlock_type(&cfg, 4).size, 16);
	cfg.debug_spinlock = true;
	CHECK_EQ_U64(vml_spinlock_type(&cfg, 8).size, 48);
}

static void test_io_tlb_area(void)
{
	struct vml_kernel_config cfg = plain();

	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 8), 16);
	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 4), 12);
	cfg.preempt_rt = true;
	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 8), 48);
	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 4), 24);
	cfg.preempt_rt = false;
	cfg.debug_spinlock = true;
	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 8), 40);
	CHECK_EQ_U64(vml_io_tlb_area_size(&cfg, 4), 24);
}

int main(void)
{
	RUN_TEST(test_raw_spinlock);
	RUN_TEST(test_spinlock_preempt_rt);
	RUN_TEST(test_io_tlb_area);
	return CHECK_DONE("test_lock_sizes");
}

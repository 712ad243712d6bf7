/* SPDX-License-Identifier: MIT */
/*
 * DOC: reserve_crashkernel_generic() (kernel/crash_reserve.c v6.12)
 *
 * Used by arm64 and riscv from v6.7 (CONFIG_ARCH_HAS_GENERIC_CRASHKERNEL_
 * RESERVATION). The region stays memblock-reserved for good: it is never
 * given to the buddy allocator, so MemTotal drops by its size.
 */
#include "vmlayout/crashkernel.h"

int vml_crashkernel_record(struct vml_layout *lo, uint64_t base, uint64_t size, bool low,
			   struct vml_diag *diag)
{
	if (low) {
		lo->crashk_low_base = base;
		lo->crashk_low_size = size;
	} else {
		lo->crashk_base = base;
		lo->crashk_size = size;
	}
	return vml_layout_add_reservation(lo, low ? "crashkernel low" : "crashkernel", base, size,
					  false, diag);
}

/* reserve_crashkernel_low() (CONFIG_64BIT): below CRASH_ADDR_LOW_MAX. Not
 * recorded here: the high region was allocated first and is listed first. */
static bool reserve_low(struct vml_memblock *mb, struct vml_layout *lo,
			const struct vml_crash_limits *lim, uint64_t low_size, vml_phys_t *low_base)
{
	if (vml_memblock_phys_alloc_range(mb, low_size, lim->align, 0, lim->low_max, low_base,
					  NULL)) {
		vml_layout_kmsg(lo, "cannot allocate crashkernel low memory (size:0x%llx).\n",
				low_size, 0, 0, 0);
		return false;
	}
	vml_layout_kmsg(lo, "crashkernel low memory reserved: 0x%08llx - 0x%08llx (%llu MB)\n",
			*low_base, *low_base + low_size, low_size >> 20, 0);
	return true;
}

/* The search windows in the kernel's retry order; returns how many. */
static unsigned int search_windows(const struct vml_crash_limits *lim, uint64_t base, uint64_t size,
				   bool high, uint64_t win[2][2], bool *add_low)
{
	*add_low = false;
	if (base) {
		win[0][0] = base;
		win[0][1] = base + size;
		return 1;
	}
	if (high) {
		win[0][0] = lim->low_max;
		win[0][1] = lim->high_max;
		win[1][0] = 0;
		win[1][1] = lim->low_max;
		/* "if (search_end != CRASH_ADDR_HIGH_MAX) goto retry" */
		return lim->low_max != lim->high_max ? 2 : 1;
	}
	win[0][0] = 0;
	win[0][1] = lim->low_max;
	win[1][0] = lim->low_max;
	win[1][1] = lim->high_max;
	*add_low = true;
	return 2;
}

int vml_reserve_crashkernel_generic(struct vml_memblock *mb, struct vml_layout *lo,
				    const struct vml_crash_limits *lim, uint64_t size,
				    uint64_t base, uint64_t low_size, bool high,
				    struct vml_diag *diag)
{
	uint64_t win[2][2];
	bool add_low, with_low;
	unsigned int n = search_windows(lim, base, size, high, win, &add_low), i;
	vml_phys_t got = 0, low_base = 0;
	int ret;

	for (i = 0; i < n; i++) {
		if (!vml_memblock_phys_alloc_range(mb, size, lim->align, win[i][0], win[i][1], &got,
						   NULL))
			break;
		/* the fallback from low to high memory adds a low part */
		if (add_low && i == 0)
			low_size = VML_DEFAULT_CRASH_KERNEL_LOW_SIZE;
	}
	if (i == n && base) {
		vml_layout_kmsg(lo, "crashkernel reservation failed - memory is in use.\n", 0, 0, 0,
				0);
		return VML_OK;
	}
	/* the plain form whose two windows are one (CRASH_ADDR_LOW_MAX ==
	 * CRASH_ADDR_HIGH_MAX) makes the kernel retry the same window forever:
	 * v6.12 has no guard there, and never prints its failure */
	if (i == n && add_low && lim->low_max == lim->high_max) {
		vml_layout_kmsg(lo,
				"vmlayout: crashkernel=: reserve_crashkernel_generic() would retry "
				"[0x%llx, 0x%llx) forever (CRASH_ADDR_LOW_MAX == "
				"CRASH_ADDR_HIGH_MAX): the boot hangs there; vmlayout goes on "
				"without a crash kernel\n",
				lim->low_max, lim->high_max, 0, 0);
		return VML_OK;
	}
	if (i == n) {
		vml_layout_kmsg(lo, "cannot allocate crashkernel (size:0x%llx)\n", size, 0, 0, 0);
		return VML_OK;
	}
	with_low = got >= lim->low_max && low_size;
	if (with_low && !reserve_low(mb, lo, lim, low_size, &low_base))
		return vml_memblock_free(mb, got, size, diag);
	vml_layout_kmsg(lo, "crashkernel reserved: 0x%016llx - 0x%016llx (%llu MB)\n", got,
			got + size, size >> 20, 0);
	/* listed in the kernel's allocation order: the region, then its low
	 * part (reserve_crashkernel_generic() v6.12) */
	ret = vml_crashkernel_record(lo, got, size, false, diag);
	if (ret || !with_low)
		return ret;
	return vml_crashkernel_record(lo, low_base, low_size, true, diag);
}

int vml_arch_reserve_crashkernel_generic(struct vml_memblock *mb, struct vml_layout *lo,
					 const struct vml_kernel_config *cfg,
					 enum vml_crash_parse_rev rev,
					 const struct vml_crash_limits *lim, struct vml_diag *diag)
{
	uint64_t size, base, low;
	bool high;

	/* IS_ENABLED(CONFIG_CRASH_RESERVE) */
	if (!cfg->crash_reserve) {
		vml_crashkernel_not_built(lo, cfg, "CRASH_RESERVE");
		return VML_OK;
	}
	if (vml_parse_crashkernel_generic(cfg->boot_command_line, vml_memblock_phys_mem_size(mb),
					  rev, &size, &base, &low, &high, lo))
		return VML_OK;
	return vml_reserve_crashkernel_generic(mb, lo, lim, size, base, low, high, diag);
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: sizeof(struct static_vm) on 32-bit ARM
 *
 * iotable_init() and pci_reserve_io() (arch/arm/mm/mmu.c, v6.1 and v6.12)
 * take early_alloc(sizeof(struct static_vm)) for each fixed area
 * (arch/arm/mm/mm.h: a struct vm_struct, then a list_head). struct
 * vm_struct (include/linux/vmalloc.h) holds next, addr, size, flags,
 * pages, nr_pages, a phys_addr_t (4 bytes, 8 with LPAE: the struct is then
 * 8-aligned) and caller; Debian 13's 6.12 source (6.12.117) adds an
 * unsigned long requested_size (mainline's vrealloc() sizing, backported
 * to the 6.12 stable series; v6.1 has none). Without LPAE: 40 bytes, 44
 * from 6.12; with LPAE 48 either way (the new long fills the padding). No
 * CONFIG_HAVE_ARCH_HUGE_VMALLOC on 32-bit ARM, so no page_order.
 */
#include "arch/arm/boot_tables.h"
#include "vmlayout/config.h"
#include "vmlayout/layout_policy.h"

static const struct vml_kernel_version requested_size_since = {6, 12};

uint64_t vml_arm_static_vm_size(const struct vml_kernel_config *cfg)
{
	bool requested_size =
	    vml_kernel_version_since(vml_kernel_version_asked(cfg), requested_size_since);
	uint64_t phys_addr_t = cfg->arm_lpae ? 8 : 4;
	uint64_t vm_struct = 6 * 4; /* next .. nr_pages */

	vm_struct = vml_align_up(vm_struct, phys_addr_t) + phys_addr_t + 4; /* phys_addr, caller */
	if (requested_size)
		vm_struct += 4;
	vm_struct = vml_align_up(vm_struct, phys_addr_t);
	return vm_struct + 8; /* struct list_head list */
}

uint64_t vml_arm_static_vm_align(const struct vml_kernel_config *cfg)
{
	return cfg->arm_lpae ? 8 : 4;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's unflattened device tree
 *
 * setup_arch() (arch/arm/kernel/setup.c, v6.1 and v6.12) calls
 * unflatten_device_tree() after request_standard_resources() and before
 * reserve_crashkernel(): drivers/of/fdt.c's one memblock_alloc() for the
 * whole tree (ALIGN(dry-run size, 4) + 4 bytes, __alignof__(struct
 * device_node): 4 on a 32-bit kernel), then of_alias_scan()'s one
 * allocation per /aliases property (include/vmlayout/of_unflatten.h). None
 * is freed. Pointers and longs are 4 bytes with or without LPAE.
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"
#include "vmlayout/of_unflatten.h"

#define ARM_PTR_BYTES 4

int vml_arm_unflatten_device_tree(struct arm_state *st)
{
	uint64_t tree = vml_of_unflatten_bytes(st->board, st->cfg, ARM_PTR_BYTES);
	uint64_t aliases[VML_OF_MAX_ALIASES];
	unsigned int n;
	int ret = VML_OK;

	if (!tree)
		return VML_OK;
	ret = vml_arm_early_alloc_aligned(st, "unflattened device tree", tree, ARM_PTR_BYTES);
	n = vml_of_alias_alloc_sizes(st->board, st->cfg, ARM_PTR_BYTES, aliases,
				     VML_OF_MAX_ALIASES);
	for (unsigned int i = 0; !ret && i < n; i++)
		ret = vml_arm_early_alloc_aligned(st, "of_alias_scan() alias_prop", aliases[i],
						  ARM_PTR_BYTES);
	return ret;
}

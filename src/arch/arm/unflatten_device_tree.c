/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's unflattened device tree
 *
 * setup_arch() (arch/arm/kernel/setup.c, v6.1 and v6.12) calls
 * unflatten_device_tree() after request_standard_resources() and before
 * reserve_crashkernel(). drivers/of/fdt.c v6.12 first saves the static
 * /reserved-memory regions (fdt_scan_reserved_mem_reg_nodes()), which
 * moves the reserved_mem array to memblock (alloc_reserved_mem_array(),
 * drivers/of/of_reserved_mem.c v6.12; v6.1 keeps a static array); then
 * one memblock_alloc() holds the whole tree (ALIGN(dry-run size, 4) + 4
 * bytes, __alignof__(struct device_node): 4 on a 32-bit kernel); then
 * of_alias_scan() makes one allocation per /aliases property
 * (include/vmlayout/of_unflatten.h). None is freed. Pointers and longs
 * are 4 bytes with or without LPAE.
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"
#include "vmlayout/of_unflatten.h"

#define ARM_PTR_BYTES 4

/* sizeof(struct reserved_mem) (include/linux/of_reserved_mem.h v6.12):
 * name, fdt_node (unsigned long), ops, base and size (phys_addr_t), priv:
 * 24 bytes, or 40 with LPAE (base at offset 16, the end padded to 8). */
static uint64_t sizeof_reserved_mem(const struct arm_state *st)
{
	return st->lpae ? 40 : 24;
}

/*
 * alloc_reserved_mem_array(): memblock_alloc(total_reserved_mem_cnt *
 * sizeof(struct reserved_mem), SMP_CACHE_BYTES) when the DT has
 * /reserved-memory and the count is not 0. fdt_scan_reserved_mem() set
 * the count: each available child with a "reg" (reserved or not), and each
 * dynamic one placed. (A /reserved-memory with other cells than the root's
 * would leave it MAX_RESERVED_REGIONS; vmlayout refuses such a DT.)
 */
static int alloc_reserved_mem_array(struct arm_state *st)
{
	uint64_t size = vml_of_reserved_mem_array_bytes(st->board, st->n_rmem_dynamic_placed,
							sizeof_reserved_mem(st));

	if (!vml_arm_since(st, st->prof->reserved_mem_array_since) || !size)
		return VML_OK;
	return vml_arm_early_alloc_aligned(st, "reserved_mem array", size,
					   vml_arm_smp_cache_bytes(st));
}

int vml_arm_unflatten_device_tree(struct arm_state *st)
{
	uint64_t tree = vml_of_unflatten_bytes(st->board, st->cfg, ARM_PTR_BYTES);
	uint64_t aliases[VML_OF_MAX_ALIASES];
	unsigned int n;
	int ret = alloc_reserved_mem_array(st);

	if (ret || !tree)
		return ret;
	ret = vml_arm_early_alloc_aligned(st, "unflattened device tree", tree, ARM_PTR_BYTES);
	n = vml_of_alias_alloc_sizes(st->board, st->cfg, ARM_PTR_BYTES, aliases,
				     VML_OF_MAX_ALIASES);
	for (unsigned int i = 0; !ret && i < n; i++)
		ret = vml_arm_early_alloc_aligned(st, "of_alias_scan() alias_prop", aliases[i],
						  ARM_PTR_BYTES);
	return ret;
}

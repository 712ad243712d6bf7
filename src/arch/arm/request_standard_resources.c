/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's System RAM resources
 *
 * setup_arch() calls request_standard_resources() right after paging_init()
 * (arch/arm/kernel/setup.c, v6.1 and v6.12): for_each_mem_range() walks
 * memblock.memory (NOMAP regions skipped, each remaining region once) and
 * makes one memblock_alloc(sizeof(struct resource), SMP_CACHE_BYTES) per
 * region, "System RAM". A second one per region ("System RAM (boot
 * alias)") only on machines with an idmap alias (arm_has_idmap_alias():
 * keystone's arch_phys_to_idmap_offset), which vmlayout does not model.
 * The resources are never freed: each takes its bytes from the top of
 * lowmem before the unflattened device tree.
 *
 * struct resource (include/linux/ioport.h, v6.1 and v6.12): start and end
 * are resource_size_t (phys_addr_t: 4 bytes, 8 with LPAE), then a name
 * pointer, flags and desc (unsigned long) and three pointers: 32 bytes, 40
 * with LPAE (a multiple of its 8-byte alignment, so no tail padding).
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"

static uint64_t sizeof_resource(const struct arm_state *st)
{
	const uint64_t resource_size_t = st->lpae ? 8 : 4;

	return 2 * resource_size_t + 6 * 4;
}

/* SMP_CACHE_BYTES: L1_CACHE_BYTES, 1 << CONFIG_ARM_L1_CACHE_SHIFT
 * (arch/arm/include/asm/cache.h). */
uint64_t vml_arm_smp_cache_bytes(const struct arm_state *st)
{
	unsigned int shift = st->cfg->arm_l1_cache_shift ? st->cfg->arm_l1_cache_shift : 6;

	return 1ULL << shift;
}

int vml_arm_request_standard_resources(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	int ret = VML_OK;

	while (!ret && vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end))
		ret = vml_arm_early_alloc_aligned(st, "resource (System RAM)", sizeof_resource(st),
						  vml_arm_smp_cache_bytes(st));
	return ret;
}

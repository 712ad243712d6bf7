/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's small early allocations of setup_arch() and start_kernel()
 *
 * arch/arm64/kernel/setup.c setup_arch() (v6.1, v6.12), after
 * paging_init() and with ACPI off (a DT boot):
 *   - unflatten_device_tree() (drivers/of/fdt.c): v6.12 first
 *     fdt_scan_reserved_mem_reg_nodes() -> alloc_reserved_mem_array()
 *     (drivers/of/of_reserved_mem.c): memblock_alloc(total_reserved_mem_cnt
 *     * sizeof(struct reserved_mem), SMP_CACHE_BYTES) when the DT has a
 *     /reserved-memory node whose count is not 0 (six 8-byte members, 48
 *     bytes; the count: vml_of_reserved_mem_array_bytes()); then the whole
 *     tree in one memblock_alloc(ALIGN(size, 4) + 4,
 *     __alignof__(struct device_node)),
 *     then of_alias_scan() one memblock_alloc() per /aliases entry
 *     (include/vmlayout/of_unflatten.h);
 *   - bootmem_init() (layout_zones.c);
 *   - request_standard_resources(): memblock_alloc(memblock.memory.cnt *
 *     sizeof(struct resource), SMP_CACHE_BYTES), 64 bytes a region;
 * then init/main.c start_kernel() -> setup_command_line():
 * saved_command_line and static_command_line, memblock_alloc(
 * strlen(boot_command_line) + 1, SMP_CACHE_BYTES) each (no bootconfig, no
 * init arguments), before setup_per_cpu_areas(). None is given back, so
 * each moves every later top-down allocation and costs MemTotal the pages
 * it is the first to touch. SMP_CACHE_BYTES is L1_CACHE_BYTES, 64
 * (asm/cache.h); sizeof(struct resource) is eight 8-byte members
 * (include/linux/ioport.h). print_unknown_bootoptions()'s allocation is
 * given back at once: it moves nothing.
 */
#include "arch/arm64/layout_arm64.h"
#include "vmlayout/layout_policy.h"
#include "vmlayout/of_unflatten.h"

#define ARM64_SMP_CACHE_BYTES 64ULL
#define ARM64_SIZEOF_RESOURCE 64ULL
#define ARM64_SIZEOF_RESERVED_MEM 48ULL

static int alloc(struct arm64_state *st, const char *name, uint64_t size, uint64_t align)
{
	vml_phys_t base;

	if (vml_memblock_alloc_try_nid(st->mb, size, align, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base,
				       st->diag))
		return vml_fail(st->diag, VML_ENOMEM, "out of memory for an early allocation", 0,
				size, -1);
	return vml_layout_add_reservation(st->lo, name, base, size, false, st->diag);
}

int vml_arm64_unflatten_device_tree(struct arm64_state *st)
{
	uint64_t size = vml_of_unflatten_bytes(st->board, st->cfg, 8), array;
	uint64_t aliases[VML_OF_MAX_ALIASES];
	unsigned int n;
	struct vml_of_struct_sizes s;
	int ret;

	/* v6.12: fdt_scan_reserved_mem_reg_nodes() first */
	array = st->prof->reserved_mem_array
		    ? vml_of_reserved_mem_array_bytes(st->board, st->reserved_mem_dynamic_placed,
						      ARM64_SIZEOF_RESERVED_MEM)
		    : 0;
	if (array) {
		ret = alloc(st, "reserved_mem array", array, ARM64_SMP_CACHE_BYTES);
		if (ret)
			return ret;
	}
	if (!size || !vml_of_struct_sizes(st->cfg, 8, &s))
		return VML_OK;
	ret = alloc(st, "device tree (unflattened)", size, s.align);
	n = vml_of_alias_alloc_sizes(st->board, st->cfg, 8, aliases, VML_OF_MAX_ALIASES);
	for (unsigned int i = 0; !ret && i < n; i++)
		ret = alloc(st, "device tree (alias)", aliases[i], s.align);
	return ret;
}

int vml_arm64_request_standard_resources(struct arm64_state *st)
{
	return alloc(st, "standard resources", st->mb->memory.cnt * ARM64_SIZEOF_RESOURCE,
		     ARM64_SMP_CACHE_BYTES);
}

int vml_arm64_setup_command_line(struct arm64_state *st)
{
	const uint64_t size = vml_setup_command_line_bytes(st->cfg);
	int ret = alloc(st, "saved_command_line", size, ARM64_SMP_CACHE_BYTES);

	return ret ? ret : alloc(st, "static_command_line", size, ARM64_SMP_CACHE_BYTES);
}

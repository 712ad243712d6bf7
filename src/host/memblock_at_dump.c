/* SPDX-License-Identifier: MIT */
/*
 * DOC: memblock as the kernel's memblock_dump_all() saw it
 *
 * memblock=debug prints "MEMBLOCK configuration:" once, where the arch
 * calls memblock_dump_all(): the end of arm_memblock_init() on arm (v3.4,
 * v6.1), of bootmem_init() on arm64 and of misc_mem_init() on riscv 6.x.
 * The layout runs on past that point (page tables, mem_map, hash tables,
 * swiotlb) and records where it was (layout->memblock_dump_reservation);
 * the dump is the final lists with every later reservation given back.
 */
#include <stdlib.h>
#include <string.h>

#include "vmlayout/report.h"

static struct vml_memblock_region *copy_regions(const struct vml_memblock_type *type)
{
	struct vml_memblock_region *r = calloc(type->max ? type->max : 1, sizeof(*r));

	if (r && type->cnt)
		memcpy(r, type->regions, type->cnt * sizeof(*r));
	return r;
}

int vml_memblock_at_dump(const struct vml_layout *layout, const struct vml_memblock *mb,
			 struct vml_memblock *at_dump)
{
	int ret = 0;

	*at_dump = *mb;
	at_dump->memory.regions = copy_regions(&mb->memory);
	at_dump->reserved.regions = copy_regions(&mb->reserved);
	at_dump->trace = NULL;
	at_dump->can_resize = false;
	if (!at_dump->memory.regions || !at_dump->reserved.regions)
		ret = VML_ENOMEM;
	for (unsigned int i = layout->memblock_dump_reservation;
	     !ret && layout->memblock_dump_reservation && i < layout->n_reservations; i++)
		ret = vml_memblock_free(at_dump, layout->reservations[i].base,
					layout->reservations[i].size, NULL);
	if (ret)
		vml_memblock_at_dump_release(at_dump);
	return ret;
}

void vml_memblock_at_dump_release(struct vml_memblock *at_dump)
{
	free(at_dump->memory.regions);
	free(at_dump->reserved.regions);
	at_dump->memory.regions = at_dump->reserved.regions = NULL;
}

int vml_report_memblock_at_dump(FILE *out, const struct vml_layout *layout,
				const struct vml_memblock *mb)
{
	struct vml_memblock at_dump;
	int ret = vml_memblock_at_dump(layout, mb, &at_dump);

	if (ret)
		return ret;
	vml_report_memblock(out, &at_dump);
	vml_memblock_at_dump_release(&at_dump);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: memblock at the end of the boot
 *
 * The layout stops where the early allocations end; the kernel goes on
 * changing memblock until init runs, and with ARCH_KEEP_MEMBLOCK (arm,
 * arm64, riscv with ACPI) /sys/kernel/debug/memblock shows the result:
 *
 * - memblock_free_all() -> free_low_memory_core_early() (mm/memblock.c
 *   v6.1, v6.12) calls memblock_clear_hotplug(0, -1): the whole memory
 *   list isolated and merged again (memblock_setclr_flag());
 * - memmap_init_reserved_pages() (mm/memblock.c v6.12; not v6.1) calls
 *   memblock_set_node(region, &memblock.reserved, nid) for every memory
 *   region: reserved regions placed with nid MAX_NUMNODES after NUMA's
 *   set the node of the older ones now get the same node and merge
 *   (memblock_merge_regions() wants equal base + size, node and flags);
 *   memblock_set_node() does nothing without CONFIG_NUMA;
 * - the memblock_free()s the arch records: free_initrd_mem() (generic in
 *   init/initramfs.c v6.1, v6.12: the page-aligned initrd, under
 *   ARCH_KEEP_MEMBLOCK; arm's own free_initrd_mem() frees no memblock),
 *   then free_initmem() (arch/arm64/mm/init.c v6.12 frees
 *   [__pa(__init_begin), __pa(__init_end)); v6.1 does not).
 */
#include "core/memblock_internal.h"

int vml_memblock_late_add_free(struct vml_memblock_late *late, vml_phys_t base, uint64_t size)
{
	if (late->n_frees >= VML_MEMBLOCK_LATE_FREES)
		return VML_ENOMEM;
	late->frees[late->n_frees].base = base;
	late->frees[late->n_frees].size = size;
	late->n_frees++;
	return VML_OK;
}

/* free_initrd_mem(start, end) (init/initramfs.c v6.1, v6.12) */
static int free_initrd_mem(struct vml_memblock_late *late, vml_phys_t start, vml_phys_t end,
			   uint64_t page_size)
{
	vml_phys_t base = vml_align_down(start, page_size);

	return vml_memblock_late_add_free(late, base, vml_align_up(end, page_size) - base);
}

int vml_memblock_late_free_initrd(struct vml_memblock_late *late, vml_phys_t start, vml_phys_t end,
				  uint64_t page_size, vml_phys_t crashk_base, uint64_t crashk_size)
{
	/* kexec_free_initrd(): crashk_end is __va(crashk_res.end), the last byte */
	vml_phys_t crashk_end = crashk_base + crashk_size - 1;
	int ret = VML_OK;

	if (end <= start)
		return VML_OK;
	if (!crashk_size || start >= crashk_end || end <= crashk_base)
		return free_initrd_mem(late, start, end, page_size);
	if (start < crashk_base)
		ret = free_initrd_mem(late, start, crashk_base, page_size);
	if (!ret && end > crashk_end)
		ret = free_initrd_mem(late, crashk_end, end, page_size);
	return ret;
}

/* memmap_init_reserved_pages()'s first loop (mm/memblock.c v6.12): the
 * memory list does not change under it, so its regions can be walked in
 * place. */
static int set_reserved_nids(struct vml_memblock *mb, struct vml_diag *diag)
{
	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb->memory.regions[i];
		int ret = vml_memblock_set_node(mb, r->base, r->size, &mb->reserved, r->nid, diag);

		if (ret)
			return ret;
	}
	return VML_OK;
}

int vml_memblock_late_apply(struct vml_memblock *mb, const struct vml_memblock_late *late,
			    struct vml_diag *diag)
{
	int ret = vml_memblock_clear_hotplug(mb, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, diag);

	if (!ret && late->reserved_nid)
		ret = set_reserved_nids(mb, diag);
	for (unsigned int i = 0; !ret && i < late->n_frees; i++)
		ret = vml_memblock_free(mb, late->frees[i].base, late->frees[i].size, diag);
	return ret;
}

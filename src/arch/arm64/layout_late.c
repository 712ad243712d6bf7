/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's memblock at the end of the boot
 *
 * What arm64 does to memblock after the layout (core/memblock_late.c
 * replays it): memmap_init_reserved_pages() sets the reserved regions'
 * nodes with CONFIG_NUMA (mm/memblock.c v6.12; not v6.1); the generic
 * free_initrd_mem() (init/initramfs.c v6.1, v6.12; ARCH_KEEP_MEMBLOCK,
 * arch/arm64/Kconfig) frees the initrd kept by arm64_memblock_init();
 * free_initmem() (arch/arm64/mm/init.c v6.12) frees
 * [__pa_symbol(__init_begin), __pa_symbol(__init_end)), after the initrd
 * (kernel_init() -> free_initmem() runs after do_populate_rootfs() is
 * waited for: init/main.c v6.12).
 */
#include "arch/arm64/layout_arm64.h"

int vml_arm64_memblock_late(struct arm64_state *st)
{
	struct vml_memblock_late *late = &st->lo->memblock_late;
	int ret;

	late->reserved_nid = st->prof->reserved_nid_at_free_all && st->cfg->numa;
	ret =
	    vml_memblock_late_free_initrd(late, st->initrd_base, st->initrd_base + st->initrd_size,
					  st->page_size, st->lo->crashk_base, st->lo->crashk_size);
	if (!ret && st->prof->free_initmem_memblock && st->init_off && st->init_size)
		ret = vml_memblock_late_add_free(late, st->pa_text + st->init_off, st->init_size);
	return ret;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 boot page tables: the vmemmap (struct page arrays), v6.12
 *
 * misc_mem_init() -> sparse_init() -> sparse_init_nid() (mm/sparse.c
 * v6.12), after paging_init(): each present 128 MiB section (SECTION_SIZE_
 * BITS 27) in order gets vmemmap_populate() (arch/riscv/mm/init.c) ->
 * vmemmap_populate_hugepages(): one PMD leaf of its 2 MiB of struct pages,
 * vmemmap_set_pmd() -> pmd_set_huge(PAGE_KERNEL), from the sparse buffer:
 * the layout's "vmemmap" reservation, section k at + k * 2 MiB (or, when
 * that buffer did not fit, its k-th "vmemmap (a section)" block:
 * layout_bootmem.c). The tables come from vmemmap_alloc_block_zero(): the
 * pages the layout took at sparse_init() (vmlayout/vmemmap_tables.h), in
 * its order. VA: vmemmap = VMEMMAP_START -
 * vmemmap_start_pfn (asm/pgtable.h), vmemmap_start_pfn being phys_ram_base
 * rounded down to a section (arch/riscv/mm/init.c setup_bootmem(), v6.12),
 * the layout's "vmemmap" region starting at VMEMMAP_START and phys_offset
 * being phys_ram_base.
 */
#include "arch/riscv/boot_tables.h"
#include "vmlayout/vmemmap_tables.h"

#define SECTION (1ULL << 27)
#define PER_SECTION ((SECTION >> 12) * 64) /* 2 MiB: one PMD leaf */

/* Where section @k's struct pages are, or 0 if the layout has none: the
 * sections in order over the runs' buffers ("vmemmap", one per node's run)
 * and the unbuffered ones ("vmemmap (a section)"). */
static uint64_t section_memmap(const struct vml_layout *lo, uint64_t k)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];
		uint64_t n = 0;

		if (vml_str_eq(r->name, "vmemmap"))
			n = r->size / PER_SECTION;
		else if (vml_str_eq(r->name, "vmemmap (a section)"))
			n = 1;
		if (k < n)
			return r->base + k * PER_SECTION;
		k -= n;
	}
	return 0;
}

static int map_sections(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			const struct vml_memblock *mb, struct vml_diag *diag)
{
	const struct vml_vregion *r = vml_layout_find_region(lo, "vmemmap");
	struct vml_pt_attrs a = vml_riscv_prot(VML_RISCV_PAGE_KERNEL);
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t k = 0, next = 0;
	int ret = VML_OK;

	if (!r || !section_memmap(lo, 0))
		return VML_OK;
	while (!ret && vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		for (uint64_t s = vml_max(vml_align_down(start, SECTION), next); !ret && s < end;
		     s += SECTION, k++) {
			uint64_t pa = section_memmap(lo, k);

			if (!pa)
				return vml_fail(
				    diag, VML_EINVAL,
				    "more present sections than the vmemmap buffer holds", s, 0,
				    -1);
			/* VMEMMAP_START holds vmemmap_start_pfn's struct page:
			 * phys_ram_base rounded down to a section (v6.12) */
			uint64_t pages = (s - vml_align_down(lo->phys_offset, SECTION)) / VML_SZ_4K;

			ret = vml_pt_map(ctx, vml_va(r->start + pages * 64), vml_pa(pa),
					 PER_SECTION, &a, VML_PT_NO_CONT_MAPPINGS, diag);
		}
		next = vml_align_up(end, SECTION);
	}
	return ret;
}

int vml_riscv_boot_vmemmap(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_memblock *mb, struct vml_diag *diag)
{
	struct vml_vmemmap_table_pool pool;
	int ret, left;

	vml_vmemmap_pool_enter(&pool, ctx, lo, VML_SZ_4K);
	ret = map_sections(ctx, lo, mb, diag);
	left = vml_vmemmap_pool_leave(&pool, ctx, ret ? NULL : diag);
	return ret ? ret : left;
}

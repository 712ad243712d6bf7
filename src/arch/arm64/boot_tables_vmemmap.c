/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 boot page tables: the vmemmap (struct page arrays)
 *
 * bootmem_init() -> sparse_init() -> sparse_init_nid() (mm/sparse.c v6.1,
 * v6.12), after paging_init(): for each present memory section in order,
 * __populate_section_memmap() -> vmemmap_populate() over the section's
 * struct pages [pfn_to_page(first pfn), + PAGES_PER_SECTION * 64 bytes):
 * - 4K pages: PMD blocks (v6.1 mm/mmu.c vmemmap_populate() with
 *   ARM64_KERNEL_USES_PMD_MAPS; v6.12 vmemmap_populate_hugepages() and
 *   vmemmap_set_pmd()): pmd_set_huge(PROT_SECT_NORMAL), each block from
 *   vmemmap_alloc_block_buf(PMD_SIZE), i.e. the next piece of the sparse
 *   buffer;
 * - 16K, 64K: vmemmap_populate_basepages(): PAGE_KERNEL pages, each the
 *   next PAGE_SIZE of the buffer.
 * Either way section k of a node's run lies at its buffer + k *
 * (PAGES_PER_SECTION * 64): the layout's "vmemmap (struct page)"
 * reservations, one per run of a node's sections, in order (layout_zones.c).
 * The tables come from vmemmap_alloc_block_zero(): the pages the layout took
 * at sparse_init() (vmlayout/vmemmap_tables.h), in the order it took them,
 * linked with UXNTable (pud_populate(&init_mm, ...)).
 * VA: vmemmap = VMEMMAP_START - (memstart_addr >> PAGE_SHIFT), so a PA's
 * struct page is at VMEMMAP_START + ((__phys_to_virt(pa) - PAGE_OFFSET) >>
 * PAGE_SHIFT) * 64; the layout's "vmemmap" region starts at the struct
 * page of _PAGE_OFFSET(vabits_actual), the tree's lowest VA.
 */
#include "arch/arm64/boot_tables.h"
#include "vmlayout/vmemmap_tables.h"

#define SECTION_SIZE_BITS(page) ((page) == VML_SZ_64K ? 29u : 27u) /* asm/sparsemem.h */
#define STRUCT_PAGE 64ULL

/* The next "vmemmap (struct page)" buffer after index @*i (one per run of
 * a node's sections, in section order: layout_zones.c vmemmap_run()). */
static const struct vml_reservation *next_buffer(const struct vml_layout *lo, unsigned int *i)
{
	for (; *i < lo->n_reservations; (*i)++)
		if (vml_str_eq(lo->reservations[*i].name, "vmemmap (struct page)"))
			return &lo->reservations[(*i)++];
	return NULL;
}

static int map_sections(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			const struct vml_memblock *mb, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	const struct vml_vregion *r = vml_layout_find_region(lo, "vmemmap");
	unsigned int at = 0;
	const struct vml_reservation *buf = next_buffer(lo, &at);
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
	unsigned int bits = SECTION_SIZE_BITS(page);
	uint64_t per_section = (1ULL << bits) / page * STRUCT_PAGE;
	uint32_t flags = VML_PT_NO_CONT_MAPPINGS | VML_PT_NO_USER_EXEC_MAPPINGS;
	struct vml_pt_attrs a;
	uint64_t pa = 0, next = 0;
	int64_t lin;
	vml_phys_t start, end;
	int ret = VML_OK;

	if (!r || !buf)
		return VML_OK;
	if (page == VML_SZ_4K) {
		a = vml_arm64_kernel_prot(lo, VML_ARM64_PROT_SECT_NORMAL);
	} else {
		a = vml_arm64_kernel_prot(lo, VML_ARM64_PAGE_KERNEL);
		flags |= VML_PT_NO_BLOCK_MAPPINGS;
	}
	pa = buf->base;
	while (!ret && vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = vml_max(vml_align_down(start, 1ULL << bits), next);

		for (; !ret && s < end; s += 1ULL << bits) {
			if (pa + per_section > buf->base + buf->size) {
				buf = next_buffer(lo, &at);
				pa = buf ? buf->base : 0;
			}
			if (!buf || pa + per_section > buf->base + buf->size)
				return vml_fail(
				    diag, VML_EINVAL,
				    "more present sections than the vmemmap buffers hold", s, 0,
				    -1);
			/* (__phys_to_virt(s) - the tree's lowest VA) / PAGE_SIZE
			 * struct pages above the region's start (below it for a
			 * section that starts under memstart_addr) */
			lin = (int64_t)(s - lo->phys_offset + lo->page_offset - ctx->va_start) /
			      (int64_t)page;
			ret = vml_pt_map(ctx, vml_va(r->start + (uint64_t)lin * STRUCT_PAGE),
					 vml_pa(pa), per_section, &a, flags, diag);
			pa += per_section;
		}
		next = vml_align_up(end, 1ULL << bits);
	}
	return ret;
}

int vml_arm64_boot_vmemmap(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_memblock *mb, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	struct vml_vmemmap_table_pool pool;
	int ret, left;

	vml_vmemmap_pool_enter(&pool, ctx, lo,
			       1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift);
	ret = map_sections(ctx, lo, mb, diag);
	left = vml_vmemmap_pool_leave(&pool, ctx, ret ? NULL : diag);
	return ret ? ret : left;
}

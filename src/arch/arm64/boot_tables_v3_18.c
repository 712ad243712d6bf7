/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 3.18's boot tables: head.S's first mapping, then map_mem()
 *
 * Before v4.6 map_mem() wrote its tables through the linear map itself
 * (early_alloc(): __va(memblock_alloc()) then memset()), so a table page
 * had to be mapped already. 3.18's answer (arch/arm64/mm/mmu.c map_mem(),
 * the form kept by the 3.18-based trees read, docs/arm64.md):
 * - head.S __create_page_tables maps [PHYS_OFFSET, _end) in swapper_pg_dir
 *   (2 MiB sections with 4K pages, 64K pages with 64K), its tables inside
 *   the image;
 * - the memblock current limit is PHYS_OFFSET + PUD_SIZE (4K) or
 *   + PMD_SIZE (64K): what the first table of swapper_pg_dir can cover;
 * - 4K only: a bank starting below the limit starts at ALIGN(start,
 *   PMD_SIZE) (its first pages are never mapped), and a bank ending below
 *   the limit lowers it to end & PMD_MASK (so PTE tables come from the part
 *   sections map);
 * - create_mapping() per bank, in order: 1 GiB blocks (4K,
 *   use_1G_block()), PMD sections where aligned, else PTEs; every table
 *   from early_alloc() = memblock_alloc(size, size), top-down under the
 *   limit, which panics when nothing is left ("ERROR: Failed to allocate
 *   0x%llx bytes below 0x%llx.", mm/memblock.c memblock_alloc_base()).
 * What the kernel does on a board where this goes wrong is reported as a
 * refusal naming the bank: the panic, or a table page the kernel would
 * write through an address not mapped yet (a fault before the console).
 * Everything is PAGE_KERNEL_EXEC / PROT_SECT_NORMAL_EXEC: 3.18 has no
 * DEBUG_RODATA (arm64 got it in v4.0).
 */
#include "arch/arm64/boot_tables_v3_18.h"
#include "arch/arm64/boot_tables.h"
#include "arch/arm64/layout_v3_18.h"

/* The allocator seen by the engine: the host's, then the check that the
 * page is mapped already (early_alloc() memsets it through __va()). */
struct v3_18_alloc {
	vml_pt_alloc_fn alloc;
	vml_pt_free_fn free;
	vml_pt_window_fn window;
	void *cb;
	const struct vml_pt_ctx *ctx;
	uint64_t page_offset, phys_offset;
	uint64_t unmapped_pa; /* the first table page not mapped yet (0: none) */
};

static int alloc_mapped(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct v3_18_alloc *a = cb;
	struct vml_pt_walk w;
	int ret = a->alloc(a->cb, size, align, out);

	if (ret)
		return ret;
	for (uint64_t off = 0; off < size; off += VML_SZ_4K) {
		uint64_t va = vml_pa_addr(*out) + off - a->phys_offset + a->page_offset;

		if (vml_pt_walk(a->ctx, vml_va(va), &w, NULL) != VML_OK) {
			a->unmapped_pa = vml_pa_addr(*out);
			return VML_ENOMEM;
		}
	}
	return VML_OK;
}

static void free_host(void *cb, vml_paddr_t table, uint64_t size)
{
	struct v3_18_alloc *a = cb;

	a->free(a->cb, table, size);
}

static void *window_host(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct v3_18_alloc *a = cb;

	return a->window(a->cb, pa, size);
}

static int map(struct vml_pt_ctx *ctx, const struct arm64_v3_18_geometry *g, uint64_t phys_offset,
	       uint64_t start, uint64_t end, uint32_t flags, struct vml_diag *diag)
{
	struct vml_pt_attrs attrs = vml_arm64_prot(VML_ARM64_PAGE_KERNEL_EXEC);

	return vml_pt_map(ctx, vml_va(start - phys_offset + g->page_offset), vml_pa(start),
			  end - start, &attrs, flags | VML_PT_NO_CONT_MAPPINGS, diag);
}

/* head.S: [PHYS_OFFSET, _end) rounded to the block size, tables from the
 * image (swapper_pg_dir). */
static int head_mapping(struct vml_pt_ctx *ctx, const struct arm64_v3_18_geometry *g,
			uint64_t phys_offset, uint64_t image_end, void *image_cb,
			struct vml_diag *diag)
{
	void *main_cb = ctx->cb;
	uint64_t block = g->page_shift == 12 ? g->pmd_size : g->page_size;
	int ret;

	ctx->cb = image_cb ? image_cb : main_cb;
	ret = map(ctx, g, phys_offset, phys_offset, vml_align_up(image_end, block),
		  g->page_shift == 12 ? 0 : VML_PT_NO_BLOCK_MAPPINGS, diag);
	ctx->cb = main_cb;
	return ret;
}

static int refuse_bank(struct vml_diag *diag, const char *rule, uint64_t base, uint64_t size,
		       unsigned int bank)
{
	return vml_fail(diag, VML_ENOMEM, rule, base, size, (int)bank);
}

/* map_mem() of 3.18, bank by bank. */
static int map_mem(struct vml_pt_ctx *ctx, const struct arm64_v3_18_geometry *g,
		   uint64_t phys_offset, struct vml_memblock *mb, struct v3_18_alloc *a,
		   struct vml_diag *diag)
{
	uint64_t limit = phys_offset + (g->page_shift == 12 ? g->pud_size : g->pmd_size);
	int ret = VML_OK;

	vml_memblock_set_current_limit(mb, limit);
	for (unsigned long i = 0; !ret && i < mb->memory.cnt; i++) {
		uint64_t base = mb->memory.regions[i].base;
		uint64_t start = base, end = base + mb->memory.regions[i].size;

		if (start >= end)
			break;
		if (g->page_shift == 12) {
			if (start < limit)
				start = vml_align_up(start, g->pmd_size);
			if (end < limit) {
				limit = end & ~(g->pmd_size - 1);
				vml_memblock_set_current_limit(mb, limit);
			}
		}
		if (start >= end)
			return refuse_bank(diag,
					   "3.18 map_mem(): the bank ends before its start aligned "
					   "up to PMD_SIZE: create_mapping() gets a negative size",
					   base, end - base, (unsigned int)i);
		a->unmapped_pa = 0;
		ret = map(ctx, g, phys_offset, start, end, 0, diag);
		if (ret == VML_ENOMEM && a->unmapped_pa)
			return refuse_bank(
			    diag,
			    "3.18 map_mem(): early_alloc() takes a table page not "
			    "mapped yet (addr = the bank, size: its size) and writes "
			    "it through __va(): the kernel faults",
			    base, end - base, (unsigned int)i);
		if (ret == VML_ENOMEM)
			return refuse_bank(diag,
					   "3.18 map_mem(): no free page under the memblock limit "
					   "for this bank's tables: panic \"ERROR: Failed to "
					   "allocate ... bytes below ...\"",
					   base, end - base, (unsigned int)i);
	}
	vml_memblock_set_current_limit(mb, VML_MEMBLOCK_ALLOC_ANYWHERE);
	return ret;
}

int vml_arm64_boot_tables_v3_18(struct vml_pt_ctx *ctx, const struct vml_kernel_config *cfg,
				const struct vml_layout *lo, uint64_t pa_text, uint64_t image_size,
				struct vml_memblock *mb, void *image_cb, struct vml_diag *diag)
{
	struct arm64_v3_18_geometry g;
	struct v3_18_alloc a;
	struct vml_pt_ctx host = *ctx;
	int ret = vml_arm64_v3_18_geometry(cfg, &g, diag);

	if (ret)
		return ret;
	ret = head_mapping(ctx, &g, lo->phys_offset, pa_text + image_size, image_cb, diag);
	if (ret)
		return ret;
	a = (struct v3_18_alloc){host.alloc_table,
				 host.free_table,
				 host.window,
				 host.cb,
				 ctx,
				 g.page_offset,
				 lo->phys_offset,
				 0};
	ctx->alloc_table = alloc_mapped;
	ctx->free_table = free_host;
	ctx->window = window_host;
	ctx->cb = &a;
	ret = map_mem(ctx, &g, lo->phys_offset, mb, &a, diag);
	ctx->alloc_table = host.alloc_table;
	ctx->free_table = host.free_table;
	ctx->window = host.window;
	ctx->cb = host.cb;
	return ret;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: paging_init() of arch/arm/mm/mmu.c (v6.1), step by step
 *
 * See boot_tables.h for what is built and in which order. The kernel's
 * create_mapping() picks sections where the VA, the end and the PA of a
 * PMD's worth are section aligned and pages elsewhere; the engine picks
 * the largest leaf too, so each create_mapping() here is one vml_pt_map()
 * without contiguous groups (the kernel makes no supersections below
 * 4 GiB) and, on LPAE, cut at 512 MiB so that no 1 GiB block appears
 * (the kernel's alloc_init_pud() never makes one).
 */
#include "arch/arm/boot_tables.h"
#include "arch/arm/pte_arm.h"

#define ARM_FDT_FIXED_BASE 0xff800000ULL /* asm/memory.h v6.1 */
#define ARM_VECTORS 0xffff0000ULL
#define ARM_FIXADDR_START 0xffc80000ULL /* asm/fixmap.h v6.1 */
#define ARM_LPAE_NO_GIB_BLOCK (512ULL << 20)

struct arm_boot {
	struct vml_pt_ctx *ctx;
	const struct vml_layout *lo;
	const struct vml_arm_image *img;
	struct vml_memblock *mb;
	struct vml_diag *diag;
	uint64_t section; /* SECTION_SIZE: 1 MiB, LPAE 2 MiB */
	bool lpae;
};

struct vml_pt_attrs vml_arm_mem_type(enum vml_arm_mem_type t)
{
	/* every type: present, young, dirty, global, shared (SMP), domain
	 * KERNEL (0), cache policy writealloc (normal memory) */
	struct vml_pt_attrs a = {VML_PT_READ | VML_PT_ACCESSED | VML_PT_DIRTY | VML_PT_GLOBAL,
				 VML_PT_MT_NORMAL, VML_PT_SH_INNER, 0, 0};

	switch (t) {
	case VML_ARM_MT_MEMORY_RW:
	case VML_ARM_MT_MEMORY_DMA_READY:
		a.perm |= VML_PT_WRITE;
		break;
	case VML_ARM_MT_MEMORY_RWX:
		a.perm |= VML_PT_WRITE | VML_PT_EXEC;
		break;
	case VML_ARM_MT_MEMORY_RO:
		break;
	case VML_ARM_MT_HIGH_VECTORS: /* L_PTE_USER | L_PTE_RDONLY, no XN */
		a.perm |= VML_PT_EXEC | VML_PT_USER_READ | VML_PT_USER_EXEC;
		a.domain = 3; /* DOMAIN_VECTORS */
		break;
	case VML_ARM_MT_LOW_VECTORS: /* L_PTE_RDONLY, no XN */
		a.perm |= VML_PT_EXEC;
		a.domain = 3;
		break;
	}
	return a;
}

static uint64_t pa_to_va(const struct arm_boot *b, uint64_t pa)
{
	const struct vml_layout *lo = b->lo;

	for (unsigned int i = 0; i < lo->n_segments; i++) {
		const struct vml_linear_segment *s = &lo->segments[i];

		if (pa >= s->phys && pa - s->phys < s->size)
			return s->virt + (pa - s->phys);
	}
	return pa - lo->phys_offset + lo->page_offset; /* __phys_to_virt() */
}

static int step_failed(struct arm_boot *b, int ret, const char *step, uint64_t addr)
{
	if (b->diag && !b->diag->rule)
		b->diag->rule = step;
	if (b->diag && !b->diag->addr)
		b->diag->addr = addr;
	return ret;
}

/* vml_pt_map() of [va, va + size) -> pa; LPAE cuts it at 512 MiB, so
 * never a 1 GiB level-1 block. */
static int map_pieces(struct arm_boot *b, uint64_t va, uint64_t pa, uint64_t size,
		      const struct vml_pt_attrs *a, uint32_t flags, const char *step)
{
	int ret = 0;

	while (size && !ret) {
		uint64_t chunk =
		    b->lpae
			? vml_min(size, ARM_LPAE_NO_GIB_BLOCK - (va & (ARM_LPAE_NO_GIB_BLOCK - 1)))
			: size;

		ret = vml_pt_map(b->ctx, vml_va(va), vml_pa(pa), chunk, a, flags, b->diag);
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return ret ? step_failed(b, ret, step, va) : 0;
}

/* LPAE: Linux's software bits in the ignored bits 58:55 (pgtable-3level.h,
 * mem_types[] of arch/arm/mm/mmu.c, v6.1): every prot_pte has L_PTE_DIRTY
 * and the read-only ones L_PTE_RDONLY; a prot_sect has no dirty bit, and
 * L_PMD_SECT_RDONLY only in MT_MEMORY_RO. */
static struct vml_pt_attrs lpae_soft_bits(struct vml_pt_attrs a, bool page)
{
	a.domain = 0; /* LPAE has no domains */
	if (page)
		a.arch_bits |= ARM_L_PTE_DIRTY;
	if (!(a.perm & VML_PT_WRITE))
		a.arch_bits |= page ? ARM_L_PTE_RDONLY : ARM_L_PMD_SECT_RDONLY;
	return a;
}

/* create_mapping() of [va, va + size) -> pa with one mem_type: sections
 * where VA, end and PA are section-aligned and the type has a prot_sect,
 * pages elsewhere (alloc_init_pmd(), arch/arm/mm/mmu.c v6.1). */
static int create_mapping(struct arm_boot *b, uint64_t va, uint64_t pa, uint64_t size,
			  enum vml_arm_mem_type t, const char *step)
{
	struct vml_pt_attrs a = vml_arm_mem_type(t), page;
	const uint32_t flags = VML_PT_NO_CONT_MAPPINGS;
	uint64_t head, mid;
	int ret;

	/* MT_MEMORY_DMA_READY and the vectors have prot_sect 0: pages only */
	bool pages_only = t == VML_ARM_MT_MEMORY_DMA_READY || t >= VML_ARM_MT_HIGH_VECTORS;

	if (!b->lpae)
		return map_pieces(b, va, pa, size, &a,
				  flags | (pages_only ? VML_PT_NO_BLOCK_MAPPINGS : 0), step);
	page = lpae_soft_bits(a, true);
	a = lpae_soft_bits(a, false);
	if (pages_only || ((va ^ pa) & (b->section - 1)))
		return map_pieces(b, va, pa, size, &page, flags | VML_PT_NO_BLOCK_MAPPINGS, step);
	head = vml_min(size, vml_align_up(va, b->section) - va);
	mid = vml_align_down(size - head, b->section);
	ret = map_pieces(b, va, pa, head, &page, flags | VML_PT_NO_BLOCK_MAPPINGS, step);
	if (!ret)
		ret = map_pieces(b, va + head, pa + head, mid, &a, flags, step);
	if (!ret)
		ret = map_pieces(b, va + head + mid, pa + head + mid, size - head - mid, &page,
				 flags | VML_PT_NO_BLOCK_MAPPINGS, step);
	return ret;
}

static int map_lowmem_range(struct arm_boot *b, uint64_t start, uint64_t end)
{
	return start < end ? create_mapping(b, pa_to_va(b, start), start, end - start,
					    VML_ARM_MT_MEMORY_RW, "map_lowmem")
			   : 0;
}

/* map_lowmem(): the six cases of the kernel's comment, as it splits them. */
static int map_lowmem(struct arm_boot *b)
{
	const uint64_t ks = b->img->kernel_sec_start, ke = b->img->kernel_sec_end;
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t start, end;
	int ret = 0;

	while (!ret && vml_memblock_next_mem_range(b->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		end = vml_min(end, b->lo->lowmem_limit);
		if (start >= end)
			break;
		if (start > ks && end < ke) /* case 5 */
			break;
		if (ks >= start && ks <= end) {
			if (start < ks && end > ke) { /* case 6 */
				ret = map_lowmem_range(b, start, ks);
				return ret ? ret : map_lowmem_range(b, ke, end);
			}
			if (ks == start) /* case 1 */
				start = ke;
			if (ke == end) /* case 3 */
				end = ks;
		} else if (ks < start && ke > start && ke < end) { /* case 2 */
			start = ke;
		} else if (ks > start && ks < end && ke > end) { /* case 4 */
			end = ks;
		}
		ret = map_lowmem_range(b, start, end);
	}
	return ret;
}

/* map_kernel(): executable up to __init_end's section, then RW. */
static int map_kernel(struct arm_boot *b)
{
	const struct vml_arm_image *im = b->img;
	uint64_t x_end =
	    vml_align_up(im->init_end - b->lo->page_offset + b->lo->phys_offset, b->section);
	int ret = create_mapping(b, pa_to_va(b, im->kernel_sec_start), im->kernel_sec_start,
				 x_end - im->kernel_sec_start, VML_ARM_MT_MEMORY_RWX, "map_kernel");

	if (ret || x_end >= im->kernel_sec_end)
		return ret;
	return create_mapping(b, pa_to_va(b, x_end), x_end, im->kernel_sec_end - x_end,
			      VML_ARM_MT_MEMORY_RW, "map_kernel");
}

/* memblock_alloc(size, align) under the current limit, top-down. */
static int early_alloc(struct arm_boot *b, uint64_t size, uint64_t align, uint64_t *pa,
		       const char *step)
{
	vml_phys_t got;
	int ret = vml_memblock_phys_alloc_range(b->mb, size, align, 0,
						VML_MEMBLOCK_ALLOC_ACCESSIBLE, &got, b->diag);

	if (ret)
		return step_failed(b, ret, step, size);
	*pa = got;
	return 0;
}

/* early_alloc(sizeof(struct static_vm)): static_vm.c sizes it. */
static int alloc_static_vm(struct arm_boot *b, const char *step)
{
	uint64_t pa;

	return early_alloc(b, b->img->static_vm_size, b->img->static_vm_align, &pa, step);
}

/* dma_contiguous_remap(): CMA areas in lowmem, with pages. */
static int remap_cma(struct arm_boot *b)
{
	const struct vml_layout *lo = b->lo;
	const uint64_t pmd = b->section * (b->lpae ? 1 : 2); /* PMD_SIZE */
	int ret = 0;

	for (unsigned int i = 0; !ret && i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];
		uint64_t start = r->base, end = vml_min(r->base + r->size, lo->lowmem_limit);

		if (!r->cma || start >= end)
			continue;
		for (uint64_t va = pa_to_va(b, start); !ret && va < pa_to_va(b, end); va += pmd)
			ret =
			    vml_pt_unmap(b->ctx, vml_va(vml_align_down(va, pmd)), pmd, 0, b->diag);
		if (!ret)
			ret = alloc_static_vm(b, "dma_contiguous_remap");
		if (!ret)
			ret = create_mapping(b, pa_to_va(b, start), start, end - start,
					     VML_ARM_MT_MEMORY_DMA_READY, "dma_contiguous_remap");
	}
	return ret ? step_failed(b, ret, "dma_contiguous_remap", 0) : 0;
}

/* devicemaps_init(): the vectors, the DTB, the PCI I/O static_vm. */
static int devicemaps_init(struct arm_boot *b)
{
	uint64_t vectors;
	int ret = early_alloc(b, 2 * VML_SZ_4K, 2 * VML_SZ_4K, &vectors, "devicemaps_init");

	if (!ret && b->img->fdt_pa)
		ret = create_mapping(b, ARM_FDT_FIXED_BASE,
				     vml_align_down(b->img->fdt_pa, b->section), 2 * b->section,
				     VML_ARM_MT_MEMORY_RO, "devicemaps_init (FDT)");
	if (!ret)
		ret = create_mapping(b, ARM_VECTORS, vectors, VML_SZ_4K, VML_ARM_MT_HIGH_VECTORS,
				     "devicemaps_init (vectors)");
	if (!ret)
		ret = create_mapping(b, ARM_VECTORS + VML_SZ_4K, vectors + VML_SZ_4K, VML_SZ_4K,
				     VML_ARM_MT_LOW_VECTORS, "devicemaps_init (vectors)");
	if (!ret && vml_layout_find_region(b->lo, "pci_io"))
		ret = alloc_static_vm(b, "pci_reserve_io");
	return ret;
}

/* early_pte_alloc() of an empty PTE table for the PMD of @va: the engine
 * makes tables by mapping, so map one page and take it away (tables stay). */
static int empty_pte_table(struct arm_boot *b, uint64_t va, const char *step)
{
	struct vml_pt_attrs a = vml_arm_mem_type(VML_ARM_MT_MEMORY_RW);
	int ret = vml_pt_map(b->ctx, vml_va(va), vml_pa(0), VML_SZ_4K, &a,
			     VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS, b->diag);

	if (!ret)
		ret = vml_pt_unmap(b->ctx, vml_va(va), VML_SZ_4K, 0, b->diag);
	return ret ? step_failed(b, ret, step, va) : 0;
}

/* kmap_init() and the zero page. */
static int kmap_init(struct arm_boot *b)
{
	const struct vml_vregion *pkmap = vml_layout_find_region(b->lo, "pkmap");
	uint64_t zero_page;
	int ret = 0;

	if (pkmap)
		ret = empty_pte_table(b, pkmap->start, "kmap_init (pkmap)");
	if (!ret)
		ret = empty_pte_table(b, ARM_FIXADDR_START, "kmap_init (fixmap)");
	if (!ret)
		ret = early_alloc(b, VML_SZ_4K, VML_SZ_4K, &zero_page, "paging_init (zero page)");
	return ret;
}

/* section_update() over [start, end): XN set, or (ro) write taken away,
 * leaving everything else of the sections as it is. */
static int section_perms(struct arm_boot *b, uint64_t start, uint64_t end, bool ro)
{
	for (uint64_t va = start; va < end; va += b->section) {
		struct vml_pt_walk w;
		struct vml_pt_attrs a;
		int ret = vml_pt_walk(b->ctx, vml_va(va), &w, NULL);

		if (ret)
			continue; /* nothing mapped: section_update writes a
				     hole's bits, which stay invalid */
		a = w.attrs;
		a.perm &= ~VML_PT_CONT;
		if (ro) {
			a.perm &= ~VML_PT_WRITE;
			if (b->lpae) /* L_PMD_SECT_RDONLY | PMD_SECT_AP2 (init.c) */
				a.arch_bits |= ARM_L_PMD_SECT_RDONLY;
		} else
			a.perm &= ~VML_PT_EXEC;
		ret = vml_pt_protect(b->ctx, vml_va(va), b->section, &a, VML_PT_NO_CONT_MAPPINGS,
				     b->diag);
		if (ret)
			return step_failed(b, ret, ro ? "mark_rodata_ro" : "fix_kernmem_perms", va);
	}
	return 0;
}

/* start_kernel()'s kfence_init() (init/main.c v6.1, v6.12), long before
 * free_initmem(): the layout's pool exists only when KFENCE starts
 * (arm_totals.c: a non-zero kfence.sample_interval, and from v6.6 the
 * metadata allocated too). */
static int kfence_init(struct arm_boot *b)
{
	const struct vml_reservation *pool = vml_arm_reservation(b->lo, "kfence pool (late)");
	int ret;

	if (!pool)
		return 0;
	ret = vml_arm_kfence_init_pool(b->ctx, pa_to_va(b, pool->base), pool->size, b->diag);
	return ret ? step_failed(b, ret, "kfence_init", pa_to_va(b, pool->base)) : 0;
}

/* free_initmem() then mark_readonly() (init/main.c v6.1). */
static int after_boot(struct arm_boot *b, bool rodata)
{
	const struct vml_arm_image *im = b->img;
	int ret = section_perms(b, b->lo->page_offset, im->stext, false); /* pre-text NX */

	if (!ret)
		ret = section_perms(b, im->init_begin, im->sdata, false); /* init NX */
	if (!ret)
		ret = section_perms(b, im->start_rodata_aligned, im->init_begin, false);
	if (!ret && rodata)
		ret = section_perms(b, im->stext, im->init_begin, true); /* text/rodata RO */
	return ret;
}

/* What the layout reserved from paging_init() on (its tables, the vectors,
 * the zero page, then mem_map and later allocations), given back: the
 * build makes the tables and the vectors again, in the kernel's order. */
static int give_back_paging_init(struct arm_boot *b)
{
	const struct vml_layout *lo = b->lo;

	for (unsigned int i = lo->paging_init_reservation;
	     lo->paging_init_reservation && i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];
		int ret = vml_memblock_free(b->mb, r->base, r->size, b->diag);

		if (ret)
			return step_failed(b, ret, "giving back the layout's paging_init()",
					   r->base);
	}
	return 0;
}

int vml_arm_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			const struct vml_arm_image *img, struct vml_memblock *mb,
			const struct vml_boot_opts *o, struct vml_diag *diag)
{
	struct arm_boot b = {ctx, lo, img, mb, diag, VML_SZ_1M, ctx->fmt->entry_size == 8};
	int ret;

	if (b.lpae)
		b.section = VML_SZ_2M;
	ret = give_back_paging_init(&b);
	if (!ret) {
		vml_memblock_set_current_limit(mb, lo->memblock_limit);
		ret = map_lowmem(&b);
	}
	vml_memblock_set_current_limit(mb, lo->lowmem_limit);
	if (!ret)
		ret = map_kernel(&b);
	if (!ret)
		ret = remap_cma(&b);
	if (!ret)
		ret = devicemaps_init(&b);
	if (!ret)
		ret = kmap_init(&b);
	if (!ret && o->stage == VML_BOOT_RUNNING)
		ret = kfence_init(&b);
	if (!ret && o->stage == VML_BOOT_RUNNING)
		ret = after_boot(&b, o->rodata != VML_BOOT_RODATA_OFF);
	return ret;
}

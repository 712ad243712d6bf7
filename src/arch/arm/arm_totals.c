/* SPDX-License-Identifier: MIT */
/*
 * DOC: paging_init() allocations, the unused mem_map and the totals
 *
 * arch/arm/mm/mmu.c paging_init() (v3.4, v6.1): one 4 KiB pte page per
 * 2 MiB chunk of lowmem whose mapping does not start or end on a section
 * (1 MiB classic, 2 MiB LPAE), the vector page(s), the pkmap and (6.x)
 * fixmap pte pages, the zero page; then the mem_map, and mem_init()'s
 * free_unused_memmap() (mm/memblock.c v6.1, arch/arm/mm/init.c v3.4).
 */
#include "arch/arm/arm_reserve.h"
#include "arch/arm/boot_tables.h"
#include "vmlayout/dma_contiguous.h"
#include "vmlayout/kfence.h"
#include "vmlayout/large_system_hash.h"
#include "vmlayout/lock_sizes.h"
#include "vmlayout/mm_sizes.h"

#define ARM_PTE_TABLE_SIZE VML_SZ_4K /* PTE_HWTABLE_OFF + PTE_HWTABLE_SIZE */

static uint64_t section_size(const struct arm_state *st)
{
	return st->lpae ? VML_SZ_2M : VML_SZ_1M;
}

/* Collect the 2 MiB chunks map_lowmem() maps with pages, in address order. */
static unsigned int pte_chunks(const struct arm_state *st, uint64_t *chunks, unsigned int max)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	unsigned int n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t edge[2];

		end = vml_min(end, st->lowmem_limit);
		if (start >= end)
			break;
		edge[0] = start;
		edge[1] = end;
		for (int e = 0; e < 2; e++) {
			uint64_t chunk;

			if (vml_is_aligned(edge[e], section_size(st)))
				continue;
			chunk = vml_align_down(e ? edge[e] - 1 : edge[e], VML_SZ_2M);
			if ((!n || chunks[n - 1] != chunk) && n < max)
				chunks[n++] = chunk;
		}
	}
	return n;
}

/* early_alloc(sizeof(struct static_vm)) (arch/arm/mm/mm.h): static_vm.c */
static int alloc_static_vm(struct arm_state *st, const char *name)
{
	return vml_arm_early_alloc_aligned(st, name, vml_arm_static_vm_size(st->cfg),
					   vml_arm_static_vm_align(st->cfg));
}

/* @n pte pages, one early_alloc() each, recorded as one reservation per
 * run of adjacent pages (an area of 120 MiB needs 60). */
static int cma_pte_pages(struct arm_state *st, uint64_t n)
{
	uint64_t run_base = 0, run_size = 0;
	int ret = VML_OK;

	for (uint64_t i = 0; !ret && i < n; i++) {
		vml_phys_t pa;

		ret = vml_memblock_alloc_try_nid(st->mb, ARM_PTE_TABLE_SIZE, ARM_PTE_TABLE_SIZE, 0,
						 VML_MEMBLOCK_ALLOC_ACCESSIBLE, &pa, st->diag);
		if (ret)
			return vml_fail(st->diag, VML_ENOMEM,
					"out of memory below the memblock limit for an early "
					"allocation",
					st->mb->current_limit, ARM_PTE_TABLE_SIZE, -1);
		if (run_size && pa + ARM_PTE_TABLE_SIZE == run_base) {
			run_base = pa;
			run_size += ARM_PTE_TABLE_SIZE;
			continue;
		}
		if (run_size)
			ret = vml_layout_add_reservation(st->lo, "pte tables (cma remap)", run_base,
							 run_size, false, st->diag);
		run_base = pa;
		run_size = ARM_PTE_TABLE_SIZE;
	}
	if (!ret && run_size)
		ret = vml_layout_add_reservation(st->lo, "pte tables (cma remap)", run_base,
						 run_size, false, st->diag);
	return ret;
}

/* dma_contiguous_remap(): per CMA area in lowmem, iotable_init()'s
 * static_vm, then one pte page per PMD (2 MiB) the area touches. */
static int cma_remap_allocs(struct arm_state *st)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < st->n_cma_areas; i++) {
		uint64_t start = st->cma_areas[i].base;
		uint64_t end = vml_min(start + st->cma_areas[i].size, st->lowmem_limit);

		if (start >= end)
			continue;
		ret = alloc_static_vm(st, "static_vm (dma_contiguous_remap)");
		if (!ret)
			ret = cma_pte_pages(
			    st, (vml_align_up(end, VML_SZ_2M) - vml_align_down(start, VML_SZ_2M)) /
				    VML_SZ_2M);
	}
	return ret;
}

int vml_arm_paging_init_allocs(struct arm_state *st)
{
	uint64_t chunks[128];
	unsigned int n = pte_chunks(st, chunks, VML_ARRAY_SIZE(chunks));
	int ret = VML_OK;

	st->lo->paging_init_reservation = st->lo->n_reservations;
	/* memblock_dump_all() ends arm_memblock_init() (arch/arm/mm/init.c,
	 * v3.4 and v6.1), just before paging_init() */
	st->lo->memblock_dump_reservation = st->lo->n_reservations;
	for (unsigned int i = 0; !ret && i < n; i++)
		ret = vml_arm_early_alloc(st, "pte table (lowmem)", ARM_PTE_TABLE_SIZE);
	if (ret)
		return ret;
	vml_memblock_set_current_limit(st->mb, st->lowmem_limit);
	if (st->prof->cma_remap_pages)
		ret = cma_remap_allocs(st);
	if (ret)
		return ret;
	/* devicemaps_init(): the vector page(s), then the pte page its mapping at
	 * 0xffff0000 needs (6.x: early_fixmap_shutdown() cleared the early one),
	 * then pci_reserve_io()'s static_vm (early_alloc(sizeof(struct static_vm))) */
	ret = vml_arm_early_alloc(st, "vectors", st->prof->vector_pages * VML_SZ_4K);
	if (!ret)
		ret = vml_arm_early_alloc(st, "pte table (vectors)", ARM_PTE_TABLE_SIZE);
	if (!ret && st->prof->pci_io_static_vm && st->cfg->pci)
		ret = alloc_static_vm(st, "static_vm (pci_reserve_io)");
	if (!ret && st->cfg->highmem)
		ret = vml_arm_early_alloc(st, "pte table (pkmap)", ARM_PTE_TABLE_SIZE);
	if (!ret && st->prof->fixmap_pte_page)
		ret = vml_arm_early_alloc(st, "pte table (fixmap)", ARM_PTE_TABLE_SIZE);
	if (!ret)
		ret = vml_arm_early_alloc(st, "zero page", VML_SZ_4K);
	return ret;
}

static uint64_t page_struct_addr(uint64_t map_base, uint64_t first_pfn, uint64_t size, uint64_t pfn)
{
	return map_base + (pfn - first_pfn) * size;
}

/* free_memmap(): give back the whole pages of mem_map that describe a hole. */
static int free_memmap(struct arm_state *st, uint64_t map_base, uint64_t first_pfn, uint64_t size,
		       uint64_t start_pfn, uint64_t end_pfn)
{
	uint64_t pg =
	    vml_align_up(page_struct_addr(map_base, first_pfn, size, start_pfn), VML_SZ_4K);
	uint64_t pgend =
	    vml_align_down(page_struct_addr(map_base, first_pfn, size, end_pfn), VML_SZ_4K);
	int ret;

	if (pg >= pgend)
		return VML_OK;
	ret = vml_memblock_free(st->mb, pg, pgend - pg, st->diag);
	if (!ret)
		ret = vml_layout_add_reservation(st->lo, "mem_map of a hole (freed)", pg,
						 pgend - pg, true, st->diag);
	return ret;
}

int vml_arm_free_unused_memmap(struct arm_state *st, uint64_t map_base, uint64_t first_pfn,
			       uint64_t page_struct_size)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t pageblock = st->pageblock_pages;
	vml_phys_t start, end;
	uint64_t prev_end = 0;
	int ret = VML_OK;

	while (!ret && vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t start_pfn =
		    vml_align_down(vml_align_up(start, VML_SZ_4K) >> 12, pageblock);

		if (prev_end && prev_end < start_pfn)
			ret = free_memmap(st, map_base, first_pfn, page_struct_size, prev_end,
					  start_pfn);
		prev_end = vml_align_up(end >> 12, pageblock);
	}
	return ret;
}

static uint64_t pages_between(uint64_t start, uint64_t end, uint64_t lo_pfn, uint64_t hi_pfn)
{
	uint64_t s = vml_max(vml_align_up(start, VML_SZ_4K) >> 12, lo_pfn);
	uint64_t e = vml_min(end >> 12, hi_pfn);

	return e > s ? e - s : 0;
}

/* The pages of @r that are mapped memory: a CMA area given by reg outside
 * RAM frees nothing (cma_init_reserved_mem() refuses it, and freeing what
 * is not memory adds no page). */
static uint64_t memory_pages_in(const struct arm_state *st, const struct vml_range64 *r,
				uint64_t lo_pfn, uint64_t hi_pfn)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0, r_end = r->base + r->size < r->base ? ~0ULL : r->base + r->size;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s = vml_max(start, r->base), e = vml_min(end, r_end);

		if (s < e)
			n += pages_between(s, e, lo_pfn, hi_pfn);
	}
	return n;
}

/* mm_init() -> mem_init_print_info() (mm/page_alloc.c v6.1), right after
 * mem_init(): nr_free_pages() is what memblock_free_all() and
 * free_highpages() freed (the recorded 6.1 boots print it equal to
 * totalram_pages()); the init sections, the initrd and the CMA pages are
 * not freed yet (CMA at core_initcall: cma_init_reserved_areas()), physpages
 * is the zones' present pages, totalcma_pages the CMA areas' pages and
 * totalhigh_pages() the freed highmem. */
static void mem_init_info(struct arm_state *st, uint64_t free_low, uint64_t free_high)
{
	struct vml_mem_init_info *info = &st->lo->mem_init;
	const struct vml_kernel_image *img = &st->cfg->image;
	uint64_t physpages = 0, cma = 0;

	if (!st->prof->mem_init_print_info || !st->cfg->image.known)
		return;
	if (!img->stext || !img->etext || !img->start_rodata || !img->end_rodata ||
	    !img->init_begin || !img->init_end || !img->sdata || !img->edata || !img->bss_start ||
	    !img->bss_stop || !vml_mem_init_section_sizes(img, info)) {
		vml_layout_kmsg(st->lo,
				"vmlayout: no \"Memory:\" line: the System.map lacks one of "
				"_stext _etext __start_rodata __end_rodata __init_begin "
				"__init_end _sdata _edata __bss_start __bss_stop, or has .init "
				"inside .data\n",
				0, 0, 0, 0);
		return;
	}
	for (unsigned int i = 0; i < st->lo->n_zones; i++)
		physpages += st->lo->zones[i].present_pages;
	for (unsigned int i = 0; i < st->n_cma_areas; i++)
		cma += st->cma_areas[i].size >> 12;
	if (physpages < free_low + free_high + cma)
		return; /* not a state the kernel reaches: no line rather than a wrap */
	info->valid = true;
	info->highmem = st->cfg->highmem;
	info->available_kb = (free_low + free_high) * 4;
	info->physpages_kb = physpages * 4;
	info->reserved_kb = (physpages - free_low - free_high - cma) * 4;
	info->cma_reserved_kb = cma * 4;
	info->highmem_kb = free_high * 4;
	/* v6.11+ print the line from page_alloc_init_late() */
	if (vml_arm_since(st, st->prof->memory_line_late_since))
		vml_mem_init_late_note(st->lo);
}

/* v3.4's mem_init() prints nr_free_pages() and totalhigh_pages right after
 * free_all_bootmem() and free_highpages(): the same free pages as 6.1's
 * (init, initrd and CMA are freed later). build_all_zonelists() turns
 * mobility grouping off below pageblock_nr_pages * MIGRATE_TYPES pages
 * (MIGRATE_TYPES: 5, 6 with msm-3.4's CMA; include/linux/mmzone.h). */
static void mm_log_v3_4(struct arm_state *st, uint64_t free_low, uint64_t free_high)
{
	struct vml_mm_log_v3_4 *log = &st->lo->mm_log_v3_4;

	if (!st->prof->bootmem)
		return;
	log->valid = true;
	log->free_pages = free_low + free_high;
	log->free_high_pages = free_high;
	log->mobility_min_pages = st->pageblock_pages * (st->cfg->cma ? 6 : 5);
	log->pgdat = st->cfg->image.known ? st->cfg->image.contig_page_data : 0;
}

/* The pages of [start, end) that memblock_free_all() already freed: none
 * unless a reservation inside it was given back (a /reserved-memory region
 * whose setup failed, reserved over the initrd). */
static uint64_t already_free_pages(const struct arm_state *st, uint64_t start, uint64_t end,
				   uint64_t lo_pfn, uint64_t hi_pfn)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t s, e;
	uint64_t n = 0;

	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &s, &e))
		if (vml_max(s, start) < vml_min(e, end))
			n += pages_between(vml_max(s, start), vml_min(e, end), lo_pfn, hi_pfn);
	return n;
}

/* free_initrd_mem() and free_initmem() later: free_reserved_area() adds
 * every page of the range to totalram, even one already free; the kernel
 * would free such a page twice ("Bad page state"): vmlayout counts it once
 * and says so. */
static void count_freed_later(struct arm_state *st, uint64_t start, uint64_t end, uint64_t *low,
			      uint64_t *high)
{
	const uint64_t max_low = st->lowmem_limit >> 12;
	uint64_t twice_low = already_free_pages(st, start, end, 0, max_low);
	uint64_t twice_high = already_free_pages(st, start, end, max_low, ~0ULL);

	*low += pages_between(start, end, 0, max_low) - twice_low;
	*high += pages_between(start, end, max_low, ~0ULL) - twice_high;
	if (twice_low + twice_high)
		vml_layout_kmsg(st->lo,
				"vmlayout: %llu pages of 0x%llx-0x%llx were freed already (a "
				"reservation inside it was given back): the kernel would free them "
				"twice; counted once\n",
				twice_low + twice_high, start, end, 0);
}

void vml_arm_count_totals(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t max_low = st->lowmem_limit >> 12;
	uint64_t low = 0, high = 0;
	vml_phys_t start, end;

	/* memblock_free_all() + free_highpages(): free memory, NOMAP skipped */
	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		low += pages_between(start, end, 0, max_low);
		high += pages_between(start, end, max_low, ~0ULL);
	}
	mem_init_info(st, low, high);
	mm_log_v3_4(st, low, high);
	/* freed later: init sections, initrd; CMA pages go to the buddy allocator */
	{
		const uint64_t freed[2][2] = {{st->kernel_init_base, st->kernel_init_size},
					      {st->initrd_base, st->initrd_size}};

		for (int i = 0; i < 2; i++)
			count_freed_later(st, freed[i][0], freed[i][0] + freed[i][1], &low, &high);
		for (unsigned int i = 0; i < st->n_cma_areas; i++) {
			/* its note when part of the area is not memory */
			(void)vml_cma_bytes_in_memory(st->mb, st->lo, st->cma_areas[i].base,
						      st->cma_areas[i].size);
			low += memory_pages_in(st, &st->cma_areas[i], 0, max_low);
			high += memory_pages_in(st, &st->cma_areas[i], max_low, ~0ULL);
		}
	}
	st->lo->mem_total_kb = (low + high) * 4;
	st->lo->high_total_kb = high * 4;
	st->lo->low_total_kb = low * 4;
}

/* mem_init() with LPAE (arch/arm/mm/init.c v6.1): swiotlb_init(max_pfn >
 * arm_dma_pfn_limit): when RAM reaches past the DMA limit (without ZONE_DMA
 * the limit is ~0ul >> PAGE_SHIFT, so only RAM past 4 GiB), kernel/dma/swiotlb.c takes the
 * default 64 MiB bounce buffer (memblock_alloc_low, page aligned) and its
 * slot array (32768 slots of 16 bytes with a 64-bit phys_addr_t). */
/* memblock_alloc(): the reservation is recorded; 0 when it did not fit. */
static bool try_alloc(struct arm_state *st, const char *name, uint64_t size)
{
	vml_phys_t addr;

	if (vml_memblock_alloc_try_nid(st->mb, size, VML_SZ_4K, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
				       &addr, NULL))
		return false;
	return vml_layout_add_reservation(st->lo, name, addr, size, false, st->diag) == VML_OK;
}

#define SWIOTLB_SEGSIZE 128   /* IO_TLB_SEGSIZE */
#define SWIOTLB_MIN_SLABS 512 /* IO_TLB_MIN_SLABS: 1 MiB of 2 KiB slabs */

/*
 * swiotlb_init_remap()'s last allocation (kernel/dma/swiotlb.c v6.1,
 * v6.12): mem->areas, memblock_alloc(nareas * sizeof(struct io_tlb_area),
 * SMP_CACHE_BYTES). default_nareas is num_possible_cpus() rounded up to a
 * power of two (swiotlb_adjust_nareas(); swiotlb=N,M is not modelled);
 * v6.1 sizes the array with it, v6.12 with limit_nareas()'s (at most one
 * area per IO_TLB_SEGSIZE slabs of the buffer). struct io_tlb_area: an
 * unsigned long, an unsigned int and a spinlock_t, 12 bytes (spinlock_t
 * is arch_spinlock_t's 4 bytes; CONFIG_DEBUG_SPINLOCK adds magic,
 * owner_cpu and owner: 24; PREEMPT_RT's rt_mutex_base: 24;
 * vml_io_tlb_area_size(); lockdep's map is not sized: no allocation then,
 * with a note).
 */
static int swiotlb_areas(struct arm_state *st, uint64_t nslabs)
{
	struct vml_pcpu_cpus cpus;
	uint64_t nareas = 1, size = vml_io_tlb_area_size(st->cfg, 4);
	unsigned int nr_cpus = st->cfg->nr_cpus ? st->cfg->nr_cpus : st->prof->nr_cpus_default;

	if (st->cfg->lockdep) {
		vml_layout_kmsg(st->lo,
				"vmlayout: swiotlb's io_tlb_area array is not modelled with "
				"CONFIG_LOCKDEP (its spinlock_t's size is not known here)\n",
				0, 0, 0, 0);
		return VML_OK;
	}
	vml_arm_possible_cpus(st->board, nr_cpus, st->cfg->nr_cpus_arg, &cpus, NULL);
	while (nareas < cpus.n)
		nareas <<= 1;
	if (vml_arm_since(st, st->prof->swiotlb_limited_areas_since) &&
	    nslabs < nareas * SWIOTLB_SEGSIZE)
		nareas = nslabs / SWIOTLB_SEGSIZE;
	return vml_arm_early_alloc_aligned(st, "swiotlb areas", nareas * size,
					   vml_arm_smp_cache_bytes(st));
}

/* swiotlb_init_remap() (kernel/dma/swiotlb.c, 6.1.192): a buffer that does
 * not fit is halved (aligned to IO_TLB_SEGSIZE) down to IO_TLB_MIN_SLABS,
 * then given up without a word; a slot array that does not fit is a
 * warning. The kernel boots either way. */
int vml_arm_swiotlb(struct arm_state *st)
{
	uint64_t nslabs = (64 * VML_SZ_1M) >> 11, default_nslabs = nslabs, slots_size;
	uint64_t max_pfn = vml_memblock_end_of_DRAM(st->mb) >> 12;

	if (!st->lpae || max_pfn <= vml_arm_dma_pfn_limit(st))
		return VML_OK;
	while (!try_alloc(st, "swiotlb buffer", nslabs << 11)) {
		if (nslabs <= SWIOTLB_MIN_SLABS)
			return VML_OK;
		nslabs = vml_align_up(nslabs >> 1, SWIOTLB_SEGSIZE);
	}
	if (nslabs != default_nslabs)
		vml_layout_kmsg(st->lo, "SWIOTLB bounce buffer size adjusted %llu -> %llu slabs\n",
				default_nslabs, nslabs, 0, 0);
	/* struct io_tlb_slot: 16 bytes with a 64-bit phys_addr_t */
	slots_size = vml_align_up(nslabs * 16, VML_SZ_4K);
	if (!try_alloc(st, "swiotlb slots", slots_size)) {
		vml_layout_kmsg(st->lo,
				"swiotlb_init_remap: Failed to allocate %llu bytes align=0x%llx\n",
				slots_size, VML_SZ_4K, 0, 0);
		return VML_OK;
	}
	return swiotlb_areas(st, nslabs);
}

/* mm_init() -> kfence_alloc_pool() (mm/kfence/core.c v6.1;
 * kfence_alloc_pool_and_metadata() from v6.6, "mm: kfence: allocate
 * kfence_metadata at runtime"): with a non-zero kfence_sample_interval,
 * memblock_alloc(KFENCE_POOL_SIZE, PAGE_SIZE), then from v6.6 the metadata,
 * memblock_alloc(KFENCE_METADATA_SIZE, PAGE_SIZE) (before: a static array
 * in the image); kfence_init() keeps both. A failed allocation leaves
 * KFENCE off (v6.6+ frees the pool again when the metadata fails). */
static void kfence_alloc_pool(struct arm_state *st)
{
	const uint64_t pool = vml_kfence_pool_size(st->cfg, VML_SZ_4K);
	const uint64_t meta = vml_kfence_metadata_size(st->cfg, VML_SZ_4K, 4);
	vml_phys_t base, meta_base;

	if (!vml_arm_since(st, st->prof->kfence_metadata_since)) {
		try_alloc(st, "kfence pool (late)", pool);
		return;
	}
	if (vml_memblock_alloc_try_nid(st->mb, pool, VML_SZ_4K, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
				       &base, NULL))
		return;
	if (vml_memblock_alloc_try_nid(st->mb, meta, VML_SZ_4K, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
				       &meta_base, NULL)) {
		vml_memblock_free(st->mb, base, pool, NULL);
		return;
	}
	if (!vml_layout_add_reservation(st->lo, "kfence pool (late)", base, pool, false, st->diag))
		vml_layout_add_reservation(st->lo, "kfence metadata", meta_base, meta, false,
					   st->diag);
}

static int hash_alloc(void *ctx, const char *name, uint64_t size)
{
	return vml_arm_early_alloc_aligned(ctx, name, size, 64);
}

/* vfs_caches_init_early(): the dentry ("Dentry cache", scale 13,
 * dhash_entries=) and inode ("Inode-cache", scale 14, ihash_entries=) hash
 * tables of 4-byte buckets, from memblock (bootmem in 3.4), with their
 * boot lines in each version's format (large_system_hash.h). The counts
 * are unsigned longs: 32 bits. No NUMA, so no hashdist. */
static int hash_tables(struct arm_state *st, uint64_t nr_kernel_pages, uint64_t nr_all_pages)
{
	const struct vml_vfs_hash_tables t = {
	    .memory = {.nr_kernel_pages = nr_kernel_pages,
		       .nr_all_pages = nr_all_pages,
		       .bucketsize = 4,
		       .page_shift = 12},
	    .long_bits = 32,
	    .print = true,
	    .v3_4 = st->prof->bootmem,
	};

	return vml_vfs_caches_init_early(st->lo, st->cfg, &t, hash_alloc, st);
}

/* free_area_init() -> free_area_init_core() -> setup_usemap() (mm/page_alloc.c
 * v6.1, mm/mm_init.c v6.12): each zone's usemap, in paging_init() ->
 * bootmem_init(), right after the mem_map. */
int vml_arm_alloc_usemaps(struct arm_state *st)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < st->lo->n_zones; i++) {
		const struct vml_zone *z = &st->lo->zones[i];

		if (z->end_pfn <= z->start_pfn)
			continue;
		ret = vml_arm_early_alloc_aligned(st, "usemap",
						  vml_usemap_size(z->start_pfn,
								  z->end_pfn - z->start_pfn,
								  st->pageblock_pages, 32),
						  64);
	}
	return ret;
}

/* nr_kernel_pages and nr_all_pages (free_area_init_core(), v6.1): each
 * zone's present pages minus its memmap's pages. */
static void count_kernel_pages(const struct arm_state *st, uint64_t *nr_kernel_pages,
			       uint64_t *nr_all_pages)
{
	uint64_t page_struct_size = vml_arm_page_struct_size(st);

	*nr_kernel_pages = 0;
	*nr_all_pages = 0;
	for (unsigned int i = 0; i < st->lo->n_zones; i++) {
		const struct vml_zone *z = &st->lo->zones[i];
		uint64_t spanned = z->end_pfn > z->start_pfn ? z->end_pfn - z->start_pfn : 0;
		uint64_t memmap = vml_memmap_pages(spanned, page_struct_size, VML_SZ_4K);
		uint64_t freesize = z->present_pages > memmap ? z->present_pages - memmap : 0;

		if (!spanned)
			continue;
		*nr_all_pages += freesize;
		if (z->start_pfn < (st->lowmem_limit >> 12))
			*nr_kernel_pages += freesize;
	}
}

/* What start_kernel() takes from memblock after setup_arch() (init/main.c,
 * mm/percpu.c, fs/dcache.c, fs/inode.c v6.1): setup_command_line()'s two
 * copies, the per-CPU first chunk, then the dentry and inode hash tables,
 * sized from nr_kernel_pages/nr_all_pages. */
int vml_arm_mm_init_allocs(struct arm_state *st)
{
	uint64_t nr_kernel_pages, nr_all_pages;
	int ret = VML_OK;

	count_kernel_pages(st, &nr_kernel_pages, &nr_all_pages);
	if (!st->prof->bootmem)
		ret = vml_arm_setup_command_line(st);
	/* setup_per_cpu_areas(), parse_args(), then vfs_caches_init_early() */
	if (!ret)
		ret = vml_arm_setup_per_cpu_areas(st);
	if (!ret && !st->prof->bootmem)
		vml_kfence_msgs(st->lo, st->cfg);
	if (!ret)
		ret = hash_tables(st, nr_kernel_pages, nr_all_pages);
	if (!ret)
		ret = vml_arm_page_ext_init_flatmem(st);
	if (!ret && !st->prof->bootmem && vml_kfence_sample_interval(st->cfg))
		kfence_alloc_pool(st);
	return ret;
}

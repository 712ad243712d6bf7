/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 physical side: setup_bootmem(), reservations, zones, totals
 *
 * arch/riscv/mm/init.c setup_bootmem() of v5.10 and v6.4+ (v6.12, v6.18),
 * drivers/of/fdt.c (no-map: memblock_remove in v5.10, memblock_mark_nomap
 * in 6.x), mm/sparse-vmemmap.c (the vmemmap: 2 MiB of struct pages per
 * 128 MiB section with memory), kernel/dma/swiotlb.c, fs/dcache.c and
 * fs/inode.c (the hash tables). What is and is not modelled for MemTotal is
 * listed in docs/riscv64.md.
 */
#include "arch/riscv/layout_policy.h"
#include "vmlayout/dma_contiguous.h"
#include "vmlayout/hugetlb_cma.h"
#include "vmlayout/kfence.h"
#include "vmlayout/large_system_hash.h"
#include "vmlayout/lock_sizes.h"
#include "vmlayout/mm_sizes.h"
#include "vmlayout/numa.h"
#include "vmlayout/of_unflatten.h"
#include "vmlayout/sparse_roots.h"
#include "vmlayout/vmemmap_tables.h"

#define RISCV_SECTION_SIZE (128 * VML_SZ_1M) /* SECTION_SIZE_BITS 27 (asm/sparsemem.h) */
#define RISCV_STRUCT_PAGE_SIZE 64
#define RISCV_SWIOTLB_BYTES (64 * VML_SZ_1M) /* IO_TLB_DEFAULT_SIZE */
#define RISCV_SWIOTLB_NSLABS (RISCV_SWIOTLB_BYTES >> 11)
/* roundup(sizeof(pg_data_t), SMP_CACHE_BYTES) of Debian 13's 6.12 build:
 * "NODE_DATA(1) allocated [mem 0x17fdedbc0-0x17fdeffff]" on the
 * riscv64-4g-numa2 board */
#define RISCV_NODE_DATA_SIZE 0x2440ULL

static int reserve(struct riscv_state *st, const char *name, uint64_t base, uint64_t size,
		   bool freed)
{
	int ret = vml_memblock_reserve(st->mb, base, size, st->diag);

	return ret ? ret : vml_layout_add_reservation(st->lo, name, base, size, freed, st->diag);
}

static int alloc(struct riscv_state *st, const char *name, uint64_t size, uint64_t align,
		 uint64_t max)
{
	vml_phys_t base;
	int ret = vml_memblock_phys_alloc_range(st->mb, size, align, 0, max, &base, st->diag);

	return ret ? ret : vml_layout_add_reservation(st->lo, name, base, size, false, st->diag);
}

/* early_init_dt_scan_memory(): the banks; the image must lie in RAM. */
int vml_riscv_add_memory(struct riscv_state *st)
{
	const struct vml_board *b = st->board;
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < b->n_memory; i++)
		ret = vml_memblock_add(st->mb, b->memory[i].base, b->memory[i].size, st->diag);
	if (ret)
		return ret;
	if (!st->mb->memory.total_size)
		return vml_fail(st->diag, VML_EINVAL, "the board has no RAM", 0, 0, -1);
	/* Where the image sits: --kernel-image's PA, else 2 MiB above the 2 MiB
	 * boundary at or below the start of RAM, where OpenSBI's fw_jump /
	 * fw_dynamic put the next stage (FW_JUMP_ADDR 0x80200000 on QEMU virt). */
	if (st->cfg->load_phys_set)
		st->kernel_phys = st->cfg->load_phys;
	else
		st->kernel_phys =
		    vml_align_down(vml_memblock_start_of_DRAM(st->mb), VML_SZ_2M) + VML_SZ_2M;
	st->kernel_size = vml_riscv_image_size(st);
	if (!st->kernel_size)
		vml_layout_kmsg(st->lo,
				"vmlayout: kernel image size unknown (give --system-map or "
				"--kernel-image): taken as 0\n",
				0, 0, 0, 0);
	if (!vml_memblock_is_region_memory(st->mb, st->kernel_phys,
					   vml_max(st->kernel_size, VML_SZ_4K)))
		return vml_fail(st->diag, VML_EINVAL, "the kernel image must lie in RAM",
				st->kernel_phys, st->kernel_size, -1);
	return VML_OK;
}

static void set_low_pfns(struct riscv_state *st)
{
	st->max_low_pfn = vml_memblock_end_of_DRAM(st->mb) >> 12;
	st->high_memory = riscv_va(st, st->max_low_pfn << 12);
	st->dma32_phys_limit = vml_min(VML_SZ_4G, st->max_low_pfn << 12);
}

/* v5.10 setup_bootmem(): memblock_enforce_memory_limit(-PAGE_OFFSET) (the
 * 5.10.4 stable fix de043da0b9e7; 5.10.0 passed mem_start - PAGE_OFFSET),
 * then memblock_reserve(_start, _end - _start). No mem= on riscv in 5.10
 * (early_mem came in 5.11). RAM below the load address is kept by memblock
 * but lies below the PA that PAGE_OFFSET maps. */
int vml_riscv_setup_bootmem_5_10(struct riscv_state *st)
{
	int ret;

	if (st->cfg->n_mem_args)
		vml_layout_kmsg(st->lo, "vmlayout: riscv 5.10 has no mem= parameter: ignored\n", 0,
				0, 0, 0);
	/* v5.10's rodata= is __setup("rodata=") with strtobool() (init/main.c):
	 * no message, an invalid value changes nothing */
	st->lo->rodata_arg = vml_rodata_effective(st->cfg, VML_EARLY_RODATA_SETUP);
	st->lo->debug_pagealloc = vml_debug_pagealloc_enabled(st->cfg);
	vml_debug_pagealloc_note(st->lo, st->cfg);
	ret = vml_memblock_enforce_memory_limit(st->mb, st->kern_virt_size, st->diag);
	if (!ret && st->kernel_size)
		ret = reserve(st, "kernel image", st->kernel_phys, st->kernel_size, false);
	if (ret)
		return ret;
	if (vml_memblock_start_of_DRAM(st->mb) < st->phys_ram_base)
		vml_layout_kmsg(st->lo,
				"vmlayout: RAM below the load address 0x%llx is below the PA "
				"PAGE_OFFSET maps (5.10)\n",
				st->phys_ram_base, 0, 0, 0);
	st->min_low_pfn = vml_memblock_start_of_DRAM(st->mb) >> 12;
	set_low_pfns(st);
	return VML_OK;
}

/* v6.4+ setup_bootmem() (v6.12): memory_limit starts at KERN_VIRT_SIZE and
 * each mem= lowers it (early_mem: "Memory limited to %lldMB");
 * memblock_enforce_memory_limit(); the image reserved up to _end rounded to
 * PMD_SIZE (STRICT_KERNEL_RWX); phys_ram_base = DRAM start & PMD_MASK;
 * then the profile's cap of RAM to the linear map's reach. */
int vml_riscv_setup_bootmem_6_4(struct riscv_state *st)
{
	uint64_t limit = st->kern_virt_size;
	int ret;

	/* parse_early_param(): the early words' messages between the mem=
	 * ones (early_cma() with CMA, arch_numa's with NUMA; riscv has no
	 * arch_parse_debug_rodata(), so set_debug_rodata() takes on and off
	 * only: init/main.c v6.1, v6.12; print_nokaslr() with RANDOMIZE_BASE,
	 * print_no4lvl(), print_no5lvl(): arch/riscv/mm/init.c v6.12;
	 * early_debug_pagealloc() with DEBUG_PAGEALLOC) */
	const uint32_t bare =
	    (st->cfg->cma ? VML_EARLY_BARE_CMA : 0) |
	    (st->cfg->numa && st->prof->arch_numa ? VML_EARLY_BARE_NUMA : 0) |
	    (st->cfg->debug_pagealloc_config ? VML_EARLY_BAD_DEBUG_PAGEALLOC : 0) |
	    VML_EARLY_RODATA | VML_EARLY_NO4LVL | VML_EARLY_NO5LVL |
	    (st->cfg->randomize_base ? VML_EARLY_NOKASLR : 0);

	st->lo->rodata_arg = vml_rodata_effective(st->cfg, VML_EARLY_RODATA);
	st->lo->debug_pagealloc = vml_debug_pagealloc_enabled(st->cfg);
	vml_debug_pagealloc_note(st->lo, st->cfg);

	vml_early_param_msgs(st->lo, st->cfg, 0, bare);
	for (unsigned int i = 0; i < st->cfg->n_mem_args; i++) {
		limit = vml_min(st->cfg->mem_size[i] & ~(VML_SZ_4K - 1), limit);
		vml_layout_kmsg(st->lo, "Memory limited to %lldMB\n", limit >> 20, 0, 0, 0);
		vml_early_param_msgs(st->lo, st->cfg, i + 1, bare);
	}
	ret = vml_memblock_enforce_memory_limit(st->mb, limit, st->diag);
	if (!ret && st->kernel_size)
		ret = reserve(st, "kernel image", st->kernel_phys,
			      vml_align_up(st->kernel_phys + st->kernel_size, VML_SZ_2M) -
				  st->kernel_phys,
			      false);
	if (ret)
		return ret;
	st->phys_ram_base = vml_memblock_start_of_DRAM(st->mb) & ~(VML_SZ_2M - 1);
	ret = st->prof->cap_linear(st);
	if (ret)
		return ret;
	st->min_low_pfn = vml_align_up(st->phys_ram_base, VML_SZ_4K) >> 12;
	set_low_pfns(st);
	return VML_OK;
}

/* v6.12: memblock_cap_memory_range(phys_ram_base, KERN_VIRT_SIZE), silent. */
int vml_riscv_cap_linear_6_4(struct riscv_state *st)
{
	return vml_memblock_cap_memory_range(st->mb, st->phys_ram_base, st->kern_virt_size,
					     st->diag);
}

/* v6.18: the same cap, only when DRAM ends past the linear map, with a
 * warning (pr_warn without a newline; %pa of a 64-bit phys_addr_t). */
int vml_riscv_cap_linear_warn_6_18(struct riscv_state *st)
{
	uint64_t max_mapped = st->phys_ram_base + st->kern_virt_size;

	if (vml_memblock_end_of_DRAM(st->mb) <= max_mapped)
		return VML_OK;
	vml_layout_kmsg(st->lo,
			"Physical memory overflows the linear mapping size: region above 0x%016llx "
			"removed\n",
			max_mapped, 0, 0, 0);
	return vml_riscv_cap_linear_6_4(st);
}

/* v5.10 drivers/of/fdt.c early_init_dt_reserve_memory_arch(): no-map ranges
 * leave memblock.memory. */
int vml_riscv_nomap_remove_5_10(struct riscv_state *st, uint64_t base, uint64_t size)
{
	int ret = vml_memblock_remove(st->mb, base, size, st->diag);

	return ret ? ret
		   : vml_layout_add_reservation(st->lo, "no-map (removed)", base, size, false,
						st->diag);
}

/* 6.x drivers/of/fdt.c early_init_dt_reserve_memory(): memblock_mark_nomap. */
int vml_riscv_nomap_mark_6_x(struct riscv_state *st, uint64_t base, uint64_t size)
{
	int ret = vml_memblock_mark_nomap(st->mb, base, size, st->diag);

	return ret ? ret
		   : vml_layout_add_reservation(st->lo, "no-map", base, size, false, st->diag);
}

/* dma_contiguous_reserve(dma32_phys_limit) (kernel/dma/contiguous.c,
 * mm/cma.c): CMA_SIZE_MBYTES, or 6.x's cma=SIZE[@BASE[-LIMIT]] (core
 * dma_contiguous.c: the request, its checks, a fixed base), top-down in
 * [base, limit) below the DMA32 limit (6.x first tries bottom-up from 4 GiB:
 * an empty window under that limit, not under a cma= limit past it, which
 * the 6.18 profile keeps, v6.16+), aligned to 4 MiB (PAGE_SIZE <<
 * MAX_ORDER - 1 in 5.10; pageblock_nr_pages pages in 6.x: 2 MiB with
 * HUGETLB_PAGE, else 4 MiB). The pages go to the buddy allocator as
 * MIGRATE_CMA: they stay in MemTotal. 6.x prints mm/cma.c's messages (v6.12:
 * " on node -1"; 6.18 without it, as arm64's default_cma() says); 5.10's are
 * not modelled (vmlayout notes instead). */
static int reserve_cma(struct riscv_state *st)
{
	const bool v5 = st->prof->reserve_nomap == vml_riscv_nomap_remove_5_10;
	const uint64_t end = vml_memblock_end_of_DRAM(st->mb);
	const struct vml_cma_env env = {
	    .align = !v5 && st->cfg->hugetlb_page ? VML_SZ_2M : 2 * VML_SZ_2M,
	    .highmem_start = end,
	    .pa_64bit = true,
	    .node_suffix = st->prof->crash_parse == VML_CRASH_PARSE_V6_12,
	    .fixed_boundary_highmem_only = st->prof->cma_fixed_boundary_highmem_only,
	};
	struct vml_cma_select sel;
	vml_phys_t base;
	bool done = false, reserved = false;
	int ret;

	vml_dma_contiguous_select(st->cfg, st->cfg->cma_size_mbytes * VML_SZ_1M,
				  st->dma32_phys_limit, true, st->prof->cma_cmdline_limit_wins,
				  &sel);
	if (v5 && st->cfg->cma_arg_set) { /* cma= is not modelled on 5.10 */
		vml_layout_kmsg(st->lo,
				"vmlayout: cma= is not modelled for the 5.10 profile: "
				"CONFIG_CMA_SIZE_MBYTES is used\n",
				0, 0, 0, 0);
		sel.size = st->cfg->cma_size_mbytes * VML_SZ_1M;
		sel.base = 0;
		sel.limit = st->dma32_phys_limit;
		sel.fixed = false;
	}
	if (!st->cfg->cma || !sel.size)
		return VML_OK;
	if (!v5) {
		ret =
		    vml_cma_declare_checks(st->mb, st->lo, &sel, &env, &done, &reserved, st->diag);
		if (ret || (done && !reserved))
			return ret;
	}
	base = sel.base;
	ret = done ? VML_OK : VML_ENOMEM;
	/* 6.x: bottom-up from 4 GiB first when [4 GiB, limit) can hold the
	 * area; below the DMA32 limit it cannot, a cma= limit past it can
	 * (6.18, v6.16+) */
	if (!v5 && !done && sel.limit >= VML_SZ_4G + sel.size) {
		vml_memblock_set_bottom_up(st->mb, true);
		ret = vml_memblock_phys_alloc_range(st->mb, sel.size, env.align, VML_SZ_4G,
						    sel.limit, &base, NULL);
		vml_memblock_set_bottom_up(st->mb, false);
	}
	if (ret && vml_memblock_phys_alloc_range(st->mb, sel.size, env.align, sel.base, sel.limit,
						 &base, NULL)) {
		if (v5)
			vml_layout_kmsg(st->lo,
					"vmlayout: no room for the %llu MiB CMA area: none\n",
					sel.size >> 20, 0, 0, 0);
		else
			vml_cma_failed_msg(st->lo, &env, sel.size);
		return VML_OK;
	}
	if (v5)
		vml_layout_kmsg(st->lo, "vmlayout: CMA %llu MiB at 0x%llx\n", sel.size >> 20, base,
				0, 0);
	else if (!done)
		vml_cma_reserved_msg(st->lo, &env, base, sel.size);
	st->cma_base = base;
	st->cma_size = sel.size;
	return vml_layout_add_reservation(st->lo, "cma", base, sel.size, true, st->diag);
}

/* setup_bootmem(): hugetlb_cma_reserve(PUD_SHIFT - PAGE_SHIFT) right after
 * dma_contiguous_reserve() (arch/riscv/mm/init.c v6.12; v6.1 the same), with
 * CMA and HUGETLB_PAGE: 1 GiB gigantic pages, v6.12's areas aligned to one.
 * NUMA is not set up yet (misc_mem_init() comes in paging_init()): only
 * node 0 is online, and with CONFIG_NUMA memblock's regions have no node yet
 * (MAX_NUMNODES), so the node-0 allocation finds nothing: "cma: Failed to
 * reserve". The 6.18 profile keeps a note (mm/hugetlb_cma.c not read). */
bool vml_riscv_hugetlb_cma_modelled(const struct riscv_state *st)
{
	return st->cfg->cma && st->cfg->hugetlb_page &&
	       st->prof->crash_parse == VML_CRASH_PARSE_V6_12;
}

static int hugetlb_cma(struct riscv_state *st)
{
	const bool numa = st->cfg->numa && st->prof->arch_numa;
	const struct vml_hugetlb_cma_env env = {VML_SZ_1G,
						VML_SZ_1G,
						numa ? 1u << st->cfg->nodes_shift : 1,
						numa,
						{VML_SZ_2M, 0, true, true, false, 0, false}};

	if (!vml_riscv_hugetlb_cma_modelled(st))
		return VML_OK;
	return vml_hugetlb_cma_reserve(st->mb, st->lo, st->cfg, &env, st->diag);
}

/* reserve_initrd_mem(), early_init_fdt_scan_reserved_mem() (/memreserve/,
 * static /reserved-memory), the DT blob (memblock_reserve(dtb_early_pa,
 * fdt_totalsize)), then the CMA area; v6.12 order. */
int vml_riscv_reserve_early(struct riscv_state *st)
{
	const struct vml_board *b = st->board;
	int ret = VML_OK;

	if (st->cfg->initrd_set) {
		st->initrd_base = st->cfg->initrd_start;
		st->initrd_size = st->cfg->initrd_size;
	} else if (b->has_initrd) {
		st->initrd_base = b->initrd_start;
		st->initrd_size = b->initrd_end - b->initrd_start;
	}
	st->initrd_freed_start = st->initrd_base;
	st->initrd_freed_end = st->initrd_base + st->initrd_size;
	if (st->initrd_size) {
		uint64_t base = vml_align_down(st->initrd_base, VML_SZ_4K);
		uint64_t end = vml_align_up(st->initrd_base + st->initrd_size, VML_SZ_4K);

		ret = reserve(st, "initrd", base, end - base, true);
		st->initrd_base = base;
		st->initrd_size = end - base;
	}
	for (unsigned int i = 0; !ret && i < b->n_memreserve; i++)
		ret =
		    reserve(st, "memreserve", b->memreserve[i].base, b->memreserve[i].size, false);
	for (unsigned int i = 0; !ret && i < b->n_reserved; i++) {
		const struct vml_board_reserved *r = &b->reserved[i];

		if (r->dynamic) {
			vml_layout_kmsg(st->lo,
					"vmlayout: riscv: dynamic /reserved-memory (size only) "
					"is not placed: ignored\n",
					0, 0, 0, 0);
			continue;
		}
		ret = r->nomap ? st->prof->reserve_nomap(st, r->base, r->size)
			       : reserve(st, "reserved-memory", r->base, r->size, false);
	}
	if (!ret && b->has_dtb_phys && b->dtb_size)
		ret = reserve(st, "dtb", b->dtb_phys, b->dtb_size, false);
	if (!ret)
		ret = reserve_cma(st);
	return ret ? ret : hugetlb_cma(st);
}

/* v5.10 arch/riscv/kernel/setup.c: swiotlb_init(1), always. */
bool vml_riscv_swiotlb_always_5_10(const struct riscv_state *st)
{
	(void)st;
	return true;
}

/* v6.x mem_init(): swiotlb when max_pfn > PFN_DOWN(dma32_phys_limit). */
bool vml_riscv_swiotlb_above_dma32_6_x(const struct riscv_state *st)
{
	return st->max_low_pfn > (st->dma32_phys_limit >> 12);
}

static unsigned int count_sections(const struct riscv_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t last = ~0ULL;
	unsigned int n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end))
		for (uint64_t s = start / RISCV_SECTION_SIZE; s <= (end - 1) / RISCV_SECTION_SIZE;
		     s++)
			if (s != last) {
				n++;
				last = s;
			}
	return n;
}

/* sparse_init() -> memblocks_present(): SPARSEMEM_EXTREME's root array
 * (MAX_PHYSMEM_BITS 56 on 64-bit, asm/sparsemem.h: 16 MiB, or 32 MiB with
 * PAGE_EXTENSION, Debian's case) and one page of struct mem_section per
 * used root (sparse_roots.h). Missing before the Debian 13 boot showed it:
 * MemTotal was 3.6 % high on 1 GiB. */
static int mem_section_table(struct riscv_state *st)
{
	const unsigned int section_bits = 27;
	bool ext = st->cfg->page_extension;
	uint64_t per_root = vml_sections_per_root(VML_SZ_4K, ext);
	uint64_t roots = vml_mem_section_roots_bytes(56, section_bits, VML_SZ_4K, ext);
	uint64_t root = 0;
	vml_phys_t base;
	int nid, ret = alloc(st, "mem_section roots", roots, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE);

	/* each root's page on the node of the memory reaching it first
	 * (sparse_index_alloc(): memblock_alloc_node()) */
	while (!ret && vml_numa_next_root(st->mb, section_bits, per_root, &root, &nid)) {
		ret = vml_memblock_alloc_nid(
		    st->mb, VML_SZ_4K, 64, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
		    st->lo->n_nodes ? nid : VML_NUMA_NO_NODE, &base, st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "mem_section", base, VML_SZ_4K,
							 false, st->diag);
	}
	return ret;
}

/* The table levels under the root that the vmemmap fills (the paging
 * mode has (va_bits - 12) / 9 levels: sv39 3, sv48 4, sv57 5), and the VA
 * one table of the lowest of them covers. */
static unsigned int vmemmap_table_levels(const struct riscv_state *st)
{
	return (st->va_bits - 12) / 9 - (st->prof->vmemmap_hugepages ? 2 : 1);
}

static unsigned int vmemmap_first_shift(const struct riscv_state *st)
{
	return st->prof->vmemmap_hugepages ? 30 : 21;
}

/* The tables section @s's 2 MiB of struct pages needs: with PMD leaves
 * (vmemmap_populate_hugepages()) the PMD table (1 GiB of VA) up to the
 * level under the root, with base pages the PTE table (2 MiB) up; at
 * pfn_to_page() = VMEMMAP_START + (pfn - vmemmap_start_pfn) * 64, with
 * vmemmap_start_pfn = round_down(phys_ram_base, 1 << SECTION_SIZE_BITS) >>
 * PAGE_SHIFT (asm/pgtable.h vmemmap, arch/riscv/mm/init.c setup_bootmem(),
 * v6.12), so no section lies below VMEMMAP_START; v5.10: VMEMMAP_START +
 * pfn * 64. */
static uint64_t section_tables(const struct riscv_state *st, struct vml_vmemmap_tables *t,
			       uint64_t s)
{
	const uint64_t per_section = (RISCV_SECTION_SIZE >> 12) * RISCV_STRUCT_PAGE_SIZE;
	uint64_t base =
	    st->prof->vmemmap_from_pfn0 ? 0 : vml_align_down(st->phys_ram_base, RISCV_SECTION_SIZE);
	int64_t pages = (int64_t)(s * RISCV_SECTION_SIZE - base) / (int64_t)VML_SZ_4K;
	uint64_t va = st->vmemmap_start + (uint64_t)pages * RISCV_STRUCT_PAGE_SIZE;

	return vml_vmemmap_new_tables(t, va, per_section, vmemmap_first_shift(st), 9,
				      vmemmap_table_levels(st));
}

/* The fallback when a node's buffer does not fit: vmemmap_populate() of
 * each section takes its tables, then its 2 MiB (vmemmap_alloc_block_buf():
 * the node, then anywhere). */
static int memmap_run_unbuffered(struct riscv_state *st, struct vml_vmemmap_tables *t,
				 uint64_t first, uint64_t end, int nid)
{
	const uint64_t per_section = (RISCV_SECTION_SIZE >> 12) * RISCV_STRUCT_PAGE_SIZE;
	vml_phys_t base;
	int ret = VML_OK;

	for (uint64_t s = first;
	     !ret && s < end && vml_numa_next_present_section(st->mb, 27, s, &s) && s < end; s++) {
		ret = vml_vmemmap_take_tables(st->mb, st->lo, section_tables(st, t, s), VML_SZ_4K,
					      nid, st->diag);
		if (!ret)
			ret = vml_memblock_alloc_nid(st->mb, per_section, VML_SZ_2M, 0,
						     VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid, &base,
						     st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "vmemmap (a section)", base,
							 per_section, false, st->diag);
	}
	return ret;
}

/* mem_section_usage_size() (mm/sparse.c, include/linux/mmzone.h v6.12):
 * struct mem_section_usage (an rcu_head, 16, and the 64-bit subsection
 * map of SPARSEMEM_VMEMMAP: 128 MiB / 2 MiB subsections) then usemap_size():
 * NR_PAGEBLOCK_BITS (4) per pageblock in longs; pageblock_order 9
 * (HUGETLB_PAGE_ORDER, 2 MiB) with HUGETLB_PAGE, else MAX_PAGE_ORDER 10. */
static uint64_t mem_section_usage_size(const struct riscv_state *st)
{
	const uint64_t blocks = RISCV_SECTION_SIZE >> (12 + (st->cfg->hugetlb_page ? 9 : 10));

	return 16 + 8 + vml_align_up(blocks * 4, 64) / 8;
}

/* The pg_data_t of node @nid: NODE_DATA's PA, or without NUMA nodes
 * contig_page_data in the image's .bss (the System.map's, else taken at
 * the image's start: only its 128 MiB section matters). */
static uint64_t pgdat_pa(const struct riscv_state *st, int nid)
{
	for (unsigned int i = 0; i < st->lo->n_nodes; i++)
		if (st->lo->nodes[i].nid == nid && st->lo->nodes[i].node_data_size)
			return st->lo->nodes[i].node_data;
	const struct vml_kernel_image *im = &st->cfg->image;

	if (im->known && im->contig_page_data && im->text)
		return st->kernel_phys + im->contig_page_data - vml_align_down(im->text, VML_SZ_2M);
	return st->kernel_phys;
}

/* sparse_init_nid() -> sparse_early_usemaps_alloc_pgdat_section()
 * (mm/sparse.c v6.12, MEMORY_HOTREMOVE as Debian builds it): the run's
 * usage maps in the pg_data_t's section if they fit (memblock_alloc_try_nid
 * (size, SMP_CACHE_BYTES, goal, goal + 128 MiB, nid)), else anywhere. */
static int usemaps(struct riscv_state *st, uint64_t n, int nid)
{
	const uint64_t size = mem_section_usage_size(st) * n;
	const uint64_t goal = vml_align_down(pgdat_pa(st, nid), RISCV_SECTION_SIZE);
	vml_phys_t base;
	int ret = vml_memblock_alloc_nid(st->mb, size, 64, goal, goal + RISCV_SECTION_SIZE, nid,
					 &base, NULL);

	if (ret)
		ret = vml_memblock_alloc_nid(st->mb, size, 64, goal, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
					     nid, &base, st->diag);
	return ret ? ret
		   : vml_layout_add_reservation(st->lo, "usemaps", base, size, false, st->diag);
}

/* One sparse_init_nid() run: the @n sections [first, end) of node @nid;
 * their usage maps, the buffer on that node only
 * (memblock_alloc_exact_nid_raw()), then each section's missing tables
 * (vmemmap_tables.h). */
static int memmap_run(struct riscv_state *st, struct vml_vmemmap_tables *t, uint64_t first,
		      uint64_t end, uint64_t n, int nid)
{
	const uint64_t per_section = (RISCV_SECTION_SIZE >> 12) * RISCV_STRUCT_PAGE_SIZE;
	vml_phys_t base;
	int ret;

	if (!st->lo->n_nodes)
		nid = VML_NUMA_NO_NODE;
	ret = st->prof->sparse_usemaps ? usemaps(st, n, nid) : VML_OK;
	if (ret)
		return ret;
	ret = vml_memblock_alloc_exact_nid(st->mb, n * per_section, VML_SZ_2M, 0,
					   VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid, &base, NULL);
	if (ret)
		return memmap_run_unbuffered(st, t, first, end, nid);
	ret = vml_layout_add_reservation(st->lo, "vmemmap", base, n * per_section, false, st->diag);
	for (uint64_t s = first;
	     !ret && s < end && vml_numa_next_present_section(st->mb, 27, s, &s) && s < end; s++)
		ret = vml_vmemmap_take_tables(st->mb, st->lo, section_tables(st, t, s), VML_SZ_4K,
					      nid, st->diag);
	return ret;
}

/* sparse_init(): per run of one node's present sections, one sparse_buffer
 * of 2 MiB of struct pages per section (vmemmap_populate_hugepages).
 * FLATMEM: one mem_map from the MAX_ORDER-aligned first pfn. */
static int alloc_memmap(struct riscv_state *st)
{
	uint64_t min_pfn = vml_memblock_start_of_DRAM(st->mb) >> 12, section = 0, first, n;
	struct vml_vmemmap_tables t = {0};
	int nid, ret;

	if (st->cfg->memmodel != VML_SPARSEMEM)
		return alloc(st, "mem_map",
			     vml_align_up((st->max_low_pfn - vml_align_down(min_pfn, 1024)) *
					      RISCV_STRUCT_PAGE_SIZE,
					  VML_SZ_4K),
			     VML_SZ_4K, VML_MEMBLOCK_ALLOC_ACCESSIBLE);
	if (!count_sections(st))
		return VML_OK;
	/* the fixmap's tables are the image's fixmap_pte/_pmd/_pud/_p4d
	 * (setup_vm(), arch/riscv/mm/init.c v6.12): a vmemmap sharing one of
	 * them takes no page for it */
	vml_vmemmap_tables_exist(&t, st->fixaddr_start, st->fixaddr_top - st->fixaddr_start,
				 vmemmap_first_shift(st), 9, vmemmap_table_levels(st));
	ret = mem_section_table(st);
	while (!ret && vml_numa_next_section_run(st->mb, 27, &section, &first, &n, &nid))
		ret = memmap_run(st, &t, first, section, n, nid);
	return ret;
}

static struct vml_numa_rules numa_rules(const struct riscv_state *st)
{
	const struct vml_numa_rules rules = {
	    .flavour = VML_NUMA_V6_12,
	    .max_numnodes = 1 << st->cfg->nodes_shift,
	    .numa_off = st->cfg->numa_off,
	    .node_data_size = RISCV_NODE_DATA_SIZE,
	    .page_size = VML_SZ_4K,
	};

	return rules;
}

/* misc_mem_init() -> arch_numa_init() (v6.12): the DT's numa-node-id and
 * distance map, a NODE_DATA per node. */
static int numa(struct riscv_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);

	if (!st->cfg->numa || !st->prof->arch_numa)
		return VML_OK;
	return vml_numa_init(st->mb, st->board, &rules, st->lo, st->diag);
}

/* setup_arch() -> setup_smp(): the cpus' nodes; start_kernel() ->
 * build_all_zonelists(): "Fallback order for Node N: ..." (v6.12). */
static void numa_map_cpus(struct riscv_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);

	if (st->lo->n_nodes)
		vml_numa_map_cpus(st->lo, st->board, &rules);
}

/* start_kernel() -> build_all_zonelists(), after setup_per_cpu_areas() */
static void numa_fallback_order(struct riscv_state *st)
{
	const struct vml_numa_rules rules = numa_rules(st);

	if (st->lo->n_nodes)
		vml_numa_fallback_order(st->lo, &rules);
}

static uint64_t present_pages(const struct riscv_state *st, uint64_t lo, uint64_t hi)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t n = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		uint64_t s = vml_max(vml_align_up(start, VML_SZ_4K) >> 12, lo);
		uint64_t e = vml_min(end >> 12, hi);

		n += e > s ? e - s : 0;
	}
	return n;
}

/* zone_sizes_init(): ZONE_DMA32 up to dma32_phys_limit, ZONE_NORMAL to
 * max_low_pfn (arch/riscv/mm/init.c, v5.10 and v6.12). */
static int zones(struct riscv_state *st)
{
	const uint64_t lo_pfn = vml_memblock_start_of_DRAM(st->mb) >> 12;
	const uint64_t dma_pfn = st->cfg->zone_dma32 ? st->dma32_phys_limit >> 12 : lo_pfn;
	const char *names[2] = {"DMA32", "Normal"};
	const uint64_t bound[3] = {lo_pfn, vml_max(dma_pfn, lo_pfn), st->max_low_pfn};

	for (int i = st->cfg->zone_dma32 ? 0 : 1; i < 2; i++) {
		struct vml_zone *z = &st->lo->zones[st->lo->n_zones++];

		z->name = names[i];
		z->start_pfn = vml_max(bound[i], lo_pfn);
		z->end_pfn = vml_max(bound[i + 1], z->start_pfn);
		z->present_pages = present_pages(st, z->start_pfn, z->end_pfn);
	}
	st->lo->early_node_ranges = true; /* free_area_init(), mm/page_alloc.c v5.10 */
	return VML_OK;
}

static int hash_alloc(void *ctx, const char *name, uint64_t size)
{
	return alloc(ctx, name, size, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE);
}

/* vfs_caches_init_early(): dentry (scale 13, dhash_entries=) and inode
 * (scale 14, ihash_entries=) hash tables, 8-byte buckets, sized from the
 * zones' pages less their memmap, with their boot lines (not read for the
 * 5.10 profile). With hashdist (vml_hashdist(): more than one node with
 * memory, or hashdist=) they come from vmalloc later. */
/* nr_kernel_pages: the zones' present pages less their memmap */
static uint64_t hash_pages(const struct riscv_state *st)
{
	uint64_t nr = 0;

	for (unsigned int i = 0; i < st->lo->n_zones; i++) {
		const struct vml_zone *z = &st->lo->zones[i];
		uint64_t spanned = z->end_pfn - z->start_pfn;
		uint64_t memmap = vml_memmap_pages(spanned, RISCV_STRUCT_PAGE_SIZE, VML_SZ_4K);

		nr += z->present_pages > memmap ? z->present_pages - memmap : 0;
	}
	return nr;
}

static int hash_tables(struct riscv_state *st)
{
	struct vml_vfs_hash_tables t = {
	    .memory = {.bucketsize = 8, .page_shift = 12, .adapt = true},
	    .long_bits = 64,
	    .print = st->prof->reserve_nomap != vml_riscv_nomap_remove_5_10,
	};

	if (vml_hashdist(st->cfg, vml_numa_memory_nodes(st->lo)))
		return VML_OK;
	t.memory.nr_kernel_pages = t.memory.nr_all_pages = hash_pages(st);
	return vml_vfs_caches_init_early(st->lo, st->cfg, &t, hash_alloc, st);
}

/* With hashdist, vfs_caches_init() later takes the two tables from
 * vmalloc_huge() and prints their lines (vml_vfs_caches_init_late()):
 * HAVE_ARCH_HUGE_VMALLOC on 64-bit (arch/riscv/Kconfig v6.12, 7.2.13),
 * arch_vmap_pmd_supported() true, no arch_vmap_pte_supported_shift()
 * (asm/vmalloc.h v6.12, 7.2.13). 5.10 has no NUMA. */
static void hash_tables_late(struct riscv_state *st)
{
	struct vml_vfs_hash_tables t = {
	    .memory = {.bucketsize = 8, .page_shift = 12, .adapt = true},
	    .long_bits = 64,
	};
	const struct vml_huge_vmalloc hv = {
	    .allowed = !st->cfg->nohugevmalloc,
	    .pmd_size = VML_SZ_2M,
	    .online_nodes = st->lo->n_nodes,
	};

	if (!vml_hashdist(st->cfg, vml_numa_memory_nodes(st->lo)))
		return;
	t.memory.nr_kernel_pages = t.memory.nr_all_pages = hash_pages(st);
	vml_vfs_caches_init_late(st->lo, st->cfg, &t, &hv);
}

/* swiotlb_init_remap() (kernel/dma/swiotlb.c v6.12), after the slots:
 * mem->areas = memblock_alloc(nareas * sizeof(struct io_tlb_area) (16: a
 * long, an int, a spinlock_t without lock debugging; 48 under PREEMPT_RT:
 * vml_io_tlb_area_size()), SMP_CACHE_BYTES),
 * nareas = num_possible_cpus() rounded up to a power of two
 * (swiotlb_adjust_nareas()), at most nslabs / IO_TLB_SEGSIZE (128)
 * (limit_nareas()). */
static int swiotlb_areas(struct riscv_state *st)
{
	const unsigned int nr_cpus =
	    st->cfg->nr_cpus ? st->cfg->nr_cpus : st->prof->nr_cpus_default;
	struct vml_pcpu_cpus cpus;
	uint64_t nareas = 1;

	/* the possible cpus as setup_smp() found them (its messages are
	 * already logged: none here) */
	vml_riscv_possible_cpus(st->board, nr_cpus, st->cfg->nr_cpus_arg, &cpus, NULL);
	while (nareas < cpus.n)
		nareas <<= 1;
	nareas = vml_min(nareas, RISCV_SWIOTLB_NSLABS / 128);
	return alloc(st, "swiotlb areas", nareas * vml_io_tlb_area_size(st->cfg, 8), 64,
		     VML_MEMBLOCK_ALLOC_ACCESSIBLE);
}

/* swiotlb_init(): the 64 MiB buffer below 4 GiB (memblock_alloc_low) and
 * its bookkeeping: 5.10 io_tlb_list (int) and io_tlb_orig_addr
 * (phys_addr_t) arrays; 6.x the io_tlb_slot array (24 bytes a slot). */
static int swiotlb(struct riscv_state *st)
{
	int ret;

	if (!st->prof->wants_swiotlb(st))
		return VML_OK;
	/* memblock_alloc_low(): max_addr ARCH_LOW_ADDRESS_LIMIT, 0xffffffff
	 * (include/linux/memblock.h v6.12; riscv has no own): the top-down
	 * search starts a byte below 4 GiB, so the buffer ends a page lower
	 * (0xfbfff000 on the Debian 13 4 GiB boots, not 0xfc000000) */
	ret = alloc(st, "swiotlb buffer", RISCV_SWIOTLB_BYTES, VML_SZ_4K, VML_SZ_4G - 1);
	if (ret == VML_ENOMEM) {
		/* memblock_alloc_low() fails: swiotlb warns and goes on without */
		vml_layout_kmsg(st->lo,
				"vmlayout: no 64 MiB free below 4 GiB for the swiotlb buffer: "
				"the kernel warns and runs without it\n",
				0, 0, 0, 0);
		return VML_OK;
	}
	if (ret || st->prof->wants_swiotlb == vml_riscv_swiotlb_always_5_10) {
		if (!ret)
			ret = alloc(st, "swiotlb list", RISCV_SWIOTLB_NSLABS * 4, VML_SZ_4K,
				    VML_MEMBLOCK_ALLOC_ACCESSIBLE);
		if (!ret)
			ret = alloc(st, "swiotlb orig_addr", RISCV_SWIOTLB_NSLABS * 8, VML_SZ_4K,
				    VML_MEMBLOCK_ALLOC_ACCESSIBLE);
		return ret;
	}
	ret = alloc(st, "swiotlb slots", RISCV_SWIOTLB_NSLABS * 24, VML_SZ_4K,
		    VML_MEMBLOCK_ALLOC_ACCESSIBLE);
	return ret || !st->prof->swiotlb_areas ? ret : swiotlb_areas(st);
}

static uint64_t pages_in(uint64_t base, uint64_t size)
{
	uint64_t s = vml_align_up(base, VML_SZ_4K) >> 12, e = (base + size) >> 12;

	return e > s ? e - s : 0;
}

/* memblock_free_all(): the free pages (NOMAP skipped), plus what is freed
 * later: the init sections (free_initmem) and the initrd. */
/* mm_init() -> mem_init_print_info() (mm/mm_init.c v6.12, mm/page_alloc.c
 * v5.10): the "Memory: ...K/...K available (...)" line from the free pages
 * after memblock_free_all() (@free), the zones' present pages, the CMA
 * area and the System.map's sections. A kernel with
 * DEFERRED_STRUCT_PAGE_INIT may print a smaller "available". */
static void mem_init_info(struct riscv_state *st, uint64_t free)
{
	struct vml_mem_init_info *info = &st->lo->mem_init;
	const struct vml_kernel_image *img = &st->cfg->image;
	uint64_t physpages = 0, cma = (st->cma_size + vml_hugetlb_cma_bytes(st->lo)) >> 12;

	if (!img->known || !img->stext || !img->etext || !img->start_rodata || !img->end_rodata ||
	    !img->init_begin || !img->init_end || !img->sdata || !img->edata || !img->bss_start ||
	    !img->bss_stop || !vml_mem_init_section_sizes(img, info))
		return;
	for (unsigned int i = 0; i < st->lo->n_zones; i++)
		physpages += st->lo->zones[i].present_pages;
	if (physpages < free + cma)
		return;
	info->valid = true;
	info->available_kb = free * 4;
	info->physpages_kb = physpages * 4;
	info->reserved_kb = (physpages - free - cma) * 4;
	info->cma_reserved_kb = cma * 4;
}

static void totals(struct riscv_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t pages = 0;

	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end))
		pages += pages_in(start, end - start);
	mem_init_info(st, pages);
	pages += pages_in(st->init_base, st->init_size);
	/* free_initrd_mem() -> free_reserved_area(initrd_start, initrd_end)
	 * (init/initramfs.c, mm/page_alloc.c v6.12): the whole pages inside
	 * the initrd, not the partial ones its page-rounded reservation holds */
	pages += pages_in(st->initrd_freed_start, st->initrd_freed_end - st->initrd_freed_start);
	/* the CMA area's pages that are memory (a fixed cma= may be outside) */
	pages += vml_cma_bytes_in_memory(st->mb, st->lo, st->cma_base, st->cma_size) >> 12;
	pages += vml_hugetlb_cma_bytes(st->lo) >> 12;
	st->lo->mem_total_kb = pages * 4;
	st->lo->low_total_kb = pages * 4;
	st->lo->lowmem_ram = vml_memblock_phys_mem_size(st->mb);
}

/* What riscv does to memblock by the end of the boot (core/memblock_late.c):
 * memmap_init_reserved_pages()'s nodes (mm/memblock.c v6.12) and the
 * generic free_initrd_mem()'s memblock_free() of the 4 KiB-aligned initrd
 * (init/initramfs.c v6.12), which exists with ARCH_KEEP_MEMBLOCK
 * (arch/riscv/Kconfig v6.12: "if ACPI", Debian's config; without it
 * there is no /sys/kernel/debug/memblock to show the lists). riscv's
 * free_initmem() is the generic one (init/main.c): no memblock_free(). */
static int memblock_late(struct riscv_state *st)
{
	struct vml_memblock_late *late = &st->lo->memblock_late;

	late->reserved_nid = st->prof->reserved_nid_at_free_all && st->cfg->numa;
	return vml_memblock_late_free_initrd(late, st->initrd_freed_start, st->initrd_freed_end,
					     VML_SZ_4K, st->lo->crashk_base, st->lo->crashk_size);
}

/* unflatten_device_tree() -> fdt_scan_reserved_mem_reg_nodes() ->
 * alloc_reserved_mem_array() (drivers/of/of_reserved_mem.c v6.12):
 * memblock_alloc(count * sizeof(struct reserved_mem) (48 on 64-bit),
 * SMP_CACHE_BYTES (64: L1_CACHE_SHIFT 6, asm/cache.h)). */
static int reserved_mem_array(struct riscv_state *st)
{
	/* riscv places no dynamic region (reserve_early() says so) */
	uint64_t size = vml_of_reserved_mem_array_bytes(st->board, 0, 48);

	return size ? alloc(st, "reserved_mem array", size, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE)
		    : VML_OK;
}

/* __unflatten_device_tree(): memblock_alloc(ALIGN(size, 4) + 4,
 * __alignof__(struct device_node)); of_alias_scan(): one memblock_alloc(
 * sizeof(struct alias_prop) + stem + 1, __alignof__(struct alias_prop))
 * per alias (drivers/of/fdt.c, base.c v6.12; include/vmlayout/of_unflatten.h). */
static int unflatten(struct riscv_state *st)
{
	uint64_t sizes[VML_OF_MAX_ALIASES];
	uint64_t tree = vml_of_unflatten_bytes(st->board, st->cfg, 8);
	unsigned int n = vml_of_alias_alloc_sizes(st->board, st->cfg, 8, sizes, VML_OF_MAX_ALIASES);
	int ret =
	    tree ? alloc(st, "device tree (unflattened)", tree, 8, VML_MEMBLOCK_ALLOC_ACCESSIBLE)
		 : VML_OK;

	for (unsigned int i = 0; !ret && i < n; i++)
		ret = alloc(st, "of alias", sizes[i], 8, VML_MEMBLOCK_ALLOC_ACCESSIBLE);
	return ret;
}

/* setup_arch() -> init_resources() (arch/riscv/kernel/setup.c v6.12), after
 * misc_mem_init(): memblock_alloc((memory.cnt + reserved.cnt + 1) * sizeof(
 * struct resource) (64), SMP_CACHE_BYTES); the entries not used (a reserved
 * region inside memory reuses its entry; each memory region and each
 * reserved region outside memory keeps one) are memblock_free()d from the
 * start of the array. */
static int init_resources(struct riscv_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t n = st->mb->memory.cnt + st->mb->reserved.cnt + 1;
	uint64_t used = st->mb->memory.cnt;
	vml_phys_t start, end, base;
	int ret;

	while (vml_memblock_next_reserved_range(st->mb, &it, &start, &end))
		used += !vml_memblock_is_memory(st->mb, start);
	ret = vml_memblock_alloc_try_nid(st->mb, n * 64, 64, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
					 &base, st->diag);
	if (!ret)
		ret =
		    vml_layout_add_reservation(st->lo, "resources", base, n * 64, false, st->diag);
	if (!ret && used < n)
		ret = vml_memblock_free(st->mb, base, (n - used) * 64, st->diag);
	return ret;
}

/* start_kernel() -> setup_command_line() (init/main.c v6.12), after
 * setup_arch(): saved_command_line, then static_command_line, each
 * memblock_alloc(strlen(boot_command_line) + 1, SMP_CACHE_BYTES). */
static int setup_command_line(struct riscv_state *st)
{
	const uint64_t size = vml_setup_command_line_bytes(st->cfg);
	int ret = alloc(st, "saved_command_line", size, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE);

	return ret ? ret
		   : alloc(st, "static_command_line", size, 64, VML_MEMBLOCK_ALLOC_ACCESSIBLE);
}

/* paging_init() -> setup_vm_final() -> create_linear_mapping_page_table()
 * (v6.12 arch/riscv/mm/init.c): with CONFIG_KFENCE,
 * memblock_phys_alloc(KFENCE_POOL_SIZE, PAGE_SIZE), before the linear map's
 * tables and sparse_init(). kfence_init() returns early when
 * kfence.sample_interval is 0 (Debian's KFENCE_SAMPLE_INTERVAL=0) and the
 * pool is never freed: 2 MiB out of MemTotal either way, as the Debian 13
 * boot shows. KFENCE_POOL_SIZE = (CONFIG_KFENCE_NUM_OBJECTS (255) + 1) * 2
 * pages. */
static int kfence_pool(struct riscv_state *st, uint64_t *base, uint64_t *size)
{
	int ret;

	*base = *size = 0;
	if (!st->cfg->kfence || !st->prof->kfence_pool_early)
		return VML_OK;
	ret = alloc(st, "kfence pool", vml_kfence_pool_size(st->cfg, VML_SZ_4K), VML_SZ_4K,
		    VML_MEMBLOCK_ALLOC_ACCESSIBLE);
	if (!ret) {
		*base = st->lo->reservations[st->lo->n_reservations - 1].base;
		*size = st->lo->reservations[st->lo->n_reservations - 1].size;
	}
	return ret;
}

/* setup_arch() (arch/riscv/kernel/setup.c v6.12): paging_init() ->
 * setup_vm_final() (the KFENCE pool, then the tables of swapper_pg_dir),
 * then unflatten_device_tree() (drivers/of/fdt.c v6.12): the reserved_mem
 * array (fdt_scan_reserved_mem_reg_nodes()), the unflattened tree and
 * of_alias_scan()'s aliases, all before misc_mem_init(). */
static int paging_init_and_unflatten(struct riscv_state *st)
{
	uint64_t pool, pool_size;
	int ret = kfence_pool(st, &pool, &pool_size);

	if (!ret && st->prof->setup_vm_final_tables)
		ret = vml_riscv_setup_vm_final_tables(st, pool, pool_size);
	if (!ret && st->prof->reserved_mem_array)
		ret = reserved_mem_array(st);
	if (!ret && st->prof->unflatten_allocs)
		ret = unflatten(st);
	return ret;
}

/* mm_core_init() -> kfence_alloc_pool_and_metadata() (mm/kfence/core.c
 * v6.12), after the hash tables, before mem_init(): with a non-zero
 * kfence.sample_interval, the metadata (the pool is the early one);
 * kfence_init() keeps it. Debian's 6.12 (interval 0) takes none. */
static int kfence_metadata(struct riscv_state *st)
{
	const uint64_t size = vml_kfence_metadata_size(st->cfg, VML_SZ_4K, 8);
	vml_phys_t base;

	if (!st->prof->kfence_pool_early || !vml_kfence_sample_interval(st->cfg))
		return VML_OK;
	/* memblock_alloc(); on failure KFENCE is off and the boot goes on */
	if (vml_memblock_alloc_try_nid(st->mb, size, VML_SZ_4K, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
				       &base, NULL))
		return VML_OK;
	return vml_layout_add_reservation(st->lo, "kfence metadata", base, size, false, st->diag);
}

/* misc_mem_init() -> arch_reserve_crashkernel() (arch/riscv/mm/init.c
 * v6.12), after zone_sizes_init(): asm/crash_reserve.h's CRASH_ALIGN
 * PMD_SIZE, CRASH_ADDR_LOW_MAX dma32_phys_limit, CRASH_ADDR_HIGH_MAX
 * memblock_end_of_DRAM(). */
static int crashkernel(struct riscv_state *st)
{
	const struct vml_crash_limits lim = {VML_SZ_2M, st->dma32_phys_limit,
					     vml_memblock_end_of_DRAM(st->mb)};

	if (!st->prof->crashkernel_generic) {
		vml_crashkernel_not_modelled(st->lo, st->cfg);
		return VML_OK;
	}
	return vml_arch_reserve_crashkernel_generic(st->mb, st->lo, st->cfg, st->prof->crash_parse,
						    &lim, st->diag);
}

int vml_riscv_zones_and_totals(struct riscv_state *st)
{
	int ret = paging_init_and_unflatten(st);

	if (!ret)
		ret = numa(st);
	if (!ret)
		ret = alloc_memmap(st);
	if (!ret)
		ret = zones(st);
	if (!ret)
		vml_numa_node_zones(st->lo, st->mb, 12);
	if (!ret)
		ret = crashkernel(st);
	/* 6.x: memblock_dump_all() ends misc_mem_init(), after sparse_init()
	 * and zone_sizes_init() (arch/riscv/mm/init.c, v6.1 and v6.12); 5.10's
	 * is set at the end of setup_bootmem() (riscv_arch.c's compute) */
	if (!st->lo->memblock_dump_reservation)
		st->lo->memblock_dump_reservation = st->lo->n_reservations;
	if (!ret)
		numa_map_cpus(st);
	if (!ret && st->prof->unflatten_allocs)
		ret = init_resources(st);
	if (!ret && st->prof->swiotlb_in_setup_arch)
		ret = swiotlb(st);
	if (!ret)
		ret = st->prof->kasan_shadow(st);
	if (!ret && st->prof->unflatten_allocs)
		ret = setup_command_line(st);
	/* start_kernel(): setup_per_cpu_areas(), build_all_zonelists(),
	 * vfs_caches_init_early() */
	if (!ret)
		ret = vml_riscv_setup_per_cpu_areas(st);
	if (!ret)
		numa_fallback_order(st);
	if (!ret) {
		vml_kfence_msgs(st->lo, st->cfg); /* parse_args() */
		ret = hash_tables(st);
	}
	if (!ret)
		ret = kfence_metadata(st);
	if (!ret && !st->prof->swiotlb_in_setup_arch)
		ret = swiotlb(st);
	if (!ret)
		hash_tables_late(st);
	if (!ret)
		totals(st);
	if (!ret)
		ret = memblock_late(st);
	return ret;
}

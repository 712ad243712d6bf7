/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 physical memory: DT memory, mem=, arm64_memblock_init()
 *
 * drivers/of/fdt.c early_init_dt_add_memory_arch() (MIN_MEMBLOCK_ADDR 0,
 * MAX_MEMBLOCK_ADDR U64_MAX on arm64), early_init_dt_check_for_usable_mem_range(),
 * arch/arm64/kernel/setup.c setup_machine_fdt() (the DT blob is reserved),
 * arch/arm64/mm/init.c early_mem() and arm64_memblock_init(), v6.1 and
 * v6.12 (the same steps; v6.1 reserves from _stext, later from _text).
 * /reserved-memory and /memreserve/ follow drivers/of/of_reserved_mem.c
 * (static regions, the header's entries, then dynamic regions).
 */
#include "arch/arm64/layout_arm64.h"
#include "vmlayout/dma_contiguous.h"

#define ARM64_SMP_CACHE_BYTES 64 /* L1_CACHE_BYTES: memblock's default alignment */

static int dt_add_memory(struct arm64_state *st, uint64_t base, uint64_t size)
{
	const uint64_t off = base & (st->page_size - 1);

	if (size < st->page_size - off) {
		vml_layout_kmsg(st->lo, "Ignoring memory block 0x%llx - 0x%llx\n", base,
				base + size, 0, 0);
		return VML_OK;
	}
	if (off) {
		size -= st->page_size - off;
		base = vml_align_up(base, st->page_size);
	}
	size = vml_align_down(size, st->page_size);
	return vml_memblock_add(st->mb, base, size, st->diag);
}

/* The DT's memory, linux,usable-memory-range (memblock_cap_memory_range()
 * to the first range, the others added back: drivers/of/fdt.c v6.1) and
 * the command line's mem= (early_mem(): the last one wins, PAGE_MASK). */
/* The early handlers with messages: early_cma() with CMA and
 * numa_parse_early_param() with NUMA (drivers/base/arch_numa.c) refuse a
 * bare word, early_debug_pagealloc() with DEBUG_PAGEALLOC a value
 * kstrtobool() does not take; set_debug_rodata() after arch_parse_debug_rodata() (full,
 * on, off before v6.16; v6.16+ on, off, noalias: the version that made
 * "on" mean full dropped "full", which set_debug_rodata() then warns about
 * and ignores, so an earlier rodata=off stands: asm/setup.h, checked in
 * 7.2.13). */
static uint32_t early_handlers(const struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;

	return (cfg->cma ? VML_EARLY_BARE_CMA : 0) | (cfg->numa ? VML_EARLY_BARE_NUMA : 0) |
	       (cfg->debug_pagealloc_config ? VML_EARLY_BAD_DEBUG_PAGEALLOC : 0) |
	       vml_arm64_rodata_handlers(st->prof);
}

uint32_t vml_arm64_rodata_handlers(const struct arm64_profile *prof)
{
	return VML_EARLY_RODATA |
	       (prof->rodata_on_is_full ? VML_EARLY_RODATA_NOALIAS : VML_EARLY_RODATA_FULL);
}

int vml_arm64_add_memory(struct arm64_state *st)
{
	const struct vml_board *b = st->board;
	const struct vml_kernel_config *cfg = st->cfg;
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < b->n_memory; i++)
		ret = dt_add_memory(st, b->memory[i].base, b->memory[i].size);
	if (!ret && b->n_usable)
		ret = vml_memblock_cap_memory_range(st->mb, b->usable[0].base, b->usable[0].size,
						    st->diag);
	for (unsigned int i = 1; !ret && i < b->n_usable; i++)
		ret = vml_memblock_add(st->mb, b->usable[i].base, b->usable[i].size, st->diag);
	if (!ret && b->n_remove)
		vml_layout_kmsg(st->lo,
				"vmlayout: qcom,memblock-remove is an msm-3.4 property: ignored "
				"by mainline arm64\n",
				0, 0, 0, 0);
	/* parse_early_param(): early_mem() for each mem= (the last one wins),
	 * the bare early words' messages in between */
	st->memory_limit = ~0ULL;
	st->lo->rodata_arg = vml_rodata_effective(cfg, vml_arm64_rodata_handlers(st->prof));
	st->lo->debug_pagealloc = vml_debug_pagealloc_enabled(cfg);
	/* map_kernel()'s text_prot: v6.1 asks rodata_enabled (mm/mmu.c), v6.9+
	 * the early override (kernel/pi/map_kernel.c) */
	st->lo->kernel_text_writable =
	    st->prof->idreg_v6_9 ? st->ov.rodataoff : st->lo->rodata_arg == VML_RODATA_OFF;
	vml_debug_pagealloc_note(st->lo, cfg);
	vml_early_param_msgs(st->lo, cfg, 0, early_handlers(st));
	for (unsigned int i = 0; i < cfg->n_mem_args; i++) {
		st->memory_limit = cfg->mem_size[i] & ~(st->page_size - 1);
		vml_layout_kmsg(st->lo, "Memory limited to %lluMB\n", st->memory_limit >> 20, 0, 0,
				0);
		vml_early_param_msgs(st->lo, cfg, i + 1, early_handlers(st));
	}
	if (!ret && !st->mb->memory.cnt)
		ret = vml_fail(st->diag, VML_EINVAL, "no RAM left after the DT rules", 0, 0, -1);
	return ret;
}

static uint64_t pa_end(const struct arm64_state *st)
{
	return st->pa_text + st->image_size;
}

/* Where _text sits: --kernel-image PHYS, else the first 2 MiB boundary of
 * RAM (Documentation/arch/arm64/booting.rst: a 2 MiB aligned base, offset 0). */
static void place_image(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const struct vml_kernel_image *img = &cfg->image;

	st->pa_text = cfg->load_phys_set
			  ? cfg->load_phys
			  : vml_align_up(vml_memblock_start_of_DRAM(st->mb), ARM64_MIN_KIMG_ALIGN);
	if (img->known && img->end > img->text) {
		st->image_size_known = true;
		st->image_size = img->end - img->text;
		st->stext_off = img->stext > img->text ? img->stext - img->text : 0;
		if (img->init_end > img->init_begin && img->init_begin >= img->text) {
			st->init_off = img->init_begin - img->text;
			st->init_size = img->init_end - img->init_begin;
		}
	} else if (cfg->image_size) {
		st->image_size_known = true;
		st->image_size = cfg->image_size;
	} else {
		vml_layout_kmsg(st->lo,
				"vmlayout: kernel image size unknown (give --system-map or "
				"--kernel-image): not reserved\n",
				0, 0, 0, 0);
	}
}

/* The linear window: arm64_memblock_init() steps 2-6. */
static int fit_linear_window(struct arm64_state *st)
{
	struct vml_memblock *mb = st->mb;
	const uint64_t lrs = st->linear_region_size;
	int ret = VML_OK;

	if (st->phys_mask_shift < 64)
		ret = vml_memblock_remove(mb, 1ULL << st->phys_mask_shift,
					  ~0ULL - (1ULL << st->phys_mask_shift), st->diag);
	if (!ret && !mb->memory.cnt)
		return vml_fail(st->diag, VML_ERANGE,
				"no RAM below the CPU's physical address size (PHYS_MASK_SHIFT)",
				1ULL << st->phys_mask_shift, 0, -1);
	st->memstart_addr = vml_align_down(vml_memblock_start_of_DRAM(mb), st->memstart_align);
	if (vml_memblock_end_of_DRAM(mb) - st->memstart_addr > lrs)
		vml_layout_kmsg(st->lo,
				"Memory doesn't fit in the linear mapping, VA_BITS too small\n", 0,
				0, 0, 0);
	if (!ret) {
		uint64_t cut = vml_max(st->memstart_addr + lrs, pa_end(st));

		ret = vml_memblock_remove(mb, cut, ~0ULL - cut, st->diag);
	}
	if (!ret && st->memstart_addr + lrs < vml_memblock_end_of_DRAM(mb)) {
		st->memstart_addr =
		    vml_align_up(vml_memblock_end_of_DRAM(mb) - lrs, st->memstart_align);
		ret = vml_memblock_remove(mb, 0, st->memstart_addr, st->diag);
	}
	return ret;
}

/* The initrd: added back when it lies in [DRAM start, + linear region). */
static int keep_initrd(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const struct vml_board *b = st->board;
	uint64_t start = 0, size = 0, base, end, dram;
	int ret;

	if (cfg->initrd_set) {
		start = cfg->initrd_start;
		size = cfg->initrd_size;
	} else if (b->has_initrd && b->initrd_end > b->initrd_start) {
		start = b->initrd_start;
		size = b->initrd_end - b->initrd_start;
	}
	if (!size)
		return VML_OK;
	base = vml_align_down(start, st->page_size);
	end = vml_align_up(start + size, st->page_size);
	dram = vml_memblock_start_of_DRAM(st->mb);
	if (base < dram || end > dram + st->linear_region_size) {
		vml_layout_kmsg(st->lo,
				"initrd not fully accessible via the linear mapping -- please "
				"check your bootloader ...\n",
				0, 0, 0, 0);
		return VML_OK;
	}
	ret = vml_memblock_add(st->mb, base, end - base, st->diag);
	if (!ret)
		ret = vml_memblock_clear_nomap(st->mb, base, end - base, st->diag);
	if (!ret)
		ret = vml_memblock_reserve(st->mb, base, end - base, st->diag);
	if (!ret)
		ret =
		    vml_layout_add_reservation(st->lo, "initrd", base, end - base, true, st->diag);
	/* free_initrd_mem() -> free_reserved_area() frees the whole pages of
	 * [initrd_start, initrd_end) (init/initramfs.c, mm/page_alloc.c v6.1,
	 * v6.12): a partial last page stays reserved */
	st->initrd_base = start;
	st->initrd_size = size;
	return ret;
}

/* arm64_memblock_init() (arch/arm64/mm/init.c v6.1, v6.12), up to and
 * without the reservations (arm64_reserve()). The linear-map randomization
 * (<= v6.15) is arm64_kaslr_linear(), called here where the kernel does it. */
int vml_arm64_memblock_init(struct arm64_state *st)
{
	int ret;

	place_image(st);
	ret = fit_linear_window(st);
	if (ret)
		return ret;
	/* a 52-bit build on a 48/47-bit CPU moves RAM into the top part of the
	 * 52-bit linear region: memstart_addr -= _PAGE_OFFSET(vabits_actual) -
	 * _PAGE_OFFSET(52) (v6.12; v6.1 writes _PAGE_OFFSET(48)) */
	if (st->va_bits == 52 && st->vabits_actual != 52)
		st->memstart_addr -= st->linear_start - st->page_offset;
	if (st->memory_limit != ~0ULL) {
		ret = vml_memblock_mem_limit_remove_map(st->mb, st->memory_limit, st->diag);
		if (!ret && st->image_size)
			ret = vml_memblock_add(st->mb, st->pa_text, st->image_size, st->diag);
		if (ret)
			return ret;
	}
	ret = keep_initrd(st);
	if (ret)
		return ret;
	vml_arm64_kaslr_linear(st);
	if (st->image_size && !vml_memblock_is_region_memory(st->mb, st->pa_text, st->image_size))
		return vml_fail(
		    st->diag, VML_EINVAL,
		    "the kernel image [_text, _end) must lie in RAM the linear map keeps",
		    st->pa_text, st->image_size, -1);
	return VML_OK;
}

/* CMA_MIN_ALIGNMENT_BYTES: one pageblock, pageblock_order =
 * HUGETLB_PAGE_ORDER = PMD_SHIFT - PAGE_SHIFT (2M, 32M, 512M). */
static uint64_t cma_min_alignment(const struct arm64_state *st)
{
	return 1ULL << (2 * st->page_shift - 3);
}

/* __reserved_mem_init_node() and its outcome (vml_of_reserved_mem_settle());
 * arm64's own part: the default CMA area remembered. */
static int init_node(struct arm64_state *st, const struct vml_board_reserved *r, uint64_t base)
{
	struct vml_rmem_env env = {true, false, st->cfg->cma, cma_min_alignment(st),
				   vml_cma_cmdline_given(st->cfg, true)};
	enum vml_rmem_init got = vml_of_reserved_mem_init_node(st->lo, r, base, &env);

	if (got == VML_RMEM_CMA && r->cma_default && !st->cma_size) {
		st->cma_base = base;
		st->cma_size = r->size;
	}
	return vml_of_reserved_mem_settle(st->lo, st->mb, r, base, got, st->diag);
}

static int reserve_static(struct arm64_state *st, const struct vml_board_reserved *r,
			  bool *reserved)
{
	int ret = vml_of_reserve_static(st->mb, st->lo, r, true, reserved, st->diag);

	if (ret || !*reserved)
		return ret;
	return vml_layout_add_reservation(st->lo, r->name, r->base, r->size, false, st->diag);
}

static int alloc_dynamic(struct arm64_state *st, const struct vml_board_reserved *r)
{
	uint64_t align = r->align ? r->align : ARM64_SMP_CACHE_BYTES;
	vml_phys_t base = 0;
	int ret = VML_ENOMEM;

	if (vml_reserved_is_cma(r))
		align = vml_max(align, cma_min_alignment(st));
	for (unsigned int i = 0; ret && i < r->n_alloc_ranges; i++)
		ret = vml_memblock_phys_alloc_range(
		    st->mb, r->size, align, r->alloc_ranges[i].base,
		    r->alloc_ranges[i].base + r->alloc_ranges[i].size, &base, NULL);
	if (!r->n_alloc_ranges)
		ret = vml_memblock_phys_alloc_range(st->mb, r->size, align, 0,
						    VML_MEMBLOCK_ALLOC_ANYWHERE, &base, NULL);
	if (ret) {
		vml_of_reserved_mem_alloc_failed(st->lo, r);
		return VML_OK;
	}
	st->reserved_mem_dynamic_placed++;
	if (r->nomap) {
		ret = vml_memblock_mark_nomap(st->mb, base, r->size, st->diag);
		if (ret)
			return ret;
	}
	ret = vml_layout_add_reservation(st->lo, r->name, base, r->size, false, st->diag);
	return ret ? ret : init_node(st, r, base);
}

static int init_static(void *arg, const struct vml_board_reserved *r)
{
	return init_node(arg, r, r->base);
}

/* As arm's (src/arch/arm/arm_reserved_mem.c): the static regions, the
 * header's /memreserve/, then fdt_init_reserved_mem() over the regions
 * sorted by base, the dynamic ones (base 0 then) first, in DT order. */
static int reserved_memory(struct arm64_state *st)
{
	const struct vml_board *b = st->board;
	bool kept[VML_BOARD_MAX_RESERVED] = {false};
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < b->n_reserved; i++)
		if (!b->reserved[i].dynamic)
			ret = reserve_static(st, &b->reserved[i], &kept[i]);
	if (!ret)
		ret = vml_of_reserve_memreserve(st->mb, st->lo, b, st->diag);
	for (unsigned int i = 0; !ret && i < b->n_reserved; i++)
		if (b->reserved[i].dynamic)
			ret = alloc_dynamic(st, &b->reserved[i]);
	if (!ret)
		ret = vml_of_reserved_mem_static_order(b, kept, init_static, st);
	return ret;
}

/* The end of arm64_memblock_init(): the DT blob (setup_machine_fdt()), the
 * kernel image, then early_init_fdt_scan_reserved_mem(). */
int vml_arm64_reserve(struct arm64_state *st)
{
	const struct vml_board *b = st->board;
	int ret = VML_OK;

	if (b->has_dtb_phys && b->dtb_size) {
		ret = vml_memblock_reserve(st->mb, b->dtb_phys, b->dtb_size, st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "dtb", b->dtb_phys, b->dtb_size,
							 false, st->diag);
	}
	if (!ret && st->image_size) {
		uint64_t from = st->prof->image_from_stext ? st->stext_off : 0;

		ret = vml_memblock_reserve(st->mb, st->pa_text + from, st->image_size - from,
					   st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "kernel", st->pa_text + from,
							 st->image_size - from, false, st->diag);
	}
	return ret ? ret : reserved_memory(st);
}

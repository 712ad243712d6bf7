/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 boot page tables: the kernel image and the linear map
 *
 * The steps and their sources (boot_tables.h):
 *
 * v6.1, paging_init() (arch/arm64/mm/mmu.c): map_kernel() maps, through
 * __create_pgd_mapping() with tables from early_pgtable_alloc():
 *   [_stext, _etext)                      text_prot, blocks and cont
 *   [__start_rodata, __inittext_begin)    PAGE_KERNEL, NO_CONT_MAPPINGS
 *   [__inittext_begin, __inittext_end)    text_prot
 *   [__initdata_begin, __initdata_end)    PAGE_KERNEL
 *   [_data, _end)                         PAGE_KERNEL
 * ([_text, _stext) is not mapped), then map_mem().
 *
 * v6.12 (and the 6.18 profile): arch/arm64/kernel/pi/map_kernel.c
 * map_kernel() maps with map_range() (blocks wherever VA, end and PA are
 * aligned at a level above the last; the contiguous bit at the last level
 * only, on segments that allow it):
 *   [_text, _stext)                       PAGE_KERNEL, no cont
 *   [_stext, _etext)                      text_prot, cont (second pass)
 *   [__start_rodata, __inittext_begin)    PAGE_KERNEL, no cont
 *   [__inittext_begin, __inittext_end)    text_prot, no cont
 *   [__initdata_begin, __initdata_end)    PAGE_KERNEL, no cont
 *   [_data, _end)                         PAGE_KERNEL, cont
 * and paging_init() calls map_mem() alone.
 *
 * text_prot is PAGE_KERNEL_ROX, PAGE_KERNEL_EXEC with rodata=off. Tables of
 * the image mapping carry UXNTable only (PMD_TABLE_UXN); the linear map's
 * add PXNTable (NO_EXEC_MAPPINGS).
 *
 * map_mem() (v6.1, v6.12): flags NO_EXEC_MAPPINGS, plus NO_BLOCK_MAPPINGS |
 * NO_CONT_MAPPINGS when can_set_direct_map() (rodata_full, debug_pagealloc
 * or a late KFENCE). The image's linear alias [__pa(_stext) (v6.1) or
 * __pa(_text) (v6.12), __pa(__init_begin)) is marked NOMAP, every memory
 * range outside NOMAP is mapped PAGE_KERNEL at __phys_to_virt(), then the
 * alias alone with PAGE_KERNEL and NO_CONT_MAPPINGS (blocks allowed, even
 * under rodata=full).
 *
 * After paging_init (stage RUNNING): mark_rodata_ro() if rodata is enabled
 * (init/main.c mark_readonly): [__start_rodata, __init_begin) and, v6.12,
 * [_text, _stext) to PAGE_KERNEL_RO; mark_linear_text_alias_ro() from
 * smp_cpus_done() (always): the alias to PAGE_KERNEL_RO; free_initmem():
 * vunmap_range(__init_begin, __init_end) (the tables stay).
 */
#include "arch/arm64/boot_tables.h"
#include "vmlayout/kfence.h"

struct vml_pt_attrs vml_arm64_prot(enum vml_arm64_prot p)
{
	struct vml_pt_attrs a = {0};

	/* PROT_NORMAL: AF, inner shareable, PXN, UXN, PTE_WRITE (DBM),
	 * MT_NORMAL; every _PAGE_KERNEL* adds PTE_DIRTY, the software bit 55;
	 * _PAGE_KERNEL_RO drops PTE_WRITE and sets PTE_RDONLY; ROX also drops
	 * PXN; EXEC drops PXN only (asm/pgtable-prot.h v6.1, v6.12). Seen on
	 * the Debian 6.1 boots' live tables (docs/conformance.md). */
	a.perm = VML_PT_READ | VML_PT_ACCESSED | VML_PT_GLOBAL;
	a.memtype = p == VML_ARM64_PAGE_KERNEL_TAGGED ? VML_PT_MT_NORMAL_TAGGED : VML_PT_MT_NORMAL;
	a.share = VML_PT_SH_INNER;
	/* PROT_SECT_NORMAL and PROT_DEVICE_nGnRE are not _PAGE_KERNEL*: no
	 * PTE_DIRTY; the device one has PTE_WRITE (DBM), the section one from
	 * v6.12 (vml_arm64_kernel_prot()) */
	if (p == VML_ARM64_PROT_SECT_NORMAL) {
		a.perm |= VML_PT_WRITE;
		return a;
	}
	if (p == VML_ARM64_PROT_DEVICE_nGnRE) {
		a.perm |= VML_PT_WRITE | VML_PT_DIRTY;
		a.memtype = VML_PT_MT_DEVICE_nGnRE;
		return a;
	}
	a.arch_bits = VML_ARM64_PTE_DIRTY;
	if (p == VML_ARM64_PAGE_KERNEL || p == VML_ARM64_PAGE_KERNEL_EXEC ||
	    p == VML_ARM64_PAGE_KERNEL_TAGGED)
		a.perm |= VML_PT_WRITE | VML_PT_DIRTY;
	if (p == VML_ARM64_PAGE_KERNEL_ROX || p == VML_ARM64_PAGE_KERNEL_EXEC)
		a.perm |= VML_PT_EXEC;
	return a;
}

static bool is_v6_1(const struct vml_layout *lo)
{
	return lo->profile && vml_str_eq(lo->profile, "6.1");
}

static bool is_v6_18(const struct vml_layout *lo)
{
	return lo->profile && vml_str_eq(lo->profile, "6.18");
}

/* rodata_enabled and rodata_full. v6.1 and v6.12 (asm/setup.h
 * arch_parse_debug_rodata): full -> both, on -> enabled only, off ->
 * neither; the default is RODATA_FULL_DEFAULT_ENABLED=y. The 6.18 profile
 * follows the v6.18 notes (not re-read): on and full -> both, noalias ->
 * enabled only. */
static int rodata_mode(const struct vml_layout *lo, enum vml_boot_rodata r, bool *enabled,
		       bool *full, struct vml_diag *diag)
{
	*enabled = r != VML_BOOT_RODATA_OFF;
	*full = r == VML_BOOT_RODATA_DEFAULT || r == VML_BOOT_RODATA_FULL ||
		(r == VML_BOOT_RODATA_ON && is_v6_18(lo));
	if (r == VML_BOOT_RODATA_NOALIAS && !is_v6_18(lo))
		return vml_fail(
		    diag, VML_EINVAL,
		    "rodata=noalias is a v6.18 value (v6.1 and v6.12 take full, on, off)", 0, 0,
		    -1);
	return VML_OK;
}

/* Whether map_mem() maps the linear map with pages only (NO_BLOCK_MAPPINGS
 * | NO_CONT_MAPPINGS). v6.1, v6.12: can_set_direct_map() (mm/pageattr.c):
 * rodata_full, debug_pagealloc or a late KFENCE pool. v6.18:
 * force_pte_mapping() (mm/mmu.c): debug_pagealloc always; otherwise, on a
 * system whose CPUs have BBML2_NOABORT, never (split_kernel_leaf_mapping()
 * splits live blocks on demand); else as can_set_direct_map(). */
bool vml_arm64_linear_forces_pages(const struct vml_layout *lo, const struct vml_boot_opts *o)
{
	bool enabled, full;

	if (rodata_mode(lo, o->rodata, &enabled, &full, NULL))
		full = false;
	if (o->debug_pagealloc)
		return true;
	if (is_v6_18(lo) && (o->cpu_features & VML_PT_CPU_BBML2))
		return false;
	return full || o->kfence == VML_BOOT_KFENCE_LATE;
}

bool vml_arm64_can_set_direct_map(const struct vml_layout *lo, const struct vml_boot_opts *o)
{
	bool enabled, full;

	if (rodata_mode(lo, o->rodata, &enabled, &full, NULL))
		full = false;
	return full || o->debug_pagealloc || o->kfence == VML_BOOT_KFENCE_LATE;
}

bool vml_arm64_rodata_full(const struct vml_layout *lo, const struct vml_boot_opts *o)
{
	bool enabled, full;

	if (rodata_mode(lo, o->rodata, &enabled, &full, NULL))
		return false;
	return full;
}

bool vml_arm64_is_v6_18(const struct vml_layout *lo)
{
	return is_v6_18(lo);
}

static int bad_image(struct vml_diag *diag, const char *rule, uint64_t addr)
{
	return vml_fail(diag, VML_EINVAL, rule, addr, 0, -1);
}

static int default_image(const struct vml_layout *lo, struct vml_arm64_image *im,
			 struct vml_diag *diag)
{
	const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
	const uint64_t sa = VML_ARM64_SEGMENT_ALIGN;
	uint64_t size;

	if (!k || k->end <= k->start)
		return bad_image(diag,
				 "the kernel image size is unknown (give --system-map or "
				 "--kernel-image SIZE@PHYS)",
				 0);
	size = vml_align_down(k->end - k->start, sa);
	if (size < 8 * sa)
		return bad_image(diag, "the kernel image is too small for its segments (< 512K)",
				 k->start);
	im->defaults = true;
	im->text = k->start;
	im->end = k->start + size;
	im->stext = im->text + sa;
	im->etext = im->stext + vml_max(sa, vml_align_down(size / 100 * 40, sa));
	im->start_rodata = im->etext;
	im->init_begin = im->start_rodata + vml_max(sa, vml_align_down(size / 100 * 25, sa));
	im->init_end = im->init_begin + vml_max(2 * sa, vml_align_down(size / 100 * 10, sa));
	im->data = im->init_end;
	if (im->data >= im->end)
		return bad_image(diag, "the kernel image is too small for its segments", k->start);
	return VML_OK;
}

int vml_arm64_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_arm64_image *out,
			 struct vml_diag *diag)
{
	const struct vml_kernel_image *s = &cfg->image;
	struct vml_arm64_image im = {0};
	const uint64_t sa = VML_ARM64_SEGMENT_ALIGN;
	int ret = VML_OK;

	if (s->known && s->end > s->text) {
		im.text = s->text;
		im.stext = s->stext;
		im.etext = s->etext;
		im.start_rodata = s->start_rodata;
		im.init_begin = s->init_begin;
		im.init_end = s->init_end;
		im.data = s->sdata;
		im.end = s->end;
		if (s->entry_tramp_text_start &&
		    s->entry_tramp_text_end > s->entry_tramp_text_start) {
			im.tramp_start = s->entry_tramp_text_start;
			im.tramp_end = s->entry_tramp_text_end;
		}
		/* System.map holds link-time addresses (/proc/kallsyms run-time
		 * ones): move them to where the layout put _text (KASLR). */
		{
			const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
			uint64_t delta = (k ? k->start : s->text + lo->kaslr_offset) - s->text;
			uint64_t *f[] = {&im.text,	  &im.stext,	&im.etext, &im.start_rodata,
					 &im.init_begin,  &im.init_end, &im.data,  &im.end,
					 &im.tramp_start, &im.tramp_end};

			for (unsigned int i = 0; i < VML_ARRAY_SIZE(f); i++)
				if (*f[i])
					*f[i] += delta;
		}
	} else {
		ret = default_image(lo, &im, diag);
		if (ret)
			return ret;
	}
	if (o && o->inittext_end)
		im.inittext_end = o->inittext_end;
	else if (s->known && s->inittext_end > s->init_begin && s->inittext_end < s->init_end &&
		 !im.defaults)
		im.inittext_end = im.init_begin + (s->inittext_end - s->init_begin);
	else
		im.inittext_end =
		    vml_max(im.init_begin + sa,
			    im.init_begin + vml_align_down((im.init_end - im.init_begin) / 2, sa));
	im.pa_text = im.text - lo->kimage_voffset;
	{
		const uint64_t b[] = {im.text,	       im.stext,      im.etext,
				      im.start_rodata, im.init_begin, im.inittext_end,
				      im.init_end,     im.data,	      im.end};

		for (unsigned int i = 0; i < VML_ARRAY_SIZE(b); i++) {
			if (b[i] & 0xfff)
				return bad_image(
				    diag, "an image segment boundary is not page aligned", b[i]);
			if (i && b[i] < b[i - 1])
				return bad_image(diag,
						 "the image segment boundaries are out of order "
						 "(_text _stext _etext __start_rodata __init_begin "
						 "__inittext_end __init_end _data _end)",
						 b[i]);
		}
		if (im.inittext_end >= im.init_end)
			return bad_image(
			    diag, "__inittext_end must lie inside [__init_begin, __init_end)",
			    im.inittext_end);
	}
	*out = im;
	return VML_OK;
}

struct boot {
	struct vml_pt_ctx *ctx;
	const struct vml_layout *lo;
	const struct vml_arm64_image *img;
	struct vml_diag *diag;
	uint64_t page, pmd;
	void *image_cb; /* the image's table area (bm_* for the fixmap) */
};

static uint64_t pa_of(const struct boot *b, uint64_t va)
{
	return va - b->lo->kimage_voffset;
}

static uint64_t lm_va(const struct boot *b, uint64_t pa)
{
	return (pa - b->lo->phys_offset) | b->lo->page_offset;
}

/* PTE_MAYBE_NG: with the image randomized every kernel mapping is
 * non-global. v6.1: kaslr_requires_kpti() (arch/arm64/kernel/cpufeature.c:
 * RANDOMIZE_BASE, no E0PD, kaslr_offset() > 0, the image's PA misalignment
 * included); v6.12+: arm64_use_ng_mappings is set when kaslr_early_init()
 * returned a seed (arch/arm64/kernel/pi/map_kernel.c v6.12). vmlayout takes a CPU
 * without E0PD (ARMv8.5), as the Cortex-A57 of the Debian boots, whose live
 * tables have nG exactly when KASLR moved the image. */
bool vml_arm64_ng_mappings(const struct vml_layout *lo)
{
	if (lo->profile && vml_str_eq(lo->profile, "6.1"))
		return lo->kaslr_offset != 0;
	/* a seed moved the image by at least MIN_KIMG_ALIGN (an offset under
	 * 2 MiB is the PA's misalignment alone: no seed, or nokaslr; a seed
	 * whose displacement is 0 would still set nG: not told apart) */
	return lo->kaslr_offset >= VML_SZ_2M;
}

/* PROT_SECT_NORMAL (the vmemmap's blocks) has PTE_WRITE, DBM, in v6.12
 * and 7.2.13 (asm/pgtable-prot.h); v6.1's has not. The live vmemmap of the
 * Debian 13 boots (docs/conformance.md) carries it. */
static bool sect_normal_has_dbm(const struct vml_layout *lo)
{
	return !(lo->profile &&
		 (vml_str_eq(lo->profile, "6.1") || vml_str_eq(lo->profile, "3.18")));
}

struct vml_pt_attrs vml_arm64_kernel_prot(const struct vml_layout *lo, enum vml_arm64_prot p)
{
	struct vml_pt_attrs a = vml_arm64_prot(p);

	if (p == VML_ARM64_PROT_SECT_NORMAL && sect_normal_has_dbm(lo))
		a.perm |= VML_PT_DIRTY;
	if (vml_arm64_ng_mappings(lo))
		a.perm &= ~(uint32_t)VML_PT_GLOBAL;
	return a;
}

static struct vml_pt_attrs kernel_prot(const struct boot *b, enum vml_arm64_prot p)
{
	return vml_arm64_kernel_prot(b->lo, p);
}

static int map(struct boot *b, uint64_t va, uint64_t pa, uint64_t size, enum vml_arm64_prot p,
	       uint32_t flags)
{
	struct vml_pt_attrs a = kernel_prot(b, p);

	if (!size)
		return VML_OK;
	return vml_pt_map(b->ctx, vml_va(va), vml_pa(pa), size, &a, flags, b->diag);
}

/* v6.1 map_kernel_segment(): __create_pgd_mapping() with @flags. */
static int map_segment_v6_1(struct boot *b, uint64_t start, uint64_t end, enum vml_arm64_prot p,
			    uint32_t flags)
{
	return map(b, start, pa_of(b, start), end - start, p, flags | VML_PT_NO_USER_EXEC_MAPPINGS);
}

/* v6.12 pi map_segment() -> map_range(): blocks at every level above the
 * last where aligned, the contiguous bit only among last-level entries
 * (cmask is U64_MAX above level 3). The part that can take PMD blocks is
 * mapped without cont, so the engine puts no contiguous PMDs there. */
static int map_segment_pi(struct boot *b, uint64_t start, uint64_t end, enum vml_arm64_prot p,
			  bool may_use_cont)
{
	const uint32_t base = VML_PT_NO_USER_EXEC_MAPPINGS;
	uint64_t pa = pa_of(b, start), mid_lo, mid_hi;
	int ret;

	if (!may_use_cont)
		return map(b, start, pa, end - start, p, base | VML_PT_NO_CONT_MAPPINGS);
	mid_lo = vml_align_up(start, b->pmd);
	mid_hi = vml_align_down(end, b->pmd);
	if (((start ^ pa) & (b->pmd - 1)) || mid_hi <= mid_lo)
		return map(b, start, pa, end - start, p, base);
	ret = map(b, start, pa, mid_lo - start, p, base);
	if (!ret)
		ret = map(b, mid_lo, pa_of(b, mid_lo), mid_hi - mid_lo, p,
			  base | VML_PT_NO_CONT_MAPPINGS);
	if (!ret)
		ret = map(b, mid_hi, pa_of(b, mid_hi), end - mid_hi, p, base);
	return ret;
}

/* text_prot: v6.1's map_kernel() (mm/mmu.c) asks rodata_enabled; v6.9+'s
 * (kernel/pi/map_kernel.c) the early rodata=off override, so "rodata=off
 * rodata=on" leaves the text writable under a W+X check that then fails. */
static int map_kernel(struct boot *b, bool rodata_enabled, bool text_writable)
{
	const struct vml_arm64_image *im = b->img;
	const bool exec = is_v6_1(b->lo) ? !rodata_enabled : text_writable;
	enum vml_arm64_prot text = exec ? VML_ARM64_PAGE_KERNEL_EXEC : VML_ARM64_PAGE_KERNEL_ROX;
	const enum vml_arm64_prot rw = VML_ARM64_PAGE_KERNEL;
	int ret;

	if (is_v6_1(b->lo)) {
		ret = map_segment_v6_1(b, im->stext, im->etext, text, 0);
		if (!ret)
			ret = map_segment_v6_1(b, im->start_rodata, im->init_begin, rw,
					       VML_PT_NO_CONT_MAPPINGS);
		if (!ret)
			ret = map_segment_v6_1(b, im->init_begin, im->inittext_end, text, 0);
		if (!ret)
			ret = map_segment_v6_1(b, im->inittext_end, im->init_end, rw, 0);
		if (!ret)
			ret = map_segment_v6_1(b, im->data, im->end, rw, 0);
		return ret;
	}
	ret = map_segment_pi(b, im->text, im->stext, rw, false);
	if (!ret)
		ret = map_segment_pi(b, im->stext, im->etext, text, true);
	if (!ret)
		ret = map_segment_pi(b, im->start_rodata, im->init_begin, rw, false);
	if (!ret)
		ret = map_segment_pi(b, im->init_begin, im->inittext_end, text, false);
	if (!ret)
		ret = map_segment_pi(b, im->inittext_end, im->init_end, rw, false);
	if (!ret)
		ret = map_segment_pi(b, im->data, im->end, rw, true);
	return ret;
}

/* Map [s, e) but the parts inside the @n ranges of @cut (sorted, disjoint):
 * what memblock_mark_nomap() of those ranges leaves to the loop. */
static int map_outside(struct boot *b, uint64_t s, uint64_t e, const uint64_t (*cut)[2],
		       unsigned int n, uint32_t flags)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < n && s < e; i++) {
		uint64_t lo = vml_max(s, cut[i][0]), hi = vml_min(e, cut[i][1]);

		if (lo >= hi)
			continue;
		if (s < lo)
			ret = map(b, lm_va(b, s), s, lo - s, VML_ARM64_PAGE_KERNEL_TAGGED, flags);
		s = hi;
	}
	if (!ret && s < e)
		ret = map(b, lm_va(b, s), s, e - s, VML_ARM64_PAGE_KERNEL_TAGGED, flags);
	return ret;
}

/* map_mem(): the early KFENCE pool taken and left out, every memory range
 * outside NOMAP, the alias and the pool; then the alias, then the pool. */
void vml_arm64_map_mem_bounds(bool outward, uint64_t page, uint64_t start, uint64_t end,
			      uint64_t *s, uint64_t *e)
{
	*s = outward ? vml_align_down(start, page) : vml_align_up(start, page);
	*e = outward ? vml_align_up(end, page) : vml_align_down(end, page);
}

/* The layout's early KFENCE pool (layout_zones.c kfence_pool()), 0: none;
 * its size (CONFIG_KFENCE_NUM_OBJECTS's) in @size. */
static uint64_t layout_kfence_pool(const struct vml_layout *lo, uint64_t *size)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, "kfence pool")) {
			*size = lo->reservations[i].size;
			return lo->reservations[i].base;
		}
	return 0;
}

/* Insert [lo, hi) into the @n sorted cuts; returns the new count. */
static unsigned int add_cut(uint64_t (*cut)[2], unsigned int n, uint64_t lo, uint64_t hi)
{
	unsigned int i = n;

	for (; i > 0 && cut[i - 1][0] > lo; i--) {
		cut[i][0] = cut[i - 1][0];
		cut[i][1] = cut[i - 1][1];
	}
	cut[i][0] = lo;
	cut[i][1] = hi;
	return n + 1;
}

static int map_mem(struct boot *b, struct vml_memblock *mb, uint32_t flags,
		   enum vml_boot_kfence kfence, uint64_t *pool_out, uint64_t *pool_size_out)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const struct vml_arm64_image *im = b->img;
	uint64_t cut[3][2] = {
	    {pa_of(b, is_v6_1(b->lo) ? im->stext : im->text), pa_of(b, im->init_begin)},
	    {0, 0},
	    {0, 0}};
	uint64_t pool_size = VML_BOOT_KFENCE_POOL_SIZE(b->page);
	const bool crash =
	    b->lo->crash_linear_map == VML_CRASH_MAP_REGION_PAGES && b->lo->crashk_size;
	vml_phys_t start, end, pool = 0;
	unsigned int n = 1;
	int ret = VML_OK;

	/* arm64_kfence_alloc_pool(): memblock_phys_alloc(KFENCE_POOL_SIZE,
	 * PAGE_SIZE), the layout's "kfence pool" when its .config has one (taken
	 * there, before the linear map's tables); on failure the kernel goes on
	 * without it */
	if (kfence == VML_BOOT_KFENCE_EARLY)
		pool = layout_kfence_pool(b->lo, &pool_size);
	if (kfence == VML_BOOT_KFENCE_EARLY &&
	    (pool || !vml_memblock_phys_alloc_range(mb, pool_size, b->page, 0,
						    VML_MEMBLOCK_ALLOC_ACCESSIBLE, &pool, NULL)))
		n = add_cut(cut, n, pool, pool + pool_size);
	*pool_out = pool;
	*pool_size_out = pool_size;
	/* v6.1 crash_mem_map, reserved early: memblock_mark_nomap() of
	 * [crashk_res.start, end] for the loop */
	if (crash)
		n = add_cut(cut, n, b->lo->crashk_base, b->lo->crashk_base + b->lo->crashk_size);
	while (!ret && vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s, e;

		vml_arm64_map_mem_bounds(is_v6_1(b->lo), b->page, start, end, &s, &e);

		if (s < e)
			ret = map_outside(b, s, e, (const uint64_t(*)[2])cut, n, flags);
	}
	{
		uint64_t k_lo = pa_of(b, is_v6_1(b->lo) ? im->stext : im->text);
		uint64_t k_hi = pa_of(b, im->init_begin);

		if (!ret && k_hi > k_lo)
			ret = map(b, lm_va(b, k_lo), k_lo, k_hi - k_lo, VML_ARM64_PAGE_KERNEL,
				  VML_PT_NO_CONT_MAPPINGS | VML_PT_NO_USER_EXEC_MAPPINGS);
	}
	/* v6.1: the crash kernel alone, PAGE_KERNEL, pages only (so that
	 * /sys/kernel/kexec_crash_size can shrink it) */
	if (!ret && crash)
		ret = map(b, lm_va(b, b->lo->crashk_base), b->lo->crashk_base, b->lo->crashk_size,
			  VML_ARM64_PAGE_KERNEL,
			  VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS |
			      VML_PT_NO_USER_EXEC_MAPPINGS);
	/* arm64_kfence_map_pool(): pages only */
	if (!ret && pool)
		ret = map(b, lm_va(b, pool), pool, pool_size, VML_ARM64_PAGE_KERNEL_TAGGED,
			  VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS |
			      VML_PT_NO_USER_EXEC_MAPPINGS);
	return ret;
}

static int protect(struct boot *b, uint64_t va, uint64_t size, enum vml_arm64_prot p)
{
	struct vml_pt_attrs a = kernel_prot(b, p);

	if (!size)
		return VML_OK;
	return vml_pt_protect(b->ctx, vml_va(va), size, &a, VML_PT_NO_CONT_MAPPINGS, b->diag);
}

/* kfence_init() (start_kernel()), mark_rodata_ro(),
 * mark_linear_text_alias_ro(), free_initmem(), and map_entry_trampoline()
 * (a core_initcall). */
static int after_paging_init(struct boot *b, bool rodata_enabled, uint64_t kfence_pool,
			     uint64_t kfence_pool_size)
{
	const struct vml_arm64_image *im = b->img;
	uint64_t k_lo = is_v6_1(b->lo) ? im->stext : im->text;
	int ret = VML_OK;

	if (kfence_pool && vml_kfence_started(b->lo))
		ret = vml_kfence_protect_guards(b->ctx, lm_va(b, kfence_pool), kfence_pool_size,
						b->page, b->diag);
	if (ret)
		return ret;

	if (rodata_enabled) {
		ret = protect(b, im->start_rodata, im->init_begin - im->start_rodata,
			      VML_ARM64_PAGE_KERNEL_RO);
		if (!ret && !is_v6_1(b->lo))
			ret = protect(b, im->text, im->stext - im->text, VML_ARM64_PAGE_KERNEL_RO);
	}
	if (!ret)
		ret = protect(b, lm_va(b, pa_of(b, k_lo)), im->init_begin - k_lo,
			      VML_ARM64_PAGE_KERNEL_RO);
	if (!ret)
		ret = vml_arm64_boot_kpti_tramp(b->ctx, b->image_cb ? b->image_cb : b->ctx->cb,
						b->lo, im, rodata_enabled, b->diag);
	if (!ret && im->init_end > im->init_begin)
		ret = vml_pt_unmap(b->ctx, vml_va(im->init_begin), im->init_end - im->init_begin, 0,
				   b->diag);
	return ret;
}

/* The layout modelled the image's (v6.1) and the linear map's tables as
 * one reserved block each; built here instead, in the same places (the
 * idmap's stay: vmlayout does not build the idmap). */
static int give_back_stand_ins(const struct vml_layout *lo, struct vml_memblock *mb,
			       struct vml_diag *diag)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];

		if ((vml_str_eq(r->name, "page tables (linear map)") ||
		     vml_str_eq(r->name, "page tables (kernel image)")) &&
		    vml_memblock_is_region_reserved(mb, r->base, r->size))
			ret = vml_memblock_free(mb, r->base, r->size, diag);
	}
	return ret;
}

int vml_arm64_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_arm64_image *img, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, void *image_cb, uint64_t *kfence_pool,
			  struct vml_diag *diag)
{
	struct boot b = {ctx, lo, img, diag, 0, 0, image_cb};
	const struct vml_pt_format *f = ctx->fmt;
	uint32_t flags = VML_PT_NO_EXEC_MAPPINGS | VML_PT_NO_USER_EXEC_MAPPINGS;
	uint64_t pool = 0, pool_size = 0;
	bool enabled, full;
	int ret;

	if (kfence_pool)
		*kfence_pool = 0;
	if (lo->arch != VML_ARCH_ARM64 || !f || f->levels < 2)
		return vml_fail(diag, VML_EINVAL, "not an arm64 layout and format", 0, 0, -1);
	ret = rodata_mode(lo, o->rodata, &enabled, &full, diag);
	if (ret)
		return ret;
	b.page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
	b.pmd = 1ULL << vml_pt_level(f, vml_pt_last_level(f) - 1)->shift;
	if ((o->cpu_features & VML_PT_CPU_BBML2) && !is_v6_18(lo))
		return vml_fail(
		    diag, VML_EINVAL,
		    "--cpu-feature bbml2: v6.1 and v6.12 do not use BBML2_NOABORT "
		    "(map_mem() asks can_set_direct_map() alone; the 6.18 profile does)",
		    0, 0, -1);
	if (o->cpu_features & ~(uint32_t)VML_PT_CPU_BBML2)
		return vml_fail(diag, VML_EINVAL, "an unknown CPU feature", o->cpu_features, 0, -1);
	ctx->cpu_features = o->cpu_features;
	/* v6.1 map_mem(): crash_mem_map with the reservation deferred to
	 * bootmem_init() (ZONE_DMA or ZONE_DMA32) */
	if (vml_arm64_linear_forces_pages(lo, o) || lo->crash_linear_map == VML_CRASH_MAP_ALL_PAGES)
		flags |= VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS;
	ret = give_back_stand_ins(lo, mb, diag);
	if (ret)
		return ret;
	{
		void *main_cb = ctx->cb;

		if (image_cb && !is_v6_1(lo))
			ctx->cb = image_cb;
		ret = map_kernel(&b, enabled, o->text_writable);
		ctx->cb = main_cb;
	}
	/* v6.1: early_fixmap_init() built the fixmap in init_pg_dir, whose
	 * entry map_kernel() copies into swapper_pg_dir; v6.12: in swapper_pg_dir
	 * itself. Either way its tables are the image's bm_* (image_cb). */
	if (!ret)
		ret = vml_arm64_boot_fixmap(ctx, image_cb ? image_cb : ctx->cb, lo, img, diag);
	if (!ret)
		ret = map_mem(&b, mb, flags, o->kfence, &pool, &pool_size);
	if (kfence_pool)
		*kfence_pool = pool;
	/* bootmem_init() -> sparse_init(), after paging_init() */
	if (!ret)
		ret = vml_arm64_boot_vmemmap(ctx, lo, mb, diag);
	if (!ret && o->stage == VML_BOOT_RUNNING)
		ret = after_paging_init(&b, enabled, pool, pool_size);
	return ret;
}

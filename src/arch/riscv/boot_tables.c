/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 boot page tables: the linear map and the kernel image
 *
 * The steps and their sources are in boot_tables.h. Two kernel habits shape
 * the code:
 *
 * - create_pgd_mapping() is called once per best_map_size() step, so every
 *   step of a size above 4K becomes one engine map of exactly that size
 *   (one leaf at that level: the engine never picks a larger one), and a
 *   run of 4K steps, which never reaches an aligned larger step, one map
 *   with VML_PT_NO_BLOCK_MAPPINGS. The kernel never sets the Svnapot bit
 *   here: VML_PT_NO_CONT_MAPPINGS always.
 * - set_memory_*() (arch/riscv/mm/pageattr.c) sets and clears prot bits in
 *   every leaf it walks, whole (pageattr_pmd_entry and friends); v6.x first
 *   splits the linear leaves that the range cuts (split_linear_mapping():
 *   a PUD into 512 PMDs, the PMD into 512 PTEs), even when no bit changes.
 */
#include "arch/riscv/boot_tables.h"
#include "vmlayout/kfence.h"

struct vml_pt_attrs vml_riscv_prot(enum vml_riscv_prot p)
{
	struct vml_pt_attrs a = {0};

	a.perm = VML_PT_READ | VML_PT_ACCESSED | VML_PT_GLOBAL | VML_PT_DIRTY;
	a.memtype = VML_PT_MT_NORMAL;
	a.share = VML_PT_SH_INNER;
	if (p == VML_RISCV_PAGE_KERNEL || p == VML_RISCV_PAGE_KERNEL_EXEC)
		a.perm |= VML_PT_WRITE;
	if (p == VML_RISCV_PAGE_KERNEL_EXEC || p == VML_RISCV_PAGE_KERNEL_READ_EXEC)
		a.perm |= VML_PT_EXEC;
	return a;
}

unsigned int vml_riscv_satp_bits(const struct vml_layout *lo)
{
	static const unsigned int bits[3] = {39, 48, 57};

	for (unsigned int i = 0; i < 3; i++)
		if (lo->page_offset >= 0 - (1ULL << (bits[i] - 1)))
			return bits[i];
	return 0;
}

static int bad_image(struct vml_diag *diag, const char *rule, uint64_t addr)
{
	return vml_fail(diag, VML_EINVAL, rule, addr, 0, -1);
}

static bool is_v5_10(const struct vml_layout *lo)
{
	return lo->profile && vml_str_eq(lo->profile, "5.10");
}

/* Percentages of the image, rounded down to @a, at least @a. */
static uint64_t part(uint64_t size, unsigned int pct, uint64_t a)
{
	return vml_max(a, vml_align_down(size / 100 * pct, a));
}

/* Defaults over [_start, _end) of the "kernel" region (docs/riscv64.md). */
static int default_image(const struct vml_layout *lo, struct vml_riscv_image *im,
			 struct vml_diag *diag)
{
	const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
	const uint64_t m2 = VML_SZ_2M, k64 = 0x10000;
	uint64_t size;

	if (!k || k->end <= k->start)
		return bad_image(diag,
				 "the kernel image size is unknown (give --system-map or "
				 "--kernel-image SIZE@PHYS)",
				 0);
	size = k->end - k->start;
	im->defaults = true;
	im->start = k->start;
	im->end = k->end;
	if (im->v5_10) {
		/* head 4K, init (10 %), text (40 %), rodata (25 %), data */
		im->init_begin = im->start + VML_SZ_4K;
		im->text = im->start + part(size, 10, m2);
		im->init_end = im->text;
		im->etext = im->text + part(size, 40, k64);
		im->start_rodata = vml_align_up(im->etext, m2);
		im->data = im->start_rodata + part(size, 25, m2);
	} else {
		/* head 4K, text (40 %), init text 2M, init data (5 %), rodata
		 * (25 %), data */
		im->text = im->start + VML_SZ_4K;
		im->init_begin = im->start + part(size, 40, m2);
		im->etext = im->init_begin - k64;
		im->init_data_begin = im->init_begin + m2;
		im->init_end = im->init_data_begin + part(size, 5, k64);
		im->start_rodata = vml_align_up(im->init_end, m2);
		im->data = im->start_rodata + part(size, 25, m2);
	}
	if (im->data >= im->end)
		return bad_image(
		    diag, "the kernel image is too small for its 2 MiB-aligned segments", k->start);
	return VML_OK;
}

static int check_image(const struct vml_riscv_image *im, struct vml_diag *diag)
{
	const uint64_t m2 = VML_SZ_2M;
	const uint64_t v6[] = {
	    im->start,	  im->text,	    im->etext, im->init_begin, im->init_data_begin,
	    im->init_end, im->start_rodata, im->data,  im->end};
	const uint64_t v5[] = {im->start, im->init_begin,   im->init_end, im->text,
			       im->etext, im->start_rodata, im->data,	  im->end};
	const uint64_t *b = im->v5_10 ? v5 : v6;
	unsigned int n = im->v5_10 ? VML_ARRAY_SIZE(v5) : VML_ARRAY_SIZE(v6);

	for (unsigned int i = 1; i < n; i++)
		if (b[i] < b[i - 1])
			return bad_image(diag,
					 im->v5_10
					     ? "the image boundaries are out of order (5.10: "
					       "_start __init_begin __init_end _text _etext "
					       "__start_rodata _data _end)"
					     : "the image boundaries are out of order (_start "
					       "_text _etext __init_begin __init_data_begin "
					       "__init_end __start_rodata _data _end)",
					 b[i]);
	if ((im->start | im->start_rodata | im->data) & (m2 - 1))
		return bad_image(diag,
				 "_start, __start_rodata and _data must be 2 MiB aligned "
				 "(STRICT_KERNEL_RWX SECTION_ALIGN)",
				 im->start);
	if (im->v5_10 ? (im->text & (m2 - 1)) != 0
		      : ((im->init_begin | im->init_data_begin) & (m2 - 1)) != 0)
		return bad_image(diag,
				 im->v5_10 ? "_text must be 2 MiB aligned (5.10 SECTION_ALIGN)"
					   : "__init_begin and __init_data_begin must be 2 MiB "
					     "aligned (SECTION_ALIGN)",
				 im->v5_10 ? im->text : im->init_begin);
	if (im->end <= im->data || im->end > 0 - VML_SZ_2M)
		return bad_image(diag, "_end must lie after _data and below the last 2 MiB",
				 im->end);
	return VML_OK;
}

int vml_riscv_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_riscv_image *out,
			 struct vml_diag *diag)
{
	const struct vml_kernel_image *s = &cfg->image;
	struct vml_riscv_image im = {0};
	int ret;

	if (lo->arch != VML_ARCH_RISCV64)
		return bad_image(diag, "not a riscv64 layout", 0);
	im.v5_10 = is_v5_10(lo);
	if (s->known && s->end > s->text) {
		const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
		/* link-time _start: 6.x _text is _start + the head text; 5.10
		 * __init_begin is _start + the head text */
		uint64_t link_start = vml_align_down(im.v5_10 ? s->init_begin : s->text, VML_SZ_2M);
		uint64_t delta = (k ? k->start : link_start) - link_start;

		im.start = link_start + delta;
		im.text = s->text + delta;
		im.etext = s->etext + delta;
		im.init_begin = s->init_begin + delta;
		im.init_end = s->init_end + delta;
		im.start_rodata = s->start_rodata + delta;
		/* _data: ALIGN(SECTION_ALIGN) after RO_DATA and .srodata: the
		 * System.map's when it has it (KALLSYMS_ALL kallsyms, a real
		 * System.map), else __end_rodata rounded up, which is 2 MiB short
		 * when .srodata starts on the boundary (Debian 13's 6.12.117) */
		im.data =
		    s->data
			? s->data + delta
			: vml_align_up((s->end_rodata ? s->end_rodata : s->start_rodata) + delta,
				       VML_SZ_2M);
		im.end = s->end + delta;
		if (!im.v5_10)
			im.init_data_begin = s->init_data_begin ? s->init_data_begin + delta
								: im.init_begin + VML_SZ_2M;
	} else {
		ret = default_image(lo, &im, diag);
		if (ret)
			return ret;
	}
	if (!im.v5_10 && o && o->init_data_begin)
		im.init_data_begin = o->init_data_begin;
	ret = check_image(&im, diag);
	if (ret)
		return ret;
	im.pa_start = im.start - lo->kimage_voffset;
	*out = im;
	return VML_OK;
}

struct boot {
	struct vml_pt_ctx *ctx;
	const struct vml_layout *lo;
	const struct vml_riscv_image *img;
	struct vml_diag *diag;
	unsigned int va_bits;
	bool debug_pagealloc;
};

static uint64_t lm(const struct boot *b, uint64_t pa)
{
	return pa - b->lo->phys_offset + b->lo->page_offset;
}

static uint64_t kpa(const struct boot *b, uint64_t va)
{
	return va - b->lo->kimage_voffset;
}

/* v6.12 best_map_size(): P4D only with Sv57 (pgtable_l5_enabled), PUD only
 * with Sv48/Sv57 (pgtable_l4_enabled): Sv39 never maps 1 GiB leaves. */
static uint64_t best_map_size(const struct boot *b, uint64_t pa, uint64_t va, uint64_t size)
{
	const uint64_t p4d = 1ULL << 39;

	if (b->debug_pagealloc)
		return VML_SZ_4K;
	if (b->va_bits >= 57 && !((pa | va) & (p4d - 1)) && size >= p4d)
		return p4d;
	if (b->va_bits >= 48 && !((pa | va) & (VML_SZ_1G - 1)) && size >= VML_SZ_1G)
		return VML_SZ_1G;
	if (!((pa | va) & (VML_SZ_2M - 1)) && size >= VML_SZ_2M)
		return VML_SZ_2M;
	return VML_SZ_4K;
}

static int map(struct boot *b, uint64_t va, uint64_t pa, uint64_t size,
	       const struct vml_pt_attrs *a, bool pages)
{
	uint32_t flags = VML_PT_NO_CONT_MAPPINGS | (pages ? VML_PT_NO_BLOCK_MAPPINGS : 0);

	if (!size)
		return VML_OK;
	return vml_pt_map(b->ctx, vml_va(va), vml_pa(pa), size, a, flags, b->diag);
}

/* create_linear_mapping_range(start, end, fixed_map_size, prot) (v6.12);
 * v5.10 setup_vm_final(): one @fixed size for the whole range. */
static int linear_range(struct boot *b, uint64_t start, uint64_t end, uint64_t fixed,
			enum vml_riscv_prot p)
{
	const struct vml_pt_attrs a = vml_riscv_prot(p);
	uint64_t pa = start;
	int ret = VML_OK;

	while (!ret && pa < end) {
		uint64_t va = lm(b, pa);
		uint64_t sz = fixed ? fixed : best_map_size(b, pa, va, end - pa);

		if (sz == VML_SZ_4K) {
			/* 4K steps until the next 2 MiB boundary (a larger step
			 * can start there at the earliest), or to the end */
			uint64_t stop =
			    fixed == VML_SZ_4K || b->debug_pagealloc
				? end
				: vml_min(end, vml_align_down(pa, VML_SZ_2M) + VML_SZ_2M);

			ret = map(b, va, pa, stop - pa, &a, true);
			pa = stop;
			continue;
		}
		ret = map(b, va, pa, sz, &a, false);
		pa += sz;
	}
	return ret;
}

/* Map [s, e) but the parts inside the @n sorted, disjoint ranges of @cut
 * (what memblock_mark_nomap() of them leaves to for_each_mem_range). */
static int linear_outside(struct boot *b, uint64_t s, uint64_t e, const uint64_t (*cut)[2],
			  unsigned int n, uint64_t fixed, enum vml_riscv_prot p)
{
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < n && s < e; i++) {
		uint64_t lo = vml_max(s, cut[i][0]), hi = vml_min(e, cut[i][1]);

		if (lo >= hi)
			continue;
		if (s < lo)
			ret = linear_range(b, s, lo, fixed, p);
		s = hi;
	}
	if (!ret && s < e)
		ret = linear_range(b, s, e, fixed, p);
	return ret;
}

static void sort_cuts(uint64_t (*cut)[2], unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		for (unsigned int j = i; j > 0 && cut[j][0] < cut[j - 1][0]; j--) {
			uint64_t t0 = cut[j][0], t1 = cut[j][1];

			cut[j][0] = cut[j - 1][0];
			cut[j][1] = cut[j - 1][1];
			cut[j - 1][0] = t0;
			cut[j - 1][1] = t1;
		}
}

/* The pool `layout` reserved (CONFIG_KFENCE in its .config), or 0; its
 * size (CONFIG_KFENCE_NUM_OBJECTS's) in @size. */
static uint64_t layout_kfence_pool(const struct vml_layout *lo, uint64_t *size)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, "kfence pool")) {
			*size = lo->reservations[i].size;
			return lo->reservations[i].base;
		}
	return 0;
}

/* v6.12 create_linear_mapping_page_table(). */
static int linear_map_v6(struct boot *b, struct vml_memblock *mb, bool kfence, uint64_t *pool_out)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const struct vml_riscv_image *im = b->img;
	const uint64_t text_lo = kpa(b, im->start), text_hi = kpa(b, im->init_data_begin);
	const uint64_t ro_lo = kpa(b, im->start_rodata), ro_hi = kpa(b, im->data);
	uint64_t cut[3][2] = {{text_lo, text_hi}, {ro_lo, ro_hi}, {0, 0}};
	const uint64_t pa_page_offset = b->lo->phys_offset; /* __pa(PAGE_OFFSET) */
	vml_phys_t start, end, pool = 0;
	uint64_t pool_size = VML_RISCV_KFENCE_POOL_SIZE;
	unsigned int n = 2;
	int ret = VML_OK;

	/* memblock_phys_alloc(KFENCE_POOL_SIZE, PAGE_SIZE), BUG_ON failure; a
	 * layout from a .config with CONFIG_KFENCE has already taken it */
	pool = layout_kfence_pool(b->lo, &pool_size);
	if (pool)
		kfence = true;
	else if (kfence) {
		ret = vml_memblock_phys_alloc_range(mb, pool_size, VML_SZ_4K, 0,
						    VML_MEMBLOCK_ALLOC_ACCESSIBLE, &pool, b->diag);
		if (ret)
			return ret;
	}
	if (kfence) {
		cut[2][0] = pool;
		cut[2][1] = pool + pool_size;
		n = 3;
		sort_cuts(cut, n);
	}
	if (pool_out)
		*pool_out = pool;
	while (!ret && vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		if (start <= pa_page_offset && pa_page_offset < end)
			start = pa_page_offset;
		ret = linear_outside(b, start, end, (const uint64_t(*)[2])cut, n, 0,
				     VML_RISCV_PAGE_KERNEL);
	}
	/* pgprot_from_va(): the text alias PAGE_KERNEL_READ, rodata PAGE_KERNEL */
	if (!ret)
		ret = linear_range(b, text_lo, text_hi, 0, VML_RISCV_PAGE_KERNEL_READ);
	if (!ret)
		ret = linear_range(b, ro_lo, ro_hi, 0, VML_RISCV_PAGE_KERNEL);
	if (!ret && pool)
		ret = linear_range(b, pool, pool + pool_size, VML_SZ_4K, VML_RISCV_PAGE_KERNEL);
	return ret;
}

/* v6.12 create_kernel_page_table(swapper_pg_dir, false): PMD_SIZE steps
 * from kernel_map.virt_addr while below virt_addr + size. */
static int kernel_map_v6(struct boot *b)
{
	const struct vml_riscv_image *im = b->img;
	const struct vml_pt_attrs rx = vml_riscv_prot(VML_RISCV_PAGE_KERNEL_READ_EXEC);
	const struct vml_pt_attrs rw = vml_riscv_prot(VML_RISCV_PAGE_KERNEL);
	int ret = VML_OK;

	for (uint64_t va = im->start; !ret && va < im->end; va += VML_SZ_2M)
		ret =
		    map(b, va, kpa(b, va), VML_SZ_2M, va < im->init_data_begin ? &rx : &rw, false);
	return ret;
}

/* v5.10 setup_vm_final(): each memory range from __pa(PAGE_OFFSET) on (the
 * range holding it is clipped), one best_map_size(base, size) for all of
 * it, PAGE_KERNEL_EXEC. */
static int linear_map_v5(struct boot *b, struct vml_memblock *mb)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t pa_page_offset = b->lo->phys_offset;
	vml_phys_t start, end;
	int ret = VML_OK;

	while (!ret && vml_memblock_next_mem_range(mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t size;

		if (start <= pa_page_offset && pa_page_offset < end)
			start = pa_page_offset;
		size = ((start | (end - start)) & (VML_SZ_2M - 1)) ? VML_SZ_4K : VML_SZ_2M;
		ret = linear_range(b, start, end, size, VML_RISCV_PAGE_KERNEL_EXEC);
	}
	return ret;
}

/* Whole-leaf set/clear of prot bits over every leaf [start, end) touches
 * (pageattr_ops of arch/riscv/mm/pageattr.c); holes are skipped. A run of
 * leaves with the same level and attributes changes in one engine call
 * (it covers whole leaves, so nothing is split). */
struct run {
	uint64_t s, size;
	int level;
	struct vml_pt_attrs a;
};

static int flush_run(struct boot *b, struct run *r, uint32_t set, uint32_t clear)
{
	struct vml_pt_attrs a = r->a;
	uint64_t size = r->size;

	r->size = 0;
	if (!size || ((a.perm | set) & ~clear) == a.perm)
		return VML_OK;
	a.perm = (a.perm | set) & ~clear;
	return vml_pt_protect(b->ctx, vml_va(r->s), size, &a, VML_PT_NO_CONT_MAPPINGS, b->diag);
}

static int pageattr(struct boot *b, uint64_t start, uint64_t end, uint32_t set, uint32_t clear)
{
	const struct vml_pt_format *f = b->ctx->fmt;
	struct run r = {0, 0, 0, {0}};
	uint64_t va = start;
	int err = VML_OK;

	while (!err && va < end) {
		struct vml_pt_walk w;
		struct vml_pt_attrs a;
		uint64_t s, size;

		err = vml_pt_walk(b->ctx, vml_va(va), &w, NULL);
		if (err == VML_ENOENT) {
			err = flush_run(b, &r, set, clear);
			size = 1ULL << vml_pt_level(f, w.level)->shift;
			va = vml_align_down(va, size) + size;
			if (!va)
				break;
			continue;
		}
		if (err)
			return vml_fail(b->diag, err, "set_memory: cannot walk", va, 0, -1);
		size = w.leaf_size;
		s = vml_align_down(va, size);
		a = w.attrs;
		a.perm &= ~(uint32_t)VML_PT_CONT;
		if (r.size &&
		    (r.s + r.size != s || r.level != w.level || !vml_pt_attrs_equal(&r.a, &a)))
			err = flush_run(b, &r, set, clear);
		if (!r.size) {
			r.s = s;
			r.level = w.level;
			r.a = a;
		}
		r.size += size;
		va = s + size;
		if (!va)
			break;
	}
	if (!err)
		err = flush_run(b, &r, set, clear);
	return err;
}

/* split_linear_mapping()'s effect at one boundary: the leaf holding @va is
 * replaced by leaves of the next level down, the one holding @va again,
 * until @va starts a leaf. */
static int split_at(struct boot *b, uint64_t va)
{
	const struct vml_pt_format *f = b->ctx->fmt;

	for (;;) {
		struct vml_pt_walk w;
		struct vml_pt_attrs a, other;
		uint64_t size, sub, s, at, pa_s;
		int ret;

		if (vml_pt_walk(b->ctx, vml_va(va), &w, NULL))
			return VML_OK; /* a hole: nothing to split */
		size = w.leaf_size;
		if (w.level == vml_pt_last_level(f) || !(va & (size - 1)))
			return VML_OK;
		sub = 1ULL << vml_pt_level(f, w.level + 1)->shift;
		s = vml_align_down(va, size);
		at = vml_align_down(va, sub);
		pa_s = vml_pa_addr(w.pa) - (va - s);
		a = w.attrs;
		a.perm &= ~(uint32_t)VML_PT_CONT;
		/* the engine leaves an unchanged mapping alone: change the
		 * piece holding @va (the block becomes leaves of the next
		 * level), then give it its attributes back */
		other = a;
		other.perm ^= VML_PT_DIRTY;
		ret = map(b, at, pa_s + (at - s), sub, &other, false);
		if (!ret)
			ret = vml_pt_protect(b->ctx, vml_va(at), sub, &a, VML_PT_NO_CONT_MAPPINGS,
					     b->diag);
		if (ret)
			return ret;
	}
}

/* v6.12 __set_memory() on a linear range: split, then the bits. */
static int set_linear(struct boot *b, uint64_t start, uint64_t end, uint32_t set, uint32_t clear)
{
	int ret = split_at(b, start);

	if (!ret)
		ret = split_at(b, end);
	if (!ret)
		ret = pageattr(b, start, end, set, clear);
	return ret;
}

/* v6.12 set_kernel_memory(start, end, fn) -> __set_memory(): the page
 * count is PAGE_ALIGN(end - start); a kernel-mapping range also changes its
 * linear alias first. */
static int set_kernel_memory(struct boot *b, uint64_t start, uint64_t end, uint32_t set,
			     uint32_t clear)
{
	const uint64_t end_pg = start + vml_align_up(end - start, VML_SZ_4K);
	const struct vml_riscv_image *im = b->img;
	int ret = VML_OK;

	if (start >= im->start && start < im->end) {
		ret = set_linear(b, lm(b, kpa(b, start)), lm(b, kpa(b, end_pg)), set, clear);
		if (!ret)
			ret = pageattr(b, start, end_pg, set, clear);
		return ret;
	}
	return set_linear(b, start, end_pg, set, clear);
}

static uint64_t lm_alias(const struct boot *b, uint64_t kva)
{
	return lm(b, kpa(b, kva));
}

/* start_kernel(): kfence_init() (the pool's guard pages, when KFENCE
 * starts); kernel_init(): free_initmem() (arch/riscv/kernel/setup.c
 * v6.12), then mark_readonly() -> mark_rodata_ro() (arch/riscv/mm/init.c
 * v6.12). */
static int after_boot_v6(struct boot *b, bool rodata_enabled)
{
	const struct vml_riscv_image *im = b->img;
	const uint32_t w = VML_PT_WRITE, x = VML_PT_EXEC, r = VML_PT_READ;
	uint64_t pool_size = 0, pool = layout_kfence_pool(b->lo, &pool_size);
	int ret = VML_OK;

	if (pool && vml_kfence_started(b->lo))
		ret = vml_kfence_protect_guards(b->ctx, lm(b, pool), pool_size, VML_SZ_4K, b->diag);
	if (!ret)
		ret = set_kernel_memory(b, lm_alias(b, im->init_begin), lm_alias(b, im->init_end),
					r | w, x);
	if (!ret)
		ret = set_kernel_memory(b, im->init_begin, im->init_end, 0, x);
	if (!ret && rodata_enabled) {
		ret = set_kernel_memory(b, im->start_rodata, im->data, r, w);
		if (!ret)
			ret = set_kernel_memory(b, lm_alias(b, im->start_rodata),
						lm_alias(b, im->data), r, w);
	}
	return ret;
}

/* v5.10 mark_rodata_ro() (arch/riscv/mm/init.c): set_memory_ro(text),
 * set_memory_ro and _nx(rodata), set_memory_nx([_data, __va(max_low))),
 * whole leaves, no split; free_initmem() is the generic one (no change). */
static int after_boot_v5(struct boot *b, struct vml_memblock *mb, bool rodata_enabled)
{
	const struct vml_riscv_image *im = b->img;
	const uint32_t w = VML_PT_WRITE, x = VML_PT_EXEC, r = VML_PT_READ;
	uint64_t max_low = lm(b, vml_memblock_end_of_DRAM(mb));
	uint64_t etext = vml_align_up(im->etext, VML_SZ_4K);
	int ret;

	if (!rodata_enabled)
		return VML_OK;
	ret = pageattr(b, im->text, etext, r, w);
	if (!ret)
		ret = pageattr(b, im->start_rodata, im->data, r, w);
	if (!ret)
		ret = pageattr(b, im->start_rodata, im->data, 0, x);
	if (!ret)
		ret = pageattr(b, im->data, max_low, 0, x);
	return ret;
}

int vml_riscv_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_riscv_image *img, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, uint64_t *kfence_pool, void *image_cb,
			  struct vml_diag *diag)
{
	struct boot b = {ctx, lo, img, diag, vml_riscv_satp_bits(lo), false};
	const struct vml_pt_format *f = ctx->fmt;
	int ret;

	if (kfence_pool)
		*kfence_pool = 0;
	if (lo->arch != VML_ARCH_RISCV64 || !f || !b.va_bits || f->levels != (b.va_bits - 12) / 9)
		return vml_fail(diag, VML_EINVAL,
				"not a riscv64 layout and a format of its satp mode", 0, 0, -1);
	if (img->v5_10) {
		ret = linear_map_v5(&b, mb);
		if (!ret && o->stage == VML_BOOT_RUNNING)
			ret = after_boot_v5(&b, mb, o->rodata != VML_BOOT_RODATA_OFF);
		return ret;
	}
	b.debug_pagealloc = o->debug_pagealloc;
	/* setup_vm_final(): the fixmap entry first, then the linear map, then
	 * the kernel; sparse_init() later, from misc_mem_init() */
	ret = vml_riscv_boot_fixmap(ctx, image_cb ? image_cb : ctx->cb, lo, diag);
	if (!ret)
		ret = linear_map_v6(&b, mb, o->kfence != VML_BOOT_KFENCE_NONE, kfence_pool);
	if (!ret)
		ret = kernel_map_v6(&b);
	if (!ret)
		ret = vml_riscv_boot_vmemmap(ctx, lo, mb, diag);
	if (!ret && o->stage == VML_BOOT_RUNNING)
		ret = after_boot_v6(&b, o->rodata != VML_BOOT_RODATA_OFF);
	return ret;
}

/* SPDX-License-Identifier: MIT */
/*
 * The 32-bit ARM boot tables (src/arch/arm/boot_tables*.c) through the
 * generic plan/build hooks, on random boards: the invariants the kernel's
 * paging_init() (arch/arm/mm/mmu.c v6.1), free_initmem() and
 * mark_rodata_ro() (arch/arm/mm/init.c) give, checked page by page:
 * - every lowmem page outside NOMAP is mapped at its linear address, and
 *   every NOMAP page is not;
 * - after boot with rodata on, no leaf is both writable and executable
 *   (the kernel's W+X check), the text is read-only and executable;
 * - LPAE: no 1 GiB block; classic: no supersection (no contiguous group);
 * - each CMA area in lowmem is mapped with pages;
 * - the vectors: 0xffff0000 user-readable, 0xffff1000 kernel only;
 * - with a System.map of random section-aligned segments, no leaf holds
 *   two segments (a boundary strictly inside a leaf);
 * - a started KFENCE pool: its PMDs split into pages, its guard pages
 *   invalid (kfence_init(), test_kfence_pool()).
 * The golden outputs are tests/cli/test_boot_tables_cli.sh's.
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/boot_tables.h"
#include "vmlayout/physmem.h"

#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_boot_plan plan;
static struct vml_physmem_tables tabs, img_tabs;
static struct vml_memblock_region img_mem_r[2], img_res_r[16];
static struct vml_memblock img_mb;
static struct vml_pt_ctx ctx;

static unsigned int rnd(unsigned int n)
{
	return (unsigned int)(rand() % (int)n);
}

static int build(const struct vml_board *b, const struct vml_kernel_config *cfg,
		 const struct vml_boot_opts *o)
{
	struct vml_diag d = {0};
	int ret;

	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, VML_SZ_4K);
	ret = vml_layout_compute(b, cfg, &mb, &lo, &d);
	if (ret)
		return 100;
	ret = vml_boot_tables_plan(&lo, cfg, o, &plan, &d);
	if (ret) {
		fprintf(stderr, "  plan: %s\n", d.rule ? d.rule : "?");
		return 200;
	}
	tabs = (struct vml_physmem_tables){
	    .mb = &mb, .pm = vml_physmem_new(), .limit = vml_pt_table_limit(&plan.fmt)};
	vml_memblock_init(&img_mb, img_mem_r, 2, img_res_r, 16, ~0ULL, VML_SZ_4K);
	if (vml_memblock_add(&img_mb, plan.image_tables_pa, plan.image_tables_size, NULL))
		return 300;
	vml_memblock_set_bottom_up(&img_mb, plan.image_tables_bottom_up);
	img_tabs = (struct vml_physmem_tables){.mb = &img_mb, .pm = tabs.pm, .limit = tabs.limit};
	ctx = (struct vml_pt_ctx){0};
	ctx.fmt = &plan.fmt;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &img_tabs;
	if (vml_pt_init(&ctx, &d))
		return 400;
	ctx.cb = &tabs;
	ret = vml_boot_tables_build(&ctx, &lo, &plan, &mb, o, &img_tabs, &d);
	if (ret)
		fprintf(stderr, "  build: %s at 0x%llx\n", d.rule ? d.rule : "?",
			(unsigned long long)d.addr);
	return ret ? 500 : 0;
}

static bool in_cma(uint64_t pa)
{
	for (unsigned int i = 0; i < lo.n_reservations; i++)
		if (lo.reservations[i].cma && pa >= lo.reservations[i].base &&
		    pa - lo.reservations[i].base < lo.reservations[i].size)
			return true;
	return false;
}

/* Every lowmem page: mapped at its linear VA (pages in CMA), or not at
 * all under NOMAP. Returns the failures. */
static unsigned int check_linear(void)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < mb.memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb.memory.regions[i];
		bool nomap = r->flags & VML_MEMBLOCK_NOMAP;

		for (uint64_t pa = r->base; pa < r->base + r->size && pa < lo.lowmem_limit;
		     pa += VML_SZ_4K) {
			uint64_t va = pa - lo.phys_offset + lo.page_offset;
			struct vml_pt_walk w;
			int ret = vml_pt_walk(&ctx, vml_va(va), &w, NULL);

			if (nomap ? ret == 0 : (ret || vml_pa_addr(w.pa) != pa))
				bad++;
			else if (!nomap && in_cma(pa) && w.leaf_size != VML_SZ_4K)
				bad++;
		}
	}
	return bad;
}

struct leaf_check {
	bool lpae, rodata;
	unsigned int wx, gib, cont, soft_bits, shared;
	const struct vml_kernel_image *image; /* NULL: no System.map */
};

/* A leaf of the image that a segment boundary (the ones
 * arch/arm/kernel/vmlinux.lds.S v6.1 aligns to SECTION_SIZE under
 * STRICT_KERNEL_RWX) cuts: two segments in one last-level entry. */
static bool straddles_segment(const struct vml_kernel_image *img, const struct vml_pt_range *r)
{
	const uint64_t seg[] = {img->stext, img->start_rodata, img->init_begin, img->init_end,
				img->sdata};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(seg); i++)
		if (seg[i] > r->va.va && seg[i] < r->va.va + r->size)
			return true;
	return false;
}

/* LPAE: Linux's software bits (pgtable-3level.h v6.1), as the real
 * kernel's live tables show them: every page L_PTE_DIRTY (55), read-only
 * pages L_PTE_RDONLY (58); sections no dirty bit, read-only ones
 * L_PMD_SECT_RDONLY (58). */
static bool lpae_soft_bits_ok(const struct vml_pt_range *r)
{
	const uint64_t dirty = 1ULL << 55, rdonly = 1ULL << 58;
	bool page = r->size == VML_SZ_4K, ro = !(r->attrs.perm & VML_PT_WRITE);

	return ((r->attrs.arch_bits & dirty) != 0) == page &&
	       ((r->attrs.arch_bits & rdonly) != 0) == ro;
}

static int leaf_fn(void *arg, const struct vml_pt_range *r)
{
	struct leaf_check *c = arg;
	uint32_t p = r->attrs.perm;

	if (c->rodata && (p & VML_PT_WRITE) && (p & VML_PT_EXEC))
		c->wx++;
	if (c->lpae && r->size > VML_SZ_2M)
		c->gib++;
	if (p & VML_PT_CONT)
		c->cont++;
	if (c->lpae && !lpae_soft_bits_ok(r))
		c->soft_bits++;
	if (c->image && straddles_segment(c->image, r))
		c->shared++;
	return 0;
}

/* A System.map's segments: _text at PAGE_OFFSET + TEXT_OFFSET, the
 * others at random multiples of SECTION_SIZE (@sect: 1 MiB classic, 2 MiB
 * LPAE), as vmlinux.lds.S v6.1 aligns them under STRICT_KERNEL_RWX. */
static void random_segments(struct vml_kernel_image *img, uint64_t page_offset, uint64_t sect)
{
	img->known = true;
	img->text = page_offset + 0x8000;
	img->stext = page_offset + sect * (1 + rnd(2));
	img->etext = img->stext + sect * (1 + rnd(6)) - 0x1000 * rnd(8);
	img->start_rodata = img->stext + vml_align_up(img->etext - img->stext, sect);
	img->init_begin = img->start_rodata + sect * (1 + rnd(3));
	img->init_end = img->init_begin + sect * (1 + rnd(2));
	img->sdata = img->init_end + sect * rnd(2);
	img->end = img->sdata + sect * (1 + rnd(3)) + 0x1000 * rnd(100);
}

static void random_board(struct vml_board *b, struct vml_kernel_config *cfg, bool *lpae)
{
	static const uint64_t sizes[] = {M(256), M(512), M(768), M(1024), M(2048)};
	uint64_t base = 0x40000000, size = sizes[rnd(5)];

	vml_board_init(b);
	vml_kernel_config_init(cfg, VML_ARCH_ARM);
	strcpy(cfg->profile, "6.1");
	*lpae = rnd(2);
	cfg->arm_lpae = *lpae;
	cfg->cma = rnd(3) != 0;
	cfg->cma_size_mbytes = 16 << rnd(3);
	cfg->vmsplit = rnd(3) ? 3 : 2;
	b->memory[0].base = base;
	b->memory[0].size = size;
	b->n_memory = 1;
	if (rnd(2)) { /* a second bank after a hole, not always section aligned */
		b->memory[1].base = base + size + M(16 + rnd(64)) + (rnd(2) ? 0x3000 : 0);
		b->memory[1].size = M(64 + rnd(256)) - (rnd(2) ? 0x5000 : 0);
		b->n_memory = 2;
	}
	if (rnd(2)) { /* a no-map carve-out inside the first bank */
		struct vml_board_reserved *r = &b->reserved[b->n_reserved++];

		strcpy(r->name, "carveout");
		r->base = base + M(64 + rnd(64)) + (rnd(2) ? 0x7000 : 0);
		r->size = M(1 + rnd(8)) + (rnd(2) ? 0x2000 : 0);
		r->nomap = true;
	}
	cfg->load_phys_set = true;
	cfg->load_phys = base + 0x8000;
	cfg->image_size = M(8 + rnd(16)) + 0x1000 * rnd(200);
	if (rnd(2))
		random_segments(&cfg->image, cfg->vmsplit == 3 ? 0xc0000000 : 0x80000000,
				*lpae ? M(2) : M(1));
}

static void test_random_boards(void)
{
	unsigned int built = 0, with_segments = 0;

	srand(20261203);
	for (int iter = 0; iter < 60; iter++) {
		static struct vml_board b;
		static struct vml_kernel_config cfg;
		struct vml_boot_opts o = {0};
		struct leaf_check c = {0};
		struct vml_pt_walk w;
		bool lpae;
		int ret;

		random_board(&b, &cfg, &lpae);
		o.rodata = rnd(4) ? VML_BOOT_RODATA_DEFAULT : VML_BOOT_RODATA_OFF;
		ret = build(&b, &cfg, &o);
		if (ret == 100)
			continue; /* a board the layout refuses */
		CHECK_EQ_INT(ret, 0);
		if (ret) {
			fprintf(stderr, "  iteration %d: lpae %d, image 0x%llx, banks %u\n", iter,
				(int)lpae, (unsigned long long)cfg.image_size, b.n_memory);
			continue;
		}
		built++;
		CHECK_EQ_INT(check_linear(), 0);
		c.lpae = lpae;
		c.rodata = o.rodata != VML_BOOT_RODATA_OFF;
		c.image = cfg.image.known ? &cfg.image : NULL;
		with_segments += cfg.image.known;
		CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, leaf_fn, &c), 0);
		CHECK_EQ_INT(c.wx, 0);
		CHECK_EQ_INT(c.gib, 0);
		CHECK_EQ_INT(c.cont, 0);
		CHECK_EQ_INT(c.soft_bits, 0);
		CHECK_EQ_INT(c.shared, 0);
		CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xffff0000), &w, NULL), 0);
		CHECK((w.attrs.perm & VML_PT_USER_READ) && (w.attrs.perm & VML_PT_EXEC));
		CHECK(!(w.attrs.perm & VML_PT_WRITE));
		CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xffff1000), &w, NULL), 0);
		CHECK(!(w.attrs.perm & VML_PT_USER_READ) && (w.attrs.perm & VML_PT_EXEC));
	}
	CHECK(built >= 40);
	CHECK(with_segments >= 15);
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

/* The text of a known image: read-only and executable after boot, RW and
 * executable with rodata=off; the pre-text section RW NX either way. */
static void test_text_permissions(void)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {0};
	struct vml_pt_walk w;

	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = M(512);
	b.n_memory = 1;
	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	strcpy(cfg.profile, "6.1");
	cfg.image.known = true;
	cfg.image.text = 0xc0008000;
	cfg.image.stext = 0xc0100000;
	cfg.image.etext = 0xc0800000;
	cfg.image.start_rodata = 0xc0900000;
	cfg.image.init_begin = 0xc0c00000;
	cfg.image.init_end = 0xc0d00000;
	cfg.image.sdata = 0xc0e00000;
	cfg.image.end = 0xc1000000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0100000), &w, NULL), 0);
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_EXEC);
	CHECK_EQ_U64(w.leaf_size, VML_SZ_1M);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0900000), &w, NULL), 0); /* rodata */
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0c00000), &w, NULL), 0); /* init: RW NX */
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_WRITE);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0000000), &w, NULL), 0); /* pre-text */
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_WRITE);
	o.rodata = VML_BOOT_RODATA_OFF;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0100000), &w, NULL), 0);
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_WRITE | VML_PT_EXEC);
	/* right after paging_init(): the kernel's sections RWX up to
	 * __init_end's section, RW NX above */
	o.rodata = VML_BOOT_RODATA_DEFAULT;
	o.stage = VML_BOOT_PAGING_INIT;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0c00000), &w, NULL), 0);
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_WRITE | VML_PT_EXEC);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xc0d00000), &w, NULL), 0);
	CHECK_EQ_U64(w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC), VML_PT_WRITE);
	/* a System.map without section-aligned segments is refused */
	cfg.image.init_begin = 0xc0c01000;
	CHECK_EQ_INT(build(&b, &cfg, &o), 200);
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

/* kfence_init() on lowmem (src/arch/arm/kfence_init_pool.c): a board whose
 * KFENCE started (kfence.sample_interval=100, v6.12: pool and metadata).
 * Every PMD (2 MiB) over the pool is pages, PAGE_KERNEL (RW NX; LPAE with
 * L_PTE_DIRTY) under a kernel table descriptor; the pool's first two pages and every odd page after
 * are not mapped, the objects are, at their linear PA; lowmem 4 MiB away is still sections; right
 * after paging_init() the pool is sections. */
static void check_kfence_pool(bool lpae)
{
	static struct vml_board b;
	static struct vml_kernel_config cfg;
	struct vml_boot_opts o = {0};
	const struct vml_reservation *pool = NULL;
	const uint64_t sect = lpae ? VML_SZ_2M : VML_SZ_1M;
	unsigned int guards = 0, objects = 0, bad = 0;
	struct vml_pt_walk w;
	uint64_t va0, lo_va, hi_va;

	vml_board_init(&b);
	b.memory[0].base = 0x40000000;
	b.memory[0].size = M(1024);
	b.n_memory = 1;
	vml_kernel_config_init(&cfg, VML_ARCH_ARM);
	strcpy(cfg.profile, "6.12");
	cfg.arm_lpae = lpae;
	cfg.kfence = true;
	cfg.kfence_sample_interval_set = true;
	cfg.kfence_sample_interval = 100;
	cfg.load_phys_set = true;
	cfg.load_phys = 0x40008000;
	cfg.image_size = M(12);
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	for (unsigned int i = 0; i < lo.n_reservations; i++)
		if (!strcmp(lo.reservations[i].name, "kfence pool (late)"))
			pool = &lo.reservations[i];
	CHECK(pool != NULL);
	if (!pool)
		return;
	CHECK_EQ_U64(pool->size, M(2));
	va0 = pool->base - lo.phys_offset + lo.page_offset;
	lo_va = va0 & ~(M(2) - 1);
	hi_va = (va0 + pool->size + M(2) - 1) & ~(M(2) - 1);
	for (uint64_t va = lo_va; va < hi_va; va += VML_SZ_4K) {
		uint64_t page = (va - va0) / VML_SZ_4K;
		bool in_pool = va >= va0 && va < va0 + pool->size;
		int ret = vml_pt_walk(&ctx, vml_va(va), &w, NULL);

		if (in_pool && (page < 2 || page % 2)) {
			guards++;
			bad += ret != VML_ENOENT;
			continue;
		}
		objects += in_pool;
		bad += ret != 0 || w.leaf_size != VML_SZ_4K ||
		       vml_pa_addr(w.pa) != va - lo.page_offset + lo.phys_offset ||
		       (w.attrs.perm & (VML_PT_WRITE | VML_PT_EXEC)) != VML_PT_WRITE ||
		       (lpae && !(w.attrs.arch_bits & (1ULL << 55)));
	}
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(guards, 2 + 255);
	CHECK_EQ_INT(objects, 255);
	/* classic: the split's first-level descriptors are _PAGE_KERNEL_TABLE
	 * (type 01 with PMD_BIT4, domain KERNEL), map_lowmem()'s type 01 alone */
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(va0 + 2 * VML_SZ_4K), &w, NULL), 0);
	CHECK_EQ_U64(w.raw[0] & 0x1ff, lpae ? 3 : 0x11);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(lo_va - M(4)), &w, NULL), 0);
	CHECK_EQ_U64(w.leaf_size, sect);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(hi_va + M(2)), &w, NULL), 0);
	CHECK_EQ_U64(w.leaf_size, sect);
	o.stage = VML_BOOT_PAGING_INIT;
	CHECK_EQ_INT(build(&b, &cfg, &o), 0);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(va0), &w, NULL), 0);
	CHECK_EQ_U64(w.leaf_size, sect);
	vml_physmem_delete(tabs.pm);
	tabs.pm = NULL;
}

static void test_kfence_pool(void)
{
	check_kfence_pool(false);
	check_kfence_pool(true);
}

int main(void)
{
	RUN_TEST(test_text_permissions);
	RUN_TEST(test_random_boards);
	RUN_TEST(test_kfence_pool);
	return CHECK_DONE("test_arm_boot_tables");
}

/* SPDX-License-Identifier: MIT */
/*
 * The engine on arm "short-linux": Linux's packing of the classic 2-level
 * tables (arch/arm/include/asm/pgtable-2level.h, v6.1). One 4 KiB page per
 * 2 MiB of VA: Linux PTEs of h/w table 0 at +0 and of h/w table 1 at +1024
 * (PTE_HWTABLE_OFF = PTE_HWTABLE_PTRS x sizeof(pte_t) = 512 x 4 = 2048),
 * h/w table 0 at +2048 and h/w table 1 at +3072; the pgd pair (first-level
 * entries 2k, 2k + 1) points at +2048 and +3072 (__pmd_populate(),
 * arch/arm/include/asm/pgalloc.h: pmdp[0] = pte + PTE_HWTABLE_OFF | prot,
 * pmdp[1] = pmdp[0] + 256 x 4).
 *
 * Linux PTE values, worked from the L_PTE_* bits (pgtable-2level.h):
 *   PRESENT 0x1, YOUNG 0x2, MT at bits 5:2 (WRITEALLOC 7 << 2 = 0x1c,
 *   DEV_SHARED 4 << 2 = 0x10), DIRTY 0x40, RDONLY 0x80, USER 0x100,
 *   XN 0x200, SHARED 0x400. Kernel memory types carry PRESENT | YOUNG |
 *   DIRTY (arch/arm/mm/mmu.c mem_types[]).
 * Hardware values from cpu_v7_set_pte_ext() (arch/arm/mm/proc-v7-2level.S):
 *   hw = pte & ~0x3f3 | ext | AP0 0x10 | small page 0x2; pte bit 4 ->
 *   TEX[0] 0x40; RDONLY or !DIRTY -> APX 0x200; USER -> AP1 0x20;
 *   XN -> XN 0x1; ext = nG 0x800 for a not-global page.
 */
#include <stdlib.h>

#include "arch/arm/pte_arm.h"
#include "check.h"
#include "pt_harness.h"

#define ARENA_BASE 0x40000000ULL
#define ARENA_SIZE 0x1000000ULL
#define ROOT (ARENA_BASE + ARENA_SIZE - 0x4000) /* 16 KiB root at the top */
#define BLOCK (ROOT - 0x1000)			/* the first 4 KiB block below it */
#define PAGE_K_RW 0x40000000ULL			/* page A: kernel RW normal */
#define PAGE_DEV_RO 0x50003000ULL		/* page B: kernel RO device */
#define PAGE_USER 0x60004000ULL			/* page C: user RW, not global */
#define VA0 0xc0000000ULL			/* 2 MiB aligned: pgd pair 0xc00, 0xc01 */

/* Kernel RW normal: 0x1 | 0x2 | 0x1c | 0x40 | XN 0x200 | SHARED 0x400 = 0x65f.
 * hw: 0x65f & ~0x3f3 = 0x40c; | 0x10 | 0x2 = 0x41e; bit 4 -> | 0x40 = 0x45e;
 * DIRTY set, not RDONLY: no APX; XN: | 0x1 = 0x45f. */
#define LINUX_K_RW 0x65fu
#define HW_K_RW 0x45fu
/* Kernel RO device: 0x1 | 0x2 | 0x10 | 0x40 | 0x80 | 0x200 | 0x400 = 0x6d3.
 * hw: 0x6d3 & ~0x3f3 = 0x400; | 0x12 = 0x412; bit 4 -> 0x452; RDONLY ->
 * APX 0x200 = 0x652; XN -> 0x653. */
#define LINUX_DEV_RO 0x6d3u
#define HW_DEV_RO 0x653u
/* User RW, nG: 0x1 | 0x2 | 0x1c | 0x40 | USER 0x100 | 0x200 | 0x400 = 0x75f.
 * hw: 0x75f & ~0x3f3 = 0x40c; | nG 0x800 | 0x12 = 0xc1e; bit 4 -> 0xc5e;
 * USER -> AP1 0x20 = 0xc7e; XN -> 0xc7f. */
#define LINUX_USER 0x75fu
#define HW_USER 0xc7fu

struct tree {
	struct vml_pt_format f;
	struct bump *b;
	struct vml_pt_ctx ctx;
	struct vml_pt_log log;
	struct vml_pt_update rec[4096];
};

static struct tree *linux_tree(uint64_t split, unsigned int half)
{
	struct tree *t = calloc(1, sizeof(*t));
	struct vml_pt_spec spec = {
	    .arch = "arm", .mode = "short-linux", .split = split, .half = half};

	CHECK_EQ_INT(vml_pt_format_lookup(&t->f, &spec, NULL), 0);
	t->b = bump_new(ARENA_BASE, ARENA_SIZE);
	t->log.rec = t->rec;
	t->log.max = 4096;
	ctx_setup(&t->ctx, &t->f, t->b, split && half, &t->log);
	CHECK_EQ_INT(vml_pt_init(&t->ctx, NULL), 0);
	return t;
}

static void tree_delete(struct tree *t)
{
	bump_delete(t->b);
	free(t);
}

static uint32_t rd32(struct tree *t, uint64_t pa)
{
	const unsigned char *p = vml_physmem_window(t->b->pm, pa, 4);

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static struct vml_pt_attrs attrs_dev_ro(void)
{
	struct vml_pt_attrs a = attrs_kernel_ro();

	a.memtype = VML_PT_MT_DEVICE_nGnRE;
	return a;
}

static struct vml_pt_attrs attrs_user_rw(void)
{
	struct vml_pt_attrs a = {0};

	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_USER_READ | VML_PT_USER_WRITE |
		 VML_PT_ACCESSED | VML_PT_DIRTY;
	return a;
}

static int map(struct tree *t, uint64_t va, uint64_t pa, uint64_t size, struct vml_pt_attrs a)
{
	return vml_pt_map(&t->ctx, vml_va(va), vml_pa(pa), size, &a, 0, NULL);
}

/* Counts the non-zero words of [pa, pa + size). */
static unsigned int nonzero_words(struct tree *t, uint64_t pa, uint64_t size)
{
	unsigned int n = 0;

	for (uint64_t off = 0; off < size; off += 4)
		n += rd32(t, pa + off) != 0;
	return n;
}

static void test_set_pte_ext_rules(void)
{
	struct arm_linux_fields rw = {1, true, 7, true};

	CHECK_EQ_U64(vml_arm_linux_pte(0x40000000u, &rw), 0x40000000u | LINUX_K_RW);
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | LINUX_K_RW, 0), 0x40000000u | HW_K_RW);
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | LINUX_USER, ARM_PTE_EXT_NG),
		     0x40000000u | HW_USER);
	/* Writable but not dirty: APX until the first write (0x65f - 0x40). */
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | 0x61fu, 0), 0x40000000u | 0x65fu);
	/* Not young (0x65f - 0x2), not valid (- 0x1), PROT_NONE (| 0x800): 0. */
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | 0x65du, 0), 0);
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | 0x65eu, 0), 0);
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x40000000u | 0xe5fu, 0), 0);
	/* MT bit 3 (DEV_NONSHARED 0xc << 2 = 0x30) is not in the hardware
	 * entry: bits 5:4 are cleared, bit 4 goes to TEX[0]:
	 * 0x1 | 0x2 | 0x30 | 0x40 | 0x200 = 0x273 -> 0x10 | 0x2 | TEX0 0x40 | XN 0x1 = 0x53. */
	CHECK_EQ_U64(vml_arm_linux_set_pte_ext(0x273u, 0), 0x53u);
	CHECK_EQ_U64(vml_arm_linux_pte_of_hw(0x40000000u | HW_DEV_RO), 0x40000000u | LINUX_DEV_RO);
	CHECK_EQ_U64(vml_arm_linux_pte_of_hw(0x40000000u | HW_USER), 0x40000000u | LINUX_USER);
	CHECK_EQ_U64(vml_arm_linux_pte_of_hw(0), 0);
}

/* Three pages in the two halves of one 2 MiB chunk: the exact block. */
static void test_block_layout(void)
{
	struct tree *t = linux_tree(0, 0);
	struct vml_pt_stats st;
	struct vml_pt_walk w;

	CHECK_EQ_INT(map(t, VA0, PAGE_K_RW, 0x1000, attrs_kernel_rw()), 0);
	CHECK_EQ_INT(map(t, VA0 + 0x103000, PAGE_DEV_RO, 0x1000, attrs_dev_ro()), 0);
	CHECK_EQ_INT(map(t, VA0 + 0x104000, PAGE_USER, 0x1000, attrs_user_rw()), 0);
	/* The pgd pair: index 0xc00 at ROOT + 0x3000, 0xc01 at + 0x3004; page
	 * table descriptors (01), domain 0, at BLOCK + 2048 and + 3072. */
	CHECK_EQ_U64(rd32(t, ROOT + 0xc00 * 4), BLOCK + 0x800 + 1);
	CHECK_EQ_U64(rd32(t, ROOT + 0xc01 * 4), BLOCK + 0xc00 + 1);
	/* Linux pt 0 entry 0, h/w pt 0 entry 0. */
	CHECK_EQ_U64(rd32(t, BLOCK + 0), PAGE_K_RW | LINUX_K_RW);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800), PAGE_K_RW | HW_K_RW);
	/* Linux pt 1 and h/w pt 1, entries 3 (+12) and 4 (+16). */
	CHECK_EQ_U64(rd32(t, BLOCK + 0x400 + 12), PAGE_DEV_RO | LINUX_DEV_RO);
	CHECK_EQ_U64(rd32(t, BLOCK + 0xc00 + 12), PAGE_DEV_RO | HW_DEV_RO);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x400 + 16), PAGE_USER | LINUX_USER);
	CHECK_EQ_U64(rd32(t, BLOCK + 0xc00 + 16), PAGE_USER | HW_USER);
	/* Nothing else in the block (the allocator scribbled 0xa5 on it). */
	CHECK_EQ_U64(nonzero_words(t, BLOCK, 0x1000), 6);
	/* One table page of 4 KiB at level 2 (not two of 1 KiB). */
	CHECK_EQ_INT(vml_pt_count(&t->ctx, &st), 0);
	CHECK_EQ_U64(st.tables[1], 1);
	CHECK_EQ_U64(st.table_bytes[1], 4096);
	CHECK_EQ_U64(st.leaves[1], 3);
	/* The walk reads the hardware entry and reports its shadow. */
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(VA0 + 0x103abc), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), PAGE_DEV_RO + 0xabc);
	CHECK_EQ_U64(w.attrs.memtype, VML_PT_MT_DEVICE_nGnRE);
	CHECK_EQ_U64(vml_pa_addr(w.entry_pa[1]), BLOCK + 0xc00 + 12);
	CHECK(w.shadow);
	CHECK_EQ_U64(vml_pa_addr(w.shadow_pa), BLOCK + 0x400 + 12);
	CHECK_EQ_U64(w.shadow_raw, PAGE_DEV_RO | LINUX_DEV_RO);
	/* Linux's memory types are TEX-remap indexes: PRRR/NMRR and TRE. */
	{
		struct vml_pt_roots roots = {{true, false}, {t->ctx.root, vml_pa(0)}};
		struct vml_pt_regs regs;

		t->f.ops->registers(&t->f, &roots, &regs);
		CHECK_EQ_U64(regs.count, 7);
		CHECK_EQ_STR(regs.reg[4].name, "prrr");
		CHECK_EQ_U64(regs.reg[4].value, 0xff0a81a8u);
		CHECK_EQ_U64(regs.reg[5].value, 0x40e040e0u);
		CHECK_EQ_U64(regs.reg[6].value, 1u << 28);
	}
	tree_delete(t);
}

/* One page in the upper half: both pgd entries are populated (the lower
 * one with its empty table), as __pmd_populate() writes both. */
static void test_pair_populated(void)
{
	struct tree *t = linux_tree(0, 0);
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_pt_walk w;

	a.domain = 2;
	CHECK_EQ_INT(map(t, VA0 + 0x100000, PAGE_K_RW, 0x1000, a), 0);
	/* Domain 2 in bits 8:5: 2 << 5 = 0x40. */
	CHECK_EQ_U64(rd32(t, ROOT + 0xc00 * 4), BLOCK + 0x800 + 0x40 + 1);
	CHECK_EQ_U64(rd32(t, ROOT + 0xc01 * 4), BLOCK + 0xc00 + 0x40 + 1);
	CHECK_EQ_INT(vml_pt_walk(&t->ctx, vml_va(VA0), &w, NULL), VML_ENOENT);
	CHECK_EQ_INT(w.level, 2); /* the fault is in the PTE table, as on Linux */
	/* A later page in the lower half takes no new table page. */
	CHECK_EQ_U64(t->b->depth, 2);
	CHECK_EQ_INT(map(t, VA0 + 0x5000, PAGE_USER, 0x1000, a), 0);
	CHECK_EQ_U64(t->b->depth, 2);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800 + 20), PAGE_USER | HW_K_RW);
	CHECK_EQ_U64(rd32(t, BLOCK + 20), PAGE_USER | LINUX_K_RW);
	tree_delete(t);
}

/* Unmap clears the hardware entry and its shadow; the log has both, the
 * shadow as VML_PT_UPD_SHADOW, and the checker passes it. */
static void test_unmap_clears_both(void)
{
	struct tree *t = linux_tree(0, 0);
	struct vml_pt_bbm_violation v[4];
	size_t found = 9;
	bool saw_write = false, saw_shadow = false;

	CHECK_EQ_INT(map(t, VA0, PAGE_K_RW, 0x2000, attrs_kernel_rw()), 0);
	t->log.cnt = 0;
	CHECK_EQ_INT(vml_pt_unmap(&t->ctx, vml_va(VA0 + 0x1000), 0x1000, 0, NULL), 0);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800 + 4), 0);
	CHECK_EQ_U64(rd32(t, BLOCK + 4), 0);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800), PAGE_K_RW | HW_K_RW);
	CHECK_EQ_U64(rd32(t, BLOCK), PAGE_K_RW | LINUX_K_RW);
	for (size_t i = 0; i < t->log.cnt; i++) {
		const struct vml_pt_update *u = &t->log.rec[i];

		if (u->kind == VML_PT_UPD_WRITE) {
			saw_write = true;
			CHECK_EQ_U64(vml_pa_addr(u->entry), BLOCK + 0x800 + 4);
			CHECK_EQ_U64(u->old, (PAGE_K_RW + 0x1000) | HW_K_RW);
			CHECK_EQ_U64(u->new_, 0);
		} else if (u->kind == VML_PT_UPD_SHADOW) {
			saw_shadow = true;
			CHECK_EQ_U64(vml_pa_addr(u->entry), BLOCK + 4);
			CHECK_EQ_U64(u->old, (PAGE_K_RW + 0x1000) | LINUX_K_RW);
			CHECK_EQ_U64(u->new_, 0);
		}
	}
	CHECK(saw_write && saw_shadow);
	CHECK_EQ_INT(vml_pt_bbm_check(&t->f, &t->log, 0, v, 4, &found), 0);
	CHECK_EQ_U64(found, 0);
	tree_delete(t);
}

/* A section in one half and a table in the other: splitting the section
 * later puts its pieces in the same block, with their shadows. */
static void test_section_split_reuses_block(void)
{
	struct tree *t = linux_tree(0, 0);
	uint64_t depth;

	CHECK_EQ_INT(map(t, VA0, 0x40000000, 0x100000, attrs_kernel_rw()), 0);
	CHECK_EQ_INT(map(t, VA0 + 0x100000, PAGE_USER, 0x1000, attrs_kernel_rw()), 0);
	/* Section: 0x40000000 | 0x1141e with TEX[0]:C:B = 7 as in short. */
	CHECK_EQ_U64(rd32(t, ROOT + 0xc00 * 4), 0x40000000u | 0x1141eu);
	CHECK_EQ_U64(rd32(t, ROOT + 0xc01 * 4), BLOCK + 0xc00 + 1);
	depth = t->b->depth;
	CHECK_EQ_INT(vml_pt_unmap(&t->ctx, vml_va(VA0 + 0x80000), 0x1000, 0, NULL), 0);
	CHECK_EQ_U64(t->b->depth, depth);
	CHECK_EQ_U64(rd32(t, ROOT + 0xc00 * 4), BLOCK + 0x800 + 1);
	/* Piece 0x7f (VA0 + 0x7f000): PA 0x4007f000. */
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800 + 0x7f * 4), 0x4007f000u | HW_K_RW);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x7f * 4), 0x4007f000u | LINUX_K_RW);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x800 + 0x80 * 4), 0);
	CHECK_EQ_U64(rd32(t, BLOCK + 0x80 * 4), 0);
	CHECK_EQ_U64(nonzero_words(t, BLOCK, 0x800), 255 + 1);
	tree_delete(t);
}

/* Every shadow equals the Linux PTE of its hardware entry. */
static unsigned int check_shadows(struct tree *t)
{
	unsigned int bad = 0;

	for (uint64_t idx = 0; idx < 4096; idx++) {
		uint32_t l1 = rd32(t, vml_pa_addr(t->ctx.root) + idx * 4);
		uint64_t tab = l1 & 0xfffffc00u;

		if ((l1 & 3) != 1)
			continue;
		for (uint64_t i = 0; i < 256; i++)
			bad += rd32(t, tab - 2048 + i * 4) !=
			       t->f.ops->encode_shadow(&t->f, 2, rd32(t, tab + i * 4));
	}
	return bad;
}

/* Random map/unmap/protect; each allocation of each operation failed in
 * turn leaves every byte (blocks included) and the allocator unchanged. */
static void test_alloc_failure_every_allocation(void)
{
	struct tree *t = linux_tree(0, 0);
	unsigned int seed = 20260523;
	int failures = 0, done = 0;

	printf("seed %u\n", seed);
	srand(seed);
	for (int n = 0; n < 300; n++) {
		int op = rand() % 3;
		uint64_t va = VA0 + (uint64_t)(rand() % 512) * 0x80000;
		uint64_t size = (rand() % 2) ? (uint64_t)(1 + rand() % 700) * 0x1000
					     : (uint64_t)(1 + rand() % 5) * 0x100000;
		struct vml_pt_attrs a = (rand() % 2) ? attrs_kernel_rw() : attrs_kernel_ro();

		for (int i = 0;; i++) {
			struct snapshot s0 = snapshot_take(&t->ctx), s1;
			uint64_t depth = t->b->depth, next = t->b->next;
			int err;

			t->b->fail_at = i < 8 ? (int64_t)(t->b->attempts + (uint64_t)i) : -1;
			if (op == 0)
				err = vml_pt_map(&t->ctx, vml_va(va), vml_pa(va - 0x80000000), size,
						 &a, 0, NULL);
			else if (op == 1)
				err = vml_pt_unmap(&t->ctx, vml_va(va), size, 0, NULL);
			else
				err = vml_pt_protect(&t->ctx, vml_va(va), size, &a, 0, NULL);
			t->b->fail_at = -1;
			if (err != VML_ENOMEM) {
				CHECK_EQ_INT(err, 0);
				free(s0.bytes);
				break;
			}
			failures++;
			s1 = snapshot_take(&t->ctx);
			CHECK(snapshot_same(&s0, &s1));
			CHECK_EQ_U64(t->b->depth, depth);
			CHECK_EQ_U64(t->b->next, next);
			free(s0.bytes);
			free(s1.bytes);
		}
		done++;
	}
	CHECK_EQ_INT(t->b->bad_frees, 0);
	CHECK(failures > 20);
	CHECK_EQ_U64(check_shadows(t), 0);
	printf("%d operations, %d allocation failures checked\n", done, failures);
	tree_delete(t);
}

/* With --split 2G (TTBCR.N = 1) each half packs its own tables. */
static void test_split_halves(void)
{
	struct tree *lo = linux_tree(0x80000000, 0), *hi = linux_tree(0x80000000, 1);
	uint64_t lo_root = vml_pa_addr(lo->ctx.root);

	CHECK_EQ_INT(map(lo, 0x00200000, PAGE_K_RW, 0x1000, attrs_kernel_rw()), 0);
	CHECK_EQ_INT(map(hi, VA0 + 0x100000, PAGE_K_RW, 0x1000, attrs_kernel_rw()), 0);
	/* TTBR0's root is 8 KiB at the top of the arena: 0x40ffe000; its
	 * first block just below, at 0x40ffd000; pair 2, 3 (VA 0x200000). */
	CHECK_EQ_U64(lo_root, ARENA_BASE + ARENA_SIZE - 0x2000);
	CHECK_EQ_U64(rd32(lo, lo_root + 2 * 4), lo_root - 0x1000 + 0x800 + 1);
	CHECK_EQ_U64(rd32(lo, lo_root + 3 * 4), lo_root - 0x1000 + 0xc00 + 1);
	CHECK_EQ_U64(rd32(lo, lo_root - 0x1000), PAGE_K_RW | LINUX_K_RW);
	CHECK_EQ_U64(rd32(hi, ROOT + 0xc01 * 4), BLOCK + 0xc00 + 1);
	CHECK_EQ_U64(rd32(hi, BLOCK + 0x400), PAGE_K_RW | LINUX_K_RW);
	CHECK_EQ_U64(rd32(hi, BLOCK + 0xc00), PAGE_K_RW | HW_K_RW);
	tree_delete(lo);
	tree_delete(hi);
}

/* Permissions a Linux PTE cannot say are refused. */
static void test_attrs_refused(void)
{
	struct tree *t = linux_tree(0, 0);
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_diag d;

	a.perm |= VML_PT_USER_READ; /* kernel RW, user RO: AP = 010 */
	CHECK_EQ_INT(vml_pt_map(&t->ctx, vml_va(VA0), vml_pa(0x40000000), 0x1000, &a, 0, &d),
		     VML_ENOTSUP);
	CHECK_EQ_U64(t->b->depth, 1);
	tree_delete(t);
}

int main(void)
{
	RUN_TEST(test_set_pte_ext_rules);
	RUN_TEST(test_block_layout);
	RUN_TEST(test_pair_populated);
	RUN_TEST(test_unmap_clears_both);
	RUN_TEST(test_section_split_reuses_block);
	RUN_TEST(test_alloc_failure_every_allocation);
	RUN_TEST(test_split_halves);
	RUN_TEST(test_attrs_refused);
	return CHECK_DONE("test_pgtable_arm_linux");
}

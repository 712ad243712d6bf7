/* SPDX-License-Identifier: MIT */
/*
 * Tests of memblock at the end of the boot (src/core/memblock_late.c):
 * memblock_free_all()'s memblock_clear_hotplug(0, -1) and v6.12's
 * memmap_init_reserved_pages() (mm/memblock.c), free_initrd_mem() and
 * kexec_free_initrd() (init/initramfs.c v6.1, v6.12). Exact lists; the
 * first case is the riscv64-1g board's (tests/conformance/observed).
 */
#include "check.h"
#include "vmlayout/memblock.h"

static struct vml_memblock_region mem_store[16], res_store[16];
static struct vml_memblock mb;

static void setup(void)
{
	memset(mem_store, 0xa5, sizeof(mem_store));
	memset(res_store, 0xa5, sizeof(res_store));
	vml_memblock_init(&mb, mem_store, 16, res_store, 16, ~0ULL, 0x1000);
}

static void check_region(int line, const struct vml_memblock_type *t, unsigned int i, uint64_t base,
			 uint64_t size, int nid, uint32_t flags)
{
	const struct vml_memblock_region *r = &t->regions[i];

	if (i < t->cnt && r->base == base && r->size == size && r->nid == nid && r->flags == flags)
		return;
	fprintf(stderr, "  %s:%d: %s[%u] differs (cnt %u)\n", __FILE__, line, t->name, i, t->cnt);
	check_failures_in_test++;
}
#define REGION(t, i, base, size, nid, flags) check_region(__LINE__, t, i, base, size, nid, flags)

/* riscv64-1g: the DT blob and the kfence pool [0xbfc00000, 0xbfe01523)
 * got node 0 from NUMA's registration; sparse's buffer and the vmemmap
 * below it came later with MAX_NUMNODES: two regions in the boot's dump,
 * one in /sys/kernel/debug/memblock/reserved. */
static void test_reserved_nodes_merge_neighbours(void)
{
	struct vml_memblock_late late = {.reserved_nid = true};
	int max = 0;

	setup();
	max = mb.max_numnodes;
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x80000000, 0x40000000, 0, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0xbfc00000, 0x201523, NULL), 0);
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0, ~0ULL, &mb.reserved, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0xbcc00000, 0x3000000, NULL), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 2);
	REGION(&mb.reserved, 1, 0xbfc00000, 0x201523, 0, 0);
	REGION(&mb.reserved, 0, 0xbcc00000, 0x3000000, max, 0);
	CHECK_EQ_INT(vml_memblock_late_apply(&mb, &late, NULL), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 1);
	REGION(&mb.reserved, 0, 0xbcc00000, 0x3201523, 0, 0);
	CHECK_EQ_U64(mb.reserved.total_size, 0x3201523);
}

/* v6.1 (no memblock_set_node() in memmap_init_reserved_pages()): the two
 * regions stay apart. */
static void test_without_reserved_nodes_no_merge(void)
{
	struct vml_memblock_late late = {.reserved_nid = false};

	setup();
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x80000000, 0x40000000, 0, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0xbfc00000, 0x201523, NULL), 0);
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0, ~0ULL, &mb.reserved, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0xbcc00000, 0x3000000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_late_apply(&mb, &late, NULL), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 2);
}

/* A reserved region across two nodes is split at the node boundary
 * (memblock_set_node() isolates each memory region's range). */
static void test_reserved_split_at_node_boundary(void)
{
	struct vml_memblock_late late = {.reserved_nid = true};

	setup();
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x0, 0x10000, 0, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x10000, 0x10000, 1, 0, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x8000, 0x10000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_late_apply(&mb, &late, NULL), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 2);
	REGION(&mb.reserved, 0, 0x8000, 0x8000, 0, 0);
	REGION(&mb.reserved, 1, 0x10000, 0x8000, 1, 0);
}

/* memblock_clear_hotplug(0, -1) merges memory neighbours whose flags now
 * agree. */
static void test_clear_hotplug_merges_memory(void)
{
	struct vml_memblock_late late = {0};

	setup();
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, 0x2000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_mark_hotplug(&mb, 0x1000, 0x1000, NULL), 0);
	CHECK_EQ_INT(mb.memory.cnt, 2);
	CHECK_EQ_INT(vml_memblock_late_apply(&mb, &late, NULL), 0);
	CHECK_EQ_INT(mb.memory.cnt, 1);
	REGION(&mb.memory, 0, 0x0, 0x2000, mb.max_numnodes, 0);
}

/* free_initrd_mem(): [ALIGN_DOWN(start), ALIGN(end)), here with 16K pages
 * (arm64-16k-6.12-4g's initrd: freed 0x48000000-0x480f4000); then a
 * free_initmem() range, in that order. */
static void test_initrd_and_initmem_freed(void)
{
	struct vml_memblock_late late = {0};

	setup();
	CHECK_EQ_INT(vml_memblock_late_free_initrd(&late, 0x48000000, 0x480f3a00, 0x4000, 0, 0), 0);
	CHECK_EQ_INT(vml_memblock_late_add_free(&late, 0x41f70000, 0x350000), 0);
	CHECK_EQ_INT(late.n_frees, 2);
	CHECK_EQ_U64(late.frees[0].base, 0x48000000);
	CHECK_EQ_U64(late.frees[0].size, 0xf4000);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x40000000, 0x100000000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x40200000, 0x25b0000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x48000000, 0xf4000, NULL), 0);
	CHECK_EQ_INT(vml_memblock_late_apply(&mb, &late, NULL), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 2);
	REGION(&mb.reserved, 0, 0x40200000, 0x1d70000, mb.max_numnodes, 0);
	REGION(&mb.reserved, 1, 0x422c0000, 0x4f0000, mb.max_numnodes, 0);
	/* no initrd: nothing recorded */
	CHECK_EQ_INT(vml_memblock_late_free_initrd(&late, 0, 0, 0x1000, 0, 0), 0);
	CHECK_EQ_INT(late.n_frees, 2);
}

/* kexec_free_initrd(): only the parts outside crashk_res, the second from
 * __va(crashk_res.end), its last byte, rounded down to a page. */
static void test_initrd_around_crashkernel(void)
{
	struct vml_memblock_late late = {0};

	CHECK_EQ_INT(vml_memblock_late_free_initrd(&late, 0x48000000, 0x480f3a00, 0x4000,
						   0x48040000, 0x40000),
		     0);
	CHECK_EQ_INT(late.n_frees, 2);
	CHECK_EQ_U64(late.frees[0].base, 0x48000000);
	CHECK_EQ_U64(late.frees[0].size, 0x40000);
	CHECK_EQ_U64(late.frees[1].base, 0x4807c000);
	CHECK_EQ_U64(late.frees[1].size, 0x78000);
	/* a crash kernel elsewhere changes nothing */
	late.n_frees = 0;
	CHECK_EQ_INT(vml_memblock_late_free_initrd(&late, 0x48000000, 0x480f3a00, 0x4000,
						   0x80000000, 0x1000000),
		     0);
	CHECK_EQ_INT(late.n_frees, 1);
	CHECK_EQ_U64(late.frees[0].size, 0xf4000);
}

static void test_too_many_frees(void)
{
	struct vml_memblock_late late = {0};

	for (unsigned int i = 0; i < VML_MEMBLOCK_LATE_FREES; i++)
		CHECK_EQ_INT(vml_memblock_late_add_free(&late, i * 0x1000, 0x1000), 0);
	CHECK_EQ_INT(vml_memblock_late_add_free(&late, 0x100000, 0x1000), VML_ENOMEM);
	CHECK_EQ_INT(late.n_frees, VML_MEMBLOCK_LATE_FREES);
}

int main(void)
{
	RUN_TEST(test_reserved_nodes_merge_neighbours);
	RUN_TEST(test_without_reserved_nodes_no_merge);
	RUN_TEST(test_reserved_split_at_node_boundary);
	RUN_TEST(test_clear_hotplug_merges_memory);
	RUN_TEST(test_initrd_and_initmem_freed);
	RUN_TEST(test_initrd_around_crashkernel);
	RUN_TEST(test_too_many_frees);
	return CHECK_DONE("test_memblock_late");
}

/* SPDX-License-Identifier: MIT */
/*
 * Tests of the memblock model (src/core/memblock*.c) against the rules of
 * Linux mm/memblock.c v6.12: exact region lists after each step, with the
 * arithmetic in comments.
 */
#include "check.h"
#include "vmlayout/memblock.h"

#define P4K 0x1000ULL
#define MAX64 (~0ULL)
#define MAX32 0xffffffffULL
#define NOMAP VML_MEMBLOCK_NOMAP
#define HOTPLUG VML_MEMBLOCK_HOTPLUG

struct rgn {
	uint64_t base, size;
	uint32_t flags;
};

static struct vml_memblock_region mem_store[16], res_store[16];
static struct vml_memblock mb;
static struct vml_diag diag;

static void setup(unsigned int mem_max, unsigned int res_max, uint64_t phys_max)
{
	memset(mem_store, 0xa5, sizeof(mem_store));
	memset(res_store, 0xa5, sizeof(res_store));
	memset(&diag, 0, sizeof(diag));
	vml_memblock_init(&mb, mem_store, mem_max, res_store, res_max, phys_max, P4K);
}

static void check_list_at(int line, const struct vml_memblock_type *t, const struct rgn *want,
			  unsigned int n)
{
	uint64_t total = 0;
	int bad = t->cnt != n;

	for (unsigned int i = 0; !bad && i < n; i++) {
		bad |= t->regions[i].base != want[i].base || t->regions[i].size != want[i].size ||
		       t->regions[i].flags != want[i].flags;
		total += want[i].size;
	}
	bad |= !bad && t->total_size != total;
	if (!bad)
		return;
	fprintf(stderr, "  %s:%d: %s list differs; got cnt %u total 0x%" PRIx64 ":\n", __FILE__,
		line, t->name, t->cnt, t->total_size);
	for (unsigned int i = 0; i < t->cnt; i++)
		fprintf(stderr, "    [0x%" PRIx64 " +0x%" PRIx64 " f%x]\n", t->regions[i].base,
			t->regions[i].size, t->regions[i].flags);
	fprintf(stderr, "  want %u:\n", n);
	for (unsigned int i = 0; i < n; i++)
		fprintf(stderr, "    [0x%" PRIx64 " +0x%" PRIx64 " f%x]\n", want[i].base,
			want[i].size, want[i].flags);
	check_failures_in_test++;
}

#define LIST(t, ...)                                                                               \
	check_list_at(__LINE__, (t), (const struct rgn[]){__VA_ARGS__},                            \
		      sizeof((const struct rgn[]){__VA_ARGS__}) / sizeof(struct rgn))
#define EMPTY(t) CHECK_EQ_INT((t)->cnt, 0)
#define MEM (&mb.memory)
#define RES (&mb.reserved)

/* A snapshot to compare byte for byte after a failed call. */
struct snap {
	struct vml_memblock mb;
	struct vml_memblock_region mem[16], res[16];
};

static void take(struct snap *s)
{
	memcpy(&s->mb, &mb, sizeof(mb));
	memcpy(s->mem, mem_store, sizeof(mem_store));
	memcpy(s->res, res_store, sizeof(res_store));
}

static bool same(const struct snap *s)
{
	return !memcmp(&s->mb, &mb, sizeof(mb)) && !memcmp(s->mem, mem_store, sizeof(mem_store)) &&
	       !memcmp(s->res, res_store, sizeof(res_store));
}

static void test_add_merges_adjacent_ranges(void)
{
	setup(8, 8, MAX64);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x1000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x2000, 0x1000, &diag), 0);
	/* [0x1000,0x2000) + [0x2000,0x3000) touch with equal flags: one region */
	LIST(MEM, {0x1000, 0x2000, 0});
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, 0x1000, &diag), 0);
	LIST(MEM, {0x0, 0x3000, 0});
}

static void test_add_merges_overlapping_and_contained(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x1000, 0x2000, &diag);
	/* [0x2000,0x5000) overlaps [0x1000,0x3000): only [0x3000,0x5000) is new */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x2000, 0x3000, &diag), 0);
	LIST(MEM, {0x1000, 0x4000, 0});
	/* contained: nothing new */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x2000, 0x1000, &diag), 0);
	LIST(MEM, {0x1000, 0x4000, 0});
	/* zero size: a successful no-op */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x9000, 0, &diag), 0);
	LIST(MEM, {0x1000, 0x4000, 0});
}

static void test_add_keeps_disjoint_ranges_sorted(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x8000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x1000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x4000, 0x1000, &diag);
	LIST(MEM, {0x1000, 0x1000, 0}, {0x4000, 0x1000, 0}, {0x8000, 0x1000, 0});
	/* [0,0x10000) fills 4 gaps: [0,1000) [2000,4000) [5000,8000) [9000,10000);
	 * 3 + 4 = 7 slots before merging, 1 region after */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, 0x10000, &diag), 0);
	LIST(MEM, {0x0, 0x10000, 0});
}

static void test_add_needs_slots_for_pieces_before_merge(void)
{
	struct snap s;

	setup(6, 8, MAX64);
	vml_memblock_add(&mb, 0x8000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x1000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x4000, 0x1000, &diag);
	take(&s);
	/* as above, 3 + 4 = 7 > 6: the kernel's first pass refuses */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, 0x10000, &diag), VML_ENOMEM);
	CHECK_EQ_INT(diag.code, VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "memblock.memory region array is full");
	CHECK(same(&s));
	/* [0x1000,0x9000) has 2 gaps: 3 + 2 = 5 <= 6 */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x1000, 0x8000, &diag), 0);
	LIST(MEM, {0x1000, 0x8000, 0});
}

/* The range just below a region (a top-down allocator's next reserve):
 * the region grows downwards where the kernel's insert and merge would
 * leave one region, and only there (src/core/memblock.c extend_below()). */
static void test_add_just_below_a_region(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x8000, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x7000, 0x1000, &diag), 0);
	LIST(MEM, {0x7000, 0x2000, 0});
	/* other flags touching from below: two regions */
	CHECK_EQ_INT(vml_memblock_add_flags(&mb, 0x6000, 0x1000, NOMAP, &diag), 0);
	LIST(MEM, {0x6000, 0x1000, NOMAP}, {0x7000, 0x2000, 0});
	/* touching a region above and one below: all three merge */
	vml_memblock_add(&mb, 0x2000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x4000, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x3000, 0x1000, &diag), 0);
	LIST(MEM, {0x2000, 0x3000, 0}, {0x6000, 0x1000, NOMAP}, {0x7000, 0x2000, 0});
	/* just below the NOMAP region with flags 0, touching [0x2000,0x5000)
	 * below: merges downwards only */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x5000, 0x1000, &diag), 0);
	LIST(MEM, {0x2000, 0x4000, 0}, {0x6000, 0x1000, NOMAP}, {0x7000, 0x2000, 0});
	/* reserves top-down, as an allocator makes them: one region */
	for (uint64_t a = 0x9000; a > 0x6000; a -= 0x400)
		CHECK_EQ_INT(vml_memblock_reserve(&mb, a - 0x400, 0x400, &diag), 0);
	LIST(RES, {0x6000, 0x3000, 0});
	/* below the first region: it grows to 0 */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, 0x2000, &diag), 0);
	LIST(MEM, {0x0, 0x6000, 0}, {0x6000, 0x1000, NOMAP}, {0x7000, 0x2000, 0});
}

static void test_remove_splits_one_region_into_two(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x10000, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x14000, 0x1000, &diag), 0);
	/* [0x10000,0x14000) and [0x15000,0x20000): 0x4000 + 0xb000 = 0xf000 */
	LIST(MEM, {0x10000, 0x4000, 0}, {0x15000, 0xb000, 0});
	CHECK_EQ_U64(vml_memblock_phys_mem_size(&mb), 0xf000);
}

static void test_remove_spanning_several_regions(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x1000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x3000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x5000, 0x1000, &diag);
	/* remove [0x1800,0x5800): keeps [0x1000,0x1800) and [0x5800,0x6000) */
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x1800, 0x4000, &diag), 0);
	LIST(MEM, {0x1000, 0x800, 0}, {0x5800, 0x800, 0});
	/* removing nothing that is there */
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x2000, 0x1000, &diag), 0);
	LIST(MEM, {0x1000, 0x800, 0}, {0x5800, 0x800, 0});
}

static void test_reserve_and_free(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x1000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x3000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x2000, 0x1000, &diag), 0);
	LIST(RES, {0x1000, 0x3000, 0});
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x1000, 0x1000, &diag), 0);
	LIST(RES, {0x2000, 0x2000, 0});
	CHECK_EQ_U64(vml_memblock_reserved_size(&mb), 0x2000);
	/* reserving never touches memory */
	LIST(MEM, {0x0, 0x10000, 0});
	CHECK(vml_memblock_is_reserved(&mb, 0x2000));
	CHECK(!vml_memblock_is_reserved(&mb, 0x1fff));
	CHECK(vml_memblock_is_region_reserved(&mb, 0x1000, 0x1001));
	CHECK(!vml_memblock_is_region_reserved(&mb, 0x1000, 0x1000));
	/* memblock_overlaps_region(): size 0 strictly inside still overlaps */
	CHECK(vml_memblock_is_region_reserved(&mb, 0x2800, 0));
}

static void test_nomap_splits_a_region_and_merges_back(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x4000, 0x2000, &diag), 0);
	LIST(MEM, {0x0, 0x4000, 0}, {0x4000, 0x2000, NOMAP}, {0x6000, 0xa000, 0});
	CHECK(vml_memblock_is_memory(&mb, 0x4000));
	CHECK(!vml_memblock_is_map_memory(&mb, 0x4000));
	CHECK(vml_memblock_is_map_memory(&mb, 0x3fff));
	CHECK(vml_memblock_is_map_memory(&mb, 0x6000));
	/* NOMAP is still memory: counted in phys_mem_size, end of DRAM */
	CHECK_EQ_U64(vml_memblock_phys_mem_size(&mb), 0x10000);
	CHECK_EQ_INT(vml_memblock_clear_nomap(&mb, 0x4000, 0x2000, &diag), 0);
	LIST(MEM, {0x0, 0x10000, 0});
	/* marking across a hole splits both regions it touches */
	vml_memblock_remove(&mb, 0x8000, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x7000, 0x3000, &diag), 0);
	LIST(MEM, {0x0, 0x7000, 0}, {0x7000, 0x1000, NOMAP}, {0x9000, 0x1000, NOMAP},
	     {0xa000, 0x6000, 0});
}

static void test_mark_hotplug_and_flags_prevent_merge(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_mark_hotplug(&mb, 0x8000, 0x8000, &diag), 0);
	LIST(MEM, {0x0, 0x8000, 0}, {0x8000, 0x8000, HOTPLUG});
	/* touching, but flags differ: no merge */
	CHECK_EQ_INT(vml_memblock_add_flags(&mb, 0x10000, 0x1000, NOMAP, &diag), 0);
	LIST(MEM, {0x0, 0x8000, 0}, {0x8000, 0x8000, HOTPLUG}, {0x10000, 0x1000, NOMAP});
	/* add over existing regions: the covered parts keep their flags, only
	 * [0x11000,0x18000) is new (flags 0) */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x4000, 0x14000, &diag), 0);
	LIST(MEM, {0x0, 0x8000, 0}, {0x8000, 0x8000, HOTPLUG}, {0x10000, 0x1000, NOMAP},
	     {0x11000, 0x7000, 0});
	CHECK_EQ_INT(vml_memblock_clear_hotplug(&mb, 0x0, 0x20000, &diag), 0);
	LIST(MEM, {0x0, 0x10000, 0}, {0x10000, 0x1000, NOMAP}, {0x11000, 0x7000, 0});
	CHECK_EQ_INT(vml_memblock_add_flags(&mb, 0x20000, 0x1000, 0x100, &diag), VML_EINVAL);
}

static void test_storage_full_leaves_lists_unchanged(void)
{
	struct snap s;

	setup(2, 1, MAX64);
	vml_memblock_add(&mb, 0x0, 0x4000, &diag);
	vml_memblock_add(&mb, 0x8000, 0x4000, &diag);
	vml_memblock_reserve(&mb, 0x1000, 0x1000, &diag);
	take(&s);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x10000, 0x1000, &diag), VML_ENOMEM);
	CHECK(same(&s));
	/* a hole strictly inside a region needs one slot for the upper half */
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x1000, 0x1000, &diag), VML_ENOMEM);
	CHECK(same(&s));
	/* marking the middle splits at both edges: 2 + 2 > 2 */
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x9000, 0x1000, &diag), VML_ENOMEM);
	CHECK(same(&s));
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x3000, 0x1000, &diag), VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "memblock.reserved region array is full");
	CHECK(same(&s));
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x1400, 0x100, &diag), VML_ENOMEM);
	CHECK(same(&s));
	/* what needs no slot still works: a whole region, a head, a tail */
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x8000, 0x4000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x0, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x1800, 0x800, &diag), 0);
	LIST(MEM, {0x1000, 0x3000, 0}, {0x8000, 0x4000, NOMAP});
	LIST(RES, {0x1000, 0x800, 0});
	/* reserving right next to the only region still needs a slot first */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x1800, 0x800, &diag), VML_ENOMEM);
}

static void test_size_capped_at_32bit_phys_addr_max(void)
{
	setup(8, 8, MAX32);
	/* memblock_cap_size: min(0x80000000, 0xffffffff - 0x80000000) = 0x7fffffff */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x80000000, 0x80000000, &diag), 0);
	LIST(MEM, {0x80000000, 0x7fffffff, 0});
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0xffffffff);
	/* a base a 32-bit phys_addr_t cannot hold */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x100000000ULL, 0x1000, &diag), VML_ERANGE);
	CHECK_EQ_U64(diag.addr, 0x100000000ULL);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x100000000ULL, 0x1000, &diag), VML_ERANGE);
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x100000000ULL, 0x1000, &diag), VML_ERANGE);
	LIST(MEM, {0x80000000, 0x7fffffff, 0});
	/* remove up to "4 GiB" is capped the same way and leaves nothing */
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0xc0000000, 0x40000000, &diag), 0);
	LIST(MEM, {0x80000000, 0x40000000, 0});
}

static void test_size_capped_at_2_to_the_64(void)
{
	setup(8, 8, MAX64);
	/* 2^64 - 0x1000 + 0x1000 = 2^64: capped to ~0 - base = 0xfff, so the
	 * region ends at 2^64 - 1 (the last byte is never memory) */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0xfffffffffffff000ULL, 0x1000, &diag), 0);
	LIST(MEM, {0xfffffffffffff000ULL, 0xfff, 0});
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), MAX64);
	CHECK(vml_memblock_is_memory(&mb, 0xfffffffffffffffeULL));
	CHECK(!vml_memblock_is_memory(&mb, MAX64));
	/* a size of ~0 from 0: 0xffffffffffffffff bytes */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x0, MAX64, &diag), 0);
	LIST(MEM, {0x0, MAX64, 0});
}

static void test_enforce_memory_limit(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x10000000, 0x10000000, &diag); /* 256 MiB */
	vml_memblock_add(&mb, 0x40000000, 0x10000000, &diag); /* 256 MiB */
	vml_memblock_reserve(&mb, 0x10000000, 0x1000, &diag);
	vml_memblock_reserve(&mb, 0x47fff000, 0x2000, &diag); /* crosses the limit */
	vml_memblock_reserve(&mb, 0x49000000, 0x1000, &diag); /* above it */
	/* mem=0: no limit; mem=1 GiB >= 512 MiB of memory: nothing to do */
	CHECK_EQ_INT(vml_memblock_enforce_memory_limit(&mb, 0, &diag), 0);
	CHECK_EQ_INT(vml_memblock_enforce_memory_limit(&mb, 0x40000000, &diag), 0);
	CHECK_EQ_INT(MEM->cnt, 2);
	/* mem=384M: 256 MiB from bank 0, 128 MiB left -> max_addr =
	 * 0x40000000 + 0x08000000 = 0x48000000 */
	CHECK_EQ_INT(vml_memblock_enforce_memory_limit(&mb, 0x18000000, &diag), 0);
	LIST(MEM, {0x10000000, 0x10000000, 0}, {0x40000000, 0x08000000, 0});
	LIST(RES, {0x10000000, 0x1000, 0}, {0x47fff000, 0x1000, 0});
	CHECK_EQ_U64(vml_memblock_phys_mem_size(&mb), 0x18000000);
}

static void test_cap_memory_range_keeps_nomap_outside(void)
{
	struct snap s;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x10000, &diag);
	vml_memblock_add_flags(&mb, 0x20000, 0x10000, NOMAP, &diag);
	vml_memblock_mark_nomap(&mb, 0x4000, 0x4000, &diag);
	LIST(MEM, {0x0, 0x4000, 0}, {0x4000, 0x4000, NOMAP}, {0x8000, 0x8000, 0},
	     {0x20000, 0x10000, NOMAP});
	vml_memblock_reserve(&mb, 0x5000, 0x2000, &diag);
	vml_memblock_reserve(&mb, 0x9000, 0x2000, &diag);
	vml_memblock_reserve(&mb, 0x21000, 0x1000, &diag);
	/* storage: 4 regions + 2 splits (at 0x6000 and 0xa000) > 5 */
	mb.memory.max = 5;
	take(&s);
	CHECK_EQ_INT(vml_memblock_cap_memory_range(&mb, 0x6000, 0x4000, &diag), VML_ENOMEM);
	CHECK(same(&s));
	mb.memory.max = 8;
	/* keep [0x6000,0xa000): [0,0x4000) and [0xa000,0x10000) go; the NOMAP
	 * half [0x4000,0x6000) and [0x20000,0x30000) stay; the two NOMAP pieces
	 * split at 0x6000 are not merged again (memblock_cap_memory_range) */
	CHECK_EQ_INT(vml_memblock_cap_memory_range(&mb, 0x6000, 0x4000, &diag), 0);
	LIST(MEM, {0x4000, 0x2000, NOMAP}, {0x6000, 0x2000, NOMAP}, {0x8000, 0x2000, 0},
	     {0x20000, 0x10000, NOMAP});
	/* reserved outside [0x6000,0xa000) goes */
	LIST(RES, {0x6000, 0x1000, 0}, {0x9000, 0x1000, 0});
}

static void test_mem_limit_remove_map(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x80000000, 0x40000000, &diag);
	vml_memblock_add_flags(&mb, 0xc0000000, 0x100000, NOMAP, &diag);
	/* 256 MiB -> cap_memory_range(0, 0x80000000 + 0x10000000) */
	CHECK_EQ_INT(vml_memblock_mem_limit_remove_map(&mb, 0x10000000, &diag), 0);
	LIST(MEM, {0x80000000, 0x10000000, 0}, {0xc0000000, 0x100000, NOMAP});
}

static void test_trim_memory_to_2m(void)
{
	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x100000, 0x400000, &diag); /* [1M,5M) -> [2M,4M) */
	vml_memblock_add(&mb, 0x600000, 0x100000, &diag); /* [6M,7M) -> nothing */
	vml_memblock_add(&mb, 0x800000, 0x200000, &diag); /* [8M,10M) stays */
	CHECK_EQ_INT(vml_memblock_trim_memory(&mb, VML_SZ_2M, &diag), 0);
	LIST(MEM, {0x200000, 0x200000, 0}, {0x800000, 0x200000, 0});
	CHECK_EQ_INT(vml_memblock_trim_memory(&mb, 0x300000, &diag), VML_EINVAL);
}

static void test_alloc_top_down(void)
{
	vml_phys_t a = 0;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x100000, &diag);
	vml_memblock_reserve(&mb, 0xf0000, 0x10000, &diag);
	/* highest fit below 0xf0000: round_down(0xf0000 - 0x3000, 4K) = 0xed000 */
	CHECK_EQ_INT(
	    vml_memblock_alloc_try_nid(&mb, 0x3000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
	    0);
	CHECK_EQ_U64(a, 0xed000);
	LIST(RES, {0xed000, 0x13000, 0});
	/* round_down(0xed000 - 0x1000, 64K) = 0xe0000 */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, 0x10000, 0,
						VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0xe0000);
	/* alloc_try_nid lowers max_addr to current_limit: 0x80000 - 0x1000 */
	vml_memblock_set_current_limit(&mb, 0x80000);
	CHECK_EQ_INT(
	    vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
	    0);
	CHECK_EQ_U64(a, 0x7f000);
	/* phys_alloc_range with ANYWHERE ignores the limit: top free range
	 * [0xe1000,0xed000) -> 0xec000 */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE,
						   &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0xec000);
	/* ...but ACCESSIBLE means current_limit: below 0x7f000 -> 0x7e000 */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x1000, P4K, 0,
						   VML_MEMBLOCK_ALLOC_ACCESSIBLE, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x7e000);
	/* a window [0x10000, 0x20000): highest fit 0x1f000 */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x1000, P4K, 0x10000, 0x20000, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x1f000);
	LIST(RES, {0x1f000, 0x1000, 0}, {0x7e000, 0x2000, 0}, {0xe0000, 0x1000, 0},
	     {0xec000, 0x14000, 0});
}

static void test_alloc_bottom_up(void)
{
	vml_phys_t a = 0;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x100000, &diag);
	vml_memblock_set_bottom_up(&mb, true);
	/* never the first page: start = max(0, PAGE_SIZE) = 0x1000 */
	CHECK_EQ_INT(
	    vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
	    0);
	CHECK_EQ_U64(a, 0x1000);
	CHECK_EQ_INT(
	    vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
	    0);
	CHECK_EQ_U64(a, 0x2000);
	/* min_addr 0x50001 aligned 64K: round_up(0x50001, 0x10000) = 0x60000 */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, 0x10000, 0x50001,
						VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x60000);
	LIST(RES, {0x1000, 0x2000, 0}, {0x60000, 0x1000, 0});
	/* max_addr bounds the end: [0x3000, 0x5000) fits 0x2000 at 0x3000,
	 * 0x3000 bytes do not fit below 0x5000 -> min is never the issue:
	 * ENOMEM */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x3000, P4K, 0, 0x5000, &a, &diag),
		     VML_ENOMEM);
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x2000, P4K, 0, 0x5000, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x3000);
}

static void test_alloc_never_returns_the_first_page(void)
{
	vml_phys_t a = 0x1234;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x2000, &diag);
	/* only [0x1000,0x2000) may be used */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x2000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE,
						   &a, &diag),
		     VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "no free memory range fits the allocation");
	CHECK_EQ_U64(a, 0x1234);
	vml_memblock_set_bottom_up(&mb, true);
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE,
						   &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x1000);
}

static void test_alloc_drops_min_addr_when_it_cannot_be_met(void)
{
	vml_phys_t a = 0;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x100000, &diag);
	vml_memblock_reserve(&mb, 0x80000, 0x80000, &diag);
	/* nothing free at or above 0x80000: memblock_alloc_internal retries
	 * from 0 and finds the top of [0x1000,0x80000): 0x7f000 */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0x80000,
						VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x7f000);
	/* memblock_phys_alloc_range has no such retry */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x1000, P4K, 0x80000,
						   VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
		     VML_ENOMEM);
}

static void test_alloc_failure_leaves_lists_unchanged(void)
{
	struct snap s;
	vml_phys_t a = 0x55;

	setup(8, 1, MAX64);
	vml_memblock_add(&mb, 0x0, 0x100000, &diag);
	vml_memblock_reserve(&mb, 0x10000, 0x1000, &diag);
	take(&s);
	/* a fit exists, but reserving it needs a second slot */
	CHECK_EQ_INT(
	    vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &a, &diag),
	    VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "memblock.reserved region array is full");
	CHECK_EQ_U64(diag.addr, 0xff000);
	CHECK(same(&s));
	/* too big */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x200000, P4K, 0, VML_MEMBLOCK_ALLOC_ANYWHERE,
						&a, &diag),
		     VML_ENOMEM);
	CHECK(same(&s));
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0, P4K, 0, 0, &a, &diag), VML_EINVAL);
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, 0x3000, 0, 0, &a, &diag), VML_EINVAL);
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, 0, 0, 0, &a, &diag), VML_EINVAL);
	CHECK(same(&s));
	CHECK_EQ_U64(a, 0x55);
}

static void test_alloc_skips_nomap_and_prefers_mirror(void)
{
	vml_phys_t a = 0;

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x0, 0x100000, &diag);
	vml_memblock_mark_nomap(&mb, 0xf0000, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0xef000); /* top of the mappable part */
	vml_memblock_mark_mirror(&mb, 0x10000, 0x10000, &diag);
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x1f000); /* top of the mirrored part */
	/* too big for the mirror: falls back to any memory */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x20000, P4K, 0, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0xcf000); /* 0xef000 - 0x20000 */
}

/* Collect an iteration into @out; returns the count. */
typedef bool (*iter_fn)(const struct vml_memblock *, struct vml_memblock_iter *, uint32_t,
			vml_phys_t *, vml_phys_t *);

static unsigned int collect(iter_fn fn, uint32_t flags, uint64_t out[][2])
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	unsigned int n = 0;
	vml_phys_t s, e;

	while (n < 16 && fn(&mb, &it, flags, &s, &e)) {
		out[n][0] = s;
		out[n][1] = e;
		n++;
	}
	return n;
}

#define RANGES(fn, flags, ...)                                                                     \
	do {                                                                                       \
		static const uint64_t rwant[][2] = {__VA_ARGS__};                                  \
		uint64_t rgot[16][2];                                                              \
		unsigned int rn = collect(fn, flags, rgot);                                        \
		CHECK_EQ_INT(rn, VML_ARRAY_SIZE(rwant));                                           \
		for (unsigned int ri = 0; ri < rn && ri < VML_ARRAY_SIZE(rwant); ri++) {           \
			CHECK_EQ_U64(rgot[ri][0], rwant[ri][0]);                                   \
			CHECK_EQ_U64(rgot[ri][1], rwant[ri][1]);                                   \
		}                                                                                  \
	} while (0)

static bool reserved_iter(const struct vml_memblock *m, struct vml_memblock_iter *it,
			  uint32_t flags, vml_phys_t *s, vml_phys_t *e)
{
	(void)flags;
	return vml_memblock_next_reserved_range(m, it, s, e);
}

static void test_iterators_forward_and_reverse(void)
{
	uint64_t got[16][2];

	setup(8, 8, MAX64);
	vml_memblock_add(&mb, 0x1000, 0x4000, &diag);		     /* [0x1000,0x5000) */
	vml_memblock_add_flags(&mb, 0x5000, 0x1000, NOMAP, &diag);   /* [0x5000,0x6000) */
	vml_memblock_add_flags(&mb, 0x6000, 0x3000, HOTPLUG, &diag); /* [0x6000,0x9000) */
	vml_memblock_add(&mb, 0xa000, 0x2000, &diag);		     /* [0xa000,0xc000) */
	vml_memblock_reserve(&mb, 0x2000, 0x1000, &diag);
	vml_memblock_reserve(&mb, 0x7000, 0x800, &diag);
	vml_memblock_reserve(&mb, 0xd000, 0x1000, &diag); /* outside memory */
	RANGES(vml_memblock_next_mem_range, 0, {0x1000, 0x5000}, {0x6000, 0x9000},
	       {0xa000, 0xc000});
	RANGES(vml_memblock_next_mem_range, NOMAP, {0x1000, 0x5000}, {0x5000, 0x6000},
	       {0x6000, 0x9000}, {0xa000, 0xc000});
	RANGES(vml_memblock_prev_mem_range, 0, {0xa000, 0xc000}, {0x6000, 0x9000},
	       {0x1000, 0x5000});
	RANGES(reserved_iter, 0, {0x2000, 0x3000}, {0x7000, 0x7800}, {0xd000, 0xe000});
	/* memory minus reserved, NOMAP skipped, cut at region boundaries */
	RANGES(vml_memblock_next_free_range, 0, {0x1000, 0x2000}, {0x3000, 0x5000},
	       {0x6000, 0x7000}, {0x7800, 0x9000}, {0xa000, 0xc000});
	RANGES(vml_memblock_prev_free_range, 0, {0xa000, 0xc000}, {0x7800, 0x9000},
	       {0x6000, 0x7000}, {0x3000, 0x5000}, {0x1000, 0x2000});
	RANGES(vml_memblock_next_free_range, NOMAP, {0x1000, 0x2000}, {0x3000, 0x5000},
	       {0x5000, 0x6000}, {0x6000, 0x7000}, {0x7800, 0x9000}, {0xa000, 0xc000});
	/* MIRROR asked: no region has it */
	CHECK_EQ_INT(collect(vml_memblock_next_free_range, VML_MEMBLOCK_MIRROR, got), 0);
	setup(8, 8, MAX64);
	CHECK_EQ_INT(collect(vml_memblock_next_free_range, 0, got), 0);
	CHECK_EQ_INT(collect(vml_memblock_prev_free_range, 0, got), 0);
}

static void test_start_end_of_dram_and_sizes(void)
{
	setup(8, 8, MAX64);
	CHECK_EQ_U64(vml_memblock_start_of_DRAM(&mb), 0);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0);
	CHECK_EQ_U64(vml_memblock_phys_mem_size(&mb), 0);
	vml_memblock_add_flags(&mb, 0x80000000, 0x100000, NOMAP, &diag);
	vml_memblock_add(&mb, 0x80100000, 0x3ff00000, &diag);
	vml_memblock_add_flags(&mb, 0x100000000ULL, 0x200000, NOMAP, &diag);
	/* NOMAP regions count: DRAM is [0x80000000, 0x100200000) */
	CHECK_EQ_U64(vml_memblock_start_of_DRAM(&mb), 0x80000000);
	CHECK_EQ_U64(vml_memblock_end_of_DRAM(&mb), 0x100200000ULL);
	/* 0x100000 + 0x3ff00000 + 0x200000 = 0x40200000 */
	CHECK_EQ_U64(vml_memblock_phys_mem_size(&mb), 0x40200000);
	CHECK(vml_memblock_is_region_memory(&mb, 0x80100000, 0x1000));
	CHECK(!vml_memblock_is_region_memory(&mb, 0x800ff000, 0x2000)); /* spans two */
}

struct trace_log {
	char text[1024];
	size_t len;
};

static void record(void *ctx, const char *op, vml_phys_t base, vml_phys_t last, uint32_t flags)
{
	struct trace_log *log = ctx;

	log->len +=
	    (size_t)snprintf(log->text + log->len, sizeof(log->text) - log->len,
			     "%s: [0x%" PRIx64 "-0x%" PRIx64 "] %x\n", op, base, last, flags);
}

/* An emptied list holds the kernel's empty entry in regions[0]: zero base,
 * size and flags, node MAX_NUMNODES (memblock_remove_region(), v6.12), the
 * way tools/testing/memblock's memblock_remove_only_region_check() and
 * memblock_free_only_region_check() read it. setup() fills the storage with
 * 0xa5 so a stale region cannot pass. */
static void check_empty_entry_at(int line, const struct vml_memblock_type *t)
{
	const struct vml_memblock_region *r = &t->regions[0];

	if (t->cnt || t->total_size || r->base || r->size || r->flags || r->nid != 16) {
		fprintf(stderr,
			"  %s:%d: %s: cnt %u, regions[0] [0x%" PRIx64 " +0x%" PRIx64
			" f%x nid %d], want cnt 0 and [0 +0 f0 nid 16]\n",
			__FILE__, line, t->name, t->cnt, r->base, r->size, r->flags, r->nid);
		check_failures_in_test++;
	}
}

static void test_emptied_list_has_the_kernels_empty_entry(void)
{
	setup(4, 4, MAX64);
	/* remove, the whole region and more */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x200000, 0x4000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_remove(&mb, 0x100000, 0x200000, &diag), 0);
	check_empty_entry_at(__LINE__, MEM);
	/* free, exactly the region */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x300000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x300000, 0x1000, &diag), 0);
	check_empty_entry_at(__LINE__, RES);
	/* trim: 0x201000 + 0x1000 rounds to nothing at 2M */
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x201000, 0x1000, 3, 0, &diag), 0);
	CHECK_EQ_INT(mb.memory.regions[0].nid, 3);
	CHECK_EQ_INT(vml_memblock_trim_memory(&mb, VML_SZ_2M, &diag), 0);
	check_empty_entry_at(__LINE__, MEM);
	/* and the empty list takes a new region as before */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x400000, 0x1000, &diag), 0);
	LIST(MEM, {0x400000, 0x1000, 0});
}

static void test_trace_uses_kernel_names_and_inclusive_ranges(void)
{
	struct trace_log log = {{0}, 0};
	vml_phys_t a;

	setup(8, 1, MAX32);
	mb.trace = record;
	mb.trace_ctx = &log;
	vml_memblock_add(&mb, 0x80000000, 0x100000, &diag);
	vml_memblock_reserve(&mb, 0x80000000, 0x1000, &diag);
	vml_memblock_mark_nomap(&mb, 0x80010000, 0x1000, &diag);
	vml_memblock_clear_nomap(&mb, 0x80010000, 0x1000, &diag);
	vml_memblock_mark_hotplug(&mb, 0x80020000, 0x1000, &diag);
	vml_memblock_free(&mb, 0x80000000, 0x1000, &diag);
	vml_memblock_alloc_try_nid(&mb, 0x2000, P4K, 0, 0, &a, &diag);
	vml_memblock_remove(&mb, 0x80080000, 0x1000, &diag);
	/* a failure is not traced: the reserved list (max 1) is full */
	vml_memblock_reserve(&mb, 0x80000000, 0x1000, &diag);
	/* memblock_dbg's end wraps in a 32-bit phys_addr_t: 0xfffff000 + 0x2000 - 1 */
	vml_memblock_add(&mb, 0xfffff000, 0x2000, &diag);
	CHECK_EQ_STR(log.text, "memblock_add: [0x80000000-0x800fffff] 0\n"
			       "memblock_reserve: [0x80000000-0x80000fff] 0\n"
			       "memblock_mark_nomap: [0x80010000-0x80010fff] 4\n"
			       "memblock_clear_nomap: [0x80010000-0x80010fff] 4\n"
			       "memblock_mark_hotplug: [0x80020000-0x80020fff] 1\n"
			       "memblock_phys_free: [0x80000000-0x80000fff] 0\n"
			       "memblock_reserve: [0x800fe000-0x800fffff] 0\n"
			       "memblock_remove: [0x80080000-0x80080fff] 0\n"
			       "memblock_add: [0xfffff000-0xfff] 0\n");
}

int main(void)
{
	RUN_TEST(test_add_merges_adjacent_ranges);
	RUN_TEST(test_add_merges_overlapping_and_contained);
	RUN_TEST(test_add_keeps_disjoint_ranges_sorted);
	RUN_TEST(test_add_needs_slots_for_pieces_before_merge);
	RUN_TEST(test_add_just_below_a_region);
	RUN_TEST(test_remove_splits_one_region_into_two);
	RUN_TEST(test_remove_spanning_several_regions);
	RUN_TEST(test_reserve_and_free);
	RUN_TEST(test_nomap_splits_a_region_and_merges_back);
	RUN_TEST(test_mark_hotplug_and_flags_prevent_merge);
	RUN_TEST(test_storage_full_leaves_lists_unchanged);
	RUN_TEST(test_size_capped_at_32bit_phys_addr_max);
	RUN_TEST(test_size_capped_at_2_to_the_64);
	RUN_TEST(test_enforce_memory_limit);
	RUN_TEST(test_cap_memory_range_keeps_nomap_outside);
	RUN_TEST(test_mem_limit_remove_map);
	RUN_TEST(test_trim_memory_to_2m);
	RUN_TEST(test_alloc_top_down);
	RUN_TEST(test_alloc_bottom_up);
	RUN_TEST(test_alloc_never_returns_the_first_page);
	RUN_TEST(test_alloc_drops_min_addr_when_it_cannot_be_met);
	RUN_TEST(test_alloc_failure_leaves_lists_unchanged);
	RUN_TEST(test_alloc_skips_nomap_and_prefers_mirror);
	RUN_TEST(test_iterators_forward_and_reverse);
	RUN_TEST(test_start_end_of_dram_and_sizes);
	RUN_TEST(test_trace_uses_kernel_names_and_inclusive_ranges);
	RUN_TEST(test_emptied_list_has_the_kernels_empty_entry);
	return CHECK_DONE("test_memblock");
}

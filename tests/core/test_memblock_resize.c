/* SPDX-License-Identifier: MIT */
/*
 * Tests of memblock array doubling (memblock_allow_resize() /
 * memblock_double_array()), memblock_overlaps_region() and node ids
 * (memblock_add_node(), memblock_set_node(), the *_nid allocators), against
 * the rules of Linux mm/memblock.c v6.12. The cases follow the behaviours
 * that tools/testing/memblock (basic_api.c, alloc_nid_api.c,
 * alloc_exact_nid_api.c, v6.12) checks, on small arrays so that every list
 * can be worked out by hand. struct memblock_region is 24 bytes (64-bit
 * phys_addr_t), PAGE_SIZE 4 KiB: an array of 4 regions doubled to 8 takes
 * PAGE_ALIGN(8 * 24 = 192) = 0x1000 bytes, 8 -> 16 takes PAGE_ALIGN(384) =
 * 0x1000 too.
 */
#include "check.h"
#include "vmlayout/memblock.h"

#define P4K 0x1000ULL
#define MAX64 (~0ULL)
#define NN VML_MAX_NUMNODES_DEFAULT /* the nid of memblock_add/reserve: 16 */
#define NO VML_NUMA_NO_NODE

struct rgn {
	uint64_t base, size;
	uint32_t flags;
	int nid;
};

static struct vml_memblock_region mem_store[4], res_store[4];
static struct vml_memblock mb;
static struct vml_diag diag;

/* The "second caller buffer" of the resize hook: a bump arena. */
static struct vml_memblock_region arena[4096];
static unsigned int arena_used;
static unsigned int grow_calls;
static bool grow_refuses;

static struct vml_memblock_region *grow(void *ctx, const struct vml_memblock_type *type,
					unsigned int new_max)
{
	struct vml_memblock_region *p = &arena[arena_used];

	(void)ctx;
	grow_calls++;
	if (grow_refuses || arena_used + new_max > sizeof(arena) / sizeof(arena[0]))
		return NULL;
	arena_used += new_max;
	memcpy(p, type->regions, type->max * sizeof(*p));
	memset(p + type->max, 0xa5, (new_max - type->max) * sizeof(*p));
	return p;
}

struct trace_log {
	char text[2048];
	size_t len;
};

static struct trace_log log_;

static void record(void *ctx, const char *op, vml_phys_t base, vml_phys_t last, uint32_t flags)
{
	struct trace_log *log = ctx;

	(void)flags;
	log->len += (size_t)snprintf(log->text + log->len, sizeof(log->text) - log->len,
				     "%s: [0x%" PRIx64 "-0x%" PRIx64 "]\n", op, base, last);
}

static void setup(bool resize)
{
	memset(mem_store, 0xa5, sizeof(mem_store));
	memset(res_store, 0xa5, sizeof(res_store));
	memset(&diag, 0, sizeof(diag));
	memset(&log_, 0, sizeof(log_));
	arena_used = grow_calls = 0;
	grow_refuses = false;
	vml_memblock_init(&mb, mem_store, 4, res_store, 4, MAX64, P4K);
	mb.trace = record;
	mb.trace_ctx = &log_;
	if (resize)
		vml_memblock_allow_resize(&mb, grow, NULL);
}

static void check_list_at(int line, const struct vml_memblock_type *t, const struct rgn *want,
			  unsigned int n)
{
	uint64_t total = 0;
	int bad = t->cnt != n;

	for (unsigned int i = 0; !bad && i < n; i++) {
		bad |= t->regions[i].base != want[i].base || t->regions[i].size != want[i].size ||
		       t->regions[i].flags != want[i].flags || t->regions[i].nid != want[i].nid;
		total += want[i].size;
	}
	bad |= !bad && t->total_size != total;
	if (!bad)
		return;
	fprintf(stderr, "  %s:%d: %s list differs; got cnt %u total 0x%" PRIx64 ":\n", __FILE__,
		line, t->name, t->cnt, t->total_size);
	for (unsigned int i = 0; i < t->cnt; i++)
		fprintf(stderr, "    [0x%" PRIx64 " +0x%" PRIx64 " f%x n%d]\n", t->regions[i].base,
			t->regions[i].size, t->regions[i].flags, t->regions[i].nid);
	fprintf(stderr, "  want %u:\n", n);
	for (unsigned int i = 0; i < n; i++)
		fprintf(stderr, "    [0x%" PRIx64 " +0x%" PRIx64 " f%x n%d]\n", want[i].base,
			want[i].size, want[i].flags, want[i].nid);
	check_failures_in_test++;
}

#define LIST(t, ...)                                                                               \
	check_list_at(__LINE__, (t), (const struct rgn[]){__VA_ARGS__},                            \
		      sizeof((const struct rgn[]){__VA_ARGS__}) / sizeof(struct rgn))
#define MEM (&mb.memory)
#define RES (&mb.reserved)

/* basic_api.c memblock_add_many_check: the memory array doubles into free
 * memory and that memory shows up as reserved; a second doubling frees the
 * first allocated array and reserves the new one. */
static void test_memory_doubles_and_reserves_its_new_array(void)
{
	setup(true);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x10000, 0x10000, &diag), 0);
	for (uint64_t b = 0x30000; b <= 0x34000; b += 0x2000)
		CHECK_EQ_INT(vml_memblock_add(&mb, b, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.memory.cnt, 4);
	CHECK_EQ_INT(grow_calls, 0);
	/* 5th region: cnt 4 + 1 > max 4 -> double. memblock_find_in_range(0,
	 * ANYWHERE, 0x1000, 0x1000) top-down: the highest free page is the top
	 * of [0x34000, 0x35000) (0x36000 is not memory yet): 0x35000 - 0x1000. */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x36000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.memory.max, 8);
	CHECK(mb.memory.regions == &arena[0]);
	CHECK(mb.memory.array_allocated);
	CHECK_EQ_U64(mb.memory.array_base, 0x34000);
	CHECK_EQ_U64(mb.memory.array_alloc_size, 0x1000);
	LIST(MEM, {0x10000, 0x10000, 0, NN}, {0x30000, 0x1000, 0, NN}, {0x32000, 0x1000, 0, NN},
	     {0x34000, 0x1000, 0, NN}, {0x36000, 0x1000, 0, NN});
	LIST(RES, {0x34000, 0x1000, 0, NN});
	/* "doubled to 8 at [addr, addr + 8 * 24 - 1]", then the reserve, then
	 * the add's own line (traced after success). */
	CHECK_EQ_STR(log_.text + 0, "memblock_add: [0x10000-0x1ffff]\n"
				    "memblock_add: [0x30000-0x30fff]\n"
				    "memblock_add: [0x32000-0x32fff]\n"
				    "memblock_add: [0x34000-0x34fff]\n"
				    "memblock_double_array: [0x34000-0x340bf]\n"
				    "memblock_reserve: [0x34000-0x34fff]\n"
				    "memblock_add: [0x36000-0x36fff]\n");

	/* Fill to 8, then the 9th doubles to 16 (384 bytes, one page): the
	 * highest free page is now [0x3c000, 0x3d000); the array at 0x34000
	 * was allocated, so it is freed. */
	for (uint64_t b = 0x38000; b <= 0x3c000; b += 0x2000)
		vml_memblock_add(&mb, b, 0x1000, &diag);
	CHECK_EQ_INT(mb.memory.cnt, 8);
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x3e000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.memory.max, 16);
	CHECK_EQ_INT(mb.memory.cnt, 9);
	CHECK_EQ_U64(mb.memory.array_base, 0x3c000);
	LIST(RES, {0x3c000, 0x1000, 0, NN});
	/* 0x10000 + 8 pages */
	CHECK_EQ_U64(mb.memory.total_size, 0x18000);
	/* add still works below everything (memblock_add_many_check's last step) */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x4000, 0x4000, &diag), 0);
	CHECK_EQ_U64(mb.memory.regions[0].base, 0x4000);
	CHECK_EQ_INT(mb.memory.cnt, 10);
}

/* basic_api.c memblock_reserve_many_check: the reserved array doubles; the
 * range being reserved is not reserved yet, so the new array is kept off it:
 * the search starts above it and, nothing fitting there, falls back below. */
static void test_reserved_doubles_around_the_range_being_reserved(void)
{
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag); /* [1 MiB, 2 MiB) */
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		CHECK_EQ_INT(vml_memblock_reserve(&mb, b, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.reserved.cnt, 4);
	/* reserve the top page [0x1ff000, 0x200000): double reserved; search
	 * [0x200000, ANYWHERE) finds nothing (memory ends there), then
	 * [0, 0x1ff000) top-down: 0x1ff000 - 0x1000 = 0x1fe000. The array and
	 * the page touch and merge. */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x1ff000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.reserved.max, 8);
	CHECK_EQ_U64(mb.reserved.array_base, 0x1fe000);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN}, {0x130000, 0x1000, 0, NN},
	     {0x140000, 0x1000, 0, NN}, {0x1fe000, 0x2000, 0, NN});
	CHECK_EQ_INT(mb.memory.max, 4); /* memory did not grow */
	/* memblock_reserve_many_check's last step: reserve below all */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x104000, 0x4000, &diag), 0);
	CHECK_EQ_U64(mb.reserved.regions[0].base, 0x104000);
	CHECK_EQ_INT(mb.reserved.cnt, 6);
	/* 4 pages + 2 pages (array and page) + 4 pages = 10 pages */
	CHECK_EQ_U64(mb.reserved.total_size, 0xa000);
}

/* The new reserved array is searched for above the range first: reserving
 * a low page puts the array at the top of memory. */
static void test_reserved_array_goes_above_the_range_when_it_fits(void)
{
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	/* [0x101000, ANYWHERE): top-down, 0x200000 - 0x1000 */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x100000, 0x1000, &diag), 0);
	LIST(RES, {0x100000, 0x1000, 0, NN}, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN},
	     {0x130000, 0x1000, 0, NN}, {0x140000, 0x1000, 0, NN}, {0x1ff000, 0x1000, 0, NN});
	/* bottom-up: the lowest free page at or above 0x101000 is 0x101000
	 * itself, after setting up the same state again */
	setup(true);
	vml_memblock_set_bottom_up(&mb, true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x100000, 0x1000, &diag), 0);
	LIST(RES, {0x100000, 0x2000, 0, NN}, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN},
	     {0x130000, 0x1000, 0, NN}, {0x140000, 0x1000, 0, NN});
}

/* memblock_isolate_range() doubles while cnt + 2 > max whether or not it will
 * split: freeing a whole region from a list of 3 in 4 slots doubles it. */
static void test_isolation_doubles_at_cnt_plus_two(void)
{
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x130000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	/* 3 + 2 > 4: double reserved, keeping off [0x120000, 0x121000):
	 * search [0x121000, ANYWHERE) top-down -> 0x1ff000 */
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x120000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.reserved.max, 8);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x130000, 0x1000, 0, NN}, {0x1ff000, 0x1000, 0, NN});

	/* Without memblock_allow_resize() the same free needs no slot. */
	setup(false);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x130000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_free(&mb, 0x120000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.reserved.max, 4);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x130000, 0x1000, 0, NN});

	/* mark_nomap on memory of 3 regions: memory doubles, its array is
	 * reserved at the top of free memory (0x1ff000), then the mark splits. */
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	vml_memblock_add(&mb, 0x300000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x400000, 0x1000, &diag);
	CHECK_EQ_INT(vml_memblock_mark_nomap(&mb, 0x180000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.memory.max, 8);
	/* memblock_find_in_range(0, ...) top-down: [0x400000, 0x401000) is the
	 * highest free page */
	LIST(RES, {0x400000, 0x1000, 0, NN});
	LIST(MEM, {0x100000, 0x80000, 0, NN}, {0x180000, 0x1000, VML_MEMBLOCK_NOMAP, NN},
	     {0x181000, 0x7f000, 0, NN}, {0x300000, 0x1000, 0, NN}, {0x400000, 0x1000, 0, NN});
}

/* A doubling that cannot be placed, or whose hook has no storage, fails the
 * operation with the lists as they were (the kernel would panic). */
static void test_failed_doubling_changes_nothing(void)
{
	struct vml_memblock before;

	setup(true);
	/* memory is only the first page, which memblock never hands out */
	vml_memblock_add(&mb, 0x0, 0x1000, &diag);
	for (uint64_t b = 0x10000; b <= 0x30000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x100, &diag);
	vml_memblock_reserve(&mb, 0x40000, 0x100, &diag);
	memcpy(&before, &mb, sizeof(mb));
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x50000, 0x100, &diag), VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "memblock: Failed to double the region array: no room");
	CHECK(!memcmp(&before, &mb, sizeof(mb)));
	CHECK_EQ_INT(grow_calls, 0);

	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	grow_refuses = true;
	memcpy(&before, &mb, sizeof(mb));
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x150000, 0x1000, &diag), VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "memblock: the resize hook gave no storage");
	CHECK(!memcmp(&before, &mb, sizeof(mb)));
	CHECK_EQ_INT(grow_calls, 1);
}

/* An allocation whose reservation overflows the reserved list: the list
 * doubles first (its array placed by the same top-down search), then the
 * allocation is placed in what is left. */
static void test_alloc_doubles_reserved_first(void)
{
	vml_phys_t a = 0;

	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	/* find: 0x200000 - 0x2000 = 0x1fe000; reserving it doubles reserved,
	 * keeping off [0x1fe000, 0x200000): nothing above, below top-down
	 * 0x1fe000 - 0x1000 = 0x1fd000; then 0x1fe000 merges with it. */
	CHECK_EQ_INT(vml_memblock_phys_alloc_range(&mb, 0x2000, P4K, 0, MAX64, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x1fe000);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN}, {0x130000, 0x1000, 0, NN},
	     {0x140000, 0x1000, 0, NN}, {0x1fd000, 0x3000, 0, NN});
}

/* A memory doubling whose reservation overflows the reserved list doubles
 * that too: the new memory array is reserved only after reserved has grown
 * (its own array placed below the memory array, top-down, off nothing but
 * the range being reserved). */
static void test_memory_doubling_can_double_reserved(void)
{
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	vml_memblock_add(&mb, 0x300000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x500000, 0x1000, &diag);
	vml_memblock_add(&mb, 0x700000, 0x10000, &diag);
	for (uint64_t b = 0x110000; b <= 0x140000; b += 0x10000)
		vml_memblock_reserve(&mb, b, 0x1000, &diag);
	/* memory 4/4, reserved 4/4. Adding a 5th memory region: the memory
	 * array goes to 0x70f000 (top page of [0x700000, 0x710000)); reserving
	 * it needs a 5th reserved slot: reserved doubles keeping off
	 * [0x70f000, 0x710000): above nothing, below top-down 0x70e000. The
	 * two arrays touch and merge. */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x900000, 0x1000, &diag), 0);
	CHECK_EQ_INT(mb.memory.max, 8);
	CHECK_EQ_INT(mb.reserved.max, 8);
	CHECK_EQ_U64(mb.memory.array_base, 0x70f000);
	CHECK_EQ_U64(mb.reserved.array_base, 0x70e000);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN}, {0x130000, 0x1000, 0, NN},
	     {0x140000, 0x1000, 0, NN}, {0x70e000, 0x2000, 0, NN});
	CHECK_EQ_INT(mb.memory.cnt, 5);
}

/* The kernel's order in memblock_double_array() (v6.12): find the new array,
 * free the old one, then reserve the new one. When freeing the old memory
 * array makes the reserved list double (memblock_phys_free ->
 * memblock_isolate_range: cnt 3 + 2 > max 4), the new reserved array is
 * searched for while the new memory array is not reserved yet -- and lands on
 * it. The model keeps the kernel's placement: both arrays at one address. */
static void test_freeing_the_old_memory_array_can_alias_the_arrays(void)
{
	setup(true);
	vml_memblock_add(&mb, 0x100000, 0x100000, &diag);
	for (uint64_t b = 0x300000; b <= 0x600000; b += 0x100000)
		vml_memblock_add(&mb, b, 0x1000, &diag);
	/* the 5th region doubled memory to the top free page, 0x500000 */
	CHECK_EQ_U64(mb.memory.array_base, 0x500000);
	vml_memblock_reserve(&mb, 0x110000, 0x1000, &diag);
	vml_memblock_reserve(&mb, 0x120000, 0x1000, &diag);
	for (uint64_t b = 0x700000; b <= 0x900000; b += 0x100000)
		vml_memblock_add(&mb, b, 0x1000, &diag);
	CHECK_EQ_INT(mb.memory.cnt, 8);
	CHECK_EQ_INT(mb.reserved.cnt, 3);
	log_.len = 0;
	log_.text[0] = 0;
	/* memory 8 -> 16: 0x900000 (highest free page). Freeing 0x500000
	 * doubles reserved, off [0x500000, 0x501000): highest free page above
	 * it is 0x900000 again. */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0xa00000, 0x1000, &diag), 0);
	CHECK_EQ_U64(mb.memory.array_base, 0x900000);
	CHECK_EQ_U64(mb.reserved.array_base, 0x900000);
	CHECK_EQ_INT(mb.memory.max, 16);
	CHECK_EQ_INT(mb.reserved.max, 8);
	LIST(RES, {0x110000, 0x1000, 0, NN}, {0x120000, 0x1000, 0, NN}, {0x900000, 0x1000, 0, NN});
	/* 16 * 24 = 0x180 bytes, 8 * 24 = 0xc0 bytes */
	CHECK_EQ_STR(log_.text, "memblock_double_array: [0x900000-0x90017f]\n"
				"memblock_double_array: [0x900000-0x9000bf]\n"
				"memblock_reserve: [0x900000-0x900fff]\n"
				"memblock_phys_free: [0x500000-0x500fff]\n"
				"memblock_reserve: [0x900000-0x900fff]\n"
				"memblock_add: [0xa00000-0xa00fff]\n");
}

/* memblock_overlaps_region() on either list, size capped, zero size. */
static void test_overlaps_region(void)
{
	setup(false);
	vml_memblock_add(&mb, 0x1000, 0x2000, &diag);			/* [0x1000, 0x3000) */
	vml_memblock_reserve(&mb, 0x8000, 0x1000, &diag);		/* [0x8000, 0x9000) */
	CHECK(!vml_memblock_overlaps_region(&mb, MEM, 0x0, 0x1000));	/* touches below */
	CHECK(vml_memblock_overlaps_region(&mb, MEM, 0x0, 0x1001));	/* one byte in */
	CHECK(vml_memblock_overlaps_region(&mb, MEM, 0x2fff, 0x10));	/* last byte */
	CHECK(!vml_memblock_overlaps_region(&mb, MEM, 0x3000, 0x10));	/* touches above */
	CHECK(vml_memblock_overlaps_region(&mb, MEM, 0x0, 0x10000));	/* covers it */
	CHECK(vml_memblock_overlaps_region(&mb, MEM, 0x1800, 0));	/* 0 size inside */
	CHECK(!vml_memblock_overlaps_region(&mb, MEM, 0x1000, 0));	/* 0 size at base */
	CHECK(!vml_memblock_overlaps_region(&mb, MEM, 0x8000, 0x1000)); /* that's reserved */
	CHECK(vml_memblock_overlaps_region(&mb, RES, 0x8000, 0x1000));
	/* base + size would wrap: capped to MAX64 - 0x7000, still overlaps */
	CHECK(vml_memblock_overlaps_region(&mb, RES, 0x7000, MAX64));
	CHECK(!vml_memblock_overlaps_region(&mb, RES, 0x9000, MAX64));
}

/* memblock_add_node() and memblock_set_node(): regions of different nodes
 * don't merge; set_node splits at the edges and merges equal neighbours. */
static void test_nodes_split_and_merge(void)
{
	setup(true);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x100000, 0x100000, 0, 0, &diag), 0);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x200000, 0x100000, 1, 0, &diag), 0);
	LIST(MEM, {0x100000, 0x100000, 0, 0}, {0x200000, 0x100000, 0, 1});
	/* plain memblock_add touching node 1: MAX_NUMNODES, no merge */
	vml_memblock_add(&mb, 0x300000, 0x100000, &diag);
	LIST(MEM, {0x100000, 0x100000, 0, 0}, {0x200000, 0x100000, 0, 1},
	     {0x300000, 0x100000, 0, NN});
	/* set [0x280000, 0x400000) to node 1: isolation splits 0x200000 at
	 * 0x280000 (cnt 3 + 2 > 4: memory doubles first, array at the top free
	 * page 0x3ff000), then [0x200000,0x300000) and [0x300000,0x400000),
	 * both node 1, merge. */
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0x280000, 0x180000, MEM, 1, &diag), 0);
	LIST(MEM, {0x100000, 0x100000, 0, 0}, {0x200000, 0x200000, 0, 1});
	LIST(RES, {0x3ff000, 0x1000, 0, NN});
	/* the middle of node 0 to node 2: three regions */
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0x140000, 0x40000, MEM, 2, &diag), 0);
	LIST(MEM, {0x100000, 0x40000, 0, 0}, {0x140000, 0x40000, 0, 2}, {0x180000, 0x80000, 0, 0},
	     {0x200000, 0x200000, 0, 1});
	/* and back: merges into one again */
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0x140000, 0x40000, MEM, 0, &diag), 0);
	LIST(MEM, {0x100000, 0x100000, 0, 0}, {0x200000, 0x200000, 0, 1});
	/* set_node on the reserved list */
	CHECK_EQ_INT(vml_memblock_set_node(&mb, 0x3ff000, 0x1000, RES, 1, &diag), 0);
	LIST(RES, {0x3ff000, 0x1000, 0, 1});
}

/* Two nodes: node 0 [1 MiB, 2 MiB), node 1 [2 MiB, 3 MiB). */
static void two_nodes(void)
{
	setup(true);
	vml_memblock_add_node(&mb, 0x100000, 0x100000, 0, 0, &diag);
	vml_memblock_add_node(&mb, 0x200000, 0x100000, 1, 0, &diag);
}

/* alloc_nid_api.c, the NUMA cases (v6.12): top-down on the requested node
 * ends at the node's end; a node without room falls back to any node
 * (highest free range), unless exact_nid; NUMA_NO_NODE means all memory;
 * the reservation itself has no node (MAX_NUMNODES). */
static void test_alloc_on_a_node_and_its_fallbacks(void)
{
	vml_phys_t a = 0;

	two_nodes();
	/* numa_simple: node 0, top-down: 0x200000 - 0x1000 */
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x1000, P4K, 0, MAX64, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x1ff000);
	LIST(RES, {0x1ff000, 0x1000, 0, NN});
	/* NUMA_NO_NODE: top of all memory, 0x300000 - 0x1000 */
	CHECK_EQ_INT(vml_memblock_alloc_try_nid(&mb, 0x1000, P4K, 0, MAX64, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x2ff000);
	/* 0x180000 fits neither node's free range (node 0 [0x100000,
	 * 0x1ff000), node 1 [0x200000, 0x2ff000): 0xff000 each; free ranges
	 * stop at region edges) even with the any-node fallback. */
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x180000, P4K, 0, MAX64, 0, &a, &diag),
		     VML_ENOMEM);
	/* numa_node_reserved: fill node 0 (the reservation merges with
	 * 0x1ff000), then ask node 0 -> any node: top-down in node 1,
	 * 0x2ff000 - 0x10000 = 0x2ef000, which merges with 0x2ff000 */
	vml_memblock_reserve(&mb, 0x100000, 0xff000, &diag);
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x10000, P4K, 0, MAX64, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x2ef000);
	/* exact_nid on the full node 0: fails, nothing changes */
	CHECK_EQ_INT(vml_memblock_alloc_exact_nid(&mb, 0x1000, P4K, 0, MAX64, 0, &a, &diag),
		     VML_ENOMEM);
	CHECK_EQ_STR(diag.rule, "no free memory range fits the allocation");
	LIST(RES, {0x100000, 0x100000, 0, NN}, {0x2ef000, 0x11000, 0, NN});
	CHECK_EQ_INT(mb.reserved.max, 4);
}

/* Three nodes as setup_numa_memblock() builds them (memblock_add_node per
 * node): node 0 [1 MiB, 2 MiB), node 1 [2 MiB, 3 MiB), node 2 [3 MiB, 4 MiB). */
static void three_nodes(void)
{
	setup(true);
	for (int n = 0; n < 3; n++)
		vml_memblock_add_node(&mb, 0x100000 * (uint64_t)(n + 1), 0x100000, n, 0, &diag);
}

/* alloc_nid_api.c numa_split_range_low/high and numa_part_reserved_fallback
 * (v6.12), top-down, 512 bytes at SMP_CACHE_BYTES (64) alignment. */
static void test_alloc_nid_split_ranges_and_fallback(void)
{
	vml_phys_t a = 0, min = 0x300000 - 0x100, max = min + 0x200;

	/* split_range_low, node 1 asked: in [min, max) node 1 has 0x100 bytes,
	 * node 2 0x100 (free ranges stop at region edges): nothing fits on
	 * node 1 or on any node; the retry from 0 finds node 1's top:
	 * 0x300000 - 0x200 */
	three_nodes();
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x200, 64, min, max, 1, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x2ffe00);
	LIST(RES, {0x2ffe00, 0x200, 0, NN});
	/* split_range_high, node 2 asked: node 2 has only [0x300000, max) =
	 * 0x100 even from 0, so the any-node try of the retry takes the top of
	 * node 1, the first node below that overlaps the range */
	three_nodes();
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x200, 64, min, max, 2, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x2ffe00);
	/* the same with exact_nid: node 2 cannot hold it anywhere below max */
	three_nodes();
	CHECK_EQ_INT(vml_memblock_alloc_exact_nid(&mb, 0x200, 64, min, max, 2, &a, &diag),
		     VML_ENOMEM);
	/* part_reserved_fallback: node 1 has [0x240000, 0x2c0000) reserved, so
	 * its free pieces are 0x40000 each: half a node (0x80000) falls back to
	 * any node, top-down: the end of node 2, 0x400000 - 0x80000 */
	three_nodes();
	vml_memblock_reserve(&mb, 0x240000, 0x80000, &diag);
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x80000, 64, 0x100000, 0x400000, 1, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x380000);
	LIST(RES, {0x240000, 0x80000, 0, NN}, {0x380000, 0x80000, 0, NN});
}

/* An invalid nid (>= MAX_NUMNODES) is treated as any node, as
 * numa_valid_node() makes the kernel do; exact_nid with node 1 bottom-up
 * gives node 1's lowest page; min_addr above the node is dropped by the
 * retry from 0. */
static void test_alloc_nid_bottom_up_invalid_node_and_min_addr(void)
{
	vml_phys_t a = 0;

	two_nodes();
	vml_memblock_set_bottom_up(&mb, true);
	CHECK_EQ_INT(vml_memblock_alloc_exact_nid(&mb, 0x1000, P4K, 0, MAX64, 1, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x200000);
	/* nid 16 = MAX_NUMNODES: not valid, so any node: the lowest page */
	CHECK_EQ_INT(vml_memblock_alloc_exact_nid(&mb, 0x1000, P4K, 0, MAX64, NN, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x100000);
	/* node 0 with min_addr 0x280000 (inside node 1): nothing on node 0
	 * above it, exact -> retry from 0: node 0's lowest free, 0x101000 */
	CHECK_EQ_INT(vml_memblock_alloc_exact_nid(&mb, 0x1000, P4K, 0x280000, MAX64, 0, &a, &diag),
		     0);
	CHECK_EQ_U64(a, 0x101000);
	/* not exact: node 0 fails above min_addr, any node succeeds at
	 * 0x280000, before the retry from 0 */
	CHECK_EQ_INT(vml_memblock_alloc_nid(&mb, 0x1000, P4K, 0x280000, MAX64, 0, &a, &diag), 0);
	CHECK_EQ_U64(a, 0x280000);
}

/*
 * Property: random operations with resizing allowed, starting from 4-slot
 * arrays, against a page map. After every operation both lists are sorted,
 * disjoint and merged (touching neighbours differ in node or flags), their
 * totals add up, and they cover exactly the pages the map says: memory with
 * its node and NOMAP flag, and reserved. Random ops stay in [0, 16 MiB);
 * [16 MiB, 20 MiB) is memory they never touch, so a doubling always finds
 * room. Frees give back only what an allocation returned, so the test never
 * frees a doubled array itself.
 *
 * The reservations memblock_double_array() makes and drops are applied to
 * the map in the order they happen (from the trace), because that order
 * matters: when freeing the old memory array makes the reserved list double
 * (memblock_phys_free -> memblock_isolate_range, cnt + 2 > max), the new
 * reserved array is searched for before the new memory array is reserved,
 * and lands on it -- the kernel (v6.12) copies both arrays to the same
 * address. The model reproduces that placement; this test counts such
 * aliasing and, until it happens in a run, checks that each list's current
 * array lies inside a reserved region.
 */
#define PROP_PAGES 5120u /* 20 MiB */
#define PROP_LOW 4096u	 /* 16 MiB of random operations */

enum shadow_op { SH_ADD, SH_REMOVE, SH_RESERVE, SH_FREE, SH_NODE, SH_NOMAP, SH_CLEAR_NOMAP };

static struct {
	bool mem[PROP_PAGES], res[PROP_PAGES];
	int nid[PROP_PAGES];
	uint32_t flags[PROP_PAGES];
} shadow;

struct owned {
	uint64_t base, size;
};

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % n;
}

static void shadow_set(uint64_t base, uint64_t size, enum shadow_op op, int nid)
{
	for (uint64_t p = base / P4K; p < (base + size) / P4K; p++) {
		bool m = shadow.mem[p];

		if (op == SH_ADD && !m) {
			shadow.mem[p] = true;
			shadow.nid[p] = nid;
			shadow.flags[p] = 0;
		}
		if (op == SH_REMOVE)
			shadow.mem[p] = false;
		if (op == SH_RESERVE || op == SH_FREE)
			shadow.res[p] = op == SH_RESERVE;
		if (op == SH_NODE && m)
			shadow.nid[p] = nid;
		if (op == SH_NOMAP && m)
			shadow.flags[p] |= VML_MEMBLOCK_NOMAP;
		if (op == SH_CLEAR_NOMAP && m)
			shadow.flags[p] &= ~VML_MEMBLOCK_NOMAP;
	}
}

/* The trace hook of the property test: apply the reserves and frees made
 * inside a doubling (from its "memblock_double_array" line to the reserve of
 * the array it announced, nested doublings included) to the map as they
 * happen. Those of the operation itself (depth 0) are left to prop_step. */
static vml_phys_t double_stack[16];
static unsigned int double_depth;

static void prop_record(void *ctx, const char *op, vml_phys_t base, vml_phys_t last, uint32_t flags)
{
	bool reserve = !strcmp(op, "memblock_reserve");

	(void)ctx;
	(void)flags;
	if (!strcmp(op, "memblock_double_array")) {
		if (double_depth < 16)
			double_stack[double_depth++] = base;
		return;
	}
	if (!double_depth || (!reserve && strcmp(op, "memblock_phys_free")))
		return;
	shadow_set(base, last + 1 - base, reserve ? SH_RESERVE : SH_FREE, 0);
	if (reserve && base == double_stack[double_depth - 1])
		double_depth--;
}

/* @t's array, if memblock allocated it, lies inside one reserved region. */
static bool array_reserved(const struct vml_memblock_type *t)
{
	const struct vml_memblock_type *r = &mb.reserved;

	if (!t->array_allocated)
		return true;
	for (unsigned int i = 0; i < r->cnt; i++)
		if (r->regions[i].base <= t->array_base &&
		    t->array_base + t->array_alloc_size <= r->regions[i].base + r->regions[i].size)
			return true;
	return false;
}

static bool arrays_alias(void)
{
	const struct vml_memblock_type *m = &mb.memory, *r = &mb.reserved;

	return m->array_allocated && r->array_allocated &&
	       m->array_base < r->array_base + r->array_alloc_size &&
	       r->array_base < m->array_base + m->array_alloc_size;
}

static bool list_shape_ok(const struct vml_memblock_type *t)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < t->cnt; i++) {
		const struct vml_memblock_region *a = &t->regions[i];

		total += a->size;
		if (!a->size || a->base % P4K || a->size % P4K ||
		    a->base / P4K + a->size / P4K > PROP_PAGES)
			return false;
		if (i + 1 < t->cnt && a->base + a->size > a[1].base)
			return false; /* unsorted or overlapping */
		if (i + 1 < t->cnt && a->base + a->size == a[1].base && a->nid == a[1].nid &&
		    a->flags == a[1].flags)
			return false; /* not merged */
	}
	return total == t->total_size && t->cnt <= t->max;
}

static bool list_ok(const struct vml_memblock_type *t, bool is_mem)
{
	unsigned int r = 0;

	if (!list_shape_ok(t))
		return false;
	for (unsigned int p = 0; p < PROP_PAGES; p++) {
		uint64_t addr = (uint64_t)p * P4K;
		const struct vml_memblock_region *g;
		bool in;

		while (r < t->cnt && t->regions[r].base + t->regions[r].size <= addr)
			r++;
		g = &t->regions[r];
		in = r < t->cnt && g->base <= addr;
		if (in != (is_mem ? shadow.mem[p] : shadow.res[p]))
			return false;
		if (in && is_mem && (g->nid != shadow.nid[p] || g->flags != shadow.flags[p]))
			return false;
		if (in && !is_mem && g->nid != NN)
			return false;
	}
	return true;
}

static int prop_alloc(struct owned *own, unsigned int *n_own)
{
	uint64_t size = (1 + rnd(8)) * P4K, align = P4K << rnd(3);
	uint64_t top = (uint64_t)PROP_LOW * P4K;
	int nid = rnd(4) == 0 ? NO : (int)rnd(3), ret;
	vml_phys_t a = 0;

	switch (rnd(3)) {
	case 0:
		ret = vml_memblock_alloc_nid(&mb, size, align, 0, top, nid, &a, &diag);
		break;
	case 1:
		ret = vml_memblock_alloc_exact_nid(&mb, size, align, 0, top, nid, &a, &diag);
		break;
	default:
		ret = vml_memblock_phys_alloc_range(&mb, size, align, 0, top, &a, &diag);
		break;
	}
	if (ret)
		return ret == VML_ENOMEM ? 0 : ret;
	/* fresh mapped memory below the window's end, aligned */
	for (uint64_t p = a / P4K; p < (a + size) / P4K; p++)
		if (p >= PROP_LOW || !shadow.mem[p] || shadow.res[p] || shadow.flags[p])
			return -100;
	if (a % align)
		return -101;
	shadow_set(a, size, SH_RESERVE, 0);
	if (*n_own < 256)
		own[(*n_own)++] = (struct owned){a, size};
	return 0;
}

static int prop_free(struct owned *own, unsigned int *n_own)
{
	unsigned int k;
	struct owned o;
	int ret;

	if (!*n_own)
		return 0;
	k = rnd(*n_own);
	o = own[k];
	own[k] = own[--*n_own];
	ret = vml_memblock_free(&mb, o.base, o.size, &diag);
	if (!ret)
		shadow_set(o.base, o.size, SH_FREE, 0);
	return ret;
}

static int prop_step(struct owned *own, unsigned int *n_own)
{
	uint64_t base = (uint64_t)rnd(PROP_LOW) * P4K, top = (uint64_t)PROP_LOW * P4K;
	uint64_t size = vml_min((uint64_t)(1 + rnd(64)) * P4K, top - base);
	int nid = (int)rnd(3), ret;
	enum shadow_op op;

	switch (rnd(10)) {
	case 0:
		op = SH_ADD, nid = NN;
		ret = vml_memblock_add(&mb, base, size, &diag);
		break;
	case 1:
		op = SH_ADD;
		ret = vml_memblock_add_node(&mb, base, size, nid, 0, &diag);
		break;
	case 2:
		op = SH_REMOVE;
		ret = vml_memblock_remove(&mb, base, size, &diag);
		break;
	case 3:
		op = SH_RESERVE;
		ret = vml_memblock_reserve(&mb, base, size, &diag);
		break;
	case 4:
		op = SH_NODE;
		ret = vml_memblock_set_node(&mb, base, size, MEM, nid, &diag);
		break;
	case 5:
		op = SH_NOMAP;
		ret = vml_memblock_mark_nomap(&mb, base, size, &diag);
		break;
	case 6:
		op = SH_CLEAR_NOMAP;
		ret = vml_memblock_clear_nomap(&mb, base, size, &diag);
		break;
	case 7:
		return prop_free(own, n_own);
	default:
		return prop_alloc(own, n_own);
	}
	if (!ret)
		shadow_set(base, size, op, nid);
	return ret;
}

static void test_property_random_ops_with_resize(void)
{
	static struct owned own[256];
	unsigned int doublings = 0, max_mem = 0, max_res = 0, aliased_runs = 0;

	for (uint64_t seed = 1; seed <= 40; seed++) {
		unsigned int n_own = 0;
		bool aliased = false;

		rng_state = seed;
		setup(true);
		mb.trace = prop_record;
		memset(&shadow, 0, sizeof(shadow));
		double_depth = 0;
		vml_memblock_set_bottom_up(&mb, seed % 3 == 0);
		CHECK_EQ_INT(vml_memblock_add(&mb, (uint64_t)PROP_LOW * P4K,
					      (uint64_t)(PROP_PAGES - PROP_LOW) * P4K, &diag),
			     0);
		shadow_set((uint64_t)PROP_LOW * P4K, (uint64_t)(PROP_PAGES - PROP_LOW) * P4K,
			   SH_ADD, NN);
		for (int step = 0; step < 400; step++) {
			int ret;

			ret = prop_step(own, &n_own);
			aliased = aliased || arrays_alias();
			if (!ret && !aliased &&
			    (!array_reserved(&mb.memory) || !array_reserved(&mb.reserved)))
				ret = -102;
			if (ret || !list_ok(&mb.memory, true) || !list_ok(&mb.reserved, false)) {
				fprintf(stderr, "  seed %" PRIu64 " step %d: ret %d (%s)\n", seed,
					step, ret, ret ? diag.rule : "lists differ from the map");
				check_failures_in_test++;
				break;
			}
		}
		aliased_runs += aliased;
		doublings += grow_calls;
		max_mem = max_mem > mb.memory.max ? max_mem : mb.memory.max;
		max_res = max_res > mb.reserved.max ? max_res : mb.reserved.max;
	}
	/* the runs really grew both lists several times */
	CHECK(doublings >= 40 * 4);
	CHECK(max_mem >= 64);
	CHECK(max_res >= 64);
	fprintf(stderr, "  %u doublings; largest arrays: memory %u, reserved %u; %u runs aliased\n",
		doublings, max_mem, max_res, aliased_runs);
}

int main(void)
{
	RUN_TEST(test_memory_doubles_and_reserves_its_new_array);
	RUN_TEST(test_reserved_doubles_around_the_range_being_reserved);
	RUN_TEST(test_reserved_array_goes_above_the_range_when_it_fits);
	RUN_TEST(test_isolation_doubles_at_cnt_plus_two);
	RUN_TEST(test_failed_doubling_changes_nothing);
	RUN_TEST(test_alloc_doubles_reserved_first);
	RUN_TEST(test_memory_doubling_can_double_reserved);
	RUN_TEST(test_freeing_the_old_memory_array_can_alias_the_arrays);
	RUN_TEST(test_overlaps_region);
	RUN_TEST(test_nodes_split_and_merge);
	RUN_TEST(test_alloc_on_a_node_and_its_fallbacks);
	RUN_TEST(test_alloc_nid_split_ranges_and_fallback);
	RUN_TEST(test_alloc_nid_bottom_up_invalid_node_and_min_addr);
	RUN_TEST(test_property_random_ops_with_resize);
	return CHECK_DONE("test_memblock_resize");
}

/* SPDX-License-Identifier: MIT */
/* The heap-backed resize hook: the lists grow far past the caller's
 * 4-slot arrays, keep their regions, and the caller's arrays stay as they
 * were handed over (the model stops using them at the first doubling). */
#include "check.h"
#include "vmlayout/memblock_heap.h"

static void test_heap_hook_grows_both_lists(void)
{
	static struct vml_memblock_region mem[4], res[4];
	struct vml_memblock_heap heap = {{0}};
	struct vml_memblock mb;
	struct vml_diag diag = {0};

	vml_memblock_init(&mb, mem, 4, res, 4, ~0ULL, 0x1000);
	vml_memblock_allow_resize(&mb, vml_memblock_heap_grow, &heap);
	/* one big bank for the arrays, then 200 one-page banks 2 pages apart */
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x10000000, 0x1000000, &diag), 0);
	for (uint64_t i = 0; i < 200; i++)
		CHECK_EQ_INT(vml_memblock_add(&mb, 0x1000000 + i * 0x2000, 0x1000, &diag), 0);
	for (uint64_t i = 0; i < 200; i++)
		CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x1000000 + i * 0x2000, 0x1000, &diag), 0);
	/* 201 memory regions: 4 -> 8 -> ... -> 256 */
	CHECK_EQ_INT(mb.memory.cnt, 201);
	CHECK_EQ_INT(mb.memory.max, 256);
	CHECK(mb.memory.regions == heap.owned[0]);
	CHECK(mb.reserved.regions == heap.owned[1]);
	CHECK_EQ_U64(mb.memory.regions[0].base, 0x1000000);
	CHECK_EQ_U64(mb.memory.regions[199].base, 0x1000000 + 199 * 0x2000);
	CHECK_EQ_U64(mb.memory.regions[200].base, 0x10000000);
	/* 200 reservations + the current arrays of both lists (top of the big
	 * bank, top-down): at least 201 regions, all the pages still there */
	CHECK(mb.reserved.cnt >= 201);
	CHECK(mb.reserved.max >= 256);
	CHECK(vml_memblock_is_reserved(&mb, 0x1000000 + 199 * 0x2000));
	CHECK(vml_memblock_is_reserved(&mb, mb.memory.array_base));
	/* the caller's arrays: the first 4 memory regions as added */
	CHECK_EQ_U64(mem[0].base, 0x1000000);
	vml_memblock_heap_release(&heap);
	CHECK(!heap.owned[0] && !heap.owned[1]);
}

int main(void)
{
	RUN_TEST(test_heap_hook_grows_both_lists);
	return CHECK_DONE("test_memblock_heap");
}

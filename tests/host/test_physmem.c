/* SPDX-License-Identifier: MIT */
/* The simulated physical memory (src/host/physmem.c): every byte reads as
 * zero until written, also when its host memory is recycled from a deleted
 * physmem (its 2 MiB slabs are kept for the next and zeroed lazily), and
 * after vml_physmem_zero(). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "vmlayout/physmem.h"

#define CHUNKS 100 /* past the heap slabs (15 chunks) into two 2 MiB slabs */

static bool all_zero(const unsigned char *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Fill every byte of @CHUNKS chunks with 0xa5 through windows. */
static struct vml_physmem *dirty_physmem(void)
{
	struct vml_physmem *pm = vml_physmem_new();

	for (uint64_t c = 0; pm && c < CHUNKS; c++) {
		unsigned char *p = vml_physmem_window(pm, c * VML_PHYSMEM_CHUNK, VML_PHYSMEM_CHUNK);

		if (!p)
			return NULL;
		memset(p, 0xa5, VML_PHYSMEM_CHUNK);
	}
	return pm;
}

static void test_recycled_memory_reads_zero(void)
{
	struct vml_physmem *pm = dirty_physmem();
	unsigned char *buf = malloc(VML_PHYSMEM_CHUNK);

	CHECK(pm && buf);
	if (!pm || !buf)
		return;
	vml_physmem_delete(pm); /* its slabs go to the next */
	pm = vml_physmem_new();
	CHECK(pm != NULL);
	for (uint64_t c = 0; pm && c < CHUNKS; c++) {
		uint64_t base = c * VML_PHYSMEM_CHUNK;
		/* a window of 100 bytes across the chunk's pages 3 and 4 */
		unsigned char *p = vml_physmem_window(pm, base + 4 * 4096 - 50, 100);

		CHECK(p && all_zero(p, 100));
		if (!p)
			break;
		memset(p, 0x11, 100);
		/* the whole chunk: the written bytes, zero elsewhere */
		vml_physmem_read(pm, base, buf, VML_PHYSMEM_CHUNK);
		CHECK(all_zero(buf, 4 * 4096 - 50));
		CHECK(buf[4 * 4096 - 50] == 0x11 && buf[4 * 4096 + 49] == 0x11);
		CHECK(all_zero(buf + 4 * 4096 + 50, VML_PHYSMEM_CHUNK - (4 * 4096 + 50)));
		/* a window on a page never windowed before: zero */
		p = vml_physmem_window(pm, base + 9 * 4096, 4096);
		CHECK(p && all_zero(p, 4096));
		/* and the whole chunk through one window */
		p = vml_physmem_window(pm, base, VML_PHYSMEM_CHUNK);
		CHECK(p && all_zero(p, 4 * 4096 - 50) && p[4 * 4096] == 0x11 &&
		      all_zero(p + 4 * 4096 + 50, VML_PHYSMEM_CHUNK - (4 * 4096 + 50)));
	}
	/* an unwritten chunk reads zero, across a chunk boundary too */
	vml_physmem_read(pm, (CHUNKS + 5) * VML_PHYSMEM_CHUNK - 100, buf, 4096);
	CHECK(all_zero(buf, 4096));
	vml_physmem_delete(pm);
	free(buf);
}

/* vml_physmem_zero(): a range across two chunks, starting and ending
 * inside pages, reads as zero through windows and reads; the bytes around
 * it keep what was written; a chunk never made stays unmade. */
static void test_zero_range(void)
{
	struct vml_physmem *pm = dirty_physmem();
	uint64_t lo = 3 * VML_PHYSMEM_CHUNK - 3 * 4096 - 100, hi = 3 * VML_PHYSMEM_CHUNK + 5000;
	unsigned char *buf = malloc(2 * VML_PHYSMEM_CHUNK), *p;

	CHECK(pm && buf);
	if (!pm || !buf)
		return;
	vml_physmem_zero(pm, lo, hi - lo);
	vml_physmem_read(pm, 2 * VML_PHYSMEM_CHUNK, buf, 2 * VML_PHYSMEM_CHUNK);
	CHECK(buf[lo - 2 * VML_PHYSMEM_CHUNK - 1] == 0xa5 &&
	      buf[hi - 2 * VML_PHYSMEM_CHUNK] == 0xa5);
	CHECK(all_zero(buf + (lo - 2 * VML_PHYSMEM_CHUNK), hi - lo));
	p = vml_physmem_window(pm, 3 * VML_PHYSMEM_CHUNK - 4096, 4096); /* a whole page zeroed */
	CHECK(p && all_zero(p, 4096));
	p = vml_physmem_window(pm, 3 * VML_PHYSMEM_CHUNK, 8192); /* a page and a part */
	CHECK(p && all_zero(p, 5000) && p[5000] == 0xa5);
	vml_physmem_zero(pm, (CHUNKS + 3) * VML_PHYSMEM_CHUNK, 4096);
	CHECK_EQ_U64(vml_physmem_chunks(pm), CHUNKS);
	vml_physmem_delete(pm);
	free(buf);
}

static void test_window_rules(void)
{
	struct vml_physmem *pm = vml_physmem_new();

	CHECK(pm != NULL);
	if (!pm)
		return;
	CHECK(vml_physmem_window(pm, VML_PHYSMEM_CHUNK - 8, 16) == NULL); /* crosses a chunk */
	CHECK(vml_physmem_window(pm, 0, 0) == NULL);
	CHECK_EQ_U64(vml_physmem_chunks(pm), 0);
	vml_physmem_delete(pm);
}

int main(void)
{
	RUN_TEST(test_recycled_memory_reads_zero);
	RUN_TEST(test_zero_range);
	RUN_TEST(test_window_rules);
	return CHECK_DONE("test_physmem");
}

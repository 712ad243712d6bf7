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

/* The window keeps the slots it last reached (by chunk number mod 16);
 * growing the hash moves every slot, so a window after the growth must not
 * use the old one: what it writes must be cleared by a later zero that
 * finds the chunk through the hash. */
static void test_recent_slot_after_growth(void)
{
	struct vml_physmem *pm = vml_physmem_new();
	unsigned char buf[1024], *p;

	CHECK(pm != NULL);
	if (!pm)
		return;
	p = vml_physmem_window(pm, 0, 1024); /* chunk 0, kept as recent */
	CHECK(p != NULL);
	vml_physmem_zero(pm, 0, 1024); /* its unit no longer reached */
	/* 45 more chunks, none sharing chunk 0's recent entry: the hash
	 * (64 slots, doubled when half full) grows */
	for (uint64_t c = 1; c < 48; c++)
		if (c % 16)
			CHECK(vml_physmem_window(pm, c * VML_PHYSMEM_CHUNK, 8) != NULL);
	CHECK(vml_physmem_window(pm, 0, 1024) == p); /* the same memory */
	memset(p, 0xee, 1024);
	/* chunk 16 takes chunk 0's recent entry: the zero finds chunk 0
	 * through the hash, and must see the unit the window reached */
	CHECK(vml_physmem_window(pm, 16 * VML_PHYSMEM_CHUNK, 8) != NULL);
	vml_physmem_zero(pm, 0, 1024);
	vml_physmem_read(pm, 0, buf, sizeof(buf));
	CHECK(all_zero(buf, sizeof(buf)));
	vml_physmem_delete(pm);
}

/* Random windows (written through), zeros and reads over chunks that share
 * recent entries, on recycled (not zeroed) memory, against a plain byte
 * array: every read gives what the array holds. Covers the 1 KiB units a
 * window marks and vml_physmem_zero() clears, in and across pages. */
static void test_random_ops_match_bytes(void)
{
	static const uint64_t chunk_of[4] = {0, 1, 16, 17}, near[3] = {0, 1, 255};
	uint64_t rng = 88172645463325252ULL;
	unsigned char *ref = calloc(4, VML_PHYSMEM_CHUNK), *buf = malloc(VML_PHYSMEM_CHUNK);
	struct vml_physmem *pm = dirty_physmem();
	bool same = true;

	CHECK(ref && buf && pm);
	if (!ref || !buf || !pm)
		return;
	vml_physmem_delete(pm); /* the next takes its dirty slabs */
	pm = vml_physmem_new();
	for (int i = 0; pm && i < 20000 && same; i++) {
		unsigned int k;
		uint64_t off, size, pa;

		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		k = (unsigned int)(rng % 4);
		/* edges on or next to 256-byte boundaries: units and pages */
		off = (rng >> 8) % 255 * 256 + near[(rng >> 16) % 3];
		size = (rng >> 24) % (rng >> 60 ? 12 : 80) * 256 + near[(rng >> 32) % 3];
		size = vml_max(1, vml_min(size, VML_PHYSMEM_CHUNK - off));
		pa = chunk_of[k] * VML_PHYSMEM_CHUNK + off;
		if (rng >> 62 == 0) {
			vml_physmem_zero(pm, pa, size);
			memset(ref + k * VML_PHYSMEM_CHUNK + off, 0, size);
		} else if (rng >> 62 == 1) {
			vml_physmem_read(pm, pa, buf, size);
			same = !memcmp(buf, ref + k * VML_PHYSMEM_CHUNK + off, size);
		} else {
			unsigned char *p = vml_physmem_window(pm, pa, size);
			/* it reads what was written, and writes its first or
			 * last bytes */
			uint64_t w = (size + 2) / 3, at = i & 1 ? 0 : size - w;

			same = p && !memcmp(p, ref + k * VML_PHYSMEM_CHUNK + off, size);
			if (p) {
				memset(p + at, (int)(i | 1), w);
				memset(ref + k * VML_PHYSMEM_CHUNK + off + at, (int)(i | 1), w);
			}
		}
	}
	CHECK(same);
	vml_physmem_delete(pm);
	free(ref);
	free(buf);
}

int main(void)
{
	RUN_TEST(test_recycled_memory_reads_zero);
	RUN_TEST(test_zero_range);
	RUN_TEST(test_window_rules);
	RUN_TEST(test_recent_slot_after_growth);
	RUN_TEST(test_random_ops_match_bytes);
	return CHECK_DONE("test_physmem");
}

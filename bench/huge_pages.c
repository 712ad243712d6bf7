/* SPDX-License-Identifier: MIT */
/*
 * Storage for the allocator's nodes (bench/bench_vmarea.c) mapped two ways:
 * 4 KiB pages (MADV_NOHUGEPAGE), or 2 MiB-aligned and MADV_HUGEPAGE so that
 * the kernel backs it with transparent huge pages where it can (with THP
 * "madvise", the only way a process gets them). The kernel's own vmap_area
 * nodes sit in slab memory reached through the linear map, which 32-bit ARM
 * maps with 1 MiB sections (arch/arm/mm/mmu.c, map_lowmem(), v6.1): the
 * huge-page case is the one that compares with issue 9's boards. arm64
 * uses blocks there only when can_set_direct_map() is false (no
 * rodata_full: arch/arm64/mm/mmu.c, map_mem(), v6.12), so a default arm64
 * kernel compares with the 4 KiB case (docs/performance.md). How much of the
 * storage the kernel really backed with huge pages is read back from
 * /proc/self/smaps, and printed, rather than assumed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "bench.h"

#define HUGE_PAGE (2UL << 20)

int bench_pages_new(struct bench_pages *pg, size_t bytes, bool huge)
{
	size_t len = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	char *map =
	    mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;

	memset(pg, 0, sizeof(*pg));
	if (map == MAP_FAILED)
		return -1;
	p = (char *)(((uintptr_t)map + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (madvise(p, len, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE)) {
		munmap(map, len + HUGE_PAGE);
		return -1;
	}
	memset(p, 0x5a, len); /* faulted in now, with huge pages where the kernel gives them */
	*pg = (struct bench_pages){map, len + HUGE_PAGE, p, len, huge};
	return 0;
}

void bench_pages_delete(struct bench_pages *pg)
{
	if (pg->map)
		munmap(pg->map, pg->map_len);
	memset(pg, 0, sizeof(*pg));
}

/* Bytes of [p, p + bytes) backed by huge pages: the AnonHugePages of every
 * mapping of /proc/self/smaps inside it (madvise() split the mapping). */
size_t bench_pages_huge_bytes(const struct bench_pages *pg)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	uintptr_t lo = (uintptr_t)pg->p, hi = lo + pg->bytes, start = 0, end = 0;
	size_t huge = 0, kb;
	char line[512];

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		uintptr_t s, e;

		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " ", &s, &e) == 2) { /* a mapping */
			start = s;
			end = e;
		} else if (sscanf(line, "AnonHugePages: %zu kB", &kb) == 1 && start >= lo &&
			   end <= hi) {
			huge += kb << 10;
		}
	}
	fclose(f);
	return huge;
}

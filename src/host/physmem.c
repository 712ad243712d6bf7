/* SPDX-License-Identifier: MIT */
/*
 * DOC: sparse simulated physical memory
 *
 * An open-addressing hash from chunk number (pa / 64 KiB) to a 64 KiB host
 * buffer, doubled when half full. Every byte reads as zero until written.
 *
 * Chunks are cut from slabs: the first 15 from heap slabs of 1, 2, 4 and 8
 * chunks (a small run stays small), then from 2 MiB slabs mapped as one
 * transparent huge page where the kernel gives THP on request (issue 11:
 * one fault per 2 MiB instead of one per 4 KiB). Fresh memory costs its
 * zeroing (the kernel's, about 0.2 ms per 2 MiB on the bench machine), which
 * was most of what a physmem added to a big build. So a deleted physmem
 * keeps up to SLAB_CACHE of its slabs for the next one in the process
 * (a layout sweep, the bench's reps), heap slabs included, which takes
 * them before any new memory; memory that is not known to be
 * zero (a recycled slab, a heap slab) is zeroed lazily, 4 KiB at a time, the
 * first time a window or a read covers it: only what is used is zeroed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "vmlayout/physmem.h"

#define PAGE 4096u /* the unit of lazy zeroing; 16 to a chunk */

/* What a window reached is tracked by 1 KiB unit, the smallest table
 * (arm short-descriptor second level): vml_physmem_zero() of a table never
 * reached since its page was zeroed has nothing to do, though other tables
 * share the page. */
#define UNIT 1024u
#define UNITS_PER_PAGE (PAGE / UNIT)

struct slot {
	uint64_t key; /* chunk number + 1; 0 = empty */
	unsigned char *mem;
	/* bit k: unit k's page is zero or written (a page's four bits are
	 * equal; by unit so that a window checks the same mask it marks) */
	uint64_t zeroed;
	uint64_t touched; /* bit k: a window reached unit k since its page was zero */
};

#define SLAB_MAX_CHUNKS 32 /* 2 MiB */
#define HEAP_SLABS 4	   /* the first slabs (1, 2, 4, 8 chunks) come from the heap */
#define SLAB_CACHE 20	   /* slabs a deleted physmem keeps for the next: 4 + 16 of 2 MiB */
#define RECENT 16	   /* a power of two */
#define ALL_ZEROED (~0ULL)
#define PAGE_UNITS(k) (0xfULL << (k)*UNITS_PER_PAGE)

/* The slabs of deleted physmems, for the next (process-wide), last kept
 * first out. */
static struct {
	pthread_mutex_t lock;
	unsigned char *slab[SLAB_CACHE];
	uint64_t bytes[SLAB_CACHE];
	unsigned int n;
} slab_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct vml_physmem {
	struct slot *slots;
	uint64_t cap; /* a power of two */
	uint64_t used;
	unsigned char **slabs; /* every slab, for delete */
	uint64_t *slab_bytes;
	size_t nslabs, slab_cap;
	unsigned char *next; /* the unused rest of the last slab */
	uint64_t left;	     /* chunks in it */
	bool next_zero;	     /* and it is known to be zero */
	/* The slots last reached, by chunk number mod RECENT (&none when
	 * empty): a table walk goes back and forth between the root's chunk
	 * and its lower tables' (allocated together, so neighbours), and the
	 * hash is most of a window's cost. Emptied when grow() moves the
	 * slots. */
	struct slot *recent[RECENT];
	struct slot none; /* key 0: matches no chunk */
};

static uint64_t hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static struct slot *find(const struct vml_physmem *pm, uint64_t key)
{
	uint64_t i = hash(key) & (pm->cap - 1);

	while (pm->slots[i].key && pm->slots[i].key != key)
		i = (i + 1) & (pm->cap - 1);
	return &pm->slots[i];
}

static void forget_recent(struct vml_physmem *pm)
{
	for (unsigned int i = 0; i < RECENT; i++)
		pm->recent[i] = &pm->none;
}

static int grow(struct vml_physmem *pm)
{
	struct vml_physmem bigger = {0};

	bigger.slots = calloc(pm->cap * 2, sizeof(struct slot));
	bigger.cap = pm->cap * 2;

	if (!bigger.slots)
		return -1;
	for (uint64_t i = 0; i < pm->cap; i++)
		if (pm->slots[i].key)
			*find(&bigger, pm->slots[i].key) = pm->slots[i];
	free(pm->slots);
	pm->slots = bigger.slots;
	pm->cap = bigger.cap;
	forget_recent(pm);
	return 0;
}

struct vml_physmem *vml_physmem_new(void)
{
	struct vml_physmem *pm = calloc(1, sizeof(*pm));

	if (!pm)
		return NULL;
	pm->cap = 64;
	pm->slots = calloc(pm->cap, sizeof(struct slot));
	if (!pm->slots) {
		free(pm);
		return NULL;
	}
	forget_recent(pm);
	return pm;
}

/* A slab of @bytes no physmem uses any more: kept for the next, or given
 * back (a 2 MiB slab is mapped, the others are the heap's). */
static void slab_put(unsigned char *p, uint64_t bytes)
{
	pthread_mutex_lock(&slab_cache.lock);
	if (slab_cache.n < SLAB_CACHE) {
		slab_cache.slab[slab_cache.n] = p;
		slab_cache.bytes[slab_cache.n++] = bytes;
		p = NULL;
	}
	pthread_mutex_unlock(&slab_cache.lock);
	if (p && bytes == SLAB_MAX_CHUNKS * VML_PHYSMEM_CHUNK)
		munmap(p, bytes);
	else
		free(p);
}

/* A kept slab (not zero) and its size in *@bytes, or NULL. */
static unsigned char *slab_get(uint64_t *bytes)
{
	unsigned char *p = NULL;

	pthread_mutex_lock(&slab_cache.lock);
	if (slab_cache.n) {
		p = slab_cache.slab[--slab_cache.n];
		*bytes = slab_cache.bytes[slab_cache.n];
	}
	pthread_mutex_unlock(&slab_cache.lock);
	return p;
}

void vml_physmem_delete(struct vml_physmem *pm)
{
	if (!pm)
		return;
	/* last first, so that the next physmem takes them in this one's order */
	for (size_t i = pm->nslabs; i-- > 0;)
		slab_put(pm->slabs[i], pm->slab_bytes[i]);
	free(pm->slabs);
	free(pm->slab_bytes);
	free(pm->slots);
	free(pm);
}

/* @bytes of new memory for a slab, faulted in; *@zero: known to be zero.
 * A 2 MiB slab is mapped on a 2 MiB boundary; the smaller ones come from
 * the heap (often recycled: not zero). */
static void *slab_memory(uint64_t bytes, bool *zero)
{
	const uint64_t huge = 2 * 1024 * 1024;
	unsigned char *p;
	uint64_t skip;

	*zero = false;
	if (bytes != huge)
		return malloc(bytes);
	p = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	skip = (huge - (uint64_t)(uintptr_t)p % huge) % huge;
	if (skip)
		munmap(p, skip);
	munmap(p + skip + huge, huge - skip);
	p += skip;
#ifdef MADV_HUGEPAGE
	madvise(p, huge, MADV_HUGEPAGE);
#endif
	for (uint64_t off = 0; off < huge; off += 4096)
		p[off] = 0; /* fault it in now */
	*zero = true;
	return p;
}

/* A new slab, mapped zeroed and faulted in. */
static int new_slab(struct vml_physmem *pm)
{
	uint64_t chunks = pm->nslabs < HEAP_SLABS ? 1ULL << pm->nslabs : SLAB_MAX_CHUNKS;
	uint64_t bytes = chunks * VML_PHYSMEM_CHUNK;
	void *p;

	if (pm->nslabs == pm->slab_cap) {
		size_t cap = pm->slab_cap ? pm->slab_cap * 2 : 16;
		unsigned char **s = realloc(pm->slabs, cap * sizeof(*s));
		uint64_t *b;

		if (!s)
			return -1;
		pm->slabs = s;
		b = realloc(pm->slab_bytes, cap * sizeof(*b));
		if (!b)
			return -1;
		pm->slab_bytes = b;
		pm->slab_cap = cap;
	}
	p = slab_get(&bytes); /* a kept slab first, whatever its size */
	if (p) {
		chunks = bytes / VML_PHYSMEM_CHUNK;
		pm->next_zero = false;
	} else {
		p = slab_memory(bytes, &pm->next_zero);
	}
	if (!p)
		return -1;
	pm->slabs[pm->nslabs] = p;
	pm->slab_bytes[pm->nslabs++] = bytes;
	pm->next = p;
	pm->left = chunks;
	return 0;
}

static unsigned char *new_chunk(struct vml_physmem *pm)
{
	unsigned char *c;

	if (!pm->left && new_slab(pm))
		return NULL;
	c = pm->next;
	pm->next += VML_PHYSMEM_CHUNK;
	pm->left--;
	return c;
}

/* Pages @first..@last of slot @s's chunk: zero those not yet zeroed. */
static void zero_pages(struct slot *s, uint64_t first, uint64_t last)
{
	for (uint64_t k = first; k <= last; k++)
		if (!(s->zeroed & PAGE_UNITS(k))) {
			memset(s->mem + k * PAGE, 0, PAGE);
			s->zeroed |= PAGE_UNITS(k);
		}
}

/* Units @first..@last of a chunk as a mask (64 of them: all of it): the
 * last - first + 1 low bits moved up to @first (2 << 63 is 0, and 0 - 1
 * all ones): fewer instructions than two masks ANDed. */
static uint64_t unit_mask(uint64_t first, uint64_t last)
{
	return ((2ULL << (last - first)) - 1) << first;
}

/* The slot of chunk @key, made (memory not yet zeroed) if new; NULL when
 * out of host memory. */
static struct slot *chunk_slot(struct vml_physmem *pm, uint64_t key)
{
	struct slot *s = find(pm, key);

	if (s->key)
		return s;
	if ((pm->used + 1) * 2 > pm->cap) {
		if (grow(pm))
			return NULL;
		s = find(pm, key);
	}
	s->mem = new_chunk(pm);
	if (!s->mem)
		return NULL;
	s->key = key;
	s->zeroed = pm->next_zero ? ALL_ZEROED : 0;
	s->touched = 0;
	pm->used++;
	return s;
}

/* The window through the hash: a chunk made or not recently reached, or
 * pages to zero first. */
static __attribute__((noinline)) void *window_slow(struct vml_physmem *pm, uint64_t key,
						   uint64_t off, uint64_t last)
{
	struct slot *s = pm->recent[key % RECENT];

	/* most often a recent chunk with a page to zero: no hash for it */
	if (s->key != key)
		s = chunk_slot(pm, key);
	if (!s)
		return NULL;
	pm->recent[key % RECENT] = s;
	if (s->zeroed != ALL_ZEROED) /* the caller may read any byte of the range */
		zero_pages(s, off / PAGE, last / PAGE);
	s->touched |= unit_mask(off / UNIT, last / UNIT); /* and write any */
	return s->mem + off;
}

/* vml_physmem_window(), inline in the table window too: the engine's
 * callback is most of what a window costs. */
static inline void *window(struct vml_physmem *pm, uint64_t pa, uint64_t size)
{
	uint64_t key = pa / VML_PHYSMEM_CHUNK + 1, off = pa % VML_PHYSMEM_CHUNK;
	uint64_t last = off + size - 1, units;
	struct slot *s = pm->recent[key % RECENT];

	if (!size || size > VML_PHYSMEM_CHUNK - off) /* [pa, pa + size) in one chunk */
		return NULL;
	units = unit_mask(off / UNIT, last / UNIT);
	/* a recent chunk whose pages in the range are zero or written */
	if (s->key != key || (units & ~s->zeroed))
		return window_slow(pm, key, off, last);
	s->touched |= units;
	return s->mem + off;
}

void *vml_physmem_window(struct vml_physmem *pm, uint64_t pa, uint64_t size)
{
	return window(pm, pa, size);
}

void vml_physmem_read(const struct vml_physmem *pm, uint64_t pa, void *buf, uint64_t size)
{
	unsigned char *out = buf;

	while (size) {
		uint64_t off = pa % VML_PHYSMEM_CHUNK;
		/* one page at most: a page not yet zeroed reads as zero */
		uint64_t n = PAGE - off % PAGE < size ? PAGE - off % PAGE : size;
		const struct slot *s = find(pm, pa / VML_PHYSMEM_CHUNK + 1);

		if (s->key && (s->zeroed >> (off / UNIT) & 1))
			memcpy(out, s->mem + off, n);
		else
			memset(out, 0, n);
		out += n;
		pa += n;
		size -= n;
	}
}

/* Bytes [@o, @end) of slot @s's chunk, inside one page, read as zero
 * again: a whole page a window reached is zeroed when next reached; of a
 * part, only the units a window reached are cleared. */
static __attribute__((noinline)) void zero_in_page(struct slot *s, uint64_t o, uint64_t end)
{
	uint64_t page = o / PAGE;
	uint64_t reached = s->touched & unit_mask(o / UNIT, (end - 1) / UNIT);

	if (!reached) /* zero since the page was */
		return;
	if (end - o == PAGE) {
		s->zeroed &= ~PAGE_UNITS(page);
		s->touched &= ~reached;
		return;
	}
	for (uint64_t u = o / UNIT; u <= (end - 1) / UNIT; u++) {
		uint64_t a = vml_max(o, u * UNIT), b = vml_min(end, (u + 1) * UNIT);

		if (!(reached >> u & 1))
			continue;
		memset(s->mem + a, 0, b - a);
		if (b - a == UNIT) /* a whole unit: zero as its page was */
			s->touched &= ~(1ULL << u);
	}
}

/* The slot of chunk @key if it is made (key 0 if not), recent first. */
static struct slot *known_slot(const struct vml_physmem *pm, uint64_t key)
{
	struct slot *s = pm->recent[key % RECENT];

	return s->key == key ? s : find(pm, key);
}

/* vml_physmem_zero() of more than one page: page by page. */
static __attribute__((noinline)) void zero_span(struct vml_physmem *pm, uint64_t pa, uint64_t size)
{
	while (size) {
		uint64_t off = pa % VML_PHYSMEM_CHUNK;
		uint64_t n = VML_PHYSMEM_CHUNK - off < size ? VML_PHYSMEM_CHUNK - off : size;
		struct slot *s = known_slot(pm, pa / VML_PHYSMEM_CHUNK + 1);

		/* a chunk not yet made reads as zero already */
		for (uint64_t o = off; s->key && o < off + n;) {
			uint64_t m = vml_min((o / PAGE + 1) * PAGE, off + n);

			zero_in_page(s, o, m);
			o = m;
		}
		pa += n;
		size -= n;
	}
}

/* vml_physmem_zero(), inline in the table allocator too: a new table most
 * often lies in units no window reached since their page was zero, and
 * then this is a check and nothing else. */
static inline void zero(struct vml_physmem *pm, uint64_t pa, uint64_t size)
{
	uint64_t in_page = PAGE - pa % PAGE;

	if (size && size <= in_page) { /* a table of up to 4 KiB: one page */
		struct slot *s = known_slot(pm, pa / VML_PHYSMEM_CHUNK + 1);

		uint64_t off = pa % VML_PHYSMEM_CHUNK;

		/* a chunk not yet made, or units no window reached since their
		 * page was zero, read as zero already */
		if (s->key && (s->touched & unit_mask(off / UNIT, (off + size - 1) / UNIT)))
			zero_in_page(s, off, off + size);
		return;
	}
	zero_span(pm, pa, size);
}

void vml_physmem_zero(struct vml_physmem *pm, uint64_t pa, uint64_t size)
{
	zero(pm, pa, size);
}

uint64_t vml_physmem_chunks(const struct vml_physmem *pm)
{
	return pm->used;
}

int vml_physmem_alloc_table(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct vml_physmem_tables *t = cb;
	vml_phys_t pa;
	/* memblock_alloc() takes memory below the current limit (the kernels'
	 * early table allocators: arm early_alloc(), arm64
	 * early_pgtable_alloc(), riscv alloc_pte_fixmap()), and the format
	 * may reach tables only below its own limit */
	vml_phys_t end = t->mb->current_limit;
	int err;

	if (t->limit && t->limit < end)
		end = t->limit;
	err = vml_memblock_phys_alloc_range_memo(t->mb, size, align, 0, end, &pa, NULL);

	if (err)
		return err;
	zero(t->pm, pa, size);
	t->allocated++;
	*out = vml_pa(pa);
	return 0;
}

void vml_physmem_free_table(void *cb, vml_paddr_t table, uint64_t size)
{
	struct vml_physmem_tables *t = cb;

	vml_memblock_free(t->mb, vml_pa_addr(table), size, NULL);
	t->allocated--;
}

void *vml_physmem_table_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct vml_physmem_tables *t = cb;

	return window(t->pm, vml_pa_addr(pa), size);
}

// SPDX-License-Identifier: MIT
/*
 * The kernel's memblock API (linux/memblock.h of this directory) on top of
 * vmlayout's memblock model, so that Linux's own regression suite
 * (tools/testing/memblock, v6.12) runs against vmlayout.
 *
 * The suite reads and writes the kernel-shaped `struct memblock memblock`
 * directly: its reset helpers zero the counts and put back the static
 * arrays, its resize tests restore the array pointer they saved. So that
 * state is the truth between calls. Each call copies it into the model
 * (pull), runs the model's function, and copies the model's lists back
 * (push). The region arrays are shared, not copied: struct memblock_region
 * and struct vml_memblock_region have the same members (checked below).
 *
 * What the adapter adds of its own, all of it the kernel's interface rather
 * than its memblock logic:
 * - phys == virt, as in the suite's tools/include/linux/mm.h: the allocation
 *   calls return the physical address as a pointer and zero the block unless
 *   "raw" (memblock_alloc_try_nid() memsets, mm/memblock.c v6.12);
 * - without CONFIG_NUMA every region is on node 0 (memblock_get_region_node()
 *   returns 0), so a node argument selects nothing: it is passed as
 *   NUMA_NO_NODE, which the model treats the same way; memblock_add_node()
 *   drops the node (memblock_set_region_node() is empty);
 * - the storage of a doubled array comes from the C heap
 *   (vml_memblock_heap_grow); the model decides where in physical memory
 *   the kernel's array is and reserves that range, which is what the suite
 *   checks.
 */
#include <linux/errno.h>
#include <linux/memblock.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmlayout/memblock.h"
#include "vmlayout/memblock_heap.h"

#define INIT_MEMBLOCK_REGIONS 128 /* mm/memblock.c v6.12 */

_Static_assert(sizeof(struct memblock_region) == sizeof(struct vml_memblock_region),
	       "region layout");
_Static_assert(offsetof(struct memblock_region, base) == offsetof(struct vml_memblock_region, base),
	       "base");
_Static_assert(offsetof(struct memblock_region, size) == offsetof(struct vml_memblock_region, size),
	       "size");
_Static_assert(offsetof(struct memblock_region, flags) ==
		   offsetof(struct vml_memblock_region, flags),
	       "flags");
_Static_assert(offsetof(struct memblock_region, nid) == offsetof(struct vml_memblock_region, nid),
	       "nid");
_Static_assert(sizeof(phys_addr_t) == sizeof(vml_phys_t), "64-bit phys_addr_t only");

static struct memblock_region memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
    .memory.regions = memory_init_regions,
    .memory.max = INIT_MEMBLOCK_REGIONS,
    .memory.name = "memory",
    .reserved.regions = reserved_init_regions,
    .reserved.max = INIT_MEMBLOCK_REGIONS,
    .reserved.name = "reserved",
    .bottom_up = false,
    .current_limit = MEMBLOCK_ALLOC_ANYWHERE,
};

static struct vml_memblock model;
static struct vml_memblock_heap heap;
static bool model_ready;
static bool can_resize;

/* The suite prints its "ok"/"not ok" lines to stdout and stops at the first
 * failed assert(): unbuffered lines keep the "not ok" of that test. */
__attribute__((constructor)) static void line_buffered_stdout(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static struct vml_memblock_type *model_type(struct memblock_type *type)
{
	return type == &memblock.reserved ? &model.reserved : &model.memory;
}

static void pull_type(struct memblock_type *k, struct vml_memblock_type *m,
		      struct memblock_region *init, unsigned int slot)
{
	struct vml_memblock_region *regions = (struct vml_memblock_region *)k->regions;

	/* The suite put back an array it saved: a heap array the model had
	 * moved to is no longer in use. */
	if (heap.owned[slot] && heap.owned[slot] != regions) {
		free(heap.owned[slot]);
		heap.owned[slot] = NULL;
	}
	m->regions = regions;
	m->cnt = (unsigned int)k->cnt;
	m->max = (unsigned int)k->max;
	m->total_size = k->total_size;
	/* memblock_double_array() frees the old array unless it is the static
	 * one: the suite's reset puts the static arrays back. */
	if (k->regions == init)
		m->array_allocated = false;
}

static void pull(void)
{
	if (!model_ready) {
		vml_memblock_init(&model, (struct vml_memblock_region *)memblock.memory.regions,
				  (unsigned int)memblock.memory.max,
				  (struct vml_memblock_region *)memblock.reserved.regions,
				  (unsigned int)memblock.reserved.max, PHYS_ADDR_MAX, PAGE_SIZE);
		model.max_numnodes = MAX_NUMNODES;
		model_ready = true;
	}
	pull_type(&memblock.memory, &model.memory, memory_init_regions, 0);
	pull_type(&memblock.reserved, &model.reserved, reserved_init_regions, 1);
	model.bottom_up = memblock.bottom_up;
	model.current_limit = memblock.current_limit;
	if (can_resize)
		vml_memblock_allow_resize(&model, vml_memblock_heap_grow, &heap);
}

static void push_type(struct memblock_type *k, const struct vml_memblock_type *m)
{
	k->regions = (struct memblock_region *)m->regions;
	k->cnt = m->cnt;
	k->max = m->max;
	k->total_size = m->total_size;
}

static int push(int ret)
{
	push_type(&memblock.memory, &model.memory);
	push_type(&memblock.reserved, &model.reserved);
	if (!ret)
		return 0;
	return ret == VML_ENOMEM ? -ENOMEM : -EINVAL;
}

/* The node a call may ask for: none at all without CONFIG_NUMA. */
static int node_arg(int nid)
{
#ifdef CONFIG_NUMA
	return nid;
#else
	(void)nid;
	return VML_NUMA_NO_NODE;
#endif
}

void memblock_allow_resize(void)
{
	can_resize = true;
}

int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags)
{
	pull();
#ifdef CONFIG_NUMA
	return push(vml_memblock_add_node(&model, base, size, nid, flags, NULL));
#else
	(void)nid;
	return push(vml_memblock_add_flags(&model, base, size, flags, NULL));
#endif
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_add(&model, base, size, NULL));
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_remove(&model, base, size, NULL));
}

int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_free(&model, base, size, NULL));
}

void memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_reserve(&model, base, size, NULL));
}

void memblock_trim_memory(phys_addr_t align)
{
	pull();
	push(vml_memblock_trim_memory(&model, align, NULL));
}

bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	pull();
	return vml_memblock_overlaps_region(&model, model_type(type), base, size);
}

int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_mark_hotplug(&model, base, size, NULL));
}

int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_clear_hotplug(&model, base, size, NULL));
}

int memblock_mark_mirror(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_mark_mirror(&model, base, size, NULL));
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_mark_nomap(&model, base, size, NULL));
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	pull();
	return push(vml_memblock_clear_nomap(&model, base, size, NULL));
}

int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid)
{
#ifdef CONFIG_NUMA
	pull();
	return push(vml_memblock_set_node(&model, base, size, model_type(type), nid, NULL));
#else
	(void)base, (void)size, (void)type, (void)nid;
	return 0;
#endif
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				     phys_addr_t end, int nid, bool exact_nid)
{
	vml_phys_t found = 0;

	pull();
	if (push(vml_memblock_alloc_range_nid(&model, size, align, start, end, node_arg(nid),
					      exact_nid, &found, NULL)))
		return 0;
	return found;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE, false);
}

phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align, int nid)
{
	return memblock_alloc_range_nid(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/* memblock_alloc_internal(): the block's virtual address, NULL for none. */
static void *alloc_internal(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			    phys_addr_t max_addr, int nid, bool exact_nid)
{
	vml_phys_t found = 0;
	int ret;

	pull();
	if (exact_nid)
		ret = vml_memblock_alloc_exact_nid(&model, size, align, min_addr, max_addr,
						   node_arg(nid), &found, NULL);
	else
		ret = vml_memblock_alloc_nid(&model, size, align, min_addr, max_addr, node_arg(nid),
					     &found, NULL);
	if (push(ret))
		return NULL;
	return phys_to_virt(found);
}

void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				   phys_addr_t max_addr, int nid)
{
	return alloc_internal(size, align, min_addr, max_addr, nid, true);
}

void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				 phys_addr_t max_addr, int nid)
{
	return alloc_internal(size, align, min_addr, max_addr, nid, false);
}

void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid)
{
	void *ptr = alloc_internal(size, align, min_addr, max_addr, nid, false);

	if (ptr)
		memset(ptr, 0, size);
	return ptr;
}

phys_addr_t memblock_phys_mem_size(void)
{
	pull();
	return vml_memblock_phys_mem_size(&model);
}

phys_addr_t memblock_reserved_size(void)
{
	pull();
	return vml_memblock_reserved_size(&model);
}

phys_addr_t memblock_start_of_DRAM(void)
{
	pull();
	return vml_memblock_start_of_DRAM(&model);
}

phys_addr_t memblock_end_of_DRAM(void)
{
	pull();
	return vml_memblock_end_of_DRAM(&model);
}

bool memblock_is_memory(phys_addr_t addr)
{
	pull();
	return vml_memblock_is_memory(&model, addr);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	pull();
	return vml_memblock_is_reserved(&model, addr);
}

bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	pull();
	return vml_memblock_is_region_memory(&model, base, size);
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	pull();
	return vml_memblock_is_region_reserved(&model, base, size);
}

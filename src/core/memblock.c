/* SPDX-License-Identifier: MIT */
/*
 * DOC: memblock, the boot-time physical memory model (Linux v6.12)
 *
 * Models Linux mm/memblock.c as of v6.12: two sorted region lists, "memory"
 * (what RAM exists, with flags such as NOMAP) and "reserved" (what is in use).
 * Everything is built from three primitives, as in the kernel:
 *
 * - add a range (memblock_add_range): insert the parts of the range that no
 *   region covers yet, with the given flags, and merge neighbours. Parts
 *   already covered keep their regions and flags untouched;
 * - isolate a range (memblock_isolate_range): split the regions that cross
 *   its two edges so that whole regions lie inside it;
 * - remove a range (memblock_remove_range): cut it out.
 *
 * Flags and node ids are changed by isolating and then merging back around
 * the range (memblock_setclr_flag, memblock_set_node). Two neighbours merge
 * only when they touch and have equal node and flags.
 *
 * Differences from the kernel, all forced by caller-supplied storage: until
 * the caller allows resizing, a full array is not doubled
 * (memblock_double_array, in memblock_resize.c): the operation fails with
 * VML_ENOMEM before anything changes, and the slots counted are the ones
 * the operation really uses (see memblock.h), where the kernel's
 * memblock_isolate_range() always wants two spare ones. Once resizing is
 * allowed the kernel's own counts decide. An empty list has cnt 0 and, as in
 * the kernel, a zeroed regions[0].
 *
 * The allocator is in memblock_alloc.c, the iterators in memblock_iter.c,
 * mem=/trim in memblock_limit.c and the read-only queries in
 * memblock_query.c.
 */
#include "core/memblock_internal.h"

void vml_memblock_init(struct vml_memblock *mb, struct vml_memblock_region *memory,
		       unsigned int memory_max, struct vml_memblock_region *reserved,
		       unsigned int reserved_max, vml_phys_t phys_addr_max, uint64_t page_size)
{
	vml_zero(mb, sizeof(*mb));
	mb->current_limit = VML_MEMBLOCK_ALLOC_ANYWHERE;
	mb->phys_addr_max = phys_addr_max;
	mb->page_size = page_size;
	mb->memory.regions = memory;
	mb->memory.max = memory_max;
	mb->memory.name = "memory";
	mb->reserved.regions = reserved;
	mb->reserved.max = reserved_max;
	mb->reserved.name = "reserved";
	mb->max_numnodes = VML_MAX_NUMNODES_DEFAULT;
	mb->region_bytes = phys_addr_max > 0xffffffffULL ? 24 : 12;
}

/* memblock_allow_resize(): from now on full arrays are doubled. */
void vml_memblock_allow_resize(struct vml_memblock *mb, vml_memblock_resize_fn resize, void *ctx)
{
	mb->can_resize = true;
	mb->resize = resize;
	mb->resize_ctx = ctx;
}

void vml_memblock_set_current_limit(struct vml_memblock *mb, vml_phys_t limit)
{
	mb->current_limit = limit;
}

vml_phys_t vml_memblock_get_current_limit(const struct vml_memblock *mb)
{
	return mb->current_limit;
}

void vml_memblock_set_bottom_up(struct vml_memblock *mb, bool enable)
{
	mb->bottom_up = enable;
}

void vml_memblock_trace(const struct vml_memblock *mb, const char *op, vml_phys_t base,
			uint64_t size, uint32_t flags)
{
	/* memblock_dbg() prints base + size - 1 of the caller's size, in
	 * phys_addr_t arithmetic (phys_addr_max is all ones of that width). */
	if (mb->trace)
		mb->trace(mb->trace_ctx, op, base, (base + size - 1) & mb->phys_addr_max, flags);
}

int vml_memblock_check_base(const struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			    struct vml_diag *diag)
{
	/* With a 32-bit phys_addr_t such a base cannot even be passed to the
	 * kernel: the caller would have truncated it. Refuse it instead. */
	if (base > mb->phys_addr_max)
		return vml_fail(diag, VML_ERANGE,
				"base is above PHYS_ADDR_MAX: a phys_addr_t of this width cannot "
				"hold it",
				base, size, -1);
	return 0;
}

static int type_full(const struct vml_memblock *mb, const struct vml_memblock_type *type,
		     vml_phys_t base, uint64_t size, struct vml_diag *diag)
{
	return vml_fail(diag, VML_ENOMEM,
			type == &mb->reserved ? "memblock.reserved region array is full"
					      : "memblock.memory region array is full",
			base, size, (int)type->max);
}

/* memblock_insert_region(): the caller has checked there is room. */
static void insert_region(struct vml_memblock_type *type, unsigned int idx, vml_phys_t base,
			  uint64_t size, int nid, uint32_t flags)
{
	for (unsigned int i = type->cnt; i > idx; i--)
		type->regions[i] = type->regions[i - 1];
	type->regions[idx].base = base;
	type->regions[idx].size = size;
	type->regions[idx].flags = flags;
	type->regions[idx].nid = nid;
	type->cnt++;
	type->total_size += size;
}

/* Drop regions [first, last) of @type. */
static void remove_regions(struct vml_memblock_type *type, unsigned int first, unsigned int last)
{
	unsigned int n = last - first;

	for (unsigned int i = first; i < last; i++)
		type->total_size -= type->regions[i].size;
	for (unsigned int i = first; i + n < type->cnt; i++)
		type->regions[i] = type->regions[i + n];
	type->cnt -= n;
}

/* An emptied list: memblock_remove_region() (v6.12) leaves regions[0] as the
 * kernel's empty entry, zero base, size and flags on node MAX_NUMNODES, which
 * is also what memblock_add_range() tests ("regions[0].size == 0") to know
 * the list is empty. */
static void mark_empty(const struct vml_memblock *mb, struct vml_memblock_type *type)
{
	if (type->cnt || !type->max)
		return;
	type->regions[0].base = 0;
	type->regions[0].size = 0;
	type->regions[0].flags = VML_MEMBLOCK_NONE;
	type->regions[0].nid = mb->max_numnodes;
}

void vml_memblock_remove_region(const struct vml_memblock *mb, struct vml_memblock_type *type,
				unsigned int r)
{
	remove_regions(type, r, r + 1);
	mark_empty(mb, type);
}

/*
 * memblock_merge_regions() of v6.12: merge compatible neighbours, looking
 * only at [start_rgn - 1, end_rgn], the regions a change touched and their
 * two neighbours. Elsewhere the list is left as it is (this matters after
 * cap_memory_range, which leaves split pieces unmerged).
 */
static void merge_regions(struct vml_memblock_type *type, unsigned int start_rgn,
			  unsigned int end_rgn)
{
	unsigned int i = start_rgn ? start_rgn - 1 : 0;

	if (type->cnt == 0)
		return;
	end_rgn = (unsigned int)vml_min(end_rgn, type->cnt - 1);
	while (i < end_rgn) {
		struct vml_memblock_region *this = &type->regions[i];
		struct vml_memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base || this->nid != next->nid ||
		    this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		/* The bytes stay: give back what remove_regions() takes off. */
		type->total_size += next->size;
		remove_regions(type, i + 1, i + 2);
		end_rgn--;
	}
}

/*
 * One pass of memblock_add_range(): walk the regions overlapping
 * [base, end) and count (or, with @insert, insert) the pieces between them.
 * Returns the number of pieces; [*start_rgn, *end_rgn) are the indices of
 * the inserted ones.
 */
static unsigned int add_range_pass(struct vml_memblock_type *type, vml_phys_t base, vml_phys_t end,
				   int nid, uint32_t flags, bool insert, unsigned int *start_rgn,
				   unsigned int *end_rgn)
{
	unsigned int nr_new = 0, idx;

	for (idx = 0; idx < type->cnt; idx++) {
		vml_phys_t rbase = type->regions[idx].base;
		vml_phys_t rend = rbase + type->regions[idx].size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) {
			nr_new++;
			if (insert) {
				if (nr_new == 1)
					*start_rgn = idx;
				*end_rgn = idx + 1;
				insert_region(type, idx++, base, rbase - base, nid, flags);
			}
		}
		base = vml_min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert) {
			if (nr_new == 1)
				*start_rgn = idx;
			*end_rgn = idx + 1;
			insert_region(type, idx, base, end - base, nid, flags);
		}
	}
	return nr_new;
}

/*
 * The commonest add by far, a top-down allocator's memblock_reserve() of
 * the range just below the last one: [base, end) ends exactly where
 * region r starts, overlaps nothing and does not touch region r - 1. The
 * two passes would insert it before r and merge_regions() would merge it
 * into r (same node and flags) and nothing else: r grown downwards is the
 * same list, without moving every region above r twice. Only where the
 * array has room for the insert, as the kernel doubles it first
 * otherwise. False if it does not apply (nothing changed).
 */
static bool extend_below(struct vml_memblock_type *type, vml_phys_t base, vml_phys_t end, int nid,
			 uint32_t flags)
{
	unsigned int r = 0;

	while (r < type->cnt && type->regions[r].base + type->regions[r].size <= base)
		r++;
	return vml_memblock_extend_at(type, r, base, end, nid, flags);
}

int vml_memblock_add_range(struct vml_memblock *mb, struct vml_memblock_type *type, vml_phys_t base,
			   uint64_t size, int nid, uint32_t flags, struct vml_diag *diag)
{
	unsigned int nr_new, start_rgn = 0, end_rgn = 0;
	vml_phys_t end;

	size = vml_memblock_cap_size(mb, base, size);
	if (!size)
		return 0;
	end = base + size;
	if (extend_below(type, base, end, nid, flags)) {
		vml_memblock_changed(mb);
		return 0;
	}
	/* First pass: count, so a full array fails before anything moves. */
	nr_new = add_range_pass(type, base, end, nid, flags, false, &start_rgn, &end_rgn);
	if (!nr_new)
		return 0;
	/* memblock_add_range(): "while (type->cnt + nr_new > type->max)
	 * memblock_double_array(type, obase, size)", with the capped size. */
	while (mb->can_resize && type->cnt + nr_new > type->max) {
		int ret = vml_memblock_double_array(mb, type, base, size, diag);

		if (ret)
			return ret;
	}
	if (type->cnt + nr_new > type->max)
		return type_full(mb, type, base, size, diag);
	vml_memblock_changed(mb);
	add_range_pass(type, base, end, nid, flags, true, &start_rgn, &end_rgn);
	merge_regions(type, start_rgn, end_rgn);
	return 0;
}

/* Regions that cross an edge of [base, end): the splits isolation makes. */
static unsigned int splits_needed(const struct vml_memblock_type *type, vml_phys_t base,
				  vml_phys_t end)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < type->cnt; i++) {
		vml_phys_t rbase = type->regions[i].base;
		vml_phys_t rend = rbase + type->regions[i].size;

		n += rbase < base && base < rend;
		n += rbase < end && end < rend;
	}
	return n;
}

/*
 * memblock_isolate_range()'s "we'll create at most two more regions": with
 * resizing allowed, double while cnt + 2 > max, whatever the range (the
 * kernel does not look first). Without it, nothing: the caller counts the
 * slots really used. @size is already capped and not zero.
 */
static int make_room_to_isolate(struct vml_memblock *mb, struct vml_memblock_type *type,
				vml_phys_t base, uint64_t size, struct vml_diag *diag)
{
	while (mb->can_resize && type->cnt + 2 > type->max) {
		int ret = vml_memblock_double_array(mb, type, base, size, diag);

		if (ret)
			return ret;
	}
	return 0;
}

int vml_memblock_isolate_range(struct vml_memblock *mb, struct vml_memblock_type *type,
			       vml_phys_t base, uint64_t size, unsigned int *start_rgn,
			       unsigned int *end_rgn, struct vml_diag *diag)
{
	unsigned int idx = 0;
	vml_phys_t end;
	int ret;

	*start_rgn = *end_rgn = 0;
	size = vml_memblock_cap_size(mb, base, size);
	if (!size)
		return 0;
	end = base + size;
	ret = make_room_to_isolate(mb, type, base, size, diag);
	if (ret)
		return ret;
	if (type->cnt + splits_needed(type, base, end) > type->max)
		return type_full(mb, type, base, size, diag);
	vml_memblock_changed(mb); /* the splits, and what the caller does inside */

	while (idx < type->cnt) {
		struct vml_memblock_region *rgn = &type->regions[idx];
		vml_phys_t rbase = rgn->base, rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base) {
			idx++;
		} else if (rbase < base) {
			/* Crosses the bottom edge: split off the part below,
			 * then look at the upper part (now at idx + 1). */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			insert_region(type, idx, rbase, base - rbase, rgn->nid, rgn->flags);
			idx++;
		} else if (rend > end) {
			/* Crosses the top edge: split off the part above and
			 * look again at the lower part (now at idx). */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			insert_region(type, idx, rbase, end - rbase, rgn->nid, rgn->flags);
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = ++idx;
		}
	}
	return 0;
}

/*
 * memblock_remove_range(). The kernel isolates and drops the regions inside;
 * this gives the same lists but cuts directly, so that only a range strictly
 * inside one region needs a slot (for the upper half).
 */
int vml_memblock_remove_range(struct vml_memblock *mb, struct vml_memblock_type *type,
			      vml_phys_t base, uint64_t size, struct vml_diag *diag)
{
	unsigned int i = 0, first, last;
	struct vml_memblock_region *r;
	vml_phys_t end;
	int ret;

	size = vml_memblock_cap_size(mb, base, size);
	if (!size)
		return 0;
	/* The kernel isolates first (memblock_remove_range() v6.12), so with
	 * resizing allowed it doubles as isolation does. */
	ret = make_room_to_isolate(mb, type, base, size, diag);
	if (ret)
		return ret;
	end = base + size;
	while (i < type->cnt && type->regions[i].base + type->regions[i].size <= base)
		i++;
	if (i == type->cnt || type->regions[i].base >= end)
		return 0;
	r = &type->regions[i];
	if (r->base < base && r->base + r->size > end) {
		uint64_t upper = r->base + r->size - end;

		if (type->cnt >= type->max)
			return type_full(mb, type, base, size, diag);
		vml_memblock_changed(mb);
		type->total_size -= r->size - (base - r->base);
		r->size = base - r->base;
		insert_region(type, i + 1, end, upper, r->nid, r->flags);
		return 0;
	}
	vml_memblock_changed(mb);
	first = i;
	if (r->base < base) {
		type->total_size -= r->base + r->size - base;
		r->size = base - r->base;
		first = i + 1;
	}
	last = first;
	while (last < type->cnt && type->regions[last].base + type->regions[last].size <= end)
		last++;
	if (last < type->cnt && type->regions[last].base < end) {
		r = &type->regions[last];
		type->total_size -= end - r->base;
		r->size -= end - r->base;
		r->base = end;
	}
	remove_regions(type, first, last);
	mark_empty(mb, type);
	return 0;
}

/* memblock_setclr_flag() on the memory list. */
static int setclr_flag(struct vml_memblock *mb, vml_phys_t base, uint64_t size, bool set,
		       uint32_t flag, const char *op, struct vml_diag *diag)
{
	struct vml_memblock_type *type = &mb->memory;
	unsigned int start_rgn, end_rgn;
	int ret = vml_memblock_check_base(mb, base, size, diag);

	if (!ret)
		ret = vml_memblock_isolate_range(mb, type, base, size, &start_rgn, &end_rgn, diag);
	if (ret)
		return ret;
	for (unsigned int i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	merge_regions(type, start_rgn, end_rgn);
	vml_memblock_trace(mb, op, base, size, flag);
	return 0;
}

/* Add or remove on one list, after the base check, then trace. */
static int range_op(struct vml_memblock *mb, struct vml_memblock_type *type, bool add,
		    vml_phys_t base, uint64_t size, int nid, uint32_t flags, const char *op,
		    struct vml_diag *diag)
{
	int ret = vml_memblock_check_base(mb, base, size, diag);

	if (ret)
		return ret;
	if (add)
		ret = vml_memblock_add_range(mb, type, base, size, nid, flags, diag);
	else
		ret = vml_memblock_remove_range(mb, type, base, size, diag);
	if (!ret)
		vml_memblock_trace(mb, op, base, size, flags);
	return ret;
}

/**
 * vml_memblock_add() - memblock_add(): add RAM to the memory list
 * @mb: the model
 * @base: first byte
 * @size: bytes, capped to phys_addr_max - @base
 * @diag: filled on failure, may be NULL
 *
 * Return: 0; VML_ENOMEM if the memory list can't hold the new pieces;
 * VML_ERANGE if @base is above phys_addr_max.
 */
int vml_memblock_add(struct vml_memblock *mb, vml_phys_t base, uint64_t size, struct vml_diag *diag)
{
	return range_op(mb, &mb->memory, true, base, size, mb->max_numnodes, 0, "memblock_add",
			diag);
}

/**
 * vml_memblock_add_flags() - memblock_add_node() with @flags
 * @mb, @base, @size, @diag: as vml_memblock_add()
 * @flags: VML_MEMBLOCK_* flags of the new pieces (existing regions keep theirs)
 *
 * Return: as vml_memblock_add(), and VML_EINVAL for an unknown flag.
 */
int vml_memblock_add_flags(struct vml_memblock *mb, vml_phys_t base, uint64_t size, uint32_t flags,
			   struct vml_diag *diag)
{
	return vml_memblock_add_node(mb, base, size, mb->max_numnodes, flags, diag);
}

/**
 * vml_memblock_add_node() - memblock_add_node()
 * @mb, @base, @size, @diag: as vml_memblock_add()
 * @nid: node id of the new pieces (existing regions keep theirs)
 * @flags: as vml_memblock_add_flags()
 *
 * Return: as vml_memblock_add_flags().
 */
int vml_memblock_add_node(struct vml_memblock *mb, vml_phys_t base, uint64_t size, int nid,
			  uint32_t flags, struct vml_diag *diag)
{
	const uint32_t known = VML_MEMBLOCK_HOTPLUG | VML_MEMBLOCK_MIRROR | VML_MEMBLOCK_NOMAP |
			       VML_MEMBLOCK_DRIVER_MANAGED | VML_MEMBLOCK_RSRV_NOINIT;

	if (flags & ~known)
		return vml_fail(diag, VML_EINVAL, "unknown memblock region flag", base, size,
				(int)flags);
	return range_op(mb, &mb->memory, true, base, size, nid, flags, "memblock_add_node", diag);
}

/**
 * vml_memblock_remove() - memblock_remove(): cut RAM out of the memory list
 * @mb, @base, @size, @diag: as vml_memblock_add()
 *
 * Return: 0; VML_ENOMEM if the range is strictly inside a region and the
 * list has no slot for the upper half; VML_ERANGE as vml_memblock_add().
 */
int vml_memblock_remove(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			struct vml_diag *diag)
{
	return range_op(mb, &mb->memory, false, base, size, 0, 0, "memblock_remove", diag);
}

/**
 * vml_memblock_reserve() - memblock_reserve(): add to the reserved list
 * @mb, @base, @size, @diag: as vml_memblock_add()
 *
 * Return: 0; VML_ENOMEM if the reserved list is full; VML_ERANGE.
 */
int vml_memblock_reserve(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			 struct vml_diag *diag)
{
	return range_op(mb, &mb->reserved, true, base, size, mb->max_numnodes, 0,
			"memblock_reserve", diag);
}

/**
 * vml_memblock_free() - memblock_phys_free(): cut out of the reserved list
 * @mb, @base, @size, @diag: as vml_memblock_add()
 *
 * Return: as vml_memblock_remove(), on the reserved list.
 */
int vml_memblock_free(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
		      struct vml_diag *diag)
{
	return range_op(mb, &mb->reserved, false, base, size, 0, 0, "memblock_phys_free", diag);
}

/**
 * vml_memblock_mark_nomap() - memblock_mark_nomap(): set NOMAP on memory
 * @mb, @base, @size, @diag: as vml_memblock_add()
 *
 * Return: 0; VML_ENOMEM if the memory list has no slot for the pieces split
 * at the range's edges; VML_ERANGE. The same for the other mark/clear calls.
 */
int vml_memblock_mark_nomap(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			    struct vml_diag *diag)
{
	return setclr_flag(mb, base, size, true, VML_MEMBLOCK_NOMAP, "memblock_mark_nomap", diag);
}

int vml_memblock_clear_nomap(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			     struct vml_diag *diag)
{
	return setclr_flag(mb, base, size, false, VML_MEMBLOCK_NOMAP, "memblock_clear_nomap", diag);
}

int vml_memblock_mark_hotplug(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			      struct vml_diag *diag)
{
	return setclr_flag(mb, base, size, true, VML_MEMBLOCK_HOTPLUG, "memblock_mark_hotplug",
			   diag);
}

int vml_memblock_clear_hotplug(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			       struct vml_diag *diag)
{
	return setclr_flag(mb, base, size, false, VML_MEMBLOCK_HOTPLUG, "memblock_clear_hotplug",
			   diag);
}

/**
 * vml_memblock_mark_mirror() - memblock_mark_mirror(): set MIRROR on memory
 * @mb, @base, @size, @diag: as vml_memblock_mark_nomap()
 *
 * Models a kernel booted with kernelcore=mirror (the only case where the
 * flag is set): from now on allocations try mirrored memory first.
 *
 * Return: as vml_memblock_mark_nomap().
 */
int vml_memblock_mark_mirror(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			     struct vml_diag *diag)
{
	int ret =
	    setclr_flag(mb, base, size, true, VML_MEMBLOCK_MIRROR, "memblock_mark_mirror", diag);

	if (!ret)
		mb->system_has_some_mirror = true;
	return ret;
}

int vml_memblock_set_node(struct vml_memblock *mb, vml_phys_t base, uint64_t size,
			  struct vml_memblock_type *type, int nid, struct vml_diag *diag)
{
	unsigned int start_rgn, end_rgn;
	int ret = vml_memblock_check_base(mb, base, size, diag);

	if (!ret)
		ret = vml_memblock_isolate_range(mb, type, base, size, &start_rgn, &end_rgn, diag);
	if (ret)
		return ret;
	for (unsigned int i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;
	merge_regions(type, start_rgn, end_rgn);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The items of the layout picture: in the virtual column the kernel's
 * regions, the kernel image's sections, vmalloc in holes' VA, the lowmem VA
 * that maps nothing and the VA between regions; in the physical column
 * lowmem, highmem and no-map RAM, the holes between banks and
 * memblock.reserved.
 */
#include <stdio.h>
#include <string.h>

#include "host/svg_picture.h"
#include "vmlayout/arch.h"

/* The arch descriptor's answers (include/vmlayout/arch.h). */
static bool has_highmem(const struct vml_layout *lo)
{
	const struct vml_arch_desc *d = vml_arch_find(lo->arch);

	return d && d->highmem;
}

static uint64_t va_space_end(const struct vml_layout *lo)
{
	const struct vml_arch_desc *d = vml_arch_find(lo->arch);

	return d ? d->va_space_end : 0;
}

int vml_pic_add_item(struct pic_column *c, enum pic_kind kind, const char *name, uint64_t start,
		     uint64_t end)
{
	struct pic_item *it;

	if (c->n == PIC_MAX_ITEMS) {
		c->full = true;
		return -1;
	}
	it = &c->items[c->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->start = start;
	it->end = end;
	return 0;
}

/* Ends as positions: 2^64 (end 0) is above every address. */
static bool end_above(uint64_t end, uint64_t addr)
{
	return end == 0 || end > addr;
}

/*
 * The parts of [start, end) that none of @n ranges [s[i], e[i]) covers, each
 * added as a @kind item. The ranges need not be sorted.
 */
static int add_uncovered(struct pic_column *c, enum pic_kind kind, const char *name, uint64_t start,
			 uint64_t end, const uint64_t *s, const uint64_t *e, size_t n)
{
	uint64_t at = start;

	while (end_above(end, at)) {
		uint64_t next = end; /* where the next covered part starts */
		bool covered = false;

		for (size_t i = 0; i < n; i++) {
			if (s[i] <= at && end_above(e[i], at)) { /* at is covered: skip past it */
				covered = true;
				if (e[i] == 0)
					return 0;
				at = e[i];
				break;
			}
			if (s[i] > at && (next == 0 || s[i] < next))
				next = s[i];
		}
		if (covered)
			continue;
		if (vml_pic_add_item(c, kind, name, at, next))
			return -1;
		if (next == end)
			return 0;
		at = next;
	}
	return 0;
}

/* The image's sections, moved from link-time addresses to where the layout
 * put _text (arm64 and riscv64 KASLR: the "kernel" region). */
static int image_sections(struct picture *p, const struct vml_kernel_image *img)
{
	const struct vml_vregion *k = vml_layout_find_region(p->lo, "kernel");
	uint64_t delta = k && k->end != k->start ? k->start - img->text : 0;
	const struct {
		const char *name;
		uint64_t start, end;
	} sec[] = {{".text", img->text, img->etext},
		   {".rodata", img->start_rodata, img->end_rodata},
		   {".init", img->init_begin, img->init_end},
		   {".data", img->sdata, img->edata},
		   {".bss", img->bss_start, img->bss_stop}};

	for (size_t i = 0; i < VML_ARRAY_SIZE(sec); i++) {
		/* a symbol the map lacks reads 0: leave its section out */
		if (!sec[i].start || sec[i].end <= sec[i].start)
			continue;
		if (vml_pic_add_item(&p->va, PIC_SECTION, sec[i].name, sec[i].start + delta,
				     sec[i].end + delta))
			return -1;
	}
	return 0;
}

/* The lowmem (arm) or linear (64-bit) VA that no linear-map segment and no
 * vmalloc-in-a-hole piece covers. */
static int linear_leftovers(struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	const struct vml_vregion *lin = vml_layout_find_region(lo, "lowmem");
	enum pic_kind kind = PIC_WASTED;
	uint64_t s[VML_LAYOUT_MAX_SEGMENTS + VML_LAYOUT_MAX_REGIONS];
	uint64_t e[VML_LAYOUT_MAX_SEGMENTS + VML_LAYOUT_MAX_REGIONS];
	size_t n = 0;

	if (!lin) {
		lin = vml_layout_find_region(lo, "linear");
		kind = PIC_NO_RAM;
	}
	if (!lin)
		return 0;
	for (unsigned int i = 0; i < lo->n_segments; i++, n++) {
		s[n] = lo->segments[i].virt;
		e[n] = lo->segments[i].virt + lo->segments[i].size;
	}
	for (unsigned int i = 0; i < lo->n_regions; i++)
		if (!strcmp(lo->regions[i].name, "vmalloc_hole")) {
			s[n] = lo->regions[i].start;
			e[n++] = lo->regions[i].end;
		}
	return add_uncovered(&p->va, kind,
			     kind == PIC_WASTED ? "wasted lowmem VA" : "linear VA, no RAM",
			     lin->start, lin->end, s, e, n);
}

/* The VA between the regions, from the lowest region up to the top. */
static int unused_va(struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	uint64_t s[VML_LAYOUT_MAX_REGIONS], e[VML_LAYOUT_MAX_REGIONS];
	uint64_t lowest = UINT64_MAX;
	size_t n = 0;

	for (unsigned int i = 0; i < lo->n_regions; i++) {
		s[n] = lo->regions[i].start;
		e[n++] = lo->regions[i].end;
		if (lo->regions[i].start < lowest)
			lowest = lo->regions[i].start;
	}
	if (!n)
		return 0;
	/* up to the arch's end of VA (32-bit: 4 GiB; 64-bit: 2^64, 0) */
	return add_uncovered(&p->va, PIC_UNUSED, "unused VA", lowest, va_space_end(lo), s, e, n);
}

int vml_pic_virtual_items(struct picture *p, const struct vml_picture_info *info)
{
	const struct vml_layout *lo = p->lo;
	bool own_sections = info && info->image && info->image->known;

	for (unsigned int i = 0; i < lo->n_regions; i++) {
		const struct vml_vregion *r = &lo->regions[i];
		enum pic_kind kind = PIC_REGION;
		const char *name = r->name;

		if (r->name[0] == '.') {
			if (own_sections)
				continue;
			kind = PIC_SECTION;
		} else if (!strcmp(r->name, "vmalloc_hole")) {
			kind = PIC_RECLAIMED;
			name = "vmalloc in a hole";
		}
		if (vml_pic_add_item(&p->va, kind, name, r->start, r->end))
			return -1;
	}
	if (own_sections && image_sections(p, info->image))
		return -1;
	if (linear_leftovers(p) || unused_va(p))
		return -1;
	/* where lowmem's linear map ends (arch/arm/mm/mmu.c) */
	if (has_highmem(lo) && lo->high_memory &&
	    vml_pic_add_item(&p->va, PIC_MARKER, "high_memory", lo->high_memory, lo->high_memory))
		return -1;
	return 0;
}

/* One bank of memblock.memory, cut at lowmem_limit where the arch has
 * highmem. */
static int ram_items(struct picture *p, const struct vml_memblock_region *r)
{
	const struct vml_layout *lo = p->lo;
	uint64_t end = r->base + r->size;
	bool split = has_highmem(lo) && lo->lowmem_limit;
	uint64_t cut = split ? vml_min(vml_max(lo->lowmem_limit, r->base), end) : end;

	if (r->flags & VML_MEMBLOCK_NOMAP)
		return vml_pic_add_item(&p->pa, PIC_NOMAP, "no-map RAM", r->base, end);
	if (cut > r->base && vml_pic_add_item(&p->pa, split ? PIC_RAM_LOW : PIC_RAM,
					      split ? "lowmem RAM" : "RAM", r->base, cut))
		return -1;
	if (end > cut && vml_pic_add_item(&p->pa, PIC_RAM_HIGH, "highmem RAM", cut, end))
		return -1;
	return 0;
}

int vml_pic_physical_items(struct picture *p)
{
	const struct vml_memblock *mb = p->mb;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb->memory.regions[i];

		if (ram_items(p, r))
			return -1;
		if (i + 1 < mb->memory.cnt && r->base + r->size < mb->memory.regions[i + 1].base &&
		    vml_pic_add_item(&p->pa, PIC_HOLE, "hole", r->base + r->size,
				     mb->memory.regions[i + 1].base))
			return -1;
	}
	for (unsigned int i = 0; i < mb->reserved.cnt; i++) {
		const struct vml_memblock_region *r = &mb->reserved.regions[i];

		if (r->size &&
		    vml_pic_add_item(&p->pa, PIC_RESERVED, "reserved", r->base, r->base + r->size))
			return -1;
	}
	/* the end of lowmem RAM, highmem above it (arch/arm/mm/mmu.c) */
	if (has_highmem(p->lo) && p->lo->lowmem_limit &&
	    vml_pic_add_item(&p->pa, PIC_MARKER, "arm_lowmem_limit", p->lo->lowmem_limit,
			     p->lo->lowmem_limit))
		return -1;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * What the layout picture's items look like and mean: fills, CSS classes,
 * the legend's sentences and the sizes in the labels.
 */
#include <stdio.h>
#include <string.h>

#include "host/svg_picture.h"

static const struct {
	const char *css, *fill, *meaning;
} kinds[PIC_N_KINDS] = {
    [PIC_REGION] = {"region", "url(#pic-regions)",
		    "a region the kernel names (one colour per region)"},
    [PIC_SECTION] = {"section", "#f6e2b8", "a section of the kernel image"},
    [PIC_RECLAIMED] = {"reclaimed", "url(#pic-reclaimed)",
		       "vmalloc space in a hole's lowmem VA (hole reclaim: intermix)"},
    [PIC_WASTED] = {"wasted", "url(#pic-wasted)",
		    "wasted VA: lowmem virtual space that maps nothing (a hole's share)"},
    [PIC_NO_RAM] = {"no-ram", "#eef6ee", "linear-map VA with no RAM behind it"},
    [PIC_UNUSED] = {"unused", "url(#pic-unused)", "unused VA: no region holds it"},
    [PIC_RAM_LOW] = {"ram-low", "#8fd18f", "lowmem RAM (below arm_lowmem_limit: linear map)"},
    [PIC_RAM_HIGH] = {"ram-high", "#f0c0a0", "highmem RAM (no permanent mapping)"},
    [PIC_RAM] = {"ram", "#8fd18f", "RAM (all of it in the linear map)"},
    [PIC_NOMAP] = {"nomap", "#b8b8b8", "no-map RAM (reserved-memory no-map: not mapped)"},
    [PIC_HOLE] = {"hole", "url(#pic-unused)", "hole: no RAM between two banks"},
    [PIC_RESERVED] = {"reserved", "#c04040", "memblock.reserved (red strip at the edge)"},
    [PIC_MARKER] = {"marker", "none", "an address the kernel names (dashed line)"},
};

static const struct {
	const char *name, *fill;
} region_fills[] = {
    {"lowmem", "#8fd18f"}, {"linear", "#8fd18f"},  {"vmalloc", "#8fb8e8"}, {"modules", "#e8c88f"},
    {"pkmap", "#d8a0d8"},  {"fixmap", "#e8e08f"},  {"vectors", "#e89f8f"}, {"dtb", "#c8c8c8"},
    {"pci_io", "#b0d0d0"}, {"vmemmap", "#c8b8e8"}, {"kernel", "#f0b070"},  {"kasan", "#d8d8a0"},
};

const char *vml_pic_fill(const struct pic_item *it)
{
	if (it->kind == PIC_REGION)
		for (size_t i = 0; i < VML_ARRAY_SIZE(region_fills); i++)
			if (!strcmp(region_fills[i].name, it->name))
				return region_fills[i].fill;
	return it->kind == PIC_REGION && it->name[0] ? "#dddddd" : kinds[it->kind].fill;
}

const char *vml_pic_css(enum pic_kind kind)
{
	return kinds[kind].css;
}

const char *vml_pic_kind_meaning(enum pic_kind kind)
{
	return kinds[kind].meaning;
}

void vml_pic_size_text(char *buf, size_t cap, uint64_t size)
{
	static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	unsigned int u = 0;

	if (size == 0) { /* [x, 2^64) for x == 0 cannot occur; [x, x) can */
		snprintf(buf, cap, "0 B");
		return;
	}
	if (size < 1024) {
		snprintf(buf, cap, "%llu B", (unsigned long long)size);
		return;
	}
	while (u + 1 < VML_ARRAY_SIZE(units) && size >> (10 * (u + 2)))
		u++;
	if (!(size & ((1ULL << (10 * (u + 1))) - 1)))
		snprintf(buf, cap, "%llu %s", (unsigned long long)(size >> (10 * (u + 1))),
			 units[u]);
	else
		snprintf(buf, cap, "%.1f %s", (double)size / (double)(1ULL << (10 * (u + 1))),
			 units[u]);
}

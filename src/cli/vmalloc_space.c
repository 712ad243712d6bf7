/* SPDX-License-Identifier: MIT */
/* A layout's vmalloc space as an allocator (cli/vmalloc_space.h). */
#include <string.h>

#include "cli/vmalloc_space.h"

static bool is_space(const char *name)
{
	return !strcmp(name, "vmalloc") || !strcmp(name, "vmalloc_hole");
}

/* The linear map's span is not an area: under intermix it covers the
 * holes' vmalloc pieces (the lowmem pieces are not space). */
static bool is_static_candidate(const char *name)
{
	return !is_space(name) && strcmp(name, "lowmem") && strcmp(name, "linear");
}

int vmalloc_space_build(struct vml_vmarea *va, const struct vml_layout *lo,
			void (*on_static)(void *ctx, const char *name, uint64_t start,
					  uint64_t end),
			void *ctx)
{
	for (unsigned int i = 0; i < lo->n_regions; i++)
		if (is_space(lo->regions[i].name) &&
		    vml_vmarea_add_space(va, lo->regions[i].start, lo->regions[i].end))
			return -1;
	for (unsigned int i = 0; i < lo->n_regions; i++) {
		const struct vml_vregion *r = &lo->regions[i];
		uint64_t s = vml_align_down(r->start, va->page_size);
		uint64_t e = vml_align_up(r->end, va->page_size);

		if (e <= s || !is_static_candidate(r->name))
			continue;
		for (unsigned int j = 0; j < lo->n_regions; j++) {
			const struct vml_vregion *v = &lo->regions[j];
			uint64_t a = vml_max(s, v->start), b = vml_min(e, v->end);

			if (is_space(v->name) && a < b && vml_vmarea_reserve(va, a, b - a) == 0 &&
			    on_static)
				on_static(ctx, r->name, a, b);
		}
	}
	return 0;
}

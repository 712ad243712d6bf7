/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout result: storage helpers and the policy dispatch
 *
 * The arch policies fill a struct vml_layout through these helpers, which
 * refuse (VML_ENOMEM) rather than overflow the fixed arrays. The policy to
 * run is looked up by arch and kernel profile in the table the arch folders
 * provide (src/arch/policies.c); the core itself names no arch.
 */
#include "vmlayout/layout.h"
#include "vmlayout/arch.h"
#include "vmlayout/layout_policy.h"

void vml_layout_init(struct vml_layout *layout)
{
	vml_zero(layout, sizeof(*layout));
}

int vml_layout_add_region(struct vml_layout *layout, const char *name, uint64_t start, uint64_t end,
			  struct vml_diag *diag)
{
	struct vml_vregion *r;

	if (layout->n_regions >= VML_LAYOUT_MAX_REGIONS)
		return vml_fail(diag, VML_ENOMEM, "too many virtual regions for the layout", start,
				0, (int)layout->n_regions);
	r = &layout->regions[layout->n_regions++];
	r->name = name;
	r->start = start;
	r->end = end;
	return VML_OK;
}

int vml_layout_add_segment(struct vml_layout *layout, uint64_t virt, uint64_t phys, uint64_t size,
			   struct vml_diag *diag)
{
	struct vml_linear_segment *s;

	if (layout->n_segments >= VML_LAYOUT_MAX_SEGMENTS)
		return vml_fail(diag, VML_ENOMEM, "too many linear-map segments for the layout",
				phys, size, (int)layout->n_segments);
	s = &layout->segments[layout->n_segments++];
	s->virt = virt;
	s->phys = phys;
	s->size = size;
	return VML_OK;
}

int vml_layout_add_line(struct vml_layout *layout, const char *prefix, const char *label,
			uint64_t start, uint64_t end, enum vml_line_unit unit,
			struct vml_diag *diag)
{
	struct vml_layout_line *l;

	if (layout->n_lines >= VML_LAYOUT_MAX_LINES)
		return vml_fail(diag, VML_ENOMEM, "too many boot-log lines for the layout", start,
				0, (int)layout->n_lines);
	l = &layout->lines[layout->n_lines++];
	l->prefix = prefix;
	l->label = label;
	l->start = start;
	l->end = end;
	l->unit = unit;
	return VML_OK;
}

int vml_layout_add_reservation(struct vml_layout *layout, const char *name, uint64_t base,
			       uint64_t size, bool freed, struct vml_diag *diag)
{
	struct vml_reservation *r;

	if (layout->n_reservations >= VML_LAYOUT_MAX_RESERVATIONS)
		return vml_fail(diag, VML_ENOMEM, "too many modelled reservations", base, size,
				(int)layout->n_reservations);
	r = &layout->reservations[layout->n_reservations++];
	r->name = name;
	r->base = base;
	r->size = size;
	r->freed_at_boot_end = freed;
	r->cma = false;
	return VML_OK;
}

void vml_layout_remove_reservation(struct vml_layout *layout, unsigned int index)
{
	if (index >= layout->n_reservations)
		return;
	for (unsigned int i = index; i + 1 < layout->n_reservations; i++)
		layout->reservations[i] = layout->reservations[i + 1];
	layout->n_reservations--;
}

void vml_layout_kmsg_args(struct vml_layout *layout, const char *fmt, const uint64_t *args,
			  unsigned int n)
{
	struct vml_kmsg *m;

	if (!layout || layout->n_kmsgs >= VML_LAYOUT_MAX_KMSGS)
		return;
	m = &layout->kmsgs[layout->n_kmsgs++];
	m->fmt = fmt;
	m->name[0] = 0;
	for (unsigned int i = 0; i < VML_ARRAY_SIZE(m->arg); i++)
		m->arg[i] = i < n ? args[i] : 0;
}

void vml_layout_kmsg_move_last(struct vml_layout *layout, unsigned int to)
{
	struct vml_kmsg last;

	if (layout->n_kmsgs == 0 || to + 1 >= layout->n_kmsgs)
		return;
	last = layout->kmsgs[layout->n_kmsgs - 1];
	for (unsigned int i = layout->n_kmsgs - 1; i > to; i--)
		layout->kmsgs[i] = layout->kmsgs[i - 1];
	layout->kmsgs[to] = last;
}

void vml_layout_kmsg(struct vml_layout *layout, const char *fmt, uint64_t a0, uint64_t a1,
		     uint64_t a2, uint64_t a3)
{
	const uint64_t args[] = {a0, a1, a2, a3};

	vml_layout_kmsg_args(layout, fmt, args, 4);
}

void vml_layout_kmsg_name(struct vml_layout *layout, const char *fmt, const char *name, uint64_t a0,
			  uint64_t a1)
{
	const uint64_t args[] = {a0, a1};

	vml_layout_kmsg_name_args(layout, fmt, name, args, 2);
}

void vml_layout_kmsg_name_args(struct vml_layout *layout, const char *fmt, const char *name,
			       const uint64_t *args, unsigned int n_args)
{
	unsigned int n, i = 0;

	if (!layout)
		return;
	n = layout->n_kmsgs;
	vml_layout_kmsg_args(layout, fmt, args, n_args);
	if (layout->n_kmsgs == n)
		return; /* dropped */
	for (; name[i] && i + 1 < sizeof(layout->kmsgs[n].name); i++)
		layout->kmsgs[n].name[i] = name[i];
	layout->kmsgs[n].name[i] = 0;
}

const struct vml_vregion *vml_layout_find_region(const struct vml_layout *layout, const char *name)
{
	for (unsigned int i = 0; i < layout->n_regions; i++)
		if (vml_str_eq(layout->regions[i].name, name))
			return &layout->regions[i];
	return NULL;
}

static const char *parse_number(const char *s, unsigned int *n)
{
	const char *start = s;

	*n = 0;
	for (; *s >= '0' && *s <= '9' && s - start < 6; s++)
		*n = *n * 10 + (unsigned int)(*s - '0');
	return s == start || (*s >= '0' && *s <= '9') ? NULL : s;
}

bool vml_kernel_version_parse(const char *s, struct vml_kernel_version *v)
{
	const char *p = s ? parse_number(s, &v->major) : NULL;

	if (!p || *p != '.')
		return false;
	p = parse_number(p + 1, &v->minor);
	return p && (*p == '\0' || *p == '.' || *p == '-');
}

struct vml_kernel_version vml_kernel_version_asked(const struct vml_kernel_config *cfg)
{
	struct vml_kernel_version v;

	if (!vml_kernel_version_parse(cfg->profile, &v))
		v = (struct vml_kernel_version){0, 0};
	return v;
}

bool vml_kernel_version_since(struct vml_kernel_version asked, struct vml_kernel_version since)
{
	return since.major && (asked.major > since.major ||
			       (asked.major == since.major && asked.minor >= since.minor));
}

static bool version_in(const struct vml_kernel_version *v, const struct vml_layout_policy *p)
{
	unsigned long key = (unsigned long)v->major << 16 | v->minor;

	return key >= ((unsigned long)p->first.major << 16 | p->first.minor) &&
	       key <= ((unsigned long)p->last.major << 16 | p->last.minor);
}

const struct vml_layout_policy *vml_layout_policy_find(enum vml_arch arch, const char *profile)
{
	const struct vml_arch_desc *desc = vml_arch_find(arch);
	struct vml_kernel_version v;
	bool is_version = vml_kernel_version_parse(profile, &v);

	for (const struct vml_layout_policy *const *p = desc ? desc->policies : NULL; p && *p;
	     p++) {
		if (((*p)->alias && vml_str_eq((*p)->alias, profile)) ||
		    (is_version && version_in(&v, *p)))
			return *p;
	}
	return NULL;
}

int vml_layout_compute(const struct vml_board *board, const struct vml_kernel_config *cfg,
		       struct vml_memblock *mb, struct vml_layout *layout, struct vml_diag *diag)
{
	const struct vml_layout_policy *policy = vml_layout_policy_find(cfg->arch, cfg->profile);
	/* The lists live in caller storage; their headers say what is in use,
	 * so restoring the headers restores the model exactly. */
	const struct vml_memblock saved = *mb;
	int ret;

	/* On every failure the layout is empty (layout.h), even before the
	 * policy runs. */
	vml_layout_init(layout);
	if (!policy)
		return vml_fail(diag, VML_ENOTSUP,
				"no layout policy for this arch and kernel version", 0, 0, -1);
	ret = vml_board_check(board, diag);
	if (ret)
		return ret;
	layout->arch = cfg->arch;
	layout->kaslr_seed = cfg->kaslr_seed_set ? cfg->kaslr_seed : 0;
	layout->profile = policy->profile;
	layout->profile_src = policy->source;
	ret = policy->compute(policy->rules, board, cfg, mb, layout, diag);
	if (ret) {
		*mb = saved;
		vml_layout_init(layout);
	}
	return ret;
}

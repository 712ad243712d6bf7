/* SPDX-License-Identifier: MIT */
/* Finding an architecture's descriptor (include/vmlayout/arch.h). */
#include "vmlayout/arch.h"

const struct vml_arch_desc *vml_arch_find(enum vml_arch id)
{
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++)
		if ((*a)->id == id)
			return *a;
	return NULL;
}

const struct vml_arch_desc *vml_arch_find_name(const char *name)
{
	for (const struct vml_arch_desc *const *a = vml_arches; name && *a; a++)
		if (vml_str_eq((*a)->name, name))
			return *a;
	return NULL;
}

const char *vml_arch_name(enum vml_arch id)
{
	const struct vml_arch_desc *a = vml_arch_find(id);

	return a ? a->name : "none";
}

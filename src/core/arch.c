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

unsigned int vml_arch_command_line_size(enum vml_arch id)
{
	const struct vml_arch_desc *a = vml_arch_find(id);

	if (!a || !a->command_line_size || a->command_line_size > VML_COMMAND_LINE_SIZE)
		return VML_COMMAND_LINE_SIZE;
	return a->command_line_size;
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

/* Append @s to @buf (size @size, holding @len characters); false if full. */
static bool append(char *buf, size_t size, size_t *len, const char *s)
{
	for (; *s; s++) {
		if (*len + 1 >= size)
			return false;
		buf[(*len)++] = *s;
	}
	buf[*len] = '\0';
	return true;
}

const char *vml_arch_list(char *buf, size_t size, bool boot_tables_only)
{
	size_t len = 0;
	bool first = true;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++) {
		if (boot_tables_only && !(*a)->boot_tables)
			continue;
		if ((!first && !append(buf, size, &len, ", ")) ||
		    !append(buf, size, &len, (*a)->name))
			break;
		first = false;
	}
	return buf;
}

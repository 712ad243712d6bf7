/* SPDX-License-Identifier: MIT */
/*
 * DOC: the registry of translation-table formats
 *
 * Each arch's descriptor (include/vmlayout/arch.h) names its struct
 * vml_pt_family; the CLI and the tests find formats through
 * vml_pt_format_lookup() only.
 */
#include "vmlayout/arch.h"
#include "vmlayout/pgtable_format.h"

/**
 * vml_pt_format_lookup() - build the format a user asked for
 * @out: filled on success
 * @spec: the request
 * @diag: filled on failure
 *
 * Return: 0; VML_EINVAL if spec.arch is missing; VML_ENOENT if no family
 * matches it; otherwise the family builder's result.
 */
int vml_pt_format_lookup(struct vml_pt_format *out, const struct vml_pt_spec *spec,
			 struct vml_diag *diag)
{
	if (!spec->arch)
		return vml_fail(diag, VML_EINVAL, "no architecture named", 0, 0, -1);
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++)
		if ((*a)->pt_family && vml_str_eq((*a)->pt_family->arch, spec->arch))
			return (*a)->pt_family->build(out, spec, diag);
	return vml_fail(diag, VML_ENOENT, "no translation-table format for this architecture", 0, 0,
			-1);
}

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

static const struct vml_pt_family *family_of(const char *arch)
{
	for (const struct vml_arch_desc *const *a = vml_arches; *a; a++)
		if ((*a)->pt_family && vml_str_eq((*a)->pt_family->arch, arch))
			return (*a)->pt_family;
	return NULL;
}

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
	const struct vml_pt_family *fam;

	if (!spec->arch)
		return vml_fail(diag, VML_EINVAL, "no architecture named", 0, 0, -1);
	fam = family_of(spec->arch);
	if (fam)
		return fam->build(out, spec, diag);
	return vml_fail(diag, VML_ENOENT, "no translation-table format for this architecture", 0, 0,
			-1);
}

/**
 * vml_pt_format_of_name() - rebuild a format from its name
 * @out: filled on success
 * @arch, @name: the format's arch and name
 * @pa_bits, @split, @half: as struct vml_pt_spec
 * @diag: filled on failure
 *
 * Return: 0; VML_ENOENT for an unknown arch; VML_EINVAL for a name the
 * family does not give; otherwise the builder's result.
 */
int vml_pt_format_of_name(struct vml_pt_format *out, const char *arch, const char *name,
			  unsigned int pa_bits, uint64_t split, unsigned int half,
			  struct vml_diag *diag)
{
	const struct vml_pt_family *fam = arch ? family_of(arch) : NULL;
	struct vml_pt_spec spec = {0};
	struct vml_pt_format f;
	int err;

	if (!fam || !fam->spec_of_name)
		return vml_fail(diag, VML_ENOENT,
				"no translation-table format for this architecture", 0, 0, -1);
	spec.arch = arch;
	spec.pa_bits = pa_bits;
	spec.split = split;
	spec.half = half;
	err = fam->spec_of_name(name, &spec, diag);
	if (!err)
		err = fam->build(&f, &spec, diag);
	if (err)
		return err;
	/* A name the builder would spell otherwise ("4K/048") is not its. */
	if (!vml_str_eq(f.name, name))
		return vml_fail(diag, VML_EINVAL, "no format of the architecture has this name", 0,
				0, -1);
	*out = f;
	return 0;
}

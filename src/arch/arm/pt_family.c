// SPDX-License-Identifier: MIT
/*
 * DOC: the "arm" family of translation-table formats in the registry
 *
 * --arch arm --format short|short-linux|lpae ("short-linux": the short
 * descriptors packed as Linux's pgtable-2level.h packs them, pte_linux.c). Both translate the whole
 * 32-bit VA space from one root, or, with spec.split, one format per TTBR half (pt_split.c). PA
 * bits: short 32 by default, 36 or 40 for supersections reaching above 4 GiB (only supersections
 * can: sections and pages carry PA[31:0]); LPAE 40 by default, 32..40.
 */
#include "arch/arm/pte_arm.h"

static int arm_build(struct vml_pt_format *out, const struct vml_pt_spec *spec,
		     struct vml_diag *diag)
{
	bool lpae = vml_str_eq(spec->mode, "lpae");
	bool linux_2level = vml_str_eq(spec->mode, "short-linux");
	unsigned int pa_bits = spec->pa_bits;
	struct vml_pt_format f;

	if (!lpae && !linux_2level && !vml_str_eq(spec->mode, "short"))
		return vml_fail(diag, VML_EINVAL,
				"arm table format must be short, short-linux or lpae", 0, 0, -1);
	if (spec->granule && spec->granule != VML_SZ_4K)
		return vml_fail(diag, VML_EINVAL, "arm pages are 4 KiB", spec->granule, 0, -1);
	if (spec->va_bits && spec->va_bits != 32)
		return vml_fail(diag, VML_ERANGE, "arm tables translate 32-bit VAs", spec->va_bits,
				0, -1);
	if (!pa_bits)
		pa_bits = lpae ? 40 : 32;
	if (lpae ? (pa_bits < 32 || pa_bits > 40)
		 : (pa_bits != 32 && pa_bits != 36 && pa_bits != 40))
		return vml_fail(diag, VML_ERANGE,
				lpae ? "arm LPAE PA bits must be 32..40"
				     : "arm short-descriptor PA bits must be 32, 36 or 40",
				pa_bits, 0, -1);
	if (spec->half > 1 || (spec->half && !spec->split) || spec->split >= (1ULL << 32))
		return vml_fail(diag, VML_EINVAL,
				"arm: the TTBR1 half needs a split inside the 32-bit VA space",
				spec->split, 0, -1);
	if (lpae)
		vml_arm_lpae_fill(&f, pa_bits);
	else
		vml_arm_short_fill(&f, pa_bits,
				   (spec->options & ~VML_ARM_OPT_LINUX) |
				       (linux_2level ? VML_ARM_OPT_LINUX : 0));
	if (spec->split) {
		int err = vml_arm_split_apply(&f, spec->split, spec->half, diag);

		if (err)
			return err;
	}
	*out = f;
	return 0;
}

/* The format's name is --format's value (arm_build() checks it). */
static int arm_spec_of_name(const char *name, struct vml_pt_spec *spec, struct vml_diag *diag)
{
	(void)diag;
	spec->mode = name;
	return 0;
}

const struct vml_pt_family vml_pt_family_arm = {
    .arch = "arm",
    .build = arm_build,
    .spec_of_name = arm_spec_of_name,
};

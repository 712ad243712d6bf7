/* SPDX-License-Identifier: MIT */
/*
 * DOC: vml_ptdump_print(): pick the arch's style and the tree it dumps
 */
#include <string.h>

#include "vmlayout/ptdump.h"

int vml_ptdump_print(FILE *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o,
		     struct vml_host_error *err)
{
	int rc;

	if (!strcmp(fmt->arch, "arm64"))
		rc = vml_ptdump_arm64(out, fmt, trees[1], o);
	else if (!strcmp(fmt->arch, "riscv64"))
		rc = vml_ptdump_riscv(out, fmt, trees[0], o);
	else if (!strcmp(fmt->arch, "arm"))
		rc = vml_ptdump_arm(out, fmt, trees, o);
	else
		return vml_host_error_set(
		    err, VML_EINVAL, "--arch %s: ptdump knows arm64, riscv64 and arm", fmt->arch);
	if (rc == VML_EINVAL)
		return vml_host_error_set(
		    err, rc, "--kernel %s: ptdump follows the 6.1 and 6.12 formats", o->kernel);
	if (rc)
		return vml_host_error_set(err, rc, "a table could not be read (window failed)");
	return 0;
}

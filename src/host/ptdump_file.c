/* SPDX-License-Identifier: MIT */
/*
 * DOC: vml_ptdump_print(): the core's ptdump written to a FILE
 *
 * The printers are the arches' (src/arch/<arch>/ptdump.c, freestanding,
 * writing through a text sink); this host wrapper gives them a sink that
 * is fwrite() and turns their return codes into one sentence.
 */
#include "vmlayout/ptdump_file.h"

static void file_write(void *arg, const char *text, size_t len)
{
	fwrite(text, 1, len, (FILE *)arg);
}

int vml_ptdump_print(FILE *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o,
		     struct vml_host_error *err)
{
	const struct vml_text_sink sink = {file_write, out};
	int rc = vml_ptdump_emit(&sink, fmt, trees, o);

	if (rc == VML_ENOTSUP)
		return vml_host_error_set(err, VML_EINVAL,
					  "--arch %s: ptdump has no printer for it", fmt->arch);
	if (rc == VML_EINVAL)
		return vml_host_error_set(
		    err, rc, "--kernel %s: ptdump follows the 6.1 and 6.12 formats", o->kernel);
	if (rc)
		return vml_host_error_set(err, rc, "a table could not be read (window failed)");
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The picture of a layout as an SVG document: built and checked whole
 * (svg_picture.c) before anything is written, so a picture whose labels
 * would overprint is refused rather than drawn (docs/picture.md).
 */
#include <stdlib.h>

#include "host/svg_picture.h"

/* Build the picture into freshly allocated storage; NULL with @err set. */
struct picture *vml_pic_new(const struct vml_layout *lo, const struct vml_memblock *mb,
			    const struct vml_picture_info *info, struct vml_host_error *err,
			    int *ret)
{
	struct picture *p = calloc(1, sizeof(*p));

	if (!p) {
		*ret = vml_host_error_set(err, VML_ENOMEM, "the picture: out of memory");
		return NULL;
	}
	*ret = vml_pic_build(p, lo, mb, info, err);
	if (*ret) {
		free(p);
		return NULL;
	}
	return p;
}

int vml_report_svg(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb,
		   const struct vml_picture_info *info, struct vml_host_error *err)
{
	int ret;
	struct picture *p = vml_pic_new(layout, mb, info, err, &ret);

	if (!p)
		return ret;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	vml_pic_emit_svg(out, p);
	free(p);
	return 0;
}

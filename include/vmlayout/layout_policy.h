/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout policy hook: one per arch and kernel profile
 *
 * A policy is (board, config, memblock) -> layout, following one named
 * kernel version's files. Each arch's descriptor (include/vmlayout/arch.h)
 * lists its policies; the core looks a policy up by arch and profile name
 * and knows nothing else about it.
 */
#ifndef VMLAYOUT_LAYOUT_POLICY_H
#define VMLAYOUT_LAYOUT_POLICY_H

#include "layout.h"

struct vml_layout_policy {
	enum vml_arch arch;
	const char *profile;		      /* canonical name, e.g. "6.1" */
	const char *source;		      /* the kernel files followed */
	bool (*accepts)(const char *profile); /* other names it answers to, or NULL */
	int (*compute)(const struct vml_board *board, const struct vml_kernel_config *cfg,
		       struct vml_memblock *mb, struct vml_layout *layout, struct vml_diag *diag);
};

const struct vml_layout_policy *vml_layout_policy_find(enum vml_arch arch, const char *profile);

#endif

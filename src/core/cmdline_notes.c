/* SPDX-License-Identifier: MIT */
/*
 * DOC: notes for the command-line parameters vmlayout does not model
 *
 * The kernel accepts them, so they are no error; but a layout computed
 * without them may differ from the kernel's, so each one the arch's kernel
 * acts on gets a note (stderr, silenced by -q).
 */
#include "vmlayout/layout_policy.h"

void vml_cmdline_unmodelled_notes(struct vml_layout *lo, const struct vml_kernel_config *cfg,
				  uint32_t acts)
{
	static const char *const names[VML_CMDLINE_N_UNMODELLED] = {
	    "memmap=",
	    "hugepages=/hugepagesz=",
	    "hugetlb_cma=",
	    "kasan=",
	    "swiotlb=",
	    "kfence.sample_interval=",
	    "cma_pernuma=/numa_cma=",
	    "movablecore=",
	    "kernelcore=",
	    "memtest=",
	};
	const uint32_t seen = cfg->cmdline_unmodelled & acts;

	for (unsigned int i = 0; i < VML_CMDLINE_N_UNMODELLED; i++)
		if (seen & (1u << i))
			vml_layout_kmsg_name(lo,
					     "vmlayout: %s on the command line is not modelled: "
					     "the layout is computed without it\n",
					     names[i], 0, 0);
	if (cfg->cmdline_truncated)
		vml_layout_kmsg(lo,
				"vmlayout: the command line is longer than %llu characters: "
				"only the first %llu are read (boot_command_line)\n",
				VML_COMMAND_LINE_SIZE - 1, VML_COMMAND_LINE_SIZE - 1, 0, 0);
}

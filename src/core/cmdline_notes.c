/* SPDX-License-Identifier: MIT */
/*
 * DOC: notes for the command-line parameters vmlayout does not model,
 * and the kernel's messages for bare early words it refuses
 *
 * The kernel accepts them, so they are no error; but a layout computed
 * without them may differ from the kernel's, so each one the arch's kernel
 * acts on gets a note (stderr, silenced by -q).
 */
#include "vmlayout/arch.h"
#include "vmlayout/layout_policy.h"

void vml_cmdline_unmodelled_notes(struct vml_layout *lo, const struct vml_kernel_config *cfg,
				  uint32_t acts)
{
	static const char *const names[VML_CMDLINE_N_UNMODELLED] = {
	    "memmap=",	"hugepages=/hugepagesz=", "hugetlb_cma=", "kasan=",
	    "swiotlb=", "cma_pernuma=/numa_cma=", "movablecore=", "kernelcore=",
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
				vml_arch_command_line_size(cfg->arch) - 1,
				vml_arch_command_line_size(cfg->arch) - 1, 0, 0);
}

void vml_early_param_msgs(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			  unsigned int mem_before, uint32_t handlers)
{
	for (unsigned int i = 0; i < cfg->n_early_words && i < VML_MAX_EARLY_WORDS; i++) {
		const uint32_t kind = cfg->early_words[i];

		if (cfg->early_words_mem_before[i] != mem_before || !(handlers & kind))
			continue;
		if (kind == VML_EARLY_RODATA) {
			const unsigned int w = cfg->early_words_rodata[i];

			if (vml_rodata_word_warns(cfg, w, handlers))
				vml_layout_kmsg_name(
				    lo, "Invalid option string for rodata: '%s'\n",
				    cfg->rodata_bare[w] ? "(null)" : cfg->rodata_text[w], 0, 0);
			continue;
		}
		if (kind == VML_EARLY_NOKASLR)
			vml_layout_kmsg(lo, "Disabled KASLR\n", 0, 0, 0, 0);
		if (kind == VML_EARLY_NO4LVL)
			vml_layout_kmsg(lo, "Disabled 4-level and 5-level paging\n", 0, 0, 0, 0);
		if (kind == VML_EARLY_NO5LVL)
			vml_layout_kmsg(lo, "Disabled 5-level paging\n", 0, 0, 0, 0);
		if (kind & (VML_EARLY_NOKASLR | VML_EARLY_NO4LVL | VML_EARLY_NO5LVL))
			continue;
		if (kind == VML_EARLY_BARE_CMA)
			vml_layout_kmsg(lo, "cma: Config string not provided\n", 0, 0, 0, 0);
		vml_layout_kmsg_name(lo, "Malformed early option '%s'\n",
				     kind == VML_EARLY_BARE_CMA	   ? "cma"
				     : kind == VML_EARLY_BARE_NUMA ? "numa"
								   : "debug_pagealloc",
				     0, 0);
	}
}

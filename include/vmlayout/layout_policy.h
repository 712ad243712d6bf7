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

/* A kernel version as MAJOR.MINOR ("6.12", "6.12.3", "6.1.0-57-arm64"). */
struct vml_kernel_version {
	unsigned int major, minor;
};

/**
 * vml_kernel_version_parse() - the MAJOR.MINOR of a version string
 * @s: "6.12", "6.12.3" or a uname -r like "6.1.0-57-arm64"
 * @v: filled on success
 *
 * The one place a version string is parsed. Return: true, or false when
 * @s does not start with MAJOR.MINOR followed by the end, '.' or '-'.
 */
bool vml_kernel_version_parse(const char *s, struct vml_kernel_version *v);

/**
 * vml_kernel_version_asked() - the version --kernel named (cfg->profile),
 * for a profile's rules that changed inside the range of versions it
 * answers to; 0.0 for an alias (such as msm-3.4)
 */
struct vml_kernel_version vml_kernel_version_asked(const struct vml_kernel_config *cfg);

/**
 * vml_kernel_version_since() - whether @asked has a rule that changed in
 * @since (a profile's *_since field; major 0: no version has it)
 */
bool vml_kernel_version_since(struct vml_kernel_version asked, struct vml_kernel_version since);

/**
 * vml_cmdline_unmodelled_notes() - a vmlayout note for each parameter of
 * cfg->cmdline_unmodelled in @acts (the VML_CMDLINE_* bits the arch's
 * kernel acts on: the others it ignores, and so does vmlayout, silently),
 * and one when the command line was cut at VML_COMMAND_LINE_SIZE - 1
 */
void vml_cmdline_unmodelled_notes(struct vml_layout *lo, const struct vml_kernel_config *cfg,
				  uint32_t acts);

/**
 * vml_early_param_msgs() - the kernel's messages for the bare early
 * words of cfg->early_words[] that came after @mem_before mem= words, for
 * the handlers in @handlers (the VML_EARLY_BARE_* the arch's kernel has):
 * "cma: Config string not provided" (early_cma(), kernel/dma/contiguous.c)
 * then "Malformed early option 'cma'"; "Malformed early option 'numa'"
 * (drivers/base/arch_numa.c); "Invalid option string for rodata: '%s'"
 * for a rodata word the VML_EARLY_RODATA handlers refuse (init/main.c
 * set_debug_rodata()); riscv64's "Disabled KASLR", "Disabled 4-level and
 * 5-level paging", "Disabled 5-level paging" (arch/riscv/mm/init.c). v6.1
 * and v6.12.
 */
void vml_early_param_msgs(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			  unsigned int mem_before, uint32_t handlers);

/**
 * vml_kstrtobool() - the kernel's kstrtobool() (lib/kstrtox.c)
 * @s: the text (NULL: not a boolean)
 * @true_false: also 't'/'T' and 'f'/'F' (v6.1 and v6.12; not v5.10)
 * @res: set when the text is a boolean
 *
 * The first character decides: y Y 1 / n N 0, "on"/"off" by the first
 * two. Return: whether @s is a boolean.
 */
bool vml_kstrtobool(const char *s, bool true_false, bool *res);

/**
 * vml_rodata_effective() - the rodata= value the kernel ends up with
 * @handlers: the VML_EARLY_RODATA* handlers the arch's kernel has (0: it
 *	has no rodata= parameter)
 *
 * Return: the VML_RODATA_* of the last "rodata" word the handlers take,
 * VML_RODATA_NONE when none (the kernel's defaults stay).
 */
unsigned int vml_rodata_effective(const struct vml_kernel_config *cfg, uint32_t handlers);

/* debug_pagealloc_enabled(): CONFIG_DEBUG_PAGEALLOC and the command
 * line's value, else DEBUG_PAGEALLOC_ENABLE_DEFAULT. */
bool vml_debug_pagealloc_enabled(const struct vml_kernel_config *cfg);

/* A note when debug_pagealloc= is on the line of a kernel without
 * CONFIG_DEBUG_PAGEALLOC (the parameter does not exist there). */
void vml_debug_pagealloc_note(struct vml_layout *lo, const struct vml_kernel_config *cfg);

/* Whether rodata word @i gets set_debug_rodata()'s "Invalid option string
 * for rodata" warning under @handlers. */
bool vml_rodata_word_warns(const struct vml_kernel_config *cfg, unsigned int i, uint32_t handlers);

/* A reusable shared-dma-pool without no-map: a CMA area (rmem_cma_setup(),
 * kernel/dma/contiguous.c v6.1). */
bool vml_reserved_is_cma(const struct vml_board_reserved *r);

/**
 * vml_of_reserve_static() - early_init_dt_reserve_memory() for a static
 * /reserved-memory region (drivers/of/fdt.c v6.1)
 * @pa_64bit: the kernel's phys_addr_t is 64 bits (the message's %pa width)
 * @reserved: set to whether memblock now holds the region; false when a
 *	no-map region overlaps a reservation (the kernel's "failed to reserve"
 *	message is logged and the region skipped, not an error)
 *
 * Return: VML_OK or the memblock call's error.
 */
int vml_of_reserve_static(struct vml_memblock *mb, struct vml_layout *lo,
			  const struct vml_board_reserved *r, bool pa_64bit, bool *reserved,
			  struct vml_diag *diag);

/**
 * vml_of_reserved_mem_array_bytes() - alloc_reserved_mem_array()'s size
 * (drivers/of/of_reserved_mem.c v6.12): total_reserved_mem_cnt entries of
 * @entry_size (sizeof(struct reserved_mem)), the /reserved-memory children
 * fdt_scan_reserved_mem() counted: each available one with a "reg" (one per
 * node however many entries: board->n_reserved_reg_nodes) and each dynamic
 * one __reserved_mem_alloc_size() placed (@dynamic_placed).
 *
 * Return: 0 when the DT has no /reserved-memory or the count is 0 (no
 * allocation).
 */
uint64_t vml_of_reserved_mem_array_bytes(const struct vml_board *board, unsigned int dynamic_placed,
					 uint64_t entry_size);

/* __reserved_mem_alloc_size()'s "failed to allocate memory for node '%s':
 * size %lu MiB" (drivers/of/of_reserved_mem.c v6.1). */
void vml_of_reserved_mem_alloc_failed(struct vml_layout *lo, const struct vml_board_reserved *r);

/* What the kernel's handlers depend on besides the node. */
struct vml_rmem_env {
	bool pa_64bit;	    /* phys_addr_t is 64 bits: %pa prints 16 digits */
	bool arm;	    /* CONFIG_ARM: rmem_dma_setup() wants no-map */
	bool dma_cma;	    /* CONFIG_DMA_CMA: rmem_cma_setup() is a handler */
	uint64_t cma_align; /* CMA_MIN_ALIGNMENT_BYTES */
	/* cma= is on the command line (size_cmdline != -1): rmem_cma_setup()
	 * bypasses a linux,cma-default pool (v6.1, v6.12) */
	bool cma_cmdline;
};

enum vml_rmem_init {
	VML_RMEM_NO_HANDLER = 0, /* no handler for its compatible: kept as reserved */
	VML_RMEM_CMA,		 /* rmem_cma_setup() made it a CMA area */
	VML_RMEM_DMA,		 /* rmem_dma_setup() made it a coherent pool: kept */
	VML_RMEM_FAILED,	 /* "compatible matching fail": the kernel gives it back */
};

/**
 * vml_of_reserved_mem_init_node() - __reserved_mem_init_node() for one
 * region (drivers/of/of_reserved_mem.c v6.1), with its messages
 * @base: where the region is (a dynamic one once allocated)
 *
 * For a "shared-dma-pool": rmem_cma_setup() (kernel/dma/contiguous.c),
 * then rmem_dma_setup() (kernel/dma/coherent.c), in link order; on
 * success "OF: reserved mem: initialized node NAME, compatible id
 * shared-dma-pool", on an error "OF: reserved mem: node NAME compatible
 * matching fail" (fdt_init_reserved_mem() then frees the region or clears
 * its NOMAP: the caller's part). Not modelled: cma= on the command line
 * (the "bypass" case), CMA_AREAS running out, restricted-dma-pool and the
 * drivers' own RESERVEDMEM_OF_DECLARE handlers (their nodes are "no
 * handler").
 *
 * Return: the outcome.
 */
enum vml_rmem_init vml_of_reserved_mem_init_node(struct vml_layout *lo,
						 const struct vml_board_reserved *r, uint64_t base,
						 const struct vml_rmem_env *env);

/*
 * vml_of_reserved_mem_settle() - what fdt_init_reserved_mem()
 * (drivers/of/of_reserved_mem.c v6.1) does with a handler's outcome @got
 * for @r at @base, whose reservation the caller recorded: a CMA area is
 * marked so (its pages reach the buddy allocator later, counted in
 * MemTotal); a failed region is given back at once (memblock_phys_free(),
 * or its NOMAP cleared) and its record dropped. Return: VML_OK or the
 * memblock call's error.
 */
int vml_of_reserved_mem_settle(struct vml_layout *lo, struct vml_memblock *mb,
			       const struct vml_board_reserved *r, uint64_t base,
			       enum vml_rmem_init got, struct vml_diag *diag);

/*
 * vml_of_reserved_mem_static_order() - the static regions in the order
 * fdt_init_reserved_mem() initialises them (sorted by base): calls @fn for
 * each board->reserved[i] with kept[i] set, lowest base first, and clears
 * kept[i]. Stops at @fn's first non-zero return, which it returns.
 */
int vml_of_reserved_mem_static_order(const struct vml_board *board, bool *kept,
				     int (*fn)(void *arg, const struct vml_board_reserved *r),
				     void *arg);

/* The DT header's /memreserve/ entries, memblock_reserve()d and recorded. */
int vml_of_reserve_memreserve(struct vml_memblock *mb, struct vml_layout *lo,
			      const struct vml_board *board, struct vml_diag *diag);

/*
 * @first, @last: the kernel versions the profile answers to (inclusive):
 *	its rules did not change in that range
 * @alias: another name it answers to ("msm-3.4"), or NULL
 * @rules: the profile's table of rules (the arch's own struct: struct
 *	arm_profile, arm64_profile, riscv_profile)
 * @compute: the arch's one driver, run with @rules
 */
struct vml_layout_policy {
	enum vml_arch arch;
	const char *profile; /* canonical name, e.g. "6.1" */
	const char *source;  /* the kernel files followed */
	struct vml_kernel_version first, last;
	const char *alias;
	const void *rules;
	int (*compute)(const void *rules, const struct vml_board *board,
		       const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		       struct vml_layout *layout, struct vml_diag *diag);
};

const struct vml_layout_policy *vml_layout_policy_find(enum vml_arch arch, const char *profile);

#endif

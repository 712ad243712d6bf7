/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel configuration a layout is computed for
 *
 * Filled by the host layer from --arch/--kernel, a .config file, --set
 * NAME=VALUE, the kernel command line and a System.map. Every field has a
 * "set" flag or a documented default so the arch policy can apply the
 * kernel's own defaults (Kconfig) for what the user did not say.
 */
#ifndef VMLAYOUT_CONFIG_H
#define VMLAYOUT_CONFIG_H

#include "env.h"

enum vml_arch {
	VML_ARCH_NONE = 0,
	VML_ARCH_ARM,
	VML_ARCH_ARM64,
	VML_ARCH_RISCV64,
};

/* msm-3.4 "Virtual Memory Reclaim" choice (arch/arm/mm/Kconfig, msm trees). */
enum vml_reclaim {
	VML_RECLAIM_NONE = 0,	    /* NO_VM_RECLAIM (and every mainline kernel) */
	VML_RECLAIM_DONT_MAP_HOLE,  /* DONT_MAP_HOLE_AFTER_MEMBANK0 */
	VML_RECLAIM_VMALLOC_SAVING, /* ENABLE_VMALLOC_SAVING / RFC VMALLOC_INTERMIX */
};

enum vml_memmodel {
	VML_FLATMEM = 0,
	VML_SPARSEMEM,
};

#define VML_MAX_MEM_ARGS 8
#define VML_COMMAND_LINE_SIZE 2048 /* the largest COMMAND_LINE_SIZE (arm64's) */

/* Command-line parameters that shape memory and that vmlayout does not
 * model (cfg->cmdline_unmodelled; vml_cmdline_unmodelled_notes()). */
enum vml_cmdline_unmodelled {
	VML_CMDLINE_MEMMAP = 1u << 0,	   /* memmap= */
	VML_CMDLINE_HUGEPAGES = 1u << 1,   /* hugepages=, hugepagesz=, default_hugepagesz= */
	VML_CMDLINE_HUGETLB_CMA = 1u << 2, /* hugetlb_cma= */
	VML_CMDLINE_KASAN = 1u << 3,	   /* kasan= */
	VML_CMDLINE_SWIOTLB = 1u << 4,	   /* swiotlb= */
	VML_CMDLINE_CMA_PERNUMA = 1u << 5, /* cma_pernuma=, numa_cma= */
	VML_CMDLINE_MOVABLECORE = 1u << 6, /* movablecore= */
	VML_CMDLINE_KERNELCORE = 1u << 7,  /* kernelcore= */
	VML_CMDLINE_MEMTEST = 1u << 8,	   /* memtest= */
	VML_CMDLINE_N_UNMODELLED = 9,
};

/* The early words whose handlers print something, kept in command-line
 * order so each message keeps its place among early_mem()'s (cfg->
 * early_words[]; vml_early_param_msgs()). First the bare words (no '=')
 * whose early_param() handler refuses the NULL value it then gets:
 * parse_args() passes val = NULL and do_early_param() (init/main.c v6.1,
 * v6.12) prints "Malformed early option '%s'" when the handler returns
 * non-zero. As a mask, the kinds the arch's kernel has handlers for. */
enum vml_early_word {
	VML_EARLY_BARE_CMA = 1u << 0,  /* early_cma(): "cma: Config string not provided" */
	VML_EARLY_BARE_NUMA = 1u << 1, /* numa_parse_early_param(): -EINVAL */
	/* A "rodata" word (with or without a value), in the same list so its
	 * warning keeps its place. As handler bits, which rodata= handler the
	 * arch's kernel has (vml_rodata_effective()): */
	VML_EARLY_RODATA = 1u << 2,	    /* early_param set_debug_rodata(): on, off
					     * (init/main.c v6.1, v6.12); else
					     * "Invalid option string for rodata" */
	VML_EARLY_RODATA_FULL = 1u << 3,    /* arm64 arch_parse_debug_rodata(): full
					     * too (asm/setup.h v6.1 .. v6.15) */
	VML_EARLY_RODATA_NOALIAS = 1u << 4, /* noalias instead of full (arm64
					     * v6.16+, 7.2.13's asm/setup.h) */
	VML_EARLY_RODATA_SETUP = 1u << 5,   /* __setup("rodata=") strtobool(), no
					     * message (init/main.c v5.10) */
	/* riscv64's early_param()s that only print (arch/riscv/mm/init.c
	 * v6.12, 7.2.13: print_nokaslr() under RANDOMIZE_BASE, print_no4lvl(),
	 * print_no5lvl()): a word named so, with or without a value, one line
	 * each in command-line order; the early scan that acts on them is a
	 * strstr() (cfg->nokaslr, no4lvl, no5lvl) */
	VML_EARLY_NOKASLR = 1u << 6, /* "Disabled KASLR" */
	VML_EARLY_NO4LVL = 1u << 7,  /* "Disabled 4-level and 5-level paging" */
	VML_EARLY_NO5LVL = 1u << 8,  /* "Disabled 5-level paging" */
	/* a debug_pagealloc word kstrtobool() refuses, a bare one too:
	 * early_debug_pagealloc() returns its -EINVAL (mm/page_alloc.c v6.1,
	 * mm/debug_page_alloc.c v6.12), so "Malformed early option" with
	 * CONFIG_DEBUG_PAGEALLOC */
	VML_EARLY_BAD_DEBUG_PAGEALLOC = 1u << 9,
};
#define VML_MAX_EARLY_WORDS 16
#define VML_MAX_RODATA_WORDS 8
#define VML_RODATA_TEXT 64 /* a rodata= value's longest text + 1 */

/* One size of "hugetlb_cma=" (mm/hugetlb.c cmdline_parse_hugetlb_cma(),
 * v6.1, v6.12): "N:SIZE" pairs (@node set, @nid as written) or one plain
 * SIZE; @word numbers the hugetlb_cma= words (a nid >= MAX_NUMNODES ends
 * the rest of its word, which only the arch can tell). */
struct vml_hugetlb_cma_arg {
	uint64_t nid, size;
	unsigned int word;
	bool node;
};
#define VML_MAX_HUGETLB_CMA_ARGS 16

/* Section boundaries of the kernel image (virtual addresses, System.map). */
struct vml_kernel_image {
	bool known;
	uint64_t text, stext, etext;
	uint64_t start_rodata, end_rodata;
	uint64_t init_begin, init_end;
	uint64_t sdata, edata;
	uint64_t bss_start, bss_stop;
	uint64_t end;
	/* arm64's KPTI trampoline text, __entry_tramp_text_start/_end
	 * (arch/arm64/kernel/vmlinux.lds.S TRAMP_TEXT; 0: not given) */
	uint64_t entry_tramp_text_start, entry_tramp_text_end;
	/* arm64's __inittext_end (= __initdata_begin, vmlinux.lds.S; 0: not
	 * given): where map_kernel() splits init text from init data */
	uint64_t inittext_end;
	/* riscv64's _data and __init_data_begin when the System.map has them
	 * (0: not given) */
	uint64_t data, init_data_begin;
	/* &contig_page_data, FLATMEM's node 0 pg_data_t (mm/page_alloc.c),
	 * when the System.map has it (0: not given) */
	uint64_t contig_page_data;
	/* __per_cpu_end - __per_cpu_start, when the System.map has both: the
	 * per-CPU first chunk's static size (include/vmlayout/percpu.h) */
	bool per_cpu_known;
	uint64_t per_cpu_size;
};

/* "rodata=" as init/main.c set_debug_rodata() and arm64's
 * arch_parse_debug_rodata() (asm/setup.h) read it; NONE: not given. */
enum vml_rodata_arg {
	VML_RODATA_NONE = 0,
	VML_RODATA_FULL,
	VML_RODATA_ON,
	VML_RODATA_OFF,
	VML_RODATA_NOALIAS,
};

/* CONFIG_CMDLINE_{FROM_BOOTLOADER,FALLBACK,EXTEND,FORCE}: the choice's
 * member a configuration named (VML_CMDLINE_TYPE_DEFAULT: none, which is
 * FROM_BOOTLOADER on arm and arm64, FALLBACK on riscv) */
enum vml_cmdline_type {
	VML_CMDLINE_TYPE_DEFAULT,
	VML_CMDLINE_TYPE_FROM_BOOTLOADER,
	VML_CMDLINE_TYPE_FALLBACK,
	VML_CMDLINE_TYPE_EXTEND,
	VML_CMDLINE_TYPE_FORCE,
};

#define VML_BUILTIN_CMDLINE_LEN (VML_COMMAND_LINE_SIZE + 2)

struct vml_kernel_config {
	enum vml_arch arch;
	char profile[16]; /* kernel version profile, e.g. "3.4", "6.1" */

	/* Kconfig */
	bool page_offset_set;
	uint64_t page_offset; /* CONFIG_PAGE_OFFSET (default from VMSPLIT_*) */
	unsigned int vmsplit; /* 1, 2, 3 (GiB of user space); 0 = default; 0x30 = 3G_OPT */
	bool phys_offset_set;
	uint64_t phys_offset; /* CONFIG_PHYS_OFFSET */
	bool arm_patch_phys_virt;
	bool highmem;
	bool arm_lpae;
	bool zone_dma;
	uint64_t zone_dma_size; /* arm_dma_zone_size (machine), when ZONE_DMA */
	enum vml_memmodel memmodel;
	bool cma;
	uint64_t cma_size_mbytes;
	bool modules;
	bool thumb2_kernel;
	bool have_tcm;
	bool vipt_aliasing; /* the CPU's D-cache is VIPT aliasing (3.4 drops highmem) */
	enum vml_reclaim reclaim;
	bool memcg;	     /* CONFIG_MEMCG: struct page grows by memcg_data */
	bool page_extension; /* CONFIG_PAGE_EXTENSION: struct mem_section is 32 bytes */
	/* CONFIG_PAGE_IDLE_FLAG: on a 32-bit kernel the idle bits live in
	 * page_ext, so PAGE_EXTENSION allocates it (mm/page_ext.c) */
	bool page_idle_flag;
	bool kfence; /* CONFIG_KFENCE (riscv64 6.x: an early 2 MiB pool) */
	/* CONFIG_OF (a kernel that unflattens a DT), CONFIG_OF_KOBJ (def_bool
	 * SYSFS), CONFIG_OF_DYNAMIC, CONFIG_DEBUG_LOCK_ALLOC and
	 * CONFIG_DEBUG_KOBJECT_RELEASE: the unflattened tree's struct sizes
	 * (include/vmlayout/of_unflatten.h). Without a .config: OF and OF_KOBJ. */
	bool of, of_kobj, of_dynamic, debug_lock_alloc, debug_kobject_release;
	/* CONFIG_DEBUG_PAGEALLOC (without it the kernel has no
	 * debug_pagealloc= parameter) and _ENABLE_DEFAULT (on without one) */
	bool debug_pagealloc_config, debug_pagealloc_default;
	/* CONFIG_KFENCE_SAMPLE_INTERVAL when the .config gives it (mm/kfence
	 * Kconfig default 100; 0: KFENCE is built in but starts late) */
	bool kfence_sample_interval_set;
	uint64_t kfence_sample_interval;
	/* CONFIG_KFENCE_NUM_OBJECTS (0: Kconfig's default, 255) and
	 * CONFIG_DEBUG_SPINLOCK (the metadata's lock size): include/vmlayout/
	 * kfence.h */
	uint64_t kfence_num_objects;
	bool debug_spinlock;
	/* CONFIG_PREEMPT_RT (kernel/Kconfig.preempt): spinlock_t is an
	 * rt_mutex_base, which sizes swiotlb's io_tlb_area (include/vmlayout/
	 * lock_sizes.h) */
	bool preempt_rt;
	/* CONFIG_PTDUMP_DEBUGFS (arm64 before v6.18: no huge vmalloc mappings,
	 * arch_vmap_pmd_supported()) and "nohugevmalloc" on the command line
	 * (mm/vmalloc.c set_nohugevmalloc()): include/vmlayout/
	 * large_system_hash.h struct vml_huge_vmalloc */
	bool ptdump_debugfs, nohugevmalloc;
	/* kfence.sample_interval= (include/vmlayout/kfence.h): the last value
	 * kstrtoul(val, 0) takes (the module parameter); arm64's early_param:
	 * the last get_option() number, as !!(int)number; the values
	 * kstrtoul() refuses (their count and the first, its first 63
	 * characters, a longer one shown cut with "...") */
	bool kfence_interval_arg_set;
	uint64_t kfence_interval_arg;
	bool kfence_early_arg_set, kfence_early_arg;
	uint64_t kfence_interval_bad;
	char kfence_interval_bad_text[64];
	/* CONFIG_CMDLINE, the built-in command line (its first
	 * VML_BUILTIN_CMDLINE_LEN - 1 characters: more than any arch's
	 * boot_command_line keeps), and the "Kernel command line type" choice
	 * (arch/arm/Kconfig, arch/arm64/Kconfig, arch/riscv/Kconfig, v6.1,
	 * v6.12): how it joins the bootloader's (vml_boot_command_line()) */
	char builtin_cmdline[VML_BUILTIN_CMDLINE_LEN];
	enum vml_cmdline_type cmdline_type;
	/* ATAGS with CMDLINE_FORCE dropped the bootloader's line (32-bit ARM
	 * prints "Ignoring tag cmdline ...") */
	bool cmdline_tag_ignored;
	bool pci;		     /* CONFIG_PCI: the PCI I/O window is reserved */
	unsigned int max_order;	     /* CONFIG_ARCH_FORCE_MAX_ORDER (MAX_ORDER); 0 = 11 */
	bool hugetlb_page;	     /* CONFIG_HUGETLB_PAGE: pageblock_order 9 with LPAE */
	uint64_t page_size;	     /* 4K unless set (arm64 16K/64K) */
	unsigned int va_bits;	     /* arm64 VA_BITS, riscv sv39/48/57 */
	unsigned int pa_bits;	     /* arm64 ARM64_PA_BITS (48 or 52); 0 = not set */
	unsigned int pgtable_levels; /* CONFIG_PGTABLE_LEVELS; 0 = derive from granule, VA bits */
	bool randomize_base;	     /* CONFIG_RANDOMIZE_BASE (KASLR built in) */
	bool sparsemem_vmemmap;	     /* CONFIG_SPARSEMEM_VMEMMAP */
	/* arm64 (docs/arm64.md) */
	unsigned int cpu_va_bits; /* the CPU's VA reach (LVA/LPA2): 48 runs a 52-bit build at
				   * 48 (47 for 16K); 0 = whatever VA_BITS asks */
	unsigned int cpu_pa_bits; /* the CPU's ID_AA64MMFR0.PARange in bits (e.g. 40, 44);
				   * 0 = ARM64_PA_BITS. Only KASLR's linear seed reads it */
	unsigned int kasan;	  /* 0 none, 1 KASAN_GENERIC, 2 KASAN_SW_TAGS (default offsets) */
	/* the fixmap's optional permanent slots (asm/fixmap.h v6.1, v6.12):
	 * CONFIG_ACPI_APEI_GHES (2), with CONFIG_ARM_SDE_INTERFACE (2 more),
	 * CONFIG_UNMAP_KERNEL_AT_EL0 (the KPTI trampoline, 3), with
	 * CONFIG_RELOCATABLE (its data page, 1) */
	bool acpi_apei_ghes, arm_sde_interface, unmap_kernel_at_el0, relocatable;
	bool kvm; /* CONFIG_KVM: v6.18's FIX_VNCR slots (NR_CPUS + 1) */
	/* crashkernel= is read only with CONFIG_KEXEC_CORE (arm64 v6.1),
	 * CONFIG_CRASH_RESERVE (arm64, riscv v6.12+) or CONFIG_KEXEC (arm
	 * v6.1); vml_kernel_config_init() sets all three (Debian's configs),
	 * a .config sets what it lists */
	bool kexec_core, crash_reserve, kexec;
	bool zone_dma32;	  /* CONFIG_ZONE_DMA32 */
	bool numa;		  /* CONFIG_NUMA (arm64, riscv64: drivers/base/arch_numa.c) */
	unsigned int nodes_shift; /* CONFIG_NODES_SHIFT: MAX_NUMNODES = 1 << it */
	bool numa_off;		  /* "numa=off" on the command line */
	/* The per-CPU first chunk (include/vmlayout/percpu.h) */
	unsigned int nr_cpus;	    /* CONFIG_NR_CPUS; 0 = the profile's Kconfig default */
	unsigned int nr_cpus_arg;   /* the smallest "nr_cpus=N" (N > 0) on the command line */
	bool mem_alloc_profiling;   /* CONFIG_MEM_ALLOC_PROFILING (v6.12: 64K module reserve) */
	bool random_kmalloc_caches; /* CONFIG_RANDOM_KMALLOC_CACHES (v6.12: 4x dynamic) */
	bool lockdep;		    /* CONFIG_LOCKDEP (with the above and pages > 4K: 8x) */
	bool percpu_stats;	    /* CONFIG_PERCPU_STATS: struct pcpu_chunk grows */
	unsigned int arm_l1_cache_shift; /* CONFIG_ARM_L1_CACHE_SHIFT; 0 = 6 */
	bool kaslr_seed_set;		 /* a seed is given: /chosen/kaslr-seed (or RNDR) */
	uint64_t kaslr_seed;		 /* its value (0 = no randomization, as the kernel) */
	bool nokaslr;			 /* "nokaslr" anywhere in the line (riscv64's strstr()) */
	/* the "rodata" words' values as written, in order (a bare word: NULL
	 * for the kernel, rodata_bare[] set); which of them the kernel takes
	 * depends on the arch and version: vml_rodata_effective() */
	unsigned int n_rodata;
	char rodata_text[VML_MAX_RODATA_WORDS][VML_RODATA_TEXT];
	bool rodata_bare[VML_MAX_RODATA_WORDS];
	/* debug_pagealloc= as early_debug_pagealloc() reads it: kstrtobool()
	 * (mm/page_alloc.c v6.1, mm/debug_page_alloc.c v6.12), the last valid
	 * one wins (debug_pagealloc_set: one was valid); debug_pagealloc_param:
	 * the word is on the line at all. The kernel's value:
	 * vml_debug_pagealloc_enabled(). */
	bool debug_pagealloc, debug_pagealloc_set, debug_pagealloc_param;
	/* "earlycon=NAME,[mmio|mmio16|mmio32|mmio32be,]ADDR..." (drivers/tty/
	 * serial/earlycon.c setup_earlycon(), serial_core.c uart_parse_earlycon()
	 * v6.1, v6.12): the MMIO address earlycon_map() puts in the fixmap's
	 * FIX_EARLYCON_MEM_BASE slot; not set for a bare "earlycon" (the DT's
	 * stdout-path), an "io," port or no address */
	bool earlycon_mmio_set;
	uint64_t earlycon_mmio;
	/* riscv64 (docs/riscv64.md): the early command line's no4lvl / no5lvl
	 * (arch/riscv/kernel/pi/cmdline_early.c, v6.4+: a substring match) */
	bool no4lvl, no5lvl;

	/* The raw command line as the kernel keeps it in boot_command_line
	 * (crashkernel= is read from it with strstr(): include/vmlayout/
	 * crashkernel.h); cut at the arch's COMMAND_LINE_SIZE - 1 characters
	 * (vml_arch_command_line_size(): 2048 on arm64, 1024 on arm and
	 * riscv64), as the kernel cuts /chosen/bootargs; the words past that
	 * are not parsed either */
	char boot_command_line[VML_COMMAND_LINE_SIZE];
	bool cmdline_truncated;
	/* a "crashkernel" parameter is on the line, whatever its value: the
	 * early_param("crashkernel") of arm64 v6.1 (crash_mem_map) */
	bool crashkernel_param;
	/* "cma=nn[MG]@[start[MG][-end[MG]]]" (kernel/dma/contiguous.c
	 * early_cma(), v6.1, v6.12): size_cmdline, base_cmdline, limit_cmdline
	 * (an '@' with no '-' gives base + size); it replaces
	 * CONFIG_CMA_SIZE_MBYTES; a size of 0 means no default area */
	bool cma_arg_set;
	uint64_t cma_arg_size, cma_arg_base, cma_arg_limit;
	/* dhash_entries=, ihash_entries= (fs/dcache.c set_dhash_entries(),
	 * fs/inode.c set_ihash_entries(), v3.4 .. v6.12: simple_strtoul(),
	 * base 0; 0: from memory): the boot hash tables' bucket counts
	 * (include/vmlayout/large_system_hash.h); hashdist= (mm/page_alloc.c
	 * set_hashdist(), with NUMA) */
	uint64_t dhash_entries, ihash_entries;
	bool hashdist_set;
	uint64_t hashdist;
	/* the VML_CMDLINE_* parameters vmlayout saw but does not model */
	uint32_t cmdline_unmodelled;
	/* hugetlb_cma= in order (vml_hugetlb_cma_reserve()); past
	 * VML_MAX_HUGETLB_CMA_ARGS the command line is refused */
	unsigned int n_hugetlb_cma, n_hugetlb_cma_words;
	struct vml_hugetlb_cma_arg hugetlb_cma[VML_MAX_HUGETLB_CMA_ARGS];
	/* the early words with messages in command-line order (enum vml_early_word),
	 * each with the number of mem= words before it: early_mem() prints
	 * "Memory limited to" in the same parse_early_param() pass */
	unsigned int n_early_words;
	uint16_t early_words[VML_MAX_EARLY_WORDS];
	uint8_t early_words_mem_before[VML_MAX_EARLY_WORDS];
	uint8_t early_words_rodata[VML_MAX_EARLY_WORDS]; /* VML_EARLY_RODATA: its rodata_text[] */

	/* Kernel command line (parsed by the host, memparse semantics) */
	bool vmalloc_set;
	uint64_t vmalloc_size;	 /* vmalloc= */
	unsigned int n_mem_args; /* mem=size[@start], in order */
	uint64_t mem_size[VML_MAX_MEM_ARGS];
	uint64_t mem_start[VML_MAX_MEM_ARGS];
	bool mem_start_set[VML_MAX_MEM_ARGS];
	bool memblock_debug; /* memblock=debug */
	bool initrd_set;     /* initrd=start,size */
	uint64_t initrd_start, initrd_size;

	/* Kernel image */
	struct vml_kernel_image image;
	bool load_phys_set; /* --kernel-image SIZE@PHYS: where _text's page sits */
	uint64_t load_phys;
	uint64_t image_size;  /* _end - _text when no System.map */
	uint64_t text_offset; /* TEXT_OFFSET (arm: 0x8000) */
};

/**
 * vml_kernel_config_init() - vmlayout's defaults for @arch, used when no
 * .config is given
 * @cfg: zeroed, then filled
 * @arch: the arch (VML_ARCH_NONE leaves everything zero)
 *
 * Every arch: modules = true, page_size = 4 KiB, memmodel FLATMEM, cma =
 * false, no command-line parameter, no kernel image.
 * arm: highmem = true, arm_patch_phys_virt = true, vmsplit = 3 with
 * page_offset_set = false (the arch policy applies the VMSPLIT_3G default
 * PAGE_OFFSET 0xC0000000), text_offset = 0x8000 (arch/arm/Makefile
 * textofs-y), vipt_aliasing = false.
 * arm64: va_bits = 48, pa_bits = 48, memmodel SPARSEMEM with VMEMMAP (as the
 * arm64 defconfig),
 * text_offset = 0 (TEXT_OFFSET is 0 since v5.8).
 * riscv64: va_bits = 39 (the satp mode a CPU reaches when neither
 * cpu_va_bits nor the DT mmu-type says; docs/riscv64.md), SPARSEMEM with
 * VMEMMAP, zone_dma32 = true, text_offset = 0.
 */
void vml_kernel_config_init(struct vml_kernel_config *cfg, enum vml_arch arch);

/**
 * vml_kernel_config_init_profile() - vmlayout's defaults for @arch and the
 * kernel profile that answers to @version
 * @cfg: filled as vml_kernel_config_init() does, with @cfg->profile set
 * @arch: the arch
 * @version: a kernel version ("6.1", "6.12.3", "3.4", "msm-3.4")
 *
 * Return: 0, or VML_ENOTSUP when no profile of @arch answers to @version
 * (@cfg is then initialised without a profile).
 */
int vml_kernel_config_init_profile(struct vml_kernel_config *cfg, enum vml_arch arch,
				   const char *version);

#endif

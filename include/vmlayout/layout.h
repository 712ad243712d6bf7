/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout result
 *
 * What an arch layout policy computes from a memblock and a kernel config:
 * named virtual regions, the linear-map segments (virt <-> phys pieces), the
 * zones, the modelled reservations and /proc/meminfo totals, the kernel's own
 * boot-log lines (as data: the host only formats them), and the messages the
 * kernel would print on the way. The caller owns the storage.
 */
#ifndef VMLAYOUT_LAYOUT_H
#define VMLAYOUT_LAYOUT_H

#include "board.h"
#include "config.h"
#include "env.h"
#include "error.h"
#include "memblock.h"

#define VML_LAYOUT_MAX_REGIONS 48
#define VML_LAYOUT_MAX_SEGMENTS 128
#define VML_LAYOUT_MAX_ZONES 4
#define VML_LAYOUT_MAX_RESERVATIONS 128
#define VML_LAYOUT_MAX_LINES 32
#define VML_LAYOUT_MAX_KMSGS 64
#define VML_LAYOUT_MAX_NODES 16 /* arm64's MAX_NUMNODES (NODES_SHIFT 4) */

/* A named virtual area, [start, end) (end exclusive; end 0 means 2^64). */
struct vml_vregion {
	const char *name;
	uint64_t start, end;
};

/* A piece of the linear map: [virt, virt+size) maps [phys, phys+size). */
struct vml_linear_segment {
	uint64_t virt, phys, size;
};

struct vml_zone {
	const char *name;   /* "DMA", "Normal", "HighMem" */
	uint64_t start_pfn; /* zone span [start_pfn, end_pfn) */
	uint64_t end_pfn;
	uint64_t present_pages; /* memory pages in the span (memblock, NOMAP included) */
	uint64_t managed_pages; /* present minus reserved, after boot frees */
	/* free_area_init_core()'s memmap_pages: PAGE_ALIGN(spanned * sizeof(struct
	 * page)) >> PAGE_SHIFT (mm/page_alloc.c v3.4; 0 where not computed) */
	uint64_t memmap_pages;
};

/* A NUMA node as drivers/base/arch_numa.c numa_register_nodes() sets it up
 * (v6.1, v6.12): its pfn span (get_pfn_range_for_nid(): [0, 0) for a
 * memory-less node), its pg_data_t (NODE_DATA, from
 * memblock_phys_alloc_try_nid(): on the node if it fits, else anywhere) and
 * its zones: the arch's zone ranges clipped to the node's span, with the
 * node's present pages (mm/page_alloc.c v6.1 zone_spanned_pages_in_node()). */
struct vml_numa_node {
	int nid;
	uint64_t start_pfn, end_pfn;
	uint64_t node_data, node_data_size; /* physical */
	int node_data_nid;		    /* the node NODE_DATA landed on */
	struct vml_zone zones[VML_LAYOUT_MAX_ZONES];
	unsigned int n_zones;
	/* The board's cpus (bit i: board->cpus[i]) the kernel puts on this
	 * node: early_map_cpu_to_node(cpu, of_node_to_nid()), node 0 when
	 * that gives none or after the fallback (drivers/base/arch_numa.c). */
	uint64_t cpus[VML_BOARD_MAX_CPUS / 64];
};

/* The kernel's node_distance() table after arch_numa_init(): v6.1 always
 * has one of MAX_NUMNODES^2 bytes (numa_alloc_distance()), v6.12 only when
 * a distance map set a distance (mm/numa_memblks.c numa_set_distance():
 * (highest node parsed + 1)^2 bytes). Without one (cnt 0) a node is 10
 * from itself and 20 from any other (__node_distance()). */
struct vml_numa_distance {
	unsigned int cnt;    /* numa_distance_cnt */
	uint64_t base, size; /* the table in memblock (physical), cnt * cnt bytes */
	/* the entries of nodes < VML_LAYOUT_MAX_NODES */
	uint8_t d[VML_LAYOUT_MAX_NODES][VML_LAYOUT_MAX_NODES];
};
/* A modelled boot-time reservation (what keeps RAM out of MemTotal). */
struct vml_reservation {
	const char *name;	/* "kernel image", "mem_map", "dtb", "initrd", ... */
	uint64_t base, size;	/* physical */
	bool freed_at_boot_end; /* e.g. initrd, init sections: back in MemTotal */
	bool cma;		/* a CMA area (arm: dma_contiguous_remap() remaps it) */
};

enum vml_line_unit {
	VML_UNIT_KB = 0,     /* floor((end-start)/1 KiB), printed "kB" */
	VML_UNIT_MB,	     /* floor((end-start)/1 MiB), printed "MB" */
	VML_UNIT_KB_ROUNDUP, /* ceil((end-start)/1 KiB), printed "kB" */
	VML_UNIT_GB,	     /* floor((end-start)/1 GiB), printed "GB" (riscv print_mlg) */
	VML_UNIT_TB,	     /* floor((end-start)/1 TiB), printed "TB" (riscv print_mlt) */
	/* arm64 3.18's mem_init() (VML_LINES_ARM64_V3_18): MLK, MLK_ROUNDUP
	 * printed "KB", MLG printed "GB maximum", MLM printed "MB actual" */
	VML_UNIT_KB_UPPER,
	VML_UNIT_KB_UPPER_ROUNDUP,
	VML_UNIT_GB_MAXIMUM,
	VML_UNIT_MB_ACTUAL,
};

/* One line of the kernel's "Virtual kernel memory layout:" print:
 *   <prefix><label>: 0x<start> - 0x<end>   (<size> <unit>)
 * with addresses as 0x%0<addr_digits>llx and size as %4llu. */
struct vml_layout_line {
	const char *prefix; /* leading white space exactly as the kernel prints it */
	const char *label;  /* padded exactly as the kernel prints it */
	uint64_t start, end;
	enum vml_line_unit unit;
};

/* A message the kernel prints while computing the layout; @fmt is a printf
 * format whose conversions all take unsigned long long, in arg order. */
struct vml_kmsg {
	const char *fmt;
	uint64_t arg[8];
	/* vml_layout_kmsg_name(): the name the format's leading %s prints,
	 * copied (NUL-terminated); empty for vml_layout_kmsg(). */
	char name[VML_BOARD_NAME_LEN];
};

struct vml_layout {
	enum vml_arch arch;
	const char *profile;	  /* the profile actually used, e.g. "6.1" */
	const char *profile_src;  /* the kernel files it follows */
	unsigned int addr_digits; /* 8 on 32-bit, 16 on 64-bit */

	/* Key figures (kernel names). 0 when not meaningful for the arch. */
	uint64_t page_offset;
	uint64_t phys_offset;  /* PHYS_OFFSET at run time */
	uint64_t vmalloc_min;  /* 3.4: virtual; 6.x: vmalloc_limit (phys) */
	uint64_t lowmem_limit; /* arm_lowmem_limit (phys, exclusive) */
	uint64_t high_memory;  /* virtual */
	uint64_t vmalloc_start, vmalloc_end;
	uint64_t memblock_limit; /* memblock current limit after the layout */
	uint64_t vmalloc_total;	 /* bytes, as VmallocTotal */
	uint64_t kimage_voffset; /* arm64: VA(_text) - PA(_text) (asm/memory.h) */
	uint64_t kaslr_offset;	 /* arm64: VA(_text) - KIMAGE_VADDR (0 without KASLR) */
	/* arm64: __fix_to_virt(FIX_ENTRY_TRAMP_TEXT1) (asm/fixmap.h), 0 without
	 * CONFIG_UNMAP_KERNEL_AT_EL0; with CONFIG_RELOCATABLE the trampoline's
	 * data page has the slot after its text */
	uint64_t kpti_tramp_va;
	bool kpti_tramp_data;
	uint64_t kaslr_seed;	 /* the seed used (0: none), copied from the config */
	uint64_t kaslr_slots;	 /* arm64: 2 MiB-aligned places a seed can give _text
				  * (0: no RANDOMIZE_BASE) */
	unsigned int page_shift; /* PAGE_SHIFT of the zones' pfns; 0 means 12 */
	/* How the host prints lines[]: the boot log's "Virtual kernel memory
	 * layout:" (arm), or a Documentation/arch/arm64/memory.rst table titled
	 * lines_title, rows "<prefix><start>\t<end, inclusive>[]]\t<size>\t\t<label>"
	 * (a "]" after the end when the prefix is " [", as memory.rst's KASAN row).
	 * VML_LINES_ARM64_V3_18: arm64 3.18's mem_init() block, each line
	 * "<prefix><label>0x%16lx - 0x%16lx   (%6ld <unit>)" with the label's
	 * own " : " (empty on vmemmap's second line). */
	enum { VML_LINES_BOOT_LOG = 0, VML_LINES_MEMORY_RST, VML_LINES_ARM64_V3_18 } lines_style;
	char lines_title[128];
	/* Set when the chosen kernel prints no such block at boot: the line
	 * the text report puts above it, saying the block is vmlayout's own
	 * summary and in which format (NULL when the kernel prints it; a
	 * static string). */
	const char *lines_label;
	/* free_area_init() prints "Movable zone start for each node", "Early
	 * memory node ranges" and free_area_init_node()'s "Initmem setup node"
	 * (mm/page_alloc.c v6.1, mm/mm_init.c v6.12); arm v3.4 printed none. */
	bool early_node_ranges;

	struct vml_vregion regions[VML_LAYOUT_MAX_REGIONS];
	unsigned int n_regions;
	struct vml_linear_segment segments[VML_LAYOUT_MAX_SEGMENTS];
	unsigned int n_segments;
	struct vml_zone zones[VML_LAYOUT_MAX_ZONES];
	unsigned int n_zones;
	/* CONFIG_NUMA: the online nodes, ascending (vml_numa_init()); 0 without
	 * NUMA. One node (the "Faking a node" fallback) on a board whose DT has
	 * no numa-node-id. */
	struct vml_numa_node nodes[VML_LAYOUT_MAX_NODES];
	unsigned int n_nodes;
	bool numa_faked; /* the nodes are dummy_numa_init()'s: numa_off is set */
	struct vml_numa_distance numa_distance;
	struct vml_reservation reservations[VML_LAYOUT_MAX_RESERVATIONS];
	unsigned int n_reservations;
	/* arm: reservations[paging_init_reservation..] are made by
	 * paging_init() and later (its tables, the vectors, mem_map, ...): the
	 * boot-tables build gives them back and makes the tables again in the
	 * kernel's order. 0: none recorded. */
	unsigned int paging_init_reservation;
	/* memblock=debug's "MEMBLOCK configuration:" shows memblock as it is
	 * when the kernel calls memblock_dump_all(): reservations[
	 * memblock_dump_reservation..] come later and are given back for the
	 * dump (vml_report_memblock_at_dump()). 0: the dump shows the end. */
	unsigned int memblock_dump_reservation;

	/* What the kernel does to memblock after the layout, by the end of the
	 * boot (vml_memblock_late_apply(); the JSON's memory_runtime and
	 * reserved_runtime). Filled by the arch. */
	struct vml_memblock_late memblock_late;

	/* crashk_res and crashk_low_res (kernel/crash_core.c v6.1,
	 * kernel/crash_reserve.c v6.12): the crash kernel's reservations from
	 * crashkernel= (size 0: none). Also in reservations[] as "crashkernel"
	 * and "crashkernel low". */
	uint64_t crashk_base, crashk_size, crashk_low_base, crashk_low_size;
	/* How arm64 v6.1's map_mem() maps the linear map for crashkernel=
	 * (crash_mem_map, arch/arm64/mm/mmu.c v6.1): NONE as without it;
	 * ALL_PAGES: the reservation is deferred to bootmem_init() (ZONE_DMA
	 * or ZONE_DMA32), so everything gets NO_BLOCK_MAPPINGS |
	 * NO_CONT_MAPPINGS; REGION_PAGES: [crashk_base, + crashk_size) is
	 * NOMAP during the loop, then mapped alone with pages. */
	enum {
		VML_CRASH_MAP_NONE = 0,
		VML_CRASH_MAP_ALL_PAGES,
		VML_CRASH_MAP_REGION_PAGES,
	} crash_linear_map;

	/* The rodata= value the kernel took from the command line
	 * (vml_rodata_effective() with the arch's handlers; VML_RODATA_NONE:
	 * none, its defaults stay). Set by the policy; boot_tables reads it. */
	unsigned int rodata_arg;
	/* arm64: the kernel text is mapped writable and executable (v6.1:
	 * rodata_enabled is false; v6.9+: the early rodata=off override,
	 * kernel/pi/map_kernel.c, whatever rodata= says later) */
	bool kernel_text_writable;
	/* The VA size the kernel runs with (arm64's vabits_actual: a 52-bit
	 * build falls back to VA_BITS_MIN on a CPU without LVA/LPA2 or with
	 * arm64.nolva); 0 where the arch does not set it. */
	unsigned int va_bits_actual;
	/* debug_pagealloc= on the command line turned it on, on a kernel that
	 * has the parameter (arm64 and riscv64 6.x; not 32-bit arm, whose
	 * kernel has no ARCH_SUPPORTS_DEBUG_PAGEALLOC, nor arm64 3.18's
	 * model) */
	bool debug_pagealloc;

	/* /proc/meminfo totals, kB. */
	uint64_t mem_total_kb, low_total_kb, high_total_kb;
	/* /proc/meminfo has HighTotal and LowTotal lines (CONFIG_HIGHMEM:
	 * fs/proc/meminfo.c v6.1); set by the policy. */
	bool highmem_totals;
	uint64_t lowmem_ram, highmem_ram; /* bytes of RAM in each, before reservations */

	/* mem_init_print_info()'s "Memory: ...K/...K available (...)" line
	 * (mm/page_alloc.c v6.1, mm/mm_init.c v6.12), in KiB; valid when the
	 * profile prints it and the kernel image's sections are known. */
	struct vml_mem_init_info {
		bool valid;
		bool highmem; /* CONFIG_HIGHMEM: the ", ...K highmem" field */
		uint64_t available_kb, physpages_kb;
		uint64_t code_kb, rwdata_kb, rodata_kb, init_kb, bss_kb;
		uint64_t reserved_kb, cma_reserved_kb, highmem_kb;
	} mem_init;

	/* arm v3.4's own memory messages (docs/arm32.md "What the 3.4 profile
	 * prints"): free_area_init_node()'s zone lines, build_all_zonelists()
	 * and mem_init()'s two "Memory:" lines, in 3.4's formats; valid only
	 * for that profile, which prints them instead of the 6.x blocks. */
	struct vml_mm_log_v3_4 {
		bool valid;
		/* nr_free_pages() and totalhigh_pages in mem_init(), after
		 * free_all_bootmem() and free_highpages() (arch/arm/mm/init.c v3.4) */
		uint64_t free_pages, free_high_pages;
		/* build_all_zonelists(): mobility grouping is off below
		 * pageblock_nr_pages * MIGRATE_TYPES pages (mm/page_alloc.c v3.4) */
		uint64_t mobility_min_pages;
		/* free_area_init_node()'s pgdat: &contig_page_data from the
		 * System.map (0: unknown) */
		uint64_t pgdat;
	} mm_log_v3_4;

	struct vml_layout_line lines[VML_LAYOUT_MAX_LINES];
	unsigned int n_lines;
	struct vml_kmsg kmsgs[VML_LAYOUT_MAX_KMSGS];
	unsigned int n_kmsgs;
};

void vml_layout_init(struct vml_layout *layout);
int vml_layout_add_region(struct vml_layout *layout, const char *name, uint64_t start, uint64_t end,
			  struct vml_diag *diag);
int vml_layout_add_segment(struct vml_layout *layout, uint64_t virt, uint64_t phys, uint64_t size,
			   struct vml_diag *diag);
int vml_layout_add_line(struct vml_layout *layout, const char *prefix, const char *label,
			uint64_t start, uint64_t end, enum vml_line_unit unit,
			struct vml_diag *diag);
int vml_layout_add_reservation(struct vml_layout *layout, const char *name, uint64_t base,
			       uint64_t size, bool freed, struct vml_diag *diag);
/* Drop reservations[@index] (the kernel gave the region back), keeping
 * the order of the others. */
void vml_layout_remove_reservation(struct vml_layout *layout, unsigned int index);
/**
 * vml_mem_init_section_sizes() - the kernel-section fields of the "Memory:"
 * line (code, rwdata, rodata, init, bss) from @img's symbols
 *
 * Return: false (nothing set) when .init lies inside .data, a layout whose
 * sizes need _sinittext, which vmlayout does not read.
 */
bool vml_mem_init_section_sizes(const struct vml_kernel_image *img, struct vml_mem_init_info *info);

/* v6.11+ print the "Memory:" line from page_alloc_init_late() ("mm/mm_init.c:
 * print mem_init info after defer_init is done", MM for v6.11): a note that
 * its "available" is lower than vmlayout's mem_init() figure (the boot's
 * first page allocations come before it); reserved is unchanged. */
void vml_mem_init_late_note(struct vml_layout *lo);
/* A message whose format starts with one %s (@name, copied) followed by
 * unsigned long long conversions only, e.g. a DT node's name. */
void vml_layout_kmsg_name(struct vml_layout *layout, const char *fmt, const char *name, uint64_t a0,
			  uint64_t a1);
/* The same with @n_args (at most 8) arguments from @args. */
void vml_layout_kmsg_name_args(struct vml_layout *layout, const char *fmt, const char *name,
			       const uint64_t *args, unsigned int n_args);
/* Messages beyond the capacity are counted but dropped (never an error).
 * A NULL @layout takes none (a step run again for a figure only). */
void vml_layout_kmsg(struct vml_layout *layout, const char *fmt, uint64_t a0, uint64_t a1,
		     uint64_t a2, uint64_t a3);
/* Move the last message to index @to (the ones from @to on move up one):
 * for a line the kernel prints earlier than vmlayout can compute it. */
void vml_layout_kmsg_move_last(struct vml_layout *layout, unsigned int to);
/* The same with @n (at most 8) arguments from @args. */
void vml_layout_kmsg_args(struct vml_layout *layout, const char *fmt, const uint64_t *args,
			  unsigned int n);
const struct vml_vregion *vml_layout_find_region(const struct vml_layout *layout, const char *name);

/**
 * vml_layout_compute() - run the arch policy named by @cfg
 * @board: the board (not modified)
 * @cfg: the kernel configuration
 * @mb: an initialised, empty memblock over caller storage; on success it
 *      holds the kernel's final memory and reserved lists
 * @layout: the result
 *
 * On failure @mb is exactly as it was (its list headers are restored; the
 * region storage beyond them is scratch) and @layout is empty.
 *
 * Return: 0, or a VML_E* code with @diag filled (unknown profile:
 * VML_ENOTSUP; impossible configuration: VML_EINVAL; a bank the arch cannot
 * address: VML_ERANGE; overlapping banks: VML_EEXIST; storage or early
 * allocations exhausted: VML_ENOMEM).
 */
int vml_layout_compute(const struct vml_board *board, const struct vml_kernel_config *cfg,
		       struct vml_memblock *mb, struct vml_layout *layout, struct vml_diag *diag);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * DOC: the board: physical memory as the firmware describes it
 *
 * A passive record filled by the host layer from a device tree (libfdt) or
 * from command-line flags, before any kernel rule is applied. Order is kept
 * as given (the arch policy sorts, rounds and clips as its kernel does).
 * Sizes are kept exactly as read; a range whose end would pass 2^64 is kept
 * with its size and flagged by vml_board_check().
 */
#ifndef VMLAYOUT_BOARD_H
#define VMLAYOUT_BOARD_H

#include "env.h"
#include "error.h"
#include "of_unflatten.h"

#define VML_BOARD_MAX_MEMORY 64
#define VML_BOARD_MAX_RESERVED 64
#define VML_BOARD_MAX_ALLOC_RANGES 8
#define VML_BOARD_NAME_LEN 128
#define VML_BOARD_BOOTARGS_LEN 2050 /* VML_COMMAND_LINE_SIZE + 2 */
#define VML_BOARD_MAX_CPUS 256
#define VML_BOARD_CPU_PATH_LEN 48
/* 1024 <node node distance> entries: a full matrix of 32 nodes */
#define VML_BOARD_MAX_DISTANCE_CELLS 3072

struct vml_range64 {
	uint64_t base;
	uint64_t size;
};

/* One /reserved-memory child (drivers/of/of_reserved_mem.c). */
struct vml_board_reserved {
	char name[VML_BOARD_NAME_LEN]; /* node name, e.g. "linux,cma" */
	bool dynamic;		       /* "size" instead of "reg" */
	uint64_t base, size;	       /* static: reg; dynamic: size (base set when placed) */
	uint64_t align;		       /* dynamic: "alignment" (0 = none given) */
	struct vml_range64 alloc_ranges[VML_BOARD_MAX_ALLOC_RANGES];
	unsigned int n_alloc_ranges;
	bool nomap;	      /* "no-map" */
	bool reusable;	      /* "reusable" */
	bool cma_default;     /* "linux,cma-default" */
	bool shared_dma_pool; /* compatible = "shared-dma-pool" */
};

/* A "numa-node-id" property as of_property_read_u32() sees it
 * (drivers/of/property.c v6.1, v6.12): absent, shorter than a cell (an
 * error to the kernel), or a cell, of which only the first counts. */
struct vml_board_nid {
	bool present;
	uint32_t len;	/* bytes */
	uint32_t value; /* the first cell, when len >= 4 */
};

/* A /cpus child the kernel counts as a cpu (for_each_of_cpu_node(),
 * drivers/of/base.c v6.1, v6.12: named "cpu" or of device_type "cpu",
 * status not "fail"), in DT order. */
struct vml_board_cpu {
	char path[VML_BOARD_CPU_PATH_LEN]; /* "/cpus/cpu@0", for messages */
	struct vml_board_nid nid;
	/* of_get_cpu_hwid(dn, 0): "reg"'s first address in #address-cells of
	 * /cpus (else of the root, else 1); absent or short: none (~0) */
	bool has_hwid;
	uint64_t hwid;
	bool available; /* of_device_is_available(): status absent, "okay" or "ok" */
	/* arm64 (arch/arm64/kernel/cpu_ops.c, smp_spin_table.c): the
	 * "enable-method" string ("" when absent) and "cpu-release-addr" */
	char enable_method[24];
	bool has_cpu_release_addr;
	/* riscv (arch/riscv/kernel/cpu.c riscv_early_of_processor_hartid()):
	 * compatible with "riscv"; the first characters of "riscv,isa-base" and
	 * "riscv,isa"; "riscv,isa-extensions" present and listing i, m and a */
	bool riscv_compatible;
	bool has_isa_base, has_isa, has_isa_extensions, isa_extensions_ima;
	char isa_base[8], isa[8];
};

/* The first node compatible with "numa-distance-map-v1"
 * (of_find_compatible_node(): every node in DT order, status ignored) and
 * its "distance-matrix" as read: <node-a node-b distance> triples. */
struct vml_board_distance_map {
	bool present;
	char path[VML_BOARD_NAME_LEN];
	bool has_matrix;
	uint32_t matrix_len;			      /* bytes; the kernel wants a multiple of 4 */
	uint32_t cells[VML_BOARD_MAX_DISTANCE_CELLS]; /* the first matrix_len / 4 */
};

struct vml_board {
	char model[VML_BOARD_NAME_LEN];
	/* /memory nodes' reg entries in DT order ("disabled" nodes skipped). */
	struct vml_range64 memory[VML_BOARD_MAX_MEMORY];
	unsigned int n_memory;
	/* Parallel to memory[]: the "numa-node-id" of the /memory node each
	 * bank came from (drivers/of/of_numa.c of_numa_parse_memory_nodes(),
	 * v6.12), when that node has one. The value is kept as read, even
	 * >= MAX_NUMNODES (where the kernel gives up on DT NUMA). The arm64
	 * and riscv64 layouts give it to memblock with CONFIG_NUMA
	 * (vml_numa_init(), include/vmlayout/numa.h). */
	bool memory_has_nid[VML_BOARD_MAX_MEMORY];
	uint32_t memory_nid[VML_BOARD_MAX_MEMORY];
	/* v6.12 of_numa_parse_memory_nodes() returns what it read from the
	 * last node of device_type "memory" (any status, anywhere in the
	 * tree): -EINVAL when that one has no numa-node-id, and the kernel
	 * gives up on the DT's nodes. */
	bool memory_last_node_lacks_nid;
	/* /cpus's cpus and their numa-node-id (of_numa_parse_cpu_nodes()), and
	 * the /cpus and root nodes' own numa-node-id, where of_node_to_nid()
	 * looks for a cpu without one (drivers/of/of_numa.c v6.1, v6.12). */
	struct vml_board_cpu cpus[VML_BOARD_MAX_CPUS];
	unsigned int n_cpus;
	struct vml_board_nid cpus_node_nid, root_nid;
	struct vml_board_distance_map distance_map;
	/* The first /memory reg entry of size 0 (a bank the bootloader sizes
	 * at boot, as U-Boot does): its base, for `--mem SIZE`. */
	bool has_unsized_memory;
	uint64_t unsized_memory_base;
	/* /chosen linux,usable-memory-range (caps memory to these). */
	struct vml_range64 usable[VML_BOARD_MAX_MEMORY];
	unsigned int n_usable;
	/* /memreserve/ entries of the blob header. */
	struct vml_range64 memreserve[VML_BOARD_MAX_RESERVED];
	unsigned int n_memreserve;
	/* /reserved-memory children. */
	struct vml_board_reserved reserved[VML_BOARD_MAX_RESERVED];
	unsigned int n_reserved;
	/* The DT has /reserved-memory (with the root's cells, else it is
	 * refused), and how many of its available children have a "reg":
	 * drivers/of/of_reserved_mem.c fdt_scan_reserved_mem() (v6.12) counts
	 * each such node once, whatever its entries, for the reserved_mem
	 * array it sizes. */
	bool has_reserved_memory;
	unsigned int n_reserved_reg_nodes;
	/* qcom,memblock-remove holes (msm kernels remove them from memory). */
	struct vml_range64 remove[VML_BOARD_MAX_RESERVED];
	unsigned int n_remove;
	/* /chosen linux,initrd-start/end (or initrd= / --initrd). */
	bool has_initrd;
	uint64_t initrd_start, initrd_end;
	/* Where the DT blob itself sits in physical memory, and its size
	 * (totalsize), when known: the kernel reserves it. */
	bool has_dtb_phys;
	uint64_t dtb_phys, dtb_size;
	/* /chosen/kaslr-seed: the 64-bit seed the bootloader leaves for KASLR
	 * (arm64 kaslr_early_init(), riscv64 get_kaslr_seed()). */
	bool has_kaslr_seed;
	uint64_t kaslr_seed;
	/* /chosen bootargs (the --cmdline flag wins over it): its first
	 * VML_BOARD_BOOTARGS_LEN - 1 characters, one more than the largest
	 * boot_command_line keeps, so that the command-line parser still sees
	 * that a longer one is cut (it cuts at the arch's COMMAND_LINE_SIZE). */
	char bootargs[VML_BOARD_BOOTARGS_LEN];
	/* riscv: the "mmu-type" of the first available /cpus/cpu@N node: 39, 48
	 * or 57 for "riscv,sv39", "riscv,sv48", "riscv,sv57"; 0 when that node
	 * has none or another value (src/host/dt_cpus.c). */
	unsigned int riscv_mmu_type;
	/* riscv: every available cpu lists the Zkr extension ("riscv,isa" or
	 * "riscv,isa-extensions"): the kernel seeds KASLR from the seed CSR. */
	bool riscv_zkr;
	/* of_dma_get_max_cpu_address(NULL) (drivers/of/address.c v6.1, v6.12):
	 * the last CPU address the DT's most limited "dma-ranges" reaches,
	 * ~0 when none limits it (src/host/dt_dma_ranges.c); set only for a
	 * board read from a DT: without one the kernel has no limit either. */
	bool has_dma_max_cpu_address;
	uint64_t dma_max_cpu_address;
	/* What unflatten_device_tree() and of_alias_scan() allocate for this
	 * DT, before the kernel's struct sizes (src/host/dt_unflatten.c;
	 * include/vmlayout/of_unflatten.h); not known without a DT. */
	struct vml_of_unflatten_shape dt_shape;
};

/**
 * vml_board_init() - an empty board
 */
void vml_board_init(struct vml_board *board);

/**
 * vml_board_check() - the rules every board must meet, whatever the arch
 *
 * Return: 0, or VML_EINVAL (diag.index = memory bank index) for a zero-size
 * bank, VML_ERANGE for a bank whose end passes 2^64, VML_EEXIST for two
 * overlapping memory banks.
 */
int vml_board_check(const struct vml_board *board, struct vml_diag *diag);

#endif

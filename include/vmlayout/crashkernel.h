/* SPDX-License-Identifier: MIT */
/*
 * DOC: crashkernel= as the kernel reads and reserves it
 *
 * The parser is the kernel's parse_crashkernel() family (kernel/
 * crash_core.c v6.1, kernel/crash_reserve.c v6.12), which reads the raw
 * boot_command_line with strstr(), not the split words: the last
 * "crashkernel=" without a ",high"/",low" suffix is the plain one, and
 * crashkernel=size[@offset] or crashkernel=range:size[,range:size...]
 * [@offset] (the range list when a ':' comes before the first space).
 * The reservation is reserve_crashkernel_generic() (kernel/crash_reserve.c
 * v6.12); the arches' own v6.1 reserve_crashkernel() live in src/arch.
 * The kernel's messages are layout kmsgs; vmlayout's own notes say what a
 * silent refusal did.
 */
#ifndef VMLAYOUT_CRASHKERNEL_H
#define VMLAYOUT_CRASHKERNEL_H

#include "layout.h"
#include "memblock.h"

/* The two texts of the parser's messages (v6.12 misspells one). */
enum vml_crash_parse_rev {
	VML_CRASH_PARSE_V6_1 = 0, /* kernel/crash_core.c v6.1 */
	VML_CRASH_PARSE_V6_12,	  /* kernel/crash_reserve.c v6.12 */
	VML_CRASH_PARSE_V6_18,	  /* v6.16+: a ",cma" suffix, the typo fixed */
};

/* DEFAULT_CRASH_KERNEL_LOW_SIZE (include/linux/crash_reserve.h v6.12) */
#define VML_DEFAULT_CRASH_KERNEL_LOW_SIZE (128ULL << 20)

/**
 * vml_parse_crashkernel_one() - __parse_crashkernel(): the last
 * crashkernel= with @suffix (NULL: the one with no known suffix)
 * @cmdline: the whole command line
 * @system_ram: memblock_phys_mem_size() (the range list's total, rounded
 *              up to 128 MiB)
 * @lo: the kernel's pr_warn()/pr_info() messages go here
 *
 * Return: 0 with @size and @base set (either may be 0), VML_ENOENT when
 * there is none, VML_EINVAL when it is malformed (with the kernel's message
 * when the kernel prints one).
 */
int vml_parse_crashkernel_one(const char *cmdline, uint64_t system_ram, const char *suffix,
			      enum vml_crash_parse_rev rev, uint64_t *size, uint64_t *base,
			      struct vml_layout *lo);

/**
 * vml_parse_crashkernel_generic() - parse_crashkernel() of v6.12 with
 * CONFIG_ARCH_HAS_GENERIC_CRASHKERNEL_RESERVATION (arm64, riscv): the plain
 * form, else ",high" with ",low" (default DEFAULT_CRASH_KERNEL_LOW_SIZE);
 * a zero size or one not below @system_ram is refused (silently, as the
 * kernel: a vmlayout note says so).
 *
 * Return: 0, VML_ENOENT (no crashkernel=), VML_EINVAL.
 */
int vml_parse_crashkernel_generic(const char *cmdline, uint64_t system_ram,
				  enum vml_crash_parse_rev rev, uint64_t *size, uint64_t *base,
				  uint64_t *low_size, bool *high, struct vml_layout *lo);

/* The note with the kernel's warning on a malformed value: nothing is
 * reserved (every arch's caller returns on a parse error). */
void vml_crashkernel_refused(struct vml_layout *lo);

/* A note when crashkernel= is on the command line of a kernel built without
 * @symbol (e.g. "KEXEC_CORE"): the kernel ignores it, and so does vmlayout. */
void vml_crashkernel_not_built(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			       const char *symbol);

/* A note when crashkernel= is on the command line of a profile whose
 * reservation vmlayout does not model (riscv 5.10, arm 3.4). */
void vml_crashkernel_not_modelled(struct vml_layout *lo, const struct vml_kernel_config *cfg);

/* An arch's CRASH_ALIGN, CRASH_ADDR_LOW_MAX and CRASH_ADDR_HIGH_MAX. */
struct vml_crash_limits {
	uint64_t align, low_max, high_max;
};

/**
 * vml_reserve_crashkernel_generic() - reserve_crashkernel_generic()
 * (kernel/crash_reserve.c v6.12): @base given: exactly there; else ,high
 * in [low_max, high_max) then below low_max; else below low_max then, with
 * a 128 MiB low part, in [low_max, high_max); the low part below low_max
 * when the main one landed at or above it. Adds the "crashkernel" and
 * "crashkernel low" reservations and sets lo->crashk_*.
 *
 * Return: 0 (a failed reservation is the kernel's message, not an error),
 * or a memblock/layout storage error.
 */
int vml_reserve_crashkernel_generic(struct vml_memblock *mb, struct vml_layout *lo,
				    const struct vml_crash_limits *lim, uint64_t size,
				    uint64_t base, uint64_t low_size, bool high,
				    struct vml_diag *diag);

/* arch_reserve_crashkernel() where it is the generic one (arm64 and riscv64
 * v6.12): nothing without CONFIG_CRASH_RESERVE (a note), else
 * parse_crashkernel() with @rev's rules and
 * vml_reserve_crashkernel_generic() under @lim. Return: as the latter. */
int vml_arch_reserve_crashkernel_generic(struct vml_memblock *mb, struct vml_layout *lo,
					 const struct vml_kernel_config *cfg,
					 enum vml_crash_parse_rev rev,
					 const struct vml_crash_limits *lim, struct vml_diag *diag);

/* Record a reservation the arch made: in memblock it is already; this names
 * it in lo->reservations and sets lo->crashk_* (@low: crashk_low_res). */
int vml_crashkernel_record(struct vml_layout *lo, uint64_t base, uint64_t size, bool low,
			   struct vml_diag *diag);

#endif

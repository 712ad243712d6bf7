/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel .config and --set NAME=VALUE
 *
 * The options vmlayout reads, their Kconfig files (v6.1 unless noted):
 *   arch/arm/Kconfig: ARM, VMSPLIT_{1G,2G,3G,3G_OPT} (choice "Memory
 *     split", default 3G), PAGE_OFFSET, PHYS_OFFSET, ARM_PATCH_PHYS_VIRT,
 *     HIGHMEM, ARM_LPAE (arch/arm/mm/Kconfig), THUMB2_KERNEL, HAVE_TCM;
 *   arch/arm64/Kconfig: ARM64, ARM64_{4K,16K,64K}_PAGES,
 *     ARM64_VA_BITS[_nn], ARM64_PA_BITS[_nn], PGTABLE_LEVELS, RANDOMIZE_BASE;
 *   arch/riscv/Kconfig: RISCV, 64BIT (6.1 has no Kconfig for the paging
 *     mode: sv39/48/57 is probed at boot, so vmlayout takes VA_BITS=N);
 *   mm/Kconfig: ZONE_DMA, FLATMEM[_MANUAL], SPARSEMEM[_MANUAL,_STATIC,
 *     _EXTREME,_VMEMMAP], CMA, MODULES (init/Kconfig);
 *   kernel/dma/Kconfig: CMA_SIZE_MBYTES;
 *   msm-3.4 arch/arm/mm/Kconfig: DONT_MAP_HOLE_AFTER_MEMBANK0,
 *     ENABLE_VMALLOC_SAVING, NO_VM_RECLAIM; Laura Abbott's RFC (2014):
 *     VMALLOC_INTERMIX.
 * vmlayout's own names (not Kconfig): VIPT_ALIASING, VA_BITS, ZONE_DMA_SIZE,
 * TEXT_OFFSET; arm64: CPU_VA_BITS (the CPU's VA reach, 48 runs a 52-bit build
 * at 48/47), CPU_PA_BITS (its PARange), KASLR_SEED (the /chosen/kaslr-seed
 * value); riscv64:
 * CPU_SATP_BITS (39, 48 or 57: the widest satp mode the CPU takes, what
 * set_satp_mode()'s probe finds; docs/riscv64.md).
 * Also read: ZONE_DMA32 (mm/Kconfig), NUMA and NODES_SHIFT (arch/arm64/Kconfig,
 * arch/riscv/Kconfig), KASAN_GENERIC, KASAN_SW_TAGS
 * (lib/Kconfig.kasan, the "KASAN mode" choice); for the per-CPU first
 * chunk NR_CPUS (the arch's Kconfig), MEMCG (v6.1 MEMCG_KMEM follows it),
 * MEM_ALLOC_PROFILING (lib/Kconfig.debug, v6.10+), RANDOM_KMALLOC_CACHES
 * (mm/Kconfig, v6.6+), LOCKDEP, PERCPU_STATS (mm/Kconfig), PREEMPT_RT
 * (kernel/Kconfig.preempt: the size of spinlock_t) and
 * ARM_L1_CACHE_SHIFT (arch/arm/mm/Kconfig); CMDLINE and the "Kernel
 * command line type" choice (CMDLINE_FROM_BOOTLOADER, CMDLINE_FALLBACK,
 * CMDLINE_EXTEND, CMDLINE_FORCE; the arch Kconfigs).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host_file.h"
#include "host/suggest.h"
#include "vmlayout/arch.h"
#include "vmlayout/host_input.h"

/* A parsed VALUE. */
struct kvalue {
	const char *text;
	bool quoted;
};

/* What one assignment found about the arch (resolved by the caller). */
struct karch {
	bool arm, arm64, riscv, is_64bit;
};

enum kchoice {
	KC_VMSPLIT,
	KC_PAGE_SIZE,
	KC_VA_BITS,
	KC_PA_BITS,
	KC_RECLAIM,
	KC_MEMMODEL,
	KC_KASAN,
	KC_CMDLINE_TYPE,
};

struct kchoice_member {
	const char *name;
	enum kchoice choice;
	uint64_t value;
	bool n_resets; /* "=n" on the selected member returns to the default */
};

static const struct kchoice_member kchoice_members[] = {
    {"VMSPLIT_1G", KC_VMSPLIT, 1, true},
    {"VMSPLIT_2G", KC_VMSPLIT, 2, true},
    {"VMSPLIT_3G", KC_VMSPLIT, 3, true},
    {"VMSPLIT_3G_OPT", KC_VMSPLIT, 0x30, true},
    {"ARM64_4K_PAGES", KC_PAGE_SIZE, VML_SZ_4K, true},
    {"ARM64_16K_PAGES", KC_PAGE_SIZE, 4 * VML_SZ_4K, true},
    {"ARM64_64K_PAGES", KC_PAGE_SIZE, VML_SZ_64K, true},
    {"ARM64_VA_BITS_36", KC_VA_BITS, 36, true},
    {"ARM64_VA_BITS_39", KC_VA_BITS, 39, true},
    {"ARM64_VA_BITS_42", KC_VA_BITS, 42, true},
    {"ARM64_VA_BITS_47", KC_VA_BITS, 47, true},
    {"ARM64_VA_BITS_48", KC_VA_BITS, 48, true},
    {"ARM64_VA_BITS_52", KC_VA_BITS, 52, true},
    {"ARM64_PA_BITS_48", KC_PA_BITS, 48, true},
    {"ARM64_PA_BITS_52", KC_PA_BITS, 52, true},
    {"DONT_MAP_HOLE_AFTER_MEMBANK0", KC_RECLAIM, VML_RECLAIM_DONT_MAP_HOLE, true},
    {"ENABLE_VMALLOC_SAVING", KC_RECLAIM, VML_RECLAIM_VMALLOC_SAVING, true},
    {"VMALLOC_INTERMIX", KC_RECLAIM, VML_RECLAIM_VMALLOC_SAVING, true},
    {"NO_VM_RECLAIM", KC_RECLAIM, VML_RECLAIM_NONE, true},
    /* A .config lists FLATMEM=y with "# CONFIG_SPARSEMEM_STATIC is not set"
     * and the like: only y counts for the memory model. */
    {"FLATMEM", KC_MEMMODEL, VML_FLATMEM, false},
    {"FLATMEM_MANUAL", KC_MEMMODEL, VML_FLATMEM, false},
    {"SPARSEMEM", KC_MEMMODEL, VML_SPARSEMEM, false},
    {"SPARSEMEM_MANUAL", KC_MEMMODEL, VML_SPARSEMEM, false},
    {"SPARSEMEM_STATIC", KC_MEMMODEL, VML_SPARSEMEM, false},
    {"SPARSEMEM_EXTREME", KC_MEMMODEL, VML_SPARSEMEM, false},
    /* lib/Kconfig.kasan "KASAN mode" (arm64: the shadow region, docs/arm64.md) */
    {"KASAN_GENERIC", KC_KASAN, 1, true},
    {"KASAN_SW_TAGS", KC_KASAN, 2, true},
    /* "Kernel command line type" (arch/arm/Kconfig, arch/arm64/Kconfig,
     * arch/riscv/Kconfig; which arch has which: src/core/boot_command_line.c) */
    {"CMDLINE_FROM_BOOTLOADER", KC_CMDLINE_TYPE, VML_CMDLINE_TYPE_FROM_BOOTLOADER, true},
    {"CMDLINE_FALLBACK", KC_CMDLINE_TYPE, VML_CMDLINE_TYPE_FALLBACK, true},
    {"CMDLINE_EXTEND", KC_CMDLINE_TYPE, VML_CMDLINE_TYPE_EXTEND, true},
    {"CMDLINE_FORCE", KC_CMDLINE_TYPE, VML_CMDLINE_TYPE_FORCE, true},
};

static void kchoice_set(struct vml_kernel_config *cfg, enum kchoice c, uint64_t v)
{
	switch (c) {
	case KC_VMSPLIT:
		cfg->vmsplit = (unsigned int)v;
		break;
	case KC_PAGE_SIZE:
		cfg->page_size = v;
		break;
	case KC_VA_BITS:
		cfg->va_bits = (unsigned int)v;
		break;
	case KC_PA_BITS:
		cfg->pa_bits = (unsigned int)v;
		break;
	case KC_RECLAIM:
		cfg->reclaim = (enum vml_reclaim)v;
		break;
	case KC_MEMMODEL:
		cfg->memmodel = (enum vml_memmodel)v;
		break;
	case KC_KASAN:
		cfg->kasan = (unsigned int)v;
		break;
	case KC_CMDLINE_TYPE:
		cfg->cmdline_type = (enum vml_cmdline_type)v;
		break;
	}
}

static uint64_t kchoice_get(const struct vml_kernel_config *cfg, enum kchoice c)
{
	switch (c) {
	case KC_VMSPLIT:
		return cfg->vmsplit;
	case KC_PAGE_SIZE:
		return cfg->page_size;
	case KC_VA_BITS:
		return cfg->va_bits;
	case KC_PA_BITS:
		return cfg->pa_bits;
	case KC_RECLAIM:
		return (uint64_t)cfg->reclaim;
	case KC_MEMMODEL:
		return (uint64_t)cfg->memmodel;
	case KC_KASAN:
		return cfg->kasan;
	case KC_CMDLINE_TYPE:
		return (uint64_t)cfg->cmdline_type;
	}
	return 0;
}

/* The choice's "not set" value; the arch default is filled in after a file. */
static uint64_t kchoice_default(const struct vml_kernel_config *cfg, enum kchoice c)
{
	struct vml_kernel_config d;

	vml_kernel_config_init(&d, cfg->arch);
	if (c == KC_VMSPLIT)
		return 0;
	if (c == KC_RECLAIM)
		return VML_RECLAIM_NONE;
	if (c == KC_KASAN || c == KC_CMDLINE_TYPE)
		return 0;
	return kchoice_get(&d, c);
}

#define KBOOL(name, field)                                                                         \
	{                                                                                          \
		name, offsetof(struct vml_kernel_config, field), false                             \
	}
/* a tristate whose m (a module) counts as built (riscv's KVM is tristate,
 * arm64's bool) */
#define KTRISTATE(name, field)                                                                     \
	{                                                                                          \
		name, offsetof(struct vml_kernel_config, field), true                              \
	}

static const struct kbool_option {
	const char *name;
	size_t offset;
	bool tristate;
} kbool_options[] = {
    KBOOL("ARM_PATCH_PHYS_VIRT", arm_patch_phys_virt),
    KBOOL("HIGHMEM", highmem),
    KBOOL("ARM_LPAE", arm_lpae),
    KBOOL("ZONE_DMA", zone_dma),
    KBOOL("CMA", cma),
    KBOOL("MODULES", modules),
    KBOOL("THUMB2_KERNEL", thumb2_kernel),
    KBOOL("HAVE_TCM", have_tcm),
    KBOOL("RANDOMIZE_BASE", randomize_base),
    KBOOL("SPARSEMEM_VMEMMAP", sparsemem_vmemmap),
    KBOOL("VIPT_ALIASING", vipt_aliasing),
    KBOOL("MEMCG", memcg),
    KBOOL("PAGE_EXTENSION", page_extension),
    KBOOL("PAGE_IDLE_FLAG", page_idle_flag),
    KBOOL("KFENCE", kfence),
    KBOOL("DEBUG_PAGEALLOC", debug_pagealloc_config),
    KBOOL("DEBUG_PAGEALLOC_ENABLE_DEFAULT", debug_pagealloc_default),
    KBOOL("PCI", pci),
    KBOOL("HUGETLB_PAGE", hugetlb_page),
    KBOOL("ZONE_DMA32", zone_dma32),
    KBOOL("NUMA", numa),
    KBOOL("ACPI_APEI_GHES", acpi_apei_ghes),
    KBOOL("ARM_SDE_INTERFACE", arm_sde_interface),
    KBOOL("UNMAP_KERNEL_AT_EL0", unmap_kernel_at_el0),
    KBOOL("RELOCATABLE", relocatable),
    KTRISTATE("KVM", kvm),
    KBOOL("MEM_ALLOC_PROFILING", mem_alloc_profiling),
    KBOOL("RANDOM_KMALLOC_CACHES", random_kmalloc_caches),
    KBOOL("LOCKDEP", lockdep),
    KBOOL("DEBUG_SPINLOCK", debug_spinlock),
    KBOOL("PREEMPT_RT", preempt_rt),
    KBOOL("PTDUMP_DEBUGFS", ptdump_debugfs),
    KBOOL("PERCPU_STATS", percpu_stats),
    KBOOL("KEXEC_CORE", kexec_core),
    KBOOL("CRASH_RESERVE", crash_reserve),
    KBOOL("KEXEC", kexec),
    KBOOL("OF", of),
    KBOOL("OF_KOBJ", of_kobj),
    KBOOL("OF_DYNAMIC", of_dynamic),
    KBOOL("DEBUG_LOCK_ALLOC", debug_lock_alloc),
    KBOOL("DEBUG_KOBJECT_RELEASE", debug_kobject_release),
};

enum knum_format { KN_HEX, KN_DEC, KN_SIZE };

static const struct knum_option {
	const char *name;
	enum knum_format format;
	uint64_t min, max; /* accepted range */
	const char *example;
} knum_options[] = {
    {"PAGE_OFFSET", KN_HEX, 0, UINT64_MAX, "0xC0000000"},
    {"PHYS_OFFSET", KN_HEX, 0, UINT64_MAX, "0x80000000"},
    {"CMA_SIZE_MBYTES", KN_DEC, 0, 1u << 20, "16"},
    {"ARM64_VA_BITS", KN_DEC, 36, 52, "48"},
    {"ARM64_PA_BITS", KN_DEC, 48, 52, "48"},
    {"PGTABLE_LEVELS", KN_DEC, 2, 5, "4"},
    {"VA_BITS", KN_DEC, 39, 57, "39"},
    {"ZONE_DMA_SIZE", KN_SIZE, 1, UINT64_MAX, "256M"},
    {"TEXT_OFFSET", KN_SIZE, 0, UINT64_MAX, "0x8000"},
    {"ARCH_FORCE_MAX_ORDER", KN_DEC, 1, 20, "11"},
    {"CPU_VA_BITS", KN_DEC, 36, 52, "48"},
    {"CPU_PA_BITS", KN_DEC, 32, 52, "44"},
    {"KASLR_SEED", KN_SIZE, 0, UINT64_MAX, "0x123456789abcdef0"},
    {"CPU_SATP_BITS", KN_DEC, 39, 57, "57"},
    {"NODES_SHIFT", KN_DEC, 1, 10, "4"},
    {"NR_CPUS", KN_DEC, 1, 8192, "256"},
    {"ARM_L1_CACHE_SHIFT", KN_DEC, 5, 7, "6"},
    {"KFENCE_SAMPLE_INTERVAL", KN_DEC, 0, UINT64_MAX, "100"},
    {"KFENCE_NUM_OBJECTS", KN_DEC, 1, 65535, "255"},
};

/* One assignment's context: where it came from (for sentences) and what it
 * said about the arch. */
struct kctx {
	char where[320]; /* "FILE:LINE: TEXT" or "--set TEXT" */
	struct vml_host_error *err;
	struct karch arch;
	bool strict; /* --set: a name vmlayout does not model is an error */
	bool quoted; /* the value was in double quotes (a .config's strings) */
};

__attribute__((format(printf, 2, 3))) static int kbad(const struct kctx *k, const char *fmt, ...)
{
	char rule[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	return vml_host_error_set(k->err, VML_EINVAL, "%s: %s", k->where, rule);
}

static bool kparse_number(enum knum_format f, const char *s, uint64_t *v)
{
	int base = f == KN_HEX ? 16 : 10;
	const char *e;

	if (f == KN_SIZE)
		return vml_memparse(s, v, &e) == VML_OK && *e == '\0';
	if (f == KN_HEX && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (e = s; *e; e++)
		if (base == 16 ? !isxdigit((unsigned char)*e) : !isdigit((unsigned char)*e))
			return false;
	if (e == s)
		return false;
	errno = 0;
	*v = strtoull(s, NULL, base);
	return errno == 0;
}

/* The values of the options whose Kconfig offers a set, for the error. */
static const char *knum_allowed_text(const char *name)
{
	if (!strcmp(name, "ARM64_VA_BITS"))
		return "36, 39, 42, 47, 48 or 52";
	if (!strcmp(name, "ARM64_PA_BITS"))
		return "48 or 52";
	if (!strcmp(name, "VA_BITS"))
		return "39, 48 or 57 (riscv64's; arm64's VA size is ARM64_VA_BITS)";
	if (!strcmp(name, "CPU_SATP_BITS"))
		return "39, 48 or 57";
	return NULL;
}

/* Values a range alone does not capture: the VA sizes Kconfig offers. */
static bool knum_allowed(const char *name, uint64_t v)
{
	if (!strcmp(name, "ARM64_VA_BITS"))
		return v == 36 || v == 39 || v == 42 || v == 47 || v == 48 || v == 52;
	if (!strcmp(name, "ARM64_PA_BITS"))
		return v == 48 || v == 52;
	if (!strcmp(name, "VA_BITS") || !strcmp(name, "CPU_SATP_BITS"))
		return v == 39 || v == 48 || v == 57; /* riscv sv39, sv48, sv57 */
	return true;
}

static int kapply_number(struct vml_kernel_config *cfg, const struct knum_option *o,
			 const char *value, const struct kctx *k)
{
	static const char *const what[] = {"a hex", "a decimal", "a size"};
	uint64_t v;

	if (!kparse_number(o->format, value, &v))
		return kbad(k, "%s is %s option; want a value like %s", o->name, what[o->format],
			    o->example);
	if (knum_allowed_text(o->name) && !knum_allowed(o->name, v))
		return kbad(k, "%s takes %s", o->name, knum_allowed_text(o->name));
	if (v < o->min || v > o->max)
		return kbad(k, "%s is out of range: want %llu to %llu", o->name,
			    (unsigned long long)o->min, (unsigned long long)o->max);
	if (!strcmp(o->name, "PAGE_OFFSET")) {
		cfg->page_offset_set = true;
		cfg->page_offset = v;
	} else if (!strcmp(o->name, "PHYS_OFFSET")) {
		cfg->phys_offset_set = true;
		cfg->phys_offset = v;
	} else if (!strcmp(o->name, "CMA_SIZE_MBYTES")) {
		cfg->cma_size_mbytes = v;
	} else if (!strcmp(o->name, "ARM64_VA_BITS") || !strcmp(o->name, "VA_BITS")) {
		cfg->va_bits = (unsigned int)v;
	} else if (!strcmp(o->name, "ARM64_PA_BITS")) {
		cfg->pa_bits = (unsigned int)v;
	} else if (!strcmp(o->name, "PGTABLE_LEVELS")) {
		cfg->pgtable_levels = (unsigned int)v;
	} else if (!strcmp(o->name, "ZONE_DMA_SIZE")) {
		cfg->zone_dma_size = v;
	} else if (!strcmp(o->name, "ARCH_FORCE_MAX_ORDER")) {
		cfg->max_order = (unsigned int)v;
	} else if (!strcmp(o->name, "CPU_VA_BITS") || !strcmp(o->name, "CPU_SATP_BITS")) {
		cfg->cpu_va_bits = (unsigned int)v;
	} else if (!strcmp(o->name, "CPU_PA_BITS")) {
		cfg->cpu_pa_bits = (unsigned int)v;
	} else if (!strcmp(o->name, "NODES_SHIFT")) {
		cfg->nodes_shift = (unsigned int)v;
	} else if (!strcmp(o->name, "NR_CPUS")) {
		cfg->nr_cpus = (unsigned int)v;
	} else if (!strcmp(o->name, "ARM_L1_CACHE_SHIFT")) {
		cfg->arm_l1_cache_shift = (unsigned int)v;
	} else if (!strcmp(o->name, "KFENCE_SAMPLE_INTERVAL")) {
		cfg->kfence_sample_interval_set = true;
		cfg->kfence_sample_interval = v;
	} else if (!strcmp(o->name, "KFENCE_NUM_OBJECTS")) {
		cfg->kfence_num_objects = v;
	} else if (!strcmp(o->name, "KASLR_SEED")) {
		cfg->kaslr_seed_set = true;
		cfg->kaslr_seed = v;
	} else {
		cfg->text_offset = v;
	}
	return VML_OK;
}

static int kapply_choice(struct vml_kernel_config *cfg, const struct kchoice_member *m,
			 const char *value, const struct kctx *k)
{
	if (!strcmp(value, "y")) {
		kchoice_set(cfg, m->choice, m->value);
		return VML_OK;
	}
	if (strcmp(value, "n"))
		return kbad(k, "%s is a choice member; want y or n", m->name);
	if (m->n_resets && kchoice_get(cfg, m->choice) == m->value)
		kchoice_set(cfg, m->choice, kchoice_default(cfg, m->choice));
	return VML_OK;
}

static bool kapply_arch(const char *name, const char *value, struct karch *a)
{
	bool yes = !strcmp(value, "y");

	if (!strcmp(name, "ARM"))
		a->arm |= yes;
	else if (!strcmp(name, "ARM64"))
		a->arm64 |= yes;
	else if (!strcmp(name, "RISCV"))
		a->riscv |= yes;
	else if (!strcmp(name, "64BIT"))
		a->is_64bit |= yes;
	else
		return false;
	return true;
}

/* --set NAME with a NAME vmlayout does not model: an error, with the
 * closest known name. (A .config names thousands of options vmlayout does
 * not read: there they are skipped.) */
static int kunknown(const char *name, const struct kctx *k)
{
	const char *names[VML_ARRAY_SIZE(kbool_options) + VML_ARRAY_SIZE(kchoice_members) +
			  VML_ARRAY_SIZE(knum_options) + 5] = {"ARM", "ARM64", "RISCV", "64BIT",
							       "CMDLINE"};
	size_t n = 5;
	const char *near;

	for (size_t i = 0; i < VML_ARRAY_SIZE(kbool_options); i++)
		names[n++] = kbool_options[i].name;
	for (size_t i = 0; i < VML_ARRAY_SIZE(kchoice_members); i++)
		names[n++] = kchoice_members[i].name;
	for (size_t i = 0; i < VML_ARRAY_SIZE(knum_options); i++)
		names[n++] = knum_options[i].name;
	near = vml_suggest(name, names, n);
	if (near)
		return kbad(k, "%s is not an option vmlayout models; did you mean %s?", name, near);
	return kbad(k, "%s is not an option vmlayout models (docs/inputs.md lists them)", name);
}

/* CONFIG_CMDLINE: a .config's string, whose '"' and '\\' Kconfig writes
 * after a backslash (scripts/kconfig/confdata.c); kept up to the buffer's
 * size, longer than any arch's boot_command_line, which cuts it. */
static void kapply_cmdline(struct vml_kernel_config *cfg, const char *value, bool quoted)
{
	size_t n = 0;

	for (; *value && n + 1 < sizeof(cfg->builtin_cmdline); value++) {
		if (quoted && value[0] == '\\' && (value[1] == '"' || value[1] == '\\'))
			value++;
		cfg->builtin_cmdline[n++] = *value;
	}
	cfg->builtin_cmdline[n] = '\0';
}

/* NAME (CONFIG_ stripped) = VALUE (quotes stripped) into @cfg. */
static int kapply(struct vml_kernel_config *cfg, const char *name, const char *value,
		  struct kctx *k)
{
	if (kapply_arch(name, value, &k->arch))
		return VML_OK;
	if (!strcmp(name, "CMDLINE")) {
		kapply_cmdline(cfg, value, k->quoted);
		return VML_OK;
	}
	for (size_t i = 0; i < VML_ARRAY_SIZE(kbool_options); i++) {
		const struct kbool_option *o = &kbool_options[i];

		if (strcmp(name, o->name))
			continue;
		if (o->tristate && !strcmp(value, "m"))
			value = "y";
		if (strcmp(value, "y") && strcmp(value, "n"))
			return kbad(k, "%s is a %s option; want y or n%s", name,
				    o->tristate ? "tristate" : "bool", o->tristate ? " or m" : "");
		*(bool *)((char *)cfg + o->offset) = value[0] == 'y';
		return VML_OK;
	}
	for (size_t i = 0; i < VML_ARRAY_SIZE(kchoice_members); i++)
		if (!strcmp(name, kchoice_members[i].name))
			return kapply_choice(cfg, &kchoice_members[i], value, k);
	for (size_t i = 0; i < VML_ARRAY_SIZE(knum_options); i++)
		if (!strcmp(name, knum_options[i].name))
			return kapply_number(cfg, &knum_options[i], value, k);
	if (k->strict)
		return kunknown(name, k);
	return VML_OK; /* a .config: not an option vmlayout reads */
}

static bool kname_valid(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* Split "[CONFIG_]NAME=VALUE" (modified in place) and apply it. */
static int kassign(struct vml_kernel_config *cfg, char *text, struct kctx *k)
{
	char *eq = strchr(text, '='), *value;
	size_t n;

	if (!eq || !kname_valid(text, (size_t)(eq - text)))
		return vml_host_error_set(k->err, VML_EINVAL,
					  "%s: not an option assignment (want CONFIG_NAME=VALUE)",
					  k->where);
	*eq = '\0';
	value = eq + 1;
	if (!strncmp(text, "CONFIG_", 7) && text[7])
		text += 7;
	n = strlen(value);
	if (value[0] == '"') {
		if (n < 2 || value[n - 1] != '"')
			return vml_host_error_set(k->err, VML_EINVAL,
						  "%s: the quoted value has no closing quote",
						  k->where);
		value[n - 1] = '\0';
		value++;
	}
	k->quoted = value != eq + 1;
	return kapply(cfg, text, value, k);
}

/* The arch the assignments named, or an error for a contradiction. */
static int karch_resolve(const struct kctx *k, bool whole_file, enum vml_arch *arch)
{
	int named = k->arch.arm + k->arch.arm64 + k->arch.riscv;

	*arch = VML_ARCH_NONE;
	if (named > 1)
		return vml_host_error_set(k->err, VML_EINVAL,
					  "%s: more than one of CONFIG_ARM, CONFIG_ARM64 and "
					  "CONFIG_RISCV is y",
					  k->where);
	if (k->arch.riscv && whole_file && !k->arch.is_64bit)
		return vml_host_error_set(k->err, VML_EINVAL,
					  "%s: CONFIG_RISCV=y without CONFIG_64BIT=y: vmlayout "
					  "models 64-bit RISC-V only",
					  k->where);
	if (k->arch.arm)
		*arch = VML_ARCH_ARM;
	else if (k->arch.arm64)
		*arch = VML_ARCH_ARM64;
	else if (k->arch.riscv)
		*arch = VML_ARCH_RISCV64;
	return VML_OK;
}

static const char *karch_name(enum vml_arch a)
{
	return vml_arch_name(a);
}

/* Adopt the arch @named; a config that had none takes its defaults. */
static int karch_adopt(struct vml_kernel_config *cfg, enum vml_arch named, const struct kctx *k)
{
	struct vml_kernel_config d;

	if (named == VML_ARCH_NONE || named == cfg->arch) {
		vml_kernel_config_init(&d, cfg->arch);
	} else if (cfg->arch != VML_ARCH_NONE) {
		return vml_host_error_set(k->err, VML_EINVAL,
					  "%s: the kernel configuration is for %s but the arch is "
					  "already %s",
					  k->where, karch_name(named), karch_name(cfg->arch));
	} else {
		vml_kernel_config_init(&d, named);
		cfg->arch = named;
		cfg->text_offset = d.text_offset;
	}
	if (!cfg->page_size)
		cfg->page_size = d.page_size;
	if (!cfg->va_bits)
		cfg->va_bits = d.va_bits;
	if (!cfg->pa_bits)
		cfg->pa_bits = d.pa_bits;
	return VML_OK;
}

/* A complete .config: what it does not say is "not set". */
static void kconfig_reset(struct vml_kernel_config *cfg)
{
	cfg->page_offset_set = false;
	cfg->page_offset = 0;
	cfg->vmsplit = 0;
	cfg->phys_offset_set = false;
	cfg->phys_offset = 0;
	cfg->arm_patch_phys_virt = false;
	cfg->highmem = false;
	cfg->arm_lpae = false;
	cfg->zone_dma = false;
	cfg->memmodel = VML_FLATMEM;
	cfg->cma = false;
	cfg->cma_size_mbytes = 0;
	cfg->modules = false;
	cfg->thumb2_kernel = false;
	cfg->have_tcm = false;
	cfg->memcg = false;
	cfg->page_extension = false;
	cfg->page_idle_flag = false;
	cfg->kfence = false;
	cfg->kfence_sample_interval_set = false;
	cfg->kfence_sample_interval = 0;
	cfg->debug_pagealloc_config = false;
	cfg->debug_pagealloc_default = false;
	cfg->pci = false;
	cfg->hugetlb_page = false;
	cfg->max_order = 0;
	cfg->reclaim = VML_RECLAIM_NONE;
	cfg->page_size = 0; /* filled from the arch after the file */
	cfg->va_bits = 0;
	cfg->pa_bits = 0;
	cfg->pgtable_levels = 0;
	cfg->randomize_base = false;
	cfg->sparsemem_vmemmap = false;
	cfg->zone_dma32 = false;
	cfg->numa = false; /* NODES_SHIFT keeps the arch's default */
	cfg->kasan = 0;
	cfg->nr_cpus = 0; /* without CONFIG_NR_CPUS: the profile's default */
	cfg->mem_alloc_profiling = false;
	cfg->random_kmalloc_caches = false;
	cfg->lockdep = false;
	cfg->debug_spinlock = false;
	cfg->ptdump_debugfs = false;
	cfg->kfence_num_objects = 0;
	cfg->percpu_stats = false;
	cfg->arm_l1_cache_shift = 0;
	cfg->kexec_core = false;
	cfg->crash_reserve = false;
	cfg->kexec = false;
	cfg->of = cfg->of_kobj = cfg->of_dynamic = false;
	cfg->debug_lock_alloc = cfg->debug_kobject_release = false;
	cfg->builtin_cmdline[0] = '\0';
	cfg->cmdline_type = VML_CMDLINE_TYPE_DEFAULT;
}

/* The fields that do not come from Kconfig: profile, command line, image. */
static void kkeep_non_kconfig(struct vml_kernel_config *dst, const struct vml_kernel_config *src)
{
	memcpy(dst->profile, src->profile, sizeof(dst->profile));
	dst->vmalloc_set = src->vmalloc_set;
	dst->vmalloc_size = src->vmalloc_size;
	dst->n_mem_args = src->n_mem_args;
	memcpy(dst->mem_size, src->mem_size, sizeof(dst->mem_size));
	memcpy(dst->mem_start, src->mem_start, sizeof(dst->mem_start));
	memcpy(dst->mem_start_set, src->mem_start_set, sizeof(dst->mem_start_set));
	dst->memblock_debug = src->memblock_debug;
	dst->initrd_set = src->initrd_set;
	dst->initrd_start = src->initrd_start;
	dst->initrd_size = src->initrd_size;
	dst->image = src->image;
	dst->load_phys_set = src->load_phys_set;
	dst->load_phys = src->load_phys;
	dst->image_size = src->image_size;
	dst->cpu_va_bits = src->cpu_va_bits;
	dst->cpu_pa_bits = src->cpu_pa_bits;
	dst->kaslr_seed_set = src->kaslr_seed_set;
	dst->kaslr_seed = src->kaslr_seed;
	dst->nokaslr = src->nokaslr;
	dst->dhash_entries = src->dhash_entries;
	dst->ihash_entries = src->ihash_entries;
	dst->hashdist_set = src->hashdist_set;
	dst->hashdist = src->hashdist;
	dst->n_rodata = src->n_rodata;
	memcpy(dst->rodata_text, src->rodata_text, sizeof(dst->rodata_text));
	memcpy(dst->rodata_bare, src->rodata_bare, sizeof(dst->rodata_bare));
	dst->numa_off = src->numa_off;
	dst->nr_cpus_arg = src->nr_cpus_arg;
	dst->debug_pagealloc = src->debug_pagealloc;
	dst->debug_pagealloc_set = src->debug_pagealloc_set;
	dst->debug_pagealloc_param = src->debug_pagealloc_param;
	dst->earlycon_mmio_set = src->earlycon_mmio_set;
	dst->earlycon_mmio = src->earlycon_mmio;
	dst->nohugevmalloc = src->nohugevmalloc;
	dst->kfence_interval_arg_set = src->kfence_interval_arg_set;
	dst->kfence_interval_arg = src->kfence_interval_arg;
	dst->kfence_early_arg_set = src->kfence_early_arg_set;
	dst->kfence_early_arg = src->kfence_early_arg;
	dst->kfence_interval_bad = src->kfence_interval_bad;
	memcpy(dst->kfence_interval_bad_text, src->kfence_interval_bad_text,
	       sizeof(dst->kfence_interval_bad_text));
}

int vml_kconfig_set(struct vml_kernel_config *cfg, const char *assignment,
		    struct vml_host_error *err)
{
	struct vml_kernel_config next = *cfg;
	struct kctx k = {.err = err, .strict = true};
	enum vml_arch named;
	char *text = strdup(assignment ? assignment : "");
	int rc;

	if (!text)
		return vml_host_error_set(err, VML_ENOMEM, "--set: out of memory");
	snprintf(k.where, sizeof(k.where), "--set %s", text);
	rc = kassign(&next, text, &k);
	free(text);
	if (!rc)
		rc = karch_resolve(&k, false, &named);
	if (!rc && named != VML_ARCH_NONE && next.arch == VML_ARCH_NONE) {
		/* No arch yet: start from its defaults, keeping the command line
		 * and the image, then apply this assignment again. */
		struct vml_kernel_config fresh;

		vml_kernel_config_init(&fresh, named);
		kkeep_non_kconfig(&fresh, &next);
		next = fresh;
	}
	if (!rc)
		rc = karch_adopt(&next, named, &k);
	if (!rc)
		*cfg = next;
	return rc;
}

/* One line of a .config; blank lines and comments other than "is not set"
 * are skipped. */
static int kconfig_line(struct vml_kernel_config *cfg, char *line, struct kctx *k)
{
	char name[128];
	size_t n = strlen(line);

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	while (isspace((unsigned char)*line))
		line++;
	if (*line == '\0')
		return VML_OK;
	if (*line == '#') {
		int used = 0;

		if (sscanf(line, "# %127[A-Za-z0-9_] is not set%n", name, &used) == 1 &&
		    line[used] == '\0') {
			char assign[140];

			snprintf(assign, sizeof(assign), "%s=n", name);
			return kassign(cfg, assign, k);
		}
		return VML_OK;
	}
	return kassign(cfg, line, k);
}

int vml_kconfig_load_file(const char *path, struct vml_kernel_config *cfg,
			  struct vml_host_error *err)
{
	struct vml_kernel_config next = *cfg;
	struct kctx k = {.err = err};
	enum vml_arch named;
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	int rc = VML_OK;
	FILE *f = vml_host_fopen(path, "r");

	path = vml_host_file_name(path);
	if (!f)
		return vml_host_error_set(err, VML_ENOENT, "%s: cannot open: %s", path,
					  strerror(errno));
	kconfig_reset(&next);
	while (rc == VML_OK && getline(&line, &cap, f) >= 0) {
		lineno++;
		snprintf(k.where, sizeof(k.where), "%s:%u: %.*s", path, lineno,
			 (int)strcspn(line, "\r\n"), line);
		rc = kconfig_line(&next, line, &k);
	}
	free(line);
	vml_host_fclose(f);
	snprintf(k.where, sizeof(k.where), "%s", path);
	if (!rc)
		rc = karch_resolve(&k, true, &named);
	if (!rc)
		rc = karch_adopt(&next, named, &k);
	if (!rc)
		*cfg = next;
	return rc;
}

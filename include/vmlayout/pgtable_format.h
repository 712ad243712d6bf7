/* SPDX-License-Identifier: MIT */
/*
 * DOC: the narrow waist between the page-table engine and an architecture
 *
 * The engine (pgtable.h) knows levels, not architectures. An arch describes
 * each translation-table format it supports as data (struct vml_pt_format:
 * levels, bits per level, entry and table sizes, where leaves and contiguous
 * groups may go) plus a few functions (struct vml_pt_format_ops: encode a
 * table, leaf or invalid entry, decode an entry, say whether a live change
 * needs break-before-make, give the register values that make an MMU walk
 * the tables). The shape follows Hafnium's inc/hf/arch/mm.h hook contract
 * and docs/architecture.md "The narrow waist".
 *
 * Levels are numbered as the architecture numbers them: arm64 0..3 (with
 * LPA2 the 4K granule adds level -1), riscv sv39 2..0 is written here as
 * 0..2 from the root, arm short-descriptor 1..2, LPAE 1..3. Whatever the
 * numbering, level[] is indexed from the root: level[i] describes level
 * first_level + i, and a deeper level has a larger index. An arch whose own
 * numbering counts down (riscv) maps it in its ptdump/walk text, not here.
 *
 * Attributes cross the waist in one arch-neutral form (struct vml_pt_attrs).
 * Whatever an entry holds that the neutral model does not name is carried
 * verbatim in attrs.arch_bits, so decode followed by encode gives back the
 * same entry.
 */
#ifndef VMLAYOUT_PGTABLE_FORMAT_H
#define VMLAYOUT_PGTABLE_FORMAT_H

#include "env.h"
#include "error.h"

/* Opaque address types (Hafnium's paddr_t/vaddr_t): a physical address
 * cannot be passed where a virtual one is expected. */
typedef struct {
	uint64_t pa;
} vml_paddr_t;
typedef struct {
	uint64_t va;
} vml_vaddr_t;

static inline vml_paddr_t vml_pa(uint64_t pa)
{
	vml_paddr_t p = {pa};
	return p;
}
static inline uint64_t vml_pa_addr(vml_paddr_t p)
{
	return p.pa;
}
static inline vml_vaddr_t vml_va(uint64_t va)
{
	vml_vaddr_t v = {va};
	return v;
}
static inline uint64_t vml_va_addr(vml_vaddr_t v)
{
	return v.va;
}

#define VML_PT_MAX_LEVELS 6

/* Arch-neutral permission and state bits (struct vml_pt_attrs.perm). */
#define VML_PT_READ (1u << 0)	    /* kernel (privileged) read */
#define VML_PT_WRITE (1u << 1)	    /* kernel write */
#define VML_PT_EXEC (1u << 2)	    /* kernel execute */
#define VML_PT_USER_READ (1u << 3)  /* user (unprivileged) read */
#define VML_PT_USER_WRITE (1u << 4) /* user write */
#define VML_PT_USER_EXEC (1u << 5)  /* user execute */
#define VML_PT_GLOBAL (1u << 6)	    /* not tied to an ASID (arm64 nG = 0, riscv G) */
#define VML_PT_ACCESSED (1u << 7)   /* access flag set (arm AF, riscv A) */
#define VML_PT_DIRTY (1u << 8)	    /* dirty (riscv D) */
#define VML_PT_CONT                                                                                \
	(1u << 9)	       /* entry is part of a contiguous group (arm64 contiguous            \
				* bit, riscv Svnapot, arm supersection / large page).              \
				* The engine sets it; callers of map() do not. */
#define VML_PT_PERM_MASK 0x3fu /* the six access bits */

/* Memory types. Values are the arch-neutral names; each arch maps them to
 * its own encoding (arm64 AttrIndx per the kernel's MAIR layout, riscv
 * Svpbmt, arm TEX/C/B). */
enum vml_pt_memtype {
	VML_PT_MT_NORMAL = 0,	 /* write-back cacheable */
	VML_PT_MT_NORMAL_TAGGED, /* arm64 MTE-tagged normal (MT_NORMAL_TAGGED) */
	VML_PT_MT_NORMAL_NC,	 /* non-cacheable normal (riscv PBMT NC) */
	VML_PT_MT_DEVICE_nGnRnE, /* strongly ordered */
	VML_PT_MT_DEVICE_nGnRE,	 /* device (riscv PBMT IO) */
	VML_PT_MT_COUNT,
};

enum vml_pt_share {
	VML_PT_SH_INNER = 0, /* the kernel's default */
	VML_PT_SH_OUTER,
	VML_PT_SH_NONE,
};

/**
 * struct vml_pt_attrs - the arch-neutral attributes of a leaf
 * @perm: VML_PT_* bits above
 * @memtype: enum vml_pt_memtype
 * @share: enum vml_pt_share (formats without the field ignore it)
 * @domain: arm short-descriptor domain 0..15; 0 for every other format
 * @arch_bits: raw descriptor bits the neutral model does not name (arm64 GP,
 *	software bits, ...), kept verbatim so decode then encode is exact
 *
 * For a table entry, decode fills @perm with the permissions the table still
 * allows below it (arm64 PXNTable/UXNTable/APTable take bits away); the
 * walker ANDs them into the leaf's.
 */
struct vml_pt_attrs {
	uint32_t perm;
	uint8_t memtype;
	uint8_t share;
	uint8_t domain;
	uint64_t arch_bits;
};

static inline bool vml_pt_attrs_equal(const struct vml_pt_attrs *a, const struct vml_pt_attrs *b)
{
	return a->perm == b->perm && a->memtype == b->memtype && a->share == b->share &&
	       a->domain == b->domain && a->arch_bits == b->arch_bits;
}

enum vml_pte_kind {
	VML_PTE_INVALID = 0,
	VML_PTE_TABLE,
	VML_PTE_LEAF, /* block, section, superpage or page */
};

/**
 * struct vml_pt_entry - one entry, decoded
 * @kind: invalid, table or leaf
 * @addr: table: the next-level table; leaf: the output address this entry
 *	encodes. Where every entry of a contiguous group holds the same value
 *	(riscv Svnapot, arm supersections and large pages) it may be the
 *	group's base; the engine only relies on addr aligned down to the group
 *	size being the group's base.
 * @attrs: leaf attributes (with VML_PT_CONT for a group member) or, for a
 *	table, the permissions it leaves to the levels below
 */
struct vml_pt_entry {
	enum vml_pte_kind kind;
	vml_paddr_t addr;
	struct vml_pt_attrs attrs;
};

/**
 * struct vml_pt_level - the geometry of one level
 * @shift: log2 of the VA span of one entry (12 for a 4K page)
 * @index_bits: VA bits this level resolves; the table has 2^index_bits entries
 * @table_size: bytes of one table at this level (normally entries x entry
 *	size; the root may be smaller, arm short L2 is 1 KiB)
 * @table_align: required alignment of such a table (a power of two)
 * @leaf_ok: an entry at this level may be a leaf (block or page)
 * @cont_entries: entries in a contiguous group at this level (arm64 16, 32 or
 *	128; riscv Svnapot 16; arm supersection/large page 16), 0 for none
 * @leaf_pa_bits: output-address bits a leaf outside a contiguous group can
 *	carry here; 0 = the format's pa_bits. arm short: sections and pages
 *	hold PA[31:0] only (32) while supersections reach 40 bits.
 * @cont_pa_bits: the same for a member of a contiguous group (arm short
 *	large pages: 32); 0 = pa_bits
 * @cont_mask, @cont_value: every entry decode() calls a leaf with
 *	VML_PT_CONT at this level has (raw & @cont_mask) == @cont_value (arm64
 *	and LPAE: the valid and contiguous bits set). The engine screens the
 *	neighbours of the entries a map writes with it, in one branch-free
 *	pass, before it asks is_cont_leaf() of each; both 0: not declared
 *	(every neighbour is asked)
 */
struct vml_pt_level {
	uint8_t shift;
	uint8_t index_bits;
	uint32_t table_size;
	uint32_t table_align;
	bool leaf_ok;
	uint16_t cont_entries;
	uint8_t leaf_pa_bits;
	uint8_t cont_pa_bits;
	uint64_t cont_mask, cont_value;
};

/* How the roots cover the virtual address space (struct vml_pt_format.va_split). */
enum vml_pt_va_split {
	VML_PT_VA_TWO_ROOTS = 0, /* arm64/LPAE TTBR0 low half, TTBR1 high half, each va_bits */
	VML_PT_VA_SIGN_EXTEND,	 /* one root; VAs sign-extended from bit va_bits-1 (riscv) */
	VML_PT_VA_ZERO_EXTEND,	 /* one root covering [0, 2^va_bits) (arm short, 32-bit) */
};

/* Flags for encode_table(): restrictions a table puts on everything below. */
#define VML_PT_TABLE_NO_EXEC (1u << 0)	    /* arm64 PXNTable */
#define VML_PT_TABLE_NO_USER_EXEC (1u << 1) /* arm64 UXNTable */
/* Installed as 32-bit ARM's pmd_populate_kernel() installs a table at run
 * time: _PAGE_KERNEL_TABLE (asm/pgalloc.h v6.12), whose PMD_BIT4 (bit 4 of
 * the short-descriptor L1 page-table descriptor, SBZ on ARMv7) the
 * boot-time early_pte_alloc() does not set; other formats ignore it. */
#define VML_PT_TABLE_KERNEL (1u << 2)
/* The domain of every leaf below the table (arm short-descriptor L1 page
 * table descriptor bits [8:5]); only set for VML_PT_FMT_DOMAIN_IN_TABLE. */
#define VML_PT_TABLE_DOMAIN(d) (((uint32_t)(d)&0xfu) << 8)
#define VML_PT_TABLE_DOMAIN_OF(flags) (((flags) >> 8) & 0xfu)

/* struct vml_pt_format.fmt_flags */
#define VML_PT_FMT_DOMAIN_IN_TABLE                                                                 \
	(1u << 0) /* leaves below the root have no domain field: theirs is the one in the table    \
		   * entry above them (arm short-descriptor small and large pages) */

/* Levels are named by their number, level 1 = PGD, as Linux's 32-bit ARM
 * does (a TTBR1 half whose root is at LPAE level 2 names its root PMD);
 * without it the root is PGD and the rest the last of P4D PUD PMD PTE. */
#define VML_PT_FMT_NAMES_BY_LEVEL_NUMBER (1u << 1)

/* Every member of a contiguous group holds the same entry, the one of the
 * group's first byte (riscv Svnapot, arm supersections and large pages);
 * read with struct vml_pt_format.oa_linear_bits. */
#define VML_PT_FMT_CONT_SHARED_OA (1u << 2)

/**
 * struct vml_pt_pack - tables below the root packed by pairs, with shadows
 * @page_size: bytes allocated for the tables of one pair of root entries
 *	(2k, 2k + 1), aligned to their size; 0 = no packing (every format but
 *	arm "short-linux")
 * @hw_offset: where in that allocation the table of entry 2k ([0]) and of
 *	entry 2k + 1 ([1]) lie
 * @shadow_offset: where the shadow entries of each of those tables lie:
 *	entry i of table h has its shadow at @shadow_offset[h] + i x entry_size
 *
 * Linux's classic 2-level ARM tables (arch/arm/include/asm/pgtable-2level.h,
 * v6.1): one 4 KiB page per 2 MiB of VA holds the Linux PTEs of both
 * hardware tables at +0 and +1024 and the two hardware tables at +2048 and
 * +3072 (PTE_HWTABLE_OFF = 512 x 4); the two first-level entries of the
 * pair point at +2048 and +3072 (__pmd_populate(), pgalloc.h). The engine
 * then: allocates one @page_size block for a pair and reuses it for the
 * other entry of the pair; when it links a new table below one entry whose
 * sibling is invalid, links the sibling to its (empty) half too, as
 * __pmd_populate() writes both; writes ops->encode_shadow() of every entry
 * it writes in such a table beside it (logged as VML_PT_UPD_SHADOW); and
 * counts and reports the block once, as one table of @page_size bytes.
 */
struct vml_pt_pack {
	uint32_t page_size;
	uint32_t hw_offset[2];
	uint32_t shadow_offset[2];
};

/* CPU features the break-before-make rule depends on (needs_bbm()). */
#define VML_PT_CPU_BBML2 (1u << 0) /* arm64 FEAT_BBM level 2 without aborts */

/* Register values that make an MMU walk the tables (JSON output). */
#define VML_PT_MAX_REGS 8
struct vml_pt_reg {
	const char *name; /* "ttbr0", "ttbr1", "tcr", "mair", "satp", "ttbcr", "dacr" */
	uint64_t value;
};
struct vml_pt_regs {
	unsigned int count;
	struct vml_pt_reg reg[VML_PT_MAX_REGS];
};
/* roots[0] the low half (TTBR0) or the only root, roots[1] the high half. */
struct vml_pt_roots {
	bool present[2];
	vml_paddr_t root[2];
};

/* The value of register @name in @regs (0 when it is not there). */
static inline uint64_t vml_pt_reg_value(const struct vml_pt_regs *regs, const char *name)
{
	for (unsigned int i = 0; i < regs->count; i++)
		if (vml_str_eq(regs->reg[i].name, name))
			return regs->reg[i].value;
	return 0;
}

/**
 * struct vml_pt_table_match - table entries recognised without decode()
 * @mask, @value: above the last level, decode() calls an entry @raw a
 *	table exactly when (@raw & @mask) == @value; @mask 0: not declared
 * @addr_mask, @addr_shift: the next table of such an entry is at
 *	(@raw & @addr_mask) << @addr_shift, the address decode() gives
 * @domain_shift: under VML_PT_FMT_DOMAIN_IN_TABLE, the entry's domain is
 *	(@raw >> @domain_shift) & 0xf, the domain decode() gives
 *
 * The engine's express plan (src/core/pgtable_express.c) reads the tables
 * a map descends through with it instead of an indirect decode() per
 * entry; a format that declares nothing takes the general plan.
 * tests/core/test_pgtable_images.c checks each declaration against decode()
 * and that removing it changes no byte of any image.
 */
struct vml_pt_table_match {
	uint64_t mask, value, addr_mask;
	uint8_t addr_shift, domain_shift;
};

struct vml_pt_format;

/**
 * struct vml_pt_format_ops - the functions an arch implements per format
 * @encode_invalid: the invalid entry at @level (usually 0)
 * @encode_table: a table entry at @level pointing to @table, with
 *	VML_PT_TABLE_* @table_flags. Never called for the last level.
 * @encode_leaf: a leaf at @level whose own output address is @pa (the
 *	address of the first byte this entry maps, even inside a group; an
 *	arch whose group members share one value aligns it down itself), with
 *	@attrs (VML_PT_CONT set for a member of a contiguous group). Only
 *	called where level.leaf_ok, with @pa aligned to the entry (or, with
 *	VML_PT_CONT, the group base aligned to the group size).
 * @decode: classify @raw at @level and extract its address and attributes.
 *	Reserved encodings decode as VML_PTE_INVALID.
 * @check_attrs: 0 if the format can express @attrs, VML_ENOTSUP if not
 *	(e.g. arm64 cannot give user write without kernel write).
 * @needs_bbm: true if replacing the valid entry @old by @new at @level,
 *	while the tables are live, needs break-before-make under the arch's
 *	rules for a CPU with @cpu_features (VML_PT_CPU_*). Either side invalid
 *	is never asked.
 * @registers: the register values for @roots (JSON output of the CLI).
 * @encode_shadow: only for a format with pack.page_size: the shadow entry
 *	(Linux's own PTE) kept beside entry @raw of a table below the root;
 *	the shadow of the invalid entry must be 0. NULL elsewhere.
 * @is_cont_leaf: optional: whether @decode would call @raw at @level a
 *	leaf with VML_PT_CONT, without the rest of the decode. The engine asks
 *	it of the neighbours of the entries a map writes (a write into a
 *	contiguous group cuts its hint); NULL: the engine decodes.
 * @roots_from_registers: optional (NULL: no image of the format can be
 *	read back): the inverse of @registers: the roots an MMU set
 *	up with @regs walks (which halves it walks and each root's address
 *	from its TTBR or satp). Only called with every register @registers
 *	writes present in @regs (vml_pt_reg_value()); the caller checks that
 *	@registers of the result gives @regs back.
 */
struct vml_pt_format_ops {
	uint64_t (*encode_invalid)(const struct vml_pt_format *f, int level);
	uint64_t (*encode_table)(const struct vml_pt_format *f, int level, vml_paddr_t table,
				 uint32_t table_flags);
	uint64_t (*encode_leaf)(const struct vml_pt_format *f, int level, vml_paddr_t pa,
				const struct vml_pt_attrs *attrs);
	enum vml_pte_kind (*decode)(const struct vml_pt_format *f, int level, uint64_t raw,
				    struct vml_pt_entry *out);
	int (*check_attrs)(const struct vml_pt_format *f, const struct vml_pt_attrs *attrs);
	bool (*needs_bbm)(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			  uint32_t cpu_features);
	void (*registers)(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
			  struct vml_pt_regs *out);
	uint64_t (*encode_shadow)(const struct vml_pt_format *f, int level, uint64_t raw);
	bool (*is_cont_leaf)(const struct vml_pt_format *f, int level, uint64_t raw);
	void (*roots_from_registers)(const struct vml_pt_format *f, const struct vml_pt_regs *regs,
				     struct vml_pt_roots *out);
};

/**
 * struct vml_pt_format - one translation-table format, as data
 * @arch: "arm64", "riscv64" or "arm"
 * @name: the format within the arch, e.g. "4K/48", "16K/52-lpa2", "sv39",
 *	"short", "lpae" (printed in JSON "format")
 * @first_level: the root's level number (-1 for arm64 4K LPA2)
 * @levels: number of levels; level[levels - 1] is the last (page) level
 * @va_bits: VA bits one root translates
 * @pa_bits: output address bits
 * @table_pa_bits: the physical address bits a table may use, root included:
 *	what the entry or register pointing at it can hold (arm short 32: the
 *	first-level entry and TTBR hold PA[31:10]; LPAE 40; riscv 56; arm64
 *	its PA size). 0 = @pa_bits. vml_pt_init() and the engine refuse a table
 *	the allocator placed beyond it (VML_ERANGE); a host allocator should
 *	allocate below 2^table_pa_bits (vml_pt_table_limit()).
 * @entry_size: 4 or 8 bytes, stored little-endian
 * @va_split: how roots cover the VA space
 * @va_first, @va_last: if @va_last is not 0, exactly the VAs this format's
 *	tree translates, whatever @va_split says (arm's split TTBR0/TTBR1
 *	halves of a 32-bit space; the family builds one format per half)
 * @fmt_flags: VML_PT_FMT_* above
 * @oa_linear_bits: leaves hold their output address linearly below this
 *	boundary: for PAs p and p + d in one aligned 2^oa_linear_bits block, d a
 *	multiple of the entry's span (of the group's span for a contiguous
 *	member under VML_PT_FMT_CONT_SHARED_OA, where every member encodes as
 *	its group's first), encode_leaf(p + d) == encode_leaf(p) +
 *	(d >> @oa_stride_shift), same level and attributes. The engine then
 *	encodes one leaf per run and adds (and checks the run's last leaf
 *	against encode_leaf). 0 = not declared: every leaf is encoded.
 * @oa_stride_shift: see @oa_linear_bits (riscv 2: PPN[0] is bit 10)
 * @table_match: table entries as data (struct vml_pt_table_match)
 * @pack: packing of the tables below the root (struct vml_pt_pack); zero
 *	for plain tables
 * @level: geometry, indexed from the root (level number - first_level)
 * @ops: the hooks
 * @arch_flags, @arch_data: the arch's own parameters (granule, LPA2, ...),
 *	set by its builder and read only by its hooks
 */
struct vml_pt_format {
	const char *arch;
	char name[24];
	int first_level;
	unsigned int levels;
	unsigned int va_bits;
	unsigned int pa_bits;
	unsigned int table_pa_bits;
	unsigned int entry_size;
	enum vml_pt_va_split va_split;
	uint64_t va_first, va_last;
	uint32_t fmt_flags;
	uint8_t oa_linear_bits;
	uint8_t oa_stride_shift;
	struct vml_pt_table_match table_match;
	struct vml_pt_pack pack;
	struct vml_pt_level level[VML_PT_MAX_LEVELS];
	const struct vml_pt_format_ops *ops;
	uint32_t arch_flags;
	uint64_t arch_data[4];
};

/* The geometry of level number @level (not index). */
static inline const struct vml_pt_level *vml_pt_level(const struct vml_pt_format *f, int level)
{
	return &f->level[level - f->first_level];
}

static inline int vml_pt_last_level(const struct vml_pt_format *f)
{
	return f->first_level + (int)f->levels - 1;
}

/* Whether the tables at @level are packed by pairs with shadow entries. */
static inline bool vml_pt_packed(const struct vml_pt_format *f, int level)
{
	return f->pack.page_size && level == f->first_level + 1;
}

/* The end (exclusive) of the physical memory tables may use; 0 = 2^64. */
static inline uint64_t vml_pt_table_limit(const struct vml_pt_format *f)
{
	unsigned int bits = f->table_pa_bits ? f->table_pa_bits : f->pa_bits;

	return bits && bits < 64 ? 1ULL << bits : 0;
}

/*
 * The registry: the CLI and the tests find a format by what a user says
 * (--arch arm64 --granule 16K --va-bits 48, --arch riscv64 --mode sv39,
 * --arch arm --format lpae) without knowing which file implements it.
 */

/**
 * struct vml_pt_spec - what a user asks for
 * @arch: "arm64", "riscv64" or "arm"
 * @mode: riscv "sv39"/"sv48"/"sv57", arm "short"/"short-linux"/"lpae"; NULL
 *	for arm64
 * @granule: arm64 4K/16K/64K (bytes); 0 elsewhere
 * @va_bits: arm64 36..52; 0 = the mode's own
 * @pa_bits: 0 = the format's largest
 * @options: arch-specific VML_*_OPT_* bits (e.g. arm64 force LPA2)
 * @split: arm: the first VA of the TTBR1 half (TTBCR.N or T0SZ/T1SZ make
 *	TTBR0 translate [0, split) and TTBR1 [split, 4 GiB)); 0 = one root for
 *	all 4 GiB. Other arches: 0.
 * @half: with @split: 0 builds the TTBR0 format, 1 the TTBR1 format. Each
 *	has its own va_first/va_last, root level and root table size.
 */
struct vml_pt_spec {
	const char *arch;
	const char *mode;
	uint64_t granule;
	unsigned int va_bits;
	unsigned int pa_bits;
	uint32_t options;
	uint64_t split;
	unsigned int half;
};

/**
 * struct vml_pt_family - one arch's builder, listed in the registry
 * @arch: the name matched against spec.arch
 * @build: fill @out for @spec. Returns 0, VML_EINVAL for a spec the arch
 *	does not understand (unknown mode, granule), VML_ERANGE for sizes out
 *	of the format's range (va_bits, pa_bits), with @diag filled.
 * @spec_of_name: the inverse of the name @build gives a format: fill the
 *	mode, granule, VA bits and options of @spec for a format named @name
 *	(@spec's pa_bits and split are already set; @spec->mode may point
 *	into @name). Returns 0 or VML_EINVAL for a name @build never gives.
 */
struct vml_pt_family {
	const char *arch;
	int (*build)(struct vml_pt_format *out, const struct vml_pt_spec *spec,
		     struct vml_diag *diag);
	int (*spec_of_name)(const char *name, struct vml_pt_spec *spec, struct vml_diag *diag);
};

/**
 * vml_pt_format_lookup() - build the format a user asked for
 * @out: filled on success (untouched on failure)
 * @spec: the request
 * @diag: filled on failure
 *
 * Return: 0; VML_ENOENT if no family matches spec.arch; otherwise the
 * family builder's error.
 */
int vml_pt_format_lookup(struct vml_pt_format *out, const struct vml_pt_spec *spec,
			 struct vml_diag *diag);

/**
 * vml_pt_format_of_name() - rebuild a format from its name (a table image's JSON)
 * @out: filled on success (untouched on failure)
 * @arch: the arch, as struct vml_pt_format.arch
 * @name: the format's name, as struct vml_pt_format.name
 * @pa_bits, @split, @half: as struct vml_pt_spec
 * @diag: filled on failure
 *
 * Return: 0 when a format of that name exists and builds with @pa_bits and
 * @split; VML_ENOENT if no family matches @arch; VML_EINVAL if the family
 * gives no format that name; otherwise the family builder's error.
 */
int vml_pt_format_of_name(struct vml_pt_format *out, const char *arch, const char *name,
			  unsigned int pa_bits, uint64_t split, unsigned int half,
			  struct vml_diag *diag);

/* Families, one per arch (defined in src/arch/<arch>/). The registry in
 * src/core/pgtable_registry.c lists them. */
extern const struct vml_pt_family vml_pt_family_arm64;
extern const struct vml_pt_family vml_pt_family_riscv64;
extern const struct vml_pt_family vml_pt_family_arm;

#endif

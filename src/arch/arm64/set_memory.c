/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 set_memory_*() and set_direct_map_*() on the boot tables
 *
 * set_memory.h says what each op is. The masks (arch/arm64/mm/pageattr.c,
 * v6.1, v6.12, v6.18): ro sets PTE_RDONLY and clears PTE_WRITE (DBM);
 * rw the reverse; nx sets PTE_PXN, x clears it (PTE_MAYBE_GP is 0: no BTI);
 * invalid clears PTE_VALID; default sets PTE_VALID | PTE_WRITE and clears
 * PTE_RDONLY. In engine terms: ro drops VML_PT_WRITE | VML_PT_DIRTY (AP[2]
 * set, DBM clear), rw adds them, x/nx add/drop VML_PT_EXEC.
 */
#include "arch/arm64/set_memory.h"
#include "arch/arm64/boot_tables.h"

const char *vml_arm64_set_memory_name(enum vml_arm64_set_memory_op op)
{
	static const char *const names[] = {
	    "set_memory_ro",
	    "set_memory_rw",
	    "set_memory_x",
	    "set_memory_nx",
	    "set_memory_ro (linear alias)",
	    "set_memory_rw (linear alias)",
	    "set_direct_map_invalid_noflush",
	    "set_direct_map_default_noflush",
	};

	return (unsigned int)op < VML_ARRAY_SIZE(names) ? names[op] : "?";
}

struct setmem {
	struct vml_pt_ctx *ctx;
	const struct vml_layout *lo;
	const struct vml_boot_opts *o;
	enum vml_arm64_set_memory_op op;
	uint64_t page;
	bool split; /* split_kernel_leaf_mapping() can split (v6.18, BBML2) */
	struct vml_diag *diag;
};

/* split_leaf_mapping_possible() (mm/mmu.c v6.18): every CPU has
 * BBML2_NOABORT and force_pte_mapping() is false. */
static bool split_possible(const struct setmem *s)
{
	return vml_arm64_is_v6_18(s->lo) && (s->o->cpu_features & VML_PT_CPU_BBML2) &&
	       !vml_arm64_linear_forces_pages(s->lo, s->o);
}

static uint64_t lm_pa(const struct vml_layout *lo, uint64_t va)
{
	return va - lo->page_offset + lo->phys_offset;
}

static struct vml_pt_attrs changed(enum vml_arm64_set_memory_op op, struct vml_pt_attrs a)
{
	a.perm &= ~(uint32_t)VML_PT_CONT;
	if (op == VML_ARM64_ALIAS_RO)
		a.perm &= ~(uint32_t)(VML_PT_WRITE | VML_PT_DIRTY);
	else if (op == VML_ARM64_ALIAS_RW || op == VML_ARM64_DIRECT_MAP_DEFAULT)
		a.perm |= VML_PT_WRITE | VML_PT_DIRTY;
	return a;
}

/* The leaf that maps @va now, decoded as written (no table restrictions). */
static int leaf_at(const struct setmem *s, uint64_t va, struct vml_pt_walk *w,
		   struct vml_pt_entry *e)
{
	const struct vml_pt_format *f = s->ctx->fmt;
	int err = vml_pt_walk(s->ctx, vml_va(va), w, NULL);

	if (!err)
		f->ops->decode(f, w->level, w->raw[w->depth - 1], e);
	return err;
}

/* Would the kernel take this page without a split it cannot make? */
static int check_page(const struct setmem *s, uint64_t va)
{
	const struct vml_pt_format *f = s->ctx->fmt;
	struct vml_pt_walk w;
	struct vml_pt_entry e;

	if (leaf_at(s, va, &w, &e) || s->split)
		return VML_OK;
	if (w.level != vml_pt_last_level(f))
		return vml_fail(
		    s->diag, VML_EINVAL,
		    vml_arm64_is_v6_18(s->lo)
			? "-EINVAL: the page lies in a block and split_kernel_leaf_mapping() "
			  "splits only with BBML2_NOABORT (mm/mmu.c v6.18; pageattr_pmd_entry() "
			  "WARNs)"
			: "-EINVAL: the page lies in a block; apply_to_page_range() changes "
			  "PTEs only (mm/memory.c apply_to_pmd_range(), WARN_ON_ONCE(pmd_leaf))",
		    va, w.leaf_size, -1);
	if (w.cont)
		return vml_fail(s->diag, VML_EINVAL,
				"the page is one of a contiguous group, which this kernel would "
				"change one entry of (not modelled)",
				va, w.leaf_size, -1);
	return VML_OK;
}

/* One page: update_range_prot() / apply_to_page_range() on [va, va+PAGE). */
static int change_page(const struct setmem *s, uint64_t va)
{
	struct vml_pt_walk w;
	struct vml_pt_entry e;
	struct vml_pt_attrs a;
	int err = leaf_at(s, va, &w, &e);

	/* split_pmd()/split_pud() (mm/mmu.c v6.18): the new table's entry gets
	 * UXNTable, and PXNTable as the linear map's blocks have PXN */
	const uint32_t table_flags = VML_PT_NO_EXEC_MAPPINGS | VML_PT_NO_USER_EXEC_MAPPINGS;

	if (s->op == VML_ARM64_DIRECT_MAP_INVALID)
		return err ? VML_OK
			   : vml_pt_unmap(s->ctx, vml_va(va), s->page, table_flags, s->diag);
	if (err == VML_ENOENT && s->op == VML_ARM64_DIRECT_MAP_DEFAULT) {
		/* set_direct_map_default_noflush() on a page made invalid: the
		 * kernel's invalid PTE kept its other bits (the linear map's
		 * pgprot_tagged(PAGE_KERNEL)); vmlayout's holds none, so the page
		 * is mapped again with them. */
		a = changed(s->op, vml_arm64_prot(VML_ARM64_PAGE_KERNEL_TAGGED));
		if (s->lo->kaslr_offset)
			a.perm &= ~(uint32_t)VML_PT_GLOBAL;
		return vml_pt_map(s->ctx, vml_va(va), vml_pa(lm_pa(s->lo, va)), s->page, &a,
				  VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS | table_flags,
				  s->diag);
	}
	if (err)
		return VML_OK; /* nothing mapped: apply_to_page_range skips it */
	a = changed(s->op, e.attrs);
	return vml_pt_protect(s->ctx, vml_va(va), s->page, &a, table_flags, s->diag);
}

static int refuse_set_memory(struct setmem *s, uint64_t addr)
{
	return vml_fail(s->diag, VML_EINVAL,
			"-EINVAL: change_memory_common() (arch/arm64/mm/pageattr.c v6.1, v6.12, "
			"v6.18) takes only a range inside one VM_ALLOC vm area (find_vm_area()); "
			"the boot tables hold none (the image's vm areas are VM_MAP, the linear "
			"map has none): use alias-ro/alias-rw for what it does to the linear map",
			addr, 0, -1);
}

static int check_linear(const struct setmem *s, const struct vml_memblock *mb, uint64_t addr,
			uint64_t size)
{
	for (uint64_t va = addr; va - addr < size; va += s->page)
		if (va < s->lo->page_offset || !vml_memblock_is_map_memory(mb, lm_pa(s->lo, va)))
			return vml_fail(s->diag, VML_EINVAL,
					"not a linear-map page of memory (page_address() of a "
					"struct page)",
					va, s->page, -1);
	return VML_OK;
}

/* Why the kernel changes nothing, or NULL. */
static const char *noop_reason(const struct setmem *s)
{
	bool alias = s->op == VML_ARM64_ALIAS_RO || s->op == VML_ARM64_ALIAS_RW;

	if (alias && !vml_arm64_rodata_full(s->lo, s->o))
		return "rodata_full is off: change_memory_common() leaves the linear alias "
		       "as it is";
	if (!alias && !vml_arm64_can_set_direct_map(s->lo, s->o))
		return "can_set_direct_map() is false: set_direct_map_*_noflush() return 0";
	return NULL;
}

int vml_arm64_set_memory(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			 const struct vml_boot_opts *o, const struct vml_memblock *mb,
			 enum vml_arm64_set_memory_op op, uint64_t addr, uint64_t size,
			 const char **noop, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	struct setmem s = {ctx, lo, o, op, 0, false, diag};
	int err;

	*noop = NULL;
	s.page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
	s.split = split_possible(&s);
	if ((addr | size) & (s.page - 1) || !size || addr + size < addr)
		return vml_fail(diag, VML_EINVAL,
				"ADDR and SIZE must be page aligned, SIZE > 0, no wrap", addr, size,
				-1);
	if (op <= VML_ARM64_SET_MEMORY_NX)
		return refuse_set_memory(&s, addr);
	if (op > VML_ARM64_DIRECT_MAP_DEFAULT)
		return vml_fail(diag, VML_EINVAL, "an unknown set_memory op", addr, size, -1);
	err = check_linear(&s, mb, addr, size);
	if (err)
		return err;
	*noop = noop_reason(&s);
	if (*noop)
		return VML_OK;
	for (uint64_t va = addr; va - addr < size; va += s.page)
		if ((err = check_page(&s, va)))
			return err;
	for (uint64_t va = addr; va - addr < size && !err; va += s.page)
		err = change_page(&s, va);
	return err;
}

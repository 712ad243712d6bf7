/* SPDX-License-Identifier: MIT */
/*
 * DOC: the 32-bit ARM image's segments for its boot tables
 *
 * arch/arm/kernel/vmlinux.lds.S (v6.1, CONFIG_STRICT_KERNEL_RWX) aligns
 * _stext, __init_begin and _sdata to a section (1 MiB, LPAE 2 MiB) and
 * defines __start_rodata_section_aligned = ALIGN(__start_rodata, SECTION);
 * head.S maps the kernel's sections from PHYS_OFFSET to _end rounded up to
 * a section: kernel_sec_start and kernel_sec_end.
 */
#include "arch/arm/boot_tables.h"

const struct vml_reservation *vml_arm_reservation(const struct vml_layout *lo, const char *name)
{
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, name))
			return &lo->reservations[i];
	return NULL;
}

static int bad_image(struct vml_diag *diag, const char *rule, uint64_t addr)
{
	return vml_fail(diag, VML_EINVAL, rule, addr, 0, -1);
}

static uint64_t pct(uint64_t size, unsigned int p, uint64_t align)
{
	return vml_align_down(size / 100 * p, align);
}

/* Without System.map: over the kernel reservation (docs/arm32.md). */
static int default_image(const struct vml_layout *lo, uint64_t section, struct vml_arm_image *im,
			 struct vml_diag *diag)
{
	const struct vml_reservation *k = vml_arm_reservation(lo, "kernel");
	uint64_t size;

	if (!k || !k->size)
		return bad_image(diag,
				 "the kernel image size is unknown (give --system-map or "
				 "--kernel-image SIZE@PHYS)",
				 0);
	size = k->size;
	im->defaults = true;
	im->text = k->base - lo->phys_offset + lo->page_offset;
	im->end = im->text + size;
	im->stext = vml_align_down(im->text, section) + section;
	/* data from the last section boundary before _end */
	im->sdata = vml_align_down(im->end - VML_SZ_4K, section);
	if (im->sdata < im->stext + section)
		return bad_image(diag,
				 "the kernel image is too small for section-aligned segments "
				 "(give --system-map)",
				 k->base);
	/* init at 65 %, at most one section before _sdata, one section past
	 * _stext at least; init 5 % of the image, at most a section */
	im->init_begin = vml_align_down(im->text + pct(size, 65, VML_SZ_4K), section);
	im->init_begin = vml_min(vml_max(im->init_begin, im->stext + section), im->sdata - section);
	im->init_end =
	    im->init_begin + vml_min(section, vml_max(VML_SZ_4K, pct(size, 5, VML_SZ_4K)));
	/* rodata from 40 % */
	im->start_rodata_aligned = vml_align_up(im->stext + pct(size, 40, VML_SZ_4K), section);
	im->start_rodata_aligned = vml_min(im->start_rodata_aligned, im->init_begin);
	return VML_OK;
}

static int from_system_map(const struct vml_kernel_image *s, uint64_t section,
			   struct vml_arm_image *im, struct vml_diag *diag)
{
	im->text = s->text;
	im->stext = s->stext;
	im->start_rodata_aligned = vml_align_up(s->start_rodata, section);
	im->init_begin = s->init_begin;
	im->init_end = s->init_end;
	im->sdata = s->sdata;
	im->end = s->end;
	if (!vml_is_aligned(im->stext, section) || !vml_is_aligned(im->init_begin, section) ||
	    !vml_is_aligned(im->sdata, section))
		return bad_image(diag,
				 "the System.map's _stext, __init_begin and _sdata are not "
				 "section aligned: a kernel without CONFIG_STRICT_KERNEL_RWX, "
				 "whose boot tables vmlayout does not model",
				 im->stext);
	return VML_OK;
}

int vml_arm_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		       struct vml_arm_image *out, struct vml_diag *diag)
{
	const uint64_t section = cfg->arm_lpae ? VML_SZ_2M : VML_SZ_1M;
	const struct vml_reservation *dtb = vml_arm_reservation(lo, "dtb");
	struct vml_arm_image im = {0};
	int ret = cfg->image.known ? from_system_map(&cfg->image, section, &im, diag)
				   : default_image(lo, section, &im, diag);

	if (ret)
		return ret;
	{
		const uint64_t order[] = {im.text,	 im.stext,    im.start_rodata_aligned,
					  im.init_begin, im.init_end, im.sdata,
					  im.end};

		for (unsigned int i = 1; i < VML_ARRAY_SIZE(order); i++)
			if (order[i] < order[i - 1])
				return bad_image(diag,
						 "the image's symbols are out of order (_text "
						 "_stext __start_rodata __init_begin __init_end "
						 "_sdata _end)",
						 order[i]);
	}
	if (im.text < lo->page_offset)
		return bad_image(diag, "the image lies below PAGE_OFFSET", im.text);
	im.kernel_sec_start = lo->phys_offset;
	im.kernel_sec_end = vml_align_up(im.end - lo->page_offset + lo->phys_offset, section);
	im.fdt_pa = dtb ? dtb->base : 0;
	im.static_vm_size = vml_arm_static_vm_size(cfg);
	im.static_vm_align = vml_arm_static_vm_align(cfg);
	*out = im;
	return VML_OK;
}

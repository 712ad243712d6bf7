/* SPDX-License-Identifier: MIT */
/*
 * DOC: reading back a table image (`vmlayout tables --out FILE`) (host only)
 *
 * FILE holds the table pages (byte k at physical image_base_phys + k; only
 * the runs are data, the gaps holes) and FILE.json says what they are:
 * arch, format, pa_bits, split, image_base_phys, root_phys, the format's
 * registers and the runs (docs/pgtable.md, docs/schema/tables.schema.json).
 * vml_pt_image_load() rebuilds the format from its name (the registry's
 * vml_pt_format_of_name()), the roots from the registers (the format's
 * roots_from_registers, checked by giving the registers back) and a memory
 * dump of the runs (memdump.h): what the engine needs to walk the tables
 * through vml_pt_attach(), with nothing allocated in the engine.
 */
#ifndef VMLAYOUT_PT_IMAGE_H
#define VMLAYOUT_PT_IMAGE_H

#include "memdump.h"

/*
 * @fmt: [0] the TTBR0 half or the only root, [1] the TTBR1 half (a copy of
 *	[0] unless @split)
 * @split: arm's first VA of the TTBR1 half, 0 for none
 * @roots: which halves the registers walk, and their roots
 * @mem: the runs, as pieces of physical memory (labels "FILE.json run N")
 */
struct vml_pt_image {
	struct vml_pt_format fmt[2];
	uint64_t split;
	struct vml_pt_roots roots;
	struct vml_memdump mem;
	char *labels; /* the pieces' labels, one block */
};

/**
 * vml_pt_image_load() - read FILE and FILE.json
 * @img: zero-initialised; filled on success, empty on failure
 * @path: FILE
 * @err: one sentence on failure, naming the file and the rule broken
 *
 * Return: 0; VML_ENOENT for a file that cannot be read; VML_EINVAL for
 * JSON that is malformed, lacks a field, has one of the wrong type, names
 * an arch or format vmlayout lacks, or disagrees with itself (registers
 * and format, root_phys and registers, runs and image_base_phys); VML_ERANGE
 * for an image whose size is not where the runs end; VML_EEXIST for runs
 * that overlap.
 */
int vml_pt_image_load(struct vml_pt_image *img, const char *path, struct vml_host_error *err);
void vml_pt_image_free(struct vml_pt_image *img);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * DOC: physical memory read from files (host only)
 *
 * A memory dump: pieces of physical memory, each a range of a file mapped
 * read-only (copy-on-write, so nothing can reach the file). QEMU's
 * `pmemsave ADDR SIZE FILE`, a crash dump's RAM or `vmlayout tables --out`
 * images give the pieces; the page-table engine reads them through
 * vml_memdump_window(), which reaches only bytes a piece holds: a table
 * outside every piece is an error (VML_ERANGE from the engine, naming the
 * table), never zeros.
 */
#ifndef VMLAYOUT_MEMDUMP_H
#define VMLAYOUT_MEMDUMP_H

#include "host_input.h"
#include "pgtable.h"

/* @label: the user's name for the piece, for messages (caller's string). */
struct vml_memdump_piece {
	uint64_t phys, size;
	const unsigned char *bytes;
	const char *label;
};

/* Zero-initialise; free with vml_memdump_free(). Pieces sorted by phys. */
struct vml_memdump {
	struct vml_memdump_piece *piece;
	size_t n, cap;
	struct vml_memdump_map {
		void *addr;
		size_t len;
	} * map;
	size_t nmap;
};

/**
 * vml_memdump_map_file() - map a whole file for pieces to point into
 * @path: the file
 * @bytes, @size: where it is mapped and its size (unchanged on failure)
 *
 * The mapping lives until vml_memdump_free().
 *
 * Return: 0; VML_ENOENT if the file cannot be opened or mapped,
 * VML_EINVAL if it is empty or not a regular file (@err names the path
 * and the reason).
 */
int vml_memdump_map_file(struct vml_memdump *d, const char *path, const unsigned char **bytes,
			 uint64_t *size, struct vml_host_error *err);

/**
 * vml_memdump_add() - [phys, phys + size) is held at @bytes
 * @label: names the piece in messages
 *
 * Return: 0; VML_ERANGE if phys + size passes 2^64; VML_EEXIST if the
 * range overlaps a piece already there (@err names both); VML_ENOMEM.
 */
int vml_memdump_add(struct vml_memdump *d, uint64_t phys, uint64_t size, const unsigned char *bytes,
		    const char *label, struct vml_host_error *err);

/* The piece holding [pa, pa + size) whole, or NULL. */
const struct vml_memdump_piece *vml_memdump_find(const struct vml_memdump *d, uint64_t pa,
						 uint64_t size);

/* The engine's window (struct vml_pt_ctx.window), @cb a struct
 * vml_memdump: NULL for bytes no single piece holds. */
void *vml_memdump_window(void *cb, vml_paddr_t pa, uint64_t size);

void vml_memdump_free(struct vml_memdump *d);

#endif

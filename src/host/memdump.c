/* SPDX-License-Identifier: MIT */
/*
 * DOC: physical memory read from files (include/vmlayout/memdump.h)
 *
 * Files are mapped MAP_PRIVATE with write permission: the engine's window
 * hands out writable pointers, and a write (none of the read-only walks
 * makes one) would land in a private copy, never in the file. Pieces are
 * kept sorted, so the window is a binary search.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmlayout/memdump.h"

int vml_memdump_map_file(struct vml_memdump *d, const char *path, const unsigned char **bytes,
			 uint64_t *size, struct vml_host_error *err)
{
	struct vml_memdump_map *grown;
	struct stat st;
	void *addr;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return vml_host_error_set(err, VML_ENOENT, "'%s': cannot open: %s", path,
					  strerror(errno));
	if (fstat(fd, &st)) {
		int e = errno;

		close(fd);
		return vml_host_error_set(err, VML_ENOENT, "'%s': cannot read: %s", path,
					  strerror(e));
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return vml_host_error_set(err, VML_EINVAL, "'%s': %s", path,
					  S_ISREG(st.st_mode) ? "the file is empty"
							      : "not a regular file");
	}
	grown = realloc(d->map, (d->nmap + 1) * sizeof(*grown));
	if (!grown) {
		close(fd);
		return vml_host_error_set(err, VML_ENOMEM, "'%s': out of memory", path);
	}
	d->map = grown;
	addr = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (addr == MAP_FAILED)
		return vml_host_error_set(err, VML_ENOENT, "'%s': cannot map it: %s", path,
					  strerror(errno));
	d->map[d->nmap++] = (struct vml_memdump_map){addr, (size_t)st.st_size};
	*bytes = addr;
	*size = (uint64_t)st.st_size;
	return 0;
}

/* The index of the first piece whose end is above @pa. */
static size_t first_ending_above(const struct vml_memdump *d, uint64_t pa)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->piece[mid].phys + d->piece[mid].size - 1 < pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int vml_memdump_add(struct vml_memdump *d, uint64_t phys, uint64_t size, const unsigned char *bytes,
		    const char *label, struct vml_host_error *err)
{
	size_t at;

	if (!size || phys + size - 1 < phys)
		return vml_host_error_set(err, VML_ERANGE,
					  "%s: 0x%llx bytes at 0x%llx pass the end of the 64-bit "
					  "physical address space",
					  label, (unsigned long long)size,
					  (unsigned long long)phys);
	at = first_ending_above(d, phys);
	if (at < d->n && d->piece[at].phys <= phys + size - 1) {
		const struct vml_memdump_piece *o = &d->piece[at];

		return vml_host_error_set(
		    err, VML_EEXIST,
		    "%s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx): a physical address "
		    "would have two values",
		    label, (unsigned long long)phys, (unsigned long long)(phys + size), o->label,
		    (unsigned long long)o->phys, (unsigned long long)(o->phys + o->size));
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct vml_memdump_piece *grown = realloc(d->piece, cap * sizeof(*grown));

		if (!grown)
			return vml_host_error_set(err, VML_ENOMEM, "%s: out of memory", label);
		d->piece = grown;
		d->cap = cap;
	}
	memmove(&d->piece[at + 1], &d->piece[at], (d->n - at) * sizeof(*d->piece));
	d->piece[at] = (struct vml_memdump_piece){phys, size, bytes, label};
	d->n++;
	return 0;
}

const struct vml_memdump_piece *vml_memdump_find(const struct vml_memdump *d, uint64_t pa,
						 uint64_t size)
{
	size_t at = first_ending_above(d, pa);
	const struct vml_memdump_piece *p;

	/* no piece (d->piece may be NULL): nothing to index */
	if (at == d->n || !size)
		return NULL;
	p = &d->piece[at];
	if (pa < p->phys || size > p->size - (pa - p->phys))
		return NULL;
	return p;
}

void *vml_memdump_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	const struct vml_memdump *d = cb;
	const struct vml_memdump_piece *p = vml_memdump_find(d, vml_pa_addr(pa), size);

	/* Writable: the mapping is private (see above). */
	return p ? (void *)(uintptr_t)(p->bytes + (vml_pa_addr(pa) - p->phys)) : NULL;
}

void vml_memdump_free(struct vml_memdump *d)
{
	for (size_t i = 0; i < d->nmap; i++)
		munmap(d->map[i].addr, d->map[i].len);
	free(d->map);
	free(d->piece);
	*d = (struct vml_memdump){0};
}

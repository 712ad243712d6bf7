/* SPDX-License-Identifier: MIT */
/*
 * Page tables for a bootloader, with the freestanding core only
 * (pkg-config --cflags --libs vmlayout-core): arm64 4K/48 tables that map
 * 64 MiB of RAM at 0x40000000 to 0xffff000000000000, built in a flat buffer
 * that stands for the physical memory at TABLE_BASE. Table pages come from
 * a bump allocator; the window is the identity (buffer + pa - TABLE_BASE),
 * as firmware running with the MMU off would use. Prints the root and
 * checks the translation of a few addresses with the core's own walker.
 */
#include <stdio.h>

#include <vmlayout/pgtable.h>

#define TABLE_BASE 0x48000000ULL
#define TABLE_BYTES (64 * 4096)

static _Alignas(4096) unsigned char table_memory[TABLE_BYTES];

struct bump {
	uint64_t next;
};

static int alloc_table(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct bump *b = cb;
	uint64_t pa = (b->next + align - 1) & ~(align - 1);

	if (pa + size > TABLE_BASE + TABLE_BYTES)
		return VML_ENOMEM;
	b->next = pa + size;
	*out = vml_pa(pa);
	return VML_OK;
}

static void free_table(void *cb, vml_paddr_t table, uint64_t size)
{
	struct bump *b = cb;

	if (vml_pa_addr(table) + size == b->next) /* undone in reverse order */
		b->next = vml_pa_addr(table);
}

static void *window(void *cb, vml_paddr_t pa, uint64_t size)
{
	(void)cb;
	if (vml_pa_addr(pa) < TABLE_BASE || vml_pa_addr(pa) + size > TABLE_BASE + TABLE_BYTES)
		return NULL;
	return table_memory + (vml_pa_addr(pa) - TABLE_BASE);
}

int main(void)
{
	struct vml_pt_spec spec = {.arch = "arm64", .granule = 4096, .va_bits = 48};
	struct vml_pt_attrs rw = {.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_ACCESSED |
					  VML_PT_DIRTY | VML_PT_GLOBAL};
	struct vml_pt_format fmt;
	struct bump bump = {TABLE_BASE};
	struct vml_pt_ctx ctx = {.fmt = &fmt,
				 .upper = true,
				 .alloc_table = alloc_table,
				 .free_table = free_table,
				 .window = window,
				 .cb = &bump};
	struct vml_diag diag = {0};
	const uint64_t va = 0xffff000000000000ULL, pa = 0x40000000ULL, size = 64ULL << 20;

	if (vml_pt_format_lookup(&fmt, &spec, &diag) || vml_pt_init(&ctx, &diag) ||
	    vml_pt_map(&ctx, vml_va(va), vml_pa(pa), size, &rw, 0, &diag)) {
		fprintf(stderr, "tables: %s\n", diag.rule ? diag.rule : "failed");
		return 1;
	}
	printf("root 0x%llx, %llu bytes of tables\n", (unsigned long long)vml_pa_addr(ctx.root),
	       (unsigned long long)(bump.next - TABLE_BASE));
	for (uint64_t off = 0; off < size; off += 0x1234000) {
		struct vml_pt_walk w;

		if (vml_pt_walk(&ctx, vml_va(va + off), &w, &diag) ||
		    vml_pa_addr(w.pa) != pa + off) {
			fprintf(stderr, "walk of 0x%llx failed\n", (unsigned long long)(va + off));
			return 1;
		}
		printf("0x%llx -> 0x%llx (%llu KiB leaf)\n", (unsigned long long)(va + off),
		       (unsigned long long)vml_pa_addr(w.pa),
		       (unsigned long long)(w.leaf_size >> 10));
	}
	return 0;
}

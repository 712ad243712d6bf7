/* SPDX-License-Identifier: MIT */
/* The JSON report: every figure of a layout; addresses as "0x..." strings
 * because 64-bit values do not fit JSON numbers. Schema: docs/json.md. */
#include "vmlayout/report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vmlayout/arch.h"
#include "vmlayout/numa.h"

static void hex(FILE *out, const char *key, uint64_t v, const char *sep)
{
	fprintf(out, "\"%s\": \"0x%" PRIx64 "\"%s", key, v, sep);
}

static void json_regions(FILE *out, const struct vml_layout *lo)
{
	fprintf(out, "  \"regions\": [");
	for (unsigned int i = 0; i < lo->n_regions; i++) {
		fprintf(out, "%s\n    {\"name\": \"%s\", ", i ? "," : "", lo->regions[i].name);
		hex(out, "start", lo->regions[i].start, ", ");
		hex(out, "end", lo->regions[i].end, "}");
	}
	fprintf(out, "\n  ],\n  \"linear_segments\": [");
	for (unsigned int i = 0; i < lo->n_segments; i++) {
		fprintf(out, "%s\n    {", i ? "," : "");
		hex(out, "virt", lo->segments[i].virt, ", ");
		hex(out, "phys", lo->segments[i].phys, ", ");
		hex(out, "size", lo->segments[i].size, "}");
	}
	fprintf(out, "\n  ],\n");
}

/* "nid" only on memory regions and only with NUMA nodes (the kernel's
 * memblock=debug dump prints "on node N" then). */
static void json_memblock_type(FILE *out, const char *key, const struct vml_memblock_type *t,
			       bool nid)
{
	fprintf(out, "  \"%s\": [", key);
	for (unsigned int i = 0; i < t->cnt; i++) {
		fprintf(out, "%s\n    {", i ? "," : "");
		hex(out, "base", t->regions[i].base, ", ");
		hex(out, "size", t->regions[i].size, ", ");
		if (nid)
			fprintf(out, "\"nid\": %d, ", t->regions[i].nid);
		fprintf(out, "\"flags\": %u}", t->regions[i].flags);
	}
	fprintf(out, "\n  ],\n");
}

/* "memblock_dump": memblock as memblock=debug's dump shows it (the arch's
 * memblock_dump_all() point: vml_memblock_at_dump()); left out only when
 * the copy cannot be allocated. */
static void json_memblock_dump(FILE *out, const struct vml_layout *lo,
			       const struct vml_memblock *mb)
{
	struct vml_memblock at_dump;

	if (vml_memblock_at_dump(lo, mb, &at_dump))
		return;
	fprintf(out, "  \"memblock_dump\": {\n");
	json_memblock_type(out, "memory", &at_dump.memory, lo->n_nodes > 0);
	json_memblock_type(out, "reserved", &at_dump.reserved, false);
	fprintf(out, "  \"reserved_size\": \"0x%" PRIx64 "\"},\n", at_dump.reserved.total_size);
	vml_memblock_at_dump_release(&at_dump);
}

/* "memory_runtime" and "reserved_runtime": memblock once the boot is done,
 * as /sys/kernel/debug/memblock shows it (vml_memblock_late_apply() on a
 * copy, with room for the splits of memblock_set_node()); left out only
 * when the copy cannot be made. */
static void json_memblock_runtime(FILE *out, const struct vml_layout *lo,
				  const struct vml_memblock *mb)
{
	struct vml_memblock late = *mb;
	unsigned int slots = mb->memory.cnt + mb->reserved.cnt + 2 * mb->memory.cnt + 8;
	struct vml_memblock_region *memory = calloc(slots, sizeof(*memory));
	struct vml_memblock_region *reserved = calloc(slots, sizeof(*reserved));

	if (memory && reserved) {
		memcpy(memory, mb->memory.regions, mb->memory.cnt * sizeof(*memory));
		memcpy(reserved, mb->reserved.regions, mb->reserved.cnt * sizeof(*reserved));
		late.memory.regions = memory;
		late.reserved.regions = reserved;
		late.memory.max = late.reserved.max = slots;
		late.trace = NULL;
		late.can_resize = false;
		if (!vml_memblock_late_apply(&late, &lo->memblock_late, NULL)) {
			json_memblock_type(out, "memory_runtime", &late.memory, lo->n_nodes > 0);
			json_memblock_type(out, "reserved_runtime", &late.reserved, false);
		}
	}
	free(memory);
	free(reserved);
}

static void json_zone_list(FILE *out, const struct vml_zone *zones, unsigned int n,
			   unsigned int shift, const char *indent)
{
	for (unsigned int i = 0; i < n; i++) {
		const struct vml_zone *z = &zones[i];

		fprintf(out, "%s\n%s{\"name\": \"%s\", ", i ? "," : "", indent, z->name);
		hex(out, "start_phys", z->start_pfn << shift, ", ");
		hex(out, "end_phys", z->end_pfn << shift, ", ");
		fprintf(out,
			"\"start_pfn\": %" PRIu64 ", \"spanned_pages\": %" PRIu64
			", \"present_pages\": %" PRIu64 "}",
			z->start_pfn, z->end_pfn > z->start_pfn ? z->end_pfn - z->start_pfn : 0,
			z->present_pages);
	}
}

/* The board's cpus on the node: their indexes among the DT's cpu nodes. */
static void json_node_cpus(FILE *out, const struct vml_numa_node *n)
{
	const char *sep = "";

	for (unsigned int i = 0; i < VML_BOARD_MAX_CPUS; i++)
		if (n->cpus[i / 64] >> (i % 64) & 1) {
			fprintf(out, "%s%u", sep, i);
			sep = ", ";
		}
}

/* "numa_distance": where memblock put the table, and its size (absent
 * without one: v6.12 without a distance map, after the fallback). */
static void json_numa_distance(FILE *out, const struct vml_layout *lo)
{
	const struct vml_numa_distance *t = &lo->numa_distance;

	if (!t->cnt)
		return;
	fprintf(out, "  \"numa_distance\": {\"cnt\": %u, ", t->cnt);
	hex(out, "base", t->base, ", ");
	hex(out, "size", t->size, "},\n");
}

/* The NUMA nodes (CONFIG_NUMA): span, NODE_DATA, distances, cpus, zones
 * clipped to the node. */
static void json_nodes(FILE *out, const struct vml_layout *lo)
{
	const unsigned int shift = lo->page_shift ? lo->page_shift : 12;

	if (!lo->n_nodes)
		return;
	fprintf(out, "  \"nodes\": [");
	for (unsigned int k = 0; k < lo->n_nodes; k++) {
		const struct vml_numa_node *n = &lo->nodes[k];

		fprintf(out, "%s\n    {\"id\": %d, ", k ? "," : "", n->nid);
		hex(out, "start_phys", n->start_pfn << shift, ", ");
		hex(out, "end_phys", n->end_pfn << shift, ", ");
		hex(out, "node_data", n->node_data, ", ");
		hex(out, "node_data_size", n->node_data_size, ", ");
		fprintf(out, "\"node_data_nid\": %d,\n     \"distance\": [", n->node_data_nid);
		for (unsigned int j = 0; j < lo->n_nodes; j++)
			fprintf(out, "%s%d", j ? ", " : "",
				vml_numa_node_distance(lo, n->nid, lo->nodes[j].nid));
		fprintf(out, "], \"cpus\": [");
		json_node_cpus(out, n);
		fprintf(out, "],\n     \"zones\": [");
		json_zone_list(out, n->zones, n->n_zones, shift, "      ");
		fprintf(out, "]}");
	}
	fprintf(out, "\n  ],\n");
	json_numa_distance(out, lo);
}

static void json_zones(FILE *out, const struct vml_layout *lo)
{
	fprintf(out, "  \"zones\": [");
	json_zone_list(out, lo->zones, lo->n_zones, lo->page_shift ? lo->page_shift : 12, "    ");
	fprintf(out, "\n  ],\n");
	json_nodes(out, lo);
}

static void json_reservations(FILE *out, const struct vml_layout *lo)
{
	fprintf(out, "  \"reservations\": [");
	for (unsigned int i = 0; i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];

		fprintf(out, "%s\n    {\"name\": \"%s\", ", i ? "," : "", r->name);
		hex(out, "base", r->base, ", ");
		hex(out, "size", r->size, ", ");
		fprintf(out, "\"freed_at_boot_end\": %s}", r->freed_at_boot_end ? "true" : "false");
	}
	fprintf(out, "\n  ],\n");
}

/* The kernel's messages, each a JSON string without its newline. */
/* mem_init_print_info()'s "Memory:" line as numbers (KiB), when modelled. */
static void json_memory_line(FILE *out, const struct vml_layout *lo)
{
	const struct vml_mem_init_info *m = &lo->mem_init;

	if (!m->valid)
		return;
	fprintf(out,
		"  \"memory_line_kB\": {\"available\": %" PRIu64 ", \"total\": %" PRIu64
		", \"kernel_code\": %" PRIu64 ", \"rwdata\": %" PRIu64 ", \"rodata\": %" PRIu64
		", \"init\": %" PRIu64 ", \"bss\": %" PRIu64 ", \"reserved\": %" PRIu64
		", \"cma_reserved\": %" PRIu64,
		m->available_kb, m->physpages_kb, m->code_kb, m->rwdata_kb, m->rodata_kb,
		m->init_kb, m->bss_kb, m->reserved_kb, m->cma_reserved_kb);
	if (m->highmem)
		fprintf(out, ", \"highmem\": %" PRIu64, m->highmem_kb);
	fputs("},\n", out);
}

static void json_kernel_messages(FILE *out, const struct vml_layout *lo)
{
	const char *sep = "";

	fprintf(out, "  \"kernel_messages\": [");
	for (unsigned int i = 0; i < lo->n_kmsgs; i++) {
		char text[512];

		if (vml_report_kmsg_is_note(&lo->kmsgs[i]))
			continue;
		vml_report_kmsg_text(text, sizeof(text), &lo->kmsgs[i]);
		fprintf(out, "%s\n    \"", sep);
		for (const char *p = text; *p; p++) {
			if (*p == '\n' && !p[1])
				break;
			if (*p == '"' || *p == '\\')
				fprintf(out, "\\%c", *p);
			else if ((unsigned char)*p < 0x20)
				fprintf(out, "\\u%04x", (unsigned char)*p);
			else
				fputc(*p, out);
		}
		fputc('"', out);
		sep = ",";
	}
	fprintf(out, "%s],\n", *sep ? "\n  " : "");
}

void vml_report_json(FILE *out, const struct vml_layout *lo, const struct vml_memblock *mb)
{
	vml_report_json_more(out, lo, mb, NULL, NULL);
}

void vml_report_json_more(FILE *out, const struct vml_layout *lo, const struct vml_memblock *mb,
			  void (*more)(FILE *out, void *arg), void *arg)
{
	/* docs/schema/layout.schema.json; a change that can break a reader
	 * bumps the version */
	fprintf(out, "{\n  \"schema_version\": 1,\n  \"arch\": \"%s\",\n  \"profile\": \"%s\",\n",
		vml_arch_name(lo->arch), lo->profile);
	fprintf(out, "  \"profile_source\": \"%s\",\n  ", lo->profile_src);
	hex(out, "page_offset", lo->page_offset, ",\n  ");
	hex(out, "phys_offset", lo->phys_offset, ",\n  ");
	hex(out, "high_memory", lo->high_memory, ",\n  ");
	hex(out, "lowmem_limit_phys", lo->lowmem_limit, ",\n  ");
	hex(out, "vmalloc_min", lo->vmalloc_min, ",\n  ");
	hex(out, "vmalloc_start", lo->vmalloc_start, ",\n  ");
	hex(out, "vmalloc_end", lo->vmalloc_end, ",\n  ");
	if (lo->kimage_voffset || lo->kaslr_slots) {
		unsigned int bits = 0;

		while (bits < 63 && (2ULL << bits) <= lo->kaslr_slots)
			bits++;
		hex(out, "kimage_voffset", lo->kimage_voffset, ",\n  ");
		/* kept for the 0.x readers; "kaslr" below is the documented form */
		hex(out, "kaslr_offset", lo->kaslr_offset, ",\n  ");
		fprintf(out, "\"kaslr_slots\": %" PRIu64 ",\n  ", lo->kaslr_slots);
		fprintf(out, "\"kaslr\": {");
		hex(out, "seed", lo->kaslr_seed, ", ");
		hex(out, "offset", lo->kaslr_offset, ", ");
		hex(out, "kimage_voffset", lo->kimage_voffset, ", ");
		fprintf(out, "\"slots\": %" PRIu64 ", \"entropy_bits\": %u},\n  ", lo->kaslr_slots,
			lo->kaslr_slots ? bits : 0);
	}
	hex(out, "memblock_limit", lo->memblock_limit, ",\n  ");
	hex(out, "lowmem_ram", lo->lowmem_ram, ",\n  ");
	hex(out, "highmem_ram", lo->highmem_ram, ",\n");
	json_regions(out, lo);
	json_memblock_type(out, "memory", &mb->memory, lo->n_nodes > 0);
	json_memblock_type(out, "reserved", &mb->reserved, false);
	json_memblock_dump(out, lo, mb);
	json_memblock_runtime(out, lo, mb);
	json_zones(out, lo);
	json_reservations(out, lo);
	json_kernel_messages(out, lo);
	json_memory_line(out, lo);
	if (more)
		more(out, arg);
	fprintf(out,
		"  \"totals_kB\": {\"MemTotal\": %" PRIu64 ", \"LowTotal\": %" PRIu64
		", \"HighTotal\": %" PRIu64 ", \"VmallocTotal\": %" PRIu64 "}\n}\n",
		lo->mem_total_kb, lo->low_total_kb, lo->high_total_kb, lo->vmalloc_total >> 10);
}

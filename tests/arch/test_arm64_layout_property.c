/* SPDX-License-Identifier: MIT */
/*
 * Property test of the arm64 layout policies: random boards (1-4 banks
 * anywhere below 2^44, unaligned edges, no-map carve-outs, initrd), random
 * profile, granule and VA_BITS the profile's Kconfig allows, 52-bit builds on
 * 48-bit CPUs, KASAN, KASLR seeds, nokaslr, mem=, image placement. Every
 * result must keep the kernel's invariants: the regions lie in the order of
 * memory.rst (v6.1: ... vmalloc, fixmap, PCI I/O, vmemmap; v6.9+: ...
 * vmalloc, vmemmap, PCI I/O, fixmap) without overlapping, the image lies in
 * vmalloc at KIMAGE_VADDR + kaslr_offset with VA = PA (mod 2 MiB), the linear
 * map covers exactly the RAM kept outside NOMAP at __phys_to_virt() and all
 * RAM kept (NOMAP too) falls in the linear region, memstart_addr keeps
 * ARM64_MEMSTART_ALIGN, high_memory is __va(end of DRAM - 1) + 1, the zones
 * tile the RAM, MemTotal never exceeds it; a failure leaves memblock empty.
 */
#include "check.h"
#include "vmlayout/layout.h"

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t pick(uint64_t n)
{
	return rnd() % n;
}

static const char *const profiles[] = {"6.1", "6.12", "6.18"};

static unsigned int random_va_bits(uint64_t page_size, bool lpa2)
{
	static const unsigned int k4[] = {39, 48, 52}, k16[] = {36, 47, 48, 52},
				  k64[] = {42, 48, 52};

	if (page_size == VML_SZ_4K)
		return k4[pick(lpa2 ? 3 : 2)];
	if (page_size == 4 * VML_SZ_4K)
		return k16[pick(lpa2 ? 4 : 3)];
	return k64[pick(3)];
}

static void random_banks(struct vml_board *b)
{
	uint64_t base = pick(64) << 28; /* 0 .. 16 GiB in 256 MiB steps */

	for (unsigned int i = 1 + pick(4); i; i--) {
		uint64_t size = (64 + pick(8192)) << 20;

		if (pick(4) == 0)
			base += pick(0x10000) << 4; /* an unaligned edge */
		b->memory[b->n_memory].base = base;
		b->memory[b->n_memory++].size = size;
		base += size + (pick(3) ? pick(1ULL << 36) : 0);
		base = vml_align_up(base, VML_SZ_4K);
	}
}

static void random_case(struct vml_board *b, struct vml_kernel_config *c)
{
	static const uint64_t pages[] = {VML_SZ_4K, 4 * VML_SZ_4K, VML_SZ_64K};
	const char *profile = profiles[pick(3)];

	vml_board_init(b);
	vml_kernel_config_init(c, VML_ARCH_ARM64);
	strcpy(c->profile, profile);
	c->page_size = pages[pick(3)];
	c->va_bits = random_va_bits(c->page_size, strcmp(profile, "6.1") != 0);
	if (c->va_bits == 52 && pick(2))
		c->cpu_va_bits = 48;
	c->kasan = (unsigned int)pick(3);
	if (pick(2)) /* a real CPU's PARange: the linear seed then moves memstart_addr */
		c->cpu_pa_bits = 40 + 4 * (unsigned int)pick(3);
	if (pick(2)) {
		c->kaslr_seed_set = true;
		c->kaslr_seed = rnd();
	}
	if (pick(5) == 0) /* arm64 reads it from the raw line (idreg_override.c) */
		strcpy(c->boot_command_line, "nokaslr");
	random_banks(b);
	c->image_size = (16 + pick(48)) << 20;
	if (pick(2)) {
		const struct vml_range64 *bank = &b->memory[pick(b->n_memory)];

		c->load_phys_set = true;
		c->load_phys = vml_align_up(bank->base, VML_SZ_2M) + (pick(4) << 16);
	}
	if (pick(4) == 0) {
		c->n_mem_args = 1;
		c->mem_size[0] = (256 + pick(8192)) << 20;
	}
	if (pick(3) == 0) { /* a no-map carve-out inside the first bank */
		struct vml_board_reserved *r = &b->reserved[b->n_reserved++];

		strcpy(r->name, "nomap");
		r->base = vml_align_up(b->memory[0].base + (32 << 20), VML_SZ_2M) + (1ULL << 30);
		r->size = 16 << 20;
		r->nomap = true;
	}
	if (pick(4) == 0) {
		b->has_initrd = true;
		b->initrd_start = b->memory[b->n_memory - 1].base + (128 << 20);
		b->initrd_end = b->initrd_start + (8 << 20);
	}
}

/* The order of memory.rst, without "kernel" (which lies inside vmalloc). */
static bool names_in_order(const char *profile)
{
	static const char *const v6_1[] = {"linear", "kasan",  "modules", "vmalloc",
					   "fixmap", "pci_io", "vmemmap"};
	static const char *const v6_9[] = {"linear",  "kasan",	"modules", "vmalloc",
					   "vmemmap", "pci_io", "fixmap"};
	const char *const *want = strcmp(profile, "6.1") ? v6_9 : v6_1;
	unsigned int w = 0;

	for (unsigned int i = 0; i < lo.n_regions; i++) {
		if (!strcmp(lo.regions[i].name, "kernel"))
			continue;
		while (w < 7 && strcmp(want[w], lo.regions[i].name))
			w++;
		if (w == 7)
			return false;
	}
	return true;
}

static bool regions_ordered(void)
{
	const struct vml_vregion *prev = NULL;

	for (unsigned int i = 0; i < lo.n_regions; i++) {
		const struct vml_vregion *r = &lo.regions[i];

		if (!strcmp(r->name, "kernel"))
			continue;
		if (r->start >= r->end || (prev && prev->end > r->start))
			return false;
		prev = r;
	}
	return true;
}

static uint64_t va_of(uint64_t pa)
{
	return (pa - lo.phys_offset) | lo.page_offset;
}

static bool linear_map_is_the_ram(const struct vml_vregion *linear)
{
	uint64_t mapped = 0, nomap = 0;

	for (unsigned int i = 0; i < lo.n_segments; i++) {
		const struct vml_linear_segment *s = &lo.segments[i];

		if (s->virt != va_of(s->phys) || s->virt < linear->start ||
		    s->virt + s->size > linear->end || s->virt + s->size < s->virt)
			return false;
		mapped += s->size;
	}
	for (unsigned int i = 0; i < mb.memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb.memory.regions[i];

		if (va_of(r->base) < linear->start || va_of(r->base + r->size - 1) >= linear->end)
			return false;
		if (r->flags & VML_MEMBLOCK_NOMAP)
			nomap += r->size;
	}
	return mapped + nomap == mb.memory.total_size;
}

static bool zones_tile(unsigned int shift)
{
	uint64_t pfn = mb.memory.regions[0].base >> shift, present = 0, pages = 0;

	for (unsigned int i = 0; i < lo.n_zones; i++) {
		if (lo.zones[i].start_pfn != pfn || lo.zones[i].end_pfn < pfn)
			return false;
		pfn = lo.zones[i].end_pfn;
		present += lo.zones[i].present_pages;
	}
	for (unsigned int i = 0; i < mb.memory.cnt; i++)
		pages += mb.memory.regions[i].size >> shift;
	return pfn == (mb.memory.regions[mb.memory.cnt - 1].base +
		       mb.memory.regions[mb.memory.cnt - 1].size) >>
			  shift &&
	       present == pages;
}

static int check_case(const struct vml_kernel_config *c)
{
	const struct vml_vregion *linear = vml_layout_find_region(&lo, "linear");
	const struct vml_vregion *vmalloc = vml_layout_find_region(&lo, "vmalloc");
	const struct vml_vregion *kernel = vml_layout_find_region(&lo, "kernel");
	const struct vml_vregion *modules = vml_layout_find_region(&lo, "modules");
	const uint64_t align = c->page_size == VML_SZ_64K ? 512ULL << 20 : 1ULL << 30;
	const struct vml_memblock_region *last = &mb.memory.regions[mb.memory.cnt - 1];
	const unsigned int shift = lo.page_shift;
	int bad = 0;

	bad |= !names_in_order(c->profile) << 0;
	bad |= !regions_ordered() << 1;
	bad |= !(kernel->start >= vmalloc->start && kernel->end <= vmalloc->end) << 2;
	bad |= (kernel->start - modules->end != lo.kaslr_offset) << 3;
	bad |= ((kernel->start - lo.kimage_voffset) % VML_SZ_2M != lo.kaslr_offset % VML_SZ_2M)
	       << 4;
	bad |= !linear_map_is_the_ram(linear) << 5;
	bad |= (lo.phys_offset % align != 0) << 6;
	bad |= (lo.high_memory != va_of(last->base + last->size - 1) + 1) << 7;
	bad |= !zones_tile(shift) << 8;
	bad |= (lo.mem_total_kb * 1024 > mb.memory.total_size) << 9;
	bad |= (lo.vmalloc_start != vmalloc->start || lo.vmalloc_end != vmalloc->end) << 10;
	return bad;
}

static void test_random_boards(void)
{
	unsigned int ok = 0, refused = 0, trimmed = 0, moved = 0;

	for (int n = 0; n < 3000; n++) {
		struct vml_board b;
		struct vml_kernel_config c;
		struct vml_diag diag = {0, NULL, 0, 0, -1};
		int ret, bad;

		random_case(&b, &c);
		vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, c.page_size);
		ret = vml_layout_compute(&b, &c, &mb, &lo, &diag);
		if (ret) {
			refused++;
			CHECK(ret == VML_EINVAL || ret == VML_ENOMEM || ret == VML_ERANGE);
			CHECK_EQ_INT(mb.memory.cnt, 0);
			CHECK_EQ_INT(lo.n_regions, 0);
			continue;
		}
		ok++;
		for (unsigned int k = 0; k < lo.n_kmsgs; k++)
			if (!strncmp(lo.kmsgs[k].fmt, "Memory doesn't fit", 18))
				trimmed++;
		if (lo.phys_offset !=
		    (mb.memory.regions[0].base &
		     ~((c.page_size == VML_SZ_64K ? 512ULL << 20 : 1ULL << 30) - 1)))
			moved++;
		bad = check_case(&c);
		if (bad) {
			fprintf(stderr,
				"  case %d (%s, %llu K pages, VA %u, cpu %u): broken 0x%x\n", n,
				c.profile, (unsigned long long)(c.page_size >> 10), c.va_bits,
				c.cpu_va_bits, (unsigned int)bad);
			CHECK(bad == 0);
		}
	}
	printf("  %u layouts checked, %u refused, %u trimmed, %u moved\n", ok, refused, trimmed,
	       moved);
	CHECK(ok > 2000);
}

int main(void)
{
	RUN_TEST(test_random_boards);
	return CHECK_DONE("test_arm64_layout_property");
}

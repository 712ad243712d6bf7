/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 KASLR: the image's virtual offset and the linear-map seed
 *
 * The image: kaslr_offset = (PA(_text) mod 2 MiB) | (displacement & ~(2 MiB
 * - 1)), VA(_text) = KIMAGE_VADDR + kaslr_offset, kimage_voffset = VA - PA
 * (v6.1 head.S __primary_switch; v6.12 kernel/pi/map_kernel.c
 * early_map_kernel()). The displacement from a non-zero seed is a profile
 * hook: v6.1 kernel/pi/kaslr_early.c and v6.12 (also v6.18)
 * kernel/pi/kaslr_early.c kaslr_early_init(). No seed (or nokaslr, or
 * RANDOMIZE_BASE off) leaves only the physical misalignment. The seed is the
 * DT's /chosen/kaslr-seed or the CPU's RNDR: vmlayout takes it from the
 * configuration (kaslr_seed).
 */
#include "arch/arm64/layout_arm64.h"

/* (a * b) >> 64 without a 128-bit type. */
static uint64_t mul_hi(uint64_t a, uint64_t b)
{
	const uint64_t lo32 = 0xffffffffULL;
	uint64_t al = a & lo32, ah = a >> 32, bl = b & lo32, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & lo32) + (hl & lo32);

	return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* v6.1: BIT(VA_BITS_MIN - 3) + (seed & GENMASK(VA_BITS_MIN - 3, 0)): the
 * middle half of a 2^(VA_BITS_MIN - 1) window above KIMAGE_VADDR. */
uint64_t vml_arm64_kaslr_v6_1(const struct arm64_state *st, uint64_t seed)
{
	return (1ULL << (st->va_bits_min - 3)) + (seed & ((1ULL << (st->va_bits_min - 2)) - 1));
}

/* v6.12, v6.18: range = (VMALLOC_END - KIMAGE_VADDR) / 2; range / 2 +
 * ((u128)range * seed >> 64): the middle half of vmalloc. */
uint64_t vml_arm64_kaslr_v6_12(const struct arm64_state *st, uint64_t seed)
{
	uint64_t range = (st->vmalloc_end - st->modules_end) / 2;

	return range / 2 + mul_hi(range, seed);
}

/* log2(v) in tenths, rounded down: the integer part by shifts, the
 * fraction by squaring the mantissa (Q1.30) once per binary digit. */
static uint64_t log2_tenths(uint64_t v)
{
	uint64_t n = 0, frac = 0, y;

	while (v >> (n + 1))
		n++;
	y = n >= 30 ? v >> (n - 30) : v << (30 - n);
	for (int bit = 0; bit < 16; bit++) {
		y = (y * y) >> 30;
		frac <<= 1;
		if (y >= 2ULL << 30) {
			y >>= 1;
			frac |= 1;
		}
	}
	return n * 10 + ((frac * 10) >> 16);
}

/* How many 2 MiB-aligned displacements a seed can give: the entropy. */
static void report_entropy(struct arm64_state *st)
{
	const uint64_t mask = ~(ARM64_MIN_KIMG_ALIGN - 1);
	uint64_t lo = st->prof->kaslr_displacement(st, 0) & mask;
	uint64_t hi = st->prof->kaslr_displacement(st, ~0ULL) & mask;
	uint64_t slots = ((hi - lo) >> 21) + 1, bits = log2_tenths(slots);

	st->lo->kaslr_slots = slots;

	vml_layout_kmsg(st->lo,
			"vmlayout: KASLR: the image has %llu possible 2 MiB slots (%llu.%llu bits "
			"of entropy), the first at KIMAGE_VADDR + 0x%llx\n",
			slots, bits / 10, bits % 10, lo);
}

/* kaslr_init() (kernel/kaslr.c), under RANDOMIZE_BASE: the override first
 * (idreg_override.c), then the offset: v6.1 asks kaslr_offset() == 0,
 * which the image's physical misalignment alone makes non-zero ("KASLR
 * enabled" without a seed: head.S keeps PA & (MIN_KIMG_ALIGN - 1) in the
 * offset); v6.9+ asks kaslr_offset() < MIN_KIMG_ALIGN. Its place in the
 * log is the caller's: v6.1 runs it as a subsys_initcall, after every
 * line of vmlayout's; v6.12 (7.2.13 too) first thing in setup_arch(),
 * before setup_machine_fdt() and parse_early_param(). */
void vml_arm64_kaslr_init_message(struct arm64_state *st)
{
	const uint64_t no_seed_below = st->prof->idreg_v6_9 ? ARM64_MIN_KIMG_ALIGN : 1;

	if (!st->cfg->randomize_base)
		return;
	if (st->ov.nokaslr_msg)
		vml_layout_kmsg(st->lo, "KASLR disabled on command line\n", 0, 0, 0, 0);
	else if (st->kaslr_offset < no_seed_below)
		vml_layout_kmsg(st->lo, "KASLR disabled due to lack of seed\n", 0, 0, 0, 0);
	else
		vml_layout_kmsg(st->lo, "KASLR enabled\n", 0, 0, 0, 0);
}

void vml_arm64_kaslr_image(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	uint64_t seed = cfg->kaslr_seed_set ? cfg->kaslr_seed : 0;

	st->kaslr_offset = st->pa_text & (ARM64_MIN_KIMG_ALIGN - 1);
	st->seed_used = 0;
	if (cfg->randomize_base) {
		if (!st->ov.nokaslr && seed) {
			st->seed_used = seed;
			st->kaslr_offset |=
			    st->prof->kaslr_displacement(st, seed) & ~(ARM64_MIN_KIMG_ALIGN - 1);
		}
		report_entropy(st);
	}
	st->kimage_voffset = st->modules_end + st->kaslr_offset - st->pa_text;
}

/* arm64_memblock_init() under RANDOMIZE_BASE, v6.1 .. v6.15 (removed by
 * 1db780bafa4c "arm64/mm: Remove randomization of the linear map", merged
 * for v6.16): memstart_offset_seed = seed & 0xffff; range = linear region
 * size - 2^PARange (the CPU's physical address size, cpu_pa_bits, else
 * ARM64_PA_BITS); if the seed is non-zero and range >= ARM64_MEMSTART_ALIGN,
 * memstart_addr -= ALIGN * ((range / ALIGN * seed16) >> 16). */
void vml_arm64_kaslr_linear(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	uint64_t seed = cfg->kaslr_seed_set ? cfg->kaslr_seed : 0;
	unsigned int parange = cfg->cpu_pa_bits ? cfg->cpu_pa_bits
			       : cfg->pa_bits	? cfg->pa_bits
						: 48;
	uint64_t seed16, range;

	if (!st->prof->linear_randomization || !cfg->randomize_base || st->ov.nokaslr)
		return;
	seed16 = seed & 0xffff;
	if (!seed16 || st->linear_region_size <= (1ULL << parange))
		return;
	range = st->linear_region_size - (1ULL << parange);
	if (range < st->memstart_align)
		return;
	range /= st->memstart_align;
	st->memstart_addr -= st->memstart_align * ((range * seed16) >> 16);
}

/* SPDX-License-Identifier: MIT */
/*
 * The layout picture's geometry: text boxes of the monospace metric, the
 * leader-line label stack (exact positions, and no overlap on random
 * lanes), the overlap check, the piecewise scale, the sizes in labels, and
 * a picture refused -- nothing written -- when its labels cannot fit.
 */
#include <stdlib.h>

#include "check.h"
#include "host/svg_labels.h"
#include "host/svg_picture.h"
#include "host/svg_scale.h"
#include "vmlayout/host_input.h"
#include "vmlayout/report.h"

static struct svg_cluster scratch[200];

static bool near(double a, double b)
{
	return a - b < 1e-9 && b - a < 1e-9;
}

static void text_box_uses_the_advance_and_anchor(void)
{
	struct svg_box b = vml_svg_text_box("abc", 10, 100, 50, false);
	struct svg_box e = vml_svg_text_box("abc", 10, 100, 50, true);
	struct svg_box u = vml_svg_text_box("\xe2\x86\x92x", 10, 0, 50, false); /* "→x" */

	CHECK(near(b.w, 3 * SVG_ADVANCE_EM * 10));
	CHECK(near(b.h, 12.5));
	CHECK(near(b.x, 100));
	CHECK(near(b.y, 40));
	CHECK(near(e.x, 100 - b.w));
	CHECK(near(u.w, 2 * SVG_ADVANCE_EM * 10)); /* characters, not bytes */
	CHECK(near(vml_svg_text_baseline(40, 10), 50));
}

static void boxes_that_touch_do_not_overlap(void)
{
	struct svg_box a = {0, 0, 10, 10}, touch = {10, 0, 10, 10}, over = {9.5, 9.5, 5, 5};
	struct svg_box list[] = {a, touch, {30, 30, 1, 1}, over};
	size_t i = 99, j = 99;

	CHECK(!vml_svg_boxes_overlap(&a, &touch));
	CHECK(vml_svg_boxes_overlap(&a, &over));
	CHECK(vml_svg_labels_find_overlap(list, 4, &i, &j));
	CHECK_EQ_INT(i, 0);
	CHECK_EQ_INT(j, 3);
	CHECK(!vml_svg_labels_find_overlap(list, 3, &i, &j));
}

static void stack_centres_a_cluster_on_what_it_wants(void)
{
	double want[] = {50, 50}, h[] = {10, 10}, top[2];

	CHECK_EQ_INT(vml_svg_labels_stack(want, h, 2, 0, 0, 100, top, scratch), 0);
	CHECK(near(top[0], 40));
	CHECK(near(top[1], 50));
}

static void stack_keeps_labels_in_the_lane(void)
{
	double want[] = {10, 12, 14}, h[] = {10, 10, 10}, top[3];
	double low[] = {98}, top1[1];

	CHECK_EQ_INT(vml_svg_labels_stack(want, h, 3, 2, 0, 100, top, scratch), 0);
	CHECK(near(top[0], 0)); /* pushed down from -5 by the lane's top */
	CHECK(near(top[1], 12));
	CHECK(near(top[2], 24));
	CHECK_EQ_INT(vml_svg_labels_stack(low, h, 1, 2, 0, 100, top1, scratch), 0);
	CHECK(near(top1[0], 90));
}

static void stack_refuses_a_lane_too_short(void)
{
	double want[] = {5, 15, 25}, h[] = {10, 10, 10}, top[3];

	CHECK_EQ_INT(vml_svg_labels_stack(want, h, 3, 2, 0, 33, top, scratch), -1);
	CHECK_EQ_INT(vml_svg_labels_stack(want, h, 3, 2, 0, 34, top, scratch), 0);
}

/* Property: on random lanes, placed labels never overlap and stay in it. */
static void stack_never_overlaps(void)
{
	static double want[200], h[200], top[200];
	unsigned int seed = 12345;

	for (int trial = 0; trial < 2000; trial++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % 200);
		double need = 0, lane;

		for (size_t i = 0; i < n; i++) {
			h[i] = 5 + rand_r(&seed) % 20;
			need += h[i] + 3;
		}
		lane = need + rand_r(&seed) % 500;
		for (size_t i = 0; i < n; i++)
			want[i] = (double)(rand_r(&seed) % (unsigned int)lane);
		for (size_t i = 1; i < n; i++) /* sorted, as the caller gives them */
			for (size_t k = i; k > 0 && want[k - 1] > want[k]; k--) {
				double t = want[k];

				want[k] = want[k - 1];
				want[k - 1] = t;
			}
		CHECK_EQ_INT(vml_svg_labels_stack(want, h, n, 3, 0, lane, top, scratch), 0);
		for (size_t i = 0; i < n; i++) {
			CHECK(top[i] >= 0 && top[i] + h[i] <= lane + 1e-9);
			if (i)
				CHECK(top[i] >= top[i - 1] + h[i - 1] + 3 - 1e-9);
		}
	}
}

static void scale_is_piecewise_and_linear_inside_a_band(void)
{
	static struct svg_scale s;

	vml_svg_scale_init(&s);
	vml_svg_scale_cut(&s, 0x100000, true);
	vml_svg_scale_cut(&s, 0, false);
	vml_svg_scale_cut(&s, 0x1000, false);
	vml_svg_scale_cut(&s, 0x1000, true); /* a duplicate */
	vml_svg_scale_cut(&s, 0, true);	     /* 2^64 */
	vml_svg_scale_finish(&s, 100);
	CHECK_EQ_INT(s.n, 4);
	CHECK(near(vml_svg_band_height(4096), 12));
	CHECK(near(vml_svg_band_height(1 << 20), 44));
	CHECK(near(vml_svg_band_height(1ULL << 30), 84));
	CHECK(near(vml_svg_scale_y(&s, 0, true), 100)); /* 2^64 at the top */
	CHECK(near(vml_svg_scale_y(&s, 0x1000, false) - vml_svg_scale_y(&s, 0, false), -12));
	CHECK(near(vml_svg_scale_y(&s, 0x800, false), vml_svg_scale_y(&s, 0, false) - 6));
	vml_svg_scale_stretch(&s, 2);
	CHECK(near(vml_svg_scale_y(&s, 0x1000, false) - vml_svg_scale_y(&s, 0, false), -24));
	CHECK(near(vml_svg_scale_y(&s, 0, true), 100));
}

static void sizes_read_as_a_kernel_engineer_says_them(void)
{
	char b[32];

	vml_pic_size_text(b, sizeof(b), 4096);
	CHECK_EQ_STR(b, "4 KiB");
	vml_pic_size_text(b, sizeof(b), 0x26000000);
	CHECK_EQ_STR(b, "608 MiB");
	vml_pic_size_text(b, sizeof(b), 100);
	CHECK_EQ_STR(b, "100 B");
	vml_pic_size_text(b, sizeof(b), 0xe0a358);
	CHECK_EQ_STR(b, "14.0 MiB");
	vml_pic_size_text(b, sizeof(b), 0 - 0xffff800080000000ULL);
	CHECK_EQ_STR(b, "128.0 TiB");
	vml_pic_size_text(b, sizeof(b), 1ULL << 63);
	CHECK_EQ_STR(b, "8 EiB");
}

/* More reserved ranges than a picture column holds: refused with a reason,
 * and not a byte written. */
static void picture_refused_when_its_labels_cannot_fit(void)
{
	static struct vml_memblock_region mem[4], res[PIC_MAX_ITEMS + 8];
	static struct vml_layout lo;
	struct vml_memblock mb;
	struct vml_host_error err = {{0}};
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	vml_memblock_init(&mb, mem, 4, res, PIC_MAX_ITEMS + 8, ~0ULL, 4096);
	vml_layout_init(&lo);
	lo.arch = VML_ARCH_ARM64;
	lo.profile = "6.18";
	lo.profile_src = "test";
	CHECK_EQ_INT(vml_memblock_add(&mb, 0x40000000, 1ULL << 30, NULL), 0);
	for (uint64_t i = 0; i < PIC_MAX_ITEMS + 1; i++)
		CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x40000000 + i * 0x2000, 0x1000, NULL), 0);
	CHECK_EQ_INT(vml_layout_add_region(&lo, "linear", 0xffff000000000000ULL,
					   0xffff800000000000ULL, NULL),
		     0);
	CHECK_EQ_INT(vml_report_svg(out, &lo, &mb, NULL, &err), VML_ERANGE);
	fclose(out);
	CHECK_EQ_INT(size, 0);
	CHECK(strstr(err.msg, "the picture: more than 512 items") != NULL);
	free(text);
}

int main(void)
{
	RUN_TEST(text_box_uses_the_advance_and_anchor);
	RUN_TEST(boxes_that_touch_do_not_overlap);
	RUN_TEST(stack_centres_a_cluster_on_what_it_wants);
	RUN_TEST(stack_keeps_labels_in_the_lane);
	RUN_TEST(stack_refuses_a_lane_too_short);
	RUN_TEST(stack_never_overlaps);
	RUN_TEST(scale_is_piecewise_and_linear_inside_a_band);
	RUN_TEST(sizes_read_as_a_kernel_engineer_says_them);
	RUN_TEST(picture_refused_when_its_labels_cannot_fit);
	return CHECK_DONE("test_svg_picture");
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's early command-line overrides that shape the layout
 *
 * Before the kernel parses its command line, arm64 scans /chosen/bootargs
 * for CPU feature overrides and their aliases. Two of them change the
 * layout: KASLR off, and (v6.9+) the 52-bit VA capability off. Each
 * version scans its own way, reproduced here on the raw line
 * (cfg->boot_command_line: quotes are not special to these scanners).
 *
 * v6.1:
 * - the image's KASLR displacement and the linear map's seed come from
 *   kaslr_early_init() (kernel/pi/kaslr_early.c), which looks only at the
 *   FIRST "nokaslr" in the line (strstr()) and takes it when it starts
 *   the line or follows a ' ': "nokaslr=1" counts, "xnokaslr nokaslr"
 *   does not;
 * - kaslr_init()'s message (kernel/kaslr.c) asks kaslr_feature_override,
 *   set by idreg-override.c: words split at white space, cut into pieces
 *   of at most 255 characters, a "--" word ends the scan; a word that is
 *   "kaslr.disabled=" (parameqn(): '-' and '_' alike) followed by a
 *   kstrtou64() number sets the override's low 4 bits; the alias word
 *   "nokaslr" (parameq()) is "kaslr.disabled=1". KASLR is off when those
 *   4 bits are non-zero.
 *
 * v6.9 and later (kernel/pi/idreg-override.c, v6.12): one scan serves
 * both: each word's '-' become '_' (pieces of at most 255), "--" followed
 * by white space ends it; "<set>.<field>=" must be followed by one hex
 * digit (an optional 0x first) and the word's end; the alias words match
 * exactly. "arm64_sw.nokaslr=" (alias "nokaslr") turns KASLR off when its
 * digit is non-zero (the last one wins). "id_aa64mmfr2.varange=0" (alias
 * "arm64.nolva") clears VARange, so cpu_has_lva() is false (64K pages);
 * its filter mmfr2_varange_filter() also lowers the TGRAN field of
 * ID_AA64MMFR0 below LPA2 on a CPU that has LPA2, so cpu_has_lpa2() is
 * false (4K/16K) for good; a later non-zero varange is filtered out,
 * which cancels the VARange override only. Either way
 * early_map_kernel() (kernel/pi/map_kernel.c) runs a 52-bit build with
 * VA_BITS_MIN. "arm64_sw.rodataoff=" (alias: the word "rodata=off"
 * itself) makes map_kernel() map the text PAGE_KERNEL_EXEC, even when a
 * later rodata=on turns rodata_enabled back on (pi/map_kernel.c v6.12).
 */
#include "arch/arm64/layout_arm64.h"
#include "vmlayout/kernel_memparse.h"

#define IDREG_WORD_MAX 255 /* char buf[256] in __parse_cmdline() */

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* parameqn() (kernel/params.c): the first n characters, '-' == '_'. */
static bool param_eq_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return true;
}

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* parse_hexdigit() (v6.12): one hex digit after an optional 0x, then the
 * word's end. */
static bool parse_hexdigit(const char *p, unsigned int *v)
{
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (vml_kernel_digit_value(p[0]) >= 16 || p[1])
		return false;
	*v = vml_kernel_digit_value(p[0]);
	return true;
}

static bool starts_with(const char *w, const char *prefix, const char **rest)
{
	size_t n = str_len(prefix);

	for (size_t i = 0; i < n; i++)
		if (w[i] != prefix[i])
			return false;
	*rest = w + n;
	return true;
}

/* v6.1's kaslr_early_init(): the first "nokaslr" (strstr()), taken when
 * it starts the line or follows a space. */
static bool early_nokaslr_v6_1(const char *line)
{
	const char *rest;

	for (const char *s = line; *s; s++)
		if (starts_with(s, "nokaslr", &rest))
			return s == line || s[-1] == ' ';
	return false;
}

struct idreg_state {
	bool kaslr_set;
	unsigned int kaslr_val; /* the override's low 4 bits */
	unsigned int rodataoff; /* arm64_sw.rodataoff's digit (v6.9+) */
	bool varange_set;	/* id_aa64mmfr2 VARange overridden to 0 */
	bool tgran_below_lpa2;	/* id_aa64mmfr0 TGRAN overridden below LPA2 */
};

static void word_v6_1(const char *w, struct idreg_state *s, bool aliases)
{
	static const char field[] = "kaslr.disabled=";
	const size_t n = sizeof(field) - 1;
	uint64_t v;

	if (str_len(w) >= n && param_eq_n(w, field, n) && vml_kernel_kstrtoull(w + n, &v)) {
		s->kaslr_set = true;
		s->kaslr_val = (unsigned int)(v & 0xf);
	}
	if (aliases && str_len(w) == 7 && param_eq_n(w, "nokaslr", 7))
		word_v6_1("kaslr.disabled=1", s, false);
}

static void word_v6_9(const char *w, struct idreg_state *s, bool aliases)
{
	const char *rest;
	unsigned int v;

	if (starts_with(w, "arm64_sw.nokaslr=", &rest) && parse_hexdigit(rest, &v)) {
		s->kaslr_set = true;
		s->kaslr_val = v;
	}
	if (starts_with(w, "arm64_sw.rodataoff=", &rest) && parse_hexdigit(rest, &v))
		s->rodataoff = v;
	if (starts_with(w, "id_aa64mmfr2.varange=", &rest) && parse_hexdigit(rest, &v)) {
		/* mmfr2_varange_filter(): only 0 is taken */
		s->varange_set = v == 0;
		s->tgran_below_lpa2 = s->tgran_below_lpa2 || v == 0;
	}
	if (!aliases)
		return;
	if (vml_str_eq(w, "nokaslr"))
		word_v6_9("arm64_sw.nokaslr=1", s, false);
	if (vml_str_eq(w, "arm64.nolva"))
		word_v6_9("id_aa64mmfr2.varange=0", s, false);
	if (vml_str_eq(w, "rodata=off"))
		word_v6_9("arm64_sw.rodataoff=1", s, false);
}

/* __parse_cmdline(): the words, in pieces of at most 255 characters. */
static void scan_words(const char *line, bool v6_9, struct idreg_state *s)
{
	char buf[IDREG_WORD_MAX + 1];

	for (;;) {
		size_t len = 0;

		while (is_space(*line))
			line++;
		if (v6_9 && line[0] == '-' && line[1] == '-' && is_space(line[2]))
			return;
		for (; line[len] && !is_space(line[len]) && len < IDREG_WORD_MAX; len++)
			buf[len] = v6_9 && line[len] == '-' ? '_' : line[len];
		if (!len)
			return;
		buf[len] = 0;
		if (!v6_9 && vml_str_eq(buf, "--"))
			return;
		line += len;
		if (v6_9)
			word_v6_9(buf, s, true);
		else
			word_v6_1(buf, s, true);
	}
}

void vml_arm64_cmdline_overrides(const struct arm64_state *st, struct arm64_overrides *o)
{
	const char *line = st->cfg->boot_command_line;
	struct idreg_state s = {0};

	scan_words(line, st->prof->idreg_v6_9, &s);
	o->nokaslr_msg = s.kaslr_set && s.kaslr_val;
	o->nokaslr = st->prof->idreg_v6_9 ? o->nokaslr_msg : early_nokaslr_v6_1(line);
	o->no_lva = st->prof->idreg_v6_9 && s.varange_set;
	o->no_lpa2 = st->prof->idreg_v6_9 && s.tgran_below_lpa2;
	o->rodataoff = st->prof->idreg_v6_9 && s.rodataoff;
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: parse_crashkernel(), the kernel's reading of crashkernel=
 *
 * kernel/crash_core.c v6.1 and kernel/crash_reserve.c v6.12 (the same
 * steps; v6.12 adds the generic ,high/,low handling and prints "crashkernel:
 * Memory value expected" and "crahskernel: Memory value expected after '@'"
 * where v6.1 prints them without the prefix). Everything is read from the
 * raw command line: get_last_crashkernel() finds the last "crashkernel="
 * with strstr() (so inside another word too), a word ends at the first
 * ' ' only (not a tab), and quotes are not special.
 */
#include "vmlayout/crashkernel.h"
#include "vmlayout/kernel_memparse.h"

static size_t ck_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static const char *ck_strchr(const char *s, char c)
{
	for (; *s; s++)
		if (*s == c)
			return s;
	return NULL;
}

static bool ck_starts(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (*s != *prefix)
			return false;
	return true;
}

static const char *ck_strstr(const char *s, const char *needle)
{
	for (; *s; s++)
		if (ck_starts(s, needle))
			return s;
	return NULL;
}

static int warn(struct vml_layout *lo, const char *msg)
{
	vml_layout_kmsg(lo, msg, 0, 0, 0, 0);
	return VML_EINVAL;
}

/* "crashkernel: unrecognized char: %c" (the char through the %s name). */
static int unrecognized(struct vml_layout *lo, char c)
{
	const char name[2] = {c, 0};

	vml_layout_kmsg_name(lo, "crashkernel: unrecognized char: %s\n", name, 0, 0);
	return VML_EINVAL;
}

/* One "start-[end]:size" entry of parse_crashkernel_mem(); *@cur moves past
 * it. Return: VML_OK, VML_EINVAL (message given). */
static int mem_entry(const char **cur, uint64_t total_mem, enum vml_crash_parse_rev rev,
		     uint64_t *start, uint64_t *end, uint64_t *size, struct vml_layout *lo)
{
	const char *tmp;

	*end = ~0ULL;
	*start = vml_kernel_memparse(*cur, &tmp);
	if (*cur == tmp)
		return warn(lo, "crashkernel: Memory value expected\n");
	*cur = tmp;
	if (**cur != '-')
		return warn(lo, "crashkernel: '-' expected\n");
	(*cur)++;
	if (**cur != ':') {
		*end = vml_kernel_memparse(*cur, &tmp);
		if (*cur == tmp)
			return warn(lo, "crashkernel: Memory value expected\n");
		*cur = tmp;
		if (*end <= *start)
			return warn(lo, "crashkernel: end <= start\n");
	}
	if (**cur != ':')
		return warn(lo, "crashkernel: ':' expected\n");
	(*cur)++;
	*size = vml_kernel_memparse(*cur, &tmp);
	if (*cur == tmp)
		return warn(lo, rev == VML_CRASH_PARSE_V6_1
				    ? "Memory value expected\n"
				    : "crashkernel: Memory value expected\n");
	*cur = tmp;
	if (*size >= total_mem)
		return warn(lo, "crashkernel: invalid size\n");
	return VML_OK;
}

/* parse_crashkernel_mem(): "range:size[,range:size...][@offset]"; the
 * total is system RAM rounded up to 128 MiB. */
static int parse_mem(const char *cur, uint64_t system_ram, enum vml_crash_parse_rev rev,
		     uint64_t *crash_size, uint64_t *crash_base, struct vml_layout *lo)
{
	const uint64_t total_mem = vml_align_up(system_ram, 128 * VML_SZ_1M);
	const char *tmp;

	do {
		uint64_t start, end, size;
		int ret = mem_entry(&cur, total_mem, rev, &start, &end, &size, lo);

		if (ret)
			return ret;
		if (total_mem >= start && total_mem < end) {
			*crash_size = size;
			break;
		}
	} while (*cur++ == ',');
	if (!*crash_size) {
		vml_layout_kmsg(lo, "crashkernel size resulted in zero bytes\n", 0, 0, 0, 0);
		return VML_OK;
	}
	while (*cur && *cur != ' ' && *cur != '@')
		cur++;
	if (*cur == '@') {
		cur++;
		*crash_base = vml_kernel_memparse(cur, &tmp);
		if (cur == tmp)
			return warn(lo, rev == VML_CRASH_PARSE_V6_1
					    ? "Memory value expected after '@'\n"
					: rev == VML_CRASH_PARSE_V6_12
					    ? "crahskernel: Memory value expected after '@'\n"
					    : "crashkernel: Memory value expected after '@'\n");
	}
	return VML_OK;
}

/* parse_crashkernel_simple(): "size[@offset]" */
static int parse_simple(const char *s, uint64_t *crash_size, uint64_t *crash_base,
			struct vml_layout *lo)
{
	const char *cur;

	*crash_size = vml_kernel_memparse(s, &cur);
	if (cur == s)
		return warn(lo, "crashkernel: memory value expected\n");
	if (*cur == '@')
		*crash_base = vml_kernel_memparse(cur + 1, &cur);
	else if (*cur != ' ' && *cur != '\0')
		return unrecognized(lo, *cur);
	return VML_OK;
}

/* parse_crashkernel_suffix(): "size,high" or "size,low" */
static int parse_suffix(const char *s, uint64_t *crash_size, const char *suffix,
			struct vml_layout *lo)
{
	const char *cur;

	*crash_size = vml_kernel_memparse(s, &cur);
	if (cur == s)
		return warn(lo, "crashkernel: memory value expected\n");
	if (!ck_starts(cur, suffix))
		return unrecognized(lo, *cur);
	cur += ck_strlen(suffix);
	if (*cur != ' ' && *cur != '\0')
		return unrecognized(lo, *cur);
	return VML_OK;
}

/* Whether the word at @p (up to its first ' ') ends with @suffix. */
static bool word_ends_with(const char *p, const char *suffix)
{
	const char *end = ck_strchr(p, ' ');
	size_t n = ck_strlen(suffix);

	if (!end)
		end = p + ck_strlen(p);
	/* the kernel compares from end - strlen(suffix) even when that is
	 * before @p: still inside the command line, as "crashkernel=" is
	 * longer than either suffix */
	return ck_starts(end - n, suffix);
}

/* get_last_crashkernel(); v6.16 added ",cma" to the known suffixes */
static const char *last_crashkernel(const char *cmdline, const char *name, const char *suffix,
				    enum vml_crash_parse_rev rev)
{
	static const char *const suffixes[] = {",high", ",low", ",cma"};
	const unsigned int n_suffixes = rev == VML_CRASH_PARSE_V6_18 ? 3 : 2;
	const char *p = ck_strstr(cmdline, name), *found = NULL;

	for (; p; p = ck_strstr(p + 1, name)) {
		bool known = false;

		if (suffix) {
			if (word_ends_with(p, suffix))
				found = p;
			continue;
		}
		for (unsigned int i = 0; i < n_suffixes; i++)
			known = known || word_ends_with(p, suffixes[i]);
		if (!known)
			found = p;
	}
	return found;
}

int vml_parse_crashkernel_one(const char *cmdline, uint64_t system_ram, const char *suffix,
			      enum vml_crash_parse_rev rev, uint64_t *size, uint64_t *base,
			      struct vml_layout *lo)
{
	static const char name[] = "crashkernel=";
	const char *ck = last_crashkernel(cmdline, name, suffix, rev), *colon, *space;

	*size = 0;
	*base = 0;
	if (!ck)
		return VML_ENOENT;
	ck += sizeof(name) - 1;
	if (suffix)
		return parse_suffix(ck, size, suffix, lo);
	/* the range list when a ':' comes before the first space */
	colon = ck_strchr(ck, ':');
	space = ck_strchr(ck, ' ');
	if (colon && (!space || colon < space))
		return parse_mem(ck, system_ram, rev, size, base, lo);
	return parse_simple(ck, size, base, lo);
}

void vml_crashkernel_not_built(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			       const char *symbol)
{
	if (cfg->crashkernel_param)
		vml_layout_kmsg_name(
		    lo, "vmlayout: crashkernel= is ignored: CONFIG_%s is not set\n", symbol, 0, 0);
}

void vml_crashkernel_not_modelled(struct vml_layout *lo, const struct vml_kernel_config *cfg)
{
	if (cfg->crashkernel_param)
		vml_layout_kmsg(lo,
				"vmlayout: crashkernel= is not modelled for this profile: "
				"the layout is computed without it\n",
				0, 0, 0, 0);
}

void vml_crashkernel_refused(struct vml_layout *lo)
{
	vml_layout_kmsg(lo,
			"vmlayout: crashkernel= is malformed (see the kernel's warning): no "
			"crash kernel reserved\n",
			0, 0, 0, 0);
}

static int size_zero(struct vml_layout *lo)
{
	vml_layout_kmsg(lo,
			"vmlayout: crashkernel= gives a size of 0: no crash kernel reserved "
			"(parse_crashkernel() refuses it silently)\n",
			0, 0, 0, 0);
	return VML_EINVAL;
}

/* ",high", then ",low" (default DEFAULT_CRASH_KERNEL_LOW_SIZE) */
static int parse_high_low(const char *cmdline, enum vml_crash_parse_rev rev, uint64_t *size,
			  uint64_t *base, uint64_t *low_size, struct vml_layout *lo)
{
	int ret = vml_parse_crashkernel_one(cmdline, 0, ",high", rev, size, base, lo);

	if (ret == VML_ENOENT)
		return ret;
	if (ret) {
		vml_crashkernel_refused(lo);
		return VML_EINVAL;
	}
	if (!*size)
		return size_zero(lo);
	ret = vml_parse_crashkernel_one(cmdline, 0, ",low", rev, low_size, base, lo);
	if (ret == VML_ENOENT) {
		*low_size = VML_DEFAULT_CRASH_KERNEL_LOW_SIZE;
		return VML_OK;
	}
	if (ret)
		vml_crashkernel_refused(lo);
	return ret;
}

int vml_parse_crashkernel_generic(const char *cmdline, uint64_t system_ram,
				  enum vml_crash_parse_rev rev, uint64_t *size, uint64_t *base,
				  uint64_t *low_size, bool *high, struct vml_layout *lo)
{
	int ret = vml_parse_crashkernel_one(cmdline, system_ram, NULL, rev, size, base, lo);
	uint64_t cma_size, cma_base;

	*low_size = 0;
	*high = false;
	if (ret == VML_EINVAL)
		vml_crashkernel_refused(lo);
	if (ret == VML_ENOENT) {
		ret = parse_high_low(cmdline, rev, size, base, low_size, lo);
		if (ret)
			return ret;
		*high = true;
	}
	/* crashkernel=Y,cma (reserve_crashkernel_cma()): only x86 asks for it;
	 * arm64's and riscv64's arch_reserve_crashkernel() pass a NULL cma_size
	 * to parse_crashkernel() (arch/{arm64,riscv}/mm/init.c v7.2.13), so the
	 * kernel skips it there: a note says so */
	if (rev == VML_CRASH_PARSE_V6_18 &&
	    vml_parse_crashkernel_one(cmdline, 0, ",cma", rev, &cma_size, &cma_base, lo) ==
		VML_OK &&
	    cma_size)
		vml_layout_kmsg(lo,
				"vmlayout: crashkernel=...,cma is ignored: arm64 and riscv64 pass "
				"no cma_size to parse_crashkernel() (reserve_crashkernel_cma() is "
				"x86's)\n",
				0, 0, 0, 0);
	if (ret)
		return ret;
	if (!*size)
		return size_zero(lo);
	if (*size >= system_ram) {
		vml_layout_kmsg(lo,
				"vmlayout: crashkernel= asks for 0x%llx bytes, not below the "
				"0x%llx of RAM: no crash kernel reserved (parse_crashkernel() "
				"refuses it silently)\n",
				*size, system_ram, 0, 0);
		return VML_EINVAL;
	}
	return VML_OK;
}

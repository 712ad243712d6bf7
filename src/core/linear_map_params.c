/* SPDX-License-Identifier: MIT */
/*
 * DOC: the command-line parameters that decide how the linear map is
 * protected, rodata= and debug_pagealloc=, as each kernel version reads them
 *
 * The host keeps every "rodata" word as written (cfg->rodata_text[]);
 * which ones count is the arch's and version's business, given here as
 * handler bits (enum vml_early_word):
 *
 * - VML_EARLY_RODATA: init/main.c set_debug_rodata(), an early_param in
 *   v6.1 and v6.12: "on" and "off" exactly (strcmp), anything else (a bare
 *   word too, printed "(null)") gets "Invalid option string for rodata:
 *   '%s'" and changes nothing;
 * - VML_EARLY_RODATA_FULL: arm64's arch_parse_debug_rodata() first
 *   (asm/setup.h v6.1, v6.12): "full", "on", "off";
 * - VML_EARLY_RODATA_NOALIAS: arm64 v6.16+ (asm/setup.h, 7.2.13): "on"
 *   (now rodata_full), "off", "noalias"; "full" is gone, so it gets
 *   set_debug_rodata()'s warning and changes nothing;
 * - VML_EARLY_RODATA_SETUP: v5.10's __setup("rodata=") with strtobool():
 *   no message, an invalid value changes nothing.
 *
 * The last word the kernel takes wins; a rejected word after it does not
 * undo it.
 */
#include "vmlayout/layout_policy.h"

bool vml_kstrtobool(const char *s, bool true_false, bool *res)
{
	if (!s)
		return false;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return true;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return true;
	case 't':
	case 'T':
	case 'f':
	case 'F':
		if (true_false)
			*res = s[0] == 't' || s[0] == 'T';
		return true_false;
	case 'o':
	case 'O':
		if (s[1] != 'n' && s[1] != 'N' && s[1] != 'f' && s[1] != 'F')
			return false;
		*res = s[1] == 'n' || s[1] == 'N';
		return true;
	default:
		return false;
	}
}

/* Whether the handlers take rodata word @i, and the value they set. */
static bool rodata_word_taken(const struct vml_kernel_config *cfg, unsigned int i,
			      uint32_t handlers, unsigned int *value)
{
	static const struct {
		const char *text;
		uint32_t handler;
		unsigned int value;
	} words[] = {
	    {"noalias", VML_EARLY_RODATA_NOALIAS, VML_RODATA_NOALIAS},
	    {"full", VML_EARLY_RODATA_FULL, VML_RODATA_FULL},
	    {"on", VML_EARLY_RODATA_FULL | VML_EARLY_RODATA, VML_RODATA_ON},
	    {"off", VML_EARLY_RODATA_FULL | VML_EARLY_RODATA, VML_RODATA_OFF},
	};
	const char *text = cfg->rodata_text[i];
	bool on;

	if (cfg->rodata_bare[i])
		return false;
	for (unsigned int k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if ((handlers & words[k].handler) && vml_str_eq(text, words[k].text)) {
			*value = words[k].value;
			return true;
		}
	if (!(handlers & VML_EARLY_RODATA_SETUP) || !vml_kstrtobool(text, false, &on))
		return false;
	*value = on ? VML_RODATA_ON : VML_RODATA_OFF;
	return true;
}

unsigned int vml_rodata_effective(const struct vml_kernel_config *cfg, uint32_t handlers)
{
	unsigned int value = VML_RODATA_NONE;

	for (unsigned int i = 0; i < cfg->n_rodata && i < VML_MAX_RODATA_WORDS; i++)
		rodata_word_taken(cfg, i, handlers, &value);
	return value;
}

bool vml_rodata_word_warns(const struct vml_kernel_config *cfg, unsigned int i, uint32_t handlers)
{
	unsigned int value;

	return (handlers & VML_EARLY_RODATA) && i < cfg->n_rodata &&
	       !rodata_word_taken(cfg, i, handlers, &value);
}

/* debug_pagealloc_enabled() (include/linux/mm.h v6.1, v6.12):
 * IS_ENABLED(CONFIG_DEBUG_PAGEALLOC) && _debug_pagealloc_enabled_early,
 * which starts as DEBUG_PAGEALLOC_ENABLE_DEFAULT and which
 * early_debug_pagealloc() sets from the command line. */
bool vml_debug_pagealloc_enabled(const struct vml_kernel_config *cfg)
{
	if (!cfg->debug_pagealloc_config)
		return false;
	return cfg->debug_pagealloc_set ? cfg->debug_pagealloc : cfg->debug_pagealloc_default;
}

void vml_debug_pagealloc_note(struct vml_layout *lo, const struct vml_kernel_config *cfg)
{
	if (cfg->debug_pagealloc_param && !cfg->debug_pagealloc_config)
		vml_layout_kmsg(lo,
				"vmlayout: debug_pagealloc= is ignored: the kernel has no such "
				"parameter without CONFIG_DEBUG_PAGEALLOC (--set "
				"DEBUG_PAGEALLOC=y)\n",
				0, 0, 0, 0);
}

/* SPDX-License-Identifier: MIT */
/*
 * DOC: text output from the freestanding core: a sink the caller supplies
 *
 * The core prints nothing itself (no stdio). Where it produces text (the
 * kernel's kernel_page_tables lines), it writes through a sink: a callback
 * that takes a piece of text, and its argument. The host layer's sink is
 * fwrite() to a FILE (src/host/ptdump_file.c); a bootloader's may be its
 * UART. The helpers below format the few shapes the kernel's printk uses
 * there: strings, characters, zero-padded hex ("%016lx") and right-aligned
 * decimal ("%9lu").
 */
#ifndef VMLAYOUT_TEXT_SINK_H
#define VMLAYOUT_TEXT_SINK_H

#include "env.h"

/**
 * struct vml_text_sink - where text goes
 * @write: called with @len bytes of text (not NUL-terminated, @len >= 1)
 * @arg: passed back to @write
 */
struct vml_text_sink {
	void (*write)(void *arg, const char *text, size_t len);
	void *arg;
};

/* @s, without its NUL. */
void vml_sink_str(const struct vml_text_sink *out, const char *s);
/* One character. */
void vml_sink_char(const struct vml_text_sink *out, char c);
/* @value in lower-case hex, zero-padded to @digits (printf "%0*llx"; more
 * digits if the value needs them; @digits <= 16). */
void vml_sink_hex(const struct vml_text_sink *out, uint64_t value, unsigned int digits);
/* @value in decimal, right-aligned in @width columns (printf "%*llu";
 * @width <= 20). */
void vml_sink_udec(const struct vml_text_sink *out, uint64_t value, unsigned int width);

#endif

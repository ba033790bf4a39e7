/*
 * escape.h: the escaping of render.h appended to a caller's buffer, for front ends that build
 * documents piece by piece (the report). The caller owns the buffer; nothing else is allocated.
 */
#ifndef CS_RENDER_ESCAPE_H
#define CS_RENDER_ESCAPE_H

#include "clusterscope/render.h"
#include "util/buf.h"

#include <stddef.h>

/* Appends s (NULL is "") escaped for ctx. 0 or CS_ENOMEM. */
int cs_render_put(cs_buf *b, const char *s, cs_render_context ctx);
/* Appends at most max_chars characters (UTF-8) of s, escaped for XML, with "…" when cut;
 * *cut receives 1 when it was cut. 0 or CS_ENOMEM. */
int cs_render_put_short(cs_buf *b, const char *s, size_t max_chars, int *cut);
/* Number of UTF-8 characters in s (NULL is 0). */
size_t cs_render_utf8_len(const char *s);

#endif

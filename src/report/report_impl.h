/*
 * report_impl.h: what the files of src/report share. Buffers belong to the caller.
 */
#ifndef CS_REPORT_IMPL_H
#define CS_REPORT_IMPL_H

#include "clusterscope/report.h"
#include "util/buf.h"

/* Appends s escaped for context ctx (HTML text and attributes, SVG/XML, Markdown, CSV cell). */
int cs_report_put(cs_buf *b, const char *s, cs_report_context ctx);
/* Appends at most max_chars characters (UTF-8) of s, escaped for XML, with "…" when cut;
 * *cut receives 1 when it was cut. */
int cs_report_put_short(cs_buf *b, const char *s, size_t max_chars, int *cut);
/* Number of UTF-8 characters in s. */
size_t cs_report_utf8_len(const char *s);

#endif

/*
 * buf.h: a growable byte buffer that always keeps a NUL after its contents.
 * The caller owns a cs_buf and releases its memory with cs_buf_free().
 */
#ifndef CS_UTIL_BUF_H
#define CS_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated when cap > 0; NULL before the first append */
    size_t len;
    size_t cap;
} cs_buf;

#define CS_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Each returns 0 or CS_ENOMEM (with the error message set). */
int cs_buf_reserve(cs_buf *b, size_t extra);
int cs_buf_append(cs_buf *b, const void *data, size_t len);
int cs_buf_puts(cs_buf *b, const char *s);
int cs_buf_putc(cs_buf *b, char c);
int cs_buf_printf(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap);
void cs_buf_reset(cs_buf *b);
void cs_buf_free(cs_buf *b);
/*
 * Appends the whole file at `path`, of at most max_bytes; afterwards b->data is never NULL.
 * Reads no more than max_bytes + 1 bytes, so a pipe or a device (/dev/zero) is refused as soon
 * as it is too long. CS_EDATA "PATH: expected WHAT of at most 16 MiB, found a larger one" (what:
 * "a method file"), CS_ENOTFOUND when the file does not exist, CS_EIO when it cannot be read,
 * CS_ENOMEM.
 */
int cs_buf_read_file(cs_buf *b, const char *path, size_t max_bytes, const char *what);
/* A size for messages: "16 MiB", "1 GiB", "1000 bytes" (the largest unit that divides it). */
void cs_format_size(char *out, size_t cap, unsigned long long bytes);
/* The contents as a string ("" for an empty buffer that never grew). */
const char *cs_buf_str(const cs_buf *b);

#endif

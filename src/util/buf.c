#include "util/buf.h"

#include "clusterscope/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_buf_reserve(cs_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return cs_error_set(CS_ENOMEM, "out of memory growing a buffer");
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return cs_error_set(CS_ENOMEM, "out of memory growing a buffer to %zu bytes", cap);
    b->data = p;
    b->cap = cap;
    return 0;
}

int cs_buf_append(cs_buf *b, const void *data, size_t len)
{
    int rc = cs_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int cs_buf_puts(cs_buf *b, const char *s)
{
    return cs_buf_append(b, s, strlen(s));
}

int cs_buf_putc(cs_buf *b, char c)
{
    return cs_buf_append(b, &c, 1);
}

int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return cs_error_set(CS_ERROR, "bad format string");
    int rc = cs_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int cs_buf_printf(cs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cs_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void cs_buf_reset(cs_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void cs_buf_free(cs_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *cs_buf_str(const cs_buf *b)
{
    return b->data ? b->data : "";
}

int cs_buf_read_file(cs_buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cs_error_set(errno == ENOENT ? CS_ENOTFOUND : CS_EIO, "%s: cannot open: %s", path,
                            strerror(errno));
    char chunk[65536];
    size_t n;
    int rc = cs_buf_reserve(b, 0);
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = cs_buf_append(b, chunk, n);
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    return rc;
}

#include "util/buf.h"

#include "clusterscope/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

void cs_format_size(char *out, size_t cap, unsigned long long bytes)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
    size_t u = 0;
    while (u + 1 < sizeof units / sizeof units[0] && bytes >= 1024 && bytes % 1024 == 0) {
        bytes /= 1024;
        u++;
    }
    snprintf(out, cap, "%llu %s", bytes, units[u]);
}

int cs_buf_read_file(cs_buf *b, const char *path, size_t max_bytes, const char *what)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cs_error_set(errno == ENOENT ? CS_ENOTFOUND : CS_EIO, "%s: cannot open: %s", path,
                            strerror(errno));
    /* A regular file says its size: refuse at once, or take the memory in one step. Anything
     * else (a pipe, a device) is read until max_bytes + 1 bytes show it is too long. */
    struct stat st;
    size_t start = b->len;
    int rc = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
        if ((unsigned long long)st.st_size > max_bytes)
            rc = CS_EDATA;
        else
            rc = cs_buf_reserve(b, (size_t)st.st_size);
    } else {
        rc = cs_buf_reserve(b, 0);
    }
    char chunk[65536];
    while (!rc) {
        size_t room = max_bytes - (b->len - start) + 1; /* one byte more shows a longer file */
        size_t n = fread(chunk, 1, room < sizeof chunk ? room : sizeof chunk, f);
        if (n == 0)
            break;
        if (b->len - start + n > max_bytes)
            rc = CS_EDATA;
        else
            rc = cs_buf_append(b, chunk, n);
    }
    if (rc == CS_EDATA) {
        char limit[32];
        cs_format_size(limit, sizeof limit, max_bytes);
        rc = cs_error_set(CS_EDATA, "%s: expected %s of at most %s, found a larger one", path, what,
                          limit);
    } else if (!rc && ferror(f)) {
        rc = cs_error_set(CS_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    fclose(f);
    return rc;
}

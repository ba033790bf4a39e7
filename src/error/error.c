#include "clusterscope/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* One message per thread: OpenMP kernels may fail on worker threads. */
static _Thread_local char last_message[2048];
static _Thread_local int last_code;
static _Thread_local cs_advice last_advice;

const char *cs_error_last(void)
{
    return last_message;
}

int cs_error_last_code(void)
{
    return last_code;
}

void cs_error_clear(void)
{
    last_message[0] = '\0';
    last_code = CS_OK;
    last_advice = CS_ADVICE_NONE;
}

int cs_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last_code = code;
    last_advice = CS_ADVICE_NONE;
    return code;
}

int cs_error_advise(cs_advice advice)
{
    last_advice = advice;
    return last_code;
}

cs_advice cs_error_advice(void)
{
    return last_advice;
}

static void quote_found(char *out, size_t cap, const char *found)
{
    size_t o = 0;
    size_t shown = 0;
    const unsigned char *p = (const unsigned char *)found;
    if (!found) {
        snprintf(out, cap, "nothing");
        return;
    }
    out[o++] = '"';
    for (; *p && o + 8 < cap; p++) {
        if (shown >= 60) {
            o += (size_t)snprintf(out + o, cap - o, "...");
            break;
        }
        if (*p < 0x20 || *p == 0x7f) {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", *p);
        } else {
            out[o++] = (char)*p;
        }
        /* count characters, not UTF-8 continuation bytes */
        if ((*p & 0xC0) != 0x80)
            shown++;
    }
    out[o++] = '"';
    out[o] = '\0';
}

int cs_error_data(const char *file, long line, long column, const char *expected, const char *found)
{
    char where[512];
    char shown[400];
    if (line > 0 && column > 0)
        snprintf(where, sizeof where, "%s:%ld:%ld", file ? file : "<input>", line, column);
    else if (line > 0)
        snprintf(where, sizeof where, "%s:%ld", file ? file : "<input>", line);
    else
        snprintf(where, sizeof where, "%s", file ? file : "<input>");
    if (found && found[0] == '\0')
        snprintf(shown, sizeof shown, "an empty value");
    else
        quote_found(shown, sizeof shown, found);
    return cs_error_set(CS_EDATA, "%s: expected %s, found %s", where, expected, shown);
}

int cs_error_wrap(const char *fmt, ...)
{
    char prefix[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return last_code;
    size_t plen = strlen(prefix);
    memcpy(prefix + plen, ": ", 3);
    plen += 2;
    size_t mlen = strnlen(last_message, sizeof last_message - 1);
    if (plen + mlen >= sizeof last_message)
        mlen = sizeof last_message - 1 - plen;
    memmove(last_message + plen, last_message, mlen);
    memcpy(last_message, prefix, plen);
    last_message[plen + mlen] = '\0';
    return last_code;
}

int cs_error_exit_status(int code)
{
    switch (code) {
    case CS_OK:
        return 0;
    case CS_EUSAGE:
        return 2;
    case CS_EDATA:
        return 3;
    case CS_EPERM:
        return 4;
    case CS_ECONFLICT:
        return 5;
    default:
        return 1;
    }
}

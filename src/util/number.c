#include "util/number.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "inf", "infinity" or "nan", signed or not, any case: what strtod() would read as non-finite. */
static int nonfinite_word(const char *s, size_t len)
{
    if (len && (*s == '+' || *s == '-')) {
        s++;
        len--;
    }
    return (len == 3 && (strncasecmp(s, "inf", 3) == 0 || strncasecmp(s, "nan", 3) == 0)) ||
           (len == 8 && strncasecmp(s, "infinity", 8) == 0);
}

int cs_number_read(double *out, const char *s, size_t len, int comma)
{
    /* sign? digits [sep digits] ([eE] sign? digits)?, with a digit before or after sep */
    char tmp[128];
    if (len == 0 || len >= sizeof tmp)
        return CS_NUMBER_NOT;
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    for (; i < len && is_digit(s[i]); i++)
        digits++;
    size_t sep = len;
    if (i < len && (s[i] == '.' || (comma && s[i] == ','))) {
        sep = i++;
        for (; i < len && is_digit(s[i]); i++)
            digits++;
    }
    if (digits && i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp_digits = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < len && is_digit(s[i]); i++)
            exp_digits++;
        if (!exp_digits)
            return CS_NUMBER_NOT;
    }
    if (!digits || i != len)
        return nonfinite_word(s, len) ? CS_NUMBER_NONFINITE : CS_NUMBER_NOT;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    if (sep < len)
        tmp[sep] = '.';
    errno = 0;
    double v = strtod(tmp, NULL);
    /* ERANGE: beyond a double, or so small that it would read as 0 (or lose its digits) */
    if (!isfinite(v) || errno == ERANGE)
        return CS_NUMBER_NONFINITE;
    *out = v;
    return CS_NUMBER_OK;
}

int cs_number_read_whole(long long *out, const char *s, size_t len, long long min, long long max)
{
    char tmp[32];
    size_t i = len && (s[0] == '+' || s[0] == '-');
    if (i == len)
        return CS_NUMBER_NOT;
    for (size_t k = i; k < len; k++)
        if (!is_digit(s[k]))
            return CS_NUMBER_NOT;
    /* leading zeros say nothing: drop them, so that a long run of them is no overflow */
    size_t first = i;
    while (first + 1 < len && s[first] == '0')
        first++;
    if (len - first >= sizeof tmp - 1)
        return CS_NUMBER_RANGE;
    size_t n = 0;
    if (s[0] == '-')
        tmp[n++] = '-';
    memcpy(tmp + n, s + first, len - first);
    tmp[n + len - first] = '\0';
    errno = 0;
    long long v = strtoll(tmp, NULL, 10);
    if (errno == ERANGE || v < min || v > max)
        return CS_NUMBER_RANGE;
    *out = v;
    return CS_NUMBER_OK;
}

int cs_format_double(char *out, size_t cap, double v)
{
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        snprintf(tmp, sizeof tmp, "%.17g", v);
    return snprintf(out, cap, "%s", tmp);
}

int cs_number_localise(char *out, size_t cap, const char *plain, int russian)
{
    if (strspn(plain, "-0123456789.") != strlen(plain) || strlen(plain) > 60)
        return snprintf(out, cap, "%s", plain);
    const char *sep = russian ? "\xC2\xA0" : ",";
    size_t sep_len = strlen(sep), min_digits = russian ? 5 : 4;
    char res[160];
    size_t o = 0;
    const char *p = plain;
    if (*p == '-')
        res[o++] = *p++;
    size_t int_len = strcspn(p, ".");
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0 && int_len >= min_digits) {
            memcpy(res + o, sep, sep_len);
            o += sep_len;
        }
        res[o++] = p[i];
    }
    p += int_len;
    if (*p == '.') {
        res[o++] = russian ? ',' : '.';
        for (p++; *p; p++)
            res[o++] = *p;
    }
    res[o] = '\0';
    return snprintf(out, cap, "%s", res);
}

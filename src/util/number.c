#include "util/number.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
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

/* 10^0 .. 10^22: every one is a double exactly (5^22 < 2^53). */
static const double exact_pow10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

int cs_number_read_plain(double *out, const char *s, size_t len, int comma)
{
    /*
     * Clinger's fast path: when the digits, read as a whole number w, are at most 2^53 and the
     * power of ten p is within [-22, 22], both w and 10^|p| are doubles exactly, so one
     * multiplication or division, rounded once by IEEE 754 (round to nearest, no excess
     * precision: FLT_EVAL_METHOD 0), gives the correctly rounded value strtod() gives.
     * The form is that of cs_number_read(), including its length limit; anything else is
     * left to it.
     */
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
    (void)out, (void)s, (void)len, (void)comma;
    return 0;
#else
    if (len == 0 || len >= 128)
        return 0;
    const char *p = s, *end = s + len;
    int neg = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    /* at most 19 digits in all (leading zeros too): w cannot overflow 64 bits */
    uint64_t w = 0;
    const char *first = p;
    unsigned d;
    while (p < end && (d = (unsigned)(unsigned char)*p - '0') < 10) {
        w = w * 10 + d;
        p++;
    }
    size_t digits = (size_t)(p - first);
    long frac = 0;
    if (p < end && (*p == '.' || (comma && *p == ','))) {
        const char *f = ++p;
        while (p < end && (d = (unsigned)(unsigned char)*p - '0') < 10) {
            w = w * 10 + d;
            p++;
        }
        frac = (long)(p - f);
        digits += (size_t)frac;
    }
    if (digits == 0 || digits > 19)
        return 0;
    long e = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int eneg = p < end && *p == '-';
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end)
            return 0;
        while (p < end && (d = (unsigned)(unsigned char)*p - '0') < 10) {
            if (e < 100000)
                e = e * 10 + (long)d;
            p++;
        }
        if (eneg)
            e = -e;
    }
    if (p != end || w > ((uint64_t)1 << 53))
        return 0;
    e -= frac;
    if (e < -22 || e > 22)
        return 0;
    double v = (double)w;
    v = e < 0 ? v / exact_pow10[-e] : v * exact_pow10[e];
    *out = neg ? -v : v;
    return 1;
#endif
}

int cs_number_read(double *out, const char *s, size_t len, int comma)
{
    if (cs_number_read_plain(out, s, len, comma))
        return CS_NUMBER_OK;
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
    if (len - first <= 18) { /* below 10^18: no overflow, no strtoll (a year on every row) */
        long long v = 0;
        for (size_t k = first; k < len; k++)
            v = v * 10 + (s[k] - '0');
        if (s[0] == '-')
            v = -v;
        if (v < min || v > max)
            return CS_NUMBER_RANGE;
        *out = v;
        return CS_NUMBER_OK;
    }
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
    /* whole numbers below 1e15 (a third of a large LQ table is 0) print as %.15g would, without
     * the cost of a floating-point printf; -0 keeps its sign through the slow path */
    if (fabs(v) < 1e15 && v == (double)(long long)v && !(v == 0 && signbit(v)))
        return snprintf(out, cap, "%lld", (long long)v);
    char tmp[40];
    int n = snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        n = snprintf(tmp, sizeof tmp, "%.17g", v);
    if (cap) {
        size_t m = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
        memcpy(out, tmp, m);
        out[m] = '\0';
    }
    return n;
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

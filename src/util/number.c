#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

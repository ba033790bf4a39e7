#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>

int cs_format_double(char *out, size_t cap, double v)
{
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        snprintf(tmp, sizeof tmp, "%.17g", v);
    return snprintf(out, cap, "%s", tmp);
}

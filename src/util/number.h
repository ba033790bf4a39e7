/*
 * number.h: writing numbers as text that reads back to the same double. Plain data in and out;
 * nothing is allocated.
 */
#ifndef CS_UTIL_NUMBER_H
#define CS_UTIL_NUMBER_H

#include <stddef.h>

/* The shortest of "%.15g" and "%.17g" that strtod() reads back exactly ("0.1", not
 * "0.10000000000000001"). Returns what snprintf returns. */
int cs_format_double(char *out, size_t cap, double v);

#endif

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

/*
 * A plain decimal ("-1234567.5", as printf writes it) in a reader's style: English groups
 * thousands from 1,000 with commas and keeps the point; Russian (russian = 1) groups from
 * 10 000 with no-break spaces (U+00A0), as Russian typesetting does, and writes a decimal
 * comma. Text that is not a plain decimal (exponent, inf, nan) is copied as it is. Returns what
 * snprintf returns.
 */
int cs_number_localise(char *out, size_t cap, const char *plain, int russian);

#endif

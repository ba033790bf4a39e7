/*
 * number.h: reading numbers from text by one rule for every input, and writing them as text that
 * reads back to the same double. Plain data in and out; nothing is allocated.
 */
#ifndef CS_UTIL_NUMBER_H
#define CS_UTIL_NUMBER_H

#include <stddef.h>

/* What cs_number_read() and cs_number_read_whole() found. */
enum {
    CS_NUMBER_OK = 0,
    CS_NUMBER_NOT = -1,       /* not a number in the accepted form */
    CS_NUMBER_NONFINITE = -2, /* inf, infinity or nan (any case, signed or not), or a number a
                               * double cannot hold (1e400, and 1e-400, which would read as 0) */
    CS_NUMBER_RANGE = -3      /* cs_number_read_whole(): a whole number outside [min, max] */
};

/*
 * Reads a decimal number written in full, the first `len` bytes of `s`: an optional sign, digits
 * with at most one decimal separator (at least one digit in all), an optional exponent ("1.5e9").
 * Nothing else: no spaces, no digit grouping, no hexadecimal ("0x10"), no inf or nan. The
 * separator is a point, or with `comma` also a comma ("55,75", as spreadsheets in Russian write
 * it). Returns CS_NUMBER_OK with *out set, CS_NUMBER_NOT or CS_NUMBER_NONFINITE.
 */
int cs_number_read(double *out, const char *s, size_t len, int comma);

/*
 * cs_number_read()'s fast path, for tests: 1 and *out set when the text is a number of that
 * form whose digits make a whole number of at most 2^53 and whose power of ten lies within
 * [-22, 22] ("-12.3456", "1234", "5e3"): then *out is the correctly rounded value, bit for bit
 * the one strtod() gives. 0 when it cannot tell (anything else); cs_number_read() decides.
 */
int cs_number_read_plain(double *out, const char *s, size_t len, int comma);

/*
 * Reads a whole number written in decimal digits with an optional sign ("7", "+7", "007",
 * "-12"): no spaces, no point, no exponent, no hexadecimal or octal reading ("010" is ten).
 * Returns CS_NUMBER_OK with *out set, CS_NUMBER_NOT, or CS_NUMBER_RANGE when it lies outside
 * [min, max] (also when it does not fit a long long).
 */
int cs_number_read_whole(long long *out, const char *s, size_t len, long long min, long long max);

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

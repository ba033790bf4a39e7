/*
 * textout.h: the text output of data values that every writer uses: CSV cells, JSON values and
 * plain text for a terminal, appended to a caller's cs_buf (the caller owns and frees it;
 * nothing else is allocated). The appending functions return 0 or CS_ENOMEM.
 *
 * One policy for every writer, so that the same hostile string is made safe the same way
 * wherever it goes:
 * - Invalid UTF-8 is written as U+FFFD (so output is always valid UTF-8).
 * - CSV text cells (cs_textout_csv_text): a cell starting with '=', '+', '-', '@', tab or CR
 *   gets a leading apostrophe, so that spreadsheets show it as text instead of running it as a
 *   formula (formula injection); '"' is doubled; tab, LF and CR are kept (the cell is quoted
 *   when it holds ',', '"', CR or LF); every other control byte (0x00-0x1F, 0x7F) is written as
 *   the four characters \xNN, as error messages show them. Numbers written with the number
 *   functions are not text cells: "-1" from cs_textout_csv_int() stays a number.
 * - JSON strings (cs_textout_json_string): '"', '\\', LF, CR and tab as \", \\, \n, \r, \t;
 *   every other control byte as \u00NN.
 * - Workbook string cells (cs_textout_sheet_text): as CSV text cells, unquoted and without the
 *   apostrophe (a string cell is never a formula).
 * - Plain text (cs_textout_plain): control bytes as spaces.
 *
 * The one exception is CS_CSV_EXACT, for export (data interchange between registries, not a
 * spreadsheet: the report's CSV and XLSX are the spreadsheet outputs). Export then import must
 * give back every byte of every text, so an exact cell has no formula guard and keeps every
 * control byte as it is; it is quoted whenever the CSV reader (src/ingest/csv_reader.c) would
 * otherwise read it differently: when it holds ',', '"', CR or LF, or starts or ends with a
 * space or tab (an unquoted cell loses those); '"' is doubled. Only invalid UTF-8 is still
 * written as U+FFFD: the reader refuses it (or reads the whole file as Windows-1251), and no
 * import stores it.
 *
 * Writing a CSV file: one cs_textout_csv_* call per cell with ',' between cells and the line
 * end of the format after the last; a writer that quotes every cell passes
 * CS_CSV_QUOTE_ALWAYS to every call, numbers included. Streaming to a FILE: append rows to a
 * cs_buf and hand it to cs_textout_flush() now and then (every row, or every 32 KiB):
 *
 *     cs_buf b = CS_BUF_INIT;
 *     int rc = 0;
 *     for (size_t i = 0; i < n && !rc; i++) {
 *         rc = cs_textout_csv_text(&b, key[i], 0);            // text: guarded, quoted if needed
 *         rc = rc ? rc : cs_textout_putc(&b, ',');
 *         rc = rc ? rc : cs_textout_csv_int(&b, points[i], 0); // a number: never guarded
 *         rc = rc ? rc : cs_textout_putc(&b, '\n');
 *         if (!rc && b.len >= 32768)
 *             rc = cs_textout_flush(&b, f);
 *     }
 *     rc = rc ? rc : cs_textout_flush(&b, f);
 *     cs_buf_free(&b);
 *
 * A JSON writer writes each value with cs_textout_json_*, and its punctuation itself or with
 * cs_jsonw (below), which lays a document out as jansson does.
 */
#ifndef CS_UTIL_TEXTOUT_H
#define CS_UTIL_TEXTOUT_H

#include "util/buf.h"

#include <stddef.h>
#include <stdio.h>

/* ------------------------------------------------------------------------------------------ */
/* CSV cells                                                                                   */

/* Flags of the CSV functions. */
enum {
    CS_CSV_QUOTE_ALWAYS = 1 << 0, /* quote the cell even when nothing in it needs quotes */
    CS_CSV_EXACT = 1 << 1 /* export only: every byte kept, no guard, quoted when the reader would
                             lose or split something (see the top of this file) */
};

/* A text cell (s NULL is ""): the guard against formulas, quotes when needed (with CS_CSV_EXACT:
 * the text as it is, quoted when needed). "" is an empty cell (nothing, or "" with
 * CS_CSV_QUOTE_ALWAYS). */
int cs_textout_csv_text(cs_buf *b, const char *s, unsigned flags);
/* A whole number. */
int cs_textout_csv_int(cs_buf *b, long long v, unsigned flags);
/* A number with `decimals` decimals ("%.*f"); NaN is an empty cell. */
int cs_textout_csv_fixed(cs_buf *b, double v, int decimals, unsigned flags);
/* The text of a workbook's string cell (XLSX), which a spreadsheet never runs as a formula:
 * the CSV policy for control bytes and invalid UTF-8, without quotes or the apostrophe. */
int cs_textout_sheet_text(cs_buf *b, const char *s);

/* ------------------------------------------------------------------------------------------ */
/* JSON values                                                                                 */

/* A JSON string, quotes included; s NULL is null. */
int cs_textout_json_string(cs_buf *b, const char *s);
/* A whole number. */
int cs_textout_json_int(cs_buf *b, long long v);
/* A number that reads back to the same double ("%.17g": 2, 0.10000000000000001); NaN and the
 * infinities (no JSON number) are null. */
int cs_textout_json_double(cs_buf *b, double v);
/* The same, always written as a real: "2.0", "1e-5" (a dot or an exponent, no '+' and no
 * leading zeros in the exponent), as jansson writes reals. */
int cs_textout_json_real(cs_buf *b, double v);

/* ------------------------------------------------------------------------------------------ */
/* JSON documents                                                                              */

#define CS_JSONW_MAX_DEPTH 32

/*
 * A JSON document written value by value, laid out as jansson's json_dumps() lays it out (so a
 * writer that moved off jansson keeps its bytes): with `indent` > 0 every member and element on
 * a line of its own, indented by `indent` spaces per level, members as "key": value; with
 * indent 0 compact, {"key":value,"k":[1,2]}. An empty object or array is {} or []. Strings
 * and numbers by cs_textout_json_*; NULL strings are null.
 *
 * Each value call takes the key of the member it writes in an object (NULL for an element of
 * an array, and for the document itself). The first error sticks in `rc`: later calls do
 * nothing. With a stream `f`, the buffer is handed to it whenever it holds 32 KiB at the close
 * of an object or array; the caller flushes the rest.
 *
 *     cs_jsonw w;
 *     cs_jsonw_init(&w, &b, 2, f);
 *     cs_jsonw_open(&w, NULL, '{');
 *     cs_jsonw_string(&w, "format", "clusterscope-report");
 *     cs_jsonw_open(&w, "items", '[');
 *     cs_jsonw_int(&w, NULL, 1);
 *     cs_jsonw_close(&w, ']');
 *     cs_jsonw_close(&w, '}');
 */
typedef struct {
    cs_buf *b;
    FILE *f; /* NULL: everything stays in b */
    int indent;
    int depth;                                   /* open objects and arrays */
    unsigned char empty[CS_JSONW_MAX_DEPTH + 1]; /* nothing written yet at this depth */
    int rc;
} cs_jsonw;

void cs_jsonw_init(cs_jsonw *w, cs_buf *b, int indent, FILE *f);
/* Starts the member `key` of the open object, or the next element of the open array (key
 * NULL), or nothing at the top; the caller then appends the value itself. */
void cs_jsonw_key(cs_jsonw *w, const char *key);
/* Opens an object ('{') or an array ('[') as the value of `key`; close it with '}' or ']'. */
void cs_jsonw_open(cs_jsonw *w, const char *key, char bracket);
void cs_jsonw_close(cs_jsonw *w, char bracket);
void cs_jsonw_string(cs_jsonw *w, const char *key, const char *s);
void cs_jsonw_int(cs_jsonw *w, const char *key, long long v);
/* A real as jansson writes it (cs_textout_json_real): NaN and the infinities are null. */
void cs_jsonw_real(cs_jsonw *w, const char *key, double v);
/* A number as a reader of counts and amounts expects it: null when not finite, an integer when
 * whole (below 9e15), else the shortest text that reads back to v (cs_format_double). */
void cs_jsonw_number(cs_jsonw *w, const char *key, double v);
void cs_jsonw_null(cs_jsonw *w, const char *key);
void cs_jsonw_bool(cs_jsonw *w, const char *key, int v);

/* ------------------------------------------------------------------------------------------ */
/* Plain text and UTF-8                                                                        */

/* s (NULL is "") as text for a terminal or a log: control bytes as spaces. */
int cs_textout_plain(cs_buf *b, const char *s);
/* Decodes one character of s (at least one byte before the NUL); returns its length in bytes:
 * 1 with *cp = U+FFFD for a byte that starts no valid UTF-8 sequence. */
size_t cs_textout_utf8_next(const char *s, unsigned *cp);
/* Appends code point cp as UTF-8. */
int cs_textout_codepoint(cs_buf *b, unsigned cp);

/* Appends one byte; the inline form of cs_buf_putc() for writers that append many. */
static inline int cs_textout_putc(cs_buf *b, char c)
{
    if (b->len + 2 > b->cap) {
        int rc = cs_buf_reserve(b, 1);
        if (rc)
            return rc;
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

/* Writes the contents of b to f and empties b. CS_EIO (with the message) when f fails. */
int cs_textout_flush(cs_buf *b, FILE *f);

#endif

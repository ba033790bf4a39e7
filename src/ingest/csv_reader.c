/*
 * csv_reader.c: the streaming CSV reader (see csv_reader.h for what it accepts).
 *
 * Pipeline: bytes are read in chunks into `raw`; a "view" of at most one chunk is cut from it
 * (as is for UTF-8, never splitting a UTF-8 sequence; decoded into `dec` for Windows-1251);
 * the view is scanned for line ends, NUL and (for UTF-8) invalid sequences, and fed to libcsv
 * one physical line at a time. Feeding line by line is what lets us know the physical line of
 * every libcsv callback: a record can only end at the last byte of a segment. A whole line
 * that starts a record and holds no quote at all is split here instead (libcsv's per-byte
 * state machine is the bottleneck); anything with a quote, or a partial line, goes to libcsv.
 *
 * Invariants that keep results independent of the chunk size (the fuzz target checks this):
 * the encoding is decided from the same 64 KiB whatever the chunking, the delimiter from the
 * same header bytes, and error messages quote only bytes that are already fed or read on
 * purpose.
 */
#include "ingest/csv_reader.h"

#include "clusterscope/error.h"
#include "util/buf.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_CHUNK      (256u * 1024)
#define DEFAULT_MAX_FIELD  (1u << 20)
#define DEFAULT_MAX_RECORD (16u << 20)
#define DEFAULT_MAX_FIELDS 16384u
#define HEADER_SCAN_MAX    (1u << 20) /* bytes looked at to find the header line */
#define DECIDE_SAMPLE      (64u * 1024)
#define SEGMENT_MAX        (64u * 1024) /* so a runaway field is noticed within this many bytes */
#define LIBCSV_BLOCK       4096u        /* first size of libcsv's field buffer; it then doubles */
#define CONTEXT_BYTES      24           /* of the current field, quoted before a bad byte */
#define BAD_BYTES_SHOWN    8

/* libcsv's parser states (libcsv.c); csv.h exposes `pstate` but not the names. */
#define LIBCSV_ROW_NOT_BEGUN          0
#define LIBCSV_FIELD_MIGHT_HAVE_ENDED 3

enum { STOP_LIMIT, STOP_LINE_END, STOP_NUL, STOP_BAD_UTF8 };

struct cs_csv_reader {
    char *name;
    int fd; /* -1 for a memory reader */
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    int eof; /* the source returned no more bytes */
    unsigned long long offset;
    unsigned long long limit; /* bytes of the range to read; 0 = to the end of the input */

    size_t chunk, max_field, max_record, max_fields;
    cs_csv_encoding want; /* as asked */
    cs_csv_encoding enc;  /* in use; AUTO while every byte so far was ASCII */
    char delim;

    /* raw[raw_pos, raw_len) are read but not yet cut into a view */
    unsigned char *raw;
    size_t raw_pos, raw_len, raw_cap;
    unsigned char *dec; /* Windows-1251 decoded to UTF-8 */
    size_t dec_cap;
    const unsigned char *view;
    size_t view_len, view_pos;
    int pending_bad; /* the view stops before a byte Windows-1251 does not define */
    unsigned char pending_byte;

    struct csv_parser parser;
    int parser_ready;
    long line; /* physical line of the next byte fed */
    int prev_cr;
    long seg_line;    /* physical line of the segment being fed */
    long record_line; /* where the current record starts */
    long field_line;  /* where the current field starts */

    /* the current record: field i is text.data + offs[i], NUL-terminated */
    cs_buf text;
    size_t *offs;
    size_t *lens;
    const char **ptrs;
    size_t nfields, fields_cap;
    cs_csv_row row;
    int row_ready;

    int err; /* sticky failure code */
    int done;
    unsigned long long rows;
};

/*
 * 1: ends a segment (NUL, LF, CR); 2: starts a multibyte UTF-8 sequence, to be validated;
 * 4: a quote, noted so that lines without any go around libcsv.
 */
static const unsigned char byte_class[256] = {
    [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 4, [0x80 ... 0xFF] = 2,
};

#define ONES8  0x0101010101010101ull
#define HIGHS8 0x8080808080808080ull

/* Nonzero when one of the 8 bytes in w may have a byte_class (a few false alarms are fine). */
static inline uint64_t maybe_special8(uint64_t w)
{
    uint64_t below_0e = (w - ONES8 * 0x0E) & ~w & HIGHS8;
    uint64_t x = w ^ (ONES8 * '"');
    uint64_t quote = (x - ONES8) & ~x & HIGHS8;
    return below_0e | quote | (w & HIGHS8);
}

/* Unicode code points of Windows-1251 bytes 0x80..0xFF; 0 where the code page has no char. */
static const unsigned short cp1251_high[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039,
    0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408,
    0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB,
    0x0458, 0x0405, 0x0455, 0x0457, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B,
    0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 character at s (before end), or 0 when it is invalid or cut. */
static size_t utf8_char_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    size_t avail = (size_t)(end - s);
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (avail < 3)
            return 0;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c < 0xF5) {
        if (avail < 4)
            return 0;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

/* Bytes a sequence starting with lead byte c should have (1 for ASCII and stray bytes). */
static size_t utf8_expected_len(unsigned char c)
{
    if (c >= 0xC0 && c < 0xE0)
        return 2;
    if (c >= 0xE0 && c < 0xF0)
        return 3;
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    return 1;
}

/* How many bytes at the end of s[0, n) start a sequence that the next bytes may complete. */
static size_t utf8_incomplete_tail(const unsigned char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = s[n - k];
        if (c < 0x80)
            return 0;
        if (c >= 0xC0)
            return utf8_expected_len(c) > k ? k : 0;
    }
    return 0;
}

/* Whether s[0, n) is valid UTF-8; when `cut`, a sequence cut by the end counts as valid. */
static int utf8_valid(const unsigned char *s, size_t n, int cut)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = utf8_char_len(s + i, s + n);
        if (len) {
            i += len;
            continue;
        }
        return cut && n - i < utf8_expected_len(s[i]);
    }
    return 1;
}

static size_t first_non_ascii(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* ---- Windows-1251 ---- */

static int cp1251_letter(unsigned char c)
{
    /* А..я, Ёё, and the Ukrainian and Belarusian letters Ўў Јј Ґґ Єє Її Іі */
    return c >= 0xC0 || c == 0xA8 || c == 0xB8 || c == 0xA1 || c == 0xA2 || c == 0xA5 ||
           c == 0xB4 || c == 0xAA || c == 0xBA || c == 0xAF || c == 0xBF || c == 0xB2 || c == 0xB3;
}

/* Punctuation that Russian text mixes with letters: … ‘ ’ “ ” „ • – — nbsp « » № ° § ± ©® € ™ */
static int cp1251_neutral(unsigned char c)
{
    switch (c) {
    case 0x84:
    case 0x85:
    case 0x88:
    case 0x91:
    case 0x92:
    case 0x93:
    case 0x94:
    case 0x95:
    case 0x96:
    case 0x97:
    case 0x99:
    case 0xA0:
    case 0xA7:
    case 0xA9:
    case 0xAB:
    case 0xAD:
    case 0xAE:
    case 0xB0:
    case 0xB1:
    case 0xB9:
    case 0xBB:
        return 1;
    default:
        return 0;
    }
}

static int ascii_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * Whether s[0, n) reads as Cyrillic text in Windows-1251: most bytes above 0x7F are Cyrillic
 * letters, and those letters stand next to each other or to spaces and punctuation, not glued
 * to Latin letters as the accented letters of Latin-1 text are ("Zürich", "café").
 */
static int looks_cp1251(const unsigned char *s, size_t n)
{
    size_t letters = 0, other = 0, glued = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x80)
            continue;
        if (cp1251_letter(c)) {
            letters++;
            if ((i > 0 && ascii_letter(s[i - 1])) || (i + 1 < n && ascii_letter(s[i + 1])))
                glued++;
        } else if (!cp1251_neutral(c)) {
            other++;
        }
    }
    return letters > 0 && other * 10 <= letters && glued * 5 <= letters;
}

/* ---- input ---- */

static int grow_raw(cs_csv_reader *r, size_t need)
{
    if (need <= r->raw_cap)
        return 0;
    size_t cap = r->raw_cap ? r->raw_cap : 4096;
    while (cap < need)
        cap *= 2;
    unsigned char *p = realloc(r->raw, cap);
    if (!p)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", r->name);
    r->raw = p;
    r->raw_cap = cap;
    return 0;
}

/* Appends up to `want` bytes of input to raw (moving unread bytes to the front first). */
static int read_more(cs_csv_reader *r, size_t want)
{
    if (r->eof)
        return 0;
    if (r->fd < 0 && want > r->mem_len - r->mem_pos)
        want = r->mem_len - r->mem_pos; /* small inputs get small buffers */
    if (r->limit && want > r->limit - r->offset)
        want = (size_t)(r->limit - r->offset);
    if (r->raw_pos > 0) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
    }
    int rc = grow_raw(r, r->raw_len + want);
    if (rc)
        return rc;
    size_t got;
    if (r->fd >= 0) {
        ssize_t n;
        do
            n = read(r->fd, r->raw + r->raw_len, want);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return cs_error_set(CS_EIO, "cannot read %s: %s", r->name, strerror(errno));
        got = (size_t)n;
    } else {
        got = r->mem_len - r->mem_pos < want ? r->mem_len - r->mem_pos : want;
        if (got)
            memcpy(r->raw + r->raw_len, r->mem + r->mem_pos, got);
        r->mem_pos += got;
    }
    if (got == 0)
        r->eof = 1;
    r->raw_len += got;
    r->offset += got;
    return 0;
}

/*
 * Takes the encoding decision when still undecided and raw[raw_pos, raw_pos + limit) holds a
 * non-ASCII byte: that is the first non-ASCII byte of the file, and the decision looks at the
 * DECIDE_SAMPLE bytes from there (fewer only at the end of the file), whatever the chunking.
 */
static int maybe_decide(cs_csv_reader *r, size_t limit)
{
    if (r->enc != CS_CSV_ENCODING_AUTO)
        return 0;
    size_t avail = r->raw_len - r->raw_pos;
    size_t rel = first_non_ascii(r->raw + r->raw_pos, limit < avail ? limit : avail);
    if (rel == (limit < avail ? limit : avail))
        return 0;
    while (!r->eof && r->raw_len - r->raw_pos - rel < DECIDE_SAMPLE) {
        int rc = read_more(r, DECIDE_SAMPLE - (r->raw_len - r->raw_pos - rel));
        if (rc)
            return rc;
    }
    const unsigned char *s = r->raw + r->raw_pos + rel;
    size_t n = r->raw_len - r->raw_pos - rel;
    int cut = n >= DECIDE_SAMPLE;
    if (cut)
        n = DECIDE_SAMPLE;
    if (utf8_valid(s, n, cut))
        r->enc = CS_CSV_ENCODING_UTF8;
    else if (looks_cp1251(s, n))
        r->enc = CS_CSV_ENCODING_CP1251;
    else
        r->enc = CS_CSV_ENCODING_UTF8; /* the scanner reports the first bad byte */
    return 0;
}

static int decode_cp1251(cs_csv_reader *r, size_t n)
{
    if (r->dec_cap < 3 * n) {
        unsigned char *p = realloc(r->dec, 3 * n);
        if (!p)
            return cs_error_set(CS_ENOMEM, "out of memory reading %s", r->name);
        r->dec = p;
        r->dec_cap = 3 * n;
    }
    const unsigned char *s = r->raw + r->raw_pos;
    unsigned char *o = r->dec;
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x80) {
            *o++ = c;
            continue;
        }
        unsigned cp = cp1251_high[c - 0x80];
        if (cp == 0) {
            r->pending_bad = 1;
            r->pending_byte = c;
            break;
        }
        if (cp < 0x800) {
            *o++ = (unsigned char)(0xC0 | (cp >> 6));
        } else {
            *o++ = (unsigned char)(0xE0 | (cp >> 12));
            *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        }
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    r->raw_pos += i;
    r->view = r->dec;
    r->view_len = (size_t)(o - r->dec);
    return 0;
}

/* Cuts the next view from the input: 1 when there is one, 0 at the end, or an error. */
static int fill(cs_csv_reader *r)
{
    /* at least one whole UTF-8 sequence must fit in a view */
    size_t limit = r->chunk < 4 ? 4 : r->chunk;
    r->view_len = r->view_pos = 0;
    for (;;) {
        int rc;
        if (r->raw_pos < r->raw_len) {
            rc = maybe_decide(r, limit);
            if (rc)
                return rc;
            size_t avail = r->raw_len - r->raw_pos;
            size_t n = avail < limit ? avail : limit;
            if (r->enc == CS_CSV_ENCODING_CP1251) {
                rc = decode_cp1251(r, n);
                return rc ? rc : 1;
            }
            if (!(r->eof && n == avail))
                n -= utf8_incomplete_tail(r->raw + r->raw_pos, n);
            if (n > 0) {
                r->view = r->raw + r->raw_pos;
                r->view_len = n;
                r->raw_pos += n;
                return 1;
            }
        } else if (r->eof) {
            return 0;
        }
        rc = read_more(r, r->chunk);
        if (rc)
            return rc;
    }
}

/* ---- messages ---- */

/* Appends s[0, n) to out; bytes that are not valid UTF-8 (or all high bytes) become \xNN. */
static void put_text(char *out, size_t cap, size_t *o, const unsigned char *s, size_t n,
                     int escape_high)
{
    for (size_t i = 0; i < n && *o + 5 < cap;) {
        size_t len = s[i] < 0x80 ? 1 : escape_high ? 0 : utf8_char_len(s + i, s + n);
        if (len == 0) {
            *o += (size_t)snprintf(out + *o, cap - *o, "\\x%02X", s[i]);
            i++;
        } else {
            if (*o + len + 1 >= cap)
                break;
            memcpy(out + *o, s + i, len);
            *o += len;
            i += len;
        }
    }
    out[*o] = '\0';
}

/* The end of the field libcsv holds now, as context before an offending byte. */
static void put_field_context(const cs_csv_reader *r, char *out, size_t cap, size_t *o)
{
    const unsigned char *e = r->parser.entry_buf;
    size_t n = e ? r->parser.entry_pos : 0;
    size_t from = 0;
    if (n > CONTEXT_BYTES) {
        from = n - CONTEXT_BYTES;
        while (from < n && (e[from] & 0xC0) == 0x80)
            from++;
        *o += (size_t)snprintf(out + *o, cap - *o, "...");
    } else if (r->parser.quoted) {
        out[(*o)++] = '"';
    }
    out[*o] = '\0';
    if (n > from)
        put_text(out, cap, o, e + from, n - from, 0);
}

static long column(const cs_csv_reader *r)
{
    return (long)r->nfields + 1;
}

static int field_too_long(cs_csv_reader *r, const unsigned char *field, size_t len)
{
    char expected[96], found[512];
    size_t o = 0;
    snprintf(expected, sizeof expected, "a field of at most %zu bytes", r->max_field);
    /* Only the first max_field + 1 bytes: how much more is known depends on the chunking. */
    size_t n = r->max_field < 240 ? r->max_field + 1 : 240;
    if (n > len)
        n = len;
    n -= utf8_incomplete_tail(field, n);
    put_text(found, sizeof found, &o, field, n, 0);
    return cs_error_data(r->name, r->field_line, column(r), expected, found);
}

/* libcsv's strict mode refused the byte at `at` (inside the current view). */
static int quote_error(cs_csv_reader *r, const unsigned char *at)
{
    char found[512];
    size_t o = 0;
    put_field_context(r, found, sizeof found, &o);
    size_t len = utf8_char_len(at, r->view + r->view_len);
    put_text(found, sizeof found, &o, at, len ? len : 1, 0);
    return cs_error_data(r->name, r->seg_line, column(r),
                         r->parser.quoted ? "a delimiter or the end of the line after a closing "
                                            "quote (a quote inside a quoted field is doubled)"
                                          : "no quote inside an unquoted field (quote the whole "
                                            "field and double the quotes inside)",
                         found);
}

/* The byte at `bad` (inside the current view, so inside raw) is not UTF-8. */
static int utf8_error(cs_csv_reader *r, const unsigned char *bad)
{
    char found[512];
    size_t o = 0;
    long line = r->seg_line, col = column(r);
    put_field_context(r, found, sizeof found, &o);
    /* Read the bytes shown on purpose, so the message does not depend on the chunking. The
     * reader is dead after this, so the bytes from `bad` on can be made unread again. */
    r->raw_pos = (size_t)(bad - r->raw);
    while (!r->eof && r->raw_len - r->raw_pos < BAD_BYTES_SHOWN)
        if (read_more(r, r->chunk) != 0)
            break;
    const unsigned char *s = r->raw + r->raw_pos;
    size_t n = 0, max = r->raw_len - r->raw_pos;
    while (n < max && n < BAD_BYTES_SHOWN && s[n] != '\r' && s[n] != '\n' && s[n] != 0 &&
           s[n] != (unsigned char)r->delim)
        n++;
    put_text(found, sizeof found, &o, s, n ? n : 1, 1);
    cs_error_data(r->name, line, col, "UTF-8 text (or cp1251 text, with the encoding named)",
                  found);
    return cs_error_advise(CS_ADVICE_ENCODING);
}

static int cp1251_error(cs_csv_reader *r)
{
    char found[512];
    size_t o = 0;
    put_field_context(r, found, sizeof found, &o);
    put_text(found, sizeof found, &o, &r->pending_byte, 1, 1);
    return cs_error_data(r->name, r->line, column(r), "Windows-1251 text", found);
}

/* ---- libcsv callbacks ---- */

static int grow_fields(cs_csv_reader *r)
{
    size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
    if (cap > r->max_fields)
        cap = r->max_fields;
    size_t *offs = realloc(r->offs, cap * sizeof *offs);
    if (offs)
        r->offs = offs;
    size_t *lens = realloc(r->lens, cap * sizeof *lens);
    if (lens)
        r->lens = lens;
    const char **ptrs = realloc(r->ptrs, cap * sizeof *ptrs);
    if (ptrs)
        r->ptrs = ptrs;
    if (!offs || !lens || !ptrs)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", r->name);
    r->fields_cap = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    cs_csv_reader *r = data;
    if (r->err)
        return;
    if (len > r->max_field) {
        r->err = field_too_long(r, s, len);
        return;
    }
    if (r->nfields == r->max_fields) {
        r->err = cs_error_set(CS_EDATA,
                              "%s:%ld:%ld: expected at most %zu fields in a record, "
                              "found more",
                              r->name, r->field_line, column(r), r->max_fields);
        return;
    }
    if (r->text.len + len + 1 > r->max_record) {
        r->err = cs_error_set(CS_EDATA,
                              "%s:%ld:%ld: expected a record of at most %zu bytes, "
                              "found a longer one",
                              r->name, r->field_line, column(r), r->max_record);
        return;
    }
    if (r->nfields == r->fields_cap && (r->err = grow_fields(r)) != 0)
        return;
    if ((r->err = cs_buf_reserve(&r->text, len + 1)) != 0)
        return;
    if (len)
        memcpy(r->text.data + r->text.len, s, len);
    r->text.data[r->text.len + len] = '\0';
    r->offs[r->nfields] = r->text.len;
    r->lens[r->nfields] = len;
    r->nfields++;
    r->text.len += len + 1;
    r->field_line = r->seg_line;
}

static void on_record(int c, void *data)
{
    cs_csv_reader *r = data;
    (void)c;
    if (r->err)
        return;
    size_t i = 0;
    while (i < r->nfields && r->lens[i] == 0)
        i++;
    if (i == r->nfields) { /* a blank record: skipped */
        r->nfields = 0;
        r->text.len = 0;
        return;
    }
    for (i = 0; i < r->nfields; i++)
        r->ptrs[i] = r->text.data + r->offs[i];
    r->row.count = r->nfields;
    r->row.fields = r->ptrs;
    r->row.lengths = r->lens;
    r->row.line = r->record_line;
    r->row_ready = 1;
}

/* Length the field libcsv is reading would have if it ended now (as SUBMIT_FIELD trims it). */
static size_t pending_field_len(const struct csv_parser *p)
{
    size_t n = p->entry_pos;
    size_t trim = p->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED ? p->spaces + 1
                  : !p->quoted                               ? p->spaces
                                                             : 0;
    return n > trim ? n - trim : 0;
}

/* ---- the scanner ---- */

static int csv_space(unsigned char c, unsigned char delim)
{
    return (c == ' ' || c == '\t') && c != delim;
}

/*
 * A whole line without any quote, at the start of a record: split here what libcsv would
 * split the same way (fields between delimiters, spaces and tabs around them dropped), as
 * libcsv costs several times more per byte. Lines with a quote always go to libcsv.
 */
static void split_plain_line(cs_csv_reader *r, const unsigned char *s, const unsigned char *end)
{
    const unsigned char d = (unsigned char)r->delim;
    for (;;) {
        const unsigned char *f = memchr(s, d, (size_t)(end - s));
        if (!f)
            f = end;
        const unsigned char *a = s, *b = f;
        while (a < b && csv_space(*a, d))
            a++;
        while (b > a && csv_space(b[-1], d))
            b--;
        on_field((void *)a, (size_t)(b - a), r);
        if (f == end)
            break;
        s = f + 1;
    }
    on_record('\n', r);
}

/* Feeds the view to libcsv line by line: 1 when a record is ready, 0 when the view is used up. */
static int pump(cs_csv_reader *r)
{
    const unsigned char mask = r->enc == CS_CSV_ENCODING_CP1251 ? 5 : 7;
    const int check_high = mask & 2;
    while (r->view_pos < r->view_len) {
        const unsigned char *p = r->view + r->view_pos, *end = r->view + r->view_len;
        const unsigned char *lim = (size_t)(end - p) > SEGMENT_MAX ? p + SEGMENT_MAX : end;
        const unsigned char *q = p;
        int stop = STOP_LIMIT, quotes = 0;
        while (q < lim) {
            if (lim - q >= 8) {
                uint64_t w;
                memcpy(&w, q, 8);
                uint64_t m = maybe_special8(w);
                if (!check_high)
                    m &= ~(w & HIGHS8);
                if (!m) {
                    q += 8;
                    continue;
                }
            }
            unsigned char k = byte_class[*q] & mask;
            if (!k) {
                q++;
                continue;
            }
            if (k == 4) {
                quotes = 1;
                q++;
                continue;
            }
            if (k == 2) {
                size_t len = utf8_char_len(q, end);
                if (len) {
                    q += len;
                    continue;
                }
                stop = STOP_BAD_UTF8;
            } else {
                stop = *q ? STOP_LINE_END : STOP_NUL;
            }
            break;
        }
        size_t seglen = (size_t)(q - p) + (stop == STOP_LINE_END);
        r->seg_line = r->line;
        if (stop == STOP_LINE_END && !quotes && r->parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
            r->record_line = r->field_line = r->line;
            split_plain_line(r, p, q);
            if (r->err)
                return r->err;
        } else if (seglen > 0) {
            if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
                r->record_line = r->field_line = r->line;
            size_t used = csv_parse(&r->parser, p, seglen, on_field, on_record, r);
            /* libcsv grows its buffer by a fixed block: make the growth geometric */
            if (r->parser.entry_size > r->parser.blk_size)
                csv_set_blk_size(&r->parser, r->parser.entry_size);
            if (r->err)
                return r->err;
            if (pending_field_len(&r->parser) > r->max_field)
                return field_too_long(r, r->parser.entry_buf, pending_field_len(&r->parser));
            if (used < seglen) {
                if (csv_error(&r->parser) == CSV_EPARSE)
                    return quote_error(r, p + used);
                return cs_error_set(CS_ENOMEM, "out of memory reading %s", r->name);
            }
        }
        r->view_pos += seglen;
        if (stop == STOP_LINE_END) {
            if (*q == '\r') {
                r->line++;
                r->prev_cr = 1;
            } else {
                if (!(q == p && r->prev_cr)) /* the LF of a CRLF ends no extra line */
                    r->line++;
                r->prev_cr = 0;
            }
        } else if (seglen > 0) {
            r->prev_cr = 0;
        }
        if (stop == STOP_NUL)
            return cs_error_set(CS_EDATA,
                                "%s:%ld:%ld: expected text, found a NUL byte (is the file "
                                "UTF-16 or binary?)",
                                r->name, r->seg_line, column(r));
        if (stop == STOP_BAD_UTF8)
            return utf8_error(r, q); /* UTF-8 views point into raw */
        if (r->row_ready)
            return 1;
    }
    if (r->pending_bad)
        return cp1251_error(r);
    return 0;
}

/* At the end of the input: flushes a last record without a line end. */
static int finish(cs_csv_reader *r)
{
    r->done = 1;
    r->seg_line = r->line;
    if (csv_fini(&r->parser, on_field, on_record, r) != 0)
        return cs_error_set(CS_EDATA,
                            "%s:%ld:%ld: expected a closing quote for the field that starts "
                            "here, found the end of the file",
                            r->name, r->field_line, column(r));
    return r->err;
}

int cs_csv_reader_next(cs_csv_reader *r, const cs_csv_row **row)
{
    *row = NULL;
    if (r->err)
        return r->err;
    if (r->done)
        return 0;
    r->row_ready = 0;
    r->nfields = 0;
    r->text.len = 0;
    for (;;) {
        int rc = pump(r);
        if (rc < 0)
            return r->err = rc;
        if (rc > 0)
            break;
        rc = fill(r);
        if (rc < 0)
            return r->err = rc;
        if (rc == 0) {
            rc = finish(r);
            if (rc < 0)
                return r->err = rc;
            if (r->row_ready)
                break;
            if (r->rows == 0)
                return r->err = cs_error_set(
                           CS_EDATA, "%s:1:1: expected a header row, found an empty file", r->name);
            return 0;
        }
    }
    r->rows++;
    *row = &r->row;
    return 1;
}

/* ---- opening ---- */

/*
 * The delimiter found most often outside quotes on the first line with content (anything but
 * spaces, delimiters and empty quotes), looking at no more than HEADER_SCAN_MAX bytes.
 */
static int detect_delimiter(cs_csv_reader *r)
{
    size_t counts[3] = { 0, 0, 0 };
    int inq = 0, content = 0, done = 0;
    size_t j = 0; /* relative to raw_pos, which read_more may move */
    for (;;) {
        const unsigned char *b = r->raw + r->raw_pos;
        size_t n = r->raw_len - r->raw_pos;
        if (n > HEADER_SCAN_MAX)
            n = HEADER_SCAN_MAX;
        for (; j < n && !done; j++) {
            unsigned char c = b[j];
            if (c == '"') {
                inq = !inq;
            } else if (inq) {
                content = 1;
            } else if (c == '\n' || c == '\r') {
                if (content)
                    done = 1;
                else
                    counts[0] = counts[1] = counts[2] = 0;
            } else if (c == ',') {
                counts[0]++;
            } else if (c == ';') {
                counts[1]++;
            } else if (c == '\t') {
                counts[2]++;
            } else if (c != ' ') {
                content = 1;
            }
        }
        if (done || r->eof || n >= HEADER_SCAN_MAX)
            break;
        int rc = read_more(r, r->chunk);
        if (rc)
            return rc;
    }
    r->delim = ',';
    size_t best = counts[0];
    if (counts[1] > best) {
        r->delim = ';';
        best = counts[1];
    }
    if (counts[2] > best)
        r->delim = '\t';
    return 0;
}

static int start(cs_csv_reader *r, unsigned long long start_offset)
{
    int rc = grow_raw(r, 1); /* raw is never NULL, even for an empty input */
    if (rc)
        return rc;
    if (start_offset > 0) { /* a range inside the file: no mark, no header to detect from */
        csv_set_delim(&r->parser, (unsigned char)r->delim);
        return 0;
    }
    while (!r->eof && r->raw_len < 4)
        if ((rc = read_more(r, r->chunk)) != 0)
            return rc;
    const unsigned char *b = r->raw;
    if (r->want != CS_CSV_ENCODING_CP1251 && r->raw_len >= 2 &&
        ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return cs_error_set(CS_EDATA,
                            "%s:1:1: expected UTF-8 or Windows-1251 text, found a UTF-16 "
                            "byte-order mark (save the file as UTF-8)",
                            r->name);
    if (r->raw_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        if (r->want == CS_CSV_ENCODING_CP1251)
            return cs_error_set(CS_EDATA,
                                "%s:1:1: expected Windows-1251 text (as asked), found a UTF-8 "
                                "byte-order mark",
                                r->name);
        r->raw_pos = 3;
        r->enc = CS_CSV_ENCODING_UTF8;
    }
    if (!r->delim && (rc = detect_delimiter(r)) != 0)
        return rc;
    csv_set_delim(&r->parser, (unsigned char)r->delim);
    return maybe_decide(r, r->raw_len - r->raw_pos);
}

static int reader_new(cs_csv_reader **out, const char *name, const cs_csv_options *opts)
{
    static const cs_csv_options defaults = { CS_CSV_ENCODING_AUTO, 0, 0, 0, 0, 0, 0, 0 };
    if (!opts)
        opts = &defaults;
    if (opts->delimiter && opts->delimiter != ',' && opts->delimiter != ';' &&
        opts->delimiter != '\t')
        return cs_error_set(CS_EUSAGE, "expected a delimiter ',', ';' or tab, found '%c'",
                            opts->delimiter);
    if (opts->encoding != CS_CSV_ENCODING_AUTO && opts->encoding != CS_CSV_ENCODING_UTF8 &&
        opts->encoding != CS_CSV_ENCODING_CP1251)
        return cs_error_set(CS_EUSAGE, "unknown CSV encoding %d", (int)opts->encoding);
    cs_csv_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name ? name : "<input>"))) {
        free(r);
        return cs_error_set(CS_ENOMEM, "out of memory opening %s", name ? name : "<input>");
    }
    r->fd = -1;
    r->chunk = opts->chunk_bytes ? opts->chunk_bytes : DEFAULT_CHUNK;
    r->max_field = opts->max_field_bytes ? opts->max_field_bytes : DEFAULT_MAX_FIELD;
    r->max_record = opts->max_record_bytes ? opts->max_record_bytes : DEFAULT_MAX_RECORD;
    r->max_fields = opts->max_fields ? opts->max_fields : DEFAULT_MAX_FIELDS;
    r->want = r->enc = opts->encoding;
    r->delim = opts->delimiter;
    if (opts->end_offset && opts->end_offset <= opts->start_offset) {
        free(r->name);
        free(r);
        return cs_error_set(CS_EUSAGE, "expected a byte range that ends after it starts");
    }
    if (opts->start_offset && !opts->delimiter) {
        free(r->name);
        free(r);
        return cs_error_set(CS_EUSAGE, "expected a delimiter for a range after the header");
    }
    r->limit = opts->end_offset ? opts->end_offset - opts->start_offset : 0;
    r->line = 1;
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_blk_size(&r->parser, LIBCSV_BLOCK);
    r->parser_ready = 1;
    *out = r;
    return 0;
}

int cs_csv_reader_open(cs_csv_reader **out, const char *path, const cs_csv_options *opts)
{
    cs_csv_reader *r;
    *out = NULL;
    int rc = reader_new(&r, path, opts);
    if (rc)
        return rc;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        int e = errno;
        rc = cs_error_set(e == ENOENT ? CS_ENOTFOUND : CS_EIO, "cannot open %s: %s", path,
                          strerror(e));
        cs_csv_reader_close(r);
        return rc;
    }
    (void)posix_fadvise(r->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    unsigned long long from = opts ? opts->start_offset : 0;
    if (from && lseek(r->fd, (off_t)from, SEEK_SET) < 0) {
        rc = cs_error_set(CS_EIO, "cannot read %s: %s", path, strerror(errno));
        cs_csv_reader_close(r);
        return rc;
    }
    if ((rc = start(r, from)) != 0) {
        cs_csv_reader_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

int cs_csv_reader_open_memory(cs_csv_reader **out, const char *name, const char *data, size_t len,
                              const cs_csv_options *opts)
{
    cs_csv_reader *r;
    *out = NULL;
    int rc = reader_new(&r, name, opts);
    if (rc)
        return rc;
    unsigned long long from = opts ? opts->start_offset : 0;
    r->mem = (const unsigned char *)data + (data && from < len ? from : 0);
    r->mem_len = data && from < len ? len - (size_t)from : 0;
    if ((rc = start(r, from)) != 0) {
        cs_csv_reader_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

char cs_csv_reader_delimiter(const cs_csv_reader *r)
{
    return r->delim;
}

cs_csv_encoding cs_csv_reader_encoding(const cs_csv_reader *r)
{
    return r->enc == CS_CSV_ENCODING_AUTO ? CS_CSV_ENCODING_UTF8 : r->enc;
}

cs_csv_encoding cs_csv_reader_decided_encoding(const cs_csv_reader *r)
{
    return r->enc;
}

long cs_csv_reader_line(const cs_csv_reader *r)
{
    return r->line;
}

const char *cs_csv_reader_name(const cs_csv_reader *r)
{
    return r->name;
}

unsigned long long cs_csv_reader_offset(const cs_csv_reader *r)
{
    return r->offset;
}

size_t cs_csv_reader_buffer_bytes(const cs_csv_reader *r)
{
    return r->raw_cap + r->dec_cap + r->parser.entry_size + r->text.cap +
           r->fields_cap * (2 * sizeof(size_t) + sizeof(char *));
}

void cs_csv_reader_close(cs_csv_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    if (r->parser_ready)
        csv_free(&r->parser);
    cs_buf_free(&r->text);
    free(r->offs);
    free(r->lens);
    free(r->ptrs);
    free(r->raw);
    free(r->dec);
    free(r->name);
    free(r);
}

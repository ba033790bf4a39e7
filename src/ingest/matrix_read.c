/*
 * matrix_read.c: a data matrix for cluster analysis from CSV (include/clusterscope/ingest.h): a
 * header row, one row per object, the object id first; columns typed as asked or inferred.
 * The matrix itself is typology's (src/typology/matrix.c); this file only reads text into it.
 *
 * One pass, as a stream: each cell is read into a double as it arrives (NaN = unknown), into
 * one buffer of n x p that the matrix then adopts (typology/matrix_adopt.h); only the levels of
 * nominal columns are kept as text. So memory is the cells as doubles, the ids (one pool, plus
 * a hash set of 8 bytes a slot while reading) and the levels: about n * (8p + 32 + id length)
 * bytes at the peak (src/cli/matrix_args.c estimates it from the file before reading).
 *
 * Typing, the same whatever the order of the rows after the first known value of a column:
 * - a column asked as CS_VAR_AUTO is nominal when its first known value is not a number;
 *   otherwise every known value must be a finite number, and the column is binary when all of
 *   them are 0 or 1, numeric else. A number that is not finite (inf, nan, 1e400), also as the
 *   first value, is refused at its cell, never read as a category;
 * - a column asked numeric or ordinal takes finite numbers, binary or asymm 0 or 1, nominal any
 *   text (levels coded 0, 1, ... in the order they first appear).
 *
 * Errors name file, line and column. A file with several faults gets the first in file order:
 * the header, then each record in turn (its field count, its id, its cells left to right),
 * then what only the end can tell (fewer than 2 objects, then the first column without a known
 * value).
 *
 * Speed, measured with `bench/read_bench FILE 3` (best of 3, page-cached file; the file from
 * `bench/gen_matrix 1000000 16`, 148 MB) on a 2-core machine shared with other jobs (load
 * average about 6, so wall times are inflated): before, with every cell kept as a string,
 * 18.6 MB/s and 887 MB peak RSS (6.8 s of CPU a read); now 109 MB/s wall and 171 MB peak RSS,
 * 0.90 s of CPU a read (165 MB/s of CPU time). 10,000,000 x 16 (1.49 GB): 1.55 GB peak RSS.
 * The time is now the number fast path (cs_number_read_plain, about a quarter), the CSV
 * reader's scan and field copy (about a quarter), and the id set's cache misses (prefetched).
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "typology/matrix_adopt.h"
#include "util/keymap.h"
#include "util/number.h"
#include "util/strpool.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Largest table we attempt: refuse rather than overflow size_t. */
#define MATRIX_HUGE ((size_t)1 << 60)
/* Rows are numbered in 32 bits in the id set (a file of 2^32 rows would need 2^32 * 8p bytes) */
#define MATRIX_MAX_ROWS ((size_t)UINT32_MAX - 1)
/* Rows whose id lookups are in flight at once (see add_id). */
#define PENDING_IDS 16
/* How often progress is told: every this many bytes of input. */
#define PROGRESS_BYTES (1u << 20)

/* How a column reads its cells. */
enum {
    READ_PENDING, /* CS_VAR_AUTO before its first known value */
    READ_NUMBER,  /* numeric or ordinal (asked), or AUTO whose first known value was a number */
    READ_BINARY,  /* binary or asymm (asked): 0 or 1 */
    READ_LEVELS   /* nominal, asked or inferred */
};

typedef struct {
    cs_keymap *codes; /* level text -> code (cs_keymap_value.id) */
    const char **levels;
    size_t nlevels, cap;
} levels;

/* The line of row i: the line of the last break at or before i, plus the rows since. */
typedef struct {
    size_t row;
    long line;
} line_break;

typedef struct {
    const char *name;
    size_t p;
    int decimal_comma; /* the file is delimited by ';' or tab */
    cs_var_type *asked;
    unsigned char *how;   /* READ_* per column */
    unsigned char *known; /* the column has a known value */
    unsigned char *all01; /* every known value so far is 0 or 1 (for AUTO numbers) */
    levels *lv;           /* per column, used by READ_LEVELS */
    cs_strpool *level_text;
    char **names;

    double *x; /* n x p, row-major; NaN = unknown */
    char **ids;
    cs_strpool *id_pool;
    size_t n, cap;
    uint64_t *set; /* hash of the id << 32 | row + 1; 0 = empty */
    size_t set_cap;
    size_t pending_row[PENDING_IDS]; /* rows whose ids are not yet looked up (see add_id) */
    uint32_t pending_hash[PENDING_IDS];
    size_t npending;
    line_break *breaks;
    size_t nbreaks, breaks_cap;
} reader;

static void reader_free(reader *t)
{
    if (t->lv)
        for (size_t j = 0; j < t->p; j++) {
            cs_keymap_free(t->lv[j].codes);
            free(t->lv[j].levels);
        }
    if (t->names)
        for (size_t j = 0; j < t->p; j++)
            free(t->names[j]);
    free(t->lv);
    free(t->names);
    free(t->asked);
    free(t->how);
    free(t->known);
    free(t->all01);
    cs_strpool_free(t->level_text);
    free(t->x);
    free(t->ids);
    cs_strpool_free(t->id_pool);
    free(t->set);
    free(t->breaks);
}

static int is_unknown_token(const char *s, size_t len)
{
    return len == 0 || (len == 1 && s[0] == '?') || (len == 2 && s[0] == 'N' && s[1] == 'A');
}

static long row_line(const reader *t, size_t i)
{
    size_t lo = 0, hi = t->nbreaks; /* the last break with row <= i is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->breaks[mid].row <= i)
            lo = mid;
        else
            hi = mid;
    }
    return t->breaks[lo].line + (long)(i - t->breaks[lo].row);
}

/* Notes the line of the row about to be added, when the rows before do not imply it. */
static int note_line(reader *t, long line)
{
    if (t->nbreaks && row_line(t, t->n) == line)
        return 0;
    if (t->nbreaks == t->breaks_cap) {
        size_t cap = t->breaks_cap ? 2 * t->breaks_cap : 16;
        line_break *b = realloc(t->breaks, cap * sizeof *b);
        if (!b)
            return cs_error_set(CS_ENOMEM, "out of memory reading %s", t->name);
        t->breaks = b;
        t->breaks_cap = cap;
    }
    t->breaks[t->nbreaks].row = t->n;
    t->breaks[t->nbreaks].line = line;
    t->nbreaks++;
    return 0;
}

/* ---- ids: unique, kept in one pool ---- */

static uint32_t hash_id(const char *s, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    }
    h ^= h >> 29;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 32;
    return (uint32_t)h;
}

static int grow_set(reader *t)
{
    size_t cap = t->set_cap ? 2 * t->set_cap : 1024;
    uint64_t *set = calloc(cap, sizeof *set);
    if (!set)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", t->name);
    for (size_t k = 0; k < t->set_cap; k++) {
        uint64_t e = t->set[k];
        if (!e)
            continue;
        size_t s = (size_t)(e >> 32) & (cap - 1);
        while (set[s])
            s = (s + 1) & (cap - 1);
        set[s] = e;
    }
    free(t->set);
    t->set = set;
    t->set_cap = cap;
    return 0;
}

/*
 * The id set is far larger than the cache, so a lookup is a miss. Lookups are therefore made
 * PENDING_IDS rows late, their slots prefetched when the row arrives, so that the misses
 * overlap. Every error return first settles the pending rows (settle_ids), so a repeated id is
 * still reported before any fault that comes after it in the file.
 */
/* Looks up the id of row `row` and inserts it when new: *other = the earlier row, or -1. */
static void settle_one(reader *t, size_t row, uint32_t h, long long *other)
{
    size_t mask = t->set_cap - 1, s = h & mask;
    const char *id = t->ids[row];
    for (uint64_t e; (e = t->set[s]) != 0; s = (s + 1) & mask) {
        if ((uint32_t)(e >> 32) != h)
            continue;
        size_t k = (size_t)(uint32_t)e - 1;
        if (strcmp(t->ids[k], id) == 0) {
            *other = (long long)k;
            return;
        }
    }
    t->set[s] = (uint64_t)h << 32 | (uint64_t)(row + 1);
    *other = -1;
}

/* Settles every pending row; on a repeated id, the error for the first such row. */
static int settle_ids(reader *t)
{
    for (size_t k = 0; k < t->npending; k++) {
        size_t row = t->pending_row[k];
        long long other;
        settle_one(t, row, t->pending_hash[k], &other);
        if (other >= 0) {
            t->npending = 0;
            char expected[96];
            snprintf(expected, sizeof expected, "a unique object id (this one is also on line %ld)",
                     row_line(t, (size_t)other));
            return cs_error_data(t->name, row_line(t, row), 1, expected, t->ids[row]);
        }
    }
    t->npending = 0;
    return 0;
}

/* Takes the id of row t->n (its line already noted); checked for repeats PENDING_IDS rows on. */
static int add_id(reader *t, const char *id, size_t len)
{
    if (t->npending == PENDING_IDS) {
        int rc = settle_ids(t);
        if (rc)
            return rc;
    }
    if ((t->n + 1) * 4 > t->set_cap * 3) {
        int rc = settle_ids(t);
        if (rc || (rc = grow_set(t)) != 0)
            return rc;
    }
    char *copy = cs_strpool_add(t->id_pool, id, len);
    if (!copy)
        return CS_ENOMEM;
    t->ids[t->n] = copy;
    uint32_t h = hash_id(id, len);
    __builtin_prefetch(&t->set[h & (t->set_cap - 1)], 1);
    t->pending_row[t->npending] = t->n;
    t->pending_hash[t->npending] = h;
    t->npending++;
    return 0;
}

/* ---- the header ---- */

static int read_header(reader *t, const cs_csv_row *row, const cs_datamatrix_csv_options *opts)
{
    if (row->count < 2)
        return cs_error_set(CS_EDATA,
                            "%s:%ld: expected an id column and at least one variable "
                            "column in the header, found %zu column",
                            t->name, row->line, row->count);
    size_t p = t->p = row->count - 1;
    t->names = calloc(p, sizeof *t->names);
    t->asked = malloc(p * sizeof *t->asked);
    t->how = malloc(p);
    t->known = calloc(p, 1);
    t->all01 = malloc(p);
    t->lv = calloc(p, sizeof *t->lv);
    if (!t->names || !t->asked || !t->how || !t->known || !t->all01 || !t->lv)
        return cs_error_set(CS_ENOMEM, "out of memory");
    memset(t->all01, 1, p);
    cs_keymap *names = NULL;
    if (cs_keymap_new(&names))
        return CS_ENOMEM;
    int rc = 0;
    for (size_t j = 0; j < p && !rc; j++) {
        const char *f = row->fields[j + 1];
        if (f[0] == '\0') {
            rc = cs_error_data(t->name, row->line, (long)j + 2, "a variable name", f);
            break;
        }
        cs_keymap_value *v = cs_keymap_put(names, f, row->lengths[j + 1]);
        if (!v) {
            rc = CS_ENOMEM;
            break;
        }
        if (v->line) {
            rc = cs_error_data(t->name, row->line, (long)j + 2, "a variable name not used before",
                               f);
            break;
        }
        v->line = (long)j + 2;
        if (!(t->names[j] = strdup(f)))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    cs_keymap_free(names);
    if (rc)
        return rc;
    if (opts && opts->types && opts->ntypes != p && opts->ntypes != 1)
        return cs_error_set(CS_EUSAGE, "%s: %zu variable types given for %zu variable columns",
                            t->name, opts->ntypes, p);
    for (size_t j = 0; j < p; j++) {
        cs_var_type ty = !opts || !opts->types ? CS_VAR_AUTO
                         : opts->ntypes == 1   ? opts->types[0]
                                               : opts->types[j];
        if (ty < CS_VAR_AUTO || ty > CS_VAR_NOMINAL)
            return cs_error_set(CS_EUSAGE,
                                "variable %zu: the type must be numeric, binary, asymm, ordinal "
                                "or nominal",
                                j + 1);
        t->asked[j] = ty;
        t->how[j] = ty == CS_VAR_AUTO                           ? READ_PENDING
                    : ty == CS_VAR_NOMINAL                      ? READ_LEVELS
                    : ty == CS_VAR_BINARY || ty == CS_VAR_ASYMM ? READ_BINARY
                                                                : READ_NUMBER;
    }
    return 0;
}

/* ---- cells ---- */

/* The code of a nominal value, a new level when it is new. */
static int level_code(reader *t, size_t j, const char *s, size_t len, double *code)
{
    levels *l = &t->lv[j];
    if (!l->codes && cs_keymap_new(&l->codes))
        return CS_ENOMEM;
    if (!t->level_text && cs_strpool_new(&t->level_text))
        return CS_ENOMEM;
    cs_keymap_value *v = cs_keymap_put(l->codes, s, len);
    if (!v)
        return CS_ENOMEM;
    if (!v->line) {
        if (l->nlevels == l->cap) {
            size_t cap = l->cap ? 2 * l->cap : 8;
            const char **lv = realloc(l->levels, cap * sizeof *lv);
            if (!lv)
                return cs_error_set(CS_ENOMEM, "out of memory reading %s", t->name);
            l->levels = lv;
            l->cap = cap;
        }
        if (!(l->levels[l->nlevels] = cs_strpool_add(t->level_text, s, len)))
            return CS_ENOMEM;
        v->line = 1;
        v->id = (int64_t)l->nlevels++;
    }
    *code = (double)v->id;
    return 0;
}

/* What a cell of column j must be, for a message: by the type asked, or numeric (inferred). */
static const char *expected_number(const reader *t, size_t j, int read)
{
    cs_var_type ty = t->asked[j];
    if (ty == CS_VAR_BINARY || ty == CS_VAR_ASYMM)
        return "0 or 1 (binary variable)";
    if (read == CS_NUMBER_NONFINITE)
        return ty == CS_VAR_ORDINAL ? "a finite number (ordinal values are numbers)"
                                    : "a finite number (not inf or nan, and one a double holds)";
    return ty == CS_VAR_ORDINAL ? "a number (ordinal values are numbers)"
                                : "a finite number with a decimal point";
}

/* Reads the cells of one record into row `out` (p doubles). */
static int read_cells(reader *t, const cs_csv_row *row, double *out)
{
    for (size_t j = 0; j < t->p; j++) {
        const char *s = row->fields[j + 1];
        size_t len = row->lengths[j + 1];
        if (is_unknown_token(s, len)) {
            out[j] = NAN;
            continue;
        }
        t->known[j] = 1;
        double v;
        int read;
        switch (t->how[j]) {
        case READ_NUMBER:
            read = cs_number_read(&v, s, len, t->decimal_comma);
            if (read)
                return cs_error_data(t->name, row->line, (long)j + 2, expected_number(t, j, read),
                                     s);
            if (v != 0 && v != 1)
                t->all01[j] = 0;
            out[j] = v;
            break;
        case READ_BINARY:
            read = cs_number_read(&v, s, len, t->decimal_comma);
            if (read || (v != 0 && v != 1))
                return cs_error_data(t->name, row->line, (long)j + 2, expected_number(t, j, read),
                                     s);
            out[j] = v;
            break;
        case READ_PENDING:
            read = cs_number_read(&v, s, len, t->decimal_comma);
            if (read == CS_NUMBER_NOT) {
                t->how[j] = READ_LEVELS; /* the first known value is text: categories */
                int rc = level_code(t, j, s, len, &out[j]);
                if (rc)
                    return rc;
                break;
            }
            if (read) /* a number, but not finite: refused here, not read as a category */
                return cs_error_data(t->name, row->line, (long)j + 2, expected_number(t, j, read),
                                     s);
            t->how[j] = READ_NUMBER;
            if (v != 0 && v != 1)
                t->all01[j] = 0;
            out[j] = v;
            break;
        default: {
            int rc = level_code(t, j, s, len, &out[j]);
            if (rc)
                return rc;
        }
        }
    }
    return 0;
}

static int grow_rows(reader *t)
{
    size_t cap = t->cap ? 2 * t->cap : 256;
    if (cap > MATRIX_HUGE / (t->p * sizeof(double)))
        return cs_error_set(CS_ENOMEM, "%s: too many rows", t->name);
    /* realloc of a large block moves pages (mremap), not bytes: no second copy at the peak */
    double *x = realloc(t->x, cap * t->p * sizeof *x);
    if (!x)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", t->name);
    t->x = x;
    char **ids = realloc(t->ids, cap * sizeof *ids);
    if (!ids)
        return cs_error_set(CS_ENOMEM, "out of memory reading %s", t->name);
    t->ids = ids;
    t->cap = cap;
    return 0;
}

static int read_record(reader *t, const cs_csv_row *row)
{
    if (row->count != t->p + 1) {
        char found[64], expected[64];
        snprintf(found, sizeof found, "%zu", row->count);
        snprintf(expected, sizeof expected, "%zu fields as in the header", t->p + 1);
        return cs_error_data(t->name, row->line,
                             (long)(row->count < t->p + 1 ? row->count : t->p + 2), expected,
                             found);
    }
    if (t->n == t->cap) {
        if (t->n >= MATRIX_MAX_ROWS)
            return cs_error_set(CS_ENOMEM, "%s: too many rows", t->name);
        int rc = grow_rows(t);
        if (rc)
            return rc;
    }
    const char *id = row->fields[0];
    if (id[0] == '\0')
        return cs_error_data(t->name, row->line, 1, "an object id", id);
    int rc = note_line(t, row->line);
    if (!rc)
        rc = add_id(t, id, row->lengths[0]);
    if (!rc)
        rc = read_cells(t, row, t->x + t->n * t->p);
    if (rc)
        return rc;
    t->n++;
    return 0;
}

/* The matrix from what was read: the types settled, the buffers handed over. */
static int build_matrix(cs_datamatrix **out, reader *t)
{
    if (t->n < 2)
        return cs_error_set(CS_EDATA, "%s: cluster analysis needs at least 2 objects, found %zu",
                            t->name, t->n);
    /* a column of unknowns cannot be typed, and means nothing to any distance */
    for (size_t j = 0; j < t->p; j++)
        if (!t->known[j])
            return cs_error_set(CS_EDATA,
                                "%s:%ld:%zu: expected at least one known value in "
                                "column \"%s\", found only unknown cells",
                                t->name, row_line(t, 0), j + 2, t->names[j]);
    cs_var_type *types = malloc(t->p * sizeof *types);
    if (!types)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t j = 0; j < t->p; j++) {
        cs_var_type ty = t->asked[j];
        if (ty == CS_VAR_AUTO)
            ty = t->how[j] == READ_LEVELS ? CS_VAR_NOMINAL
                 : t->all01[j]            ? CS_VAR_BINARY
                                          : CS_VAR_NUMERIC;
        types[j] = ty;
    }
    /* give back what the doubling took beyond the last row */
    double *x = realloc(t->x, t->n * t->p * sizeof *x);
    if (x)
        t->x = x;
    char **ids = realloc(t->ids, t->n * sizeof *ids);
    if (ids)
        t->ids = ids;
    free(t->set);
    t->set = NULL;
    cs_datamatrix *m = NULL;
    int rc = cs_typ_datamatrix_adopt(&m, t->n, t->p, types, t->x, t->ids, t->id_pool,
                                     (const char *const *)t->names);
    t->x = NULL;
    t->ids = NULL;
    t->id_pool = NULL;
    for (size_t j = 0; j < t->p && !rc; j++)
        if (types[j] == CS_VAR_NOMINAL)
            rc = cs_datamatrix_set_levels(m, j, t->lv[j].levels, t->lv[j].nlevels);
    free(types);
    if (rc) {
        cs_datamatrix_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

static int load(cs_datamatrix **out, cs_csv_reader *r, unsigned long long size,
                const cs_datamatrix_csv_options *opts)
{
    reader t;
    memset(&t, 0, sizeof t);
    t.name = cs_csv_reader_name(r);
    t.decimal_comma = cs_csv_reader_delimiter(r) != ',';
    void (*progress)(void *, double) = opts ? opts->progress : NULL;
    void *progress_ctx = opts ? opts->progress_ctx : NULL;
    unsigned long long told = 0;
    if (progress)
        progress(progress_ctx, 0.0);
    const cs_csv_row *row = NULL;
    int rc = cs_csv_reader_next(r, &row);
    if (rc == 0)
        rc = cs_error_set(CS_EDATA, "%s: expected a header row, found an empty file", t.name);
    if (rc > 0)
        rc = read_header(&t, row, opts);
    if (!rc && (cs_strpool_new(&t.id_pool) || grow_set(&t)))
        rc = CS_ENOMEM;
    while (!rc && (rc = cs_csv_reader_next(r, &row)) == 1) {
        rc = read_record(&t, row);
        if (progress && !rc) {
            unsigned long long at = cs_csv_reader_offset(r);
            if (at - told >= PROGRESS_BYTES) {
                told = at;
                progress(progress_ctx, size ? (double)at / (double)size : 0.0);
            }
        }
    }
    if (t.npending) {
        /* a repeated id among the rows read comes before any fault found after it */
        int repeated = settle_ids(&t);
        if (repeated)
            rc = repeated;
    }
    if (!rc)
        rc = build_matrix(out, &t);
    if (!rc && progress)
        progress(progress_ctx, 1.0);
    reader_free(&t);
    return rc;
}

int cs_ingest_read_matrix(cs_datamatrix **out, const char *path,
                          const cs_datamatrix_csv_options *opts)
{
    *out = NULL;
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts ? opts->delimiter : 0;
    cs_csv_reader *r = NULL;
    int rc = cs_csv_reader_open(&r, path, &co);
    if (rc)
        return rc;
    struct stat sb;
    unsigned long long size = stat(path, &sb) == 0 ? (unsigned long long)sb.st_size : 0;
    rc = load(out, r, size, opts);
    cs_csv_reader_close(r);
    return rc;
}

int cs_ingest_parse_matrix(cs_datamatrix **out, const char *name, const char *text, size_t len,
                           const cs_datamatrix_csv_options *opts)
{
    *out = NULL;
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts ? opts->delimiter : 0;
    cs_csv_reader *r = NULL;
    int rc = cs_csv_reader_open_memory(&r, name ? name : "<input>", text, len, &co);
    if (rc)
        return rc;
    rc = load(out, r, len, opts);
    cs_csv_reader_close(r);
    return rc;
}

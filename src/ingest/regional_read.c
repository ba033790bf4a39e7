/*
 * regional_read.c: long-form regional statistics (region, industry or category, year, values)
 * read as a stream by csv_reader.c into dense arrays for regional.h (ingest.h). Only the rows
 * of the years asked are kept, so a file of many years costs the memory of those it gives.
 */
#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "ingest/regional_read.h"
#include "util/buf.h"
#include "util/keymap.h"
#include "util/number.h"
#include "util/strpool.h"

#include <fcntl.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_VALUES 4
#define MAX_YEARS  4096

typedef struct {
    uint32_t r, k, y;
    long line;
} cell;

typedef struct {
    cs_strpool *pool;
    cs_keymap *regions, *keys;
    char **rname, **kname, **attr;
    long *attr_line;
    size_t nr, nk, rcap, kcap;
    cell *cells;
    double *vals;
    size_t ncells, ccap, vcap;
    int years_seen[MAX_YEARS];
    size_t n_seen;
    /* the result's arrays */
    const char **region_sorted, **key_sorted, **attr_sorted;
    int *year;
    int has_value[MAX_VALUES];
    double *x;
} state;

typedef struct {
    cs_regional_data pub;
    state st;
    int readers; /* 2 when several readers read the file's pieces (read_pieces), else 1 */
} data_impl;

int cs_regional_data_readers(const cs_regional_data *d)
{
    return ((const data_impl *)d->internal)->readers == 2 ? 2 : 1;
}

static void state_free(state *s)
{
    cs_strpool_free(s->pool);
    cs_keymap_free(s->regions);
    cs_keymap_free(s->keys);
    free(s->rname);
    free(s->kname);
    free(s->attr);
    free(s->attr_line);
    free(s->cells);
    free(s->vals);
    free(s->region_sorted);
    free(s->key_sorted);
    free(s->attr_sorted);
    free(s->year);
    free(s->x);
}

void cs_regional_data_free(cs_regional_data *d)
{
    if (!d)
        return;
    data_impl *impl = d->internal;
    state_free(&impl->st);
    free(impl);
}

const double *cs_regional_data_values(const cs_regional_data *d, size_t y, size_t v)
{
    return d->x + (y * d->nv + v) * d->nr * d->ni;
}

int cs_regional_data_check_totals(const cs_regional_data *d, const char *const *names, size_t n,
                                  const char *what)
{
    size_t plane = d->nr * d->ni;
    for (size_t y = 0; y < d->ny; y++)
        for (size_t v = 0; v < n && v < d->nv; v++) {
            if (d->has_value && !d->has_value[v])
                continue;
            const double *x = cs_regional_data_values(d, y, v);
            size_t k = 0;
            while (k < plane && x[k] == 0)
                k++;
            if (k < plane)
                continue;
            char year[32] = "";
            if (d->year)
                snprintf(year, sizeof year, " in %d", d->year[y]);
            return cs_error_set(CS_EDATA,
                                "%s: expected some %s above 0%s (every share and quotient "
                                "divides by its total), found only zeros",
                                what, names[v], year);
        }
    return 0;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return cs_error_set(CS_ENOMEM, "out of memory for %zu rows of regional data", need);
    *p = q;
    *cap = c;
    return 0;
}

/* The index of a name in a map, adding it (copied into the pool) when new. */
static int intern(uint32_t *out, state *s, cs_keymap *map, char ***names, size_t *n, size_t *cap,
                  const char *f, size_t len, int with_attr)
{
    cs_keymap_value *v = cs_keymap_put(map, f, len);
    if (!v)
        return CS_ENOMEM;
    if (!v->line) {
        if (*n >= UINT32_MAX)
            return cs_error_set(CS_EDATA, "more than %u names in one column", UINT32_MAX);
        size_t c = *cap;
        int rc = grow((void **)names, &c, *n + 1, sizeof **names);
        if (!rc && with_attr) {
            size_t c2 = *cap;
            rc = grow((void **)&s->attr, &c2, *n + 1, sizeof *s->attr);
            size_t c3 = *cap;
            rc = rc ? rc : grow((void **)&s->attr_line, &c3, *n + 1, sizeof *s->attr_line);
        }
        if (rc)
            return rc;
        *cap = c;
        char *copy = cs_strpool_add(s->pool, f, len);
        if (!copy)
            return CS_ENOMEM;
        (*names)[*n] = copy;
        if (with_attr) {
            s->attr[*n] = NULL;
            s->attr_line[*n] = 0;
        }
        v->id = (int64_t)*n;
        v->line = 1;
        (*n)++;
    }
    *out = (uint32_t)v->id;
    return 0;
}

/* names passed through qsort_r's argument, not a global: the reader may run on many threads */
static int cmp_index(const void *a, const void *b, void *names)
{
    char *const *n = names;
    return strcmp(n[*(const size_t *)a], n[*(const size_t *)b]);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "2015, 2016, 2017" (the years seen, sorted) into b. */
static int list_years(cs_buf *b, state *s)
{
    qsort(s->years_seen, s->n_seen, sizeof *s->years_seen, cmp_int);
    for (size_t k = 0; k < s->n_seen; k++)
        if (cs_buf_printf(b, "%s%d", k ? ", " : "", s->years_seen[k]))
            return CS_ENOMEM;
    return 0;
}

/* The sorted order of n names: perm[new] = old, rank[old] = new. */
static int sort_order(size_t **rank, const char ***sorted, char **names, size_t n)
{
    size_t *perm = malloc((n ? n : 1) * sizeof *perm);
    *rank = malloc((n ? n : 1) * sizeof **rank);
    *sorted = malloc((n ? n : 1) * sizeof **sorted);
    if (!perm || !*rank || !*sorted) {
        free(perm);
        return cs_error_set(CS_ENOMEM, "out of memory for %zu names", n);
    }
    for (size_t k = 0; k < n; k++)
        perm[k] = k;
    qsort_r(perm, n, sizeof *perm, cmp_index, names);
    for (size_t k = 0; k < n; k++) {
        (*rank)[perm[k]] = k;
        (*sorted)[k] = names[perm[k]];
    }
    free(perm);
    return 0;
}

/* Where each column of the file is, from its header. */
typedef struct {
    const cs_regional_read_options *opts;
    const char *path;
    long col_region, col_key, col_year, col_attr, col_val[MAX_VALUES];
    size_t ncols, nv;
    int comma;
} layout;

/* Which year's rows a reader keeps; last_* remember the previous row's year. */
typedef struct {
    int keep_year, have_keep; /* with no year asked: the first year seen */
    int last_year;
    size_t last_idx;
    int last_keep;
} year_track;

static int state_init(state *s)
{
    int rc = cs_strpool_new(&s->pool);
    rc = rc ? rc : cs_keymap_new(&s->regions);
    return rc ? rc : cs_keymap_new(&s->keys);
}

/* Reads the header row into L: 0, or CS_EDATA naming the column that is missing or unknown. */
static int read_header(layout *L, cs_csv_reader *rd, cs_buf *msg)
{
    const cs_regional_read_options *opts = L->opts;
    const char *path = L->path;
    L->col_region = L->col_key = L->col_year = L->col_attr = -1;
    for (size_t v = 0; v < MAX_VALUES; v++)
        L->col_val[v] = -1;
    L->ncols = 0;
    L->nv = opts->n_values;
    L->comma = cs_csv_reader_delimiter(rd) != ',';
    const cs_csv_row *row = NULL;
    int rc = cs_csv_reader_next(rd, &row);
    if (rc == 0)
        rc = cs_error_data(path, 0, 0, "a header row", "an empty file");
    if (rc < 0)
        return rc;
    L->ncols = row->count;
    long header_line = row->line;
    for (size_t j = 0; j < L->ncols; j++) {
        const char *f = row->fields[j];
        long *slot = NULL;
        if (strcmp(f, "region") == 0)
            slot = &L->col_region;
        else if (strcmp(f, opts->key) == 0)
            slot = &L->col_key;
        else if (strcmp(f, "year") == 0)
            slot = &L->col_year;
        else if (opts->attribute && strcmp(f, opts->attribute) == 0)
            slot = &L->col_attr;
        for (size_t v = 0; !slot && v < opts->n_values; v++)
            if (strcmp(f, opts->values[v]) == 0)
                slot = &L->col_val[v];
        if (!slot || *slot >= 0) {
            cs_buf_printf(msg, "%s: region, %s", slot ? "each column once" : "a column", opts->key);
            for (size_t v = 0; v < opts->n_values; v++)
                cs_buf_printf(msg, ", %s", opts->values[v]);
            cs_buf_printf(msg, ", year%s%s", opts->attribute ? ", " : "",
                          opts->attribute ? opts->attribute : "");
            if (slot)
                cs_buf_puts(msg, " (this one is repeated)");
            rc = cs_error_data(path, header_line, (long)j + 1, cs_buf_str(msg), f);
            return rc;
        }
        *slot = (long)j;
    }
    const char *missing = L->col_region < 0 ? "region" : L->col_key < 0 ? opts->key : NULL;
    for (size_t v = 0; !missing && v < opts->n_required; v++)
        if (L->col_val[v] < 0)
            missing = opts->values[v];
    if (!missing && L->col_year < 0 && (opts->need_year || opts->n_years))
        missing = "year";
    if (missing) {
        cs_buf hdr = CS_BUF_INIT;
        for (size_t j = 0; j < L->ncols; j++)
            cs_buf_printf(&hdr, "%s%s", j ? "," : "", row->fields[j]);
        cs_buf_printf(msg, "a column '%s' in the header", missing);
        rc = cs_error_data(path, header_line, 0, cs_buf_str(msg), cs_buf_str(&hdr));
        cs_buf_free(&hdr);
        return rc;
    }
    return 0;
}

/* Reads the rows after the header into s, to the end of the reader's input (or the first error). */
static int take_rows(const layout *L, state *s, year_track *t, cs_csv_reader *rd, cs_buf *msg)
{
    const cs_csv_row *row = NULL;
    int rc;
    while ((rc = cs_csv_reader_next(rd, &row)) == 1) {
        if (row->count != L->ncols) {
            rc = cs_error_set(CS_EDATA, "%s:%ld: expected %zu fields as in the header, found %zu",
                              L->path, row->line, L->ncols, row->count);
            return rc;
        }
        uint32_t yi = 0;
        if (L->col_year >= 0) {
            long long y;
            const char *f = row->fields[L->col_year];
            if (cs_number_read_whole(&y, f, row->lengths[L->col_year], 0, 9999)) {
                rc = cs_error_data(L->path, row->line, L->col_year + 1, "a year (a whole number)",
                                   f);
                return rc;
            }
            int yr = (int)y;
            if (t->last_keep < 0 || yr != t->last_year) {
                size_t k = 0;
                while (k < s->n_seen && s->years_seen[k] != yr)
                    k++;
                if (k == s->n_seen) {
                    if (s->n_seen == MAX_YEARS) {
                        rc = cs_error_data(L->path, row->line, L->col_year + 1,
                                           "at most 4096 different years", f);
                        return rc;
                    }
                    s->years_seen[s->n_seen++] = yr;
                }
                t->last_year = yr;
                t->last_keep = 0;
                if (L->opts->n_years) {
                    for (size_t a = 0; a < L->opts->n_years; a++)
                        if (L->opts->years[a] == yr) {
                            t->last_keep = 1;
                            t->last_idx = a;
                        }
                } else {
                    if (!t->have_keep) {
                        t->have_keep = 1;
                        t->keep_year = yr;
                    }
                    t->last_keep = yr == t->keep_year;
                    t->last_idx = 0;
                }
            }
            if (!t->last_keep)
                continue;
            yi = (uint32_t)t->last_idx;
        }
        const char *rf = row->fields[L->col_region], *kf = row->fields[L->col_key];
        if (!*rf || !*kf) {
            long c = *rf ? L->col_key : L->col_region;
            rc = cs_error_data(L->path, row->line, c + 1,
                               *rf ? "an industry name" : "a region name", "");
            if (*rf && strcmp(L->opts->key, "industry") != 0) {
                cs_buf_printf(msg, "a %s name", L->opts->key);
                rc = cs_error_data(L->path, row->line, c + 1, cs_buf_str(msg), "");
            }
            return rc;
        }
        uint32_t ri, ki;
        rc = intern(&ri, s, s->regions, &s->rname, &s->nr, &s->rcap, rf,
                    row->lengths[L->col_region], 0);
        rc = rc ? rc
                : intern(&ki, s, s->keys, &s->kname, &s->nk, &s->kcap, kf, row->lengths[L->col_key],
                         1);
        if (rc)
            return rc;
        if (L->col_attr >= 0) {
            const char *af = row->fields[L->col_attr];
            if (!*af) {
                cs_buf_printf(msg, "a %s name", L->opts->attribute);
                rc = cs_error_data(L->path, row->line, L->col_attr + 1, cs_buf_str(msg), "");
                return rc;
            }
            if (!s->attr[ki]) {
                s->attr[ki] = cs_strpool_add(s->pool, af, row->lengths[L->col_attr]);
                if (!s->attr[ki]) {
                    rc = CS_ENOMEM;
                    return rc;
                }
                s->attr_line[ki] = row->line;
            } else if (strcmp(s->attr[ki], af) != 0) {
                cs_buf_printf(msg, "%s '%s' for %s '%s' as on line %ld", L->opts->attribute,
                              s->attr[ki], L->opts->key, s->kname[ki], s->attr_line[ki]);
                rc = cs_error_data(L->path, row->line, L->col_attr + 1, cs_buf_str(msg), af);
                return rc;
            }
        }
        size_t cc = s->ccap;
        rc = grow((void **)&s->cells, &cc, s->ncells + 1, sizeof *s->cells);
        rc = rc ? rc : grow((void **)&s->vals, &s->vcap, (s->ncells + 1) * L->nv, sizeof *s->vals);
        if (rc)
            return rc;
        s->ccap = cc;
        double *vals = s->vals + s->ncells * L->nv;
        for (size_t v = 0; v < L->nv; v++) {
            vals[v] = 0;
            if (L->col_val[v] < 0)
                continue;
            const char *f = row->fields[L->col_val[v]];
            int n = cs_number_read(&vals[v], f, row->lengths[L->col_val[v]], L->comma);
            if (n != CS_NUMBER_OK || vals[v] < 0) {
                rc = cs_error_data(L->path, row->line, L->col_val[v] + 1,
                                   n == CS_NUMBER_OK          ? "a value of at least 0"
                                   : n == CS_NUMBER_NONFINITE ? "a finite number"
                                                              : "a number",
                                   f);
                return rc;
            }
        }
        s->cells[s->ncells++] = (cell){ ri, ki, yi, row->line };
    }
    return rc < 0 ? rc : 0;
}

/* ---- several readers: the file cut at line ends into pieces read by the OpenMP team ---- */

#define SPLIT_MIN_DEFAULT (32ull << 20)
#define SPLIT_LOOK        (1u << 20) /* bytes looked at after a cut's point for a line end */
#define PIECES_MAX                                                                                 \
    8 /* more pieces than threads, so that one piece with all                                      \
         the rows kept (a file sorted by year) does not hold                                       \
         back the others: the team takes them as it goes */

/*
 * The offsets just after the first LF at or after k/PIECES_MAX of the file (k = 1..), distinct
 * and increasing, into cut[]; returns how many, 0 when the file is not to be cut (not a
 * regular file, smaller than min_bytes, one thread, no LF near the points). Nothing here knows
 * whether such an LF ends a record or stands inside a quoted field: the reader of the piece
 * before finds out, as it must end there at a record's end (read_pieces).
 */
static size_t choose_cuts(unsigned long long *cut, const char *path, unsigned long long min_bytes)
{
    struct stat st;
    if (omp_get_max_threads() < 2 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (unsigned long long)st.st_size < (min_bytes ? min_bytes : SPLIT_MIN_DEFAULT) ||
        st.st_size < 2)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *buf = fd >= 0 ? malloc(SPLIT_LOOK) : NULL;
    unsigned long long size = (unsigned long long)st.st_size;
    size_t n = 0;
    for (size_t k = 1; buf && k < PIECES_MAX; k++) {
        unsigned long long at = size / PIECES_MAX * k;
        if (n && at < cut[n - 1])
            at = cut[n - 1];
        ssize_t got = pread(fd, buf, SPLIT_LOOK, (off_t)at);
        const char *lf = got > 0 ? memchr(buf, '\n', (size_t)got) : NULL;
        if (!lf)
            break;
        unsigned long long c = at + (unsigned long long)(lf - buf) + 1;
        if (c >= size)
            break;
        if (!n || c > cut[n - 1])
            cut[n++] = c;
    }
    free(buf);
    if (fd >= 0)
        close(fd);
    return n;
}

/* Whether year y is among those s has seen. */
static int year_seen(const state *s, int y)
{
    for (size_t j = 0; j < s->n_seen; j++)
        if (s->years_seen[j] == y)
            return 1;
    return 0;
}

/* Adds the years s has not seen yet, in their order (the caller checked that they fit). */
static void years_add(state *s, const int *years, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!year_seen(s, years[k]))
            s->years_seen[s->n_seen++] = years[k];
}

/* Moves b's cells and names into a, which holds none (b's first line is line_offset + 1). */
static void take_over(state *a, state *b, long line_offset)
{
    state t = *a;
    *a = *b;
    *b = t; /* b: the years seen before the piece, and nothing else to keep */
    for (size_t c = 0; c < a->ncells; c++)
        a->cells[c].line += line_offset;
    for (size_t k = 0; k < a->nk; k++)
        a->attr_line[k] += a->attr[k] ? line_offset : 0;
    /* the years as one reader meets them: those seen before the piece, then its own */
    int own[MAX_YEARS];
    size_t n_own = a->n_seen;
    memcpy(own, a->years_seen, n_own * sizeof *own);
    memcpy(a->years_seen, b->years_seen, b->n_seen * sizeof *own);
    a->n_seen = b->n_seen;
    years_add(a, own, n_own);
}

/*
 * Adds a later piece's rows (b, read from line 1 of its range) to the earlier ones' (a), as
 * one reader would have: names in the order first seen, cells in file order, lines counted
 * from the file's start. 1 when the pieces disagree in a way one reader reports as an error
 * (an attribute that changes for one key, two years kept with none asked, too many years):
 * the caller then reads the file again with one reader, for that reader's message.
 */
static int merge_piece(const layout *L, state *a, year_track *ta, state *b, const year_track *tb,
                       long line_offset)
{
    if (L->col_year >= 0 && !L->opts->n_years && tb->have_keep) {
        if (ta->have_keep && ta->keep_year != tb->keep_year)
            return 1; /* two years: one reader names them all */
        ta->have_keep = 1;
        ta->keep_year = tb->keep_year;
    }
    size_t n_union = a->n_seen;
    for (size_t k = 0; k < b->n_seen; k++)
        n_union += !year_seen(a, b->years_seen[k]);
    if (n_union > MAX_YEARS)
        return 1;
    if (a->ncells == 0) { /* nothing kept yet (a file sorted by year): no copy */
        take_over(a, b, line_offset);
        return 0;
    }
    years_add(a, b->years_seen, b->n_seen);
    if (b->ncells == 0)
        return 0;
    uint32_t *rmap = malloc((b->nr ? b->nr : 1) * sizeof *rmap);
    uint32_t *kmap = malloc((b->nk ? b->nk : 1) * sizeof *kmap);
    int rc = rmap && kmap ? 0 : CS_ENOMEM;
    for (size_t i = 0; !rc && i < b->nr; i++)
        rc = intern(&rmap[i], a, a->regions, &a->rname, &a->nr, &a->rcap, b->rname[i],
                    strlen(b->rname[i]), 0);
    for (size_t i = 0; !rc && i < b->nk; i++) {
        rc = intern(&kmap[i], a, a->keys, &a->kname, &a->nk, &a->kcap, b->kname[i],
                    strlen(b->kname[i]), 1);
        if (rc || L->col_attr < 0 || !b->attr[i])
            continue;
        uint32_t k = kmap[i];
        if (!a->attr[k]) {
            a->attr[k] = cs_strpool_add(a->pool, b->attr[i], strlen(b->attr[i]));
            a->attr_line[k] = b->attr_line[i] + line_offset;
            rc = a->attr[k] ? 0 : CS_ENOMEM;
        } else if (strcmp(a->attr[k], b->attr[i]) != 0) {
            rc = 1;
        }
    }
    size_t nv = L->nv, cc = a->ccap;
    rc = rc ? rc : grow((void **)&a->cells, &cc, a->ncells + b->ncells, sizeof *a->cells);
    rc = rc ? rc : grow((void **)&a->vals, &a->vcap, (a->ncells + b->ncells) * nv, sizeof *a->vals);
    if (!rc) {
        a->ccap = cc;
        for (size_t c = 0; c < b->ncells; c++) {
            const cell *e = &b->cells[c];
            a->cells[a->ncells + c] = (cell){ rmap[e->r], kmap[e->k], e->y, e->line + line_offset };
        }
        memcpy(a->vals + a->ncells * nv, b->vals, b->ncells * nv * sizeof *a->vals);
        a->ncells += b->ncells;
    }
    free(rmap);
    free(kmap);
    return rc;
}

/*
 * Reads the rows after the header in pieces at once: the first with ra (open on the file up to
 * cut[0], its header read) into s, each other (cut[k - 1] to cut[k], the last to the end) with
 * a reader and a state of its own, then merges them in file order. 0 when s holds every row as
 * one reader would have read them; 1 when the caller must read the file with one reader
 * instead (a piece failed, which one reader reports with the right line; a cut fell inside a
 * quoted field, so the piece before it did not end at a record's end; two pieces decided
 * different encodings; or merge_piece found a disagreement); a negative code only for a
 * failure outside the data.
 */
static int read_pieces(const layout *L, state *s, year_track *t, cs_csv_reader *ra,
                       const unsigned long long *cut, size_t ncut)
{
    size_t np = ncut + 1;
    state *st = calloc(np, sizeof *st);
    year_track *tr = calloc(np, sizeof *tr);
    cs_csv_reader **rd = calloc(np, sizeof *rd);
    int *rcs = calloc(np, sizeof *rcs);
    if (!st || !tr || !rd || !rcs) {
        free(st);
        free(tr);
        free(rd);
        free(rcs);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    char delim = cs_csv_reader_delimiter(ra);
#pragma omp parallel for schedule(dynamic, 1)
    for (size_t k = 0; k < np; k++) {
        cs_buf msg = CS_BUF_INIT;
        if (k == 0) {
            rcs[0] = take_rows(L, s, t, ra, &msg);
        } else {
            cs_csv_options o;
            memset(&o, 0, sizeof o);
            o.delimiter = delim;
            o.start_offset = cut[k - 1];
            o.end_offset = k < ncut ? cut[k] : 0;
            tr[k].last_keep = -1;
            int rc = state_init(&st[k]);
            rc = rc ? rc : cs_csv_reader_open(&rd[k], L->path, &o);
            rcs[k] = rc ? rc : take_rows(L, &st[k], &tr[k], rd[k], &msg);
        }
        cs_buf_free(&msg);
    }
    int redo = 0, rc = 0;
    /* a piece that saw only ASCII decided nothing; those that decided must agree, as one
     * reader keeps the first decision for the whole file */
    cs_csv_encoding enc = cs_csv_reader_decided_encoding(ra);
    for (size_t k = 0; k < np && !redo; k++) {
        redo = rcs[k] != 0;
        cs_csv_encoding e = k ? cs_csv_reader_decided_encoding(rd[k]) : enc;
        if (!redo && e != CS_CSV_ENCODING_AUTO) {
            redo = enc != CS_CSV_ENCODING_AUTO && e != enc;
            enc = e;
        }
    }
    long offset = cs_csv_reader_line(ra) - 1;
    for (size_t k = 1; k < np && !redo && !rc; k++) {
        rc = merge_piece(L, s, t, &st[k], &tr[k], offset);
        redo = rc == 1;
        rc = rc == 1 ? 0 : rc;
        offset += cs_csv_reader_line(rd[k]) - 1;
    }
    for (size_t k = 1; k < np; k++) {
        cs_csv_reader_close(rd[k]);
        state_free(&st[k]);
    }
    free(st);
    free(tr);
    free(rd);
    free(rcs);
    return rc < 0 ? rc : redo;
}

int cs_ingest_read_regional(cs_regional_data **out, const char *path,
                            const cs_regional_read_options *opts)
{
    *out = NULL;
    if (!opts || !opts->key || opts->n_values == 0 || opts->n_values > MAX_VALUES ||
        opts->n_required > opts->n_values || opts->n_years > MAX_YEARS)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    data_impl *impl = calloc(1, sizeof *impl);
    if (!impl)
        return cs_error_set(CS_ENOMEM, "out of memory");
    state *s = &impl->st;
    cs_csv_reader *rd = NULL;
    cs_buf msg = CS_BUF_INIT;
    size_t *rrank = NULL, *krank = NULL;
    uint32_t *seen = NULL;
    layout lay;
    memset(&lay, 0, sizeof lay);
    lay.opts = opts;
    lay.path = path;
    const layout *L = &lay;
    year_track track = { 0, 0, 0, 0, -1 };
    unsigned long long cut[PIECES_MAX];
    size_t ncut = choose_cuts(cut, path, opts->split_min_bytes);
    cs_csv_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = opts->delimiter;
    co.end_offset = ncut ? cut[0] : 0;
    int rc = state_init(s);
    rc = rc ? rc : cs_csv_reader_open(&rd, path, &co);
    rc = rc ? rc : read_header(&lay, rd, &msg);
    impl->readers = 1;
    if (!rc && ncut && (rc = read_pieces(L, s, &track, rd, cut, ncut)) == 0)
        impl->readers = 2;
    if (rc == 1) {
        /* one reader, from the start: for its message, or for a split that was no record end */
        cs_csv_reader_close(rd);
        rd = NULL;
        state_free(s);
        memset(s, 0, sizeof *s);
        memset(&track, 0, sizeof track);
        track.last_keep = -1;
        cs_buf_free(&msg);
        co.end_offset = 0;
        rc = state_init(s);
        rc = rc ? rc : cs_csv_reader_open(&rd, path, &co);
        rc = rc ? rc : read_header(&lay, rd, &msg);
        rc = rc ? rc : take_rows(L, s, &track, rd, &msg);
    } else if (!rc && !ncut) {
        rc = take_rows(L, s, &track, rd, &msg);
    }
    if (rc)
        goto fail;
    long col_region = L->col_region, col_year = L->col_year, col_attr = L->col_attr;
    size_t nv = L->nv;
    for (size_t v = 0; v < opts->n_values; v++)
        s->has_value[v] = L->col_val[v] >= 0;
    rc = 0;
    /* which years: the one kept, or those asked, each of which the file must hold */
    size_t ny = 1;
    if (col_year >= 0 && opts->n_years) {
        ny = opts->n_years;
        for (size_t a = 0; a < opts->n_years; a++) {
            size_t k = 0;
            while (k < s->n_seen && s->years_seen[k] != opts->years[a])
                k++;
            if (k == s->n_seen) {
                char found[32];
                snprintf(found, sizeof found, "%d", opts->years[a]);
                cs_buf_puts(&msg, s->n_seen ? "a year the file holds (" : "a year the file holds");
                list_years(&msg, s);
                cs_buf_puts(&msg, s->n_seen ? ")" : "");
                rc = cs_error_data(path, 0, 0, cs_buf_str(&msg), found);
                goto fail;
            }
        }
    } else if (col_year >= 0 && s->n_seen > 1) {
        size_t n = s->n_seen;
        list_years(&msg, s);
        rc = cs_error_set(CS_EDATA,
                          "%s: expected the values of one year, found %zu years (%s); choose one",
                          path, n, cs_buf_str(&msg));
        goto fail;
    }
    if (s->ncells == 0) {
        rc = cs_error_data(path, 0, 0, "at least one data row after the header", "none");
        goto fail;
    }
    /* regions and keys in byte order, so that output is the same whatever the row order */
    const char **rs = NULL, **ks = NULL;
    rc = sort_order(&rrank, &rs, s->rname, s->nr);
    s->region_sorted = rs;
    if (!rc) {
        rc = sort_order(&krank, &ks, s->kname, s->nk);
        s->key_sorted = ks;
    }
    if (rc)
        goto fail;
    size_t nr = s->nr, ni = s->nk;
    size_t plane = nr * ni;
    if (ni && plane / ni != nr) {
        rc = cs_error_set(CS_ENOMEM, "%s: %zu regions x %zu keys is too large", path, nr, ni);
        goto fail;
    }
    s->x = calloc(ny * nv * plane, sizeof *s->x);
    seen = calloc(ny * plane, sizeof *seen);
    s->year = malloc(ny * sizeof *s->year);
    if (col_attr >= 0)
        s->attr_sorted = malloc(ni * sizeof *s->attr_sorted);
    if (!s->x || !seen || !s->year || (col_attr >= 0 && !s->attr_sorted)) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory for %zu x %zu x %zu values", path, ny, nr,
                          ni);
        goto fail;
    }
    for (size_t a = 0; a < ny; a++)
        s->year[a] = opts->n_years ? opts->years[a] : (s->n_seen ? s->years_seen[0] : 0);
    if (col_attr >= 0)
        for (size_t k = 0; k < ni; k++)
            s->attr_sorted[krank[k]] = s->attr[k];
    for (size_t c = 0; c < s->ncells; c++) {
        const cell *e = &s->cells[c];
        size_t r = rrank[e->r], i = krank[e->k];
        size_t at = (size_t)e->y * plane + r * ni + i;
        if (seen[at]) {
            const cell *first = &s->cells[seen[at] - 1];
            if (col_year >= 0)
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld:%ld: expected one row per region, %s and year, found "
                                  "a second row for '%s', '%s', %d (first on line %ld)",
                                  path, e->line, col_region + 1, opts->key, s->rname[e->r],
                                  s->kname[e->k], s->year[e->y], first->line);
            else
                rc = cs_error_set(CS_EDATA,
                                  "%s:%ld:%ld: expected one row per region and %s, found a "
                                  "second row for '%s', '%s' (first on line %ld)",
                                  path, e->line, col_region + 1, opts->key, s->rname[e->r],
                                  s->kname[e->k], first->line);
            goto fail;
        }
        seen[at] = (uint32_t)(c + 1);
        for (size_t v = 0; v < nv; v++)
            s->x[((size_t)e->y * nv + v) * plane + r * ni + i] = s->vals[c * nv + v];
    }
    free(seen);
    seen = NULL;
    free(s->cells);
    free(s->vals);
    s->cells = NULL;
    s->vals = NULL;
    free(rrank);
    free(krank);
    cs_buf_free(&msg);
    cs_csv_reader_close(rd);
    impl->pub.nr = nr;
    impl->pub.ni = ni;
    impl->pub.ny = ny;
    impl->pub.nv = nv;
    impl->pub.region = s->region_sorted;
    impl->pub.key = s->key_sorted;
    impl->pub.attribute = s->attr_sorted;
    impl->pub.year = col_year >= 0 ? s->year : NULL;
    impl->pub.has_value = s->has_value;
    impl->pub.x = s->x;
    impl->pub.internal = impl;
    if ((rc = cs_regional_data_check_totals(&impl->pub, opts->values, opts->n_required, path))) {
        cs_regional_data_free(&impl->pub);
        return rc;
    }
    *out = &impl->pub;
    return 0;
fail:
    if (rc >= 0)
        rc = CS_ENOMEM;
    free(seen);
    free(rrank);
    free(krank);
    cs_buf_free(&msg);
    cs_csv_reader_close(rd);
    state_free(s);
    free(impl);
    return rc;
}

/* ---- data from another source than a file (the registry's statistics) ---- */

struct cs_regional_builder {
    data_impl *impl;
    size_t nv, ny;
    int any_attr;
};

int cs_regional_builder_new(cs_regional_builder **out, size_t n_values, const int *years,
                            size_t n_years)
{
    *out = NULL;
    if (n_values == 0 || n_values > MAX_VALUES || n_years == 0 || n_years > MAX_YEARS)
        return cs_error_set(CS_EUSAGE, "regional data: bad reading options");
    cs_regional_builder *b = calloc(1, sizeof *b);
    data_impl *impl = calloc(1, sizeof *impl);
    int rc = b && impl ? 0 : cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc) {
        b->impl = impl;
        b->nv = n_values;
        b->ny = n_years;
        rc = cs_strpool_new(&impl->st.pool);
        rc = rc ? rc : cs_keymap_new(&impl->st.regions);
        rc = rc ? rc : cs_keymap_new(&impl->st.keys);
        impl->st.year = rc ? NULL : malloc(n_years * sizeof *impl->st.year);
        if (!rc && !impl->st.year)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (rc) {
        if (impl)
            state_free(&impl->st);
        free(impl);
        free(b);
        return rc;
    }
    memcpy(impl->st.year, years, n_years * sizeof *years);
    *out = b;
    return 0;
}

void cs_regional_builder_free(cs_regional_builder *b)
{
    if (!b)
        return;
    if (b->impl)
        state_free(&b->impl->st);
    free(b->impl);
    free(b);
}

int cs_regional_builder_add(cs_regional_builder *b, const char *region, const char *key,
                            const char *attribute, size_t year, size_t value, double x)
{
    state *s = &b->impl->st;
    if (!*region || !*key || year >= b->ny || value >= b->nv || !(x >= 0) || x > 1.79e308)
        return cs_error_set(CS_EDATA,
                            "regional data: expected a named region and key and a finite value "
                            "of at least 0, found '%s', '%s', %g",
                            region, key, x);
    uint32_t ri, ki;
    int rc = intern(&ri, s, s->regions, &s->rname, &s->nr, &s->rcap, region, strlen(region), 0);
    rc = rc ? rc : intern(&ki, s, s->keys, &s->kname, &s->nk, &s->kcap, key, strlen(key), 1);
    if (rc)
        return rc;
    if (attribute && !s->attr[ki]) {
        s->attr[ki] = cs_strpool_add(s->pool, attribute, strlen(attribute));
        if (!s->attr[ki])
            return CS_ENOMEM;
        b->any_attr = 1;
    }
    /* one cell per (region, key, year): the caller gives a cell's values one after another */
    cell *last = s->ncells ? &s->cells[s->ncells - 1] : NULL;
    if (!last || last->r != ri || last->k != ki || last->y != (uint32_t)year) {
        size_t cc = s->ccap;
        rc = grow((void **)&s->cells, &cc, s->ncells + 1, sizeof *s->cells);
        rc = rc ? rc : grow((void **)&s->vals, &s->vcap, (s->ncells + 1) * b->nv, sizeof *s->vals);
        if (rc)
            return rc;
        s->ccap = cc;
        memset(s->vals + s->ncells * b->nv, 0, b->nv * sizeof *s->vals);
        s->cells[s->ncells++] = (cell){ ri, ki, (uint32_t)year, (long)s->ncells + 1 };
    }
    s->vals[(s->ncells - 1) * b->nv + value] = x;
    return 0;
}

int cs_regional_builder_finish(cs_regional_data **out, cs_regional_builder *b, const int *has_value,
                               const char *what)
{
    *out = NULL;
    data_impl *impl = b->impl;
    state *s = &impl->st;
    size_t *rrank = NULL, *krank = NULL;
    unsigned char *seen = NULL;
    const char **rs = NULL, **ks = NULL;
    int rc =
        s->ncells ? 0 : cs_error_set(CS_EDATA, "%s: expected at least one value, found none", what);
    rc = rc ? rc : sort_order(&rrank, &rs, s->rname, s->nr);
    s->region_sorted = rs;
    if (!rc) {
        rc = sort_order(&krank, &ks, s->kname, s->nk);
        s->key_sorted = ks;
    }
    size_t nr = s->nr, ni = s->nk, nv = b->nv, ny = b->ny, plane = nr * ni;
    if (!rc && ni && plane / ni != nr)
        rc = cs_error_set(CS_ENOMEM, "%s: %zu regions x %zu keys is too large", what, nr, ni);
    if (!rc) {
        s->x = calloc(ny * nv * plane, sizeof *s->x);
        seen = calloc(ny * plane, 1); /* plane > 0: at least one cell */
        if (b->any_attr)
            s->attr_sorted = malloc((ni ? ni : 1) * sizeof *s->attr_sorted);
        if (!s->x || !seen || (b->any_attr && !s->attr_sorted))
            rc = cs_error_set(CS_ENOMEM, "%s: out of memory for %zu x %zu x %zu values", what, ny,
                              nr, ni);
    }
    /* a key without a type of its own reads as an empty one, for the caller to refuse */
    for (size_t k = 0; !rc && b->any_attr && k < ni; k++)
        s->attr_sorted[krank[k]] = s->attr[k] ? s->attr[k] : "";
    for (size_t c = 0; !rc && c < s->ncells; c++) {
        const cell *e = &s->cells[c];
        size_t at = (size_t)e->y * plane + rrank[e->r] * ni + krank[e->k];
        if (seen[at]) {
            rc = cs_error_set(CS_EDATA,
                              "%s: expected one value per region, key and year, found "
                              "two for '%s', '%s', %d",
                              what, s->rname[e->r], s->kname[e->k], s->year[e->y]);
            break;
        }
        seen[at] = 1;
        for (size_t v = 0; v < nv; v++)
            s->x[((size_t)e->y * nv + v) * plane + rrank[e->r] * ni + krank[e->k]] =
                s->vals[c * nv + v];
    }
    free(seen);
    free(rrank);
    free(krank);
    if (rc) {
        cs_regional_builder_free(b);
        return rc;
    }
    free(s->cells);
    free(s->vals);
    s->cells = NULL;
    s->vals = NULL;
    for (size_t v = 0; v < nv; v++)
        s->has_value[v] = has_value ? has_value[v] : 1;
    impl->pub.nr = nr;
    impl->pub.ni = ni;
    impl->pub.ny = ny;
    impl->pub.nv = nv;
    impl->pub.region = s->region_sorted;
    impl->pub.key = s->key_sorted;
    impl->pub.attribute = s->attr_sorted;
    impl->pub.year = s->year;
    impl->pub.has_value = s->has_value;
    impl->pub.x = s->x;
    impl->pub.internal = impl;
    *out = &impl->pub;
    free(b);
    return 0;
}

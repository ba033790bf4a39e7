/*
 * Comparing two partitions: contingency table, adjusted Rand index and normalised mutual
 * information, computed as scikit-learn 1.2 computes them (sklearn/metrics/cluster/_supervised.py).
 *
 * Labels may be any ints: they are replaced by their rank among the distinct values, and the
 * non-zero cells of the contingency table are found by sorting (row, column) keys, in O(n log n)
 * time and O(n) memory whatever the number of groups. Pair counts are exact 128-bit integers, so
 * the adjusted Rand index is scikit-learn's to the last bit.
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition/partition_util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cs_contingency_table(int64_t *table, const int *la, int ka, const int *lb, int kb, size_t n)
{
    if (!table || (n > 0 && (!la || !lb)))
        return cs_error_set(CS_EUSAGE, "contingency table: no labels or no output table given");
    if (ka < 1 || kb < 1)
        return cs_error_set(CS_EUSAGE,
                            "contingency table: the numbers of groups must be >= 1, got %d and %d",
                            ka, kb);
    int rc = cs_part_check_labels(la, n, ka, NULL, NULL, "contingency table, first partition");
    if (rc)
        return rc;
    rc = cs_part_check_labels(lb, n, kb, NULL, NULL, "contingency table, second partition");
    if (rc)
        return rc;
    memset(table, 0, (size_t)ka * (size_t)kb * sizeof *table);
    for (size_t i = 0; i < n; i++)
        table[(size_t)la[i] * (size_t)kb + (size_t)lb[i]]++;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* codes[i] = rank of l[i] among the distinct values; returns their number, or -1 (no memory). */
static long compact(uint32_t *codes, const int *l, size_t n)
{
    int *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return -1;
    if (n > 0)
        memcpy(sorted, l, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_int);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || sorted[m - 1] != sorted[i])
            sorted[m++] = sorted[i];
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = m;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (sorted[mid] <= l[i])
                lo = mid;
            else
                hi = mid;
        }
        codes[i] = (uint32_t)lo;
    }
    free(sorted);
    return (long)m;
}

/* The sparse contingency table: non-zero cells in row-major order, row and column sums. */
typedef struct {
    size_t ra, rb, nnz;
    uint32_t *row, *col; /* nnz */
    int64_t *cell;       /* nnz */
    int64_t *asum, *bsum;
} sparse_table;

static void sparse_free(sparse_table *t)
{
    free(t->row);
    free(t->col);
    free(t->cell);
    free(t->asum);
    free(t->bsum);
}

static int sparse_build(sparse_table *t, const int *la, const int *lb, size_t n, const char *what)
{
    memset(t, 0, sizeof *t);
    uint32_t *ca = malloc((n ? n : 1) * sizeof *ca);
    uint32_t *cb = malloc((n ? n : 1) * sizeof *cb);
    uint64_t *key = malloc((n ? n : 1) * sizeof *key);
    long ra = -1, rb = -1;
    if (ca && cb && key) {
        ra = compact(ca, la, n);
        rb = compact(cb, lb, n);
    }
    if (ra < 0 || rb < 0) {
        free(ca);
        free(cb);
        free(key);
        return cs_error_set(CS_ENOMEM, "%s: out of memory for %zu labels", what, n);
    }
    t->ra = (size_t)ra;
    t->rb = (size_t)rb;
    for (size_t i = 0; i < n; i++)
        key[i] = (uint64_t)ca[i] * (uint64_t)t->rb + cb[i];
    qsort(key, n, sizeof *key, cmp_u64);
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || key[i] != key[i - 1])
            nnz++;
    t->row = malloc((nnz ? nnz : 1) * sizeof *t->row);
    t->col = malloc((nnz ? nnz : 1) * sizeof *t->col);
    t->cell = malloc((nnz ? nnz : 1) * sizeof *t->cell);
    t->asum = calloc(t->ra ? t->ra : 1, sizeof *t->asum);
    t->bsum = calloc(t->rb ? t->rb : 1, sizeof *t->bsum);
    if (!t->row || !t->col || !t->cell || !t->asum || !t->bsum) {
        free(ca);
        free(cb);
        free(key);
        sparse_free(t);
        return cs_error_set(CS_ENOMEM, "%s: out of memory for %zu labels", what, n);
    }
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && key[i] == key[i - 1]) {
            t->cell[c - 1]++;
            continue;
        }
        t->row[c] = (uint32_t)(key[i] / t->rb);
        t->col[c] = (uint32_t)(key[i] % t->rb);
        t->cell[c] = 1;
        c++;
    }
    t->nnz = nnz;
    for (size_t i = 0; i < nnz; i++) {
        t->asum[t->row[i]] += t->cell[i];
        t->bsum[t->col[i]] += t->cell[i];
    }
    free(ca);
    free(cb);
    free(key);
    return 0;
}

int cs_adjusted_rand_index(double *ari, const int *la, const int *lb, size_t n)
{
    if (!ari || (n > 0 && (!la || !lb)))
        return cs_error_set(CS_EUSAGE, "adjusted Rand index: no labels or no output given");
    if (n > ((size_t)1 << 31))
        return cs_error_set(CS_EUSAGE, "adjusted Rand index: at most 2^31 objects, got %zu", n);
    sparse_table t;
    int rc = sparse_build(&t, la, lb, n, "adjusted Rand index");
    if (rc)
        return rc;
    /* scikit-learn's pair_confusion_matrix, in exact integers */
    __int128 nn = (__int128)n, sum_squares = 0, dot_b = 0, dot_a = 0;
    for (size_t i = 0; i < t.nnz; i++) {
        __int128 c = t.cell[i];
        sum_squares += c * c;
        dot_b += c * t.bsum[t.col[i]];
        dot_a += c * t.asum[t.row[i]];
    }
    __int128 tp = sum_squares - nn;
    __int128 fp = dot_b - sum_squares;
    __int128 fn = dot_a - sum_squares;
    __int128 tn = nn * nn - fp - fn - sum_squares;
    sparse_free(&t);
    if (fn == 0 && fp == 0) {
        *ari = 1.0;
        return 0;
    }
    /* Python: 2.0 * int / int rounds each integer to double once, as these conversions do. */
    __int128 num = tp * tn - fn * fp;
    __int128 den = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
    *ari = 2.0 * (double)num / (double)den;
    return 0;
}

/* scikit-learn's entropy(): of the group sizes, natural logarithm. */
static double entropy(const int64_t *sizes, size_t m, double total)
{
    size_t present = 0;
    for (size_t i = 0; i < m; i++)
        present += sizes[i] > 0;
    if (present <= 1)
        return 0.0;
    double log_total = log(total), s = 0.0;
    for (size_t i = 0; i < m; i++) {
        if (sizes[i] == 0)
            continue;
        double pi = (double)sizes[i];
        s += (pi / total) * (log(pi) - log_total);
    }
    return -s;
}

int cs_normalized_mutual_info(double *nmi, const int *la, const int *lb, size_t n)
{
    if (!nmi || (n > 0 && (!la || !lb)))
        return cs_error_set(CS_EUSAGE, "normalised mutual information: no labels or no output");
    sparse_table t;
    int rc = sparse_build(&t, la, lb, n, "normalised mutual information");
    if (rc)
        return rc;
    if ((t.ra == 1 && t.rb == 1) || (t.ra == 0 && t.rb == 0)) {
        sparse_free(&t);
        *nmi = 1.0;
        return 0;
    }
    double mi = 0.0;
    if (t.ra > 1 && t.rb > 1) {
        double total = (double)n;
        double log_total = log(total);
        for (size_t i = 0; i < t.nnz; i++) {
            double nz = (double)t.cell[i];
            double cnm = nz / total;
            double outer = (double)(t.asum[t.row[i]] * t.bsum[t.col[i]]);
            /* -log(outer) + log(pi.sum()) + log(pj.sum()), left to right; both sums are n */
            double log_outer = -log(outer) + log_total + log_total;
            double v = cnm * (log(nz) - log_total) + cnm * log_outer;
            if (fabs(v) < DBL_EPSILON)
                v = 0.0;
            mi += v;
        }
        if (mi < 0.0)
            mi = 0.0;
    }
    if (mi == 0.0) {
        sparse_free(&t);
        *nmi = 0.0;
        return 0;
    }
    double ha = entropy(t.asum, t.ra, (double)n);
    double hb = entropy(t.bsum, t.rb, (double)n);
    sparse_free(&t);
    *nmi = mi / ((ha + hb) / 2.0);
    return 0;
}

/*
 * linkage.c: hierarchical linkage entry points and dispatch (single: Prim; complete, average,
 * weighted, ward: nnchain.c, rnn.c or ward.c; centroid, median: SciPy's generic algorithm, here),
 * SciPy's sorting and relabelling of merges, cuts into groups and cophenetic distances.
 *
 * Invariants:
 * - The Lance-Williams updates below are SciPy's expressions with the same operand order, so
 *   every merge height is bitwise SciPy's when the input distances are (no FMA contraction
 *   happens: -std=c11 turns contraction off, and no clone here enables FMA).
 * - Prim's loop and the generic algorithm (with SciPy's heap) take SciPy's decisions, ties
 *   included; the NN-chain's tie rule is in nnchain.c, the rounds' rule in rnn.c.
 */
#include "typology/typology_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[CS_LINKAGE_COUNT] = {
    "single", "complete", "average", "weighted", "ward", "centroid", "median",
};

int cs_linkage_method_parse(cs_linkage_method *out, const char *name)
{
    for (int k = 0; k < CS_LINKAGE_COUNT; k++) {
        if (name && strcmp(name, method_names[k]) == 0) {
            *out = (cs_linkage_method)k;
            return 0;
        }
    }
    return cs_error_set(CS_EUSAGE,
                        "unknown linkage method \"%s\" (expected single, complete, average, "
                        "weighted, ward, centroid or median)",
                        name ? name : "");
}

const char *cs_linkage_method_name(cs_linkage_method m)
{
    return (int)m >= 0 && m < CS_LINKAGE_COUNT ? method_names[m] : "?";
}

static int is_nnchain(cs_linkage_method m)
{
    return m == CS_LINKAGE_COMPLETE || m == CS_LINKAGE_AVERAGE || m == CS_LINKAGE_WEIGHTED ||
           m == CS_LINKAGE_WARD;
}

/* ------------------------------------------------------------------------------------------ */
/* Memory                                                                                      */

static size_t add_sat(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/*
 * Per-object bookkeeping, an upper estimate: sizes, slots, chain, neighbour lists (8 x 16
 * bytes), the sort and relabelling buffers (90 bytes), and per thread the column minima of the
 * rounds or the centroid form's first lists. PER_THREAD is per object and thread.
 */
static size_t per_object(size_t n, size_t per_thread)
{
    size_t unit = 256 + per_thread * (size_t)omp_get_max_threads();
    return n > SIZE_MAX / unit ? SIZE_MAX : unit * n;
}

static int use_ward_vector(size_t n, const cs_linkage_options *o)
{
    if (o && o->ward_vector)
        return o->ward_vector > 0;
    return n >= CS_WARD_VECTOR_MIN;
}

size_t cs_linkage_memory(size_t n, cs_linkage_method method, int from_data, size_t *minimum)
{
    size_t need;
    if (method == CS_LINKAGE_SINGLE)
        need = per_object(n, 0);
    else if (from_data && method == CS_LINKAGE_WARD && use_ward_vector(n, NULL))
        need = per_object(n, 160); /* plus the data themselves */
    else
        need = add_sat(cs_distance_memory(n), per_object(n, 64));
    if (minimum)
        *minimum = need;
    return need;
}

static int over_limit(size_t need, size_t limit, size_t n, cs_linkage_method method)
{
    if (need == SIZE_MAX)
        return cs_error_set(CS_ENOMEM, "%s linkage of %zu objects does not fit in memory",
                            cs_linkage_method_name(method), n);
    if (limit && need > limit) {
        cs_error_set(CS_ENOMEM,
                     "%s linkage of %zu objects needs %.2f GiB of working memory, over the memory "
                     "limit of %.2f GiB",
                     cs_linkage_method_name(method), n, need / 1073741824.0, limit / 1073741824.0);
        return cs_error_advise(CS_ADVICE_MAX_MEMORY);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Lance-Williams updates, exactly as scipy/cluster/_hierarchy_distance_update.pxi           */

static double lw_update(cs_linkage_method m, double d_xi, double d_yi, double d_xy, long sx,
                        long sy, long si)
{
    switch (m) {
    case CS_LINKAGE_SINGLE:
        return d_xi < d_yi ? d_xi : d_yi;
    case CS_LINKAGE_COMPLETE:
        return d_xi > d_yi ? d_xi : d_yi;
    case CS_LINKAGE_AVERAGE:
        return ((double)sx * d_xi + (double)sy * d_yi) / (double)(sx + sy);
    case CS_LINKAGE_WEIGHTED:
        return 0.5 * (d_xi + d_yi);
    case CS_LINKAGE_WARD: {
        double t = 1.0 / (double)(sx + sy + si);
        return sqrt((double)(si + sx) * t * d_xi * d_xi + (double)(si + sy) * t * d_yi * d_yi -
                    (double)si * t * d_xy * d_xy);
    }
    case CS_LINKAGE_CENTROID:
        return sqrt((((double)sx * d_xi * d_xi) + ((double)sy * d_yi * d_yi) -
                     ((double)(sx * sy) * d_xy * d_xy) / (double)(sx + sy)) /
                    (double)(sx + sy));
    default: /* median */
        return sqrt(0.5 * (d_xi * d_xi + d_yi * d_yi) - 0.25 * d_xy * d_xy);
    }
}

static inline size_t cidx(size_t n, size_t i, size_t j)
{
    return i < j ? n * i - i * (i + 1) / 2 + j - i - 1 : n * j - j * (j + 1) / 2 + i - j - 1;
}

/* ------------------------------------------------------------------------------------------ */
/* SciPy's post-processing: stable sort by height, then union-find relabelling (label()).     */

static void merge_sort_idx(size_t *idx, size_t *tmp, const double *key, size_t len)
{
    /* bottom-up, stable: equal keys keep their order */
    for (size_t width = 1; width < len; width *= 2) {
        for (size_t lo = 0; lo < len; lo += 2 * width) {
            size_t mid = lo + width < len ? lo + width : len;
            size_t hi = lo + 2 * width < len ? lo + 2 * width : len;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                tmp[o++] = key[idx[b]] < key[idx[a]] ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[o++] = idx[a++];
            while (b < hi)
                tmp[o++] = idx[b++];
        }
        memcpy(idx, tmp, len * sizeof *idx);
    }
}

static size_t uf_find(size_t *parent, size_t x)
{
    size_t root = x;
    while (parent[root] != root)
        root = parent[root];
    while (parent[x] != root) {
        size_t next = parent[x];
        parent[x] = root;
        x = next;
    }
    return root;
}

int cs_typ_sort_and_label(double *z, size_t n)
{
    size_t m = n - 1;
    size_t *idx = malloc(m * sizeof *idx);
    size_t *tmp = malloc(m * sizeof *tmp);
    double *key = calloc(m, sizeof *key);
    double *copy = malloc(m * 4 * sizeof *copy);
    size_t *parent = malloc((2 * n - 1) * sizeof *parent);
    size_t *size = malloc((2 * n - 1) * sizeof *size);
    if (!idx || !tmp || !key || !copy || !parent || !size) {
        free(idx);
        free(tmp);
        free(key);
        free(copy);
        free(parent);
        free(size);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < m; k++) {
        idx[k] = k;
        key[k] = z[4 * k + 2];
    }
    merge_sort_idx(idx, tmp, key, m);
    memcpy(copy, z, m * 4 * sizeof *copy);
    for (size_t k = 0; k < m; k++)
        memcpy(z + 4 * k, copy + 4 * idx[k], 4 * sizeof *z);
    for (size_t k = 0; k < 2 * n - 1; k++) {
        parent[k] = k;
        size[k] = 1;
    }
    size_t next = n;
    for (size_t k = 0; k < m; k++) {
        size_t x = (size_t)z[4 * k], y = (size_t)z[4 * k + 1];
        size_t xr = uf_find(parent, x), yr = uf_find(parent, y);
        z[4 * k] = (double)(xr < yr ? xr : yr);
        z[4 * k + 1] = (double)(xr < yr ? yr : xr);
        parent[xr] = next;
        parent[yr] = next;
        size[next] = size[xr] + size[yr];
        z[4 * k + 3] = (double)size[next];
        next++;
    }
    free(idx);
    free(tmp);
    free(key);
    free(copy);
    free(parent);
    free(size);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Compact algorithms on a condensed matrix (SciPy ports)                                      */

/* mst_single_linkage: Prim's algorithm; the first unmerged slot with the smallest distance. */
static int mst_condensed(double *z, const double *d, size_t n)
{
    unsigned char *merged = calloc(n, 1);
    double *dm = malloc(n * sizeof *dm);
    if (!merged || !dm) {
        free(merged);
        free(dm);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        dm[i] = INFINITY;
    size_t x = 0, y = 0;
    for (size_t k = 0; k < n - 1; k++) {
        double cur = INFINITY;
        merged[x] = 1;
        for (size_t i = 0; i < n; i++) {
            if (merged[i])
                continue;
            double dist = d[cidx(n, x, i)];
            if (dm[i] > dist)
                dm[i] = dist;
            if (dm[i] < cur) {
                y = i;
                cur = dm[i];
            }
        }
        z[4 * k] = (double)x;
        z[4 * k + 1] = (double)y;
        z[4 * k + 2] = cur;
        z[4 * k + 3] = 0;
        x = y;
    }
    free(merged);
    free(dm);
    return cs_typ_sort_and_label(z, n);
}

int cs_typ_single_from_dist(double *z, const cs_typ_dist *c)
{
    size_t n = cs_typ_dist_n(c);
    unsigned char *merged = calloc(n, 1);
    double *dm = malloc(n * sizeof *dm);
    double *row = malloc(n * sizeof *row);
    if (!merged || !dm || !row) {
        free(merged);
        free(dm);
        free(row);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        dm[i] = INFINITY;
    size_t x = 0, y = 0;
    int rc = 0;
    for (size_t k = 0; k < n - 1 && !rc; k++) {
        double cur = INFINITY;
        merged[x] = 1;
        size_t bad_j = SIZE_MAX;
        /* one thread: a parallel region per step costs more than it saves (measured) */
        const long long chunk = 1024, nchunks = (long long)((n + 1023) / 1024);
        for (long long t = 0; t < nchunks && bad_j == SIZE_MAX; t++) {
            size_t a = (size_t)(t * chunk), b = a + (size_t)chunk < n ? a + (size_t)chunk : n;
            /* the distance to x itself is not computed: it may be undefined (Gower) */
            size_t bad = 0;
            if (x >= a && x < b) {
                bad += cs_typ_dist_row(c, x, a, x, row + a);
                bad += cs_typ_dist_row(c, x, x + 1, b, row + x + 1);
            } else {
                bad += cs_typ_dist_row(c, x, a, b, row + a);
            }
            if (bad) {
                for (size_t j = a; j < b; j++) {
                    if (j != x && !merged[j] && isnan(row[j])) {
                        bad_j = j;
                        break;
                    }
                }
            }
        }
        if (bad_j != SIZE_MAX) {
            rc = cs_typ_dist_undefined(c, x, bad_j);
            break;
        }
        /* as cs_distance_condensed, no computing with infinity (squares that overflow) */
        for (size_t i = 0; i < n && !rc; i++)
            if (i != x && !merged[i] && !isfinite(row[i]))
                rc = cs_typ_dist_infinite(c, x < i ? x : i, x < i ? i : x);
        if (rc)
            break;
        for (size_t i = 0; i < n; i++) {
            if (merged[i])
                continue;
            double dist = row[i];
            if (dm[i] > dist)
                dm[i] = dist;
            if (dm[i] < cur) {
                y = i;
                cur = dm[i];
            }
        }
        z[4 * k] = (double)x;
        z[4 * k + 1] = (double)y;
        z[4 * k + 2] = cur;
        z[4 * k + 3] = 0;
        x = y;
    }
    free(merged);
    free(dm);
    free(row);
    return rc ? rc : cs_typ_sort_and_label(z, n);
}

/* SciPy's binary heap (_structures.pxi), kept identical because ties depend on its layout. */
typedef struct {
    int *index_by_key, *key_by_index;
    double *values;
    int size;
} heap;

static void heap_swap(heap *h, int i, int j)
{
    double v = h->values[i];
    h->values[i] = h->values[j];
    h->values[j] = v;
    int ki = h->key_by_index[i], kj = h->key_by_index[j];
    h->key_by_index[i] = kj;
    h->key_by_index[j] = ki;
    h->index_by_key[ki] = j;
    h->index_by_key[kj] = i;
}

static void heap_sift_up(heap *h, int index)
{
    int parent = (index - 1) >> 1;
    while (index > 0 && h->values[parent] > h->values[index]) {
        heap_swap(h, index, parent);
        index = parent;
        parent = (index - 1) >> 1;
    }
}

static void heap_sift_down(heap *h, int index)
{
    int child = (index << 1) + 1;
    while (child < h->size) {
        if (child + 1 < h->size && h->values[child + 1] < h->values[child])
            child += 1;
        if (h->values[index] > h->values[child]) {
            heap_swap(h, index, child);
            index = child;
            child = (index << 1) + 1;
        } else {
            break;
        }
    }
}

static void heap_change(heap *h, int key, double value)
{
    int index = h->index_by_key[key];
    double old = h->values[index];
    h->values[index] = value;
    if (value < old)
        heap_sift_up(h, index);
    else
        heap_sift_down(h, index);
}

static void heap_remove_min(heap *h)
{
    heap_swap(h, 0, h->size - 1);
    h->size -= 1;
    heap_sift_down(h, 0);
}

/* find_min_dist: the nearest active slot above x (first of equals); -1 when none. */
static int find_min_dist(size_t n, const double *d, const long *size, size_t x, double *out)
{
    double cur = INFINITY;
    int y = -1;
    for (size_t i = x + 1; i < n; i++) {
        if (size[i] == 0)
            continue;
        double dist = d[cidx(n, x, i)];
        if (dist < cur) {
            cur = dist;
            y = (int)i;
        }
    }
    *out = cur;
    return y;
}

/* fast_linkage: Müllner's generic algorithm as SciPy implements it (centroid, median). */
static int generic_condensed(double *z, double *d, size_t n, cs_linkage_method method)
{
    if (n > 2147483647u)
        return cs_error_set(CS_EUSAGE, "too many objects for %s linkage",
                            cs_linkage_method_name(method));
    long *size = malloc(n * sizeof *size);
    int *node_id = malloc(n * sizeof *node_id);
    int *neighbor = malloc(n * sizeof *neighbor);
    double *min_dist = malloc(n * sizeof *min_dist);
    heap h = { malloc(n * sizeof(int)), malloc(n * sizeof(int)), malloc(n * sizeof(double)), 0 };
    int rc = 0;
    if (!size || !node_id || !neighbor || !min_dist || !h.index_by_key || !h.key_by_index ||
        !h.values) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size[i] = 1;
        node_id[i] = (int)i;
    }
    for (size_t x = 0; x + 1 < n; x++) {
        double v;
        neighbor[x] = find_min_dist(n, d, size, x, &v);
        min_dist[x] = v;
        if (neighbor[x] < 0) {
            rc = cs_error_set(CS_EDATA, "%s linkage: no neighbour closer than infinity",
                              cs_linkage_method_name(method));
            goto done;
        }
    }
    h.size = (int)n - 1;
    for (int i = 0; i < h.size; i++) {
        h.index_by_key[i] = i;
        h.key_by_index[i] = i;
        h.values[i] = min_dist[i];
    }
    for (int i = h.size / 2 - 1; i >= 0; i--)
        heap_sift_down(&h, i);

    for (size_t k = 0; k < n - 1; k++) {
        int x = 0, y = 0;
        double dist = 0;
        for (size_t i = 0; i < n - k; i++) {
            x = h.key_by_index[0];
            dist = h.values[0];
            y = neighbor[x];
            if (dist == d[cidx(n, (size_t)x, (size_t)y)])
                break;
            double v;
            y = find_min_dist(n, d, size, (size_t)x, &v);
            if (y < 0) {
                rc = cs_error_set(CS_EDATA,
                                  "%s linkage produced an undefined distance: the input is not "
                                  "Euclidean (use the euclidean metric, or another method)",
                                  cs_linkage_method_name(method));
                goto done;
            }
            dist = v;
            neighbor[x] = y;
            min_dist[x] = dist;
            heap_change(&h, x, dist);
        }
        heap_remove_min(&h);
        int id_x = node_id[x], id_y = node_id[y];
        long nx = size[x], ny = size[y];
        if (id_x > id_y) {
            int t = id_x;
            id_x = id_y;
            id_y = t;
        }
        z[4 * k] = id_x;
        z[4 * k + 1] = id_y;
        z[4 * k + 2] = dist;
        z[4 * k + 3] = (double)(nx + ny);
        if (!isfinite(dist)) {
            rc = cs_error_set(CS_EDATA,
                              "%s linkage produced an undefined height: the input distances "
                              "are not Euclidean (use the euclidean metric, or another method)",
                              cs_linkage_method_name(method));
            goto done;
        }
        size[x] = 0;
        size[y] = nx + ny;
        node_id[y] = (int)(n + k);
        for (size_t zz = 0; zz < n; zz++) {
            long nz = size[zz];
            if (nz == 0 || zz == (size_t)y)
                continue;
            d[cidx(n, zz, (size_t)y)] = lw_update(method, d[cidx(n, zz, (size_t)x)],
                                                  d[cidx(n, zz, (size_t)y)], dist, nx, ny, nz);
        }
        for (int zz = 0; zz < x; zz++)
            if (size[zz] > 0 && neighbor[zz] == x)
                neighbor[zz] = y;
        for (int zz = 0; zz < y; zz++) {
            if (size[zz] == 0)
                continue;
            double v = d[cidx(n, (size_t)zz, (size_t)y)];
            if (v < min_dist[zz]) {
                neighbor[zz] = y;
                min_dist[zz] = v;
                heap_change(&h, zz, v);
            }
        }
        if ((size_t)y < n - 1) {
            double v;
            int t = find_min_dist(n, d, size, (size_t)y, &v);
            if (t != -1) {
                neighbor[y] = t;
                min_dist[y] = v;
                heap_change(&h, y, v);
            }
        }
    }
done:
    free(size);
    free(node_id);
    free(neighbor);
    free(min_dist);
    free(h.index_by_key);
    free(h.key_by_index);
    free(h.values);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Entry points                                                                                */

static int check_args(const double *z, size_t n, cs_linkage_method method)
{
    if (!z)
        return cs_error_set(CS_EUSAGE, "no linkage matrix to write to");
    if ((int)method < 0 || method >= CS_LINKAGE_COUNT)
        return cs_error_set(CS_EUSAGE, "unknown linkage method code %d", (int)method);
    if (n < 2)
        return cs_error_set(CS_EDATA, "cluster analysis needs at least 2 objects, found %zu", n);
    if (n > ((size_t)1 << 31))
        return cs_error_set(CS_EUSAGE, "too many objects for a linkage (%zu)", n);
    return 0;
}

static int n_threads_of(const cs_linkage_options *o)
{
    return o && o->n_threads > 0 ? o->n_threads : omp_get_max_threads();
}

static int use_batch(size_t n, const cs_linkage_options *o)
{
    if (o && o->batch)
        return o->batch > 0;
    return n >= CS_BATCH_MIN;
}

/*
 * The NN-chain (nnchain.c) or the rounds (rnn.c) on a working condensed matrix with every
 * slot's nearest neighbour known; then SciPy's sort and relabelling.
 */
static int run_nnchain(double *z, double *work, size_t n, cs_linkage_method method, double *nnv,
                       uint32_t *nni, const cs_linkage_options *o, int nt)
{
    int rc = use_batch(n, o) ? cs_typ_rnn_condensed(z, work, n, method, nnv, nni, nt)
                             : cs_typ_nnchain_condensed(z, work, n, method, nnv, nni);
    return rc ? rc : cs_typ_sort_and_label(z, n);
}

int cs_linkage(double *z, const double *d, size_t n, cs_linkage_method method,
               const cs_linkage_options *opts)
{
    int rc = check_args(z, n, method);
    if (rc)
        return rc;
    size_t nd = n * (n - 1) / 2;
    int nt = n_threads_of(opts);
    size_t bad = SIZE_MAX;
#pragma omp parallel for reduction(min : bad) num_threads(nt)
    for (long long k = 0; k < (long long)nd; k++)
        if (!isfinite(d[k]) && (size_t)k < bad)
            bad = (size_t)k;
    if (bad != SIZE_MAX)
        return cs_error_set(CS_EDATA, "the distances must be finite; entry %zu is %g", bad, d[bad]);
    if ((rc = over_limit(cs_linkage_memory(n, method, 0, NULL), opts ? opts->max_memory : 0, n,
                         method)))
        return rc;
    if (method == CS_LINKAGE_SINGLE)
        return mst_condensed(z, d, n);
    double *work = cs_typ_big_alloc(nd * sizeof *work);
    double *nnv = malloc(n * sizeof *nnv);
    uint32_t *nni = malloc(n * sizeof *nni);
    if (!work || !nnv || !nni) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for a working copy of %zu distances", nd);
    } else if (is_nnchain(method)) {
        rc = cs_typ_condensed_copy_nn(work, d, n, nnv, nni, nt);
        if (!rc)
            rc = run_nnchain(z, work, n, method, nnv, nni, opts, nt);
    } else {
        memcpy(work, d, nd * sizeof *work);
        rc = generic_condensed(z, work, n, method);
    }
    cs_typ_big_free(work);
    free(nnv);
    free(nni);
    return rc;
}

/* The first non-finite distance of D in condensed order, named as cs_distance_condensed does. */
static int check_finite(const cs_typ_dist *c, const double *d, size_t n, int nt)
{
    size_t nd = n * (n - 1) / 2, bad = SIZE_MAX;
#pragma omp parallel for reduction(min : bad) num_threads(nt)
    for (long long k = 0; k < (long long)nd; k++)
        if (!isfinite(d[k]) && (size_t)k < bad)
            bad = (size_t)k;
    if (bad == SIZE_MAX)
        return 0;
    size_t i = 0, row = n - 1, k = bad;
    while (k >= row) {
        k -= row;
        i++;
        row--;
    }
    return cs_typ_dist_infinite(c, i, i + 1 + k);
}

int cs_linkage_data(double *z, const cs_datamatrix *m, cs_metric metric, cs_linkage_method method,
                    const cs_distance_options *dopts, const cs_linkage_options *lopts)
{
    int rc = check_args(z, m ? cs_datamatrix_rows(m) : 0, method);
    if (rc)
        return rc;
    size_t n = cs_datamatrix_rows(m);
    if ((method == CS_LINKAGE_WARD || method == CS_LINKAGE_CENTROID ||
         method == CS_LINKAGE_MEDIAN) &&
        metric != CS_METRIC_EUCLIDEAN)
        return cs_error_set(CS_EUSAGE,
                            "%s linkage needs the euclidean metric (it works on centroids), "
                            "not %s",
                            cs_linkage_method_name(method), cs_metric_name(metric));
    /* centroids lie within the ranges and the size factor is below n; when a distance could
     * overflow, the matrix path runs and names the first pair that is not finite */
    int vector = method == CS_LINKAGE_WARD && use_ward_vector(n, lopts) &&
                 cs_datamatrix_euclidean_finite(m, (double)n);
    if ((rc = over_limit(vector ? per_object(n, 160) : cs_linkage_memory(n, method, 1, NULL),
                         lopts ? lopts->max_memory : 0, n, method)))
        return rc;
    cs_typ_dist *c = NULL;
    if ((rc = cs_typ_dist_prepare_matrix(&c, m, metric, dopts)))
        return rc;
    int nt = n_threads_of(lopts);
    if (method == CS_LINKAGE_SINGLE || vector) {
        rc = vector ? cs_typ_ward_vector(z, c, nt) : cs_typ_single_from_dist(z, c);
        cs_typ_dist_release(c);
        return rc;
    }
    double *d = cs_typ_big_alloc(cs_distance_memory(n));
    double *nnv = malloc(n * sizeof *nnv);
    uint32_t *nni = malloc(n * sizeof *nni);
    cs_typ_nnacc *acc = NULL;
    if (!d || !nnv || !nni) {
        rc = cs_error_set(CS_ENOMEM, "out of memory for %zu distances", n * (n - 1) / 2);
    } else if (is_nnchain(method)) {
        rc = cs_typ_nnacc_new(&acc, n, nt, nnv, nni);
        if (!rc) {
            rc = cs_typ_dist_condensed(c, d, nt, acc);
            cs_typ_nnacc_finish(acc);
        }
        if (!rc)
            rc = check_finite(c, d, n, nt);
        if (!rc)
            rc = run_nnchain(z, d, n, method, nnv, nni, lopts, nt);
    } else {
        rc = cs_typ_dist_condensed(c, d, nt, NULL);
        if (!rc)
            rc = check_finite(c, d, n, nt);
        if (!rc)
            rc = generic_condensed(z, d, n, method);
    }
    cs_typ_dist_release(c);
    cs_typ_big_free(d);
    free(nnv);
    free(nni);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Checks, cuts, cophenetic distances                                                          */

int cs_linkage_check(const double *z, size_t n)
{
    if (n < 2)
        return cs_error_set(CS_EDATA, "a linkage needs at least 2 objects, found %zu", n);
    size_t *size = calloc(2 * n - 1, sizeof *size);
    unsigned char *used = calloc(2 * n - 1, 1);
    if (!size || !used) {
        free(size);
        free(used);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        size[i] = 1;
    for (size_t k = 0; k < n - 1 && !rc; k++) {
        const double *r = z + 4 * k;
        for (int s = 0; s < 2 && !rc; s++) {
            double v = r[s];
            if (!(v >= 0) || v != floor(v) || v >= (double)(n + k))
                rc = cs_error_set(
                    CS_EDATA, "linkage row %zu: node %g does not exist before this merge", k, v);
            else if (used[(size_t)v])
                rc = cs_error_set(CS_EDATA, "linkage row %zu: node %g is merged twice", k, v);
            else
                used[(size_t)v] = 1;
        }
        if (rc)
            break;
        if (!(r[2] >= 0) || !isfinite(r[2]))
            rc = cs_error_set(CS_EDATA, "linkage row %zu: height %g is not a finite number >= 0", k,
                              r[2]);
        else if (r[0] == r[1])
            rc = cs_error_set(CS_EDATA, "linkage row %zu merges node %g with itself", k, r[0]);
        else {
            size[n + k] = size[(size_t)r[0]] + size[(size_t)r[1]];
            if (r[3] != (double)size[n + k])
                rc = cs_error_set(CS_EDATA, "linkage row %zu: size %g, but its nodes hold %zu", k,
                                  r[3], size[n + k]);
        }
    }
    free(size);
    free(used);
    return rc;
}

/* Highest merge within each node's subtree (SciPy's get_max_dist_for_each_cluster). */
static int max_dists(double *md, const double *z, size_t n)
{
    int rc = cs_linkage_check(z, n);
    if (rc)
        return rc;
    for (size_t k = 0; k < n - 1; k++) {
        double v = z[4 * k + 2];
        for (int s = 0; s < 2; s++) {
            size_t c = (size_t)z[4 * k + s];
            if (c >= n && md[c - n] > v)
                v = md[c - n];
        }
        md[k] = v;
    }
    return 0;
}

/* Joins the children of every node with md <= h, then numbers groups by first appearance. */
static int cut_by(int *labels, const double *z, size_t n, const double *md, double h)
{
    size_t *parent = malloc((2 * n - 1) * sizeof *parent);
    int *gid = malloc((2 * n - 1) * sizeof *gid);
    if (!parent || !gid) {
        free(parent);
        free(gid);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < 2 * n - 1; k++) {
        parent[k] = k;
        gid[k] = 0;
    }
    for (size_t k = 0; k < n - 1; k++) {
        if (md[k] <= h) {
            parent[uf_find(parent, (size_t)z[4 * k])] = n + k;
            parent[uf_find(parent, (size_t)z[4 * k + 1])] = n + k;
        }
    }
    int groups = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = uf_find(parent, i);
        if (!gid[r])
            gid[r] = ++groups;
        labels[i] = gid[r];
    }
    free(parent);
    free(gid);
    return groups;
}

int cs_linkage_cut_height(int *labels, const double *z, size_t n, double h)
{
    if (isnan(h))
        return cs_error_set(CS_EUSAGE, "the cut height must be a number");
    double *md = malloc((n > 1 ? n - 1 : 1) * sizeof *md);
    if (!md)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = max_dists(md, z, n);
    if (!rc)
        rc = cut_by(labels, z, n, md, h);
    free(md);
    return rc;
}

int cs_linkage_cut_k(int *labels, const double *z, size_t n, size_t k)
{
    if (k < 1)
        return cs_error_set(CS_EUSAGE, "the number of groups must be at least 1");
    double *md = malloc((n > 1 ? n - 1 : 1) * sizeof *md);
    double *sorted = malloc((n > 1 ? n - 1 : 1) * sizeof *sorted);
    if (!md || !sorted) {
        free(md);
        free(sorted);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    int rc = max_dists(md, z, n);
    if (!rc) {
        if (k >= n) {
            for (size_t i = 0; i < n; i++)
                labels[i] = (int)i + 1;
            rc = (int)n;
        } else {
            /* groups at threshold t = n - #{md <= t}; the least t with at most k groups */
            memcpy(sorted, md, (n - 1) * sizeof *md);
            size_t *idx = malloc((n - 1) * sizeof *idx), *tmp = malloc((n - 1) * sizeof *tmp);
            if (!idx || !tmp) {
                rc = cs_error_set(CS_ENOMEM, "out of memory");
            } else {
                for (size_t i = 0; i < n - 1; i++)
                    idx[i] = i;
                merge_sort_idx(idx, tmp, md, n - 1);
                rc = cut_by(labels, z, n, md, md[idx[n - k - 1]]);
            }
            free(idx);
            free(tmp);
        }
    }
    free(md);
    free(sorted);
    return rc;
}

/*
 * Leaves in depth-first order: each node's leaves are the contiguous run
 * order[start[node] .. start[node] + size). START has 2n - 1 entries, ORDER n. Z is checked.
 */
static int leaf_order(size_t *order, size_t *start, const double *z, size_t n)
{
    size_t *stack = malloc((2 * n - 1) * sizeof *stack);
    if (!stack)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t top = 0, pos = 0;
    stack[top++] = 2 * n - 2;
    start[2 * n - 2] = 0;
    while (top) {
        size_t node = stack[--top];
        if (node < n) {
            order[pos++] = node;
            continue;
        }
        const double *r = z + 4 * (node - n);
        size_t l = (size_t)r[0], rr = (size_t)r[1];
        size_t lsize = l < n ? 1 : (size_t)z[4 * (l - n) + 3];
        start[l] = start[node];
        start[rr] = start[node] + lsize;
        stack[top++] = rr;
        stack[top++] = l;
    }
    free(stack);
    return 0;
}

static size_t node_size(const double *z, size_t n, size_t node)
{
    return node < n ? 1 : (size_t)z[4 * (node - n) + 3];
}

int cs_cophenetic(double *out, const double *z, size_t n)
{
    int rc = cs_linkage_check(z, n);
    if (rc)
        return rc;
    size_t *order = malloc(n * sizeof *order);
    size_t *start = malloc((2 * n - 1) * sizeof *start);
    if (!order || !start)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    else
        rc = leaf_order(order, start, z, n);
    for (size_t k = 0; !rc && k < n - 1; k++) {
        const double *r = z + 4 * k;
        size_t l = (size_t)r[0], rr = (size_t)r[1];
        size_t ls = start[l], ln = node_size(z, n, l);
        size_t rs = start[rr], rn = node_size(z, n, rr);
        for (size_t a = ls; a < ls + ln; a++)
            for (size_t b = rs; b < rs + rn; b++)
                out[cidx(n, order[a], order[b])] = r[2];
    }
    free(order);
    free(start);
    return rc;
}

/* Neumaier's compensated sum: the correlation sums run over n(n-1)/2 terms. */
typedef struct {
    double s, c;
} ksum;

static void kadd(ksum *k, double v)
{
    double t = k->s + v;
    if (fabs(k->s) >= fabs(v))
        k->c += (k->s - t) + v;
    else
        k->c += (v - t) + k->s;
    k->s = t;
}

static double kval(const ksum *k)
{
    return k->s + k->c;
}

int cs_cophenetic_correlation(double *r, double *coph, const double *z, const double *d, size_t n)
{
    if (n < 2)
        return cs_error_set(CS_EDATA, "a linkage needs at least 2 objects, found %zu", n);
    size_t nd = n * (n - 1) / 2;
    double *c = coph ? coph : malloc(nd * sizeof *c);
    if (!c)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = cs_cophenetic(c, z, n);
    if (!rc) {
        ksum sy = { 0, 0 }, sz = { 0, 0 };
        for (size_t k = 0; k < nd; k++) {
            kadd(&sy, d[k]);
            kadd(&sz, c[k]);
        }
        double my = kval(&sy) / (double)nd, mz = kval(&sz) / (double)nd;
        ksum num = { 0, 0 }, da = { 0, 0 }, db = { 0, 0 };
        for (size_t k = 0; k < nd; k++) {
            double a = d[k] - my, b = c[k] - mz;
            kadd(&num, a * b);
            kadd(&da, a * a);
            kadd(&db, b * b);
        }
        double den = sqrt(kval(&da) * kval(&db));
        if (!(den > 0))
            rc = cs_error_set(CS_EDATA, "the cophenetic correlation is undefined: the distances "
                                        "or the merge heights are all equal");
        else
            *r = kval(&num) / den;
    }
    if (!coph)
        free(c);
    return rc;
}

/*
 * The cophenetic row of a linkage: for object i, the height of the node joining it with every
 * other object, found by walking from the leaf to the root (each ancestor's other child holds
 * the objects it joins to i, a contiguous run of the depth-first order). O(n) per row.
 */
typedef struct {
    const double *z;
    size_t n;
    size_t *order, *start, *parent;
} coph_rows;

static int coph_rows_init(coph_rows *t, const double *z, size_t n)
{
    t->z = z;
    t->n = n;
    t->order = malloc(n * sizeof *t->order);
    t->start = malloc((2 * n - 1) * sizeof *t->start);
    t->parent = malloc((2 * n - 1) * sizeof *t->parent);
    if (!t->order || !t->start || !t->parent)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t k = 0; k < n - 1; k++) {
        t->parent[(size_t)z[4 * k]] = n + k;
        t->parent[(size_t)z[4 * k + 1]] = n + k;
    }
    t->parent[2 * n - 2] = SIZE_MAX;
    return leaf_order(t->order, t->start, z, n);
}

static void coph_rows_free(coph_rows *t)
{
    free(t->order);
    free(t->start);
    free(t->parent);
}

/* row[j] for every j != i: the cophenetic distance of i and j. */
static void coph_row(const coph_rows *t, size_t i, double *row)
{
    size_t n = t->n;
    for (size_t node = i; t->parent[node] != SIZE_MAX; node = t->parent[node]) {
        size_t up = t->parent[node];
        const double *r = t->z + 4 * (up - n);
        size_t other = (size_t)r[0] == node ? (size_t)r[1] : (size_t)r[0];
        size_t s = t->start[other], len = node_size(t->z, n, other);
        for (size_t a = s; a < s + len; a++)
            row[t->order[a]] = r[2];
    }
}

/* Rows of distances computed together (in parallel), then summed in condensed order. */
#define COPH_BLOCK 64

int cs_cophenetic_correlation_data(double *r, const double *z, const cs_datamatrix *m,
                                   cs_metric metric, const cs_distance_options *dopts)
{
    size_t n = m ? cs_datamatrix_rows(m) : 0;
    if (n < 2)
        return cs_error_set(CS_EDATA, "a linkage needs at least 2 objects, found %zu", n);
    int rc = cs_linkage_check(z, n);
    if (rc)
        return rc;
    if (n > SIZE_MAX / COPH_BLOCK / sizeof(double))
        return cs_error_set(CS_ENOMEM, "out of memory");
    cs_typ_dist *c = NULL;
    if ((rc = cs_typ_dist_prepare_matrix(&c, m, metric, dopts)))
        return rc;
    int nt = dopts && dopts->n_threads > 0 ? dopts->n_threads : omp_get_max_threads();
    coph_rows t;
    memset(&t, 0, sizeof t);
    double *drows = malloc(COPH_BLOCK * n * sizeof *drows);
    double *crow = malloc(n * sizeof *crow);
    size_t *bad = malloc(COPH_BLOCK * sizeof *bad);
    if (!drows || !crow || !bad)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    else
        rc = coph_rows_init(&t, z, n);
    size_t nd = n * (n - 1) / 2;
    ksum sy = { 0, 0 }, sz = { 0, 0 }, num = { 0, 0 }, da = { 0, 0 }, db = { 0, 0 };
    double my = 0, mz = 0;
    /* pass 0: the means; pass 1: the centred sums, in the order of cs_cophenetic_correlation */
    for (int pass = 0; pass < 2 && !rc; pass++) {
        for (size_t i0 = 0; i0 + 1 < n && !rc; i0 += COPH_BLOCK) {
            size_t i1 = i0 + COPH_BLOCK < n - 1 ? i0 + COPH_BLOCK : n - 1;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
            for (long long ii = (long long)i0; ii < (long long)i1; ii++) {
                size_t i = (size_t)ii;
                bad[i - i0] = cs_typ_dist_row(c, i, i + 1, n, drows + (i - i0) * n);
            }
            for (size_t i = i0; i < i1 && !rc; i++) {
                const double *dr = drows + (i - i0) * n;
                if (bad[i - i0]) {
                    for (size_t j = i + 1; j < n; j++)
                        if (isnan(dr[j - i - 1])) {
                            rc = cs_typ_dist_undefined(c, i, j);
                            break;
                        }
                    break;
                }
                coph_row(&t, i, crow);
                for (size_t j = i + 1; j < n; j++) {
                    double dv = dr[j - i - 1], cv = crow[j];
                    if (pass == 0) {
                        kadd(&sy, dv);
                        kadd(&sz, cv);
                    } else {
                        double a = dv - my, b = cv - mz;
                        kadd(&num, a * b);
                        kadd(&da, a * a);
                        kadd(&db, b * b);
                    }
                }
            }
        }
        my = kval(&sy) / (double)nd;
        mz = kval(&sz) / (double)nd;
    }
    if (!rc) {
        double den = sqrt(kval(&da) * kval(&db));
        if (!(den > 0))
            rc = cs_error_set(CS_EDATA, "the cophenetic correlation is undefined: the distances "
                                        "or the merge heights are all equal");
        else
            *r = kval(&num) / den;
    }
    coph_rows_free(&t);
    free(drows);
    free(crow);
    free(bad);
    cs_typ_dist_release(c);
    return rc;
}

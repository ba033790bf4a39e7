/*
 * k-modes (Huang 1997) for categorical and binary data with simple-matching dissimilarity, and
 * the initialisations of Cao, Liang and Bai (2009) and Huang (1997).
 *
 * The run, and every tie rule (all deterministic):
 *   1. initial modes (Cao: deterministic; Huang, random: seeded; or given);
 *   2. every object goes to its nearest mode (ties: lowest group number); each mode becomes the
 *      per-variable most frequent code of its group (ties: smallest code); a group left empty
 *      keeps its initial mode;
 *   3. passes: objects in index order move to their nearest mode (same tie rule; an object stays
 *      when its own mode is among the nearest); after each move the modes of the two groups
 *      involved are recomputed (Huang's incremental update);
 *   4. after a pass, each empty group (lowest number first) takes the object farthest from its
 *      mode among groups of two or more (ties: lowest index) and that object becomes its mode;
 *   5. stop after a pass without moves or relocations, or after max_iter passes.
 * Frequencies are integers and dissimilarities are counts, so nothing depends on rounding or
 * threads.
 */
#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition/partition_util.h"
#include "partition/rng.h"

#include <stdlib.h>
#include <string.h>

void cs_kmodes_params_init(cs_kmodes_params *params, int k)
{
    memset(params, 0, sizeof *params);
    params->k = k;
    params->max_iter = 100;
    params->n_init = 1;
    params->init = CS_KMODES_INIT_CAO;
}

typedef struct {
    const unsigned char *x;
    size_t n, p, k;
    size_t *off;  /* p + 1: offset of each variable's codes in a frequency row */
    size_t width; /* off[p] */
    long *freq;   /* k by width: counts per group, variable and code */
    long *size;   /* k */
    unsigned char *modes;
    int *labels;
} km_modes;

static inline long mismatch(const unsigned char *a, const unsigned char *b, size_t p)
{
    long m = 0;
    for (size_t d = 0; d < p; d++)
        m += a[d] != b[d];
    return m;
}

static int nearest_mode(const km_modes *s, const unsigned char *xi, long *dist)
{
    int best = 0;
    long bd = mismatch(xi, s->modes, s->p);
    for (size_t g = 1; g < s->k; g++) {
        long d = mismatch(xi, s->modes + g * s->p, s->p);
        if (d < bd) {
            bd = d;
            best = (int)g;
        }
    }
    if (dist)
        *dist = bd;
    return best;
}

static void add_object(km_modes *s, size_t i, int g, long sign)
{
    const unsigned char *xi = s->x + i * s->p;
    long *f = s->freq + (size_t)g * s->width;
    for (size_t d = 0; d < s->p; d++)
        f[s->off[d] + xi[d]] += sign;
    s->size[g] += sign;
}

/* Mode of group g: per variable the most frequent code, the smallest on ties. Empty groups keep
 * their mode. */
static void update_mode(km_modes *s, int g)
{
    if (s->size[g] == 0)
        return;
    const long *f = s->freq + (size_t)g * s->width;
    unsigned char *m = s->modes + (size_t)g * s->p;
    for (size_t d = 0; d < s->p; d++) {
        size_t nc = s->off[d + 1] - s->off[d];
        size_t best = 0;
        long bc = f[s->off[d]];
        for (size_t c = 1; c < nc; c++)
            if (f[s->off[d] + c] > bc) {
                bc = f[s->off[d] + c];
                best = c;
            }
        m[d] = (unsigned char)best;
    }
}

/* Cao et al.: density of an object = sum over variables of the frequency of its code; the first
 * mode is the densest object, each next one maximises density * (dissimilarity to the nearest
 * chosen mode). Integer scores; ties to the lowest index. */
static int init_cao(km_modes *s)
{
    size_t n = s->n, p = s->p;
    long *count = calloc(s->width, sizeof *count);
    long *dens = malloc(n * sizeof *dens);
    long *mind = malloc(n * sizeof *mind);
    if (!count || !dens || !mind) {
        free(count);
        free(dens);
        free(mind);
        return cs_error_set(CS_ENOMEM, "k-modes: out of memory");
    }
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < p; d++)
            count[s->off[d] + s->x[i * p + d]]++;
    size_t first = 0;
    for (size_t i = 0; i < n; i++) {
        long v = 0;
        for (size_t d = 0; d < p; d++)
            v += count[s->off[d] + s->x[i * p + d]];
        dens[i] = v;
        if (v > dens[first])
            first = i;
    }
    memcpy(s->modes, s->x + first * p, p);
    for (size_t i = 0; i < n; i++)
        mind[i] = mismatch(s->x + i * p, s->modes, p);
    int rc = 0;
    for (size_t g = 1; g < s->k; g++) {
        size_t best = 0;
        long bs = -1;
        for (size_t i = 0; i < n; i++) {
            long sc = dens[i] * mind[i];
            if (sc > bs) {
                bs = sc;
                best = i;
            }
        }
        if (bs <= 0) {
            rc = cs_error_set(CS_EDATA,
                              "k-modes: the data have fewer than k = %zu distinct objects", s->k);
            break;
        }
        unsigned char *m = s->modes + g * p;
        memcpy(m, s->x + best * p, p);
        for (size_t i = 0; i < n; i++) {
            long dd = mismatch(s->x + i * p, m, p);
            if (dd < mind[i])
                mind[i] = dd;
        }
    }
    free(count);
    free(dens);
    free(mind);
    return rc;
}

/* Huang: per variable, k codes drawn with probability proportional to their frequency; then
 * each mode is replaced by the nearest object that is not already a mode, when there is one. */
static int init_huang(km_modes *s, cs_rng *rng)
{
    size_t n = s->n, p = s->p, k = s->k;
    long *count = calloc(s->width, sizeof *count);
    unsigned char *used = calloc(n, 1);
    if (!count || !used) {
        free(count);
        free(used);
        return cs_error_set(CS_ENOMEM, "k-modes: out of memory");
    }
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < p; d++)
            count[s->off[d] + s->x[i * p + d]]++;
    for (size_t g = 0; g < k; g++)
        for (size_t d = 0; d < p; d++) {
            uint64_t r = cs_rng_below(rng, n);
            size_t c = 0;
            while (r >= (uint64_t)count[s->off[d] + c]) {
                r -= (uint64_t)count[s->off[d] + c];
                c++;
            }
            s->modes[g * p + d] = (unsigned char)c;
        }
    for (size_t g = 0; g < k; g++) {
        unsigned char *m = s->modes + g * p;
        size_t best = SIZE_MAX;
        long bd = 0;
        for (size_t i = 0; i < n; i++) {
            if (used[i])
                continue;
            long dd = mismatch(s->x + i * p, m, p);
            if (best == SIZE_MAX || dd < bd) {
                bd = dd;
                best = i;
            }
        }
        if (best == SIZE_MAX)
            break;
        used[best] = 1;
        memcpy(m, s->x + best * p, p);
    }
    free(count);
    free(used);
    return 0;
}

static void init_random(km_modes *s, cs_rng *rng, size_t *idx)
{
    for (size_t i = 0; i < s->n; i++)
        idx[i] = i;
    for (size_t g = 0; g < s->k; g++) {
        size_t r = g + (size_t)cs_rng_below(rng, s->n - g);
        size_t t = idx[g];
        idx[g] = idx[r];
        idx[r] = t;
        memcpy(s->modes + g * s->p, s->x + idx[g] * s->p, s->p);
    }
}

/* Step 4: fill empty groups. Returns the number of relocations. */
static int relocate(km_modes *s)
{
    int moved = 0;
    for (size_t g = 0; g < s->k; g++) {
        if (s->size[g] != 0)
            continue;
        size_t far = SIZE_MAX;
        long fd = -1;
        for (size_t i = 0; i < s->n; i++) {
            int h = s->labels[i];
            if (s->size[h] < 2)
                continue;
            long dd = mismatch(s->x + i * s->p, s->modes + (size_t)h * s->p, s->p);
            if (dd > fd) {
                fd = dd;
                far = i;
            }
        }
        if (far == SIZE_MAX)
            break;
        int h = s->labels[far];
        add_object(s, far, h, -1);
        add_object(s, far, (int)g, 1);
        s->labels[far] = (int)g;
        update_mode(s, h);
        update_mode(s, (int)g);
        moved++;
    }
    return moved;
}

static int run_once(km_modes *s, int max_iter, cs_kmodes_info *info)
{
    size_t n = s->n, p = s->p, k = s->k;
    memset(s->freq, 0, k * s->width * sizeof *s->freq);
    memset(s->size, 0, k * sizeof *s->size);
    for (size_t i = 0; i < n; i++) {
        int g = nearest_mode(s, s->x + i * p, NULL);
        s->labels[i] = g;
        add_object(s, i, g, 1);
    }
    for (size_t g = 0; g < k; g++)
        update_mode(s, (int)g);
    int it = 0, moves = 0;
    while (it < max_iter) {
        it++;
        int changed = 0;
        for (size_t i = 0; i < n; i++) {
            const unsigned char *xi = s->x + i * p;
            int cur = s->labels[i];
            long dcur = mismatch(xi, s->modes + (size_t)cur * p, p), dbest;
            int g = nearest_mode(s, xi, &dbest);
            if (dbest >= dcur)
                continue; /* its own mode is among the nearest */
            add_object(s, i, cur, -1);
            add_object(s, i, g, 1);
            s->labels[i] = g;
            update_mode(s, cur);
            update_mode(s, g);
            changed++;
        }
        changed += relocate(s);
        moves += changed;
        if (!changed)
            break;
    }
    long cost = 0;
    for (size_t i = 0; i < n; i++)
        cost += mismatch(s->x + i * p, s->modes + (size_t)s->labels[i] * p, p);
    info->cost = cost;
    info->n_iter = it;
    info->n_moves = moves;
    return 0;
}

int cs_kmodes(int *labels, unsigned char *modes, cs_kmodes_info *info, const unsigned char *x,
              size_t n, size_t p, const cs_kmodes_params *params, const cs_run_options *run)
{
    cs_run_options defaults;
    run = cs_part_run(run, &defaults);
    const char *what = "k-modes";
    if (!params)
        return cs_error_set(CS_EUSAGE, "%s: no parameters given", what);
    if (!labels || !modes)
        return cs_error_set(CS_EUSAGE, "%s: no output arrays for labels and modes", what);
    if (!x && n > 0)
        return cs_error_set(CS_EUSAGE, "%s: no data given", what);
    if (n == 0 || p == 0)
        return cs_error_set(CS_EDATA, "%s: the data are empty (%zu objects, %zu variables)", what,
                            n, p);
    if (params->k < 1 || (size_t)params->k > n)
        return cs_error_set(CS_EUSAGE, "%s: k must be between 1 and the %zu objects, got %d", what,
                            n, params->k);
    if (params->max_iter < 1)
        return cs_error_set(CS_EUSAGE, "%s: max_iter must be at least 1, got %d", what,
                            params->max_iter);
    if (params->n_init < 1)
        return cs_error_set(CS_EUSAGE, "%s: n_init must be at least 1, got %d", what,
                            params->n_init);
    if (params->init < CS_KMODES_INIT_CAO || params->init > CS_KMODES_INIT_RANDOM)
        return cs_error_set(CS_EUSAGE, "%s: unknown initialisation %d", what, (int)params->init);
    size_t k = (size_t)params->k;
    km_modes s;
    memset(&s, 0, sizeof s);
    s.x = x;
    s.n = n;
    s.p = p;
    s.k = k;
    s.off = malloc((p + 1) * sizeof *s.off);
    if (!s.off)
        return cs_error_set(CS_ENOMEM, "%s: out of memory", what);
    s.off[0] = 0;
    for (size_t d = 0; d < p; d++) {
        unsigned char mx = 0;
        for (size_t i = 0; i < n; i++)
            if (x[i * p + d] > mx)
                mx = x[i * p + d];
        if (params->init_modes)
            for (size_t g = 0; g < k; g++)
                if (params->init_modes[g * p + d] > mx)
                    mx = params->init_modes[g * p + d];
        s.off[d + 1] = s.off[d] + (size_t)mx + 1;
    }
    s.width = s.off[p];
    size_t need = cs_part_add(
        cs_part_mul(cs_part_mul(k, s.width), sizeof(long)),
        cs_part_add(cs_part_mul(n, 4 + sizeof(size_t) + sizeof(long) * 2), cs_part_mul(k, p * 2)));
    int rc = cs_part_memory_check(run, need, what);
    if (rc) {
        free(s.off);
        return rc;
    }
    s.freq = malloc(k * s.width * sizeof *s.freq);
    s.size = malloc(k * sizeof *s.size);
    s.modes = malloc(k * p);
    s.labels = params->n_init > 1 && !params->init_modes && params->init != CS_KMODES_INIT_CAO
                   ? malloc(n * sizeof *s.labels)
                   : labels;
    size_t *idx = malloc(n * sizeof *idx);
    if (!s.freq || !s.size || !s.modes || !s.labels || !idx) {
        rc = cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    int seeded = !params->init_modes && params->init != CS_KMODES_INIT_CAO;
    int n_init = seeded ? params->n_init : 1;
    cs_kmodes_info best = { 0 };
    best.cost = -1;
    cs_part_progress(run, 0.0);
    for (int r = 0; r < n_init; r++) {
        cs_rng rng;
        cs_rng_init(&rng, params->seed, (uint64_t)r);
        if (params->init_modes)
            memcpy(s.modes, params->init_modes, k * p);
        else if (params->init == CS_KMODES_INIT_CAO)
            rc = init_cao(&s);
        else if (params->init == CS_KMODES_INIT_HUANG)
            rc = init_huang(&s, &rng);
        else
            init_random(&s, &rng, idx);
        if (rc)
            goto done;
        cs_kmodes_info cur;
        run_once(&s, params->max_iter, &cur);
        if (best.cost < 0 || cur.cost < best.cost) {
            best = cur;
            memcpy(modes, s.modes, k * p);
            if (s.labels != labels)
                memcpy(labels, s.labels, n * sizeof *labels);
        }
        cs_part_progress(run, (double)(r + 1) / n_init);
    }
    if (info)
        *info = best;
done:
    free(s.off);
    free(s.freq);
    free(s.size);
    free(s.modes);
    if (s.labels != labels)
        free(s.labels);
    free(idx);
    return rc;
}

#include "partition/partition_util.h"

#include "clusterscope/error.h"

#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cs_run_options_init(cs_run_options *run)
{
    memset(run, 0, sizeof *run);
}

size_t cs_default_memory_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES);
    long page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return (size_t)1 << 31; /* unknown: 2 GiB is safe on anything that runs us */
    return cs_part_mul((size_t)pages, (size_t)page) / 2;
}

const cs_run_options *cs_part_run(const cs_run_options *run, cs_run_options *storage)
{
    if (run)
        return run;
    cs_run_options_init(storage);
    return storage;
}

int cs_part_threads(const cs_run_options *run)
{
    if (run && run->n_threads > 0)
        return run->n_threads;
    int t = omp_get_max_threads();
    return t > 0 ? t : 1;
}

size_t cs_part_memory_limit(const cs_run_options *run)
{
    /* 0 is no limit, as everywhere in the library: the front end chooses the default */
    return run && run->max_memory > 0 ? run->max_memory : SIZE_MAX;
}

static double mib(size_t bytes)
{
    return (double)bytes / (1024.0 * 1024.0);
}

int cs_part_memory_check(const cs_run_options *run, size_t bytes, const char *what)
{
    size_t limit = cs_part_memory_limit(run);
    if (bytes == SIZE_MAX)
        return cs_error_set(CS_ENOMEM, "%s: the memory needed does not fit in a size_t", what);
    if (bytes > limit) {
        cs_error_set(CS_ENOMEM, "%s needs about %.1f MiB, over the memory limit of %.1f MiB", what,
                     mib(bytes), mib(limit));
        return cs_error_advise(CS_ADVICE_MAX_MEMORY);
    }
    return 0;
}

size_t cs_part_mul(size_t a, size_t b)
{
    size_t r;
    if (__builtin_mul_overflow(a, b, &r))
        return SIZE_MAX;
    return r;
}

size_t cs_part_add(size_t a, size_t b)
{
    size_t r;
    if (__builtin_add_overflow(a, b, &r))
        return SIZE_MAX;
    return r;
}

void *cs_part_alloc(size_t count, size_t size, const char *what)
{
    size_t bytes = cs_part_mul(count, size);
    if (bytes == SIZE_MAX || bytes > SIZE_MAX - 64) {
        cs_error_set(CS_ENOMEM, "%s: allocation size overflows", what);
        return NULL;
    }
    size_t align = 64;
    bytes = (bytes + align - 1) / align * align;
    if (bytes == 0)
        bytes = 64;
    void *ptr = aligned_alloc(align, bytes);
    if (!ptr)
        cs_error_set(CS_ENOMEM, "%s: out of memory allocating %.1f MiB", what, mib(bytes));
    return ptr;
}

int cs_part_check_finite(const double *x, size_t n, size_t p, const char *what)
{
    size_t total = n * p;
    size_t bad = SIZE_MAX;
    /* The scan is parallel, but the reported position is the first bad one, whatever the
     * threads: the minimum index is taken. */
#pragma omp parallel for schedule(static) reduction(min : bad) if (total > 100000)
    for (size_t i = 0; i < total; i++) {
        if (!isfinite(x[i]) && i < bad)
            bad = i;
    }
    if (bad != SIZE_MAX)
        return cs_error_set(CS_EDATA, "%s: row %zu, column %zu: expected a finite number, found %s",
                            what, bad / p + 1, bad % p + 1, isnan(x[bad]) ? "NaN" : "infinity");
    return 0;
}

int cs_part_check_squares(const double *x, size_t n, size_t p, const char *what)
{
    /* differences between a value and a mean are at most 2 |x|; n p of their squares are summed */
    double limit = sqrt(DBL_MAX / 4.0 / (double)n / (double)p);
    size_t total = n * p;
    for (size_t i = 0; i < total; i++)
        if (fabs(x[i]) > limit)
            return cs_error_set(CS_EDATA,
                                "%s: row %zu, column %zu: expected a number whose squares can be "
                                "summed (at most %.3g in size for %zu objects of %zu variables), "
                                "found %.17g",
                                what, i / p + 1, i % p + 1, limit, n, p, x[i]);
    return 0;
}

int cs_part_check_labels(const int *labels, size_t n, int k, size_t *counts, int *present,
                         const char *what)
{
    if (counts)
        memset(counts, 0, (size_t)k * sizeof *counts);
    size_t *own = NULL;
    if (!counts && present) {
        own = calloc((size_t)k, sizeof *own);
        if (!own)
            return cs_error_set(CS_ENOMEM, "%s: out of memory", what);
        counts = own;
    }
    for (size_t i = 0; i < n; i++) {
        int g = labels[i];
        if (g < 0 || g >= k) {
            free(own);
            return cs_error_set(CS_EDATA, "%s: object %zu: expected a label in 0..%d, found %d",
                                what, i + 1, k - 1, g);
        }
        if (counts)
            counts[g]++;
    }
    if (present) {
        int c = 0;
        for (int g = 0; g < k; g++)
            c += counts[g] > 0;
        *present = c;
    }
    free(own);
    return 0;
}

void cs_part_progress(const cs_run_options *run, double fraction)
{
    if (run && run->progress) {
        if (fraction < 0.0)
            fraction = 0.0;
        if (fraction > 1.0)
            fraction = 1.0;
        run->progress(run->progress_ctx, fraction);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Kernels, one instantiation per instruction set, chosen once at run time. */

#if defined(__x86_64__)
#include <immintrin.h>

#define KSUF           v4
#define KW             8
#define KATTR          __attribute__((target("arch=x86-64-v4")))
#define KSQRT(v)       ((__typeof__(v))_mm512_sqrt_pd((__m512d)(v)))
#define KFMA(t, acc)   ((__typeof__(t))_mm512_fmadd_pd((__m512d)(t), (__m512d)(t), (__m512d)(acc)))
#define KMASK_LT(a, b) ((unsigned)_mm512_cmp_pd_mask((__m512d)(a), (__m512d)(b), _CMP_LT_OQ))
#include "partition/partition_kernels.h"
#undef KSUF
#undef KW
#undef KATTR
#undef KSQRT
#undef KFMA
#undef KMASK_LT

#define KSUF         avx2
#define KW           4
#define KATTR        __attribute__((target("avx2,fma")))
#define KSQRT(v)     ((__typeof__(v))_mm256_sqrt_pd((__m256d)(v)))
#define KFMA(t, acc) ((__typeof__(t))_mm256_fmadd_pd((__m256d)(t), (__m256d)(t), (__m256d)(acc)))
#define KMASK_LT(a, b)                                                                             \
    ((unsigned)_mm256_movemask_pd(_mm256_cmp_pd((__m256d)(a), (__m256d)(b), _CMP_LT_OQ)))
#include "partition/partition_kernels.h"
#undef KSUF
#undef KW
#undef KATTR
#undef KSQRT
#undef KFMA
#undef KMASK_LT

#define KSUF generic
#define KW   2
#define KATTR
#define KSQRT(v)       ((__typeof__(v))_mm_sqrt_pd((__m128d)(v)))
#define KMASK_LT(a, b) ((unsigned)_mm_movemask_pd(_mm_cmplt_pd((__m128d)(a), (__m128d)(b))))
/* no fused multiply-add instruction here: the C library's fma, correctly rounded like the
 * instruction, so the bits stay the same */
#define KFMA(t, acc)                                                                               \
    ((__typeof__(t)){ __builtin_fma((t)[0], (t)[0], (acc)[0]),                                     \
                      __builtin_fma((t)[1], (t)[1], (acc)[1]) })
#include "partition/partition_kernels.h"
#undef KSUF
#undef KW
#undef KATTR
#undef KSQRT
#undef KFMA
#undef KMASK_LT

#else

#define KSUF generic
#define KW   2
#define KATTR
#define KSQRT(v)       ((__typeof__(v)){ sqrt((v)[0]), sqrt((v)[1]) })
#define KMASK_LT(a, b) ((unsigned)((a)[0] < (b)[0]) | ((unsigned)((a)[1] < (b)[1]) << 1))
#define KFMA(t, acc)                                                                               \
    ((__typeof__(t)){ __builtin_fma((t)[0], (t)[0], (acc)[0]),                                     \
                      __builtin_fma((t)[1], (t)[1], (acc)[1]) })
#include "partition/partition_kernels.h"
#undef KSUF
#undef KW
#undef KATTR
#undef KSQRT
#undef KFMA
#undef KMASK_LT
#endif

#define KERNEL_TABLE(suf, label)                                                                   \
    {                                                                                              \
        .name = label, .nearest = kd_nearest_##suf, .sqdist_all = kd_sqdist_all_##suf,             \
        .dist_rows = kd_dist_rows_##suf, .sqdist1 = kd_sqdist1_##suf,                              \
        .sqdist_own = kd_sqdist_own_##suf, .fp_scan = kd_fp_scan_##suf,                            \
        .accumulate = kd_accumulate_##suf                                                          \
    }

static const cs_part_kernels kernels_generic = KERNEL_TABLE(generic, "generic");
#if defined(__x86_64__)
static const cs_part_kernels kernels_avx2 = KERNEL_TABLE(avx2, "avx2");
static const cs_part_kernels kernels_v4 = KERNEL_TABLE(v4, "avx512");
#endif

static const cs_part_kernels *kernels_best(void)
{
#if defined(__x86_64__)
    __builtin_cpu_init();
    /* the features of x86-64-v4, named one by one: clang does not know the level's name */
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return &kernels_v4;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return &kernels_avx2;
#endif
    return &kernels_generic;
}

static const cs_part_kernels *kernels_by_name(const char *name)
{
    const cs_part_kernels *best = kernels_best();
    if (!name || !*name)
        return best;
    if (strcmp(name, "generic") == 0)
        return &kernels_generic;
#if defined(__x86_64__)
    /* never one the processor cannot run */
    if (strcmp(name, "avx2") == 0 && best != &kernels_generic)
        return &kernels_avx2;
    if (strcmp(name, "avx512") == 0 && best == &kernels_v4)
        return &kernels_v4;
#endif
    return NULL;
}

static const cs_part_kernels *_Atomic kernels_current;

const cs_part_kernels *cs_part_kernels_get(void)
{
    const cs_part_kernels *k = kernels_current;
    if (!k) {
        k = kernels_by_name(getenv("CS_PARTITION_ISA"));
        if (!k)
            k = kernels_best();
        kernels_current = k;
    }
    return k;
}

int cs_part_kernels_force(const char *name)
{
    const cs_part_kernels *k = kernels_by_name(name);
    if (!k)
        return -1;
    kernels_current = k;
    return 0;
}

/*
 * partition_kernels.h: the distance kernels of the partitioning code, written once and included
 * by partition_util.c once per instruction set (no include guard on purpose). Before including,
 * define KSUF (name suffix), KW (lanes: 2, 4 or 8), KATTR (a target attribute, or nothing),
 * KSQRT(v) (lane-wise square root of a KVD), KFMA(t, acc) (lane-wise fma(t, t, acc), one
 * rounding) and KMASK_LT(a, b) (bit l set when a[l] < b[l]).
 *
 * Invariant: every squared distance is the canonical fused chain of partition_util.h
 * (s = fma(t, t, s) over variables in order, t = a - b), whatever KW, and
 * every sum of distances (kd_dist_sum) adds 8 logical lanes (j = j0 + 8 m + l) and a tail in a
 * fixed order, so every instantiation returns the same bits.
 *
 * Ownership: the kernels only write into the arrays they are given.
 */

#define KCAT2(a, b) a##_##b
#define KCAT(a, b)  KCAT2(a, b)
#define KN(name)    KCAT(name, KSUF)
#define KVD         KN(vd)
#define KVI         KN(vi)
#define KVDU        KN(vdu)

typedef double KVD __attribute__((vector_size(8 * KW)));
typedef int64_t KVI __attribute__((vector_size(8 * KW)));
typedef double KVDU __attribute__((vector_size(8 * KW), aligned(8)));

#define KSEL(m, a, b)  ((KVD)((((KVI)(a)) & (m)) | (((KVI)(b)) & ~(m))))
#define KISEL(m, a, b) (((a) & (m)) | ((b) & ~(m)))

/* Lanes are objects: KW rows are transposed into xt (p by KW) so that centres are visited in
 * increasing order lane by lane with a strict comparison, each lane keeping its first minimum. */
#define KN_UPDATE(acc, j)                                                                          \
    do {                                                                                           \
        KVI lt_ = (acc) < bv;                                                                      \
        KVI lt2_ = (acc) < sv;                                                                     \
        sv = KSEL(lt_, bv, KSEL(lt2_, (acc), sv));                                                 \
        bv = KSEL(lt_, (acc), bv);                                                                 \
        bi = KISEL(lt_, (KVI){ 0 } + (int64_t)(j), bi);                                            \
    } while (0)

KATTR static inline __attribute__((always_inline)) void
KN(kd_transpose)(double *xt, const double *x, const size_t *idx, size_t i, size_t nr, size_t p)
{
    for (size_t r = 0; r < KW; r++) {
        size_t row = i + (r < nr ? r : nr - 1);
        const double *xr = x + (idx ? idx[row] : row) * p;
        for (size_t d = 0; d < p; d++)
            xt[d * KW + r] = xr[d];
    }
}

KATTR static void KN(kd_nearest)(int *lab, double *best, double *second, const double *x,
                                 const size_t *idx, size_t nb, size_t p, const double *c, size_t k,
                                 double *scratch)
{
    KVD inf;
    for (int l = 0; l < KW; l++)
        inf[l] = INFINITY;
    const KVD *xt = (const KVD *)scratch;
    for (size_t i = 0; i < nb; i += KW) {
        size_t nr = nb - i < KW ? nb - i : KW;
        KN(kd_transpose)(scratch, x, idx, i, nr, p);
        KVD bv = inf, sv = inf;
        KVI bi = { 0 };
        size_t j = 0;
        for (; j + 4 <= k; j += 4) {
            const double *c0 = c + j * p, *c1 = c0 + p, *c2 = c1 + p, *c3 = c2 + p;
            KVD a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
            for (size_t d = 0; d < p; d++) {
                KVD xd = xt[d];
                KVD t0 = xd - c0[d], t1 = xd - c1[d], t2 = xd - c2[d], t3 = xd - c3[d];
                a0 = KFMA(t0, a0);
                a1 = KFMA(t1, a1);
                a2 = KFMA(t2, a2);
                a3 = KFMA(t3, a3);
            }
            KN_UPDATE(a0, j);
            KN_UPDATE(a1, j + 1);
            KN_UPDATE(a2, j + 2);
            KN_UPDATE(a3, j + 3);
        }
        for (; j < k; j++) {
            const double *c0 = c + j * p;
            KVD a0 = { 0 };
            for (size_t d = 0; d < p; d++) {
                KVD t0 = xt[d] - c0[d];
                a0 = KFMA(t0, a0);
            }
            KN_UPDATE(a0, j);
        }
        for (size_t r = 0; r < nr; r++) {
            lab[i + r] = (int)bi[r];
            best[i + r] = bv[r];
            if (second)
                second[i + r] = sv[r];
        }
    }
}

/* out[i] = squared distance between row idx[i] of x and centre c[lab[idx[i]]], lanes are
 * objects (rows and their centres transposed into scratch). */
KATTR static void KN(kd_sqdist_own)(double *out, const double *x, const size_t *idx, size_t nb,
                                    size_t p, const double *c, const int *lab, double *scratch)
{
    const KVD *xt = (const KVD *)scratch;
    double *ct = scratch + p * KW;
    for (size_t i = 0; i < nb; i += KW) {
        size_t nr = nb - i < KW ? nb - i : KW;
        KN(kd_transpose)(scratch, x, idx, i, nr, p);
        for (size_t r = 0; r < KW; r++) {
            const double *cr = c + (size_t)lab[idx[i + (r < nr ? r : nr - 1)]] * p;
            for (size_t d = 0; d < p; d++)
                ct[d * KW + r] = cr[d];
        }
        KVD a0 = { 0 };
        for (size_t d = 0; d < p; d++) {
            KVD t0 = xt[d] - ((const KVD *)ct)[d];
            a0 = KFMA(t0, a0);
        }
        for (size_t r = 0; r < nr; r++)
            out[i + r] = a0[r];
    }
}

KATTR static void KN(kd_sqdist_all)(double *out, const double *x, size_t nb, size_t p,
                                    const double *c, size_t k, double *scratch)
{
    const KVD *xt = (const KVD *)scratch;
    for (size_t i = 0; i < nb; i += KW) {
        size_t nr = nb - i < KW ? nb - i : KW;
        KN(kd_transpose)(scratch, x, NULL, i, nr, p);
        size_t j = 0;
        for (; j + 2 <= k; j += 2) {
            const double *c0 = c + j * p, *c1 = c0 + p;
            KVD a0 = { 0 }, a1 = { 0 };
            for (size_t d = 0; d < p; d++) {
                KVD t0 = xt[d] - c0[d], t1 = xt[d] - c1[d];
                a0 = KFMA(t0, a0);
                a1 = KFMA(t1, a1);
            }
            for (size_t r = 0; r < nr; r++) {
                out[(i + r) * k + j] = a0[r];
                out[(i + r) * k + j + 1] = a1[r];
            }
        }
        for (; j < k; j++) {
            const double *c0 = c + j * p;
            KVD a0 = { 0 };
            for (size_t d = 0; d < p; d++) {
                KVD t0 = xt[d] - c0[d];
                a0 = KFMA(t0, a0);
            }
            for (size_t r = 0; r < nr; r++)
                out[(i + r) * k + j] = a0[r];
        }
    }
}

/*
 * For the rows xr[0..nr-1] (nr <= 4, each p coordinates) and the objects j0..j1-1 stored
 * transposed in xt (xt[d*ld + j]): if sums is not NULL, sums[r] = sum over j of the distance
 * (8 logical lanes, then the tail, in a fixed order); if out is not NULL, out[r*ldo + j - j0] =
 * the distance. Distances are sqrt of the canonical squared distance.
 */
KATTR static void KN(kd_dist_rows)(double *sums, double *out, size_t ldo, const double *const *xr,
                                   size_t nr, const double *xt, size_t ld, size_t j0, size_t j1,
                                   size_t p)
{
    enum { NV = 8 / KW };
    KVD acc[4][NV];
    for (size_t r = 0; r < 4; r++)
        for (size_t v = 0; v < NV; v++)
            acc[r][v] = (KVD){ 0 };
    const double *x0 = xr[0], *x1 = xr[nr > 1 ? 1 : 0], *x2 = xr[nr > 2 ? 2 : 0],
                 *x3 = xr[nr > 3 ? 3 : 0];
    size_t j = j0;
    if (nr == 1 && !sums) {
        /* one row, distances only: 4 blocks of objects at a time hide the latency instead */
        for (; j + 4 * KW <= j1; j += 4 * KW) {
            KVD a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
            for (size_t d = 0; d < p; d++) {
                const double *y = xt + d * ld + j;
                KVD t0 = x0[d] - *(const KVDU *)y, t1 = x0[d] - *(const KVDU *)(y + KW);
                KVD t2 = x0[d] - *(const KVDU *)(y + 2 * KW),
                    t3 = x0[d] - *(const KVDU *)(y + 3 * KW);
                a0 = KFMA(t0, a0);
                a1 = KFMA(t1, a1);
                a2 = KFMA(t2, a2);
                a3 = KFMA(t3, a3);
            }
            *(KVDU *)(out + j - j0) = KSQRT(a0);
            *(KVDU *)(out + j - j0 + KW) = KSQRT(a1);
            *(KVDU *)(out + j - j0 + 2 * KW) = KSQRT(a2);
            *(KVDU *)(out + j - j0 + 3 * KW) = KSQRT(a3);
        }
    }
    for (; j + 8 <= j1; j += 8) {
        for (size_t v = 0; v < NV; v++) {
            size_t jv = j + v * KW;
            KVD a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
            for (size_t d = 0; d < p; d++) {
                KVD y = *(const KVDU *)(xt + d * ld + jv);
                KVD t0 = x0[d] - y, t1 = x1[d] - y, t2 = x2[d] - y, t3 = x3[d] - y;
                a0 = KFMA(t0, a0);
                a1 = KFMA(t1, a1);
                a2 = KFMA(t2, a2);
                a3 = KFMA(t3, a3);
            }
            a0 = KSQRT(a0);
            a1 = KSQRT(a1);
            a2 = KSQRT(a2);
            a3 = KSQRT(a3);
            if (sums) {
                acc[0][v] += a0;
                acc[1][v] += a1;
                acc[2][v] += a2;
                acc[3][v] += a3;
            }
            if (out) {
                *(KVDU *)(out + jv - j0) = a0;
                if (nr > 1)
                    *(KVDU *)(out + ldo + jv - j0) = a1;
                if (nr > 2)
                    *(KVDU *)(out + 2 * ldo + jv - j0) = a2;
                if (nr > 3)
                    *(KVDU *)(out + 3 * ldo + jv - j0) = a3;
            }
        }
    }
    for (size_t r = 0; r < nr; r++) {
        double lane[8];
        for (size_t v = 0; v < NV; v++)
            for (size_t l = 0; l < KW; l++)
                lane[v * KW + l] = acc[r][v][l];
        double tail = 0.0;
        for (size_t jj = j; jj < j1; jj++) {
            double s = 0.0;
            for (size_t d = 0; d < p; d++) {
                double t = xr[r][d] - xt[d * ld + jj];
                s = __builtin_fma(t, t, s);
            }
            s = sqrt(s);
            tail += s;
            if (out)
                out[r * ldo + jj - j0] = s;
        }
        if (sums)
            sums[r] = (((lane[0] + lane[1]) + (lane[2] + lane[3])) +
                       ((lane[4] + lane[5]) + (lane[6] + lane[7]))) +
                      tail;
    }
}

KATTR static double KN(kd_sqdist1)(const double *a, const double *b, size_t p)
{
    double s = 0.0;
    for (size_t d = 0; d < p; d++) {
        double t = a[d] - b[d];
        s = __builtin_fma(t, t, s);
    }
    return s;
}

KATTR static void KN(kd_accumulate)(double *psum, double *pcnt, const double *x, const int *labels,
                                    size_t i0, size_t i1, size_t p)
{
    for (size_t i = i0; i < i1; i++) {
        const double *xi = x + i * p;
        int g = labels[i];
        double *s = psum + (size_t)g * p;
        size_t d = 0;
        for (; d + KW <= p; d += KW)
            *(KVDU *)(s + d) += *(const KVDU *)(xi + d);
        for (; d < p; d++)
            s[d] += xi[d];
        pcnt[g] += 1.0;
    }
}

/*
 * FasterPAM's scan of candidate h over all objects, from the data: for each object j != h in
 * index order with d(h, j) < second[j], add R's terms to *acc and beter[slot[j]] (see
 * kmedoids.c). Squared distances are filtered against lim[j] >= second[j]^2 (a superset); the
 * distance itself (sqrt of the canonical squared distance) then takes R's exact tests, so the
 * objects and the order of additions are R's.
 */
KATTR static void KN(kd_fp_scan)(double *beter, double *acc_io, const double *xh, const double *xt,
                                 size_t ld, size_t n, size_t p, const double *nearest,
                                 const double *second, const double *lim, const int *slot, size_t h)
{
    double acc = *acc_io;
    size_t j = 0;
#define KFP_LANES(q, base, mask)                                                                   \
    while (mask) {                                                                                 \
        unsigned l_ = (unsigned)__builtin_ctz(mask);                                               \
        mask &= mask - 1;                                                                          \
        size_t jj_ = (base) + l_;                                                                  \
        double dist_h = sqrt((q)[l_]), distsec = second[jj_];                                      \
        if (jj_ == h || !(dist_h < distsec))                                                       \
            continue;                                                                              \
        double distcur = nearest[jj_];                                                             \
        if (dist_h < distcur) {                                                                    \
            acc += dist_h - distcur;                                                               \
            beter[slot[jj_]] += distcur - distsec;                                                 \
        } else {                                                                                   \
            beter[slot[jj_]] += dist_h - distsec;                                                  \
        }                                                                                          \
    }
    for (; j + 4 * KW <= n; j += 4 * KW) {
        KVD a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
        for (size_t d = 0; d < p; d++) {
            const double *y = xt + d * ld + j;
            KVD t0 = xh[d] - *(const KVDU *)y, t1 = xh[d] - *(const KVDU *)(y + KW);
            KVD t2 = xh[d] - *(const KVDU *)(y + 2 * KW), t3 = xh[d] - *(const KVDU *)(y + 3 * KW);
            a0 = KFMA(t0, a0);
            a1 = KFMA(t1, a1);
            a2 = KFMA(t2, a2);
            a3 = KFMA(t3, a3);
        }
        unsigned m0 = KMASK_LT(a0, *(const KVDU *)(lim + j));
        unsigned m1 = KMASK_LT(a1, *(const KVDU *)(lim + j + KW));
        unsigned m2 = KMASK_LT(a2, *(const KVDU *)(lim + j + 2 * KW));
        unsigned m3 = KMASK_LT(a3, *(const KVDU *)(lim + j + 3 * KW));
        KFP_LANES(a0, j, m0)
        KFP_LANES(a1, j + KW, m1)
        KFP_LANES(a2, j + 2 * KW, m2)
        KFP_LANES(a3, j + 3 * KW, m3)
    }
    for (; j < n; j++) {
        double q = 0.0;
        for (size_t d = 0; d < p; d++) {
            double t = xh[d] - xt[d * ld + j];
            q = __builtin_fma(t, t, q);
        }
        double qv[1] = { q };
        unsigned mask = 1;
        KFP_LANES(qv, j, mask)
    }
#undef KFP_LANES
    *acc_io = acc;
}

#undef KN_UPDATE
#undef KSEL
#undef KISEL
#undef KVD
#undef KVI
#undef KVDU
#undef KN
#undef KCAT
#undef KCAT2

/*
 * regional.h: regional specialisation, relatedness, complexity, shift-share and the strong
 * cluster rules of cluster mapping, on plain arrays of doubles.
 *
 * Ownership: every array is allocated and owned by the caller, who passes it in with its sizes;
 * the library writes results into the caller's out-arrays and keeps no pointer after a call.
 * Names of regions and industries stay with the caller (like the C Clustering Library, this
 * module knows nothing of the registry or of files, cs_composite_load_file aside; ingest.h reads
 * CSV into such arrays).
 *
 * Layout: a region x industry matrix is `nr * ni` doubles, row-major (region r, industry i at
 * x[r * ni + i]); values are non-negative (employment, establishments, wages...). An industry x
 * industry matrix is `ni * ni`, row-major. "Cluster category" (CMP, ECO) takes the place of the
 * industry for the strong-cluster rules.
 *
 * Undefined values: where a reference implementation sets a 0/0 (or NaN) result to 0, so do
 * these functions; where it returns NaN (a region with no employment for the Krugman index), so
 * do they, and a writer shows an empty cell. Each function says which; docs/regional.md gives
 * the sources. Nothing is rounded (EconGeo rounds some measures: docs/regional.md).
 *
 * Functions returning int give 0, CS_ENOMEM (scratch memory), CS_EUSAGE (sizes or arguments
 * that do not fit), CS_EDATA (data a measure cannot be computed on) or CS_ERROR (an eigenvector
 * that did not converge), with the message set.
 */
#ifndef CLUSTERSCOPE_REGIONAL_H
#define CLUSTERSCOPE_REGIONAL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ----- specialisation (EconGeo) ------------------------------------------------------------ */

/* Location quotients, nr * ni: (x_ri / x_r.) / (x_.i / x..); a 0/0 or NaN cell is 0 (EconGeo
 * location_quotient: lq[is.na(lq)] <- 0). */
int cs_regional_lq(double *out, const double *x, size_t nr, size_t ni);
/* The binary form of n location quotients: 1 when LQ >= 1 (exactly 1 counts), else 0. out may be
 * lq. */
void cs_regional_binary(double *out, const double *lq, size_t n);
/* Krugman specialisation index per region, nr: sum_i |s_ri - S_i| (no factor 1/2, 0..2); NaN for
 * a region whose row sums to 0 (EconGeo krugman_index). */
int cs_regional_krugman(double *out, const double *x, size_t nr, size_t ni);
/* Hoover coefficient of specialisation per region: the Krugman index / 2 (EconGeo spec_coeff). */
int cs_regional_hoover(double *out, const double *x, size_t nr, size_t ni);
/* Hoover concentration index of each industry, ni: 100 * 1/2 * sum_r |a_r/sum a - p_r/sum p|,
 * with p the reference by region (nr, e.g. population) or uniform when ref is NULL; NaN for an
 * industry summing to 0 (EconGeo hoover_index, which also rounds to 2 decimals: not here). */
int cs_regional_hoover_index(double *out, const double *x, const double *ref, size_t nr, size_t ni);
/* Herfindahl index per region: sum_i x_ri^2 / (sum_i x_ri)^2; NaN for an empty region. */
int cs_regional_herfindahl(double *out, const double *x, size_t nr, size_t ni);
/* Shannon entropy per region: -sum_i s_ri log2(s_ri + 1e-9) (the 1e-9 is EconGeo's; EconGeo
 * rounds to 3 decimals: not here); NaN for an empty region. */
int cs_regional_entropy(double *out, const double *x, size_t nr, size_t ni);
/* Gini coefficient of each industry over the regions, ni, from the Lorenz curve with equal
 * weights (EconGeo gini); NaN for an industry summing to 0. */
int cs_regional_gini(double *out, const double *x, size_t nr, size_t ni);

/* ----- the binary matrix M (cs_regional_binary of the LQ) ---------------------------------- */

/* Diversity (row sums of M), nr; ubiquity (column sums), ni. */
void cs_regional_diversity(double *out, const double *m, size_t nr, size_t ni);
void cs_regional_ubiquity(double *out, const double *m, size_t nr, size_t ni);
/* Co-occurrence of industries, ni * ni: C = M^T M with the diagonal set to 0. */
int cs_regional_cooccurrence(double *out, const double *m, size_t nr, size_t ni);

typedef enum {
    CS_RELATEDNESS_PROB = 0, /* EconGeo's default: the probability index (Steijn 2017) */
    CS_RELATEDNESS_ASSOCIATION,
    CS_RELATEDNESS_COSINE,
    CS_RELATEDNESS_JACCARD
} cs_relatedness_norm;

/* "prob", "association", "cosine", "jaccard" -> the norm; CS_EUSAGE for another name. */
int cs_regional_relatedness_parse(cs_relatedness_norm *out, const char *name);
const char *cs_regional_relatedness_name(cs_relatedness_norm norm);

/* Relatedness of industries from a co-occurrence matrix c (ni * ni, its diagonal ignored),
 * normalised as EconGeo relatedness(): 0/0 is 0 and the diagonal is 0. out may not be c. */
int cs_regional_relatedness(double *out, const double *c, size_t ni, cs_relatedness_norm norm);
/* Relatedness density, nr * ni: 100 * sum_j m_rj phi_ji / sum_j phi_ji; NaN for an industry
 * related to none (EconGeo relatedness_density, which also rounds to 2 decimals: not here). */
int cs_regional_density(double *out, const double *m, const double *phi, size_t nr, size_t ni);
/*
 * Knowledge complexity of regions (KCI), nr: the eigenvector of the second largest eigenvalue
 * of D^-1 M U^-1 M^T (D, U the diagonal diversity and ubiquity), standardised to mean 0 and
 * standard deviation 1 (n - 1) and signed so that it grows with diversity (its correlation
 * with diversity, the reflections' first step, is positive). Regions with diversity 0 and
 * industries with ubiquity 0 are left out, as EconGeo kci() does, and get NaN. Computed by
 * power iteration on the symmetric form D^-1/2 M U^-1 M^T D^-1/2. CS_EDATA with fewer than 3
 * regions left; CS_ERROR when the iteration does not converge (two equal eigenvalues).
 */
int cs_regional_complexity(double *out, const double *m, size_t nr, size_t ni);

/*
 * Related and unrelated variety per region (Frenken, Van Oort and Verburg 2007), nr each:
 * shares p_i of the region's total, sectors P_g = sum_{i in g} p_i (sector[i] in 0..nsectors-1):
 * UV = sum_g P_g log2(1/P_g), RV = sum_g P_g H_g, H_g = sum_{i in g} (p_i/P_g) log2(P_g/p_i);
 * zero shares add nothing; NaN for an empty region.
 */
int cs_regional_variety(double *related, double *unrelated, const double *x, const size_t *sector,
                        size_t nsectors, size_t nr, size_t ni);

/* ----- change between two years ----------------------------------------------------------- */

/* Dunn's shift-share of one region between year 1 and year 2 (REAT shift()). */
typedef struct {
    double from, to;       /* E_r1, E_r2 */
    double national_share; /* E_r1 (E2/E1) - E_r1 */
    double industry_mix;   /* sum_i E_ri1 (E_i2/E_i1) - E_r1 (E2/E1) */
    double regional_share; /* E_r2 - sum_i E_ri1 (E_i2/E_i1) */
} cs_shift_share;

/* Shift-share of every region (out: nr) from x1 and x2 (nr * ni each). The three parts sum to
 * E_r2 - E_r1; an industry absent in year 1 adds nothing to the sums (E_ri1 = 0); all parts are
 * NaN when the whole economy is 0 in year 1. */
int cs_regional_shift_share(cs_shift_share *out, const double *x1, const double *x2, size_t nr,
                            size_t ni);
/* Compound annual growth rate (v / v0)^(1 / years) - 1 (CMP); NaN when v0 <= 0 or years <= 0. */
double cs_regional_cagr(double v0, double v, double years);

/* ----- strong clusters --------------------------------------------------------------------- */

/* The R-7 quantile (R's quantile(type = 7), d3.quantile) of n sorted values: h = (n - 1) p,
 * linear interpolation between the values around h; NaN when n is 0. */
double cs_regional_quantile(const double *sorted, size_t n, double p);

/* The US Cluster Mapping Project's result for one region and category. */
typedef struct {
    double lq; /* against the region's employment of the same type (traded or local) */
    unsigned char qualifying, significant, strong, strong10;
} cs_cmp_cell;

/* The CMP's cluster strength of one region. */
typedef struct {
    double traded;     /* the region's employment in traded categories */
    double strong;     /* of it, in its strong categories */
    double strength;   /* strong / traded (0 when traded is 0) */
    size_t n_strong;   /* strong categories */
    size_t rank;       /* 1 = strongest, among regions with traded employment; 0 = none */
    double percentile; /* round(100 / n * (rank - 0.5)); NaN without rank */
} cs_cmp_region;

/*
 * The CMP's strong-cluster rule (cluster_calcs_mapper.js, cluster_calcs_reducer.js,
 * aggregate_calcs_mapper.js, ranker.js). emp and est are nr * nc; traded (nc) marks the
 * traded categories (NULL: all traded). LQ_rc = (E_rc / E_r,type) / (E_c / E_type), NaN and
 * infinity 0. Per traded category, over the regions with E_rc > 0 (Q the R-7 quantile):
 * qualifying LQ > Q.25(LQ), significant LQ > Q.50(LQ), strong LQ >= Q.75(LQ) and LQ >= 1,
 * strong10 LQ >= Q.90(LQ) and LQ >= 1, each also with E > Q.25(E) and est > Q.25(est). Local
 * categories and regions with E_rc = 0 get no flag. Cluster strength and ranks per region
 * (regions, nr; NULL: not wanted): ties ranked in region order.
 */
int cs_regional_cmp(cs_cmp_cell *cells, cs_cmp_region *regions, const double *emp,
                    const double *est, const unsigned char *traded, size_t nr, size_t nc);

/* The European Cluster Observatory's stars of one region and category. */
typedef struct {
    double lq;    /* against the region's total employment */
    double focus; /* E_rc / E_r. */
    unsigned char size, specialisation, focus_star, stars;
} cs_eco_cell;

/*
 * ECO stars (emp nr * nc): size when E_rc >= Q.90 of E_.c over the regions with E_rc > 0 (the
 * top 10%), specialisation when LQ >= 2, focus when E_rc / E_r. >= Q.90 of the same over those
 * regions; stars = their sum. A region without employment in the category gets none.
 */
int cs_regional_eco(cs_eco_cell *cells, const double *emp, size_t nr, size_t nc);

/* ----- related clusters: where a region could grow ----------------------------------------- */

/* A category a region lacks that is strongly related to some of its strong categories. */
typedef struct {
    size_t category; /* its index, 0..nc-1 */
    size_t links;    /* the region's strong categories it is strongly related to */
    double strength; /* the sum of those links' strengths */
    size_t first;    /* those strong categories are via[first .. first + links), strongest first
                        (then by index) */
} cs_related_gap;

/*
 * The related categories a region lacks (CMP "related clusters"). strong (nc) marks the
 * region's strong categories; related (nc * nc) marks category b as strongly related to a at
 * related[a * nc + b], with the link's strength at strength[a * nc + b] (the diagonal is
 * ignored). A gap is a category not strong in the region that is strongly related to at least
 * one that is. gaps (capacity nc) are ordered by links (more first), then strength (greater
 * first), then index; via (capacity nc * nc) holds the strong categories of each gap; *n_gaps
 * their number. CS_EUSAGE for NULL arrays.
 */
int cs_regional_related_gaps(cs_related_gap *gaps, size_t *via, size_t *n_gaps,
                             const unsigned char *strong, const unsigned char *related,
                             const double *strength, size_t nc);

/* ----- the seeds' regional questions (questions.c) ------------------------------------------ */

/* A correlation coefficient with its confidence interval, two-sided p-value and n. */
typedef struct {
    size_t n;     /* pairs used: both values known (not NaN) */
    double r;     /* Pearson r, or Spearman rho */
    double lower; /* confidence interval (Fisher z) */
    double upper;
    double p; /* two-sided, from t = r sqrt((n - 2) / (1 - r^2)) with n - 2 degrees of freedom */
} cs_correlation;

/*
 * Pearson's r of x and y (n values each; a pair with a NaN is left out), as R's cor.test: the
 * interval tanh(atanh(r) -+ z / sqrt(n' - 3)), z the normal quantile of (1 + confidence) / 2,
 * and p from Student's t. CS_EDATA with fewer than 4 pairs or a variable that is constant over
 * them (message "expected at least 4 ...", "... is constant"); CS_EUSAGE for a confidence
 * outside (0, 1).
 */
int cs_regional_pearson(cs_correlation *out, const double *x, const double *y, size_t n,
                        double confidence);
/*
 * Spearman's rho: Pearson's r of the average ranks (R's cor(method = "spearman")); interval
 * Fisher z with Bonett and Wright's (2000) se = sqrt((1 + rho^2 / 2) / (n' - 3)); p from the t
 * approximation (R's cor.test(exact = FALSE); R's default is an exact test for small n
 * without ties). Errors as cs_regional_pearson.
 */
int cs_regional_spearman(cs_correlation *out, const double *x, const double *y, size_t n,
                         double confidence);
/* Average ranks (1-based, ties share their mean rank) of n values without NaN. CS_ENOMEM. */
int cs_regional_ranks(double *out, const double *x, size_t n);
/* The regularised incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1 (NaN otherwise). */
double cs_regional_beta_inc(double x, double a, double b);
/* Two-sided p-value of Student's t with df degrees of freedom: 2 P(T > |t|). */
double cs_regional_t_p(double t, double df);
/* The standard normal quantile function (R's qnorm) for 0 < p < 1. */
double cs_regional_normal_quantile(double p);

/* The seed's regional typology (seed 004, lines 115-125). */
typedef enum {
    CS_REGION_TYPE_NONE = 0,       /* undefined: a value unknown, or applications without any
                                      registry cluster */
    CS_REGION_TYPE_NO_APPLICATION, /* count = 0 */
    CS_REGION_TYPE_ONE_CLUSTER,    /* count >= 1 and exactly one cluster */
    CS_REGION_TYPE_MANY_CLUSTERS   /* count >= 1 and two clusters or more */
} cs_region_type;

/* "no_application", "one_cluster", "many_clusters"; NULL for CS_REGION_TYPE_NONE. */
const char *cs_regional_type_name(cs_region_type t);

/* The threshold rule "indicator < threshold => count <= 1" tested on n regions. */
typedef struct {
    size_t n;          /* regions with both indicator and count known */
    size_t below;      /* of them, indicator < threshold */
    size_t violations; /* of them, indicator < threshold and count > 1 */
    double largest;    /* the largest threshold the rule holds for: the least indicator of a
                          region with count > 1 (the rule is strict); +inf when none has */
} cs_threshold_rule;

/*
 * The threshold rule and the typology of n regions: indicator x, count c (applications),
 * clusters k (registry clusters in the region; NULL = unknown everywhere); NaN is unknown.
 * type (n, may be NULL) gets each region's type, violation (n, may be NULL) 1 where x < t and
 * c > 1. CS_EUSAGE for a NaN threshold or NULL arrays.
 */
int cs_regional_threshold(cs_threshold_rule *rule, cs_region_type *type, unsigned char *violation,
                          const double *x, const double *c, const double *k, size_t n,
                          double threshold);

/* ----- composite indices (composite.c) ------------------------------------------------------ */

/*
 * A composite index of regions as a method file describes it (JSON, format
 * "clusterscope-composite", docs/regional.md): indicators, each in one sub-index with a weight
 * and a direction (higher or lower is better), and sub-indices with weights. Parsed into a
 * cs_composite that the caller frees with cs_composite_free(); the strings its accessors hand
 * out live as long as it does. cs_composite_load_file is the one function of this module that
 * reads a file. Errors: CS_EDATA "ORIGIN:LINE:COLUMN: expected ..., found ...".
 */
typedef struct cs_composite cs_composite;

int cs_composite_parse(cs_composite **out, const char *json, size_t len, const char *origin);
/* PATH is a file, or the id of a method shipped in methods/ (e.g. hse-regional-rating). */
int cs_composite_load_file(cs_composite **out, const char *path);
void cs_composite_free(cs_composite *m);
const char *cs_composite_id(const cs_composite *m);
size_t cs_composite_indicators(const cs_composite *m);
const char *cs_composite_indicator(const cs_composite *m, size_t i);
size_t cs_composite_sub_indices(const cs_composite *m);
const char *cs_composite_sub_index(const cs_composite *m, size_t s);

/*
 * The index of nr regions from x (nr * ni, the method's indicators in its order; NaN unknown):
 * each indicator normalised min-max over the regions that know it, (x - min) / (max - min),
 * or (max - x) / (max - min) where lower is better; sub[r * ns + s] the weighted mean of the
 * region's known indicators of sub-index s (weights renormalised; NaN when none is known);
 * index[r] the weighted mean of its known sub-indices; rank[r] 1 for the highest index (ties
 * share the better rank; NaN without an index); known[r] how many indicators it knows.
 * CS_EDATA when an indicator known somewhere is constant (min-max is undefined).
 */
int cs_composite_compute(double *sub, double *index, double *rank, double *known,
                         const cs_composite *m, const double *x, size_t nr);

#ifdef __cplusplus
}
#endif
#endif

/*
 * factors.h: a study's target models and success factors as reference data (the HSE study:
 * Table 2.2 and chapter 3, data/reference/reference-groups.json), and what one cluster's
 * recorded facts say about them: which target models fit it and why, and, per factor, the
 * study's cases of the cluster and whether recorded facts evidence the factor.
 *
 * Ownership: cs_factor_reference_copy() hands out a reference that owns every string and array
 * it points to, released with cs_factor_reference_free() (the store reads references this way:
 * store.h, cs_store_factors_load). cs_factors_evaluate() hands out a profile released with
 * cs_factor_profile_free(); it borrows the reference and the assessment it was made from,
 * which must outlive it. This module knows no database.
 *
 * The evidence is data: each factor and target model names an indicator of an evidence method
 * (methods/hse-success-factors-2019.json), and the assessment engine evaluates it three-valued,
 * so each piece of evidence keeps its rule, fact, status and source. A factor no recorded fact
 * can evidence names none and says why.
 */
#ifndef CLUSTERSCOPE_FACTORS_H
#define CLUSTERSCOPE_FACTORS_H

#include <stddef.h>
#include <stdio.h>

#include "clusterscope/assess.h"
#include "clusterscope/i18n.h"
#include "clusterscope/method.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Strings are "" when the data gives none. */
typedef struct {
    int number;                    /* 1..4 in the study */
    const char *name_en, *name_ru; /* the study's heading (ru) and its English */
    const char *locator;           /* where the study describes it */
    const char *task_en, *task_ru; /* its task and priority, in brief */
    const char *groups;            /* the reference types it fits: "1,2,3" */
    const char *groups_quote;      /* the study's words for that */
    const char *groups_locator;
    const char *evidence_method; /* method id, "" when none */
    const char *evidence;        /* indicator id of that method, "" when none */
} cs_target_model;

typedef struct {
    int number; /* 1..7 */
    const char *name_en, *name_ru, *locator, *heading_locator;
    const char *preface_ru, *preface_locator; /* the preface's wording */
    const char *practices_en, *practices_ru;
    const char *evidence_method, *evidence; /* "" when no recorded fact can evidence it */
    const char *no_evidence;                /* why, when evidence is "" */
} cs_success_factor;

/* One of the study's cluster stories. */
typedef struct {
    int factor;
    const char *cluster;  /* registry key */
    const char *title_ru; /* verbatim */
    const char *locator, *summary_en, *summary_ru;
} cs_success_case;

/* The study's group of a cluster and the target models it names the cluster as an example of. */
typedef struct {
    const char *cluster;
    int group;          /* 0: the study gives none */
    const char *basis;  /* stated, reconstructed, derived, not_assigned */
    const char *models; /* "1,3", "" when none */
} cs_factor_assignment;

typedef struct {
    const char *set_key; /* the reference set (the study's source key) */
    const cs_target_model *models;
    size_t n_models;
    const cs_success_factor *factors;
    size_t n_factors;
    const cs_success_case *cases; /* in the study's order */
    size_t n_cases;
    const cs_factor_assignment *assignments; /* sorted by cluster */
    size_t n_assignments;
} cs_factor_reference;

int cs_factor_reference_copy(cs_factor_reference **out, const cs_factor_reference *ref);
void cs_factor_reference_free(cs_factor_reference *ref);
/* The evidence method the models and factors name (the first one named), or NULL. */
const char *cs_factor_reference_method(const cs_factor_reference *ref);
/* The study's assignment of `cluster`, or NULL. */
const cs_factor_assignment *cs_factor_reference_assignment(const cs_factor_reference *ref,
                                                           const char *cluster);
/* Cases of factor `number` (any cluster when `cluster` is NULL). */
size_t cs_factor_reference_case_count(const cs_factor_reference *ref, int number,
                                      const char *cluster);

/* Why a target model fits a cluster, each part three-valued. */
typedef struct {
    const cs_target_model *model;
    int example;         /* 1: the study names the cluster as this model's example */
    cs_result group_fit; /* the cluster's group is among the model's; unknown with no group */
    long indicator;      /* the evidence indicator's index in the method, -1 when none */
    cs_result members;   /* that indicator's binary view (members, initiative), unknown if none */
    cs_result fit;       /* 1 by example; else group_fit AND members (unknown unless decided) */
} cs_model_fit;

/* What recorded facts say of one factor for one cluster. */
typedef struct {
    const cs_success_factor *factor;
    long indicator;     /* the evidence indicator's index, -1: no recorded fact can evidence it */
    cs_result evidence; /* its binary view: evidenced, not evidenced or unknown */
} cs_factor_status;

typedef struct cs_factor_profile cs_factor_profile;

/*
 * Evaluates the reference for assessment subject `cluster` of `a`, an assessment by the
 * evidence method. `found_group` is the cluster's group in a stored partition (0: none). The
 * group a model is checked against is the study's, else the found one. CS_EDATA when a model
 * or factor names an indicator the method lacks.
 */
int cs_factors_evaluate(cs_factor_profile **out, const cs_factor_reference *ref,
                        const cs_assessment *a, size_t cluster, int found_group);
void cs_factor_profile_free(cs_factor_profile *p);

const cs_factor_reference *cs_factor_profile_reference(const cs_factor_profile *p);
const cs_assessment *cs_factor_profile_assessment(const cs_factor_profile *p);
size_t cs_factor_profile_cluster(const cs_factor_profile *p);  /* the assessment subject */
int cs_factor_profile_group(const cs_factor_profile *p);       /* the study's, 0 none */
int cs_factor_profile_found_group(const cs_factor_profile *p); /* 0 none */
size_t cs_factor_profile_model_count(const cs_factor_profile *p);
const cs_model_fit *cs_factor_profile_model(const cs_factor_profile *p, size_t i);
size_t cs_factor_profile_factor_count(const cs_factor_profile *p);
const cs_factor_status *cs_factor_profile_factor(const cs_factor_profile *p, size_t i);

typedef enum {
    CS_FACTORS_TABLE = 0, /* terminal text */
    CS_FACTORS_JSON = 1,  /* one JSON document */
    CS_FACTORS_MD = 2     /* Markdown */
} cs_factors_format;

/*
 * Writes the profile in the reader's language: the cluster's groups; each target model with
 * whether it fits and why; each factor with the study's cases of the cluster (title, lines) and
 * the facts that evidence it or fail to (rule, value as written, status, source, locator).
 * JSON keys and codes are the same in both languages. CS_EIO when the stream fails.
 */
int cs_factor_profile_write(FILE *f, const cs_factor_profile *p, cs_factors_format fmt,
                            cs_lang lang);

/* "evidenced", "not evidenced", "unknown" or "no fact can show it" in the language, for a
 * factor status (also used by the report). */
const char *cs_factors_status_word(const cs_factor_status *s, cs_lang lang);
/* "fits", "does not fit" or "unknown". */
const char *cs_factors_fit_word(cs_result fit, cs_lang lang);

#ifdef __cplusplus
}
#endif
#endif

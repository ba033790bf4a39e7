/*
 * report_impl.h: what the files of src/report share: the report's content (struct cs_report,
 * filled by build.c and only read by the writers), the document the HTML and Markdown writers
 * write through, and the small helpers of the sections. Buffers belong to the caller; the
 * report owns everything it points to.
 */
#ifndef CS_REPORT_IMPL_H
#define CS_REPORT_IMPL_H

#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/i18n.h"
#include "clusterscope/method.h"
#include "clusterscope/registry.h"
#include "clusterscope/render.h"
#include "clusterscope/report.h"
#include "clusterscope/typology.h"
#include "render/escape.h"
#include "util/buf.h"
#include "util/textout.h"

#include <stdio.h>

#define CS_REPORT_CARD_NEWS 3 /* the newest items named on a card */

struct cs_report {
    cs_report_options o;
    cs_method *m;
    cs_service_assessment *assessed; /* the assessment and what it read, from the service */
    const cs_cluster_list *clusters; /* the assessed clusters (index = the assessment's) */
    const cs_assessment *a;
    cs_reference_set *ref; /* may be NULL */
    cs_classification *c;  /* may be NULL when the typology could not run */
    char *typology_note;   /* why not, when c is NULL */
    size_t n;
    size_t n_an;        /* clusters analysed */
    size_t *an;         /* their indexes */
    const double *z;    /* the partition's linkage ((n_an - 1) x 4; the classification's) */
    double cut;         /* the cut height for k groups, -1 when none */
    size_t *order;      /* all clusters: dendrogram order, then those left out */
    char **gnames;      /* k group names in the language */
    const char **names; /* display name per cluster */
    const char **keys;  /* registry key per cluster */
    const cs_country_list *countries;
    long long partition_run;               /* the assessment run of o.partition */
    const cs_reference_assignment **study; /* per cluster: the study's placement, or NULL */
    cs_factset *row_facts; /* the facts the reference rows name (Table 2.1's text rows) */
    char **assumed;        /* the facts a scenario assumes, one line each in the language */
    size_t n_assumed;
    cs_service_factor_set *factors;  /* NULL: the registry holds no success factors */
    cs_regional_view *rv;            /* NULL: no statistics (or the section is off) */
    cs_region_list *regions;         /* the registry's regions, for their names */
    cs_service_questions *questions; /* the seeds' regional questions (NULL: section off) */
    cs_programme_set *programmes;    /* programmes and listings (NULL: both sections off) */
    cs_chain_view **chains;          /* the clusters with stages or links (section_chain.c) */
    size_t n_chains;
    /* counts of the registry: by kind, stage and registry listing (NULL: section off), and by
     * kind per country where the registry holds a source's stated total (section_counts.c) */
    cs_counts *counts[3];
    cs_counts **country_counts;
    size_t n_country_counts;
    cs_timeline **timelines; /* clusters with dated facts or targets (section_timeline.c) */
    size_t n_timelines;
    /* the cards' news (section_cards.c): every item, newest first, and per cluster (by the
     * position in keys) how many name it and the newest CS_REPORT_CARD_NEWS of them */
    cs_news_list *news;
    size_t *news_count;
    size_t *news_pick; /* CS_REPORT_CARD_NEWS per cluster */
};

/* News read and indexed for the cards (section_cards.c), once for every card. */
int cs_report_card_news_read(cs_report *r, cs_service *svc);

/* The report's fixed word for key in its language. */
static inline const char *T(const cs_report *r, const char *key)
{
    return cs_i18n_text(r->o.lang, key);
}

/* ------------------------------------------------------------------------------------------ */
/* The document: HTML or Markdown through the same calls. A failed write sets err; the calls   */
/* after it still run, and the writer reports the failure once at the end.                     */

typedef struct {
    FILE *f;
    int md; /* 1 = Markdown, 0 = HTML */
    int err;
    cs_buf b; /* scratch for escaping */
} cs_doc;

void cs_doc_raw(cs_doc *d, const char *s); /* s as it is: markup */
void cs_doc_esc(cs_doc *d, const char *s); /* s escaped for the document's language */
void cs_doc_heading(cs_doc *d, int level, const char *id, const char *s);
void cs_doc_para(cs_doc *d, const char *s);
void cs_doc_table_head(cs_doc *d, const char *const *h, size_t n);
/* The same with a class on the HTML table (Markdown has none). */
void cs_doc_table_head_class(cs_doc *d, const char *cls, const char *const *h, size_t n);
void cs_doc_table_row(cs_doc *d, const char *const *c, size_t n);
void cs_doc_table_end(cs_doc *d);
/* Takes svg_text (may be NULL: nothing is written and the error is cleared) and frees it. */
void cs_doc_figure(cs_doc *d, char *svg_text, const char *caption);

/* ------------------------------------------------------------------------------------------ */
/* Helpers of the sections                                                                     */

void cs_report_num(char *out, size_t cap, const cs_report *r, double v, int dec);
/* "67 % (2/3)"; "? (0/0)" when nothing is known. */
void cs_report_percent(char *out, size_t cap, const cs_report *r, size_t met, size_t known);
const char *cs_report_result_word(const cs_report *r, cs_result v);
const char *cs_report_status_word(const cs_report *r, cs_fact_status s);
int cs_report_group_of(const cs_report *r, size_t i); /* 1..k, 0 = not classified */
const char *cs_report_group_name(const cs_report *r, size_t i);
cs_chart_locale cs_report_locale(const cs_report *r);
/* The text in the report's language, the other one when it has none. */
const char *cs_report_label(const cs_report *r, const char *en, const char *ru);
/* The country's name in the report's language ("Germany"), the code when the registry has no
 * name for it. */
const char *cs_report_country_name(const cs_report *r, const char *code);
/* The cluster kind in words ("innovative territorial"), the value itself when unknown. */
const char *cs_report_kind_name(const cs_report *r, const char *kind);
/* Where the reference set places cluster i (a type > 0), or NULL. */
const cs_reference_assignment *cs_report_study_assignment(const cs_report *r, size_t i);
/* The reference type numbered `number`, or NULL. */
const cs_reference_type *cs_report_reference_type(const cs_report *r, int number);
/* The indexes of the scored items, in method order, into out (item count entries). */
size_t cs_report_scored_items(const cs_report *r, size_t *out);

/* ------------------------------------------------------------------------------------------ */
/* Sections and table writers                                                                  */

void cs_report_section_sample(cs_doc *d, const cs_report *r);
void cs_report_section_indicators(cs_doc *d, const cs_report *r);
void cs_report_section_assessment(cs_doc *d, const cs_report *r);
void cs_report_section_typology(cs_doc *d, const cs_report *r);
void cs_report_section_cards(cs_doc *d, const cs_report *r);
void cs_report_section_provenance(cs_doc *d, const cs_report *r);
void cs_report_section_factors(cs_doc *d, const cs_report *r);
void cs_report_section_regional(cs_doc *d, const cs_report *r);
/* The member "regional" of the report's JSON (null when the report holds no statistics). */
void cs_report_regional_json(cs_jsonw *w, const cs_report *r);
/* A region's name in the report's language, its key when the registry has none. */
const char *cs_report_region_name(const cs_report *r, const char *key);
/* The strong clusters of region g as "category:LQ;..." (LQ as the shortest exact decimal) or
 * with words ("category (LQ 1.37), ..."), into out. */
void cs_report_regional_strong(char *out, size_t cap, const cs_report *r,
                               const cs_regional_view_region *g, int machine);
void cs_report_section_questions(cs_doc *d, const cs_report *r);
void cs_report_section_counts(cs_doc *d, const cs_report *r);
void cs_report_section_timeline(cs_doc *d, const cs_report *r);
/* The members "counts" (null when the section is off) and "timeline" of the report's JSON. */
void cs_report_counts_json(cs_jsonw *w, const cs_report *r);
void cs_report_timeline_json(cs_jsonw *w, const cs_report *r);

/* The table of clusters by factors and target models (section_factors.c): row 0 is the header,
 * rows 1..cs_report_factor_rows() the clusters. A row's cells point into the report (keys and
 * names whole, never cut) or into the row's own short texts ("F3", a group number). The import
 * allows at most 24 factors and 24 models, so 3 + 48 columns always fit; past
 * CS_REPORT_MAX_COLS a cell would be left out, never written out of bounds. */
#define CS_REPORT_MAX_COLS 64
typedef struct {
    const char *cell[CS_REPORT_MAX_COLS];
    char text[CS_REPORT_MAX_COLS][16];
} cs_report_factor_row;
size_t cs_report_factor_rows(const cs_report *r);
/* machine: CSV-style header keys and codes (evidenced, fits, ...) instead of words and symbols */
size_t cs_report_factor_cells(cs_report_factor_row *out, const cs_report *r, size_t row,
                              int machine);
/* The member "factors" of the report's JSON (null when the report holds none). */
void cs_report_factors_json(cs_jsonw *w, const cs_report *r);
int cs_report_write_table_csv(FILE *f, const cs_report *r);
/* Support programmes and official registries (section_programmes.c), and their members
 * "programmes" and "registries" of the report's JSON (each written when its section is on). */
void cs_report_section_programmes(cs_doc *d, const cs_report *r);
void cs_report_section_registries(cs_doc *d, const cs_report *r);
void cs_report_programmes_json(cs_jsonw *w, const cs_report *r);
/* The chain section (section_chain.c): its data read through the service, the section, and the
 * member "chain" of the report's JSON (null when the section is off). */
int cs_report_chain_read(cs_report *r, cs_service *svc);
void cs_report_chain_free(cs_report *r);
void cs_report_section_chain(cs_doc *d, const cs_report *r);
void cs_report_chain_json(cs_jsonw *w, const cs_report *r);
int cs_report_write_json(FILE *f, const cs_report *r);

#endif

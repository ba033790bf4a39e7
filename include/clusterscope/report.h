/*
 * report.h: the registry's report in the HSE study's layout, in Russian or English: one
 * self-contained HTML file (inline CSS and SVG charts), Markdown, and the tables as CSV, JSON
 * and XLSX. Its words come from i18n.h, its charts and escaping from render.h.
 *
 * Ownership: cs_report_build() hands the caller a cs_report that it releases with
 * cs_report_free(); the report copies what it reads from the registry but keeps the option
 * strings (method, date), which must outlive it; the writers borrow the report.
 *
 * Vocabulary: a "cluster" is the economic cluster of the registry; cluster analysis returns the
 * groups of a partition.
 */
#ifndef CLUSTERSCOPE_REPORT_H
#define CLUSTERSCOPE_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "clusterscope/i18n.h"
#include "clusterscope/service.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* The report                                                                                  */

typedef enum {
    CS_REPORT_HTML = 0,
    CS_REPORT_MARKDOWN,
    CS_REPORT_CSV,  /* the per-cluster table; cs_report_write_groups_csv writes the groups */
    CS_REPORT_JSON, /* every table */
    CS_REPORT_XLSX  /* every table, as a workbook: only through cs_report_write_xlsx() */
} cs_report_format;

enum {
    CS_REPORT_SAMPLE = 1 << 0,
    CS_REPORT_INDICATORS = 1 << 1,
    CS_REPORT_ASSESSMENT = 1 << 2,
    CS_REPORT_TYPOLOGY = 1 << 3,
    CS_REPORT_CARDS = 1 << 4,
    CS_REPORT_PROVENANCE = 1 << 5,
    CS_REPORT_FACTORS = 1 << 6,     /* target models and success factors of biomedical clusters */
    CS_REPORT_REGIONAL = 1 << 7,    /* strong clusters of the registry's statistics (CMP rule) */
    CS_REPORT_QUESTIONS = 1 << 8,   /* the seeds' regional questions (region facts) */
    CS_REPORT_PROGRAMMES = 1 << 9,  /* support programmes: rounds, award rates, shares */
    CS_REPORT_REGISTRIES = 1 << 10, /* official registries, labels and lists: who is listed */
    CS_REPORT_CHAIN = 1 << 11,      /* value chains: stage diagrams and network measures */
    CS_REPORT_COUNTS = 1 << 12,     /* the registry's clusters counted by kind, stage, registry */
    CS_REPORT_TIMELINE = 1 << 13,   /* each cluster's dated facts as series, targets, charts */
    CS_REPORT_ALL = (1 << 14) - 1
};

typedef struct {
    cs_lang lang;
    cs_report_format format;
    unsigned sections;   /* CS_REPORT_* bits; 0 = all */
    const char *method;  /* built-in method id or method file; NULL = hse-biomedical-2019 */
    const char *date;    /* YYYY-MM-DD, a real calendar date (cs_report_parse_date), printed
                            in the provenance when given; no clock is read otherwise */
    int year;            /* assessment year (0 = the method's) */
    long long partition; /* a stored partition (`clusterscope classify` stored it) to report:
                            reproduced from its parameters and checked member by member; 0 =
                            classify as `clusterscope classify` does by default */
    size_t max_memory;   /* bytes the typology's cluster analysis may take; 0 = the service's
                            limit, or cs_default_memory_limit() when it has none. Above it the
                            typology is left out with a note giving the memory it needs (with
                            a partition: CS_ENOMEM) */
    int regional_year;   /* the regional section's year of statistics; 0 = the latest that
                            holds employment and establishments (cs_service_regional_view) */
} cs_report_options;

typedef struct cs_report cs_report;

/*
 * Reads a report date: exactly YYYY-MM-DD, a day of the Gregorian calendar (year 0001 to 9999,
 * no 29 February in a common year). CS_EUSAGE with the position: "character 9: expected a day
 * from 01 to 28 (the days of 2023-02), found "29"".
 */
int cs_report_parse_date(int *year, int *month, int *day, const char *text);

/*
 * Assesses the registry's clusters with the method (nothing is stored), classifies them as
 * `clusterscope classify` does by default (average linkage, simple matching, unknown values
 * pairwise, k by silhouette) or as stored partition opts->partition was made, labels the groups
 * by the reference set when the registry has one, and keeps everything the writers need. With
 * a partition: CS_ENOTFOUND when there is none, CS_EUSAGE when it was made with another method,
 * CS_EDATA when the registry changed since (another cluster set or other codes) or it is not
 * reproduced.
 */
int cs_report_build(cs_report **out, cs_service *svc, const cs_report_options *opts);
void cs_report_free(cs_report *r);
/* Writes in opts->format. Byte-deterministic. CS_EIO when the stream fails. */
int cs_report_write(FILE *f, const cs_report *r);
/* The group profile table as CSV (one row per group and indicator). */
int cs_report_write_groups_csv(FILE *f, const cs_report *r);
/* The table of biomedical clusters by success factors and target models as CSV (+ evidenced,
 * − not, ? unknown, · no recorded fact can show it); CS_ENOTFOUND when the report holds none. */
int cs_report_write_factors_csv(FILE *f, const cs_report *r);
/* The regional section's table as CSV: one row per region (by rank) with its cluster strength,
 * rank, percentile and strong clusters ("category:LQ" joined by ';'); CS_ENOTFOUND when the
 * registry holds no statistics for it. */
int cs_report_write_regional_csv(FILE *f, const cs_report *r);
/*
 * The tables as an XLSX workbook at PATH, written by the rules of every output file
 * (docs/reliability.md: "-" is standard output, a device or FIFO is written through, an existing
 * file is replaced whole or not at all): sheets clusters, groups and indicators; unknown is an
 * empty cell. Text longer than a cell holds (32,767 characters) is cut on a character boundary
 * and ends with "… [cut: N characters]"; *cut_cells (when not NULL) counts such cells, which the
 * workbook's comments also state. Needs a build with libxlsxwriter (CS_HAVE_XLSXWRITER defined,
 * -lxlsxwriter linked); otherwise CS_EUSAGE saying so. The document's creation time is
 * opts->date or 1980-01-01, never the clock.
 */
int cs_report_write_xlsx(size_t *cut_cells, const cs_report *r, const char *path);
/* 1 when this build writes XLSX. */
int cs_report_has_xlsx(void);

/* ------------------------------------------------------------------------------------------ */
/* Value chains (section_chain.c): what the report's chain section, the network command's SVG   */
/* and the web cluster page share.                                                             */

/* The stage diagram of V (render.h's cs_chart_stages): a column per stage in the chain's order,
 * the column "unknown stage" last when a member has none, the links drawn by kind (supply as
 * arrows), and the notes of cs_report_chain_notes under it. A string to free(); NULL with the
 * error set. */
char *cs_report_stage_diagram(const cs_chain_view *v, cs_lang lang);
/* The lines that say what of V is unknown (unnamed stages, members without a stage, consortia
 * larger than the members named, links to non-members, no links) in LANG: *out holds *n
 * strings, freed with cs_report_chain_notes_free(). */
int cs_report_chain_notes(char ***out, size_t *n, const cs_chain_view *v, cs_lang lang);
void cs_report_chain_notes_free(char **notes, size_t n);
/* A stage's name in LANG, the other language's, or "stage N (name not stated)" written into
 * BUF; the string returned is the stage's or BUF. */
const char *cs_report_stage_name(char *buf, size_t cap, cs_lang lang, const cs_chain_stage *s);
/* A link kind (supply, joint_project, ...) in words; "other" for a kind not known. */
const char *cs_report_link_kind_word(cs_lang lang, const char *kind);
/* EN or RU by LANG, the other when it is NULL or empty, "" when both are. */
const char *cs_report_label_lang(cs_lang lang, const char *en, const char *ru);
/*
 * The chart of a cluster's timeline (section_timeline.c): a line chart per series, years along
 * x, with the series' first target drawn dashed (a diamond at its due year), stacked into one
 * SVG document when there are several; *out (malloc'd) the caller frees. CS_EDATA when the
 * timeline holds nothing to draw.
 */
int cs_report_timeline_svg(char **out, const cs_timeline *t, cs_lang lang);
/* The same chart by chart, for a page that places each itself: chart i of
 * cs_report_timeline_chart_count() into *out (NULL when that one has nothing to draw: a target
 * without a due year, whose fact has no dated value). */
size_t cs_report_timeline_chart_count(const cs_timeline *t);
int cs_report_timeline_chart(char **out, const cs_timeline *t, size_t i, cs_lang lang);

/* ------------------------------------------------------------------------------------------ */
/* The news digest (digest.c, digest_pdf.c, digest_atom.c; issue 15, docs/digest.md): seed     */
/* 001's layout drawn from a cs_digest of the service. Every document is handed over as a      */
/* malloc'd string (*out, *len) that the caller frees; byte-deterministic for the same input.  */

/*
 * The digest's items in the order of its pages: the sections by kind (event, interview,
 * bulletin, publication, announcement), within a section in the digest's order. order[k] is an
 * index into d->items (order holds cs_news_list_count(d->items) entries); item k of the layout
 * is the element with id "item-(k+1)" in the HTML and the PDF's destination of that name.
 */
void cs_report_digest_layout(size_t *order, const cs_digest *d);
/*
 * The digest as one self-contained HTML page (CSS inline, no script, no outside request) that
 * prints on A4: cover, masthead, contents, sections, contacts and the call for news. PAGES
 * (NULL: the contents link only) holds the page of each layout item, printed in the contents.
 */
int cs_report_digest_html(char **out, size_t *len, const cs_digest *d, cs_lang lang,
                          const int *pages);
/*
 * The digest as PDF, printed from its HTML by headless Chromium (the program CHROMIUM names, or
 * `chromium` on PATH) until the contents' page numbers are those of the items' pages (each
 * read from the PDF's named destinations); the PDF's dates are set to the first of the digest's
 * month, so the same registry gives the same bytes. *pages (when PAGES is not NULL) receives the
 * page of each layout item (malloc'd). CS_ERROR when Chromium is missing or fails, naming it.
 */
int cs_report_digest_pdf(char **out, size_t *len, int **pages, const cs_digest *d, cs_lang lang);
/*
 * ITEMS as an Atom 1.0 feed: feed id "urn:clusterscope:digest:N" for digest issue N (D given),
 * else "urn:clusterscope:news"; entry ids "urn:clusterscope:news:KEY"; dates from the items'
 * own (a month or year as its first day, midnight UTC), the feed's updated the newest of them
 * (1970-01-01 for none): no clock is read.
 */
int cs_report_digest_atom(char **out, size_t *len, const cs_news_list *items, const cs_digest *d,
                          cs_lang lang);

#ifdef __cplusplus
}
#endif
#endif

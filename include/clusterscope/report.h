/*
 * report.h: the registry's report in the HSE study's layout, in Russian or English: one
 * self-contained HTML file (inline CSS and SVG charts), Markdown, and the tables as CSV and
 * JSON; with the escaping and language helpers it is built from.
 *
 * Ownership: cs_report_escape() returns a malloc'd string the caller frees with free(); the
 * strings of cs_report_text() are static. cs_report_build() copies what it reads from the
 * registry but keeps the option strings (method, date), which must outlive the report; the
 * writers borrow the report.
 *
 * Vocabulary: a "cluster" is the economic cluster of the registry; cluster analysis returns the
 * groups of a partition.
 */
#ifndef CLUSTERSCOPE_REPORT_H
#define CLUSTERSCOPE_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "clusterscope/i18n.h"
#include "clusterscope/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Escaping: every string that comes from data passes through one of these.                   */

typedef enum {
    CS_ESCAPE_HTML = 0, /* HTML text and attribute values, SVG/XML: & < > " ' */
    CS_ESCAPE_MARKDOWN, /* Markdown text and table cells: HTML-escaped, and \ ` * _ [ ] | #
                           escaped, newlines as spaces */
    CS_ESCAPE_CSV       /* one CSV cell, always quoted; a cell starting with = + - @ tab or CR
                           is neutralised by a leading apostrophe (formula injection) */
} cs_report_context;

char *cs_report_escape(const char *s, cs_report_context ctx);

/* ------------------------------------------------------------------------------------------ */
/* Language                                                                                    */

/* The report's fixed words by key ("title", "sample", ...); the key itself when unknown. */
const char *cs_report_text(cs_lang lang, const char *key);

/*
 * Writes v with `decimals` decimals in the language's style: English 1,234.5; Russian
 * 1 234,5 (decimal comma, a no-break space between thousands). As snprintf does.
 */
int cs_report_format_number(char *out, size_t cap, cs_lang lang, double v, int decimals);

/*
 * Plural form index of n: English 0 (one) or 1 (other); Russian 0 (один кластер), 1 (два
 * кластера), 2 (пять кластеров).
 */
int cs_report_plural(cs_lang lang, long n);

/* "52 clusters", "52 кластера", "1 group", "21 группа": noun one of "cluster", "group",
 * "indicator", "item", "country", "fact". As snprintf does. */
int cs_report_count(char *out, size_t cap, cs_lang lang, long n, const char *noun);

/* Quotes s in the language's quotation marks: “...” or «...». As snprintf does. */
int cs_report_quote(char *out, size_t cap, cs_lang lang, const char *s);

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
    CS_REPORT_ALL = (1 << 6) - 1
};

typedef struct {
    cs_lang lang;
    cs_report_format format;
    unsigned sections;   /* CS_REPORT_* bits; 0 = all */
    const char *method;  /* built-in method id or method file; NULL = hse-biomedical-2019 */
    const char *date;    /* printed in the provenance when given; no clock is read otherwise */
    int year;            /* assessment year (0 = the method's) */
    long long partition; /* a stored partition (`clusterscope classify` stored it) to report:
                            reproduced from its parameters and checked member by member; 0 =
                            classify as `clusterscope classify` does by default */
} cs_report_options;

typedef struct cs_report cs_report;

/*
 * Assesses the registry's clusters with the method (nothing is stored), classifies them as
 * `clusterscope classify` does by default (average linkage, simple matching, unknown values
 * pairwise, k by silhouette) or as stored partition opts->partition was made, labels the groups
 * by the reference set when the registry has one, and keeps everything the writers need. With
 * a partition: CS_ENOTFOUND when there is none, CS_EUSAGE when it was made with another method,
 * CS_EDATA when the registry changed since (another cluster set or other codes) or it is not
 * reproduced.
 */
int cs_report_build(cs_report **out, cs_store *store, const cs_report_options *opts);
void cs_report_free(cs_report *r);
/* Writes in opts->format. Byte-deterministic. CS_EIO when the stream fails. */
int cs_report_write(FILE *f, const cs_report *r);
/* The group profile table as CSV (one row per group and indicator). */
int cs_report_write_groups_csv(FILE *f, const cs_report *r);
/*
 * The tables as an XLSX workbook at PATH (written beside it, then renamed into place): sheets
 * clusters, groups and indicators; unknown is an empty cell. Needs a build with libxlsxwriter
 * (CS_HAVE_XLSXWRITER defined, -lxlsxwriter linked); otherwise CS_EUSAGE saying so. The
 * document's creation time is opts->date (YYYY-MM-DD) or 1980-01-01, never the clock.
 */
int cs_report_write_xlsx(const cs_report *r, const char *path);
/* 1 when this build writes XLSX. */
int cs_report_has_xlsx(void);

#ifdef __cplusplus
}
#endif
#endif

/*
 * section_provenance.c: what someone else needs to reproduce every number: software, method,
 * unknown-value policy, typology options and seed, data coverage, date.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_report_section_provenance(cs_doc *d, const cs_report *r)
{
    cs_doc_heading(d, 2, "provenance", T(r, "provenance"));
    char buf[1024], v[64];
    const char *h[2] = { T(r, "setting"), T(r, "value") };
    cs_doc_table_head(d, h, 2);
#define ROW(a, b)                                                                                  \
    do {                                                                                           \
        const char *c_[2] = { (a), (b) };                                                          \
        cs_doc_table_row(d, c_, 2);                                                                \
    } while (0)
    snprintf(buf, sizeof buf, "clusterscope %s", cs_version());
    ROW(T(r, "software"), buf);
    snprintf(buf, sizeof buf, "%s, %s %s (%s)", cs_method_id(r->m), T(r, "version"),
             cs_method_version(r->m), cs_method_origin(r->m));
    ROW(T(r, "method"), buf);
    /* a stored as-zero partition must not be described as keeping unknown apart */
    snprintf(buf, sizeof buf, "%s: %s",
             r->c ? cs_unknown_policy_name(cs_classification_unknown(r->c)) : "pairwise",
             r->c && cs_classification_unknown(r->c) != CS_UNKNOWN_PAIRWISE
                 ? cs_classification_unknown_words(r->c)
                 : T(r, "unknown_policy_text"));
    ROW(T(r, "unknown_policy"), buf);
    if (r->c) {
        const cs_classify_options *co = cs_classification_options(r->c);
        snprintf(buf, sizeof buf, "%s, %s, k = %d (%s)", cs_classify_algorithm_name(co->algorithm),
                 cs_metric_name(co->distance), cs_classification_k(r->c),
                 cs_classification_k_rule(r->c));
        ROW(T(r, "typology"), buf);
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)co->seed);
        ROW(T(r, "seed"), buf);
        if (r->o.partition) {
            snprintf(buf, sizeof buf, T(r, "partition_text"), r->o.partition, r->partition_run);
            ROW(T(r, "partition"), buf);
        }
    }
    long known = 0, all = 0;
    for (size_t i = 0; i < r->n; i++) {
        cs_score t = cs_assessment_total(r->a, i);
        known += t.items_known;
        all += cs_method_max_points(r->m);
    }
    cs_report_num(v, sizeof v, r, all ? 100.0 * (double)known / (double)all : 0, 1);
    snprintf(buf, sizeof buf, "%ld / %ld = %s%s %s", known, all, v, T(r, "percent_sign"),
             T(r, "coverage_text"));
    ROW(T(r, "coverage"), buf);
    if (r->o.date)
        ROW(T(r, "date"), r->o.date);
#undef ROW
    cs_doc_table_end(d);
}

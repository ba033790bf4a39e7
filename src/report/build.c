/*
 * build.c: gathers the report's content from the registry: a fresh assessment with the method,
 * the typology `clusterscope classify` computes by default, its dendrogram, and the reference
 * set. The writers read nothing else; nothing depends on the clock or the environment.
 */
#include "report/report_impl.h"

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "clusterscope/registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_report_free(cs_report *r)
{
    if (!r)
        return;
    cs_news_list_free(r->news);
    free(r->news_count);
    free(r->news_pick);
    if (r->gnames && r->c)
        for (int g = 0; g < cs_classification_k(r->c); g++)
            free(r->gnames[g]);
    free(r->gnames);
    free(r->names);
    free(r->keys);
    free(r->study);
    free(r->order);
    free(r->an);
    free(r->typology_note);
    cs_service_factor_set_free(r->factors);
    cs_regional_view_free(r->rv);
    cs_region_list_free(r->regions);
    cs_service_questions_free(r->questions);
    cs_programme_set_free(r->programmes);
    cs_report_chain_free(r);
    for (size_t i = 0; i < 3; i++)
        cs_counts_free(r->counts[i]);
    for (size_t i = 0; i < r->n_country_counts; i++)
        cs_counts_free(r->country_counts[i]);
    free(r->country_counts);
    cs_timelines_free(r->timelines, r->n_timelines);
    cs_classification_free(r->c);
    cs_reference_free(r->ref);
    cs_factset_free(r->row_facts);
    for (size_t i = 0; i < r->n_assumed; i++)
        free(r->assumed[i]);
    free(r->assumed);
    cs_service_assessment_free(r->assessed);
    cs_method_free(r->m);
    free(r);
}

/* A fresh assessment of every cluster, through the service, with names in the language. */
static int assess(cs_report *r, cs_service *svc)
{
    cs_service_assess_options ao = { r->o.year, NULL, r->o.lang };
    int rc = cs_service_assess(&r->assessed, svc, r->m, &ao);
    if (rc)
        return rc;
    r->a = cs_service_assessment_result(r->assessed);
    r->clusters = cs_service_assessment_clusters(r->assessed);
    r->countries = cs_service_assessment_countries(r->assessed);
    size_t n = cs_assessment_count(r->a);
    r->n = n;
    r->names = calloc(n + 1, sizeof *r->names);
    r->keys = calloc(n + 1, sizeof *r->keys);
    if (!r->names || !r->keys)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        r->names[i] = cs_assessment_subject(r->a, i)->name;
        r->keys[i] = cs_assessment_subject(r->a, i)->key;
    }
    return 0;
}

static void set_note(cs_report *r)
{
    free(r->typology_note);
    r->typology_note = strdup(cs_error_last());
    cs_error_clear();
}

/* The group names in the report's language: "Group 1: <the nearest reference type>". */
static int name_groups(cs_report *r)
{
    int k = cs_classification_k(r->c);
    r->gnames = calloc((size_t)k + 1, sizeof *r->gnames);
    if (!r->gnames)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (int g = 1; g <= k; g++) {
        const cs_classify_group *gr = cs_classification_group(r->c, g);
        const cs_reference_type *type = gr->label ? cs_report_reference_type(r, gr->label) : NULL;
        char buf[512];
        if (type)
            snprintf(buf, sizeof buf, "%s %d: %s", T(r, "group"), g,
                     cs_report_label(r, type->name_en, type->name_ru));
        else
            snprintf(buf, sizeof buf, "%s %d", T(r, "group"), g);
        if (!(r->gnames[g - 1] = strdup(buf)))
            return cs_error_set(CS_ENOMEM, "out of memory");
    }
    return 0;
}

/*
 * The dendrogram: the partition's own linkage (the tree its groups were cut from, over the
 * clusters analysed), never one computed again; the clusters in its leaf order, then those left
 * out. A partition made otherwise has no tree, and the clusters keep their order.
 */
static int dendrogram(cs_report *r)
{
    size_t n = r->n;
    r->an = calloc(n + 1, sizeof *r->an);
    if (!r->an)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (cs_classification_group_of(r->c, i))
            r->an[r->n_an++] = i;
    const double *z = NULL;
    size_t m = 0;
    if (!cs_classification_linkage(&z, &m, r->c) || m != r->n_an || m < 2)
        return 0;
    r->z = z;
    int k = cs_classification_k(r->c);
    if (k >= 2 && (size_t)k <= m - 1)
        r->cut = (z[4 * (m - (size_t)k - 1) + 2] + z[4 * (m - (size_t)k) + 2]) / 2;
    size_t *lo = calloc(m, sizeof *lo);
    if (!lo || cs_chart_leaf_order(lo, z, m)) {
        free(lo);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    size_t o = 0;
    for (size_t a = 0; a < m; a++)
        r->order[o++] = r->an[lo[a]];
    for (size_t i = 0; i < n; i++)
        if (!cs_classification_group_of(r->c, i))
            r->order[o++] = i;
    free(lo);
    return 0;
}

/*
 * Whether the cluster analysis fits in the memory limit, found before any distance is computed
 * (they alone take 8 bytes per pair of clusters): *fits 1 when it does; otherwise, with a
 * partition asked for by number, CS_ENOMEM; without, *fits 0 and the typology left out with a
 * note that says how much memory it would need.
 */
static int typology_fits(int *fits, cs_report *r, cs_service *svc,
                         const cs_service_classify_options *co)
{
    size_t need = 0;
    *fits = 1;
    int rc = cs_service_classify_memory(&need, svc, r->m, r->a, co);
    if (rc && r->o.partition)
        return rc;
    if (rc) { /* the classification itself names the fault, in the note */
        cs_error_clear();
        return 0;
    }
    if (need <= co->max_memory)
        return 0;
    if (r->o.partition) {
        cs_error_set(CS_ENOMEM,
                     "the typology of partition %lld needs about %.1f MiB, over the memory limit "
                     "of %.1f MiB",
                     r->o.partition, need == SIZE_MAX ? INFINITY : need / 1048576.0,
                     co->max_memory / 1048576.0);
        return cs_error_advise(CS_ADVICE_MAX_MEMORY);
    }
    char count[64], mib[64], lim[64], note[1024];
    cs_report_num(count, sizeof count, r, (double)r->n, 0);
    cs_report_num(mib, sizeof mib, r, need == SIZE_MAX ? INFINITY : ceil(need / 1048576.0), 0);
    cs_report_num(lim, sizeof lim, r, floor(co->max_memory / 1048576.0), 0);
    snprintf(note, sizeof note, T(r, "typology_memory"), count, mib, lim);
    free(r->typology_note);
    if (!(r->typology_note = strdup(note)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    r->c = NULL;
    *fits = 0;
    return 0;
}

/*
 * The typology as `clusterscope classify` computes it by default, or as stored partition
 * r->o.partition was computed (reproduced and checked member by member); and the dendrogram of
 * the same analysis when its algorithm is a linkage method.
 */
/* The facts the group table compares with the study's text rows (Table 2.1: initiative,
 * competitive advantage, focus): the names the reference rows list, loaded once. */
static int load_row_facts(cs_report *r, cs_service *svc)
{
    cs_buf all = CS_BUF_INIT;
    int rc = 0;
    for (size_t t = 0; !rc && t < r->ref->n_types; t++)
        for (size_t k = 0; !rc && k < r->ref->types[t].n_rows; k++)
            if (r->ref->types[t].rows[k].facts)
                rc = cs_buf_printf(&all, ",%s", r->ref->types[t].rows[k].facts);
    const char *names[64];
    size_t n = 0;
    char *save = NULL;
    for (char *p = all.data ? strtok_r(all.data, ",", &save) : NULL; !rc && p && n < 64;
         p = strtok_r(NULL, ",", &save)) {
        size_t j = 0;
        while (j < n && strcmp(names[j], p) != 0)
            j++;
        if (j == n)
            names[n++] = p;
    }
    rc = rc ? rc : cs_service_cluster_facts(&r->row_facts, svc, names, n);
    cs_buf_free(&all);
    return rc;
}

static int classify(cs_report *r, cs_service *svc)
{
    size_t n = r->n;
    r->order = calloc(n + 1, sizeof *r->order);
    if (!r->order)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        r->order[i] = i;
    r->cut = -1;
    if (cs_service_load_reference(&r->ref, svc, NULL, cs_method_id(r->m)) != 0) {
        cs_error_clear();
        r->ref = NULL;
    }
    if (r->ref) {
        if (!(r->study = calloc(n + 1, sizeof *r->study)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        for (size_t j = 0; j < r->ref->n_assignments; j++) {
            const cs_reference_assignment *ra = &r->ref->assignments[j];
            long i = ra->type > 0 ? cs_assessment_find(r->a, ra->cluster) : -1;
            if (i >= 0)
                r->study[i] = ra;
        }
    }
    size_t limit = r->o.max_memory ? r->o.max_memory : cs_service_memory_limit(svc);
    cs_service_classify_options co = { r->o.lang, r->o.partition,
                                       limit ? limit : cs_default_memory_limit() };
    if (n >= 3) {
        int fits = 1, rc = typology_fits(&fits, r, svc, &co);
        if (rc || !fits)
            return rc; /* refused, or left out with the note */
    }
    if (r->o.partition) {
        /* asked for by number: every failure is the caller's error, not a note in the report */
        int rc =
            cs_service_classify_assessment(&r->c, &r->partition_run, svc, r->m, r->a, r->ref, &co);
        if (rc)
            return rc;
    } else if (n < 3 ||
               cs_service_classify_assessment(&r->c, NULL, svc, r->m, r->a, r->ref, &co) != 0) {
        if (n < 3)
            cs_error_set(CS_EDATA, "%s", T(r, "too_few_clusters"));
        set_note(r);
        r->c = NULL;
        return 0;
    }
    int rc = name_groups(r);
    rc = rc || !r->ref ? rc : load_row_facts(r, svc);
    return rc ? rc : dendrogram(r);
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int bad_date(int column, const char *expected, const char *found, size_t n)
{
    return cs_error_set(CS_EUSAGE, "character %d: expected %s, found \"%.*s\"", column, expected,
                        (int)n, found);
}

int cs_report_parse_date(int *year, int *month, int *day, const char *text)
{
    static const char shape[] = "dddd-dd-dd";
    if (!text || !*text)
        return cs_error_set(CS_EUSAGE, "expected a date YYYY-MM-DD, found an empty value");
    for (int i = 0; shape[i]; i++) {
        char c = text[i];
        int ok = shape[i] == 'd' ? c >= '0' && c <= '9' : c == '-';
        if (!ok && !c)
            return cs_error_set(CS_EUSAGE,
                                "character %d: expected %s (a date YYYY-MM-DD), found the end",
                                i + 1, shape[i] == 'd' ? "a digit" : "'-'");
        if (!ok)
            return bad_date(
                i + 1, shape[i] == 'd' ? "a digit (a date YYYY-MM-DD)" : "'-' (a date YYYY-MM-DD)",
                text + i, 1);
    }
    if (text[10])
        return bad_date(11, "the end of the date YYYY-MM-DD", text + 10, strlen(text + 10));
    int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
    if (y < 1)
        return bad_date(1, "a year from 0001 to 9999", text, 4);
    if (m < 1 || m > 12)
        return bad_date(6, "a month from 01 to 12", text + 5, 2);
    int last = days_in_month(y, m);
    if (d < 1 || d > last) {
        char expected[96];
        snprintf(expected, sizeof expected, "a day from 01 to %d (the days of %04d-%02d)", last, y,
                 m);
        return bad_date(9, expected, text + 8, 2);
    }
    *year = y;
    *month = m;
    *day = d;
    return 0;
}

/*
 * The report holds the assessment and, per cluster, its rows in the charts and tables (the
 * heatmap is one SVG of every cluster's items): about 4 KiB a cluster besides the assessment,
 * measured on bench/scaling.sh's registries and rounded up. Refused up front over the limit.
 */
#define REPORT_CLUSTER_BYTES 4096.0

static int check_memory(cs_service *svc, size_t limit)
{
    cs_service_counts n;
    size_t need = 0;
    if (!limit)
        return 0;
    int rc = cs_service_count(&n, svc);
    rc = rc ? rc : cs_service_assess_memory(&need, svc);
    if (rc)
        return rc;
    double total = (double)need + (double)n.clusters * REPORT_CLUSTER_BYTES;
    if (need == SIZE_MAX || total > (double)limit) {
        cs_error_set(CS_ENOMEM,
                     "the report of %lld clusters needs about %.1f MiB, over the memory limit of "
                     "%.1f MiB",
                     n.clusters, total / 1048576.0, limit / 1048576.0);
        return cs_error_advise(CS_ADVICE_MAX_MEMORY);
    }
    return 0;
}

/* The factors section's content; a registry without success factors gets a note, not an error. */
static int factors(cs_report *r, cs_service *svc)
{
    if (!(r->o.sections & CS_REPORT_FACTORS))
        return 0;
    cs_service_factors_options fo = { NULL, r->o.year, r->o.lang };
    int rc = cs_service_factors(&r->factors, svc, &fo);
    if (rc == CS_ENOTFOUND) { /* the section says so in the report's language */
        r->factors = NULL;
        cs_error_clear();
        return 0;
    }
    return rc;
}

/* The regional section's content: the strong clusters of the registry's statistics (the
 * service's regional view); a registry without statistics gets a note, not an error, but a
 * year asked that the statistics lack is the caller's error. */
static int regional(cs_report *r, cs_service *svc)
{
    if (!(r->o.sections & CS_REPORT_REGIONAL))
        return 0;
    int rc = cs_service_regional_view(&r->rv, svc, r->o.regional_year);
    if (!rc && !r->rv && r->o.regional_year) /* a year asked of no statistics at all */
        return cs_error_set(CS_EDATA,
                            "the registry's statistics: expected a year that holds both "
                            "employment and establishments (the registry holds none), found "
                            "\"%d\"",
                            r->o.regional_year);
    return rc || !r->rv ? rc : cs_service_regions(&r->regions, svc);
}

/* The facts a scenario of the service assumes (cs_service_assume), copied as lines in the
 * report's language: every section is built on them, so the document says so at its top. */
static int copy_assumptions(cs_report *r, cs_service *svc)
{
    const cs_classify_assumption *as = NULL;
    size_t n = cs_service_assumptions(svc, &as);
    if (!n)
        return 0;
    if (!(r->assumed = calloc(n, sizeof *r->assumed)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char year[48] = "", line[1024];
        if (*as[i].year)
            snprintf(year, sizeof year, " (%s)", as[i].year);
        snprintf(line, sizeof line, T(r, "typology_assumed_fact"), as[i].subject_kind,
                 as[i].subject, as[i].fact, as[i].value, year, as[i].file, as[i].line);
        if (!(r->assumed[i] = strdup(line)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        r->n_assumed++;
    }
    return 0;
}

/* The counts section's content (section_counts.c): the registry by kind, stage and listing as
 * of the report's year, and by kind for each country whose stated total the registry holds. */
static int counts(cs_report *r, cs_service *svc)
{
    if (!(r->o.sections & CS_REPORT_COUNTS))
        return 0;
    static const cs_counts_by by[3] = { CS_COUNTS_KIND, CS_COUNTS_STAGE, CS_COUNTS_REGISTRY };
    int rc = 0;
    for (size_t i = 0; !rc && i < 3; i++)
        rc = cs_service_count_clusters(&r->counts[i], svc, by[i], r->o.year, NULL);
    size_t n = r->countries ? cs_country_list_count(r->countries) : 0;
    if (!rc && n && !(r->country_counts = calloc(n, sizeof *r->country_counts)))
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        cs_counts *c = NULL;
        rc = cs_service_count_clusters(&c, svc, CS_COUNTS_KIND, r->o.year,
                                       cs_country_list_at(r->countries, i)->code);
        int stated = c && c->has_stated;
        for (size_t j = 0; c && j < c->n; j++)
            stated |= c->rows[j].has_stated;
        if (!rc && stated)
            r->country_counts[r->n_country_counts++] = c;
        else
            cs_counts_free(c);
    }
    return rc;
}

/* The timeline section's content (section_timeline.c): every cluster of the registry with dated
 * facts or targets, by key, whether or not the method's scope holds it. */
static int timelines(cs_report *r, cs_service *svc)
{
    if (!(r->o.sections & CS_REPORT_TIMELINE))
        return 0;
    return cs_service_timelines(&r->timelines, &r->n_timelines, svc);
}

int cs_report_build(cs_report **out, cs_service *svc, const cs_report_options *opts)
{
    *out = NULL;
    int y, m, d;
    if (opts->date && cs_report_parse_date(&y, &m, &d, opts->date))
        return cs_error_wrap("the report date \"%s\"", opts->date);
    cs_report *r = calloc(1, sizeof *r);
    if (!r)
        return cs_error_set(CS_ENOMEM, "out of memory");
    r->o = *opts;
    if (!r->o.sections)
        r->o.sections = CS_REPORT_ALL;
    int rc = check_memory(svc, r->o.max_memory ? r->o.max_memory : cs_service_memory_limit(svc));
    rc = rc ? rc : cs_service_load_method(&r->m, r->o.method ? r->o.method : "hse-biomedical-2019");
    rc = rc ? rc : copy_assumptions(r, svc);
    rc = rc ? rc : assess(r, svc);
    rc = rc ? rc : classify(r, svc);
    rc = rc ? rc : factors(r, svc);
    rc = rc ? rc : regional(r, svc);
    if (!rc && (r->o.sections & CS_REPORT_QUESTIONS)) /* section_regional_questions.c */
        rc = cs_service_questions_read(&r->questions, svc, r->o.year);
    /* the regions' names and codes, for the questions' map when the regional section is off */
    if (!rc && !r->regions && r->questions && r->questions->table)
        rc = cs_service_regions(&r->regions, svc);
    if (!rc && (r->o.sections & (CS_REPORT_PROGRAMMES | CS_REPORT_REGISTRIES)))
        rc = cs_service_programmes(&r->programmes, svc, NULL, NULL, 0); /* section_programmes.c */
    if (!rc && (r->o.sections & CS_REPORT_CHAIN))                       /* section_chain.c */
        rc = cs_report_chain_read(r, svc);
    rc = rc ? rc : counts(r, svc);
    rc = rc ? rc : timelines(r, svc);
    if (!rc && (r->o.sections & CS_REPORT_CARDS))
        rc = cs_report_card_news_read(r, svc);
    if (rc) {
        cs_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

#include "cli.h"

#include "clusterscope/assess.h"
#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "clusterscope/registry.h"
#include "util/atomic_file.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *method, *output, *explain, *cluster;
    int year, no_store;
    cs_format format;
} assess_args;

static int parse_args(assess_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "method", required_argument, NULL, 'm' },
                                             { "year", required_argument, NULL, 'y' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "explain", required_argument, NULL, 'e' },
                                             { "cluster", required_argument, NULL, 'c' },
                                             { "no-store", no_argument, NULL, 'n' },
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    a->method = "hse-biomedical-2019";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'm':
            a->method = optarg;
            break;
        case 'y':
            a->year = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || a->year < 1000 || a->year > 2200)
                return cs_cli_usage_error("assess", "--year takes a year such as 2019, not '%s'",
                                          optarg);
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                a->format = CS_FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                a->format = CS_FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                a->format = CS_FORMAT_JSON;
            else
                return cs_cli_usage_error("assess", "--format takes table, csv or json, not '%s'",
                                          optarg);
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'e':
            a->explain = optarg;
            break;
        case 'c':
            a->cluster = optarg;
            break;
        case 'n':
            a->no_store = 1;
            break;
        default:
            return cs_cli_usage_error("assess", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("assess", "unexpected argument '%s'", argv[optind]);
    if (a->explain && a->format == CS_FORMAT_CSV)
        return cs_cli_usage_error("assess", "--explain writes table (text) or json, not csv");
    return 0;
}

/* Everything one assessment needs, released together. */
typedef struct {
    cs_store *store;
    cs_method *method;
    cs_cluster_list *clusters;
    cs_source_list *sources;
    cs_factset *facts;
    cs_assess_subject *subjects;
    cs_source_info *source_info;
    cs_subject_kind *fact_kinds;
    const char **fact_names;
    cs_assessment *result;
} assess_state;

static void release(assess_state *s)
{
    cs_assessment_free(s->result);
    free(s->subjects);
    free(s->source_info);
    free(s->fact_kinds);
    free(s->fact_names);
    cs_factset_free(s->facts);
    cs_source_list_free(s->sources);
    cs_cluster_list_free(s->clusters);
    cs_method_free(s->method);
    cs_store_close(s->store);
}

static int load_and_run(assess_state *s, const assess_args *a)
{
    int rc = cs_cli_open_store(&s->store, a->db,
                               a->no_store || a->explain ? CS_STORE_READONLY : CS_STORE_OPEN);
    rc = rc ? rc : cs_cli_load_method(&s->method, a->method);
    rc = rc ? rc : cs_store_clusters(&s->clusters, s->store, a->explain ? a->explain : a->cluster);
    rc = rc ? rc : cs_store_sources(&s->sources, s->store);
    rc = rc ? rc : cs_factset_new(&s->facts);
    if (rc)
        return rc;
    size_t n_facts = cs_method_fact_count(s->method);
    size_t n = cs_cluster_list_count(s->clusters);
    size_t n_src = cs_source_list_count(s->sources);
    s->fact_kinds = calloc(n_facts + 1, sizeof *s->fact_kinds);
    s->fact_names = calloc(n_facts + 1, sizeof *s->fact_names);
    s->subjects = calloc(n + 1, sizeof *s->subjects);
    s->source_info = calloc(n_src + 1, sizeof *s->source_info);
    if (!s->fact_kinds || !s->fact_names || !s->subjects || !s->source_info)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n_facts; i++) {
        const cs_method_fact *f = cs_method_fact_at(s->method, i);
        s->fact_kinds[i] = f->subject_kind;
        s->fact_names[i] = f->name;
    }
    /* a method that reads no facts must not load every fact (n == 0 means all) */
    if (n_facts &&
        (rc = cs_store_load_facts(s->facts, s->store, s->fact_kinds, s->fact_names, n_facts)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        const cs_cluster_info *c = cs_cluster_list_at(s->clusters, i);
        s->subjects[i] = (cs_assess_subject){ c->key, *c->name_en ? c->name_en : c->name_ru,
                                              c->country, c->region };
    }
    for (size_t i = 0; i < n_src; i++) {
        const cs_source_record *r = cs_source_list_at(s->sources, i);
        s->source_info[i] = (cs_source_info){ r->key, r->title, r->document, r->locator,
                                              r->url, r->date,  r->publisher };
    }
    cs_assess_options opts = { a->year, s->source_info, n_src };
    return cs_assess_run(&s->result, s->method, s->facts, s->subjects, n, &opts);
}

static int write_output(const assess_state *s, const assess_args *a, FILE *f)
{
    if (a->explain)
        return cs_assessment_explain(f, s->result, a->explain, a->format);
    return cs_assessment_write(f, s->result, a->format);
}

int cs_cmd_assess(int argc, char **argv)
{
    assess_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    assess_state s = { 0 };
    int rc = load_and_run(&s, &a);
    if (!rc && a.output) {
        cs_atomic_file *af = NULL;
        rc = cs_atomic_file_open(&af, a.output);
        if (!rc) {
            rc = write_output(&s, &a, cs_atomic_file_stream(af));
            if (rc)
                cs_atomic_file_abort(af);
            else
                rc = cs_atomic_file_commit(af);
        }
    } else if (!rc) {
        rc = write_output(&s, &a, stdout);
        if (!rc && fflush(stdout) != 0)
            rc = cs_error_set(CS_EIO, "writing to standard output failed");
    }
    long long run_id = 0;
    if (!rc && !a.no_store && !a.explain)
        rc = cs_assess_save(&run_id, s.store, s.result);
    if (!rc && run_id && a.output)
        fprintf(stderr, "stored as assessment run %lld (%s %s)\n", run_id, cs_method_id(s.method),
                cs_method_version(s.method));
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    release(&s);
    return status;
}

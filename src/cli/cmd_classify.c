/*
 * cmd_classify.c: `clusterscope classify`, the study's cluster-analysis step on the registry's
 * assessment: partition the clusters into groups, profile and label the groups, compare them
 * with the study's groups, and store the partition with every parameter that decides it.
 */
#include "cli.h"

#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "clusterscope/partition.h"
#include "clusterscope/service.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *db, *method, *output, *reference, *assume;
    long long run, reproduce;
    int compare, no_store, distance_set, method_set;
    cs_format format;
    cs_classify_options opts;
} classify_args;

static int parse_args(classify_args *a, int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { "method", required_argument, NULL, 'm' },
                                             { "run", required_argument, NULL, 'r' },
                                             { "view", required_argument, NULL, 'v' },
                                             { "unknown", required_argument, NULL, 'u' },
                                             { "algorithm", required_argument, NULL, 'a' },
                                             { "distance", required_argument, NULL, 'D' },
                                             { "k", required_argument, NULL, 'k' },
                                             { "k-max", required_argument, NULL, 'K' },
                                             { "seed", required_argument, NULL, 's' },
                                             { "compare", no_argument, NULL, 'c' },
                                             { "reference", required_argument, NULL, 'R' },
                                             { "format", required_argument, NULL, 'f' },
                                             { "output", required_argument, NULL, 'o' },
                                             { "no-store", no_argument, NULL, 'n' },
                                             { "reproduce", required_argument, NULL, 'P' },
                                             { "max-memory", required_argument, NULL, 'M' },
                                             { "threads", required_argument, NULL, 'J' },
                                             { "min-known", required_argument, NULL, 'N' },
                                             { "assume", required_argument, NULL, 'A' },
                                             { NULL, 0, NULL, 0 } };
    memset(a, 0, sizeof *a);
    cs_classify_options_init(&a->opts);
    a->method = "hse-biomedical-2019";
    int c;
    long v;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'm':
            a->method = optarg;
            a->method_set = 1;
            break;
        case 'r':
            if (cs_cli_parse_long(&v, "classify", "--run", optarg, 1, 0x7fffffffL))
                return CS_CLI_EXIT_USAGE;
            a->run = v;
            break;
        case 'P':
            if (cs_cli_parse_long(&v, "classify", "--reproduce", optarg, 1, 0x7fffffffL))
                return CS_CLI_EXIT_USAGE;
            a->reproduce = v;
            break;
        case 'v':
            if (strcmp(optarg, "items") == 0)
                a->opts.view = CS_CLASSIFY_VIEW_ITEMS;
            else if (strcmp(optarg, "indicators") == 0)
                a->opts.view = CS_CLASSIFY_VIEW_INDICATORS;
            else
                return cs_cli_usage_error("classify", "--view takes items or indicators, not '%s'",
                                          optarg);
            break;
        case 'u': {
            cs_unknown_policy p;
            if (cs_unknown_policy_parse(&p, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error(
                    "classify", "--unknown takes pairwise, error or as-zero, not '%s'", optarg);
            }
            a->opts.unknown = (int)p;
            break;
        }
        case 'a':
            if (cs_classify_algorithm_parse(&a->opts.algorithm, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("classify",
                                          "--algorithm takes average, complete, single, weighted, "
                                          "ward, centroid, median, pam, fasterpam, kmodes or "
                                          "kmeans, not '%s'",
                                          optarg);
            }
            break;
        case 'D':
            if (strcmp(optarg, "matching") == 0 || strcmp(optarg, "simple-matching") == 0)
                a->opts.distance = CS_METRIC_HAMMING;
            else if (cs_metric_parse(&a->opts.distance, optarg)) {
                cs_error_clear();
                return cs_cli_usage_error("classify",
                                          "--distance takes hamming (simple matching), jaccard, "
                                          "dice, rogerstanimoto, gower, euclidean, sqeuclidean, "
                                          "cityblock, chebyshev or cosine, not '%s'",
                                          optarg);
            }
            a->distance_set = 1;
            break;
        case 'k':
            if (cs_cli_parse_long(&v, "classify", "-k", optarg, 1, 1000000000))
                return CS_CLI_EXIT_USAGE;
            a->opts.k = (int)v;
            break;
        case 'K':
            if (cs_cli_parse_long(&v, "classify", "--k-max", optarg, 2, CS_CLASSIFY_K_MAX * 8))
                return CS_CLI_EXIT_USAGE;
            a->opts.k_max = (int)v;
            break;
        case 's':
            if (cs_cli_parse_seed(&a->opts.seed, "classify", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'c':
            a->compare = 1;
            break;
        case 'R':
            a->reference = optarg;
            break;
        case 'f':
            if (cs_cli_parse_format(&a->format, "classify", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'o':
            a->output = optarg;
            break;
        case 'n':
            a->no_store = 1;
            break;
        case 'M':
            if (cs_cli_parse_size(&a->opts.max_memory, "classify", optarg))
                return CS_CLI_EXIT_USAGE;
            break;
        case 'J':
            if (cs_cli_parse_long(&v, "classify", "--threads", optarg, 0, 4096))
                return CS_CLI_EXIT_USAGE;
            a->opts.n_threads = (int)v;
            break;
        case 'N':
            if (cs_cli_parse_long(&v, "classify", "--min-known", optarg, 1, 1000000))
                return CS_CLI_EXIT_USAGE;
            a->opts.min_known = (int)v;
            break;
        case 'A':
            a->assume = optarg;
            break;
        default:
            return cs_cli_usage_error("classify", "unknown or incomplete option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cs_cli_usage_error("classify", "unexpected argument '%s'", argv[optind]);
    /* the distance each algorithm is defined on, unless one was asked for */
    cs_classify_algorithm alg = a->opts.algorithm;
    if (!a->distance_set && (alg == CS_CLASSIFY_KMEANS || alg == CS_CLASSIFY_WARD ||
                             alg == CS_CLASSIFY_CENTROID || alg == CS_CLASSIFY_MEDIAN))
        a->opts.distance = CS_METRIC_EUCLIDEAN;
    if (a->assume && a->run)
        return cs_cli_usage_error("classify", "--assume assesses the registry afresh with the "
                                              "assumed facts; give no --run");
    if (a->reproduce && (a->run || a->opts.k || a->distance_set || a->opts.min_known || a->assume))
        return cs_cli_usage_error("classify", "--reproduce takes every parameter from the stored "
                                              "partition; give no other analysis option");
    return 0;
}

typedef struct {
    const cs_classification *c;
    const cs_classify_run *run;
    cs_format format;
    int compare;
} output_ctx;

static int write_partition(FILE *f, void *ctx)
{
    const output_ctx *o = ctx;
    return cs_classification_write(f, o->c, o->run, o->format, o->compare);
}

static int reproduce(const classify_args *a, cs_service *svc)
{
    cs_classify_options opts;
    long long run_id = 0;
    char method_id[256];
    int rc = cs_service_partition_options(&opts, &run_id, method_id, sizeof method_id, svc,
                                          a->reproduce);
    if (rc)
        return cs_cli_fail();
    opts.max_memory = a->opts.max_memory;
    opts.n_threads = a->opts.n_threads;
    cs_method *m = NULL;
    cs_classify_run *run = NULL;
    cs_reference_set *ref = NULL;
    cs_classification *c = NULL;
    rc = cs_service_load_method(&m, a->method_set ? a->method : method_id);
    if (!rc)
        rc = cs_service_load_run(&run, svc, m, run_id, 0);
    if (!rc && cs_service_load_reference(&ref, svc, a->reference, cs_method_id(m)) != 0) {
        cs_error_clear();
        ref = NULL;
    }
    if (!rc)
        rc = cs_classify(&c, m, run->objects, run->n, ref, &opts);
    size_t diff = 0;
    if (!rc)
        rc = cs_service_compare_partition(&diff, svc, a->reproduce, c);
    int status = CS_CLI_EXIT_OK;
    if (rc) {
        status = cs_cli_fail();
    } else if (diff) {
        fprintf(stderr,
                "clusterscope: partition %lld not reproduced: %zu clusters are placed "
                "differently\n",
                a->reproduce, diff);
        status = CS_CLI_EXIT_FAILURE;
    } else {
        printf("partition %lld reproduced from its stored parameters: assessment run %lld, %s "
               "on %s distances, unknown values %s (%s), at least %d known, k = %d, seed %llu; "
               "all %zu clusters placed as stored\n",
               a->reproduce, run_id, cs_classify_algorithm_name(opts.algorithm),
               cs_metric_name(opts.distance), cs_unknown_policy_name(cs_classification_unknown(c)),
               cs_classification_unknown_words(c), cs_classification_min_known(c),
               cs_classification_k(c), (unsigned long long)opts.seed,
               cs_classification_object_count(c));
    }
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_classify_run_free(run);
    cs_method_free(m);
    return status;
}

int cs_cmd_classify(int argc, char **argv)
{
    classify_args a;
    int status = parse_args(&a, argc, argv);
    if (status)
        return status;
    /* the library has no memory limit unless given one: the program's default is half of the
     * physical memory */
    if (!a.opts.max_memory)
        a.opts.max_memory = cs_default_memory_limit();
    /* assumptions are never stored: the registry is opened for reading only */
    if (a.assume)
        a.no_store = 1;
    cs_service *svc = NULL;
    if (cs_cli_open(&svc, a.db, a.no_store || a.reproduce ? CS_SERVICE_READ : CS_SERVICE_WRITE))
        return cs_cli_fail();
    if (a.reproduce) {
        status = reproduce(&a, svc);
        cs_service_close(svc);
        return status;
    }
    if (a.assume) {
        cs_service *scenario = NULL;
        const char *paths[1] = { a.assume };
        if (cs_service_assume(&scenario, svc, paths, 1, NULL)) {
            cs_service_close(svc);
            return cs_cli_fail();
        }
        cs_service_close(svc);
        svc = scenario;
        a.opts.n_assumptions = cs_service_assumptions(svc, &a.opts.assumptions);
    }
    cs_method *m = NULL;
    cs_classify_run *run = NULL;
    cs_reference_set *ref = NULL;
    cs_classification *c = NULL;
    int rc = 0;
    if (a.run && !a.method_set) {
        /* the run names its method */
        char method_id[256];
        rc = cs_service_run_method(method_id, sizeof method_id, svc, a.run);
        if (!rc)
            rc = cs_service_load_method(&m, method_id);
    } else {
        rc = cs_service_load_method(&m, a.method);
    }
    if (!rc && a.assume)
        rc = cs_service_fresh_run(&run, svc, m);
    else if (!rc)
        rc = cs_service_load_run(&run, svc, m, a.run, !a.no_store);
    if (!rc && run->assessed_now)
        fprintf(stderr,
                "no stored assessment with %s: assessed the registry and stored it as run "
                "%lld\n",
                cs_method_id(m), run->run_id);
    if (!rc) {
        int rrc = cs_service_load_reference(&ref, svc, a.reference, cs_method_id(m));
        if (rrc == CS_ENOTFOUND && !a.reference && !a.compare) {
            fprintf(stderr, "note: %s; the groups are not labelled\n", cs_error_last());
            cs_error_clear();
        } else {
            rc = rrc;
        }
    }
    if (!rc) {
        a.opts.progress = cs_cli_progress;
        a.opts.progress_ctx = "classify";
        rc = cs_classify(&c, m, run->objects, run->n, ref, &a.opts);
        cs_cli_progress_end();
    }
    if (!rc) {
        /* a scenario's run exists nowhere but here: the output names no stored run */
        output_ctx o = { c, a.assume ? NULL : run, a.format, a.compare };
        rc = cs_cli_write(a.output, write_partition, &o);
    }
    if (!rc && a.assume)
        fprintf(stderr,
                "built on %zu assumed facts from %s, on a fresh assessment; the registry is "
                "unchanged and nothing is stored\n",
                a.opts.n_assumptions, a.assume);
    long long id = 0;
    if (!rc && !a.no_store)
        rc = cs_service_save_partition(&id, svc, c, run);
    if (!rc && id)
        fprintf(stderr,
                "stored as partition %lld (reproduce it: clusterscope classify "
                "--reproduce %lld)\n",
                id, id);
    status = rc ? cs_cli_fail() : CS_CLI_EXIT_OK;
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_classify_run_free(run);
    cs_method_free(m);
    cs_service_close(svc);
    return status;
}

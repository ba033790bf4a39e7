/*
 * An example of the library used from outside the project: opens a registry, assesses every
 * cluster on the HSE method and prints the clusters with the most item points, with coverage.
 *
 *   cc top_clusters.c $(pkg-config --cflags --libs --static clusterscope) -o top_clusters
 *   ./top_clusters clusterscope.db 5
 */
#include <clusterscope/clusterscope.h>

#include <stdio.h>
#include <stdlib.h>

static int fail(void)
{
    fprintf(stderr, "top_clusters: %s\n", cs_error_last());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: top_clusters REGISTRY.db [N]\n");
        return 2;
    }
    int top = argc > 2 ? atoi(argv[2]) : 5;
    cs_store *store = NULL;
    cs_method *method = NULL;
    cs_cluster_list *clusters = NULL;
    cs_factset *facts = NULL;
    cs_assessment *a = NULL;
    cs_assess_subject *subjects = NULL;
    int status = 1;
    if (cs_store_open(&store, argv[1], CS_STORE_READONLY) ||
        cs_method_load_builtin(&method, "hse-biomedical-2019") ||
        cs_store_clusters(&clusters, store, NULL) || cs_factset_new(&facts) ||
        cs_store_load_facts(facts, store, NULL, NULL, 0)) {
        status = fail();
        goto done;
    }
    size_t n = cs_cluster_list_count(clusters);
    subjects = calloc(n + 1, sizeof *subjects);
    for (size_t i = 0; subjects && i < n; i++) {
        const cs_cluster_info *c = cs_cluster_list_at(clusters, i);
        subjects[i] = (cs_assess_subject){ c->key, c->name_en, c->country, c->region };
    }
    if (!subjects || cs_assess_run(&a, method, facts, subjects, n, NULL)) {
        status = fail();
        goto done;
    }
    printf("clusterscope %s: top %d of %zu clusters by HSE item points\n", cs_version(), top, n);
    for (int shown = 0; shown < top; shown++) {
        long best = -1;
        int best_points = -1;
        for (size_t i = 0; i < n; i++) {
            int points = cs_assessment_total(a, i).points;
            if (points > best_points && subjects[i].key) {
                best = (long)i;
                best_points = points;
            }
        }
        if (best < 0)
            break;
        printf("%2d. %-40s %2d points, %3.0f%% of items known\n", shown + 1, subjects[best].name,
               best_points, 100 * cs_assessment_coverage(a, (size_t)best));
        subjects[best].key = NULL; /* shown: skip it next time (the assessment keeps its copy) */
    }
    status = 0;
done:
    cs_assessment_free(a);
    free(subjects);
    cs_factset_free(facts);
    cs_cluster_list_free(clusters);
    cs_method_free(method);
    cs_store_close(store);
    return status;
}

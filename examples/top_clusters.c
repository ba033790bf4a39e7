/*
 * An example of the library used from outside the project: opens a registry through the
 * service layer (as every front end does), assesses the clusters in the HSE method's scope and
 * prints the clusters with the most item points, with coverage.
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
    cs_service *registry = NULL;
    cs_method *method = NULL;
    cs_service_assessment *assessed = NULL;
    char *shown = NULL;
    int status = 1;
    if (cs_service_open(&registry, argv[1], CS_SERVICE_READ) ||
        cs_service_load_method(&method, "hse-biomedical-2019") ||
        cs_service_assess(&assessed, registry, method, NULL)) {
        status = fail();
        goto done;
    }
    const cs_assessment *a = cs_service_assessment_result(assessed);
    size_t n = cs_assessment_count(a);
    if (!(shown = calloc(n + 1, 1))) {
        fprintf(stderr, "top_clusters: out of memory\n");
        goto done;
    }
    /* the clusters out of the method's scope (not biomedical) are not scored, only listed */
    printf("clusterscope %s: top %d of %zu clusters in the method's scope by HSE item points "
           "(%zu out of it)\n",
           cs_version(), top, n, cs_assessment_out_of_scope_count(a));
    for (int rank = 1; rank <= top; rank++) {
        long best = -1;
        int best_points = -1;
        for (size_t i = 0; i < n; i++) {
            int points = cs_assessment_total(a, i).points;
            if (points > best_points && !shown[i]) {
                best = (long)i;
                best_points = points;
            }
        }
        if (best < 0)
            break;
        printf("%2d. %-40s %2d points, %3.0f%% of items known\n", rank,
               cs_assessment_subject(a, (size_t)best)->name, best_points,
               100 * cs_assessment_coverage(a, (size_t)best));
        shown[best] = 1;
    }
    status = 0;
done:
    free(shown);
    cs_service_assessment_free(assessed);
    cs_method_free(method);
    cs_service_close(registry);
    return status;
}

/*
 * classify_test_util.h: the tiny case the typology tests share (test_classify.c,
 * test_classify_store.c): a method of four items and eight clusters whose results were worked
 * through by hand. Everything here is static and constant; nothing is allocated.
 */
#ifndef CLASSIFY_TEST_UTIL_H
#define CLASSIFY_TEST_UTIL_H

#include "clusterscope/classify.h"
#include "clusterscope/method.h"

/*
 * Four items: I1 (pwc, country block), I2 (size), I3.svc and I3.rd (a composite). Results are
 * in that order.
 */
static const char method_json[] =
    "{\"format\": \"clusterscope-method\", \"id\": \"tiny\", \"version\": \"1\", "
    "\"title_en\": \"Tiny\", \"analysis\": {\"min_known\": 2}, "
    "\"blocks\": [{\"id\": \"country\", \"label_en\": \"Country\"}, "
    "             {\"id\": \"part\", \"label_en\": \"Participants\"}], "
    "\"indicators\": ["
    " {\"id\": \"pwc\", \"block\": \"country\", \"label_en\": \"PwC top 10\", "
    "  \"fact\": \"country:pwc_medtourism_rank\", \"rule\": {\"kind\": \"rank_cutoff\", "
    "  \"cutoff\": 10}},"
    " {\"id\": \"size\", \"block\": \"part\", \"label_en\": \"Size\", "
    "  \"fact\": \"cluster:organisation_count\", \"rule\": {\"kind\": \"count_at_least\", "
    "  \"n\": 100}},"
    " {\"id\": \"spec\", \"block\": \"part\", \"label_en\": \"Specialisation\", "
    "  \"rule\": {\"kind\": \"composite\", \"min_items\": 1, \"items\": ["
    "   {\"id\": \"svc\", \"label_en\": \"Services\", "
    "    \"fact\": \"cluster:activity.medical_services\", \"rule\": {\"kind\": \"presence\"}},"
    "   {\"id\": \"rd\", \"label_en\": \"R&D\", \"fact\": \"cluster:activity.rd_biomedicine\", "
    "    \"rule\": {\"kind\": \"presence\"}}]}}]}";

/* Results in item order, as the assessment gives them: Y met, N not met, U unknown. The
 * comments write them as codes ("11?1"). */
#define Y CS_RESULT_MET
#define N CS_RESULT_NOT_MET
#define U CS_RESULT_UNKNOWN

/*
 * Pairwise simple matching: within {a, b, c} and within {d, e, f} every distance is 0; across,
 * a-d 3/4, a-e 1, a-f 2/3, b-* 1, c-d 2/3, c-e 1, c-f 2/3. g knows nothing; h knows only I2,
 * which c and f do not know. The method analyses a cluster with at least 2 items known, so g
 * and h are left out unless a test lowers min_known.
 */
/* (not every test uses every row) */
__attribute__((unused)) static const cs_result r_a[] = { Y, Y, Y, Y }, r_b[] = { Y, Y, U, Y },
                                               r_c[] = { Y, U, Y, Y }, r_d[] = { N, N, Y, N },
                                               r_e[] = { N, N, U, N }, r_f[] = { N, U, Y, N },
                                               r_g[] = { U, U, U, U }, r_h[] = { U, Y, U, U },
                                               r_x[] = { N, N, Y, Y };
static const cs_classify_object objects[] = {
    { "a", "DE", r_a }, { "b", "DE", r_b }, { "c", "US", r_c }, { "d", "HR", r_d },
    { "e", "HR", r_e }, { "f", "MX", r_f }, { "g", "RU", r_g }, { "h", "RU", r_h },
};
#define N_OBJECTS (sizeof objects / sizeof objects[0])

#endif

/* Method files at scale: loading stays near-linear in the size of the file (40,000 indicators,
 * long lists of levels, long composites), a chain of references of any length is checked on a
 * small stack, and what is too big or too deeply nested is refused before it is parsed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "util/buf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- helpers */

#define HEAD                                                                                       \
    "{\"format\": \"clusterscope-method\", \"id\": \"big\", \"version\": 1, \"title_en\": "        \
    "\"Big\", "

/* CPU time of the process (its threads included): what the loader costs, whatever else the
 * machine runs meanwhile. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The time bound of a load: one second under -O2; the sanitizers slow everything several
 * times, so there the bound only catches quadratic time (which takes minutes). */
static double bound(void)
{
    const char *san = getenv("CS_SANITIZE");
    return san && strcmp(san, "1") == 0 ? 30.0 : 1.0;
}

static void put(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(cs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    assert_int_equal(cs_buf_vprintf(b, fmt, ap), 0);
    va_end(ap);
}

/* Loads the text, checks the outcome, and returns the seconds it took. */
static double timed_load(cs_method **m, const cs_buf *b, int want)
{
    double t0 = now();
    int rc = cs_method_load_string(m, b->data, b->len, "big.json");
    double t = now() - t0;
    if (rc != want)
        fprintf(stderr, "load: %d, expected %d: %s\n", rc, want, cs_error_last());
    assert_int_equal(rc, want);
    return t;
}

/* ---------------------------------------------------------------- many indicators */

/*
 * 40,000 indicators in 400 blocks written in reverse order, each with its own code and a
 * source, and every tenth a composite whose items refer to the next indicators: every lookup
 * the loader makes (blocks, sources, ids, codes, refs, facts read) is exercised at size.
 */
static void test_many_indicators(void **state)
{
    (void)state;
    const size_t n = 40000, nb = 400, ns = 1000;
    cs_buf b = CS_BUF_INIT;
    put(&b, HEAD "\"sources\": [");
    for (size_t s = 0; s < ns; s++)
        put(&b, "%s{\"key\": \"s%zu\", \"citation\": \"Source %zu\"}", s ? "," : "", s, s);
    put(&b, "], \"blocks\": [");
    for (size_t k = 0; k < nb; k++)
        put(&b, "%s{\"id\": \"b%zu\", \"label_en\": \"B\", \"order\": %zu}", k ? "," : "", k,
            nb - k);
    put(&b, "], \"indicators\": [");
    for (size_t i = 0; i < n; i++) {
        put(&b,
            "%s{\"id\": \"i%zu\", \"code\": \"C%zu\", \"block\": \"b%zu\", \"label_en\": \"x\", "
            "\"sources\": [\"s%zu\"], ",
            i ? "," : "", i, i, i % nb, i % ns);
        if (i % 10 == 0 && i + 2 < n)
            put(&b,
                "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"a\", \"ref\": "
                "\"i%zu\"}, {\"id\": \"b\", \"ref\": \"i%zu\"}]}}",
                i + 1, i + 2);
        else
            put(&b,
                "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": "
                "%zu}}",
                i % 7);
    }
    put(&b, "]}");
    cs_method *m = NULL;
    double t = timed_load(&m, &b, 0);
    fprintf(stderr, "40,000 indicators (%zu bytes): %.3f s\n", b.len, t);
    assert_true(t < bound());
    assert_int_equal(cs_method_indicator_count(m), n);
    assert_int_equal(cs_method_block_count(m), nb);
    assert_int_equal(cs_method_fact_count(m), 1);
    /* blocks sorted by order: the last written comes first, and its indicators in file order */
    assert_string_equal(cs_method_block_at(m, 0)->id, "b399");
    assert_string_equal(cs_method_indicator_at(m, 0)->id, "i399");
    assert_string_equal(cs_method_indicator_at(m, 1)->id, "i799");
    assert_string_equal(cs_method_indicator_at(m, n - 1)->id, "i39600");
    const cs_method_indicator *first = cs_method_indicator_at(m, 0);
    assert_string_equal(first->sources[0], "s399");
    /* a composite's refs resolve to the indicator they name, wherever it now stands */
    long c = cs_method_find_indicator(m, "i20");
    assert_true(c >= 0);
    const cs_method_indicator *ci = cs_method_indicator_at(m, (size_t)c);
    const cs_method_item *it = cs_method_item_at(m, ci->first_item + 1);
    assert_string_equal(cs_method_indicator_at(m, it->rule.ref)->id, "i22");
    cs_method_free(m);

    /* the same file with one code repeated at the end: found as fast, named as before */
    char *tail = strstr(b.data, "\"code\": \"C39999\"");
    assert_non_null(tail);
    memcpy(tail + strlen("\"code\": \""), "C1\"    ", 7);
    m = NULL;
    t = timed_load(&m, &b, CS_EDATA);
    assert_true(t < bound());
    assert_non_null(strstr(cs_error_last(), "indicators i39999 and i1 have the same code \"C1\""));
    cs_buf_free(&b);
}

/* 20,000 levels of one fact and 20,000 rules naming levels of it; 20,000 items in one
 * composite. A copy of the levels per rule, or a scan of them, or of the earlier items, per
 * item, would be quadratic. */
static void test_many_levels_and_items(void **state)
{
    (void)state;
    const size_t n_levels = 20000, n_rules = 20000;
    cs_buf b = CS_BUF_INIT;
    put(&b, HEAD "\"fact_definitions\": [{\"name\": \"grade\", \"subject_kind\": \"cluster\", "
                 "\"type\": \"level\", \"levels\": \"");
    for (size_t k = 0; k < n_levels; k++)
        put(&b, "%sg%zu", k ? "|" : "", k);
    put(&b, "\"}], \"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}], \"indicators\": [");
    for (size_t i = 0; i < n_rules; i++)
        put(&b,
            "%s{\"id\": \"i%zu\", \"block\": \"b\", \"label_en\": \"x\", \"fact\": "
            "\"cluster:grade\", \"rule\": {\"kind\": \"ordinal_at_least\", \"level\": \"g%zu\"}}",
            i ? "," : "", i, (i * 7919) % n_levels);
    put(&b, ", {\"id\": \"all\", \"block\": \"b\", \"label_en\": \"x\", \"rule\": {\"kind\": "
            "\"composite\", \"items\": [");
    for (size_t i = 0; i < n_rules; i++)
        put(&b, "%s{\"id\": \"r%zu\", \"ref\": \"i%zu\"}", i ? "," : "", i, i);
    put(&b, "]}}]}");
    cs_method *m = NULL;
    double t = timed_load(&m, &b, 0);
    fprintf(stderr, "20,000 levels x 20,000 rules, a composite of 20,000 items: %.3f s\n", t);
    assert_true(t < bound());
    const cs_method_item *it = cs_method_item_at(m, 3);
    assert_int_equal(it->rule.level_index, (int)((3 * 7919) % n_levels));
    assert_int_equal(cs_method_item_count(m), 2 * n_rules);
    cs_method_free(m);
    cs_buf_free(&b);
}

/* ---------------------------------------------------------------- depth */

typedef struct {
    const cs_buf *text;
    int rc;
    char message[256];
} small_stack_job;

static void *load_on_small_stack(void *arg)
{
    small_stack_job *job = arg;
    cs_method *m = NULL;
    job->rc = cs_method_load_string(&m, job->text->data, job->text->len, "deep.json");
    snprintf(job->message, sizeof job->message, "%s", job->rc ? cs_error_last() : "");
    cs_method_free(m);
    return NULL;
}

/* Loads the text in a thread with a 256 KiB stack (the main thread has 8 MiB): what the
 * loader does per level of the input must not be paid for on the stack. */
static void load_small_stack(small_stack_job *job, const cs_buf *text)
{
    memset(job, 0, sizeof *job);
    job->text = text;
    pthread_attr_t attr;
    pthread_t thread;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
    assert_int_equal(pthread_create(&thread, &attr, load_on_small_stack, job), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    pthread_attr_destroy(&attr);
}

/* i0 refers to i1, ..., i(n-2) to i(n-1); with `cycle`, i(n-1) refers back to i0. */
static void chain(cs_buf *b, size_t n, int cycle)
{
    put(b, HEAD "\"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}], \"indicators\": [");
    for (size_t i = 0; i < n; i++) {
        put(b, "%s{\"id\": \"i%zu\", \"block\": \"b\", \"label_en\": \"x\", ", i ? "," : "", i);
        if (i + 1 < n || cycle)
            put(b,
                "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"r\", \"ref\": "
                "\"i%zu\"}]}}",
                (i + 1) % n);
        else
            put(b, "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", "
                   "\"n\": 1}}");
    }
    put(b, "]}");
}

static void test_long_reference_chain(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    chain(&b, 100000, 0);
    small_stack_job job;
    double t0 = now();
    load_small_stack(&job, &b);
    double t = now() - t0;
    if (job.rc)
        fprintf(stderr, "%s\n", job.message);
    assert_int_equal(job.rc, 0);
    fprintf(stderr, "a chain of 100,000 references on a 256 KiB stack: %.3f s\n", t);
    assert_true(t < 5 * bound()); /* 12 MB of JSON: most of it is the parser's */

    /* the same chain closed into a cycle: refused, and named from where it closes */
    cs_buf_reset(&b);
    chain(&b, 100000, 1);
    load_small_stack(&job, &b);
    assert_int_equal(job.rc, CS_EDATA);
    assert_non_null(strstr(job.message, "indicators[99999].rule.items[0].ref: cycle of "
                                        "references: i0 -> i1 -> i2"));
    cs_buf_free(&b);
}

/* Nesting deeper than the limit is refused before the parser (which recurses) sees it, with
 * the position of the bracket that goes too deep; up to the limit it is only a comment. */
static void test_nesting(void **state)
{
    (void)state;
    cs_buf b = CS_BUF_INIT;
    small_stack_job job;
    const size_t depths[] = { 65, 2000, 100000 };
    for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
        cs_buf_reset(&b);
        put(&b, "{\"_comment\": ");
        for (size_t i = 0; i < depths[d]; i++)
            put(&b, "[");
        for (size_t i = 0; i < depths[d]; i++)
            put(&b, "]");
        put(&b, "}");
        load_small_stack(&job, &b);
        assert_int_equal(job.rc, CS_EDATA);
        assert_string_equal(job.message, "deep.json:1:77: expected arrays and objects nested at "
                                         "most 64 deep, found deeper nesting");
    }
    /* brackets inside strings are text, not nesting */
    cs_buf_reset(&b);
    put(&b, HEAD "\"_comment\": \"");
    for (size_t i = 0; i < 1000; i++)
        put(&b, "[{");
    put(&b, "\", \"blocks\": [{\"id\": \"b\", \"label_en\": \"B\", \"_c\": [[[[[[[[[[]]]]]]]]]]}], "
            "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", \"fact\": "
            "\"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}]}");
    load_small_stack(&job, &b);
    if (job.rc)
        fprintf(stderr, "%s\n", job.message);
    assert_int_equal(job.rc, 0);
    cs_buf_free(&b);
}

/* ---------------------------------------------------------------- size */

static void test_size_limit(void **state)
{
    (void)state;
    cs_method *m = (cs_method *)1;
    /* refused by its length, before a byte of it is read */
    static const char text[] = "{}";
    assert_int_equal(cs_method_load_string(&m, text, CS_METHOD_MAX_BYTES + 1, "huge.json"),
                     CS_EDATA);
    assert_null(m);
    assert_string_equal(cs_error_last(),
                        "huge.json: expected a method file of at most 16 MiB, found a larger one");
    /* a device that never ends is read up to the limit, then refused */
    m = (cs_method *)1;
    assert_int_equal(cs_method_load_file(&m, "/dev/zero"), CS_EDATA);
    assert_null(m);
    assert_string_equal(cs_error_last(),
                        "/dev/zero: expected a method file of at most 16 MiB, found a larger one");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_indicators),      cmocka_unit_test(test_many_levels_and_items),
        cmocka_unit_test(test_long_reference_chain), cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

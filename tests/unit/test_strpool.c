/*
 * test_strpool.c: the string pool keeps every string whole and at its address however the
 * blocks grow (4 KiB first, doubling to 1 MiB), gives a long string a block of its own without
 * losing room in the current one, and counts the bytes it holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/strpool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_many_short(void **state)
{
    (void)state;
    cs_strpool *pool = NULL;
    assert_int_equal(cs_strpool_new(&pool), 0);
    /* a small pool is small: one 4 KiB block, not a megabyte */
    assert_non_null(cs_strpool_add(pool, "o1", 2));
    assert_true(cs_strpool_bytes(pool) < 8192);
    enum { N = 300000 };
    char **kept = malloc(N * sizeof *kept);
    assert_non_null(kept);
    char text[32];
    for (int i = 0; i < N; i++) {
        int len = snprintf(text, sizeof text, "object-%d", i);
        kept[i] = cs_strpool_add(pool, text, (size_t)len);
        assert_non_null(kept[i]);
    }
    /* every string still whole where it was handed out, after many blocks */
    for (int i = 0; i < N; i++) {
        snprintf(text, sizeof text, "object-%d", i);
        assert_string_equal(kept[i], text);
    }
    /* the text is about 4.4 MB: the blocks hold it with less than a block's slack */
    size_t bytes = cs_strpool_bytes(pool);
    assert_true(bytes > 4000000);
    assert_true(bytes < 4000000 + 2 * ((size_t)1 << 20));
    free(kept);
    cs_strpool_free(pool);
}

static void test_long_and_empty(void **state)
{
    (void)state;
    cs_strpool *pool = NULL;
    assert_int_equal(cs_strpool_new(&pool), 0);
    char *a = cs_strpool_add(pool, "abc", 3);
    /* a string longer than any block gets its own; the current block keeps filling after it */
    size_t big = ((size_t)1 << 20) + 17;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, 'x', big);
    char *b = cs_strpool_add(pool, text, big);
    assert_non_null(b);
    assert_int_equal(strlen(b), big);
    char *c = cs_strpool_add(pool, "def", 3);
    assert_ptr_equal(c, a + 4); /* right after "abc" in the first block */
    /* no NUL needed in the source; an empty string is a NUL */
    char *d = cs_strpool_add(pool, "ghijk", 2);
    assert_string_equal(d, "gh");
    char *e = cs_strpool_add(pool, "", 0);
    assert_string_equal(e, "");
    assert_string_equal(a, "abc");
    assert_true(cs_strpool_bytes(pool) > big);
    free(text);
    cs_strpool_free(pool);
    cs_strpool_free(NULL);
    assert_int_equal(cs_strpool_bytes(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_short),
        cmocka_unit_test(test_long_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

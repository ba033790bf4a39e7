/* The catalogues of words: sorted by key (the lookup is a binary search), no key in two
 * catalogues, both languages present, and the same printf conversions in English and Russian,
 * so a format entry never reads an argument it was not given. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/i18n.h"
#include "i18n/i18n_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_sorted_and_unique(void **state)
{
    (void)state;
    size_t total = 0;
    for (size_t c = 0; c < cs_i18n_catalog_count; c++) {
        const cs_i18n_catalog *cat = cs_i18n_catalogs[c];
        assert_true(cat->n > 0);
        for (size_t i = 0; i < cat->n; i++) {
            const cs_i18n_entry *e = &cat->entries[i];
            if (i > 0 && strcmp(cat->entries[i - 1].key, e->key) >= 0)
                fail_msg("catalogue %s: \"%s\" is not after \"%s\"", cat->name, e->key,
                         cat->entries[i - 1].key);
            assert_true(*e->en && *e->ru);
            /* every entry is found, in the language asked for */
            assert_ptr_equal(cs_i18n_text(CS_LANG_EN, e->key), e->en);
            assert_ptr_equal(cs_i18n_text(CS_LANG_RU, e->key), e->ru);
            for (size_t d = 0; d < c; d++)
                for (size_t j = 0; j < cs_i18n_catalogs[d]->n; j++)
                    if (strcmp(cs_i18n_catalogs[d]->entries[j].key, e->key) == 0)
                        fail_msg("\"%s\" is in catalogues %s and %s", e->key,
                                 cs_i18n_catalogs[d]->name, cat->name);
        }
        total += cat->n;
    }
    assert_true(total > 100);
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "no such word"), "no such word");
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "rule_true"), "%s: да");
    assert_string_equal(cs_i18n_text(CS_LANG_EN, "title"), "Cluster observatory report");
}

/* The conversions of a printf format in argument order ("%2$s %1$d" is "d s"), into out as
 * "lld,s,"; a '%' that ends the text is a literal (the percent sign itself). */
static void conversions(char *out, size_t cap, const char *fmt)
{
    char conv[16][8];
    int pos[16];
    size_t n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%' || !p[1])
            continue;
        p++;
        if (*p == '%')
            continue;
        int at = (int)n + 1;
        if (*p >= '1' && *p <= '9' && p[1] == '$') {
            at = *p - '0';
            p += 2;
        }
        size_t k = 0;
        while (*p && strchr("hlzjt", *p) && k < 6)
            conv[n][k++] = *p++;
        conv[n][k++] = *p;
        conv[n][k] = '\0';
        pos[n++] = at;
        if (n == 16)
            break;
    }
    out[0] = '\0';
    for (int at = 1; at <= (int)n; at++)
        for (size_t i = 0; i < n; i++)
            if (pos[i] == at) {
                strncat(out, conv[i], cap - strlen(out) - 1);
                strncat(out, ",", cap - strlen(out) - 1);
            }
}

static void test_formats_match(void **state)
{
    (void)state;
    char a[128], b[128];
    conversions(a, sizeof a, "%2$s: %1$lld");
    assert_string_equal(a, "lld,s,");
    for (size_t c = 0; c < cs_i18n_catalog_count; c++) {
        const cs_i18n_catalog *cat = cs_i18n_catalogs[c];
        for (size_t i = 0; i < cat->n; i++) {
            conversions(a, sizeof a, cat->entries[i].en);
            conversions(b, sizeof b, cat->entries[i].ru);
            if (strcmp(a, b) != 0)
                fail_msg("%s: English takes %s, Russian %s", cat->entries[i].key, a, b);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_and_unique),
        cmocka_unit_test(test_formats_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

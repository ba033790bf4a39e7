/*
 * fuzz_method.c: libFuzzer target for the method-file loader. Any input must either load (and
 * then every accessor and a derivation must work) or fail with a message; never crash or leak.
 */
#include "clusterscope/error.h"
#include "clusterscope/method.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_method *m = NULL;
    int rc = cs_method_load_string(&m, (const char *)data, size, "fuzz.json");
    if (rc) {
        /* a failure always leaves a message and no method */
        if (!m && cs_error_last()[0] == '\0')
            abort();
        return 0;
    }
    size_t n_items = cs_method_item_count(m), n_ind = cs_method_indicator_count(m);
    cs_result *items = malloc(n_items + 1);
    cs_result *inds = malloc(n_ind + 1);
    cs_score *blocks = malloc((cs_method_block_count(m) + 1) * sizeof *blocks);
    if (items && inds && blocks) {
        char text[512];
        for (size_t i = 0; i < n_items; i++) {
            items[i] = (cs_result)((i % 3) - 1);
            cs_rule_describe(text, sizeof text, m, &cs_method_item_at(m, i)->rule);
        }
        cs_score total;
        cs_method_derive(m, items, inds, NULL, blocks, &total);
        if (total.points > cs_method_max_points(m) ||
            total.indicators > cs_method_max_indicators(m))
            abort();
    }
    for (size_t i = 0; i < cs_method_fact_count(m); i++)
        (void)strlen(cs_method_fact_at(m, i)->name);
    free(items);
    free(inds);
    free(blocks);
    cs_method_free(m);
    return 0;
}

/*
 * fuzz_composite.c: libFuzzer target for the composite-index method file (regional.h). Any
 * input must either parse (and then the accessors and a computation on a small fixed table
 * must work, the index within [0, 1]) or fail with a message naming the origin; never crash or
 * leak.
 */
#include "clusterscope/error.h"
#include "clusterscope/regional.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_composite *m = NULL;
    int rc = cs_composite_parse(&m, (const char *)data, size, "fuzz.json");
    if (rc) {
        if (m || strncmp(cs_error_last(), "fuzz.json", 9) != 0)
            abort();
        return 0;
    }
    size_t ni = cs_composite_indicators(m), ns = cs_composite_sub_indices(m), nr = 5;
    if (ni == 0 || ns == 0 || !cs_composite_id(m))
        abort();
    for (size_t i = 0; i < ni; i++)
        if (!cs_composite_indicator(m, i))
            abort();
    double *x = malloc(nr * ni * sizeof *x), *sub = malloc(nr * ns * sizeof *sub);
    double index[5], rank[5], known[5];
    if (x && sub) {
        for (size_t k = 0; k < nr * ni; k++)
            x[k] = k % 7 == 3 ? NAN : (double)((k * 37) % 11);
        if (cs_composite_compute(sub, index, rank, known, m, x, nr) == 0)
            for (size_t r = 0; r < nr; r++)
                if (!isnan(index[r]) && (index[r] < -1e-12 || index[r] > 1 + 1e-12))
                    abort();
    }
    free(x);
    free(sub);
    cs_composite_free(m);
    return 0;
}

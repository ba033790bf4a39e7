/*
 * libFuzzer target for the long-form reader of the regional commands (cs_ingest_read_regional)
 * and the measures on what it accepts: beyond "no crash", accepted data are consistent
 * (regions and industries strictly sorted, every value finite and not negative, the sector
 * given for every industry or none), a refusal sets a message naming the file, and the
 * location quotients and Krugman indices of accepted data are finite (or NaN for an empty
 * region).
 */
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/regional.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_regional: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz_regional_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    static const char *const values[] = { "value", "establishments" };
    static const int years[] = { 2015, 2016 };
    for (int variant = 0; variant < 2; variant++) {
        cs_regional_read_options o = { "industry", values,          2, 1, "sector", variant,
                                       years,      variant ? 2 : 0, 0, 0 };
        cs_regional_data *d = NULL;
        int rc = cs_ingest_read_regional(&d, path, &o);
        if (rc) {
            check(d == NULL, "a refusal that hands out data");
            check(strstr(cs_error_last(), "fuzz_regional_") != NULL, "a message without the file");
            continue;
        }
        for (size_t r = 1; r < d->nr; r++)
            check(strcmp(d->region[r - 1], d->region[r]) < 0, "regions not strictly sorted");
        for (size_t i = 1; i < d->ni; i++)
            check(strcmp(d->key[i - 1], d->key[i]) < 0, "industries not strictly sorted");
        size_t cells = d->ny * d->nv * d->nr * d->ni;
        for (size_t k = 0; k < cells; k++)
            check(isfinite(d->x[k]) && d->x[k] >= 0, "a value negative or not finite");
        for (size_t i = 0; d->attribute && i < d->ni; i++)
            check(d->attribute[i] && d->attribute[i][0], "an industry without its sector");
        if (d->nr * d->ni <= 100000) {
            double *lq = malloc(d->nr * d->ni * sizeof *lq), *k = malloc(d->nr * sizeof *k);
            const double *x = cs_regional_data_values(d, 0, 0);
            if (lq && k && !cs_regional_lq(lq, x, d->nr, d->ni) &&
                !cs_regional_krugman(k, x, d->nr, d->ni)) {
                for (size_t c = 0; c < d->nr * d->ni; c++)
                    check(isfinite(lq[c]) && lq[c] >= 0, "a location quotient not finite");
                for (size_t r = 0; r < d->nr; r++)
                    check(isnan(k[r]) || (k[r] >= 0 && k[r] <= 2 + 1e-9), "Krugman out of 0..2");
            }
            free(lq);
            free(k);
        }
        cs_regional_data_free(d);
    }
    unlink(path);
    return 0;
}

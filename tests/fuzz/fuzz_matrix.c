/*
 * libFuzzer target for the data-file reader of the cluster-analysis commands
 * (cs_ingest_parse_matrix): beyond "no crash", a matrix it accepts is consistent (ids
 * NUL-terminated and distinct, every known value finite, binary values 0 or 1, level indexes
 * within their levels), a refusal sets a message naming the data, and the same input read
 * twice gives the same outcome.
 */
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_matrix: %s\n", what);
        abort();
    }
}

static void check_matrix(const cs_datamatrix *m)
{
    size_t n = cs_datamatrix_rows(m), p = cs_datamatrix_cols(m);
    for (size_t i = 0; i < n; i++) {
        check(cs_datamatrix_id(m, i) != NULL, "an object without an id");
        for (size_t k = 0; k < i && k < 64; k++)
            check(strcmp(cs_datamatrix_id(m, i), cs_datamatrix_id(m, k)) != 0, "a repeated id");
    }
    for (size_t j = 0; j < p; j++) {
        cs_var_type t = cs_datamatrix_type(m, j);
        for (size_t i = 0; i < n; i++) {
            double v;
            if (!cs_datamatrix_get(m, i, j, &v))
                continue; /* unknown */
            check(isfinite(v), "a non-finite known value");
            if (t == CS_VAR_BINARY || t == CS_VAR_ASYMM)
                check(v == 0 || v == 1, "a binary value other than 0 or 1");
            if (t == CS_VAR_NOMINAL && cs_datamatrix_nlevels(m, j) > 0)
                check(v >= 0 && v < (double)cs_datamatrix_nlevels(m, j), "a level out of range");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int delimiter = 0; delimiter < 2; delimiter++) {
        cs_datamatrix_csv_options opts = { .delimiter = delimiter ? ';' : 0 };
        cs_datamatrix *m = NULL;
        int rc = cs_ingest_parse_matrix(&m, "fuzz.csv", (const char *)data, size, &opts);
        char first[256];
        snprintf(first, sizeof first, "%s", rc ? cs_error_last() : "");
        if (rc) {
            check(m == NULL, "a matrix handed out with an error");
            check(*cs_error_last() != '\0', "an error without a message");
        } else {
            check(m != NULL, "no matrix and no error");
            check_matrix(m);
        }
        cs_datamatrix_free(m);
        m = NULL;
        int again = cs_ingest_parse_matrix(&m, "fuzz.csv", (const char *)data, size, &opts);
        check(again == rc, "the same input gave another outcome");
        if (rc)
            check(strncmp(first, cs_error_last(), sizeof first - 1) == 0,
                  "the same input gave another message");
        cs_datamatrix_free(m);
        cs_error_clear();
    }
    return 0;
}

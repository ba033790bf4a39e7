/*
 * fuzz_columns.c: libFuzzer target for the column mapping of a CSV import (src/ingest/columns.h),
 * read as a list and as a mapping file. Beyond "no crash or leak": a mapping that parses has at
 * least one pair, no empty name, no file column named twice and no column of the record kind
 * mapped twice, and positions that grow; a failure is CS_EUSAGE with a message that says where.
 * The pairs are then applied to a header made of their own names, and the input read as fixed
 * values, against every record kind.
 */
#include "clusterscope/error.h"
#include "ingest/columns.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_columns: %s\n", what);
        abort();
    }
}

static void try_mapping(const char *text, size_t size, const char *origin)
{
    cs_column_map *map = NULL;
    int rc = cs_column_map_parse(&map, text, size, origin);
    if (rc) {
        check(rc == CS_EUSAGE, "a failure other than CS_EUSAGE");
        check(map == NULL, "a failure hands out a mapping");
        const char *where = origin ? origin : "column mapping";
        check(strncmp(cs_error_last(), where, strlen(where)) == 0,
              "the message does not say where");
        return;
    }
    size_t n = cs_column_map_count(map);
    check(n >= 1 && n <= CS_COLUMN_MAP_MAX_PAIRS, "pair count");
    const char **header = malloc(n * sizeof *header);
    const char **names = malloc(n * sizeof *names);
    check(header && names, "out of memory");
    long last = 0;
    for (size_t i = 0; i < n; i++) {
        const cs_column_pair *p = cs_column_map_at(map, i);
        check(p->from && *p->from && (!p->to || *p->to), "an empty name");
        check(p->where > last, "positions do not grow");
        last = p->where;
        check(cs_column_map_find(map, p->from) == p, "find does not find the pair");
        for (size_t j = 0; j < i; j++) {
            const cs_column_pair *q = cs_column_map_at(map, j);
            check(strcmp(p->from, q->from) != 0, "a file column mapped twice");
            check(!p->to || !q->to || strcmp(p->to, q->to) != 0, "a column mapped to twice");
        }
        header[i] = p->from;
        char where[600];
        cs_column_map_where(where, sizeof where, map, p);
        check(where[0] != '\0', "no position");
    }
    /* against every record kind: the header holds every FROM, so only a TO can fail */
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        rc = cs_column_map_apply(map, "fuzz.csv", header, n, cs_kind_spec_get((cs_record_kind)k),
                                 names);
        check(rc == 0 || rc == CS_EUSAGE, "apply failed oddly");
        for (size_t i = 0; rc == 0 && i < n; i++) {
            const cs_column_pair *p = cs_column_map_at(map, i);
            check(names[i] == p->to, "apply named a column other than its pair's");
        }
    }
    /* a header that lacks the first pair's column */
    rc = cs_column_map_apply(map, "fuzz.csv", header + 1, n - 1, NULL, names);
    check(rc == CS_EUSAGE, "a mapping of a column the header lacks was accepted");
    free(header);
    free(names);
    cs_column_map_free(map);
}

/* The input's lines as fixed values COLUMN=VALUE, against every record kind. */
static void try_fixed(const char *text, size_t size)
{
    enum { MAX = 32 };
    const char *set[MAX];
    char *copy = malloc(size + 1);
    check(copy != NULL, "out of memory");
    memcpy(copy, text, size);
    copy[size] = '\0';
    size_t n = 0;
    for (char *p = copy; p && n < MAX;) {
        set[n++] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    const char *values[CS_RECORD_MAX_COLUMNS];
    int index[CS_RECORD_MAX_COLUMNS];
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        const cs_kind_spec *spec = cs_kind_spec_get((cs_record_kind)k);
        int rc = cs_fixed_values_parse(values, index, set, n, spec);
        check(rc == 0 || rc == CS_EUSAGE, "fixed values failed oddly");
        for (size_t c = 0; rc == 0 && c < spec->n_columns; c++)
            check(!values[c] || (*values[c] && index[c] >= 1 && (size_t)index[c] <= n),
                  "a fixed value without its place");
    }
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    try_mapping(text, size, NULL);
    try_mapping(text, size, "fuzz.columns");
    try_fixed(text, size);
    cs_error_clear();
    return 0;
}

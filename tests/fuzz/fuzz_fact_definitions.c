/*
 * libFuzzer target for the one parser of fact definitions (cs_fact_definitions_parse), which
 * reads the built-in list, method files' definitions and import documents: beyond "no crash",
 * a list it accepts has a name, a subject kind and a type in every entry, with no name given
 * twice for one subject kind; a refusal hands out nothing and says where ("fuzz.json:...").
 */
#include "clusterscope/error.h"
#include "clusterscope/fact.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_fact_definitions: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_fact_definitions *defs = NULL;
    int rc = cs_fact_definitions_parse(&defs, (const char *)data, size, "fuzz.json");
    if (rc) {
        check(defs == NULL, "a list handed out with an error");
        check(strncmp(cs_error_last(), "fuzz.json", 9) == 0, "an error that does not say where");
    } else {
        check(defs != NULL, "no list and no error");
        size_t n = cs_fact_definitions_count(defs);
        for (size_t i = 0; i < n; i++) {
            const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
            check(d && d->name && *d->name, "an entry without a name");
            check(cs_fact_definitions_find(defs, d->subject_kind, d->name) != NULL,
                  "an entry its own list does not find");
            for (size_t k = 0; k < i && k < 64; k++) {
                const cs_fact_definition *e = cs_fact_definitions_at(defs, k);
                check(e->subject_kind != d->subject_kind || strcmp(e->name, d->name) != 0,
                      "a name given twice for one subject kind");
            }
        }
    }
    cs_fact_definitions_free(defs);
    cs_error_clear();
    return 0;
}

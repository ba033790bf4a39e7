/*
 * libFuzzer target for the choropleth maps (render.h): lines "geography,code,value" drawn as
 * maps of every geography. Beyond "no crash": classes hold their values (class k within its
 * range, NaN in class 0, at most 5 classes, ranges in order); a map either draws every region
 * of its geography once, the caller's text escaped, or refuses with CS_EDATA naming a code (an
 * unknown or repeated one) and no document.
 */
#include "clusterscope/error.h"
#include "clusterscope/render.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 300

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_chart: %s\n", what);
        abort();
    }
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    const char *codes[MAX_ROWS], *labels[MAX_ROWS];
    double values[MAX_ROWS];
    size_t n = 0;
    for (char *line = text; line && n < MAX_ROWS;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *comma = strchr(line, ',');
        if (comma)
            *comma = '\0';
        codes[n] = line;
        labels[n] = comma ? comma + 1 : NULL;
        values[n] = comma ? strtod(comma + 1, NULL) : NAN;
        if (isinf(values[n]))
            values[n] = NAN;
        n++;
        line = next;
    }
    for (int equal = 0; equal < 2; equal++) {
        cs_chart_classes cl;
        int cls[MAX_ROWS];
        check(cs_chart_classify(&cl, cls, values, n, equal) == 0, "classify failed");
        check(cl.n_classes <= CS_CHART_MAX_CLASSES, "too many classes");
        for (size_t c = 0; c < cl.n_classes; c++) {
            check(cl.min[c] <= cl.max[c], "a class's range out of order");
            check(c == 0 || cl.bounds[c] > cl.bounds[c - 1] || cl.n_classes == 1,
                  "breaks not increasing");
        }
        for (size_t i = 0; i < n; i++) {
            if (isnan(values[i])) {
                check(cls[i] == 0, "NaN in a class");
                continue;
            }
            check(cls[i] >= 1 && (size_t)cls[i] <= cl.n_classes, "a value without a class");
            check(values[i] >= cl.min[cls[i] - 1] && values[i] <= cl.max[cls[i] - 1],
                  "a value outside its class's range");
        }
    }
    static const char *const geos[] = { "world", "us-states", "ru-grid" };
    static const cs_chart_locale loc = { CS_LANG_RU, NULL };
    for (size_t g = 0; g < 3; g++) {
        cs_chart_choropleth_spec sp = { geos[g], codes, values, labels, n, labels[0], codes[0], 2 };
        char *svg = cs_chart_choropleth(&sp, &loc);
        if (!svg) {
            check(cs_error_last_code() == CS_EDATA, "a refusal other than bad data");
            continue;
        }
        size_t regions = (size_t)cs_chart_geography_size(geos[g]);
        check(count(svg, "data-code=\"") == regions, "not every region drawn once");
        check(strstr(svg, "<script") == NULL, "unescaped text");
        free(svg);
    }
    free(text);
    return 0;
}

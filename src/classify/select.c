/*
 * select.c: which clusters are analysed. A cluster is analysed iff at least min_known of its
 * variables are known: its own coverage, nothing about the others, so a known value added to
 * the data can only bring clusters in, never leave one out (a rule over pairs, such as keeping
 * the largest set in which every pair shares a known variable, is not monotone: one new fact
 * could drop the best-documented clusters). Pairs that share no known variable get an imputed
 * distance (distances.c). Under the "error" policy any unknown of an analysed cluster is
 * refused. Every cluster left out gets its reason, in the classification's language.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The "error" policy: the first analysed cluster with an unknown variable is refused. */
static int refuse_unknown(const cs_classification *c, const char *active, const size_t *nknown)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!active[i] || nknown[i] == c->p)
            continue;
        size_t j = 0;
        while (cs_cls_value(c, i, j) != CS_RESULT_UNKNOWN)
            j++;
        char label[96];
        cs_cls_variable_label(label, sizeof label, c, j);
        cs_error_set(
            CS_EDATA, "cluster \"%s\": %s %s is unknown and the unknown-value policy is \"error\"",
            c->keys[i], c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicator" : "item", label);
        return cs_error_advise(CS_ADVICE_UNKNOWN_POLICY);
    }
    return 0;
}

int cs_cls_select(cs_classification *c)
{
    if ((size_t)c->min_known > c->p) {
        cs_error_set(
            CS_EUSAGE, "a cluster cannot have %d %s known: the method has %zu to classify on",
            c->min_known, c->view == CS_CLASSIFY_VIEW_INDICATORS ? "indicators" : "items", c->p);
        return cs_error_advise(CS_ADVICE_MIN_KNOWN);
    }
    const char *what =
        cs_cls_text(c, c->view == CS_CLASSIFY_VIEW_INDICATORS ? "classify.variable.indicators"
                                                              : "classify.variable.items");
    size_t *nknown = calloc(c->n + 1, sizeof *nknown);
    char *active = calloc(c->n + 1, 1);
    int rc = 0;
    if (!nknown || !active) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; !rc && i < c->n; i++) {
        for (size_t j = 0; j < c->p; j++)
            nknown[i] += cs_cls_value(c, i, j) != CS_RESULT_UNKNOWN;
        if (nknown[i] >= (size_t)c->min_known) {
            active[i] = 1;
            continue;
        }
        char buf[256];
        snprintf(buf, sizeof buf, cs_cls_text(c, "classify.left_out.coverage"), nknown[i], c->p,
                 what, c->min_known);
        free(c->left_out[i]);
        if (!(c->left_out[i] = cs_cls_strdup(buf)))
            rc = cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (!rc && c->policy == CS_UNKNOWN_ERROR)
        rc = refuse_unknown(c, active, nknown);
    c->na = 0;
    for (size_t i = 0; !rc && i < c->n; i++)
        if (active[i])
            c->idx[c->na++] = i;
done:
    free(nknown);
    free(active);
    return rc;
}

/*
 * select.c: which clusters are analysed. A cluster with no variable known cannot be placed; under
 * the pairwise policy two clusters without a variable known for both have no distance, so the
 * cluster with the most such pairs is left out (ties: fewer known variables, then the first
 * given) until every remaining pair has one. Under the "error" policy any unknown is refused.
 * Every cluster left out gets its reason, in the classification's language.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int set_reason(cs_classification *c, size_t i, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(c->left_out[i]);
    if (!(c->left_out[i] = cs_cls_strdup(buf)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    return 0;
}

static int share_known(const uint64_t *known, size_t nw, size_t i, size_t j)
{
    for (size_t w = 0; w < nw; w++)
        if (known[i * nw + w] & known[j * nw + w])
            return 1;
    return 0;
}

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

/* The pairwise policy: leave out clusters until every pair has a variable known for both. */
static int leave_out_unpaired(cs_classification *c, char *active, const uint64_t *known,
                              const size_t *nknown, size_t nw, const char *what)
{
    size_t *bad = calloc(c->n + 1, sizeof *bad);
    if (!bad)
        return cs_error_set(CS_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = i + 1; active[i] && j < c->n; j++) {
            if (active[j] && !share_known(known, nw, i, j)) {
                bad[i]++;
                bad[j]++;
            }
        }
    }
    int rc = 0;
    for (;;) {
        size_t worst = SIZE_MAX;
        for (size_t i = 0; i < c->n; i++) {
            if (!active[i] || bad[i] == 0)
                continue;
            if (worst == SIZE_MAX || bad[i] > bad[worst] ||
                (bad[i] == bad[worst] && nknown[i] < nknown[worst]))
                worst = i;
        }
        if (worst == SIZE_MAX)
            break;
        size_t example = SIZE_MAX, count = bad[worst];
        active[worst] = 0;
        for (size_t j = 0; j < c->n; j++) {
            if (!active[j] || j == worst || share_known(known, nw, worst, j))
                continue;
            bad[j]--;
            if (example == SIZE_MAX)
                example = j;
        }
        rc = set_reason(c, worst, cs_cls_text(c, "classify.left_out.no_common"), what, count,
                        example == SIZE_MAX ? "?" : c->keys[example]);
        if (rc)
            break;
    }
    free(bad);
    return rc;
}

int cs_cls_select(cs_classification *c)
{
    const char *what =
        cs_cls_text(c, c->view == CS_CLASSIFY_VIEW_INDICATORS ? "classify.variable.indicator"
                                                              : "classify.variable.item");
    size_t nw = (c->p + 63) / 64;
    uint64_t *known = calloc(c->n * nw + 1, sizeof *known);
    size_t *nknown = calloc(c->n + 1, sizeof *nknown);
    char *active = calloc(c->n + 1, 1);
    int rc = 0;
    if (!known || !nknown || !active) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; !rc && i < c->n; i++) {
        for (size_t j = 0; j < c->p; j++) {
            if (cs_cls_value(c, i, j) != CS_RESULT_UNKNOWN) {
                known[i * nw + j / 64] |= (uint64_t)1 << (j % 64);
                nknown[i]++;
            }
        }
        if (nknown[i] == 0)
            rc = set_reason(c, i, cs_cls_text(c, "classify.left_out.none_known"), what);
        else
            active[i] = 1;
    }
    if (!rc && c->policy == CS_UNKNOWN_ERROR)
        rc = refuse_unknown(c, active, nknown);
    if (!rc && c->policy == CS_UNKNOWN_PAIRWISE)
        rc = leave_out_unpaired(c, active, known, nknown, nw, what);
    c->na = 0;
    for (size_t i = 0; !rc && i < c->n; i++)
        if (active[i])
            c->idx[c->na++] = i;
done:
    free(known);
    free(nknown);
    free(active);
    return rc;
}

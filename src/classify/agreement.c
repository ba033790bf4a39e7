/*
 * agreement.c: the agreement of the partition with the reference set's assignment, over the
 * clusters analysed that it places in a type: how many, the contingency table (groups by types)
 * and the adjusted Rand index (NaN when fewer than 2 are compared).
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <math.h>
#include <stdlib.h>

int cs_cls_agreement(cs_classification *c)
{
    const cs_reference_set *ref = c->ref;
    c->ari = NAN;
    if (!ref || !ref->n_types)
        return 0;
    size_t nt = ref->n_types;
    c->table = calloc((size_t)c->k * nt + 1, sizeof *c->table);
    int *la = malloc((c->na + 1) * sizeof *la), *lb = malloc((c->na + 1) * sizeof *lb);
    int rc = 0;
    if (!c->table || !la || !lb) {
        rc = cs_error_set(CS_ENOMEM, "out of memory");
        goto done;
    }
    size_t m = 0;
    for (size_t a = 0; a < c->na; a++) {
        size_t i = c->idx[a];
        size_t t = cs_cls_type_index(ref, cs_cls_reference_type_of(ref, c->keys[i]));
        if (t == SIZE_MAX)
            continue;
        la[m] = c->group[i] - 1;
        lb[m] = (int)t;
        m++;
    }
    c->compared = m;
    if (m == 0)
        goto done;
    if ((rc = cs_contingency_table(c->table, la, c->k, lb, (int)nt, m)))
        goto done;
    if (m >= 2)
        rc = cs_adjusted_rand_index(&c->ari, la, lb, m);
done:
    free(la);
    free(lb);
    return rc;
}

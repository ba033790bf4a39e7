/*
 * method_derive.c: deriving indicators, item points and block scores from one cluster's leaf
 * items (cs_method_derive, method.h), in the evaluation order the loader checked.
 */
#include "method/method_impl.h"

void cs_method_derive(const cs_method *m, cs_result *items, cs_result *indicators, int *points,
                      cs_score *blocks, cs_score *total)
{
    size_t n_ind = cs_method_indicator_count(m);
    const size_t *order = m->order;
    for (size_t o = 0; o < n_ind; o++) {
        size_t i = order[o];
        const cs_method_indicator *ind = cs_method_indicator_at(m, i);
        size_t met = 0, unknown = 0;
        for (size_t k = 0; k < ind->n_items; k++) {
            size_t it = ind->first_item + k;
            const cs_method_item *item = cs_method_item_at(m, it);
            if (item->rule.kind == CS_RULE_REF)
                items[it] = indicators[item->rule.ref];
            if (items[it] == CS_RESULT_MET)
                met++;
            else if (items[it] != CS_RESULT_NOT_MET)
                unknown++;
        }
        if (met >= ind->min_items)
            indicators[i] = CS_RESULT_MET;
        else if (met + unknown < ind->min_items)
            indicators[i] = CS_RESULT_NOT_MET;
        else
            indicators[i] = CS_RESULT_UNKNOWN;
        if (points)
            points[i] = (int)met;
    }
    if (!blocks && !total)
        return;
    cs_score sum = { 0, 0, 0, 0 };
    for (size_t b = 0; b < cs_method_block_count(m); b++) {
        const cs_method_block *blk = cs_method_block_at(m, b);
        cs_score s = { 0, 0, 0, 0 };
        for (size_t i = blk->first_indicator; i < blk->first_indicator + blk->n_indicators; i++) {
            const cs_method_indicator *ind = cs_method_indicator_at(m, i);
            if (!ind->scored)
                continue;
            if (indicators[i] != CS_RESULT_UNKNOWN) {
                s.indicators_known++;
                s.indicators += indicators[i] == CS_RESULT_MET;
            }
            for (size_t k = 0; k < ind->n_items; k++) {
                cs_result r = items[ind->first_item + k];
                if (r != CS_RESULT_UNKNOWN) {
                    s.items_known++;
                    s.points += r == CS_RESULT_MET;
                }
            }
        }
        if (blocks)
            blocks[b] = s;
        sum.indicators += s.indicators;
        sum.indicators_known += s.indicators_known;
        sum.points += s.points;
        sum.items_known += s.items_known;
    }
    if (total)
        *total = sum;
}

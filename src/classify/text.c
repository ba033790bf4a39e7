/*
 * text.c: the words of the classification and the names of its variables. Words come from the
 * i18n catalogue in the classification's language; labels of items and indicators are the
 * method's codes, the same in every language.
 */
#include "classify/classify_impl.h"

#include "clusterscope/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_cls_text(const cs_classification *c, const char *key)
{
    return cs_i18n_text(c->opts.lang, key);
}

cs_result cs_cls_value(const cs_classification *c, size_t i, size_t j)
{
    size_t v = c->vars[j];
    return c->view == CS_CLASSIFY_VIEW_INDICATORS ? c->inds[i * c->n_ind + v]
                                                  : c->items[i * c->n_items + v];
}

void cs_cls_item_label(char *buf, size_t cap, const cs_method *m, size_t item)
{
    const cs_method_item *it = cs_method_item_at(m, item);
    const cs_method_indicator *ind = cs_method_indicator_at(m, it->indicator);
    if (ind->n_items > 1 || ind->composite)
        snprintf(buf, cap, "%s.%s", ind->code, it->id);
    else
        snprintf(buf, cap, "%s", ind->code);
}

void cs_cls_variable_label(char *buf, size_t cap, const cs_classification *c, size_t j)
{
    if (c->view == CS_CLASSIFY_VIEW_INDICATORS)
        snprintf(buf, cap, "%s", cs_method_indicator_at(c->m, c->vars[j])->code);
    else
        cs_cls_item_label(buf, cap, c->m, c->vars[j]);
}

char *cs_cls_strdup(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

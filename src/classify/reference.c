/*
 * reference.c: reference sets as values: a deep copy that owns its strings (how the store hands
 * one out), and the lookups the labels and the agreement use.
 *
 * Invariant: a copy is one allocation for the structs plus one string pool; cs_reference_free()
 * releases both, and nothing else points into them.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_reference_set pub; /* first: the public pointer is the storage's */
    cs_reference_type *types;
    cs_reference_trait *traits;
    cs_reference_row *rows;
    cs_reference_assignment *assignments;
    char *pool;
    size_t used;
} reference_storage;

static size_t text_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* A copy of s in the pool (NULL stays NULL); the pool was sized beforehand. */
static const char *pooled(reference_storage *s, const char *text)
{
    if (!text)
        return NULL;
    size_t n = strlen(text) + 1;
    char *d = s->pool + s->used;
    memcpy(d, text, n);
    s->used += n;
    return d;
}

void cs_reference_free(cs_reference_set *ref)
{
    if (!ref)
        return;
    reference_storage *s = (reference_storage *)ref;
    free(s->types);
    free(s->traits);
    free(s->rows);
    free(s->assignments);
    free(s->pool);
    free(s);
}

int cs_reference_copy(cs_reference_set **out, const cs_reference_set *ref)
{
    *out = NULL;
    size_t n_traits = 0, n_rows = 0,
           bytes = text_size(ref->key) + text_size(ref->profile_method) + text_size(ref->size_note);
    for (size_t t = 0; t < ref->n_types; t++) {
        const cs_reference_type *ty = &ref->types[t];
        bytes += text_size(ty->name_en) + text_size(ty->name_ru);
        n_traits += ty->n_traits;
        for (size_t k = 0; k < ty->n_traits; k++) {
            const cs_reference_trait *tr = &ty->traits[k];
            bytes += text_size(tr->item) + text_size(tr->countries) + text_size(tr->published) +
                     text_size(tr->locator);
        }
        n_rows += ty->n_rows;
        for (size_t k = 0; k < ty->n_rows; k++) {
            const cs_reference_row *row = &ty->rows[k];
            bytes += text_size(row->key) + text_size(row->text_ru) + text_size(row->text_en) +
                     text_size(row->locator) + text_size(row->facts);
        }
    }
    for (size_t a = 0; a < ref->n_assignments; a++)
        bytes += text_size(ref->assignments[a].cluster) + text_size(ref->assignments[a].basis);
    reference_storage *s = calloc(1, sizeof *s);
    if (!s)
        return cs_error_set(CS_ENOMEM, "out of memory");
    s->types = calloc(ref->n_types + 1, sizeof *s->types);
    s->traits = calloc(n_traits + 1, sizeof *s->traits);
    s->rows = calloc(n_rows + 1, sizeof *s->rows);
    s->assignments = calloc(ref->n_assignments + 1, sizeof *s->assignments);
    s->pool = malloc(bytes + 1);
    if (!s->types || !s->traits || !s->rows || !s->assignments || !s->pool) {
        cs_reference_free(&s->pub);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    s->pub = *ref;
    s->pub.key = pooled(s, ref->key);
    s->pub.profile_method = pooled(s, ref->profile_method);
    s->pub.size_note = pooled(s, ref->size_note);
    size_t next = 0, next_row = 0;
    for (size_t t = 0; t < ref->n_types; t++) {
        const cs_reference_type *from = &ref->types[t];
        cs_reference_type *to = &s->types[t];
        *to = *from;
        to->name_en = pooled(s, from->name_en);
        to->name_ru = pooled(s, from->name_ru);
        to->traits = from->n_traits ? &s->traits[next] : NULL;
        for (size_t k = 0; k < from->n_traits; k++) {
            cs_reference_trait *tr = &s->traits[next++];
            *tr = from->traits[k];
            tr->item = pooled(s, tr->item);
            tr->countries = pooled(s, tr->countries);
            tr->published = pooled(s, tr->published);
            tr->locator = pooled(s, tr->locator);
        }
        to->rows = from->n_rows ? &s->rows[next_row] : NULL;
        for (size_t k = 0; k < from->n_rows; k++) {
            cs_reference_row *row = &s->rows[next_row++];
            *row = from->rows[k];
            row->key = pooled(s, row->key);
            row->text_ru = pooled(s, row->text_ru);
            row->text_en = pooled(s, row->text_en);
            row->locator = pooled(s, row->locator);
            row->facts = pooled(s, row->facts);
        }
    }
    for (size_t a = 0; a < ref->n_assignments; a++) {
        cs_reference_assignment *to = &s->assignments[a];
        *to = ref->assignments[a];
        to->cluster = pooled(s, to->cluster);
        to->basis = pooled(s, to->basis);
    }
    s->pub.types = s->types;
    s->pub.assignments = s->assignments;
    *out = &s->pub;
    return 0;
}

int cs_cls_reference_type_of(const cs_reference_set *ref, const char *key)
{
    for (size_t i = 0; i < ref->n_assignments; i++)
        if (strcmp(ref->assignments[i].cluster, key) == 0)
            return ref->assignments[i].type;
    return 0;
}

size_t cs_cls_type_index(const cs_reference_set *ref, int number)
{
    for (size_t t = 0; t < ref->n_types; t++)
        if (ref->types[t].number == number)
            return t;
    return SIZE_MAX;
}

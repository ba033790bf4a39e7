/*
 * import_news.c: the checks of the news kinds (import_news.h).
 *
 * Invariants:
 *  - a record is checked against the registry as the import's session has it: the kinds before
 *    it are written (a link's cluster, organisation, region or programme; an entry's item);
 *  - an item stands at most once in a digest issue (the schema's UNIQUE (issue, item)): twice
 *    in one import is refused at once; an item the registry holds at another position of the
 *    issue is moved (its old entry released), and refused when the kind ends unless this import
 *    gave that old position another item, so an import may reorder an issue's items;
 *  - values arrive canonical (cs_record_check_value): "03" and "3" are one position.
 */
#include "ingest/import_news.h"

#include "clusterscope/error.h"
#include "util/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column numbers, as in record.c. */
enum { LINK_KIND = 1, LINK_KEY = 2 };
enum { ENTRY_ISSUE = 0, ENTRY_POSITION = 1, ENTRY_ITEM = 2 };

/* A stored entry whose item this import moved: its old position must be filled again. */
typedef struct {
    char *issue, *position, *item;
    char *file;
    long line, col; /* the moving record's item */
} moved_entry;

struct cs_news_checks {
    cs_keymap *entries; /* issue \x1f item of this import -> position (id) */
    moved_entry *moved;
    size_t n_moved;
};

int cs_news_checks_new(cs_news_checks **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return cs_error_set(CS_ENOMEM, "out of memory");
    int rc = cs_keymap_new(&(*out)->entries);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

void cs_news_checks_free(cs_news_checks *n)
{
    if (!n)
        return;
    cs_keymap_free(n->entries);
    for (size_t i = 0; i < n->n_moved; i++) {
        free(n->moved[i].issue);
        free(n->moved[i].position);
        free(n->moved[i].item);
        free(n->moved[i].file);
    }
    free(n->moved);
    free(n);
}

/* The kind a link's target_kind names, with its words for a message. */
static const struct {
    const char *name;
    cs_record_kind kind;
    const char *expected;
} targets[] = {
    { "cluster", CS_KIND_CLUSTERS, "a cluster of the registry" },
    { "organisation", CS_KIND_ORGANISATIONS, "an organisation of the registry" },
    { "region", CS_KIND_REGIONS, "a region of the registry" },
    { "programme", CS_KIND_PROGRAMMES, "a programme of the registry" },
};

static int check_link(cs_store_writer *w, const cs_record *rec)
{
    const char *kind = rec->values[LINK_KIND], *key = rec->values[LINK_KEY];
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (strcmp(kind, targets[i].name) != 0)
            continue;
        int found = cs_store_writer_has(w, targets[i].kind, key);
        if (found)
            return found < 0 ? found : 0;
        return cs_record_error(rec, LINK_KEY, targets[i].expected, key);
    }
    return 0; /* the enum's check has refused any other kind */
}

static int keep_move(cs_news_checks *n, const cs_record *rec, const char *old_position)
{
    if ((n->n_moved & (n->n_moved - 1)) == 0) {
        moved_entry *more = realloc(n->moved, (n->n_moved ? 2 * n->n_moved : 1) * sizeof *more);
        if (!more)
            return cs_error_set(CS_ENOMEM, "out of memory");
        n->moved = more;
    }
    moved_entry *m = &n->moved[n->n_moved++];
    memset(m, 0, sizeof *m);
    m->line = rec->line;
    if (rec->locate)
        rec->locate(rec, ENTRY_ITEM, &m->line, &m->col);
    m->issue = strdup(rec->values[ENTRY_ISSUE]);
    m->position = strdup(old_position);
    m->item = strdup(rec->values[ENTRY_ITEM]);
    m->file = strdup(rec->file ? rec->file : "<input>");
    return m->issue && m->position && m->item && m->file ? 0
                                                         : cs_error_set(CS_ENOMEM, "out of memory");
}

static int check_entry(cs_news_checks *n, cs_store_writer *w, const cs_record *rec)
{
    const char *issue = rec->values[ENTRY_ISSUE], *position = rec->values[ENTRY_POSITION],
               *item = rec->values[ENTRY_ITEM];
    char key[512], expected[700];
    int len = snprintf(key, sizeof key, "%s" CS_RECORD_KEY_SEP "%s", issue, item);
    if (len <= 0 || (size_t)len >= sizeof key)
        return cs_record_error(rec, ENTRY_ITEM, "a shorter item key", item);
    cs_keymap_value *seen = cs_keymap_get(n->entries, key, (size_t)len);
    if (seen) {
        snprintf(expected, sizeof expected,
                 "an item not already in digest issue %s (it is at position %lld in this import)",
                 issue, (long long)seen->id);
        return cs_record_error(rec, ENTRY_ITEM, expected, item);
    }
    /* the session learns the stored positions before any is released, so that a position
     * released and given another item counts as updated, not new */
    int found = cs_store_writer_has(w, CS_KIND_DIGEST_ENTRIES, "");
    if (found < 0)
        return found;
    char other[32] = "";
    const char *args[] = { issue, item, position };
    found = cs_store_writer_news(other, sizeof other, w, CS_NEWS_ENTRY_ELSEWHERE, args);
    if (found < 0)
        return found;
    /* stored elsewhere, not by this import (that would have been seen above): moved */
    int rc = found ? cs_store_writer_digest_release(w, issue, other) : 0;
    rc = rc ? rc : found ? keep_move(n, rec, other) : 0;
    if (rc)
        return rc;
    if (!(seen = cs_keymap_put(n->entries, key, (size_t)len)))
        return CS_ENOMEM;
    seen->id = strtoll(position, NULL, 10);
    return 0;
}

int cs_news_check(cs_news_checks *n, cs_store_writer *w, const cs_record *rec)
{
    switch (rec->spec->kind) {
    case CS_KIND_NEWS_LINKS:
        return check_link(w, rec);
    case CS_KIND_DIGEST_ENTRIES:
        return check_entry(n, w, rec);
    default:
        return 0;
    }
}

int cs_news_end_entries(cs_news_checks *n, cs_store_writer *w)
{
    for (size_t i = 0; i < n->n_moved; i++) {
        const moved_entry *m = &n->moved[i];
        char item[256];
        const char *args[] = { m->issue, m->position };
        int found = cs_store_writer_news(item, sizeof item, w, CS_NEWS_ENTRY_AT, args);
        if (found)
            continue;
        if (found < 0)
            return found;
        char expected[700];
        snprintf(expected, sizeof expected,
                 "an item not already in digest issue %s (it is stored at position %s, and this "
                 "import gives that position no other item)",
                 m->issue, m->position);
        return cs_error_data(m->file, m->line, m->col, expected, m->item);
    }
    return 0;
}

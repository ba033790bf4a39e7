/*
 * store_writer_news.c: the lookups the import's news checks make (records.h, migration 0013):
 * where an item already stands in a digest issue, and which item a position holds, each as the
 * writer's session has the registry; and the release of a stored digest entry whose item the
 * import moves.
 */
#include "store/writer_internal.h"

#include "clusterscope/error.h"

/* Each lookup's statement, its number of arguments, and what a failure was reading. Numbers come
 * as their canonical text; the casts compare them with the integers stored. */
static const struct {
    const char *sql;
    int n_args;
    const char *what;
} lookups[CS_NEWS_LOOKUPS] = {
    [CS_NEWS_ENTRY_ELSEWHERE] = { "SELECT position FROM digest_entry WHERE issue = CAST(?1 AS "
                                  "INTEGER) AND item = ?2 AND position <> CAST(?3 AS INTEGER) "
                                  "ORDER BY position LIMIT 1",
                                  3, "reading digest entries" },
    [CS_NEWS_ENTRY_AT] = { "SELECT item FROM digest_entry WHERE issue = CAST(?1 AS INTEGER) AND "
                           "position = CAST(?2 AS INTEGER)",
                           2, "reading digest entries" },
};

int cs_store_writer_news(char *out, size_t cap, cs_store_writer *w, cs_store_news_lookup what,
                         const char *const *args)
{
    if ((unsigned)what >= CS_NEWS_LOOKUPS)
        return cs_error_set(CS_EUSAGE, "no news lookup %d", (int)what);
    return cs_writer_lookup(w, &w->news[what], lookups[what].sql, args, lookups[what].n_args, out,
                            cap, NULL, 0, lookups[what].what);
}

int cs_store_writer_digest_release(cs_store_writer *w, const char *issue, const char *position)
{
    const char *args[] = { issue, position };
    char none[4];
    /* a statement without rows: the lookup steps it to its end (0), or fails */
    int rc = cs_writer_lookup(w, &w->digest_release,
                              "DELETE FROM digest_entry WHERE issue = CAST(?1 AS INTEGER) AND "
                              "position = CAST(?2 AS INTEGER)",
                              args, 2, none, sizeof none, NULL, 0, "moving a digest entry");
    return rc < 0 ? rc : 0;
}

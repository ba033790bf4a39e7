/*
 * store_writer_development.c: the lookups the import's development checks make (records.h,
 * migration 0012): a programme's levels, a cluster's value-chain stages, the cluster of a
 * project, and who is a member of a cluster, each as the writer's session has the registry.
 */
#include "store/writer_internal.h"

#include "clusterscope/error.h"

/* Each lookup's statement, its number of arguments, and what a failure was reading. */
static const struct {
    const char *sql;
    int n_args;
    const char *what;
} lookups[CS_DEV_LOOKUPS] = {
    [CS_DEV_PROGRAMME_LEVELS] = { "SELECT coalesce(levels, '') FROM programme WHERE key = ?1", 1,
                                  "reading programmes" },
    /* an aggregate: always one row, "" when the cluster defines no stage */
    [CS_DEV_CLUSTER_STAGES] = { "SELECT coalesce(group_concat(stage, ', '), '') FROM (SELECT "
                                "stage FROM chain_stage WHERE cluster = ?1 ORDER BY position)",
                                1, "reading value-chain stages" },
    [CS_DEV_STAGE_AT] = { "SELECT stage FROM chain_stage WHERE cluster = ?1 AND position = "
                          "CAST(?2 AS INTEGER) AND stage <> ?3",
                          3, "reading value-chain stages" },
    [CS_DEV_PROJECT_CLUSTER] = { "SELECT cluster FROM project WHERE key = ?1", 1,
                                 "reading projects" },
    [CS_DEV_MEMBER] = { "SELECT '1' FROM membership m JOIN cluster c ON c.id = m.cluster_id "
                        "JOIN organisation o ON o.id = m.organisation_id WHERE c.key = ?1 AND "
                        "o.key = ?2",
                        2, "reading memberships" },
    [CS_DEV_OFF_CHAIN_MEMBER] = { "SELECT o.key, m.value_chain_stage FROM membership m JOIN "
                                  "cluster c ON c.id = m.cluster_id JOIN organisation o ON "
                                  "o.id = m.organisation_id WHERE c.key = ?1 AND "
                                  "coalesce(m.value_chain_stage, '') <> '' AND NOT EXISTS "
                                  "(SELECT 1 FROM chain_stage s WHERE s.cluster = c.key AND "
                                  "s.stage = m.value_chain_stage) ORDER BY o.key LIMIT 1",
                                  1, "reading memberships" },
};

int cs_store_writer_development(char *out, size_t cap, char *second, size_t second_cap,
                                cs_store_writer *w, cs_store_dev_lookup what,
                                const char *const *args)
{
    if ((unsigned)what >= CS_DEV_LOOKUPS)
        return cs_error_set(CS_EUSAGE, "no development lookup %d", (int)what);
    return cs_writer_lookup(w, &w->development[what], lookups[what].sql, args, lookups[what].n_args,
                            out, cap, second, second_cap, lookups[what].what);
}

#include "cli.h"

#include "store/store_internal.h"

#include <getopt.h>
#include <stdio.h>

int cs_cmd_facts(int argc, char **argv)
{
    static const struct option options[] = { { "db", required_argument, NULL, 'd' },
                                             { NULL, 0, NULL, 0 } };
    const char *db = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cs_cli_usage_error("facts", "unknown option '%s'", argv[optind - 1]);
    }
    cs_store *store = NULL;
    if (cs_cli_open_store(&store, db, CS_STORE_READONLY))
        return cs_cli_fail();
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cs_store_db(store),
                           "SELECT subject_kind, name, type, coalesce(levels, ''), "
                           "coalesce(unit, ''), coalesce(label_en, '') FROM fact_definition "
                           "ORDER BY subject_kind, name",
                           -1, &st, NULL) != SQLITE_OK) {
        cs_store_fail(store, "reading fact definitions");
        cs_store_close(store);
        return cs_cli_fail();
    }
    printf("%-8s %-36s %-6s %-24s %s\n", "subject", "fact", "type", "levels / unit", "label");
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *levels = (const char *)sqlite3_column_text(st, 3);
        const char *unit = (const char *)sqlite3_column_text(st, 4);
        printf("%-8s %-36s %-6s %-24s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
               sqlite3_column_text(st, 2), *levels ? levels : unit, sqlite3_column_text(st, 5));
    }
    sqlite3_finalize(st);
    cs_store_close(store);
    return CS_CLI_EXIT_OK;
}

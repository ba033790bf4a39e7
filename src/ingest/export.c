#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "registry/record.h"
#include "store/store_internal.h"
#include "util/atomic_file.h"
#include "util/number.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Export streams rows straight from SQLite to the output, so its memory does not grow with the
 * registry. Rows are ordered by their keys: two exports of one registry are byte-identical.
 * Empty values are left out (JSON) or left empty (CSV): unknown stays unknown on the way back in.
 */

static const char *select_sql(cs_record_kind kind)
{
    switch (kind) {
    case CS_KIND_FACT_DEFINITIONS:
        return "SELECT name, subject_kind, type, levels, unit, label_en, label_ru, description "
               "FROM fact_definition ORDER BY subject_kind, name";
    case CS_KIND_SOURCES:
        return "SELECT key, title, document, locator, url, date, publisher, note FROM source "
               "ORDER BY key";
    case CS_KIND_COUNTRIES:
        return "SELECT code, name_en, name_ru FROM country ORDER BY code";
    case CS_KIND_REGIONS:
        return "SELECT key, country, name_en, name_ru FROM region ORDER BY key";
    case CS_KIND_CLUSTERS:
        return "SELECT key, name_en, name_ru, country, region, city, lat, lon, founded, website, "
               "cluster_organisation, kind, specialisation, stage, source, note FROM cluster "
               "ORDER BY key";
    case CS_KIND_ORGANISATIONS:
        return "SELECT key, name, type, activities, country, website, source, note FROM "
               "organisation ORDER BY key";
    case CS_KIND_MEMBERSHIPS:
        return "SELECT c.key, o.key, m.role, m.value_chain_stage, m.joined, m.left_on, m.source "
               "FROM membership m JOIN cluster c ON c.id = m.cluster_id JOIN organisation o ON "
               "o.id = m.organisation_id ORDER BY c.key, o.key";
    case CS_KIND_FACTS:
        return "SELECT subject_kind, subject, name, NULLIF(year, 0), NULLIF(value, ''), status, "
               "source, locator, quote, note FROM fact ORDER BY subject_kind, subject, name, year";
    default:
        return NULL;
    }
}

/* The text of a column as export writes it; numbers as the shortest text that reads back. */
static const char *column_text(sqlite3_stmt *st, int i, char *num, size_t cap)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        return NULL;
    case SQLITE_INTEGER:
        snprintf(num, cap, "%lld", (long long)sqlite3_column_int64(st, i));
        return num;
    case SQLITE_FLOAT: {
        cs_format_double(num, cap, sqlite3_column_double(st, i));
        return num;
    }
    default: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        return t && *t ? t : NULL;
    }
    }
}

static int is_number_column(const cs_column_spec *c)
{
    return c->type == CS_COL_YEAR || c->type == CS_COL_LAT || c->type == CS_COL_LON;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static int prepare(cs_store *store, sqlite3_stmt **st, cs_record_kind kind)
{
    if (sqlite3_prepare_v2(cs_store_db(store), select_sql(kind), -1, st, NULL) != SQLITE_OK)
        return cs_store_fail(store, "reading the registry for export");
    return 0;
}

static int export_json(cs_store *store, FILE *f)
{
    fputs("{\n  \"format\": \"clusterscope-registry\",\n  \"version\": 1", f);
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        const cs_kind_spec *spec = cs_kind_spec_get((cs_record_kind)k);
        sqlite3_stmt *st = NULL;
        int rc = prepare(store, &st, (cs_record_kind)k);
        if (rc)
            return rc;
        long long n = 0;
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            fprintf(f, n++ ? ",\n    {" : ",\n  \"%s\": [\n    {", spec->name);
            int first = 1;
            for (size_t c = 0; c < spec->n_columns; c++) {
                char num[48];
                const char *v = column_text(st, (int)c, num, sizeof num);
                if (!v)
                    continue;
                fprintf(f, "%s\"%s\": ", first ? "" : ", ", spec->columns[c].name);
                if (is_number_column(&spec->columns[c]))
                    fputs(v, f);
                else
                    json_string(f, v);
                first = 0;
            }
            fputc('}', f);
        }
        if (n)
            fputs("\n  ]", f);
        sqlite3_finalize(st);
        if (step != SQLITE_DONE)
            return cs_store_fail(store, "reading the registry for export");
    }
    fputs("\n}\n", f);
    return 0;
}

static void csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static int export_csv_kind(cs_store *store, const char *dir, cs_record_kind kind)
{
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    sqlite3_stmt *st = NULL;
    int rc = prepare(store, &st, kind);
    if (rc)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        sqlite3_finalize(st);
        return 0;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, spec->name);
    cs_atomic_file *af = NULL;
    if ((rc = cs_atomic_file_open(&af, path))) {
        sqlite3_finalize(st);
        return rc;
    }
    FILE *f = cs_atomic_file_stream(af);
    for (size_t c = 0; c < spec->n_columns; c++)
        fprintf(f, "%s%s", c ? "," : "", spec->columns[c].name);
    fputc('\n', f);
    for (; step == SQLITE_ROW; step = sqlite3_step(st)) {
        for (size_t c = 0; c < spec->n_columns; c++) {
            char num[48];
            if (c)
                fputc(',', f);
            csv_field(f, column_text(st, (int)c, num, sizeof num));
        }
        fputc('\n', f);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        cs_atomic_file_abort(af);
        return cs_store_fail(store, "reading the registry for export");
    }
    return cs_atomic_file_commit(af);
}

int cs_export(cs_store *store, const char *path, cs_export_format format)
{
    int rc = 0;
    if (format == CS_EXPORT_CSV) {
        if (strcmp(path, "-") == 0)
            return cs_error_set(CS_EUSAGE, "CSV export writes a folder; give -o DIR");
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return cs_error_set(CS_EIO, "%s: cannot create the folder: %s", path, strerror(errno));
        for (int k = 0; !rc && k < CS_KIND_COUNT; k++)
            rc = export_csv_kind(store, path, (cs_record_kind)k);
        return rc;
    }
    if (strcmp(path, "-") == 0) {
        rc = export_json(store, stdout);
        if (!rc && fflush(stdout) != 0)
            rc = cs_error_set(CS_EIO, "writing to standard output failed");
        return rc;
    }
    cs_atomic_file *af = NULL;
    if ((rc = cs_atomic_file_open(&af, path)))
        return rc;
    rc = export_json(store, cs_atomic_file_stream(af));
    if (rc) {
        cs_atomic_file_abort(af);
        return rc;
    }
    return cs_atomic_file_commit(af);
}

#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "registry/record.h"
#include "store/records.h"
#include "util/atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Export streams records from the store to the output, so its memory does not grow with the
 * registry. Records come in key order: two exports of one registry are byte-identical. Empty
 * values are left out (JSON) or left empty (CSV): unknown stays unknown on the way back in.
 */

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

static int export_json(cs_store *store, FILE *f)
{
    fputs("{\n  \"format\": \"clusterscope-registry\",\n  \"version\": 1", f);
    for (int k = 0; k < CS_KIND_COUNT; k++) {
        const cs_kind_spec *spec = cs_kind_spec_get((cs_record_kind)k);
        cs_store_rows *rows = NULL;
        int rc = cs_store_rows_open(&rows, store, (cs_record_kind)k);
        if (rc)
            return rc;
        long long n = 0;
        const char *values[CS_RECORD_MAX_COLUMNS];
        while ((rc = cs_store_rows_next(rows, values)) == 1) {
            fprintf(f, n++ ? ",\n    {" : ",\n  \"%s\": [\n    {", spec->name);
            int first = 1;
            for (size_t c = 0; c < spec->n_columns; c++) {
                const char *v = values[c];
                if (!v)
                    continue;
                fprintf(f, "%s\"%s\": ", first ? "" : ", ", spec->columns[c].name);
                if (cs_column_is_number(&spec->columns[c]))
                    fputs(v, f);
                else
                    json_string(f, v);
                first = 0;
            }
            fputc('}', f);
        }
        if (n)
            fputs("\n  ]", f);
        cs_store_rows_close(rows);
        if (rc < 0)
            return rc;
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
    cs_store_rows *rows = NULL;
    int rc = cs_store_rows_open(&rows, store, kind);
    if (rc)
        return rc;
    const char *values[CS_RECORD_MAX_COLUMNS];
    int more = cs_store_rows_next(rows, values);
    if (more <= 0) {
        cs_store_rows_close(rows);
        return more;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, spec->name);
    cs_atomic_file *af = NULL;
    if ((rc = cs_atomic_file_open(&af, path))) {
        cs_store_rows_close(rows);
        return rc;
    }
    FILE *f = cs_atomic_file_stream(af);
    for (size_t c = 0; c < spec->n_columns; c++)
        fprintf(f, "%s%s", c ? "," : "", spec->columns[c].name);
    fputc('\n', f);
    for (; more == 1; more = cs_store_rows_next(rows, values)) {
        for (size_t c = 0; c < spec->n_columns; c++) {
            if (c)
                fputc(',', f);
            csv_field(f, values[c]);
        }
        fputc('\n', f);
    }
    cs_store_rows_close(rows);
    if (more < 0)
        return cs_atomic_file_fail(af, more);
    return cs_atomic_file_commit(af);
}

int cs_export(cs_store *store, const char *path, cs_export_format format)
{
    int rc = 0;
    if (format == CS_EXPORT_CSV) {
        if (!*path || strcmp(path, "-") == 0) {
            cs_error_set(CS_EUSAGE, "CSV export writes a folder, not %s",
                         *path ? "standard output" : "an empty name");
            return cs_error_advise(CS_ADVICE_OUTPUT_FOLDER);
        }
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return cs_error_set(CS_EIO, "%s: cannot create the folder: %s", path, strerror(errno));
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cs_error_set(CS_EIO,
                         "%s: not a folder; CSV export writes one file per record kind "
                         "into a folder",
                         path);
            return cs_error_advise(CS_ADVICE_OUTPUT_FOLDER);
        }
        for (int k = 0; !rc && k < CS_KIND_COUNT; k++)
            rc = export_csv_kind(store, path, (cs_record_kind)k);
        return rc;
    }
    /* "-", standard output, is one of the atomic file's targets */
    cs_atomic_file *af = NULL;
    if ((rc = cs_atomic_file_open(&af, path)))
        return rc;
    rc = export_json(store, cs_atomic_file_stream(af));
    return rc ? cs_atomic_file_fail(af, rc) : cs_atomic_file_commit(af);
}

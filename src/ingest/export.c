#include "clusterscope/ingest.h"

#include "clusterscope/error.h"
#include "registry/record.h"
#include "store/records.h"
#include "util/atomic_file.h"
#include "util/textout.h"

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

#define FLUSH_AT 32768

/* Hands the buffer to the stream once it holds FLUSH_AT bytes (rc: the error so far). */
static int flush_full(cs_buf *b, FILE *f, int rc)
{
    return !rc && b->len >= FLUSH_AT ? cs_textout_flush(b, f) : rc;
}

/* One kind's array of the JSON document: each record on a line, its non-empty values as
 * members (numbers as stored, texts by util/textout.h: every byte comes back on import). */
static int export_json_kind(cs_store *store, cs_buf *b, FILE *f, cs_record_kind kind)
{
    const cs_kind_spec *spec = cs_kind_spec_get(kind);
    cs_store_rows *rows = NULL;
    int rc = cs_store_rows_open(&rows, store, kind);
    if (rc)
        return rc;
    long long n = 0;
    const char *values[CS_RECORD_MAX_COLUMNS];
    int more = 0;
    while (!rc && (more = cs_store_rows_next(rows, values)) == 1) {
        rc = n++ ? cs_buf_puts(b, ",\n    {")
                 : cs_buf_printf(b, ",\n  \"%s\": [\n    {", spec->name);
        int first = 1;
        for (size_t c = 0; !rc && c < spec->n_columns; c++) {
            const char *v = values[c];
            if (!v)
                continue;
            rc = cs_buf_printf(b, "%s\"%s\": ", first ? "" : ", ", spec->columns[c].name);
            if (!rc)
                rc = cs_column_is_number(&spec->columns[c]) ? cs_buf_puts(b, v)
                                                            : cs_textout_json_string(b, v);
            first = 0;
        }
        rc = rc ? rc : cs_textout_putc(b, '}');
        rc = flush_full(b, f, rc);
    }
    if (!rc && n)
        rc = cs_buf_puts(b, "\n  ]");
    cs_store_rows_close(rows);
    return rc ? rc : more < 0 ? more : 0;
}

static int export_json(cs_store *store, FILE *f)
{
    cs_buf b = CS_BUF_INIT;
    int rc = cs_buf_puts(&b, "{\n  \"format\": \"clusterscope-registry\",\n  \"version\": 1");
    for (int k = 0; !rc && k < CS_KIND_COUNT; k++)
        rc = export_json_kind(store, &b, f, (cs_record_kind)k);
    rc = rc ? rc : cs_buf_puts(&b, "\n}\n");
    rc = rc ? rc : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
}

/* The rows of one kind as CSV: the header, then each record with its values as exact cells
 * (util/textout.h, CS_CSV_EXACT: no formula guard, every byte kept, quoted where the CSV
 * reader would otherwise drop or split something), an unknown value as an empty cell. */
static int write_csv_rows(cs_store_rows *rows, const cs_kind_spec *spec, const char **values,
                          FILE *f)
{
    cs_buf b = CS_BUF_INIT;
    int rc = 0, more = 1;
    for (size_t c = 0; !rc && c < spec->n_columns; c++)
        rc = cs_buf_printf(&b, "%s%s", c ? "," : "", spec->columns[c].name);
    rc = rc ? rc : cs_textout_putc(&b, '\n');
    while (!rc && more == 1) {
        for (size_t c = 0; !rc && c < spec->n_columns; c++) {
            if (c)
                rc = cs_textout_putc(&b, ',');
            rc = rc ? rc : cs_textout_csv_text(&b, values[c], CS_CSV_EXACT);
        }
        rc = rc ? rc : cs_textout_putc(&b, '\n');
        rc = flush_full(&b, f, rc);
        if (!rc)
            more = cs_store_rows_next(rows, values);
    }
    rc = rc ? rc : more < 0 ? more : cs_textout_flush(&b, f);
    cs_buf_free(&b);
    return rc;
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
    rc = write_csv_rows(rows, spec, values, cs_atomic_file_stream(af));
    cs_store_rows_close(rows);
    if (rc)
        return cs_atomic_file_fail(af, rc);
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

/*
 * libFuzzer target for the CSV reader: reads the input with the memory reader in every mode
 * and checks, beyond "no crash": each row is well formed (fields NUL-terminated, of the stated
 * length, valid UTF-8; lines increasing), a data error names the file, errors stick, and the
 * rows and the outcome (code and message) are the same whatever the chunk size.
 */
#include "clusterscope/error.h"
#include "ingest/csv_reader.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_csv: %s\n", what);
        abort();
    }
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len = c < 0x80                ? 1
                     : c >= 0xC2 && c < 0xE0 ? 2
                     : c >= 0xE0 && c < 0xF0 ? 3
                     : c >= 0xF0 && c < 0xF5 ? 4
                                             : 0;
        if (len == 0 || n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
            return 0;
        i += len;
    }
    return 1;
}

/* Reads all of data into out as a transcript: rows, then the final code and message. */
static void run(cs_buf *out, const uint8_t *data, size_t size, const cs_csv_options *o)
{
    cs_csv_reader *r = NULL;
    cs_buf_reset(out);
    int rc = cs_csv_reader_open_memory(&r, "fuzz.csv", (const char *)data, size, o);
    if (rc == 0) {
        const cs_csv_row *row;
        long last = 0;
        while ((rc = cs_csv_reader_next(r, &row)) == 1) {
            check(row->count >= 1 && row->line > last, "row count or line");
            last = row->line;
            check(cs_buf_printf(out, "%ld:%zu:", row->line, row->count) == 0, "out of memory");
            for (size_t i = 0; i < row->count; i++) {
                check(strlen(row->fields[i]) == row->lengths[i], "field length");
                check(valid_utf8((const unsigned char *)row->fields[i], row->lengths[i]),
                      "field is not UTF-8");
                check(cs_buf_append(out, row->fields[i], row->lengths[i] + 1) == 0,
                      "out of memory");
            }
        }
        if (rc < 0)
            check(cs_csv_reader_next(r, &row) == rc && row == NULL, "error did not stick");
        cs_csv_reader_close(r);
    }
    if (rc == CS_EDATA)
        check(strncmp(cs_error_last(), "fuzz.csv:", 9) == 0, "message does not name the file");
    check(cs_buf_printf(out, "=%d:%s", rc, rc < 0 ? cs_error_last() : "") == 0, "out of memory");
}

static void same(const cs_buf *a, const cs_buf *b)
{
    if (a->len != b->len || memcmp(cs_buf_str(a), cs_buf_str(b), a->len) != 0) {
        fprintf(stderr, "fuzz_csv: chunking changed the result\n--- default:\n%s\n--- small:\n%s\n",
                cs_buf_str(a), cs_buf_str(b));
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the small chunk sizes vary with the input, so the fuzzer meets them all */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    struct {
        cs_csv_encoding encoding;
        int limits;
        size_t chunks[2];
    } plans[] = {
        { CS_CSV_ENCODING_AUTO, 0, { 1, 2 + h % 31 } },
        { CS_CSV_ENCODING_AUTO, 1, { 1 + (h >> 8) % 7, 0 } },
        { CS_CSV_ENCODING_UTF8, 0, { 1 + (h >> 12) % 5, 0 } },
        { CS_CSV_ENCODING_CP1251, 0, { 1 + (h >> 16) % 5, 0 } },
    };
    cs_buf ref = CS_BUF_INIT, got = CS_BUF_INIT;
    for (size_t p = 0; p < sizeof plans / sizeof plans[0]; p++) {
        cs_csv_options o = { .encoding = plans[p].encoding };
        if (plans[p].limits) {
            o.max_field_bytes = 16;
            o.max_fields = 6;
            o.max_record_bytes = 48;
        }
        run(&ref, data, size, &o); /* the default chunk: all of a small input at once */
        for (size_t c = 0; c < 2 && plans[p].chunks[c]; c++) {
            o.chunk_bytes = plans[p].chunks[c];
            run(&got, data, size, &o);
            same(&ref, &got);
        }
    }
    cs_buf_free(&ref);
    cs_buf_free(&got);
    cs_error_clear();
    return 0;
}

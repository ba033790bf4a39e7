/*
 * csv_reader.h: a streaming CSV reader that hands out one record at a time as UTF-8 text.
 *
 * Ownership: the caller owns a cs_csv_reader and frees it with cs_csv_reader_close(). A row
 * returned by cs_csv_reader_next() and everything it points to belong to the reader and stay
 * valid until the next call on that reader (next or close); copy what must outlive it. The
 * memory given to cs_csv_reader_open_memory() stays owned by the caller and must outlive the
 * reader.
 *
 * What it accepts (docs/formats.md, CSV):
 * - Encoding: UTF-8 with or without a byte-order mark (the mark is dropped), or Windows-1251.
 *   With CS_CSV_ENCODING_AUTO the decision is taken at the first non-ASCII byte of the file
 *   from the 64 KiB that start there: valid UTF-8 means UTF-8; otherwise bytes that read as
 *   Cyrillic words in Windows-1251 mean Windows-1251; anything else is reported as invalid
 *   UTF-8 at the first bad byte. Pure ASCII needs no decision. CS_CSV_ENCODING_UTF8 never
 *   falls back, and invalid UTF-8 anywhere in the file (not only the first chunk) is an error.
 * - Delimiter: ',', ';' or tab. When not given, it is the one found most often outside quotes
 *   on the header line (the first line with content, within its first 1 MiB); ties go to comma,
 *   then semicolon, then tab; a header without any of them means comma.
 * - Line ends: LF, CRLF and bare CR each end a record and count as one physical line. Line
 *   breaks inside quoted fields are kept as they are in the file.
 * - Quoting is strict (libcsv CSV_STRICT): a field is either unquoted, with no quote inside, or
 *   quoted as a whole with inner quotes doubled. Unquoted fields lose leading and trailing
 *   spaces and tabs (libcsv); quoted fields keep them.
 * - Blank records are skipped: empty lines, lines of spaces, and records whose fields are all
 *   empty (`;;;;`, as Excel writes for formatted but empty rows). Line numbers still count them.
 *
 * Errors are CS_EDATA with "FILE:LINE:COLUMN: expected ..., found ...", where LINE is the
 * physical line of the offending byte (for a field too long or an unclosed quote: of the
 * field's start) and COLUMN is the 1-based field number within the record. A file without any
 * record is "expected a header row, found an empty file". After an error the reader returns
 * the same code from every later cs_csv_reader_next().
 *
 * Memory stays bounded whatever the input: the reader holds one chunk (plus at most 1 MiB of
 * look-ahead for the header and 64 KiB for the encoding decision), the field being read (at
 * most max_field_bytes) and the current record (at most max_record_bytes, max_fields fields).
 */
#ifndef CS_INGEST_CSV_READER_H
#define CS_INGEST_CSV_READER_H

#include <stddef.h>

typedef struct cs_csv_reader cs_csv_reader;

typedef enum {
    CS_CSV_ENCODING_AUTO = 0, /* UTF-8, or Windows-1251 when the data says so */
    CS_CSV_ENCODING_UTF8,
    CS_CSV_ENCODING_CP1251
} cs_csv_encoding;

/* All zero (or a NULL pointer) means: detect everything, default limits. */
typedef struct {
    cs_csv_encoding encoding;
    char delimiter;          /* ',', ';' or '\t'; 0 = detect from the header line */
    size_t max_field_bytes;  /* longest field in UTF-8 bytes; 0 = 1 MiB */
    size_t max_record_bytes; /* longest record, fields' UTF-8 bytes + 1 per field; 0 = 16 MiB */
    size_t max_fields;       /* most fields in one record; 0 = 16384 */
    size_t chunk_bytes;      /* bytes read at a time; 0 = 256 KiB (tests use tiny values) */
    /* A byte range of the input, for readers that split a file between threads: reading starts
     * at start_offset and ends before end_offset (0 = at the end). A range that starts after 0
     * has no header line and no byte-order mark, so its delimiter must be given; its line
     * numbers count from 1 at start_offset. */
    unsigned long long start_offset, end_offset;
} cs_csv_options;

typedef struct {
    size_t count;              /* number of fields, at least 1 */
    const char *const *fields; /* UTF-8, NUL-terminated, without NUL bytes inside */
    const size_t *lengths;     /* lengths[i] == strlen(fields[i]) */
    long line;                 /* physical line where the record starts, 1-based */
} cs_csv_row;

/*
 * Opens PATH for reading and detects the delimiter. Returns 0, CS_ENOTFOUND (no such file),
 * CS_EIO, CS_EUSAGE (bad options), CS_EDATA (a UTF-16 file, or a UTF-8 byte-order mark with
 * CS_CSV_ENCODING_CP1251) or CS_ENOMEM.
 */
int cs_csv_reader_open(cs_csv_reader **out, const char *path, const cs_csv_options *opts);

/* The same over LEN bytes at DATA, named NAME in messages (for tests and fuzzing). */
int cs_csv_reader_open_memory(cs_csv_reader **out, const char *name, const char *data, size_t len,
                              const cs_csv_options *opts);

/*
 * Reads the next record. Returns 1 and sets *row, 0 at the end of the input, or a negative
 * CS_E* code (CS_EDATA for bad data, CS_EIO, CS_ENOMEM).
 */
int cs_csv_reader_next(cs_csv_reader *r, const cs_csv_row **row);

/* The delimiter in use (given or detected). */
char cs_csv_reader_delimiter(const cs_csv_reader *r);

/* The encoding in use: UTF8 or CP1251 (UTF8 while all bytes so far were ASCII). */
cs_csv_encoding cs_csv_reader_encoding(const cs_csv_reader *r);

/* The encoding decided so far: AUTO while every byte read was ASCII (and none was asked). */
cs_csv_encoding cs_csv_reader_decided_encoding(const cs_csv_reader *r);

/* The physical line of the next byte to be read, 1-based: after the end, 1 + the lines read. */
long cs_csv_reader_line(const cs_csv_reader *r);

/* The name used in messages: the path, or the name given to open_memory. */
const char *cs_csv_reader_name(const cs_csv_reader *r);

/* Bytes taken from the input so far (for progress reports). */
unsigned long long cs_csv_reader_offset(const cs_csv_reader *r);

/* Bytes of memory the reader holds in its buffers now (for tests of the memory bound). */
size_t cs_csv_reader_buffer_bytes(const cs_csv_reader *r);

/* Closes the file and frees everything; NULL is allowed. */
void cs_csv_reader_close(cs_csv_reader *r);

#endif

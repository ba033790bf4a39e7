/*
 * ingest.h: importing CSV and JSON into the registry and exporting it again.
 *
 * Ownership: the caller owns the options and statistics structs it passes; nothing returned
 * needs freeing. An import is one transaction: on any error the registry is left exactly as it
 * was, and the error message names the file, line and column.
 */
#ifndef CLUSTERSCOPE_INGEST_H
#define CLUSTERSCOPE_INGEST_H

#include "clusterscope/store.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CS_IMPORT_KINDS 17

typedef struct {
    int dry_run;          /* validate everything, then roll back */
    const char *kind;     /* CSV: the record kind ("clusters"); NULL = from file name or header */
    const char *encoding; /* CSV: "auto" (default), "utf-8" or "cp1251" */
    char delimiter;       /* CSV: ',', ';' or '\t'; 0 = detect */
} cs_import_options;

typedef struct {
    /* per record kind, in import order (see cs_import_kind_name) */
    long long inserted[CS_IMPORT_KINDS];
    long long updated[CS_IMPORT_KINDS];
    long long unchanged[CS_IMPORT_KINDS]; /* already stored exactly so: re-imported duplicates */
} cs_import_stats;

/* The name of record kind i ("fact_definitions", "sources", ... "facts", then the stored
 * typology: "reference_sets", ... "partition_members"; see docs/formats.md). */
const char *cs_import_kind_name(int i);

/* Imports the files (CSV or JSON, by extension: .json is JSON) in one transaction. */
int cs_import_files(cs_import_stats *stats, cs_store *store, const char *const *paths,
                    size_t n_paths, const cs_import_options *opts);

/* Imports one JSON registry document held in memory; `origin` names it in messages. */
int cs_import_json_buffer(cs_import_stats *stats, cs_store *store, const char *json, size_t len,
                          const char *origin, const cs_import_options *opts);

typedef enum { CS_EXPORT_JSON = 0, CS_EXPORT_CSV = 1 } cs_export_format;

/*
 * Exports the registry. JSON: one document at `path` ("-" = stdout). CSV: a folder at `path`
 * with one file per non-empty kind. Records are sorted by key; files are written atomically.
 */
int cs_export(cs_store *store, const char *path, cs_export_format format);

#ifdef __cplusplus
}
#endif
#endif

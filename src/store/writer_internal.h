/*
 * writer_internal.h: the state of a cs_store_writer (records.h), shared by the ordinary path
 * (store_writer.c) and the bulk path (store_bulk.c). Everything here belongs to the writer and is
 * freed by cs_store_writer_end().
 *
 * Invariants during a session:
 *  - keys[kind] maps every key the session may refer to (preloaded from the registry for the
 *    small kinds, filled lazily for organisations) to its row id; value.line != 0 marks a key
 *    already put in this session, which is how duplicates are caught without a second pass.
 *  - Nothing is visible to other connections until the transaction commits.
 *  - While `thread` runs, it alone uses the connection (see bulk_writer.h): every path that
 *    touches the database first calls cs_writer_await_thread().
 */
#ifndef CS_STORE_WRITER_INTERNAL_H
#define CS_STORE_WRITER_INTERNAL_H

#include "store/bulk_writer.h"
#include "store/records.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/keymap.h"

#include <stdint.h>

/* A membership held for the sorted bulk load: 16 bytes to sort, the rest in side arrays. */
struct pending_membership {
    uint64_t pair; /* cluster_id << 32 | organisation_id */
    uint32_t text; /* offset in pending_text of: role byte, file byte, then four strings */
    uint32_t line;
};

/* A row's values as text, copied out of SQLite (store_history.c). */
typedef struct {
    cs_buf text;
    size_t off[16];
    int null[16];
    int found;
} cs_history_row;

/* The memberships a session added to one cluster, for its summary revision. */
typedef struct {
    char *cluster, *source; /* source: of the first; mixed_sources when they differ */
    int mixed_sources;
    uint64_t files; /* bit i: membership_files[i] */
    size_t count;
} cs_history_tally;

struct cs_store_writer {
    cs_store *store;
    sqlite3 *db;
    int own_transaction;
    cs_search_changes search; /* the records whose index rows the session replaces */
    cs_keymap *keys[CS_KIND_COUNT];
    unsigned char keys_loaded[CS_KIND_COUNT]; /* keys[k] holds every key stored (ensure_keys) */
    sqlite3_stmt *upsert[CS_KIND_COUNT];
    sqlite3_stmt *insert[CS_KIND_COUNT]; /* plain inserts (cs_store_writer_insert) */
    sqlite3_stmt *same[CS_KIND_COUNT];   /* kinds keyed by id: the ids that hold it so */
    sqlite3_stmt *taken[CS_KIND_COUNT];  /* kinds keyed by id: is the id taken? */
    cs_u64set *claimed[CS_KIND_COUNT];   /* kinds keyed by id: ids a record of this session is */
    sqlite3_stmt *find_organisation;
    sqlite3_stmt *find_fact;
    sqlite3_stmt *facts_of_definition;
    sqlite3_stmt *region_country;
    sqlite3_stmt *cluster_outside;
    /* lookups of the classification checks (store_writer.c), prepared on first use */
    sqlite3_stmt *region_parent, *industry_parent, *region_code, *classification_kind,
        *concordance_category;
    /* lookups of the development checks (store_writer_development.c), prepared on first use */
    sqlite3_stmt *development[CS_DEV_LOOKUPS];
    /* lookups of the news checks (store_writer_news.c), prepared on first use */
    sqlite3_stmt *news[CS_NEWS_LOOKUPS], *digest_release;
    /* Bulk mode, per kind: the table was empty at the start, so its unique index is dropped
     * while rows are appended and rebuilt once at the end of the kind. Duplicates within the
     * session are still caught, by the key maps. */
    int bulk[CS_KIND_COUNT];
    int index_dropped[CS_KIND_COUNT];
    sqlite3_stmt *append[CS_KIND_COUNT];
    cs_u64set *membership_pairs; /* pairs written outside bulk mode, for duplicates */
    /* Bulk organisations are written by a second thread (the writer assigns their ids, as the
     * table was empty), which then rebuilds their key index while the caller reads the
     * memberships. */
    cs_bulk_writer *thread;
    int64_t next_organisation_id;
    /* Bulk statistics go to the thread too; a key put twice is caught by the 64-bit hash of
     * each key put (an open-addressing table, 12 bytes a slot, line 0 = empty), and a hash seen
     * before is confirmed against the rows written, so a collision costs time, never a row. */
    uint64_t *statistic_hash;
    uint32_t *statistic_line;
    size_t statistic_cap, statistic_count;
    sqlite3_stmt *statistic_find;
    sqlite3_stmt *statistic_append_many; /* STATISTIC_ROWS rows a step */
    /* bulk memberships wait here until the end of their kind, then go in sorted */
    struct pending_membership *pending;
    size_t n_pending, cap_pending;
    /* the files memberships came from, on either path (a bulk membership holds its index) */
    const char *membership_files[CS_STORE_MEMBERSHIP_FILES_MAX];
    size_t n_membership_files;
    /* sources repeat across memberships: each is kept once, and a membership holds its code
     * (code 255: the source string follows inline) */
    char *pending_sources[255];
    size_t n_pending_sources;
    /* per membership, in arrival order: role (1 byte, index into member_roles), file (1 byte,
     * index into pending_files), source code (1 byte), then value_chain_stage, joined, left and
     * (for code 255 only) source, each NUL-terminated; one blob, so the sorted write touches one
     * place per membership */
    cs_buf pending_text;
    cs_buf scratch;
    /* the revisions this session records (store_history.c) */
    struct {
        char time[32], author[128], action[16];
        sqlite3_stmt *cluster, *fact, *add;
        cs_history_row before, after;
        cs_keymap *added; /* cluster key -> index in tally */
        cs_history_tally *tally;
        size_t n_tally, cap_tally;
    } history;
};

/* The value of column i, or NULL when it is empty. */
const char *cs_writer_value(const cs_record *rec, int i);

/*
 * The history (store_history.c): begin prepares the session's statements and fixes its time,
 * author and action ("import", "edit", "revert"); before reads the row a cluster or fact record
 * will replace, after records a revision per difference once it is written (outcome inserted or
 * updated; memberships too). free releases what begin made.
 */
int cs_history_begin(cs_store_writer *w, const char *author, const char *action);
int cs_history_before(cs_store_writer *w, const cs_record *rec);
int cs_history_after(cs_store_writer *w, const cs_record *rec, cs_store_outcome outcome);
/* Records the summary revisions of the memberships added (after every kind's bulk load has
 * ended, before the commit). */
int cs_history_end(cs_store_writer *w);
void cs_history_free(cs_store_writer *w);

/* Binds texts to a lookup prepared on first use (args[i] to ?i+1) and steps it: 1 with its first
 * column copied to `out` and its second to `second` (when not NULL), 0 when there is no row, or a
 * negative error code. */
int cs_writer_lookup(cs_store_writer *w, sqlite3_stmt **st, const char *sql,
                     const char *const *args, int n_args, char *out, size_t cap, char *second,
                     size_t second_cap, const char *what);

/* Takes the connection back from the bulk thread, with its result. */
int cs_writer_await_thread(cs_store_writer *w);

/* store_bulk.c: the bulk path. */

/* Enters bulk mode for the kind on its first record: drops the index, prepares a plain INSERT
 * (and starts the thread, for organisations). */
int cs_writer_start_bulk(cs_store_writer *w, cs_record_kind kind);
/* Queues a bulk organisation for the thread, with the id it will have. */
int cs_writer_push_organisation(cs_store_writer *w, const cs_record *rec, int64_t id);
/* Appends a checked statistic whose session key is KEY (LEN bytes) through the thread; a key
 * put before in this session is CS_STORE_DUPLICATE with *first its line. */
int cs_writer_put_statistic(cs_store_outcome *outcome, long *first, cs_store_writer *w,
                            const cs_record *rec, const char *key, size_t len);
/* Warms the hash table's slot of a statistic about to be put (cs_store_writer_prefetch). */
void cs_writer_prefetch_statistic(cs_store_writer *w, const cs_record *rec);
/* Holds a checked membership until the end of its kind; `file` indexes membership_files. */
int cs_writer_hold_membership(cs_store_writer *w, const cs_record *rec, const int64_t ids[2],
                              size_t file);
/* Ends a bulk kind: the thread rebuilds the organisation index on its own time; memberships are
 * sorted (a duplicate pair fills *conflict) and appended. */
int cs_writer_end_bulk(cs_store_conflict *conflict, cs_store_writer *w, cs_record_kind kind);
/* Frees what the bulk path holds; abandons the thread's queued work. */
void cs_writer_free_bulk(cs_store_writer *w);

#endif

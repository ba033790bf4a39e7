#include "store/bulk_writer.h"

#include "clusterscope/error.h"
#include "store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Batches go round a small ring: the producer fills one while the writer empties another, so
 * parsing and SQLite each keep one core busy. A batch is a run of rows, each an id and n values
 * stored as offsets into the batch's text (UINT32_MAX = NULL).
 */

#define BATCH_ROWS 2048
#define RING       4
#define NULL_VALUE UINT32_MAX

typedef struct {
    size_t rows;
    int64_t ids[BATCH_ROWS];
    uint32_t *offsets; /* BATCH_ROWS * n_values */
    char *text;
    size_t text_len, text_cap;
} batch;

struct cs_bulk_writer {
    cs_store *store;
    sqlite3_stmt *st;
    int n_values;
    unsigned real_mask;
    sqlite3_stmt *st_many; /* `many` rows a step, or NULL */
    int many;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch ring[RING];
    size_t head, tail; /* batches [tail, head) are full and waiting; ring[head % RING] fills */
    int finishing, abandon, done;
    char *sql_after;
    int result;
    char message[1024];
    long long rows;
};

/* Binds row r of the batch to `st` from parameter base + 1 (its id, then its values). */
static void bind_row(cs_bulk_writer *w, sqlite3_stmt *st, int base, const batch *b, size_t r)
{
    sqlite3_bind_int64(st, base + 1, b->ids[r]);
    for (int v = 0; v < w->n_values; v++) {
        uint32_t off = b->offsets[r * (size_t)w->n_values + (size_t)v];
        if (off == NULL_VALUE)
            sqlite3_bind_null(st, base + v + 2);
        else if (w->real_mask & (1u << v))
            sqlite3_bind_double(st, base + v + 2, strtod(b->text + off, NULL));
        else
            sqlite3_bind_text(st, base + v + 2, b->text + off, -1, SQLITE_STATIC);
    }
}

static int write_batch(cs_bulk_writer *w, const batch *b)
{
    size_t r = 0;
    /* a statement of many rows costs SQLite one step where single rows cost one each */
    for (; w->st_many && r + (size_t)w->many <= b->rows; r += (size_t)w->many) {
        for (int k = 0; k < w->many; k++)
            bind_row(w, w->st_many, k * (w->n_values + 1), b, r + (size_t)k);
        int step = sqlite3_step(w->st_many);
        sqlite3_reset(w->st_many);
        if (step != SQLITE_DONE)
            return cs_store_fail(w->store, "writing a bulk import");
        w->rows += w->many;
    }
    for (; r < b->rows; r++) {
        bind_row(w, w->st, 0, b, r);
        int step = sqlite3_step(w->st);
        sqlite3_reset(w->st);
        if (step != SQLITE_DONE)
            return cs_store_fail(w->store, "writing a bulk import");
        w->rows++;
    }
    return 0;
}

static void *run(void *arg)
{
    cs_bulk_writer *w = arg;
    int rc = 0;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->tail == w->head && !w->finishing && !w->abandon)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->abandon || (w->tail == w->head && w->finishing))
            break;
        batch *b = &w->ring[w->tail % RING];
        pthread_mutex_unlock(&w->lock);
        rc = write_batch(w, b);
        pthread_mutex_lock(&w->lock);
        b->rows = 0;
        b->text_len = 0;
        w->tail++;
        pthread_cond_broadcast(&w->changed);
        if (rc)
            break;
    }
    int run_after = !rc && !w->abandon && w->sql_after;
    pthread_mutex_unlock(&w->lock);
    if (run_after)
        rc = cs_store_exec(w->store, w->sql_after);
    pthread_mutex_lock(&w->lock);
    if (rc) {
        w->result = rc;
        snprintf(w->message, sizeof w->message, "%s", cs_error_last());
    }
    w->done = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static void free_writer(cs_bulk_writer *w)
{
    for (int i = 0; i < RING; i++) {
        free(w->ring[i].offsets);
        free(w->ring[i].text);
    }
    free(w->sql_after);
    free(w);
}

int cs_bulk_writer_start(cs_bulk_writer **out, cs_store *store, sqlite3_stmt *st, int n_values,
                         unsigned real_mask)
{
    *out = NULL;
    cs_bulk_writer *w = calloc(1, sizeof *w);
    if (!w)
        return cs_error_set(CS_ENOMEM, "out of memory");
    w->store = store;
    w->st = st;
    w->n_values = n_values;
    w->real_mask = real_mask;
    for (int i = 0; i < RING; i++) {
        w->ring[i].offsets = malloc(BATCH_ROWS * (size_t)n_values * sizeof(uint32_t));
        if (!w->ring[i].offsets) {
            free_writer(w);
            return cs_error_set(CS_ENOMEM, "out of memory");
        }
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->changed);
        free_writer(w);
        return cs_error_set(CS_ERROR, "cannot start the import's writer thread");
    }
    *out = w;
    return 0;
}

void cs_bulk_writer_many(cs_bulk_writer *w, sqlite3_stmt *st_many, int many)
{
    pthread_mutex_lock(&w->lock);
    w->st_many = many > 1 && BATCH_ROWS % many == 0 ? st_many : NULL;
    w->many = many;
    pthread_mutex_unlock(&w->lock);
}

static int writer_error(cs_bulk_writer *w)
{
    return cs_error_set(w->result, "%s", w->message);
}

/* Hands the filling batch to the writer, waiting while the ring is full. Called locked. */
static int hand_over(cs_bulk_writer *w)
{
    w->head++;
    pthread_cond_broadcast(&w->changed);
    while (w->head - w->tail >= RING && !w->done)
        pthread_cond_wait(&w->changed, &w->lock);
    return w->result;
}

int cs_bulk_writer_push(cs_bulk_writer *w, int64_t id, const char *const *values)
{
    batch *b = &w->ring[w->head % RING];
    size_t need = 0;
    for (int v = 0; v < w->n_values; v++)
        if (values[v])
            need += strlen(values[v]) + 1;
    if (b->text_len + need > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap : 65536;
        while (cap < b->text_len + need)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t)
            return cs_error_set(CS_ENOMEM, "out of memory queueing a bulk import");
        b->text = t;
        b->text_cap = cap;
    }
    if (b->text_len + need > UINT32_MAX - 1)
        return cs_error_set(CS_ENOMEM, "a bulk import row is too large");
    uint32_t *offsets = b->offsets + b->rows * (size_t)w->n_values;
    for (int v = 0; v < w->n_values; v++) {
        if (!values[v]) {
            offsets[v] = NULL_VALUE;
            continue;
        }
        size_t n = strlen(values[v]) + 1;
        memcpy(b->text + b->text_len, values[v], n);
        offsets[v] = (uint32_t)b->text_len;
        b->text_len += n;
    }
    b->ids[b->rows++] = id;
    if (b->rows < BATCH_ROWS)
        return 0;
    pthread_mutex_lock(&w->lock);
    int rc = hand_over(w);
    pthread_mutex_unlock(&w->lock);
    return rc ? writer_error(w) : 0;
}

int cs_bulk_writer_finish(cs_bulk_writer *w, const char *sql_after)
{
    pthread_mutex_lock(&w->lock);
    if (sql_after && !(w->sql_after = strdup(sql_after))) {
        pthread_mutex_unlock(&w->lock);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    if (w->ring[w->head % RING].rows)
        hand_over(w);
    w->finishing = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

int cs_bulk_writer_join(cs_bulk_writer *w, int abandon)
{
    pthread_mutex_lock(&w->lock);
    if (abandon)
        w->abandon = 1;
    else if (w->ring[w->head % RING].rows && !w->finishing)
        hand_over(w); /* the rows queued since the last full batch are written too */
    w->finishing = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    int rc = w->result;
    if (rc && !abandon)
        writer_error(w);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->changed);
    free_writer(w);
    return abandon ? 0 : rc;
}

long long cs_bulk_writer_rows(const cs_bulk_writer *w)
{
    return w->rows;
}

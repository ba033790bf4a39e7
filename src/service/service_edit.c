/*
 * service_edit.c: editors' changes of profiles and facts, and admins' reverts. Each is one write
 * transaction: the values are checked by the import's own rules (the importer, run on the one
 * record without writing it, cs_service_check_record) and then written by the store's edit path
 * with their revisions. Who may do what is decided here, before the registry is touched.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "ingest/importer.h"
#include "registry/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The profile fields an edit may set: every column of a clusters record but key and source. */
static const char *const editable[] = { "name_en", "name_ru",
                                        "country", "region",
                                        "city",    "lat",
                                        "lon",     "founded",
                                        "website", "cluster_organisation",
                                        "kind",    "specialisation",
                                        "stage",   "note" };
#define N_EDITABLE (sizeof editable / sizeof editable[0])

int cs_service_require_role(const cs_service_user *user, const char *roles, const char *what)
{
    if (!user || !user->name[0])
        return cs_error_set(CS_EPERM, "%s needs an account (%s); none signed in", what, roles);
    size_t n = strlen(user->role);
    for (const char *p = roles; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && n && strncmp(p, user->role, n) == 0)
            return 0;
        p = bar ? bar + 1 : p + len;
    }
    return cs_error_set(CS_EPERM, "%s needs the role %s; account '%s' is %s", what, roles,
                        user->name, user->role[0] ? user->role : "without a role");
}

int cs_service_check_text(const char *name, const char *v, size_t max)
{
    if (!v)
        return 0;
    size_t n = strlen(v);
    if (n > max)
        return cs_error_set(CS_EDATA, "'%s': expected at most %zu bytes, found %zu", name, max, n);
    const unsigned char *p = (const unsigned char *)v;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return cs_error_set(CS_EDATA,
                                "'%s': expected text without control characters, found byte "
                                "\\x%02X at byte %zu",
                                name, c, i + 1);
        size_t len = c < 0x80                ? 1
                     : c >= 0xC2 && c < 0xE0 ? 2
                     : c >= 0xE0 && c < 0xF0 ? 3
                     : c >= 0xF0 && c < 0xF5 ? 4
                                             : 0;
        for (size_t k = 1; len && k < len; k++)
            if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
                len = 0;
        if (!len)
            return cs_error_set(CS_EDATA,
                                "'%s': expected UTF-8 text, found byte \\x%02X at byte %zu", name,
                                c, i + 1);
        i += len;
    }
    return 0;
}

/* ---- the import's checks on one record ---- */

typedef struct {
    char **out;
    size_t n;
    int rc;
} captured;

/* The importer's observer: the record passed every check; keep its canonical values and stop
 * it before it writes (the positive result is not an error code). */
static int capture(void *ctx, const char *kind, const char *const *columns,
                   const char *const *values, size_t n, const char *file, long line)
{
    (void)kind;
    (void)columns;
    (void)file;
    (void)line;
    captured *c = ctx;
    for (size_t i = 0; i < n && i < c->n && !c->rc; i++)
        if (values[i] && *values[i] && !(c->out[i] = strdup(values[i])))
            c->rc = cs_error_set(CS_ENOMEM, "out of memory");
    return 1;
}

int cs_service_check_record(char **out, cs_service *svc, const cs_record *rec)
{
    size_t n = rec->spec->n_columns;
    memset(out, 0, n * sizeof *out);
    cs_import_stats *stats = calloc(1, sizeof *stats);
    if (!stats)
        return cs_error_set(CS_ENOMEM, "out of memory");
    cs_importer *imp = NULL;
    captured c = { out, n, 0 };
    int rc = cs_importer_begin(&imp, svc->store, stats);
    if (!rc) {
        cs_importer_observe(imp, capture, &c);
        rc = cs_importer_write(imp, rec);
        cs_importer_end(imp, 0); /* inside the caller's transaction: nothing to roll back */
        if (rc == 1)
            rc = c.rc;
        else if (!rc)
            rc = cs_error_set(CS_ERROR, "internal: the record was not checked");
    }
    free(stats);
    if (rc == CS_EDATA) {
        /* the import's words for a missing reference speak of importing it; an edit names the
         * record and the value alone */
        static const char import_hint[] = " (import it first or in the same import)";
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", cs_error_last());
        char *hint = strstr(msg, import_hint);
        if (hint) {
            memmove(hint, hint + sizeof import_hint - 1, strlen(hint + sizeof import_hint - 1) + 1);
            cs_error_set(CS_EDATA, "%s", msg);
        }
    }
    if (rc)
        for (size_t i = 0; i < n; i++) {
            free(out[i]);
            out[i] = NULL;
        }
    return rc;
}

static void free_values(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

/* ---- profiles ---- */

static int field_index(const char *field)
{
    for (size_t i = 0; i < N_EDITABLE; i++)
        if (strcmp(editable[i], field) == 0)
            return (int)i;
    return -1;
}

static int unknown_field(const char *field)
{
    char list[400] = "";
    for (size_t i = 0; i < N_EDITABLE; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 editable[i]);
    cs_error_set(CS_EDATA, "unknown field '%.100s': expected one of %s", field, list);
    return cs_error_advise(CS_ADVICE_FIELD);
}

/* Checks the names and texts of FIELDS: each an editable field, at most once. */
int cs_service_check_fields(const cs_service_field *fields, size_t n, const char *const *extra)
{
    for (size_t i = 0; i < n; i++) {
        const char *f = fields[i].field ? fields[i].field : "";
        int known = field_index(f) >= 0;
        for (size_t k = 0; extra && extra[k] && !known; k++)
            known = strcmp(extra[k], f) == 0;
        if (!known)
            return unknown_field(f);
        for (size_t k = 0; k < i; k++)
            if (fields[k].field && strcmp(fields[k].field, f) == 0) {
                cs_error_set(CS_EDATA, "field '%s' is given twice: expected each field once", f);
                return cs_error_advise(CS_ADVICE_FIELD);
            }
        int rc = cs_service_check_text(f, fields[i].value, CS_SERVICE_VALUE_MAX);
        if (rc)
            return rc;
    }
    return 0;
}

static int check_source(cs_service *svc, const char *source)
{
    if (!source || !*source) {
        cs_error_set(CS_EDATA, "'source': expected the key of a source of the registry for the "
                               "change, found none");
        return cs_error_advise(CS_ADVICE_SOURCE);
    }
    int found = cs_store_source_exists(svc->store, source);
    if (found < 0)
        return found;
    if (!found) {
        cs_error_set(CS_EDATA,
                     "'source': expected the key of a source of the registry, found '%.200s'",
                     source);
        return cs_error_advise(CS_ADVICE_SOURCE);
    }
    return 0;
}

/* The record of a cluster's profile: the row as stored with FIELDS put over it. */
static void profile_record(cs_record *rec, const char *file, char *const *row,
                           const cs_service_field *fields, size_t n)
{
    memset(rec, 0, sizeof *rec);
    rec->spec = cs_kind_spec_get(CS_KIND_CLUSTERS);
    rec->file = file;
    for (size_t i = 0; i < CS_STORE_CLUSTER_COLUMNS; i++)
        rec->values[i] = row[i];
    for (size_t i = 0; i < n; i++) {
        int col = cs_kind_spec_column(rec->spec, fields[i].field);
        if (col >= 0)
            rec->values[col] = fields[i].value ? fields[i].value : "";
    }
}

int cs_service_write_profile(size_t *changed, cs_service *svc, const cs_store_edit_by *by,
                             const char *cluster_key, const cs_service_field *fields, size_t n,
                             int create)
{
    cs_store_cluster_row row;
    int rc = cs_store_cluster_read(&row, svc->store, cluster_key);
    if (create && rc == CS_ENOTFOUND) {
        cs_error_clear();
        memset(&row, 0, sizeof row);
        if (!(row.values[0] = strdup(cluster_key)))
            return cs_error_set(CS_ENOMEM, "out of memory");
        rc = 0;
    } else if (create && !rc) {
        cs_store_cluster_row_free(&row);
        return cs_error_set(
            CS_ECONFLICT, "the key '%s' is taken: the registry has a cluster with it", cluster_key);
    }
    if (rc)
        return rc;
    char file[300];
    snprintf(file, sizeof file, "cluster '%.200s'", cluster_key);
    cs_record rec;
    profile_record(&rec, file, row.values, fields, n);
    char *canon[CS_RECORD_MAX_COLUMNS];
    rc = cs_service_check_record(canon, svc, &rec);
    cs_store_cluster_row_free(&row);
    if (rc)
        return rc;
    rc = cs_store_edit_profile(changed, &svc->last_first, &svc->last_last, svc->store, by,
                               (const char *const *)canon);
    free_values(canon, CS_STORE_CLUSTER_COLUMNS);
    return rc;
}

int cs_service_edit_cluster(size_t *changed, cs_service *svc, const cs_service_user *author,
                            const char *cluster_key, const cs_service_field *fields, size_t n,
                            const char *source, const char *locator, const char *quote)
{
    *changed = 0;
    svc->last_first = svc->last_last = 0;
    int rc = cs_service_require_role(author, "editor|admin", "changing a profile");
    if (rc)
        return rc;
    if (n == 0) {
        cs_error_set(CS_EDATA, "no field to change: expected at least one profile field");
        return cs_error_advise(CS_ADVICE_FIELD);
    }
    rc = cs_service_check_fields(fields, n, NULL);
    rc = rc ? rc : cs_service_check_text("source", source, 200);
    rc = rc ? rc : cs_service_check_text("locator", locator, CS_SERVICE_VALUE_MAX);
    rc = rc ? rc : cs_service_check_text("quote", quote, CS_SERVICE_QUOTE_MAX);
    rc = rc ? rc : cs_store_write_begin(svc->store);
    if (rc)
        return rc;
    rc = check_source(svc, source);
    cs_store_edit_by by = { author->name,
                            "edit",
                            source,
                            locator && *locator ? locator : NULL,
                            quote && *quote ? quote : NULL,
                            0 };
    rc = rc ? rc : cs_service_write_profile(changed, svc, &by, cluster_key, fields, n, 0);
    rc = cs_store_write_end(svc->store, !rc) ? cs_error_last_code() : rc;
    if (rc) {
        *changed = 0;
        svc->last_first = svc->last_last = 0;
    }
    return rc;
}

/* ---- facts ---- */

int cs_service_put_fact(long long *revision_id, cs_service *svc, const cs_service_user *author,
                        const cs_service_fact_edit *e)
{
    *revision_id = 0;
    svc->last_first = svc->last_last = 0;
    int rc = cs_service_require_role(author, "editor|admin", "changing a fact");
    if (rc)
        return rc;
    const char *texts[][2] = { { "subject_kind", e->subject_kind },
                               { "subject", e->subject },
                               { "fact", e->fact },
                               { "value", e->value },
                               { "source", e->source },
                               { "locator", e->locator },
                               { "status", e->status } };
    for (size_t i = 0; !rc && i < sizeof texts / sizeof texts[0]; i++)
        rc = cs_service_check_text(texts[i][0], texts[i][1], CS_SERVICE_VALUE_MAX);
    rc = rc ? rc : cs_service_check_text("quote", e->quote, CS_SERVICE_QUOTE_MAX);
    if (rc)
        return rc;
    const char *kind = e->subject_kind ? e->subject_kind : "";
    if (strcmp(kind, "cluster") && strcmp(kind, "country") && strcmp(kind, "region"))
        return cs_error_set(CS_EDATA,
                            "'subject_kind': expected cluster, country or region, "
                            "found '%.100s'",
                            kind);
    if (e->year != 0 && (e->year < 1000 || e->year > 2200))
        return cs_error_set(
            CS_EDATA, "'year': expected a year from 1000 to 2200 (or none), found %d", e->year);
    if ((rc = cs_store_write_begin(svc->store)))
        return rc;
    rc = check_source(svc, e->source);
    char year[16] = "", file[400];
    if (e->year)
        snprintf(year, sizeof year, "%d", e->year);
    snprintf(file, sizeof file, "fact '%.100s' of %s '%.200s'", e->fact ? e->fact : "", kind,
             e->subject ? e->subject : "");
    cs_record rec;
    memset(&rec, 0, sizeof rec);
    rec.spec = cs_kind_spec_get(CS_KIND_FACTS);
    rec.file = file;
    const char *v[] = { kind,      e->subject, e->fact,    year,     e->value,
                        e->status, e->source,  e->locator, e->quote, NULL };
    for (size_t i = 0; i < 10; i++)
        rec.values[i] = v[i];
    char *canon[CS_RECORD_MAX_COLUMNS];
    rc = rc ? rc : cs_service_check_record(canon, svc, &rec);
    if (!rc) {
        cs_store_edit_by by = { author->name, "edit", e->source, e->locator, e->quote, 0 };
        rc = cs_store_edit_fact(revision_id, svc->store, &by, (const char *const *)canon);
        free_values(canon, rec.spec->n_columns);
    }
    rc = cs_store_write_end(svc->store, !rc) ? cs_error_last_code() : rc;
    if (rc)
        *revision_id = 0;
    svc->last_first = svc->last_last = *revision_id;
    return rc;
}

/* ---- reverts ---- */

static int revert_profile(long long *revision_id, cs_service *svc, const cs_service_user *author,
                          const cs_revision_info *r)
{
    cs_store_cluster_row row;
    int rc = cs_store_cluster_read(&row, svc->store, r->subject);
    if (rc)
        return rc;
    int col = cs_kind_spec_column(cs_kind_spec_get(CS_KIND_CLUSTERS), r->field);
    const char *now = col >= 0 ? row.values[col] : NULL;
    const char *then = r->has_new ? r->new_value : NULL;
    int same = (now == NULL) == (then == NULL) && (!now || strcmp(now, then) == 0);
    if (!same || field_index(r->field) < 0) {
        rc = same
                 ? cs_error_set(CS_EDATA, "revision %lld changed '%s', which an edit does not set",
                                r->id, r->field)
                 : cs_error_set(CS_ECONFLICT,
                                "field '%s' of cluster '%s' has changed since revision %lld: it is "
                                "now '%s', not '%s'; revert the later revisions first",
                                r->field, r->subject, r->id, now ? now : "(empty)",
                                then ? then : "(empty)");
        cs_store_cluster_row_free(&row);
        return rc;
    }
    cs_store_cluster_row_free(&row);
    /* the value restored is checked as an edit would be (a creation's empty name is refused);
     * the revert cites the source the reverted value came with */
    cs_service_field f = { r->field, r->has_old ? r->old_value : "" };
    cs_store_edit_by by = { author->name, "revert", r->source && *r->source ? r->source : NULL,
                            NULL,         NULL,     r->id };
    size_t changed = 0;
    rc = cs_service_write_profile(&changed, svc, &by, r->subject, &f, 1, 0);
    *revision_id = rc ? 0 : svc->last_first;
    return rc;
}

int cs_service_revert(long long *revision_id, cs_service *svc, const cs_service_user *author,
                      long long id)
{
    *revision_id = 0;
    svc->last_first = svc->last_last = 0;
    int rc = cs_service_require_role(author, "admin", "reverting a revision");
    rc = rc ? rc : cs_store_write_begin(svc->store);
    if (rc)
        return rc;
    cs_revision_list *list = NULL;
    rc = cs_store_revision(&list, svc->store, id);
    const cs_revision_info *r = rc ? NULL : cs_revision_list_at(list, 0);
    if (r && strcmp(r->target, "profile") == 0) {
        rc = revert_profile(revision_id, svc, author, r);
    } else if (r && strcmp(r->target, "fact") == 0) {
        cs_store_edit_by by = { author->name, "revert", NULL, NULL, NULL, r->id };
        rc = cs_store_revert_fact(revision_id, svc->store, &by, r);
    } else if (r) {
        rc = cs_error_set(CS_EDATA,
                          "revision %lld is of a %s, which is not reverted here (only "
                          "profile fields and facts are)",
                          id, r->target);
    }
    cs_revision_list_free(list);
    rc = cs_store_write_end(svc->store, !rc) ? cs_error_last_code() : rc;
    if (rc)
        *revision_id = 0;
    svc->last_first = svc->last_last = *revision_id;
    return rc;
}

void cs_service_last_revisions(long long *first, long long *last, const cs_service *svc)
{
    *first = svc->last_first;
    *last = svc->last_last;
}

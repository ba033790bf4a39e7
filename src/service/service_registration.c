/*
 * service_registration.c: self-registration of clusters and its moderation queue. A submitted
 * profile is checked by the import's rules at once (so a moderator never approves what could
 * not be stored), kept in the queue only, and becomes a cluster when an editor approves it,
 * with the source "registration:ID" and revisions by the moderator.
 */
#include "service/service_internal.h"

#include "clusterscope/error.h"
#include "registry/record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONTACT_MAX 200
#define REASON_MAX  2000
#define CLIENT_MAX  100

static void utc_time(char out[32], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The value of FIELD among FIELDS, or NULL. */
static const char *field_value(const cs_service_field *fields, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++)
        if (fields[i].field && strcmp(fields[i].field, field) == 0)
            return fields[i].value;
    return NULL;
}

/* The profile fields of FIELDS (key and source text left out) into PROFILE; their number. */
static size_t profile_fields(cs_service_field *profile, const cs_service_field *fields, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].field, "key") != 0 && strcmp(fields[i].field, "source") != 0)
            profile[k++] = fields[i];
    return k;
}

/* The submitted fields as one JSON object (canonical values where the check made them). */
static char *fields_json(const cs_service_field *fields, size_t n, char *const *canon)
{
    json_t *o = json_object();
    const cs_kind_spec *spec = cs_kind_spec_get(CS_KIND_CLUSTERS);
    for (size_t i = 0; o && i < n; i++) {
        int col =
            strcmp(fields[i].field, "source") ? cs_kind_spec_column(spec, fields[i].field) : -1;
        const char *v = col >= 0 ? canon[col] : fields[i].value;
        if (json_object_set_new(o, fields[i].field, json_string(v ? v : "")) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    char *text = o ? json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
    json_decref(o);
    return text;
}

int cs_service_registration_submit(long long *id, cs_service *svc, const cs_service_field *fields,
                                   size_t n, const char *contact, const char *client)
{
    *id = 0;
    static const char *const extra[] = { "key", "source", NULL };
    int rc = cs_service_check_fields(fields, n, extra);
    rc = rc ? rc : cs_service_check_text("contact", contact, CONTACT_MAX);
    if (rc)
        return rc;
    const char *key = field_value(fields, n, "key");
    if (!key || !*key) {
        cs_error_set(CS_EDATA, "'key': expected a key for the new cluster (letters, digits, '.', "
                               "'_', ':' or '-'), found none");
        return cs_error_advise(CS_ADVICE_FIELD);
    }
    if (!contact || !*contact || !strchr(contact, '@'))
        return cs_error_set(CS_EDATA,
                            "'contact': expected a name and an e-mail address, found "
                            "'%.100s'",
                            contact ? contact : "");
    char who[CLIENT_MAX + 1];
    snprintf(who, sizeof who, "%s", client && *client ? client : "?");
    char now[32], since[32];
    time_t t = time(NULL);
    utc_time(now, t);
    utc_time(since, t - 3600);
    cs_service_field *profile = calloc(n ? n : 1, sizeof *profile);
    if (!profile)
        return cs_error_set(CS_ENOMEM, "out of memory");
    size_t np = profile_fields(profile, fields, n);
    if ((rc = cs_store_write_begin(svc->store))) {
        free(profile);
        return rc;
    }
    long long recent = 0;
    rc = cs_store_registration_count(&recent, svc->store, who, since);
    if (!rc && recent >= CS_SERVICE_REGISTRATIONS_PER_HOUR)
        rc = cs_error_set(CS_ELIMIT,
                          "this address has submitted %lld registrations in the past hour; at "
                          "most %d are taken an hour",
                          recent, CS_SERVICE_REGISTRATIONS_PER_HOUR);
    cs_store_cluster_row row;
    int taken = rc ? 0 : cs_store_cluster_read(&row, svc->store, key);
    if (!rc && taken == 0) {
        cs_store_cluster_row_free(&row);
        rc = cs_error_set(CS_EDATA, "'key': expected a key no cluster has, found '%.200s' (taken)",
                          key);
    } else if (!rc && taken != CS_ENOTFOUND) {
        rc = taken;
    } else if (!rc) {
        cs_error_clear(); /* no cluster has the key: as it should be */
    }
    char *canon[CS_RECORD_MAX_COLUMNS] = { 0 };
    if (!rc) {
        cs_record rec;
        memset(&rec, 0, sizeof rec);
        rec.spec = cs_kind_spec_get(CS_KIND_CLUSTERS);
        rec.file = "registration";
        rec.values[0] = key;
        for (size_t i = 0; i < np; i++)
            rec.values[cs_kind_spec_column(rec.spec, profile[i].field)] =
                profile[i].value ? profile[i].value : "";
        rc = cs_service_check_record(canon, svc, &rec);
    }
    char *json = rc ? NULL : fields_json(fields, n, canon);
    if (!rc && !json)
        rc = cs_error_set(CS_ENOMEM, "out of memory");
    if (!rc) {
        cs_store_registration r = { 0 };
        r.time = now;
        r.key = canon[0];
        r.name_en = canon[1];
        r.name_ru = canon[2];
        r.country = canon[3];
        r.fields = json;
        r.contact = contact;
        r.client = who;
        rc = cs_store_registration_add(id, svc->store, &r);
    }
    rc = cs_store_write_end(svc->store, !rc) ? cs_error_last_code() : rc;
    if (rc)
        *id = 0;
    for (size_t i = 0; i < CS_RECORD_MAX_COLUMNS; i++)
        free(canon[i]);
    free(json);
    free(profile);
    return rc;
}

/* ---- the queue ---- */

struct cs_service_registration_list {
    cs_service_registration *items;
    size_t n, cap;
};

size_t cs_service_registrations_count(const cs_service_registration_list *l)
{
    return l ? l->n : 0;
}

const cs_service_registration *cs_service_registrations_at(const cs_service_registration_list *l,
                                                           size_t i)
{
    return l && i < l->n ? &l->items[i] : NULL;
}

static void entry_free(cs_service_registration *r)
{
    const char *texts[] = { r->time,      r->status,  r->cluster_key, r->name_en,
                            r->name_ru,   r->country, r->contact,     r->reason,
                            r->moderator, r->decided, r->fields_json };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        free((char *)texts[i]);
}

void cs_service_registrations_free(cs_service_registration_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        entry_free(&l->items[i]);
    free(l->items);
    free(l);
}

static int keep(const char **dst, const char *src)
{
    *dst = NULL;
    if (src && !(*dst = strdup(src)))
        return cs_error_set(CS_ENOMEM, "out of memory");
    return 0;
}

static int add_entry(void *ctx, const cs_store_registration *r)
{
    cs_service_registration_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        cs_service_registration *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return cs_error_set(CS_ENOMEM, "out of memory");
        l->items = items;
        l->cap = cap;
    }
    cs_service_registration *e = &l->items[l->n];
    memset(e, 0, sizeof *e);
    e->id = r->id;
    /* the key approved, or the key proposed while pending or rejected */
    const char *pairs[][2] = { { r->time, NULL },
                               { r->status, NULL },
                               { r->cluster_key ? r->cluster_key : r->key, NULL },
                               { r->name_en, NULL },
                               { r->name_ru, NULL },
                               { r->country, NULL },
                               { r->contact, NULL },
                               { r->reason, NULL },
                               { r->moderator, NULL },
                               { r->decided, NULL },
                               { r->fields, NULL } };
    const char **dst[] = { &e->time,      &e->status,  &e->cluster_key, &e->name_en,
                           &e->name_ru,   &e->country, &e->contact,     &e->reason,
                           &e->moderator, &e->decided, &e->fields_json };
    l->n++;
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof dst / sizeof dst[0]; i++)
        rc = keep(dst[i], pairs[i][0]);
    return rc;
}

static int check_status(const char *status)
{
    if (!status || strcmp(status, "pending") == 0 || strcmp(status, "approved") == 0 ||
        strcmp(status, "rejected") == 0)
        return 0;
    return cs_error_set(CS_EDATA,
                        "'status': expected pending, approved or rejected, found '%.100s'", status);
}

int cs_service_registrations(cs_service_registration_list **out, cs_service *svc,
                             const cs_service_user *viewer, const char *status)
{
    *out = NULL;
    int rc = cs_service_require_role(viewer, "editor|admin", "reading the moderation queue");
    rc = rc ? rc : check_status(status);
    if (rc)
        return rc;
    cs_service_registration_list *l = calloc(1, sizeof *l);
    if (!l)
        return cs_error_set(CS_ENOMEM, "out of memory");
    rc = cs_store_registrations(svc->store, status, 0, add_entry, l);
    if (rc) {
        cs_service_registrations_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

/* ---- decisions ---- */

/* Creates the cluster registration R describes, by MODERATOR, from its stored fields. */
static int approve(cs_service *svc, const cs_service_user *moderator,
                   const cs_service_registration *r)
{
    json_error_t err;
    json_t *o = json_loads(r->fields_json ? r->fields_json : "", 0, &err);
    if (!json_is_object(o)) {
        json_decref(o);
        return cs_error_set(CS_EDATA, "registration %lld: its stored fields are not a JSON object",
                            r->id);
    }
    size_t n = json_object_size(o), np = 0;
    cs_service_field *fields = calloc(n ? n : 1, sizeof *fields);
    if (!fields) {
        json_decref(o);
        return cs_error_set(CS_ENOMEM, "out of memory");
    }
    const char *name, *key = NULL, *note = NULL;
    json_t *v;
    json_object_foreach(o, name, v)
    {
        const char *text = json_is_string(v) ? json_string_value(v) : "";
        if (strcmp(name, "key") == 0)
            key = text;
        else if (strcmp(name, "source") == 0)
            note = text;
        else
            fields[np++] = (cs_service_field){ name, text };
    }
    char source[64], title[400], date[11];
    snprintf(source, sizeof source, "registration:%lld", r->id);
    snprintf(title, sizeof title, "Self-registration %lld: %.300s", r->id,
             r->name_en ? r->name_en : "");
    snprintf(date, sizeof date, "%.10s", r->time ? r->time : "");
    int rc = key ? 0 : cs_error_set(CS_EDATA, "registration %lld has no key", r->id);
    rc =
        rc ? rc : cs_store_source_add(svc->store, source, title, date, note && *note ? note : NULL);
    cs_store_edit_by by = { moderator->name, "edit", source, NULL, NULL, 0 };
    size_t changed = 0;
    rc = rc ? rc : cs_service_write_profile(&changed, svc, &by, key, fields, np, 1);
    if (!rc) {
        char decided[32];
        utc_time(decided, time(NULL));
        rc = cs_store_registration_decide(svc->store, r->id, "approved", moderator->name, decided,
                                          NULL, key);
    }
    free(fields);
    json_decref(o);
    return rc;
}

int cs_service_registration_decide(cs_service *svc, const cs_service_user *moderator, long long id,
                                   int approve_it, const char *reason)
{
    svc->last_first = svc->last_last = 0;
    int rc = cs_service_require_role(moderator, "editor|admin", "deciding a registration");
    rc = rc ? rc : cs_service_check_text("reason", reason, REASON_MAX);
    if (rc)
        return rc;
    if (!approve_it && (!reason || !*reason))
        return cs_error_set(CS_EDATA,
                            "'reason': expected the reason for rejecting registration "
                            "%lld, found none",
                            id);
    if ((rc = cs_store_write_begin(svc->store)))
        return rc;
    cs_service_registration_list l = { 0 };
    rc = cs_store_registrations(svc->store, NULL, id, add_entry, &l);
    const cs_service_registration *r = rc ? NULL : cs_service_registrations_at(&l, 0);
    if (r && strcmp(r->status, "pending") != 0)
        rc = cs_error_set(CS_ECONFLICT, "registration %lld has been %s already (by %s)", id,
                          r->status, r->moderator ? r->moderator : "?");
    else if (r && approve_it)
        rc = approve(svc, moderator, r);
    else if (r) {
        char decided[32];
        utc_time(decided, time(NULL));
        rc = cs_store_registration_decide(svc->store, id, "rejected", moderator->name, decided,
                                          reason, NULL);
    }
    for (size_t i = 0; i < l.n; i++)
        entry_free(&l.items[i]);
    free(l.items);
    rc = cs_store_write_end(svc->store, !rc) ? cs_error_last_code() : rc;
    if (rc)
        svc->last_first = svc->last_last = 0;
    return rc;
}

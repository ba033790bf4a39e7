/*
 * api_write.c: the writes of the JSON API: a profile (PATCH /clusters/{key}), a fact (POST
 * /facts), a revert, self-registration and its moderation queue. Bodies are JSON objects read
 * with jansson (UTF-8 checked, duplicate members and NUL characters refused) within a size
 * limit; every value is checked by the service by the import's rules. Errors answer with a
 * stable code: bad_json, unknown_field, unknown_source, invalid_value, not_found, unauthorized,
 * forbidden, conflict, too_large, rate_limited. A refused write leaves the registry as it was.
 */
#include "web/api_impl.h"

#include "clusterscope/error.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY_MAX   65536 /* bytes of a write's JSON body */
#define FIELDS_MAX 32    /* members of a body */

/* Answers the service's refusal RC with its status and code (*answered then 1); 0, or RC when
 * it is no refusal. */
static int refusal(cs_web_ctx *ctx, int rc, int *answered)
{
    const char *msg = cs_error_last();
    *answered = rc == CS_EPERM || rc == CS_ENOTFOUND || rc == CS_ECONFLICT || rc == CS_ELIMIT ||
                rc == CS_EDATA;
    switch (rc) {
    case CS_EPERM:
        return cs_web_json_error(ctx, 403, "forbidden", msg);
    case CS_ENOTFOUND:
        return cs_web_json_error(ctx, 404, "not_found", msg);
    case CS_ECONFLICT:
        return cs_web_json_error(ctx, 409, "conflict", msg);
    case CS_ELIMIT: {
        int r = cs_web_add_header(ctx, "Retry-After", "3600");
        return r ? r : cs_web_json_error(ctx, 429, "rate_limited", msg);
    }
    case CS_EDATA:
        return cs_web_json_error(ctx, 400,
                                 cs_error_advice() == CS_ADVICE_FIELD    ? "unknown_field"
                                 : cs_error_advice() == CS_ADVICE_SOURCE ? "unknown_source"
                                                                         : "invalid_value",
                                 msg);
    default:
        return rc;
    }
}

/* The author of a write: 0 with *who; 1 when it answered 401 (the handler returns 0). */
static int author(cs_service_user *who, cs_web_ctx *ctx)
{
    int rc = cs_web_auth(who, ctx);
    if (rc == 0)
        return 0;
    if (rc != CS_ENOTFOUND)
        return rc;
    int has = ctx->req->authorization && *ctx->req->authorization;
    rc = cs_web_add_header(ctx, "WWW-Authenticate",
                           has ? "Bearer realm=\"clusterscope\", error=\"invalid_token\""
                               : "Bearer realm=\"clusterscope\"");
    rc = rc ? rc : cs_web_json_error(ctx, 401, "unauthorized", cs_error_last());
    return rc ? rc : 1;
}

/* The body as a JSON object into *out; 1 when it answered 413 or 400 bad_json. */
static int body_object(json_t **out, cs_web_ctx *ctx)
{
    *out = NULL;
    const cs_web_request *req = ctx->req;
    char msg[400];
    int rc;
    if (req->body_len > BODY_MAX) {
        snprintf(msg, sizeof msg, "the body has %zu bytes; a write takes at most %d", req->body_len,
                 BODY_MAX);
        rc = cs_web_json_error(ctx, 413, "too_large", msg);
        return rc ? rc : 1;
    }
    const char *type = req->content_type;
    if (!type || strncasecmp(type, "application/json", 16) != 0) {
        rc = cs_web_json_error(ctx, 400, "bad_json",
                               "the body must be a JSON object (Content-Type: application/json)");
        return rc ? rc : 1;
    }
    json_error_t err;
    json_t *o = json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!o || !json_is_object(o)) {
        if (o)
            snprintf(msg, sizeof msg, "the body must be a JSON object, not another JSON value");
        else
            snprintf(msg, sizeof msg, "the body is not JSON: line %d, column %d: %s", err.line,
                     err.column, err.text);
        json_decref(o);
        rc = cs_web_json_error(ctx, 400, "bad_json", msg);
        return rc ? rc : 1;
    }
    if (json_object_size(o) > FIELDS_MAX) {
        json_decref(o);
        snprintf(msg, sizeof msg, "the body has more than %d members", FIELDS_MAX);
        rc = cs_web_json_error(ctx, 400, "bad_json", msg);
        return rc ? rc : 1;
    }
    *out = o;
    return 0;
}

/* A member's value as text into buf: a string, a number (as JSON writes it) or null (""); 1 when
 * it answered 400 invalid_value for another type. */
static int member_text(const char **out, char *buf, size_t cap, cs_web_ctx *ctx, const char *name,
                       json_t *v)
{
    *out = NULL;
    if (!v || json_is_null(v)) {
        *out = "";
        return 0;
    }
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return 0;
    }
    if (json_is_integer(v)) {
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *out = buf;
        return 0;
    }
    if (json_is_real(v)) {
        snprintf(buf, cap, "%.17g", json_real_value(v));
        *out = buf;
        return 0;
    }
    char msg[200];
    snprintf(msg, sizeof msg, "'%.100s': expected a string, a number or null, found %s", name,
             json_is_boolean(v) ? "true or false"
             : json_is_array(v) ? "an array"
                                : "an object");
    int rc = cs_web_json_error(ctx, 400, "invalid_value", msg);
    return rc ? rc : 1;
}

/* An optional string member: NULL when absent or null; 1 when it answered 400. */
static int member_string(const char **out, cs_web_ctx *ctx, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return 0;
    }
    char msg[200];
    snprintf(msg, sizeof msg, "'%.100s': expected a string", name);
    int rc = cs_web_json_error(ctx, 400, "invalid_value", msg);
    return rc ? rc : 1;
}

/* A positive id from a path segment; 1 when it answered 404. */
static int path_id(long long *id, cs_web_ctx *ctx, const char *what)
{
    const char *s = ctx->caps[0];
    char *end = NULL;
    *id = s && *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    if (*id > 0 && end && !*end)
        return 0;
    char msg[160];
    snprintf(msg, sizeof msg, "no %s has this id", what);
    int rc = cs_web_json_error(ctx, 404, "not_found", msg);
    return rc ? rc : 1;
}

static int no_params(cs_web_ctx *ctx)
{
    static const char *const allowed[] = { NULL };
    return cs_api_check_params(ctx, allowed);
}

/* "revisions": [first..last] */
static void write_revisions(cs_jsonw *w, const cs_service *svc)
{
    long long first = 0, last = 0;
    cs_service_last_revisions(&first, &last, svc);
    cs_jsonw_open(w, "revisions", '[');
    for (long long id = first; first && id <= last; id++)
        cs_jsonw_int(w, NULL, id);
    cs_jsonw_close(w, ']');
}

/* ---- PATCH /clusters/{key} ---- */

int cs_api_cluster_patch(cs_web_ctx *ctx)
{
    int answered = 0;
    cs_service_user who;
    cs_service *wsvc = NULL;
    json_t *o = NULL;
    int r = no_params(ctx);
    r = r ? r : author(&who, ctx);
    r = r ? r : body_object(&o, ctx);
    if (r)
        return r < 0 ? r : 0;
    cs_service_field fields[FIELDS_MAX];
    char numbers[FIELDS_MAX][40];
    size_t n = 0;
    const char *source = NULL, *locator = NULL, *quote = NULL, *name;
    json_t *v;
    json_object_foreach(o, name, v)
    {
        const char **slot = strcmp(name, "source") == 0    ? &source
                            : strcmp(name, "locator") == 0 ? &locator
                            : strcmp(name, "quote") == 0   ? &quote
                                                           : NULL;
        if (slot) {
            r = member_string(slot, ctx, o, name);
        } else {
            fields[n].field = name;
            r = member_text(&fields[n].value, numbers[n], sizeof numbers[n], ctx, name, v);
            n++;
        }
        if (r)
            break;
    }
    int rc = r < 0 ? r : 0;
    size_t changed = 0;
    if (!r && !(rc = cs_web_writer(&wsvc, ctx))) {
        rc = cs_service_edit_cluster(&changed, wsvc, &who, ctx->caps[0], fields, n, source, locator,
                                     quote);
        rc = rc ? refusal(ctx, rc, &answered) : 0;
        if (!rc && !answered) {
            cs_cluster_list *list = NULL;
            rc = cs_service_clusters(&list, wsvc, ctx->caps[0]);
            if (!rc) {
                cs_jsonw w;
                cs_api_json_begin(&w, ctx);
                cs_jsonw_open(&w, NULL, '{');
                cs_jsonw_int(&w, "changed", (long long)changed);
                write_revisions(&w, wsvc);
                cs_jsonw_open(&w, "cluster", '{');
                cs_api_write_cluster_fields(&w, cs_cluster_list_at(list, 0));
                cs_jsonw_close(&w, '}');
                cs_jsonw_close(&w, '}');
                rc = cs_api_json_end(&w, ctx);
            }
            cs_cluster_list_free(list);
        }
    }
    json_decref(o);
    return rc;
}

/* ---- POST /facts ---- */

int cs_api_fact_post(cs_web_ctx *ctx)
{
    int answered = 0;
    static const char *const members[] = { "subject_kind", "subject", "fact",  "year",  "value",
                                           "source",       "locator", "quote", "status" };
    cs_service_user who;
    cs_service *wsvc = NULL;
    json_t *o = NULL;
    int r = no_params(ctx);
    r = r ? r : author(&who, ctx);
    r = r ? r : body_object(&o, ctx);
    if (r)
        return r < 0 ? r : 0;
    const char *name;
    json_t *v;
    json_object_foreach(o, name, v)
    {
        size_t k = 0;
        while (k < sizeof members / sizeof members[0] && strcmp(members[k], name) != 0)
            k++;
        if (k == sizeof members / sizeof members[0]) {
            char msg[300];
            snprintf(msg, sizeof msg,
                     "unknown field '%.100s': expected subject_kind, subject, fact, year, value, "
                     "source, locator, quote, status",
                     name);
            json_decref(o);
            return cs_web_json_error(ctx, 400, "unknown_field", msg);
        }
    }
    cs_service_fact_edit e;
    memset(&e, 0, sizeof e);
    const char **texts[] = { &e.subject_kind, &e.subject, &e.fact,  &e.source,
                             &e.locator,      &e.quote,   &e.status };
    const char *names[] = { "subject_kind", "subject", "fact",  "source",
                            "locator",      "quote",   "status" };
    for (size_t i = 0; !r && i < 7; i++)
        r = member_string(texts[i], ctx, o, names[i]);
    /* a value may be written as a JSON number: the definition's type reads its text */
    char number[40];
    r = r ? r
          : member_text(&e.value, number, sizeof number, ctx, "value", json_object_get(o, "value"));
    json_t *year = json_object_get(o, "year");
    if (!r && year && !json_is_null(year)) {
        json_int_t y = json_is_integer(year) ? json_integer_value(year) : -1;
        if (y < 1000 || y > 2200) {
            r = cs_web_json_error(ctx, 400, "invalid_value",
                                  "'year': expected a whole number from 1000 to 2200, or null "
                                  "(undated)");
            r = r ? r : 1;
        } else {
            e.year = (int)y;
        }
    }
    int rc = r < 0 ? r : 0;
    long long revision = 0;
    if (!r && !(rc = cs_web_writer(&wsvc, ctx))) {
        rc = cs_service_put_fact(&revision, wsvc, &who, &e);
        rc = rc ? refusal(ctx, rc, &answered) : 0;
        if (!rc && !answered) {
            cs_jsonw w;
            cs_api_json_begin(&w, ctx);
            if (revision)
                cs_web_set_status(ctx, 201, CS_API_JSON);
            cs_jsonw_open(&w, NULL, '{');
            if (revision)
                cs_jsonw_int(&w, "revision", revision);
            else
                cs_jsonw_null(&w, "revision"); /* stored exactly so already */
            cs_jsonw_open(&w, "fact", '{');
            cs_jsonw_string(&w, "subject_kind", e.subject_kind);
            cs_jsonw_string(&w, "subject", e.subject);
            cs_jsonw_string(&w, "fact", e.fact);
            if (e.year)
                cs_jsonw_int(&w, "year", e.year);
            else
                cs_jsonw_null(&w, "year");
            cs_jsonw_string(&w, "value", e.value);
            cs_jsonw_string(&w, "status", e.status);
            cs_jsonw_string(&w, "source", e.source);
            cs_jsonw_string(&w, "locator", e.locator);
            cs_jsonw_string(&w, "quote", e.quote);
            cs_jsonw_close(&w, '}');
            cs_jsonw_close(&w, '}');
            rc = cs_api_json_end(&w, ctx);
        }
    }
    json_decref(o);
    return rc;
}

/* ---- POST /revisions/{id}/revert ---- */

int cs_api_revert_post(cs_web_ctx *ctx)
{
    int answered = 0;
    cs_service_user who;
    cs_service *wsvc = NULL;
    long long id = 0, revision = 0;
    int r = no_params(ctx);
    r = r ? r : author(&who, ctx);
    r = r ? r : path_id(&id, ctx, "revision");
    if (r)
        return r < 0 ? r : 0;
    int rc = cs_web_writer(&wsvc, ctx);
    rc = rc ? rc : cs_service_revert(&revision, wsvc, &who, id);
    rc = rc ? refusal(ctx, rc, &answered) : 0;
    if (!rc && !answered) {
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "revision", revision);
        cs_jsonw_int(&w, "reverts", id);
        cs_jsonw_close(&w, '}');
        rc = cs_api_json_end(&w, ctx);
    }
    return rc;
}

/* ---- registrations ---- */

static void write_registration(cs_jsonw *w, const cs_service_registration *r, int full)
{
    cs_jsonw_open(w, NULL, '{');
    cs_jsonw_int(w, "id", r->id);
    cs_jsonw_string(w, "time", r->time);
    cs_jsonw_string(w, "status", r->status);
    cs_jsonw_string(w, "key", r->cluster_key);
    cs_jsonw_string(w, "name_en", r->name_en);
    cs_jsonw_string(w, "name_ru", r->name_ru);
    cs_jsonw_string(w, "country", r->country);
    if (full) {
        cs_jsonw_string(w, "contact", r->contact);
        cs_jsonw_string(w, "moderator", r->moderator);
        cs_jsonw_string(w, "decided", r->decided);
        cs_jsonw_string(w, "reason", r->reason);
        json_t *fields = json_loads(r->fields_json ? r->fields_json : "{}", 0, NULL);
        cs_jsonw_open(w, "fields", '{');
        const char *name;
        json_t *v;
        json_object_foreach(fields, name, v)
        {
            cs_jsonw_string(w, name, json_is_string(v) ? json_string_value(v) : "");
        }
        cs_jsonw_close(w, '}');
        json_decref(fields);
    }
    cs_jsonw_close(w, '}');
}

int cs_api_registration_post(cs_web_ctx *ctx)
{
    int answered = 0;
    cs_service *wsvc = NULL;
    json_t *o = NULL;
    int r = no_params(ctx);
    r = r ? r : body_object(&o, ctx);
    if (r)
        return r < 0 ? r : 0;
    cs_service_field fields[FIELDS_MAX];
    char numbers[FIELDS_MAX][40];
    size_t n = 0;
    const char *contact = NULL, *name;
    json_t *v;
    json_object_foreach(o, name, v)
    {
        if (strcmp(name, "contact") == 0) {
            r = member_string(&contact, ctx, o, name);
        } else {
            fields[n].field = name;
            r = member_text(&fields[n].value, numbers[n], sizeof numbers[n], ctx, name, v);
            n++;
        }
        if (r)
            break;
    }
    int rc = r < 0 ? r : 0;
    long long id = 0;
    if (!r && !(rc = cs_web_writer(&wsvc, ctx))) {
        rc = cs_service_registration_submit(&id, wsvc, fields, n, contact, ctx->req->client);
        rc = rc ? refusal(ctx, rc, &answered) : 0;
        if (!rc && !answered) {
            cs_jsonw w;
            cs_api_json_begin(&w, ctx);
            /* accepted for moderation: nothing is public until an editor approves it */
            cs_web_set_status(ctx, 202, CS_API_JSON);
            cs_jsonw_open(&w, NULL, '{');
            cs_jsonw_open(&w, "registration", '{');
            cs_jsonw_int(&w, "id", id);
            cs_jsonw_string(&w, "status", "pending");
            cs_jsonw_close(&w, '}');
            cs_jsonw_close(&w, '}');
            rc = cs_api_json_end(&w, ctx);
        }
    }
    json_decref(o);
    return rc;
}

int cs_api_registrations_get(cs_web_ctx *ctx)
{
    int answered = 0;
    static const char *const allowed[] = { "status", NULL };
    cs_service_user who;
    int r = cs_api_check_params(ctx, allowed);
    r = r ? r : author(&who, ctx);
    if (r)
        return r < 0 ? r : 0;
    cs_service_registration_list *l = NULL;
    /* the queue is read on the connection that writes it: a decision just made is in it */
    cs_service *wsvc = NULL;
    int rc = cs_web_writer(&wsvc, ctx);
    rc =
        rc ? rc : cs_service_registrations(&l, wsvc, &who, cs_web_param_get(&ctx->query, "status"));
    rc = rc ? refusal(ctx, rc, &answered) : 0;
    if (!rc && !answered) {
        cs_jsonw w;
        cs_api_json_begin(&w, ctx);
        int nr = cs_web_add_header(ctx, "Cache-Control", "no-store");
        cs_jsonw_open(&w, NULL, '{');
        cs_jsonw_int(&w, "total", (long long)cs_service_registrations_count(l));
        cs_jsonw_open(&w, "registrations", '[');
        for (size_t i = 0; i < cs_service_registrations_count(l); i++)
            write_registration(&w, cs_service_registrations_at(l, i), 1);
        cs_jsonw_close(&w, ']');
        cs_jsonw_close(&w, '}');
        rc = nr ? nr : cs_api_json_end(&w, ctx);
    }
    cs_service_registrations_free(l);
    return rc;
}

static int decide(cs_web_ctx *ctx, int approve)
{
    int answered = 0;
    cs_service_user who;
    cs_service *wsvc = NULL;
    json_t *o = NULL;
    long long id = 0;
    int r = no_params(ctx);
    r = r ? r : author(&who, ctx);
    r = r ? r : path_id(&id, ctx, "registration");
    const char *reason = NULL;
    /* approve takes no body (or an empty object); reject takes {"reason": ...} */
    if (!r && (!approve || ctx->req->body_len > 0)) {
        r = body_object(&o, ctx);
        r = r ? r : member_string(&reason, ctx, o, "reason");
        const char *name;
        json_t *v;
        json_object_foreach(o, name, v)
        {
            if (!r && strcmp(name, "reason") != 0) {
                char msg[200];
                snprintf(msg, sizeof msg, "unknown field '%.100s': expected reason", name);
                r = cs_web_json_error(ctx, 400, "unknown_field", msg);
                r = r ? r : 1;
            }
        }
    }
    int rc = r < 0 ? r : 0;
    if (!r && !(rc = cs_web_writer(&wsvc, ctx))) {
        rc = cs_service_registration_decide(wsvc, &who, id, approve, reason);
        rc = rc ? refusal(ctx, rc, &answered) : 0;
        cs_service_registration_list *l = NULL;
        if (!rc && !answered)
            rc = cs_service_registrations(&l, wsvc, &who, NULL);
        if (!rc && !answered) {
            cs_jsonw w;
            cs_api_json_begin(&w, ctx);
            cs_jsonw_open(&w, NULL, '{');
            for (size_t i = 0; i < cs_service_registrations_count(l); i++)
                if (cs_service_registrations_at(l, i)->id == id) {
                    cs_jsonw_key(&w, "registration");
                    write_registration(&w, cs_service_registrations_at(l, i), 1);
                }
            write_revisions(&w, wsvc);
            cs_jsonw_close(&w, '}');
            rc = cs_api_json_end(&w, ctx);
        }
        cs_service_registrations_free(l);
    }
    json_decref(o);
    return rc;
}

int cs_api_registration_approve(cs_web_ctx *ctx)
{
    return decide(ctx, 1);
}

int cs_api_registration_reject(cs_web_ctx *ctx)
{
    return decide(ctx, 0);
}

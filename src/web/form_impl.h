/*
 * form_impl.h: what the pages that write share (session.c): who is signed in, CSRF tokens, the
 * failed-login limit, redirects, and the answer to a service's refusal. Nothing here allocates
 * for the caller: tokens live in the context, the limit table belongs to the app
 * (cs_web_login_limit_new() at the app's start, cs_web_login_limit_free() at its end).
 *
 * Invariants:
 * - Every POST of a page checks its form's csrf field before anything is read or written: a
 *   signed-in user's forms carry the session's token; the forms of anonymous visitors (login,
 *   registration) carry a random token that must equal the cs_csrf cookie (double submit).
 * - A page that names the user or carries a token sets ctx->no_store: the router neither
 *   caches it nor lets a browser or proxy keep it.
 */
#ifndef CS_WEB_FORM_IMPL_H
#define CS_WEB_FORM_IMPL_H

#include "web/page_impl.h"

#define CS_WEB_CSRF_COOKIE  "cs_csrf"
#define CS_WEB_LOGIN_FAILS  5   /* failed logins from one address ... */
#define CS_WEB_LOGIN_WINDOW 300 /* ... within this many seconds, then 429 until it passes */

/* The login limit, shared by every thread of the app (a mutex inside). */
struct cs_web_login_limit *cs_web_login_limit_new(void);
void cs_web_login_limit_free(struct cs_web_login_limit *l);
/* Seconds until CLIENT may try again (0: now). */
long cs_web_login_blocked(cs_web_app *app, const char *client);
/* Counts one failed login of CLIENT. */
void cs_web_login_failed(cs_web_app *app, const char *client);

/* Reads the session cookie of a page request into ctx->user, ctx->csrf and ctx->signed_in;
 * an unknown or expired session is anonymous (0), a failing registry an error. */
int cs_web_session_load(cs_web_ctx *ctx);
/* Whether the signed-in user has at least ROLE ("viewer" < "editor" < "admin"). */
int cs_web_has_role(const cs_web_ctx *ctx, const char *role);
/* For a page only a ROLE may see or post to: 1 when it has answered (anonymous: 303 to the login
 * page, which comes back to BACK, a path under the language prefix; too low a role: 403 page),
 * 0 to go on, or an error. */
int cs_web_need_role(cs_web_ctx *ctx, const char *role, const char *back);

/* The hidden csrf field of a form: the session's token, or (ANONYMOUS) the double-submit token,
 * set as a cookie when the request has none. */
int cs_web_csrf_field(cs_web_ctx *ctx, int anonymous);
/* Whether the posted csrf field is the right one (compared in constant time). */
int cs_web_csrf_ok(const cs_web_ctx *ctx, int anonymous);
/* The 403 page of a form whose token is missing or wrong. */
int cs_web_csrf_refused(cs_web_ctx *ctx);

/* Appends S percent-encoded for a URL's path or query. */
int cs_web_url_put(cs_buf *b, const char *s);
/* 303 See Other to LOCATION (a path on this server). */
int cs_web_redirect(cs_web_ctx *ctx, const char *location);
/* The page status for a service's refusal RC (CS_EDATA 422, CS_EPERM 403, CS_ENOTFOUND 404,
 * CS_ECONFLICT 409, CS_ELIMIT 429), 0 for any other code (an error to pass on). */
int cs_web_refusal_status(int rc);
/* <p class="notice" role="status"> with the catalogue's words for the notice=KEY parameter when
 * it is one of KNOWN (NULL-terminated); nothing otherwise. */
int cs_web_notice(cs_web_ctx *ctx, const char *const *known);
/* <p class="error" id=ID role="alert">MESSAGE</p>. */
int cs_web_form_error(cs_web_ctx *ctx, const char *id, const char *message);

/* The page handlers that write (page_account.c, page_edit.c, page_register.c). */
int cs_web_login_page(cs_web_ctx *ctx);
int cs_web_login_post(cs_web_ctx *ctx);
int cs_web_logout_post(cs_web_ctx *ctx);
int cs_web_edit_profile_post(cs_web_ctx *ctx);
int cs_web_put_fact_post(cs_web_ctx *ctx);
int cs_web_revert_post(cs_web_ctx *ctx);
int cs_web_register_page(cs_web_ctx *ctx);
int cs_web_register_post(cs_web_ctx *ctx);
int cs_web_register_sent_page(cs_web_ctx *ctx);
int cs_web_moderation_page(cs_web_ctx *ctx);
int cs_web_moderation_post(cs_web_ctx *ctx);

/* What the cluster page shows again after a refused form: which form ("profile", "fact" or
 * "revert"), the values sent, and the service's message with the field it names (or NULL). */
typedef struct {
    const char *form;
    const char *error;
    const char *error_field;
} cs_web_form_state;

/* The cluster page (page_cluster.c), with a refused form's values and message when ST is set. */
int cs_web_cluster_page_with(cs_web_ctx *ctx, const cs_web_form_state *st);
/* The editor's forms of the cluster page (page_edit.c), after its facts; and the revert cell of
 * a history row for an admin. */
int cs_web_edit_forms(cs_web_ctx *ctx, const cs_cluster_info *ci, const cs_source_list *sources,
                      const cs_web_form_state *st);
int cs_web_revert_cell(cs_web_ctx *ctx, const char *key, const cs_service_revision *r);

#endif

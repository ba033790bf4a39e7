/*
 * service_news.c: the news of the registry and its digest issues (service.h). The filters are
 * checked here, so the store reads what it is given; one read transaction covers every read of
 * a call, so a digest's issue, texts and items are of one state of the registry.
 */
#include "clusterscope/service.h"

#include "clusterscope/error.h"
#include "service/service_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = { "event", "interview", "bulletin", "publication",
                                     "announcement" };

const char *cs_news_kind_name(size_t i)
{
    return i < sizeof kinds / sizeof kinds[0] ? kinds[i] : NULL;
}

int cs_service_check_month(const char *month)
{
    if (!month)
        return cs_error_set(CS_EUSAGE, "no month given: expected YYYY-MM");
    size_t n = strlen(month);
    for (size_t i = 0; i < 7; i++) {
        int digit = month[i] >= '0' && month[i] <= '9';
        if (i < n && (i == 4 ? month[i] == '-' : digit))
            continue;
        if (i >= n)
            return cs_error_set(CS_EUSAGE,
                                "month '%s': character %zu: expected %s, found the end of the "
                                "month (a month is YYYY-MM)",
                                month, i + 1, i == 4 ? "'-'" : "a digit");
        return cs_error_set(CS_EUSAGE,
                            "month '%s': character %zu: expected %s, found '%c' (a month is "
                            "YYYY-MM)",
                            month, i + 1, i == 4 ? "'-'" : "a digit", month[i]);
    }
    if (n > 7)
        return cs_error_set(CS_EUSAGE,
                            "month '%s': character 8: expected the end of the month, found '%c' "
                            "(a month is YYYY-MM)",
                            month, month[7]);
    int m = (month[5] - '0') * 10 + (month[6] - '0');
    if (m < 1 || m > 12)
        return cs_error_set(CS_EUSAGE,
                            "month '%s': character 6: expected a month from 01 to 12, found '%.2s'",
                            month, month + 5);
    return 0;
}

static int check_kind(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return 0;
    return cs_error_set(CS_EUSAGE,
                        "news kind '%s': expected event, interview, bulletin, publication or "
                        "announcement",
                        kind);
}

/* Opens a read transaction unless one is open; *mine says whether to end it. */
static int read_begin(int *mine, cs_service *svc)
{
    *mine = !cs_store_in_transaction(svc->store);
    return *mine ? cs_store_read_begin(svc->store) : 0;
}

int cs_service_news(cs_news_list **out, cs_service *svc, const cs_news_filter *filter)
{
    static const cs_news_filter none = { 0 };
    const cs_news_filter *f = filter ? filter : &none;
    int rc = f->month ? cs_service_check_month(f->month) : 0;
    if (!rc && f->kind)
        rc = check_kind(f->kind);
    if (rc)
        return rc;
    int mine;
    rc = read_begin(&mine, svc);
    if (rc)
        return rc;
    rc = cs_store_news(out, svc->store, f->cluster, f->month, f->kind, f->limit, 0);
    if (mine)
        cs_store_read_end(svc->store);
    return rc;
}

/* What a cs_digest owns besides itself. */
typedef struct {
    cs_digest d;
    cs_digest_issue *issue;
    cs_news_list *items;
    char month[8];
} digest_owned;

void cs_digest_free(cs_digest *d)
{
    if (!d)
        return;
    digest_owned *o = (digest_owned *)d;
    cs_digest_issue_free(o->issue);
    cs_news_list_free(o->items);
    free(o);
}

/* The month's items, oldest first then by key; CS_EDATA when there are none. */
static int month_items(cs_news_list **out, cs_store *store, const char *month)
{
    cs_news_list *list = NULL;
    int rc = cs_store_news(&list, store, NULL, month, NULL, 0, 1);
    if (rc)
        return rc;
    if (cs_news_list_count(list) == 0) {
        cs_news_list_free(list);
        return cs_error_set(CS_EDATA, "the registry has no news item dated in %s", month);
    }
    *out = list;
    return 0;
}

static int digest_read(digest_owned *o, cs_store *store, long long number, const char *month)
{
    int rc = cs_store_digest_issue(&o->issue, store, number);
    if (!rc) {
        if (month && strcmp(month, o->issue->month) != 0)
            return cs_error_set(CS_EUSAGE,
                                "digest issue %lld is of %s, not of %s: give its month or "
                                "another issue number",
                                number, o->issue->month, month);
        o->d.recorded = 1;
        memcpy(o->month, o->issue->month,
               strlen(o->issue->month) < 8 ? strlen(o->issue->month) : 7);
        return cs_store_digest_items(&o->items, store, number);
    }
    if (rc != CS_ENOTFOUND)
        return rc;
    if (!month)
        return cs_error_set(CS_EDATA,
                            "no digest issue %lld in the registry: give a month to make one of "
                            "that month's news",
                            number);
    memcpy(o->month, month, 7);
    rc = month_items(&o->items, store, month);
    long long from = 0;
    if (!rc)
        rc = cs_store_digest_latest(&from, store, number);
    if (!rc && from == 0)
        rc = cs_store_digest_latest(&from, store, 0);
    if (!rc && from > 0) {
        o->d.texts_from = from;
        rc = cs_store_digest_issue(&o->issue, store, from);
    }
    return rc;
}

int cs_service_digest(cs_digest **out, cs_service *svc, long long number, const char *month)
{
    if (number < 1)
        return cs_error_set(CS_EUSAGE, "digest issue %lld: expected a number from 1", number);
    int rc = month ? cs_service_check_month(month) : 0;
    if (rc)
        return rc;
    digest_owned *o = calloc(1, sizeof *o);
    if (!o)
        return cs_error_set(CS_ENOMEM, "out of memory reading the digest");
    int mine;
    rc = read_begin(&mine, svc);
    if (!rc) {
        rc = digest_read(o, svc->store, number, month);
        if (mine)
            cs_store_read_end(svc->store);
    }
    if (rc) {
        cs_digest_free(&o->d);
        return rc;
    }
    o->d.number = number;
    o->d.month = o->month;
    o->d.issue = o->issue;
    o->d.items = o->items;
    *out = &o->d;
    return 0;
}

/*
 * digest_atom.c: news items as an Atom 1.0 feed (RFC 4287; report.h). Ids are URNs made of the
 * registry's keys and dates are the items' own, so the same registry gives the same feed and a
 * reader that saw an entry once knows it again; no clock is read.
 */
#include "clusterscope/error.h"
#include "clusterscope/report.h"
#include "report/digest_impl.h"

#include <stdio.h>
#include <string.h>

/* An item's date (YYYY, YYYY-MM or YYYY-MM-DD) as an RFC 3339 time at midnight UTC. */
static void rfc3339(char out[32], const char *date)
{
    char y[5] = "1970", m[3] = "01", d[3] = "01";
    size_t n = date ? strlen(date) : 0;
    if (n >= 4)
        memcpy(y, date, 4);
    if (n >= 7)
        memcpy(m, date + 5, 2);
    if (n >= 10)
        memcpy(d, date + 8, 2);
    snprintf(out, 32, "%s-%s-%sT00:00:00Z", y, m, d);
}

/* KEY as the last part of a URN: bytes other than letters, digits and -._~ percent-encoded. */
static int put_urn_key(cs_buf *b, const char *key)
{
    int rc = 0;
    for (const unsigned char *s = (const unsigned char *)key; *s && !rc; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("-._~", *s))
            rc = cs_buf_putc(b, (char)*s);
        else
            rc = cs_buf_printf(b, "%%%02X", *s);
    }
    return rc;
}

static int http_link(const char *url)
{
    return url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
}

int cs_report_digest_atom(char **out, size_t *len, const cs_news_list *items, const cs_digest *d,
                          cs_lang lang)
{
    cs_buf b = CS_BUF_INIT;
    size_t n = cs_news_list_count(items);
    char updated[32] = "1970-01-01T00:00:00Z";
    for (size_t i = 0; i < n; i++) {
        char t[32];
        rfc3339(t, cs_news_list_at(items, i)->date);
        if (strcmp(t, updated) > 0)
            memcpy(updated, t, sizeof t);
    }
    int rc = cs_buf_printf(&b,
                           "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                           "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n",
                           cs_lang_name(lang));
    if (!rc && d)
        rc = cs_buf_printf(&b, "  <id>urn:clusterscope:digest:%lld</id>\n", d->number);
    else if (!rc)
        rc = cs_buf_puts(&b, "  <id>urn:clusterscope:news</id>\n");
    if (!rc)
        rc = cs_buf_puts(&b, "  <title>");
    if (!rc && d) {
        const char *title =
            d->issue ? (lang == CS_LANG_RU ? d->issue->title_ru : d->issue->title_en) : NULL;
        rc = cs_digest_put(&b, title ? title : cs_i18n_text(lang, "dg_title"));
        if (!rc)
            rc = cs_buf_puts(&b, " &#8212; ");
        if (!rc)
            rc = cs_buf_printf(&b, cs_i18n_text(lang, "dg_issue"), d->number);
        if (!rc)
            rc = cs_buf_puts(&b, ", ");
        if (!rc)
            rc = cs_digest_put_month(&b, d->month, lang);
    } else if (!rc) {
        rc = cs_digest_put(&b, cs_i18n_text(lang, "dg_feed_title"));
    }
    if (!rc)
        rc = cs_buf_printf(&b, "</title>\n  <updated>%s</updated>\n  <author><name>", updated);
    /* the feed's author: the publisher's last level (the one that writes the digest) */
    const char *pub = d && d->issue ? d->issue->publisher : NULL;
    const char *last = pub ? strrchr(pub, '|') : NULL;
    if (!rc)
        rc = cs_digest_put(&b, pub ? (last ? last + 1 : pub) : "clusterscope");
    if (!rc)
        rc = cs_buf_puts(&b, "</name></author>\n  <generator>clusterscope</generator>\n");
    for (size_t i = 0; i < n && !rc; i++) {
        const cs_news_item *it = cs_news_list_at(items, i);
        cs_digest_words w;
        char t[32];
        cs_digest_item_words(&w, it, lang);
        rfc3339(t, it->date);
        rc = cs_buf_puts(&b, "  <entry>\n    <id>urn:clusterscope:news:");
        if (!rc)
            rc = put_urn_key(&b, it->key);
        if (!rc)
            rc = cs_buf_puts(&b, "</id>\n    <title");
        if (!rc && w.title_foreign)
            rc = cs_buf_printf(&b, " xml:lang=\"%s\"", it->lang);
        if (!rc)
            rc = cs_buf_puts(&b, ">");
        if (!rc)
            rc = cs_digest_put(&b, w.title);
        if (!rc)
            rc = cs_buf_printf(&b, "</title>\n    <updated>%s</updated>\n    <author><name>", t);
        if (!rc)
            rc = cs_digest_put(&b, it->outlet);
        if (!rc)
            rc = cs_buf_puts(&b, "</name></author>\n    <category term=\"");
        if (!rc)
            rc = cs_digest_put(&b, it->kind);
        if (!rc)
            rc = cs_buf_puts(&b, "\"/>\n");
        if (!rc && http_link(it->url)) {
            rc = cs_buf_puts(&b, "    <link rel=\"alternate\" href=\"");
            if (!rc)
                rc = cs_digest_put(&b, it->url);
            if (!rc)
                rc = cs_buf_puts(&b, "\"/>\n");
        }
        if (!rc && http_link(it->file_url)) {
            rc = cs_buf_puts(&b, "    <link rel=\"enclosure\" href=\"");
            if (!rc)
                rc = cs_digest_put(&b, it->file_url);
            if (!rc && it->file_bytes >= 0)
                rc = cs_buf_printf(&b, "\" length=\"%lld", it->file_bytes);
            if (!rc)
                rc = cs_buf_puts(&b, "\"/>\n");
        }
        const char *summary = w.summary ? w.summary : w.lead;
        if (!rc && summary) {
            rc = cs_buf_puts(&b, "    <summary type=\"text\"");
            if (!rc && !w.summary && w.text_foreign)
                rc = cs_buf_printf(&b, " xml:lang=\"%s\"", it->lang);
            if (!rc)
                rc = cs_buf_puts(&b, ">");
            if (!rc)
                rc = cs_digest_put(&b, summary);
            if (!rc)
                rc = cs_buf_puts(&b, "</summary>\n");
        }
        /* RFC 4287 4.1.1: an entry without an alternate link carries its content */
        if (!rc && !http_link(it->url)) {
            const char *text = summary ? summary : w.body ? w.body : w.title;
            rc = cs_buf_puts(&b, "    <content type=\"text\"");
            if (!rc && (text == w.title ? w.title_foreign : !w.summary && w.text_foreign))
                rc = cs_buf_printf(&b, " xml:lang=\"%s\"", it->lang);
            if (!rc)
                rc = cs_buf_puts(&b, ">");
            if (!rc)
                rc = cs_digest_put(&b, text);
            if (!rc)
                rc = cs_buf_puts(&b, "</content>\n");
        }
        if (!rc)
            rc = cs_buf_puts(&b, "  </entry>\n");
    }
    if (!rc)
        rc = cs_buf_puts(&b, "</feed>\n");
    if (rc) {
        cs_buf_free(&b);
        return rc;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

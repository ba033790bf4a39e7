/*
 * news_feed.c: news items from a saved RSS 2.0 or Atom 1.0 feed, parsed by libxml2 (the only
 * file that includes it). The parser never goes to the network (XML_PARSE_NONET), substitutes
 * no entities and loads no DTD; a feed that declares entities of its own is refused, so no text
 * grows beyond the file. Texts that feeds write as HTML (an RSS description, an Atom text of
 * type "html") become plain text: tags dropped, entities decoded (cs_news_html_text).
 */
#include "ingest/news_doc.h"

#include "clusterscope/error.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATOM_NS    "http://www.w3.org/2005/Atom"
#define CONTENT_NS "http://purl.org/rss/1.0/modules/content/"
#define DC_NS      "http://purl.org/dc/elements/1.1/"

/* The largest feed read: as a JSON document (ingest.h). */
#define FEED_MAX_BYTES ((size_t)1 << 30)

typedef struct {
    const char *path;
    const cs_news_defaults *defaults;
    cs_news_doc *doc;
    const char *outlet; /* the feed's title, as text */
    const char *lang;   /* "ru", "en" or NULL (then by the item's title) */
    cs_buf scratch;
} feed;

static int named(const xmlNode *n, const char *name, const char *ns)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return 0;
    if (!ns)
        return n->ns == NULL;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *name, const char *ns)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (named(c, name, ns))
            return c;
    return NULL;
}

static long line_of(const xmlNode *n)
{
    long line = n ? xmlGetLineNo(n) : 0;
    return line > 0 ? line : 0;
}

/* The text of an element written as HTML, as plain text into OUT (reset first). */
static int element_text(cs_buf *out, const xmlNode *n)
{
    cs_buf_reset(out);
    xmlChar *content = xmlNodeGetContent(n);
    if (!content)
        return cs_buf_puts(out, "");
    int rc = cs_news_html_text(out, (const char *)content, strlen((const char *)content));
    xmlFree(content);
    return rc;
}

/* Whether an Atom text construct holds HTML (type="html"); "text" and "xhtml" do not. */
static int atom_html(const xmlNode *n)
{
    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
    int html = type && strcmp((const char *)type, "html") == 0;
    xmlFree(type);
    return html;
}

static int set_text(feed *f, struct cs_news_rec *rec, const char *name, const xmlNode *n, int html)
{
    if (!n)
        return 0;
    int rc = 0;
    if (html) {
        rc = element_text(&f->scratch, n);
    } else {
        /* plain text: the XML parser decoded its entities already; only spaces are tidied */
        cs_buf_reset(&f->scratch);
        xmlChar *content = xmlNodeGetContent(n);
        const char *s = content ? (const char *)content : "";
        rc = cs_buf_puts(&f->scratch, "");
        int space = 0;
        for (; !rc && *s; s++) {
            if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
                space = f->scratch.len > 0;
                continue;
            }
            if ((unsigned char)*s < 0x20)
                continue;
            if (space)
                rc = cs_buf_putc(&f->scratch, ' ');
            space = 0;
            rc = rc ? rc : cs_buf_putc(&f->scratch, *s);
        }
        xmlFree(content);
    }
    if (rc || f->scratch.len == 0)
        return rc;
    return cs_news_rec_set(rec, name, cs_buf_str(&f->scratch), f->scratch.len, line_of(n), 0);
}

/* ---- dates ---- */

static int digits(const char *s, int n, int *value)
{
    *value = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *value = *value * 10 + (s[i] - '0');
    }
    return 1;
}

static int valid_day(int y, int m, int d)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1000 || y > 2200 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* RFC 3339 (Atom, dc:date): YYYY-MM-DD, then "T" and a time or nothing. The date as written:
 * the day the feed gives, in its own time zone. */
static int date_3339(char out[40], const char *s)
{
    int y, m, d;
    if (strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
        s[7] != '-' || !digits(s + 8, 2, &d) || !valid_day(y, m, d))
        return 0;
    if (s[10] && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return 0;
    if (s[10]) { /* HH:MM:SS then a fraction and a zone: only the shape is checked */
        int hh, mm, ss;
        if (strlen(s) < 19 || !digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm) ||
            s[16] != ':' || !digits(s + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 60)
            return 0;
    }
    snprintf(out, 40, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* RFC 822 (RSS pubDate, with RFC 1123's four-digit years): "[Tue, ]24 Dec 2019 10:00:00 +0300". */
static int date_822(char out[40], const char *s)
{
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    while (*s == ' ')
        s++;
    const char *comma = strchr(s, ',');
    if (comma) {
        if (comma - s != 3)
            return 0;
        s = comma + 1;
    }
    while (*s == ' ')
        s++;
    int d = 0, n = 0;
    while (s[n] >= '0' && s[n] <= '9' && n < 2)
        d = d * 10 + (s[n++] - '0');
    if (n == 0 || s[n] != ' ')
        return 0;
    s += n + 1;
    int m = 0;
    while (m < 12 && strncmp(s, months[m], 3) != 0)
        m++;
    if (m == 12 || s[3] != ' ')
        return 0;
    s += 4;
    int y;
    if (!digits(s, 4, &y) || (s[4] != ' ' && s[4] != '\0') || !valid_day(y, m + 1, d))
        return 0;
    if (s[4]) {
        s += 5;
        int hh, mm;
        if (!digits(s, 2, &hh) || s[2] != ':' || !digits(s + 3, 2, &mm) || hh > 23 || mm > 59)
            return 0;
    }
    snprintf(out, 40, "%04d-%02d-%02d", y, m + 1, d);
    return 1;
}

static int set_date(feed *f, struct cs_news_rec *rec, const xmlNode *n, int rfc822,
                    const xmlNode *item)
{
    if (!n)
        return cs_error_data(f->path, line_of(item), 0,
                             rfc822 ? "a <pubDate> (or <dc:date>) in the item"
                                    : "a <published> or <updated> date in the entry",
                             "none");
    xmlChar *content = xmlNodeGetContent(n);
    const char *s = content ? (const char *)content : "";
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    char text[200];
    snprintf(text, sizeof text, "%s", s);
    for (size_t k = strlen(text); k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\n' ||
                                            text[k - 1] == '\t' || text[k - 1] == '\r');)
        text[--k] = '\0';
    xmlFree(content);
    char date[40];
    if (!(rfc822 && named(n, "pubDate", NULL) ? date_822(date, text) : date_3339(date, text)))
        return cs_error_data(f->path, line_of(n), 0,
                             rfc822 && named(n, "pubDate", NULL)
                                 ? "an RFC 822 date (Tue, 24 Dec 2019 10:00:00 +0300)"
                                 : "an RFC 3339 date (2019-12-24T10:00:00+03:00)",
                             text);
    return cs_news_rec_set(rec, "date", date, 10, line_of(n), 0);
}

/* ---- keys ---- */

/* A key from a guid, an id or a link: letters and digits lower-cased, other runs as one '-',
 * the scheme and "www." left out; over 60 bytes (or none left), cut and followed by a hash of
 * the whole, so that the same id gives the same key on every import. */
static int make_key(feed *f, char out[80], const char *id)
{
    const char *s = id;
    static const char *const prefixes[] = { "https://", "http://", "urn:", "tag:" };
    for (size_t i = 0; i < 4; i++)
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0) {
            s += strlen(prefixes[i]);
            break;
        }
    if (strncmp(s, "www.", 4) == 0)
        s += 4;
    size_t n = 0;
    int dash = 0;
    for (; *s && n < 79; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n)
                out[n++] = '-';
            dash = 0;
            if (n < 79)
                out[n++] = c;
        } else {
            dash = 1;
        }
    }
    out[n] = '\0';
    int cut = *s != '\0' || n > 60;
    /* ASCII letters and digits only: a key of another script is left to the hash */
    int other = 0;
    for (const char *p = id; *p; p++)
        other |= (unsigned char)*p >= 0x80;
    if (cut || n == 0 || other) {
        uint32_t h = 2166136261u;
        for (const unsigned char *p = (const unsigned char *)id; *p; p++)
            h = (h ^ *p) * 16777619u;
        if (n > 50)
            n = 50;
        while (n && out[n - 1] == '-')
            n--;
        snprintf(out + n, 80 - n, "%s%08x", n ? "-" : "item-", h);
    }
    (void)f;
    return 0;
}

static int has_cyrillic(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)s[0] == 0xD0 || (unsigned char)s[0] == 0xD1)
            return 1;
    return 0;
}

/* ---- items ---- */

static int read_item(feed *f, const xmlNode *item, int atom)
{
    struct cs_news_rec *rec = cs_news_doc_add(f->doc, "news", line_of(item));
    if (!rec)
        return cs_error_set(CS_ENOMEM, "out of memory");
    const xmlNode *title = child(item, "title", atom ? ATOM_NS : NULL);
    int rc = set_text(f, rec, "title", title, atom ? atom_html(title) : 1);
    /* the link: RSS <link>; Atom the <link> of rel "alternate" (or of no rel) */
    const xmlNode *link = NULL;
    char *url = NULL;
    if (!atom) {
        link = child(item, "link", NULL);
        xmlChar *c = link ? xmlNodeGetContent(link) : NULL;
        url = c ? strdup((const char *)c) : NULL;
        xmlFree(c);
    } else {
        for (xmlNode *c = item->children; c && !url; c = c->next) {
            if (!named(c, "link", ATOM_NS))
                continue;
            xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
            xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
            if (href && (!rel || strcmp((const char *)rel, "alternate") == 0)) {
                url = strdup((const char *)href);
                link = c;
            }
            xmlFree(rel);
            xmlFree(href);
        }
    }
    if (url) { /* spaces around a link are the file's layout */
        char *s = url;
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
            s++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        if (!rc && n)
            rc = cs_news_rec_set(rec, "url", s, n, line_of(link), 0);
    }
    /* the key: guid or id, else the link */
    const xmlNode *id = child(item, atom ? "id" : "guid", atom ? ATOM_NS : NULL);
    xmlChar *idtext = id ? xmlNodeGetContent(id) : NULL;
    const char *idstr = idtext && *idtext ? (const char *)idtext : NULL;
    const char *ku = cs_news_rec_get(rec, "url");
    if (!rc && !idstr && !ku)
        rc = cs_error_data(f->path, line_of(item), 0,
                           atom ? "an <id> or a <link> in the entry (its key)"
                                : "a <guid> or a <link> in the item (its key)",
                           "none");
    if (!rc) {
        char key[80];
        /* an id of spaces around it is the same id */
        char *trimmed = strdup(idstr ? idstr : ku);
        if (!trimmed)
            rc = cs_error_set(CS_ENOMEM, "out of memory");
        else {
            char *s = trimmed;
            while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
                s++;
            size_t n = strlen(s);
            while (n &&
                   (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
                s[--n] = '\0';
            make_key(f, key, s);
            rc = cs_news_rec_set(rec, "key", key, strlen(key), line_of(idstr ? id : link), 0);
            free(trimmed);
        }
    }
    xmlFree(idtext);
    free(url);
    /* the date: RSS pubDate (or dc:date); Atom published, else updated */
    if (!rc) {
        const xmlNode *date =
            atom ? child(item, "published", ATOM_NS) : child(item, "pubDate", NULL);
        if (!date)
            date = atom ? child(item, "updated", ATOM_NS) : child(item, "date", DC_NS);
        rc = set_date(f, rec, date, !atom, item);
    }
    /* texts: a description or summary is the lead, a full content the body */
    if (!rc) {
        const xmlNode *lead =
            atom ? child(item, "summary", ATOM_NS) : child(item, "description", NULL);
        const xmlNode *body =
            atom ? child(item, "content", ATOM_NS) : child(item, "encoded", CONTENT_NS);
        rc = set_text(f, rec, "lead", lead, atom ? atom_html(lead) : 1);
        rc = rc ? rc : set_text(f, rec, "body", body, atom ? atom_html(body) : 1);
    }
    if (!rc && f->outlet)
        rc = cs_news_rec_set(rec, "outlet", f->outlet, strlen(f->outlet), line_of(item), 0);
    const char *lang = f->lang                                       ? f->lang
                       : has_cyrillic(cs_news_rec_get(rec, "title")) ? "ru"
                                                                     : "en";
    rc = rc ? rc : cs_news_rec_set(rec, "lang", lang, 2, line_of(item), 0);
    const char *kind = f->defaults && f->defaults->kind ? f->defaults->kind : "event";
    rc = rc ? rc : cs_news_rec_set(rec, "kind", kind, strlen(kind), line_of(item), 0);
    if (!rc && f->defaults && f->defaults->source)
        rc = cs_news_rec_set(rec, "source", f->defaults->source, strlen(f->defaults->source),
                             line_of(item), 0);
    return rc;
}

/* "ru", "ru-RU", "en-us": the two languages the registry writes; others: NULL. */
static const char *language(const char *tag)
{
    if (!tag)
        return NULL;
    while (*tag == ' ' || *tag == '\n' || *tag == '\t')
        tag++;
    if ((tag[0] == 'r' || tag[0] == 'R') && (tag[1] == 'u' || tag[1] == 'U') &&
        (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_' || tag[2] == ' ' || tag[2] == '\n'))
        return "ru";
    if ((tag[0] == 'e' || tag[0] == 'E') && (tag[1] == 'n' || tag[1] == 'N') &&
        (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_' || tag[2] == ' ' || tag[2] == '\n'))
        return "en";
    return NULL;
}

static int read_feed(feed *f, xmlDoc *xml)
{
    xmlNode *root = xmlDocGetRootElement(xml);
    if (!root)
        return cs_error_data(f->path, 1, 0, "an RSS 2.0 or Atom 1.0 feed", "no element");
    if (xml->intSubset && xml->intSubset->entities)
        return cs_error_data(f->path, line_of(root), 0, "a feed that declares no entities",
                             "an entity declaration in its <!DOCTYPE>");
    int atom = named(root, "feed", ATOM_NS);
    xmlNode *channel = NULL;
    if (!atom) {
        if (!named(root, "rss", NULL)) {
            char found[160];
            snprintf(found, sizeof found, "<%.100s>%s", (const char *)root->name,
                     root->ns ? " of another namespace" : "");
            return cs_error_data(f->path, line_of(root), 0,
                                 "an RSS 2.0 <rss> or Atom 1.0 <feed> element", found);
        }
        channel = child(root, "channel", NULL);
        if (!channel)
            return cs_error_data(f->path, line_of(root), 0, "a <channel> in <rss>", "none");
    }
    const xmlNode *head = atom ? root : channel;
    const xmlNode *title = child(head, "title", atom ? ATOM_NS : NULL);
    cs_buf outlet = CS_BUF_INIT;
    int rc = title ? element_text(&outlet, title) : 0;
    if (!rc && outlet.len == 0)
        rc = cs_error_data(f->path, line_of(title ? title : head), 0,
                           atom ? "a <title> of the feed (the outlet)"
                                : "a <title> of the channel (the outlet)",
                           "none");
    f->outlet = cs_buf_str(&outlet);
    xmlChar *lang = NULL;
    if (!rc) {
        if (atom)
            lang = xmlNodeGetLang(root);
        else {
            const xmlNode *l = child(channel, "language", NULL);
            lang = l ? xmlNodeGetContent(l) : NULL;
        }
        f->lang = language((const char *)lang);
    }
    size_t items = 0;
    for (xmlNode *c = (xmlNode *)head->children; !rc && c; c = c->next)
        if (named(c, atom ? "entry" : "item", atom ? ATOM_NS : NULL)) {
            rc = read_item(f, c, atom);
            items++;
        }
    if (!rc && items == 0)
        rc = cs_error_data(f->path, line_of(head), 0,
                           atom ? "at least one <entry> in the feed"
                                : "at least one <item> in the channel",
                           "none");
    xmlFree(lang);
    cs_buf_free(&outlet);
    f->outlet = NULL;
    return rc;
}

/* libxml2 tells its errors here, not on standard error; the first one is kept. */
static void quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

int cs_news_feed_read(cs_news_doc **out, const char *path, const char *text, size_t len,
                      const cs_news_defaults *defaults)
{
    *out = NULL;
    if (!defaults || !defaults->source || !*defaults->source) {
        cs_error_set(CS_EUSAGE,
                     "%s: a feed names no source: its items need the key of a source record "
                     "(the feed's publisher)",
                     path);
        return cs_error_advise(CS_ADVICE_SOURCE);
    }
    if (len > FEED_MAX_BYTES || len > (size_t)0x7fffffff)
        return cs_error_data(path, 0, 0, "a feed of at most 1 GiB", "a larger file");
    if (len == 0)
        return cs_error_data(path, 1, 0, "an RSS 2.0 or Atom 1.0 feed", "an empty file");
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlResetLastError();
    xmlDoc *xml = xmlReadMemory(text, (int)len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOCDATA);
    if (!xml) {
        const xmlError *e = xmlGetLastError();
        char found[300];
        snprintf(found, sizeof found, "%s", e && e->message ? e->message : "not XML");
        size_t n = strlen(found);
        while (n && (found[n - 1] == '\n' || found[n - 1] == ' '))
            found[--n] = '\0';
        int rc = cs_error_data(path, e && e->line > 0 ? e->line : 1, e && e->int2 > 0 ? e->int2 : 0,
                               "a well-formed XML feed", found);
        xmlResetLastError();
        return rc;
    }
    feed f = { .path = path, .defaults = defaults, .scratch = CS_BUF_INIT };
    int rc = cs_news_doc_new(&f.doc);
    rc = rc ? rc : read_feed(&f, xml);
    xmlFreeDoc(xml);
    cs_buf_free(&f.scratch);
    if (rc) {
        cs_news_doc_free(f.doc);
        return rc;
    }
    *out = f.doc;
    return 0;
}

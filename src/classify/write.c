/*
 * write.c: cs_classification_write(), the CSV writer (one row per cluster: group, label,
 * silhouette, the reason when left out, the study's group with `compare`; text cells by the
 * policy of util/textout.h), and the text helpers the table writer shares (texts as plain
 * terminal text of util/textout.h: a control byte is a space). Output is byte-deterministic.
 */
#include "classify/classify_impl.h"

#include "clusterscope/error.h"
#include "util/buf.h"
#include "util/textout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t cs_cls_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80; /* UTF-8 continuation bytes add no character */
    return n;
}

/* s as text for a terminal (util/textout.h: control bytes as spaces, invalid UTF-8 as U+FFFD),
 * in b. */
static const char *plain(cs_buf *b, const char *s)
{
    cs_textout_plain(b, s);
    return cs_buf_str(b);
}

size_t cs_cls_put_plain(FILE *f, const char *s)
{
    cs_buf b = CS_BUF_INIT;
    const char *t = plain(&b, s);
    size_t w = cs_cls_width(t);
    fputs(t, f);
    cs_buf_free(&b);
    return w;
}

void cs_cls_put_padded(FILE *f, const char *s, size_t width, int left)
{
    cs_buf b = CS_BUF_INIT;
    const char *t = plain(&b, s);
    size_t w = cs_cls_width(t);
    if (left)
        fputs(t, f);
    for (; w < width; w++)
        fputc(' ', f);
    if (!left)
        fputs(t, f);
    cs_buf_free(&b);
}

void cs_cls_put_wrapped(FILE *f, const char *s, size_t first, size_t indent)
{
    cs_buf b = CS_BUF_INIT;
    const char *text = plain(&b, s);
    size_t col = first;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        size_t chars = 0;
        for (size_t k = 0; k < len; k++)
            chars += ((unsigned char)p[k] & 0xC0) != 0x80;
        if (col > indent && col + 1 + chars > 100) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > indent || (col == indent && p != text && col != first)) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, len, f);
        col += chars;
        p += len;
        while (*p == ' ')
            p++;
    }
    cs_buf_free(&b);
}

/* A CSV text cell by the one policy of every writer (util/textout.h). */
static void csv_field(FILE *f, const char *s)
{
    cs_buf b = CS_BUF_INIT;
    if (cs_textout_csv_text(&b, s, 0) == 0)
        fputs(cs_buf_str(&b), f);
    cs_buf_free(&b);
}

/* The assumptions as one cell: "cluster:x fact=value@year (file:line); ...", "" when none. */
static int assumptions_cell(cs_buf *out, const cs_classification *c)
{
    const cs_classify_assumption *as = NULL;
    size_t n = cs_classification_assumptions(c, &as);
    int rc = 0;
    for (size_t a = 0; !rc && a < n; a++)
        rc = cs_buf_printf(out, "%s%s:%s %s=%s%s%s (%s:%ld)", a ? "; " : "", as[a].subject_kind,
                           as[a].subject, as[a].fact, as[a].value, *as[a].year ? "@" : "",
                           as[a].year, as[a].file, as[a].line);
    return rc;
}

/*
 * Every row repeats the parameters that decide it (the unknown-value policy and what it means,
 * the coverage rule, the imputed pairs) and the assumptions it is built on, so that a row read
 * alone still says how it was made. Clusters out of the method's scope follow, with their
 * reason in the last column and every other cell empty.
 */
int cs_cls_write_csv(FILE *f, const cs_classification *c, const cs_classify_run *run, int compare)
{
    size_t n_out = run ? run->n_out_of_scope : 0;
    cs_buf assumed = CS_BUF_INIT;
    int rc = assumptions_cell(&assumed, c);
    if (rc) {
        cs_buf_free(&assumed);
        return rc;
    }
    char params[64];
    snprintf(params, sizeof params, ",%d,%zu", c->min_known, c->imputed);
    fprintf(f,
            "cluster,country,group,label,silhouette,left_out%s,known,unknown,unknown_means,"
            "min_known,imputed_pairs,assumptions%s\n",
            compare ? ",study_group" : "", n_out ? ",out_of_scope" : "");
    for (size_t i = 0; i < c->n; i++) {
        csv_field(f, c->keys[i]);
        fputc(',', f);
        csv_field(f, c->countries[i]);
        fputc(',', f);
        if (c->group[i]) {
            fprintf(f, "%d,", c->group[i]);
            int label = c->groups[c->group[i] - 1].label;
            if (label)
                fprintf(f, "G%d", label);
        } else {
            fputc(',', f);
        }
        fputc(',', f);
        if (!isnan(c->width[i]))
            fprintf(f, "%.6f", c->width[i]);
        fputc(',', f);
        if (c->left_out[i])
            csv_field(f, c->left_out[i]);
        if (compare) {
            fputc(',', f);
            int t = c->ref ? cs_cls_reference_type_of(c->ref, c->keys[i]) : 0;
            if (t)
                fprintf(f, "G%d", t);
        }
        size_t known = 0;
        for (size_t j = 0; j < c->p; j++)
            known += cs_cls_value(c, i, j) != CS_RESULT_UNKNOWN;
        fprintf(f, ",%zu,%s,", known, cs_unknown_policy_name(c->policy));
        csv_field(f, cs_classification_unknown_words(c));
        fputs(params, f);
        fputc(',', f);
        csv_field(f, cs_buf_str(&assumed));
        if (n_out)
            fputc(',', f);
        fputc('\n', f);
    }
    /* out of scope: not classified, so every cell but the key and the reason is empty */
    for (size_t i = 0; i < n_out; i++) {
        char why[1024];
        cs_classify_scope_reason(why, sizeof why, c->m, &run->out_of_scope[i], c->opts.lang);
        csv_field(f, run->out_of_scope[i].key);
        fputs(compare ? ",,,,,,,,,,,,," : ",,,,,,,,,,,,", f);
        csv_field(f, why);
        fputc('\n', f);
    }
    cs_buf_free(&assumed);
    return 0;
}

int cs_classification_write(FILE *f, const cs_classification *c, const cs_classify_run *run,
                            cs_format fmt, int compare)
{
    int rc;
    switch (fmt) {
    case CS_FORMAT_TABLE:
        rc = cs_cls_write_table(f, c, run, compare);
        break;
    case CS_FORMAT_CSV:
        rc = cs_cls_write_csv(f, c, run, compare);
        break;
    case CS_FORMAT_JSON:
        rc = cs_cls_write_json(f, c, run, compare);
        break;
    default:
        return cs_error_set(CS_EUSAGE, "unknown output format %d", (int)fmt);
    }
    if (!rc && ferror(f))
        rc = cs_error_set(CS_EIO, "writing the partition failed");
    return rc;
}

/*
 * search_text.c: normalising text for the search index and queries (search_text.h). Case is
 * folded here, in C, and not by SQLite: its unicode61 tokenizer folds Cyrillic too, but the
 * stemmer must see lower-case words with ё already made е, and the query and the index must be
 * made by the same code.
 */
#include "store/search_text.h"

#include "clusterscope/error.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int cs_search_text_init(cs_search_text *t)
{
    memset(t, 0, sizeof *t);
    t->russian = sb_stemmer_new("russian", "UTF_8");
    t->english = sb_stemmer_new("english", "UTF_8");
    if (!t->russian || !t->english) {
        cs_search_text_free(t);
        return cs_error_set(CS_ENOMEM, "out of memory (the Snowball stemmers)");
    }
    return 0;
}

void cs_search_text_free(cs_search_text *t)
{
    if (t->russian)
        sb_stemmer_delete(t->russian);
    if (t->english)
        sb_stemmer_delete(t->english);
    free(t->word);
    memset(t, 0, sizeof *t);
}

/* Decodes one UTF-8 character at s (n bytes left): its length, *cp set; 0 when invalid. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = s[0] >= 0xF0 && s[0] < 0xF5 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!len || len > n)
        return 0;
    uint32_t c = s[0] & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static size_t encode(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* Letters and digits of the scripts the registry is written in: ASCII, Latin-1 and Latin
 * Extended-A/B, Cyrillic. Everything else (punctuation, «», dashes, №) separates words. */
static int word_char(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c >= 0xC0 && c <= 0x24F)
        return c != 0xD7 && c != 0xF7;
    return c >= 0x400 && c <= 0x4FF;
}

/* Lower case for the letters word_char() admits, with ё (and Ё) as е. */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c & 1 ? c + 1 : c;
    if (c == 0x178)
        return 0xFF;
    if (c == 0x401 || c == 0x451)
        return 0x435;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    return c;
}

/*
 * Walks the words of TEXT: for each, its range and its stemmed lower-case form. The stemmer's
 * output lives in the stemmer until its next call; it is copied before fn sees it.
 */
static int walk(cs_search_text *t, const char *text, size_t len,
                int (*fn)(void *ctx, size_t start, size_t wlen, const char *term), void *ctx)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t i = 0;
    while (i < len) {
        uint32_t c = 0;
        size_t n = decode(s + i, len - i, &c);
        if (!n || !word_char(c)) {
            i += n ? n : 1;
            continue;
        }
        size_t start = i, used = 0;
        int cyrillic = 0, letter = 0;
        while (i < len && (n = decode(s + i, len - i, &c)) && word_char(c)) {
            if (used + 4 > t->cap) {
                size_t cap = t->cap ? t->cap * 2 : 64;
                char *w = realloc(t->word, cap);
                if (!w)
                    return cs_error_set(CS_ENOMEM, "out of memory");
                t->word = w;
                t->cap = cap;
            }
            uint32_t f = fold(c);
            cyrillic |= f >= 0x400;
            letter |= !(f >= '0' && f <= '9');
            used += encode(t->word + used, f);
            i += n;
        }
        t->word[used] = '\0';
        const char *term = t->word;
        if (letter) {
            struct sb_stemmer *st = cyrillic ? t->russian : t->english;
            const sb_symbol *stem = sb_stemmer_stem(st, (const sb_symbol *)t->word, (int)used);
            if (!stem)
                return cs_error_set(CS_ENOMEM, "out of memory (stemming)");
            size_t sl = (size_t)sb_stemmer_length(st);
            if (sl && sl <= used) {
                memcpy(t->word, stem, sl);
                t->word[sl] = '\0';
            }
        }
        int rc = fn(ctx, start, i - start, term);
        if (rc)
            return rc;
    }
    return 0;
}

typedef struct {
    cs_buf *out;
    size_t *words;
} append_ctx;

static int append_word(void *ctx, size_t start, size_t wlen, const char *term)
{
    (void)start;
    (void)wlen;
    append_ctx *a = ctx;
    if (a->words)
        (*a->words)++;
    int rc = cs_buf_puts(a->out, term);
    return rc ? rc : cs_buf_puts(a->out, " ");
}

int cs_search_text_normalise(cs_buf *out, size_t *words, cs_search_text *t, const char *text,
                             size_t len)
{
    append_ctx a = { out, words };
    return walk(t, text, text ? len : 0, append_word, &a);
}

int cs_search_text_words(cs_search_text *t, const char *text,
                         int (*fn)(void *ctx, size_t start, size_t len, const char *term),
                         void *ctx)
{
    return walk(t, text, text ? strlen(text) : 0, fn, ctx);
}

"""The news kinds of issue 15 (data/news/*.json), checked for scripts/data/check.py.

The columns are the contract's (docs/formats.md): news, news_qa, news_links, digests,
digest_texts, digest_entries. Beyond what the importer refuses (a required cell empty, an enum
or a date out of form, a reference that does not resolve, an item twice in one issue), the
bundled data keeps the rules of its curation: each item has a locator, one quoted sentence and
summaries of at most three sentences in English and Russian, and none carries an article's
body or reference box; an interview's Q&A and a digest's entries are numbered 1..n, and a
digest's entries follow its sections (the kinds in the order event, interview, bulletin,
publication, announcement).
"""
import re

COLUMNS = {
    "news": (["key", "kind", "date", "lang", "title", "outlet", "source"],
             ["title_en", "title_ru", "lead", "body", "box", "summary_en", "summary_ru", "series",
              "series_number", "file_url", "file_format", "file_bytes", "url", "locator", "quote",
              "note"]),
    "news_qa": (["item", "position", "question", "answer"], []),
    "news_links": (["item", "target_kind", "target_key"], []),
    "digests": (["number", "month", "publisher"],
                ["title_ru", "title_en", "subtitle_ru", "subtitle_en", "source", "locator",
                 "note"]),
    "digest_texts": (["issue", "part", "lang", "text"], []),
    "digest_entries": (["issue", "position", "item"], []),
}
KINDS = list(COLUMNS)
NEWS_KINDS = ["event", "interview", "bulletin", "publication", "announcement"]  # section order
TARGET_KINDS = ["cluster", "organisation", "region", "programme"]
PARTS = ["about", "publications", "contacts", "resources", "call"]
LANGS = ["ru", "en"]
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# a sentence ends at . ! ? after a lower-case letter, a digit or a closing mark, before a capital
# ("И.П. БАРДИНА" and "1 п. п." do not end one)
SENTENCE_END = re.compile(r"(?<=[a-zа-яё0-9»)\"'])[.!?]\s+(?=[A-ZА-ЯЁ«\"'])")
MAX_LEAD = 320


def sentences(s):
    return len([x for x in SENTENCE_END.split(s.strip()) if x.strip()])


def check_news(records, t, err, ref, text):
    """records: kind -> [(file, index, record)]; t: the keyed sources, clusters, organisations,
    regions and programmes of all the files."""
    rows = {k: [(n, i, r) for n, i, r in records[k] if isinstance(r, dict)] for k in KINDS}

    def whole(where, r, col, low):
        v = r.get(col)
        if v is None or text(v) == "":
            return None
        if isinstance(v, bool) or not isinstance(v, int) or v < low:
            err(where, f"{col}: expected a whole number from {low}, found {v!r}")
            return None
        return v

    def unique(kind, keyf, what):
        seen = {}
        for n, i, r in rows[kind]:
            k = keyf(r)
            if k in seen:
                err(f"{n}: {kind}[{i}]", f"{what} {k} repeats (first in {seen[k]})")
            else:
                seen[k] = f"{kind}[{i}]"
        return seen

    items = unique("news", lambda r: text(r.get("key")), "key")
    kind_of = {text(r.get("key")): text(r.get("kind")) for _, _, r in rows["news"]}
    for n, i, r in rows["news"]:
        where = f"{n}: news[{i}] ({text(r.get('key'))})"
        if not SLUG.match(text(r.get("key"))):
            err(where, "key is not a lower-case ASCII slug")
        for col, allowed in (("kind", NEWS_KINDS), ("lang", LANGS)):
            if text(r.get(col)) not in allowed:
                err(where, f"{col} {text(r.get(col))!r} is not one of {allowed}")
        if not DATE.match(text(r.get("date"))):
            err(where, f"date {text(r.get('date'))!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        ref(where, r.get("source"), t["sources"], "source", False)
        whole(where, r, "series_number", 0)
        whole(where, r, "file_bytes", 0)
        if text(r.get("series_number")) and not text(r.get("series")):
            err(where, "a series number without its series")
        for col in ("url", "file_url"):
            u = text(r.get(col))
            if u and (not re.match(r"^https?://\S+$", u)):
                err(where, f"{col} {u!r} is not an http(s) URL")
        # the curation's rules: provenance, summaries, brief quotes, no article text
        if not text(r.get("locator")).strip():
            err(where, "no locator")
        q = text(r.get("quote")).strip()
        if not q:
            err(where, "no quote")
        elif sentences(q) != 1:
            err(where, f"quote is {sentences(q)} sentences, not one")
        for col in ("summary_en", "summary_ru"):
            s = text(r.get(col)).strip()
            if not s:
                err(where, f"no {col}")
            elif sentences(s) > 3:
                err(where, f"{col} is {sentences(s)} sentences, more than three")
        if len(text(r.get("lead"))) > MAX_LEAD:
            err(where, f"lead of {len(text(r.get('lead')))} characters: keep a lead of one "
                       f"short sentence ({MAX_LEAD} at most) or none")
        for col in ("body", "box"):
            if text(r.get(col)).strip():
                err(where, f"{col}: the bundled data keeps summaries, not the article's text")
        if r.get("lang") == "ru" and text(r.get("title_ru")) or \
                r.get("lang") == "en" and text(r.get("title_en")):
            err(where, "a translation of the title into its own language")

    by_item = {}
    unique("news_qa", lambda r: (text(r.get("item")), text(r.get("position"))), "item+position")
    for n, i, r in rows["news_qa"]:
        where = f"{n}: news_qa[{i}]"
        ref(where, r.get("item"), items, "item", False)
        p = whole(where, r, "position", 1)
        if p is not None:
            by_item.setdefault(text(r.get("item")), []).append(p)
        for col in ("question", "answer"):
            if sentences(text(r.get(col))) > (3 if col == "question" else 2):
                err(where, f"{col} too long: answers are summaries of one or two sentences")
    for k, ps in by_item.items():
        if sorted(ps) != list(range(1, len(ps) + 1)):
            err(f"news_qa of {k!r}", f"positions {sorted(ps)} are not 1..{len(ps)}")

    targets = {"cluster": t["clusters"], "organisation": t["organisations"],
               "region": t["regions"], "programme": t["programmes"]}
    unique("news_links", lambda r: (text(r.get("item")), text(r.get("target_kind")),
                                    text(r.get("target_key"))), "item+target")
    for n, i, r in rows["news_links"]:
        where = f"{n}: news_links[{i}] ({text(r.get('item'))})"
        ref(where, r.get("item"), items, "item", False)
        tk = text(r.get("target_kind"))
        if tk not in TARGET_KINDS:
            err(where, f"target_kind {tk!r} is not one of {TARGET_KINDS}")
            continue
        ref(where, r.get("target_key"), targets[tk], f"{tk} (target_key)", False)

    issues = unique("digests", lambda r: text(r.get("number")), "number")
    for n, i, r in rows["digests"]:
        where = f"{n}: digests[{i}]"
        whole(where, r, "number", 1)
        if not MONTH.match(text(r.get("month"))):
            err(where, f"month {text(r.get('month'))!r} is not YYYY-MM")
        ref(where, r.get("source"), t["sources"], "source")
        if any(not p.strip() for p in text(r.get("publisher")).split("|")):
            err(where, "publisher has an empty level")
    unique("digest_texts", lambda r: (text(r.get("issue")), text(r.get("part")),
                                      text(r.get("lang"))), "issue+part+lang")
    for n, i, r in rows["digest_texts"]:
        where = f"{n}: digest_texts[{i}]"
        ref(where, r.get("issue"), issues, "issue", False)
        for col, allowed in (("part", PARTS), ("lang", LANGS)):
            if text(r.get(col)) not in allowed:
                err(where, f"{col} {text(r.get(col))!r} is not one of {allowed}")
    unique("digest_entries", lambda r: (text(r.get("issue")), text(r.get("position"))),
           "issue+position")
    unique("digest_entries", lambda r: (text(r.get("issue")), text(r.get("item"))),
           "issue+item (an item twice in one issue)")
    entries = {}
    for n, i, r in rows["digest_entries"]:
        where = f"{n}: digest_entries[{i}]"
        ref(where, r.get("issue"), issues, "issue", False)
        ref(where, r.get("item"), items, "item", False)
        p = whole(where, r, "position", 1)
        if p is not None:
            entries.setdefault(text(r.get("issue")), []).append((p, text(r.get("item"))))
    for issue, es in entries.items():
        es.sort()
        if [p for p, _ in es] != list(range(1, len(es) + 1)):
            err(f"digest_entries of issue {issue}", f"positions {[p for p, _ in es]} are not "
                                                    f"1..{len(es)}")
        order = [NEWS_KINDS.index(kind_of[k]) for _, k in es if kind_of.get(k) in NEWS_KINDS]
        if order != sorted(order):
            err(f"digest_entries of issue {issue}", "entries out of their sections' order "
                                                    f"({', '.join(NEWS_KINDS)})")


def check_news_seeds(records, seed_of, err, text, check_in_range):
    """Each item's quote, lead and title, and each interview question, within the seed lines
    its locator names. seed_of(where, source) gives the source's Seed or None (and says why)."""
    lines_of = {}
    for n, i, r in records["news"]:
        if not isinstance(r, dict):
            continue
        where = f"{n}: news[{i}] ({text(r.get('key'))})"
        seed = seed_of(where, text(r.get("source")))
        if seed is None:
            continue
        loc = text(r.get("locator"))
        lines_of[text(r.get("key"))] = (seed, loc)
        for col in ("quote", "lead", "title"):
            if text(r.get(col)).strip():
                check_in_range(f"{where} {col}", seed, text(r.get(col)), loc)
    for n, i, r in records["news_qa"]:
        if isinstance(r, dict) and text(r.get("item")) in lines_of:
            seed, loc = lines_of[text(r.get("item"))]
            check_in_range(f"{n}: news_qa[{i}] question", seed, text(r.get("question")), loc)

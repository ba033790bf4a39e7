#!/usr/bin/env python3
"""Checks the bundled registry data in data/ against docs/formats.md.

    scripts/data/check.py [--data DIR] [--defs FILE] [--seeds DIR]

Checks every `clusterscope-registry` JSON file (and data/reference-groups.json):
well-formed JSON with no repeated members, known kinds and columns, required columns,
slug and ISO keys, no key repeated across the files, every reference resolving, enums,
dates, years, coordinates, every fact name defined for its subject kind, every value
parsing for its type (the rules of src/store/fact.c), a status on every known value,
a locator on every fact and a quote on every known value.

The development records of data/development/*.json (programmes, rounds, shares,
applications, listings, targets, value-chain stages, projects and their members and stages,
links) are checked the same way, and against the invariants of migration 0012: an award not
above its request, a listing not ending before it starts, every stage a stage of the
cluster's chain, every project member and linked organisation a member of the cluster.

The news of issue 15 (data/news/*.json: news items, their Q&A and links, digest issues with
their texts and entries) are checked by scripts/data/news_check.py: the contract's columns,
enums, dates and references, each link resolving to a record of its kind, an item at most once
in an issue, and the curation's rules (a locator, one quoted sentence, summaries of at most
three sentences, no article text).

With --seeds DIR (the source documents, e.g. ../shared/seeds) it also checks that each
fact's and development record's quote occurs in its source document within the raw lines
its locator names, and each news item's quote, lead and title and each interview question
within its locator's lines. Records
whose source is a web page (a URL, no document) are located by the page's wording and are
not checked against the seeds.
The project never needs the seeds: this is an optional curation check.
Exit status 0 when everything passes, 1 otherwise.
"""
import argparse
import json
import math
import os
import re
import sys

import news_check

COLUMNS = {
    "fact_definitions": (["name", "subject_kind", "type"],
                         ["levels", "unit", "label_en", "label_ru", "description"]),
    "sources": (["key", "title"], ["document", "locator", "url", "date", "publisher", "note"]),
    "countries": (["code", "name_en"], ["name_ru"]),
    "regions": (["key", "country", "name_en"], ["name_ru", "parent", "type", "code"]),
    "clusters": (["key", "name_en", "country"],
                 ["name_ru", "region", "city", "lat", "lon", "founded", "website",
                  "cluster_organisation", "kind", "specialisation", "stage", "source", "note"]),
    "organisations": (["key", "name", "type"],
                      ["activities", "country", "website", "source", "note"]),
    "memberships": (["cluster", "organisation"],
                    ["role", "value_chain_stage", "joined", "left", "source"]),
    "facts": (["subject_kind", "subject", "fact", "source"],
              ["year", "value", "status", "locator", "quote", "note"]),
    # cluster development (migration 0012): data/development/
    "programmes": (["key", "kind", "name_en"],
                   ["name_ru", "operator", "country", "started", "ended", "budget", "currency",
                    "levels", "url", "source", "locator", "quote", "note"]),
    "programme_rounds": (["programme", "round", "year"],
                         ["budget", "requested", "awarded", "applications", "awards", "status",
                          "source", "locator", "quote", "note"]),
    "round_shares": (["programme", "round", "specialisation"],
                     ["clusters", "requested", "awarded", "status", "source", "locator", "quote",
                      "note"]),
    "applications": (["programme", "round", "cluster"],
                     ["requested", "awarded", "decision", "status", "source", "locator", "quote",
                      "note"]),
    "listings": (["programme", "cluster", "entered"],
                 ["left_on", "level", "decision", "status", "source", "locator", "quote", "note"]),
    "targets": (["cluster", "name", "value", "source"],
                ["year", "baseline_year", "status", "locator", "quote", "note"]),
    "chain_stages": (["cluster", "stage", "position"],
                     ["name_en", "name_ru", "source", "locator", "quote", "note"]),
    "projects": (["key", "cluster", "name_en"],
                 ["name_ru", "started", "ended", "participants", "stages", "outcome", "status",
                  "source", "locator", "quote", "note"]),
    "project_members": (["project", "organisation"],
                        ["role", "stage", "source", "locator", "quote", "note"]),
    "project_stages": (["project", "stage"], ["source"]),
    "links": (["cluster", "source_org", "target_org", "kind", "source"],
              ["project", "year", "weight", "status", "locator", "quote", "note"]),
}
COLUMNS.update(news_check.COLUMNS)  # the news of issue 15: data/news/
KINDS = list(COLUMNS)
DEV_KINDS = KINDS[KINDS.index("programmes"):KINDS.index("news")]
PROGRAMME_KINDS = {"support", "registry", "label", "list"}
DECISIONS = {"awarded", "refused", "pending", "withdrawn"}
LINK_KINDS = {"supply", "joint_project", "shared_infrastructure", "research", "other"}
CLUSTER_KINDS = {"biomedical", "industrial", "innovative_territorial", "tourist", "other"}
STAGES = {"emerging", "developing", "mature", "declining"}
ORG_TYPES = {"clinic", "manufacturer", "research", "education", "authority", "support",
             "startup", "other"}
ROLES = {"anchor", "member", "partner"}
STATUSES = {"stated", "derived", "estimated"}
SUBJECT_KINDS = {"cluster", "country", "region"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO2 = re.compile(r"^[A-Z]{2}$")
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
LOCATOR = re.compile(r"^lines? (\d+)(?:-(\d+))?(?:\b|$)")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def no_dup_pairs(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError(f"repeated member {k!r}")
        seen[k] = v
    return seen


def text(v):
    """A cell as text, as the importer reads it (None and "" are empty)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) else str(v)
    return str(v)


# --- fact values, after src/store/fact.c -------------------------------------------------

def parse_number(s):
    if not s or len(s) >= 64:
        return None
    if "," in s:
        if "." in s or s.count(",") > 1:
            return None
        after = s.split(",", 1)[1]
        if len(after) == 3 and after.isdigit():
            return None
        s = s.replace(",", ".")
    if any(not (c.isdigit() or c in ".-+eE") for c in s):
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def number_ok(v, ftype):
    if ftype in ("count", "rank") and v != math.floor(v):
        return False
    if ftype in ("count", "amount") and v < 0:
        return False
    if ftype == "rank" and v < 1:
        return False
    return True


def value_ok(s, ftype, levels):
    s = s.strip(" \t")
    if s == "" or s.lower() == "unknown":
        return True
    if ftype in ("count", "amount", "rank", "index"):
        floor = 1 if ftype == "rank" else (-math.inf if ftype == "index" else 0)
        if ".." in s:
            a, b = s.split("..", 1)
            a, b = parse_number(a), parse_number(b)
            return (a is not None and b is not None and a <= b and number_ok(a, ftype)
                    and number_ok(b, ftype))
        if s[0] in "<>":
            closed = len(s) > 1 and s[1] == "="
            a = parse_number(s[2:] if closed else s[1:])
            if a is None or not number_ok(a, ftype):
                return False
            if s[0] == "<" and (a < floor or (not closed and a == floor)):
                return False
            return True
        a = parse_number(s)
        return a is not None and number_ok(a, ftype)
    if ftype == "bool":
        return s.lower() in ("true", "yes", "1", "да", "false", "no", "0", "нет")
    if ftype == "level":
        return s in (levels or "").split("|")
    return True


# --- seed documents ----------------------------------------------------------------------

class Seed:
    """A source document reduced to lower-case letters and digits, each mapped to its raw
    line, so that a quote matches across line breaks, hyphenation and punctuation."""

    def __init__(self, path):
        chars, lines = [], []
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for ch in line.lower():
                    if ch.isalnum():
                        chars.append(ch)
                        lines.append(n)
        self.text = "".join(chars)
        self.lines = lines

    def spans(self, fragment):
        frag = "".join(ch for ch in fragment.lower() if ch.isalnum())
        if not frag:
            return []
        out, start = [], 0
        while True:
            i = self.text.find(frag, start)
            if i < 0:
                return out
            out.append((self.lines[i], self.lines[i + len(frag) - 1]))
            start = i + 1


def check_quote(where, seed, quote, locator):
    m = LOCATOR.match(locator or "")
    if not m:
        err(where, f"locator {locator!r} does not start with 'line N' or 'lines A-B'")
        return
    lo = int(m.group(1))
    hi = int(m.group(2) or lo)
    if hi < lo:
        err(where, f"locator {locator!r} runs backwards")
        return
    for frag in re.split(r"\.\.\.|…", quote):
        if not frag.strip(" ,.;:«»\"'"):
            continue
        spans = seed.spans(frag)
        if not spans:
            err(where, f"quote fragment not found in the document: {frag.strip()[:60]!r}")
            continue
        if not any(a >= lo - 2 and b <= hi + 2 for a, b in spans):
            near = min(spans, key=lambda s: abs(s[0] - lo))
            err(where, f"quote fragment {frag.strip()[:40]!r} is at lines {near[0]}-{near[1]},"
                       f" outside locator {locator!r}")
    if hi - lo > 120:
        err(where, f"locator {locator!r} spans more than 120 lines")


# --- target models and success factors (reference-groups.json) ---------------------------

FACTOR_CASES = {1: 6, 2: 4, 3: 5, 4: 4, 5: 4, 6: 3, 7: 5}  # the study's stories, 31 in all


def check_success_factors(where, rg, clusters):
    models = rg.get("target_models", [])
    if [m.get("id") for m in models] != [1, 2, 3, 4]:
        err(where, "target models must be 1, 2, 3, 4")
    for m in models:
        if not set(m.get("groups") or []) <= {1, 2, 3} or not m.get("groups"):
            err(where, f"target model {m.get('id')}: groups {m.get('groups')!r}")
        for k in ("task_en", "task_ru", "groups_quote", "groups_locator", "evidence"):
            if not m.get(k):
                err(where, f"target model {m.get('id')}: no {k}")
    factors = rg.get("factors", [])
    if [f.get("id") for f in factors] != list(range(1, 8)):
        err(where, "factors must be 1..7")
    for f in factors:
        if bool(f.get("evidence")) == bool(f.get("no_evidence")):
            err(where, f"factor {f.get('id')}: exactly one of evidence and no_evidence")
    counts = {}
    for i, c in enumerate(rg.get("cases", [])):
        if c.get("cluster") not in clusters:
            err(where, f"cases[{i}]: cluster {c.get('cluster')!r} is not in the data")
        counts[c.get("factor")] = counts.get(c.get("factor"), 0) + 1
        for k in ("title_ru", "summary_en", "summary_ru", "locator"):
            if not c.get(k):
                err(where, f"cases[{i}]: no {k}")
    if counts != FACTOR_CASES:
        err(where, f"cases per factor {counts}, the study has {FACTOR_CASES}")


def check_in_range(where, seed, quote, locator):
    """A quote inside a range of any length (a story runs for hundreds of lines)."""
    m = LOCATOR.match(locator or "")
    if not m:
        err(where, f"locator {locator!r} does not start with 'line N' or 'lines A-B'")
        return
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    spans = seed.spans(quote)
    if not spans:
        err(where, f"not found in the document: {quote[:60]!r}")
    elif not any(a >= lo - 2 and b <= hi + 2 for a, b in spans):
        err(where, f"{quote[:40]!r} is at lines {spans[0][0]}-{spans[0][1]}, outside {locator!r}")


def check_success_factor_quotes(seed, rg):
    where = "reference-groups.json"
    for m in rg.get("target_models", []):
        check_in_range(f"{where}: target model {m.get('id')} name", seed, m.get("name_ru", ""),
                       m.get("locator"))
        check_in_range(f"{where}: target model {m.get('id')} groups", seed,
                       m.get("groups_quote", ""), m.get("groups_locator"))
    for f in rg.get("factors", []):
        check_in_range(f"{where}: factor {f.get('id')} heading", seed, f.get("name_ru", ""),
                       f.get("heading_locator"))
        check_in_range(f"{where}: factor {f.get('id')} preface", seed, f.get("preface_ru", ""),
                       f.get("preface_locator"))
    for i, c in enumerate(rg.get("cases", [])):
        check_in_range(f"{where}: cases[{i}] title", seed, c.get("title_ru", ""), c.get("locator"))


# --- cluster development (data/development/, migration 0012) -----------------------------

def number_cell(where, r, col, integer=False, positive=False):
    """A non-negative number (or a positive one), or absent; returns it or None."""
    v = r.get(col)
    if v is None or text(v) == "":
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        err(where, f"{col}: expected a number, found {v!r}")
        return None
    if integer and v != math.floor(v):
        err(where, f"{col}: expected a whole number, found {v!r}")
    if v < 0 or (positive and v == 0):
        err(where, f"{col}: expected a {'positive' if positive else 'non-negative'} number, "
                   f"found {v!r}")
    return v


def check_development(records, defs, web, keyed, ref, year_ok, t):
    """The development kinds: keys, references, enums, numbers, dates and the invariants of
    migration 0012. t holds the keyed sources, countries, clusters and organisations."""
    sources, clusters, orgs = t["sources"], t["clusters"], t["organisations"]
    rows = {k: [(n, i, r) for n, i, r in records[k] if isinstance(r, dict)] for k in DEV_KINDS}
    programmes = keyed("programmes", lambda r: text(r.get("key")), "key")
    rounds = keyed("programme_rounds", lambda r: (text(r.get("programme")), text(r.get("round"))),
                   "programme+round")
    keyed("round_shares", lambda r: (text(r.get("programme")), text(r.get("round")),
                                     text(r.get("specialisation"))),
          "programme+round+specialisation")
    keyed("applications", lambda r: (text(r.get("programme")), text(r.get("round")),
                                     text(r.get("cluster"))), "programme+round+cluster")
    keyed("listings", lambda r: (text(r.get("programme")), text(r.get("cluster")),
                                 text(r.get("entered"))), "programme+cluster+entered")
    keyed("targets", lambda r: (text(r.get("cluster")), text(r.get("name")),
                                text(r.get("year")) or "0"), "cluster+name+year")
    stages = keyed("chain_stages", lambda r: (text(r.get("cluster")), text(r.get("stage"))),
                   "cluster+stage")
    keyed("chain_stages", lambda r: (text(r.get("cluster")), text(r.get("position"))),
          "cluster+position")
    projects = keyed("projects", lambda r: text(r.get("key")), "key")
    keyed("project_members", lambda r: (text(r.get("project")), text(r.get("organisation"))),
          "project+organisation")
    keyed("project_stages", lambda r: (text(r.get("project")), text(r.get("stage"))),
          "project+stage")
    keyed("links", lambda r: (text(r.get("cluster")), text(r.get("source_org")),
                              text(r.get("target_org")), text(r.get("kind"))),
          "cluster+source_org+target_org+kind")
    for kind, ks in (("programmes", programmes), ("projects", projects)):
        for k in ks:
            if not SLUG.match(k):
                err(f"{kind} {k!r}", "key is not a lower-case ASCII slug")

    members = {(text(r.get("cluster")), text(r.get("organisation")))
               for _, _, r in records["memberships"] if isinstance(r, dict)}
    chain = {}                      # cluster -> its stage keys
    for c, st in stages:
        chain.setdefault(c, set()).add(st)
    prog_kind = {text(r.get("key")): text(r.get("kind")) for _, _, r in rows["programmes"]}
    prog_levels = {text(r.get("key")): text(r.get("levels")) for _, _, r in rows["programmes"]}
    proj = {text(r.get("key")): r for _, _, r in rows["projects"]}

    def provenance(where, r, kind):
        status = text(r.get("status"))
        if status and status not in STATUSES:
            err(where, f"status {status!r} is not one of {sorted(STATUSES)}")
        if status in ("derived", "estimated") and not text(r.get("note")).strip():
            err(where, f"{'an' if status[0] == 'e' else 'a'} {status} record needs a note "
                       "saying how it was obtained")
        ref(where, r.get("source"), sources, "source", kind not in ("targets", "links"))
        if kind == "project_stages" or not text(r.get("source")):
            return
        loc_ = text(r.get("locator")).strip()
        if not loc_:
            err(where, "a record with a source needs a locator")
        elif text(r.get("source")) not in web and not LOCATOR.match(loc_):
            err(where, f"locator {loc_!r} does not start with 'line N' or 'lines A-B'")
        if not text(r.get("quote")).strip():
            err(where, "a record with a source needs a quote")

    def stage_ok(where, cluster, stage, col):
        st = text(stage)
        if st and cluster in chain and st not in chain[cluster]:
            err(where, f"{col} {st!r} is not a stage of cluster {cluster!r} "
                       f"({', '.join(sorted(chain[cluster]))})")
        elif st and cluster not in chain and col != "value_chain_stage":
            err(where, f"{col} {st!r}: cluster {cluster!r} defines no value-chain stages")

    for kind in DEV_KINDS:
        for name, i, r in rows[kind]:
            provenance(f"{name}: {kind}[{i}]", r, kind)

    for name, i, r in rows["programmes"]:
        where = f"{name}: programmes[{i}] ({text(r.get('key'))})"
        if text(r.get("kind")) not in PROGRAMME_KINDS:
            err(where, f"kind {text(r.get('kind'))!r} is not one of {sorted(PROGRAMME_KINDS)}")
        ref(where, r.get("country"), t["countries"], "country")
        for col in ("started", "ended"):
            year_ok(where, col, r.get(col))
        if text(r.get("started")) and text(r.get("ended")) and \
                text(r.get("ended")) < text(r.get("started")):
            err(where, f"ended {text(r.get('ended'))} is before started {text(r.get('started'))}")
        number_cell(where, r, "budget")
        cur = text(r.get("currency"))
        if cur and not re.match(r"^[A-Z]{3}$", cur):
            err(where, f"currency {cur!r} is not an ISO 4217 code such as RUB")
        if text(r.get("levels")) and text(r.get("kind")) != "label":
            err(where, "levels belong to a programme of kind 'label'")
        u = text(r.get("url"))
        if u and not re.match(r"^https?://[\x21-\x7e]+$", u):
            err(where, f"url {u!r} is not an ASCII http(s) URL")
    for name, i, r in rows["programme_rounds"]:
        where = f"{name}: programme_rounds[{i}]"
        ref(where, r.get("programme"), programmes, "programme", False)
        year_ok(where, "year", r.get("year"))
        for col in ("budget", "requested", "awarded"):
            number_cell(where, r, col)
        apps = number_cell(where, r, "applications", integer=True)
        awards = number_cell(where, r, "awards", integer=True)
        if apps is not None and awards is not None and awards > apps:
            err(where, f"awards {awards} above applications {apps}")
    for kind in ("round_shares", "applications"):
        for name, i, r in rows[kind]:
            where = f"{name}: {kind}[{i}]"
            pr = (text(r.get("programme")), text(r.get("round")))
            if pr not in rounds:
                err(where, f"round {pr[1]!r} of programme {pr[0]!r} does not resolve")
            req = number_cell(where, r, "requested")
            awd = number_cell(where, r, "awarded")
            if kind == "round_shares":
                number_cell(where, r, "clusters", integer=True)
                continue
            ref(where, r.get("cluster"), clusters, "cluster", False)
            if req is not None and awd is not None and awd > req:
                err(where, f"awarded {awd} above requested {req}")
            dec = text(r.get("decision"))
            if dec and dec not in DECISIONS:
                err(where, f"decision {dec!r} is not one of {sorted(DECISIONS)}")
            if dec in ("refused", "withdrawn") and awd:
                err(where, f"a {dec} application with an award of {awd}")
    for name, i, r in rows["listings"]:
        where = f"{name}: listings[{i}]"
        ref(where, r.get("programme"), programmes, "programme", False)
        ref(where, r.get("cluster"), clusters, "cluster", False)
        for col in ("entered", "left_on"):
            d = text(r.get(col))
            if d and not DATE.match(d):
                err(where, f"{col} {d!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if text(r.get("left_on")) and text(r.get("left_on")) < text(r.get("entered")):
            err(where, f"left_on {text(r.get('left_on'))} is before entered "
                       f"{text(r.get('entered'))}")
        lv = text(r.get("level"))
        p = text(r.get("programme"))
        if lv and lv not in prog_levels.get(p, "").split("|"):
            err(where, f"level {lv!r} is not one of programme {p!r}'s levels")
    for name, i, r in rows["targets"]:
        where = f"{name}: targets[{i}] ({text(r.get('cluster'))} {text(r.get('name'))})"
        ref(where, r.get("cluster"), clusters, "cluster", False)
        for col in ("year", "baseline_year"):
            year_ok(where, col, r.get(col))
        d = defs.get((text(r.get("name")), "cluster"))
        if d is None:
            err(where, f"{text(r.get('name'))!r} is not a fact defined for subject kind cluster")
        elif not value_ok(text(r.get("value")), d["type"], d.get("levels")) or \
                text(r.get("value")).strip().lower() in ("", "unknown"):
            err(where, f"value {text(r.get('value'))!r} does not parse as {d['type']}")
    for name, i, r in rows["chain_stages"]:
        where = f"{name}: chain_stages[{i}]"
        ref(where, r.get("cluster"), clusters, "cluster", False)
        pos = number_cell(where, r, "position", integer=True, positive=True)
        if pos is None and text(r.get("position")):
            err(where, "position must be a whole number from 1")
    for c, keys in chain.items():  # positions 1..n, no gap: a stage left out would go unseen
        got = sorted(int(r.get("position")) for _, _, r in rows["chain_stages"]
                     if text(r.get("cluster")) == c and isinstance(r.get("position"), int))
        if got != list(range(1, len(keys) + 1)):
            err(f"chain_stages of {c!r}", f"positions {got} are not 1..{len(keys)}")
    for name, i, r in rows["projects"]:
        where = f"{name}: projects[{i}] ({text(r.get('key'))})"
        ref(where, r.get("cluster"), clusters, "cluster", False)
        for col in ("started", "ended"):
            year_ok(where, col, r.get(col))
        if text(r.get("started")) and text(r.get("ended")) and \
                text(r.get("ended")) < text(r.get("started")):
            err(where, f"ended {text(r.get('ended'))} is before started {text(r.get('started'))}")
        k = text(r.get("key"))
        n_part = number_cell(where, r, "participants", integer=True)
        n_members = sum(1 for _, _, m in rows["project_members"] if text(m.get("project")) == k)
        if n_part is not None and n_members > n_part:
            err(where, f"{n_members} members named, more than its {n_part} participants")
        n_st = number_cell(where, r, "stages", integer=True)
        n_named = sum(1 for _, _, m in rows["project_stages"] if text(m.get("project")) == k)
        if n_st is not None and n_named > n_st:
            err(where, f"{n_named} stages listed, more than its {n_st} stages")
    for kind in ("project_members", "project_stages"):
        for name, i, r in rows[kind]:
            where = f"{name}: {kind}[{i}]"
            ref(where, r.get("project"), projects, "project", False)
            c = text((proj.get(text(r.get("project"))) or {}).get("cluster"))
            if kind == "project_members":
                ref(where, r.get("organisation"), orgs, "organisation", False)
                if c and (c, text(r.get("organisation"))) not in members:
                    err(where, f"organisation {text(r.get('organisation'))!r} is not a member "
                               f"of cluster {c!r}")
            if c:
                stage_ok(where, c, r.get("stage"), "stage")
            if kind == "project_stages" and not text(r.get("stage")).strip():
                err(where, "no stage")
    for name, i, r in records["memberships"]:
        if isinstance(r, dict):
            stage_ok(f"{name}: memberships[{i}]", text(r.get("cluster")),
                     r.get("value_chain_stage"), "value_chain_stage")
    for name, i, r in rows["links"]:
        where = f"{name}: links[{i}]"
        c = text(r.get("cluster"))
        ref(where, c, clusters, "cluster", False)
        for col in ("source_org", "target_org"):
            ref(where, r.get(col), orgs, col, False)
            if (c, text(r.get(col))) not in members:
                err(where, f"{col} {text(r.get(col))!r} is not a member of cluster {c!r}")
        if text(r.get("source_org")) == text(r.get("target_org")):
            err(where, "a link from an organisation to itself")
        if text(r.get("kind")) not in LINK_KINDS:
            err(where, f"kind {text(r.get('kind'))!r} is not one of {sorted(LINK_KINDS)}")
        p = text(r.get("project"))
        if p:
            ref(where, p, projects, "project")
            pc = text((proj.get(p) or {}).get("cluster"))
            if pc and pc != c:
                err(where, f"project {p!r} belongs to cluster {pc!r}, not {c!r}")
        year_ok(where, "year", r.get("year"))
        number_cell(where, r, "weight", positive=True)


# --- main --------------------------------------------------------------------------------

def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(root, "data"))
    ap.add_argument("--defs", default=os.path.join(root, "src", "store", "fact_definitions.json"))
    ap.add_argument("--seeds", help="directory of the source documents (optional)")
    args = ap.parse_args()

    with open(args.defs, encoding="utf-8") as f:
        defs_doc = json.load(f)
    defs = {(d["name"], d["subject_kind"]): d for d in defs_doc["fact_definitions"]}

    records = {k: [] for k in KINDS}   # kind -> [(file, index, record)]
    other_docs = {}
    files = sorted(n for n in os.listdir(args.data) if n.endswith(".json"))
    devdir = os.path.join(args.data, "development")
    if os.path.isdir(devdir):
        files += sorted(os.path.join("development", n) for n in os.listdir(devdir)
                        if n.endswith(".json"))
    newsdir = os.path.join(args.data, "news")
    if os.path.isdir(newsdir):
        files += sorted(os.path.join("news", n) for n in os.listdir(newsdir)
                        if n.endswith(".json"))
    files.append(os.path.join("reference", "reference-groups.json"))
    for name in files:
        path = os.path.join(args.data, name)
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f, object_pairs_hook=no_dup_pairs)
        except (ValueError, UnicodeDecodeError) as e:
            err(name, f"not valid JSON: {e}")
            continue
        if not isinstance(doc, dict):
            err(name, "top level is not an object")
            continue
        if doc.get("format") != "clusterscope-registry":
            other_docs[name] = doc
            continue
        if doc.get("version") != 1:
            err(name, "version is not 1")
        for k, v in doc.items():
            if k in ("format", "version"):
                continue
            if k not in COLUMNS:
                err(name, f"unknown member {k!r}")
                continue
            if not isinstance(v, list):
                err(name, f"{k} is not an array")
                continue
            for i, rec in enumerate(v):
                records[k].append((name, i, rec))

    # columns, required cells, cell types
    for kind, recs in records.items():
        required, optional = COLUMNS[kind]
        for name, i, rec in recs:
            where = f"{name}: {kind}[{i}]"
            if not isinstance(rec, dict):
                err(where, "record is not an object")
                continue
            for col, v in rec.items():
                if col not in required and col not in optional:
                    err(where, f"unknown column {col!r}")
                if v is not None and not isinstance(v, (str, int, float, bool)):
                    err(where, f"{col}: value must be a string, number or boolean")
            for col in required:
                if text(rec.get(col)).strip() == "":
                    err(where, f"required column {col!r} is empty")

    # keys
    def keyed(kind, keyf, keyname):
        seen = {}
        for name, i, rec in records[kind]:
            if not isinstance(rec, dict):
                continue
            k = keyf(rec)
            where = f"{name}: {kind}[{i}] ({keyname} {k})"
            if k in seen:
                err(where, f"{keyname} repeats (first in {seen[k]})")
            else:
                seen[k] = f"{name}: {kind}[{i}]"
        return seen

    sources = keyed("sources", lambda r: text(r.get("key")), "key")
    countries = keyed("countries", lambda r: text(r.get("code")), "code")
    regions = keyed("regions", lambda r: text(r.get("key")), "key")
    clusters = keyed("clusters", lambda r: text(r.get("key")), "key")
    orgs = keyed("organisations", lambda r: text(r.get("key")), "key")
    keyed("memberships", lambda r: (text(r.get("cluster")), text(r.get("organisation"))),
          "cluster+organisation")
    keyed("facts", lambda r: (text(r.get("subject_kind")), text(r.get("subject")),
                              text(r.get("fact")), text(r.get("year"))),
          "subject_kind+subject+fact+year")
    for kind, ks in (("sources", sources), ("regions", regions), ("clusters", clusters),
                     ("organisations", orgs)):
        for k in ks:
            if not SLUG.match(k):
                err(f"{kind} {k!r}", "key is not a lower-case ASCII slug")
    for k in countries:
        if not ISO2.match(k):
            err(f"countries {k!r}", "code is not an ISO 3166-1 alpha-2 code")
    region_country = {text(r.get("key")): text(r.get("country"))
                      for _, _, r in records["regions"] if isinstance(r, dict)}

    def ref(where, value, table, what, optional=True):
        v = text(value)
        if v == "" and optional:
            return
        if v not in table:
            err(where, f"{what} {v!r} does not resolve")

    def year_ok(where, col, v):
        s = text(v)
        if s and not re.match(r"^\d{4}$", s):
            err(where, f"{col}: expected a year such as 1994, found {s!r}")

    for name, i, r in records["sources"]:
        where = f"{name}: sources[{i}]"
        d = text(r.get("date"))
        if d and not DATE.match(d):
            err(where, f"date {d!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    region_types = {"federal_district", "federal_subject", "municipality", "state", "county",
                    "economic_area", "metro_area", "nuts1", "nuts2", "nuts3", "custom"}
    codes = {}
    for name, i, r in records["regions"]:
        where = f"{name}: regions[{i}]"
        ref(where, r.get("country"), countries, "country", False)
        if r.get("type") is not None and r.get("type") not in region_types:
            err(where, f"type {r.get('type')!r} is not one of migration 0011's region types")
        code = r.get("code")
        if code is not None and code in codes:
            err(where, f"code {code!r} is also the code of {codes[code]}")
        if code is not None:
            codes[code] = text(r.get("key"))
        # a code of one first-level subdivision starts with its country (ISO 3166-2)
        if code is not None and not str(code).startswith(text(r.get("country")) + "-"):
            err(where, f"code {code!r} is not an ISO 3166-2 code of {r.get('country')}")
        parent = r.get("parent")
        if parent is not None and parent not in regions:
            err(where, f"parent {parent!r} is not a region")
    for name, i, r in records["clusters"]:
        where = f"{name}: clusters[{i}] ({text(r.get('key'))})"
        ref(where, r.get("country"), countries, "country", False)
        ref(where, r.get("region"), regions, "region")
        ref(where, r.get("source"), sources, "source")
        reg = text(r.get("region"))
        if reg in region_country and region_country[reg] != text(r.get("country")):
            err(where, f"region {reg!r} belongs to {region_country[reg]}, not {text(r.get('country'))}")
        if text(r.get("kind")) and text(r.get("kind")) not in CLUSTER_KINDS:
            err(where, f"kind {text(r.get('kind'))!r} is not one of {sorted(CLUSTER_KINDS)}")
        if text(r.get("stage")) and text(r.get("stage")) not in STAGES:
            err(where, f"stage {text(r.get('stage'))!r} is not one of {sorted(STAGES)}")
        year_ok(where, "founded", r.get("founded"))
        for col, lim in (("lat", 90), ("lon", 180)):
            s = text(r.get(col))
            if s:
                try:
                    v = float(s)
                    if not -lim <= v <= lim:
                        err(where, f"{col} {s} out of range")
                except ValueError:
                    err(where, f"{col} {s!r} is not a number")
        if (text(r.get("lat")) == "") != (text(r.get("lon")) == ""):
            err(where, "lat and lon must be given together")
        w = text(r.get("website"))
        if w and not re.match(r"^https?://[\x21-\x7e]+$", w):
            err(where, f"website {w!r} is not an ASCII http(s) URL")
    for name, i, r in records["organisations"]:
        where = f"{name}: organisations[{i}] ({text(r.get('key'))})"
        if text(r.get("type")) not in ORG_TYPES:
            err(where, f"type {text(r.get('type'))!r} is not one of {sorted(ORG_TYPES)}")
        ref(where, r.get("country"), countries, "country")
        ref(where, r.get("source"), sources, "source")
    used_orgs = set()
    for name, i, r in records["memberships"]:
        where = f"{name}: memberships[{i}]"
        ref(where, r.get("cluster"), clusters, "cluster", False)
        ref(where, r.get("organisation"), orgs, "organisation", False)
        ref(where, r.get("source"), sources, "source")
        used_orgs.add(text(r.get("organisation")))
        role = text(r.get("role"))
        if role and role not in ROLES:
            err(where, f"role {role!r} is not one of {sorted(ROLES)}")
        for col in ("joined", "left"):
            d = text(r.get(col))
            if d and not DATE.match(d):
                err(where, f"{col} {d!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for k in orgs:
        if k not in used_orgs:
            err(f"organisations {k!r}", "is in no membership")

    subjects = {"cluster": clusters, "country": countries, "region": regions}
    # a source without a document (a web page, with its URL) has no line numbers: its facts
    # locate their words by the page's own wording or position
    web = {text(r.get("key")) for _, _, r in records["sources"]
           if not text(r.get("document")) and text(r.get("url"))}
    for name, i, r in records["facts"]:
        where = f"{name}: facts[{i}] ({text(r.get('subject'))} {text(r.get('fact'))})"
        sk = text(r.get("subject_kind"))
        if sk not in SUBJECT_KINDS:
            err(where, f"subject_kind {sk!r} is not one of {sorted(SUBJECT_KINDS)}")
            continue
        ref(where, r.get("subject"), subjects[sk], sk, False)
        ref(where, r.get("source"), sources, "source", False)
        d = defs.get((text(r.get("fact")), sk))
        if d is None:
            err(where, f"fact {text(r.get('fact'))!r} is not defined for subject kind {sk!r}")
            continue
        year_ok(where, "year", r.get("year"))
        value = text(r.get("value"))
        if not value_ok(value, d["type"], d.get("levels")):
            err(where, f"value {value!r} does not parse as {d['type']}"
                       + (f" ({d.get('levels')})" if d["type"] == "level" else ""))
        status = text(r.get("status"))
        if status and status not in STATUSES:
            err(where, f"status {status!r} is not one of {sorted(STATUSES)}")
        if value.strip() and not status:
            err(where, "a known value needs a status")
        if not value.strip() and status:
            err(where, "an unknown value must not carry a status")
        if not text(r.get("locator")).strip():
            err(where, "no locator")
        elif text(r.get("source")) not in web and not LOCATOR.match(text(r.get("locator"))):
            err(where, f"locator {text(r.get('locator'))!r} does not start with 'line N' or 'lines A-B'")
        if value.strip() and not text(r.get("quote")).strip():
            err(where, "a known value needs a quote")
        if status in ("derived", "estimated") and not text(r.get("note")).strip():
            err(where, f"a {status} value needs a note saying how it was obtained")

    check_development(records, defs, web, keyed, ref, year_ok,
                      {"sources": sources, "countries": countries, "clusters": clusters,
                       "organisations": orgs})
    programmes = {text(r.get("key")) for _, _, r in records["programmes"] if isinstance(r, dict)}
    news_check.check_news(records, {"sources": sources, "clusters": clusters,
                                    "organisations": orgs, "regions": regions,
                                    "programmes": programmes}, err, ref, text)

    # reference groups
    rg = other_docs.pop(os.path.join("reference", "reference-groups.json"), None)
    for name in other_docs:
        err(name, "is not a clusterscope-registry document (format tag)")
    if rg is None:
        err("reference-groups.json", "missing")
    else:
        where = "reference-groups.json"
        if rg.get("format") != "clusterscope-reference-types" or rg.get("version") != 1:
            err(where, "format must be clusterscope-reference-types, version 1")
        ids = [g.get("id") for g in rg.get("groups", [])]
        if ids != [1, 2, 3]:
            err(where, f"group ids are {ids}, expected [1, 2, 3]")
        ref(where, rg.get("source"), sources, "source", False)
        for g in rg.get("groups", []):
            for cname, ch in (g.get("characteristics") or {}).items():
                for fname, v in ((ch or {}).get("facts") or {}).items():
                    w = f"{where}: group {g.get('id')} {cname}"
                    if (fname, "cluster") not in defs:
                        err(w, f"fact {fname!r} is not defined for subject kind 'cluster'")
                    if v not in ("mainly", "typical"):
                        err(w, f"{fname}: {v!r} is not 'mainly' or 'typical'")
        seen = set()
        for a in rg.get("assignments", []):
            c = a.get("cluster")
            if c in seen:
                err(where, f"cluster {c!r} assigned twice")
            seen.add(c)
            ref(where, c, clusters, "cluster", False)
            if a.get("group") not in (None, 1, 2, 3):
                err(where, f"{c}: group {a.get('group')!r} is not 1, 2, 3 or null")
            if not a.get("basis"):
                err(where, f"{c}: no basis")
        missing = set(clusters) - seen
        if missing:
            err(where, f"clusters without an assignment: {sorted(missing)}")
        check_success_factors(where, rg, clusters)

    # quotes against the seeds
    if args.seeds:
        docs = {text(r.get("key")): text(r.get("document")) for _, _, r in records["sources"]}
        cache = {}
        for name, i, r in records["facts"]:
            q = text(r.get("quote")).strip()
            if not q or text(r.get("source")) in web:
                continue
            where = f"{name}: facts[{i}] ({text(r.get('subject'))} {text(r.get('fact'))} {text(r.get('year'))})"
            doc = docs.get(text(r.get("source")))
            if not doc:
                err(where, "source has no document to check the quote against")
                continue
            if doc not in cache:
                p = os.path.join(args.seeds, doc)
                cache[doc] = Seed(p) if os.path.exists(p) else None
            if cache[doc] is None:
                err(where, f"document {doc} not found in {args.seeds}")
                continue
            check_quote(where, cache[doc], q, text(r.get("locator")))
        for kind in DEV_KINDS:
            for name, i, r in records[kind]:
                q = text(r.get("quote")).strip() if isinstance(r, dict) else ""
                if not q or text(r.get("source")) in web:
                    continue
                where = f"{name}: {kind}[{i}]"
                doc = docs.get(text(r.get("source")))
                if not doc:
                    err(where, "source has no document to check the quote against")
                    continue
                if doc not in cache:
                    p = os.path.join(args.seeds, doc)
                    cache[doc] = Seed(p) if os.path.exists(p) else None
                if cache[doc] is None:
                    err(where, f"document {doc} not found in {args.seeds}")
                    continue
                check_quote(where, cache[doc], q, text(r.get("locator")))

        def seed_of(where, source):
            if source in web:
                return None
            doc = docs.get(source)
            if not doc:
                err(where, "source has no document to check the quote against")
                return None
            if doc not in cache:
                p = os.path.join(args.seeds, doc)
                cache[doc] = Seed(p) if os.path.exists(p) else None
            if cache[doc] is None:
                err(where, f"document {doc} not found in {args.seeds}")
            return cache[doc]

        news_check.check_news_seeds(records, seed_of, err, text, check_in_range)
        if rg is not None:
            doc = docs.get(text(rg.get("source")))
            p = os.path.join(args.seeds, doc or "")
            if doc and os.path.exists(p):
                check_success_factor_quotes(Seed(p), rg)
            else:
                err("reference-groups.json", "the study's document is not in the seeds")

    # summary
    n = {k: len(v) for k, v in records.items()}
    status_counts = {}
    for _, _, r in records["facts"]:
        s = text(r.get("status")) or "unknown"
        status_counts[s] = status_counts.get(s, 0) + 1
    print(f"files: {', '.join(files)}")
    print("records: " + ", ".join(f"{k} {n[k]}" for k in KINDS if n[k]))
    print("facts by status: " + ", ".join(f"{k} {v}" for k, v in sorted(status_counts.items())))
    if args.seeds:
        print(f"quotes checked against {args.seeds}")
    for e in errors:
        print("error: " + e, file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

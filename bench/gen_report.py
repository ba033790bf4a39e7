#!/usr/bin/env python3
"""Writes a synthetic registry for the report benchmark, in the JSON import formats.

usage: gen_report.py OUT_DIR N_CLUSTERS [SEED]
Writes OUT_DIR/registry.json (format clusterscope-registry: sources, countries with their facts,
regions, clusters, organisations, memberships, facts) and OUT_DIR/reference-groups.json (format
clusterscope-reference-types: the bundled study's groups from data/reference/, with assignments
for a share of the generated clusters). Both import with `clusterscope import`.

Shaped like the bundled data, scaled up: about 85% of clusters have coordinates (around their
country's centre), 92% have facts (4 to 16, about 10 on average: HSE and ECCP facts, some bounds,
some dated, a few unknown), each with a source, a locator, a quote in Russian and sometimes a
note; about 5 memberships per cluster among 3 organisations per cluster. Deterministic for a seed.
"""
import json
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.makedirs(out, exist_ok=True)

# code, English name, Russian name, latitude and longitude of a point inside, spread in degrees
countries = [
    ("DE", "Germany", "Германия", 51.0, 10.0, 2.0), ("DK", "Denmark", "Дания", 56.0, 9.5, 0.8),
    ("SE", "Sweden", "Швеция", 60.0, 15.5, 2.5), ("FR", "France", "Франция", 46.5, 2.5, 2.2),
    ("GB", "United Kingdom", "Великобритания", 53.0, -1.5, 1.5),
    ("NL", "Netherlands", "Нидерланды", 52.2, 5.5, 0.6), ("CH", "Switzerland", "Швейцария", 46.8, 8.2, 0.5),
    ("IT", "Italy", "Италия", 42.8, 12.5, 1.8), ("ES", "Spain", "Испания", 40.2, -3.7, 2.0),
    ("FI", "Finland", "Финляндия", 62.5, 25.5, 2.0), ("PL", "Poland", "Польша", 52.0, 19.5, 1.5),
    ("CZ", "Czechia", "Чехия", 49.8, 15.5, 0.7), ("RU", "Russia", "Россия", 55.5, 45.0, 6.0),
    ("US", "United States", "США", 39.0, -96.0, 7.0), ("CA", "Canada", "Канада", 49.5, -90.0, 6.0),
    ("BR", "Brazil", "Бразилия", -15.0, -48.0, 6.0), ("CN", "China", "Китай", 32.0, 112.0, 6.0),
    ("JP", "Japan", "Япония", 36.0, 138.5, 1.5), ("KR", "Republic of Korea", "Республика Корея", 36.5, 127.8, 0.8),
    ("IN", "India", "Индия", 21.0, 78.0, 4.5), ("SG", "Singapore", "Сингапур", 1.35, 103.8, 0.05),
    ("TH", "Thailand", "Таиланд", 15.0, 101.0, 2.0), ("AU", "Australia", "Австралия", -27.0, 140.0, 6.0),
    ("IL", "Israel", "Израиль", 31.5, 34.9, 0.4), ("TR", "Turkey", "Турция", 39.0, 34.0, 2.5),
]
weights = [8, 3, 3, 5, 5, 3, 3, 4, 4, 2, 3, 2, 12, 12, 3, 2, 6, 4, 4, 3, 1, 2, 2, 2, 2]
sources = [
    {"key": "hse-2019", "title": "Synthetic stand-in for the HSE study (benchmark data)", "date": "2019",
     "publisher": "clusterscope benchmark", "locator": "line numbers"},
] + [
    {"key": f"bench-src-{i:02d}", "title": f"Synthetic cluster survey {i}", "date": f"{2012 + i % 9}",
     "url": f"https://example.org/survey/{i}", "publisher": "clusterscope benchmark"}
    for i in range(1, 12)
]
src_keys = [s["key"] for s in sources]

words_ru = ("кластер участники организации медицинские услуги исследования разработки биомедицина "
            "производство фармацевтика медтехника клиники университеты технопарк инкубатор регион "
            "стратегия развитие экспорт пациенты инновации лаборатория центр партнёры программа "
            "более чем около входят в состав в том числе ежегодно года").split()


def quote():
    w = rng.sample(words_ru, rng.randrange(8, 26))
    return (" ".join(w)).capitalize() + "."


regions = []
by_country = {}
for c in countries:
    for j in range(3):
        key = f"{c[0].lower()}-region-{j + 1}"
        regions.append({"key": key, "country": c[0], "name_en": f"{c[1]} region {j + 1}",
                        "name_ru": f"{c[2]}, регион {j + 1}"})
        by_country.setdefault(c[0], []).append(key)

facts = []
for i, c in enumerate(countries):
    code = c[0]
    facts.append({"subject_kind": "country", "subject": code, "fact": "medtourism_revenue_usd",
                  "year": 2018, "value": rng.choice([">1e9", ">5e8", "2.5e8", "1.2e9", ""]),
                  "status": "derived", "source": "hse-2019", "locator": f"lines {3000 + i * 7}-{3004 + i * 7}",
                  "quote": quote()})
    facts.append({"subject_kind": "country", "subject": code, "fact": "foreign_patients", "year": 2018,
                  "value": str(rng.randrange(10000, 900000)), "status": "stated", "source": "hse-2019",
                  "locator": f"line {3100 + i}", "quote": quote()})
    if i % 3:
        facts.append({"subject_kind": "country", "subject": code, "fact": "pwc_medtourism_rank", "year": 2018,
                      "value": str(1 + i % 30), "status": "stated", "source": "hse-2019",
                      "locator": f"line {3200 + i}"})
    facts.append({"subject_kind": "country", "subject": code, "fact": "bloomberg_efficiency_rank", "year": 2014,
                  "value": str(rng.randrange(1, 55)), "status": "stated", "source": "hse-2019",
                  "locator": f"line {3300 + i}"})

kinds = ["biomedical"] * 6 + ["industrial", "innovative_territorial", "tourist", "other"]
stages = ["emerging", "developing", "mature", "declining", None]
prefixes = ["BioMed", "Health", "Life Science", "MedTech", "Pharma", "Biotech", "Medical Valley",
            "Health Innovation", "Clinical Research", "Medical Tourism", "Digital Health", "Bioeconomy"]
suffixes = ["Cluster", "Network", "Alliance", "Valley", "Hub", "Region", "Initiative"]
specs = ["pharmaceuticals", "medical technology", "biotechnology", "medical services and rehabilitation",
         "medical tourism", "diagnostics", "digital health", "clinical research", "nutrition and wellness"]
clusters = []
cluster_country = []
for i in range(n):
    c = rng.choices(countries, weights)[0]
    key = f"cl-{i:05d}"
    city = f"City {rng.randrange(1, 400)}"
    cl = {"key": key, "name_en": f"{rng.choice(prefixes)} {city} {rng.choice(suffixes)}",
          "name_ru": f"Кластер «{rng.choice(words_ru).capitalize()} {i}»", "country": c[0]}
    if rng.random() < 0.7:
        cl["region"] = rng.choice(by_country[c[0]])
    cl["city"] = city
    if rng.random() < 0.85:
        cl["lat"] = round(max(-89.0, min(89.0, rng.gauss(c[3], c[5]))), 4)
        cl["lon"] = round(max(-179.9, min(179.9, rng.gauss(c[4], c[5] * 1.3))), 4)
    if rng.random() < 0.8:
        cl["founded"] = rng.randrange(1985, 2021)
    if rng.random() < 0.75:
        cl["website"] = f"https://cluster-{i}.example.org/"
    if rng.random() < 0.6:
        cl["cluster_organisation"] = f"{cl['name_en']} management company"
    cl["kind"] = rng.choice(kinds)
    cl["specialisation"] = "; ".join(rng.sample(specs, rng.randrange(1, 4)))
    st = rng.choice(stages)
    if st:
        cl["stage"] = st
    cl["source"] = rng.choice(src_keys)
    if rng.random() < 0.3:
        cl["note"] = quote()
    clusters.append(cl)
    cluster_country.append(c[0])

org_types = ["clinic", "manufacturer", "research", "education", "authority", "support", "startup", "other"]
org_weights = [5, 6, 4, 3, 1, 2, 3, 1]
activities = ["research", "services", "manufacturing", "education", "consulting", "testing"]
orgs = []
orgs_by_country = {}
for i in range(3 * n):
    code = rng.choices(countries, weights)[0][0]
    t = rng.choices(org_types, org_weights)[0]
    o = {"key": f"org-{i:06d}", "name": f"Organisation {i} ({t})", "type": t,
         "activities": ";".join(rng.sample(activities, rng.randrange(1, 3))), "country": code,
         "source": rng.choice(src_keys)}
    if rng.random() < 0.4:
        o["website"] = f"https://org-{i}.example.org/"
    orgs.append(o)
    orgs_by_country.setdefault(code, []).append(o["key"])

memberships = []
for i in range(n):
    pool = orgs_by_country.get(cluster_country[i]) or [o["key"] for o in orgs]
    chosen = set()
    for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12])):
        k = rng.choice(pool) if rng.random() < 0.9 else rng.choice(orgs)["key"]
        if k in chosen:
            continue
        chosen.add(k)
        m = {"cluster": f"cl-{i:05d}", "organisation": k,
             "role": rng.choices(["anchor", "member", "partner"], [1, 8, 2])[0], "source": rng.choice(src_keys)}
        if rng.random() < 0.5:
            m["joined"] = f"{rng.randrange(2005, 2021)}-{rng.randrange(1, 13):02d}"
        memberships.append(m)

bools = ["member_type.clinic", "member_type.manufacturer", "member_type.research_education",
         "member_type.authority", "member_type.support", "activity.medical_services", "activity.rd_biomedicine",
         "activity.manufacturing", "activity.pharma", "activity.medtech", "authorities_in_governance",
         "public_body_collaboration", "goal.participants_development", "goal.regional_socioeconomic",
         "goal.regional_science_technology", "website_current_activity"]
counts = {"organisation_count": ["118", ">60", ">=100", "<100", ">500", "40", "250", "10..20", ">391"],
          "startups": ["0", "2", "5", ">2", ">10", "12"],
          "innovation_infrastructure_objects": [">60", "3", ">2", "1", "0", "8"],
          "committed_members": ["15", ">20", "8", "30"],
          "innovation_infrastructure.technopark": ["1", "2", "8"],
          "innovation_infrastructure.business_incubator": ["1", "3"]}
levels = {"english_website": ["none", "start_page", "full"], "esca_label": ["none", "bronze", "silver", "gold"]}
fact_names = bools + list(counts) + list(levels) + ["management_fte"]
for i in range(n):
    if rng.random() < 0.08:
        continue
    for name in rng.sample(fact_names, rng.randrange(4, 17)):
        if name in counts:
            value = rng.choice(counts[name])
        elif name in levels:
            value = rng.choice(levels[name])
        elif name == "management_fte":
            value = rng.choice(["0.5", "2", "4.5", ">1", "12"])
        else:
            value = rng.choice(["true", "true", "false"])
        if rng.random() < 0.04:
            value = ""
        years = [0]
        if name in ("organisation_count", "startups") and rng.random() < 0.4:
            years = rng.sample(range(2014, 2021), rng.randrange(1, 3))
        elif name == "esca_label":
            years = [rng.randrange(2012, 2021)]
        for y in years:
            f = {"subject_kind": "cluster", "subject": f"cl-{i:05d}", "fact": name}
            if y:
                f["year"] = y
            f["value"] = value
            if value:
                f["status"] = rng.choices(["stated", "derived", "estimated"], [55, 20, 25])[0]
            f["source"] = rng.choice(src_keys)
            line = rng.randrange(100, 8000)
            f["locator"] = f"lines {line}-{line + rng.randrange(1, 30)}"
            if rng.random() < 0.8:
                f["quote"] = quote()
            if rng.random() < 0.2:
                f["note"] = quote()
            facts.append(f)

registry = {"format": "clusterscope-registry", "version": 1, "sources": sources,
            "countries": [{"code": c[0], "name_en": c[1], "name_ru": c[2]} for c in countries],
            "regions": regions, "clusters": clusters, "organisations": orgs,
            "memberships": memberships, "facts": facts}
with open(os.path.join(out, "registry.json"), "w", encoding="utf-8") as f:
    json.dump(registry, f, ensure_ascii=False, indent=1)
    f.write("\n")

# The study's groups as bundled; a share of the generated clusters placed in them.
with open(os.path.join(root, "data", "reference", "reference-groups.json"), encoding="utf-8") as f:
    ref = json.load(f)
assignments = []
for i in range(n):
    r = rng.random()
    if r < 0.08:
        assignments.append({"cluster": f"cl-{i:05d}", "group": rng.randrange(1, 4),
                            "basis": rng.choice(["stated", "reconstructed", "derived"]),
                            "evidence": "synthetic", "locator": f"line {rng.randrange(3000, 3700)}",
                            "target_models": [rng.randrange(1, 5)]})
    elif r < 0.12:
        assignments.append({"cluster": f"cl-{i:05d}", "group": None, "basis": "not_assigned",
                            "evidence": "synthetic", "target_models": []})
ref["assignments"] = assignments
with open(os.path.join(out, "reference-groups.json"), "w", encoding="utf-8") as f:
    json.dump(ref, f, ensure_ascii=False, indent=1)
    f.write("\n")

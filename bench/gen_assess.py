#!/usr/bin/env python3
"""Writes a registry of N clusters with HSE facts for the assessment benchmark (CSV files).

usage: gen_assess.py OUT_DIR N_CLUSTERS [SEED]
Each cluster gets about a dozen facts of the HSE method, some as bounds, some unknown; each of
five countries gets the country facts. Deterministic for a seed.
"""
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
os.makedirs(out, exist_ok=True)
countries = ["DE", "DK", "FR", "RU", "US"]
with open(os.path.join(out, "sources.csv"), "w") as f:
    f.write("key,title\nbench,Synthetic benchmark data\n")
with open(os.path.join(out, "countries.csv"), "w") as f:
    f.write("code,name_en\n" + "".join(f"{c},Country {c}\n" for c in countries))
with open(os.path.join(out, "clusters.csv"), "w") as f:
    f.write("key,name_en,country,kind,source\n")
    for i in range(n):
        f.write(f"cl-{i:06d},Cluster {i},{countries[i % 5]},biomedical,bench\n")
bools = ["member_type.clinic", "member_type.manufacturer", "member_type.research_education",
         "member_type.authority", "member_type.support", "activity.medical_services",
         "activity.rd_biomedicine", "activity.manufacturing", "authorities_in_governance",
         "goal.participants_development", "goal.regional_socioeconomic",
         "goal.regional_science_technology"]
with open(os.path.join(out, "facts.csv"), "w") as f:
    f.write("subject_kind,subject,fact,year,value,status,source,locator\n")
    for c in countries:
        f.write(f"country,{c},medtourism_revenue_usd,2018,>1e9,derived,bench,\n")
        f.write(f"country,{c},foreign_patients,2018,{rng.randrange(10000, 900000)},stated,bench,\n")
        f.write(f"country,{c},pwc_medtourism_rank,2018,{rng.randrange(1, 30)},stated,bench,\n")
        f.write(f"country,{c},bloomberg_efficiency_rank,2014,{rng.randrange(1, 50)},stated,bench,\n")
    for i in range(n):
        key = f"cl-{i:06d}"
        f.write(f"cluster,{key},organisation_count,,{rng.choice(['>100', '<100', '250', '40', '>50'])},stated,bench,p. {i % 300}\n")
        f.write(f"cluster,{key},startups,,{rng.randrange(0, 6)},stated,bench,\n")
        f.write(f"cluster,{key},innovation_infrastructure_objects,,>{rng.randrange(0, 4)},derived,bench,\n")
        f.write(f"cluster,{key},english_website,,{rng.choice(['none', 'start_page', 'full'])},estimated,bench,\n")
        for b in rng.sample(bools, 8):
            f.write(f"cluster,{key},{b},,{rng.choice(['true', 'false'])},stated,bench,\n")

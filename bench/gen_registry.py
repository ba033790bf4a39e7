#!/usr/bin/env python3
"""Writes a synthetic registry for benchmarks: CSV files in the import format.

usage: gen_registry.py OUT_DIR N_ORGANISATIONS N_MEMBERSHIPS N_CLUSTERS [SEED]
Deterministic for a seed. Organisation keys are shuffled so that inserts are not in key order,
as in real exports from other systems.
"""
import os
import random
import sys

out, n_org, n_mem, n_clu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 42)
os.makedirs(out, exist_ok=True)
countries = [("DE", "Germany"), ("DK", "Denmark"), ("FR", "France"), ("RU", "Russia"), ("US", "United States")]
types = ["clinic", "manufacturer", "research", "education", "authority", "support", "startup", "other"]
with open(os.path.join(out, "sources.csv"), "w") as f:
    f.write("key,title\nbench,Synthetic benchmark data\n")
with open(os.path.join(out, "countries.csv"), "w") as f:
    f.write("code,name_en\n")
    for c, n in countries:
        f.write(f"{c},{n}\n")
with open(os.path.join(out, "clusters.csv"), "w") as f:
    f.write("key,name_en,country,kind,source\n")
    for i in range(n_clu):
        f.write(f"cl-{i:06d},Cluster {i},{countries[i % len(countries)][0]},biomedical,bench\n")
order = list(range(n_org))
rng.shuffle(order)
with open(os.path.join(out, "organisations.csv"), "w") as f:
    f.write("key,name,type,activities,country,source\n")
    for i in order:
        f.write(f"org-{i:07d},\"Organisation {i}, Ltd\",{types[i % len(types)]},research;services,"
                f"{countries[i % len(countries)][0]},bench\n")
with open(os.path.join(out, "memberships.csv"), "w") as f:
    f.write("cluster,organisation,role,joined,source\n")
    # a pair is kept as one integer and lines are written in batches, so that 10^7 memberships
    # fit in well under a gigabyte and a minute; the draws and the output are as before
    seen = set()
    lines = []
    while len(seen) < n_mem:
        c = rng.randrange(n_clu)
        o = rng.randrange(n_org)
        pair = c * n_org + o
        if pair in seen:
            continue
        seen.add(pair)
        role = "anchor" if o % 97 == 0 else "member"
        lines.append(f"cl-{c:06d},org-{o:07d},{role},20{10 + o % 15}-0{1 + o % 9},bench\n")
        if len(lines) >= 65536:
            f.write("".join(lines))
            lines.clear()
    f.write("".join(lines))

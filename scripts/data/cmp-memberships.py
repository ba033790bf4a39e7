#!/usr/bin/env python3
"""The second step of importing the US Cluster Mapping Project's list of organisations
(CurrentOrganizationsAndClusters.csv: org_id, org_title, cluster_name).

The first step imports the organisations with a column mapping (docs/formats.md, "Columns as
the file has them"). Memberships need a cluster's key, and the list names clusters by their
titles ("Aerospace Vehicles and Defense"), which are not keys: a mapping renames columns, it
does not rewrite values. This script writes, into OUT_DIR,

  clusters.csv     one cluster per title: key (the title as a slug), name_en, country US,
                   kind industrial, source
  memberships.csv  one membership per (cluster, organisation) pair, repeats removed

both importable as they are:

  clusterscope import --kind organisations --columns org_id=key,org_title=name,cluster_name=- \\
      --set type=other --set country=US --set source=cmp-orgs cmp-source.json FILE
  scripts/data/cmp-memberships.py FILE OUT_DIR
  clusterscope import OUT_DIR/clusters.csv OUT_DIR/memberships.csv

Usage: cmp-memberships.py FILE OUT_DIR [SOURCE_KEY]   (SOURCE_KEY default: cmp-orgs)
"""
import csv
import os
import re
import sys


def slug(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    path, out = sys.argv[1], sys.argv[2]
    source = sys.argv[3] if len(sys.argv) == 4 else "cmp-orgs"
    # newline="" lets the csv module take LF, CRLF and the list's bare CR line ends
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    titles = sorted({r["cluster_name"] for r in rows})
    keys = {t: slug(t) for t in titles}
    if len(set(keys.values())) != len(keys):
        sys.exit("two cluster titles give the same key; name them by hand")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "clusters.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "name_en", "country", "kind", "source"])
        for t in titles:
            w.writerow([keys[t], t, "US", "industrial", source])
    pairs = sorted({(keys[r["cluster_name"]], r["org_id"]) for r in rows})
    with open(os.path.join(out, "memberships.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["cluster", "organisation", "source"])
        for cluster, org in pairs:
            w.writerow([cluster, org, source])
    print(f"{len(titles)} clusters, {len(pairs)} memberships in {out}")


if __name__ == "__main__":
    main()

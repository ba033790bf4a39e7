#!/usr/bin/python3
"""Reference results from scikit-learn for the partitioning tests (tests/unit/test_kmeans.c,
test_validity.c, test_compare.c).

Usage: partition_sklearn.py OUTDIR
Writes OUTDIR/<case>.ref files: blocks "name rows cols" followed by rows*cols numbers (shortest
round-trip decimals), read by tests/unit/partition_test_util.h. Data are generated here from
fixed seeds, so the C tests read the very same numbers.
"""
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,
                             davies_bouldin_score, normalized_mutual_info_score,
                             silhouette_samples, silhouette_score)
from sklearn.metrics.cluster import contingency_matrix

warnings.filterwarnings("ignore")


def write(path, blocks):
    with open(path + ".tmp", "w") as f:
        for name, arr in blocks:
            a = np.atleast_2d(np.asarray(arr, dtype=np.float64))
            if np.asarray(arr).ndim == 1:
                a = np.asarray(arr, dtype=np.float64).reshape(1, -1)
            f.write("%s %d %d\n" % (name, a.shape[0], a.shape[1]))
            f.write(" ".join(repr(float(v)) for v in a.ravel()) + "\n")
    os.replace(path + ".tmp", path)


def write_list(path, names):
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(names) + "\n")
    os.replace(path + ".tmp", path)


def blobs(rng, n, p, k, spread=1.0, box=10.0):
    centres = rng.uniform(-box, box, size=(k, p))
    lab = rng.integers(0, k, n)
    return centres[lab] + rng.normal(scale=spread, size=(n, p))


def kmeans_cases(out):
    rng = np.random.default_rng(20240611)
    cases = []
    # (name, X, k, max_iter, tol)
    cases.append(("km_blobs", blobs(rng, 2000, 5, 4), 4, 300, 1e-4))
    cases.append(("km_uniform_tol0", rng.uniform(size=(3000, 8)), 7, 10, 0.0))
    cases.append(("km_blobs_short", blobs(rng, 500, 2, 3, spread=3.0), 3, 5, 1e-4))
    cases.append(("km_uniform16", rng.uniform(size=(1000, 16)), 20, 50, 1e-4))
    cases.append(("km_overlap", blobs(rng, 1500, 3, 6, spread=4.0, box=5.0), 6, 300, 1e-6))
    cases.append(("km_k1", rng.normal(size=(200, 4)), 1, 300, 1e-4))
    for r in range(6):
        n = int(rng.integers(50, 800))
        p = int(rng.integers(1, 13))
        k = int(rng.integers(2, 11))
        it = int(rng.integers(1, 40))
        tol = [0.0, 1e-4, 1e-2][r % 3]
        X = blobs(rng, n, p, max(1, k - 1), spread=2.0) if r % 2 else rng.normal(size=(n, p)) * 3
        cases.append(("km_random%d" % r, X, k, it, tol))
    names = []
    for name, X, k, max_iter, tol in cases:
        init = X[rng.choice(X.shape[0], k, replace=False)].copy()
        km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=max_iter, tol=tol,
                    algorithm="lloyd").fit(X)
        write(os.path.join(out, name + ".ref"),
              [("X", X), ("init", init), ("params", [k, max_iter, tol]),
               ("labels", km.labels_), ("centres", km.cluster_centers_),
               ("inertia", [km.inertia_]), ("n_iter", [km.n_iter_])])
        names.append(name)
    # an initial centre far from every object: scikit-learn relocates the empty group
    X = blobs(rng, 300, 3, 3, spread=1.0)
    init = X[rng.choice(300, 4, replace=False)].copy()
    init[2] = [1000.0, 1000.0, 1000.0]
    km = KMeans(n_clusters=4, init=init, n_init=1, max_iter=100, tol=1e-4,
                algorithm="lloyd").fit(X)
    write(os.path.join(out, "km_empty.ref"),
          [("X", X), ("init", init), ("params", [4, 100, 1e-4]), ("labels", km.labels_),
           ("centres", km.cluster_centers_), ("inertia", [km.inertia_]),
           ("n_iter", [km.n_iter_])])
    names.append("km_empty")
    write_list(os.path.join(out, "km_list.txt"), names)


def davies_bouldin_direct(X, lab):
    """Davies-Bouldin with distances from differences (scikit-learn uses |x|^2 - 2 x.c + |c|^2,
    which loses about 1e-12 relative on data far from the origin)."""
    ls = np.unique(lab)
    C = np.array([X[lab == g].mean(axis=0) for g in ls])
    intra = np.array([np.mean(np.sqrt(((X[lab == g] - C[i]) ** 2).sum(1)))
                      for i, g in enumerate(ls)])
    cd = np.sqrt(((C[:, None, :] - C[None, :, :]) ** 2).sum(-1))
    cd[cd == 0] = np.inf
    return np.mean(np.max((intra[:, None] + intra) / cd, axis=1))


def validity_cases(out):
    rng = np.random.default_rng(77)
    names = []
    specs = [
        ("val_blobs", blobs(rng, 400, 4, 3), None),
        ("val_uniform", rng.uniform(size=(1000, 6)), 5),
        ("val_small", rng.normal(size=(12, 2)), 3),
        ("val_wide", rng.normal(size=(300, 40)), 4),
        ("val_offset", rng.normal(size=(500, 3)) + 50.0, 6),
    ]
    for name, X, k in specs:
        if k is None:
            lab = KMeans(n_clusters=3, n_init=3, random_state=0).fit(X).labels_
            k = 3
        else:
            lab = rng.integers(0, k, X.shape[0])
        if name == "val_small":
            lab = np.array([0, 0, 0, 0, 2, 2, 2, 2, 2, 3, 0, 2])  # label 1 unused, 3 singleton
            k = 4
        if name == "val_offset":
            lab[lab == 4] = 5  # label 4 unused
        write(os.path.join(out, name + ".ref"),
              [("X", X), ("labels", lab), ("k", [k]),
               ("widths", silhouette_samples(X, lab)), ("mean", [silhouette_score(X, lab)]),
               ("ch", [calinski_harabasz_score(X, lab)]),
               ("db", [davies_bouldin_score(X, lab)]),
               ("db_direct", [davies_bouldin_direct(X, lab)])])
        names.append(name)
    write_list(os.path.join(out, "val_list.txt"), names)


def compare_cases(out):
    rng = np.random.default_rng(5)
    names = []
    pairs = []
    for r in range(8):
        n = int(rng.integers(1, 3000))
        ka = int(rng.integers(1, 12))
        kb = int(rng.integers(1, 12))
        a = rng.integers(0, ka, n)
        b = np.where(rng.uniform(size=n) < 0.6, a % kb, rng.integers(0, kb, n))
        pairs.append(("cmp_random%d" % r, a, b, ka, kb))
    a = rng.integers(0, 5, 100)
    pairs.append(("cmp_same", a, a.copy(), 5, 5))
    pairs.append(("cmp_renamed", a, (a * 7 + 3) % 5, 5, 5))
    pairs.append(("cmp_one_group", np.zeros(50, int), rng.integers(0, 3, 50), 1, 3))
    pairs.append(("cmp_both_one", np.zeros(20, int), np.zeros(20, int), 1, 1))
    pairs.append(("cmp_singletons", np.arange(40), rng.integers(0, 4, 40), 40, 4))
    pairs.append(("cmp_big", rng.integers(0, 50, 200000), rng.integers(0, 60, 200000), 50, 60))
    pairs.append(("cmp_negative", rng.integers(-3, 3, 500) * 1000, rng.integers(-2, 2, 500), 0, 0))
    for name, a, b, ka, kb in pairs:
        blocks = [("a", a), ("b", b), ("ari", [adjusted_rand_score(a, b)]),
                  ("nmi", [normalized_mutual_info_score(a, b)])]
        if ka > 0:
            full = np.zeros((ka, kb))
            ct = contingency_matrix(a, b)
            ua, ub = np.unique(a), np.unique(b)
            full[np.ix_(ua, ub)] = ct
            blocks.append(("table", full))
        write(os.path.join(out, name + ".ref"), blocks)
        names.append(name)
    write_list(os.path.join(out, "cmp_list.txt"), names)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    kmeans_cases(out)
    validity_cases(out)
    compare_cases(out)
    with open(os.path.join(out, "sklearn_version.txt"), "w") as f:
        f.write("scikit-learn %s numpy %s\n" % (sklearn.__version__, np.__version__))


if __name__ == "__main__":
    main()

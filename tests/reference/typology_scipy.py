#!/usr/bin/python3
"""Reference results from SciPy and fastcluster for the typology tests (tests/unit/test_distance.c,
tests/unit/test_linkage.c).

Usage: typology_scipy.py OUTDIR
Writes OUTDIR/<case>.ref files of blocks "name rows cols" followed by rows*cols numbers in
shortest round-trip decimals (nan for NaN), read by tests/unit/typology_test_util.h, and
OUTDIR/cases.txt listing the cases. Data are generated here from fixed seeds and written into the
same files, so the C tests compute on the very same numbers.

Per case: X (the data), for every metric pdist_<metric>, and for every linkage method
Z_<method> (scipy.cluster.hierarchy.linkage), F_<method> (fastcluster.linkage on the same
condensed distances), coph_<method> (cophenetic distances), cc_<method> (cophenetic
correlation), maxclust_<method>_<k> and dist_<method>_<i> (fcluster labels) with their
thresholds in cut_<method>.
"""
import os
import sys
import warnings

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.spatial.distance import pdist

import fastcluster

warnings.filterwarnings("ignore")

NUMERIC = ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"]
BINARY = ["hamming", "jaccard", "dice", "rogerstanimoto"]
METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]


def write(path, blocks):
    with open(path + ".tmp", "w") as f:
        for name, arr in blocks:
            a = np.asarray(arr, dtype=np.float64)
            if a.ndim == 0:
                a = a.reshape(1, 1)
            elif a.ndim == 1:
                a = a.reshape(1, -1)
            f.write("%s %d %d\n" % (name, a.shape[0], a.shape[1]))
            f.write(" ".join(repr(float(v)) for v in a.ravel()) + "\n")
    os.replace(path + ".tmp", path)


def hierarchy_blocks(y, methods, fc_compare=True):
    """Linkage, fastcluster, cophenetic and fcluster blocks for condensed distances y."""
    out = []
    for m in methods:
        Z = linkage(y, m)
        out.append(("Z_" + m, Z))
        if fc_compare:
            out.append(("F_" + m, fastcluster.linkage(y, method=m)))
        c, coph = cophenet(Z, y)
        out.append(("coph_" + m, coph))
        out.append(("cc_" + m, [c]))
        n = Z.shape[0] + 1
        for k in (2, 3, 5):
            if k < n:
                out.append(("maxclust_%s_%d" % (m, k), fcluster(Z, k, criterion="maxclust")))
        heights = np.sort(Z[:, 2])
        cuts = [heights[len(heights) // 2], heights[-1] * 0.7, heights[0]]
        out.append(("cut_" + m, cuts))
        for i, t in enumerate(cuts):
            out.append(("dist_%s_%d" % (m, i), fcluster(Z, t, criterion="distance")))
    return out


def numeric_case(name, X, methods=METHODS):
    blocks = [("X", X)]
    for metric in NUMERIC:
        blocks.append(("pdist_" + metric, pdist(X, metric)))
    y = pdist(X, "euclidean")
    blocks += hierarchy_blocks(y, methods)
    # other metrics for the matrix methods (centroid, median and ward are euclidean-only)
    for metric in ("cityblock", "cosine"):
        for m in ("complete", "average", "weighted", "single"):
            blocks.append(("Z_%s_%s" % (metric, m), linkage(pdist(X, metric), m)))
    return blocks


def binary_case(name, B):
    """B is a 0/1 matrix; distances on bool, as SciPy's boolean pdist computes them."""
    Bb = B.astype(bool)
    blocks = [("X", B.astype(np.float64))]
    for metric in BINARY:
        blocks.append(("pdist_" + metric, pdist(Bb, metric)))
    for metric in ("jaccard", "hamming"):
        y = pdist(Bb, metric)
        for m in ("single", "complete", "average", "weighted", "ward"):
            # these data tie a lot: the reference for our tie rule is SciPy alone
            blocks.append(("Z_%s_%s" % (metric, m), linkage(y, m)))
    return blocks


def unknown_case(rng):
    """Binary data with unknown cells: hamming and dice over the variables known for both
    (our documented convention; R's dist(method = "binary") covers jaccard in the R script)."""
    n, p = 25, 40
    B = (rng.random((n, p)) < 0.35).astype(np.float64)
    B[rng.random((n, p)) < 0.15] = np.nan
    ham, dice, rt = [], [], []
    for i in range(n):
        for j in range(i + 1, n):
            k = ~np.isnan(B[i]) & ~np.isnan(B[j])
            a, b = B[i][k] != 0, B[j][k] != 0
            ntt = np.sum(a & b)
            ndiff = np.sum(a != b)
            ham.append(ndiff / k.sum())
            den = 2.0 * ntt + ndiff
            dice.append(ndiff / den if den else 0.0)
            nff = k.sum() - ntt - ndiff
            rt.append(2.0 * ndiff / (ntt + nff + 2.0 * ndiff))
    return [("X", B), ("pdist_hamming", ham), ("pdist_dice", dice),
            ("pdist_rogerstanimoto", rt)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20240612)
    cases = []

    def add(name, blocks):
        write(os.path.join(out, name + ".ref"), blocks)
        cases.append(name)

    # random numeric data of several shapes: continuous values, so no ties
    for n in (5, 30, 200):
        for p in (2, 16):
            add("num_%d_%d" % (n, p), numeric_case("num", rng.normal(size=(n, p))))
    # a classic dataset with duplicate rows (zero distances, ties): iris
    from sklearn.datasets import load_iris

    add("iris", numeric_case("iris", load_iris().data))
    # random binary data: many ties
    for n, p in ((5, 8), (30, 16), (200, 64), (60, 100)):
        add("bin_%d_%d" % (n, p), binary_case("bin", (rng.random((n, p)) < 0.3).astype(float)))
    add("bin_unknown", unknown_case(rng))
    with open(os.path.join(out, "cases.txt.tmp"), "w") as f:
        f.write("\n".join(cases) + "\n")
    os.replace(os.path.join(out, "cases.txt.tmp"), os.path.join(out, "cases.txt"))
    with open(os.path.join(out, "versions.txt"), "w") as f:
        f.write("scipy %s fastcluster %s numpy %s\n"
                % (scipy.__version__, fastcluster.__version__, np.__version__))


if __name__ == "__main__":
    main()

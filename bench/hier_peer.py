#!/usr/bin/python3
"""Peer side of bench/hierarchical.sh: SciPy's pdist + fastcluster on the data file the C driver
wrote. Reading the file is not timed (as on our side).

Usage: hier_peer.py numeric|binary N P FILE METRIC METHOD ZOUT
Prints "seconds=S"; writes Z (float64, (N-1) x 4) to ZOUT.
"""
import sys
import time

import numpy as np
from scipy.spatial.distance import pdist

import fastcluster


def main():
    kind, n, p, path, metric, method, zout = sys.argv[1:8]
    n, p = int(n), int(p)
    if kind == "binary":
        X = np.fromfile(path, dtype=np.uint8).reshape(n, p).astype(bool)
    else:
        X = np.fromfile(path, dtype=np.float64).reshape(n, p)
    t0 = time.perf_counter()
    if method == "ward":
        # the peer for Ward from data: fastcluster's centroid-based linkage_vector
        Z = fastcluster.linkage_vector(X, method="ward")
    else:
        Z = fastcluster.linkage(pdist(X, metric), method=method)
    t1 = time.perf_counter()
    print("seconds=%.3f" % (t1 - t0))
    Z.astype(np.float64).tofile(zout)


if __name__ == "__main__":
    main()

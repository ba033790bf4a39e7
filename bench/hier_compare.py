#!/usr/bin/python3
"""Compares two linkage matrices: how many merges are identical and the largest relative height
difference (ties in the data may legitimately reorder merges). Each file is either float64
(n-1) x 4 as the drivers write it, or the CSV that `clusterscope linkage --format csv` writes.

Usage: hier_compare.py N FILE_A FILE_B"""
import sys

import numpy as np


def load(path, n):
    if path.endswith(".csv"):
        return np.loadtxt(path, delimiter=",", skiprows=1).reshape(n - 1, 4)
    return np.fromfile(path).reshape(n - 1, 4)


n = int(sys.argv[1])
a = load(sys.argv[2], n)
b = load(sys.argv[3], n)
same = np.all(a[:, [0, 1, 3]] == b[:, [0, 1, 3]], axis=1)
rel = np.max(np.abs(np.sort(a[:, 2]) - np.sort(b[:, 2])) / np.maximum(np.abs(np.sort(b[:, 2])), 1e-300))
print("%d/%d merges identical, sorted heights max rel diff %.2g" % (same.sum(), n - 1, rel))

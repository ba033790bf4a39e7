#!/usr/bin/python3
"""Compares two linkage matrices written by bench/hierarchical.sh: how many merges are identical
and the largest relative height difference (ties in the data may legitimately reorder merges)."""
import sys

import numpy as np

n = int(sys.argv[1])
a = np.fromfile(sys.argv[2]).reshape(n - 1, 4)
b = np.fromfile(sys.argv[3]).reshape(n - 1, 4)
same = np.all(a[:, [0, 1, 3]] == b[:, [0, 1, 3]], axis=1)
rel = np.max(np.abs(np.sort(a[:, 2]) - np.sort(b[:, 2])) / np.maximum(np.abs(np.sort(b[:, 2])), 1e-300))
print("%d/%d merges identical, sorted heights max rel diff %.2g" % (same.sum(), n - 1, rel))

#!/usr/bin/python3
"""The scikit-learn side of bench/partition.sh; reads the files partition_bench gen writes.

  partition_peers.py kmeans BASE n p k iters   KMeans(algorithm="lloyd", n_init=1, init=BASE.init,
                                               max_iter=iters, tol=0)
  partition_peers.py silhouette BASE n p k     silhouette_score(X, BASE.labels)

Prints "time=SECONDS key=value ..." with the wall time of the call alone. Threads: scikit-learn's
defaults (OpenMP over all cores for KMeans; BLAS limited to 1 thread inside it).
"""
import sys
import time

import numpy as np


def main():
    cmd, base = sys.argv[1], sys.argv[2]
    n, p, k = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    X = np.fromfile(base + ".x", dtype="<f8").reshape(n, p)
    if cmd == "kmeans":
        from sklearn.cluster import KMeans
        from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
        init = np.fromfile(base + ".init", dtype="<f8").reshape(k, p)
        km = KMeans(n_clusters=k, algorithm="lloyd", n_init=1, init=init,
                    max_iter=int(sys.argv[6]), tol=0)
        t0 = time.perf_counter()
        km.fit(X)
        t1 = time.perf_counter()
        print("time=%.3f n_iter=%d inertia=%.10g threads=%d" %
              (t1 - t0, km.n_iter_, km.inertia_, _openmp_effective_n_threads()))
    elif cmd == "silhouette":
        from sklearn.metrics import silhouette_score
        labels = np.fromfile(base + ".labels", dtype="<i4")
        t0 = time.perf_counter()
        s = silhouette_score(X, labels)
        t1 = time.perf_counter()
        print("time=%.3f silhouette=%.15g threads=1" % (t1 - t0, s))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()

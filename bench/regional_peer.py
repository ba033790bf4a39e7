#!/usr/bin/env python3
"""The peer of bench/regional.sh: the same definitions as docs/regional.md in numpy/pandas.

Usage: regional_peer.py MEASURE YEAR IN.csv OUT.csv
MEASURE: lq, krugman, herfindahl, entropy (on region,industry,year,value) or cmp (on
region,category,year,employment,establishments). Reads the CSV with pandas, keeps YEAR, pivots to
a dense region x industry array, computes with numpy, writes CSV. Prints "read=S compute=S
write=S" (seconds) so that the computation alone can be told apart.
"""
import sys
import time

import numpy as np
import pandas as pd


def r7(v, p):
    return np.quantile(v, p)  # numpy's default 'linear' is R's type 7


def main():
    measure, year, src, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    t0 = time.perf_counter()
    df = pd.read_csv(src)
    df = df[df["year"] == year]
    key = "category" if measure == "cmp" else "industry"
    regions = np.sort(df["region"].unique())
    keys = np.sort(df[key].unique())
    ri = np.searchsorted(regions, df["region"].to_numpy())
    ki = np.searchsorted(keys, df[key].to_numpy())
    t1 = time.perf_counter()

    def dense(col):
        m = np.zeros((len(regions), len(keys)))
        m[ri, ki] = df[col].to_numpy()
        return m

    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "cmp":
            emp, est = dense("employment"), dense("establishments")
            tr = emp.sum(axis=1)
            lq = (emp / tr[:, None]) / (emp.sum(axis=0) / emp.sum())[None, :]
            lq[~np.isfinite(lq)] = 0
            flags = np.zeros(emp.shape + (4,), dtype=np.int8)
            for c in range(emp.shape[1]):
                has = emp[:, c] > 0
                if not has.any():
                    continue
                q = r7(lq[has, c], [0.25, 0.5, 0.75, 0.9])
                big = has & (emp[:, c] > r7(emp[has, c], 0.25)) & (est[:, c] > r7(est[has, c], 0.25))
                x = lq[:, c]
                flags[:, c, 0] = big & (x > q[0])
                flags[:, c, 1] = big & (x > q[1])
                flags[:, c, 2] = big & (x >= q[2]) & (x >= 1)
                flags[:, c, 3] = big & (x >= q[3]) & (x >= 1)
            out = pd.DataFrame({"region": np.repeat(regions, len(keys)),
                                "category": np.tile(keys, len(regions)),
                                "lq": lq.ravel()})
            for k, name in enumerate(["qualifying", "significant", "strong", "strong10"]):
                out[name] = flags[:, :, k].ravel()
        else:
            x = dense("value")
            rs = x.sum(axis=1)
            s = x / rs[:, None]
            S = x.sum(axis=0) / x.sum()
            if measure == "lq":
                lq = s / S[None, :]
                lq[~np.isfinite(lq)] = 0
                out = pd.DataFrame({"region": np.repeat(regions, len(keys)),
                                    "industry": np.tile(keys, len(regions)), "lq": lq.ravel()})
            else:
                if measure == "krugman":
                    v = np.abs(s - S[None, :]).sum(axis=1)
                elif measure == "herfindahl":
                    v = (x * x).sum(axis=1) / rs ** 2
                else:
                    v = -np.where(s > 0, s * np.log2(s + 1e-9), 0).sum(axis=1)
                v[rs == 0] = np.nan
                out = pd.DataFrame({"region": regions, measure: v})
    t2 = time.perf_counter()
    out.to_csv(dst, index=False, float_format="%.17g")
    t3 = time.perf_counter()
    print("read=%.3f compute=%.3f write=%.3f" % (t1 - t0, t2 - t1, t3 - t2))


main()

#!/usr/bin/env python3
"""scipy_assign.py - the dense instances solved by scipy's linear_sum_assignment
(Debian's python3-scipy), and the unit-demand sparse ones by
min_weight_full_bipartite_matching, for comparison with bench_assign.
Timing covers the solver call only (the matrix is already in memory).

    scipy_assign.py DIR NAME...
"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def load(path):
    with open(path, "rb") as f:
        magic = f.read(8)
        if magic.startswith(b"DENSv1"):
            n, kind = np.frombuffer(f.read(8), dtype="<i4")
            dt = "<i4" if kind == 0 else "<f8"
            return "dense", np.frombuffer(f.read(), dtype=dt).reshape(n, n)
        nt, nv = np.frombuffer(f.read(8), dtype="<i4")
        (ne,) = np.frombuffer(f.read(8), dtype="<i8")
        dem = np.frombuffer(f.read(4 * nt), dtype="<i4")
        task = np.frombuffer(f.read(4 * ne), dtype="<i4")
        vol = np.frombuffer(f.read(4 * ne), dtype="<i4")
        cost = np.frombuffer(f.read(4 * ne), dtype="<i4")
        return "sparse", (nt, nv, dem, task, vol, cost)


def main():
    d = sys.argv[1]
    for name in sys.argv[2:]:
        kind, data = load(f"{d}/{name}.bin")
        if kind == "dense":
            c = np.asarray(data, dtype=np.float64)
            t0 = time.perf_counter()
            r, k = linear_sum_assignment(c)
            dt = time.perf_counter() - t0
            print(f"{name:20s} linear_sum_assignment {dt:8.3f} s  cost {c[r, k].sum()!r}")
        else:
            nt, nv, dem, task, vol, cost = data
            if (dem != 1).any():
                print(f"{name:20s} (demand > 1: skipped)")
                continue
            # the solver ignores explicit zeros: costs here are >= 1
            m = csr_matrix((cost.astype(np.float64), (task, vol)), shape=(nt, nv))
            t0 = time.perf_counter()
            r, k = min_weight_full_bipartite_matching(m)
            dt = time.perf_counter() - t0
            print(f"{name:20s} min_weight_full_bip  {dt:8.3f} s  cost {int(m[r, k].sum())}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

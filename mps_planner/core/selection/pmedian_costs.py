"""Demand × site cost matrices for the p-median heuristic: a dense and a sparse backend.

A missing sparse entry (or an ``inf`` in a dense matrix) means "this site does not reach this
demand"; such a demand, when no open site reaches it, is charged ``unserved`` per person.
Both backends answer the same few vectorised questions the fast interchange asks.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


class DenseCosts:
    """Costs as a dense (rows × sites) float64 array; unreachable entries hold ``unserved``."""

    def __init__(self, c: np.ndarray, unserved: float):
        self.c = np.ascontiguousarray(np.where(np.isfinite(c), c, unserved), dtype=np.float64)
        self.c = np.minimum(self.c, unserved)
        self.unserved = float(unserved)
        self.shape = self.c.shape

    def column(self, j: int) -> np.ndarray:
        return self.c[:, j]

    def nearest(self, open_cols: np.ndarray) -> np.ndarray:
        if open_cols.size == 0:
            return np.full(self.shape[0], self.unserved)
        return self.c[:, open_cols].min(axis=1)

    def nearest_two(self, open_cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Nearest and second-nearest cost and the position (in open_cols) of the nearest."""
        sub = self.c[:, open_cols]
        r = np.arange(self.shape[0])
        if open_cols.size == 1:
            return (
                sub[:, 0].copy(),
                np.full(self.shape[0], self.unserved),
                np.zeros(self.shape[0], dtype=np.int64),
            )
        two = np.argpartition(sub, 1, axis=1)[:, :2]
        v = sub[r[:, None], two]
        first = np.argmin(v, axis=1)
        phi = two[r, first]
        d1 = v[r, first]
        d2 = v[r, 1 - first]
        return d1, d2, phi.astype(np.int64)

    def gain(self, d1: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Weighted saving of opening each site: sum_i w_i max(0, d1_i - c_ij)."""
        return w @ np.maximum(d1[:, None] - self.c, 0.0)

    def extra(self, d1, d2, phi, n_open, w) -> np.ndarray:
        """n_open × sites: sum over rows served by open k of w (d2 - max(d1, c_ij))^+."""
        m = np.maximum(d2[:, None] - np.maximum(d1[:, None], self.c), 0.0)
        m *= w[:, None]
        one = sp.csr_matrix(
            (np.ones(phi.size), (phi, np.arange(phi.size))), shape=(n_open, phi.size)
        )
        return np.asarray(one @ m)


class SparseCosts:
    """Costs as CSR with explicit entries only; a missing entry costs ``unserved``."""

    def __init__(self, c: sp.csr_matrix, unserved: float):
        c = sp.csr_matrix(c, dtype=np.float64)
        c.sort_indices()
        self.c = c
        self.csc = c.tocsc()
        self.unserved = float(unserved)
        self.shape = c.shape
        self.row = np.repeat(np.arange(c.shape[0]), np.diff(c.indptr))
        self.data = np.minimum(c.data, unserved)
        self.col = c.indices.astype(np.int64)

    def column(self, j: int) -> np.ndarray:
        out = np.full(self.shape[0], self.unserved)
        s, e = self.csc.indptr[j], self.csc.indptr[j + 1]
        out[self.csc.indices[s:e]] = np.minimum(self.csc.data[s:e], self.unserved)
        return out

    def nearest(self, open_cols: np.ndarray) -> np.ndarray:
        d1, _, _ = self.nearest_two(open_cols)
        return d1

    def nearest_two(self, open_cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = self.shape[0]
        pos = np.full(self.shape[1], -1, dtype=np.int64)
        pos[open_cols] = np.arange(open_cols.size)
        keep = pos[self.col] >= 0
        row, val, at = self.row[keep], self.data[keep], pos[self.col[keep]]
        order = np.lexsort((val, row))
        row, val, at = row[order], val[order], at[order]
        d1 = np.full(n, self.unserved)
        d2 = np.full(n, self.unserved)
        phi = np.full(n, -1, dtype=np.int64)
        if row.size:
            start = np.ones(row.size, dtype=bool)
            start[1:] = row[1:] != row[:-1]
            fi = np.flatnonzero(start)
            d1[row[fi]] = val[fi]
            phi[row[fi]] = at[fi]
            second = fi + 1
            ok = second < row.size
            ok[ok] &= ~start[second[ok]]
            d2[row[fi[ok]]] = val[second[ok]]
        return d1, d2, phi

    def gain(self, d1: np.ndarray, w: np.ndarray) -> np.ndarray:
        v = w[self.row] * np.maximum(d1[self.row] - self.data, 0.0)
        return np.bincount(self.col, weights=v, minlength=self.shape[1])

    def extra(self, d1, d2, phi, n_open, w) -> np.ndarray:
        r = self.row
        v = w[r] * np.maximum(d2[r] - np.maximum(d1[r], self.data), 0.0)
        ok = (phi[r] >= 0) & (v > 0)
        coo = sp.coo_matrix((v[ok], (phi[r[ok]], self.col[ok])), shape=(n_open, self.shape[1]))
        return coo.toarray()


def make_costs(c: np.ndarray | sp.spmatrix, unserved: float) -> DenseCosts | SparseCosts:
    return SparseCosts(c, unserved) if sp.issparse(c) else DenseCosts(np.asarray(c), unserved)

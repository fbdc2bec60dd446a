"""Collapse demand rows with the same coverage (or cost) signature into one weighted row.

Two demand cells covered by exactly the same candidates are interchangeable for every coverage
model: one row with the summed weight gives the same optimum with far fewer constraints. On a
travel-time grid most populated cells share their signature with neighbours, so a million
cells typically collapse to a few tens of thousands of rows.

Rows are grouped by a 128-bit hash of their pattern and every group is then checked exactly
against its representative; a row whose hash collides is given a group of its own, so the
collapse is exact whatever the hash does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

_SEED = 0x5E1EC7


@dataclass
class Collapsed:
    """Unique rows, their summed weights, and the group of every original row."""

    matrix: sp.csr_matrix | np.ndarray
    weights: np.ndarray
    group: np.ndarray  # group index per original row (int64)
    first: np.ndarray  # one original row per group (its representative)

    @property
    def n_groups(self) -> int:
        return int(self.weights.shape[0])


def _row_hashes_sparse(mat: sp.csr_matrix) -> np.ndarray:
    m = mat.shape[1]
    rng = np.random.default_rng(_SEED)
    r1 = rng.integers(1, 2**63, size=m, dtype=np.uint64) | np.uint64(1)
    r2 = rng.integers(1, 2**63, size=m, dtype=np.uint64) | np.uint64(1)
    idx = mat.indices
    if mat.dtype == bool:
        t1 = r1[idx]
        t2 = r2[idx]
    else:
        bits = np.ascontiguousarray(mat.data, dtype=np.float64).view(np.uint64)
        mix = (bits ^ (bits >> np.uint64(29))) * np.uint64(0x9E3779B97F4A7C15)
        t1 = r1[idx] * (mix | np.uint64(1))
        t2 = r2[idx] ^ mix
    out = np.empty((mat.shape[0], 3), dtype=np.uint64)
    ptr = mat.indptr
    with np.errstate(over="ignore"):
        for col, t in ((0, t1), (1, t2)):
            cs = np.zeros(t.shape[0] + 1, dtype=np.uint64)
            np.cumsum(t, out=cs[1:])
            out[:, col] = cs[ptr[1:]] - cs[ptr[:-1]]
    out[:, 2] = np.diff(ptr).astype(np.uint64)
    return out


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    _, first, group = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return first.astype(np.int64), group.ravel().astype(np.int64)


def _split_mismatches(group: np.ndarray, first: np.ndarray, bad: np.ndarray):
    """Give every row whose pattern differs from its representative a group of its own."""
    bad_rows = np.flatnonzero(bad)
    if bad_rows.size == 0:
        return group, first
    group = group.copy()
    group[bad_rows] = first.shape[0] + np.arange(bad_rows.size)
    first = np.concatenate([first, bad_rows])
    return group, first


def _pattern(mat: sp.csr_matrix) -> sp.csr_matrix:
    """1.0 at every stored entry (explicit zeros included)."""
    return sp.csr_matrix((np.ones(mat.nnz), mat.indices, mat.indptr), shape=mat.shape)


def _rows_differ(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    diff = abs(a.astype(np.float64) - b.astype(np.float64))
    return np.asarray(diff.sum(axis=1)).ravel() != 0


def collapse_sparse(
    mat: sp.csr_matrix, weights: np.ndarray, keys: np.ndarray | None = None
) -> Collapsed:
    """Merge identical CSR rows (and equal ``keys``, e.g. district codes) summing weights."""
    mat = sp.csr_matrix(mat)
    mat.sort_indices()
    h = _row_hashes_sparse(mat)
    if keys is not None:
        h = np.column_stack([h, np.asarray(keys).astype(np.int64).view(np.uint64)])
    first, group = _group(h)
    rep = mat[first[group]]
    bad = _rows_differ(_pattern(mat), _pattern(rep))
    if mat.dtype != bool:  # same stored positions; now the values (explicit zeros included)
        bad |= _rows_differ(mat, rep)
    group, first = _split_mismatches(group, first, bad)
    w = np.bincount(group, weights=weights, minlength=first.shape[0])
    return Collapsed(mat[first], w, group, first)


def collapse_dense(
    costs: np.ndarray, weights: np.ndarray, keys: np.ndarray | None = None
) -> Collapsed:
    """Merge identical rows of a dense matrix (equal ``keys`` too), summing weights."""
    rng = np.random.default_rng(_SEED)
    m = costs.shape[1]
    finite = np.where(np.isfinite(costs), costs, -1.0)
    proj = finite @ rng.standard_normal((m, 2))
    cols = [proj.view(np.uint64)]
    if keys is not None:
        cols.append(np.asarray(keys).astype(np.int64).view(np.uint64)[:, None])
    first, group = _group(np.column_stack(cols))
    same = np.all(finite == finite[first[group]], axis=1)
    group, first = _split_mismatches(group, first, ~same)
    w = np.bincount(group, weights=weights, minlength=first.shape[0])
    return Collapsed(costs[first], w, group, first)

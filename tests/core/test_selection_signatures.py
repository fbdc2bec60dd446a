"""Signature collapsing merges exactly the identical rows, even when hashes collide."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from mps_planner.core.selection import signatures


def test_collapse_sparse_groups_identical_rows_only():
    rng = np.random.default_rng(0)
    base = rng.random((30, 12)) < 0.3
    idx = rng.integers(0, 30, 200)
    a = sp.csr_matrix(base[idx])
    w = rng.random(200)
    col = signatures.collapse_sparse(a, w)
    dense = a.toarray()
    assert np.array_equal(col.matrix.toarray()[col.group], dense)  # each row = its group's row
    assert np.isclose(col.weights.sum(), w.sum())
    assert col.n_groups == len(np.unique(dense, axis=0))


def test_collapse_keeps_districts_apart():
    a = sp.csr_matrix(np.ones((4, 2), dtype=bool))
    col = signatures.collapse_sparse(a, np.ones(4), keys=np.array([0, 0, 1, 1]))
    assert col.n_groups == 2


def test_hash_collisions_are_caught(monkeypatch):
    def constant_hash(mat):
        return np.zeros((mat.shape[0], 3), dtype=np.uint64)

    monkeypatch.setattr(signatures, "_row_hashes_sparse", constant_hash)
    a = sp.csr_matrix(np.array([[1, 0], [0, 1], [1, 0], [1, 1]], dtype=bool))
    col = signatures.collapse_sparse(a, np.array([1.0, 2, 3, 4]))
    assert np.array_equal(col.matrix.toarray()[col.group], a.toarray())
    assert np.isclose(col.weights.sum(), 10.0)


def test_collapse_dense_with_inf():
    c = np.array([[1.0, np.inf], [1.0, np.inf], [1.0, 2.0], [np.inf, 2.0]])
    col = signatures.collapse_dense(c, np.array([1.0, 2, 3, 4]))
    assert col.n_groups == 3
    assert np.array_equal(col.matrix[col.group], c)
    assert sorted(col.weights) == [3.0, 3.0, 4.0]


def test_explicit_zero_cost_differs_from_a_missing_entry(monkeypatch):
    def constant_hash(mat):
        return np.zeros((mat.shape[0], 3), dtype=np.uint64)

    monkeypatch.setattr(signatures, "_row_hashes_sparse", constant_hash)
    # row 0: site 0 at cost 0 (stored); row 1: site 0 does not reach (missing); row 2 = row 0
    c = sp.csr_matrix((np.array([0.0, 5.0, 5.0, 0.0, 5.0]), np.array([0, 1, 1, 0, 1]),
                       np.array([0, 2, 3, 5])), shape=(3, 2))  # fmt: skip
    col = signatures.collapse_sparse(c, np.ones(3))
    assert col.n_groups == 2 and col.group[0] == col.group[2] != col.group[1]

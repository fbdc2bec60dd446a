"""Equity floors: respected when they can be, explained (district and why) when they cannot."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.selection import maximal_covering, p_median, set_covering
from tests.core.selection_reference import brute_lscp, brute_mclp, brute_pmedian, covered


def shares(cov, w, districts):
    return {d: w[(districts == d) & cov].sum() / w[districts == d].sum() for d in set(districts)}


def two_towns():
    """A big town with many cheap-to-cover people and a small remote district."""
    rng = np.random.default_rng(0)
    n, m = 40, 8
    a = np.zeros((n, m), dtype=bool)
    a[:30, :5] = rng.random((30, 5)) < 0.5  # town rows, reached by sites 0..4
    a[30:, 5:] = rng.random((10, 3)) < 0.6  # remote rows, reached by sites 5..7
    a[30:34, 7] = False
    a[34:40, 4] |= rng.random(6) < 0.3
    w = np.concatenate([rng.integers(20, 60, 30), rng.integers(1, 6, 10)]).astype(float)
    districts = np.array(["Town"] * 30 + ["Bayan Sumu"] * 10)
    return a, w, districts


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_mclp_floor_respected_and_optimal_under_it(method):
    a, w, districts = two_towns()
    free_best, _ = brute_mclp(a, w, 2)
    plain = maximal_covering(a, w, 2)
    assert shares(covered(a, plain.sites), w, districts)["Bayan Sumu"] < 0.5  # the floor binds
    best, _ = brute_mclp(a, w, 2, districts=districts, floor=0.5)
    res = maximal_covering(a, w, 2, districts=districts, floors={"Bayan Sumu": 0.5}, method=method)
    cov = covered(a, res.sites)
    assert shares(cov, w, districts)["Bayan Sumu"] >= 0.5 - 1e-9
    assert res.district_shares["Bayan Sumu"] == pytest.approx(
        shares(cov, w, districts)["Bayan Sumu"]
    )
    assert res.objective <= free_best + 1e-9  # a floor never raises the optimum
    if method == "exact":
        assert res.objective == pytest.approx(best)


def test_floor_beyond_reach_names_the_district_and_the_share():
    a, w, districts = two_towns()
    reach = covered(a, range(a.shape[1]))
    most = w[(districts == "Bayan Sumu") & reach].sum() / w[districts == "Bayan Sumu"].sum()
    assert most < 0.95
    with pytest.raises(InputError) as err:
        maximal_covering(a, w, 2, districts=districts, floors={"Bayan Sumu": 0.95})
    msg = str(err.value)
    assert "Bayan Sumu" in msg and "the floor asks 95 %" in msg
    assert f"at most {100 * most:.1f} %" in msg
    assert "Town" not in msg


def test_floor_beyond_p_sites_names_the_district():
    a, w, districts = two_towns()
    # reachable with all remote sites, but not with a single new site
    one_best = (
        max(w[(districts == "Bayan Sumu") & a[:, j]].sum() for j in range(a.shape[1]))
        / w[districts == "Bayan Sumu"].sum()
    )
    reach = covered(a, range(a.shape[1]))
    most = w[(districts == "Bayan Sumu") & reach].sum() / w[districts == "Bayan Sumu"].sum()
    floor = (one_best + most) / 2
    with pytest.raises(InputError) as err:
        maximal_covering(a, w, 1, districts=districts, floors={"Bayan Sumu": floor})
    msg = str(err.value)
    assert "Bayan Sumu" in msg and "1 new sites can cover at most" in msg


def test_same_floor_for_every_district_with_lscp():
    a, w, districts = two_towns()
    k, _ = brute_lscp(a, w, 0.6, districts=districts, floor=0.6)
    res = set_covering(a, w, target=0.6, districts=districts, floors=0.6)
    cov = covered(a, res.sites)
    assert all(s >= 0.6 - 1e-9 for s in shares(cov, w, districts).values())
    assert res.objective == k


def test_pmedian_floor_within_threshold():
    rng = np.random.default_rng(3)
    town = rng.random((30, 2)) * 20
    remote = 80 + rng.random((8, 2)) * 15
    demand = np.vstack([town, remote])
    sites = np.vstack([rng.random((5, 2)) * 20, 75 + rng.random((3, 2)) * 25])
    c = np.sqrt(((demand[:, None] - sites[None]) ** 2).sum(axis=2))
    w = np.concatenate([rng.integers(20, 50, 30), rng.integers(1, 3, 8)]).astype(float)
    districts = np.array([0] * 30 + [1] * 8)
    _best_free, s_free = brute_pmedian(c, w, 2)
    d_free = c[:, list(s_free)].min(axis=1)
    assert (d_free[30:] <= 15).mean() < 0.5  # unconstrained solution leaves the remote far
    best, _ = brute_pmedian(c, w, 2, districts=districts, floor=0.5, within=15)
    for method in ("exact", "heuristic"):
        res = p_median(c, w, 2, districts=districts, floors={1: 0.5}, floor_within=15,
                       method=method)  # fmt: skip
        d = c[:, res.sites].min(axis=1)
        assert w[30:][d[30:] <= 15].sum() / w[30:].sum() >= 0.5 - 1e-9
        assert res.district_shares["1"] >= 0.5 - 1e-9
        if method == "exact":
            assert res.objective == pytest.approx(best)
        else:
            assert res.objective <= best * 1.01
    with pytest.raises(InputError, match="floor_within"):
        p_median(c, w, 2, districts=districts, floors=0.5)
    with pytest.raises(InputError, match="1: at most"):
        p_median(c, w, 2, districts=districts, floors={1: 0.99}, floor_within=1.0)

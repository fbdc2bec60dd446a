"""Readers for the published benchmark instances in ``../shared/benchmarks`` (read in place).

Each reader follows the convention the benchmark README states, so that the published values
are reproducible: OR-Library p-median (duplicate edges: the LAST occurrence wins; distances are
all-pairs shortest paths), Swain's 55 nodes (Medrano's copy; Euclidean; covered iff d <= S), and
spopt's San Francisco and capacitated p-median test data.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path


def bench_dir() -> Path:
    """The shared benchmark folder (found as ``tests.benchmark_data`` says); a clear error,
    not a skip, when it is missing."""
    from tests.benchmark_data import benchmarks_dir

    path = benchmarks_dir().resolve()
    if not (path / "known_values.json").is_file():
        raise FileNotFoundError(
            f"Benchmark data not found at {path}: the tests and benches read the published "
            "instances from ../shared/benchmarks beside the repository, or from $MPS_BENCHMARKS."
        )
    return path


@cache
def known_values() -> dict:
    return json.loads((bench_dir() / "known_values.json").read_text())


@cache
def orlib_pmed(k: int) -> tuple[np.ndarray, int, int]:
    """(all-pairs distance matrix, p, published optimum) of OR-Library pmed<k>."""
    path = bench_dir() / "orlib_pmed" / f"pmed{k}.txt"
    tokens = path.read_text().split()
    n, m, p = int(tokens[0]), int(tokens[1]), int(tokens[2])
    vals = np.asarray(tokens[3 : 3 + 3 * m], dtype=np.int64).reshape(m, 3)
    edge: dict[tuple[int, int], int] = {}
    for i, j, c in vals:  # last occurrence wins, as the published optima assume
        a, b = (int(i) - 1, int(j) - 1)
        edge[(min(a, b), max(a, b))] = int(c)
    ij = np.array(list(edge.keys()), dtype=np.int64)
    cost = np.array(list(edge.values()), dtype=np.float64)
    g = sp.coo_matrix((cost, (ij[:, 0], ij[:, 1])), shape=(n, n)).tocsr()
    d = shortest_path(g, method="D", directed=False)
    opt = known_values()["orlib_pmed"]["instances"][f"pmed{k}"]["optimum"]
    return d, p, int(opt)


@cache
def swain() -> tuple[np.ndarray, np.ndarray]:
    """(coordinates (55, 2), demand (55,)) from Medrano's copy of Swain's data."""
    rows = []
    for line in (bench_dir() / "swain55" / "swain_medrano.dat").read_text().splitlines():
        parts = [t.strip() for t in line.split(",") if t.strip()]
        if len(parts) >= 4:
            rows.append([float(t) for t in parts[:4]])
    arr = np.asarray(rows)
    return arr[:, 1:3], arr[:, 3]


def swain_distances() -> tuple[np.ndarray, np.ndarray]:
    xy, w = swain()
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    return d, w


def swain_reference() -> list[dict[str, str]]:
    with open(bench_dir() / "swain55" / "swain_computed_reference.csv", newline="") as f:
        return list(csv.DictReader(f))


@cache
def spopt_sf() -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """(distance matrix tracts × stores in metres, POP2000, tract names, store names).

    Rows and columns sorted as strings, as spopt's pivot_table does; weights are POP2000 of the
    demand file sorted by NAME.
    """
    folder = bench_dir() / "spopt_sf"
    dist: dict[tuple[str, str], float] = {}
    with open(folder / "SF_network_distance_candidateStore_16_censusTract_205_new.csv") as f:
        for row in csv.DictReader(f):
            dist[(row["DestinationName"], row["name"])] = float(row["distance"])
    tracts = sorted({t for t, _ in dist})
    stores = sorted({s for _, s in dist})
    d = np.array([[dist[(t, s)] for s in stores] for t in tracts])
    pop: dict[str, float] = {}
    with open(folder / "SF_demand_205_centroid_uniform_weight.csv") as f:
        for row in csv.DictReader(f):
            pop[row["NAME"]] = float(row["POP2000"])
    names = sorted(pop)
    if names != tracts:
        raise ValueError("SF demand names do not match the distance file's destinations")
    return d, np.array([pop[t] for t in names]), tracts, stores


@cache
def spopt_capacitated() -> dict[str, np.ndarray]:
    """Students × schools travel times (fill 10000), capacities, priority-1 school rows."""
    folder = bench_dir() / "spopt_capacitated_pmedian"
    schools, cap, prio = [], [], []
    with open(folder / "example_subject_schools.csv") as f:
        for row in csv.DictReader(f):
            schools.append(row["SE2 PP: Code"])
            cap.append(float(row["Count"]))
            prio.append(float(row["priority"]))
    students: list[str] = []
    times: dict[str, dict[str, float]] = defaultdict(dict)
    with open(folder / "example_subject_student_school_journeys.csv") as f:
        for row in csv.DictReader(f):
            if row["student"] not in times:
                students.append(row["student"])
            times[row["student"]][row["school"]] = float(row["time"])
    cols: list[str] = []
    for s in students:  # pivot_table(sort=False): columns in order of first appearance
        for school in times[s]:
            if school not in cols:
                cols.append(school)
    for school in schools:
        if school not in cols:
            cols.append(school)
    if cols[: len(schools)] != schools[: len(cols)]:
        order = {c: k for k, c in enumerate(cols)}
        cols = sorted(cols, key=lambda c: order[c])
    index = {c: k for k, c in enumerate(schools)}
    cost = np.full((len(students), len(schools)), 10000.0)
    for i, s in enumerate(students):
        for school, t in times[s].items():
            cost[i, index[school]] = t
    return {
        "cost": cost,
        "capacity": np.asarray(cap),
        "priority_rows": np.flatnonzero(np.asarray(prio) == 1),
        "same_order": np.array(cols == schools),
    }


# -- routing instances (TSPLIB, multi-vehicle covering tours) -----------------------------
def read_tsplib(path: Path) -> np.ndarray:
    """EUC_2D distances with TSPLIB's nint rounding per edge (README §3)."""
    xy, inside = [], False
    for line in path.read_text().splitlines():
        if line.startswith("NODE_COORD_SECTION"):
            inside = True
        elif line.startswith("EOF"):
            break
        elif inside and line.strip():
            _, x, y = line.split()[:3]
            xy.append((float(x), float(y)))
    a = np.array(xy)
    return np.floor(np.sqrt(((a[:, None] - a[None]) ** 2).sum(-1)) + 0.5)


def read_opt_tour(path: Path) -> list[int]:
    """The 0-based node order of a TSPLIB .opt.tour file."""
    nodes, inside = [], False
    for line in path.read_text().splitlines():
        if line.startswith("TOUR_SECTION"):
            inside = True
        elif inside:
            v = int(line.split()[0])
            if v == -1:
                break
            nodes.append(v - 1)
    return nodes


def read_ctp(path: Path):
    """README §4 format: header, edges, 24-row coverage, (multi-cover line), coordinates."""
    lines = path.read_text().split("\n")
    n_opt, n_cust, n_mand, p, q = lines[1].split()
    n_opt, n_cust, p, q = int(n_opt), int(n_cust), int(p), float(q)
    nv = n_opt + int(n_mand)
    d = np.zeros((nv, nv))
    i = 2
    while lines[i].strip():
        a, b, c = lines[i].split()
        d[int(a), int(b)] = d[int(b), int(a)] = float(c)
        i += 1
    while not lines[i].strip():
        i += 1
    cov = np.zeros((n_cust, n_opt), dtype=bool)
    for _ in range(n_opt):
        parts = lines[i].split()
        cov[:, int(parts[0]) - 1] = np.array(parts[1 : 1 + n_cust], dtype=int) == 1
        i += 1
    return d, cov, p, q

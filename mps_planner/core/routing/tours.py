"""A set of depot-to-depot routes over candidate stops, with per-route limits.

Used by the covering-tour search: stops are candidate positions ``j`` (local node ``j + 1``;
node 0 is the depot). A route's minutes are its travel plus the dwell of its stops; limits are
the number of stops per route, the minutes per route and the number of routes.
"""

from __future__ import annotations

import random

from .local_search import PathSearch, neighbour_lists

EPS = 1e-9


class Tours:
    def __init__(
        self,
        d: list[list[float]],
        dwell: list[float],
        max_stops: int | None,
        max_minutes: float | None,
        max_routes: int | None,
        symmetric: bool,
    ) -> None:
        self.d = d
        self.dwell = dwell
        self.max_stops = max_stops
        self.max_minutes = max_minutes
        self.max_routes = max_routes
        self.sym = symmetric
        self.routes: list[list[int]] = []
        self.minutes: list[float] = []
        self.where: dict[int, int] = {}

    # -- state -------------------------------------------------------------------------------
    @property
    def total(self) -> float:
        return sum(self.minutes)

    def selected(self) -> list[int]:
        return list(self.where)

    def snapshot(self):
        return ([list(r) for r in self.routes], list(self.minutes))

    def restore(self, snap) -> None:
        routes, minutes = snap
        self.routes = [list(r) for r in routes]
        self.minutes = list(minutes)
        self.where = {j: r for r, route in enumerate(self.routes) for j in route}

    def route_minutes(self, route: list[int]) -> float:
        d = self.d
        prev = 0
        total = 0.0
        for j in route:
            total += d[prev][j + 1] + self.dwell[j]
            prev = j + 1
        return total + d[prev][0] if route else 0.0

    # -- insertion / removal -----------------------------------------------------------------------
    def insertion(self, j: int) -> tuple[float, int, int] | None:
        """Cheapest feasible (added minutes, route, position) for stop ``j``; route -1 = new."""
        d = self.d
        node = j + 1
        dw = self.dwell[j]
        best: tuple[float, int, int] | None = None
        lim_s, lim_m = self.max_stops, self.max_minutes
        for r, route in enumerate(self.routes):
            if lim_s is not None and len(route) >= lim_s:
                continue
            room = None if lim_m is None else lim_m - self.minutes[r]
            prev = 0
            for pos in range(len(route) + 1):
                nxt = route[pos] + 1 if pos < len(route) else 0
                delta = d[prev][node] + d[node][nxt] - d[prev][nxt] + dw
                if (room is None or delta <= room + 1e-6) and (best is None or delta < best[0]):
                    best = (delta, r, pos)
                prev = nxt
        if self.max_routes is None or len(self.routes) < self.max_routes:
            delta = d[0][node] + dw + d[node][0]
            if (lim_m is None or delta <= lim_m + 1e-6) and (best is None or delta < best[0] - EPS):
                best = (delta, -1, 0)
        return best

    def insert(self, j: int, r: int, pos: int, delta: float) -> None:
        if r < 0:
            self.routes.append([j])
            self.minutes.append(delta)
            self.where[j] = len(self.routes) - 1
            return
        self.routes[r].insert(pos, j)
        self.minutes[r] += delta
        self.where[j] = r

    def insert_best(self, j: int) -> float | None:
        ins = self.insertion(j)
        if ins is None:
            return None
        self.insert(j, ins[1], ins[2], ins[0])
        return ins[0]

    def removal_saving(self, j: int) -> float:
        r = self.where[j]
        route = self.routes[r]
        pos = route.index(j)
        prev = route[pos - 1] + 1 if pos > 0 else 0
        nxt = route[pos + 1] + 1 if pos + 1 < len(route) else 0
        d = self.d
        return d[prev][j + 1] + d[j + 1][nxt] - d[prev][nxt] + self.dwell[j]

    def remove(self, j: int) -> float:
        saving = self.removal_saving(j)
        r = self.where.pop(j)
        self.routes[r].remove(j)
        self.minutes[r] -= saving
        if not self.routes[r]:
            del self.routes[r]
            del self.minutes[r]
            self.where = {k: q for q, route in enumerate(self.routes) for k in route}
        return saving

    # -- route improvement -----------------------------------------------------------------------
    def reorder(self, r: int, rng: random.Random | None = None, kicks: int = 0) -> bool:
        route = self.routes[r]
        k = len(route)
        if k < 2 or (k == 2 and self.sym):
            return False
        loc = [0, *(j + 1 for j in route), 0]
        d = [[self.d[a][b] for b in loc] for a in loc]
        neigh = neighbour_lists(d, range(k + 2), min(10, k + 1))
        search = PathSearch(d, list(range(k + 2)), neigh, not self.sym)
        old = search.cost
        search.run()
        best_p, best_c = list(search.p), search.cost
        if rng is not None and k >= 5:
            for _ in range(kicks):
                search.run(search.double_bridge(rng, max(2, k // 3)))
                if search.cost < best_c - EPS:
                    best_p, best_c = list(search.p), search.cost
                else:
                    search.set_path(best_p, best_c)
        if best_c < old - 1e-7:
            self.routes[r] = [route[i - 1] for i in best_p[1:-1]]
            self.minutes[r] = self.route_minutes(self.routes[r])
            return True
        return False

    def relocate_pass(self) -> bool:
        """Move single stops to a cheaper place in another route; True if anything moved."""
        moved = False
        for j in list(self.where):
            saving = self.removal_saving(j)
            snap = self.snapshot()
            self.remove(j)
            ins = self.insertion(j)
            if ins is not None and ins[0] < saving - 1e-7:
                self.insert(j, ins[1], ins[2], ins[0])
                moved = True
            else:
                self.restore(snap)
        return moved

    def improve_routes(self, rng: random.Random | None = None, kicks: int = 0) -> None:
        changed = True
        while changed:
            changed = False
            for r in range(len(self.routes)):
                changed |= self.reorder(r, rng, kicks)
            if len(self.routes) > 1:
                changed |= self.relocate_pass()

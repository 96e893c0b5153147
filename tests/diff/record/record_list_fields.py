"""list[T] fields of @record/@frozen instances read and stored by index in specialized methods
(`self.mids[k]`, `self.mids[k] = v`): a simulator keeping one price per symbol, a histogram
record, a frozen lookup table. Hostile cases: an index out of range or negative, a field holding a
list subclass or an item of another type, a field rebound to a new list while the method runs,
a list that an item's __eq__-free mutation shrinks, a replaced method, an unset slot."""
from spyc import checked, frozen, record

TICK = 0.01


@record
class Sim:
    state: int
    mids: list[float]

    @checked
    def step(self, k: int, moves: int) -> float:
        total = 0.0
        for j in range(moves):
            mid = max(1.0, self.mids[k] + ((j * 7) % 9 - 4) * TICK)
            self.mids[k] = mid
            total += round(mid, 2)
        return total

    @checked
    def spread(self, a: int, b: int) -> float:
        return self.mids[a] - self.mids[b]

    @checked
    def swap_rebind(self, k: int) -> float:
        first = self.mids[k]
        self.mids = [m * 2.0 for m in self.mids]
        return first + self.mids[k]


@record
class Hist:
    counts: list[int]
    seen: list[bool]
    total: int = 0

    @checked
    def add(self, x: int) -> int:
        b = x % 8
        self.counts[b] = self.counts[b] + 1
        self.seen[b] = True
        self.total += 1
        return self.counts[b]

    @checked
    def bump(self, x: int, by: int) -> int:
        self.counts[x % 8] += by
        self.counts[-1] -= 1
        return self.counts[x % 8]

    @checked
    def heaviest(self) -> int:
        best = 0
        for i in range(8):
            if self.counts[i] > self.counts[best]:
                best = i
        return best

    @checked
    def last_seen(self) -> bool:
        return self.seen[-1] or self.seen[-8]


@frozen
class Table:
    weights: list[float]
    scale: float

    @checked
    def weight(self, i: int) -> float:
        return self.weights[i] * self.scale

    @checked
    def dot(self, n: int) -> float:
        s = 0.0
        for i in range(n):
            s += self.weights[i] * i
        return s


class FloatList(list):
    def __getitem__(self, i):
        print("getitem", i)
        return list.__getitem__(self, i) + 1000.0

    def __setitem__(self, i, v):
        print("setitem", i, v)
        list.__setitem__(self, i, v)


def test_step():
    s = Sim(1, [100.0 + 7.5 * i for i in range(5)])
    return s.step(2, 50), s.step(0, 10), s.mids


def test_step_floor():
    s = Sim(1, [1.001, 2.0])
    return s.step(0, 30), s.mids


def test_spread_negative_index():
    s = Sim(0, [1.5, 2.25, 4.0])
    return s.spread(-1, 0), s.spread(1, -3)


def test_index_error():
    s = Sim(0, [1.5, 2.25])
    return s.spread(0, 2)


def test_index_error_negative():
    s = Sim(0, [1.5, 2.25])
    return s.spread(-3, 0)


def test_store_index_error():
    s = Sim(0, [1.5])
    try:
        s.step(1, 3)
    except IndexError as e:
        return "IndexError", str(e), s.mids


def test_int_items():
    # list[float] accepts ints: the read falls back to the generic code for them
    s = Sim(0, [1, 2.5, 3])
    return s.spread(0, 1), s.spread(2, 0), s.step(0, 4), s.mids


def test_list_subclass():
    s = Sim(0, FloatList([1.0, 2.0, 3.0]))
    return s.spread(0, 2), s.step(1, 2), list(s.mids)


def test_rebind_midcall():
    s = Sim(0, [1.0, 2.0, 3.0])
    return s.swap_rebind(1), s.swap_rebind(-1), s.mids


def test_hist():
    h = Hist([0] * 8, [False] * 8)
    out = [h.add(x) for x in range(50)]
    return out, h.heaviest(), h.counts, h.seen, h.total, h.last_seen()


def test_bump():
    h = Hist([0] * 8, [False] * 8)
    out = [h.bump(x, x * 3) for x in range(20)]
    return out, h.counts


def test_bump_overflow_and_errors():
    h = Hist([2**63 - 2, 0, 0, 0, 0, 0, 0, -2**63], [False] * 8)
    out = [h.bump(0, 1)]
    for args in ((0, 1), (8, 2**62)):
        try:
            out.append(h.bump(*args))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    h2 = Hist([True, 2, False, 0, 0, 0, 0, 0], [False] * 8)
    out.append((h2.bump(0, 1), h2.bump(2, 1), h2.counts))
    h3 = Hist([1, 2], [False] * 2)
    try:
        h3.bump(5, 1)
    except IndexError as e:
        out.append(("IndexError", str(e), h3.counts))
    h4 = Hist([1.5, 2, 0, 0, 0, 0, 0, 0], [False] * 8)
    try:
        h4.bump(0, 1)
    except TypeError as e:
        out.append(("TypeError", str(e), h4.counts))
    return out, h.counts


def test_hist_big_counts():
    h = Hist([2**62, 2**63 - 1, 0, 0, 0, 0, 0, 0], [False] * 8)
    a = h.add(0)
    try:
        h.add(1)
    except Exception as e:
        return a, type(e).__name__
    return a, h.counts


def test_hist_bool_items():
    h = Hist([True, False, 3, 0, 0, 0, 0, 0], [False, True, 0, 0, 0, 0, 0, True])
    out = [h.heaviest(), h.last_seen(), h.add(1), h.counts, h.seen]
    h.seen[-1] = 0
    try:
        h.last_seen()
    except TypeError as e:
        out.append(("TypeError", str(e)))
    return out


def test_table():
    t = Table([0.5, 1.5, 2.5, 3.5], 2.0)
    return t.weight(3), t.weight(-4), t.dot(4), t.weights


def test_table_shared_list():
    w = [1.0, 2.0, 3.0]
    t = Table(w, 1.0)
    a = t.dot(3)
    w.append(4.0)
    w[0] = 10.0
    b = t.dot(4)
    del w[:]
    try:
        t.dot(1)
    except IndexError as e:
        return a, b, str(e)


def test_replaced_method():
    s = Sim(0, [1.0, 2.0])
    before = s.spread(0, 1)
    orig = Sim.spread
    Sim.spread = lambda self, a, b: ("replaced", a, b)
    try:
        return before, s.spread(0, 1)
    finally:
        Sim.spread = orig


def test_mutating_items():
    s = Sim(0, [1.0, 2.0, 3.0, 4.0])
    out = []
    for k in range(4):
        out.append(s.step(k, 3))
        s.mids.reverse()
    return out, s.mids

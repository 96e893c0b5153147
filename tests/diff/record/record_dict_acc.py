"""Dict accumulation in specialized code (facts/dicts.ts, spz/containers.h):
`d[k] = d.get(k, c) + v` and `d[k] += v` / `-=` with v unboxed. Hostile: missing keys (default,
KeyError with a tuple key), items that are not exact ints/floats (big ints, bools, floats for an
int v, strings -> TypeError, objects with __add__/__radd__ side effects), int64 overflow, a dict
subclass (guard), unhashable keys, keys whose __hash__/__eq__ count calls, an unbound dict."""
from spyc import checked, frozen


@frozen
class Pos:
    book: str
    qty: int
    px: float


@checked
def by_book(ps: list[Pos], pnl: dict[str, int]) -> int:
    total = 0
    for p in ps:
        value = p.qty * 3
        pnl[p.book] = pnl.get(p.book, 0) + value
        total += value
    return total


@checked
def by_book_f(ps: list[Pos], d: dict[str, float]) -> float:
    s = 0.0
    for p in ps:
        d[p.book] = d.get(p.book, 0.5) - p.px * 2.0
        s += p.px
    return s


@checked
def bump(d: dict, k: object, v: int, n: int) -> int:
    for i in range(n):
        d[k] += v * i
    return n


@checked
def bump_f(d: dict, k: object, v: float) -> float:
    d[k] -= v
    d[k] = d.get(k, 0) + v * 2.0
    return v


def mk():
    return [Pos("a", 1, 1.5), Pos("b", -2, 2.25), Pos("a", 5, 0.125), Pos("c", 7, -3.0)]


def test_basic():
    pnl = {}
    t = by_book(mk(), pnl)
    d = {"b": 1}
    by_book_f(mk(), d)
    return t, pnl, d


def test_odd_items():
    pnl = {"a": 2 ** 70, "b": True, "c": 1.5}
    by_book(mk(), pnl)
    return pnl


def test_overflow():
    pnl = {"a": 2 ** 63 - 2, "b": -(2 ** 63) + 1}
    by_book(mk(), pnl)
    return pnl


def test_str_item():
    pnl = {"b": "x"}
    try:
        by_book(mk(), pnl)
    except TypeError as e:
        return str(e), pnl
    return pnl


class Loud:
    def __init__(self, log, v):
        self.log, self.v = log, v

    def __add__(self, o):
        self.log.append(("add", o))
        return Loud(self.log, self.v + o)

    def __iadd__(self, o):
        self.log.append(("iadd", o))
        self.v += o
        return self

    def __sub__(self, o):
        self.log.append(("sub", o))
        return Loud(self.log, self.v - o)

    def __repr__(self):
        return f"Loud({self.v!r})"


def test_loud_items():
    log = []
    pnl = {"a": Loud(log, 0)}
    by_book(mk(), pnl)
    d = {"k": Loud(log, 1)}
    bump(d, "k", 2, 3)
    bump_f(d, "k", 0.5)
    return pnl, d, log


class Key:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def __hash__(self):
        self.log.append(("hash", self.name))
        return 7

    def __eq__(self, o):
        self.log.append(("eq", self.name, getattr(o, "name", o)))
        return isinstance(o, Key) and o.name == self.name


def test_counting_keys():
    log = []
    k1, k2 = Key(log, "x"), Key(log, "y")
    d = {k1: 1, k2: 2}
    bump(d, Key(log, "y"), 5, 2)
    bump_f(d, k1, 1.0)
    return sorted((k.name, v) for k, v in d.items()), log


def test_missing_keys():
    out = []
    for k in ("nope", (1, 2), ()):
        try:
            bump({}, k, 1, 1)
        except KeyError as e:
            out.append(repr(e))
    try:
        bump({}, [1], 1, 1)
    except TypeError as e:
        out.append(str(e))
    try:
        bump_f({}, {}, 1.0)
    except TypeError as e:
        out.append(str(e))
    return out


class D(dict):
    def get(self, k, dflt=None):
        return 100

    def __missing__(self, k):
        return -1


def test_dict_subclass():
    out = []
    for f, args in ((by_book, (mk(), D(a=1))), (bump, (D(), "z", 1, 2))):
        try:
            out.append(f(*args))
        except TypeError as e:
            out.append(str(e))
    return out


def test_zero_iterations():
    d = {"k": 1}
    return bump(d, "k", 1, 0), d


LIMIT = 1000


@checked
def limit_plus(x: int) -> int:
    return LIMIT + x


def test_module_dict_in_place():
    # the module's own namespace as the accumulator: a number global read unboxed elsewhere
    g = globals()
    g["LIMIT"] = int("1000")  # an int object only the namespace holds
    out = [limit_plus(1)]
    bump(g, "LIMIT", 7, 3)
    out.append(limit_plus(1))
    bump_f(g, "LIMIT", 0.5)
    out.append(LIMIT)
    g["LIMIT"] = 1000
    return out


def test_in_place_values_not_shared():
    d = {"a": 1000, "b": 2.5}
    a0, b0 = d["a"], d["b"]
    bump(d, "a", 1, 3)
    bump_f(d, "b", 1.0)
    e = {"a": 123456}
    bump(e, "a", 2 ** 40, 2)
    return a0, b0, d, e

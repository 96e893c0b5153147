"""Dict counting and accumulation with unboxed keys in specialized code (facts/dicts.ts):
`d[k] = d.get(k, c) + v` / `- v` and `d[k] += v` with k an int/float/bool local. Hostile: a dict
subclass (with and without its own `get`), keys already in the dict whose __hash__/__eq__ are
Python code (colliding with the int key, counting calls, raising), items of another type (float in
an int count, big ints, bools, str -> TypeError), int64 overflow of the item, missing keys
(inserted by `.get`, KeyError by `+=`), 1 / 1.0 / True as the same key, -0.0, a NaN key held
in one local across iterations, an unbound key, a dict that is not a dict."""
from spyc import checked


@checked
def bucket(prices: list[float], width: float) -> dict[int, int]:
    counts: dict[int, int] = {}
    for p in prices:
        k = int(p // width)
        counts[k] = counts.get(k, 0) + 1
    return counts


@checked
def into(d, xs: list[int], m: int, v: int) -> int:
    n = 0
    for x in xs:
        k = x % m
        d[k] = d.get(k, 0) + v * x
        n += 1
    return n


@checked
def drain(d, xs: list[int], v: int) -> int:
    for x in xs:
        k = x // 2
        d[k] = d.get(k, 100) - v
    return len(xs)


@checked
def weights(d, xs: list[float], w: float) -> float:
    s = 0.0
    for x in xs:
        key = x * 0.5
        d[key] = d.get(key, 0.0) + x * w
        s += x
    return s


@checked
def flags(d, xs: list[int]) -> int:
    for x in xs:
        odd = x % 2 == 1
        d[odd] = d.get(odd, 0) + x
    return len(d)


@checked
def bump(d, xs: list[int], v: int) -> int:
    for x in xs:
        d[x] += v                       # KeyError for a missing key (no default here)
    return v


@checked
def bump_f(d, xs: list[float], v: float) -> float:
    for x in xs:
        d[x] -= v
    return v


@checked
def nan_key(d, n: int, a: float, b: float) -> int:
    k = a - b                           # inf - inf: one NaN object in CPython's local
    for _ in range(n):
        d[k] = d.get(k, 0) + 1
    return len(d)


@checked
def maybe_unbound(d, n: int) -> int:
    if n > 0:
        k = n
    d[k] = d.get(k, 0) + 1             # UnboundLocalError when n <= 0
    return n


def test_bucket():
    return bucket([0.5, 1.5, 2.25, 0.75, -0.5, 9.0, 1.0], 1.0), bucket([], 2.0), bucket([2.0 ** 62, 3.5], 0.5)


def test_bucket_bad():
    return bucket([1.0, float("inf")], 1.0)


def test_bucket_huge():
    return bucket([1e300], 1e-300)


def test_into_basic():
    d = {}
    n = into(d, list(range(20)), 4, 3)
    return n, d


def test_into_existing_types():
    d = {0: 2.5, 1: 2 ** 70, 2: True, 3: 2 ** 63 - 1}
    into(d, [0, 1, 2, 3, 4, 5, 6, 7], 4, 1)
    return d


def test_into_str_item():
    d = {0: 1, 1: "x"}
    try:
        into(d, [0, 4, 1, 5], 4, 1)
    except TypeError as e:
        return str(e), d
    return d


def test_into_negative_overflow():
    d = {1: -(2 ** 63) + 1}
    into(d, [1, 1, 1], 2, -(2 ** 62))
    return d


def test_drain():
    d = {0: 0, 1: 1.5}
    drain(d, [0, 1, 2, 3, 4, 5, -1], 7)
    return d


def test_weights():
    d = {0.5: 1, -0.0: 2.0}
    s = weights(d, [1.0, 0.0, -0.0, 2.0, 1.0, 1e308, 1e308], 0.5)
    return s, sorted(d.items())


def test_flags():
    d = {1: 10, 0.0: 20}            # True == 1, False == 0.0: the dict keeps its first key
    flags(d, [1, 2, 3, 4, 5])
    return d, flags({}, [7, 8])


def test_same_key_kinds():
    d = {1.0: 1, True: 5}           # {1.0: 5}
    into(d, [1, 5, 9], 4, 2)
    weights(d, [2.0, 3.0], 1.0)
    return d


class Key:
    def __init__(self, log, name, h):
        self.log, self.name, self.h = log, name, h

    def __hash__(self):
        self.log.append(("hash", self.name))
        return self.h

    def __eq__(self, o):
        self.log.append(("eq", self.name, repr(o)))
        return o == self.h if isinstance(o, int) else NotImplemented


def test_colliding_keys():
    log = []
    d = {Key(log, "three", 3): 10, Key(log, "nine", 9): 20}
    log.clear()
    into(d, [3, 7, 11, 1], 8, 1)     # keys 3, 7, 3, 1: the user key equals 3
    return sorted((repr(getattr(k, "name", k)), v) for k, v in d.items()), log


class Boom:
    def __hash__(self):
        return 2

    def __eq__(self, o):
        raise ValueError(f"no compare with {o!r}")


def test_eq_raises():
    d = {Boom(): 1, 5: 0}
    try:
        into(d, [5, 6, 2], 8, 1)
    except ValueError as e:
        return str(e), len(d), d[5]
    return d


class Counter(dict):
    pass


class Tally(dict):
    def get(self, k, dflt=None):
        return super().get(k, dflt) * 10 if k in self else dflt + 1000

    def __setitem__(self, k, v):
        super().__setitem__(k, v + 1)


def test_subclass():
    c = Counter()
    into(c, [1, 2, 3, 5], 2, 1)
    t = Tally({1: 1})
    into(t, [1, 2, 3], 2, 1)
    return type(c).__name__, dict(c), dict(t)


def test_not_a_dict():
    try:
        into([0, 0], [1], 2, 1)
    except AttributeError as e:
        return str(e)


def test_bump():
    d = {0: 1, 1: 2.5, 2: 2 ** 64}
    bump(d, [0, 1, 2, 0], 3)
    try:
        bump(d, [0, 7], 1)
    except KeyError as e:
        return d, repr(e)
    return d


def test_bump_f():
    d = {0.5: 1.0, 1.5: 2, -0.0: 1}
    bump_f(d, [0.5, 1.5, 0.0, 0.5], 0.25)
    try:
        bump_f(d, [2.5], 1.0)
    except KeyError as e:
        return sorted(d.items()), repr(e)
    return d


def test_nan_key():
    d = {}
    return nan_key(d, 3, float("inf"), float("inf")), list(d.values()), nan_key({}, 2, 1.0, 0.5)


def test_maybe_unbound():
    d = {}
    maybe_unbound(d, 3)
    try:
        maybe_unbound(d, 0)
    except UnboundLocalError as e:
        return d, str(e)
    return d


@checked
def score(d, xs: list[int], scale: float) -> float:
    s = 0.0
    for x in xs:
        w = d.get(x, 0.0)               # a typed read: an exact float item unboxed
        s += w * scale
    return s


@checked
def hits(d, keys: list[float]) -> int:
    n = 0
    for k in keys:
        c = d.get(k, 0)
        if c > 0:
            n += c
        else:
            n -= 1
    return n


@checked
def get_boxed_key(d, k, n: int) -> int:
    t = 0
    for i in range(n):
        c = d.get(k, 0)
        t += c + i
    return t


def test_score():
    d = {1: 0.5, 2: 1.25, -3: 2.0}
    return score(d, [1, 2, 3, -3, 1], 2.0), score({}, [1], 1.0)


def test_score_other_types():
    # an int item, a big int, a str: the rest of the call runs generically (w is what get gave)
    return score({1: 0.5, 2: 3}, [1, 2, 1], 2.0), score({1: 2 ** 80}, [1, 1], 0.5)


def test_score_str_item():
    try:
        return score({1: 0.5, 2: "x"}, [1, 2], 2.0)
    except TypeError as e:
        return str(e)


def test_hits():
    d = {1.0: 3, 2.5: 4, -0.0: 7}
    return hits(d, [1.0, 2.5, 0.0, 9.0, 1.0]), hits({1: 2 ** 70}, [1.0]), hits({True: 1}, [1.0, 1.0, float("nan")])


def test_hits_float_item():
    return hits({True: 1.5}, [1.0, 1.0])


def test_get_colliding():
    log = []
    d = {Key(log, "three", 3): 1.5, 4: 2.0}
    log.clear()
    s = score(d, [3, 4, 3], 1.0)
    return s, log


def test_get_eq_raises():
    try:
        return score({Boom(): 1.0}, [5, 2], 1.0)
    except ValueError as e:
        return str(e)


def test_get_subclass():
    return score(Tally({1: 1.0}), [1, 2], 1.0), score(Counter({1: 1.0}), [1, 2], 1.0)


def test_get_boxed_key():
    log = []
    k = Key(log, "seven", 7)
    d = {7: 5}
    r = get_boxed_key(d, k, 3)
    try:
        get_boxed_key(d, [1], 1)
    except TypeError as e:
        return r, log, str(e)


@checked
def neg_defaults(d, xs: list[int]) -> int:
    n = 0
    for x in xs:
        c = d.get(x, -1)                # a negated constant default
        if c < 0:
            n += 1
        d[x] = d.get(x, -2.5) - 1.0
    return n


def test_neg_defaults():
    d = {1: 3, 2: -7}
    n = neg_defaults(d, [1, 2, 3, 3, 4])
    return n, d


def test_neg_defaults_float_item():
    return neg_defaults({1: 0.5}, [1, 5])

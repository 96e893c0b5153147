"""defaultdict accumulation in specialized code: `dd[k] += v` on a collections.defaultdict calls its
__missing__ for a missing key (the factory's value inserted, then the sum stored), and the `.get`
forms are dict's own. Hostile: factories that are Python code (side effects, raising), a list
factory (+= of an int: TypeError after the insert), no factory (KeyError), a defaultdict
subclass with its own __missing__, int keys colliding with a key whose __eq__ is Python code."""
from collections import defaultdict
from spyc import checked


@checked
def histogram(xs: list[int], m: int) -> int:
    dd = defaultdict(int)
    for x in xs:
        k = x % m
        dd[k] += 1
    return len(dd)


@checked
def totals(dd, xs: list[float], w: float) -> float:
    s = 0.0
    for x in xs:
        k = int(x)
        dd[k] += x * w
        s += x
    return s


@checked
def minus(dd, xs: list[int]) -> int:
    for x in xs:
        dd[x] -= x
    return len(xs)


@checked
def via_get(dd, xs: list[int]) -> float:
    t = 0.0
    for x in xs:
        dd[x] = dd.get(x, 0.5) + 1.0
        t += dd.get(x + 1, 0.0)
    return t


def test_histogram():
    return histogram(list(range(50)), 7), histogram([], 3)


def test_totals():
    dd = defaultdict(float)
    s = totals(dd, [1.5, 2.25, 1.75, 3.0], 2.0)
    di = defaultdict(int, {1: 2 ** 70})
    totals(di, [1.5, 2.5], 1.0)
    return s, dict(dd), dict(di)


def test_minus():
    dd = defaultdict(int, {3: 1})
    minus(dd, [1, 2, 3, 1])
    return sorted(dd.items())


def test_factory_code():
    log = []

    def fac():
        log.append(len(log))
        return 10

    dd = defaultdict(fac)
    minus(dd, [4, 5, 4])
    return sorted(dd.items()), log


def test_factory_raises():
    def fac():
        raise ValueError("no default")

    dd = defaultdict(fac, {1: 1})
    try:
        minus(dd, [1, 2])
    except ValueError as e:
        return str(e), dict(dd)


def test_list_factory():
    dd = defaultdict(list)
    try:
        minus(dd, [1])
    except TypeError as e:
        return str(e), dict(dd)


def test_no_factory():
    dd = defaultdict(None, {1: 5})
    try:
        minus(dd, [1, 2])
    except KeyError as e:
        return repr(e), dict(dd)


class Mine(defaultdict):
    def __missing__(self, k):
        return k * 100                  # not inserted


def test_subclass():
    dd = Mine(int)
    minus(dd, [1, 2, 1])
    return type(dd).__name__, sorted(dd.items())


class Key:
    def __init__(self, log):
        self.log = log

    def __hash__(self):
        return 3

    def __eq__(self, o):
        self.log.append(repr(o))
        return False


def test_colliding():
    log = []
    dd = defaultdict(int, {Key(log): 1})
    minus(dd, [3, 4, 3])
    return sorted(v for v in dd.values()), log


def test_via_get():
    dd = defaultdict(lambda: 99.0, {2: 1})
    t = via_get(dd, [1, 2, 1, 5])
    return t, sorted(dd.items())


Fake = type("collections.defaultdict", (dict,), {"__slots__": (), "__missing__": lambda self, k: -5})


def test_fake_name():
    dd = Fake()                         # a Python class with defaultdict's dotted name: not one
    minus(dd, [1, 1])
    return sorted(dd.items())

"""len() of module-level tuple/list constants in specialized code (`k = r % len(SYMBOLS)`):
read behind a guard on the global. Hostile cases: the global rebound to a longer tuple, to a
list, to a dict or a str, deleted (NameError), a list constant appended to between calls,
`len` shadowed by a module global and by a replaced builtin, an empty tuple (ZeroDivisionError)."""
import builtins

from spyc import checked

SYMBOLS = ("AAPL", "MSFT", "AMZN", "GOOG", "META")
LEVELS = [10, 20, 30]
EMPTY = ()


@checked
def pick(r: int) -> int:
    return r % len(SYMBOLS)


@checked
def spread_sum(n: int) -> int:
    total = 0
    for i in range(n):
        total += (i * 7919) % len(SYMBOLS) + len(LEVELS)
    return total


@checked
def last_level_index(base: int) -> int:
    return base + len(LEVELS) - 1


@checked
def pick_empty(r: int) -> int:
    return r % len(EMPTY)


def test_pick():
    return [pick(r) for r in range(12)], pick(-7), pick(2**62)


def test_spread_sum():
    return spread_sum(100)


def test_rebind_longer():
    g = globals()
    old = g["SYMBOLS"]
    a = pick(7)
    g["SYMBOLS"] = old + ("NVDA", "TSLA")
    try:
        return a, pick(7), spread_sum(10)
    finally:
        g["SYMBOLS"] = old


def test_rebind_list_and_others():
    g = globals()
    old = g["SYMBOLS"]
    out = []
    try:
        for v in (["x", "y"], {"a": 1, "b": 2, "c": 3}, "abcdef", range(4), b"xy"):
            g["SYMBOLS"] = v
            out.append(pick(11))
        g["SYMBOLS"] = 5
        out.append(pick(1))
    except TypeError as e:
        out.append(("TypeError", str(e)))
    finally:
        g["SYMBOLS"] = old
    return out, pick(11)


def test_deleted():
    g = globals()
    old = g.pop("SYMBOLS")
    try:
        return pick(3)
    except NameError as e:
        return "NameError", str(e)
    finally:
        g["SYMBOLS"] = old


def test_list_appended():
    a = last_level_index(0), spread_sum(3)
    LEVELS.append(40)
    b = last_level_index(0), spread_sum(3)
    LEVELS.clear()
    c = last_level_index(0), spread_sum(3)
    LEVELS.extend([10, 20, 30])
    return a, b, c


def test_len_shadowed_global():
    g = globals()
    g["len"] = lambda x: 100
    try:
        return pick(250), last_level_index(0)
    finally:
        del g["len"]


def test_len_builtin_replaced():
    orig = builtins.len
    builtins.len = lambda x: (print("len called"), 3)[1]
    try:
        return pick(10)
    finally:
        builtins.len = orig


def test_empty():
    return pick_empty(3)


def test_tuple_subclass():
    g = globals()
    old = g["SYMBOLS"]

    class Sized(tuple):
        def __len__(self):
            print("__len__")
            return 2

    g["SYMBOLS"] = Sized(("a", "b", "c"))
    try:
        return pick(5), spread_sum(2)
    finally:
        g["SYMBOLS"] = old

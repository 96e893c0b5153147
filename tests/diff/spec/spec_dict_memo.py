"""Str-keyed dict lookups of specialized code remember each key's entry index (spz/dictmemo.h)
and check it against the dict at every use. Hostile: between and inside accumulations the dicts
lose keys (del, pop, popitem), get them back (a new entry for the same key object), are cleared,
grow past 256 and 65,536 slots (wider index arrays), share key objects with other dicts (the memo
is shared too), and hold keys equal to the looked-up one but not the same object (strs built at
run time), or a str-subclass key (a table of general keys)."""
from spyc import checked, frozen


@frozen
class Trade:
    book: str
    qty: int
    px: float


class Tag(str):
    pass


@checked
def accumulate(trades: list[Trade], pnl: dict[str, int], notional: dict[str, float]) -> int:
    total = 0
    for t in trades:
        pnl[t.book] = pnl.get(t.book, 0) + t.qty
        notional[t.book] += t.qty * t.px
        total += t.qty
    return total


@checked
def churn(trades: list[Trade], pnl: dict[str, int], rounds: int) -> int:
    s = 0
    for r in range(rounds):
        for t in trades:
            key = t.book
            pnl[key] = pnl.get(key, 0) + r
            s += pnl[key]
        if r % 3 == 0:
            del pnl[trades[r % len(trades)].book]
        elif r % 3 == 1:
            pnl.popitem()
        else:
            pnl.pop(trades[0].book, None)
        if r % 5 == 4:
            pnl.clear()
    return s


@checked
def mark(px: dict[str, float], keys: list[str]) -> float:
    s = 0.0
    for k in keys:
        s += px[k]
    return s


BOOKS = ("rates", "credit", "equities", "fx", "commodities")


def trades(n, books=BOOKS):
    return [Trade(books[(i * 7) % len(books)], (i * 37) % 11 - 5, 1.0 + i % 13) for i in range(n)]


def test_accumulate():
    pnl, notional = {}, {b: 0.0 for b in BOOKS}
    r = accumulate(trades(200), pnl, notional)
    return r, sorted(pnl.items()), sorted(notional.items())


def test_churn():
    pnl = {}
    return churn(trades(40), pnl, 30), sorted(pnl.items())


def test_shared_keys_across_dicts():
    a, b = {}, {"fx": 100}
    out = []
    for i in range(6):
        out.append(accumulate(trades(30), a, {k: 0.0 for k in BOOKS}))
        out.append(accumulate(trades(17), b, {k: float(i) for k in BOOKS}))
    return out, sorted(a.items()), sorted(b.items())


def test_equal_not_identical():
    # keys built at run time: equal to the trades' books but other objects
    pnl = {"".join(["ra", "tes"]): 1, "".join(["f", "x"]): 2}
    notional = {"".join(b): 0.0 for b in BOOKS}
    r = accumulate(trades(50), pnl, notional)
    return r, sorted(pnl.items()), sorted(notional.items())


def test_general_table():
    pnl = {Tag("rates"): 10, "fx": 1}
    notional = {k: 0.0 for k in BOOKS}
    r = accumulate(trades(20), pnl, notional)
    return r, sorted((type(k).__name__, k, v) for k, v in pnl.items())


def test_big_tables():
    out = []
    for n in (300, 70_000):
        px = {f"S{i}": float(i % 97) for i in range(n)}
        keys = [f"S{(i * 7919) % n}" for i in range(2_000)]
        out.append(mark(px, keys))
        for k in keys[:500]:
            del px[k]
        try:
            mark(px, keys)
        except KeyError as e:
            out.append(repr(e))
        keys2 = [k for k in keys if k in px]
        out.append(mark(px, keys2))
    return out


def test_deleted_then_back():
    px = {b: float(len(b)) for b in BOOKS}
    keys = list(BOOKS) * 3
    first = mark(px, keys)
    v = px.pop("fx")
    px["zz"] = 1.0
    px["fx"] = v + 1.0
    return first, mark(px, keys), list(px)

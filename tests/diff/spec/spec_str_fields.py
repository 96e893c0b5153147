"""`o.f == "buy"` / `o.f != s` on str fields of @frozen/@record instances inside specialized code
(IR str_eq): typed bools, so the numbers around them stay unboxed. The guard takes exact strs on
both sides only; everything else -- a slotted lookalike holding a str subclass with its own
__eq__, a boxed local holding an int or None, an unbound local, an instance with a __dict__ --
must give exactly what CPython's == gives, side effects of __eq__ included."""
from spyc import checked, frozen, record


@frozen
class Fill:
    symbol: str
    side: str
    qty: int
    price: float


@record
class Position:
    symbol: str
    qty: int
    avg: float


@checked
def signed_qty(fill: Fill) -> int:
    signed = fill.qty if fill.side == "buy" else -fill.qty
    return signed * 2 + 1


@checked
def side_totals(fills: list[Fill]) -> tuple[int, int]:
    buys = sells = 0
    for f in fills:
        if f.side == "buy":
            buys += f.qty
        elif "sell" == f.side:
            sells += f.qty
    return buys, sells


@checked
def vwap(fills: list[Fill], symbol: str) -> float:
    num = 0.0
    den = 0
    for f in fills:
        if f.symbol == symbol:
            num += f.qty * f.price
            den += f.qty
    return num / den if den else 0.0


@checked
def count_other(fills: list[Fill], symbol: str) -> int:
    n = 0
    for f in fills:
        if f.symbol != symbol:
            n += 1
    return n


@checked
def apply(pos: Position, fill: Fill) -> float:
    if pos.symbol != fill.symbol:
        return -1.0
    pos.qty += fill.qty if fill.side == "buy" else -fill.qty
    return pos.avg * pos.qty


@checked
def compare_to_local(fills: list[Fill], k: int) -> int:
    target = "AAPL" if k > 0 else None
    hits = 0
    for f in fills:
        if f.symbol == target:
            hits += 1
    return hits


@checked
def maybe_unbound(fills: list[Fill], k: int) -> int:
    if k > 0:
        s = "MSFT"
    hits = 0
    for f in fills:
        if f.symbol == s:
            hits += 1
    return hits


LOG = []


class Loud(str):
    def __eq__(self, other):
        LOG.append(("eq", str(self), other))
        return str.__eq__(self, other)

    __hash__ = str.__hash__


class Lookalike:
    __slots__ = ("symbol", "side", "qty", "price")

    def __init__(self, symbol, side, qty, price):
        self.symbol, self.side, self.qty, self.price = symbol, side, qty, price


class DictFill:
    def __init__(self, symbol, side, qty, price):
        self.symbol, self.side, self.qty, self.price = symbol, side, qty, price


def fills():
    return [Fill("AAPL", "buy", 10, 101.5), Fill("MSFT", "sell", 4, 330.25), Fill("AAPL", "sell", 3, 102.0),
            Fill("GOOG", "buy", 7, 140.0), Fill("AAPL" + "", "".join(["b", "uy"]), 5, 100.0)]


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__qualname__, str(e))


def test_signed():
    return [signed_qty(f) for f in fills()]


def test_totals_and_vwap():
    fs = fills()
    return side_totals(fs), vwap(fs, "AAPL"), vwap(fs, "".join(["MS", "FT"])), vwap(fs, "NONE"), count_other(fs, "AAPL")


def test_record_and_frozen():
    p = Position("AAPL", 0, 2.5)
    out = [apply(p, f) for f in fills()]
    return out, repr(p)


def test_local_of_other_type_and_unbound():
    fs = fills()
    return compare_to_local(fs, 1), compare_to_local(fs, 0), catch(maybe_unbound, fs, 1), catch(maybe_unbound, fs, 0)


def test_lookalikes_in_the_list():
    LOG.clear()
    fs = fills()
    fs[1] = Lookalike(Loud("AAPL"), Loud("buy"), 2, 99.0)
    fs[3] = DictFill("AAPL", "sell", 1, 98.0)
    r = (side_totals(fs), vwap(fs, "AAPL"), count_other(fs, "AAPL"))
    return r, list(LOG)


def test_wrong_symbol_type():
    return catch(vwap, fills(), 5), catch(count_other, fills(), None)

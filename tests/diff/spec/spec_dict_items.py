"""`d[k]` reads of `dict[str, int]` / `dict[str, float]` parameters inside specialized code: typed
values, so the arithmetic around them stays unboxed (a trading desk's `prices[sym]`). The read
runs only on an exact dict of exact str keys with an exact str key and an item of the exact
type; everything else -- a missing key, an item stored as another type after the contract ran, a
str-subclass key with its own __hash__/__eq__ in the dict, a key of another type, an unbound key,
the parameter rebound to a defaultdict -- must give exactly what CPython gives, with each
__hash__/__eq__/__missing__ running as often as under CPython."""
from collections import defaultdict

from spyc import checked, frozen

LOG: list[str] = []


class LoudKey(str):
    def __hash__(self) -> int:
        LOG.append(f"hash {str(self)}")
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        LOG.append(f"eq {str(self)}")
        return str.__eq__(self, other)


@frozen
class Holding:
    symbol: str
    qty: int


@checked
def value(holdings: list[Holding], prices: dict[str, float]) -> float:
    total = 0.0
    for h in holdings:
        sym = h.symbol
        total += h.qty * prices[sym]
        total -= 0.5 * h.qty * prices[h.symbol]
    return total


@checked
def weighted(prices: dict[str, float], weights: dict[str, float]) -> float:
    acc = 0.0
    for sym in weights:
        acc += weights[sym] * prices[sym]
    return acc


@checked
def spread(levels: dict[str, int]) -> int:
    return levels["ask"] - levels["bid"]


@checked
def counts(sizes: dict[str, int], keys: list[str]) -> int:
    n = 0
    for k in keys:
        n += sizes[k] * 2 + 1
    return n


@checked
def retyped(prices: dict[str, float]) -> float:
    prices["AAPL"] = 3  # an int now: the read deopts and the sum is CPython's
    s = 0.0
    for sym in ("AAPL", "MSFT"):
        s = s + prices[sym]
    return s


@checked
def maybe_bound(prices: dict[str, float], flag: bool) -> float:
    if flag:
        k = "AAPL"
    return prices[k] * 2.0


@checked
def rebound(prices: dict[str, float]) -> float:
    prices = defaultdict(float, prices)
    x = prices["NONE"] + 1.0
    return x + len(prices)


@checked
def key_kinds(prices: dict[str, float], key: object, bump: float) -> float:
    k = key
    return prices[k] + bump


@checked
def loud_retyped(prices: dict[str, float], key: object, bump: float) -> float:
    prices[key] = 7  # an int item now: a read that looked it up must not look again
    return prices[key] + bump


@checked
def price_of(item: object, prices: dict[str, float], scale: float) -> float:
    return prices[item.symbol] * scale


class Quoted:
    def __init__(self, sym: str) -> None:
        self.sym = sym

    @property
    def symbol(self) -> str:
        LOG.append("property")
        return self.sym


class Slotted:
    __slots__ = ("symbol",)

    def __init__(self, symbol: object) -> None:
        self.symbol = symbol


def test_attr_keys():
    px = {"AAPL": 190.5, "MSFT": 410.25}
    out = []
    for item in (Holding("AAPL", 1), Quoted("MSFT"), Quoted("NONE"), Slotted("MSFT"), Slotted(LoudKey("AAPL")), Slotted(7), Slotted("NONE"), 3):
        LOG.clear()
        try:
            out.append(price_of(item, px, 2.0))
        except Exception as e:  # noqa: BLE001 -- the exception is the result under test
            out.append(f"{type(e).__name__}: {e}")
        out.append(LOG[:])
    s = Slotted("AAPL")
    del s.symbol
    try:
        price_of(s, px, 1.0)
    except AttributeError as e:
        out.append(str(e))
    return out


def test_value():
    hs = [Holding("AAPL", 10), Holding("MSFT", -3), Holding("AAPL", 2)]
    return value(hs, {"AAPL": 190.5, "MSFT": 410.25})


def test_weighted():
    return weighted({"A": 1.5, "B": 2.0, "C": -1.0}, {"C": 0.5, "A": 2.0})


def test_missing():
    return weighted({"A": 1.5}, {"A": 2.0, "ZZZ": 1.0})


def test_spread():
    return spread({"bid": 9_999, "ask": 10_001}), spread({"bid": -2**62, "ask": 2**62 + 5})


def test_spread_big():
    return spread({"bid": 1, "ask": 2**70})


def test_spread_missing():
    return spread({"bid": 1})


def test_counts():
    return counts({"a": 3, "b": 2**62}, ["a", "b", "a"])


def test_retyped():
    d = {"AAPL": 1.5, "MSFT": 2.25}
    return retyped(d), d


def test_unbound():
    return maybe_bound({"AAPL": 2.0}, True), maybe_bound({"AAPL": 2.0}, False)


def test_rebound():
    return rebound({"A": 1.0})


def test_loud_key():
    LOG.clear()
    k = LoudKey("AAPL")
    d = {k: 5.0, "MSFT": 1.0}
    r = key_kinds(d, "AAPL", 0.5), key_kinds(d, "MSFT", 0.5)
    return r, LOG[:]


def test_other_keys():
    out = []
    for key in ("A", 1, None, LoudKey("A")):
        LOG.clear()
        try:
            out.append(key_kinds({"A": 1.0}, key, 0.5))
        except Exception as e:  # noqa: BLE001 -- the exception is the result under test
            out.append(type(e).__name__)
        out.append(LOG[:])
    return out


def test_nan_and_negzero():
    return weighted({"A": float("nan"), "B": -0.0}, {"A": 1.0, "B": 1.0})


def test_loud_retyped():
    out = []
    for d, key in (({LoudKey("AAPL"): 5.0}, "AAPL"), ({"MSFT": 1.0}, LoudKey("MSFT")), ({"A": 1.0}, "A")):
        LOG.clear()
        out.append((loud_retyped(d, key, 0.5), LOG[:]))
    return out

"""Chained assignment of locals (`a = b = v`): v evaluated once, stored left to right, each target
typed like a single assignment; values past int64, a target that reads itself in v, mixed types."""
from spyc import checked, frozen


@frozen
class Fill:
    side: int
    qty: float
    px: float


@checked
def pnl_by_side(fills: list[Fill], mark: float) -> tuple[float, float]:
    buy = sell = 0.0
    for f in fills:
        if f.side > 0:
            buy += f.qty * (mark - f.px)
        else:
            sell += f.qty * (f.px - mark)
    return buy, sell


@checked
def counts(n: int, step: int) -> tuple[int, int, int]:
    lo = hi = mid = n * step          # int64 overflow of v deopts before any store
    for i in range(n):
        lo -= i
        hi += i * step
        mid = lo = lo + 1             # a target read by v: v uses lo before the store
    return lo, hi, mid


@checked
def accum(n: int, big: int) -> int:
    s = t = 0                         # s, t accumulators (128-bit registers)
    for _ in range(n):
        s += big
        t -= big
    return s - t


@checked
def swapish(a: int, b: int) -> tuple[int, int]:
    x = y = a
    x = y = x + b                     # x and y read the old x
    y = x = y * 2
    return x, y


@checked
def mixed(n: int) -> tuple[object, object]:
    a = b = 0
    if n > 2:
        b = 1.5                       # b holds an int or a float: it stays boxed
    a = b = a + n
    return a, b


@checked
def maybe_unbound(n: int) -> int:
    if n > 0:
        p = q = n
    return p + q                      # UnboundLocalError when n <= 0


@checked
def floats(x: float, n: int) -> float:
    u = v = w = x / 3.0
    for i in range(n):
        u = v = u * 0.5 + v
        w = u = w - i
    return u + v + w


def test_pnl():
    fills = [Fill(1, 2.0, 100.0), Fill(-1, 1.5, 101.0), Fill(1, 0.5, 99.5), Fill(-1, 3.0, 98.0)]
    return pnl_by_side(fills, 100.25), pnl_by_side([], 1.0)


def test_pnl_bad_item():
    return pnl_by_side([Fill(1, 2.0, 100.0), Fill(True, 1.0, 2.0)], 3.0)


def test_counts():
    return counts(10, 3), counts(0, 5), counts(3, 2**61)


def test_counts_overflow():
    return counts(3, 2**62), counts(5, -(2**62)), counts(4, 2**61)


def test_accum():
    return accum(4, 3), accum(4, 2**62), accum(3, -(2**63))


def test_swapish():
    return swapish(3, 4), swapish(2**62, 2**62), swapish(-7, 0)


def test_mixed():
    return mixed(1), mixed(5)


def test_maybe_unbound():
    return maybe_unbound(4)


def test_maybe_unbound_raises():
    return maybe_unbound(0)


def test_floats():
    return floats(1.0, 5), floats(-0.0, 0), floats(1e308, 3), floats(float("nan"), 2)

"""Reads of list locals built in the function (`out = [x0]`, `out.append(v)`, then `out[-1]`,
`out[i - k]`, `for y in out`): the items are read unboxed under a guard that each is exactly the
type every value put in the list has. Hostile cases: the list escapes to code that stores other
things in it, mixed item types (no hint), indexes out of range, a read before the list is bound,
int items beyond int64, bool items, growth while iterating."""
from spyc import checked


@checked
def ema(values: list[float], span: int) -> list[float]:
    alpha = 2.0 / (span + 1)
    out = [values[0]]
    for v in values[1:]:
        out.append(alpha * v + (1 - alpha) * out[-1])
    return out


@checked
def diffs(xs: list[int], lag: int) -> list[int]:
    acc = []
    for i, x in enumerate(xs):
        acc.append(x * 3)
        if i >= lag:
            acc.append(acc[i - lag] - x)
    return acc


def poison(lst: list) -> None:
    # plain code: anything may go into a list that escaped
    lst.append("surprise")
    lst.append(2**70)


@checked
def escapes(xs: list[float], leak: bool) -> float:
    out = [xs[0]]
    if leak:
        poison(out)
    total = 0.0
    for k in range(len(out)):
        total += 1.0 if isinstance(out[k], str) else out[-1] * 2.0
    return total


@checked
def escapes_then_reads(xs: list[float]) -> str:
    out = [xs[0], xs[1]]
    poison(out)
    return repr(out[-1] + 1)


@checked
def mixed(n: int) -> list[float]:
    out = [0]
    for i in range(n):
        out.append(out[-1] + 0.5 * i)
    return out


@checked
def flags(xs: list[float], cut: float) -> int:
    seen = []
    for x in xs:
        seen.append(x > cut)
    n = 0
    for i in range(len(seen)):
        if seen[i] and not seen[i - 1]:
            n += 1
    return n


@checked
def out_of_range(xs: list[int], k: int) -> int:
    out = [xs[0]]
    out.append(xs[-1])
    return out[k]


@checked
def before_bound(flag: bool, x: float) -> float:
    if flag:
        out = [x]
    return out[0] * 2.0


@checked
def big(xs: list[int]) -> list[int]:
    out = [xs[0]]
    for x in xs:
        out.append(out[-1] * x)
    return out


@checked
def grow_while_reading(n: int) -> int:
    out = [1, 2]
    i = 0
    while i < n:
        out.append(out[i] + out[i + 1])
        i += 1
    s = 0
    for y in out:
        s += y
    return s


@checked
def rebound(xs: list[float]) -> float:
    out = [xs[0]]
    out.append(out[0] * 2.0)
    first = out[-1]
    out = [first + 1.0]
    return out[-1] + first


def test_ema():
    return [ema([1.0, 2.0, 3.5, -1.0, 1e308, 1e308], s) for s in (1, 3, 9)]


def test_ema_nan():
    return repr(ema([float("nan"), 1.0, float("inf")], 2))


def test_ema_span_zero():
    return ema([1.0], -1)


def test_diffs():
    return [diffs([5, -2, 9, 4, 0, 11], lag) for lag in (0, 1, 2, 7)]


def test_diffs_overflow():
    return diffs([2**61, 2**61, -(2**62)], 1)


def test_escapes():
    return [escapes([1.5, 2.0], False), escapes([1.5], True)]


def test_escapes_then_reads():
    return escapes_then_reads([1.0, 2.0])


def test_mixed():
    return mixed(6)


def test_flags():
    return [flags([0.1, 0.9, 0.2, 0.8, 0.95, 0.0], c) for c in (0.5, 0.85, 2.0)]


def test_flags_empty():
    return flags([], 0.5)


def test_out_of_range():
    return [out_of_range([3, 4, 5], k) for k in (0, 1, -1, -2)]


def test_out_of_range_raises():
    return out_of_range([3, 4, 5], 2)


def test_out_of_range_negative():
    return out_of_range([3, 4, 5], -3)


def test_before_bound_ok():
    return before_bound(True, 2.5)


def test_before_bound_raises():
    return before_bound(False, 2.5)


def test_big():
    return big([3, 2**40, 2**40, 7, -1])


def test_grow_while_reading():
    return [grow_while_reading(n) for n in (0, 1, 10, 90)]


def test_rebound():
    return rebound([0.25, 9.0])


@checked
def rolling_mean(xs: list[float], window: int) -> list[float]:
    out: list[float] = []
    total = 0.0
    for i, x in enumerate(xs):
        total += x
        if i >= window:
            total -= xs[i - window]
        out.append(total / min(i + 1, window))
    return out


@checked
def annotated_lies(n: int) -> list[float]:
    # the annotation of a local is never evaluated or checked: the list may hold ints
    out: list[float] = [n]
    for i in range(n):
        out.append(out[-1] + i)
    return out


def test_rolling_mean():
    return [rolling_mean([1.0, 4.0, -2.5, 8.0, 0.5], w) for w in (1, 2, 4)]


def test_rolling_mean_zero_window():
    return rolling_mean([1.0, 2.0], 0)


def test_annotated_lies():
    return annotated_lies(5)


@checked
def binomial(spot: float, strike: float, vol: float, steps: int) -> float:
    # a comprehension list whose items read locals typed only after the first pass (up, down)
    up = 1.0 + vol
    down = 1 / up
    p = (1.0 - down) / (up - down)
    values = [max(spot * up ** j * down ** (steps - j) - strike, 0.0) for j in range(steps + 1)]
    for i in range(steps - 1, -1, -1):
        for j in range(i + 1):
            values[j] = 0.99 * (p * values[j + 1] + (1 - p) * values[j])
    return values[0]


@checked
def scaled(xs: list[int], k: int) -> int:
    m = k * 2
    ys = [x * m for x in xs]  # items beyond int64 stay exact (the store deopts)
    ys[0] = ys[-1] + 1
    return ys[0] + len(ys)


def test_binomial():
    return [binomial(100.0, k, 0.1, n) for k in (90.0, 100.0, 130.0) for n in (1, 4, 16)]


def test_binomial_zero_steps():
    return binomial(100.0, 90.0, 0.1, 0)


def test_binomial_bad_vol():
    return binomial(100.0, 90.0, -1.0, 3)


def test_scaled():
    return [scaled([1, -2, 3], 5), scaled([2**61, 1], 2), scaled([7], 2**62)]


def test_scaled_empty():
    return scaled([], 3)

"""Deopts at each of several resume points of one function, which box the same live values (cgen
shares one boxing run between such resume points): a float loop whose list holds an int at a
chosen position, an int64 accumulator that overflows at a chosen step, and a later guard after
both. Each call deopts at a different point, and the generic code must continue with the values
of that moment."""
from spyc import checked


@checked
def running_stats(xs: list[float], scale: int) -> tuple:
    total = 0.0
    sq = 0.0
    count = 0
    big = 1
    for x in xs:
        d = x - total / (count + 1)
        total += x
        sq += d * d
        count += 1
        big = big * scale + count
    mean = total / max(1, count)
    return (total, sq, count, big, mean)


@checked
def weighted(xs: list[float], ws: list[float]) -> float:
    acc = 0.0
    norm = 0.0
    for x, w in zip(xs, ws):
        acc += x * w
        norm += w
    if norm == 0.0:
        return 0.0
    return acc / norm


def _floats(n: int, bad: int) -> list:
    # position `bad` holds an int (a float parameter takes ints: the unbox guard fails there)
    return [float(i) * 0.5 + 0.25 if i != bad else i for i in range(n)]


def test_no_deopt():
    return running_stats(_floats(6, -1), 3)


def test_int_at_each_position():
    return [running_stats(_floats(6, k), 3) for k in range(6)]


def test_overflow_at_each_step():
    # big grows like scale**count: each scale overflows int64 at a different step
    return [running_stats(_floats(12, -1), s) for s in (1 << 20, 1 << 31, 1 << 40, 1 << 62)]


def test_int_and_overflow():
    return [running_stats(_floats(12, k), 1 << 30) for k in (0, 1, 2, 3, 5, 8)]


def test_empty():
    return running_stats([], 7)


def test_weighted_at_each_position():
    xs = _floats(5, -1)
    return [weighted(_floats(5, k), xs) for k in range(5)] + [weighted(xs, _floats(5, k)) for k in range(5)]


def test_weighted_zero():
    return weighted([1.0, 2.0], [0.0, 0.0])


def test_bad_element_after_deopt():
    # after a deopt at position 1, a str at position 3 fails in generic code
    try:
        return running_stats([0.5, 1, 2.5, "x", 3.0], 2)
    except TypeError as e:
        return ("TypeError", str(e))

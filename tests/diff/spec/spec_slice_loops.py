"""Loops over slices of list parameters inside specialized bodies (facts/slices.ts): the slice is
taken first into a hidden list, whose items are then read unboxed under a guard. Hostile cases:
an item of another type at every position, a bool/int among floats, int64 overflow mid-loop,
negative and out-of-range bounds, steps, empty slices, the parameter mutated inside the loop
(the slice must not see it), `zip` rebound, and items whose __del__ shows when they are freed."""
import builtins

from spyc import checked


@checked
def ema(prices: list[float], alpha: float) -> float:
    e = prices[0]
    for p in prices[1:]:
        e = alpha * p + (1 - alpha) * e
    return e


@checked
def diffs_total(xs: list[int]) -> int:
    total = 0
    for a, b in zip(xs, xs[1:]):
        total += b - a
    return total


@checked
def crossings(fast: list[float], slow: list[float], skip: int) -> int:
    n = 0
    above = False
    for f, s in zip(fast[skip:], slow[skip:]):
        now = f > s
        if now != above:
            n += 1
            above = now
    return n


@checked
def tail_sum(xs: list[int], k: int) -> int:
    s = 0
    for x in xs[-k:]:
        s += x
    return s


@checked
def every_other(xs: list[float]) -> float:
    s = 0.0
    for i, x in enumerate(xs[::2]):
        s += x * i
    return s


@checked
def reversed_window(xs: list[int], lo: int, hi: int) -> int:
    acc = 0
    for x in xs[hi:lo:-1]:
        acc = acc * 3 + x
    return acc


@checked
def grow_while_looping(xs: list[int]) -> int:
    # the slice is a copy: appending to the parameter must not extend the loop
    n = 0
    for x in xs[1:]:
        xs.append(x)
        n += 1
    return n


@checked
def nested(xs: list[float]) -> float:
    best = 0.0
    for a in xs[:-1]:
        for b in xs[1:]:
            if b - a > best:
                best = b - a
    return best


@checked
def early_exit(xs: list[int], limit: int) -> int:
    for x in xs[1:]:
        if x > limit:
            return x
    return -1


@checked
def with_break(xs: list[int], stop: int) -> int:
    c = 0
    for x in xs[2:]:
        if x == stop:
            break
        c += x
    else:
        c = -c
    return c


@checked
def clear_in_loop(ys: list[float]) -> list[int]:
    e = 0.0
    for p in ys[1:]:
        ys.clear()
        e = e + 0.5 * p
    return list(Noisy.log)


def test_ema():
    return ema([10.0, 11.0, 12.5, 9.0, 10.25], 0.3), ema([5.0], 0.5)


def test_ema_int_item():
    # an int among floats: the item guard fails, the loop resumes generically at that item
    return ema([10.0, 11.0, 12, 9.0], 0.3), ema([1.0, True, 2.0], 0.5)


def test_ema_str_item():
    try:
        return ema([1.0, 2.0, "x"], 0.5)
    except TypeError as e:
        return "TypeError", str(e)


def test_ema_empty():
    try:
        return ema([], 0.5)
    except IndexError as e:
        return "IndexError", str(e)


def test_diffs():
    return diffs_total([1, 4, 9, 16, 25]), diffs_total([]), diffs_total([7])


def test_diffs_overflow():
    return diffs_total([-(2**62), 2**62, -(2**62), 2**62 - 1]), diffs_total([0, 2**63 - 1, -(2**63), 2**70])


def test_crossings():
    fast = [1.0, 2.0, 3.0, 2.0, 1.0, 3.0]
    slow = [2.0, 2.0, 2.0, 2.0, 2.0, 2.0]
    return crossings(fast, slow, 0), crossings(fast, slow, 2), crossings(fast, slow, -3), crossings(fast, slow, 99)


def test_crossings_bigint_skip():
    return crossings([1.0, 3.0], [2.0, 2.0], 2**70), crossings([1.0, 3.0], [2.0, 2.0], -(2**70))


def test_tail_sum():
    xs = list(range(10))
    return tail_sum(xs, 3), tail_sum(xs, 0), tail_sum(xs, 100), tail_sum([], 2)


def test_every_other():
    return every_other([1.0, 2.0, 3.0, 4.0, 5.0]), every_other([])


def test_reversed_window():
    xs = list(range(20))
    return reversed_window(xs, 2, 9), reversed_window(xs, 9, 2), reversed_window(xs, -5, -1)


def test_grow_while_looping():
    xs = [1, 2, 3]
    return grow_while_looping(xs), xs


def test_nested():
    return nested([3.0, 1.0, 4.0, 1.5, 9.0, 2.6]), nested([1.0])


def test_early_exit():
    return early_exit([100, 1, 5, 50], 10), early_exit([1, 2], 10)


def test_break_else():
    return with_break([9, 9, 1, 2, 3, 4], 3), with_break([9, 9, 1, 2], 7), with_break([], 1)


def test_zip_rebound():
    real = builtins.zip
    builtins.zip = lambda a, b: [(10, 20), (30, 35)]
    try:
        return diffs_total([1, 2, 3])
    finally:
        builtins.zip = real


class Noisy:
    log = []

    def __init__(self, v):
        self.v = v

    def __float__(self):
        return float(self.v)

    def __radd__(self, other):
        return other + self.v

    def __rmul__(self, other):
        return other * self.v

    def __del__(self):
        Noisy.log.append(self.v)


def test_objects_freed_with_the_slice():
    # a non-float item makes the loop generic; the slice (holding the last reference to the
    # item after the list is cleared) is freed when the loop ends, not at return
    Noisy.log.clear()
    xs = [1.0, Noisy(7), 2.0]
    seen = clear_in_loop(xs)
    return seen, list(Noisy.log)

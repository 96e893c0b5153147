"""Values typed from what real code relies on: float powers (** 2, ** 0.5) with CPython's
results and errors, tuples unpacked from helpers with a tuple[...] return contract, rows of a
list[list[float]] iterated with zip/enumerate, loops over dicts, and rebinding in the middle."""
from spyc import checked


@checked
def squares(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x ** 2 + abs(x) ** 0.5
    return s


@checked
def cube(x: float) -> float:
    return x ** 3


@checked
def root(x: float) -> object:
    return x ** 0.5


@checked
def int_root(n: int) -> float:
    return n ** 0.5


@checked
def mean_var(xs: list[float]) -> tuple[float, float]:
    n = 0
    mean = 0.0
    m2 = 0.0
    for x in xs:
        n += 1
        d = x - mean
        mean += d / n
        m2 += d * (x - mean)
    return mean, (m2 / (n - 1) if n > 1 else 0.0)


@checked
def zcount(xs: list[float], limit: float) -> int:
    mean, var = mean_var(xs)
    sd = var ** 0.5
    count = 0
    for x in xs:
        if abs(x - mean) > limit * sd:
            count += 1
    return count


@checked
def weighted(rows: list[list[float]], w: list[float]) -> float:
    total = 0.0
    for row in rows:
        for a, b in zip(row, w):
            total += a * b
        for i, x in enumerate(row):
            total -= x * i
    return total


@checked
def dict_sum(d: dict, scale: float) -> float:
    s = 0.0
    for k, v in d.items():
        s += v * scale
    for v in d.values():
        s += v
    return s


def fake_mean_var(xs):
    return "mean", "var"


def test_squares():
    return squares([1.5, -2.0, 0.0, -0.0, 3.25]), squares([])


def test_special_powers():
    inf, nan = float("inf"), float("nan")
    return [cube(x) for x in (2.0, -0.0, 0.0, -inf, inf, -1.5)], repr(cube(nan)), root(4.0), root(-0.0), root(inf), root(-inf)


def test_power_overflow():
    try:
        return cube(1e200)
    except OverflowError as e:
        return "OverflowError", str(e)


def test_negative_root_is_complex():
    return root(-4.0), int_root(-9), int_root(16)


def test_zcount():
    return zcount([1.0, 2.0, 3.0, 10.0, 2.5], 1.0), zcount([5.0], 2.0)


def test_zcount_rebound_helper():
    global mean_var
    saved = mean_var
    mean_var = fake_mean_var
    try:
        return zcount([1.0, 2.0], 1.0)
    except TypeError as e:
        return "TypeError", str(e)
    finally:
        mean_var = saved


def test_weighted():
    return weighted([[1.0, 2.0, 3.0], [0.5, -1.0]], [2.0, 0.25, 1.0]), weighted([], [1.0])


def test_weighted_mixed_items():
    return weighted([[1, 2.0], [3.0, "x" * 0 or 4.5]], [1.0, 1.0])


def test_weighted_bad_item():
    try:
        return weighted([[1.0, None]], [1.0, 2.0])
    except TypeError as e:
        return "TypeError", str(e)


def test_dict_sum():
    return dict_sum({"a": 1.5, "b": 2, "c": -0.5}, 2.0), dict_sum({}, 1.0)


@checked
def bump(xs: list[float], ys: list[int], n: int) -> list:
    for i in range(n):
        xs[i % len(xs)] += 0.5 * i
        ys[-1 - i % len(ys)] *= 3
    return [xs, ys]


def test_item_augassign():
    return bump([1.0, 2.0, 3.0], [1, 2], 7), bump([1.0, 2], [2 ** 62, 1], 3), bump([1.0], ["ab"], 2)


def test_item_augassign_errors():
    out = []
    for args in (([], [1], 1), ([1.0], [], 1), ([None], [1], 1)):
        try:
            out.append(bump(*args))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out


@checked
def moving_average(prices: list[float], window: int) -> list[float]:
    out = [0.0] * len(prices)               # a new list: items stored unboxed
    acc = 0.0
    for i, p in enumerate(prices):
        acc += p
        if i >= window:
            acc -= prices[i - window]
        out[i] = acc / min(i + 1, window)
    total = 0.0
    for v in out:
        total += v
    if out:
        out[0] = total
    return out


@checked
def maybe_list(n: int, flag: bool) -> object:
    if flag:
        xs = [0] * n
    for i in range(n):
        xs[i] += i * 2
    return xs


def test_repeated_lists():
    return moving_average([1.0, 2.0, 3.0, 4.5], 2), moving_average([], 3), maybe_list(3, True), maybe_list(0, False)


def test_repeated_list_unbound():
    try:
        return maybe_list(2, False)
    except UnboundLocalError as e:
        return str(e)


@checked
def slot_of(k: int) -> int:
    return k * 7 % 5


@checked
def call_in_index(xs: list[int], n: int) -> list:
    for i in range(n):
        xs[slot_of(i)] += 1
        xs[slot_of(i + 1)] = i
    return xs


def test_call_in_index():
    return call_in_index([0] * 5, 9)

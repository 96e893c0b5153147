"""list[int] / list[float] / list[bool] parameters in specialized code: indexing (negative too),
stores, len, for-loops by index, and every element guard failing over to generic code."""
from spyc import checked


@checked
def sieve(is_prime: list[bool]) -> int:
    limit = len(is_prime) - 1
    is_prime[0] = False
    is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
        i += 1
    count = 0
    total = 0
    for k in range(limit + 1):
        if is_prime[k]:
            count += 1
            total += k
    return count * 1_000_000 + total


@checked
def ema(prices: list[int], span: int) -> float:
    alpha = 2.0 / (span + 1)
    avg = float(prices[0])
    for p in prices:
        avg += alpha * (p - avg)
    return avg


@checked
def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


@checked
def total_else(xs: list[int], stop: int) -> int:
    s = 0
    for x in xs:
        if x == stop:
            break
        s += x
    else:
        s = -s
    return s


@checked
def fsum(xs: list[float]) -> float:
    s = 0.0
    for i in range(len(xs)):
        s += xs[i]
    return s


@checked
def get(xs: list[int], i: int) -> int:
    return xs[i]


@checked
def put(xs: list[float], i: int, v: float) -> int:
    xs[i] = v
    return len(xs)


@checked
def put_int(xs: list[float], i: int, v: int) -> int:
    xs[i] = v                 # stores an int into a list[float]: Python stores what it is given
    return len(xs)


@checked
def stepped(xs: list[int], step: int) -> int:
    s = 0
    for i in range(0, len(xs), step):
        s += xs[i]
    return s


@checked
def drawdown(prices: list[int]) -> int:
    peak = prices[0]
    worst = 0
    for p in prices:
        if p > peak:
            peak = p
        elif peak - p > worst:
            worst = peak - p
    return worst


def test_sieve():
    return sieve([True] * 1000), sieve([True] * 2), sieve([True] * 3)


def test_sieve_with_non_bool_items():
    xs = [True] * 100
    xs[50] = 1                # truthy int: the bool guard fails, generic code continues
    return sieve(xs)


def test_ema_and_drawdown():
    prices = [100 + (i * 37) % 23 - (i % 7) for i in range(500)]
    return ema(prices, 10), ema(prices, 3), drawdown(prices)


def test_empty():
    out = []
    for f in (lambda: ema([], 3), lambda: drawdown([])):
        try:
            f()
        except IndexError as e:
            out.append(str(e))
    return out, total([]), total_else([], 1)


def test_big_and_odd_elements():
    return (total([1, 2, 2**63 - 1, 1, 2]), total([1, 2**70, 3]), total([5, True, 7]),
            drawdown([3, 2**64, 1]), ema([1, 2, 3.5], 2))


def test_overflowing_sum():
    return total([2**62, 2**62, 2**62, -2**62])


def test_float_elements():
    return fsum([0.1, 0.2, 0.3]), fsum([1.0, 2, 3.0]), fsum([]), fsum([float("inf"), -1.0])


def test_indexing():
    xs = [10, 20, 30]
    out = [get(xs, 0), get(xs, 2), get(xs, -1), get(xs, -3), get([2**65], 0)]
    for i in (3, -4, 2**63 - 1, -2**63):
        try:
            get(xs, i)
        except IndexError as e:
            out.append(str(e))
    return out


def test_stores():
    xs = [0.0, 1.0, 2.0]
    out = [put(xs, 1, 9.5), put(xs, -1, -0.0), put_int(xs, 0, 7), list(xs)]
    for i in (3, -4):
        try:
            put(xs, i, 1.0)
        except IndexError as e:
            out.append(str(e))
    return out, xs, [type(x).__name__ for x in xs]


def test_loop_else_and_break():
    return total_else([1, 2, 3], 2), total_else([1, 2, 3], 9), total_else([1, 2**64, 3], 9)


def test_range_steps():
    xs = list(range(20))
    out = [stepped(xs, 1), stepped(xs, 3), stepped(xs, -1), stepped(xs, 25)]
    try:
        stepped(xs, 0)
    except ValueError as e:
        out.append(str(e))
    return out


def test_not_a_list():
    try:
        total((1, 2, 3))
    except TypeError as e:
        return str(e)


@checked
def tsum(xs: tuple[float, ...]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s + xs[0] * len(xs) + xs[-1]


@checked
def tmax(xs: tuple[int, ...]) -> int:
    best = xs[0]
    for i in range(1, len(xs)):
        if xs[i] > best:
            best = xs[i]
    return best


def test_tuples():
    out = [tsum((1.5, 2.5, -1.0)), tsum((1, 2, 3)), tmax((3, 9, 2)), tmax((1, 2**70, 5))]
    for f, arg in ((tsum, ()), (tmax, ())):
        try:
            f(arg)
        except IndexError as e:
            out.append(str(e))
    try:
        tmax([1, 2])
    except TypeError as e:
        out.append(str(e))
    return out


@checked
def walk(n: int, seed: int) -> list[int]:
    out = []
    x = seed
    for _ in range(n):
        x = x * 3 + 1            # overflows int64 for big n: deopt midway, appends continue
        out.append(x)
    return out


@checked
def mixed(n: int) -> list[float]:
    out = []
    for i in range(n):
        out.append(i / 2)
        out.append(i > 1)
    if len(out) > 3:
        out.append(len(out))
    return out


@checked
def late(n: int) -> int:
    if n > 0:
        acc = []
    acc.append(n)             # UnboundLocalError when n <= 0
    return len(acc)


@checked
def sq(x: int) -> int:
    return x * x


@checked
def squares(n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(sq(i) - 1)
    return out


def test_new_lists():
    out = [walk(5, 1), walk(45, 2)[-3:], mixed(4), mixed(1), late(3), squares(6)]
    try:
        late(0)
    except UnboundLocalError as e:
        out.append(str(e))
    return out

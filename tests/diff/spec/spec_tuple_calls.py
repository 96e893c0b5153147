"""Functions returning `tuple[...]` of numbers, called as `a, b = f(x)`: written the way trading
and numeric code is (a mean and a spread, a quotient and a remainder, a position and its cost,
min/max in one pass). Compiled, a direct call returns the parts unboxed and the caller unpacks
them typed. Edges: an int part promoted to float, int64 overflow inside the callee (its tuple
comes back boxed), parts beyond int64, contract violations (a bool for an int part, a wrong
length, a non-tuple), the callee rebound from outside, and unpacking into fewer targets."""
from spyc import checked


@checked
def split_fee(amount: int, bps: int) -> tuple[int, int]:
    fee = amount * bps // 10_000
    return amount - fee, fee


@checked
def mean_spread(lo: float, hi: float) -> tuple[float, float]:
    return (lo + hi) / 2, hi - lo


@checked
def position(qty: int, price: float) -> tuple[int, float]:
    if qty == 0:
        return 0, 0  # the int 0 of the float part is promoted by the contract
    return qty, qty * price


@checked
def order(a: float, b: float) -> tuple[float, float]:
    if a <= b:
        return a, b
    return b, a


@checked
def flags(x: int) -> tuple[bool, bool, int]:
    return x > 0, x % 2 == 0, abs(x)


@checked
def run_fees(n: int, bps: int) -> int:
    total = 0
    for i in range(n):
        net, fee = split_fee(i * 1_000, bps)
        total += net - fee
    return total


@checked
def band(lo: float, hi: float, k: int) -> float:
    acc = 0.0
    for i in range(k):
        m, s = mean_spread(lo + i, hi + 2 * i)
        a, b = order(m, s)
        acc += a * 0.5 + b
    return acc


@checked
def book(qty: int, price: float) -> float:
    q, cost = position(qty, price)
    return cost / q if q else cost


@checked
def classify(x: int) -> int:
    pos, even, mag = flags(x)
    if pos and even:
        return mag
    return -mag


@checked
def fees_big(amount: int) -> int:
    net, fee = split_fee(amount, 3)
    return net + fee


@checked
def bad_len(x: int) -> tuple[int, int]:
    if x > 5:
        return x, x, x  # the contract rejects it at run time
    return x, x


@checked
def bad_part(x: int) -> tuple[int, int]:
    return x, x > 0  # a bool for an int part


@checked
def use_bad_len(x: int) -> int:
    a, b = bad_len(x)
    return a + b


@checked
def use_bad_part(x: int) -> int:
    a, b = bad_part(x)
    return a + b


@checked
def rebound_user(x: int) -> int:
    a, b = split_fee(x, 10)
    hook()
    c, d = split_fee(x, 10)
    return a * 1000 + b + c * 7 + d


def hook():
    global split_fee
    split_fee = lambda amount, bps: (amount, -1)  # noqa: E731


def test_run_fees():
    return run_fees(100, 25), run_fees(0, 25), run_fees(7, 0)


def test_band():
    return band(1.0, 2.5, 10), band(-3.0, -5.0, 3)


def test_book():
    return book(10, 2.5), book(0, 2.5), book(-3, 1.25)


def test_position_promotes():
    return position(0, 9.0), position(2, 0.5)


def test_classify():
    return [classify(x) for x in (-4, -3, 0, 3, 4, 2**62)]


def test_overflow_in_callee():
    # amount * bps leaves int64 inside split_fee: its tuple comes back boxed, parts exact
    return fees_big(2**62), fees_big(2**61), fees_big(-2**62), fees_big(2**70)


def test_bad_len():
    try:
        return use_bad_len(3), use_bad_len(9)
    except TypeError as e:
        return "TypeError", str(e)


def test_bad_part():
    try:
        return use_bad_part(3)
    except TypeError as e:
        return "TypeError", str(e)


def test_rebound_from_outside():
    global split_fee
    orig = split_fee
    try:
        return rebound_user(50_000), rebound_user(10)
    finally:
        split_fee = orig


def test_direct_values():
    return split_fee(10**6, 30), mean_spread(1.0, 4.0), order(2.0, -1.0), flags(-7), order(float("nan"), 1.0)

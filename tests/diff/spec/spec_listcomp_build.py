"""List comprehensions of scalars built in C inside specialized bodies (items computed unboxed,
appended boxed; facts/genexp.ts specListComp), returned or bound to a local. Hostile cases: an
item of another type (an int among floats, a big int, a str), int64 overflow of an item, -0.0 and
NaN items, empty inputs, objects of another class in a list[C], an old value with a finalizer
replaced by the binding, a loop that rebuilds the list, the list's allocated size."""
import sys

from spyc import checked, frozen


@frozen
class Fill:
    qty: int
    price: float
    side: str


@checked
def scaled(prices: list[float], k: float) -> list[float]:
    return [p * k for p in prices if p > 0.0]


@checked
def negated(xs: list[float]) -> list[float]:
    return [-x for x in xs]


@checked
def tripled(xs: list[int]) -> list[int]:
    return [x * 3 for x in xs]


@checked
def signs(xs: list[int]) -> list[bool]:
    return [x > 0 for x in xs]


@checked
def halves(n: int) -> list[float]:
    return [i * 0.5 for i in range(n)]


@checked
def evens(a: int, b: int, step: int) -> list[int]:
    return [i for i in range(a, b, step) if i % 2 == 0]


@checked
def doubled_qty(fills: list[Fill]) -> list[int]:
    out = [f.qty * 2 for f in fills]
    return out


@checked
def values(fills: list[Fill]) -> list[float]:
    return [f.qty * f.price for f in fills if f.qty > 0]


@checked
def mean_of_squares(xs: list[float]) -> float:
    sq = [x * x for x in xs]
    return sum(sq) / len(sq)


@checked
def rebuilt(xs: list[float], times: int) -> float:
    total = 0.0
    for k in range(times):
        ys = [x + k for x in xs]
        total += sum(ys)
    return total


class Noisy:
    def __del__(self):
        print("Noisy released")


@checked
def replace_old(xs: list[float], old: list[Noisy]) -> int:
    out = old[0]
    print("before")
    out = [x * 2.0 for x in xs]
    print("after")
    return len(out)


def test_scaled():
    return (scaled([1.0, -2.0, 3.5, 0.0], 2.0), scaled([], 1.0), scaled([1.0, float("nan")], -1.0),
            scaled([1e308, 2.0], 10.0), scaled([1.5], -0.0))


def test_scaled_int_item():
    return scaled([1.0, 2, 3.0], 0.5)


def test_scaled_str_item():
    return scaled([1.0, "x"], 0.5)


def test_negated():
    return negated([0.0, -0.0, 1.5, float("inf")]), negated([])


def test_tripled():
    return tripled([1, -2, 2**61]), tripled([]), tripled([2**62]), tripled([2**70, 1])


def test_signs():
    return signs([3, 0, -1]), signs([2**64])


def test_halves():
    return halves(5), halves(0), halves(-3)


def test_evens():
    return evens(0, 11, 1), evens(10, -10, -3), evens(0, 5, 2)


def test_evens_zero_step():
    return evens(0, 5, 0)


def test_fills():
    fs = [Fill(3, 2.5, "b"), Fill(-1, 4.0, "s"), Fill(2**61, 0.5, "b")]
    return doubled_qty(fs), values(fs), doubled_qty([]), doubled_qty([Fill(2**62, 1.0, "b")])


def test_fills_impostor():
    class Other:
        qty = 5
        price = 1.25

    return doubled_qty([Fill(1, 1.0, "b"), Other()]), values([Other(), Fill(2, 3.0, "b")])


def test_fills_bad_item():
    return doubled_qty([Fill(1, 1.0, "b"), None])


def test_mean_of_squares():
    return mean_of_squares([1.0, 2.0, 3.0]), mean_of_squares([1, 2.5])


def test_mean_empty():
    return mean_of_squares([])


def test_rebuilt():
    return rebuilt([0.5, 1.5], 3), rebuilt([], 2), rebuilt([1.0, 2], 2)


def test_replace_old():
    return replace_old([1.0, 2.0], [Noisy()]), replace_old([1.0, 2], [Noisy()])


def test_fresh_list():
    xs = [1.0, 2.0]
    ys = scaled(xs, 1.0)
    ys.append(9.0)
    return xs, ys, ys is xs


def test_sizes():
    return [sys.getsizeof(halves(n)) for n in (0, 1, 4, 5, 9, 17, 100)]

"""Plain (undecorated) annotated functions, which `--all` compiles with a speculative body: their
annotations are no contract. An int passed for a `float` parameter stays an int, a bool for an
`int` one stays a bool, a big int or an int subclass is what it is, and an `-> float` function
returning 1 returns the int 1. Each of those must run the generic code and give CPython's result
(its type too). Class- and list-annotated parameters promise nothing either. The checked-only
modes leave these functions interpreted, so the same file checks both ways."""
import math
from collections import deque

from spyc import checked, frozen


@frozen
class Pt:
    x: float
    y: float


@checked
def norm(p: Pt) -> float:
    return math.sqrt(p.x * p.x + p.y * p.y)


@checked
def twice(n: int) -> int:
    return 2 * n


def lcg(seed: int, n: int) -> int:
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
    return x


def scale(v: float, k: float) -> float:
    return v * k / 2


def half_or_int(n: int) -> float:
    # the annotation says float; the value is an int or a float as CPython computes it
    if n % 2 == 0:
        return n // 2
    return n / 2


def flag_count(flags: list[bool], strict: bool) -> int:
    c = 0
    for f in flags:
        if f or not strict:
            c += 1
    return c


def sum_list(xs: list[float]) -> float:
    t = 0.0
    for x in xs:
        t += x
    return t


def norm_all(ps: list[Pt]) -> float:
    t = 0.0
    for p in ps:
        t += norm(p)
    return t


def first_x(p: Pt) -> float:
    return p.x + 0.5


def mixed(a: int, b):
    s = a
    for i in range(3):
        s += twice(i)
    return s, b


def make_points(n: int) -> list[Pt]:
    out = []
    for i in range(n):
        out.append(Pt(i * 0.5, -i))
    return out


def gen_squares(n: int):
    for i in range(n):
        yield i * i


def queue_work(n: int) -> int:
    q = deque()
    for i in range(n):
        q.append(i)
    total = 0
    while q:
        total += q.popleft()
    return total


class Acc:
    def __init__(self, start: int) -> None:
        self.total = start

    def add(self, k: int) -> int:
        for i in range(k):
            self.total += i
        return self.total


class MyInt(int):
    pass


class MyFloat(float):
    pass


def test_lcg():
    return [lcg(7, 100), lcg(2**70, 3), lcg(True, 2), lcg(MyInt(5), 4), lcg(-3, 5)]


def test_lcg_overflow_exact():
    return lcg(2**62, 10)


def test_scale_types():
    return [(type(r).__name__, r) for r in (scale(3.0, 2.0), scale(3, 2), scale(3, 2.0), scale(True, 4.0), scale(MyFloat(1.5), 2.0))]


def test_scale_errors():
    try:
        return scale("ab", 3)
    except TypeError as e:
        return type(e).__name__, str(e)


def test_half_or_int():
    return [(type(r).__name__, r) for r in (half_or_int(4), half_or_int(5), half_or_int(2**65), half_or_int(True))]


def test_flags():
    return [flag_count([True, False, True], True), flag_count([True, False], False), flag_count([1, 0, 2], True), flag_count((True,), 1)]


def test_sum_list():
    return [sum_list([1.0, 2.5]), sum_list([1, 2]), sum_list((0.5, 0.25)), sum_list([1.5, 2**80])]


def test_norm_all():
    ps = make_points(4)
    return [norm_all(ps), norm_all(tuple(ps))]


def test_norm_all_wrong_item():
    try:
        return norm_all([Pt(3.0, 4.0), (1.0, 2.0)])
    except TypeError as e:
        return str(e)


def test_first_x_duck():
    class Fake:
        x = 10
    return [first_x(Pt(1.0, 2.0)), first_x(Fake())]


def test_mixed():
    return [mixed(1, "b"), mixed(2.5, None), mixed(2**64, [1])]


def test_make_points():
    return [(p.x, p.y) for p in make_points(3)]


def test_generator():
    return list(gen_squares(5))


def test_queue():
    return queue_work(50)


def test_method():
    a = Acc(5)
    return [a.add(4), a.add(0), Acc(2.5).add(3), Acc(2**70).add(2)]


def test_unbound_and_keyword():
    return [scale(k=3.0, v=2.0), lcg(n=2, seed=11)]


@checked
def pair_display(n: int) -> int:
    # direct calls inside a new list's display are not hoisted: the statement runs generically
    out = [twice(n), twice(n + 1)]
    return out[0] + out[1] + len(out)


def test_pair_display():
    return [pair_display(3), pair_display(2**62)]

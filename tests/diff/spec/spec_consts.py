"""Module-level number constants and math constants read by specialized code, and what happens
when they are rebound from outside in the middle of a run (the new value takes effect, a value
of another type or a deleted name behaves as under CPython)."""
import math
from spyc import checked

FEE = 0.0025
LOT = 100
LIMIT = -3
DEBUG = False
SCALE: float = 1e-4


@checked
def cost(qty: int, price: float) -> float:
    c = qty * price * FEE
    if DEBUG:
        c += 1.0
    return c + LOT * SCALE


@checked
def clamp_sum(xs: list[int]) -> int:
    s = 0
    for x in xs:
        if x < LIMIT:
            s += LIMIT
        else:
            s += x
    return s


@checked
def circle(r: float) -> float:
    return math.pi * r * r + math.tau * 0 + math.e * 0


@checked
def is_finite_sum(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        if x < math.inf and x > -math.inf:
            s += x
    return s


def set_global(name, value):
    globals()[name] = value


def del_global(name):
    del globals()[name]


@checked
def cost_loop(n: int, callback_at: int, new_fee: object) -> float:
    total = 0.0
    for i in range(n):
        if i == callback_at:
            set_global("FEE", new_fee)          # rebinds FEE mid-run: later reads see it
        total += cost(i, 10.0)
    return total


def test_cost():
    return cost(10, 101.5), cost(0, 1.0)


def test_clamp_sum():
    return clamp_sum([1, -5, 7, -2, -10])


def test_circle():
    return circle(2.0), circle(0.0)


def test_is_finite_sum():
    return is_finite_sum([1.0, float("inf"), 2.5, float("-inf"), float("nan")])


def test_rebind_same_type():
    try:
        return cost_loop(10, 5, 0.5)
    finally:
        set_global("FEE", 0.0025)


def test_rebind_int():
    try:
        return cost_loop(10, 3, 2)
    finally:
        set_global("FEE", 0.0025)


def test_rebind_str():
    try:
        return cost_loop(10, 3, "x")
    finally:
        set_global("FEE", 0.0025)


def test_rebind_limit_and_debug():
    try:
        set_global("LIMIT", 2 ** 70)
        set_global("DEBUG", 1)
        return clamp_sum([1, 2, 3]), cost(1, 1.0)
    finally:
        set_global("LIMIT", -3)
        set_global("DEBUG", False)


def test_deleted_constant():
    try:
        del_global("LOT")
        return cost(1, 1.0)
    finally:
        set_global("LOT", 100)


def test_math_rebound():
    saved = math.pi
    try:
        math.pi = 3
        return circle(1.0)
    finally:
        math.pi = saved


def test_math_shadowed():
    m = math
    try:
        set_global("math", None)
        return circle(1.0)
    finally:
        set_global("math", m)

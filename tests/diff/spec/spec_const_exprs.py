"""Module constants computed from other constants at module level (`SOLAR_MASS = 4 * PI * PI`,
`DAY = 24 * HOUR`, `HALF = ONE / 2`), read by specialized code: the value CPython computed at
import is the one used, rebinding from outside mid-run takes effect, and a value of another type
(a big int, a str, a float where an int was) behaves as under CPython."""
import math
from spyc import checked

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
HOUR = 3600
DAY = 24 * HOUR
WEEK = DAY * 7 - 0
HALF = HOUR / 2
TWO_PI = 2 * math.pi
BIG = 2 ** 70
NEG = -HOUR + 1


@checked
def energy(m: float, v: float) -> float:
    return 0.5 * m * SOLAR_MASS * v * v


@checked
def seconds(days: int, hours: int) -> int:
    return days * DAY + hours * HOUR + WEEK * 0 + NEG * 0


@checked
def halves(n: int) -> float:
    total = 0.0
    for i in range(n):
        total += HALF * i + TWO_PI
    return total


@checked
def with_big(n: int) -> int:
    return n + BIG


def set_global(name, value):
    globals()[name] = value


@checked
def energy_loop(n: int, at: int, new: object) -> float:
    total = 0.0
    for i in range(n):
        if i == at:
            set_global("SOLAR_MASS", new)
        total += SOLAR_MASS * i
    return total


def test_values():
    return energy(2.0, 3.0), seconds(2, 5), halves(10), with_big(5), SOLAR_MASS, DAY, WEEK, NEG


def test_rebind_float_mid_run():
    try:
        return energy_loop(6, 3, 1.5), energy(1.0, 1.0)
    finally:
        set_global("SOLAR_MASS", 4 * PI * PI)


def test_rebind_to_int_and_str():
    try:
        a = energy_loop(4, 2, 7)
        set_global("SOLAR_MASS", 4 * PI * PI)
        b = energy_loop(4, 1, "heavy")
        return a, b
    finally:
        set_global("SOLAR_MASS", 4 * PI * PI)


def test_int_const_becomes_big():
    try:
        set_global("DAY", 2 ** 80)
        return seconds(3, 1)
    finally:
        set_global("DAY", 24 * HOUR)


def test_int_const_becomes_float():
    try:
        set_global("HOUR", 0.5)
        return seconds(3, 1), halves(3)
    finally:
        set_global("HOUR", 3600)


def test_overflow():
    return seconds(2 ** 62, 1)

"""print() from compiled code (sep/end/file/flush), module-level output at import time,
str()/repr() of containers and numbers."""
import sys
from spyc import checked

print("module body runs at import", 1 + 1)


@checked
def show(a: int, x: float, s: str) -> None:
    print(a, x, s)
    print(a, x, s, sep="|", end="!\n")
    print()
    print("no newline", end="")
    print(file=sys.stdout)
    print(*[1, 2, 3], sep=", ", flush=True)


@checked
def show_containers(xs: list, d: dict) -> str:
    print(xs, d, (1,), set(), frozenset({3}), [[]], {"a": (None, True)})
    return str(xs) + repr(d)


@checked
def show_numbers(x: float) -> list:
    out = []
    for v in (x, -x, x * 1e20, x / 1e20, 1e16, 1e-5, 0.1 + 0.2, 2.0**0.5):
        out.append(str(v))
        print(v)
    return out


@checked
def print_bad_sep() -> None:
    print(1, 2, sep=3)


def test_show():
    return show(1, 2.5, "s")


def test_show_containers():
    return show_containers([1, "a", 2.0], {1: [2]})


def test_show_numbers():
    return show_numbers(1.5)


def test_print_bad_sep():
    return print_bad_sep()

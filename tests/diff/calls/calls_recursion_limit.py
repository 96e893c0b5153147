"""Unbounded recursion through compiled functions must raise RecursionError (the depth at which
it fires is not compared, spec 6.8), never crash the process; the program must continue
normally afterwards."""
import sys
from spyc import checked


@checked
def down(n: int) -> int:
    return down(n + 1) + 1


def plain_down(n):
    return plain_down(n + 1) + 1


@checked
def mutual_a(n: int) -> int:
    return mutual_b(n + 1)


def mutual_b(n):
    return mutual_a(n + 1)


class Loop:
    def __repr__(self):
        return repr(self)


@checked
def repr_loop(o: object) -> str:
    return repr(o)


def probe(fn, *args):
    try:
        fn(*args)
        return "no error"
    except RecursionError:
        return "RecursionError"


def test_checked_self_recursion():
    return probe(down, 0), probe(down, 0)


def test_plain_self_recursion():
    return probe(plain_down, 0)


def test_mutual_recursion():
    return probe(mutual_a, 0)


def test_recursion_through_dunder():
    return probe(repr_loop, Loop())


def test_recovers_after_recursion_error():
    probe(down, 0)
    return sys.getrecursionlimit() > 0, down.__name__

"""Recursive fib: the cost of a call. Every level is a call of a compiled function."""
from spyc import checked


@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def bench(n: int) -> int:
    return fib(n)


SIZES = {"quick": 25, "full": 30}

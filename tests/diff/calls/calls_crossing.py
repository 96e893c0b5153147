"""Calls between compiled (@checked) and interpreted functions in both directions, recursion,
methods, callbacks."""
from spyc import checked


def interp_double(x):
    return x * 2


@checked
def compiled_uses_interp(n: int) -> int:
    return interp_double(n) + 1


def interp_uses_compiled(n):
    return compiled_uses_interp(n) * 10


@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@checked
def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


@checked
def apply(fn: object, x: int) -> object:
    return fn(x)


@checked
def apply_kw(fn: object, **kw: int) -> object:
    return fn(**kw)


class Acc:
    def __init__(self, start):
        self.total = start

    @checked
    def add(self, x: int) -> int:
        self.total += x
        return self.total

    @checked
    def add_many(self, *xs: int) -> int:
        for x in xs:
            self.add(x)
        return self.total

    @staticmethod
    @checked
    def twice(x: int) -> int:
        return 2 * x

    @classmethod
    @checked
    def make(cls, start: int) -> "Acc":
        return cls(start)


@checked
def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def test_compiled_calls_interpreted():
    return compiled_uses_interp(5), interp_uses_compiled(5)


def test_recursion():
    return fib(20), ackermann(2, 3)


def test_mutual_recursion_across_modes():
    return is_even(10), is_even(7), is_odd(9)


def test_callbacks():
    return apply(interp_double, 4), apply(fib, 10), apply(str, 5), apply(lambda v: v - 1, 0)


def test_callback_kw():
    return apply_kw(dict, a=1, b=2)


def test_callback_kw_contract():
    return apply_kw(dict, a=1, b="2")


def test_methods():
    a = Acc(1)
    r1 = a.add(2)
    r2 = a.add_many(3, 4, 5)
    return r1, r2, a.total, Acc.twice(21), Acc.make(7).total, type(Acc.make(1)).__name__


def test_method_contract_violation():
    return Acc(0).add(1.5)


def test_method_varargs_violation():
    return Acc(0).add_many(1, 2, "3")


def test_unbound_method_call():
    a = Acc(10)
    return Acc.add(a, 5), a.total


def test_method_missing_arg():
    return Acc(0).add()


def test_call_non_callable():
    return apply(5, 1)


def test_builtins_from_compiled():
    return apply(abs, -3), apply(bin, 10), apply(len, 3)

# Example module for tests/unit/ecosystem-runtime.test.ts: SPYC_INTERPRET, stale-module
# warnings and the traceback shape of contract errors, compiled vs interpreted.
from spyc import checked, frozen, i64


@frozen
class Trade:
    price: float
    qty: int


@checked
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


@checked
def notional(t: Trade, k: i64) -> float:
    return t.price * t.qty * k


@checked
def wrong_return(x: int) -> int:
    return x / 2


def caller(x):
    return total(x)

# Accepted by mypy: @frozen classes construct like dataclasses (positional, keyword, defaults).
from spyc import checked, frozen, i64


@frozen
class Trade:
    price: float
    qty: int
    side: int = 1


@checked
def notional(t: Trade) -> float:
    return t.price * t.qty


t = Trade(1.5, 10, 1)
u = Trade(price=2.0, qty=3)
same: bool = t == u
v: float = notional(t)
q: int = t.qty
n: i64 = 3

# Rejected by mypy: each line with an error marker comment must get an error, and no other line.
from spyc import frozen


@frozen
class Trade:
    price: float
    qty: int
    side: int = 1


t = Trade(1.5, 10, 1)
t.qty = 11  # E: frozen field assignment
Trade(1.5)  # E: missing argument
Trade(1.5, 10, 1, 2)  # E: too many arguments
Trade("x", 10)  # E: wrong field type

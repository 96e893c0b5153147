"""Contract checks the compiled runtime does in C: class-typed parameters (isinstance, subclasses,
objects whose __class__ lies), fixed tuples as parameters and returns (exact items pass, ints
promoted to float through the slow check, wrong lengths and items rejected with the catalogue
messages), and metaclasses that redefine isinstance (always the slow check)."""
import abc
from spyc import checked


class Account:
    def __init__(self, cash):
        self.cash = cash


class Margin(Account):
    pass


class Liar:
    cash = 7.0

    @property
    def __class__(self):
        return Account


class Proto(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        return hasattr(other, "cash")


@checked
def cash_of(a: Account) -> float:
    return a.cash * 1.0


@checked
def proto_cash(a: Proto) -> float:
    return a.cash * 1.0


@checked
def span(p: tuple[float, float]) -> tuple[float, float]:
    lo, hi = p
    return hi - lo, lo + hi


@checked
def bad_return(flag: int) -> tuple[int, float]:
    if flag == 0:
        return 1, 2.0
    if flag == 1:
        return 1, 2            # promoted to (1, 2.0)
    if flag == 2:
        return 1.5, 2.0        # rejected
    return (1,)                # wrong length


def outcome(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return type(e).__name__, str(e)


def test_class_params():
    return [outcome(cash_of, x) for x in (Account(2.5), Margin(3), Liar(), 5, None)]


def test_metaclass_isinstance():
    return [outcome(proto_cash, x) for x in (Account(1.0), Liar(), "no cash")]


def test_fixed_tuples():
    return [outcome(span, x) for x in ((1.0, 4.0), (1, 4.0), (1.0,), [1.0, 2.0], (1.0, "x"), (True, 1.0))]


def test_tuple_returns():
    return [outcome(bad_return, k) for k in range(4)]

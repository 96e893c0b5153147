"""`o.m(args)` where o is a local of unknown class (a dict's value, a parameter annotated with
something else, a generic loop variable) and m a directly callable method of exactly one module
class: a speculated call_direct method site. Its guard resolves m on o's exact type, so every
other receiver must behave as under CPython: an instance of another class with a method of that
name, an instance of a class that borrowed the compiled function (`m = Pos.value`), None, an
int, an unbound local, a class whose method was replaced mid-run, and a method name two module
classes define (never speculated)."""
from spyc import checked, frozen, record


@frozen
class Pos:
    symbol: str
    qty: int
    avg: float

    @checked
    def value(self, mark: float) -> float:
        return self.qty * (mark - self.avg)

    @checked
    def size(self) -> int:
        return abs(self.qty)

    @checked
    def label(self) -> float:
        return 1.0


@record
class Acct:
    cash: float

    @checked
    def label(self) -> float:  # a second `label`: calls of it are never speculated
        return 2.0


class Duck:
    def value(self, mark: float) -> float:
        return -mark


class Borrower:
    __slots__ = ("qty", "avg")

    def __init__(self) -> None:
        self.qty = 3
        self.avg = 1.5

    value = Pos.value


@checked
def mark_book(book: dict[str, object], marks: dict[str, float]) -> float:
    total = 0.0
    for sym, pos in book.items():
        total += pos.value(marks[sym])
    return total


@checked
def sizes(items: list[object]) -> int:
    n = 0
    for it in items:
        n += it.size() * 2
    return n


@checked
def labels(items: list[object]) -> float:
    s = 0.0
    for it in items:
        s += it.label()
    return s


@checked
def maybe(p: object, flag: bool) -> float:
    if flag:
        q = p
    return q.value(2.0)


def test_dict_values():
    book = {"A": Pos("A", 10, 1.5), "B": Pos("B", -4, 2.0)}
    return mark_book(book, {"A": 2.5, "B": 1.0})


def test_other_receivers():
    out = []
    for obj in (Duck(), Borrower(), None, 7, Pos("C", 1, 0.0)):
        try:
            out.append(mark_book({"X": obj}, {"X": 4.0}))
        except Exception as e:  # noqa: BLE001 -- the exception is the result under test
            out.append(f"{type(e).__name__}: {e}")
    return out


def test_sizes():
    return sizes([Pos("A", -5, 1.0), Pos("B", 2**62, 0.0)]), sizes([Pos("A", 3, 1.0)] * 4)


def test_size_overflow():
    return sizes([Pos("A", 2**63 - 1, 1.0), Pos("B", 2**63 - 1, 0.0)])


def test_two_classes():
    return labels([Pos("A", 1, 1.0), Acct(5.0), Pos("B", 2, 0.0)])


def test_unbound():
    out = [maybe(Pos("A", 2, 0.5), True)]
    try:
        maybe(Pos("A", 2, 0.5), False)
    except UnboundLocalError as e:
        out.append(str(e))
    return out


def test_replaced_midway():
    book = {"A": Pos("A", 10, 1.5)}
    before = mark_book(book, {"A": 2.5})
    orig = Pos.value
    type.__setattr__(Pos, "value", lambda self, mark: 100.0)
    try:
        during = mark_book(book, {"A": 2.5})
    finally:
        type.__setattr__(Pos, "value", orig)
    return before, during, mark_book(book, {"A": 2.5})

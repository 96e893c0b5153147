"""collections.deque operations in @checked code: `q[0]`, `q[-1]`, `q.popleft()`, `q.append(x)`,
`if q` / `not q` take C fast paths on an exact deque (spz/deque.h). Everything else -- an empty
deque, an index out of range, a deque subclass overriding those methods, a list or another
object where a deque was expected, a bounded deque dropping its oldest item -- must give exactly
what CPython gives: values, exception types and messages, and each override's side effects."""
from collections import deque

from spyc import checked, frozen

LOG: list[str] = []


@frozen
class Order:
    oid: int
    qty: int


class LoudDeque(deque):
    def popleft(self):
        LOG.append("popleft")
        return super().popleft()

    def append(self, x):
        LOG.append(f"append {x!r}")
        super().append(x)

    def __getitem__(self, i):
        LOG.append(f"getitem {i}")
        return super().__getitem__(i)

    def __len__(self):
        LOG.append("len")
        return super().__len__()


class PlainSub(deque):
    pass


class Duck:
    def __init__(self) -> None:
        self.items: list[int] = []

    def popleft(self) -> int:
        LOG.append("duck popleft")
        return self.items.pop(0)

    def append(self, x: int) -> None:
        LOG.append("duck append")
        self.items.append(x)

    def __getitem__(self, i: int) -> int:
        return self.items[i] * 100

    def __bool__(self) -> bool:
        LOG.append("duck bool")
        return bool(self.items)


@checked
def drain(levels: dict[int, object], price: int, want: int) -> int:
    """the order book's matching loop: oldest first at one level"""
    filled = 0
    queue = levels[price]
    while want > 0 and queue:
        resting = queue[0]
        take = min(want, resting.qty)
        want -= take
        filled += take
        if take == resting.qty:
            queue.popleft()
            if not queue:
                del levels[price]
                break
        else:
            queue[0] = Order(resting.oid, resting.qty - take)
    return filled


@checked
def ends(q: object) -> int:
    first = q[0]
    last = q[-1]
    return first * 1000 + last


@checked
def second(q: object) -> int:
    return q[1] + q[-2]


@checked
def churn(n: int) -> int:
    q = deque()
    total = 0
    for i in range(n):
        q.append(i)
        q.append(i * 2)
        total += q[0] - q[-1]
        q.popleft()
    while q:
        total += q.popleft()
    return total


@checked
def cycle(q: object, n: int) -> int:
    total = 0
    for i in range(n):
        x = q.popleft()
        q.append(x)
        total += q[-1]
    if not q:
        total = -1
    return total


@checked
def pop_all(q: object) -> int:
    count = 0
    while True:
        q.popleft()
        count += 1


@checked
def first(q: object) -> object:
    return q[0]


@checked
def truth(q: object) -> int:
    n = 0
    if q:
        n += 1
    if not q:
        n += 10
    return n


@checked
def push_many(q: object, n: int) -> int:
    for i in range(n):
        q.append(i)
    return len(q)


def book() -> dict[int, object]:
    return {100: deque([Order(1, 5), Order(2, 7), Order(3, 4)]), 101: deque([Order(4, 1)])}


def test_drain_partial():
    levels = book()
    r = drain(levels, 100, 8)
    return r, [(o.oid, o.qty) for o in levels[100]], sorted(levels)


def test_drain_level():
    levels = book()
    r = drain(levels, 100, 100)
    return r, sorted(levels)


def test_drain_missing():
    return drain(book(), 99, 1)


def test_drain_empty_level():
    levels = {100: deque()}
    return drain(levels, 100, 5), sorted(levels)


def test_drain_list_level():
    levels = {100: [Order(1, 5), Order(2, 7)]}
    return drain(levels, 100, 3), [(o.oid, o.qty) for o in levels[100]]


def test_drain_list_level_popleft():
    levels = {100: [Order(1, 5), Order(2, 7)]}
    return drain(levels, 100, 6)


def test_drain_subclass():
    LOG.clear()
    levels = {100: LoudDeque([Order(1, 5), Order(2, 7)])}
    r = drain(levels, 100, 9)
    return r, LOG[:], [(o.oid, o.qty) for o in levels[100]]


def test_ends_ints():
    return ends(deque([3, 4, 5])), ends(deque([9]))


def test_ends_objects():
    q = deque(["a", "b"])
    return first(q), first(deque([None])), first(deque([(1, 2)]))


def test_ends_empty():
    return ends(deque())


def test_first_empty():
    return first(deque())


def test_second():
    return second(deque([1, 2, 3, 4])), second(deque([5, 6]))


def test_second_short():
    return second(deque([5]))


def test_ends_other_types():
    return ends([1, 2]), ends((3, 4)), ends({0: 5, -1: 6}), first("xy"), first(b"z")


def test_ends_subclass():
    LOG.clear()
    r = ends(LoudDeque([1, 2])), ends(PlainSub([7, 8]))
    return r, LOG[:]


def test_ends_duck():
    d = Duck()
    d.items = [1, 2, 3]
    return ends(d)


def test_ends_none():
    return ends(None)


def test_churn():
    return churn(0), churn(1), churn(50)


def test_cycle():
    q = deque([1, 2, 3])
    return cycle(q, 7), list(q)


def test_cycle_bounded():
    q = deque([1, 2, 3], maxlen=3)
    r = cycle(q, 4)
    q.append(99)
    return r, list(q), q.maxlen


def test_cycle_empty():
    return cycle(deque(), 1)


def test_cycle_zero():
    return cycle(deque(), 0)


def test_cycle_list():
    return cycle([1, 2], 1)


def test_cycle_subclass():
    LOG.clear()
    q = LoudDeque([4, 5])
    r = cycle(q, 3)
    return r, list(q), LOG[:]


def test_cycle_plain_subclass():
    q = PlainSub([4, 5])
    return cycle(q, 3), list(q), type(q).__name__


def test_cycle_duck():
    LOG.clear()
    d = Duck()
    d.items = [1, 2]
    r = cycle(d, 2)
    return r, d.items, LOG[:]


def test_pop_all():
    return pop_all(deque([1, 2, 3]))


def test_pop_all_list():
    return pop_all([1])


def test_pop_all_subclass():
    LOG.clear()
    try:
        pop_all(LoudDeque([1, 2]))
    except IndexError as e:
        return str(e), LOG[:]


def test_truth():
    return truth(deque()), truth(deque([0])), truth([]), truth([0]), truth(0), truth(None), truth(True)


def test_truth_subclass():
    LOG.clear()
    r = truth(LoudDeque()), truth(LoudDeque([1])), truth(PlainSub())
    return r, LOG[:]


def test_truth_duck():
    LOG.clear()
    d = Duck()
    r = truth(d)
    d.items = [1]
    return r, truth(d), LOG[:]


def test_push_many():
    q = deque(maxlen=4)
    return push_many(q, 10), list(q), push_many(deque(), 3), push_many([], 2)


def test_push_many_subclass():
    LOG.clear()
    q = LoudDeque()
    return push_many(q, 2), LOG[:]


def test_push_many_other():
    return push_many((), 1)


def test_push_many_mutated():
    q = deque([1, 2])
    it = iter(q)
    push_many(q, 1)
    return next(it)

"""When objects passed to and returned from direct calls between compiled functions are released:
right after the statement that consumed them, as CPython's stack drops them once the call
returned -- a `__del__` (or weakref callback) runs before the next statement, not when the
temporary holding the object is next reused or the function returns."""
import weakref

from spyc import checked

events = []


class Tracked:
    def __init__(self, n: int) -> None:
        self.n = n

    def __del__(self) -> None:
        events.append(f"del {self.n}")


@checked
def use(t: Tracked, k: int) -> int:
    return t.n + k


@checked
def make(n: int) -> Tracked:
    return Tracked(n)


@checked
def caller(n: int) -> int:
    total = 0
    for i in range(n):
        total += use(Tracked(i), i)
        events.append(f"after {i}")
    return total


@checked
def result_dropped(n: int) -> int:
    total = 0
    for i in range(n):
        total += make(i * 10).n
        events.append(f"after {i}")
    return total


@checked
def two_calls(n: int) -> int:
    a = use(Tracked(n), 1) + use(Tracked(n + 1), 2)
    events.append("between")
    b = use(make(n + 2), 3)
    events.append("end")
    return a + b


def test_argument_released_after_the_statement():
    events.clear()
    r = caller(3)
    return r, list(events)


def test_result_released_after_the_statement():
    events.clear()
    r = result_dropped(3)
    return r, list(events)


def test_two_calls():
    events.clear()
    r = two_calls(5)
    return r, list(events)


def test_weakref_callback():
    seen = []
    keep = Tracked(99)
    ref = weakref.ref(keep, lambda _r: seen.append("callback"))
    r = use(keep, 1)
    del keep
    events.clear()
    return r, seen, ref() is None


@checked
def index_twice(n: int) -> list[int]:
    # the index temporary is read twice (the item's load and its store): kept until the store
    counts = [0] * 4
    for i in range(n):
        counts[use(Tracked(i), 0) % 4] += use(Tracked(100 + i), 1)
        events.append(f"after {i}")
    return counts


def test_index_twice():
    events.clear()
    r = index_twice(5)
    return r, list(events)

"""A local bound by unpacking or from an attribute (no list fact) passed to a list[int]
parameter of a @checked function: a direct call when it holds an exact list, the generic call
(the contract's own TypeError) otherwise. Hostile cases: a list subclass, a tuple, None, a
deque, an unbound local, a rebound callee, a list the callee mutates."""
from collections import deque

from spyc import checked


class Book:
    def __init__(self):
        self.bid_heap = [-105, -101, -103]
        self.ask_heap = [106, 108, 107]


@checked
def best(heap: list[int], is_bid: bool) -> int:
    return -heap[0] if is_bid else heap[0]


@checked
def drain(heap: list[int], n: int) -> int:
    total = 0
    for _ in range(n):
        total += heap.pop()
    return total


@checked
def top_of_book(book: Book, buy: bool) -> int:
    if buy:
        levels, heap = "asks", book.ask_heap
    else:
        levels, heap = "bids", book.bid_heap
    price = best(heap, not buy)
    return price * 10


@checked
def sum_tops(book: Book, rounds: int) -> int:
    s = 0
    for i in range(rounds):
        heap = book.bid_heap if i % 2 else book.ask_heap
        s += best(heap, i % 2 == 1)
    return s


@checked
def maybe_unbound(flag: bool) -> int:
    if flag:
        xs = [1, 2, 3]
    return best(xs, False)


@checked
def pop_some(book: Book, k: int) -> int:
    heap = book.ask_heap
    got = drain(heap, k)
    return got + len(book.ask_heap)


class MyList(list):
    def __getitem__(self, i):
        print("MyList getitem", i)
        return 42


def test_top():
    b = Book()
    return top_of_book(b, True), top_of_book(b, False), sum_tops(b, 10)


def test_list_subclass():
    b = Book()
    b.ask_heap = MyList([1, 2])
    try:
        return top_of_book(b, True)
    except TypeError as e:
        return "TypeError", str(e)


def test_tuple_none_deque():
    out = []
    for v in ((1, 2), None, deque([3, 4])):
        b = Book()
        b.bid_heap = v
        try:
            out.append(top_of_book(b, False))
        except TypeError as e:
            out.append(("TypeError", str(e)))
    return out


def test_unbound():
    try:
        return maybe_unbound(True), maybe_unbound(False)
    except UnboundLocalError as e:
        return "UnboundLocalError", str(e)


def test_callee_mutates():
    b = Book()
    return pop_some(b, 2), b.ask_heap


def test_callee_rebound():
    g = globals()
    orig = g["best"]
    g["best"] = lambda heap, is_bid: len(heap) * 1000
    try:
        return top_of_book(Book(), True), sum_tops(Book(), 3)
    finally:
        g["best"] = orig


def test_empty():
    b = Book()
    b.ask_heap = []
    try:
        return top_of_book(b, True)
    except IndexError as e:
        return "IndexError", str(e)

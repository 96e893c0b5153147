"""Direct calls of @checked functions with object parameters (a @frozen instance, a plain class,
list/dict/deque) and object results (None, a class instance): the caller passes its objects
borrowed and the site checks what it cannot prove. Hostile cases: a wrong-typed object reaching
the callee through a boxed local (the callee's own TypeError, naming its parameter), a subclass
of a plain class (isinstance), a callee rebound at module level mid-run, exceptions raised in the
callee, a return contract the callee breaks, a callee mutating the caller's containers."""
from collections import deque

from spyc import checked, frozen


@frozen
class Order:
    oid: int
    qty: int


class Book:
    def __init__(self):
        self.orders = {}
        self.log = []
        self.total = 0


class SubBook(Book):
    pass


@checked
def rest(book: Book, order: Order) -> None:
    book.orders[order.oid] = order
    book.total += order.qty
    if order.qty > 1000:
        raise ValueError(f"order {order.oid} too large: {order.qty}")


@checked
def split(order: Order, k: int) -> Order:
    return Order(order.oid * 10 + k, order.qty // 2)


@checked
def bad_split(order: Order, k: int) -> Order:
    if k > 2:
        return order.qty
    return Order(order.oid, k)


@checked
def note(log: list, q: deque, d: dict, n: int) -> int:
    log.append(n)
    q.append(n)
    d[n] = len(log)
    return len(q) + n


@checked
def submit(book: Book, order: Order, n: int) -> int:
    total = 0
    for i in range(n):
        total += order.qty + i
        rest(book, order)
    return total + book.total


@checked
def submit_local(book: Book, n: int) -> int:
    # a boxed local passed to an object parameter: checked at the site
    o = book.orders.get(n)
    total = n * 2
    rest(book, o)
    return total + book.total


@checked
def halves(order: Order, n: int) -> int:
    s = 0
    for k in range(n):
        h = split(order, k)
        s += h.qty + h.oid
    return s


@checked
def halves_bad(order: Order, n: int) -> int:
    s = 0
    for k in range(n):
        h = bad_split(order, k)
        s += k
    return s


@checked
def notes(n: int) -> int:
    log = []
    q = deque()
    d = {}
    s = 0
    for i in range(n):
        s += note(log, q, d, i)
    return s + len(d)


@checked
def notes_into(log: list, q: deque, n: int) -> int:
    d = {}
    s = 0
    for i in range(n):
        s += note(log, q, d, i)
    return s


def test_direct_objects():
    b = Book()
    r = submit(b, Order(1, 5), 4)
    return r, b.total, sorted(b.orders)


def test_subclass_book():
    b = SubBook()
    return submit(b, Order(2, 7), 3), b.total


def test_wrong_order_from_local():
    b = Book()
    b.orders[3] = "not an order"
    try:
        return submit_local(b, 3)
    except TypeError as e:
        return "TypeError", str(e), b.total


def test_none_order_from_local():
    b = Book()
    try:
        return submit_local(b, 9)
    except TypeError as e:
        return "TypeError", str(e)


def test_right_order_from_local():
    b = Book()
    b.orders[4] = Order(4, 11)
    return submit_local(b, 4), b.total


def test_wrong_book_into_caller():
    try:
        return submit(object(), Order(1, 1), 2)
    except TypeError as e:
        return "TypeError", str(e)


def test_wrong_order_into_caller():
    try:
        return submit(Book(), (1, 1), 2)
    except TypeError as e:
        return "TypeError", str(e)


def test_exception_in_callee():
    b = Book()
    try:
        return submit(b, Order(5, 2000), 3)
    except ValueError as e:
        return "ValueError", str(e), b.total


def test_class_result():
    return halves(Order(3, 40), 5)


def test_broken_return_contract():
    try:
        return halves_bad(Order(3, 40), 5)
    except TypeError as e:
        return "TypeError", str(e)


def test_containers():
    log, q = [], deque()
    return notes(6), notes_into(log, q, 4), log, list(q)


def test_container_wrong_type():
    try:
        return notes_into((), deque(), 3)
    except TypeError as e:
        return "TypeError", str(e)


def test_container_subclass():
    class L(list):
        pass
    try:
        return notes_into(L(), deque(), 3)
    except TypeError as e:
        return "TypeError", str(e)


def test_rebound_mid_run():
    global rest
    seen = []
    old = rest

    def other(book, order):
        seen.append(order.oid)
        return "ignored"

    b = Book()
    first = submit(b, Order(6, 3), 2)
    rest = other
    try:
        second = submit(b, Order(7, 4), 3)
    finally:
        rest = old
    third = submit(b, Order(8, 5), 1)
    return first, second, third, seen, b.total


@checked
def depth(order: Order, n: int) -> int:
    # a self-call passing its own object parameter (proven: no check at the site)
    if n <= 0:
        return order.qty
    return depth(order, n - 1) + 1


@checked
def walk(book: Book, order: Order, n: int) -> None:
    if n > 0:
        book.total += order.qty
        walk(book, order, n - 1)


def test_self_calls():
    b = Book()
    walk(b, Order(1, 3), 50)
    return depth(Order(1, 7), 100), b.total


def test_self_call_wrong_type():
    try:
        return depth(Order(1, 7), 3), depth("x", 2)
    except TypeError as e:
        return "TypeError", str(e)


def make(oid, qty):
    if qty < 0:
        raise ValueError(f"negative qty {qty}")
    return Order(oid, qty)


@checked
def submit_expr(book: Book, n: int, q: int) -> int:
    # object arguments given by expressions: computed into temporaries, in CPython's order
    s = 0
    for i in range(n):
        rest(book, Order(i, q + i))
        rest(book, make(i + 100, q - i))
        s += i
    return s + book.total


@checked
def submit_expr_unbound(flag: bool, q: int) -> int:
    if flag:
        b = Book()
    rest(b, make(1, q))
    return b.total


def test_expression_args():
    b = Book()
    return submit_expr(b, 3, 5), sorted(b.orders), b.total


def test_expression_arg_raises():
    b = Book()
    try:
        return submit_expr(b, 4, 2)
    except ValueError as e:
        return "ValueError", str(e), sorted(b.orders), b.total


def test_expression_arg_wrong_type():
    b = Book()
    try:
        return submit_expr(b, 2, "x")
    except TypeError as e:
        return "TypeError", str(e)


def test_expression_arg_order():
    out = [submit_expr_unbound(True, 3)]
    for q in (3, -1):
        try:
            out.append(submit_expr_unbound(False, q))
        except (UnboundLocalError, ValueError) as e:
            out.append((type(e).__name__, str(e)))
    return out

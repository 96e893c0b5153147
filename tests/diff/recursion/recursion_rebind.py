"""Rebinding a self-recursive function from outside while calls of it run. A closed recursive body
(only arithmetic and calls of itself) does not re-check its own global at every call once a
call site proved it: these programs rebind, wrap and delete that global from callbacks of other
functions, between and during recursions, and one level overflowing int64 (generic code in the
middle of the recursion). Every call made after a rebinding must see the new binding."""
from spyc import checked

CALLS = []


@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@checked
def tri(n: int) -> int:
    # closed, and one level overflows int64 for big steps
    if n <= 0:
        return 0
    return tri(n - 1) + n * 10**16


@checked
def pow3(n: int) -> int:
    if n == 0:
        return 1
    return pow3(n - 1) * 3


ORIGINAL_FIB = fib


def counting_fib(n):
    CALLS.append(n)
    return ORIGINAL_FIB(n)


@checked
def walk(depth: int, k: int) -> int:
    # not closed: calls a hook between its own calls of fib
    if depth == 0:
        return 0
    a = fib(k)
    hook(depth)
    return a + walk(depth - 1, k)


def hook(depth):
    global fib
    if depth == 3:
        fib = counting_fib
    elif depth == 1:
        fib = ORIGINAL_FIB


def restore():
    global fib
    fib = ORIGINAL_FIB
    CALLS.clear()


def test_plain():
    restore()
    return [fib(i) for i in range(20)], fib(25)


def test_rebound_to_wrapper():
    # every inner call goes through the wrapper: the recursion's own calls re-read the global
    global fib
    restore()
    fib = counting_fib
    try:
        r = ORIGINAL_FIB(10)
        return r, len(CALLS), sorted(set(CALLS))
    finally:
        restore()


def test_rebound_to_constant():
    global fib
    restore()
    fib = lambda n: 100  # noqa: E731
    try:
        return ORIGINAL_FIB(7), ORIGINAL_FIB(1)
    finally:
        restore()


def test_deleted_global():
    global fib
    restore()
    del fib
    try:
        return ORIGINAL_FIB(1), ORIGINAL_FIB(5)
    finally:
        restore()


def test_rebound_mid_walk():
    restore()
    try:
        return walk(6, 12), len(CALLS), CALLS[:5]
    finally:
        restore()


def test_rebound_then_restored_then_deep():
    global fib
    restore()
    fib = counting_fib
    first = ORIGINAL_FIB(6)
    n = len(CALLS)
    fib = ORIGINAL_FIB
    second = fib(20)
    return first, n, second, len(CALLS)


def test_other_name_same_function():
    global fib
    restore()
    alias = fib
    fib = None
    try:
        return alias(0), alias(1), alias(2)
    except TypeError as e:
        return "TypeError", str(e)
    finally:
        restore()


def test_overflow_in_the_middle():
    return tri(5), tri(40), tri(50), tri(300), pow3(39), pow3(40), pow3(41), pow3(90)


def test_rebind_after_overflow():
    global pow3
    orig = pow3
    res = orig(45)
    pow3 = lambda n: -1  # noqa: E731
    try:
        return res, orig(45), orig(1)
    finally:
        pow3 = orig


@checked
def count(n: int) -> int:
    if n <= 0:
        return 0
    return count(n - 1) + 1


@checked
def harmonic(n: int) -> int:
    # a pure recursion whose guard fails deep inside (a zero divisor at n == 5)
    if n <= 0:
        return 1
    return harmonic(n - 1) + 1000 // (n - 5)


@checked
def halves(n: int, acc: float) -> float:
    if n == 0:
        return acc
    return halves(n - 1, acc / 2.0 + 1.0)


def test_deep_linear():
    # deeper than one recursion-budget chunk, well below the recursion limit
    return count(0), count(31), count(33), count(300), count(450)


def test_zero_divisor_deep_inside():
    try:
        return harmonic(4), harmonic(12)
    except ZeroDivisionError as e:
        return "ZeroDivisionError", str(e)


def test_zero_divisor_first():
    return harmonic(4), harmonic(3), harmonic(0)


def test_float_recursion():
    return halves(0, 1.0), halves(10, 0.0), halves(300, 3.0), halves(5, float("inf")), halves(3, float("nan"))

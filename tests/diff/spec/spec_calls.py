"""Direct calls between specialized functions: results, overflow into big ints across calls,
rebinding of the callee's global, exceptions and side effects of callees, evaluation order."""
import functools
from spyc import checked

@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@checked
def grow(n: int) -> int:
    # crosses 2**63 on the way back up: callees return boxed big ints to unboxed callers
    if n == 0:
        return 3
    return grow(n - 1) * 3 + 1


@checked
def half(x: float) -> float:
    return x / 2


@checked
def sum_halves(n: int) -> float:
    s = 0.0
    for i in range(n):
        s += half(i)          # int argument promoted to float by half's contract
    return s


@checked
def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


@checked
def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


@checked
def depth(n: int) -> int:
    # deeper than the native nesting limit: the excess calls take the counted path
    if n == 0:
        return 0
    return 1 + depth(n - 1)


@checked
def fdiv0(x: int) -> float:
    return x / 0.0            # "float division by zero": tells which failure came first


@checked
def order(a: int, b: int) -> float:
    # a // b fails ("integer division or modulo by zero") before fdiv0() may run
    return a // b + fdiv0(a)


@checked
def aug(n: int) -> float:
    if n > 100:
        t = 1.0
    t += fdiv0(n)             # UnboundLocalError before the call when n <= 100
    return t


@checked
def dbl(x: int) -> int:
    return x * 2


@checked
def divide(a: int, b: int) -> int:
    return a // b


@checked
def calls_divide(a: int, b: int) -> int:
    x = divide(a, b)
    return x + 1


@checked
def liar(n: int) -> int:
    if n > 5:
        return n / 2          # float from an int function: the return contract must fire
    return n


@checked
def calls_liar(n: int) -> int:
    return liar(n) + 1


@checked
def boxes(n: int) -> int:
    # the callee's result does not fit int64: the caller deopts after the call
    r = dbl(n)
    return r + 1


@checked
def use_twice(n: int) -> int:
    return fib(n) + fib(n + 1)


def test_fib():
    return [fib(i) for i in range(20)], fib(25)


def test_grow_crosses_int64():
    return grow(10), grow(39), grow(40), grow(41), grow(60)


def test_float_promotion():
    return sum_halves(10), sum_halves(0), half(3), half(-0.0)


def test_mutual_recursion():
    return is_even(10), is_odd(7), is_even(151), is_odd(0)


def test_deeper_than_native_limit():
    return depth(150), depth(450)


def test_boxed_results():
    return boxes(2**62), boxes(5), boxes(-2**62 - 7), boxes(2**63 - 1)


def test_order_zero_division():
    try:
        order(7, 0)
    except ZeroDivisionError as e:
        return str(e)


def test_order_callee_fails():
    try:
        order(7, 2)
    except ZeroDivisionError as e:
        return str(e)


def test_aug_unbound():
    try:
        aug(3)
    except UnboundLocalError as e:
        return str(e)


def test_aug_bound():
    try:
        aug(200)
    except ZeroDivisionError as e:
        return str(e)


def test_callee_raises():
    try:
        calls_divide(1, 0)
    except ZeroDivisionError as e:
        return str(e)


def test_callee_result_overflow_min():
    return calls_divide(-2**63, -1)


def test_return_contract_of_callee():
    out = [calls_liar(3)]
    try:
        calls_liar(8)
    except TypeError as e:
        out.append(str(e))
    return out


def test_rebind_global():
    global fib
    orig = fib
    try:
        first = use_twice(10)
        fib = lambda n: -n                      # the direct-call guard must notice
        second = use_twice(10)
        fib = checked(lambda n: n * 100)
        third = use_twice(3)
    finally:
        fib = orig
    return first, second, third, use_twice(10)


def test_rebind_to_non_callable():
    global fib
    orig = fib
    try:
        fib = 42
        use_twice(4)
    except TypeError as e:
        return str(e)
    finally:
        fib = orig


def test_delete_global():
    global half
    orig = half
    del half
    try:
        sum_halves(3)
    except NameError as e:
        return str(e)
    finally:
        half = orig


def test_wrapped_callee():
    global fib
    orig = fib
    try:
        fib = functools.lru_cache(maxsize=None)(orig)
        return use_twice(30), fib.cache_info().hits > 0
    finally:
        fib = orig


@checked
def rebinds_itself(n: int) -> int:
    global rebinds_itself_target
    if n == 3:
        rebinds_itself_target = lambda k: 1000 + k
    return n


rebinds_itself_target = None


@checked
def chain(n: int) -> int:
    if n == 0:
        return 0
    return chain2(n - 1) + 1


@checked
def chain2(n: int) -> int:
    return chain(n)


def test_chain_rebinding_midway():
    global chain2
    orig = chain2
    try:
        a = chain(50)
        chain2 = lambda n: 7
        b = chain(50)
    finally:
        chain2 = orig
    return a, b, chain(20)

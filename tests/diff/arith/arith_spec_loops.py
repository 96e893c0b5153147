"""Loops in specialized @checked functions: overflow (deopt) in the middle of range/while loops,
nested loops, loop variables rebound in the body, range bounds changed in the body, the loop
variable after the loop, break/continue/else after a deopt."""
from spyc import checked, i64

BIG = 2**62


@checked
def sum_to(n: i64) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


@checked
def overflow_midloop(n: i64, step: i64) -> int:
    s = 0
    for i in range(n):
        s += step
    return s


@checked
def overflow_then_break(n: i64) -> int:
    s = 1
    for i in range(n):
        s = s * 3
        if i == 50:
            break
    else:
        s = -1
    return s


@checked
def overflow_then_else(n: i64) -> int:
    s = 1
    for i in range(n):
        s = s * 7
        if s < 0:
            break
    else:
        s = s + 1
    return s


@checked
def nested_overflow(n: i64) -> int:
    total = 0
    for i in range(n):
        for j in range(n):
            total += i * j * 100000000000000
    return total


@checked
def reversed_range(n: i64) -> int:
    acc = 0
    for i in range(n, 0, -1):
        acc = acc * 10 + i
    return acc


@checked
def stepped_range(a: i64, b: i64) -> int:
    last = -1
    count = 0
    for i in range(a, b, 3):
        last = i
        count += 1
    return last * 1000 + count


@checked
def loop_var_rebound(n: i64) -> int:
    s = 0
    for i in range(n):
        i += 10
        s += i
    return s


@checked
def bound_changed_in_body(n: i64) -> int:
    count = 0
    for i in range(n):
        n -= 1
        count += 1
    return count * 100 + n


@checked
def loop_var_after(n: i64) -> int:
    for i in range(n):
        pass
    return i


@checked
def loop_var_after_step(a: i64, b: i64) -> int:
    for i in range(a, b, -2):
        pass
    return i


@checked
def while_overflow(x: i64) -> int:
    steps = 0
    while x < 2**62:
        x = x * 2 + 1
        steps += 1
    return x * 4 + steps


@checked
def while_continue(n: i64) -> int:
    i = 0
    s = 0
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        s += i
    return s


@checked
def float_accumulate(n: i64) -> float:
    x = 0.0
    for i in range(n):
        x += 0.1
    return x


@checked
def float_loop_div(n: i64) -> float:
    x = 1.0
    for i in range(1, n):
        x = x / i + i
    return x


@checked
def collatz_max(n: i64) -> int:
    peak = n
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        peak = max(peak, n)
    return peak


@checked
def unbound_conditional(a: i64) -> int:
    if a > 0:
        x = a * 2
    return x


@checked
def zero_division_in_loop(n: i64) -> int:
    s = 0
    for i in range(n, -1, -1):
        s += 100 // i
    return s


@checked
def shift_loop(n: i64) -> int:
    x = 1
    for i in range(n):
        x = x << 1
    return x


@checked
def fib_iter(n: i64) -> int:
    a = 0
    b = 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_sum_to():
    return sum_to(10), sum_to(0), sum_to(-5), sum_to(10**5)


def test_overflow_midloop():
    return overflow_midloop(10, BIG), overflow_midloop(3, 2**63 - 1), overflow_midloop(5, -(2**62))


def test_overflow_then_break():
    return overflow_then_break(100), overflow_then_break(10)


def test_overflow_then_else():
    return overflow_then_else(30), overflow_then_else(3)


def test_nested_overflow():
    return nested_overflow(400)


def test_reversed_range():
    return reversed_range(5), reversed_range(25)


def test_stepped_range():
    return stepped_range(0, 10), stepped_range(2**63 - 7, 2**63 - 1), stepped_range(5, 5)


def test_loop_var_rebound():
    return loop_var_rebound(5)


def test_bound_changed_in_body():
    return bound_changed_in_body(5)


def test_loop_var_after():
    return loop_var_after(5), loop_var_after_step(10, 3)


def test_loop_var_after_empty():
    return loop_var_after(0)


def test_while_overflow():
    return while_overflow(1), while_overflow(2**62 - 1), while_overflow(2**62)


def test_while_continue():
    return while_continue(10)


def test_float_accumulate():
    return repr(float_accumulate(10)), repr(float_loop_div(30))


def test_collatz_max():
    return collatz_max(27), collatz_max(2**62 + 1)


def test_unbound_conditional():
    return unbound_conditional(3), unbound_conditional(-1)


def test_zero_division_in_loop():
    return zero_division_in_loop(5)


def test_shift_loop():
    return shift_loop(10), shift_loop(62), shift_loop(63), shift_loop(130)


@checked
def fib_iter_temps(n: i64) -> int:
    a = 0
    b = 1
    for _ in range(n):
        t = a + b
        a = b
        b = t
    return a


def test_fib_iter():
    return fib_iter(10), fib_iter(92), fib_iter(93), fib_iter(200)


def test_fib_iter_temps():
    return fib_iter_temps(10), fib_iter_temps(92), fib_iter_temps(93), fib_iter_temps(200)

"""Direct calls in conditionally evaluated places: conditional expressions, and/or, while
conditions. Only the branch Python evaluates may run (the callee fails loudly otherwise)."""
from spyc import checked


@checked
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@checked
def boom(n: int) -> int:
    return 100 // (n - n)     # ZeroDivisionError whenever it is called


@checked
def pick(n: int) -> int:
    return boom(n) if n < 0 else n * 2


@checked
def pick_else(n: int) -> int:
    return n * 2 if n >= 0 else boom(n)


@checked
def positive(n: int) -> bool:
    return n > 0


@checked
def crashes(n: int) -> bool:
    return 1 // (n - n) > 0


@checked
def both(n: int) -> bool:
    return positive(n) and crashes(n)


@checked
def either(n: int) -> bool:
    return positive(n) or crashes(n)


@checked
def chain3(a: int, b: int) -> bool:
    return positive(a) and positive(b) and not crashes(a) if a > 100 else positive(a) or positive(b)


@checked
def halve(n: int) -> int:
    return n // 2


@checked
def steps(n: int) -> int:
    k = 0
    while halve(n) > 0:
        n = halve(n)
        k += 1
        if k > 1000:
            break
    return k


@checked
def steps_continue(n: int) -> int:
    k = 0
    while halve(n) != 0:
        n = halve(n)
        if n % 3 == 0:
            continue
        k += 1
    return k


def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def test_conditional_expressions():
    return [fib(i) for i in range(15)], [outcome(pick, n) for n in (3, -3)], [outcome(pick_else, n) for n in (3, -3)]


def test_and_or():
    return [(outcome(both, n), outcome(either, n)) for n in (-2, 0, 5)]


def test_nested():
    return [outcome(chain3, a, b) for a, b in ((1, 2), (-1, 2), (-1, -2), (200, 1), (200, -1))]


def test_while():
    return [steps(n) for n in (0, 1, 2, 1000, 2**62)], [steps_continue(n) for n in (0, 7, 1000, 2**40)]


def test_big():
    return outcome(steps, 2**70), outcome(pick, 2**63 - 1)

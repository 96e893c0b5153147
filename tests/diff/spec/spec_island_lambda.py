"""Lambdas in statements a specialized body runs generically (islands, if/while tests, a generic
for's iterable): `sorted(xs, key=lambda ...)` inside typed loops of @checked and plain functions.
The lambda is made where the statement runs, its defaults evaluated then from the current values
of typed locals (boxed first); each run makes a new function object, as CPython does."""
from spyc import checked


@checked
def rank_sum(n: int, xs: list) -> int:
    t: int = 0
    for i in range(n):
        ys = sorted(xs, key=lambda p: -p)
        t += ys[0] * i
    return t


@checked
def shifted(n: int, xs: list) -> float:
    acc: float = 0.0
    k: int = 1
    while k <= n:
        best = max(xs, key=lambda p, k=k: (p * k) % 7)
        acc += best / k
        k += 1
    return acc


@checked
def keyed_loop(n: int, words: list) -> int:
    total: int = 0
    for w in sorted(words, key=lambda s: (len(s), s)):
        total += len(w) * n
        n -= 1
    return total


@checked
def counted(n: int, xs: list) -> int:
    c: int = 0
    for i in range(n):
        if any(map(lambda p, i=i: p == i, xs)):
            c += 1
    return c


def plain_keys(n: int, pairs):
    t = 0
    for i in range(n):
        t += i
        ordered = sorted(pairs, key=lambda p, w=t: p[0] * w - p[1])
        t += ordered[0][1]
    return t


def plain_makers(n: int):
    fs = []
    s = 0.5
    for i in range(n):
        s *= 2
        fs.append(lambda x, a=s, *, b=i: x * a + b)
    return [f(3) for f in fs], len({id(f) for f in fs})


def plain_default_error(n: int):
    t = 0
    for i in range(n):
        t += i
        if i == 2:
            f = lambda x=1 // (i - 2): x
            return f()
    return t


def test_checked():
    xs = [3, 9, 1, 7]
    return rank_sum(5, xs), shifted(6, xs), keyed_loop(4, ["ccc", "a", "bb", "dddd"]), counted(6, xs)


def test_checked_overflow():
    # a typed int leaving int64 deopts around the lambda's statement
    return rank_sum(3, [2**62, 5]), shifted(2, [2**70, 3])


def test_plain():
    return plain_keys(5, [(1, 9), (3, 2), (2, 5)]), plain_makers(4), plain_keys(3, [(1.5, 2), (0.5, 7)])


def test_plain_default_error():
    try:
        return plain_default_error(5)
    except ZeroDivisionError as e:
        return str(e)


def test_contract():
    try:
        return rank_sum(2.0, [1])
    except TypeError as e:
        return type(e).__name__

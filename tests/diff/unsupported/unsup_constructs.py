"""Functions using constructs the compiler does not support must stay interpreted and still
behave identically (lambdas, comprehensions, generators, closures, with, match, async...)."""
import contextlib
from spyc import checked


@checked
def uses_lambda(xs: list) -> list:
    return sorted(xs, key=lambda v: (-v % 3, v))


@checked
def uses_comprehensions(n: int) -> tuple:
    sq = [i * i for i in range(n) if i % 2]
    st = {i % 3 for i in range(n)}
    dc = {i: str(i) for i in range(3)}
    ge = sum(i for i in range(n))
    return sq, sorted(st), dc, ge


@checked
def gen(n: int):
    for i in range(n):
        yield i * 10
    return "done"


@checked
def make_counter(start: int) -> object:
    count = start

    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc


@checked
def with_stmt(log: list) -> str:
    @contextlib.contextmanager
    def ctx(name):
        log.append("enter " + name)
        try:
            yield name.upper()
        finally:
            log.append("exit " + name)
    with ctx("a") as a, ctx("b") as b:
        log.append(a + b)
    return ",".join(log)


class Suppress:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print("exit with", et.__name__ if et else None)
        return et is ZeroDivisionError


@checked
def with_suppress(x: int) -> str:
    with Suppress():
        x = 10 // x
    return "x=%d" % x


@checked
def match_stmt(v: object) -> str:
    match v:
        case 0:
            return "zero"
        case [x, y]:
            return "pair %r %r" % (x, y)
        case {"k": k}:
            return "dict k=%r" % k
        case str() as s if len(s) > 2:
            return "long str " + s
        case int(n) | float(n):
            return "number %r" % n
        case _:
            return "other"


@checked
def walrus(xs: list) -> list:
    out = []
    while (n := len(xs)) > 0:
        out.append(n)
        xs.pop()
    return out


@checked
def star_gen_delegate(n: int) -> list:
    def inner():
        yield from range(n)
        yield from "ab"
    return list(inner())


@checked
async def coro(x: int) -> int:
    return x * 2


def test_lambda():
    return uses_lambda([5, 3, 8, 1, 9, 2])


def test_comprehensions():
    return uses_comprehensions(7)


def test_generator_kind_preserved():
    g = gen(3)
    out = list(g)
    return out, type(g).__name__


def test_generator_return_value():
    g = gen(1)
    next(g)
    try:
        next(g)
    except StopIteration as e:
        return e.value


def test_generator_contract_on_start():
    g = gen("x")
    print("created")
    return next(g)


def test_closure_nonlocal():
    c = make_counter(10)
    c()
    c(5)
    return c()


def test_with_statement():
    return with_stmt([])


def test_with_suppress():
    return with_suppress(0), with_suppress(5)


def test_match():
    return [match_stmt(v) for v in (0, [1, 2], {"k": 3}, "hello", "hi", 7, 2.5, None)]


def test_walrus():
    return walrus([1, 2, 3])


def test_yield_from():
    return star_gen_delegate(3)


def test_coroutine():
    c = coro(21)
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


def test_coroutine_contract():
    c = coro(2.5)
    try:
        c.send(None)
    except StopIteration as e:
        return e.value
    finally:
        c.close()

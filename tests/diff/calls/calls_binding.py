"""Argument binding: positional, keyword, defaults, *args/**kwargs, and CPython's error texts."""
from spyc import checked


@checked
def f(a: int, b: int = 10, *, c: int = 100) -> int:
    return a + b * 2 + c * 3


@checked
def g(a: int, b: str, /, c: float, *, d: bool) -> str:
    return "%d %s %r %r" % (a, b, c, d)


@checked
def varargs(a: int, *rest: int, **kw: str) -> tuple:
    return a, rest, sorted(kw.items())


@checked
def defaults_list(x: int, acc: list = []) -> list:
    acc.append(x)
    return acc


def plain(a, b=2, *args, key=None, **kw):
    return (a, b, args, key, sorted(kw.items()))


def test_positional_and_keyword():
    return f(1), f(1, 2), f(1, b=3), f(a=4), f(1, 2, c=3), f(c=1, a=2, b=3)


def test_missing_argument():
    return f()


def test_too_many_positional():
    return f(1, 2, 3)


def test_duplicate_argument():
    return f(1, a=2)


def test_unexpected_keyword():
    return f(1, z=2)


def test_kwonly_given_positionally():
    return g(1, "x", 2.0, True)


def test_posonly_given_by_keyword():
    return g(1, b="x", c=2.0, d=False)


def test_missing_kwonly():
    return g(1, "x", 2.0)


def test_missing_two():
    return g(1)


def test_posonly_ok():
    return g(1, "x", 2.5, d=True), g(1, "x", c=3, d=False)


def test_star_call_site():
    args = (1, 2)
    kw = {"c": 5}
    return f(*args, **kw), f(*[7]), f(**{"a": 1, "b": 1}), varargs(*range(4), **{"x": "y"})


def test_star_call_duplicate_keyword():
    return f(1, **{"a": 5})


def test_star_call_non_mapping():
    return f(1, **[1, 2])


def test_star_call_non_string_key():
    return plain(1, **{1: 2})


def test_varargs():
    return varargs(1), varargs(1, 2, 3), varargs(1, z="a", y="b")


def test_mutable_default_shared():
    defaults_list(1)
    defaults_list(2)
    return defaults_list(3), defaults_list(4, [])


def test_plain_interpreted_binding():
    return plain(1), plain(1, 2, 3, 4, key="k", z=1), plain(b=5, a=6)


def test_plain_missing():
    return plain()

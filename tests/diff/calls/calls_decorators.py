"""Compiled functions handed to decorators and library code that inspects or wraps them:
functools.wraps/lru_cache/partial/singledispatch/reduce, abc.abstractmethod, sorted keys,
attributes set on functions, decorators that replace functions."""
import abc
import functools
from spyc import checked


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("->", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("<-", fn.__name__, result)
        return result
    return wrapper


def register(table):
    def deco(fn):
        table[fn.__name__] = fn
        return fn
    return deco


TABLE = {}


@logged
@checked
def area(w: float, h: float) -> float:
    return w * h


@register(TABLE)
@checked
def triple(x: int) -> int:
    return 3 * x


@register(TABLE)
def quadruple(x):
    return 4 * x


@functools.lru_cache(maxsize=None)
@checked
def slow_fib(n: int) -> int:
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)


@functools.singledispatch
def describe(x):
    return "object"


@describe.register
def _(x: int):
    return "int %d" % x


@describe.register
def _(x: str):
    return "str " + x


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    def double_area(self):
        return 2 * self.area()


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


@checked
def combine(a: int, b: int) -> int:
    return a * 10 + b


def key_fn(s):
    return (len(s), s)


def test_wraps_preserves_metadata():
    return area.__name__, area.__qualname__, area.__wrapped__.__name__, area(2, 3.5)


def test_wraps_contract_violation():
    return area("2", 3.0)


def test_register_table():
    return sorted(TABLE), TABLE["triple"](5), TABLE["quadruple"](5)


def test_lru_cache():
    r = slow_fib(80)
    info = slow_fib.cache_info()
    return r, info.hits, info.misses, slow_fib.__wrapped__.__name__


def test_singledispatch_with_annotations():
    return describe(3), describe("s"), describe(2.5)


def test_abstract_methods():
    try:
        Shape()
    except TypeError as e:
        msg = str(e)
    return msg, Square(3).double_area(), sorted(Shape.__abstractmethods__)


def test_reduce_and_partial():
    return functools.reduce(combine, [1, 2, 3, 4]), functools.partial(combine, 7)(8), list(map(combine, [1, 2], [3, 4]))


def test_sorted_key_min_max():
    words = ["ccc", "a", "bb", "aa"]
    return sorted(words, key=key_fn), min(words, key=key_fn), max(words, key=key_fn)


def test_function_attributes_roundtrip():
    combine.tag = "math"
    triple.__doc__ = "new doc"
    return combine.tag, triple.__doc__, getattr(quadruple, "tag", None), combine.__dict__["tag"], "tag" in vars(combine)

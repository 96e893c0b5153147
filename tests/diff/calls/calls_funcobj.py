"""Compiled functions as objects: metadata, descriptors, partial/map/sorted, rebinding a
recursive function, binding through instances and classes."""
import functools
import inspect
from spyc import checked


@checked
def documented(a: int, b: float = 2.5, *rest: int, key: str = "k", **extra: int) -> float:
    """Adds things."""
    return a + b + sum(rest) + len(key) + sum(extra.values())


@checked
def countdown(n: int) -> int:
    if n == 0:
        return 0
    return 1 + countdown(n - 1)


def plain_recursive(n):
    if n <= 1:
        return 1
    return n * plain_recursive(n - 1)


@checked
def posonly_kw(a: int, /, **kw: int) -> tuple:
    return a, sorted(kw.items())


class Holder:
    @checked
    def method(self, x: int) -> tuple:
        return type(self).__name__, x


def test_metadata():
    f = documented
    return (f.__name__, f.__qualname__, f.__module__, f.__doc__, f.__defaults__, f.__kwdefaults__,
            sorted((k, getattr(v, "__name__", v)) for k, v in f.__annotations__.items()))


def test_signature():
    return str(inspect.signature(documented)), str(inspect.signature(Holder.method))


def test_wrapped_and_dict():
    documented.custom_attr = 5
    return documented.custom_attr, hasattr(documented, "__wrapped__"), documented.__wrapped__.__name__, callable(documented)


def test_partial_map_sorted():
    p = functools.partial(documented, 1, key="")
    return p(0.5), list(map(countdown, [0, 3, 5])), sorted([3, -1, 2], key=countdown.__class__ and (lambda v: -v))


def test_rebinding_recursive_compiled():
    global countdown
    orig = countdown
    calls = []

    def spy(n):
        calls.append(n)
        return orig(n) if n > 2 else -100
    countdown = spy
    try:
        r = orig(5)
    finally:
        countdown = orig
    return r, calls


def test_rebinding_recursive_plain():
    global plain_recursive
    orig = plain_recursive
    plain_recursive = lambda n: 1000  # noqa: E731
    try:
        return orig(5)
    finally:
        plain_recursive = orig


def test_posonly_name_in_kwargs():
    return posonly_kw(1, a=2, b=3)


def test_method_binding():
    h = Holder()
    bound = h.method
    return bound(3), Holder.method(h, 4), bound.__name__, bound.__self__ is h


def test_function_stored_on_instance_not_bound():
    h = Holder()
    h.fn = countdown
    return h.fn(3)


def test_method_too_many_args():
    return Holder().method(1, 2)


def test_method_unbound_missing_self():
    return Holder.method(5)


def test_many_arguments():
    return documented(1, 2.0, *range(100), **{"k%d" % i: i for i in range(50)})

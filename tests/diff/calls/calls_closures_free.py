"""Default values evaluated once, keyword-only defaults, functions as values, nested calls."""
from spyc import checked

COUNTER = [0]


def tick():
    COUNTER[0] += 1
    return COUNTER[0]


@checked
def default_from_call(x: int = tick()) -> int:
    return x


@checked
def kwonly_defaults(*, a: int = 1, b: str = "b", c: float = 2) -> str:
    return "%r %r %r" % (a, b, c)


@checked
def bad_default(x: int = "oops") -> int:
    return x


@checked
def compose(x: int) -> int:
    return default_from_call(x) + default_from_call()


@checked
def call_with_unpacked(t: tuple, d: dict) -> str:
    return kwonly_defaults(*t, **d)


def test_default_evaluated_once():
    return default_from_call(), default_from_call(), tick(), default_from_call()


def test_kwonly_defaults():
    return kwonly_defaults(), kwonly_defaults(a=5), kwonly_defaults(c=1.5, b="x")


def test_kwonly_default_promoted():
    return kwonly_defaults()


def test_bad_default_checked_when_used():
    return bad_default(3), bad_default()


def test_nested_calls():
    return compose(10)


def test_unpacked_into_kwonly():
    return call_with_unpacked((), {"a": 9})


def test_unpacked_positional_to_kwonly():
    return call_with_unpacked((1,), {})


def test_kwonly_bad_type_by_kw():
    return kwonly_defaults(b=3)

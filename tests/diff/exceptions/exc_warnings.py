"""Warnings issued from compiled code (explicitly or by the interpreter, e.g. '~' on bool in
3.12+), recorded by catch_warnings, and turned into errors by a filter. Only category and
message are compared (file/line attribution is frame information)."""
import warnings
from spyc import checked


@checked
def warn_twice(n: int) -> int:
    warnings.warn("first %d" % n)
    warnings.warn("second", DeprecationWarning, stacklevel=2)
    return n * 2


@checked
def invert_bool(b: bool) -> int:
    return ~b


def plain_invert(b):
    return ~b


@checked
def warn_in_loop(n: int) -> int:
    total = 0
    for i in range(n):
        warnings.warn("loop warning", RuntimeWarning)
        total += i
    return total


def record(fn, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args)
    return result, [(w.category.__name__, str(w.message)) for w in caught]


def test_explicit_warnings_recorded():
    return record(warn_twice, 3)


def test_bool_inversion_warning():
    return record(invert_bool, True), record(plain_invert, False)


def test_warning_as_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return warn_twice(1)


def test_warning_once_filter():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("once")
        warn_in_loop(5)
    return [(w.category.__name__, str(w.message)) for w in caught]


def test_warning_error_caught_in_compiled():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            warn_in_loop(3)
        except RuntimeWarning as e:
            return "caught " + str(e)

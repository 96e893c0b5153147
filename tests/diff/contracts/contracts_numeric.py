"""int -> float promotion, OverflowError, bool rejected, i64 range, exact types."""
from enum import IntEnum
from spyc import checked, i64


class Color(IntEnum):
    RED = 1


class MyInt(int):
    pass


class MyFloat(float):
    pass


class MyStr(str):
    pass


@checked
def takes_float(x: float) -> float:
    return x


@checked
def takes_int(x: int) -> int:
    return x


@checked
def takes_bool(x: bool) -> bool:
    return x


@checked
def takes_str(x: str) -> str:
    return x


@checked
def takes_i64(x: i64) -> i64:
    return x


@checked
def i64_ret(x: int) -> i64:
    return x


@checked
def i64_square(x: i64) -> i64:
    return x * x


@checked
def kinds(x: float) -> str:
    return type(x).__name__ + " " + repr(x)


def catch(fn, *args):
    try:
        r = fn(*args)
        return ("ok", type(r).__name__, r)
    except (TypeError, OverflowError) as e:
        return (type(e).__name__, str(e))


def test_int_to_float():
    return kinds(3), kinds(-0), kinds(2**53 + 1), kinds(-(2**62))


def test_int_to_float_overflow():
    return takes_float(2**1024)


def test_int_to_float_just_below_overflow():
    return kinds(2**1023), catch(takes_float, 2**1024 - 2**970)


def test_float_rejects():
    return [catch(takes_float, v) for v in (True, MyFloat(1.0), "1.0", None, 1j, Color.RED)]


def test_int_rejects():
    return [catch(takes_int, v) for v in (True, False, Color.RED, MyInt(3), 3.0, "3", None)]


def test_bool_rejects_ints():
    return [catch(takes_bool, v) for v in (True, False, 0, 1, None, "")]


def test_str_rejects():
    return [catch(takes_str, v) for v in ("s", MyStr("s"), b"s", None)]


def test_bool_param_direct():
    return takes_int(True)


def test_i64_bounds():
    return [catch(takes_i64, v) for v in (0, 2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**200, True, 1.0)]


def test_i64_return_range():
    return catch(i64_ret, 2**63 - 1), catch(i64_ret, 2**63), catch(i64_ret, -(2**64))


def test_i64_arith_then_return_overflow():
    return catch(i64_square, 3037000499), catch(i64_square, 3037000500), catch(i64_square, -(2**62))


def test_i64_marker_isinstance():
    return isinstance(5, i64), isinstance(2**63, i64), isinstance(True, i64), i64(7), type(i64(7)).__name__


def test_i64_constructor_overflow():
    return i64(2**63)


def test_promoted_value_in_body():
    @checked
    def inner(x: float) -> str:
        return repr(x / 2) + " " + repr(x // 2)
    return inner(7)

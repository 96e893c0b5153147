"""Contract violations for every parameter kind and for return values."""
from typing import Optional, Union
from spyc import checked, i64


@checked
def every_kind(a: int, /, b: str, *args: float, c: bool, **kw: int) -> tuple:
    return a, b, args, c, sorted(kw.items())


@checked
def ret_int(v: object) -> int:
    return v


@checked
def ret_float(v: object) -> float:
    return v


@checked
def ret_str(v: object) -> str:
    return v


@checked
def ret_none(v: object) -> None:
    return v


@checked
def opt(x: Optional[int]) -> str:
    return "none" if x is None else "int %d" % x


@checked
def uni(x: Union[int, str]) -> str:
    return type(x).__name__


@checked
def pipe(x: int | float | None) -> str:
    return type(x).__name__ + ":" + repr(x)


@checked
def str_or_float(x: str | float) -> object:
    return x


@checked
def i64_or_str(x: i64 | str) -> object:
    return x


@checked
def seq(xs: list[int], d: dict[str, int], t: tuple[int, float], tt: tuple[int, ...]) -> tuple:
    return xs, d, t, tt


def catch(fn, *args, **kw):
    try:
        return ("ok", fn(*args, **kw))
    except (TypeError, OverflowError) as e:
        return (type(e).__name__, str(e))


def test_every_kind_ok():
    return every_kind(1, "s", 1.0, 2, c=True, k=5)


def test_every_kind_positional_only():
    return every_kind(1.0, "s", c=True)


def test_every_kind_positional_or_keyword():
    return every_kind(1, b=b"s", c=True)


def test_every_kind_star_args_item():
    return every_kind(1, "s", 1.0, 2.5, "3", c=True)


def test_every_kind_kwonly():
    return every_kind(1, "s", c=1)


def test_every_kind_kwargs_value():
    return every_kind(1, "s", c=False, good=1, bad=2.0)


def test_check_order_first_failure_wins():
    return every_kind("a", 2, "c", c=None, k=None)


def test_return_values():
    return [catch(ret_int, v) for v in (1, True, 1.0, "1", None, 2**100)]


def test_return_float_promotion():
    return [catch(ret_float, v) for v in (1, 2**80, float("nan"), True, "x", 10**400)]


def test_return_str_none():
    return catch(ret_str, "s"), catch(ret_str, b"s"), catch(ret_none, None), catch(ret_none, 0)


def test_optional():
    return opt(None), opt(5), catch(opt, 5.0), catch(opt, False)


def test_union():
    return uni(1), uni("s"), catch(uni, 1.5), catch(uni, True)


def test_pipe_union_with_float_promotion():
    return pipe(1), pipe(1.5), pipe(None), catch(pipe, "s"), catch(pipe, True)


def test_union_str_float_promotes_int():
    r = str_or_float(3)
    return r, type(r).__name__, str_or_float("x"), catch(str_or_float, 10**400)


def test_union_bounded_overflow():
    return catch(i64_or_str, 2**63), catch(i64_or_str, 2**63 - 1), catch(i64_or_str, -(2**63) - 1), catch(i64_or_str, 1.0)


def test_containers_ok():
    return seq([1], {"a": 1}, (1, 2), (1, 2, 3))


def test_container_exact_type():
    class MyList(list):
        pass
    return catch(seq, MyList(), {}, (1, 2.0), ())


def test_fixed_tuple_promotes_element():
    r = seq([], {}, (1, 2), ())
    return r, type(r[2][1]).__name__


def test_fixed_tuple_wrong_length():
    return seq([], {}, (1, 2.0, 3), ())


def test_fixed_tuple_bad_element():
    return seq([], {}, (1, "2"), ())


def test_var_tuple_bad_element():
    return seq([], {}, (1, 2.0), (1, 2, "x"))


def test_elements_of_list_not_checked():
    return seq(["not", "ints"], {1: 2}, (1, 1.0), ())

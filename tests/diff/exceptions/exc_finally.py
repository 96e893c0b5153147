"""finally with return/break/continue, exceptions across the compiled/interpreted boundary,
assert, UnboundLocalError, NameError."""
from spyc import checked


@checked
def finally_overrides_return() -> str:
    try:
        return "try"
    finally:
        return "finally"  # noqa: B012


@checked
def finally_swallows_exception() -> str:
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"  # noqa: B012


@checked
def break_in_finally(n: int) -> list:
    out = []
    for i in range(n):
        try:
            if i == 2:
                raise KeyError(i)
            out.append(i)
        finally:
            if i == 2:
                break  # noqa: B012
    return out


@checked
def continue_in_finally(n: int) -> list:
    out = []
    for i in range(n):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        finally:
            continue  # noqa: B012
    return out


@checked
def return_in_try_runs_finally(log: list) -> int:
    try:
        log.append("try")
        return len(log)
    finally:
        log.append("finally")


def interp_raiser(kind):
    if kind == "type":
        raise TypeError("from interpreted")
    return kind


@checked
def compiled_catches_interp(kind: str) -> str:
    try:
        return interp_raiser(kind)
    except TypeError as e:
        return "compiled caught: " + str(e)


@checked
def compiled_raiser(x: int) -> int:
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x


def interp_catches_compiled(x):
    try:
        return compiled_raiser(x)
    except ValueError as e:
        return "interp caught: " + str(e)


@checked
def check_positive(x: int) -> int:
    assert x > 0, "x must be positive, got %d" % x
    return x


@checked
def bare_assert(x: int) -> int:
    assert x
    return x


@checked
def unbound_local(flag: bool) -> int:
    if flag:
        y = 1
    return y


@checked
def shadowed_global_unbound() -> int:
    total = G + 1  # G is local here because of the assignment below
    G = 5
    return total + G


G = 100


@checked
def del_then_use(x: int) -> int:
    y = x
    del y
    return y


def test_finally_overrides_return():
    return finally_overrides_return()


def test_finally_swallows():
    return finally_swallows_exception()


def test_break_in_finally():
    return break_in_finally(5)


def test_continue_in_finally():
    return continue_in_finally(6)


def test_return_runs_finally():
    log = []
    r = return_in_try_runs_finally(log)
    return r, log


def test_exception_from_interpreted_caught_in_compiled():
    return compiled_catches_interp("type"), compiled_catches_interp("fine")


def test_exception_from_compiled_caught_in_interpreted():
    return interp_catches_compiled(-3), interp_catches_compiled(3)


def test_assert_message():
    return check_positive(-1)


def test_assert_pass():
    return check_positive(4)


def test_bare_assert():
    return bare_assert(0)


def test_unbound_local():
    return unbound_local(True), unbound_local(False)


def test_unbound_local_shadowing_global():
    return shadowed_global_unbound()


def test_del_then_use():
    return del_then_use(3)


def test_uncaught_propagates_through_interpreted():
    def outer():
        return compiled_raiser(-9)
    return outer()

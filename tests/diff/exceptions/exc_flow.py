"""raise/try/except/else/finally inside compiled code, re-raise, raise from, chaining."""
from spyc import checked


class AppError(Exception):
    pass


class SubError(AppError):
    def __init__(self, code):
        super().__init__("sub error %d" % code)
        self.code = code


@checked
def safe_div(a: int, b: int) -> str:
    try:
        r = a // b
    except ZeroDivisionError as e:
        return "caught: " + str(e)
    else:
        return "ok: %d" % r
    finally:
        print("finally", a, b)


@checked
def which(kind: int) -> str:
    try:
        if kind == 0:
            raise ValueError("v")
        elif kind == 1:
            raise KeyError("k")
        elif kind == 2:
            raise SubError(7)
        elif kind == 3:
            [][1]
        return "none"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__ + " " + repr(e.args)
    except AppError as e:
        return "app " + str(e)
    except Exception as e:
        return "other " + type(e).__name__


@checked
def reraise(kind: int) -> str:
    try:
        which_raise(kind)
    except ValueError:
        print("logging then re-raising")
        raise
    return "no error"


def which_raise(kind):
    if kind:
        raise ValueError("from interpreted %d" % kind)


@checked
def raise_from(x: int) -> int:
    try:
        return {1: 10}[x]
    except KeyError as e:
        raise AppError("missing %d" % x) from e


@checked
def raise_from_none(x: int) -> int:
    try:
        return {1: 10}[x]
    except KeyError:
        raise AppError("missing quietly") from None


@checked
def implicit_context(x: int) -> int:
    try:
        return 1 // x
    except ZeroDivisionError:
        return int("not a number")


@checked
def context_inspect() -> tuple:
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise ValueError("outer")
    except ValueError as e:
        return type(e.__context__).__name__, repr(e.__context__), e.__cause__, e.__suppress_context__


@checked
def exception_var_cleared() -> str:
    e = "before"
    try:
        raise ValueError("x")
    except ValueError as e:  # noqa: F841
        pass
    return e  # UnboundLocalError (the except clause deletes e)


@checked
def nested_finally(n: int) -> list:
    out = []
    try:
        try:
            out.append("inner try")
            if n:
                raise RuntimeError("boom")
        finally:
            out.append("inner finally")
    except RuntimeError as e:
        out.append("outer caught " + str(e))
    finally:
        out.append("outer finally")
    return out


def test_safe_div_ok():
    return safe_div(7, 2)


def test_safe_div_caught():
    return safe_div(7, 0)


def test_except_dispatch():
    return [which(k) for k in range(5)]


def test_reraise_bare():
    return reraise(3)


def test_reraise_not_triggered():
    return reraise(0)


def test_raise_from_cause():
    return raise_from(2)


def test_raise_from_none():
    return raise_from_none(2)


def test_implicit_context():
    return implicit_context(0)


def test_context_inspect():
    return context_inspect()


def test_exception_variable_deleted():
    return exception_var_cleared()


def test_nested_finally_raise():
    return nested_finally(1)


def test_nested_finally_noraise():
    return nested_finally(0)


def test_subclass_attrs():
    try:
        which_sub()
    except AppError as e:
        return e.code, e.args, isinstance(e, SubError)


@checked
def which_sub() -> None:
    raise SubError(42)

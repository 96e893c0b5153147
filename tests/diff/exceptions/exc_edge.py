"""Exception edge cases: sys.exc_info restoration, raising classes and non-exceptions, bare raise
without an active exception, bad except clauses, BaseException subclasses, StopIteration from a
plain function, except*, exceptions in __iter__/__next__/__bool__."""
import sys
from spyc import checked


def current_exc():
    e = sys.exc_info()[1]
    return None if e is None else type(e).__name__


@checked
def exc_info_restored() -> list:
    out = [current_exc()]
    try:
        raise KeyError("a")
    except KeyError:
        out.append(current_exc())
        try:
            raise ValueError("b")
        except ValueError:
            out.append(current_exc())
        out.append(current_exc())
    out.append(current_exc())
    return out


@checked
def exc_info_after_return_in_handler() -> str:
    try:
        raise KeyError("x")
    except KeyError:
        return "returned from handler"


@checked
def raise_class() -> None:
    raise ValueError


@checked
def raise_non_exception(v: object) -> None:
    raise v


@checked
def raise_from_non_exception() -> None:
    raise ValueError("x") from 5


@checked
def bare_raise() -> None:
    raise


@checked
def bad_except_clause() -> str:
    try:
        raise ValueError("x")
    except (KeyError, int):
        return "no"


@checked
def catch_exception_not_base(kind: int) -> str:
    try:
        if kind == 0:
            raise SystemExit(3)
        if kind == 1:
            raise KeyboardInterrupt
        raise GeneratorExit
    except Exception:
        return "caught by Exception"


@checked
def stop_iteration_plain() -> int:
    raise StopIteration(5)


@checked
def next_exhausted(it: object) -> object:
    return next(it)


@checked
def next_default(it: object) -> object:
    return next(it, "default")


class BadIter:
    def __iter__(self):
        return 42


class FailingIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise RuntimeError("iteration failed")


class BadBool:
    def __bool__(self):
        return 1


class BadLen:
    def __len__(self):
        return -1


@checked
def loop_over(o: object) -> list:
    out = []
    for x in o:
        out.append(x)
    return out


@checked
def truth(o: object) -> str:
    if o:
        return "yes"
    return "no"


@checked
def group(n: int) -> list:
    out = []
    try:
        raise ExceptionGroup("grp", [ValueError(n), KeyError(n), TypeError(n)])
    except* ValueError as eg:
        out.append(("value", [str(e) for e in eg.exceptions]))
    except* (KeyError, TypeError) as eg:
        out.append(("other", sorted(type(e).__name__ for e in eg.exceptions)))
    return out


@checked
def exception_args_and_str(kind: int) -> tuple:
    try:
        if kind == 0:
            raise KeyError("k")
        if kind == 1:
            raise OSError(2, "No such file", "f.txt")
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    except Exception as e:
        return type(e).__name__, e.args, str(e)


def test_exc_info_restored():
    return exc_info_restored(), current_exc()


def test_exc_info_after_handler_return():
    return exc_info_after_return_in_handler(), current_exc()


def test_raise_class():
    return raise_class()


def test_raise_int():
    return raise_non_exception(5)


def test_raise_instance_of_non_exception():
    return raise_non_exception(object())


def test_raise_from_non_exception():
    return raise_from_non_exception()


def test_bare_raise_no_active():
    return bare_raise()


def test_bad_except_clause():
    return bad_except_clause()


def test_system_exit_not_caught():
    return catch_exception_not_base(0)


def test_keyboard_interrupt_not_caught():
    try:
        catch_exception_not_base(1)
    except BaseException as e:
        return type(e).__name__


def test_stop_iteration_from_plain_function():
    return stop_iteration_plain()


def test_next_exhausted():
    return next_default(iter([])), next_exhausted(iter([]))


def test_bad_iter():
    return loop_over(BadIter())


def test_failing_iter():
    return loop_over(FailingIter())


def test_bad_bool():
    return truth(BadBool())


def test_bad_len():
    return truth(BadLen())


def test_except_star():
    return group(3)


def test_exception_args():
    return [exception_args_and_str(k) for k in range(3)]

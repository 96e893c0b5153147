"""Control flow crossing try/except/else/finally: return values captured before finally,
break/continue through finally, exceptions raised in finally/else/handlers and their context."""
from spyc import checked


@checked
def return_captured_before_finally() -> int:
    x = 1
    try:
        return x
    finally:
        x = 2


@checked
def return_same_object_mutated(xs: list) -> list:
    try:
        return xs
    finally:
        xs.append("finally")


@checked
def break_through_finally(n: int) -> list:
    log = []
    for i in range(n):
        try:
            if i == 2:
                break
            log.append(i)
        finally:
            log.append("f%d" % i)
    else:
        log.append("else")
    return log


@checked
def continue_through_finally(n: int) -> list:
    log = []
    i = 0
    while i < n:
        i += 1
        try:
            if i % 2:
                continue
            log.append(i)
        finally:
            log.append("f")
    return log


@checked
def raise_in_finally() -> None:
    try:
        raise KeyError("first")
    finally:
        raise ValueError("second")


@checked
def raise_in_handler() -> None:
    try:
        raise KeyError("first")
    except KeyError:
        raise TypeError("from handler")


@checked
def raise_in_else() -> str:
    try:
        x = 1
    except ValueError:
        return "handler"
    else:
        raise ValueError("from else %d" % x)


@checked
def else_skipped_on_return() -> list:
    log = []
    try:
        log.append("try")
        return log
    except Exception:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")


@checked
def saved_exception_reraised() -> None:
    saved = None
    try:
        {}["k"]
    except KeyError as e:
        saved = e
    raise saved


@checked
def unbound_after_failed_try() -> int:
    try:
        value = int("x")
    except ValueError:
        pass
    return value


@checked
def nested_loops_with_try(n: int) -> list:
    out = []
    for i in range(n):
        for j in range(n):
            try:
                if j == i:
                    continue
                if j > i:
                    break
                out.append((i, j))
            finally:
                out.append("f")
    return out


@checked
def exception_in_loop_else() -> str:
    try:
        for i in range(2):
            pass
        else:
            raise IndexError("loop else %d" % i)
    except IndexError as e:
        return "caught " + str(e)


@checked
def handler_order(v: object) -> str:
    try:
        return str(1 / v)
    except ZeroDivisionError:
        return "zero"
    except ArithmeticError:
        return "arith"
    except TypeError as e:
        return "type: " + str(e)


@checked
def deep_finally_counter(n: int) -> list:
    log = []

    try:
        try:
            try:
                if n:
                    raise OSError("deep")
            finally:
                log.append(1)
        finally:
            log.append(2)
    except OSError as e:
        log.append(str(e))
    finally:
        log.append(3)
    return log


def test_return_captured():
    return return_captured_before_finally(), return_same_object_mutated([1])


def test_break_through_finally():
    return break_through_finally(5), break_through_finally(2)


def test_continue_through_finally():
    return continue_through_finally(5)


def test_raise_in_finally_context():
    return raise_in_finally()


def test_raise_in_handler_context():
    return raise_in_handler()


def test_raise_in_else():
    return raise_in_else()


def test_else_skipped():
    return else_skipped_on_return()


def test_saved_exception():
    return saved_exception_reraised()


def test_unbound_after_failed_try():
    return unbound_after_failed_try()


def test_nested_loops_with_try():
    return nested_loops_with_try(3)


def test_loop_else_exception():
    return exception_in_loop_else()


def test_handler_order():
    return handler_order(0), handler_order(2), handler_order("s"), handler_order(0.0)


def test_deep_finally():
    return deep_finally_counter(1), deep_finally_counter(0)

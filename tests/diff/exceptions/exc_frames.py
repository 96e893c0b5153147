"""Compiled functions on the live call stack: sys._getframe, inspect, traceback.extract_stack,
warnings' stacklevel and logging's caller lookup see them with the right function name, file
and line, as they see interpreted functions (spz/frames.h). The interpreted @checked wrapper
adds frames of its own (named like the function, at its `def` line): stack walks here collapse
runs of one name to the innermost frame, so both sides compare; plain functions (compiled
under --all) need no collapsing."""
import inspect
import io
import logging
import os
import sys
import traceback
import warnings
from spyc import checked


def where(depth):
    f = sys._getframe(depth + 1)
    if depth > 0:
        while f.f_code.co_name == sys._getframe(depth).f_code.co_name:
            f = f.f_back
    return (f.f_code.co_name, os.path.basename(f.f_code.co_filename), f.f_lineno)


def caller_name():
    return inspect.stack()[1].function


def stack_names(n):
    out = []
    for fs in traceback.extract_stack()[:-1]:
        if os.path.basename(fs.filename) != "exc_frames.py":
            continue
        if out and out[-1][0] == fs.name:
            out.pop()
        out.append((fs.name, fs.lineno))
    return out[-n:]


def legacy(msg):
    warnings.warn(msg, DeprecationWarning, stacklevel=2)


@checked
def frame_of_self(n: int) -> tuple:
    a = where(0)
    b = where(1)
    return a, b, n


@checked
def who_called_me(n: int) -> str:
    return caller_name() + str(n)


@checked
def stack_here(n: int) -> list:
    x = n + 1
    return stack_names(3)


@checked
def outer_direct(n: int) -> list:
    return inner_direct(n) + [n]


@checked
def inner_direct(n: int) -> list:
    return stack_names(3)


# a direct call (scalar return): the callee gets its thread state and frame from the call site
SEEN = []


@checked
def outer_scalar(n: int) -> int:
    k = n + 1
    return inner_scalar(k) + 1


@checked
def inner_scalar(n: int) -> int:
    SEEN.append(stack_names(3))
    m = n * 2
    SEEN.append(stack_names(3))
    return m


@checked
def deprecated_user(n: int) -> int:
    legacy("old api")
    return n + 1


def plain_stack(n):
    x = n + 1
    return stack_names(3), x


def plain_where(n):
    return where(0), where(1), n


@checked
def current_back(n: int) -> tuple:
    f = inspect.currentframe()
    return f is not None and f.f_back is not None, n


def plain_back(n):
    f = inspect.currentframe()
    b = f.f_back
    return b.f_code.co_name


@checked
def calls_plain_back(n: int) -> str:
    return plain_back(n)


def keep_frame():
    return sys._getframe(1)


def leaks_its_frame(n):
    return keep_frame()


@checked
def log_something(n: int) -> int:
    logging.getLogger("spyc.frames").warning("value %d", n)
    return n


def test_getframe():
    return frame_of_self(3)


def test_inspect_stack_function():
    return who_called_me(1)


def test_extract_stack():
    return stack_here(2)


def test_extract_stack_plain():
    return plain_stack(2)


def test_getframe_plain():
    return plain_where(1)


def test_extract_stack_direct_call():
    return outer_direct(4)


def test_extract_stack_scalar_direct_call():
    SEEN.clear()
    return outer_scalar(4), SEEN


def test_warn_stacklevel_two():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        deprecated_user(1)
    return [(w.category.__name__, str(w.message), os.path.basename(w.filename), w.lineno) for w in caught]


def test_currentframe_back():
    return current_back(1), calls_plain_back(2)


def test_frame_outlives_call():
    f = leaks_its_frame(1)
    back = f.f_back
    return f.f_code.co_name, f.f_lineno, back.f_code.co_name if back is not None else None


def test_logging_funcname():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(funcName)s:%(lineno)d:%(module)s:%(message)s"))
    log = logging.getLogger("spyc.frames")
    log.addHandler(handler)
    log.propagate = False
    try:
        log_something(5)
    finally:
        log.removeHandler(handler)
    return stream.getvalue()


def test_recursion_still_counts():
    def deep(n):
        return n if n == 0 else deep(n - 1)
    return deep(50), len(inspect.stack()) > 0

"""Tracebacks of contract errors (spec 6.12): the caller's frames, then exactly one frame for
the @checked function at its first line in its own file, and no frame of spyc's package or of
generated code -- on the first call (set-up path) and on later calls alike.  The compiled side
is checked against the same shape by tests/unit/ecosystem-runtime.test.ts."""
import os
import traceback

import pytest

from conftest import define

SRC = '''
from spyc import checked, i64

@checked
def f(n: int, *rest: float, k: i64 = 0, **kw: str) -> int:
    return n if n >= 0 else "negative"

class C:
    @checked
    def m(self, x: float) -> float:
        return x

def call_f(*a, **k):
    return f(*a, **k)
'''

CASES = {
    "param": (lambda m: m.call_f("x"), TypeError, "f() argument 'n' must be int, not str"),
    "star": (lambda m: m.call_f(1, 2.0, "y"), TypeError, "f() argument 'rest[1]' must be float, not str"),
    "kwonly": (lambda m: m.call_f(1, k=2 ** 64), OverflowError, "f() argument 'k' out of range for i64"),
    "kwargs": (lambda m: m.call_f(1, z=3), TypeError, "f() argument 'z' must be str, not int"),
    "return": (lambda m: m.call_f(-1), TypeError, "f() return value must be int, not str"),
}


def _frames(exc):
    return [(os.path.basename(fr.filename), fr.name, fr.lineno) for fr in traceback.extract_tb(exc.__traceback__)]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("calls", [1, 3])
def test_contract_error_shape(case, calls):
    mod = define(SRC)
    call, etype, message = CASES[case]
    file = mod.f.__wrapped__.__code__.co_filename
    first = mod.f.__wrapped__.__code__.co_firstlineno
    for _ in range(calls):  # the first call runs the wrapper's set-up path
        with pytest.raises(etype) as info:
            call(mod)
        assert str(info.value) == message
        frames = _frames(info.value)
        spyc_dir = os.path.dirname(__import__("spyc").__file__)
        assert not any(fr.filename.startswith(spyc_dir) for fr in traceback.extract_tb(info.value.__traceback__))
        assert not any(f == "<string>" for f, _, _ in frames)
        assert frames[-2:] == [(os.path.basename(file), "call_f", frames[-2][2]), (os.path.basename(file), "f", first)]
        assert frames[0][0] == os.path.basename(__file__)
        assert info.value.__context__ is None and info.value.__cause__ is None


def test_method_self_and_param():
    mod = define(SRC)
    for _ in range(2):
        with pytest.raises(TypeError) as info:
            mod.C().m("x")
        assert _frames(info.value)[-1] == (os.path.basename(mod.C.m.__wrapped__.__code__.co_filename), "m",
                                           mod.C.m.__wrapped__.__code__.co_firstlineno)


def test_errors_inside_the_body_keep_their_frames():
    mod = define('''
from spyc import checked

@checked
def g(n: int) -> int:
    return 1 // n
''')
    for _ in range(2):
        with pytest.raises(ZeroDivisionError) as info:
            mod.g(0)
        tb = traceback.extract_tb(info.value.__traceback__)
        first = mod.g.__wrapped__.__code__.co_firstlineno
        # the wrapper's frame (at the decorator), then the body's own frame at the failing line
        assert [(fr.name, fr.lineno) for fr in tb[-2:]] == [("g", first), ("g", first + 2)]

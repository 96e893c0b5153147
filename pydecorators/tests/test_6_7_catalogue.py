"""Spec 6.7: every row of the exception and message catalogue, verbatim."""
import dataclasses

import pytest

import spyc
from conftest import define

m = define('''
    import typing
    from spyc import checked, frozen, i64

    @checked
    def f(x: int, *rest: str, **opts: bool) -> float:
        return x

    @checked
    def tup(p: tuple[int, float]) -> tuple[int, str]:
        return p

    @checked
    def big(x: i64) -> i64:
        return x * 2

    @checked
    def unsupported(x: typing.Literal[1]):
        pass

    @checked
    def unresolved(x: "Undefined"):
        pass

    @frozen
    class C:
        f: int
        g: float = 0.0

        @checked
        def meth(this, k: int) -> int:
            return k

    @frozen
    class B:
        f: int
        b: int
        def __init__(self, mode=""):
            self.f = 1
            if mode == "z":
                self.z = 1
            if mode == "ret":
                self.b = 2
                return 1
            if mode == "cycle":
                self.b = 2
                H(self)

    @frozen
    class H:
        h: "B"

    @frozen
    class BadField:
        v: list

    @frozen
    class Later:
        v: "Undefined2"

    async def agen():
        yield 1
''')

FIE = dataclasses.FrozenInstanceError
c = m.C(1)

CATALOGUE = [
    # (description, thunk, type, message)
    ("parameter mismatch", lambda: m.f("1"), TypeError, "f() argument 'x' must be int, not str"),
    ("*args item", lambda: m.f(1, "a", 2), TypeError, "f() argument 'rest[1]' must be str, not int"),
    ("**kwargs value", lambda: m.f(1, flag=0), TypeError, "f() argument 'flag' must be bool, not int"),
    ("return mismatch", lambda: m.tup((1, 2)), TypeError, "tup() return value[1] must be str, not float"),
    ("fixed tuple length", lambda: m.tup((1, 2.0, 3)), TypeError,
     "tup() argument 'p' must be tuple of length 2, not tuple of length 3"),
    ("tuple element", lambda: m.tup((1, "2")), TypeError, "tup() argument 'p[1]' must be float, not str"),
    ("frozen self mismatch", lambda: m.C.meth(3, 1), TypeError, "C.meth() argument 'this' must be C, not int"),
    ("field mismatch", lambda: m.C("1"), TypeError, "C.f must be int, not str"),
    ("range param", lambda: m.big(2**63), OverflowError, "big() argument 'x' out of range for i64"),
    ("range return", lambda: m.big(2**62), OverflowError, "big() return value out of range for i64"),
    ("i64()", lambda: spyc.i64(2**64), OverflowError, "int out of range for i64"),
    ("int->float too large", lambda: m.C(1, 10**310), OverflowError, "int too large to convert to float"),
    ("unsupported annotation", lambda: m.unsupported(1), TypeError,
     "unsupported(): unsupported annotation typing.Literal[1]"),
    ("unsupported field annotation", lambda: m.BadField([]), TypeError,
     "BadField.v: unsupported annotation <class 'list'>"),
    ("unresolvable name", lambda: m.unresolved(1), NameError, "name 'Undefined' is not defined"),
    ("unresolvable field name", lambda: m.Later(1), NameError, "name 'Undefined2' is not defined"),
    ("bad checked target", lambda: spyc.checked(3), TypeError, "checked() argument must be a function, not int"),
    ("async generator", lambda: spyc.checked(m.agen), TypeError,
     "checked() does not support async generator functions"),
    ("assignment after construction", lambda: setattr(c, "f", 2), FIE, "cannot assign to field 'f'"),
    ("delete", lambda: delattr(c, "g"), FIE, "cannot delete field 'g'"),
    ("unknown attribute during __init__", lambda: m.B("z"), AttributeError, "'B' object has no attribute 'z'"),
    ("field not set", lambda: m.B(), TypeError, "B.__init__() did not set field 'b'"),
    ("cycle", lambda: m.B("cycle"), TypeError, "H.h must not refer to an object under construction"),
    ("class attribute set", lambda: setattr(m.C, "f", 1), TypeError,
     "cannot set 'f' attribute of immutable type 'C'"),
    ("class attribute delete", lambda: delattr(m.C, "meth"), TypeError,
     "cannot set 'meth' attribute of immutable type 'C'"),
    ("subclassing", lambda: type("D", (m.C,), {}), TypeError, "type 'C' is not an acceptable base type"),
    ("__new__", lambda: m.C.__new__(m.C, 1), TypeError, "cannot create 'C' instances"),
    ("__init__ returned a value", lambda: m.B("ret"), TypeError, "__init__() should return None, not 'int'"),
    ("frozen() target", lambda: spyc.frozen(3), TypeError, "frozen() argument must be a class, not int"),
]


@pytest.mark.parametrize("thunk,exc,message", [row[1:] for row in CATALOGUE], ids=[row[0] for row in CATALOGUE])
def test_catalogue_row(thunk, exc, message):
    with pytest.raises(BaseException) as info:
        thunk()
    assert type(info.value) is exc
    assert str(info.value) == message


def test_catalogue_errors_are_exact_builtin_types():
    for _, thunk, exc, _ in CATALOGUE:
        try:
            thunk()
        except BaseException as e:  # noqa: B036
            assert type(e) is exc
        else:
            pytest.fail("no exception")


def test_tname_rules():
    from spyc._annotations import tname
    import collections
    import fractions
    assert tname(None) == "NoneType" and tname(1) == "int" and tname(True) == "bool"
    assert tname(collections.deque()) == "collections.deque"
    assert tname(fractions.Fraction(1)) == "fractions.Fraction"
    assert tname(c) == f"{m.__name__}.C"

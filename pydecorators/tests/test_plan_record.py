"""spyc._plan.class_plan: the field contracts of @frozen and @record classes for the compiled
runtime -- the same nodes as the interpreted classes, so the messages cannot diverge."""
import pytest
from _props import given, st

import spyc
from conftest import define, expect
from spyc import _frozen
from spyc._plan import CLASS_GENERATED_INIT, CLASS_POST_INIT, class_plan

m = define('''
    from typing import Any, Optional
    from spyc import frozen, i64, record

    @frozen
    class P:
        x: float
        n: i64 = 0
        nxt: "Optional[P]" = None
        tag: str = "t"

    @frozen
    class Post:
        lo: float
        hi: float = 1.0
        def __post_init__(self):
            pass

    @frozen
    class UserInit:
        a: int
        b: bool = False
        def __init__(self, a):
            self.a = a

    @record
    class R:
        f: float
        free: object
        anything: Any
        xs: list
        flag: bool = False
        p: "P | None" = None

    @record
    class Later:
        v: "NotYet"
''')


def test_shape_frozen():
    kind, fields, entries, defaults, flags, building = class_plan(m.P)
    assert kind == "frozen" and fields == ("x", "n", "nxt", "tag")
    assert [(e[0], e[1], e[3]) for e in entries] == [(2, None, False), (5, None, False), (0, None, True), (4, None, False)]
    assert defaults == (0, None, "t") and flags == CLASS_GENERATED_INIT
    assert building is _frozen._building
    assert class_plan(m.Post)[4] == CLASS_GENERATED_INIT | CLASS_POST_INIT
    u = class_plan(m.UserInit)
    assert u[3] == () and u[4] == 0
    assert fields == m.P.__slots__[:-1]


def test_shape_record():
    kind, fields, entries, defaults, flags, building = class_plan(m.R)
    assert kind == "record" and fields == ("f", "free", "anything", "xs", "flag", "p")
    assert entries[1] is None and entries[2] is None  # object / Any: unchecked
    assert (entries[0][0], entries[3][:2], entries[4][0]) == (2, (6, list), 3)
    assert entries[5][0] == 0 and entries[5][3] is False
    assert defaults == (False, None) and flags == CLASS_GENERATED_INIT and building is None


def test_not_a_class_with_a_plan():
    for bad, tn in ((int, "type"), (3, "int"), (m.R(1.0, 1, 2, []), m.__name__ + ".R")):
        with expect(TypeError, f"class_plan() argument must be a frozen or record class, not {tn}"):
            class_plan(bad)


def test_resolution_errors_propagate_and_retry():
    for _ in range(2):
        with expect(NameError, "name 'NotYet' is not defined"):
            class_plan(m.Later)
    m.NotYet = int
    try:
        assert class_plan(m.Later)[2][0][:2] == (1, None)
    finally:
        del m.NotYet


def test_acyclic_slow_path():
    kind, fields, entries, *_ = class_plan(m.P)
    slow = entries[2][2]
    mod = define('''
        from spyc import frozen
        @frozen
        class Q:
            a: int
            def __init__(self, probe):
                self.a = 1
                probe(self)
    ''')
    seen = []

    def probe(q):  # q is under construction here; so is nothing of type P
        p = m.P(1.0)
        with expect(TypeError, "P.nxt must be P | None, not " + mod.__name__ + ".Q"):
            slow(q)
        seen.append(slow(p) is p)
    mod.Q(probe)
    assert seen == [True]


values = (st.floats() | st.integers() | st.booleans() | st.none()
          | st.integers(min_value=0, max_value=3).map(lambda i: "s" * i))


def _outcome(thunk):
    try:
        v = thunk()
    except (TypeError, OverflowError) as e:
        return ("raise", type(e), str(e))
    return ("ok", type(v), repr(v))


@given(values, st.integers(min_value=0, max_value=3))
def test_property_slow_equals_interpreted_frozen_construction(v, k):
    _, fields, entries, *_ = class_plan(m.P)
    args = [1.0, 0, None, "t"]
    args[k] = v
    interp = _outcome(lambda: getattr(m.P(*args), fields[k]))
    code, arg, slow, _ = entries[k]
    fast_ok = {2: type(v) is float, 5: type(v) is int and -2**63 <= v < 2**63, 4: type(v) is str}.get(code, False)
    compiled = _outcome(lambda: v if fast_ok else slow(v))
    assert compiled == interp


@given(values, st.integers(min_value=0, max_value=5))
def test_property_slow_equals_interpreted_record_store(v, k):
    _, fields, entries, *_ = class_plan(m.R)
    r = m.R(1.0, None, None, [])

    def store():
        setattr(r, fields[k], v)
        return getattr(r, fields[k])
    interp = _outcome(store)
    e = entries[k]
    if e is None:
        compiled = ("ok", type(v), repr(v))
    else:
        code, arg, slow, _ = e
        fast_ok = {2: type(v) is float, 3: v is True or v is False, 6: type(v) is arg}.get(code, False)
        compiled = _outcome(lambda: v if fast_ok else slow(v))
    assert compiled == interp


def test_public_module_exposes_plan_only_internally():
    assert "class_plan" not in spyc.__all__
    with pytest.raises(AttributeError):
        spyc.class_plan  # noqa: B018

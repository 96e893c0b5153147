"""The internal API for the compiled runtime: spyc._plan.plan_for and the owner protocol."""
import asyncio

import pytest

import spyc
from conftest import define, expect
from spyc._plan import plan_for

m = define('''
    import collections
    from typing import Optional
    from spyc import checked, frozen, i64

    class K: pass

    def f(a: int, b: float, c: bool, /, d: str, e: i64, g: "P", h: None, i: list,
          j: Optional[int], k: K, l, m: object, *args: float, n: int = 1, o, **kw: int) -> float:
        pass

    def bare(x, *a, y, **k):
        pass

    def gen(x: int) -> int:
        yield x

    async def coro(x: int) -> str:
        return x

    def missing(x: "Nope"):
        pass

    @frozen
    class P:
        v: int
        def meth(self, x: int) -> int:
            return x
''')


def test_plan_fast_codes_for_classes_and_fixed_tuples():
    t = define('''
        import abc
        class Plain: pass
        class Meta(abc.ABC): pass
        def f(p: Plain, q: Meta, r: tuple[int, float], s: tuple[int, list], u: tuple[int, ...]) -> tuple[float, float]:
            pass
    ''')
    params, ret = plan_for(t.f, None)
    codes = [(p[0], p[1]) for p in params]
    # a plain class: isinstance in C (code 8); a metaclass may redefine isinstance: slow check
    assert codes[0] == (8, t.Plain) and codes[1] == (0, None)
    # fixed tuples of elements with fast tests: code 9 with the element tests
    assert codes[2] == (9, ((1, None), (2, None)))
    assert codes[3] == (9, ((1, None), (6, list)))
    assert codes[4] == (0, None)
    assert (ret[0], ret[1]) == (9, ((2, None), (2, None)))


def test_plan_shape_and_codes():
    params, ret = plan_for(m.f, None)
    names = ["a", "b", "c", "d", "e", "g", "h", "i", "j", "k", "l", "m", "args", "n", "o", "kw"]
    assert len(params) == len(names)
    codes = [None if p is None else (p[0], p[1]) for p in params]
    assert codes == [(1, None), (2, None), (3, None), (4, None), (5, None), (6, m.P), (7, None),
                     (6, list), (0, None), (8, m.K), None, None, (0, None), (1, None), None, (0, None)]
    assert ret[0] == 2 and callable(ret[2])
    for p in params:
        assert p is None or (type(p) is tuple and len(p) == 3)


def test_slow_functions_accept_promote_and_raise():
    params, ret = plan_for(m.f, None)
    slow = {i: p[2] for i, p in enumerate(params) if p is not None}
    assert slow[0](5) == 5
    with expect(TypeError, "f() argument 'a' must be int, not bool"):
        slow[0](True)
    r = slow[1](2)
    assert r == 2.0 and type(r) is float
    with expect(OverflowError, "int too large to convert to float"):
        slow[1](10**400)
    with expect(OverflowError, "f() argument 'e' out of range for i64"):
        slow[4](2**63)
    with expect(TypeError, "f() argument 'j' must be int | None, not str"):
        slow[8]("x")
    assert slow[8](None) is None
    k = m.K()
    assert slow[9](k) is k
    with expect(TypeError, "f() argument 'k' must be K, not int"):
        slow[9](1)
    r = ret[2](3)
    assert type(r) is float
    with expect(TypeError, "f() return value must be float, not str"):
        ret[2]("x")


def test_star_and_kwargs_slots_take_whole_containers():
    params, _ = plan_for(m.f, None)
    star, kw = params[12][2], params[15][2]
    t = (1.5, 2.5)
    assert star(t) is t
    r = star((1.5, 2))
    assert r == (1.5, 2.0) and type(r) is tuple and type(r[1]) is float
    with expect(TypeError, "f() argument 'args[1]' must be float, not str"):
        star((1.0, "x"))
    d = {"p": 1}
    assert kw(d) is d
    with expect(TypeError, "f() argument 'q' must be int, not str"):
        kw({"p": 1, "q": "x"})

    mod = define('''
        def g(**kw: float): pass
    ''')
    (kslot,), _ = plan_for(mod.g, None)
    src = {"a": 1, "b": 2.0}
    out = kslot[2](src)
    assert out == {"a": 1.0, "b": 2.0} and type(out["a"]) is float and src["a"] == 1
    assert list(out) == ["a", "b"]


def test_unannotated_slots_are_none():
    params, ret = plan_for(m.bare, None)
    assert params == (None, None, None, None) and ret is None


def test_generator_and_coroutine_returns():
    params, ret = plan_for(m.gen, None)
    assert params[0][0] == 1 and ret is None  # generator return annotation ignored
    params, ret = plan_for(m.coro, None)
    assert ret[0] == 4  # the caller checks the awaited result
    with expect(TypeError, "coro() return value must be str, not int"):
        ret[2](1)


def test_async_generator_rejected():
    mod = define('''
        async def ag():
            yield 1
    ''')
    with expect(TypeError, "checked() does not support async generator functions"):
        plan_for(mod.ag, None)


def test_errors_propagate_and_are_retried():
    with expect(NameError, "name 'Nope' is not defined"):
        plan_for(m.missing, None)
    m.Nope = int
    try:
        params, _ = plan_for(m.missing, None)
        assert params[0][0] == 1
    finally:
        del m.Nope
    mod = define('''
        import typing
        def u(x: typing.Literal[1]): pass
    ''')
    with expect(TypeError, "u(): unsupported annotation typing.Literal[1]"):
        plan_for(mod.u, None)


def test_self_entry_for_frozen_owner():
    fn = m.P.__dict__["meth"]
    params, ret = plan_for(fn, m.P)
    code, arg, slow = params[0]
    assert (code, arg) == (6, m.P)
    p = m.P(1)
    assert slow(p) is p
    with expect(TypeError, "P.meth() argument 'self' must be P, not int"):
        slow(3)
    assert plan_for(fn, None)[0][0] is None  # no owner: self unchecked


def test_plan_is_cached_per_fn_and_owner():
    a = plan_for(m.f, None)
    b = plan_for(m.f, None)
    assert a[0][0][2] is b[0][0][2]


def test_same_messages_as_interpreted_wrapper():
    w = spyc.checked(m.f)
    args = [1, 2.0, True, "d", 1, m.P(1), None, [], None, m.K(), 0, 0]
    with expect(TypeError, "f() argument 'j' must be int | None, not str"):
        w(*args[:8], "x", *args[9:], o=1)
    params, _ = plan_for(m.f, None)
    with expect(TypeError, "f() argument 'j' must be int | None, not str"):
        params[8][2]("x")


# ---------------------------------------------------------------- owner protocol

def test_owner_protocol_calls_hooks_inside_wrappers():
    seen = []

    class Hook:
        def __init__(self, tag):
            self.tag = tag

        def __spyc_set_owner__(self, owner):
            seen.append((self.tag, owner.__name__))

        def __call__(self, *a):
            return None

    ns = {"plain": Hook("plain"), "cm": classmethod(Hook("cm")), "sm": staticmethod(Hook("sm")),
          "prop": property(Hook("get"), Hook("set")), "__annotations__": {"x": int}}
    C = spyc.frozen(type("C", (), ns))
    # classmethod/staticmethod contents get no owner: their first parameter is
    # never a checked self, and plan_for(fn, owner) would add that check
    # (refinement made with the compiled-runtime side, commit ab20b77).
    assert sorted(seen) == [("get", "C"), ("plain", "C"), ("set", "C")]
    assert C(1).x == 1


def test_checked_wrapper_implements_set_owner():
    @spyc.checked
    def meth(self, x: int) -> int:
        return x
    assert meth(None, 1) == 1
    meth.__spyc_set_owner__(int)
    with expect(TypeError, f"{meth.__qualname__}() argument 'self' must be int, not NoneType"):
        meth(None, 1)
    assert meth(5, 1) == 1


def test_classmethod_first_parameter_never_checked():
    mod = define('''
        from spyc import checked, frozen
        @frozen
        class Q:
            @classmethod
            @checked
            def make(cls, x: int):
                return cls, x
            @checked
            @classmethod
            def make2(cls, x: int):
                return cls, x
    ''')
    assert mod.Q.make(1) == (mod.Q, 1)
    assert mod.Q.make2(2) == (mod.Q, 2)


def test_is_checked_decorator():
    assert spyc._is_checked_decorator(spyc.checked)
    assert not spyc._is_checked_decorator(spyc.frozen)
    assert not spyc._is_checked_decorator(lambda f: f)

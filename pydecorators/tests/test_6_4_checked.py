"""Spec 6.4: checked(fn) -- targets, result object, order of events."""
import asyncio
import inspect

import pytest

from conftest import define, expect
from spyc import checked


m = define('''
    from spyc import checked, frozen

    log = []

    def note(tag, value):
        log.append(tag)
        return value

    @checked
    def full(a: int, b: float = 2, /, c: str = "c", *args: int, d: float, e: bool = True, **kw: float) -> float:
        """full doc"""
        return a + b

    @checked
    def ret_bad(x) -> int:
        return x

    @checked
    def raises(x: int) -> int:
        raise KeyError(x)

    @checked
    def shadow(type: int, int: float, str: "str" = "s") -> "str":
        return str

    @checked
    def fact(n: int) -> int:
        return 1 if n <= 1 else n * fact(n - 1)

    @checked
    def see(x: float):
        return type(x)

    @checked
    def default_bad(x: int = "oops"):
        return x

    @checked
    def gen(n: int) -> int:
        yield "not checked"
        yield n
        return "ignored"

    @checked
    async def coro(x: int) -> int:
        return x

    @checked
    async def coro_promote(x: float) -> float:
        return 3

    @checked
    async def coro_bad() -> int:
        return "no"

    def plain(a, b=1, *c, d, **e):
        return a

    @checked
    def posonly(a: int, /, **kw: int):
        return a, kw
''')


def test_result_object_metadata():
    f = m.full
    orig = f.__wrapped__
    assert f.__name__ == "full" and f.__qualname__ == "full" and f.__module__ == m.__name__
    assert f.__doc__ == "full doc"
    assert f.__annotations__ is orig.__annotations__
    assert f.__defaults__ == (2, "c") and f.__kwdefaults__ == {"e": True}
    assert inspect.signature(f) == inspect.signature(orig)
    assert inspect.isfunction(f)


def test_dict_is_copied():
    def g(x: int):
        return x
    g.custom = 42
    w = checked(g)
    assert w.custom == 42 and w.__wrapped__ is g


def test_checks_and_promotion():
    r = m.full(1, 2, "c", 3, d=4, x=5)
    assert r == 3.0 and type(r) is float
    assert m.see(1) is float


def test_binding_errors_are_cpythons_with_the_qualname():
    w = checked(m.plain)
    for args, kwargs in [((), {"d": 1}), ((1,), {}), ((1,), {"d": 1, "a": 2}), ((), {})]:
        with pytest.raises(TypeError) as want:
            m.plain(*args, **kwargs)
        with expect(TypeError, str(want.value)):
            w(*args, **kwargs)
    with expect(TypeError, "full() missing 1 required keyword-only argument: 'd'"):
        m.full(1)
    with expect(TypeError, "full() missing 1 required positional argument: 'a'"):
        m.full(a=1, d=2.0)  # 'a' lands in **kw: positional-only

    @checked
    def po(a: int, /):
        return a
    with expect(TypeError, f"{po.__qualname__}() got some positional-only arguments passed as keyword arguments: 'a'"):
        po(a=1)


def test_signature_order_not_call_order():
    # d is checked before e, whatever order the call used.
    with expect(TypeError, "full() argument 'd' must be float, not str"):
        m.full(1, e="x", d="y")
    with expect(TypeError, "full() argument 'a' must be int, not str"):
        m.full("a", "b", 3, "x", d="y")
    with expect(TypeError, "full() argument 'b' must be float, not str"):
        m.full(1, "b", 3, "x", d="y")
    with expect(TypeError, "full() argument 'c' must be str, not int"):
        m.full(1, 2, 3, "x", d="y")
    with expect(TypeError, "full() argument 'args[1]' must be int, not str"):
        m.full(1, 2, "c", 0, "x", d="y")
    with expect(TypeError, "full() argument 'e' must be bool, not int"):
        m.full(1, 2, "c", 0, d=1.0, e=1, z="q")
    # **kwargs values in dict order, after keyword-only parameters
    with expect(TypeError, "full() argument 'z' must be float, not str"):
        m.full(1, 2, z="q", y="p", d=1.0)
    with expect(TypeError, "full() argument 'y' must be float, not str"):
        m.full(1, 2, y="p", z="q", d=1.0)


def test_kwargs_may_hold_a_positional_only_name():
    assert m.posonly(1, a=2) == (1, {"a": 2})
    with expect(TypeError, "posonly() argument 'a' must be int, not str"):
        m.posonly(1, a="2")


def test_return_value():
    assert m.ret_bad(3) == 3
    with expect(TypeError, "ret_bad() return value must be int, not str"):
        m.ret_bad("3")
    with pytest.raises(KeyError):
        m.raises(1)


def test_parameters_named_like_builtins():
    assert m.shadow(1, 2) == "s"
    with expect(TypeError, "shadow() argument 'type' must be int, not str"):
        m.shadow("a", 2)
    with expect(TypeError, "shadow() argument 'str' must be str, not int"):
        m.shadow(1, 2, 5)
    assert type(m.shadow(1, 2, "x")) is str


def test_recursion():
    assert m.fact(10) == 3628800


def test_defaults_checked_when_used_only():
    assert m.default_bad(1) == 1
    with expect(TypeError, "default_bad() argument 'x' must be int, not str"):
        m.default_bad()
    assert type(m.full(1, d=1.0)) is float  # default b=2 promoted when used


def test_generator_checks_at_first_start():
    g = m.gen("bad")  # nothing happens yet
    assert inspect.isgeneratorfunction(m.gen)
    with expect(TypeError, "gen() argument 'n' must be int, not str"):
        next(g)
    assert list(m.gen(5)) == ["not checked", 5]


def test_generator_send_throw_delegate():
    @checked
    def echo(x: int):
        got = yield x
        while True:
            got = yield got
    g = echo(1)
    assert next(g) == 1 and g.send("a") == "a"
    with pytest.raises(KeyError):
        g.throw(KeyError("k"))


def test_coroutines():
    assert inspect.iscoroutinefunction(m.coro)
    c = m.coro("bad")  # no check until the frame starts
    with expect(TypeError, "coro() argument 'x' must be int, not str"):
        asyncio.run(c)
    assert asyncio.run(m.coro(4)) == 4
    r = asyncio.run(m.coro_promote(1))
    assert r == 3.0 and type(r) is float
    with expect(TypeError, "coro_bad() return value must be int, not str"):
        asyncio.run(m.coro_bad())


def test_async_generators_rejected():
    async def agen():
        yield 1
    with expect(TypeError, "checked() does not support async generator functions"):
        checked(agen)


@pytest.mark.parametrize("obj,tn", [(len, "builtin_function_or_method"), (1, "int"), (int, "type"),
                                    ("f", "str"), (object().__str__, "method-wrapper")])
def test_bad_targets(obj, tn):
    with expect(TypeError, f"checked() argument must be a function, not {tn}"):
        checked(obj)


def test_bad_target_partial_and_bound_method():
    import functools
    with expect(TypeError, "checked() argument must be a function, not functools.partial"):
        checked(functools.partial(print))

    class A:
        def f(self):
            pass
    with expect(TypeError, "checked() argument must be a function, not method"):
        checked(A().f)


def test_method_wrappers_in_either_order():
    m2 = define('''
        from spyc import checked
        class A:
            @checked
            @classmethod
            def c1(cls, x: int) -> int: return x
            @classmethod
            @checked
            def c2(cls, x: int) -> int: return x
            @checked
            @staticmethod
            def s1(x: int) -> int: return x
            @staticmethod
            @checked
            def s2(x: int) -> int: return x
            def __init__(self): self._v = 0
            @checked
            @property
            def p1(self) -> int: return self._v
            @property
            @checked
            def p2(self) -> int: return "bad"
            @p1.setter
            def p1(self, v): self._v = v
            @checked
            def meth(self, x: int) -> int: return x
    ''')
    A = m2.A
    assert isinstance(A.__dict__["c1"], classmethod) and isinstance(A.__dict__["s1"], staticmethod)
    for name in ("c1", "c2", "s1", "s2"):
        assert getattr(A, name)(3) == 3
        with expect(TypeError, f"A.{name}() argument 'x' must be int, not str"):
            getattr(A(), name)("3")
    a = A()
    assert a.p1 == 0
    a.p1 = 5  # the setter from @p1.setter replaced the checked property (not checked)
    with expect(TypeError, "A.p2() return value must be int, not str"):
        a.p2
    assert a.meth(1) == 1 and A.meth(None, 1) == 1  # no self check outside frozen classes


def test_checked_property_keeps_setter_and_doc():
    class B:
        def _get(self) -> int:
            return self._v

        def _set(self, v: int):
            self._v = v
        prop = checked(property(_get, _set, None, "the doc"))
    b = B()
    b.prop = 3
    assert b.prop == 3 and B.prop.__doc__ == "the doc"
    with expect(TypeError, f"{B._set.__qualname__}() argument 'v' must be int, not str"):
        b.prop = "3"


def test_wrapper_code_is_swapped_and_closure_free():
    @checked
    def k(x: int) -> int:
        return x
    first = k.__code__
    k(1)
    assert k.__code__ is not first and k.__closure__ is None
    assert k.__code__.co_name == "k"

"""Spec 6.2: annotation grammar and lazy, cached, eval-free resolution."""
import typing

import pytest

from conftest import define, expect


def test_string_annotations_and_pep563():
    m = define("""
        from __future__ import annotations
        import collections
        from typing import Optional
        from spyc import checked

        @checked
        def f(a: int, b: Optional[float], c: collections.deque, d: "list[int] | None") -> tuple[int, float]:
            return (a, b)
    """)
    assert m.f(1, 2, m.collections.deque(), None) == (1, 2.0)
    with expect(TypeError, "f() argument 'b' must be float | None, not str"):
        m.f(1, "x", m.collections.deque(), None)
    with expect(TypeError, "f() argument 'c' must be deque, not list"):
        m.f(1, 2.0, [], None)
    with expect(TypeError, "f() return value[1] must be float, not NoneType"):
        m.f(1, None, m.collections.deque(), [])


def test_forward_refs_nested_strings_and_typing_aliases():
    m = define("""
        import typing
        from typing import List, Dict, Tuple, Deque, Union, ForwardRef
        from spyc import checked

        @checked
        def f(a: List["Later"], b: Dict[str, int], c: Tuple[int, ...], d: Union["Later", None], e: Deque[int]):
            return a
        @checked
        def g(x: ForwardRef("Later")) -> "Later":
            return x
        @checked
        def h(x: "typing.Optional[typing.Tuple[int, 'float']]"):
            return x

        class Later: pass
    """)
    import collections
    assert m.f([], {}, (1, 2), None, collections.deque()) == []
    with expect(TypeError, "f() argument 'c[1]' must be int, not str"):
        m.f([], {}, (1, "2"), None, collections.deque())
    with expect(TypeError, "f() argument 'd' must be Later | None, not int"):
        m.f([], {}, (), 1, collections.deque())
    obj = m.Later()
    assert m.g(obj) is obj
    with expect(TypeError, "g() argument 'x' must be Later, not int"):
        m.g(1)
    assert m.h((1, 2)) == (1, 2.0)
    with expect(TypeError, "h() argument 'x' must be tuple | None, not list"):
        m.h([1, 2])


def test_name_error_at_first_call_not_decoration_and_retried():
    m = define("""
        from spyc import checked
        @checked
        def f(x: "Missing") -> int:
            return 1
    """)
    with expect(NameError, "name 'Missing' is not defined"):
        m.f(1)
    with expect(NameError, "name 'Missing' is not defined"):
        m.f(1)  # not cached: retried
    m.Missing = int
    assert m.f(1) == 1
    with expect(TypeError, "f() argument 'x' must be int, not str"):
        m.f("a")


def test_resolution_is_cached_after_first_call():
    m = define("""
        from spyc import checked
        T = int
        @checked
        def f(x: "T"):
            return x
    """)
    assert m.f(1) == 1
    m.T = str
    assert m.f(2) == 2  # rebinding after the first call has no effect
    with expect(TypeError, "f() argument 'x' must be int, not str"):
        m.f("a")


def test_names_resolve_in_module_globals_only():
    m = define("""
        from spyc import checked
        def outer():
            class Local: pass
            @checked
            def f(x: "Local"):
                return x
            return f, Local
    """)
    f, Local = m.outer()
    with expect(NameError, "name 'Local' is not defined"):
        f(Local())


def test_builtins_fallback_and_shadowing_by_globals():
    m = define("""
        from spyc import checked
        class int: pass
        @checked
        def f(x: "int"):
            return x
    """)
    obj = m.int()
    assert m.f(obj) is obj  # the module's own class named int (isinstance), not builtins.int
    with expect(TypeError, "f() argument 'x' must be int, not int"):
        m.f(1)


@pytest.mark.parametrize("ann", [
    "typing.Literal[1]", "T", "typing.Callable[[int], int] if True else int",
    "__import__('os').system('echo hacked')", "lambda: int", "[int]", "1", "int + str",
    "typing.Optional", "Proto", "typing.ClassVar[int]",
])
def test_unsupported_annotations(ann):
    m = define(f"""
        import typing
        from spyc import checked
        T = typing.TypeVar("T")
        class Proto(typing.Protocol):
            def x(self) -> int: ...
        @checked
        def f(x: {ann!r}):
            return x
    """)
    with expect(TypeError, f"f(): unsupported annotation {ann!r}"):
        m.f(1)


@pytest.mark.parametrize("make", [lambda: typing.TypeVar("T"), lambda: typing.Literal[1],
                                  lambda: typing.Optional, lambda: 3])
def test_unsupported_annotation_objects(make):
    ann = make()
    m = define("""
        from spyc import checked
        def f(x): return x
    """)
    m.f.__annotations__["x"] = ann
    from spyc import checked
    g = checked(m.f)
    with expect(TypeError, f"f(): unsupported annotation {ann!r}"):
        g(1)


def test_subscripted_abcs_and_callable_check_origin():
    m = define("""
        from collections.abc import Callable, Mapping
        from spyc import checked
        @checked
        def f(cb: Callable[[int], str], m: Mapping[str, int]):
            return cb
    """)
    assert m.f(len, {}) is len
    with expect(TypeError, "f() argument 'cb' must be Callable, not int"):
        m.f(1, {})

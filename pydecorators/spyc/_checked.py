"""``@checked``: argument and return contracts (spec 6.4, 6.10).

The wrapper is generated with ``exec`` so that it has the *identical*
signature as the wrapped function: CPython itself binds the arguments and
formats binding errors from the wrapper's ``__qualname__``.  Its first call
resolves the annotations (through ``_plan``, shared with the compiled
runtime), generates specialised code with a ``type(x) is T`` fast path per
parameter, and swaps ``wrapper.__code__``.  Neither code object has a
closure: helpers live in a private globals dict under ``__spyc_*`` names, so
parameters called ``type`` or ``int`` cannot shadow them.
"""
import ast
import inspect
import types

from ._annotations import tname, Union, Exact, Float, Bool, NoneN, Bounded
from ._plan import entries_for, ASYNC_GEN_MESSAGE

_FunctionType = types.FunctionType


class OwnerHook:
    """``wrapper.__spyc_set_owner__``: ``@frozen`` calls it with the new class.

    ``method=False`` (used by our own ``@frozen`` for classmethod and
    staticmethod contents) records the owner without checking ``self``.
    """
    __slots__ = ("state",)

    def __init__(self, state):
        self.state = state

    def __call__(self, owner, method=True):
        st = self.state
        st.owner = owner if (method and st.method) else None
        st.wrapper.__code__ = st.stub_code  # re-plan at the next call


class _State:
    __slots__ = ("fn", "method", "owner", "wrapper", "stub_code", "ns")


def _signature(fn):
    """(parameter list source, call-forwarding source) for ``fn``'s code."""
    code = fn.__code__
    names = code.co_varnames
    npos, nposonly, nkw = code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount
    ndef = len(fn.__defaults__ or ())
    kwdefs = fn.__kwdefaults__ or {}
    params, call = [], []
    # Defaults are placeholders here; the real ones are copied onto the
    # wrapper's __defaults__/__kwdefaults__ afterwards.
    for i in range(npos):
        params.append(names[i] + ("=None" if i >= npos - ndef else ""))
        call.append(names[i])
        if i == nposonly - 1:
            params.append("/")
    k = npos + nkw
    star = names[k] if code.co_flags & inspect.CO_VARARGS else None
    if star:
        params.append("*" + star)
        call.append("*" + star)
        k += 1
    elif nkw:
        params.append("*")
    for p in names[npos:npos + nkw]:
        params.append(p + ("=None" if p in kwdefs else ""))
        call.append(f"{p}={p}")
    if code.co_flags & inspect.CO_VARKEYWORDS:
        params.append("**" + names[k])
        call.append("**" + names[k])
    return ", ".join(params), ", ".join(call), names, npos, nkw, star


_SIMPLE = {1: "__spyc_type({v}) is __spyc_int", 2: "__spyc_type({v}) is __spyc_float",
           3: "{v} is True or {v} is False", 4: "__spyc_type({v}) is __spyc_str",
           5: "__spyc_type({v}) is __spyc_int and -9223372036854775808 <= {v} <= 9223372036854775807",
           7: "{v} is None"}


def _fast_test(node, code, arg_name, v):
    """A Python expression that is true when ``v`` is accepted unchanged, or None."""
    if code == 6:
        return f"__spyc_type({v}) is {arg_name}"
    if code in _SIMPLE:
        return _SIMPLE[code].format(v=v)
    return None


def _union_test(node, ns, tag, v):
    # Unions of simple members (``int | None``) get an inline test too, so the
    # common Optional parameter does not pay a Python call per invocation.
    if not isinstance(node, Union):
        return None
    parts = []
    for j, m in enumerate(node.members):
        name = f"__spyc_u{tag}_{j}"
        if isinstance(m, Exact):
            ns[name] = m.t
        t = _fast_test(m, m.code, name, v) if type(m) in (Exact, Float, Bool, NoneN, Bounded) else None
        if t is None:
            return None
        parts.append(f"({t})")
    return " or ".join(parts)


def node_lines(code, arg, node, tag, v, ns, slow_expr, indent="    "):
    """Source lines that check variable ``v``: inline fast test, else ``slow_expr``."""
    arg_name = f"__spyc_a{tag}"
    ns[arg_name] = arg
    test = _fast_test(node, code, arg_name, v) or _union_test(node, ns, tag, v)
    if test is None:
        return [f"{indent}{v} = {slow_expr}"]
    return [f"{indent}if not ({test}): {v} = {slow_expr}"]


def _user_code(src, fn, name):
    """Compile the generated ``src`` (defining ``name``) as if it were ``fn``'s own code.

    Every instruction is placed at ``fn``'s first line (``co_firstlineno``) in
    ``fn``'s file, so the one frame a contract error shows for the wrapper is the
    user's definition, as for compiled functions (docs/contracts-spec.md,
    "Tracebacks of contract errors").
    """
    tree = ast.parse(src)
    line = fn.__code__.co_firstlineno
    for node in ast.walk(tree):
        if "lineno" in node._attributes:
            node.lineno = node.end_lineno = line
            # a column range past the line's end: tracebacks print no carets
            node.col_offset, node.end_col_offset = 0, 100000
    return compile(tree, fn.__code__.co_filename, "exec", dont_inherit=True)


# The checks of one call: a contract error is re-raised from the wrapper's own
# frame with the checker's frames (spyc._plan, spyc._annotations) dropped.
_TRY = "    try:"
_RERAISE = "    except __spyc_BaseException as __spyc_e:\n        raise __spyc_e.with_traceback(None)"


def _guarded(lines):
    if not lines:
        return []
    return [_TRY, *("    " + x for x in lines), _RERAISE]


def _check_lines(entry, tag, v, ns, indent="    "):
    if entry is None:
        return []
    code, arg, slow, node, kind = entry
    slow_name = f"__spyc_s{tag}"
    ns[slow_name] = slow
    if kind in ("star", "kwargs"):
        return [f"{indent}if {v}: {v} = {slow_name}({v})"]
    return node_lines(code, arg, node, tag, v, ns, f"{slow_name}({v})", indent)


def _specialise(st):
    fn = st.fn
    params, ret = entries_for(fn, st.owner)
    sig, call, names, npos, nkw, star = _signature(fn)
    ns = st.ns
    slots = list(names[:npos])
    if star:
        slots.append(star)
    slots += list(names[npos:npos + nkw])
    code = fn.__code__
    if code.co_flags & inspect.CO_VARKEYWORDS:
        slots.append(names[npos + nkw + (1 if star else 0)])
    flags = code.co_flags
    is_coro = bool(flags & inspect.CO_COROUTINE)
    is_gen = bool(flags & (inspect.CO_GENERATOR | inspect.CO_ITERABLE_COROUTINE))
    lines = [f"{'async ' if is_coro else ''}def __spyc_gen({sig}):"]
    checks = []
    for i, (p, e) in enumerate(zip(slots, params)):
        checks += _check_lines(e, i, p, ns)
    lines += _guarded(checks)
    if is_gen:
        lines.append(f"    return (yield from __spyc_fn({call}))")
    elif ret is None:
        lines.append(f"    return {'await ' if is_coro else ''}__spyc_fn({call})")
    else:
        lines.append(f"    __spyc_r = {'await ' if is_coro else ''}__spyc_fn({call})")
        lines += _guarded(_check_lines(ret, "r", "__spyc_r", ns))
        lines.append("    return __spyc_r")
    exec(_user_code("\n".join(lines), fn, "__spyc_gen"), ns)
    new = ns.pop("__spyc_gen").__code__
    st.wrapper.__code__ = new.replace(co_name=fn.__name__, co_qualname=fn.__qualname__)


def _stub_source(fn, sig, call):
    flags = fn.__code__.co_flags
    if flags & inspect.CO_COROUTINE:
        tail = f"return await __spyc_self({call})"
        head = "async def"
    elif flags & (inspect.CO_GENERATOR | inspect.CO_ITERABLE_COROUTINE):
        # The checks of a generator run when its frame first starts.
        tail = f"return (yield from __spyc_self({call}))"
        head = "def"
    else:
        tail = f"return __spyc_self({call})"
        head = "def"
    # A contract error raised by the freshly specialised code (its frame is the
    # last one) is re-raised from this frame alone, so the first call shows
    # the same single wrapper frame as later calls.
    return (f"{head} __spyc_stub({sig}):\n    __spyc_prepare()\n"
            f"    try:\n        {tail}\n"
            f"    except __spyc_BaseException as __spyc_e:\n"
            f"        if __spyc_raised_here(__spyc_e, __spyc_self):\n"
            f"            raise __spyc_e.with_traceback(None)\n"
            f"        raise\n")


def _raised_here(e, wrapper):
    """Was e raised by the wrapper's freshly specialised code itself (its frame is the last)?
    A function of its own, so that no traceback is left in a local of the stub's frame: the
    propagating exception's traceback holds that frame, and a traceback in it would keep the
    raising frame's locals alive after the exception is gone."""
    tb = e.__traceback__.tb_next
    return tb is not None and tb.tb_next is None and tb.tb_frame.f_code is wrapper.__code__


def _wrap(fn, method):
    if type(fn) is not _FunctionType:
        raise TypeError(f"checked() argument must be a function, not {tname(fn)}")
    if fn.__code__.co_flags & inspect.CO_ASYNC_GENERATOR:
        raise TypeError(ASYNC_GEN_MESSAGE)
    sig, call, *_ = _signature(fn)
    st = _State()
    st.fn, st.method, st.owner = fn, method, None
    ns = {"__builtins__": {}, "__spyc_fn": fn, "__spyc_type": type,
          "__spyc_int": int, "__spyc_float": float, "__spyc_str": str,
          "__spyc_BaseException": BaseException, "__spyc_raised_here": _raised_here,
          "__spyc_prepare": lambda: _specialise(st)}
    st.ns = ns
    exec(_user_code(_stub_source(fn, sig, call), fn, "__spyc_stub"), ns)
    w = ns.pop("__spyc_stub")
    st.stub_code = w.__code__ = w.__code__.replace(co_name=fn.__name__,
                                                   co_qualname=fn.__qualname__)
    st.wrapper = w
    ns["__spyc_self"] = w
    w.__name__ = fn.__name__
    w.__qualname__ = fn.__qualname__
    w.__module__ = fn.__module__
    w.__doc__ = fn.__doc__
    w.__defaults__ = fn.__defaults__
    w.__kwdefaults__ = dict(fn.__kwdefaults__) if fn.__kwdefaults__ else None
    w.__annotations__ = fn.__annotations__
    if hasattr(fn, "__type_params__"):
        w.__type_params__ = fn.__type_params__
    w.__dict__.update(fn.__dict__)
    w.__wrapped__ = fn
    w.__spyc_set_owner__ = OwnerHook(st)
    return w


def checked(fn):
    """Enforce parameter and return annotations at run time (spec 6.4)."""
    if isinstance(fn, classmethod):
        return classmethod(_wrap(fn.__func__, False))
    if isinstance(fn, staticmethod):
        return staticmethod(_wrap(fn.__func__, False))
    if isinstance(fn, property):
        def sub(f):
            return None if f is None else _wrap(f, True)
        return type(fn)(sub(fn.fget), sub(fn.fset), sub(fn.fdel), fn.__doc__)
    return _wrap(fn, True)


def is_checked_decorator(obj):
    return obj is checked

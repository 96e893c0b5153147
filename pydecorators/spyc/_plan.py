"""Check plans: the one place where a function's annotations become checks.

Both the interpreted ``@checked`` wrapper and the C runtime of compiled
modules use these plans, so their error messages cannot diverge.

``plan_for(fn, owner) -> (params, ret)``

* ``params`` has one entry per bound slot: positional-only and
  positional-or-keyword parameters, then the ``*args`` tuple (if any), then
  keyword-only parameters, then the ``**kwargs`` dict (if any).
* ``ret`` is the return entry (``None`` for generator functions, whose return
  annotation is ignored; for coroutine functions it applies to the awaited
  result, which the caller checks).
* An entry is ``None`` (no check) or ``(code, arg, slow)``.  ``code`` is a
  fast test: 0 none, 1 ``type(v) is int``, 2 ``type(v) is float``, 3 ``v is
  True or v is False``, 4 ``type(v) is str``, 5 exact int in i64 range,
  6 ``type(v) is arg``, 7 ``v is None``.  When the test fails (or code is 0)
  the caller calls ``slow(v)``, which returns the accepted, possibly promoted
  value or raises the catalogue error.  For ``*args``/``**kwargs`` code is 0
  and ``slow`` takes and returns the whole tuple/dict.
* If ``owner`` is not None, the first positional parameter is checked as
  ``type(v) is owner`` (code 6).  Pass ``owner=None`` for functions used as
  classmethod/staticmethod: their first parameter is never checked.

Resolution errors (NameError, unsupported-annotation TypeError) propagate and
nothing is cached, so the caller retries on its next call.

Owner protocol: when ``@frozen`` builds the new class it calls
``obj.__spyc_set_owner__(new_cls)`` on every class-body value and property
accessor that has that attribute.  Functions inside classmethod/staticmethod
get no call (spyc's own wrappers are told ``method=False``), since their
first parameter is never a checked ``self``.
"""
import inspect
import weakref

from ._annotations import resolve, tname

_CO_VARARGS = inspect.CO_VARARGS
_CO_VARKEYWORDS = inspect.CO_VARKEYWORDS
_CO_GENERATOR = inspect.CO_GENERATOR | inspect.CO_ITERABLE_COROUTINE
_CO_ASYNC_GEN = inspect.CO_ASYNC_GENERATOR

ASYNC_GEN_MESSAGE = "checked() does not support async generator functions"


class Entry(tuple):
    """``(code, arg, slow)`` plus the node, kept for the wrapper's code generator."""
    __slots__ = ()

    def __new__(cls, code, arg, slow, node=None, kind="value"):
        return tuple.__new__(cls, (code, arg, slow, node, kind))

    def triple(self):
        return (self[0], self[1], self[2])


def _value_entry(node, subj):
    check = node.check

    def slow(v):
        return check(v, subj)
    return Entry(node.code, node.arg, slow, node)


def _star_entry(node, q, star):
    check = node.check

    def slow(t):
        out = None
        for i, x in enumerate(t):
            y = check(x, lambda path, i=i: f"{q}() argument '{star}[{i}]{path}'")
            if y is not x and out is None:
                out = list(t)
            if out is not None:
                out[i] = y
        return t if out is None else tuple(out)
    return Entry(0, None, slow, node, "star")


def _kwargs_entry(node, q):
    check = node.check

    def slow(d):
        out = None
        for k, x in d.items():
            y = check(x, lambda path, k=k: f"{q}() argument '{k}{path}'")
            if y is not x:
                if out is None:
                    out = dict(d)
                out[k] = y
        return d if out is None else out
    return Entry(0, None, slow, node, "kwargs")


def _self_entry(owner, q, p):
    def slow(v):
        if type(v) is owner:
            return v
        raise TypeError(f"{q}() argument '{p}' must be {owner.__qualname__}, not {tname(v)}")
    return Entry(6, owner, slow, None, "self")


_cache = weakref.WeakKeyDictionary()  # fn -> {owner: (params, ret)}


def entries_for(fn, owner):
    """The full plan as ``Entry`` objects (cached per (fn, owner))."""
    per_fn = _cache.get(fn)
    if per_fn is not None and owner in per_fn:
        return per_fn[owner]
    plan = _build(fn, owner)
    _cache.setdefault(fn, {})[owner] = plan
    return plan


def _build(fn, owner):
    code = fn.__code__
    if code.co_flags & _CO_ASYNC_GEN:
        raise TypeError(ASYNC_GEN_MESSAGE)
    q = fn.__qualname__
    where = f"{q}()"
    anns = fn.__annotations__
    g = fn.__globals__
    names = code.co_varnames
    npos = code.co_argcount
    nkw = code.co_kwonlyargcount
    i = npos + nkw
    star = names[i] if code.co_flags & _CO_VARARGS else None
    dstar = names[i + (star is not None)] if code.co_flags & _CO_VARKEYWORDS else None

    def node_of(p):
        return resolve(anns[p], g, where) if p in anns else None

    def param(p):
        n = node_of(p)
        if n is None:
            return None
        return _value_entry(n, lambda path, p=p: f"{q}() argument '{p}{path}'")

    params = []
    for k, p in enumerate(names[:npos]):
        if k == 0 and owner is not None:
            params.append(_self_entry(owner, q, p))
        else:
            params.append(param(p))
    if star is not None:
        n = node_of(star)
        params.append(None if n is None else _star_entry(n, q, star))
    for p in names[npos:npos + nkw]:
        params.append(param(p))
    if dstar is not None:
        n = node_of(dstar)
        params.append(None if n is None else _kwargs_entry(n, q))
    ret = None
    if not code.co_flags & _CO_GENERATOR:
        n = node_of("return")
        if n is not None:
            ret = _value_entry(n, lambda path: f"{q}() return value{path}")
    return tuple(params), ret


def plan_for(fn, owner):
    """``(params, ret)`` for the compiled runtime; see the module docstring."""
    params, ret = entries_for(fn, owner)
    return (tuple(None if e is None else e.triple() for e in params),
            None if ret is None else ret.triple())

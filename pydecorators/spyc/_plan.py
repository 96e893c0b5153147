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


# Contract violations raised by the checkers below, per exception type name, since the
# last reset (the pytest plugin's summary; the compiled runtime calls the same checkers).
_violations = {}


def _count(exc):
    name = type(exc).__name__
    _violations[name] = _violations.get(name, 0) + 1


def violations():
    """``{exception type name: count}`` of contract violations raised since the last reset."""
    return dict(_violations)


def reset_violations():
    _violations.clear()


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
        try:
            return check(v, subj)
        except (TypeError, OverflowError) as e:
            _count(e)
            raise
    return Entry(node.code, node.arg, slow, node)


def _star_entry(node, q, star):
    check = node.check

    def slow(t):
        try:
            return star_items(t)
        except (TypeError, OverflowError) as e:
            _count(e)
            raise

    def star_items(t):
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
        try:
            return kw_items(d)
        except (TypeError, OverflowError) as e:
            _count(e)
            raise

    def kw_items(d):
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
        e = TypeError(f"{q}() argument '{p}' must be {owner.__qualname__}, not {tname(v)}")
        _count(e)
        raise e
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


# ---------------------------------------------------------------- classes (@frozen, @record)

CLASS_GENERATED_INIT = 1  # the class has the generated constructor (fields as parameters)
CLASS_POST_INIT = 2       # ... and it calls __post_init__ (under construction, for @frozen)


def class_plan(cls):
    """The field contract of a ``@frozen`` or ``@record`` class, for the compiled runtime.

    ``(kind, fields, entries, defaults, flags, building)``:

    * ``kind`` is ``"frozen"`` or ``"record"``; ``fields`` the field names in order (the
      ``__slots__`` members, whose member descriptors give the offsets);
    * ``entries[i]`` is ``None`` (a record field annotated ``object``/``Any``: no check) or
      ``(code, arg, slow, acyclic)``: ``code``/``arg`` the fast test of ``plan_for``; when it
      fails, ``slow(v)`` returns the accepted, possibly promoted value or raises the catalogue
      error (``C.f must be float, not str``, ``C.f out of range for i64``, …). ``acyclic`` is
      true for ``@frozen`` fields that can hold frozen instances: while ``building`` (the set
      of instances under construction) is not empty, such a value must go through ``slow`` even
      when the fast test passes, so that the acyclicity error is raised;
    * ``defaults`` are the generated constructor's defaults (a suffix of ``fields``, like
      ``__defaults__``); ``flags`` has ``CLASS_GENERATED_INIT`` when construction is the
      generated constructor (check every field in order, allocate, store, then
      ``__post_init__`` if ``CLASS_POST_INIT``) and not a user ``__init__``;
    * ``building`` is ``spyc._frozen._building`` (``None`` for records).

    Resolution errors (``NameError``, unsupported annotations) propagate and nothing is cached:
    the caller retries at its next use, as the interpreted class does.
    """
    from . import _frozen, _record  # late: both import this module's users
    if isinstance(cls, _frozen._FrozenMeta) and "__spyc_info__" in cls.__dict__:
        kind, building = "frozen", _frozen._building
    elif isinstance(cls, _record._RecordMeta) and "__spyc_info__" in cls.__dict__:
        kind, building = "record", None
    else:
        raise TypeError(f"class_plan() argument must be a frozen or record class, not {tname(cls)}")
    info = cls.__dict__["__spyc_info__"]
    nodes = info.ensure()
    entries = []
    for i, n in enumerate(nodes):
        if n is None:
            entries.append(None)
            continue

        def slow(v, i=i):
            return info.check(i, v)
        entries.append((n.code, n.arg, slow, kind == "frozen" and n.frozenish))
    fields = tuple(info.fields)
    flags = 0
    if not info.user_init:
        flags |= CLASS_GENERATED_INIT
        if info.post_init:
            flags |= CLASS_POST_INIT
    defaults = tuple(info.defaults[f] for f in fields if f in info.defaults) if not info.user_init else ()
    return kind, fields, tuple(entries), defaults, flags, building

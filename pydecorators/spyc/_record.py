"""``@record``: final, slotted, typed *mutable* records (spec 6.11).

The decorated class is rebuilt like a ``@frozen`` one (``__slots__ = fields +
('__weakref__',)``, an immutable and final class through a spyc metaclass),
but its instances stay mutable: every store goes through a per-class
generated ``__setattr__`` that dispatches on the field name with an inline
``type(v) is T`` fast test and calls the field's check (the shared nodes of
``_annotations``, so the messages are the ``@checked``/``@frozen`` ones) only
when that test fails.  Reads are untouched slot reads.

Construction mirrors ``@frozen``: a generated constructor (a per-class
metaclass ``__call__``, one Python frame, qualname ``C.__init__``) or a user
``__init__`` run through the shared metaclass ``__call__``, which then
requires every field to be set.  Field annotations resolve lazily, at the
first construction, store or unpickle, in the class's module globals.
"""
import copy as _copy
from threading import get_ident as _get_ident

from ._annotations import resolve, tname, is_classvar
from ._checked import node_lines
from ._frozen import _exec, _fix_cells, _hooks, _globals_of

_FORBIDDEN = ("__slots__", "__setattr__", "__delattr__", "__new__", "__hash__")


class _Info:
    """Per-record-class bookkeeping; field annotations are resolved lazily."""

    def __init__(self, cls, fields, defaults, user_init, post_init, globalns):
        self.name = cls.__name__
        self.qualname = cls.__qualname__
        self.fields = fields
        self.defaults = defaults
        self.anns = {f: cls.__dict__["__annotations__"][f] for f in fields}
        self.user_init = user_init
        self.post_init = post_init
        self.globalns = globalns
        self.nodes = None  # resolved at first construction / store / unpickle

    def bind(self, cls):
        self.cls = cls
        self.setters = [cls.__dict__[f].__set__ for f in self.fields]
        self.getters = [cls.__dict__[f].__get__ for f in self.fields]

    def ensure(self):
        if self.nodes is None:
            # object/Any fields resolve to None: stored unchecked
            nodes = [resolve(self.anns[f], self.globalns, f"{self.qualname}.{f}")
                     for f in self.fields]
            self.nodes = nodes
        return self.nodes

    def subject(self, f):
        q = self.qualname
        return lambda path: f"{q}.{f}{path}"

    def check(self, i, v):
        n = self.nodes[i]
        return v if n is None else n.check(v, self.subject(self.fields[i]))

    def check_lines(self, i, v, ns, indent="    "):
        """Check-and-promote source for field ``i`` held in variable ``v`` (the @frozen text)."""
        n, f = self.nodes[i], self.fields[i]
        if n is None:
            return []
        ns[f"__spyc_c{i}"] = self.subject(f)
        ns[f"__spyc_n{i}"] = n
        return node_lines(n.code, n.arg, n, i, v, ns, f"__spyc_n{i}.check({v}, __spyc_c{i})", indent)

    def namespace(self):
        ns = {"__builtins__": {}, "__spyc_type": type, "__spyc_int": int, "__spyc_float": float,
              "__spyc_str": str, "__spyc_new": object.__new__}
        for i in range(len(self.fields)):
            ns[f"__spyc_set{i}"] = self.setters[i]
        return ns

    def _missing(self, obj):
        for f, get in zip(self.fields, self.getters):
            try:
                get(obj, self.cls)
            except AttributeError:
                raise TypeError(f"{self.qualname}.__init__() did not set field '{f}'") from None

    def allset(self, obj):
        for get in self.getters:
            try:
                get(obj, self.cls)
            except AttributeError:
                self._missing(obj)

    def no_attribute(self, name):
        return AttributeError(f"'{self.name}' object has no attribute '{name}'")


class _RecordMeta(type):
    """Metaclass of every record class: immutable class, finality, user-init construction."""

    def __new__(mcls, name, bases, ns, **kw):
        for b in bases:
            if isinstance(b, _RecordMeta):
                raise TypeError(f"type '{b.__name__}' is not an acceptable base type")
        return super().__new__(mcls, name, bases, ns, **kw)

    def __setattr__(cls, name, value):
        raise TypeError(f"cannot set '{name}' attribute of immutable type '{cls.__name__}'")

    def __delattr__(cls, name):
        raise TypeError(f"cannot set '{name}' attribute of immutable type '{cls.__name__}'")

    def __call__(cls, *args, **kwargs):
        # Only user-__init__ classes get here; generated-init classes have a
        # per-class metaclass whose __call__ is the generated constructor.
        info = cls.__dict__["__spyc_info__"]
        info.ensure()
        self = _new(cls)
        for i, f in enumerate(info.fields):
            if f in info.defaults:  # defaulted fields are pre-set (and checked)
                info.setters[i](self, info.check(i, info.defaults[f]))
        r = cls.__init__(self, *args, **kwargs)
        if r is not None:
            raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
        info.allset(self)
        return self


_new = object.__new__


def _info_of(cls, who):
    info = cls.__dict__.get("__spyc_info__") if isinstance(cls, _RecordMeta) else None
    if info is None:
        raise TypeError(f"{who}() argument must be a record class, not {tname(cls)}")
    return info


def _reconstruct_record(cls, values):
    """Unpickling: rebuild a record, re-checking every field, without __init__."""
    info = _info_of(cls, "_reconstruct_record")
    info.ensure()
    if type(values) is not tuple or len(values) != len(info.fields):
        raise TypeError(f"_reconstruct_record() expected a tuple of {len(info.fields)} field values")
    checked_values = [info.check(i, v) for i, v in enumerate(values)]
    self = _new(cls)
    for i, v in enumerate(checked_values):
        info.setters[i](self, v)
    return self


_reconstruct_record.__module__ = "spyc"  # pickles reference spyc._reconstruct_record


# ---------------------------------------------------------------- code generation

def _lazy(info, name, sig, call, body):
    """A function that resolves the fields at its first call, then swaps in generated code.

    ``body(ns)`` returns the real function's source lines; stub and real code
    share one private globals dict (no closures, so ``__code__`` can be swapped).
    """
    qual = f"{info.qualname}.{name}"
    ns = {"__builtins__": {}}

    def prepare():
        info.ensure()
        ns.update(info.namespace())
        src = f"def __spyc_def({sig}):\n" + "\n".join(body(ns)) + "\n"
        stub.__code__ = _exec(src, ns, name, qual).__code__

    ns["__spyc_prepare"] = prepare
    stub = _exec(f"def __spyc_def({sig}):\n    __spyc_prepare()\n    return __spyc_self({call})\n",
                 ns, name, qual)
    ns["__spyc_self"] = stub
    return stub


def _make_init(info, ctor):
    """Generated constructor (``ctor``: takes the class, returns the instance) or ``__init__``."""
    fields = info.fields
    first = "__spyc_cls" if ctor else "__spyc_o"
    sig = ", ".join([first] + [f"{f}=None" if f in info.defaults else f for f in fields])

    def body(ns):
        lines = []
        for i, f in enumerate(fields):
            lines += info.check_lines(i, f, ns)
        if ctor:
            lines.append("    __spyc_o = __spyc_new(__spyc_cls)")
        for i, f in enumerate(fields):
            lines.append(f"    __spyc_set{i}(__spyc_o, {f})")
        if info.post_init:
            lines.append("    __spyc_o.__post_init__()")
        lines.append("    return __spyc_o" if ctor else "    return None")
        return lines

    fn = _lazy(info, "__init__", sig, ", ".join([first, *fields]), body)
    fn.__defaults__ = tuple(info.defaults[f] for f in fields if f in info.defaults) or None
    return fn


def _make_setattr(info):
    """Per-class ``__setattr__``: one frame, a chain on the name, inline fast type tests."""
    fields = info.fields

    def body(ns):
        ns["__spyc_noattr"] = info.no_attribute
        lines = []
        for i, f in enumerate(fields):
            lines.append(f"    {'if' if i == 0 else 'elif'} name == {f!r}:")
            lines += info.check_lines(i, "value", ns, indent="        ")
            lines.append(f"        __spyc_set{i}(self, value)")
        if fields:
            lines.append("    else:")
            lines.append("        raise __spyc_noattr(name)")
        else:
            lines.append("    raise __spyc_noattr(name)")
        return lines

    return _lazy(info, "__setattr__", "self, name, value", "self, name, value", body)


def _make_members(info, d):
    """Generated dunders, added only where the body does not define them."""
    fields = info.fields
    q = info.qualname
    gen = {}
    cmp = " and ".join(f"self.{f} == other.{f}" for f in fields) if fields else "True"
    gen["__eq__"] = (f"def __spyc_def(self, other):\n"
                     f"    if self is other: return True\n"
                     f"    if __spyc_type(other) is not __spyc_type(self): return NotImplemented\n"
                     f"    return {cmp}\n")
    parts = ", ".join(f"{f}={{self.{f}!r}}" for f in fields)
    # A record can refer to itself; like dataclasses (reprlib.recursive_repr),
    # a record already being repr'd by this thread prints as '...'.
    gen["__repr__"] = ("def __spyc_def(self):\n"
                       "    __spyc_k = (__spyc_id(self), __spyc_ident())\n"
                       "    if __spyc_k in __spyc_running: return '...'\n"
                       "    __spyc_running.add(__spyc_k)\n"
                       "    try:\n"
                       f"        return f'{{__spyc_type(self).__qualname__}}({parts})'\n"
                       "    finally:\n"
                       "        __spyc_running.discard(__spyc_k)\n")
    base_ns = {"__builtins__": {}, "__spyc_type": type, "NotImplemented": NotImplemented,
               "__spyc_id": id, "__spyc_ident": _get_ident}
    for name, src in gen.items():
        if name not in d:
            ns = dict(base_ns)
            if name == "__repr__":
                ns["__spyc_running"] = set()
            d[name] = _exec(src, ns, name, f"{q}.{name}")

    def __copy__(self):
        info.ensure()
        new = _new(type(self))
        for s, g in zip(info.setters, info.getters):
            s(new, g(self))
        return new

    def __deepcopy__(self, memo):
        info.ensure()
        new = _new(type(self))
        memo[id(self)] = new
        for i, g in enumerate(info.getters):
            info.setters[i](new, info.check(i, _copy.deepcopy(g(self), memo)))
        return new

    def __reduce__(self):
        return (_reconstruct_record, (type(self), tuple(g(self) for g in info.getters)))

    for fn in (__copy__, __deepcopy__, __reduce__):
        if fn.__name__ not in d:
            fn.__qualname__ = f"{q}.{fn.__name__}"
            d[fn.__name__] = fn
    if "__match_args__" not in d:
        d["__match_args__"] = tuple(fields)
    d["__hash__"] = None  # records are never hashable


def record(cls):
    """Make ``cls`` a final, slotted record whose every field store is type-checked (spec 6.11)."""
    if not isinstance(cls, type):
        raise TypeError(f"record() argument must be a class, not {tname(cls)}")
    q = cls.__qualname__
    if type(cls) is not type:
        raise TypeError(f"record class '{q}' cannot have a custom metaclass")
    if cls.__bases__ != (object,):
        base = next(b for b in cls.__bases__ if b is not object)
        raise TypeError(f"record class '{q}' cannot inherit from '{base.__name__}'")
    d = dict(cls.__dict__)
    for name in _FORBIDDEN:
        if name in d and not (name == "__hash__" and d[name] is None):
            raise TypeError(f"record class '{q}' cannot define {name}")
    anns = d.get("__annotations__", {})
    fields = [f for f, a in anns.items() if not is_classvar(a)]
    defaults = {f: d.pop(f) for f in fields if f in d}
    user_init = "__init__" in d
    if not user_init:
        seen_default = False
        for f in fields:
            if f in defaults:
                seen_default = True
            elif seen_default:
                raise TypeError(f"non-default field '{f}' follows default field in record class '{q}'")
    d.pop("__dict__", None)
    d.pop("__weakref__", None)
    info = _Info(cls, fields, defaults, user_init, "__post_init__" in d and not user_init,
                 _globals_of(cls, d))
    _make_members(info, d)
    field_set = frozenset(fields)
    cls_name = cls.__name__

    def __delattr__(self, name):
        if name in field_set:
            raise TypeError(f"cannot delete field '{name}' of record '{cls_name}'")
        raise AttributeError(f"'{cls_name}' object has no attribute '{name}'")

    def __new__(cls_, *args, **kwargs):
        raise TypeError(f"cannot create '{cls_name}' instances")

    info.setattr = _make_setattr(info)  # compiled stores skip it only while it is __setattr__
    members = {"__setattr__": info.setattr, "__delattr__": __delattr__,
               "__new__": staticmethod(__new__)}
    if not user_init:
        members["__init__"] = _make_init(info, ctor=False)
    for name, fn in members.items():
        f = fn.__func__ if isinstance(fn, staticmethod) else fn
        f.__qualname__ = f"{q}.{name}"
        d[name] = fn
    d["__slots__"] = tuple(fields) + ("__weakref__",)
    d["__qualname__"] = q
    d["__spyc_record__"] = True
    d["__spyc_info__"] = info

    if user_init:
        meta = _RecordMeta
    else:
        ctor = _make_init(info, ctor=True)
        info.ctor = ctor  # the compiled runtime builds instances in C only behind this __call__
        meta = type.__new__(type, f"{cls.__name__}_spyc_meta", (_RecordMeta,),
                            {"__call__": ctor, "__module__": __name__,
                             "__qualname__": f"{cls.__name__}_spyc_meta"})
    new = type.__new__(meta, cls.__name__, (), d)
    info.bind(new)
    seen = set()
    for v in d.values():
        _fix_cells(v, cls, new, seen)
    for v in d.values():
        _hooks(v, new)
    return new

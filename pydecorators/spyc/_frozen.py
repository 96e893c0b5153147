"""``@frozen``: final, slotted, deeply immutable value classes (spec 6.5).

The decorated class is rebuilt through a spyc metaclass with
``__slots__ = fields + ('__weakref__',)``.  The metaclass makes the class
itself immutable and final.  Construction:

* generated ``__init__``: a *per-class* metaclass whose ``__call__`` is the
  generated constructor (one Python frame, qualname ``C.__init__``);
* user ``__init__``: the shared metaclass ``__call__`` marks the instance as
  under construction (its ``id`` in ``_building``) while ``__init__`` runs.

Instance ``__setattr__`` only lets stores through while the instance is under
construction; reads go straight to the slot descriptors, so they cost the same
as a plain ``__slots__`` read.
"""
import sys
from dataclasses import FrozenInstanceError

from ._annotations import resolve, tname, is_classvar, Float
from ._checked import OwnerHook, node_lines

# ids of instances whose __init__/__post_init__ is running.  A live object's
# id is unique, and set add/discard are atomic, so this is thread-safe.
_building = set()

_FORBIDDEN = ("__slots__", "__setattr__", "__delattr__", "__new__")


def _norm(v):
    """Hash normalisation: NaN -> 0.0 (also inside tuple fields)."""
    t = type(v)
    if t is float:
        return 0.0 if v != v else v
    if t is tuple:
        return tuple(map(_norm, v))
    return v


def _acyclic(cls_q, f, v):
    # Only frozen instances can be under construction, and a fully built one
    # never points at one, so only the value and its tuple items need a look.
    if type(v) is tuple:
        for x in v:
            _acyclic(cls_q, f, x)
    elif id(v) in _building and getattr(type(v), "__spyc_frozen__", False) is True:
        raise TypeError(f"{cls_q}.{f} must not refer to an object under construction")


class _Info:
    """Per-class bookkeeping; field annotations are resolved lazily."""

    def __init__(self, cls, fields, defaults, user_init, post_init, globalns):
        self.name = cls.__name__
        self.qualname = cls.__qualname__
        self.fields = fields
        self.defaults = defaults
        self.anns = {f: cls.__dict__["__annotations__"][f] for f in fields}
        self.user_init = user_init
        self.post_init = post_init
        self.globalns = globalns
        self.nodes = None  # resolved at first construction / unpickle / store
        self.on_resolve = []
        self.stores = {}

    def bind(self, cls):
        self.cls = cls
        self.setters = [cls.__dict__[f].__set__ for f in self.fields]
        self.getters = [cls.__dict__[f].__get__ for f in self.fields]
        # name -> store(obj, value) used by __setattr__ during construction;
        # lazy stubs until the annotations are resolved, then generated code.
        for i, f in enumerate(self.fields):
            self.stores[f] = self._lazy_store(f)
        self.allset = self._missing

    def _lazy_store(self, f):
        def store(obj, value):
            self.ensure()
            self.stores[f](obj, value)
        return store

    def ensure(self):
        if self.nodes is None:
            nodes = [resolve(self.anns[f], self.globalns, f"{self.qualname}.{f}", field=True)
                     for f in self.fields]
            self.nodes = nodes
            self._generate()
            for cb in self.on_resolve:
                cb()
        return self.nodes

    def subject(self, f):
        q = self.qualname
        return lambda path: f"{q}.{f}{path}"

    def check_lines(self, i, v, ns, indent="    "):
        """Check-and-promote source for field ``i`` held in variable ``v``."""
        n, f = self.nodes[i], self.fields[i]
        ns[f"__spyc_c{i}"] = self.subject(f)
        ns[f"__spyc_n{i}"] = n
        lines = node_lines(n.code, n.arg, n, i, v, ns, f"__spyc_n{i}.check({v}, __spyc_c{i})", indent)
        if n.frozenish:
            ns[f"__spyc_f{i}"] = f
            lines.append(f"{indent}if __spyc_building: __spyc_acyclic(__spyc_q, __spyc_f{i}, {v})")
        return lines

    def namespace(self):
        return {"__builtins__": {}, "__spyc_type": type, "__spyc_int": int, "__spyc_float": float,
                "__spyc_str": str, "__spyc_new": object.__new__, "__spyc_id": id,
                "__spyc_building": _building, "__spyc_acyclic": _acyclic, "__spyc_q": self.qualname,
                "__spyc_missing": self._missing, "AttributeError": AttributeError}

    def _generate(self):
        for i, f in enumerate(self.fields):
            ns = self.namespace()
            ns["__spyc_set"] = self.setters[i]
            src = ["def __spyc_def(obj, value):", *self.check_lines(i, "value", ns),
                   "    __spyc_set(obj, value)"]
            self.stores[f] = _exec("\n".join(src) + "\n", ns, f, f"{self.qualname}.{f}")
        if self.fields:
            ns = self.namespace()
            reads = "; ".join(f"obj.{f}" for f in self.fields)
            src = (f"def __spyc_def(obj):\n    try:\n        {reads}\n"
                   f"    except AttributeError:\n        __spyc_missing(obj)\n")
            self.allset = _exec(src, ns, "__init__", f"{self.qualname}.__init__")

    def check(self, i, v):
        n = self.nodes[i]
        f = self.fields[i]
        v = n.check(v, self.subject(f))
        if n.frozenish and _building:
            _acyclic(self.qualname, f, v)
        return v

    def _missing(self, obj):
        for f, get in zip(self.fields, self.getters):
            try:
                get(obj, self.cls)
            except AttributeError:
                raise TypeError(f"{self.qualname}.__init__() did not set field '{f}'") from None


class _FrozenMeta(type):
    """Metaclass of every frozen class: immutable class, finality, user-init construction."""

    def __new__(mcls, name, bases, ns, **kw):
        for b in bases:
            if isinstance(b, _FrozenMeta):
                raise TypeError(f"type '{b.__name__}' is not an acceptable base type")
        return super().__new__(mcls, name, bases, ns, **kw)

    def __setattr__(cls, name, value):
        raise TypeError(f"cannot set '{name}' attribute of immutable type '{cls.__name__}'")

    def __delattr__(cls, name):
        raise TypeError(f"cannot set '{name}' attribute of immutable type '{cls.__name__}'")

    def __call__(cls, *args, **kwargs):
        # Only user-__init__ classes get here; generated-init classes have a
        # per-class metaclass whose __call__ is the generated constructor.
        info = cls.__spyc_info__
        if info.nodes is None:
            info.ensure()
        self = _new(cls)
        for f, v in info.defaults.items():
            info.stores[f](self, v)  # defaulted fields are pre-set (and checked)
        key = id(self)
        _building.add(key)
        try:
            r = cls.__init__(self, *args, **kwargs)
        finally:
            _building.discard(key)
        if r is not None:
            raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
        info.allset(self)
        return self


_new = object.__new__


def _reconstruct(cls, values):
    """Unpickling: rebuild a frozen instance, re-checking every field, without __init__."""
    info = cls.__dict__.get("__spyc_info__") if isinstance(cls, _FrozenMeta) else None
    if info is None:
        raise TypeError(f"_reconstruct() argument must be a frozen class, not {tname(cls)}")
    info.ensure()
    if type(values) is not tuple or len(values) != len(info.fields):
        raise TypeError(f"_reconstruct() expected a tuple of {len(info.fields)} field values")
    self = object.__new__(cls)
    for i, v in enumerate(values):
        info.setters[i](self, info.check(i, v))
    return self


_reconstruct.__module__ = "spyc"  # pickles reference spyc._reconstruct


# ---------------------------------------------------------------- code generation

def _exec(src, ns, name, qualname):
    exec(src, ns)
    fn = ns.pop("__spyc_def")
    fn.__qualname__ = qualname
    fn.__code__ = fn.__code__.replace(co_name=name, co_qualname=qualname)
    return fn


def _ctor_source(info, body):
    sig = ["__spyc_cls"]
    for f in info.fields:
        sig.append(f"{f}=None" if f in info.defaults else f)
    return f"def __spyc_def({', '.join(sig)}):\n" + "\n".join(body) + "\n"


def _make_ctor(info, ns):
    """Generated constructor: a stub that resolves the fields then swaps in real code."""
    fields = info.fields
    call = ", ".join(fields)

    def prepare():
        info.ensure()
        body = []
        for i, f in enumerate(fields):
            ns[f"__spyc_set{i}"] = info.setters[i]
            body += info.check_lines(i, f, ns)
        body.append("    __spyc_o = __spyc_new(__spyc_cls)")
        for i, f in enumerate(fields):
            body.append(f"    __spyc_set{i}(__spyc_o, {f})")
        if info.post_init:
            body += ["    __spyc_k = __spyc_id(__spyc_o)",
                     "    __spyc_building.add(__spyc_k)",
                     "    try:",
                     "        __spyc_o.__post_init__()",
                     "    finally:",
                     "        __spyc_building.discard(__spyc_k)"]
        body.append("    return __spyc_o")
        real = _exec(_ctor_source(info, body), ns, "__init__", f"{info.qualname}.__init__")
        ctor.__code__ = real.__code__

    ns.update(info.namespace())
    ns["__spyc_prepare"] = prepare
    body = ["    __spyc_prepare()", f"    return __spyc_cls({call})"]
    ctor = _exec(_ctor_source(info, body), ns, "__init__", f"{info.qualname}.__init__")
    ctor.__defaults__ = tuple(info.defaults[f] for f in fields if f in info.defaults) or None
    return ctor


def _make_members(info, d):
    """Generated dunders, added only where the body does not define them."""
    fields = info.fields
    q = info.qualname
    ns = {"__builtins__": {}, "__spyc_norm": _norm, "__spyc_hash": hash,
          "__spyc_type": type, "__spyc_repr": repr, "NotImplemented": NotImplemented}
    gen = {}
    if fields:
        cmp = " and ".join(f"self.{f} == other.{f}" for f in fields)
    else:
        cmp = "True"
    gen["__eq__"] = (f"def __spyc_def(self, other):\n"
                     f"    if self is other: return True\n"
                     f"    if __spyc_type(other) is not __spyc_type(self): return NotImplemented\n"
                     f"    return {cmp}\n")
    # Generic hash; specialised once the field types are known (see below).
    gen["__hash__"] = ("def __spyc_def(self):\n    return __spyc_hash(("
                       + "".join(f"__spyc_norm(self.{f}), " for f in fields) + "))\n")
    parts = ", ".join(f"{f}={{self.{f}!r}}" for f in fields)
    gen["__repr__"] = f"def __spyc_def(self):\n    return f'{{__spyc_type(self).__qualname__}}({parts})'\n"
    gen["__copy__"] = "def __spyc_def(self):\n    return self\n"
    gen["__deepcopy__"] = "def __spyc_def(self, memo):\n    return self\n"
    generated = set()
    for name, src in gen.items():
        if name not in d:
            d[name] = _exec(src, dict(ns), name, f"{q}.{name}")
            generated.add(name)
    getters = None

    def __reduce__(self):
        return (_reconstruct, (type(self), tuple(g(self) for g in getters)))
    __reduce__.__qualname__ = f"{q}.__reduce__"

    def on_bind():
        nonlocal getters
        getters = info.getters
    info.on_bind = on_bind
    if "__reduce__" not in d:
        d["__reduce__"] = __reduce__
    if "__match_args__" not in d:
        d["__match_args__"] = tuple(fields)

    if "__hash__" in generated:
        h = d["__hash__"]

        def specialise_hash():
            # Only float-holding fields need NaN normalisation.
            items = []
            for f, n in zip(fields, info.nodes):
                if type(n) is Float:
                    items.append(f"(0.0 if self.{f} != self.{f} else self.{f}), ")
                elif n.floaty:
                    items.append(f"__spyc_norm(self.{f}), ")
                else:
                    items.append(f"self.{f}, ")
            src = "def __spyc_def(self):\n    return __spyc_hash((" + "".join(items) + "))\n"
            h.__code__ = _exec(src, h.__globals__, "__hash__", f"{q}.__hash__").__code__
        info.on_resolve.append(specialise_hash)


def _hooks(v, new):
    """Owner protocol: tell checked/compiled functions in the body their class."""
    def call(obj, method):
        if obj is None or isinstance(obj, type):
            return
        hook = getattr(obj, "__spyc_set_owner__", None)
        if hook is None:
            return
        if isinstance(hook, OwnerHook):
            hook(new, method=method)
        elif method:
            # compiled functions (spyc_function) take only the owner: a classmethod's or
            # staticmethod's first parameter is never a checked `self`, so they get no owner
            hook(new)
    if isinstance(v, (classmethod, staticmethod)):
        call(v.__func__, False)
    elif isinstance(v, property):
        for f in (v.fget, v.fset, v.fdel):
            call(f, True)
    else:
        call(v, True)


def _fix_cells(v, old, new, seen):
    """Point ``__class__`` closure cells (zero-arg super()) at the rebuilt class."""
    if id(v) in seen:
        return
    seen.add(id(v))
    if isinstance(v, (classmethod, staticmethod)):
        _fix_cells(v.__func__, old, new, seen)
        return
    if isinstance(v, property):
        for f in (v.fget, v.fset, v.fdel):
            _fix_cells(f, old, new, seen)
        return
    for cell in getattr(v, "__closure__", None) or ():
        try:
            if cell.cell_contents is old:
                cell.cell_contents = new
        except ValueError:  # empty cell
            pass
    w = getattr(v, "__wrapped__", None)
    if w is not None and not isinstance(v, type):
        _fix_cells(w, old, new, seen)


def _globals_of(cls, d):
    mod = sys.modules.get(cls.__module__)
    if mod is not None:
        return vars(mod)
    for v in d.values():
        g = getattr(v, "__globals__", None)
        if isinstance(g, dict):
            return g
    return {}


def frozen(cls):
    """Make ``cls`` a final, slotted, deeply immutable value class (spec 6.5)."""
    if not isinstance(cls, type):
        raise TypeError(f"frozen() argument must be a class, not {tname(cls)}")
    q = cls.__qualname__
    if type(cls) is not type:
        raise TypeError(f"frozen class '{q}' cannot have a custom metaclass")
    if cls.__bases__ != (object,):
        base = next(b for b in cls.__bases__ if b is not object)
        raise TypeError(f"frozen class '{q}' cannot inherit from '{base.__name__}'")
    d = dict(cls.__dict__)
    for name in _FORBIDDEN:
        if name in d:
            raise TypeError(f"frozen class '{q}' cannot define {name}")
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
                raise TypeError(f"non-default field '{f}' follows default field in frozen class '{q}'")
    d.pop("__dict__", None)
    d.pop("__weakref__", None)
    info = _Info(cls, fields, defaults, user_init, "__post_init__" in d and not user_init,
                 _globals_of(cls, d))
    _make_members(info, d)
    first = fields[0] if fields else None

    stores = info.stores
    cls_name = cls.__name__

    def __setattr__(self, name, value):
        if id(self) in _building:
            store = stores.get(name)
            if store is None:
                raise AttributeError(f"'{cls_name}' object has no attribute '{name}'")
            store(self, value)
        else:
            raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __new__(cls_, *args, **kwargs):
        raise TypeError(f"cannot create '{info.name}' instances")

    members = {"__setattr__": __setattr__, "__delattr__": __delattr__,
               "__new__": staticmethod(__new__)}
    if not user_init:
        def __init__(self, *args, **kwargs):
            # A live instance can never be re-initialised.
            if first is not None:
                raise FrozenInstanceError(f"cannot assign to field '{first}'")
        members["__init__"] = __init__
    for name, fn in members.items():
        f = fn.__func__ if isinstance(fn, staticmethod) else fn
        f.__qualname__ = f"{q}.{name}"
        d[name] = fn
    d["__slots__"] = tuple(fields) + ("__weakref__",)
    d["__qualname__"] = q
    d["__spyc_frozen__"] = True
    d["__spyc_info__"] = info

    if user_init:
        meta = _FrozenMeta
    else:
        ctor_ns = {}
        ctor = _make_ctor(info, ctor_ns)
        info.ctor = ctor  # the compiled runtime builds instances in C only behind this __call__
        meta = type.__new__(type, f"{cls.__name__}_spyc_meta", (_FrozenMeta,),
                            {"__call__": ctor, "__module__": __name__,
                             "__qualname__": f"{cls.__name__}_spyc_meta"})
    new = type.__new__(meta, cls.__name__, (), d)
    info.bind(new)
    info.on_bind()
    seen = set()
    for v in d.values():
        _fix_cells(v, cls, new, seen)
    for v in d.values():
        _hooks(v, new)
    return new

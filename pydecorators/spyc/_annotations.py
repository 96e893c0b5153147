"""Annotation grammar, resolution and the acceptance rules (spec 6.2, 6.3, 6.7).

An annotation resolves to a *node* (or ``None`` for "no check").  Every node
knows how to render itself (``exp``), whether it accepts a value unchanged,
and how to fully check a value (promote or raise the catalogue error).

Strings (PEP 563, quotes, ForwardRef) are parsed with ``ast`` and evaluated
structurally: names, attribute chains, ``|``, subscripts and ``None``.  There
is deliberately no ``eval``: annotations must mean the same thing to the
compiler, which only sees syntax.
"""
import ast
import builtins
import collections
import collections.abc
import types
import typing

NoneType = type(None)


def tname(v):
    """The catalogue's ``{tname}``: bare name for builtins, else module.qualname."""
    t = type(v)
    m = t.__module__
    if m == "builtins":
        return t.__name__
    return f"{m}.{t.__qualname__}"


def is_frozen_class(a):
    # The marker is looked up on the class itself so that compiled (native)
    # frozen types can carry it too without sharing our metaclass.
    return isinstance(a, type) and getattr(a, "__spyc_frozen__", False) is True


def is_record_class(a):
    # Records are final like frozen classes, so ``type(v) is R`` is their check.
    return isinstance(a, type) and getattr(a, "__spyc_record__", False) is True


# ---------------------------------------------------------------- nodes
#
# ``code``/``arg`` are the fast tests of the compiled-runtime plan (see
# _plan.py); ``immutable`` says whether a frozen field may use the node (P5);
# ``floaty``/``frozenish`` drive hash normalisation and the acyclicity check.

class Node:
    code = 0
    arg = None
    immutable = True
    floaty = False
    frozenish = False

    def key(self):
        return (type(self), self.exp)

    def mismatch(self, v, subj, path):
        return TypeError(f"{subj(path)} must be {self.exp}, not {tname(v)}")


class Exact(Node):
    """``type(v) is T``: str, int, frozen classes and the containers."""

    def __init__(self, t, code, immutable=True, frozenish=False):
        self.t = t
        self.exp = t.__qualname__
        self.code = code
        self.arg = t if code == 6 else None
        self.immutable = immutable
        self.frozenish = frozenish

    def key(self):
        return (Exact, self.t)

    def accepts(self, v):
        return type(v) is self.t

    def check(self, v, subj, path=""):
        if type(v) is self.t:
            return v
        raise self.mismatch(v, subj, path)


class Float(Node):
    exp = "float"
    code = 2
    floaty = True

    def accepts(self, v):
        return type(v) is float

    def check(self, v, subj, path=""):
        t = type(v)
        if t is float:
            return v
        if t is int:
            return float(v)  # the one conversion; OverflowError is float()'s own
        raise self.mismatch(v, subj, path)


class Bool(Node):
    exp = "bool"
    code = 3

    def accepts(self, v):
        return v is True or v is False

    def check(self, v, subj, path=""):
        if v is True or v is False:
            return v
        raise self.mismatch(v, subj, path)


class NoneN(Node):
    exp = "None"
    code = 7

    def accepts(self, v):
        return v is None

    def check(self, v, subj, path=""):
        if v is None:
            return v
        raise self.mismatch(v, subj, path)


class Bounded(Node):
    def __init__(self, marker):
        self.exp = marker.__name__
        self.lo = marker._lo
        self.hi = marker._hi
        self.code = 5 if self.exp == "i64" else 0

    def accepts(self, v):
        return type(v) is int and self.lo <= v <= self.hi

    def range_error(self, subj, path):
        return OverflowError(f"{subj(path)} out of range for {self.exp}")

    def check(self, v, subj, path=""):
        if type(v) is int:
            if self.lo <= v <= self.hi:
                return v
            raise self.range_error(subj, path)
        raise self.mismatch(v, subj, path)


class Inst(Node):
    """Any other class: ``isinstance`` (such values are never unboxed)."""
    immutable = False

    def __init__(self, cls):
        self.cls = cls
        self.exp = cls.__qualname__
        # code 8: the compiled runtime accepts an instance of a subclass in C (isinstance is then
        # true whatever __class__ says); a metaclass may redefine isinstance: no fast test then
        self.code = 8 if type(cls) is type else 0
        self.arg = cls if self.code == 8 else None

    def key(self):
        return (Inst, self.cls)

    def accepts(self, v):
        return isinstance(v, self.cls)

    def check(self, v, subj, path=""):
        if isinstance(v, self.cls):
            return v
        raise self.mismatch(v, subj, path)


def _check_items(elems, v, subj, path):
    # Check each element; build a new tuple only if something was promoted.
    out = [e.check(x, subj, f"{path}[{i}]") for i, (e, x) in enumerate(zip(elems, v))]
    for a, b in zip(out, v):
        if a is not b:
            return tuple(out)
    return v


class VarTuple(Node):
    exp = "tuple"

    def __init__(self, elem):
        self.elem = elem
        self.immutable = elem.immutable
        self.floaty = elem.floaty
        self.frozenish = elem.frozenish

    def key(self):
        return (VarTuple, self.elem.key())

    def accepts(self, v):
        if type(v) is not tuple:
            return False
        acc = self.elem.accepts
        for x in v:
            if not acc(x):
                return False
        return True

    def check(self, v, subj, path=""):
        if type(v) is not tuple:
            raise self.mismatch(v, subj, path)
        return _check_items([self.elem] * len(v), v, subj, path)


class FixedTuple(Node):
    exp = "tuple"

    def __init__(self, elems):
        self.elems = elems
        # code 9: the compiled runtime accepts an exact tuple of the right length whose items
        # all pass their own fast tests unchanged (no promotion) in C; anything else: slow check
        fast = all(1 <= getattr(e, "code", 0) <= 8 for e in elems)
        self.code = 9 if fast else 0
        self.arg = tuple((e.code, getattr(e, "arg", None)) for e in elems) if fast else None
        self.immutable = all(e.immutable for e in elems)
        self.floaty = any(e.floaty for e in elems)
        self.frozenish = any(e.frozenish for e in elems)

    def key(self):
        return (FixedTuple, tuple(e.key() for e in self.elems))

    def accepts(self, v):
        if type(v) is not tuple or len(v) != len(self.elems):
            return False
        for e, x in zip(self.elems, v):
            if not e.accepts(x):
                return False
        return True

    def check(self, v, subj, path=""):
        if type(v) is not tuple:
            raise self.mismatch(v, subj, path)
        n = len(self.elems)
        if len(v) != n:
            raise TypeError(f"{subj(path)} must be tuple of length {n}, "
                            f"not tuple of length {len(v)}")
        return _check_items(self.elems, v, subj, path)


class Union(Node):
    def __init__(self, members):
        self.members = members
        self.exp = " | ".join(m.exp for m in members)
        self.immutable = all(m.immutable for m in members)
        self.floaty = any(m.floaty for m in members)
        self.frozenish = any(m.frozenish for m in members)
        self.has_float = any(type(m) is Float for m in members)
        self.bounded = next((m for m in members if type(m) is Bounded), None)
        # Tuple members may accept a value after promoting its elements.
        self.converting = [m for m in members if isinstance(m, (VarTuple, FixedTuple))]

    def key(self):
        return (Union, tuple(m.key() for m in self.members))

    def accepts(self, v):
        for m in self.members:
            if m.accepts(v):
                return True
        return False

    def check(self, v, subj, path=""):
        for m in self.members:
            if m.accepts(v):
                return v
        if type(v) is int:
            if self.has_float:
                return float(v)
            if self.bounded is not None:
                raise self.bounded.range_error(subj, path)
        if type(v) is tuple:
            for m in self.converting:
                try:
                    return m.check(v, subj, path)
                except TypeError:
                    pass
        raise self.mismatch(v, subj, path)


# ---------------------------------------------------------------- resolution

_INT = Exact(int, 1)
_STR = Exact(str, 4)
_FLOAT = Float()
_BOOL = Bool()
_NONE = NoneN()
ANY = object()  # sentinel: "no check" while building unions

_CONTAINERS = (list, dict, set, frozenset, tuple, collections.deque)
_ALIASES = {typing.List: list, typing.Dict: dict, typing.Set: set,
            typing.FrozenSet: frozenset, typing.Tuple: tuple,
            typing.Deque: collections.deque}
_SCALARS = {int: _INT, str: _STR, float: _FLOAT, bool: _BOOL, NoneType: _NONE}


class Unsupported(Exception):
    """Internal: raised deep inside resolution, turned into the catalogue TypeError."""


def _union(nodes):
    flat = []
    seen = set()
    for n in nodes:
        if n is ANY:
            return ANY  # a union containing object/Any is object
        for m in (n.members if isinstance(n, Union) else (n,)):
            k = m.key()
            if k not in seen:
                seen.add(k)
                flat.append(m)
    return flat[0] if len(flat) == 1 else Union(flat)


class _Resolver:
    def __init__(self, globalns):
        self.g = globalns

    # -- names and strings

    def lookup(self, expr):
        if isinstance(expr, ast.Name):
            name = expr.id
            if name in self.g:
                return self.g[name]
            b = self.g.get("__builtins__", builtins)
            b = b if isinstance(b, dict) else vars(b)
            if name in b:
                return b[name]
            raise NameError(f"name '{name}' is not defined", name=name)
        if isinstance(expr, ast.Attribute):
            base = self.lookup(expr.value)
            try:
                return getattr(base, expr.attr)
            except AttributeError:
                raise Unsupported from None
        raise Unsupported

    def string(self, s):
        try:
            tree = ast.parse(s.strip(), mode="eval")
        except SyntaxError:
            raise Unsupported from None
        return self.expr(tree.body)

    def expr(self, e):
        if isinstance(e, ast.Constant):
            if e.value is None:
                return _NONE
            if isinstance(e.value, str):
                return self.string(e.value)
            raise Unsupported
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            return _union([self.expr(e.left), self.expr(e.right)])
        if isinstance(e, ast.Subscript):
            base = self.lookup(e.value)
            s = e.slice
            elts = list(s.elts) if isinstance(s, ast.Tuple) else [s]
            return self.generic(base, elts, self.expr, lambda x: isinstance(x, ast.Constant) and x.value is Ellipsis)
        if isinstance(e, (ast.Name, ast.Attribute)):
            return self.obj(self.lookup(e))
        raise Unsupported

    # -- runtime objects

    def obj(self, a):
        if a is None:
            return _NONE
        if isinstance(a, str):
            return self.string(a)
        if isinstance(a, typing.ForwardRef):
            return self.string(a.__forward_arg__)
        if a is object or a is typing.Any:
            return ANY
        try:
            hit = _SCALARS.get(a)
        except TypeError:  # unhashable annotation object
            raise Unsupported from None
        if hit is not None:
            return hit
        if a in _ALIASES:
            return self.container(_ALIASES[a])
        origin = typing.get_origin(a)
        if origin is not None:
            if origin is typing.Annotated:
                return self.obj(a.__origin__)
            if a is typing.Tuple:
                return self.container(tuple)
            args = list(typing.get_args(a))
            return self.generic(origin, args, self.obj, lambda x: x is Ellipsis)
        if isinstance(a, type):
            if getattr(a, "__spyc_bounded__", False) is True:
                return Bounded(a)
            if is_frozen_class(a):
                return Exact(a, 6, frozenish=True)
            if is_record_class(a):
                return Exact(a, 6, immutable=False)  # mutable: never a @frozen field
            if a in _CONTAINERS:
                return self.container(a)
            if a is typing.Generic or a is typing.Protocol or getattr(a, "_is_protocol", False):
                raise Unsupported
            return Inst(a)
        raise Unsupported

    def container(self, c):
        return Exact(c, 6, immutable=False)

    def generic(self, base, args, sub, is_ellipsis):
        """``base[args]`` where ``sub`` resolves one argument (ast or object)."""
        if base in _ALIASES:
            base = _ALIASES[base]
        if base is typing.Optional:
            if len(args) != 1:
                raise Unsupported
            return _union([sub(args[0]), _NONE])
        if base is typing.Union or base is types.UnionType:
            return _union([sub(x) for x in args])
        if base is typing.Annotated:
            return sub(args[0])
        if base is tuple:
            if len(args) == 2 and is_ellipsis(args[1]):
                elem = sub(args[0])
                return VarTuple(elem) if elem is not ANY else self.container(tuple)
            if any(is_ellipsis(x) for x in args):
                raise Unsupported
            # tuple[()] (written as an empty tuple) is the empty fixed tuple
            args = [x for x in args if not (isinstance(x, ast.Tuple) and not x.elts)
                    and not (isinstance(x, tuple) and not x)]
            elems = [sub(x) for x in args]
            return FixedTuple([_Anything() if x is ANY else x for x in elems])
        if base in _CONTAINERS:
            for x in args:  # element annotations document intent; they must still parse
                sub(x)
            return self.container(base)
        if isinstance(base, type) and not (base is typing.Generic or base is typing.Protocol
                                           or getattr(base, "_is_protocol", False)
                                           or is_frozen_class(base)
                                           or is_record_class(base)
                                           or getattr(base, "__spyc_bounded__", False)):
            # Subscripted ABCs and user generics check their origin only;
            # their arguments (Callable[[int], str], TypeVars) are not resolved.
            return Inst(base)
        raise Unsupported


class _Anything(Node):
    """An ``object``/``Any`` element inside a fixed tuple."""
    exp = "object"
    immutable = False

    def accepts(self, v):
        return True

    def check(self, v, subj, path=""):
        return v


def resolve(ann, globalns, where, field=False):
    """Resolve one annotation to a node, or ``None`` (no check).

    ``where`` is ``f()`` or ``Cls.field`` for the unsupported-annotation text.
    NameError propagates (the caller retries on the next call); anything
    outside the grammar is the catalogue TypeError.
    """
    try:
        n = _Resolver(globalns).obj(ann)
        if field and (n is ANY or not n.immutable):
            raise Unsupported
    except Unsupported:
        raise TypeError(f"{where}: unsupported annotation {ann!r}") from None
    return None if n is ANY else n


def is_classvar(ann):
    """Whether a class annotation declares a ClassVar, without evaluating it."""
    if ann is typing.ClassVar or typing.get_origin(ann) is typing.ClassVar:
        return True
    if isinstance(ann, str):
        try:
            e = ast.parse(ann.strip(), mode="eval").body
        except SyntaxError:
            return False
        if isinstance(e, ast.Subscript):
            e = e.value
        if isinstance(e, ast.Name):
            return e.id == "ClassVar"
        if isinstance(e, ast.Attribute):
            return e.attr == "ClassVar"
    return False

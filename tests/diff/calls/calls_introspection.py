"""Compiled functions as the tools see them (issue 15 item 2, contracts-spec 6.8): `__code__` (name,
file, first line, argument counts, flags, varnames), `inspect.signature` with and without
follow_wrapped, `inspect.getfile`/`getsourcefile`/`getsource`/`getsourcelines`, `isfunction` /
FunctionType, `__closure__` (a method's `__class__` cell), `__globals__`, `__builtins__`,
`__defaults__`, `__kwdefaults__`, `__type_params__`, `__wrapped__` (only @checked functions have
one: the interpreted wrapper sets it), functools.wraps / update_wrapper on them, dis, doctest's
finder, inspect.getmodule/unwrap, pickling by reference and copy, for plain functions, methods,
staticmethods and classmethods. Nested functions (`plain_inner`), generator and coroutine
functions are listed too; they are not compiled today, so they are Python functions. `plain_*`
functions are compiled in the `all` modes only; `@checked` ones in every mode."""
import builtins
import dis
import doctest
import functools
import inspect
import copy
import io
import pickle
import sys
import types

from spyc import checked


def plain_sig(a, b=2, /, c=3, *args, d, e=5, **kw):
    """Plain function.

    >>> plain_sig(1, d=0)
    6
    """
    return a + b + c + d


def plain_small(x):
    return x + 1


@checked
def checked_sig(x: int, y: float = 1.5, *, z: str = "q") -> float:
    """Checked function.

    >>> checked_sig(1)
    2.5
    """
    return x + y


@checked
def checked_star(*xs: int, **kw: int) -> int:
    return sum(xs) + sum(kw.values())


class Holder:
    def method(self, a, *, b=1):
        return a + b

    @checked
    def cmethod(self, a: int) -> int:
        return a

    @staticmethod
    def smethod(q, r=0):
        return q - r

    @classmethod
    def klass(cls, v):
        return v


def plain_kwonly(*, a, b=1):
    return a + b


def plain_make(k):
    def inner(x, *, y=k):
        return x + k + y
    return inner


plain_inner = plain_make(10)


class Base:
    def hello(self, a=1):
        return a


class Derived(Base):
    def hello(self, a=2):
        return super().hello(a) + 1

    def uses_class(self):
        return __class__.__name__


def code_info(f):
    co = f.__code__
    return (co.co_name, co.co_filename.rsplit("/", 1)[-1], co.co_firstlineno, co.co_argcount,
            co.co_posonlyargcount, co.co_kwonlyargcount, co.co_flags & 0xFF, type(co).__name__)


def sigs(f):
    return str(inspect.signature(f)), str(inspect.signature(f, follow_wrapped=False))


def test_code_plain():
    return code_info(plain_sig), code_info(plain_small), code_info(Holder.method), code_info(Holder.smethod)


def test_code_checked():
    return code_info(checked_sig), code_info(checked_star), code_info(Holder.cmethod)


def test_code_varnames_plain():
    return plain_sig.__code__.co_varnames[:7], plain_small.__code__.co_varnames


def test_signature():
    return [sigs(f) for f in (plain_sig, plain_small, checked_sig, checked_star, Holder.method, Holder.cmethod,
                              Holder.smethod, Holder.klass, Holder().method, Holder().cmethod)]


def test_signature_bind():
    b = inspect.signature(plain_sig).bind(1, 2, 3, 4, d=5, z=6)
    return dict(b.arguments), str(inspect.signature(checked_sig).bind(1, z="w"))


def test_isfunction():
    return [(inspect.isfunction(f), isinstance(f, types.FunctionType), inspect.isroutine(f), callable(f),
             inspect.ismethod(f)) for f in (plain_sig, checked_sig, Holder.method, Holder().method)]


def test_getfile():
    out = []
    for f in (plain_sig, plain_small, checked_sig, Holder.method, Holder().cmethod):
        out.append((inspect.getfile(f).rsplit("/", 1)[-1], inspect.getsourcefile(f).rsplit("/", 1)[-1],
                    inspect.getsourcelines(f)[1], inspect.getsource(f)))
    return out


def test_getmodule():
    return inspect.getmodule(plain_sig).__name__ == __name__, inspect.getmodule(checked_sig).__name__ == __name__


def test_closure_defaults():
    return [(f.__closure__, f.__defaults__, f.__kwdefaults__) for f in (plain_sig, plain_small, checked_sig, Holder.method)]


def test_globals_builtins_plain():
    return (plain_sig.__globals__ is globals(), plain_small.__globals__ is sys.modules[__name__].__dict__,
            plain_sig.__builtins__ is builtins.__dict__)


def test_type_params():
    return [getattr(f, "__type_params__", "absent") for f in (plain_sig, checked_sig)]


def test_type_params_set():
    if not hasattr(plain_small, "__type_params__"):
        return "absent"
    import typing
    T = typing.TypeVar("T")
    plain_small.__type_params__ = (T,)
    got = plain_small.__type_params__
    plain_small.__type_params__ = ()
    if got != (T,):
        return "lost", got
    try:
        plain_small.__type_params__ = 5
    except TypeError as e:
        return "TypeError", str(e)
    return plain_small.__type_params__


def test_wrapped():
    return ([hasattr(f, "__wrapped__") for f in (plain_sig, plain_small, checked_sig, Holder.method, Holder.cmethod)],
            checked_sig.__wrapped__.__name__, inspect.unwrap(plain_sig) is plain_sig,
            inspect.unwrap(checked_sig).__name__, "__wrapped__" in vars(checked_sig), "__wrapped__" in vars(plain_sig))


def test_wraps():
    @functools.wraps(plain_sig)
    def w1(*a, **k):
        return plain_sig(*a, **k)

    def w2(*a, **k):
        return checked_sig(*a, **k)
    functools.update_wrapper(w2, checked_sig)
    return (w1.__name__, w1.__qualname__, w1.__doc__, w1.__wrapped__ is plain_sig, str(inspect.signature(w1)),
            w1(1, d=2), w2.__name__, w2.__wrapped__ is checked_sig, str(inspect.signature(w2)), w2(2, 0.5),
            getattr(w1, "__type_params__", "absent"), sorted(k for k in vars(w2) if not k.startswith("__spyc")))


def test_wraps_lru_cache():
    cached = functools.lru_cache(maxsize=None)(plain_small)
    return cached(1), cached(1), cached.cache_info().hits, cached.__wrapped__ is plain_small, str(inspect.signature(cached))


def test_dis():
    out = io.StringIO()
    dis.dis(plain_small, file=out)
    out2 = io.StringIO()
    dis.dis(checked_sig, file=out2)
    return len(out.getvalue()) > 0, len(out2.getvalue()) > 0, dis.Bytecode(plain_small).codeobj.co_name


def test_doctest_finder():
    tests = doctest.DocTestFinder().find(sys.modules[__name__])
    # t.lineno is not compared: doctest reads the module's source lines through
    # inspect.getsourcefile(module), which is None for an extension module (contracts-spec 6.8)
    return sorted((t.name.rsplit(".", 1)[-1], len(t.examples)) for t in tests if t.examples)


def test_doctest_run():
    runner = doctest.DocTestRunner(verbose=False)
    for t in doctest.DocTestFinder().find(sys.modules[__name__]):
        runner.run(t, out=lambda s: None)
    return runner.summarize(verbose=False)



ALL = (plain_sig, plain_small, plain_kwonly, plain_inner, checked_sig, checked_star, Holder.method,
       Holder.cmethod, Holder.smethod, Holder.klass, Holder().method, Holder().cmethod)
PLAIN = (plain_sig, plain_small, plain_kwonly, plain_inner, Holder.method, Holder.smethod, Holder.klass,
         Holder().method)


def test_code_more():
    return [code_info(f) for f in (plain_kwonly, plain_inner, Holder.klass, Holder().method, Holder().cmethod)]


def test_code_full_flags_varnames():
    return [(f.__code__.co_flags, f.__code__.co_varnames, f.__code__.co_freevars, f.__code__.co_nlocals)
            for f in PLAIN]


def test_code_varnames_checked():
    # the interpreted wrapper's own locals (`__spyc_*`) are not compared (contracts-spec 6.8)
    return [(f.__code__.co_flags, f.__code__.co_argcount + f.__code__.co_kwonlyargcount,
             tuple(v for v in f.__code__.co_varnames if not v.startswith("__spyc_")))
            for f in (checked_sig, checked_star, Holder.cmethod)]


def test_signature_more():
    return [sigs(f) for f in (plain_kwonly, plain_inner, Holder.__dict__["klass"].__func__)]


def test_signature_staticmethod_object():
    return sigs(Holder.__dict__["smethod"])


def test_signature_parameters():
    return [[(p.name, p.kind.name, p.default) for p in inspect.signature(f).parameters.values()]
            for f in (plain_sig, plain_kwonly, plain_inner, Holder.smethod, Holder.klass)]


def test_isfunction_more():
    return [(inspect.isfunction(f), isinstance(f, types.FunctionType), inspect.ismethod(f), callable(f),
             inspect.isroutine(f)) for f in ALL]


def test_getsource_more():
    return [(inspect.getsourcelines(f)[1], inspect.getsource(f), inspect.getfile(f).rsplit("/", 1)[-1])
            for f in (plain_kwonly, plain_inner, Holder.smethod, Holder.klass, checked_star)]


def test_closure_cells():
    cl = plain_inner.__closure__
    return (type(cl).__name__, len(cl), [c.cell_contents for c in cl], plain_inner.__code__.co_freevars,
            plain_inner.__kwdefaults__, plain_inner(1), plain_make(3)(1, y=0))


def test_defaults_more():
    return [(f.__defaults__, f.__kwdefaults__) for f in (plain_kwonly, plain_inner, Holder.smethod, Holder.klass,
                                                         checked_star, Holder.cmethod, Holder().method)]


def test_globals_builtins_more():
    g = sys.modules[__name__].__dict__
    return [(f.__globals__ is g, f.__builtins__ is builtins.__dict__) for f in PLAIN]


def test_type_params_more():
    return [getattr(f, "__type_params__", "absent") for f in ALL]


def test_wrapped_more():
    return [hasattr(f, "__wrapped__") for f in ALL], [inspect.unwrap(f) is f for f in PLAIN]


def test_wraps_more():
    out = []
    for f in (plain_kwonly, plain_inner, Holder.smethod, Holder.method):
        def w(*a, **k):
            return f(*a, **k)
        functools.update_wrapper(w, f)
        out.append((w.__name__, w.__qualname__, w.__doc__, w.__module__ == __name__, w.__wrapped__ is f,
                    str(inspect.signature(w)), str(inspect.signature(w, follow_wrapped=False)),
                    getattr(w, "__type_params__", "absent"), sorted(vars(w))))
    return out


def test_wraps_onto_compiled():
    # update_wrapper with the compiled function as the *wrapper*: it writes into its __dict__
    def src(x):
        "src doc"
        return x
    functools.update_wrapper(plain_small, src)
    try:
        return (plain_small.__name__, plain_small.__doc__, plain_small.__wrapped__ is src,
                str(inspect.signature(plain_small)), str(inspect.signature(plain_small, follow_wrapped=False)),
                plain_small(1))
    finally:
        del plain_small.__wrapped__
        plain_small.__name__ = "plain_small"
        plain_small.__qualname__ = "plain_small"
        plain_small.__doc__ = None


def test_pickle():
    out = []
    for f in (plain_sig, plain_small, plain_kwonly, checked_sig, Holder.method, Holder.smethod, Holder.cmethod):
        data = [pickle.dumps(f, protocol=p) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
        out.append((all(pickle.loads(d) is f for d in data), data[0], data[-1]))
    k = pickle.loads(pickle.dumps(Holder.klass))
    return out, k(7), k.__func__ is Holder.klass.__func__


def test_pickle_closure_fails():
    return pickle.dumps(plain_inner)


def test_copy():
    return [(copy.copy(f) is f, copy.deepcopy(f) is f) for f in (plain_sig, plain_inner, checked_sig, Holder.smethod)]


def test_dis_text_plain():
    outs = []
    for f in (plain_small, plain_kwonly, plain_sig, Holder.smethod, plain_inner):
        out = io.StringIO()
        dis.dis(f, file=out)
        outs.append(out.getvalue())
    return outs


def test_dis_more():
    out = io.StringIO()
    for f in ALL:
        dis.dis(f, file=out)
    return len(out.getvalue()) > 0, [dis.Bytecode(f).codeobj.co_name for f in PLAIN]


def test_code_info_plain():
    return [dis.code_info(f).replace(f.__code__.co_filename, "FILE") for f in (plain_small, plain_sig, plain_inner)]


def test_class_cell_closure():
    out = []
    for f in (Derived.hello, Derived.uses_class, Base.hello):
        cl = f.__closure__
        out.append((code_info(f), f.__code__.co_freevars, f.__code__.co_flags,
                    None if cl is None else [c.cell_contents.__name__ for c in cl], str(inspect.signature(f)),
                    f.__defaults__, inspect.getsource(f), inspect.isfunction(f)))
    return out, Derived().hello(), Derived().uses_class()


def test_inspect_helpers():
    cv = inspect.getclosurevars(Derived.hello)
    cv2 = inspect.getclosurevars(plain_small)
    return ([tuple(inspect.getfullargspec(f)) for f in (plain_sig, plain_kwonly, checked_sig, Holder.smethod)],
            inspect.getcallargs(plain_sig, 1, 2, 3, 4, d=5, z=6) if sys.version_info < (3, 13) else "n/a",
            (sorted(cv.nonlocals), sorted(cv.globals), sorted(cv.builtins), sorted(cv.unbound)),
            (sorted(cv2.nonlocals), sorted(cv2.globals), sorted(cv2.builtins), sorted(cv2.unbound)),
            [(inspect.isgeneratorfunction(f), inspect.iscoroutinefunction(f), inspect.isasyncgenfunction(f),
              inspect.getdoc(f), inspect.getcomments(f)) for f in PLAIN + (checked_sig,)])


def test_rebuild_from_code():
    g = types.FunctionType(plain_small.__code__, globals(), "again", None, None)
    h = types.FunctionType(plain_sig.__code__, globals(), "h", plain_sig.__defaults__)
    h.__kwdefaults__ = plain_sig.__kwdefaults__
    return g(3), g.__name__, h(1, d=1), list(dis.get_instructions(plain_small))[-1].opname


def test_descriptor_protocol():
    h = Holder()
    return (plain_small.__get__(None, Holder) is plain_small,
            types.MethodType(plain_kwonly, h).__func__ is plain_kwonly, sorted(vars(plain_small)),
            sorted(vars(plain_sig)), inspect.getattr_static(Holder, "method") is Holder.method,
            type(inspect.getattr_static(Holder, "smethod")).__name__, plain_small.__annotations__,
            Holder.method.__get__(h, Holder)(5))


def plain_annotated(x: int, y: "str" = "a") -> list:
    return [x, y]


def test_misc_function_protocols():
    import typing
    import weakref
    r = weakref.ref(plain_small)
    disp = functools.singledispatch(lambda v: "default")
    disp.register(plain_annotated)
    return (r() is plain_small, plain_small == plain_small, hash(plain_small) == hash(plain_small),
            [f.__code__.co_qualname for f in PLAIN + (checked_sig, Holder.cmethod)],
            list(plain_small.__code__.co_lines()) == list(plain_small.__code__.co_lines()),
            typing.get_type_hints(plain_annotated), typing.get_type_hints(checked_sig), disp(1), disp("s"),
            plain_annotated.__annotations__, repr(plain_small).split(" at ")[0], plain_small.__class__.__name__)


def plain_gen(n, *, step=1):
    yield from range(0, n, step)


async def plain_coro(x=1):
    return x


@checked
def checked_gen(n: int):
    for i in range(n):
        yield i


def test_generator_coroutine_functions():
    out = []
    for f in (plain_gen, plain_coro, checked_gen):
        out.append((code_info(f), inspect.isgeneratorfunction(f), inspect.iscoroutinefunction(f),
                    inspect.isfunction(f), sigs(f), inspect.getsourcelines(f)[1], f.__defaults__, f.__kwdefaults__,
                    hasattr(f, "__wrapped__"), pickle.loads(pickle.dumps(f)) is f))
    c = plain_coro(5)
    try:
        c.send(None)
    except StopIteration as e:
        r = e.value
    return out, list(plain_gen(5, step=2)), list(checked_gen(3)), r


def test_classmethod_instance_access():
    h = Holder()
    m = h.klass
    return (m(3), m.__self__ is Holder, code_info(m), sigs(m), m.__func__.__qualname__,
            inspect.getsource(m), pickle.loads(pickle.dumps(m))(4), hasattr(m, "__wrapped__"))

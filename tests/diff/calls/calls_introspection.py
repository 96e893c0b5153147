"""Compiled functions as the tools see them (issue 15 item 2, contracts-spec 6.8): `__code__` (name,
file, first line, argument counts, flags), `inspect.signature` with and without follow_wrapped,
`inspect.getfile`/`getsourcefile`/`getsource`/`getsourcelines`, `isfunction` / FunctionType,
`__closure__`, `__globals__`, `__builtins__`, `__kwdefaults__`, `__type_params__`, `__wrapped__`
(only @checked functions have one: the interpreted wrapper sets it), functools.wraps /
update_wrapper on them, dis, doctest's finder, inspect.getmodule/unwrap. `plain_*` functions are
compiled in the `all` modes only; `@checked` ones in every mode."""
import builtins
import dis
import doctest
import functools
import inspect
import io
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
    plain_small.__type_params__ = ()
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


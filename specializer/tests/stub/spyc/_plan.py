"""Test stub of spyc._plan.plan_for: int, float, bool, str, None and classes, enough for the runtime
tests. The real one lives in pydecorators/spyc/_plan.py."""
import inspect

calls = []


def _tname(v):
    t = type(v)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _entry(q, what, ann):
    def fail(v, exp):
        raise TypeError(f"{q}() {what} must be {exp}, not {_tname(v)}")

    if ann is int:
        def slow(v):
            fail(v, "int")
        return (1, None, slow)
    if ann is float:
        def slow(v):
            if type(v) is int:
                return float(v)
            fail(v, "float")
        return (2, None, slow)
    if ann is bool:
        return (3, None, lambda v: fail(v, "bool"))
    if ann is str:
        return (4, None, lambda v: fail(v, "str"))
    if ann is None:
        return (7, None, lambda v: fail(v, "None"))
    if isinstance(ann, type):
        return (6, ann, lambda v: fail(v, ann.__qualname__))
    raise TypeError(f"{q}(): unsupported annotation {ann!r}")


def plan_for(fn, owner):
    calls.append((fn.__qualname__, owner))
    q = fn.__qualname__
    anns = {k: (eval(v, fn.__globals__) if isinstance(v, str) else v) for k, v in fn.__annotations__.items()}
    sig = inspect.signature(fn)
    params = []
    for i, (name, p) in enumerate(sig.parameters.items()):
        if i == 0 and owner is not None and name not in anns:
            params.append((6, owner, (lambda v, o=owner, n=name: (_ for _ in ()).throw(
                TypeError(f"{q}() argument '{n}' must be {o.__qualname__}, not {_tname(v)}")))))
        elif name in anns and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            params.append(_entry(q, f"argument '{name}'", anns[name]))
        else:
            params.append(None)
    ret = _entry(q, "return value", anns["return"]) if "return" in anns else None
    return (tuple(params), ret)

"""Module attributes of a compiled module as tools use them (issue 15 item 3): `__spec__` (name,
parent, loader), `__loader__.get_source` (the embedded source = the .py's text), `__cached__` (what
the .py would have: its __pycache__ path), `get_code` + runpy.run_module (runs the module body
again in a fresh namespace: compiled functions there too), linecache through the loader for a
file name that does not exist. `__file__` is the extension's path (contracts-spec 6.12) and is
not compared."""
import linecache
import runpy
import sys

from spyc import checked

COUNT = [0]
COUNT[0] += 1


@checked
def twice(x: int) -> int:
    return 2 * x


def plain(x):
    return x + 1


def me():
    return sys.modules[__name__]


def test_spec():
    m = me()
    return m.__spec__.name == __name__, m.__spec__.parent, m.__spec__.loader is m.__loader__, m.__name__ == __name__


def test_get_source():
    m = me()
    src = m.__loader__.get_source(__name__)
    with open(twice.__code__.co_filename) as f:  # the .py the module was built from
        on_disk = f.read()
    return src.splitlines()[0], src == on_disk


def test_cached():
    c = me().__cached__
    return c.rsplit("/", 2)[-2:] if c else c


def test_get_code_type():
    code = me().__loader__.get_code(__name__)
    return type(code).__name__, code.co_filename.rsplit("/", 1)[-1]


def test_run_module():
    g = runpy.run_module(__name__, run_name="not_main")
    return (g["__name__"], g["twice"](4), g["plain"](1), g["COUNT"], COUNT, type(g["twice"]) is type(twice),
            g["twice"].__module__)


def test_linecache_through_loader():
    name = "/nonexistent/dir/" + __name__ + ".py"
    lines = linecache.getlines(name, me().__dict__)
    return lines[:1], len(lines) > 10

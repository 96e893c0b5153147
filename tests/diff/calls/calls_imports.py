"""`import` inside compiled functions (--all): CPython runs the statement from its text
(spz_import_run), the compiled function binds the name. Plain, dotted, `as`, from-imports,
relative imports of a package-less module, missing modules and names (ImportError texts and
tracebacks), an overridden builtins.__import__, a global declared name, several names on one
statement (`from` ones kept interpreted)."""
import builtins
import traceback


def plain():
    import math
    return math.sqrt(16.0)


def dotted():
    import os.path
    return os.path.basename("/a/b.txt"), os.__name__


def dotted_as():
    import os.path as p
    return p.__name__.split(".")[-1] in ("posixpath", "ntpath")


def from_import():
    from collections import OrderedDict as OD
    from functools import reduce
    return list(OD(a=1, b=2)), reduce(lambda a, b: a + b, [1, 2, 3])


def missing_module():
    try:
        import no_such_module_xyz
    except ImportError as e:
        return type(e).__name__, str(e), e.name, [fr.name for fr in traceback.extract_tb(e.__traceback__)]


def missing_name():
    try:
        from math import no_such_name
    except ImportError as e:
        return type(e).__name__, str(e).split(" (")[0], e.name


def relative():
    try:
        from . import sibling
    except ImportError as e:
        return type(e).__name__, str(e)


def missing_uncaught():
    from json import definitely_missing
    return definitely_missing


SEEN = []


ORIG_IMPORT = builtins.__import__


def spy(name, globals=None, locals=None, fromlist=(), level=0):
    if globals is not None and globals.get("__name__") == __name__:
        SEEN.append((name, locals, fromlist, level))
    return ORIG_IMPORT(name, globals, locals, fromlist, level)


def overridden():
    orig = builtins.__import__
    builtins.__import__ = spy
    try:
        import string
        from string import ascii_lowercase
    finally:
        builtins.__import__ = orig
    return string.digits, ascii_lowercase[:3], SEEN


G = None


def global_bound():
    global G
    import json as G
    return G.dumps([1])


def two_names():
    import os, sys
    return os.sep, sys.maxsize > 0


def second_fails():
    try:
        import json, no_such_module_abc
    except ImportError as e:
        return json.__name__, str(e)


def from_two_names():
    from os import sep, curdir
    return sep, curdir


def unbound_before():
    try:
        return math.pi
    except UnboundLocalError as e:
        import math
        return str(e), math.pi


def test_plain():
    return plain(), dotted(), dotted_as(), from_import()


def test_missing():
    return missing_module(), missing_name(), relative()


def test_missing_uncaught():
    return missing_uncaught()


def test_overridden():
    SEEN.clear()
    return overridden()


def test_global():
    return global_bound(), G.__name__


def test_two_names():
    return two_names(), second_fails(), from_two_names()


def test_unbound_before():
    return unbound_before()

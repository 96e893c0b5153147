"""Shared helpers: exact exception assertions and isolated module namespaces."""
import contextlib
import sys
import textwrap
import types

import pytest


@contextlib.contextmanager
def expect(exc_type, message):
    """Assert the block raises exactly ``exc_type`` (not a subclass) with ``message``."""
    with pytest.raises(BaseException) as info:
        yield info
    assert type(info.value) is exc_type, f"{type(info.value).__name__}: {info.value}"
    assert str(info.value) == message


_counter = [0]


def define(src, **extra):
    """Exec ``src`` as a fresh, importable module; returns the module.

    Annotations resolve in module globals, so each snippet gets its own module
    (registered in sys.modules so that pickling by reference works).
    """
    _counter[0] += 1
    name = f"spyc_testmod_{_counter[0]}"
    mod = types.ModuleType(name)
    mod.__dict__.update(extra)
    sys.modules[name] = mod
    exec(compile(textwrap.dedent(src), f"<{name}>", "exec"), mod.__dict__)
    return mod


try:  # a loaded 2-core machine must not turn timing into flaky failures
    from hypothesis import HealthCheck, settings

    settings.register_profile("spyc", deadline=None, database=None,
                              suppress_health_check=list(HealthCheck))
    settings.load_profile("spyc")
except ImportError:  # tests/_props.py provides the fallback
    pass

"""spyc: contracts that a specializing compiler trusts, enforced under plain CPython.

Public API (see docs/contracts-spec.md):

* ``checked`` -- run-time enforcement of parameter and return annotations;
* ``frozen`` -- final, slotted, deeply immutable value classes;
* ``record`` -- final, slotted, mutable records whose every field store is checked;
* ``i64`` (and ``i8 i16 i32 u8 u16 u32 u64``) -- range contracts on exact ``int``.
"""
from ._bounded import i8, i16, i32, i64, u8, u16, u32, u64
from ._checked import checked as _checked_impl, is_checked_decorator as _is_checked_impl
from ._frozen import frozen as _frozen_impl, _reconstruct
from ._record import record as _record_impl, _reconstruct_record
from . import _plan  # noqa: F401  (internal API for the compiled runtime)

__all__ = ["checked", "frozen", "record", "i64", "i8", "i16", "i32", "u8", "u16", "u32", "u64",
           "StaleModuleWarning"]


class StaleModuleWarning(UserWarning):
    """A compiled module was imported whose source file beside it has changed since the build.

    The extension runs the code it was built from (its embedded source), not the
    current ``.py``: rebuild it.  The message names both files.
    """


def checked(fn):
    """Enforce a function's annotations at every call.

    Runtime guarantee: after CPython binds the arguments and before the body
    runs, every annotated parameter (in signature order, ``*args`` items and
    ``**kwargs`` values included) holds a value of *exactly* the annotated type
    (``type(v) is int``; bool and subclasses are rejected); the one conversion
    is an exact ``int`` passed for ``float``, which becomes ``float(v)``.  On a
    normal return the return value is checked the same way (for coroutines the
    awaited result; generators' yields and returns are not checked).  Mismatches
    raise ``TypeError`` with spyc's own message; bounded-int range violations
    raise ``OverflowError``.  Annotations resolve in the module globals at the
    first call and are cached.  Accepts functions and classmethod/staticmethod/
    property objects wrapping functions.
    """
    return _checked_impl(fn)


def frozen(cls):
    """Turn a class into a final, slotted, deeply immutable value class.

    Runtime guarantee: fields (the annotated names) hold only int, float, bool,
    str, None, bounded ints, other frozen instances and tuples of those, each
    checked with the ``@checked`` rules on every store; after ``__init__``
    (and ``__post_init__``) returns, no attribute can be set or deleted
    (``dataclasses.FrozenInstanceError``); the class cannot be subclassed or
    modified; instances have no ``__dict__``, support weakrefs, compare and
    hash by field values (NaN hashed as 0.0), copy to themselves, pickle
    through a field-checking reconstructor, and can never form cycles.
    """
    return _frozen_impl(cls)


def record(cls):
    """Turn a class into a final, slotted, typed mutable record.

    Runtime guarantee: fields (the annotated names) are always set after
    construction and every store -- in ``__init__`` or later, from any code --
    is checked with the ``@checked`` rules (an int stored into a ``float``
    field becomes a float); a rejected store raises and leaves the old value.
    Fields cannot be deleted; other attribute names cannot be set.  The class
    cannot be subclassed or modified; instances have no ``__dict__``, support
    weakrefs, compare by field values, are never hashable, copy (shallow and
    deep) into new records and pickle through a field-checking reconstructor.
    """
    return _record_impl(cls)


# The compiled runtime recognises the decorator by identity.
def _is_checked_decorator(obj):
    """True iff ``obj`` is ``spyc.checked``."""
    return obj is checked or _is_checked_impl(obj)

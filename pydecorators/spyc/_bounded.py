"""Bounded-int markers (spec 6.6).

``i64`` is not a runtime type: values stay plain ``int``.  The marker only
carries a range, used by annotations, ``isinstance`` and the ``i64(x)``
constructor (``int(x)`` plus a range check).
"""


class _BoundedMeta(type):
    # isinstance(v, i64) <=> type(v) is int and MIN <= v <= MAX; a bool or an
    # int subclass is never "an i64" because the compiler would unbox it.
    def __instancecheck__(cls, v):
        return type(v) is int and cls._lo <= v <= cls._hi

    def __subclasscheck__(cls, sub):
        return sub is cls


def _make(name, lo, hi):
    def __new__(cls, x=0):
        v = int(x)
        if not (lo <= v <= hi):
            raise OverflowError(f"int out of range for {name}")
        return v  # a plain int, so __init__ is never involved

    doc = (f"Range contract on exact int: {lo} <= v <= {hi}. "
           f"Values stay plain int; {name}(x) is int(x) plus a range check "
           f"raising OverflowError('int out of range for {name}').")
    cls = _BoundedMeta(name, (), {
        "__new__": __new__, "__doc__": doc, "__module__": "spyc",
        "__slots__": (), "_lo": lo, "_hi": hi, "__spyc_bounded__": True,
    })
    return cls


i8 = _make("i8", -2**7, 2**7 - 1)
i16 = _make("i16", -2**15, 2**15 - 1)
i32 = _make("i32", -2**31, 2**31 - 1)
i64 = _make("i64", -2**63, 2**63 - 1)
u8 = _make("u8", 0, 2**8 - 1)
u16 = _make("u16", 0, 2**16 - 1)
u32 = _make("u32", 0, 2**32 - 1)
u64 = _make("u64", 0, 2**64 - 1)

BOUNDED = (i8, i16, i32, i64, u8, u16, u32, u64)

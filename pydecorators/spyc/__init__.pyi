# Static view of spyc: the bounded ints are plain ``int`` to type checkers
# (values never change type at run time), and both decorators preserve types.
# ``frozen`` is a dataclass_transform (PEP 681): type checkers synthesize the
# field-order ``__init__`` (defaults allowed), value ``__eq__``, and reject
# assignment to fields of an instance, as the runtime does.
from typing import Any, Callable, TypeVar
from typing_extensions import dataclass_transform

_F = TypeVar("_F")
_C = TypeVar("_C", bound=type)

__all__ = ["checked", "frozen", "record", "i64", "i8", "i16", "i32", "u8", "u16", "u32", "u64"]

def checked(fn: _F) -> _F: ...
@dataclass_transform(eq_default=True, frozen_default=True)
def frozen(cls: _C) -> _C: ...
@dataclass_transform(eq_default=True)
def record(cls: _C) -> _C: ...

i8 = int
i16 = int
i32 = int
i64 = int
u8 = int
u16 = int
u32 = int
u64 = int

def _reconstruct(cls: type, values: tuple[Any, ...]) -> Any: ...
def _reconstruct_record(cls: type, values: tuple[Any, ...]) -> Any: ...
def _is_checked_decorator(obj: object) -> bool: ...

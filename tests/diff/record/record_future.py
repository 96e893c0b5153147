"""@record under `from __future__ import annotations`: string field annotations (self-reference,
unions, ClassVar) resolve lazily in the module; checked methods return the record itself."""
from __future__ import annotations

from typing import ClassVar

from spyc import checked, record


@record
class Acc:
    n: int
    total: float = 0.0
    LIMIT: ClassVar[int] = 3
    peer: Acc | None = None

    @checked
    def add(self, x: float) -> Acc:
        self.total += x
        self.n += 1
        return self

    @checked
    def over(self) -> bool:
        return self.n > Acc.LIMIT


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


@checked
def link(a: Acc, b: Acc) -> int:
    a.peer = b
    b.peer = a
    return a.n + b.n


def test_future_annotations():
    a = Acc(1)
    a.add(2).add(3)
    b = Acc(5, 1)
    return (link(a, b), repr(a), repr(b), a.over(), Acc.__slots__, catch(setattr, a, "peer", 1),
            catch(setattr, a, "LIMIT", 4), catch(a.add, "x"), type(b.total).__name__)

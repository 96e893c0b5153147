"""Division and modulo by constant powers of two become shifts and masks in specialized code:
they must keep Python's floor semantics for negative numbers and at the int64 edges."""
from spyc import checked

EDGES = [0, 1, -1, 2, -2, 3, -3, 7, -7, 1023, -1023, 1024, -1025, 2**62, -2**62, 2**63 - 1, -2**63]


@checked
def pow2(x: int) -> int:
    return (x // 2) * 7 + (x % 2) * 3 + (x // 1024) % 1000 + (x % 1024) + x // 1 + x % 1 + (x // 2**62) * 11 + x % 2**62


def test_edges():
    return [pow2(x) for x in EDGES]


def test_big_inputs():
    out = []
    for x in (2**63, -2**63 - 1, 2**100):
        out.append(pow2(x))
    return out


@checked
def collatz(x: int) -> int:
    steps = 0
    while x != 1 and steps < 1000:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps


def test_collatz():
    return [collatz(x) for x in (1, 7, 27, 97, 871, -5, 2**62 + 1)]

"""Unboxing u64 values (masked 64-bit arithmetic) from objects: a @record's int field an RNG
method stores masked values into, and a parameter masked in the body. Values at every digit
boundary of CPython's 30-bit ints (2**30, 2**60, 2**63, 2**64, 2**90), negative ones, bools and
int subclasses: in [0, 2**64) they run unboxed, anything else keeps Python's exact results."""
from spyc import checked, record

MASK64 = 0xFFFF_FFFF_FFFF_FFFF


@record
class Rng:
    state: int

    @checked
    def step(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK64
        return self.state >> 33

    @checked
    def peek(self) -> int:
        hi = self.state >> 3       # the value as read, before any mask
        self.state = (self.state * 6364136223846793005 + 1) & MASK64
        return hi


@checked
def mix(z: int) -> int:
    z = z & MASK64
    z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9 & MASK64
    return z ^ (z >> 31)


class MyInt(int):
    pass


EDGES = [0, 1, 5, 2**30 - 1, 2**30, 2**30 + 1, 2**60 - 1, 2**60, 2**60 + 7, 2**63 - 1, 2**63,
         2**63 + 1, 2**64 - 1, 2**64, 2**64 + 1, 2**68 - 1, 2**68, 2**89, 2**90 - 1, 2**90, 2**120 + 3,
         -1, -2**30, -2**63, -2**64, -2**64 + 1, -2**90]


def test_record_edges():
    out = []
    for v in EDGES:
        r = Rng(v)
        out.append((r.step(), r.step(), r.state))
        r = Rng(v)
        out.append((r.peek(), r.peek(), r.state))
    return out


def test_record_hostile():
    out = []
    for v in (True, False, MyInt(2**63 + 3), MyInt(-4)):
        r = Rng(v)
        out.append((r.step(), r.state))
    r = Rng(3)
    try:
        r.state = 2.5
    except TypeError as e:
        out.append(str(e))
    return out


def test_param_edges():
    return [mix(v) for v in EDGES] + [mix(True), mix(MyInt(2**64 - 2))]


def test_long_run():
    r = Rng(2**64 - 1)
    acc = 0
    for _ in range(5000):
        acc ^= r.step()
    return acc, r.state

"""@record int fields holding masked 64-bit values (facts/types.ts u64Fields): read and stored as
u64 in specialized code. Hostile: a negative value or a big int stored from interpreted code, an
i64 field (which cannot take values past 2**63), the field deleted, and plain int stores."""
from spyc import checked, i64, record

MASK64 = 0xFFFFFFFFFFFFFFFF


@record
class Rng:
    state: int
    calls: int = 0


@record
class Rng64:
    state: i64


@checked
def draw(r: Rng, n: int) -> int:
    t = 0
    for _ in range(n):
        r.state = (r.state * 6364136223846793005 + 1442695040888963407) & MASK64
        r.calls += 1
        t += r.state >> 33
    return t


@checked
def draw64(r: Rng64) -> int:
    r.state = (r.state * 6364136223846793005 + 1442695040888963407) & MASK64
    return r.state


@checked
def reset(r: Rng, v: int) -> int:
    r.state = v
    return r.state >> 1


def test_draw():
    r = Rng(12345)
    return draw(r, 100), r.state, r.calls


def test_negative_and_big_from_interpreted():
    r = Rng(-5)
    a = draw(r, 3)
    r.state = 2 ** 80 + 7
    b = draw(r, 3)
    return a, b, r.state


def test_i64_field_overflow():
    r = Rng64(3)
    out = []
    for _ in range(4):
        try:
            out.append(draw64(r))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out, r.state


def test_reset():
    r = Rng(1)
    return reset(r, 10), reset(r, -10), r.state


def test_deleted():
    r = Rng(1)
    object.__delattr__(r, "state")
    try:
        draw(r, 1)
    except AttributeError as e:
        return str(e), r.calls
    return "no error"

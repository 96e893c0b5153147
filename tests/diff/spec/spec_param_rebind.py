"""A boxed parameter of a specialized function rebound in its specialized body (issue 13: found
by the leak check; the hot half released the caller's reference of `s` at `s += "!"` and leaked
the final value, so after a few hundred calls the argument object was freed under the caller).
Each test calls many times and then uses the arguments."""
from spyc import checked


@checked
def aug_str(s: str, n: int) -> str:
    s += "!"
    s *= n
    return s


@checked
def rebind_obj(o: object, k: int) -> int:
    total = 0
    for i in range(k):
        total += i
    o = (o, total)
    return len(o) + total


@checked
def rebind_list(xs: list[int], k: int) -> int:
    t = 0
    for x in xs:
        t += x * k
    xs = [t]
    return xs[0]


@checked
def rebind_tuple(ts: tuple[int, ...], k: int) -> int:
    ts = ts + (k,)
    s = 0
    for v in ts:
        s += v
    return s


def test_rebound_str_parameter():
    base = "".join(["a", "b", "c"])
    out = [aug_str(base, 2) for _ in range(500)]
    return base, out[-1], len(set(out)), aug_str(base, 0)


def test_rebound_object_parameter():
    o = object.__new__(type("T", (), {}))
    rs = [rebind_obj(o, 5) for _ in range(500)]
    return rs[-1], type(o).__name__


def test_rebound_list_parameter():
    xs = [1, 2, 3]
    rs = [rebind_list(xs, 2) for _ in range(500)]
    return rs[-1], xs


def test_rebound_tuple_parameter():
    ts = tuple(range(5))
    rs = [rebind_tuple(ts, 7) for _ in range(500)]
    return rs[-1], ts

"""@record field stores from compiled code: the C store path (spz/objects.h, a descriptor in the
store cache) must be indistinguishable from the generated __setattr__ -- right/wrong types (every
catalogue message), int->float (and its overflow), i64 range, unchecked and union fields, deletes,
non-field names, augmented stores in loops, a class whose __setattr__ is replaced through
type.__setattr__, polymorphic sites, and instances mutated then pickled/copied."""
import copy
import pickle
from typing import Optional

from spyc import checked, frozen, i64, record


@frozen
class Tag:
    label: str


@record
class Body:
    x: float
    vx: float
    n: i64 = 0
    k: int = 0
    name: str = "b"
    on: bool = False
    tag: Optional[Tag] = None
    any: object = None
    t: Tag = Tag("t")


@record
class Other:
    x: float
    name: str = "o"


@record
class Hack:
    x: float


def catch(fn, *args):
    try:
        r = fn(*args)
        return ("ok", repr(r), type(r).__name__)
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def set_x(b, v):
    b.x = v
    return b.x


@checked
def set_x_checked(b: Body, v: object) -> object:
    b.x = v
    return b.x


def set_n(b, v):
    b.n = v
    return b.n


def set_k(b, v):
    b.k = v
    return b.k


def set_name(b, v):
    b.name = v
    return b.name


def set_on(b, v):
    b.on = v
    return b.on


def set_tag(b, v):
    b.tag = v
    return b.tag


def set_t(b, v):
    b.t = v
    return b.t


def set_any(b, v):
    b.any = v
    return b.any


def set_zz(b, v):
    b.zz = v
    return b.zz


def del_x(b):
    del b.x
    return b


def del_zz(b):
    del b.zz
    return b


@checked
def kick(b: Body, dv: float, steps: int) -> float:
    for i in range(steps):
        b.vx -= dv
        b.x += b.vx * 0.01
        b.n += 1
    return b.x


def shift_all(bodies, dx):
    for b in bodies:
        b.x += dx
    return [b.x for b in bodies]


def test_right_types():
    b = Body(0.0, 0.0)
    return (catch(set_x, b, 2.5), catch(set_x, b, -0.0), catch(set_x_checked, b, float("inf")),
            catch(set_n, b, 7), catch(set_k, b, 2**90), catch(set_name, b, "nm"), catch(set_on, b, True),
            catch(set_tag, b, Tag("a")), catch(set_tag, b, None), catch(set_t, b, Tag("q")),
            catch(set_any, b, [1]), catch(set_any, b, None), repr(b))


def test_int_to_float():
    b = Body(0.0, 0.0)
    r = (catch(set_x, b, 3), type(b.x).__name__, catch(set_x_checked, b, -2**62),
         catch(set_x, b, 2**63 + 1), catch(set_x, b, 10**400), repr(b))
    return r


def test_wrong_types():
    b = Body(1.0, 2.0)
    return (catch(set_x, b, "1"), catch(set_x, b, None), catch(set_x, b, True), catch(set_x_checked, b, 1j),
            catch(set_n, b, 1.5), catch(set_n, b, True), catch(set_k, b, 1.0), catch(set_k, b, False),
            catch(set_name, b, b"x"), catch(set_on, b, 1), catch(set_on, b, None),
            catch(set_tag, b, "t"), catch(set_t, b, None), repr(b))


def test_i64_range():
    b = Body(1.0, 2.0)
    return (catch(set_n, b, 2**63 - 1), catch(set_n, b, -2**63), catch(set_n, b, 2**63),
            catch(set_n, b, -2**63 - 1), catch(set_n, b, 10**40), b.n)


def test_rejected_store_writes_nothing():
    b = Body(1.0, 2.0, 3, 4, "x")
    before = repr(b)
    for f, v in ((set_x, "a"), (set_n, 2**64), (set_k, 1.5), (set_x, 10**400)):
        catch(f, b, v)
    return before == repr(b), repr(b)


def test_deletes_and_other_names():
    b = Body(1.0, 2.0)
    return (catch(del_x, b), catch(del_zz, b), catch(set_zz, b, 1), catch(set_zz, b, "x"),
            catch(lambda: b.zz), repr(b))


def test_loops_and_aug():
    b = Body(0.0, 1.0)
    r = kick(b, 0.25, 100)
    bodies = [Body(float(i), 0.0) for i in range(5)]
    return r, repr(b), shift_all(bodies, 1), shift_all(bodies, 0.5), type(bodies[0].x).__name__


def test_polymorphic_site():
    out = []
    for obj in (Body(1.0, 2.0), Other(1.0), Body(3.0, 4.0), Other(5.0), Tag("z")):
        out.append(catch(set_x, obj, 7))
        out.append(catch(set_x, obj, "s"))
        out.append(catch(set_name, obj, "nm"))
    return out


def test_foreign_objects_at_record_sites():
    class Plain:
        __slots__ = ("x", "name", "n")

    class WithDict:
        pass
    p, w = Plain(), WithDict()
    return (catch(set_x, p, "s"), catch(set_n, p, 2**70), catch(set_x, w, None), p.x, w.x,
            catch(set_x, Body(0.0, 0.0), "s"))


def test_setattr_replaced_via_type():
    h = Hack(1.0)
    out = [catch(set_x, h, 2), catch(set_x, h, "s")]
    orig = Hack.__dict__["__setattr__"]
    log = []

    def spy(self, name, value):
        log.append((name, value))
        orig(self, name, value)
    type.__setattr__(Hack, "__setattr__", spy)
    try:
        out += [catch(set_x, h, 3), catch(set_x, h, "t"), list(log)]
    finally:
        type.__setattr__(Hack, "__setattr__", orig)
    out += [catch(set_x, h, 4), catch(set_x, h, 5.5), list(log), repr(h)]
    return out


def test_interpreted_and_compiled_mix():
    b = Body(1.0, 2.0)
    set_x(b, 5)
    setattr(b, "vx", 3)
    b.n = 4
    set_n(b, b.n * 2)
    return repr(b), type(b.vx).__name__, catch(setattr, b, "vx", "z")


def test_pickle_copy_after_stores():
    b = Body(1.0, 2.0)
    set_x(b, 9)
    set_tag(b, Tag("p"))
    set_any(b, {"k": [1, 2]})
    rt = pickle.loads(pickle.dumps(b))
    c = copy.copy(b)
    d = copy.deepcopy(b)
    set_x(c, 1)
    set_x(d, 2)
    return repr(rt), rt == b, repr(c), repr(d), c.any is b.any, d.any is b.any, repr(b)

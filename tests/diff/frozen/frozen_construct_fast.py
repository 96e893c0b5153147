"""@frozen (and @record) construction from compiled code: the C fast path (spz/objects.h) must be
indistinguishable from the generated constructor -- right/wrong types (every catalogue message),
int->float, i64 range, defaults, keywords, wrong argument counts, a class name rebound mid-run, a
metaclass __call__ replaced, __post_init__, user __init__, acyclicity, subclass attempts,
pickle/copy of instances built in C."""
import copy
import pickle
from typing import Optional

from spyc import checked, frozen, i64, record


@frozen
class Pt:
    x: float
    y: float
    n: i64 = 0
    label: str = "p"
    flag: bool = False


@frozen
class Wrap:
    inner: Pt
    k: int = 1
    tag: Optional[str] = None
    items: tuple[int, ...] = ()


@frozen
class Checked:
    lo: float
    hi: float

    def __post_init__(self):
        if self.lo > self.hi:
            raise ValueError(f"lo {self.lo} > hi {self.hi}")


@frozen
class Odd:
    v: int

    def __post_init__(self):
        return "ignored"  # the generated constructor drops __post_init__'s result


@record
class Span:
    lo: float
    hi: float = 0.0

    def __post_init__(self):
        if self.hi < self.lo:
            self.hi = self.lo  # a record may store during __post_init__
        if self.lo < -100:
            raise ValueError("too low")


@frozen
class Own:
    a: int
    b: float

    def __init__(self, a, b=2.5):
        self.a = a * 2
        self.b = b


@frozen
class Holder:
    pt: Pt


@frozen
class Cyc:
    v: float
    other: Optional["Cyc"] = None

    def __post_init__(self):
        if self.v < 0:
            Holder(self)  # not a Pt: wrong type; and Cyc under construction


@frozen
class Node:
    val: int
    nxt: Optional["Node"] = None


@frozen
class Selfish:
    v: float

    def __post_init__(self):
        # constructions while an instance is under construction: an unrelated frozen value
        # is accepted; the instance itself is refused (acyclicity)
        Holder(Pt(self.v, 1.0))
        if self.v > 0:
            SelfHolder(self)


@frozen
class SelfHolder:
    s: Selfish


@record
class Acc:
    total: float
    count: i64 = 0
    note: object = None


@frozen
class Late:
    v: "LaterT"  # noqa: F821 -- defined by test_name_error_then_retry


@frozen
class Empty:
    pass


def catch(fn, *args, **kw):
    try:
        r = fn(*args, **kw)
        return ("ok", repr(r), type(r).__name__)
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


@checked
def mk_pt(x: float, y: float) -> Pt:
    return Pt(x, y)


def mk_pt_any(x, y):
    return Pt(x, y)


def mk_full(x, y, n, label, flag):
    return Pt(x, y, n, label, flag)


def mk_kw(x, y, n):
    return Pt(x, y=y, n=n)


def mk_kw_all(a, b):
    return Pt(label=a, y=b, x=b)


def mk_kw_dup(x):
    return Pt(x, x=x)


def mk_kw_unknown(x):
    return Pt(x, 1.0, z=3)


def mk_one(x):
    return Pt(x)


def mk_six(x):
    return Pt(x, x, 1, "a", True, 7)


def mk_none():
    return Pt()


def mk_wrap(p, k):
    return Wrap(p, k)


def mk_wrap_tag(p, t, items):
    return Wrap(p, 3, t, items)


def mk_checked(lo, hi):
    return Checked(lo, hi)


def mk_own(a):
    return Own(a)


def mk_own2(a, b):
    return Own(a, b=b)


def mk_acc(t, c):
    return Acc(t, c)


def mk_acc_note(t, note):
    return Acc(t, note=note)


def mk_empty():
    return Empty()


def mk_holder(p):
    return Holder(p)


def mk_cyc(v):
    return Cyc(v)


def mk_selfish(v):
    return Selfish(v)


def mk_selfholder(s):
    return SelfHolder(s)


def mk_node(v, nxt):
    return Node(v, nxt)


@checked
def build_chain(n: int) -> int:
    node = None
    for i in range(n):
        node = Node(i, node)
    total = 0
    while node is not None:
        total += node.val
        node = node.nxt
    return total


@checked
def sum_pts(n: int) -> float:
    t = 0.0
    for i in range(n):
        p = Pt(i, i * 0.5, i, "q")
        t += p.x + p.y + p.n
    return t


def test_right_types():
    return (catch(mk_pt, 1.5, 2.5), catch(mk_pt_any, 1.5, -0.0), catch(mk_full, 1.0, 2.0, 3, "s", True),
            catch(mk_pt_any, float("inf"), float("nan")))


def test_int_to_float():
    p = mk_pt_any(1, 2)
    q = mk_pt(3, -4)
    big = mk_pt_any(2**63 + 1, -(2**70))
    return (repr(p), type(p.x).__name__, type(p.y).__name__, repr(q), type(q.x).__name__,
            repr(big), catch(mk_pt_any, 10**400, 1.0), catch(mk_pt_any, 1.0, -10**400),
            catch(mk_pt, 10**400, 1.0))


def test_wrong_types():
    return (catch(mk_pt_any, "1", 2.0), catch(mk_pt_any, 1.0, None), catch(mk_pt_any, True, 1.0),
            catch(mk_pt_any, 1.0, False), catch(mk_full, 1.0, 2.0, 1.5, "a", True),
            catch(mk_full, 1.0, 2.0, True, "a", True), catch(mk_full, 1.0, 2.0, 3, b"a", True),
            catch(mk_full, 1.0, 2.0, 3, "a", 1), catch(mk_full, 1.0, 2.0, 3, "a", None),
            catch(mk_pt_any, 1j, 2.0), catch(mk_pt, "x", 1.0))


def test_i64_range():
    return (catch(mk_full, 1.0, 2.0, 2**63 - 1, "a", False), catch(mk_full, 1.0, 2.0, -2**63, "a", False),
            catch(mk_full, 1.0, 2.0, 2**63, "a", False), catch(mk_full, 1.0, 2.0, -2**63 - 1, "a", False),
            catch(mk_full, 1.0, 2.0, 10**30, "a", False), catch(mk_kw, 1.0, 2.0, 2**64))


def test_first_error_wins():
    # every field is checked in order before anything is allocated
    return (catch(mk_full, "a", None, 1.5, 3, 4), catch(mk_full, 1.0, None, 1.5, 3, 4),
            catch(mk_full, 1.0, 2.0, 1.5, 3, 4), catch(mk_full, 1.0, 2.0, 2**64, 3, 4))


def test_defaults_and_keywords():
    return (catch(mk_kw, 1.0, 2.0, 5), catch(mk_kw, 1, 2, 5), catch(mk_kw_all, "L", 3),
            catch(mk_kw_all, 3, 3.0), catch(mk_kw, 1.0, "y", 5), catch(mk_kw, 1.0, 2.0, "n"))


def test_binding_errors():
    return (catch(mk_one, 1.0), catch(mk_six, 1.0), catch(mk_none), catch(mk_kw_dup, 1.0),
            catch(mk_kw_unknown, 1.0))


def test_nested_and_unions():
    p = mk_pt(1.0, 2.0)
    return (catch(mk_wrap, p, 2), catch(mk_wrap, p, True), catch(mk_wrap, "p", 2), catch(mk_wrap, p, 2**70),
            catch(mk_wrap_tag, p, "t", (1, 2)), catch(mk_wrap_tag, p, None, ()), catch(mk_wrap_tag, p, "t", (1, "a")),
            catch(mk_wrap_tag, p, 3, ()), catch(mk_wrap_tag, p, "t", [1]),
            catch(mk_wrap_tag, p, "t", ([],)), catch(mk_holder, p), catch(mk_holder, None))


def test_post_init_and_user_init():
    return (catch(mk_checked, 1, 2.0), catch(mk_checked, 3.0, 2.0), catch(mk_checked, "a", 2.0),
            catch(mk_own, 4), catch(mk_own2, 4, 1), catch(mk_own2, 4, "b"), catch(mk_own, 2.5))


def test_acyclicity():
    return (catch(mk_selfish, 1.0), catch(mk_selfish, -1.0), catch(mk_selfholder, mk_selfish(-2.0)),
            catch(mk_cyc, 1.0), catch(mk_cyc, -1.0),
            catch(mk_node, 1, None), catch(mk_node, 1, mk_node(2, None)), catch(mk_node, 1, "x"))


def test_records_and_empty():
    a = mk_acc(1, 2)
    return (repr(a), type(a.total).__name__, catch(mk_acc, 1.0, 2**63), catch(mk_acc, "t", 1),
            catch(mk_acc_note, 2.0, [1, 2]), catch(mk_acc_note, 2, None), repr(mk_empty()),
            mk_empty() == Empty())


def test_loops():
    return build_chain(50), sum_pts(100), build_chain(0)


def test_identity_of_fields():
    s = "label-" + str(7)
    t = (1, 2, 3000)
    p = mk_full(1.0, 2.0, 3, s, True)
    w = mk_wrap_tag(p, None, t)
    return p.label is s, w.items is t, w.inner is p, p.flag is True


def test_immutability_of_c_built():
    p = mk_pt(1.0, 2.0)
    out = []
    for f in (lambda: setattr(p, "x", 2.0), lambda: delattr(p, "y"), lambda: setattr(p, "z", 1),
              lambda: p.__init__(1.0, 2.0)):
        out.append(catch(f))
    return out, repr(p), hash(p) == hash(Pt(1.0, 2.0)), p == Pt(1.0, 2.0), p != Pt(1.0, 2.5)


def test_pickle_copy():
    p = mk_full(1, 2.0, -5, "z", True)
    w = mk_wrap_tag(p, "t", (1, 2, 3))
    a = mk_acc(3, 4)
    rt = pickle.loads(pickle.dumps(w))
    ra = pickle.loads(pickle.dumps(a))
    return (repr(rt), rt == w, type(rt.inner.x).__name__, copy.copy(p) is p, copy.deepcopy(w) is w,
            repr(ra), ra == a, copy.copy(a) == a, copy.copy(a) is not a, repr(copy.deepcopy(a)),
            p.__reduce__()[1][1])


def test_hash_and_match():
    p = mk_pt(float("nan"), 0.0)
    match mk_full(1.0, 2.0, 3, "m", False):
        case Pt(x, y, n, label):
            m = (x, y, n, label)
    return hash(p) == hash(Pt(float("nan"), 0.0)), m, {mk_pt(1, 2): 1}[Pt(1.0, 2.0)]


def test_subclass_attempts():
    def sub():
        class S(Pt):
            pass
        return S
    return catch(sub), catch(lambda: Pt.__new__(Pt)), catch(lambda: object.__new__(Pt).x)


def test_class_rebound_mid_run():
    global Pt
    orig = Pt
    out = [catch(mk_pt_any, 1.0, 2.0)]
    try:
        @frozen
        class Pt:  # noqa: F811 -- another frozen class under the same global name
            x: str
            y: str
        out.append(catch(mk_pt_any, "a", "b"))
        out.append(catch(mk_pt_any, 1.0, 2.0))

        class Pt:  # noqa: F811 -- an ordinary class
            def __init__(self, x, y):
                self.x = x
                self.y = y

            def __repr__(self):
                return f"plain({self.x!r}, {self.y!r})"
        out.append(catch(mk_pt_any, 1.0, "b"))
        Pt = lambda x, y: ("fn", x, y)  # noqa: E731
        out.append(catch(mk_pt_any, 1.0, 2.0))
    finally:
        Pt = orig
    out.append(catch(mk_pt_any, 1.0, 2.0))
    out.append(catch(mk_pt_any, "a", 2.0))
    return out


def test_metaclass_call_replaced():
    meta = type(Node)
    orig = meta.__dict__["__call__"]
    out = [catch(mk_node, 1, None)]
    try:
        meta.__call__ = lambda cls, *a, **k: ("hijacked", cls.__name__, a)
        out.append(catch(mk_node, 2, None))
        out.append(catch(mk_node, "x", None))
    finally:
        meta.__call__ = orig
    out.append(catch(mk_node, 3, None))
    out.append(catch(mk_node, "y", None))
    return out


def test_class_attribute_set_via_type():
    # the class is immutable through its metaclass; type.__setattr__ bypasses it and must be seen
    out = [catch(mk_acc, 1.0, 1)]
    out.append(catch(lambda: setattr(Acc, "total", 1)))
    return out


def mk_late(v):
    return Late(v)


def test_name_error_then_retry():
    out = [catch(mk_late, 1), catch(mk_late, 1)]
    globals()["LaterT"] = int
    out += [catch(mk_late, 1), catch(mk_late, "x"), catch(mk_late, 2**80)]
    return out


def mk_odd(v):
    return Odd(v)


def mk_span(lo, hi):
    return Span(lo, hi)


def mk_span1(lo):
    return Span(lo)


def test_post_init_variants():
    from spyc._frozen import _building
    return (catch(mk_odd, 3), catch(mk_odd, "3"), catch(mk_span, 1, 5), catch(mk_span, 5.0, 1.0),
            catch(mk_span1, 2), catch(mk_span, -200.0, 1.0), catch(mk_span, "a", 1.0),
            catch(mk_checked, 3.0, 2.0), catch(mk_selfish, 2.0), len(_building))

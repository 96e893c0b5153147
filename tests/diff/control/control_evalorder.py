"""Evaluation order and side effects: operands, arguments, subscript targets, displays,
chained comparisons (middle evaluated once), short-circuit, conditional expressions."""
from spyc import checked

TRACE = []


def t(label, value):
    TRACE.append(label)
    return value


def take():
    out = TRACE[:]
    del TRACE[:]
    return out


@checked
def binops() -> int:
    return t("a", 1) + t("b", 2) * t("c", 3) - t("d", 4) ** t("e", 2)


@checked
def call_args() -> tuple:
    return t("f", tuple)((t("x", 1), t("y", 2))), t("g", dict)(a=t("k1", 1), b=t("k2", 2))


@checked
def subscript_store(xs: list) -> list:
    t("target", xs)[t("index", 0)] = t("value", 99)
    return xs


@checked
def aug_subscript(xs: list) -> list:
    t("target", xs)[t("index", 1)] += t("value", 5)
    return xs


@checked
def dict_display() -> dict:
    return {t("k1", "a"): t("v1", 1), t("k2", "b"): t("v2", 2)}


@checked
def chained(x: int) -> bool:
    return t("lo", 0) < t("mid", x) < t("hi", 10) < t("never-if-false", 20)


@checked
def short_circuit(a: int, b: int) -> object:
    return (t("a", a) and t("b", b)) or t("c", "fallback")


@checked
def conditional(flag: bool) -> str:
    return t("yes", "Y") if t("cond", flag) else t("no", "N")


@checked
def unpack_order() -> tuple:
    a, b = t("rhs1", 1), t("rhs2", 2)
    return a, b


@checked
def attr_store(o: object) -> object:
    t("obj", o).value = t("val", 7)
    return o.value


class Obj:
    pass


@checked
def loop_iter_evaluated_once(n: int) -> int:
    total = 0
    for i in t("iterable", range(n)):
        total += i
    return total


@checked
def while_cond_each_time(n: int) -> int:
    i = 0
    while t("cond", i < n):
        i += 1
    return i


@checked
def mutate_during_evaluation(xs: list) -> tuple:
    return xs[0], xs.pop(0), xs[0]


def test_binops_order():
    r = binops()
    return r, take()


def test_call_args_order():
    r = call_args()
    return r, take()


def test_subscript_store_order():
    r = subscript_store([0, 0])
    return r, take()


def test_aug_subscript_order():
    r = aug_subscript([0, 0])
    return r, take()


def test_dict_display_order():
    r = dict_display()
    return r, take()


def test_chained_middle_once():
    out = []
    for x in (5, -1, 15):
        out.append((chained(x), take()))
    return out


def test_short_circuit():
    out = []
    for a, b in ((0, 1), (1, 0), (2, 3)):
        out.append((short_circuit(a, b), take()))
    return out


def test_conditional():
    return conditional(True), take(), conditional(False), take()


def test_unpack_order():
    return unpack_order(), take()


def test_attr_store_order():
    return attr_store(Obj()), take()


def test_loop_iter_once():
    return loop_iter_evaluated_once(4), take(), while_cond_each_time(3), take()


def test_mutation_during_tuple_build():
    return mutate_during_evaluation([1, 2, 3])

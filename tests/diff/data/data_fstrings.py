"""f-strings with conversions and format specs; str/repr/format of numbers."""
from spyc import checked


class Weird:
    def __str__(self):
        return "str-of-weird"

    def __repr__(self):
        return "repr-of-weird"

    def __format__(self, spec):
        return "format-of-weird[" + spec + "]"


@checked
def fmt_int(n: int) -> str:
    return f"{n} {n!r} {n:5d} {n:<6}| {n:+} {n:x} {n:#o} {n:b} {n:,} {n:_} {n:08.2f} {n:e}"


@checked
def fmt_float(x: float) -> str:
    return f"{x} {x!r} {x:.3f} {x:10.2e} {x:g} {x:%} {x:+.1f} {x:<8}| {x:^9}| {x:.0f}"


@checked
def fmt_str(s: str, w: int) -> str:
    return f"[{s}] [{s!r}] [{s!a}] [{s:>{w}}] [{s:*^{w}}] [{s:.2}] {{literal}}"


@checked
def fmt_obj(o: object) -> str:
    return f"{o} {o!s} {o!r} {o:spec} {o!r:>20}"


@checked
def fmt_expr(a: int, b: int) -> str:
    return f"{a + b} {a * b:>6} {'yes' if a > b else 'no'} {[a, b]} {(a, b)!r} {a=} {b = }"


@checked
def fmt_bad(n: int) -> str:
    return f"{n:.2s}"


@checked
def old_style(n: int, x: float, s: str) -> str:
    return "%d %5.2f %s %r %x %%" % (n, x, s, s, n)


@checked
def str_format(n: int, s: str) -> str:
    return "{} {!r} {:>5} {name}".format(n, s, n, name=s)


def test_fmt_int():
    return fmt_int(0), fmt_int(-1234567), fmt_int(2**64)


def test_fmt_float():
    return fmt_float(3.14159), fmt_float(-0.0), fmt_float(1e300), fmt_float(float("inf")), fmt_float(float("nan"))


def test_fmt_float_from_int():
    return fmt_float(5)


def test_fmt_str():
    return fmt_str("héllo", 9), fmt_str("a'b\"c\n", 3)


def test_fmt_obj():
    return fmt_obj(Weird())


def test_fmt_obj_builtin_spec():
    return fmt_obj(5)


def test_fmt_expr():
    return fmt_expr(3, 4)


def test_fmt_bad_spec():
    return fmt_bad(5)


def test_old_style():
    return old_style(255, 2.5, "s")


def test_old_style_error():
    return old_style(1, 2.0, "a") % 3


def test_str_format():
    return str_format(7, "x")

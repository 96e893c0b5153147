"""Frame-dependent builtins (locals, vars, globals, zero-arg super, __class__), nested classes,
global/nonlocal mixes, star-imports of names, conditional definitions, decorators on classes."""
from spyc import checked


class Base:
    def greet(self):
        return "base"


class Child(Base):
    @checked
    def greet(self) -> str:
        return "child+" + super().greet()

    @checked
    def cls_name(self) -> str:
        return __class__.__name__


@checked
def with_locals(a: int, b: str) -> list:
    c = a * 2
    return sorted(locals().items())


@checked
def with_vars(o: object) -> list:
    return sorted(vars(o))


@checked
def with_globals() -> bool:
    return globals() is GLOBALS_REF[0]


@checked
def dir_no_args(a: int) -> list:
    b = 1
    return dir()


@checked
def nested_class(n: int) -> str:
    class Inner:
        val = n

        def get(self):
            return self.val * 2
    return "%s %d" % (Inner.__qualname__, Inner().get())


if True:
    @checked
    def conditional_def(x: int) -> int:
        return x + 1
else:
    def conditional_def(x):
        return -1


try:
    @checked
    def in_try(x: int) -> int:
        return x * 3
except Exception:
    pass


GLOBALS_REF = [globals()]


class P:
    def __init__(self):
        self.a = 1
        self.b = 2


def test_super_zero_arg():
    return Child().greet(), Child().cls_name()


def test_locals():
    return with_locals(3, "s")


def test_vars_and_globals():
    return with_vars(P()), with_globals()


def test_dir_no_args():
    return dir_no_args(1)


def test_nested_class():
    return nested_class(21)


def test_conditional_defs():
    return conditional_def(1), in_try(2)

"""Private name mangling rules in compiled methods: parameters, locals (UnboundLocalError and
NameError texts name the mangled identifier), `global` and `except ... as` names, class names
with leading underscores or only underscores, nested private classes, dunder names."""
from spyc import checked

_Rules__counter = 0
_a___flag = "flag of _a_"
__plain = "module-level, only mangled inside classes"


class Rules:
    @checked
    def param(self, __p: int) -> int:
        return __p * 2

    def bump(self):
        global __counter
        __counter += 1
        return __counter

    def unbound(self):
        if False:
            __x = 1
        return __x

    def missing_global(self):
        return __nowhere

    def catch(self):
        try:
            raise KeyError("k")
        except KeyError as __e:
            return repr(__e)

    def dunders(self):
        __ = 1
        ___ = 2
        return __, ___, self.__class__.__name__, __name__

    def kw_to_mangled(self):
        return self.param(_Rules__p=5)


class _a_:
    def flag(self):
        return __flag


class ___:
    def raw(self):
        return __plain


class Outer:
    class __Inner:
        def mangle_inner(self):
            self.__v = 1
            return sorted(vars(self))

    def make(self):
        return self.__Inner().mangle_inner()


def test_mangled_parameter():
    r = Rules()
    return r.param(3), r.param(_Rules__p=4), r.kw_to_mangled()


def test_unmangled_parameter_keyword_fails():
    return Rules().param(__p=1)


def test_global_declaration():
    r = Rules()
    return r.bump(), r.bump()


def test_unbound_local_message():
    return Rules().unbound()


def test_name_error_message():
    return Rules().missing_global()


def test_except_as():
    return Rules().catch()


def test_dunder_names_unchanged():
    return Rules().dunders()


def test_leading_underscores_stripped():
    return _a_().flag()


def test_all_underscore_class():
    return ___().raw()


def test_nested_private_class():
    return Outer().make()

"""Private name mangling inside class bodies: attributes, method calls, locals, globals,
keyword arguments, class attributes, nested classes -- in compiled methods (@checked and
plain ones compiled under --all)."""
from spyc import checked

__module_private = "module-level dunder-prefixed global"
_Account__shared = "mangled global"


class Account:
    __rate = 3

    def __init__(self, balance):
        self.__balance = balance
        self.__history = []

    def __log(self, what):
        self.__history.append(what)

    @checked
    def deposit(self, amount: int) -> int:
        self.__balance += amount
        self.__log("deposit %d" % amount)
        return self.__balance

    def interest(self):
        __tmp = self.__balance * Account.__rate
        return __tmp + self.__rate

    def history(self):
        return list(self.__history)

    def peek_global(self):
        return __shared

    def kw_call(self):
        return self.__kw(__x=1)

    def __kw(self, **kw):
        return sorted(kw)

    def has(self, name):
        return hasattr(self, name)

    def del_balance(self):
        del self.__balance
        return hasattr(self, "_Account__balance")

    @checked
    def names(self) -> list:
        return sorted(k for k in vars(self))


class Savings(Account):
    def __init__(self, balance):
        super().__init__(balance)
        self.__balance = "savings-private"

    def both(self):
        return self.__balance, self._Account__balance


class Outer:
    class __Inner:
        value = 7

    def get_inner(self):
        return self.__Inner.value

    def dunder_not_mangled(self):
        return self.__class__.__name__, self.__dict__


def test_private_attributes_and_methods():
    a = Account(100)
    a.deposit(50)
    return a.deposit(1), a.history(), a.interest(), a.names()


def test_mangled_names_visible_from_outside():
    a = Account(10)
    return a._Account__balance, a.has("__balance"), a.has("_Account__balance"), Account._Account__rate


def test_mangled_global_lookup():
    return Account(0).peek_global()


def test_mangled_keyword_argument():
    return Account(0).kw_call()


def test_del_mangled_attribute():
    return Account(5).del_balance()


def test_subclass_has_separate_private():
    s = Savings(3)
    s.deposit(4)
    return s.both(), sorted(vars(s))


def test_nested_private_class():
    o = Outer()
    return o.get_inner(), o.dunder_not_mangled()


def test_unmangled_access_fails():
    return Account(1).__balance

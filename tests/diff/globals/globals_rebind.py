"""Module globals read by compiled code must see rebinding between calls; `global` writes;
builtins shadowed by a global and then deleted."""
from spyc import checked

SCALE = 2
LOG = []
counter = 0


@checked
def scaled(x: int) -> int:
    return x * SCALE


@checked
def bump() -> int:
    global counter
    counter += 1
    return counter


@checked
def set_scale(v: int) -> None:
    global SCALE
    SCALE = v


@checked
def log(msg: str) -> int:
    LOG.append(msg)
    return len(LOG)


@checked
def use_len(x: list) -> object:
    return len(x)


@checked
def read_undefined() -> int:
    return not_defined_anywhere + 1  # noqa: F821


@checked
def read_later() -> int:
    return DEFINED_LATER


@checked
def delete_global() -> None:
    global TEMP
    del TEMP


@checked
def make_temp(v: int) -> None:
    global TEMP
    TEMP = v


@checked
def read_temp() -> int:
    return TEMP


def fake_len(x):
    return -1


def test_rebind_between_calls():
    global SCALE
    a = scaled(5)
    SCALE = 10
    b = scaled(5)
    SCALE = 2
    return a, b, scaled(5)


def test_rebind_to_other_type():
    global SCALE
    SCALE = 1.5
    try:
        return scaled(4)
    finally:
        SCALE = 2


def test_rebind_to_str():
    global SCALE
    SCALE = "ab"
    try:
        return scaled(3)
    finally:
        SCALE = 2


def test_global_statement_write():
    set_scale(7)
    r = scaled(1), SCALE
    set_scale(2)
    return r


def test_counter():
    bump()
    bump()
    return bump(), counter


def test_mutating_global_list():
    log("a")
    log("b")
    return LOG[:], log("c")


def test_builtin_shadowed_then_deleted():
    global len
    before = use_len([1, 2, 3])
    len = fake_len
    shadowed = use_len([1, 2, 3])
    del len
    after = use_len([1, 2, 3])
    return before, shadowed, after


def test_builtin_replaced_in_builtins_module():
    import builtins
    orig = builtins.len
    builtins.len = fake_len
    try:
        return use_len([1])
    finally:
        builtins.len = orig


def test_name_error():
    return read_undefined()


def test_defined_later():
    return read_later()


def test_delete_global():
    make_temp(5)
    a = read_temp()
    delete_global()
    try:
        read_temp()
    except NameError as e:
        return a, str(e)


def test_delete_missing_global():
    delete_global()


DEFINED_LATER = 42

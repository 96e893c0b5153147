"""Builtins that read the *calling* frame's scope when given no explicit namespace: eval, exec,
vars(), dir(), globals(). Inside a compiled function they must see that function's own module
and locals, exactly as in CPython."""
from spyc import checked

WHERE = "module global"


@checked
def eval_implicit(a: int) -> object:
    return eval("a * 10 + len(WHERE)")


@checked
def eval_global_only() -> str:
    return eval("WHERE")


@checked
def exec_implicit(a: int) -> object:
    exec("b = a + 1\nglobal EXEC_RESULT\nEXEC_RESULT = b")
    return EXEC_RESULT


@checked
def vars_no_args(a: int) -> list:
    b = a
    return sorted(vars())


@checked
def globals_name() -> str:
    return globals()["__name__"]


@checked
def globals_write(v: int) -> int:
    globals()["WRITTEN"] = v
    return WRITTEN


def plain_globals_name():
    return globals()["__name__"]


def plain_eval():
    return eval("WHERE")


def test_eval_implicit():
    return eval_implicit(2)


def test_eval_global_only():
    return eval_global_only()


def test_exec_implicit():
    return exec_implicit(4)


def test_vars_no_args():
    return vars_no_args(1)


def test_globals_name():
    return globals_name(), plain_globals_name()


def test_globals_write():
    return globals_write(7)


def test_plain_eval():
    return plain_eval()


def test_globals_called_from_foreign_frame():
    ns = {"f": globals_name, "__name__": "foreign"}
    exec("result = f()", ns)
    return ns["result"]


def test_dir_called_from_foreign_frame():
    ns = {"f": dir_in_compiled}
    exec("x_in_exec = 1\nresult = f(5)", ns)
    return ns["result"]


@checked
def dir_in_compiled(a: int) -> list:
    return dir()

"""Run by tests/unit/ecosystem-runtime.test.ts: import MODULE and print a JSON report of what
it is (compiled or plain functions), what it computes, the traceback shape of its contract
errors, which of its lines a tracer sees, and the warnings its import raised."""
import json
import os
import sys
import traceback
import warnings

name = sys.argv[1]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mod = __import__(name)


def frames(exc):
    # (file base name, function, line) of every traceback entry below this script's own frame
    tb = traceback.extract_tb(exc.__traceback__)
    return [(os.path.basename(f.filename), f.name, f.lineno) for f in tb[1:]]


def contract_error(call):
    try:
        call()
    except (TypeError, OverflowError) as e:
        return {"type": type(e).__name__, "message": str(e), "frames": frames(e)}
    return None


seen_lines = set()


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_name == "total" and os.path.basename(code.co_filename) == name + ".py":
        seen_lines.add(frame.f_lineno)
    return tracer


sys.settrace(tracer)
traced = mod.total(3)
sys.settrace(None)

report = {
    "file": os.path.basename(mod.__file__),
    "kinds": {f: type(getattr(mod, f)).__name__ for f in ("total", "notional", "wrong_return", "caller")},
    "results": [mod.total(10), mod.total(0), mod.notional(mod.Trade(1.5, 10), 3), mod.caller(4), traced],
    "errors": {
        "arg_via_caller": contract_error(lambda: mod.caller("x")),
        "arg_direct": contract_error(lambda: mod.total(True)),
        "arg_second": contract_error(lambda: mod.notional(mod.Trade(1.0, 1), 2 ** 63)),
        "return": contract_error(lambda: mod.wrong_return(3)),
        # twice: the first call of an interpreted @checked function runs its set-up path
        "arg_again": contract_error(lambda: mod.total(True)),
    },
    "first_lines": {f: getattr(mod, f).__wrapped__.__code__.co_firstlineno
                    for f in ("total", "notional", "wrong_return")},
    "traced_lines": sorted(seen_lines),
    "warnings": [{"category": w.category.__name__, "is_user_warning": issubclass(w.category, UserWarning),
                  "message": str(w.message), "file": os.path.basename(w.filename)} for w in caught],
}
print(json.dumps(report))

"""Run CPython's own unittest module for one stdlib module against a given copy of it.

    python run_stdlib_tests.py --target colorsys --test test.test_colorsys --path DIR --out R.json
                               [--expect-suffix SUFFIX]

DIR goes first on sys.path, so `import colorsys` (and every import_fresh_module of it) resolves
to the copy in DIR: the built extension, or the plain .py for the baseline run. The test module
is imported from the interpreter's own Lib/test (nothing is copied into the repository).
After the run, every module object named TARGET that the test module holds (including the
import_fresh_module variants) is listed with its __file__ and the kinds of its functions, so
the report shows that the extension, not a .py fallback, was exercised.
"""

import importlib
import io
import json
import os
import sys
import types


def describe_module(m):
    kinds = {}
    for k, v in vars(m).items():
        if k.startswith("__") or isinstance(v, (types.ModuleType, type)):
            continue
        if callable(v):
            kinds[type(v).__name__] = kinds.get(type(v).__name__, 0) + 1
    return {"file": getattr(m, "__file__", None), "callable_kinds": kinds}


def main():
    # No argparse: it would import textwrap (a target) before sys.path is set up.
    opts = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    args = types.SimpleNamespace(
        target=opts["--target"], test=opts["--test"], path=opts["--path"], out=opts["--out"],
        expect_suffix=opts.get("--expect-suffix"))

    sys.dont_write_bytecode = True
    d = os.path.abspath(args.path)
    sys.path[:1] = [d]
    res = {"target": args.target, "test": args.test, "ok_import": False, "error": None, "modules": []}

    # Drop a copy imported during interpreter start-up so that ours is the one imported now.
    sys.modules.pop(args.target, None)
    try:
        target = importlib.import_module(args.target)
    except BaseException as e:
        res["error"] = "import %s failed: %s: %s" % (args.target, type(e).__name__, e)
        return write(args.out, res)
    f = getattr(target, "__file__", "") or ""
    if os.path.dirname(os.path.abspath(f)) != d or (args.expect_suffix and not f.endswith(args.expect_suffix)):
        res["error"] = "FALLBACK: %s imported from %r, expected %s*%s" % (args.target, f, d, args.expect_suffix or "")
        return write(args.out, res)
    res["ok_import"] = True

    try:
        tmod = importlib.import_module(args.test)
    except BaseException as e:
        res["error"] = "import %s failed: %s: %s" % (args.test, type(e).__name__, e)
        return write(args.out, res)

    import unittest

    suite = unittest.defaultTestLoader.loadTestsFromModule(tmod)
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)

    seen = {}
    for m in [target, sys.modules.get(args.target)] + list(vars(tmod).values()):
        if isinstance(m, types.ModuleType) and m.__name__ == args.target and id(m) not in seen:
            seen[id(m)] = describe_module(m)
    res["modules"] = list(seen.values())
    res["run"] = result.testsRun
    res["failures"] = sorted(t.id() for t, _ in result.failures)
    res["errors"] = sorted(t.id() for t, _ in result.errors)
    res["skipped"] = len(result.skipped)
    res["expected_failures"] = len(result.expectedFailures)
    res["unexpected_successes"] = len(result.unexpectedSuccesses)
    res["details"] = stream.getvalue()[-6000:]
    write(args.out, res)


def write(path, res):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(res, fh, indent=1)


if __name__ == "__main__":
    main()

"""Run every test_* function of one differential program and record the outcome as JSON.

Invoked by tests/harness/diff.ts, once per (program, side):

    python diffrun.py --module NAME --path DIR [--path DIR ...] --out RESULT.json
                      [--source FILE.py] [--expect-file-suffix SUFFIX --expect-dir DIR]

* ``--path`` entries become the *front* of ``sys.path`` in the given order (the harness passes
  the program's directory or the build output directory, then pydecorators).
* The list of tests comes from the program's *source* (top-level ``def test_*`` in source order,
  found with ``ast``), so both sides run exactly the same list even if the compiled module were
  to lose or reorder a function.
* ``--expect-file-suffix``/``--expect-dir``: after import, the module's ``__file__`` must live in
  that directory and end with that suffix (the extension suffix for real builds), otherwise the
  run is reported as an import failure. A silent fallback to a ``.py`` can therefore not pass.

Each test is recorded as ``{name, ok, type, repr, stdout}`` or
``{name, ok: false, exc_type, exc_module, exc_str, cause, context, stdout}``.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import re
import sys
import traceback

_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")


def _norm(text):
    # Object addresses are not part of the compiled == interpreted contract.
    return _ADDR.sub(" at 0x?", text)


def _safe_repr(value):
    try:
        return _norm(repr(value))
    except BaseException as e:  # a repr that raises is itself an observable behaviour
        return "<repr raised %s: %s>" % (type(e).__qualname__, _norm(str(e)))


def _safe_str(value):
    try:
        return _norm(str(value))
    except BaseException as e:
        return "<str raised %s>" % type(e).__qualname__


def _exc_brief(exc):
    if exc is None:
        return None
    return {
        "type": type(exc).__qualname__,
        "module": type(exc).__module__,
        "str": _safe_str(exc),
    }


def _test_names(source_file):
    with open(source_file, encoding="utf-8") as f:
        tree = ast.parse(f.read(), source_file)
    return [
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", required=True)
    ap.add_argument("--path", action="append", default=[])
    ap.add_argument("--source", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--expect-file-suffix", default=None)
    ap.add_argument("--expect-dir", default=None)
    args = ap.parse_args()

    sys.dont_write_bytecode = True
    # Replace sys.path[0] (this script's directory) and put the requested paths in front.
    sys.path[:1] = [os.path.abspath(p) for p in args.path]

    result = {
        "module": args.module,
        "python": sys.version.split()[0],
        "file": None,
        "import_ok": False,
        "import_error": None,
        "import_stdout": "",
        "tests": [],
    }

    names = _test_names(args.source)
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            mod = __import__(args.module)
    except BaseException as e:
        result["import_error"] = "%s: %s\n%s" % (
            type(e).__qualname__, _safe_str(e), "".join(traceback.format_exception(e))[-3000:])
        result["import_stdout"] = buf.getvalue()
        _write(args.out, result)
        return
    result["import_stdout"] = _norm(buf.getvalue())
    result["file"] = getattr(mod, "__file__", None)

    if args.expect_file_suffix is not None:
        f = result["file"] or ""
        want_dir = os.path.realpath(args.expect_dir) if args.expect_dir else None
        bad = not f.endswith(args.expect_file_suffix)
        if want_dir is not None and os.path.realpath(os.path.dirname(f)) != want_dir:
            bad = True
        if bad:
            result["import_error"] = (
                "FALLBACK: imported %r from %r, expected a file ending in %r in %r"
                % (args.module, f, args.expect_file_suffix, args.expect_dir))
            _write(args.out, result)
            return
    result["import_ok"] = True

    for name in names:
        entry = {"name": name}
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                fn = getattr(mod, name)
                value = fn()
        except BaseException as e:  # SystemExit/KeyboardInterrupt from a test are results too
            entry.update(
                ok=False,
                exc_type=type(e).__qualname__,
                exc_module=type(e).__module__,
                exc_str=_safe_str(e),
                cause=_exc_brief(e.__cause__),
                context=_exc_brief(e.__context__),
                suppress_context=bool(e.__suppress_context__),
            )
        else:
            entry.update(ok=True, type=type(value).__qualname__, repr=_safe_repr(value))
        entry["stdout"] = _norm(buf.getvalue())
        result["tests"].append(entry)

    _write(args.out, result)


def _write(path, result):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()

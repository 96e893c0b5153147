"""Reference-leak check of one differential program (issue 13 item 3), run by
tests/unit/leaks.test.ts:

    python leakrun.py --module NAME --source FILE.py --path DIR [--path DIR ...] [--budget SECONDS]

Imports the module (the compiled extension when DIR is a build output directory) and calls every
top-level ``test_*`` function of the source repeatedly in this one process. After a warm-up (caches,
interned names, lazily built plans), it measures ``sys.getallocatedblocks()`` after
``gc.collect()`` at the start and after each of WINDOWS windows of N calls (after a warm-up of N
calls). A test leaks when the count grows in every window by at least half a block per call and
the last window grows at least half as much as the first (then confirmed with longer windows, where
the last must grow at least two thirds as much as the first): a reference leaked per call grows it by
>= 1 block per call in every window, while one-time allocations, caches that are still filling
up and allocator noise do not grow steadily with the number of calls. N is chosen per test from the time of one call, so
slow tests get few calls; tests slower than --slow seconds per call are skipped (listed), and so
are the tests a program names in a module-level ``__leak_skip__`` tuple (deep-recursion and
subprocess tests, too slow to repeat; they are not called at all).

Prints one JSON object: {"module", "file", "tests": [{"name", "calls", "growth": [d1, d2, ...],
"leak": bool} | {"name", "skipped": reason}]}. Outcomes of the calls (value or exception) do not
matter here: the differential suite compares them.
"""

import argparse
import ast
import contextlib
import gc
import io
import json
import sys
import time

WINDOWS = 3


def test_names(source):
    with open(source, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]


def call(fn):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            fn()
    except BaseException as e:  # noqa: BLE001 - the outcome (SystemExit too) is not checked here
        e = None  # noqa: F841 - drop the traceback (and its frames) before measuring


def blocks():
    gc.collect()
    gc.collect()
    return sys.getallocatedblocks()


def measure(fn, budget, slow):
    t = time.perf_counter()
    call(fn)
    one = time.perf_counter() - t
    if one > slow:
        return {"skipped": "one call takes %.2f s" % one}
    n = max(8, min(40, int(budget / WINDOWS / max(one, 1e-4))))
    for _ in range(n):  # warm-up: caches that fill over the first calls (pickle, copyreg, plans)
        call(fn)
    growth = []
    b = blocks()
    for _ in range(WINDOWS):
        for _ in range(n):
            call(fn)
        nb = blocks()
        growth.append(nb - b)
        b = nb
    # a leak grows every window by about the same amount; a cache still filling up shrinks
    leak = all(d >= max(2, n / 2) for d in growth) and growth[-1] * 2 >= growth[0]
    if leak:
        # confirm with a longer warm-up and longer windows: some caches (code compiled per call,
        # interned names, type caches) take hundreds of calls to saturate
        n2 = max(3 * n, 60)
        for _ in range(2 * n2):
            call(fn)
        again = []
        b = blocks()
        for _ in range(WINDOWS):
            for _ in range(n2):
                call(fn)
            nb = blocks()
            again.append(nb - b)
            b = nb
        # steady growth only: a cache still filling up after the warm-up grows less in each window
        # (a clean-clone run under load once saw +54/+35/+31 blocks per 60 calls here), a leak of
        # one reference per call grows every window alike
        leak = all(d >= max(2, n2 / 2) for d in again) and again[-1] * 3 >= again[0] * 2
        return {"calls": n2, "growth": again, "first": {"calls": n, "growth": growth}, "leak": leak}
    return {"calls": n, "growth": growth, "leak": leak}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--path", action="append", default=[])
    ap.add_argument("--budget", type=float, default=0.3, help="seconds of calls per test")
    ap.add_argument("--slow", type=float, default=0.5, help="skip tests slower than this per call")
    ap.add_argument("--only", action="append", default=[], help="measure only these tests")
    a = ap.parse_args()
    sys.path[:0] = a.path
    with contextlib.redirect_stdout(io.StringIO()):
        mod = __import__(a.module)
    res = {"module": a.module, "file": getattr(mod, "__file__", None), "tests": []}
    for name in test_names(a.source):
        if a.only and name not in a.only:
            continue
        fn = getattr(mod, name, None)
        if name in getattr(mod, "__leak_skip__", ()):
            res["tests"].append({"name": name, "skipped": "__leak_skip__"})
            continue
        if fn is None:
            res["tests"].append({"name": name, "skipped": "missing"})
            continue
        r = measure(fn, a.budget, a.slow)
        r["name"] = name
        res["tests"].append(r)
    sys.stdout.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    main()

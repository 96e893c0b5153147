"""Calling a compiled @checked function from interpreted code, against calling the plain function.

Run from the repo root (builds a small module with `node bin/spyc.mjs build -O2 --all` into a
temporary directory, then times interpreted loops that call into it):

    python3 benchmarks/overhead/call_entry.py          # REPEATS=15 N=500000 by default

Most compiled functions are called from interpreted code (a script's loop, a test, a callback),
so the entry -- argument contracts, frame, unboxing, boxing the result -- is paid on every call.
Each figure is the median over REPEATS runs of a loop of N calls, in CPU ns per call (loop
included), interleaved; rows compare the same call to the plain function (decorators taken out,
what a user would otherwise run) and to the @checked function under CPython.
"""
import os
import sys
import tempfile

from construct_fast import build, load, time_cases

REPEATS = int(os.environ.get("REPEATS", "15"))
N = int(os.environ.get("N", "500000"))

SOURCE = '''
from spyc import checked


@checked
def add(a: int, b: int) -> int:
    return a + b


@checked
def best(heap: list[int], is_bid: bool) -> int:
    return -heap[0] if is_bid else heap[0]


@checked
def mid(bid: float, ask: float) -> float:
    return (bid + ask) * 0.5


def loop_add(f, n):
    for i in range(n):
        f(i, 3)


def loop_best(f, n):
    h = [5, 7]
    for _ in range(n):
        f(h, True)


def loop_mid(f, n):
    for _ in range(n):
        f(99.5, 100.5)


def loop_mid_ints(f, n):
    for _ in range(n):
        f(99, 101)  # ints where floats are annotated: the contract converts them
'''


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(root, "pydecorators"))
    with tempfile.TemporaryDirectory() as tmp:
        src, out = build(tmp, SOURCE, "centry")
        py = load(src, "centry_py")
        so = [f for f in os.listdir(out) if f.startswith("centry") and f.endswith(".so")][0]
        c = load(os.path.join(out, so), "centry")
        assert c.__file__.endswith(".so")
        cases = {}
        for fn, loop in (("add", "loop_add"), ("best", "loop_best"), ("mid", "loop_mid"), ("mid", "loop_mid_ints")):
            drive = getattr(py, loop)  # the interpreted loop, calling each variant
            label = f"{fn} ({loop.removeprefix('loop_')})"
            plain = getattr(py, fn).__wrapped__
            cases[f"{label}, plain function"] = (lambda d=drive, f=plain: d(f, N))
            cases[f"{label}, @checked under CPython"] = (lambda d=drive, f=getattr(py, fn): d(f, N))
            cases[f"{label}, compiled"] = (lambda d=drive, f=getattr(c, fn): d(f, N))
        assert c.add(2, 3) == 5 and c.best([5], True) == -5 and c.mid(99, 101) == 100.0
        med = time_cases(cases, REPEATS, N)
        print(f"Python {sys.version.split()[0]}, N={N}, median of {REPEATS} (CPU ns per call, loop included)")
        for k, v in med.items():
            ref = k.rsplit(", ", 1)[0] + ", plain function"
            print(f"  {k:45s} {v:7.1f}  {med[ref] / v:5.2f}x vs the plain function")


if __name__ == "__main__":
    main()

"""Same-process A/B timing of compiled builds against the plain twin, in CPU time.

    python3 ab.py PROGRAM.py DIR [DIR...] [--rounds N] [--size quick|full] [--n N]

Each DIR holds a compiled build of PROGRAM.py (`spyc build PROGRAM.py -o DIR`), for example one
made by the compiler before a change and one after. The plain twin (decorators taken out,
`plain_twin.py`) is generated into a temporary directory. Every build and the twin are loaded
into this one process under distinct names, and each round times `bench(n)` of each of them in
an order that alternates between rounds, with `time.thread_time()` (CPU time of this thread), so
load from other processes on a shared machine moves all of them alike. Reported per build: the
median of the per-round ratios plain/build (the speedup over plain CPython) and the median CPU
ms. Checksums (the `bench` results) must be equal, or the script exits with status 1.

Why not wall time: on a loaded 2-core machine wall-clock ratios move 10-20 % between runs;
the per-round ratio of CPU times in one process moves a few percent.
"""
import argparse
import importlib.machinery
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load_source(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_extension(modname, directory, alias):
    """An extension module must be loaded under its own name (its init function is named after
    it); it is then moved to an alias so the next build of the same module can load too."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = os.path.join(directory, modname + suffix)
        if os.path.exists(path):
            break
    else:
        sys.exit(f"ab.py: no compiled {modname} in {directory}")
    loader = importlib.machinery.ExtensionFileLoader(modname, path)
    spec = importlib.util.spec_from_file_location(modname, path, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[modname] = mod
    spec.loader.exec_module(mod)
    del sys.modules[modname]
    sys.modules[alias] = mod
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("program")
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--size", default="quick")
    ap.add_argument("--n", type=int, default=None)
    args = ap.parse_args()

    modname = os.path.splitext(os.path.basename(args.program))[0]
    tmp = tempfile.mkdtemp(prefix="spyc-ab-")
    twin = os.path.join(tmp, modname + "_plain.py")
    subprocess.run([sys.executable, os.path.join(HERE, "plain_twin.py"), args.program, twin],
                   check=True)
    # The compiled builds import `spyc`; make the repo's package importable.
    sys.path.insert(0, os.path.join(HERE, "..", "..", "pydecorators"))
    plain = load_source(modname + "_plain", twin)
    builds = [(d, load_extension(modname, d, f"{modname}_ab{i}")) for i, d in enumerate(args.dirs)]
    n = args.n if args.n is not None else plain.SIZES[args.size]

    expected = plain.bench(n)
    for d, mod in builds:
        got = mod.bench(n)
        if got != expected:
            print(f"checksum differs: {d}: {got!r} != plain {expected!r}")
            sys.exit(1)

    entries = [("plain", plain)] + [(d, m) for d, m in builds]
    times = {name: [] for name, _ in entries}
    for r in range(args.rounds):
        order = entries if r % 2 == 0 else entries[::-1]
        for name, mod in order:
            t0 = time.thread_time()
            mod.bench(n)
            times[name].append(time.thread_time() - t0)
    print(f"{modname} n={n} rounds={args.rounds} plain {statistics.median(times['plain'])*1e3:.2f} ms cpu")
    for d, _ in builds:
        ratios = [p / b for p, b in zip(times["plain"], times[d])]
        print(f"  {d}: {statistics.median(ratios):.2f}x  ({statistics.median(times[d])*1e3:.2f} ms)")


if __name__ == "__main__":
    main()

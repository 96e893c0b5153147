"""Generic-speed benchmark programs (issue 14): each program here is built with
`spyc build --all -O2` and timed against plain CPython on the same interpreter.

    python3 benchmarks/generic/run.py [--python PY ...] [--size quick|full] [--rounds R] [prog ...]

Per interpreter, one child process imports the source module and the extension, checks that
bench(n) returns the same checksum, then times both in interleaved rounds (thread CPU time, so
a loaded machine inflates both sides alike) and prints medians and the speedup CPython/spyc
(higher is better; >= 1.00 is the goal), with the geometric mean.
"""
import argparse
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAMS = ["raytrace", "solver", "boardgame", "scheduler", "dates"]

CHILD = r'''
import importlib.util, sys, time, statistics
here, ext_dir, size, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
progs = sys.argv[5:]
sys.path.insert(0, ext_dir)
clock = time.thread_time_ns
for name in progs:
    spec = importlib.util.spec_from_file_location(name + "_src", f"{here}/{name}.py")
    src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)
    ext = __import__(name)
    assert ext.__file__.startswith(ext_dir), ext.__file__
    n = src.SIZES[size]
    a, b = src.bench(n), ext.bench(n)
    if a != b:
        print(f"{name}\tMISMATCH\t{a!r}\t{b!r}", flush=True)
        continue
    ts = ([], [])
    for _ in range(rounds):
        for k, m in enumerate((src, ext)):
            t0 = clock(); m.bench(n); ts[k].append(clock() - t0)
    c, e = (statistics.median(x) / 1e6 for x in ts)
    print(f"{name}\t{c:.1f}\t{e:.1f}\t{c / e:.2f}", flush=True)
'''


def pythons(explicit):
    if explicit:
        return explicit
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip() or os.path.expanduser("~/.pyenv")
    out = ["python3"]
    for v in ("3.12.1", "3.13.0"):
        p = os.path.join(root, "versions", v, "bin", "python3")
        if os.path.exists(p):
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("programs", nargs="*", default=PROGRAMS)
    ap.add_argument("--python", action="append")
    ap.add_argument("--size", default="quick", choices=("quick", "full"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--spyc-root", default=ROOT, help="build with the spyc checkout at this path (e.g. an older commit)")
    a = ap.parse_args()
    for py in pythons(a.python):
        ver = subprocess.run([py, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], capture_output=True, text=True).stdout.strip()
        out = os.path.join(ROOT, ".cache", "generic-bench" + ("" if a.spyc_root == ROOT else "-" + os.path.basename(a.spyc_root.rstrip("/"))), ver)
        os.makedirs(out, exist_ok=True)
        if not a.no_build:
            files = [os.path.join(HERE, p + ".py") for p in a.programs]
            r = subprocess.run(["node", os.path.join(a.spyc_root, "bin", "spyc.mjs"), "build", "--all", "-O2", "-q", "--python", py, *files, "-o", out],
                               capture_output=True, text=True, cwd=a.spyc_root)
            if r.returncode != 0:
                sys.exit(f"build failed for {py}:\n{r.stdout}\n{r.stderr}")
        print(f"## Python {ver}  ({a.size}, thread CPU ms, median of {a.rounds}; speedup = CPython / spyc --all)")
        print(f"{'program':<12} {'CPython':>9} {'spyc':>9} {'speedup':>8}")
        r = subprocess.Popen([py, "-c", CHILD, HERE, out, a.size, str(a.rounds), *a.programs], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "pydecorators")})
        sp = []
        for ln in r.stdout:
            f = ln.rstrip("\n").split("\t")
            if f[1] == "MISMATCH":
                print(f"{f[0]:<12} CHECKSUM MISMATCH: CPython {f[2]} spyc {f[3]}")
                continue
            sp.append(float(f[3]))
            print(f"{f[0]:<12} {f[1]:>9} {f[2]:>9} {f[3]:>7}x", flush=True)
        if r.wait() != 0:
            sys.exit(f"run failed for {py}")
        if sp:
            print(f"{'geomean':<12} {'':>9} {'':>9} {math.exp(sum(map(math.log, sp)) / len(sp)):>7.2f}x")
        print()


if __name__ == "__main__":
    main()

"""What SPYC_STATS costs: off (the default) it must cost nothing measurable.

Run from the repo root (takes a few minutes on 2 shared cores):

    python3 benchmarks/overhead/stats_overhead.py [PROGRAM ...] [--reps N] [--callgrind]

For each program at its full size (default: fib intloop mandelbrot spectral from
benchmarks/programs, and "deopty", an embedded hash whose multiply overflows int64 on every call,
so it deopts all the time) it takes the module's generated C (`spyc build --dump=c`) and compiles
it twice with the same gcc flags (unity build, runtime included):

  * "normal"      -- what spyc ships: SPZ_STAT_FAIL on every guard's failure edge;
  * "compiled-out" -- -DSPZ_NO_STATS: the counting removed from the C entirely.

Both load into one interpreter and are timed by benchmarks/harness/timeit_runner.py in
interleaved rounds, first with SPYC_STATS unset (the off cost: normal vs compiled-out), then with
SPYC_STATS set (the on cost). Prints median ms and the ratio normal / compiled-out; a ratio within
the noise (a few per cent on this machine) is "nothing measurable".

Timings on a shared machine wander by +-10 %; --callgrind instead counts the instructions that
bench(n) executes (valgrind's callgrind, deterministic): Ir(n) - Ir(n/2) at the quick size, so the
interpreter's start-up and the import cancel out, per variant, SPYC_STATS unset, PYTHONHASHSEED=0.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HARNESS = os.path.join(ROOT, "benchmarks", "harness", "timeit_runner.py")
SPEC = os.path.join(ROOT, "specializer")

DEOPTY = '''from spyc import checked


@checked
def fnv(n: int, h: int) -> int:
    for i in range(n):
        h = h ^ i
        h = h * 1099511628211
    return h % 1000003


def bench(n: int) -> int:
    s = 0
    for k in range(n):
        s += fnv(8, 1469598103934665603 + k)
    return s


SIZES = {"quick": 100000, "full": 100000}
'''


def build(src, name, work):
    # the generated C of the whole module (what `spyc build` compiles)
    text = subprocess.run(["node", os.path.join(ROOT, "bin", "spyc.mjs"), "build", src, "-o", os.path.join(work, "spyc"),
                           "--python", sys.executable, "--dump=c", "-q"], check=True, cwd=work, capture_output=True, text=True).stdout
    c = os.path.join(work, name + ".c")
    with open(c, "w") as f:
        f.write(text)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    mods = {}
    for variant, defines in (("normal", []), ("compiled-out", ["-DSPZ_NO_STATS"])):
        d = os.path.join(work, variant)
        os.makedirs(d, exist_ok=True)
        so = os.path.join(d, name + suffix)
        # unity build: the generated C includes the runtime unless SPZ_RUNTIME_LINKED is defined
        subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-fwrapv", "-fvisibility=hidden", "-g0", *defines,
                        "-I" + sysconfig.get_paths()["include"], "-I" + os.path.join(SPEC, "include"),
                        "-I" + os.path.join(SPEC, "src"), c, "-o", so], check=True)
        mods[variant] = so
    return mods


def time_variants(name, n, mods, reps, stats):
    cfg = {"program": name, "n": n, "reps": reps, "warmup": 1, "sys_path": [os.path.join(ROOT, "pydecorators")],
           "variants": [{"column": v, "path": p} for v, p in mods.items()]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(cfg, f)
    env = dict(os.environ)
    env.pop("SPYC_STATS", None)
    if stats:
        env["SPYC_STATS"] = os.path.join(tempfile.gettempdir(), "spyc-stats-overhead.json")
    r = subprocess.run([sys.executable, HARNESS, f.name], env=env, capture_output=True, text=True, check=True)
    os.unlink(f.name)
    res = {}
    for line in r.stdout.splitlines():
        ev = json.loads(line)
        if ev["event"] == "error":
            sys.exit("%s %s: %s" % (name, ev["column"], ev["message"]))
        if ev["event"] == "result":
            res[ev["column"]] = (statistics.median(ev["times"]), ev["checksum"], min(ev["times"]))
    if res["normal"][1] != res["compiled-out"][1]:
        sys.exit("%s: checksums differ: %r" % (name, res))
    return res


LOADER = """
import importlib.util, sys
sys.path.insert(0, sys.argv[3])
spec = importlib.util.spec_from_file_location(sys.argv[1], sys.argv[2])
m = importlib.util.module_from_spec(spec)
sys.modules[sys.argv[1]] = m
spec.loader.exec_module(m)
m.bench(int(sys.argv[4]))
"""


def instructions(name, so, n, work):
    out = os.path.join(work, "callgrind.out")
    env = dict(os.environ)
    env.pop("SPYC_STATS", None)
    env["PYTHONHASHSEED"] = "0"  # str hashes change dict layouts and so instruction counts
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, sys.executable, "-c", LOADER,
                        name, so, os.path.join(ROOT, "pydecorators"), str(n)], env=env, capture_output=True, text=True, check=True)
    for line in r.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    sys.exit("no callgrind total for %s: %s" % (name, r.stderr[-500:]))


def callgrind(names, work):
    print("%-11s %8s  %14s %14s %8s" % ("program", "n", "normal Ir", "out Ir", "ratio"))
    for name in names:
        d = os.path.join(work, name)
        os.makedirs(d)
        src, n = program(name, d, "quick")
        mods = build(src, name, d)
        delta = {}
        for variant, so in mods.items():
            delta[variant] = instructions(name, so, n, d) - instructions(name, so, n // 2, d)
        print("%-11s %8d  %14d %14d %7.4fx" % (name, n, delta["normal"], delta["compiled-out"], delta["normal"] / delta["compiled-out"]))
    print("\nIr = instructions executed by bench(n) minus bench(n/2) (callgrind), SPYC_STATS unset; "
          "ratio = normal / compiled-out.")


def program(name, d, size):
    if name == "deopty":
        src = os.path.join(d, "deopty.py")
        with open(src, "w") as f:
            f.write(DEOPTY)
        return src, (100000 if size == "full" else 10000)
    src = os.path.join(d, name + ".py")
    shutil.copy(os.path.join(ROOT, "benchmarks", "programs", name + ".py"), src)
    ns = {}
    for line in open(src):
        if line.startswith("SIZES"):
            exec(line, ns)
    return src, ns["SIZES"][size]


def main(argv):
    reps = 15
    if "--reps" in argv:
        i = argv.index("--reps")
        reps = int(argv[i + 1])
        del argv[i:i + 2]
    use_callgrind = "--callgrind" in argv
    argv = [a for a in argv if a != "--callgrind"]
    names = argv or ["fib", "intloop", "mandelbrot", "spectral", "deopty"]
    work = tempfile.mkdtemp(prefix="spyc-stats-overhead-")
    try:
        if use_callgrind:
            callgrind(names, work)
            return
        print("%-11s %8s  %9s %9s %7s %7s   %9s %9s %7s %7s" % ("program", "n", "off ms", "out ms", "median", "min", "on ms", "out ms", "median", "min"))
        for name in names:
            d = os.path.join(work, name)
            os.makedirs(d)
            src, n = program(name, d, "full")
            mods = build(src, name, d)
            off = time_variants(name, n, mods, reps, stats=False)
            on = time_variants(name, n, mods, reps, stats=True)
            print("%-11s %8d  %9.2f %9.2f %6.3fx %6.3fx   %9.2f %9.2f %6.3fx %6.3fx" % (
                name, n, off["normal"][0] * 1e3, off["compiled-out"][0] * 1e3, off["normal"][0] / off["compiled-out"][0],
                off["normal"][2] / off["compiled-out"][2],
                on["normal"][0] * 1e3, on["compiled-out"][0] * 1e3, on["normal"][0] / on["compiled-out"][0],
                on["normal"][2] / on["compiled-out"][2]))
        print("\nms = medians of %d interleaved runs; ratios = normal / compiled-out, of the medians and of the minima "
              "(the minimum is the least disturbed by other processes). off = SPYC_STATS unset, on = SPYC_STATS set "
              "(counting)." % reps)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])

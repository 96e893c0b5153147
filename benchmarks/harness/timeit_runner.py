"""Times one benchmark program in several builds inside this one interpreter.

Driven by `spyc bench` (src/bench/run.ts); not meant to be run by hand, though it can be:

    python3 timeit_runner.py CONFIG.json

CONFIG: {"program": NAME, "n": INT, "reps": INT, "warmup": INT, "sys_path": [DIR...],
         "variants": [{"column": NAME, "path": FILE.py or FILE.so}, ...]}

The baseline ("cpython") is the program's plain twin (plain_twin.py: spyc's decorators taken
out); "contracts" is the source as written, its contracts enforced by the spyc package. Peers
(Cython, mypyc, PyPy) compile or run the plain twin, so they never meet spyc's decorators.

Every variant is imported under the program's own module name (extension modules must be: their
init function is PyInit_<name>). Then each round calls `bench(n)` once per variant, rotating the
order every round, so that machine noise (another process, frequency changes) hits every column
alike and no column always runs right after a given other one.

Output: one JSON object per line on stdout (the driver reads them as they come, for its
progress display):
    {"event": "loaded", "column": C}
    {"event": "error", "column": C, "stage": "import" | "run", "message": TEXT}
    {"event": "start", "column": C}            before each call (a timeout names the column running)
    {"event": "round", "round": I, "of": REPS}
    {"event": "result", "column": C, "times": [SECONDS...], "checksum": REPR,
     "checksum_type": TYPENAME, "stable": BOOL}
A variant that fails is dropped from later rounds; the others go on.

Kept compatible with Python 3.9 because PyPy (a peer column) runs this same script.
"""
import gc
import importlib.machinery
import importlib.util
import json
import sys
import time
import traceback


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def load_module(name, path):
    if path.endswith(".py"):
        loader = importlib.machinery.SourceFileLoader(name, path)
    else:
        loader = importlib.machinery.ExtensionFileLoader(name, path)
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    # Code run at import (and @frozen) finds its module through sys.modules, as in a real import.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def error_text():
    exc = sys.exc_info()[1]
    tail = traceback.format_exc().strip().splitlines()[-6:]
    return "%s: %s\n%s" % (type(exc).__name__, exc, "\n".join(tail))


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    for d in reversed(config.get("sys_path", [])):
        sys.path.insert(0, d)
    name, n = config["program"], config["n"]
    reps, warmup = config["reps"], config["warmup"]

    benches = {}
    for v in config["variants"]:
        try:
            benches[v["column"]] = load_module(name, v["path"]).bench
            emit(event="loaded", column=v["column"])
        except BaseException:
            emit(event="error", column=v["column"], stage="import", message=error_text())

    times = {c: [] for c in benches}
    checksums = {c: [] for c in benches}
    columns = list(benches)

    def call(column, timed):
        emit(event="start", column=column)
        try:
            gc.collect()
            t0 = time.perf_counter()
            result = benches[column](n)
            elapsed = time.perf_counter() - t0
        except BaseException:
            emit(event="error", column=column, stage="run", message=error_text())
            del benches[column]
            return
        checksums[column].append(result)
        if timed:
            times[column].append(elapsed)

    for i in range(warmup + reps):
        k = i % len(columns) if columns else 0
        for column in columns[k:] + columns[:k]:
            if column in benches:
                call(column, timed=i >= warmup)
        if i >= warmup:
            emit(event="round", round=i - warmup + 1, of=reps)

    for column in columns:
        if column not in benches or not checksums[column]:
            continue
        first = checksums[column][0]
        stable = all(type(r) is type(first) and r == first for r in checksums[column])
        emit(event="result", column=column, times=times[column], checksum=repr(first),
             checksum_type=type(first).__name__, stable=stable)


if __name__ == "__main__":
    main()

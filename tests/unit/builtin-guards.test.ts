/**
 * Guards that hold on ordinary code must not fail: a module using the builtins the specializer
 * lowers itself (range, zip, enumerate, reversed, divmod, abs, min, max, len, int, float, round, math.sqrt)
 * unshadowed is built and run with SPYC_STATS=<json>; every guard site must report 0 failures.
 * (A builtin missing from the runtime's identity table makes its guard fail on every call:
 * correct results, generic speed — this test is what notices.) The results are compared with
 * CPython running the same source. Runs on python3 and on one more CPython when pyenv has one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../src/driver/buildCommand.ts";

const SPYC = path.join(REPO_ROOT, "bin/spyc.mjs");
const PYDECORATORS = path.join(REPO_ROOT, "pydecorators");

const SOURCE = `import math
from spyc import checked


@checked
def weighted(xs: list[float], ws: list[float]) -> float:
    t = 0.0
    for x, w in zip(xs, ws):
        t += x * w
    for i, x in enumerate(xs):
        t += i * abs(x)
    return t


@checked
def mixed(n: int, y: float) -> float:
    q, r = divmod(n, 7)
    s = 0.0
    for i in range(n):
        s += min(i, q) + max(r, i % 3) + float(i) / (1 + int(y))
    return round(s, 6) + math.sqrt(abs(y))


@checked
def count(xs: list[int]) -> int:
    return len(xs) + max(xs[0], 3)


@checked
def backwards(xs: list[float], a: list[list[float]], n: int) -> float:
    acc = 0.0
    for c in reversed(xs):
        acc = acc * 0.5 + c
    for i in reversed(range(n)):
        acc += i
    rows, cols = len(a), len(a[0])
    for row in a:
        for j in range(len(row)):
            acc += row[j]
    return acc + rows * cols


def run() -> list:
    return [weighted([1.0, -2.0, 3.5], [0.5, 0.25, 2.0]), mixed(50, 2.5), count([4, 5, 6]),
            backwards([1.0, 2.0, 3.0], [[1.0, 2.0], [3.0, 4.0]], 5)]
`;

function pythons(): string[] {
  const out = ["python3"];
  const root = (() => { try { return execFileSync("pyenv", ["root"], { encoding: "utf8" }).trim(); } catch { return "/root/.pyenv"; } })();
  for (const v of ["3.13.0", "3.12.1"]) {
    const exe = path.join(root, "versions", v, "bin/python3");
    if (existsSync(exe)) { out.push(exe); break; }
  }
  return out;
}

for (const exe of pythons()) {
  test(`unshadowed builtins pass their guards (${exe === "python3" ? exe : path.basename(path.dirname(path.dirname(exe)))})`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spyc-bguard-"));
    try {
      writeFileSync(path.join(dir, "bguard.py"), SOURCE);
      execFileSync(process.execPath, [SPYC, "build", "bguard.py", "-o", "out", "-O0", "--python", exe, "--no-color", "-q"], { cwd: dir, encoding: "utf8" });
      const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: PYDECORATORS, PYTHONDONTWRITEBYTECODE: "1" };
      delete env.SPYC_STATS;
      const show = "import bguard, json; print(json.dumps([bguard.__file__.endswith('.py'), bguard.run()]))";
      const interpreted = JSON.parse(execFileSync(exe, ["-c", show], { cwd: dir, env, encoding: "utf8" }));
      const jsonPath = path.join(dir, "stats.json");
      const compiled = JSON.parse(execFileSync(exe, ["-c", show], { cwd: path.join(dir, "out"), env: { ...env, SPYC_STATS: jsonPath }, encoding: "utf8" }));
      assert.equal(interpreted[0], true);
      assert.equal(compiled[0], false, "the compiled module was imported");
      assert.deepEqual(compiled[1], interpreted[1]);
      const stats = JSON.parse(readFileSync(jsonPath, "utf8")) as { sites: { line: number; guard: string; failures: number }[] };
      assert.ok(stats.sites.length > 0, "the build has guard sites");
      const failing = stats.sites.filter((s) => s.failures > 0);
      assert.deepEqual(failing, [], "no guard fails on unshadowed builtins");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * SPYC_STATS (specializer/src/stats.c, cgen/stats.ts): a @checked FNV-style hash whose multiply
 * leaves int64 on some calls is built with the real CLI and run with SPYC_STATS=<path>.json and
 * SPYC_STATS=1. The JSON must name the multiply's guard site (file, line) with one failure per
 * call that overflowed (the function deopts once and finishes the call in generic code), and the
 * function's deopt count; the stderr table must list that site. Off, nothing is printed and the
 * results are the same. The expected counts come from CPython running a twin of the loop that
 * checks the int64 range itself, not from constants.
 * Runs on python3 and on one more CPython 3.12/3.13 when pyenv has one.
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

const SOURCE = `from spyc import checked


@checked
def fnv(n: int, h: int) -> int:
    for i in range(n):
        h = h ^ i
        h = h * 1099511628211
    return h % 1000003


CALLS = [(0, 1469598103934665603), (3, 1469598103934665603), (1, 1), (2, 1), (0, 7), (5, 1469598103934665603), (1, 3)]


def run() -> list:
    return [fnv(n, h) for n, h in CALLS]
`;

/** Counts, in plain CPython, the calls whose multiply leaves int64 at least once. */
const ORACLE = `
import json, sys
sys.path.insert(0, sys.argv[1])
import fnv_stats_src as m
def overflows(n, h):
    for i in range(n):
        h = h ^ i
        h = h * 1099511628211
        if not -2**63 <= h < 2**63:
            return True
    return False
print(json.dumps({"expected": sum(overflows(n, h) for n, h in m.CALLS), "results": m.run()}))
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
  test(`SPYC_STATS names the overflowing multiply with its failure count (${exe === "python3" ? exe : path.basename(path.dirname(path.dirname(exe)))})`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spyc-stats-"));
    try {
      writeFileSync(path.join(dir, "fnv_stats.py"), SOURCE);
      writeFileSync(path.join(dir, "fnv_stats_src.py"), SOURCE);
      execFileSync(process.execPath, [SPYC, "build", "fnv_stats.py", "-o", "out", "--python", exe, "--no-color"], { cwd: dir, encoding: "utf8" });
      const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: PYDECORATORS, PYTHONDONTWRITEBYTECODE: "1" };
      delete env.SPYC_STATS;
      const oracle = JSON.parse(execFileSync(exe, ["-c", ORACLE, dir], { env, encoding: "utf8" })) as { expected: number; results: number[] };
      assert.ok(oracle.expected > 0 && oracle.expected < 7, "the program must overflow on some calls, not all");
      const mulLine = SOURCE.split("\n").findIndex((l) => l.includes("h * 1099511628211")) + 1;

      const run = (stats: string): string =>
        execFileSync(exe, ["-c", "import fnv_stats, json; assert fnv_stats.__file__.endswith(('.so', '.pyd')); print(json.dumps(fnv_stats.run()))"],
          { cwd: path.join(dir, "out"), env: { ...env, SPYC_STATS: stats }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      // off: same results as CPython, and no report
      const off = execFileSync(exe, ["-c", "import fnv_stats, json; print(json.dumps(fnv_stats.run()))"],
        { cwd: path.join(dir, "out"), env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      assert.deepEqual(JSON.parse(off), oracle.results);

      // JSON
      const jsonPath = path.join(dir, "stats.json");
      assert.deepEqual(JSON.parse(run(jsonPath)), oracle.results);
      const stats = JSON.parse(readFileSync(jsonPath, "utf8")) as {
        version: number;
        sites: { file: string; line: number; col: number; guard: string; function: string; failures: number }[];
        functions: { file: string; function: string; deopts: number }[];
      };
      assert.equal(stats.version, 1);
      const mul = stats.sites.filter((s) => s.line === mulLine && s.guard.includes("overflow"));
      assert.equal(mul.length, 1, `one overflow guard at line ${mulLine}: ${JSON.stringify(stats.sites)}`);
      assert.equal(path.basename(mul[0]!.file), "fnv_stats.py");
      assert.equal(mul[0]!.function, "fnv");
      assert.match(mul[0]!.guard, /\*/);
      assert.equal(mul[0]!.failures, oracle.expected);
      const others = stats.sites.filter((s) => s !== mul[0]).reduce((a, s) => a + s.failures, 0);
      assert.equal(others, 0, "no other guard fails");
      assert.deepEqual(stats.functions.filter((f) => f.function === "fnv").map((f) => f.deopts), [oracle.expected]);

      // stderr table
      const r = execFileSync(exe, ["-c", "import fnv_stats; fnv_stats.run()"],
        { cwd: path.join(dir, "out"), env: { ...env, SPYC_STATS: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      assert.equal(r, "");
      const err = execFileSync("sh", ["-c", `"${exe}" -c "import fnv_stats; fnv_stats.run()" 2>&1 >/dev/null`],
        { cwd: path.join(dir, "out"), env: { ...env, SPYC_STATS: "1" }, encoding: "utf8" });
      const row = err.split("\n").find((l) => l.includes(`fnv_stats.py:${mulLine}:`));
      assert.ok(row, `table row for line ${mulLine} in:\n${err}`);
      assert.match(row, new RegExp(`overflow.*\\s${oracle.expected}\\s+fnv\\s*$`));
      // off: nothing on stderr
      const quiet = execFileSync("sh", ["-c", `"${exe}" -c "import fnv_stats; fnv_stats.run()" 2>&1 >/dev/null`],
        { cwd: path.join(dir, "out"), env, encoding: "utf8" });
      assert.equal(quiet, "");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

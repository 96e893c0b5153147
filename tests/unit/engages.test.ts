/**
 * Object specialization engages on every CPython found: ordinary object code -- a @record n-body
 * step (native float fields under one layout guard), @frozen field reads in a loop over list[C],
 * a @checked method called on a frozen instance (a guarded direct call), a direct call reading a
 * module constant, a str field compared with a constant, a plain function's first direct call of
 * a @checked one with an object argument -- built with the real
 * CLI and run with SPYC_STATS=<path>.json must fail no guard at all on well-typed input, and give
 * CPython's results. The differential suite cannot see this: a guard that never fills only makes
 * code slow, never wrong (3.13 dropped Py_TPFLAGS_VALID_VERSION_TAG, which kept every slot and
 * method cache there empty until spz_type_tag). Not a timing test: it counts deopts. It also
 * checks that frozen instances built in C are left out of the cycle collector (records are not).
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

from spyc import checked, frozen, record

FEE = 0.25


@record
class Body:
    x: float
    y: float
    vx: float
    vy: float
    mass: float


@frozen
class Fill:
    side: str
    qty: int
    price: float

    @checked
    def notional(self) -> float:
        return self.qty * self.price


@checked
def advance(bodies: list[Body], dt: float, steps: int) -> float:
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            a = bodies[i]
            for j in range(i + 1, n):
                b = bodies[j]
                dx = a.x - b.x
                dy = a.y - b.y
                d2 = dx * dx + dy * dy
                mag = dt / (d2 * math.sqrt(d2))
                a.vx -= dx * b.mass * mag
                a.vy -= dy * b.mass * mag
                b.vx += dx * a.mass * mag
                b.vy += dy * a.mass * mag
        for b in bodies:
            b.x += dt * b.vx
            b.y += dt * b.vy
    return sum(b.x + b.y for b in bodies)


@checked
def cost(qty: int, price: float) -> float:
    return qty * price + FEE


@checked
def exposure(fills: list[Fill]) -> float:
    total = 0.0
    for f in fills:
        if f.side == "buy":
            total += cost(f.qty, f.price)
    return total


@checked
def notional_sum(fills: list[Fill]) -> float:
    s = 0.0
    for f in fills:
        s += f.notional()
    return s


@checked
def signed_qty(f: Fill) -> int:
    return f.qty if f.side == "buy" else -f.qty


def net_qty(fills: list, rounds: int) -> int:
    # a plain caller's direct call with an object argument, the callee's very first call
    # (its contracts are resolved at that site, not by a deopt)
    net = 0
    for _ in range(rounds):
        for f in fills:
            net += signed_qty(f)
    return net


def run() -> list:
    bodies = [Body(1.0 * i, 0.5 * i * i, 0.01 * i, -0.02 * i, 1.0 + i) for i in range(5)]
    fills = [Fill("buy" if i % 3 else "sell", i % 7 - 3, 100.0 + i * 0.25) for i in range(50)]
    return [net_qty(fills, 3), advance(bodies, 0.01, 20), exposure(fills), notional_sum(fills)]
`;

function pythons(): string[] {
  const out = ["python3"];
  const root = (() => { try { return execFileSync("pyenv", ["root"], { encoding: "utf8" }).trim(); } catch { return "/root/.pyenv"; } })();
  for (const v of ["3.12.1", "3.13.0"]) {
    const exe = path.join(root, "versions", v, "bin/python3");
    if (existsSync(exe)) out.push(exe);
  }
  return out;
}

for (const exe of pythons()) {
  const label = exe === "python3" ? exe : path.basename(path.dirname(path.dirname(exe)));
  test(`object code runs specialized with no guard failure (${label})`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spyc-engages-"));
    try {
      writeFileSync(path.join(dir, "objs.py"), SOURCE);
      writeFileSync(path.join(dir, "objs_src.py"), SOURCE);
      execFileSync(process.execPath, [SPYC, "build", "objs.py", "-o", "out", "--python", exe, "--no-color"], { cwd: dir, encoding: "utf8" });
      const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: PYDECORATORS, PYTHONDONTWRITEBYTECODE: "1" };
      delete env.SPYC_STATS;
      const want = execFileSync(exe, ["-c", "import objs_src, json; print(json.dumps(objs_src.run()))"], { cwd: dir, env, encoding: "utf8" });
      const jsonPath = path.join(dir, "stats.json");
      const got = execFileSync(exe, ["-c", "import objs, json; assert objs.__file__.endswith('.so'); print(json.dumps(objs.run()))"],
        { cwd: path.join(dir, "out"), env: { ...env, SPYC_STATS: jsonPath }, encoding: "utf8" });
      assert.deepEqual(JSON.parse(got), JSON.parse(want));
      const stats = JSON.parse(readFileSync(jsonPath, "utf8")) as {
        sites: { line: number; guard: string; function: string; failures: number }[];
        functions: { function: string; deopts: number }[];
      };
      const failed = stats.sites.filter((s) => s.failures > 0);
      assert.deepEqual(failed, [], `guards failed on well-typed input: ${JSON.stringify(failed)}`);
      assert.ok(stats.sites.some((s) => s.function === "advance" && /layout/.test(s.guard)), "advance has a layout guard site");
      assert.ok(stats.sites.some((s) => s.function === "notional_sum"), "notional_sum has guard sites");
      assert.ok(stats.sites.some((s) => s.function === "net_qty" && /signed_qty/.test(s.guard)), "net_qty calls signed_qty directly");
      // frozen instances made in C are not tracked by the cycle collector (acyclic by contract,
      // objects.c spz_obj_try_construct); records, which can form cycles, are
      const tracked = execFileSync(exe, ["-c", "import objs, gc; print(gc.is_tracked(objs.Fill('buy', 1, 2.0)), gc.is_tracked(objs.Body(1.0, 2.0, 3.0, 4.0, 5.0)))"],
        { cwd: path.join(dir, "out"), env, encoding: "utf8" });
      assert.equal(tracked.trim(), "False True");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

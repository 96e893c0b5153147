// Reference-leak check (issue 13 item 3): every test_* function of every differential program is
// called repeatedly inside one process against the compiled module (tests/harness/leakrun.py),
// and a function whose calls keep growing sys.getallocatedblocks() (after gc.collect()) fails —
// unless the same function grows it as much interpreted (a program that appends to module state
// on every call is not a leak of the compiler). Modes: --all builds (the superset of compiled
// code), with guards normal and --force-deopt, rotating over the CPython versions found so that
// both run (py[0]: all, py[1]: all-deopt, py[2]: all ...). @frozen construction, copying and
// pickling from compiled code is tests/diff/frozen/frozen_lifecycle.py (and the other frozen and
// record programs). Budget: about 2 minutes on a quiet 2-core machine with a warm build cache.
//
// Knobs: SPYC_LEAK_VERSIONS (else SPYC_DIFF_VERSIONS), SPYC_LEAK_FILTER (diff filter syntax),
// SPYC_LEAK_MODES (e.g. "all,all-deopt": every listed mode on every version).
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  DIFF_ROOT, DiffSession, REPO, allModes, clip, decoratorsPath, discoverPrograms, findPythons, lockOutputTree, pythonEnv,
  resolveBuilder, run, type BuildOutcome, type DiffConfig, type Mode, type Program, type PythonInfo,
} from "../harness/diff.ts";

const LEAKRUN = join(REPO, "tests", "harness", "leakrun.py");

interface LeakTest { name: string; calls?: number; growth?: number[]; leak?: boolean; skipped?: string }
interface LeakRun { module: string; file: string | null; tests: LeakTest[] }

async function leakrun(py: PythonInfo, prog: Program, paths: string[], only: string[] = []): Promise<LeakRun | string> {
  const args = [LEAKRUN, "--module", prog.stem, "--source", prog.path, ...paths.flatMap((p) => ["--path", p]), ...only.flatMap((t) => ["--only", t])];
  const r = await run(py.exe, args, { env: pythonEnv(), timeoutMs: 300_000 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as LeakRun;
  } catch {
    return `leakrun exited ${r.code}:\n${clip(r.stderr + r.stdout, 2000)}`;
  }
}

const pythons = await findPythons(process.env.SPYC_LEAK_VERSIONS ?? process.env.SPYC_DIFF_VERSIONS);
const outRoot = join(REPO, "tests", ".out", "leaks");
if (pythons.length) await lockOutputTree(outRoot);
const programs = discoverPrograms(DIFF_ROOT, process.env.SPYC_LEAK_FILTER);
const cfg: DiffConfig = { pythons, modes: allModes(), programs, builder: resolveBuilder(undefined), decorators: decoratorsPath(), outRoot };
const session = new DiffSession(cfg);
const byName = new Map(allModes().map((m) => [m.name, m]));
const listed = process.env.SPYC_LEAK_MODES?.split(",").map((s) => s.trim()).filter(Boolean);
const modesFor = (i: number): Mode[] => (listed ?? [i % 2 === 0 ? "all" : "all-deopt"]).map((n) => {
  const m = byName.get(n);
  if (!m) throw new Error(`SPYC_LEAK_MODES: unknown mode ${n}`);
  return m;
});

describe("leak check self-test", { skip: pythons.length === 0 && "no CPython found" }, () => {
  test("a test that keeps one object per call is reported, a clean one and a filling cache are not", async () => {
    const dir = join(outRoot, "_selftest");
    mkdirSync(dir, { recursive: true });
    const src = join(dir, "leak_selftest.py");
    writeFileSync(src, [
      "_keep = []", "_cache = {}",
      "def test_leaky():", "    _keep.append(object())",
      "def test_clean():", "    return [1, 2, 3]",
      "def test_cache():", "    if len(_cache) < 30:", "        _cache[len(_cache)] = object()",
      "",
    ].join("\n"));
    const r = await leakrun(pythons[0]!, { topic: "t", stem: "leak_selftest", path: src, id: "t/leak_selftest" }, [dir]);
    if (typeof r === "string") assert.fail(r);
    const by = new Map(r.tests.map((t) => [t.name, t.leak]));
    assert.deepEqual([by.get("test_leaky"), by.get("test_clean"), by.get("test_cache")], [true, false, false], JSON.stringify(r.tests));
  });
});

describe("reference leaks of compiled code", { skip: pythons.length === 0 && "no CPython found", concurrency: 2 }, () => {
  pythons.forEach((py, i) => {
    for (const mode of modesFor(i)) {
      describe(`leaks py${py.version} ${mode.name}`, { concurrency: 2 }, () => {
        let build: BuildOutcome | undefined;
        before(async () => {
          build = await session.build(py, mode);
        });
        for (const prog of programs) {
          test(prog.id, async () => {
            assert.ok(build, "build did not run");
            const missing = build.missing.get(prog.stem);
            assert.equal(missing, undefined, `build: ${missing}`);
            const comp = await leakrun(py, prog, [build.outDir, cfg.decorators]);
            if (typeof comp === "string") assert.fail(comp);
            assert.ok(comp.file?.startsWith(build.outDir), `imported ${comp.file}, not the extension in ${build.outDir}`);
            const suspects = comp.tests.filter((t) => t.leak);
            if (suspects.length === 0) return;
            // the same calls, interpreted: growth that CPython shows too is the program's own
            const interp = await leakrun(py, prog, [dirname(prog.path), cfg.decorators], suspects.map((t) => t.name));
            if (typeof interp === "string") assert.fail(`interpreted re-run: ${interp}`);
            const leaks = suspects.filter((t) => {
              const it = interp.tests.find((x) => x.name === t.name);
              if (!it?.growth || !t.growth || !t.calls) return true;
              // per call, in every window, compiled grows by at least half a block more
              return t.growth.every((d, k) => (d - (it.growth![k]! * t.calls!) / it.calls!) >= Math.max(2, t.calls! / 2));
            });
            if (leaks.length) {
              assert.fail(leaks.map((t) => {
                const it = interp.tests.find((x) => x.name === t.name);
                return `${prog.id}.${t.name}: +${t.growth!.join(", +")} blocks per ${t.calls} calls compiled` +
                  (it?.growth ? `; interpreted +${it.growth.join(", +")} per ${it.calls}` : "");
              }).join("\n"));
            }
          });
        }
      });
    }
  });
});

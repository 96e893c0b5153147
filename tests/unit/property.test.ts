// Property test (issue 4, item 6; issue 9, item 6): random @checked functions over
// int/float/i64/bool and list[int]/list[float] parameters (arithmetic, module constants rebound
// by some cases, loops over lists, tuple returns and unpacked calls, generic statements that run
// as islands, float powers), inputs biased to the int64 and float edges; compiled == CPython
// (with the spyc decorators) on every CPython found, with guards normal and forced to fail
// (--force-deopt).
//
//   node --import tsx --test tests/unit/property.test.ts
//
// Knobs: SPYC_PROP_SEED (fixed in CI, printed), SPYC_PROP_FUNCS (functions, default 400),
// SPYC_PROP_INPUTS (inputs per function, default 6), SPYC_PROP_VERSIONS (else SPYC_DIFF_VERSIONS,
// e.g. "3.12"), SPYC_PROP_SHRINK_SECONDS (time for shrinking a failure, default 90; 0 = off),
// SPYC_PROP_OPT=-O2 (default -O0).
// Generated files: tests/.out/property/. See tests/diff/README.md ("Property test").

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";

import { findPythons, lockOutputTree, type PythonInfo } from "../harness/diff.ts";
import { genFunc } from "../harness/property/genfunc.ts";
import { renderFunc, type Func } from "../harness/property/pyast.ts";
import {
  OUT, buildBatch, compare, formatMismatch, parseFacts, rawCaseArb, runSide, sameOutcome, specialization, writeBatch,
  type Mismatch, type SideRun,
} from "../harness/property/run.ts";
import { shrinkFailure } from "../harness/property/shrink.ts";

const int = (v: string | undefined, d: number): number => (v && /^\d+$/.test(v) ? Number(v) : d);
const SEED = int(process.env.SPYC_PROP_SEED, 20240604);
const FUNCS = int(process.env.SPYC_PROP_FUNCS, 400);
const INPUTS = int(process.env.SPYC_PROP_INPUTS, 6);
const SHRINK_MS = int(process.env.SPYC_PROP_SHRINK_SECONDS, 90) * 1000;
/** functions per generated module: spyc builds modules in parallel; gcc on one huge unit is slower */
const PER_MODULE = 100;
/** the specializer must apply to most generated functions, or this test proves little */
const MIN_SPECIALIZED = 0.8;

const pythons = await findPythons(process.env.SPYC_PROP_VERSIONS ?? process.env.SPYC_DIFF_VERSIONS);
await lockOutputTree(OUT);

const started = Date.now();
const raws = fc.sample(rawCaseArb(INPUTS), { seed: SEED, numRuns: FUNCS });
// each function may call up to 8 earlier call-free functions of its module (direct calls)
const funcs: Func[] = [];
const calleesOf: Func[][] = [];
raws.forEach((r, i) => {
  const callees = funcs.slice(i - (i % PER_MODULE), i).filter((f) => !f.calls).slice(-8);
  calleesOf.push(callees);
  funcs.push(genFunc(r.fn, `f${i}`, callees));
});
const batch = writeBatch(join(OUT, "src"), "prop", funcs, (i) => raws[i]!.inputs, PER_MODULE);
const has = (f: Func, re: RegExp): boolean => re.test(renderFunc(f));
const count = (re: RegExp): number => funcs.filter((f) => has(f, re)).length;
process.stdout.write(
  `property: functions with list parameters ${count(/: list\[/)}, module constants ${funcs.filter((f) => f.consts.length).length}` +
    ` (cases rebinding one: ${batch.calls.filter((c) => c.rebind).length}), tuple returns ${funcs.filter((f) => f.rets).length},` +
    ` tuple unpacking ${count(/^ +u\d+, u\d+ = /m)}, generic statements ${count(/^ +d = \{\}/m)}, float powers ${count(/\*\* (2|3|0\.5)\)/)},` +
    ` @frozen/@record parameters ${count(/: P[FR][,)]/)}, record stores ${count(/^ +\w+\.[xn] \S*= /m)}, constructions ${count(/= P[FR]\(/)}, sum/min/max reductions ${count(/\b(sum|min|max)\(.* for /)}\n`,
);
process.stdout.write(
  `property: seed=${SEED} functions=${FUNCS} inputs=${INPUTS} -> ${batch.calls.length} cases x ${pythons.length} pythons x 2 variants` +
    ` (rerun: SPYC_PROP_SEED=${SEED} SPYC_PROP_FUNCS=${FUNCS} SPYC_PROP_INPUTS=${INPUTS})\n`,
);

const interpreted = new Map<string, Promise<SideRun>>();
const oracle = (py: PythonInfo): Promise<SideRun> => {
  if (!interpreted.has(py.version)) interpreted.set(py.version, runSide(py, batch));
  return interpreted.get(py.version)!;
};

/** at most 5 distinct functions in full, the first shrunk; everything also in failures.txt */
async function report(header: string, ms: Mismatch[], py: PythonInfo, forceDeopt: boolean): Promise<string> {
  const seen = new Set<string>();
  const distinct = ms.filter((m) => !seen.has(m.call.func.name) && seen.add(m.call.func.name));
  const parts = [`${header}: ${ms.length} mismatching cases in ${distinct.length} functions`];
  for (const m of distinct.slice(0, 5)) parts.push(formatMismatch(m, header, calleesOf[funcs.indexOf(m.call.func)]));
  if (SHRINK_MS > 0 && ms.length) {
    const first = ms[0]!.call;
    const fi = funcs.indexOf(first.func);
    const s = await shrinkFailure({ fn: raws[fi]!.fn, args: first.raw }, calleesOf[fi]!, py, forceDeopt, SHRINK_MS);
    parts.push(s ? formatMismatch(s.mismatch, `shrunk (${s.steps} steps, ${s.rounds} builds)`, calleesOf[fi]) : "shrinking: the first mismatch did not reproduce on its own");
  }
  const text = parts.join("\n\n");
  writeFileSync(join(OUT, `failures-${py.version}-${forceDeopt ? "deopt" : "normal"}.txt`), text + "\n");
  return text;
}

describe("property harness self-test", () => {
  test("outcome comparison sees type, repr, exception and crash differences", () => {
    const a = { t: "int", r: "1" };
    assert.ok(sameOutcome(a, { t: "int", r: "1" }));
    for (const b of [{ t: "float", r: "1" }, { t: "int", r: "2" }, { e: "OverflowError", m: "x" }, { crash: "segv" }]) assert.ok(!sameOutcome(a, b));
    assert.ok(!sameOutcome({ e: "ValueError", m: "a" }, { e: "ValueError", m: "b" }));
  });

  test("an exhausted choice stream gives the simplest function; generation is deterministic", () => {
    assert.equal(renderFunc(genFunc([], "g")), "@checked\ndef g(a: int) -> int:\n    v0 = a\n    v1 = a\n    return a\n");
    assert.equal(renderFunc(genFunc(raws[0]!.fn, "g")), renderFunc(genFunc([...raws[0]!.fn], "g")));
  });

  test("the facts parser counts functions, not the indented generic-statement lines under them", () => {
    const text = [
      "# facts: /x/prop0.py", "set_const: interpreted", "f0 [checked]: compiled [specialized]",
      "    /x/prop0.py:9:5  generic statement: Dict expression", "    /x/prop0.py:12:9  generic test: 'd' is not an int, float or bool local",
      "f1 [checked]: compiled (generic: something)", "# facts: /x/prop1.py", "f2 [checked]: compiled [specialized]",
    ].join("\n");
    assert.deepEqual([...parseFacts(text, "prop0")], [["prop0.f0", null], ["prop0.f1", "compiled (generic: something)"], ["prop1.f2", null]]);
  });
});

describe("property: compiled == CPython on random specialized functions", { concurrency: 2 }, () => {
  test(`at least ${MIN_SPECIALIZED * 100}% of the generated functions are specialized`, { skip: !pythons.length && "no CPython found" }, async () => {
    const spec = await specialization(pythons[0]!, batch);
    assert.equal(spec.size, FUNCS, "the facts dump must list every generated function");
    const generic = [...spec].filter(([, why]) => why !== null);
    const rate = 1 - generic.length / spec.size;
    process.stdout.write(`property: ${((rate * 100).toFixed(1))}% specialized${generic.length ? `; e.g. ${generic.slice(0, 3).map(([f, w]) => `${f}: ${w}`).join("; ")}` : ""}\n`);
    assert.ok(rate >= MIN_SPECIALIZED, `only ${(rate * 100).toFixed(1)}% specialized: ${generic.slice(0, 10).map(([f, w]) => `${f}: ${w}`).join("\n")}`);
  });

  for (const py of pythons) {
    for (const forceDeopt of [false, true]) {
      const header = `[py${py.version} ${forceDeopt ? "--force-deopt" : "guards normal"}]`;
      test(header, async () => {
        const outDir = join(OUT, py.version, forceDeopt ? "deopt" : "normal");
        const build = await buildBatch(py, batch, outDir, forceDeopt);
        assert.equal(build.code, 0, `spyc build failed (sources in ${join(OUT, "src")}):\n${build.stderr}\n${build.stdout}`);
        const [interp, comp] = await Promise.all([oracle(py), runSide(py, batch, outDir)]);
        assert.equal(interp.error, null, `the oracle (CPython on the source) failed: ${interp.error}`);
        const ms = compare(batch, interp, comp);
        if (ms.length || comp.error) assert.fail(await report(header, ms, py, forceDeopt) + (comp.error ? `\n${comp.error}` : ""));
        process.stdout.write(`property: ${header} ${batch.calls.length} cases equal (${((Date.now() - started) / 1000).toFixed(0)} s since start)\n`);
      });
    }
  }
});

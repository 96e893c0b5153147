// Build a batch of generated functions once per (python, variant), run every case in one python
// process per side, and compare outcomes. Reuses the differential harness's python discovery,
// process runner and output-tree lock (tests/harness/diff.ts).

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { REPO, clip, decoratorsPath, pythonEnv, run, type PythonInfo, type RunResult } from "../diff.ts";
import { genFunc } from "./genfunc.ts";
import { argFor, encodeArg, pyLiteral, rawArgArb, rebindFor, type PyArg, type RawArg } from "./inputs.ts";
import { MODULE_HEADER, renderFunc, type Func } from "./pyast.ts";
import { sanitizedEnv, sanitizerReport } from "../sanitize.ts";

/** SPYC_PROP_OUT (absolute, or relative to the repo): another output tree, e.g. for the sanitizer run */
export const OUT = process.env.SPYC_PROP_OUT ? resolve(REPO, process.env.SPYC_PROP_OUT) : join(REPO, "tests", ".out", "property");
/** SPYC_PROP_SANITIZE=address,undefined: instrumented builds, any sanitizer report fails the run */
const SANITIZE = process.env.SPYC_PROP_SANITIZE ?? "";
const PROPRUN = join(REPO, "tests", "harness", "property", "proprun.py");
const SPYC = join(REPO, "bin", "spyc.mjs");
/** -O0 keeps gcc affordable; SPYC_PROP_OPT=-O2 for hunts (overflow checks relying on UB) */
const OPT = process.env.SPYC_PROP_OPT === "-O2" ? "-O2" : "-O0";

/** the raw material of one function and its inputs (what fast-check generates and shrinks) */
export interface RawCase { fn: number[]; inputs: RawArg[][] }

export const choiceArb: fc.Arbitrary<number[]> = fc.array(fc.noBias(fc.nat({ max: 0x7fffffff })), { maxLength: 1200, size: "max" });
/** four raw arguments (enough for the widest generated signature) and a fifth for the case's
 * rebinding of a module constant (inputs.ts rebindFor) */
export const argsArb: fc.Arbitrary<RawArg[]> = fc.array(rawArgArb, { minLength: 5, maxLength: 5 });
export const rawCaseArb = (inputs: number): fc.Arbitrary<RawCase> =>
  fc.record({ fn: choiceArb, inputs: fc.array(argsArb, { minLength: inputs, maxLength: inputs }) });

export interface Call { module: string; func: Func; raw: RawArg[]; args: PyArg[]; rebind: { name: string; value: PyArg } | null }
export const callArgs = (f: Func, raw: RawArg[]): PyArg[] => f.params.map((p, i) => argFor(p.ann, raw[i]!));
export const callText = (c: Call): string =>
  (c.rebind ? `set_const(${JSON.stringify(c.rebind.name)}, ${pyLiteral(c.rebind.value)}); ` : "") +
  `${c.func.name}(${c.args.map(pyLiteral).join(", ")})`;

/** Python's outcome of one call, or `crash` when the process died before finishing it */
export type Outcome = { t: string; r: string } | { e: string; m: string } | { crash: string };

export const describe = (o: Outcome | undefined): string =>
  !o ? "<no result>" : "crash" in o ? `CRASH: ${o.crash}` : "t" in o ? `returned ${o.t} ${o.r}` : `raised ${o.e}: ${o.m}`;

export const sameOutcome = (a: Outcome | undefined, b: Outcome | undefined): boolean => describe(a) === describe(b);

// ---------------------------------------------------------------------------------------------
// Writing and building

export interface Batch { dir: string; modules: { stem: string; path: string; funcs: Func[] }[]; calls: Call[] }

/** Lay out functions over `perModule`-sized modules (spyc builds modules in parallel, and gcc
 * time grows faster than linearly with one huge translation unit). */
export function writeBatch(dir: string, prefix: string, funcs: Func[], inputsOf: (i: number) => RawArg[][], perModule: number): Batch {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const batch: Batch = { dir, modules: [], calls: [] };
  for (let m = 0; m * perModule < funcs.length; m++) {
    const stem = `${prefix}${m}`;
    const fs = funcs.slice(m * perModule, (m + 1) * perModule);
    const path = join(dir, `${stem}.py`);
    writeFileSync(path, MODULE_HEADER + fs.map(renderFunc).join("\n"));
    batch.modules.push({ stem, path, funcs: fs });
    fs.forEach((f, k) => {
      for (const raw of inputsOf(m * perModule + k)) batch.calls.push({ module: stem, func: f, raw, args: callArgs(f, raw), rebind: rebindFor(f.consts, raw[4]) });
    });
  }
  writeFileSync(join(dir, "cases.json"), JSON.stringify(batch.calls.map((c) => [c.module, c.func.name, c.args.map(encodeArg), c.rebind && [c.rebind.name, encodeArg(c.rebind.value)]])));
  return batch;
}

function spyc(args: string[]): Promise<RunResult> {
  return run(process.execPath, [SPYC, ...args], { timeoutMs: 1_200_000 });
}

export async function buildBatch(py: PythonInfo, batch: Batch, outDir: string, forceDeopt: boolean): Promise<RunResult> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const args = ["build", ...batch.modules.map((m) => m.path), "-o", outDir, "--python", py.exe, OPT, "-q"];
  if (forceDeopt) args.push("--force-deopt");
  if (SANITIZE) args.push(`--sanitize=${SANITIZE}`);
  return spyc(args);
}

/** "<module>.<function>" -> null when specialized, else what the facts dump says instead */
export async function specialization(py: PythonInfo, batch: Batch): Promise<Map<string, string | null>> {
  const r = await spyc(["build", ...batch.modules.map((m) => m.path), "--python", py.exe, "--dump=facts"]);
  if (r.code !== 0) throw new Error(`spyc --dump=facts failed:\n${clip(r.stderr + r.stdout, 3000)}`);
  return parseFacts(r.stdout, batch.modules[0]?.stem ?? "");
}

/** the `--dump=facts` text -> "<module>.<function>" -> null when specialized, else the reason.
 * Function lines start in column 0; the indented lines under one (its generic statements and
 * tests) and unchecked functions (`set_const: interpreted`) are not functions of the batch. */
export function parseFacts(text: string, firstStem: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let stem = firstStem; // a single module gets no header
  for (const line of text.split("\n")) {
    const head = /^# facts: .*?(\w+)\.py$/.exec(line); // one header per module
    if (head) stem = head[1]!;
    const hit = /^(\w+) \[checked\]: (.*)$/.exec(line);
    if (hit) out.set(`${stem}.${hit[1]}`, hit[2] === "compiled [specialized]" ? null : hit[2]!);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running one side

export interface SideRun { outcomes: Outcome[]; error: string | null }

/** `buildDir` absent: the oracle (CPython importing the generated .py with the decorators) */
export async function runSide(py: PythonInfo, batch: Batch, buildDir?: string): Promise<SideRun> {
  const args = [PROPRUN, "--cases", join(batch.dir, "cases.json"), "--path", buildDir ?? batch.dir, "--path", decoratorsPath()];
  if (buildDir) args.push("--expect-file-suffix", py.extSuffix);
  const sanitize = buildDir !== undefined && SANITIZE !== "";
  const r = await run(py.exe, args, { env: sanitize ? sanitizedEnv(pythonEnv(), SANITIZE) : pythonEnv(), timeoutMs: 300_000 });
  const report = sanitize ? sanitizerReport(r.stderr) : null;
  if (report !== null) return { outcomes: [{ crash: `sanitizer report:\n${report}` }], error: `sanitizer report (exit ${r.code}):\n${report}` };
  const lines = r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Outcome | { import_error: string });
  const bad = lines.find((l) => "import_error" in l) as { import_error: string } | undefined;
  if (bad) return { outcomes: [], error: bad.import_error };
  const outcomes = lines as Outcome[];
  let error: string | null = null;
  if (r.code !== 0 || outcomes.length !== batch.calls.length) {
    error = `python exited ${r.code} after ${outcomes.length}/${batch.calls.length} cases:\n${clip(r.stderr, 2000)}`;
    // the case it was running when it died is the culprit; the rest never ran
    if (outcomes.length < batch.calls.length) outcomes.push({ crash: error });
  }
  return { outcomes, error };
}

export interface Mismatch { index: number; call: Call; interpreted: Outcome | undefined; compiled: Outcome | undefined }

export function compare(batch: Batch, interp: SideRun, comp: SideRun): Mismatch[] {
  const out: Mismatch[] = [];
  batch.calls.forEach((call, index) => {
    const a = interp.outcomes[index], b = comp.outcomes[index];
    if (b === undefined && comp.outcomes.length && "crash" in comp.outcomes[comp.outcomes.length - 1]!) return; // after a crash
    if (!sameOutcome(a, b)) out.push({ index, call, interpreted: a, compiled: b });
  });
  return out;
}

/** `callees`: functions the failing one may call; those it does call are printed first */
export function formatMismatch(m: Mismatch, header: string, callees: readonly Func[] = []): string {
  const src = renderFunc(m.call.func);
  const used = callees.filter((f) => new RegExp(`\\b${f.name}\\(`).test(src)).map(renderFunc);
  return [
    `${header}: ${m.call.module}.${callText(m.call)}`,
    ...[...used, src].join("\n").trimEnd().split("\n").map((l) => `    ${l}`),
    `  call:        ${callText(m.call)}`,
    `  interpreted: ${clip(describe(m.interpreted), 800)}`,
    `  compiled:    ${clip(describe(m.compiled), 800)}`,
  ].join("\n");
}

export { genFunc };

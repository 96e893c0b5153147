// Differential-testing harness: compiled == interpreted, with CPython as the only oracle.
//
// For each (python version, mode) the whole suite under tests/diff/ is built with ONE
// `spyc build` invocation into tests/.out/diff/<ver>/<mode>/. Every program is then run twice
// by tests/harness/diffrun.py (one python process per program and side): once importing the
// source module and once importing the built extension. The two JSON results are compared test
// by test, and a mismatch is rendered as a compact, readable report.
//
// Knobs (read by tests/unit/diff.test.ts through `configFromEnv`):
//   SPYC_DIFF_VERSIONS     comma list of versions to use, e.g. "3.12" or "3.11.7,3.13.0"
//   SPYC_DIFF_FORCE_DEOPT  0 = normal builds only, 1 = --force-deopt builds only, both (default)
//   SPYC_DIFF_MODES        comma list among checked,all (default both)
//   SPYC_DIFF_FILTER       substring or /regex/ on "<topic>/<stem>" to select programs
//   SPYC_DIFF_OPT          C optimization flag passed to the builder: -O0 (default, fast) or -O2
//                          (catches overflow checks that rely on undefined behaviour)
//   SPYC_DIFF_SANITIZE     e.g. "address,undefined": build with --sanitize=LIST, run the compiled
//                          side with the ASan runtime preloaded, and fail on any sanitizer report
//                          (tests/harness/sanitize.ts; tests/unit/sanitize.test.ts runs a slice)
//   SPYC_DIFF_BUILD_CMD    builder command; "standin" selects the copy-the-.py stand-in.
//                          Default: the real CLI (node bin/spyc.mjs), or the stand-in with a
//                          warning while src/cli.ts does not exist yet.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sanitizedEnv, sanitizerReport } from "./sanitize.ts";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIFF_ROOT = join(REPO, "tests", "diff");
export const OUT_ROOT = join(REPO, "tests", ".out", "diff");
export const DIFFRUN = join(REPO, "tests", "harness", "diffrun.py");
export const STANDIN = join(REPO, "tests", "harness", "diff-standin-build.mjs");
export const PYDECORATORS = join(REPO, "pydecorators");
const STUB_DECORATORS = join(REPO, "tests", "harness", "diffstub");

export const KNOWN_PYTHONS = ["3.11.7", "3.12.1", "3.13.0"].map((v) => ({
  version: v,
  exe: `/root/.pyenv/versions/${v}/bin/python3`,
}));

// ---------------------------------------------------------------------------------------------
// Configuration

export interface PythonInfo {
  version: string; // "3.12.1"
  exe: string;
  extSuffix: string; // ".cpython-312-x86_64-linux-gnu.so"
}

export interface Mode {
  name: string; // "checked", "all", "checked-deopt", "all-deopt"
  all: boolean;
  forceDeopt: boolean;
}

export interface Builder {
  kind: "cli" | "standin";
  argv: string[]; // command prefix; `build FILES -o OUT ...` is appended
  /** file suffix the compiled side must import from; undefined = the interpreter's EXT_SUFFIX */
  importSuffix?: string;
}

export interface Program {
  topic: string;
  stem: string; // module name (unique across the suite)
  path: string; // absolute path of the .py
  id: string; // "<topic>/<stem>"
}

export function allModes(): Mode[] {
  return [
    { name: "checked", all: false, forceDeopt: false },
    { name: "all", all: true, forceDeopt: false },
    { name: "checked-deopt", all: false, forceDeopt: true },
    { name: "all-deopt", all: true, forceDeopt: true },
  ];
}

export function selectModes(forceDeopt: string | undefined, modes: string | undefined): Mode[] {
  const fd = (forceDeopt ?? "both").trim().toLowerCase();
  const wanted = (modes ?? "checked,all").split(",").map((s) => s.trim()).filter(Boolean);
  return allModes().filter((m) => {
    if (fd === "0" && m.forceDeopt) return false;
    if (fd === "1" && !m.forceDeopt) return false;
    return wanted.includes(m.all ? "all" : "checked");
  });
}

export function resolveBuilder(cmd: string | undefined): Builder {
  const c = (cmd ?? "").trim();
  if (c === "standin" || (c === "" && !existsSync(join(REPO, "src", "cli.ts")))) {
    if (c === "") {
      process.stderr.write("diff harness: src/cli.ts not found, using the STAND-IN builder (copies .py)\n");
    }
    return { kind: "standin", argv: [process.execPath, STANDIN], importSuffix: ".py" };
  }
  if (c === "") return { kind: "cli", argv: [process.execPath, join(REPO, "bin", "spyc.mjs")] };
  return { kind: "cli", argv: c.split(/\s+/) };
}

export async function findPythons(versions: string | undefined): Promise<PythonInfo[]> {
  const wanted = (versions ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const out: PythonInfo[] = [];
  for (const p of KNOWN_PYTHONS) {
    if (!existsSync(p.exe)) continue;
    if (wanted.length && !wanted.some((w) => p.version === w || p.version.startsWith(w + "."))) continue;
    const r = await run(p.exe, ["-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"]);
    if (r.code !== 0) continue;
    out.push({ version: p.version, exe: p.exe, extSuffix: r.stdout.trim() });
  }
  return out;
}

export function matchesFilter(id: string, filter: string | undefined): boolean {
  if (!filter) return true;
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (m) return new RegExp(m[1], m[2]).test(id);
  return filter.split(",").some((f) => id.includes(f.trim()));
}

export function discoverPrograms(root = DIFF_ROOT, filter?: string): Program[] {
  const progs: Program[] = [];
  for (const topic of readdirSync(root).sort()) {
    const dir = join(root, topic);
    if (topic.startsWith("_") || topic.startsWith(".") || !statSync(dir).isDirectory()) continue; // _tools etc.
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".py") || f.startsWith("_")) continue;
      const stem = f.slice(0, -3);
      const id = `${topic}/${stem}`;
      if (!matchesFilter(id, filter)) continue;
      progs.push({ topic, stem, path: join(dir, f), id });
    }
  }
  const seen = new Map<string, string>();
  for (const p of progs) {
    const prev = seen.get(p.stem);
    if (prev) throw new Error(`duplicate module name ${p.stem}: ${prev} and ${p.id}`);
    seen.set(p.stem, p.id);
  }
  return progs;
}

/** The spyc package directory used on both sides. Falls back to a minimal stub only while
 * pydecorators/spyc is still empty (plumbing tests with the stand-in builder). */
export function decoratorsPath(): string {
  if (existsSync(join(PYDECORATORS, "spyc", "__init__.py"))) return PYDECORATORS;
  process.stderr.write("diff harness: pydecorators/spyc/__init__.py missing, using tests/harness/diffstub\n");
  return STUB_DECORATORS;
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  exe: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((res) => {
    execFile(
      exe,
      args,
      {
        cwd: opts.cwd ?? REPO,
        env: opts.env ?? process.env,
        timeout: opts.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
      },
      (err, stdout, stderr) => {
        let code = 0;
        if (err) {
          const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean; signal?: string };
          code = typeof e.code === "number" ? e.code : 1;
          if (e.killed || e.signal) stderr += `\n[killed: ${e.signal ?? "timeout"}]`;
          if (typeof e.code === "string") stderr += `\n[spawn error: ${e.code} ${e.message}]`;
        }
        res({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONSTARTUP;
  env.PYTHONHASHSEED = "0"; // identical set/dict-of-str iteration order on both sides
  env.PYTHONDONTWRITEBYTECODE = "1";
  env.PYTHONIOENCODING = "utf-8";
  return env;
}

// ---------------------------------------------------------------------------------------------
// Exclusive use of an output tree. Several agents/CI jobs may run the suite in the same checkout;
// builds wipe their output directories, so concurrent runs would delete each other's results.

const heldLocks = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Wait (up to `timeoutMs`) until no other live process holds `<root>/.lock`, then take it.
 * Released automatically when this process exits. */
export async function lockOutputTree(root: string, timeoutMs = 1_800_000): Promise<void> {
  if (heldLocks.has(root)) return;
  mkdirSync(root, { recursive: true });
  const lock = join(root, ".lock");
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        /* being created or removed right now */
      }
      if (Number.isFinite(holder) && holder > 0 && !pidAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} held by pid ${holder} for too long`);
      if (!announced) {
        process.stderr.write(`diff harness: waiting for pid ${holder} to release ${relative(REPO, lock)}\n`);
        announced = true;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  heldLocks.add(root);
  process.on("exit", () => {
    try {
      if (readFileSync(join(lock, "pid"), "utf8") === String(process.pid)) rmSync(lock, { recursive: true, force: true });
    } catch {
      /* already gone */
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Building

export interface BuildOutcome {
  outDir: string;
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  /** per program stem: undefined if its module file exists, else the reason */
  missing: Map<string, string>;
}

export function optFlag(env: NodeJS.ProcessEnv = process.env): "-O0" | "-O2" {
  return env.SPYC_DIFF_OPT === "-O2" || env.SPYC_DIFF_OPT === "2" ? "-O2" : "-O0";
}

export function buildArgs(builder: Builder, files: string[], outDir: string, py: PythonInfo, mode: Mode, sanitize?: string): string[] {
  const a = [...builder.argv.slice(1), "build", ...files, "-o", outDir, "--python", py.exe, optFlag()];
  if (!mode.all) a.push("--checked-only");
  if (mode.forceDeopt) a.push("--force-deopt");
  if (sanitize) a.push(`--sanitize=${sanitize}`);
  return a;
}

export function expectedModuleFile(builder: Builder, outDir: string, stem: string, py: PythonInfo): string {
  return join(outDir, stem + (builder.importSuffix ?? py.extSuffix));
}

export async function buildSuite(
  builder: Builder,
  py: PythonInfo,
  mode: Mode,
  programs: Program[],
  outDir: string,
  sanitize?: string,
): Promise<BuildOutcome> {
  // Never let a stale extension from an earlier run stand in for a failed build.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const args = buildArgs(builder, programs.map((p) => p.path), outDir, py, mode, sanitize);
  const r = await run(builder.argv[0], args, { timeoutMs: 1_200_000 });
  const outcome: BuildOutcome = {
    outDir,
    command: [builder.argv[0], ...args].map((s) => relative(REPO, s) || s).join(" "),
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    missing: new Map(),
  };
  const absent = programs.filter((p) => !existsSync(expectedModuleFile(builder, outDir, p.stem, py)));
  if (absent.length === 0) return outcome;
  if (r.code === 0) {
    for (const p of absent) outcome.missing.set(p.stem, `build exited 0 but produced no ${basename(expectedModuleFile(builder, outDir, p.stem, py))}`);
    return outcome;
  }
  // The batch failed: attribute the failure by building each missing program on its own.
  for (const p of absent) {
    const one = await run(builder.argv[0], buildArgs(builder, [p.path], outDir, py, mode, sanitize), { timeoutMs: 600_000 });
    if (!existsSync(expectedModuleFile(builder, outDir, p.stem, py))) {
      outcome.missing.set(p.stem, `build failed (exit ${one.code}):\n${clip(one.stderr || one.stdout, 2500)}`);
    }
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Running one side

export interface TestRecord {
  name: string;
  ok: boolean;
  type?: string;
  repr?: string;
  exc_type?: string;
  exc_module?: string;
  exc_str?: string;
  cause?: { type: string; module: string; str: string } | null;
  context?: { type: string; module: string; str: string } | null;
  suppress_context?: boolean;
  stdout: string;
}

export interface SideResult {
  module: string;
  python?: string;
  file: string | null;
  import_ok: boolean;
  import_error: string | null;
  import_stdout: string;
  tests: TestRecord[];
  /** set by the harness when the python process itself failed */
  crash?: string;
}

export interface SideSpec {
  py: PythonInfo;
  module: string;
  source: string; // the program's .py (gives the list of tests)
  paths: string[]; // front of sys.path
  expectSuffix?: string;
  expectDir?: string;
  resultFile: string;
  /** sanitizer list the extension was built with: run with its runtime, fail on any report */
  sanitize?: string;
}

export async function runSide(spec: SideSpec): Promise<SideResult> {
  const args = [DIFFRUN, "--module", spec.module, "--source", spec.source, "--out", spec.resultFile];
  for (const p of spec.paths) args.push("--path", p);
  if (spec.expectSuffix !== undefined) args.push("--expect-file-suffix", spec.expectSuffix);
  if (spec.expectDir !== undefined) args.push("--expect-dir", spec.expectDir);
  rmSync(spec.resultFile, { force: true });
  mkdirSync(dirname(spec.resultFile), { recursive: true });
  const env = spec.sanitize ? sanitizedEnv(pythonEnv(), spec.sanitize) : pythonEnv();
  const r = await run(spec.py.exe, args, { env, timeoutMs: spec.sanitize ? 360_000 : 120_000 });
  const report = spec.sanitize ? sanitizerReport(r.stderr) : null;
  if (report !== null) {
    return {
      module: spec.module, file: null, import_ok: false, import_error: null, import_stdout: "", tests: [],
      crash: `sanitizer report (exit ${r.code}):\n${report}`,
    };
  }
  if (!existsSync(spec.resultFile)) {
    return {
      module: spec.module,
      file: null,
      import_ok: false,
      import_error: null,
      import_stdout: "",
      tests: [],
      crash: `python exited ${r.code} without a result${r.code < 0 || r.code > 128 ? " (signal/crash)" : ""}:\n${clip(r.stderr + r.stdout, 2500)}`,
    };
  }
  const res = JSON.parse(readFileSync(spec.resultFile, "utf8")) as SideResult;
  if (r.code !== 0) res.crash = `python exited ${r.code} after writing its result:\n${clip(r.stderr, 1500)}`;
  return res;
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface Mismatch {
  test: string; // test name or "<import>"
  interpreted: string;
  compiled: string;
}

export function describeRecord(t: TestRecord | undefined): string {
  if (!t) return "<test did not run>";
  let s: string;
  if (t.ok) s = `returned ${t.type} ${t.repr}`;
  else {
    const mod = t.exc_module && t.exc_module !== "builtins" ? `${t.exc_module}.` : "";
    s = `raised ${mod}${t.exc_type}: ${t.exc_str}`;
    if (t.cause) s += ` [cause ${t.cause.type}: ${t.cause.str}]`;
    if (t.context && !t.suppress_context) s += ` [context ${t.context.type}: ${t.context.str}]`;
  }
  if (t.stdout) s += ` | stdout ${JSON.stringify(t.stdout)}`;
  return s;
}

function recordKey(t: TestRecord): string {
  return JSON.stringify([
    t.ok, t.type, t.repr, t.exc_type, t.exc_module, t.exc_str,
    t.cause ?? null, t.context ?? null, t.suppress_context ?? false, t.stdout,
  ]);
}

export function compareResults(interp: SideResult, comp: SideResult): Mismatch[] {
  const out: Mismatch[] = [];
  if (interp.crash || !interp.import_ok) {
    // The oracle itself is broken: that is a bug in the test program (or the decorators).
    out.push({
      test: "<import>",
      interpreted: `ORACLE FAILED: ${interp.crash ?? interp.import_error}`,
      compiled: comp.crash ?? comp.import_error ?? "imported",
    });
    return out;
  }
  if (comp.crash && !comp.import_ok) {
    out.push({ test: "<import>", interpreted: "imported", compiled: comp.crash });
    return out;
  }
  if (!comp.import_ok) {
    out.push({ test: "<import>", interpreted: "imported", compiled: comp.import_error ?? "import failed" });
    return out;
  }
  if (interp.import_stdout !== comp.import_stdout) {
    out.push({
      test: "<import stdout>",
      interpreted: JSON.stringify(interp.import_stdout),
      compiled: JSON.stringify(comp.import_stdout),
    });
  }
  const byName = new Map(comp.tests.map((t) => [t.name, t]));
  for (const t of interp.tests) {
    const c = byName.get(t.name);
    if (!c || recordKey(t) !== recordKey(c)) {
      out.push({ test: t.name, interpreted: describeRecord(t), compiled: describeRecord(c) });
    }
  }
  for (const c of comp.tests) {
    if (!interp.tests.some((t) => t.name === c.name)) {
      out.push({ test: c.name, interpreted: "<test did not run>", compiled: describeRecord(c) });
    }
  }
  if (comp.crash) out.push({ test: "<process>", interpreted: "exited 0", compiled: comp.crash });
  return out;
}

export function formatMismatches(header: string, ms: Mismatch[]): string {
  const lines = [`${header}: ${ms.length} mismatch${ms.length === 1 ? "" : "es"}`];
  for (const m of ms) {
    lines.push(`  ${m.test}`);
    lines.push(`    interpreted: ${clip(m.interpreted, 600)}`);
    lines.push(`    compiled:    ${clip(m.compiled, 600)}`);
  }
  return lines.join("\n");
}

export function clip(s: string, n: number): string {
  s = s.trimEnd();
  return s.length <= n ? s : s.slice(0, n) + ` …[${s.length - n} more chars]`;
}

// ---------------------------------------------------------------------------------------------
// The whole thing, with caching of the interpreted side (identical for every mode)

export interface DiffConfig {
  pythons: PythonInfo[];
  modes: Mode[];
  programs: Program[];
  builder: Builder;
  decorators: string;
  outRoot: string;
  /** SPYC_DIFF_SANITIZE: build instrumented, run with the sanitizer runtime */
  sanitize?: string;
}

export async function configFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DiffConfig> {
  return {
    pythons: await findPythons(env.SPYC_DIFF_VERSIONS),
    modes: selectModes(env.SPYC_DIFF_FORCE_DEOPT, env.SPYC_DIFF_MODES),
    programs: discoverPrograms(DIFF_ROOT, env.SPYC_DIFF_FILTER),
    builder: resolveBuilder(env.SPYC_DIFF_BUILD_CMD),
    decorators: decoratorsPath(),
    outRoot: env.SPYC_DIFF_OUT ? resolve(REPO, env.SPYC_DIFF_OUT) : OUT_ROOT, // absolute, or relative to the repo
    ...(env.SPYC_DIFF_SANITIZE ? { sanitize: env.SPYC_DIFF_SANITIZE } : {}),
  };
}

export interface ProgramOutcome {
  program: Program;
  mismatches: Mismatch[];
  testsCompared: number;
  report: string; // empty when equal
}

export class DiffSession {
  private interpCache = new Map<string, Promise<SideResult>>();
  constructor(readonly cfg: DiffConfig) {}

  outDir(py: PythonInfo, mode: Mode): string {
    return join(this.cfg.outRoot, py.version, mode.name);
  }

  build(py: PythonInfo, mode: Mode): Promise<BuildOutcome> {
    return buildSuite(this.cfg.builder, py, mode, this.cfg.programs, this.outDir(py, mode), this.cfg.sanitize);
  }

  interpreted(py: PythonInfo, prog: Program): Promise<SideResult> {
    const key = `${py.version}\0${prog.id}`;
    let p = this.interpCache.get(key);
    if (!p) {
      p = runSide({
        py,
        module: prog.stem,
        source: prog.path,
        paths: [dirname(prog.path), this.cfg.decorators],
        resultFile: join(this.cfg.outRoot, py.version, "_interpreted", `${prog.stem}.json`),
      });
      this.interpCache.set(key, p);
    }
    return p;
  }

  compiled(py: PythonInfo, mode: Mode, prog: Program, build: BuildOutcome): Promise<SideResult> {
    const suffix = this.cfg.builder.importSuffix ?? py.extSuffix;
    return runSide({
      py,
      module: prog.stem,
      source: prog.path,
      paths: [build.outDir, this.cfg.decorators],
      expectSuffix: suffix,
      expectDir: build.outDir,
      resultFile: join(build.outDir, "_results", `${prog.stem}.json`),
      ...(this.cfg.sanitize ? { sanitize: this.cfg.sanitize } : {}),
    });
  }

  async diffProgram(py: PythonInfo, mode: Mode, prog: Program, build: BuildOutcome): Promise<ProgramOutcome> {
    const header = `[py${py.version} ${mode.name}] ${prog.id}`;
    const missing = build.missing.get(prog.stem);
    if (missing !== undefined) {
      const mm = [{ test: "<build>", interpreted: "n/a", compiled: missing }];
      return { program: prog, mismatches: mm, testsCompared: 0, report: formatMismatches(header, mm) };
    }
    const [interp, comp] = await Promise.all([this.interpreted(py, prog), this.compiled(py, mode, prog, build)]);
    const mm = compareResults(interp, comp);
    return {
      program: prog,
      mismatches: mm,
      testsCompared: interp.tests.length,
      report: mm.length ? formatMismatches(header, mm) : "",
    };
  }
}

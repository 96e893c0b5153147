// Real modules no one here wrote: copy pure-Python stdlib modules, build them with `spyc build
// --all`, and run CPython's own tests for them against the extension and against the plain .py.
// Used by tests/unit/diff-stdlib.test.ts.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { REPO, run, pythonEnv, type Builder, type PythonInfo } from "../harness/diff.ts";

export const STDLIB_OUT = join(REPO, "tests", ".out", "stdlib");
const DRIVER = join(REPO, "tests", "stdlib", "run_stdlib_tests.py");

/** target module -> CPython test module. bisect/heapq: the tests import the pure version with
 * import_fresh_module(..., blocked=['_bisect']) which, with our directory first on sys.path,
 * resolves to the extension, so the compiled functions really run. Modules that CPython
 * deep-freezes (os, posixpath, ntpath, ...) cannot be shadowed from sys.path and are not used. */
export const STDLIB_MODULES: Array<{ target: string; test: string }> = [
  { target: "colorsys", test: "test.test_colorsys" },
  { target: "bisect", test: "test.test_bisect" },
  { target: "heapq", test: "test.test_heapq" },
  { target: "textwrap", test: "test.test_textwrap" },
  { target: "fractions", test: "test.test_fractions" },
  { target: "graphlib", test: "test.test_graphlib" },
  { target: "shlex", test: "test.test_shlex" },
  { target: "fnmatch", test: "test.test_fnmatch" },
  { target: "calendar", test: "test.test_calendar" },
  { target: "ipaddress", test: "test.test_ipaddress" },
  { target: "statistics", test: "test.test_statistics" },
  { target: "pprint", test: "test.test_pprint" },
  { target: "copy", test: "test.test_copy" },
  { target: "base64", test: "test.test_base64" },
  { target: "quopri", test: "test.test_quopri" },
  { target: "difflib", test: "test.test_difflib" },
  { target: "operator", test: "test.test_operator" },
  { target: "configparser", test: "test.test_configparser" },
  { target: "optparse", test: "test.test_optparse" },
  { target: "getopt", test: "test.test_getopt" },
  { target: "reprlib", test: "test.test_reprlib" },
  { target: "string", test: "test.test_string" },
  { target: "contextlib", test: "test.test_contextlib" },
  { target: "queue", test: "test.test_queue" },
];

export function stdlibDir(py: PythonInfo): string {
  const mm = py.version.split(".").slice(0, 2).join(".");
  return join(py.exe, "..", "..", "lib", `python${mm}`);
}

export interface StdlibRun {
  target: string;
  test: string;
  ok_import: boolean;
  error: string | null;
  modules: Array<{ file: string | null; callable_kinds: Record<string, number> }>;
  run?: number;
  failures?: string[];
  errors?: string[];
  skipped?: number;
  expected_failures?: number;
  unexpected_successes?: number;
  details?: string;
  crash?: string;
}

export interface StdlibBuild {
  code: number;
  stdout: string;
  stderr: string;
  srcDir: string;
  buildDir: string;
}

export async function buildStdlib(builder: Builder, py: PythonInfo, targets: string[]): Promise<StdlibBuild> {
  const root = join(STDLIB_OUT, py.version);
  const srcDir = join(root, "src");
  const buildDir = join(root, "build");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(srcDir, { recursive: true });
  mkdirSync(buildDir, { recursive: true });
  const files: string[] = [];
  for (const t of targets) {
    const f = join(srcDir, `${t}.py`);
    copyFileSync(join(stdlibDir(py), `${t}.py`), f);
    files.push(f);
  }
  const args = [...builder.argv.slice(1), "build", ...files, "-o", buildDir, "--all", "--python", py.exe, "-O0"];
  const r = await run(builder.argv[0], args, { timeoutMs: 1_800_000 });
  return { ...r, srcDir, buildDir };
}

/** A directory holding only `target`'s module file (copied from `fromDir`), so that each
 * module's tests see exactly one compiled (or copied) stdlib module: other compiled modules of
 * the batch must not leak into unittest's own imports or into each other's tests. */
export function isolate(py: PythonInfo, fromDir: string, target: string, suffix: string, tag: string): string {
  const dir = join(STDLIB_OUT, py.version, "run", tag, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = `${target}${suffix}`;
  if (existsSync(join(fromDir, file))) copyFileSync(join(fromDir, file), join(dir, file));
  return dir;
}

export async function runStdlibTests(
  py: PythonInfo,
  target: string,
  test: string,
  dir: string,
  expectSuffix: string,
  tag: string,
): Promise<StdlibRun> {
  const out = join(STDLIB_OUT, py.version, `${target}.${tag}.json`);
  rmSync(out, { force: true });
  const r = await run(py.exe, [DRIVER, "--target", target, "--test", test, "--path", dir, "--out", out, "--expect-suffix", expectSuffix], {
    env: pythonEnv(),
    timeoutMs: 600_000,
  });
  if (!existsSync(out)) {
    return { target, test, ok_import: false, error: null, modules: [], crash: `exit ${r.code}: ${(r.stderr + r.stdout).slice(-2500)}` };
  }
  const res = JSON.parse(readFileSync(out, "utf8")) as StdlibRun;
  if (r.code !== 0) res.crash = `exit ${r.code}: ${r.stderr.slice(-1500)}`;
  return res;
}

/** Best-effort parse of the CLI's per-module summary: how many functions were compiled. The
 * format is the CLI's business; we look, in the lines that mention the module, for
 * "N compiled", "compiled N" or "compiled: N". Undefined when not found. */
export function compiledCount(summary: string, module: string): number | undefined {
  const lines = summary.split(/\r?\n/);
  const nameRe = new RegExp(`(^|[^\\w.])${module}(\\.py|\\b)`);
  for (let i = 0; i < lines.length; i++) {
    if (!nameRe.test(lines[i])) continue;
    // the module's line and its indented continuation lines
    const block = [lines[i]];
    for (let j = i + 1; j < lines.length && /^\s+/.test(lines[j]); j++) block.push(lines[j]);
    const text = block.join("\n");
    const m =
      /(\d+)\s+(?:functions?\s+|methods?\s+|functions?\/methods?\s+)?compiled/i.exec(text) ??
      /compiled\s*[:=]?\s*(\d+)/i.exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function compareStdlib(base: StdlibRun, comp: StdlibRun): string[] {
  const problems: string[] = [];
  if (base.crash || !base.ok_import || base.error) problems.push(`baseline broken: ${base.crash ?? base.error}`);
  if (comp.crash) problems.push(`compiled run crashed: ${comp.crash}`);
  if (!comp.ok_import || comp.error) problems.push(`compiled: ${comp.error}`);
  if (problems.length) return problems;
  if (base.run !== comp.run) problems.push(`tests run: interpreted ${base.run}, compiled ${comp.run}`);
  const diffList = (kind: string, a: string[] = [], b: string[] = []) => {
    const extra = b.filter((x) => !a.includes(x));
    const gone = a.filter((x) => !b.includes(x));
    if (extra.length) problems.push(`${kind} only when compiled: ${extra.join(", ")}`);
    if (gone.length) problems.push(`${kind} only when interpreted: ${gone.join(", ")}`);
  };
  diffList("failures", base.failures, comp.failures);
  diffList("errors", base.errors, comp.errors);
  if (base.skipped !== comp.skipped) problems.push(`skipped: interpreted ${base.skipped}, compiled ${comp.skipped}`);
  return problems;
}

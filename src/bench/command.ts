/**
 * `spyc bench`: make every program's plain twin (the baseline: spyc's decorators taken out),
 * build every program (spyc specialized and generic, peers on the twin), then time each one in
 * turn, compare checksums with plain CPython's, count the specialized build's deopts in one more
 * call under SPYC_STATS, print the table and write results/<timestamp>.{json,md,svg}.
 * Builds all come first so that no compiler competes with the timed runs for the CPU.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";
import { probePython, type PyInfo } from "../driver/pyinfo.ts";
import { renderAll } from "../diag/render.ts";
import { buildWithSpyc, mapLimit, type BuildOutcome } from "./build.ts";
import { countMismatches, failedCell, geomeans, judgeCell, overallOk } from "./compare.ts";
import { renderMarkdown } from "./markdown.ts";
import type { BenchOptions, Column } from "./options.ts";
import { buildPeer, detectPeers, type PeerStatus } from "./peers.ts";
import { findPrograms, sizeOf, type Program } from "./programs.ts";
import { Progress, type ProgressSink } from "./progress.ts";
import { runHarness, type RawOutcome, type Variant } from "./run.ts";
import { makeTwin, readDeopts, type Twin } from "./twin.ts";
import { validateResult } from "./schema.ts";
import { formatMs, formatRatio } from "./stats.ts";
import { renderSvg } from "./svg.ts";
import { renderTable } from "./table.ts";
import type { BenchResult, Cell, ColumnInfo, DeoptStats, ProgramResult } from "./types.ts";

export interface BenchIO {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: ProgressSink;
}

export interface BenchRun {
  readonly code: number;
  readonly result: BenchResult | null;
  /** the written report files (json, md, svg), when the run got that far */
  readonly files: readonly string[];
}

type Built = Map<Column, BuildOutcome>;
export const BASELINE = "plain CPython: the program with spyc's decorators taken out (benchmarks/harness/plain_twin.py)";
interface Twins { readonly cpython: Twin; readonly pypy: Twin | null }
const BUILT_COLUMNS: readonly Column[] = ["specialized", "generic", "cython", "mypyc"];

export async function runBench(opts: BenchOptions, io: BenchIO): Promise<BenchRun> {
  const fail = (msg: string, code: number): BenchRun => { io.stderr.write(`spyc bench: ${msg}\n`); return { code, result: null, files: [] }; };
  const probe = await probePython(opts.python);
  if (!probe.ok) { io.stderr.write(renderAll([probe.diag], { color: opts.color })); return { code: 1, result: null, files: [] }; }
  const py = probe.py;
  const { programs, errors } = findPrograms(opts.programsDir, opts.programs);
  if (errors.length) return fail(errors.join("\n"), 2);

  const startedAt = new Date();
  const progress = new Progress(io.stderr);
  const peers = await detectPeers(opts.columns, py, opts.peersVenv, opts.pypy);
  for (const [c, s] of peers) progress.note(`peer ${c}: ${s.available ? s.detail : `missing — ${s.detail}`}`);

  mkdirSync(path.join(REPO_ROOT, ".cache/bench"), { recursive: true });
  const work = mkdtempSync(path.join(REPO_ROOT, ".cache/bench/run-"));
  try {
    const builds = new Map<string, Built>();
    const twins = new Map<string, Twins>();
    for (const [i, p] of programs.entries()) {
      const dir = path.join(work, p.name);
      const pypy = peers.get("pypy");
      const t: Twins = {
        cpython: await makeTwin(py.exe, p, path.join(dir, "twin")),
        // dataclass(slots=True) needs Python 3.10
        pypy: pypy?.available && pypy.pyVersion && (pypy.pyVersion[0] * 100 + pypy.pyVersion[1] < 310)
          ? await makeTwin(py.exe, p, path.join(dir, "twin-pypy"), ["--no-slots"]) : null,
      };
      twins.set(p.name, t);
      builds.set(p.name, await buildProgram(p, t.cpython, dir, opts, py, peers, progress.step(`[${i + 1}/${programs.length}] build ${p.name}`)));
    }
    const results: ProgramResult[] = [];
    for (const [i, p] of programs.entries()) {
      const step = progress.step(`[${i + 1}/${programs.length}] run ${p.name} (n=${sizeOf(p, opts.size)})`);
      results.push(await measureProgram(p, path.join(work, p.name), opts, py, peers, builds.get(p.name)!, twins.get(p.name)!, step));
    }
    const result = assemble(opts, py, peers, startedAt, results);
    const problems = validateResult(result);
    if (problems.length) return fail(`internal error: the result does not match its schema:\n  ${problems.join("\n  ")}`, 3);
    const files = writeReports(result, opts.outDir, startedAt);
    io.stdout.write("\n" + renderTable(result, opts.color ?? (io.stdout.isTTY === true && !process.env.NO_COLOR)));
    io.stdout.write(`\nfull report: ${files.map((f) => path.relative(process.cwd(), f) || f).join(", ")}\n`);
    if (!result.ok) io.stdout.write(`\nFAILED: spyc's results differ from CPython's or a spyc build failed (see above)\n`);
    return { code: result.ok ? 0 : 1, result, files };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildProgram(p: Program, twin: Twin, dir: string, opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, step: ReturnType<Progress["step"]>): Promise<Built> {
  // peers compile the plain twin: without one they have nothing to build
  const cols = BUILT_COLUMNS.filter((c) => opts.columns.includes(c) && (peers.get(c)?.available ?? true) && (twin.ok || !peers.has(c)));
  const done: string[] = [];
  const built = await mapLimit(cols, Math.max(1, Math.min(2, os.cpus().length)), async (c) => {
    const b = c === "specialized" || c === "generic" ? await buildWithSpyc(p, c, dir, py, opts.all)
      : await buildPeer(c as "cython" | "mypyc", p, twin.ok ? twin.path : p.file, dir, peers.get(c)!, py);
    done.push(`${c} ${b.ok ? `${b.seconds.toFixed(1)} s` : "FAILED"}`);
    step.update(done.join(", "));
    return [c, b] as const;
  });
  step.done(built.map(([c, b]) => `${c} ${b.ok ? `${b.seconds.toFixed(1)} s` : "BUILD FAILED"}`).join(", ") || "nothing to build");
  return new Map(built);
}

async function measureProgram(p: Program, dir: string, opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, built: Built, twins: Twins, step: ReturnType<Progress["step"]>): Promise<ProgramResult> {
  const n = sizeOf(p, opts.size);
  const twin = twins.cpython;
  const variants: Variant[] = [];
  if (twin.ok) variants.push({ column: "cpython", path: twin.path });
  if (opts.columns.includes("contracts")) variants.push({ column: "contracts", path: p.file });
  for (const c of BUILT_COLUMNS) {
    const b = built.get(c);
    if (opts.columns.includes(c) && b?.ok) variants.push({ column: c, path: b.modulePath! });
  }
  const raw = await runHarness({ exe: py.exe, program: p.name, n, reps: opts.reps, warmup: opts.warmup, variants, workDir: dir, timeoutS: opts.timeoutS },
    (round, of) => step.update(`round ${round}/${of}`));
  if (!twin.ok) raw.set("cpython", { ok: false, reason: `no plain twin: ${twin.reason}` });
  const pypy = peers.get("pypy");
  const pypyTwin = twins.pypy ?? twin;
  if (pypy?.available && pypyTwin.ok) {
    step.update("PyPy");
    // PyPy's JIT needs a few calls before it compiles the hot loops: warm it up longer
    const r = await runHarness({ exe: pypy.exe, program: p.name, n, reps: opts.reps, warmup: Math.max(3, opts.warmup), variants: [{ column: "pypy", path: pypyTwin.path }], workDir: dir, timeoutS: opts.timeoutS },
      (round, of) => step.update(`PyPy round ${round}/${of}`));
    raw.set("pypy", r.get("pypy")!);
  } else if (pypy?.available) raw.set("pypy", { ok: false, reason: `no plain twin: ${pypyTwin.ok ? "" : pypyTwin.reason}` });
  const base: RawOutcome | null = raw.get("cpython") ?? null;
  const cells: Partial<Record<Column, Cell>> = {};
  for (const c of opts.columns) {
    const peer = peers.get(c);
    const b = built.get(c);
    if (peer && !peer.available) cells[c] = failedCell("missing", peer.detail);
    else if (b && !b.ok) cells[c] = failedCell("build failed", b.reason ?? "unknown", b.seconds);
    else if (peer && !twin.ok && c !== "pypy") cells[c] = failedCell("build failed", `no plain twin: ${twin.reason}`);
    else cells[c] = judgeCell(base, raw.get(c) ?? { ok: false, reason: "not run" }, b?.seconds ?? null);
  }
  // what SPYC_STATS counts in one more call of the specialized build (never during the timed rounds)
  let deopts: DeoptStats | null = null;
  const spec = built.get("specialized");
  if (spec?.ok && cells.specialized?.status === "ok") {
    step.update("SPYC_STATS run");
    const statsPath = path.join(dir, "spyc-stats.json");
    const r = await runHarness({ exe: py.exe, program: p.name, n, reps: 1, warmup: 0, variants: [{ column: "specialized", path: spec.modulePath! }], workDir: path.join(dir, "stats"), timeoutS: opts.timeoutS, env: { SPYC_STATS: statsPath } },
      () => {});
    if (r.get("specialized")?.ok) deopts = readDeopts(statsPath);
  }
  const deoptHeavy = isDeoptHeavy(cells, deopts);
  step.done(summaryLine(cells) + (deopts ? `, ${deopts.total} deopt(s) per call` : "") + (deoptHeavy ? " (mostly generic code after deopts)" : ""));
  const summary = spec?.summary ?? [];
  return {
    name: p.name, n, cells, buildSummary: summary,
    checked: { total: twin.ok ? twin.checked.length : 0, specialized: summary.filter((l) => /^compiled\s+\S+ \[checked\], specialized\b/.test(l)).length },
    deopts, deoptHeavy,
  };
}

/**
 * "Most time after deopts": the specialized build deopted during the call and ran barely faster
 * than the generic build (under 1.5x of it), so its specialized code is not what runs.
 */
export function isDeoptHeavy(cells: Partial<Record<Column, Cell>>, deopts: DeoptStats | null): boolean {
  const s = cells.specialized, g = cells.generic;
  if (!deopts || deopts.total === 0 || s?.status !== "ok" || g?.status !== "ok" || s.medianS === null || g.medianS === null) return false;
  return s.medianS * 1.5 > g.medianS;
}

function summaryLine(cells: Partial<Record<Column, Cell>>): string {
  const base = cells.cpython;
  if (!base || base.status !== "ok") return `plain CPython ${base?.status ?? "not run"}`;
  const parts = [`plain CPython ${formatMs(base.medianS!)} ms`];
  for (const [c, cell] of Object.entries(cells) as [Column, Cell][]) {
    if (c === "cpython" || cell.status === "missing") continue;
    parts.push(`${c} ${cell.status === "ok" ? formatRatio(cell.speedup!) : cell.status === "mismatch" ? "WRONG CHECKSUM" : cell.status}`);
  }
  return parts.join(", ");
}

function assemble(opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, startedAt: Date, programs: ProgramResult[]): BenchResult {
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
  const columns: ColumnInfo[] = opts.columns.map((c) => {
    const peer = peers.get(c);
    if (peer) return { name: c, available: peer.available, detail: `${peer.detail}${peer.available ? " (on the plain twin)" : ""}` };
    const cpy = `CPython ${py.version.join(".")}`;
    const detail = c === "cpython" ? `${cpy} on the plain twin (spyc's decorators taken out)`
      : c === "contracts" ? `${cpy} on the source as written, contracts enforced by the spyc package`
        : `spyc ${version}${c === "generic" ? " --no-specialize" : ""}${opts.all ? " --all" : ""}`;
    return { name: c, available: true, detail };
  });
  const cpus = os.cpus();
  return {
    schemaVersion: 2, spycVersion: version,
    baseline: { column: "cpython", description: BASELINE }, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
    machine: { platform: process.platform, arch: process.arch, cpus: Math.max(1, cpus.length), cpuModel: cpus[0]?.model.trim() ?? "unknown", node: process.version },
    python: { exe: py.exe, version: py.version.join(".") },
    settings: { size: opts.size, reps: opts.reps, warmup: opts.warmup, optLevel: 2 },
    columns, programs, geomean: geomeans(programs, opts.columns), mismatches: countMismatches(programs), ok: overallOk(programs),
  };
}

/** results/<timestamp>.{json,md,svg}; a second run within the same second gets a -2 suffix. */
function writeReports(r: BenchResult, outDir: string, startedAt: Date): string[] {
  mkdirSync(outDir, { recursive: true });
  let stem = startedAt.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  for (let k = 2; existsSync(path.join(outDir, `${stem}.json`)); k++) stem = `${stem.replace(/-\d+$/, "")}-${k}`;
  const base = path.resolve(outDir, stem);
  writeFileSync(`${base}.json`, JSON.stringify(r, null, 2) + "\n");
  writeFileSync(`${base}.svg`, renderSvg(r));
  writeFileSync(`${base}.md`, renderMarkdown(r, `${stem}.svg`));
  return [`${base}.json`, `${base}.md`, `${base}.svg`];
}

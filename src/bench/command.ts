/**
 * `spyc bench`: build every program (spyc specialized and generic, peers), then time each one
 * in turn, compare checksums, print the table and write results/<timestamp>.{json,md,svg}.
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
import { validateResult } from "./schema.ts";
import { formatMs, formatRatio } from "./stats.ts";
import { renderSvg } from "./svg.ts";
import { renderTable } from "./table.ts";
import type { BenchResult, Cell, ColumnInfo, ProgramResult } from "./types.ts";

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
    for (const [i, p] of programs.entries()) {
      builds.set(p.name, await buildProgram(p, path.join(work, p.name), opts, py, peers, progress.step(`[${i + 1}/${programs.length}] build ${p.name}`)));
    }
    const results: ProgramResult[] = [];
    for (const [i, p] of programs.entries()) {
      const step = progress.step(`[${i + 1}/${programs.length}] run ${p.name} (n=${sizeOf(p, opts.size)})`);
      results.push(await measureProgram(p, path.join(work, p.name), opts, py, peers, builds.get(p.name)!, step));
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

async function buildProgram(p: Program, dir: string, opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, step: ReturnType<Progress["step"]>): Promise<Built> {
  const cols = BUILT_COLUMNS.filter((c) => opts.columns.includes(c) && (peers.get(c)?.available ?? true));
  const done: string[] = [];
  const built = await mapLimit(cols, Math.max(1, Math.min(2, os.cpus().length)), async (c) => {
    const b = c === "specialized" || c === "generic" ? await buildWithSpyc(p, c, dir, py)
      : await buildPeer(c as "cython" | "mypyc", p, dir, peers.get(c)!, py);
    done.push(`${c} ${b.ok ? `${b.seconds.toFixed(1)} s` : "FAILED"}`);
    step.update(done.join(", "));
    return [c, b] as const;
  });
  step.done(built.map(([c, b]) => `${c} ${b.ok ? `${b.seconds.toFixed(1)} s` : "BUILD FAILED"}`).join(", ") || "nothing to build");
  return new Map(built);
}

async function measureProgram(p: Program, dir: string, opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, built: Built, step: ReturnType<Progress["step"]>): Promise<ProgramResult> {
  const n = sizeOf(p, opts.size);
  const variants: Variant[] = [{ column: "cpython", path: p.file }];
  for (const c of BUILT_COLUMNS) {
    const b = built.get(c);
    if (opts.columns.includes(c) && b?.ok) variants.push({ column: c, path: b.modulePath!, peer: c === "cython" || c === "mypyc" });
  }
  const raw = await runHarness({ exe: py.exe, program: p.name, n, reps: opts.reps, warmup: opts.warmup, variants, workDir: dir },
    (round, of) => step.update(`round ${round}/${of}`));
  const pypy = peers.get("pypy");
  if (pypy?.available) {
    step.update("PyPy");
    // PyPy's JIT needs a few calls before it compiles the hot loops: warm it up longer
    const r = await runHarness({ exe: pypy.exe, program: p.name, n, reps: opts.reps, warmup: Math.max(3, opts.warmup), variants: [{ column: "pypy", path: p.file, peer: true }], workDir: dir },
      (round, of) => step.update(`PyPy round ${round}/${of}`));
    raw.set("pypy", r.get("pypy")!);
  }
  const base: RawOutcome | null = raw.get("cpython") ?? null;
  const cells: Partial<Record<Column, Cell>> = {};
  for (const c of opts.columns) {
    const peer = peers.get(c);
    const b = built.get(c);
    if (peer && !peer.available) cells[c] = failedCell("missing", peer.detail);
    else if (b && !b.ok) cells[c] = failedCell("build failed", b.reason ?? "unknown", b.seconds);
    else cells[c] = judgeCell(base, raw.get(c) ?? { ok: false, reason: "not run" }, b?.seconds ?? null);
  }
  step.done(summaryLine(cells));
  return { name: p.name, n, cells, buildSummary: built.get("specialized")?.summary ?? [] };
}

function summaryLine(cells: Partial<Record<Column, Cell>>): string {
  const base = cells.cpython;
  if (!base || base.status !== "ok") return `CPython ${base?.status ?? "not run"}`;
  const parts = [`CPython ${formatMs(base.medianS!)} ms`];
  for (const [c, cell] of Object.entries(cells) as [Column, Cell][]) {
    if (c === "cpython") continue;
    parts.push(`${c} ${cell.status === "ok" ? formatRatio(cell.speedup!) : cell.status === "mismatch" ? "WRONG CHECKSUM" : cell.status}`);
  }
  return parts.join(", ");
}

function assemble(opts: BenchOptions, py: PyInfo, peers: Map<Column, PeerStatus>, startedAt: Date, programs: ProgramResult[]): BenchResult {
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
  const columns: ColumnInfo[] = opts.columns.map((c) => {
    const peer = peers.get(c);
    if (peer) return { name: c, available: peer.available, detail: peer.detail };
    return { name: c, available: true, detail: c === "cpython" ? `CPython ${py.version.join(".")}` : `spyc ${version}${c === "generic" ? " --no-specialize" : ""}` };
  });
  const cpus = os.cpus();
  return {
    schemaVersion: 1, spycVersion: version, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
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

/**
 * Times one program: writes the harness config, runs benchmarks/harness/timeit_runner.py in one
 * interpreter process for all the variants that load into CPython (so rounds interleave), and
 * turns its JSON lines into raw per-column measurements. PyPy runs the same harness in its own
 * process, with more warm-up rounds for its JIT.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";
import type { Column } from "./options.ts";
import { failureReason, runProc } from "./proc.ts";

export const HARNESS = path.join(REPO_ROOT, "benchmarks/harness/timeit_runner.py");
const PYDECORATORS = path.join(REPO_ROOT, "pydecorators");

export interface Variant {
  readonly column: Column;
  /** a .py (the plain twin: cpython, pypy; the source: contracts) or a built extension module */
  readonly path: string;
}

export interface RawResult {
  readonly timesS: readonly number[];
  readonly checksum: string;
  readonly checksumType: string;
  /** every call returned the same value */
  readonly stable: boolean;
}

/** Per column: the measurement, or why there is none (timedOut: killed by --timeout while running). */
export type RawOutcome = { readonly ok: true; readonly raw: RawResult } | { readonly ok: false; readonly reason: string; readonly timedOut?: boolean };

export interface HarnessRun {
  readonly exe: string;
  readonly program: string;
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
  readonly variants: readonly Variant[];
  /** where the config file goes */
  readonly workDir: string;
  /** seconds the whole process may take (--timeout) */
  readonly timeoutS: number;
  /** extra environment (SPYC_STATS for the stats run) */
  readonly env?: Readonly<Record<string, string>>;
}

interface HarnessEvent {
  event: "loaded" | "error" | "start" | "round" | "result";
  column?: Column;
  stage?: string;
  message?: string;
  round?: number;
  of?: number;
  times?: number[];
  checksum?: string;
  checksum_type?: string;
  stable?: boolean;
}

/**
 * Runs the harness. When the process times out, the column whose call was running is reported
 * "timed out" and the harness runs again without it (the others' measurements are lost with the
 * killed process), until every column has an outcome.
 */
export async function runHarness(h: HarnessRun, onRound: (round: number, of: number) => void): Promise<Map<Column, RawOutcome>> {
  const out = new Map<Column, RawOutcome>();
  let variants = h.variants;
  while (variants.length > 0) {
    const r = await runOnce({ ...h, variants }, onRound);
    for (const [c, o] of r.out) out.set(c, o);
    if (!r.timedOutIn) break;
    variants = variants.filter((v) => !out.has(v.column));
  }
  return out;
}

async function runOnce(h: HarnessRun, onRound: (round: number, of: number) => void): Promise<{ out: Map<Column, RawOutcome>; timedOutIn: Column | null }> {
  mkdirSync(h.workDir, { recursive: true });
  const configPath = path.join(h.workDir, `harness-${h.variants.map((v) => v.column).join("-")}.json`);
  writeFileSync(configPath, JSON.stringify({
    program: h.program, n: h.n, reps: h.reps, warmup: h.warmup, sys_path: [PYDECORATORS], variants: h.variants,
  }, null, 1));

  const out = new Map<Column, RawOutcome>();
  let running: Column | null = null;
  const onLine = (line: string): void => {
    let ev: HarnessEvent;
    try { ev = JSON.parse(line) as HarnessEvent; } catch { return; } // a program's own print()
    if (ev.event === "start") running = ev.column!;
    else if (ev.event === "round") onRound(ev.round!, ev.of!);
    else if (ev.event === "error") out.set(ev.column!, { ok: false, reason: `${ev.stage} failed: ${ev.message}` });
    else if (ev.event === "result") {
      running = null;
      out.set(ev.column!, { ok: true, raw: { timesS: ev.times!, checksum: ev.checksum!, checksumType: ev.checksum_type!, stable: ev.stable! } });
    }
  };
  // stdout of the programs themselves would interleave with the events: they only print events
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: "1", ...h.env };
  const r = await runProc(h.exe, [HARNESS, configPath], { env, timeoutMs: h.timeoutS * 1000, onLine });
  const timedOut = r.error !== null && r.error.startsWith("timed out");
  const culprit: Column | null = timedOut && running !== null && !out.has(running) ? running : null;
  if (culprit) {
    // the others are run again without it
    out.set(culprit, { ok: false, reason: `timed out: still running after ${h.timeoutS} s (--timeout)`, timedOut: true });
    return { out, timedOutIn: culprit };
  }
  // a crash (segfault, or a timeout outside any call) loses the columns that had not reported yet
  for (const v of h.variants) {
    if (!out.has(v.column)) out.set(v.column, { ok: false, reason: `the harness process failed: ${failureReason(r)}`, timedOut });
  }
  return { out, timedOutIn: culprit };
}

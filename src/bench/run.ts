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
  /** the source .py (cpython, pypy) or a built extension module */
  readonly path: string;
  /** a peer: spyc's @checked lets through the functions it cannot wrap (see the harness) */
  readonly peer?: boolean;
}

export interface RawResult {
  readonly timesS: readonly number[];
  readonly checksum: string;
  readonly checksumType: string;
  /** every call returned the same value */
  readonly stable: boolean;
}

/** Per column: the measurement, or why there is none. */
export type RawOutcome = { readonly ok: true; readonly raw: RawResult } | { readonly ok: false; readonly reason: string };

export interface HarnessRun {
  readonly exe: string;
  readonly program: string;
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
  readonly variants: readonly Variant[];
  /** where the config file goes */
  readonly workDir: string;
}

interface HarnessEvent {
  event: "loaded" | "error" | "round" | "result";
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

/** Generous: a full-size program takes seconds per call, and a hung one must not stall the run. */
const RUN_TIMEOUT_MS = 900_000;

export async function runHarness(h: HarnessRun, onRound: (round: number, of: number) => void): Promise<Map<Column, RawOutcome>> {
  mkdirSync(h.workDir, { recursive: true });
  const configPath = path.join(h.workDir, `harness-${h.variants.map((v) => v.column).join("-")}.json`);
  writeFileSync(configPath, JSON.stringify({
    program: h.program, n: h.n, reps: h.reps, warmup: h.warmup, sys_path: [PYDECORATORS], variants: h.variants,
  }, null, 1));

  const out = new Map<Column, RawOutcome>();
  const onLine = (line: string): void => {
    let ev: HarnessEvent;
    try { ev = JSON.parse(line) as HarnessEvent; } catch { return; } // a program's own print()
    if (ev.event === "round") onRound(ev.round!, ev.of!);
    else if (ev.event === "error") out.set(ev.column!, { ok: false, reason: `${ev.stage} failed: ${ev.message}` });
    else if (ev.event === "result") {
      out.set(ev.column!, { ok: true, raw: { timesS: ev.times!, checksum: ev.checksum!, checksumType: ev.checksum_type!, stable: ev.stable! } });
    }
  };
  // stdout of the programs themselves would interleave with the events: they only print events
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };
  const r = await runProc(h.exe, [HARNESS, configPath], { env, timeoutMs: RUN_TIMEOUT_MS, onLine });
  // a crash (segfault, timeout) loses the columns that had not reported yet
  for (const v of h.variants) {
    if (!out.has(v.column)) out.set(v.column, { ok: false, reason: `the harness process failed: ${failureReason(r)}` });
  }
  return out;
}

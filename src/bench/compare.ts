/**
 * Turns raw measurements into cells: checksums compared with CPython's (the proof that a
 * speedup is a speedup of the same computation), speedups, and the overall verdict.
 * Pure functions, so tests can feed them fabricated results.
 */
import type { Column } from "./options.ts";
import { SPYC_COLUMNS } from "./options.ts";
import type { RawOutcome } from "./run.ts";
import { geomean, median } from "./stats.ts";
import type { BenchResult, Cell, ProgramResult } from "./types.ts";

export function failedCell(status: "missing" | "build failed" | "run failed" | "timed out", reason: string, buildS: number | null = null): Cell {
  return { status, reason, timesS: [], medianS: null, speedup: null, checksum: null, checksumType: null, buildS };
}

/** A column's cell given CPython's measurement; `base` is null when CPython itself failed. */
export function judgeCell(base: RawOutcome | null, own: RawOutcome, buildS: number | null): Cell {
  if (!own.ok) return failedCell(own.timedOut ? "timed out" : "run failed", own.reason, buildS);
  const r = own.raw;
  const medianS = median(r.timesS);
  const cell = { timesS: r.timesS, medianS, checksum: r.checksum, checksumType: r.checksumType, buildS };
  if (!base || !base.ok) return { ...cell, status: "run failed", reason: "no plain CPython result to compare with", speedup: null };
  const b = base.raw;
  const baseMedian = median(b.timesS);
  const speedup = baseMedian !== null && medianS !== null && medianS > 0 ? baseMedian / medianS : null;
  let reason: string | null = null;
  if (!r.stable) reason = "the result differs between repetitions";
  else if (r.checksumType !== b.checksumType || r.checksum !== b.checksum) {
    reason = `got ${r.checksum} (${r.checksumType}), plain CPython gave ${b.checksum} (${b.checksumType})`;
  }
  return { ...cell, status: reason === null ? "ok" : "mismatch", reason, speedup };
}

/** Geometric mean per column over the programs where that column is ok. */
export function geomeans(programs: readonly ProgramResult[], columns: readonly Column[]): BenchResult["geomean"] {
  const out: Partial<Record<Column, { speedup: number; programs: number } | null>> = {};
  for (const c of columns) {
    const xs = programs.map((p) => p.cells[c]).filter((x): x is Cell => x?.status === "ok" && x.speedup !== null).map((x) => x.speedup!);
    const g = geomean(xs);
    out[c] = g === null ? null : { speedup: g, programs: xs.length };
  }
  return out;
}

/** spyc cells whose checksum differs from CPython's. */
export function countMismatches(programs: readonly ProgramResult[]): number {
  return programs.reduce((n, p) => n + SPYC_COLUMNS.filter((c) => p.cells[c]?.status === "mismatch").length, 0);
}

/**
 * The command fails when spyc is wrong or broken: a spyc checksum mismatch, a spyc build or run
 * failure, or a program that does not even run under CPython. Peers never fail it; their
 * wrong answers (64-bit wraparound, say) are findings, shown as WRONG.
 */
export function overallOk(programs: readonly ProgramResult[]): boolean {
  return programs.every((p) =>
    p.cells.cpython?.status === "ok" &&
    SPYC_COLUMNS.every((c) => p.cells[c] === undefined || p.cells[c]!.status === "ok"));
}

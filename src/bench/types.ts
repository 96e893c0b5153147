/**
 * The shape of a benchmark result: what run.ts measures, what results/<timestamp>.json holds
 * (benchmarks/schema/bench-result.schema.json is the same shape as a JSON Schema; keep both in
 * step, schema.test in tests/unit/bench.test.ts checks real output against it).
 */
import type { Column, Size } from "./options.ts";

/**
 * ok: ran, checksum equal to plain CPython's. mismatch: ran, checksum differs (or differs between
 * repetitions). missing: a peer not installed on this machine. build failed / run failed / timed
 * out (--timeout): with the reason. The cpython column is "ok", "run failed" or "timed out".
 */
export type CellStatus = "ok" | "mismatch" | "missing" | "build failed" | "run failed" | "timed out";

export interface Cell {
  readonly status: CellStatus;
  /** why, for every status but ok (mismatch: both checksums) */
  readonly reason: string | null;
  /** timed repetitions, seconds, in run order */
  readonly timesS: readonly number[];
  readonly medianS: number | null;
  /** plain CPython's median (the baseline) / this median; null when not measured */
  readonly speedup: number | null;
  /** repr() of the first result, and its type name */
  readonly checksum: string | null;
  readonly checksumType: string | null;
  /** wall time of this column's build (spyc, Cython, mypyc), null when nothing was built */
  readonly buildS: number | null;
}

export interface ProgramResult {
  readonly name: string;
  readonly n: number;
  readonly cells: Readonly<Partial<Record<Column, Cell>>>;
  /** spyc's build summary of the specialized build: one line per function */
  readonly buildSummary: readonly string[];
  /** @checked functions of the program, and how many of them the specialized build specialized */
  readonly checked: { readonly total: number; readonly specialized: number };
  /** SPYC_STATS of one bench(n) call of the specialized build; null when not measured */
  readonly deopts: DeoptStats | null;
  /** most of the specialized build's time is likely spent in generic code after deopts */
  readonly deoptHeavy: boolean;
}

/** What SPYC_STATS counted in one call of bench(n) (specializer/src/stats.c). */
export interface DeoptStats {
  /** entries into generic code (every guard failure) */
  readonly total: number;
  /** the guard sites that failed, most failures first (at most 5) */
  readonly sites: readonly { readonly line: number; readonly col: number; readonly guard: string; readonly function: string; readonly failures: number }[];
  /** per function with deopts: entries into generic code */
  readonly functions: readonly { readonly function: string; readonly deopts: number }[];
}

export interface ColumnInfo {
  readonly name: Column;
  /** "missing" when a peer is not installed (every cell of the column is then missing) */
  readonly available: boolean;
  /** version or path of the tool, or why it is missing */
  readonly detail: string;
}

export interface BenchResult {
  readonly schemaVersion: 2;
  /** what every speedup is against: plain CPython on the plain twin */
  readonly baseline: { readonly column: "cpython"; readonly description: string };
  readonly spycVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: { readonly platform: string; readonly arch: string; readonly cpus: number; readonly cpuModel: string; readonly node: string };
  readonly python: { readonly exe: string; readonly version: string };
  readonly settings: { readonly size: Size; readonly reps: number; readonly warmup: number; readonly optLevel: 2 };
  readonly columns: readonly ColumnInfo[];
  readonly programs: readonly ProgramResult[];
  /** geometric mean of the speedups of the programs where the column is "ok", with their count */
  readonly geomean: Readonly<Partial<Record<Column, { readonly speedup: number; readonly programs: number } | null>>>;
  /** number of spyc cells (generic, specialized) whose checksum differs from CPython's */
  readonly mismatches: number;
  /** false when a spyc column mismatched, failed to build or failed to run */
  readonly ok: boolean;
}

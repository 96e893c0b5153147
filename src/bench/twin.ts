/**
 * The plain twin of a program (benchmarks/harness/plain_twin.py): the baseline every speedup is
 * measured against, and what the peers compile. Also reads the SPYC_STATS JSON of the stats run.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";
import { failureReason, runProc } from "./proc.ts";
import type { Program } from "./programs.ts";
import type { DeoptStats } from "./types.ts";

export const TWIN_SCRIPT = path.join(REPO_ROOT, "benchmarks/harness/plain_twin.py");

export type Twin =
  /** path: <dir>/<name>.py; checked: qualnames of the functions that were @checked */
  | { readonly ok: true; readonly path: string; readonly checked: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export async function makeTwin(python: string, p: Program, dir: string, extra: readonly string[] = []): Promise<Twin> {
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${p.name}.py`);
  const checkedJson = path.join(dir, "checked.json");
  const r = await runProc(python, [TWIN_SCRIPT, p.file, out, "--checked-json", checkedJson, ...extra], { timeoutMs: 120_000 });
  if (r.code !== 0 || !existsSync(out)) return { ok: false, reason: failureReason(r) };
  return { ok: true, path: out, checked: JSON.parse(readFileSync(checkedJson, "utf8")) as string[] };
}

interface StatsJson {
  sites: { line: number; col: number; guard: string; function: string; failures: number }[];
  functions: { function: string; deopts: number }[];
}

/** The SPYC_STATS JSON (specializer/src/stats.c) as DeoptStats; null when it was not written. */
export function readDeopts(file: string): DeoptStats | null {
  if (!existsSync(file)) return null;
  let j: StatsJson;
  try { j = JSON.parse(readFileSync(file, "utf8")) as StatsJson; } catch { return null; }
  const failing = j.sites.filter((s) => s.failures > 0).sort((a, b) => b.failures - a.failures);
  return {
    total: failing.reduce((a, s) => a + s.failures, 0),
    sites: failing.slice(0, 5).map((s) => ({ line: s.line, col: s.col, guard: s.guard, function: s.function, failures: s.failures })),
    functions: j.functions.filter((f) => f.deopts > 0).map((f) => ({ function: f.function, deopts: f.deopts })),
  };
}

/**
 * Builds a benchmark program with spyc, specialized and generic, through the real command line
 * (`node bin/spyc.mjs build`): the benchmark measures exactly what users get, and a compiler
 * crash in one program is that program's "build failed", not the end of the run.
 */
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";
import type { PyInfo } from "../driver/pyinfo.ts";
import type { Program } from "./programs.ts";
import { failureReason, runProc } from "./proc.ts";

export interface BuildOutcome {
  readonly ok: boolean;
  /** the built module, when ok */
  readonly modulePath: string | null;
  readonly seconds: number;
  readonly reason: string | null;
  /** spyc's per-function summary lines ("compiled f [checked], specialized", …) */
  readonly summary: readonly string[];
}

const SPYC = path.join(REPO_ROOT, "bin/spyc.mjs");
const BUILD_TIMEOUT_MS = 300_000;

export async function buildWithSpyc(p: Program, variant: "specialized" | "generic", workDir: string, py: PyInfo, all = true): Promise<BuildOutcome> {
  const outDir = path.join(workDir, variant);
  const args = [SPYC, "build", p.file, "-o", outDir, "--python", py.exe, "-O2", "--no-color"];
  if (variant === "generic") args.push("--no-specialize");
  if (!all) args.push("--checked-only");
  const r = await runProc(process.execPath, args, { timeoutMs: BUILD_TIMEOUT_MS });
  if (r.code !== 0) return { ok: false, modulePath: null, seconds: r.seconds, reason: failureReason(r, 40), summary: [] };
  const summary = r.stdout.split("\n").filter((l) => /^\s+(compiled|interpreted)\s/.test(l)).map((l) => l.trim());
  return { ok: true, modulePath: path.join(outDir, `${p.name}${py.extSuffix}`), seconds: r.seconds, reason: null, summary };
}

/** Runs `fn` over `items` with at most `limit` at a time (builds are CPU-bound: one per core). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

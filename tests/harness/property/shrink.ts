// Batched shrinking of one failing (function, input) pair with fast-check's own shrinkers.
//
// fc.assert would re-run the property once per shrink candidate, i.e. one gcc build per
// candidate (seconds each). Instead we take the next CHUNK candidates from fast-check's shrink
// streams (of the choice array, then of the arguments), build them all as one module, run them
// in one process per side, and move to the first candidate that still mismatches. Repeats until
// no candidate fails or the time budget is spent.

import { join } from "node:path";
import type { PythonInfo } from "../diff.ts";
import { genFunc } from "./genfunc.ts";
import type { RawArg } from "./inputs.ts";
import type { Func } from "./pyast.ts";
import { OUT, argsArb, buildBatch, choiceArb, compare, runSide, writeBatch, type Mismatch } from "./run.ts";

export interface RawPair { fn: number[]; args: RawArg[] }

const CHUNK = 32;

function* candidates(cur: RawPair): Generator<RawPair> {
  for (const v of choiceArb.shrink(cur.fn, undefined)) yield { fn: v.value, args: cur.args };
  for (const v of argsArb.shrink(cur.args, undefined)) yield { fn: cur.fn, args: v.value };
}

/** the first of `cands` (in order) whose compiled outcome differs, or null */
async function firstFailing(cands: RawPair[], callees: readonly Func[], py: PythonInfo, forceDeopt: boolean): Promise<Mismatch | null> {
  const dir = join(OUT, `shrink-${py.version}${forceDeopt ? "-deopt" : ""}`); // variants shrink concurrently
  // the callees come along unchanged (candidates may call them), without cases of their own
  const funcs = [...callees, ...cands.map((c, i) => genFunc(c.fn, `s${i}`, callees))];
  const n = callees.length;
  const batch = writeBatch(join(dir, "src"), "shrunk", funcs, (i) => (i < n ? [] : [cands[i - n]!.args]), funcs.length);
  const build = await buildBatch(py, batch, join(dir, "build"), forceDeopt);
  if (build.code !== 0) return null; // a build failure cannot be pinned to one candidate
  const [interp, comp] = await Promise.all([runSide(py, batch), runSide(py, batch, join(dir, "build"))]);
  if (interp.error) return null;
  return compare(batch, interp, comp)[0] ?? null;
}

export interface ShrinkResult { pair: RawPair; mismatch: Mismatch; steps: number; rounds: number }

export async function shrinkFailure(
  start: RawPair, callees: readonly Func[], py: PythonInfo, forceDeopt: boolean, budgetMs: number,
): Promise<ShrinkResult | null> {
  const deadline = Date.now() + budgetMs;
  // re-check the starting point alone: the candidate loop needs a reproducing baseline
  const base = await firstFailing([start], callees, py, forceDeopt);
  if (!base) return null;
  let best: ShrinkResult = { pair: start, mismatch: base, steps: 0, rounds: 1 };
  for (let improved = true; improved && Date.now() < deadline;) {
    improved = false;
    const stream = candidates(best.pair);
    while (Date.now() < deadline) {
      const chunk: RawPair[] = [];
      while (chunk.length < CHUNK) {
        const n = stream.next();
        if (n.done) break;
        chunk.push(n.value);
      }
      if (!chunk.length) break;
      best.rounds++;
      const hit = await firstFailing(chunk, callees, py, forceDeopt);
      if (hit) {
        const idx = Number(hit.call.func.name.slice(1));
        best = { pair: chunk[idx]!, mismatch: hit, steps: best.steps + 1, rounds: best.rounds };
        improved = true;
        break;
      }
      if (chunk.length < CHUNK) break;
    }
  }
  return best;
}

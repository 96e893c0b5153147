/**
 * Which functions go into which compilation unit (cgen/emitModule.ts, "Units").
 *
 * Functions whose C text names each other's entries (direct calls, the hot/generic halves of one
 * function) form one group: gcc can only inline a direct call within a unit, and the specialized
 * speed of a call chain depends on it. Groups are then packed into at most `maxUnits` units of
 * similar size, largest first. A unit costs a parse of the runtime headers (about the time of
 * `MIN_UNIT_LINES` lines of generated code), so a small module stays one unit.
 *
 * Tiers. The generic half of a split specialized function (emitFunc.ts) runs only after a deopt,
 * yet it is about half of a module's C (more since it also holds the deopt blocks, split.ts):
 * every statement boxed, with its error and frame bookkeeping. When the module is split, those halves (with their boxed entries, which call
 * nothing else) get units of their own ("cold" units), which the driver compiles at -Og
 * (driver/build.ts). On sample100 the cold unit took 0.72 s at -O1 instead of 1.13 s at -O2, and
 * a cold build 1.43 s instead of 1.64 s (2.36 s CPU instead of 2.99 s); programs built with
 * --force-deopt, where every call runs generic code, ran 0-5 % slower (fib, risk, stats,
 * backtest). -Og instead of -O1 then took another 23 % off the cold unit (cc1 instructions, 3.63 G
 * -> 2.79 G; mostly less inlining of header helpers and no dominator/FRE/alias passes) with no
 * measurable cost: sample100 built with --force-deopt ran within 1 % of -O1 (interleaved rounds
 * in one process) -- the generic code's time is in the CPython API and runtime calls it makes. Everything that runs without a deopt -- hot halves, kernels, and @checked functions that
 * are generic throughout -- stays at -O2. A plain function left generic goes with the cold
 * sections (emitModule.ts): a `main()` or an `__init__` gains little from -O2.
 */

import * as os from "node:os";

export interface UnitPlan {
  /** function indices per unit; unit 0 also holds the module's data and init */
  readonly groups: readonly (readonly number[])[];
  /** the cold units after them: indices of the functions whose generic halves each holds (none:
   * every generic half stays in its function's unit) */
  readonly coldGroups: readonly (readonly number[])[];
}

/**
 * gcc's work per line of a cold unit (generic halves at -Og) relative to a line of the other units
 * (-O2): cc1 instructions on sample100, 2.16 G for its 1,660 cold lines against 2.07 G for 1,300
 * hot ones (a unit's fixed cost, the precompiled header, is 0.04 G). Generic code is mostly calls
 * with error exits, which -Og compiles almost as slowly as -O2 does.
 */
export const COLD_WEIGHT = 0.8;

/** below this many generated lines per unit, another gcc process costs more than it saves */
export const MIN_UNIT_LINES = 900;
const ENTRY = /\bpyc_[fhi]_(\d+)_/g;

export function planUnits(funcs: readonly number[], bodies: ReadonlyMap<number, string>, colds: ReadonlyMap<number, string> = new Map(),
  maxUnits = defaultMaxUnits()): UnitPlan {
  const parent = new Map<number, number>(funcs.map((i) => [i, i]));
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  for (const i of funcs) {
    for (const m of bodies.get(i)!.matchAll(ENTRY)) {
      const j = Number(m[1]);
      if (parent.has(j)) parent.set(find(i), find(j));
    }
  }
  // counted once: pack() sorts by size, and splitting the C text in each comparison cost ~9 ms
  const lineCount = (t: string | undefined): number => {
    let n = t === undefined ? 0 : 1;
    for (let k = t?.indexOf("\n") ?? -1; k >= 0; k = t!.indexOf("\n", k + 1)) n++;
    return n;
  };
  const hotN = new Map(funcs.map((i) => [i, lineCount(bodies.get(i))]));
  const coldN = new Map([...colds].map(([i, t]) => [i, COLD_WEIGHT * lineCount(t)]));
  const lines = (i: number): number => hotN.get(i)!;
  const coldLines = (i: number): number => coldN.get(i) ?? 0;
  const comps = new Map<number, number[]>();
  for (const i of funcs) {
    const r = find(i);
    comps.set(r, [...(comps.get(r) ?? []), i]);
  }
  const hotTotal = funcs.reduce((s, i) => s + lines(i), 0);
  const coldTotal = funcs.reduce((s, i) => s + coldLines(i), 0);
  const n = Math.max(1, Math.min(maxUnits, comps.size + colds.size, Math.floor((hotTotal + coldTotal) / MIN_UNIT_LINES)));
  // one unit: the generic halves stay beside their hot halves (emitModule.ts)
  if (n === 1) return { groups: [funcs.slice()], coldGroups: [] };
  // cold units in proportion to their share of the (weighted) work, at least one each way
  const nCold = colds.size === 0 ? 0 : Math.min(n - 1, Math.max(1, Math.round((n * coldTotal) / (hotTotal + coldTotal))));
  const hot = pack([...comps.values()], n - nCold, (g) => g.reduce((s, i) => s + lines(i), 0));
  const cold = pack([...colds.keys()].map((i) => [i]), nCold, (g) => coldLines(g[0]!));
  return { groups: hot, coldGroups: cold };
}

/** Groups packed into `n` bins of similar size, largest first; functions keep source order in a bin. */
function pack(groups: readonly number[][], n: number, size: (g: readonly number[]) => number): number[][] {
  const bins: { fs: number[]; size: number }[] = Array.from({ length: n }, () => ({ fs: [], size: 0 }));
  for (const g of [...groups].sort((a, b) => size(b) - size(a) || a[0]! - b[0]!)) {
    const bin = bins.reduce((best, b) => (b.size < best.size ? b : best));
    bin.fs.push(...g);
    bin.size += size(g);
  }
  // functions keep their source order inside a unit (readable --dump=c)
  return bins.map((b) => b.fs.sort((a, c) => a - c));
}

/**
 * SPYC_UNITS=N caps the units (1: never split); default 4, but never more than the compilers the
 * driver runs at once (driver/build.ts `splitUnits`: max(2, $SPYC_JOBS or the CPUs)). The driver
 * maps unit k to compiler k % jobs, so planning 3 units for 2 compilers put two thirds of the C
 * on one gcc: sample100 compiled as 1.24 s + 0.83 s CPU instead of two halves (~1.0 s each).
 */
function defaultMaxUnits(): number {
  const n = Number(process.env["SPYC_UNITS"]);
  if (Number.isInteger(n) && n > 0) return n;
  const j = Number(process.env["SPYC_JOBS"]);
  const jobs = Number.isInteger(j) && j > 0 ? j : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  return Math.min(4, Math.max(2, jobs));
}

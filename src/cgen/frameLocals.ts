/**
 * f_locals of compiled frames (spz/frames.h): which registers hold the function's Python locals,
 * and the C that copies them into the body's frame record. The record's fast locals are borrowed
 * copies, written before an op that may run Python code (when a local changed since the last
 * copy), at error exits, and when the body leaves while a frame object exists.
 */
import type * as IR from "../ir/types.ts";
import { BOX_KIND, frameInfoName, regName, SLOT_FIELD } from "./names.ts";
import { boxExpr } from "./emitOp.ts";
import { succs } from "../ir/cfg.ts";
import { guardEdges } from "../ir/cfg.ts";

/** A Python local: its generic register and, in specialized code, its unboxed twin. */
export interface FrameLocal {
  readonly name: string;
  readonly reg: IR.RegId;
  readonly typed: { readonly reg: IR.RegId; readonly flag: IR.RegId | null } | null;
}

/** Which C function is being emitted: its registers' meaning for the locals differs. */
export type BodyMode = "generic" | "hot" | "whole";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The function's locals in register order (hoisted temporaries `.tN` are no locals). A local's
 * unboxed twin is what specialized code's deopt blocks box into it (`x = box t if flag`); a local
 * boxed from two different twins has none (its generic register is then used).
 */
export function localsOf(f: IR.FuncIR): FrameLocal[] {
  const twins = new Map<IR.RegId, { reg: IR.RegId; flag: IR.RegId | null } | "many">();
  for (const b of f.blocks) {
    for (const op of b.ops) {
      if (op.kind !== "box" || f.regs[op.dst]!.local === null) continue;
      const t = twins.get(op.dst);
      if (t === undefined) twins.set(op.dst, { reg: op.src, flag: op.ifSet });
      else if (t !== "many" && (t.reg !== op.src || t.flag !== op.ifSet)) twins.set(op.dst, "many");
    }
  }
  const out: FrameLocal[] = [];
  for (const r of f.regs) {
    if (r.local === null || r.rep !== "obj" || !IDENT.test(r.local)) continue;
    const t = twins.get(r.id);
    out.push({ name: r.local, reg: r.id, typed: t === undefined || t === "many" ? null : t });
  }
  return out;
}

/** The locals' names and the SpzFrameInfo that points at them (file scope). */
export function frameInfoDecl(f: IR.FuncIR, locals: readonly FrameLocal[]): string[] {
  const fi = frameInfoName(f);
  // the definition (unit 0 of the module, cgen/emitModule.ts "Units"); prototypes declare it
  if (locals.length === 0) return [`PYC_L SpzFrameInfo ${fi};`];
  return [
    `static const char *const ${fi}_names[] = {${locals.map((l) => JSON.stringify(l.name)).join(", ")}};`,
    `PYC_L SpzFrameInfo ${fi} = {.lnames = ${fi}_names, .nl = ${locals.length}};`,
  ];
}

/** The locals whose copies a body of this mode keeps (the hot half: those with no unboxed twin). */
export function kept(locals: readonly FrameLocal[], mode: BodyMode): number[] {
  return locals.flatMap((l, j) => (mode === "hot" && l.typed !== null ? [] : [j]));
}

/**
 * Copy locals `which` into the record (cf_ must have been looked up). With `box` (error exits and
 * leaving, never the hot path) every local is copied, in the hot half an unboxed twin boxed into
 * its generic register first (the generic register is stale there).
 */
export function syncLocals(f: IR.FuncIR, locals: readonly FrameLocal[], mode: BodyMode, box: boolean, which?: readonly number[]): string {
  const fi = frameInfoName(f);
  if (mode === "hot" && box && which === undefined && locals.some((l) => l.typed !== null)) return syncBoxed(f, locals);
  const parts: string[] = [];
  for (const j of which ?? locals.map((_l, i) => i)) {
    const l = locals[j]!;
    if (mode === "hot" && l.typed !== null) {
      if (!box) continue;
      const rep = f.regs[l.typed.reg]!.rep;
      const set = `Py_XSETREF(${regName(l.reg)}, ${boxExpr(rep, regName(l.typed.reg))});`;
      parts.push(l.typed.flag === null ? set : `if (${regName(l.typed.flag)}) ${set}`);
    }
    parts.push(`cf_->localsplus[s_[${j}]] = ${regName(l.reg)};`);
  }
  if (parts.length === 0) return "";
  return `if (cf_ != NULL && ${fi}.slot != NULL) { const int16_t *s_ = ${fi}.slot; ${parts.join(" ")} }`;
}

/**
 * syncLocals boxing every local, for a hot half with unboxed twins: one call of the runtime's
 * spz_frame_sync_boxed on arrays of the registers (gcc spent a fifth of a hot unit's time on the
 * inline boxes and releases of these cold exits), then the boxed registers written back.
 */
function syncBoxed(f: IR.FuncIR, locals: readonly FrameLocal[]): string {
  const objs = locals.map((l) => regName(l.reg));
  const vals = locals.map((l) => l.typed === null ? "{.o = NULL}" : `{.${SLOT_FIELD[f.regs[l.typed.reg]!.rep]} = ${regName(l.typed.reg)}}`);
  const kinds = locals.map((l) => {
    if (l.typed === null) return "SPZ_BOX_NONE";
    const k = BOX_KIND[f.regs[l.typed.reg]!.rep];
    return l.typed.flag === null ? k : `${regName(l.typed.flag)} ? ${k} : SPZ_BOX_NONE`;
  });
  const back = locals.flatMap((l, j) => l.typed === null ? [] : [`${regName(l.reg)} = o_[${j}];`]);
  return `{ PyObject *o_[] = {${objs.join(", ")}}; const SpzSlot v_[] = {${vals.join(", ")}}; `
    + `const unsigned char k_[] = {${kinds.join(", ")}}; spz_frame_sync_boxed(cf_, &${frameInfoName(f)}, o_, v_, k_); ${back.join(" ")} }`;
}

/** The body leaves without a frame object: the record forgets its copies of this mode's locals. */
export function forgetLocals(f: IR.FuncIR, locals: readonly FrameLocal[], mode: BodyMode): string {
  const parts = kept(locals, mode).map((j) => `cf_->localsplus[s_[${j}]] = NULL;`);
  return parts.length === 0 ? "" : `if (${frameInfoName(f)}.slot != NULL) { const int16_t *s_ = ${frameInfoName(f)}.slot; ${parts.join(" ")} }`;
}

/** The locals (indexes into `locals`) an op (re)binds or empties. */
export function writtenLocals(f: IR.FuncIR, op: IR.Op, index: ReadonlyMap<IR.RegId, number>): number[] {
  const regs: IR.RegId[] = [];
  const o = op as unknown as Record<string, unknown>;
  if (typeof o.dst === "number") regs.push(o.dst as IR.RegId);
  if (op.kind === "unpack") regs.push(...op.outs);
  if (op.kind === "build") regs.push(...op.items);
  if (op.kind === "move") regs.push(op.src);
  if (op.kind === "clear") regs.push(op.reg);
  if (op.kind === "call_c") for (const i of op.steals ?? []) { const a = op.args[i]; if (a?.k === "reg") regs.push(a.reg); }
  return regs.flatMap((r) => { const j = index.get(r); return j === undefined ? [] : [j]; });
}

/**
 * Per block of one C function: the kept locals whose record copy may be stale on entry. A block
 * entered from outside the function's CFG (entries, exception handlers, guard targets) has all
 * stale; otherwise the union over its predecessors of what is stale at their end (a copy before
 * an op that may run Python code makes every local fresh).
 */
export function staleAtEntry(f: IR.FuncIR, blocks: readonly IR.Block[], locals: readonly FrameLocal[], mode: BodyMode,
  entries: readonly IR.BlockId[], runsCode: (op: IR.Op) => boolean): Map<IR.BlockId, Set<number>> {
  const all = kept(locals, mode);
  const keptSet = new Set(all);
  const index = new Map(locals.map((l, j) => [l.reg, j] as const));
  const inList = new Set(blocks.map((b) => b.id));
  const open = new Set<IR.BlockId>(entries);
  for (const b of blocks) {
    if (b.handler !== null) open.add(b.handler);
    for (const op of b.ops) for (const t of guardEdges(op)) open.add(t);
  }
  const stale = new Map<IR.BlockId, Set<number>>(blocks.map((b) => [b.id, new Set(open.has(b.id) ? all : [])]));
  const out = (b: IR.Block): Set<number> => {
    const d = new Set(stale.get(b.id));
    for (const op of b.ops) {
      if (runsCode(op)) d.clear();
      for (const j of writtenLocals(f, op, index)) if (keptSet.has(j)) d.add(j);
    }
    return d;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of blocks) {
      const d = out(b);
      for (const t of succs(b.term)) {
        if (!inList.has(t)) continue;
        const s = stale.get(t)!;
        for (const j of d) if (!s.has(j)) { s.add(j); changed = true; }
      }
    }
  }
  return stale;
}

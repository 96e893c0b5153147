/**
 * f_locals of compiled frames (spz/frames.h): which registers hold the function's Python locals,
 * and the C that copies them into the body's frame record. The record's fast locals are borrowed
 * copies, written before an op that may run Python code (when a local changed since the last
 * copy), at error exits, and when the body leaves while a frame object exists.
 */
import type * as IR from "../ir/types.ts";
import { frameInfoName, regName } from "./names.ts";
import { boxExpr } from "./emitOp.ts";

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
  if (locals.length === 0) return [`static SpzFrameInfo ${fi};`];
  return [
    `static const char *const ${fi}_names[] = {${locals.map((l) => JSON.stringify(l.name)).join(", ")}};`,
    `static SpzFrameInfo ${fi} = {.lnames = ${fi}_names, .nl = ${locals.length}};`,
  ];
}

/**
 * Copy the locals into the record (cf_ must have been looked up). In the hot half a local with an
 * unboxed twin is skipped (its generic register is stale there), unless `box`: then the twin is
 * boxed into the generic register first (error exits and leaving, never the hot path).
 */
export function syncLocals(f: IR.FuncIR, locals: readonly FrameLocal[], mode: BodyMode, box: boolean): string {
  const fi = frameInfoName(f);
  const parts: string[] = [];
  locals.forEach((l, j) => {
    if (mode === "hot" && l.typed !== null) {
      if (!box) return;
      const rep = f.regs[l.typed.reg]!.rep;
      const set = `Py_XSETREF(${regName(l.reg)}, ${boxExpr(rep, regName(l.typed.reg))});`;
      parts.push(l.typed.flag === null ? set : `if (${regName(l.typed.flag)}) ${set}`);
    }
    parts.push(`if (s_[${j}] >= 0) cf_->localsplus[s_[${j}]] = ${regName(l.reg)};`);
  });
  if (parts.length === 0) return "";
  return `if (cf_ != NULL && ${fi}.slot != NULL) { const int16_t *s_ = ${fi}.slot; ${parts.join(" ")} }`;
}

/** Registers an op (re)binds or empties: after it, the record's copy of a local may be stale. */
export function writesLocal(f: IR.FuncIR, op: IR.Op): boolean {
  const regs: IR.RegId[] = [];
  const o = op as unknown as Record<string, unknown>;
  if (typeof o.dst === "number") regs.push(o.dst as IR.RegId);
  if (op.kind === "unpack") regs.push(...op.outs);
  if (op.kind === "build") regs.push(...op.items);
  if (op.kind === "move") regs.push(op.src);
  if (op.kind === "clear") regs.push(op.reg);
  if (op.kind === "call_c") for (const i of op.steals ?? []) { const a = op.args[i]; if (a?.k === "reg") regs.push(a.reg); }
  return regs.some((r) => f.regs[r]?.local != null);
}

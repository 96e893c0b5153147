/**
 * IRBuilder: the mutable tool `irbuild` uses to grow one FuncIR (registers, blocks, the current
 * insertion point, the current exception handler) plus the module-wide constant pool.
 * Only irbuild uses it; the FuncIR it returns is treated as immutable by later stages.
 */
import type * as IR from "../ir/types.ts";
import { InternalError } from "../diag/types.ts";

/** Module-wide pool of constants, deduplicated by their Python source text. */
export class ConstPool {
  readonly items: IR.ConstIR[] = [];
  private readonly index = new Map<string, number>();
  add(py: string): number {
    let i = this.index.get(py);
    if (i === undefined) {
      i = this.items.length;
      this.items.push({ py });
      this.index.set(py, i);
    }
    return i;
  }
  /** a str constant holding an identifier or other known text */
  str(text: string): number {
    return this.add(pyStrLiteral(text));
  }
  /** a tuple of str constants (kwnames of a call) */
  strTuple(texts: readonly string[]): number {
    return this.add("(" + texts.map(pyStrLiteral).join(", ") + (texts.length === 1 ? ",)" : ")"));
  }
}

/** A Python string literal whose value is exactly `text`. */
export function pyStrLiteral(text: string): string {
  let out = "'";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + "'";
}

/** What must run when control leaves a protected region early (return/break/continue). */
export type Unwind =
  /** a loop; a `for` loop's iterator, which a `return` out of it releases (CPython pops it) */
  | { readonly kind: "loop"; readonly breakTo: IR.BlockId; readonly continueTo: IR.BlockId; readonly iter?: IR.RegId }
  /** leaving an except/finally handler: restore the previously handled exception */
  | { readonly kind: "handler"; readonly prev: IR.RegId; readonly exc: IR.RegId; readonly name: IR.RegId | null }
  /** leaving a try with a finally clause: run the finally body (emitted by the callback) */
  | { readonly kind: "finally"; readonly emit: () => void; readonly handler: IR.BlockId | null };

export class FnBuilder {
  readonly regs: IR.Reg[] = [];
  readonly blocks: IR.Block[] = [];
  readonly unwind: Unwind[] = [];
  private cur: IR.Block;
  /** errors in newly created blocks go here */
  handler: IR.BlockId | null = null;
  private readonly localRegs = new Map<string, IR.RegId>();
  /**
   * Deopt targets: when set, every statement of the generic body starts a fresh block and is
   * recorded here, so specialized code can continue at the same statement (see irbuild/spec.ts).
   */
  stmtEntries: Map<number, IR.BlockId> | null = null;
  /** statements (direct calls) whose specialized twin may also continue AFTER them: -> block */
  readonly stmtAfter = new Map<number, IR.BlockId>();
  afterWanted: ReadonlySet<number> = new Set();
  /** the iterator register of each generic `for` (specialized range loops rebuild it on deopt) */
  readonly forIters = new Map<number, IR.RegId>();
  /** the head block of each generic `for` (a specialized list loop deopts there) */
  readonly forHeads = new Map<number, IR.BlockId>();

  constructor(readonly consts: ConstPool) {
    this.cur = this.newBlock("entry");
  }

  reg(rep: IR.Rep = "obj", local: string | null = null): IR.RegId {
    const id = this.regs.length as IR.RegId;
    this.regs.push({ id, rep, local });
    return id;
  }

  local(name: string): IR.RegId {
    let r = this.localRegs.get(name);
    if (r === undefined) {
      r = this.reg("obj", name);
      this.localRegs.set(name, r);
    }
    return r;
  }

  newBlock(label: string, handler: IR.BlockId | null = this.handler): IR.Block {
    const b: IR.Block = { id: this.blocks.length as IR.BlockId, ops: [], term: { kind: "unreachable" }, handler, label };
    this.blocks.push(b);
    return b;
  }

  get current(): IR.Block { return this.cur; }

  /** Continue emitting into `b` (which must not be terminated yet). */
  setBlock(b: IR.Block): void { this.cur = b; }

  /** True when the current block already ended (code after return/raise/break is dead). */
  get terminated(): boolean { return this.cur.term.kind !== "unreachable" || this.sealed.has(this.cur.id); }
  private readonly sealed = new Set<IR.BlockId>();

  emit(op: IR.Op): void {
    if (this.terminated) return; // dead code after a terminator: drop it
    this.cur.ops.push(op);
  }

  terminate(t: IR.Terminator): void {
    if (this.terminated) return;
    this.cur.term = t;
    this.sealed.add(this.cur.id);
  }

  goto(target: IR.Block): void { this.terminate({ kind: "goto", target: target.id }); }

  /** Emit `t` and start a fresh unreachable block so later (dead) code has somewhere to go. */
  terminateAndContinueDead(t: IR.Terminator): void {
    this.terminate(t);
    this.cur = this.newBlock("dead");
    this.sealed.add(this.cur.id);
  }

  /** Remove blocks that no edge reaches (dead code after return etc.). */
  finish(entry: IR.BlockId = 0 as IR.BlockId): IR.Block[] {
    const reach = new Set<number>([entry]);
    const work: number[] = [entry];
    while (work.length) {
      const b = this.blocks[work.pop()!]!;
      const succ: number[] = [];
      const t = b.term;
      if (t.kind === "goto") succ.push(t.target);
      else if (t.kind === "branch") succ.push(t.then, t.else);
      else if (t.kind === "branch_null") succ.push(t.ifNull, t.otherwise);
      for (const op of b.ops) {
        if ("onFail" in op) succ.push(op.onFail);
        if (op.kind === "call_direct") succ.push(op.onBoxed);
      }
      if (b.handler !== null) succ.push(b.handler);
      for (const s of succ) if (!reach.has(s)) { reach.add(s); work.push(s); }
    }
    const kept = this.blocks.filter((b) => reach.has(b.id));
    for (const b of kept) {
      if (b.term.kind === "unreachable" && !this.sealed.has(b.id)) {
        throw new InternalError(`block ${b.id} (${b.label}) has no terminator`);
      }
    }
    return kept;
  }
}

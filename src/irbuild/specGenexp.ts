/**
 * `sum/min/max/any/all(<elt> for <v> in <iter> [if <cond>])` inside a specialized body, as a loop
 * on unboxed values (the shapes and why a failed guard may restart the statement: facts/genexp.ts);
 * `[<elt> for ...]` of the same shapes as a list built in C (listCompExpr). The iterable is a list
 * of known items, a range, `zip`/`enumerate` of such lists (an index loop: zip asks each list for
 * item i in turn, which with no code running in between is `i < len` of each), or a list[C]
 * parameter whose items' fields the element reads (the item held in an obj register meanwhile).
 * The builtin's own semantics, item by item:
 *   - sum: CPython's builtin_sum from its default start 0: ints add exactly (an overflow deopts),
 *     floats start as `0 + x1` and then add with the compensation 3.12+ applies (SPZ_FSUM_*);
 *     the sum of no floats is the int 0, so an empty float sum deopts (the generic code returns it);
 *   - min/max: the first item, then an item replaces it only when `item < best` (`>`), as CPython's
 *     loop compares, which also decides NaNs; no item deopts (the generic code raises ValueError);
 *   - any/all: stop at the deciding item.
 * The loop variables are the comprehension's own: fresh registers, which a deopt never boxes into
 * the function's locals of the same names. The loop polls nothing: it runs no Python code and ends
 * within the length of an existing list or range, like the C loop of sum() over a list.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { SpecGenexp } from "../facts/genexp.ts";
import { loopVars } from "../facts/genexp.ts";
import { type SCtx, SIZE, asF64, cx, deopt, deoptBlock, imm, repOf, seqReg } from "./specCtx.ts";
import { InternalError } from "../diag/types.ts";
import { cond, expr } from "./specExpr.ts";
import { intReg } from "./specU64.ts";

/** An inline loop opened by openLoop: the element is computed in `inner`, then `next` goes on. */
interface InlineLoop {
  readonly inner: SCtx;
  readonly head: IR.Block;
  readonly done: IR.Block;
  /** where a failing guard goes: the statement's deopt, releasing what the loop holds */
  readonly fail: IR.BlockId;
  /** releases what the loop holds (at done) */
  readonly finish: () => void;
}

/**
 * Opens the loop of `sg` over its items (a list, list[C] parameter or range) and its `if`s: the
 * current block is then the element's. `held`: obj registers the caller owns during the loop
 * (released before any deopt, as is an object variable's item).
 */
function openLoop(c: SCtx, sg: SpecGenexp, ln: number, before: (fail: IR.BlockId) => void, held: readonly IR.RegId[] = []): InlineLoop {
  const b = c.b;
  const vars = loopVars(sg, c.facts.lists).map(([name, rep]) => ({ name, rep, reg: b.reg(rep ?? "obj") }));
  // an object variable (a list[C] item) owns its item while it reads the fields: released when
  // the loop ends and before any deopt, so no item outlives the statement (nor a generic re-run)
  const objVar = vars.find((x) => x.rep === null);
  const v = vars[0]!.reg;
  const owned = objVar ? [objVar.reg, ...held] : held;
  const fail = owned.length === 0 ? deopt(c) : releasingDeopt(c, owned, ln);
  const finish = (): void => { if (objVar) b.emit({ kind: "clear", reg: objVar.reg, line: ln }); };
  // range()'s arguments first (they hold nothing), then what the caller sets up (the builtin's
  // guard, a new list), as CPython evaluates the first iterable before the loop starts
  const rangeArgs = sg.iter.kind === "range" ? sg.iter.args.map((a) => intReg(c, expr(c, a), ln)) : [];
  // (a list local is guarded bound here, before anything is held)
  const seqs = (sg.iter.kind === "seq" ? [sg.iter.name] : sg.iter.kind === "zip" ? sg.iter.names : [])
    .map((n) => { const q = c.lists.get(n)!; return { ...q, reg: seqReg(c, q, ln) }; });
  before(fail);
  const nonneg = new Set(c.facts.nonneg);
  const reps = new Map(c.reps), typed = new Map(c.typed);
  for (const x of vars) {
    nonneg.delete(x.name);
    if (x.rep !== null) { reps.set(x.name, x.rep); typed.set(x.name, { reg: x.reg, flag: null }); } else { reps.delete(x.name); typed.delete(x.name); }
  }
  const cls = sg.iter.kind === "objs" ? sg.iter.cls : null;
  const inner: SCtx = {
    ...c,
    reps,
    typed,
    deoptTyped: c.deoptTyped ?? c.typed,
    facts: { ...c.facts, nonneg, objs: cls === null ? c.facts.objs : new Map([...c.facts.objs, [sg.target, cls]]) },
    objs: cls === null ? c.objs : new Map([...c.objs, [sg.target, v]]),
    // the element's own guards release what the loop holds first, too
    deoptCache: owned.length === 0 ? c.deoptCache : new Map([[c.stmt!.id, fail]]),
  };
  // ---- the iterable, evaluated once in the enclosing scope; `fetch` binds the next item to v
  const head = b.newBlock("genexp.head", null), item = b.newBlock("genexp.item", null);
  const done = b.newBlock("genexp.done", null);
  let fetch: () => void;
  if (sg.iter.kind === "objs") {
    const xs = c.objLists.get(sg.iter.name)!;
    const idx = imm(c, "i64", "0", ln);
    b.goto(head); b.setBlock(head);
    b.terminate({ kind: "branch", cond: cx(c, "bool", "$0 < PyList_GET_SIZE($1)", [idx, xs], ln), then: item.id, else: done.id });
    fetch = () => {
      b.emit({ kind: "call_c", dst: v, fn: "spz_list_item_ref", args: [{ k: "reg", reg: xs }, { k: "reg", reg: idx }], err: "never", line: ln });
      b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
    };
  } else if (sg.iter.kind === "zip") {
    // zip asks each list in turn for item i: with no code running in between, that is i < len of each
    b.emit({ kind: "guard_builtin", name: b.consts.str(sg.iter.fn), which: sg.iter.fn, onFail: fail, line: ln });
    const idx = imm(c, "i64", "0", ln);
    b.goto(head); b.setBlock(head);
    const more = cx(c, "bool", seqs.map((q, i) => `$0 < ${SIZE[q.kind]}($${i + 1})`).join(" && "), [idx, ...seqs.map((q) => q.reg)], ln);
    b.terminate({ kind: "branch", cond: more, then: item.id, else: done.id });
    const items = sg.iter.fn === "enumerate" ? vars.slice(1) : vars;
    fetch = () => {
      if (items !== vars) b.emit({ kind: "cexpr", dst: v, text: "$0", args: [idx], line: ln });
      seqs.forEach((q, i) => b.emit({ kind: "guarded", dst: items[i]!.reg, fn: `spz_${q.kind}_get_${q.elem}`, args: [{ k: "reg", reg: q.reg }, { k: "reg", reg: idx }], onFail: fail, line: ln }));
      b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
    };
  } else if (sg.iter.kind === "seq") {
    const xs = seqs[0]!, reg = xs.reg;
    const idx = imm(c, "i64", "0", ln);
    b.goto(head); b.setBlock(head);
    b.terminate({ kind: "branch", cond: cx(c, "bool", `$0 < ${SIZE[xs.kind]}($1)`, [idx, reg], ln), then: item.id, else: done.id });
    fetch = () => {
      b.emit({ kind: "guarded", dst: v, fn: `spz_${xs.kind}_get_${xs.elem}`, args: [{ k: "reg", reg }, { k: "reg", reg: idx }], onFail: fail, line: ln });
      b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
    };
  } else {
    const args = rangeArgs;
    const zero = imm(c, "i64", "0", ln), one = imm(c, "i64", "1", ln);
    const [start, stop, step] = args.length === 1 ? [zero, args[0]!, one] : args.length === 2 ? [args[0]!, args[1]!, one] : [args[0]!, args[1]!, args[2]!];
    b.emit({ kind: "guard_builtin", name: b.consts.str("range"), which: "range", onFail: fail, line: ln });
    if (args.length === 3) b.emit({ kind: "guard", text: "$0 != 0", args: [step], onFail: fail, line: ln });
    const cur = cx(c, "i64", "$0", [start], ln);
    const rem = cx(c, "i64", "spz_i64_range_len($0, $1, $2)", [start, stop, step], ln);
    b.goto(head); b.setBlock(head);
    b.terminate({ kind: "branch", cond: cx(c, "bool", "$0 > 0", [rem], ln), then: item.id, else: done.id });
    fetch = () => {
      b.emit({ kind: "cexpr", dst: rem, text: "$0 - 1", args: [rem], line: ln });
      b.emit({ kind: "cexpr", dst: v, text: "$0", args: [cur], line: ln });
      // advance only when another item exists, so cur + step never leaves int64
      b.emit({ kind: "cexpr", dst: cur, text: "$1 > 0 ? $0 + $2 : $0", args: [cur, rem, step], line: ln });
    };
  }
  b.setBlock(item);
  fetch();
  for (const t of sg.ifs) {
    const pass = b.newBlock("genexp.if", null);
    b.terminate({ kind: "branch", cond: cond(inner, t), then: pass.id, else: head.id });
    b.setBlock(pass);
  }
  return { inner, head, done, fail, finish };
}

export function genexpExpr(c: SCtx, e: A.ExprOf<"Call">, sg: SpecGenexp, ln: number): IR.RegId {
  const b = c.b;
  const out = repOf(c, e);
  // ---- the builtin's state: items seen, the running value (and a float sum's compensation)
  const n = imm(c, "i64", "0", ln);
  const acc = imm(c, out, sg.fn === "all" ? "1" : out === "f64" ? "0.0" : "0", ln);
  const comp = sg.fn === "sum" && out === "f64" ? imm(c, "f64", "0.0", ln) : null;
  const { inner, head, done, fail, finish } = openLoop(c, sg, ln, (fail) => {
    b.emit({ kind: "guard_builtin", name: b.consts.str(sg.fn), which: sg.fn, onFail: fail, line: ln });
  });
  // ---- the builtin's step on the item
  let x = expr(inner, sg.elt);
  const xr = b.regs[x]!.rep;
  switch (sg.fn) {
    case "any": case "all": {
      const truth = xr === "bool" ? x : cx(c, "bool", xr === "f64" ? "$0 != 0.0" : "$0 != 0", [x], ln);
      const decided = b.newBlock("genexp.decided", null);
      const [onTrue, onFalse] = sg.fn === "any" ? [decided.id, head.id] : [head.id, decided.id];
      b.terminate({ kind: "branch", cond: truth, then: onTrue, else: onFalse });
      b.setBlock(decided);
      b.emit({ kind: "imm", dst: acc, value: sg.fn === "any" ? "1" : "0", line: ln });
      b.goto(done);
      b.setBlock(done);
      finish();
      return acc;
    }
    case "sum":
      if (comp !== null) {
        x = asF64(c, x, ln);
        // the first item: 0 + x1 as CPython's int phase hands it to the float phase (no compensation)
        const t = cx(c, "f64", "$0 + $1", [acc, x], ln);
        b.emit({ kind: "cexpr", dst: comp, text: "$1 == 0 ? 0.0 : $0 + SPZ_FSUM_COMP($2, $3, $4)", args: [comp, n, acc, t, x], line: ln });
        b.emit({ kind: "cexpr", dst: acc, text: "$0", args: [t], line: ln });
      } else {
        b.emit({ kind: "guarded", dst: acc, fn: "spz_i64_add_ovf", args: [{ k: "reg", reg: acc }, { k: "reg", reg: intReg(c, x, ln) }], onFail: fail, line: ln });
      }
      break;
    default: {
      if (out === "f64") x = asF64(c, x, ln); else x = intReg(c, x, ln);
      const op = sg.fn === "min" ? "<" : ">";
      b.emit({ kind: "cexpr", dst: acc, text: `$2 == 0 || $1 ${op} $0 ? $1 : $0`, args: [acc, x, n], line: ln });
    }
  }
  b.emit({ kind: "cexpr", dst: n, text: "$0 + 1", args: [n], line: ln });
  b.goto(head);
  b.setBlock(done);
  finish();
  if (sg.fn === "sum" && comp === null) return acc;
  // no item: the int 0 of an empty float sum, min()/max()'s ValueError -- the generic code's
  b.emit({ kind: "guard", text: "$0 > 0", args: [n], onFail: fail, line: ln });
  return comp !== null ? cx(c, "f64", "SPZ_FSUM_RESULT($0, $1)", [acc, comp], ln) : acc;
}

/**
 * [<elt> for <v> in <iter> [if <cond>]] as a new list built in C: items computed unboxed and
 * appended boxed (PyLong_FromLongLong / PyFloat_FromDouble: CPython's values, -0.0 and NaN
 * included). Until the caller binds or returns it no one can see the list, and building it runs no
 * Python code, so a failing guard drops it and re-runs the statement generically.
 * Returns the obj register owning the list.
 */
export function listCompExpr(c: SCtx, sg: SpecGenexp, ln: number): IR.RegId {
  const b = c.b;
  const out = b.reg("obj");
  const { inner, head, done, finish } = openLoop(c, sg, ln, () => {
    b.emit({ kind: "call_c", dst: out, fn: "PyList_New", args: [{ k: "int", value: 0 }], err: "null", line: ln });
  }, [out]);
  const x = expr(inner, sg.elt);
  b.emit({ kind: "call_c", dst: null, fn: `spz_list_append_${b.regs[x]!.rep}`, args: [{ k: "reg", reg: out }, { k: "reg", reg: x }], err: "neg", line: ln });
  b.goto(head);
  b.setBlock(done);
  finish();
  return out;
}

/** The statement's deopt block, releasing obj registers `regs` after boxing the locals (deoptBlock). */
function releasingDeopt(c: SCtx, regs: readonly IR.RegId[], ln: number): IR.BlockId {
  const s = c.stmt!;
  const target = c.entries.get(s.id);
  if (target === undefined) throw new InternalError(`no generic entry for statement at line ${ln}`);
  return deoptBlock(c, `deopt@${ln}`, target, ln, () => { for (const r of regs) c.b.emit({ kind: "clear", reg: r, line: ln }); });
}

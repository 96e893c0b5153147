/**
 * Specialized statements on @frozen/@record instances (facts/types.ts: `objs`, `recordField`):
 * binding a local to an item of a list[C] parameter, and storing a @record field unboxed.
 * The instance lives in the local's generic register (nothing to box on deopt); every field
 * access is a per-site guarded op (slot_get / slot_set) that checks the instance's layout.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { type SCtx, asF64, cx, deopt, deoptBlock } from "./specCtx.ts";
import type { AttrAcc, DictAcc, DictGet } from "../facts/dicts.ts";
import { expr, listIndex } from "./specExpr.ts";
import { intReg } from "./specU64.ts";
import { boxLocal, unboxWrites } from "./island.ts";
import { InternalError } from "../diag/types.ts";
import { nativeField, type SpecRep } from "../facts/types.ts";

/** o = xs[i] (xs a list[C] parameter): bounds guarded (IndexError is the generic code's), o holds the item. */
export function objItemAssign(c: SCtx, target: string, v: A.ExprOf<"Subscript">, ln: number): void {
  const b = c.b;
  const xs = c.objLists.get((v.value as A.ExprOf<"Name">).name)!;
  const i = listIndex(c, xs, intReg(c, expr(c, v.slice), ln), ln);
  b.emit({ kind: "call_c", dst: b.local(target), fn: "spz_list_item_ref", args: [{ k: "reg", reg: xs }, { k: "reg", reg: i }], err: "never", line: ln });
}

/**
 * o.f = v / o.f op= v on a @record instance: v computed unboxed, then stored by slot_set, whose
 * guard comes before any effect -- the statement's typed part has none -- so its deopt re-runs
 * the whole statement generically (the record's own __setattr__ then decides).
 */
export function fieldStore(c: SCtx, t: A.ExprOf<"Attribute">, v: IR.RegId, ln: number): void {
  const obj = c.objs.get((t.value as A.ExprOf<"Name">).name)!;
  const src = narrow(c, v, ln);
  const native = c.b.regs[src]!.rep === "f64" && nativeField(c.facts.classes, t.attr);
  c.b.emit({ kind: "slot_set", obj, name: c.b.consts.str(t.attr), src, onFail: deopt(c), line: ln, ...(native ? { native: true as const } : {}) });
}

/** An int accumulator (i128) as an int64 when it fits (else the statement runs generically). */
function narrow(c: SCtx, v: IR.RegId, ln: number): IR.RegId {
  if (c.b.regs[v]!.rep !== "i128") return v;
  c.b.emit({ kind: "guard", text: "spz_i128_fits_i64($0)", args: [v], onFail: deopt(c), line: ln });
  return cx(c, "i64", "(int64_t)$0", [v], ln);
}

/**
 * d[k] = d.get(k, c) + v / d[k] += v (facts/dicts.ts): v computed unboxed and every guard taken
 * (d an exact dict, d and k bound) before the dict_acc op, which has no deopt edge -- once it
 * reads k and looks it up, the statement finishes there, in CPython's order.
 */
export function dictAccStmt(c: SCtx, acc: DictAcc, ln: number): void {
  const b = c.b;
  let v = narrow(c, intReg(c, expr(c, acc.value), ln), ln);
  if (b.regs[v]!.rep !== acc.rep) v = asF64(c, v, ln);
  const dict = b.local(acc.dict);
  const key = acc.key.attr !== null ? c.objs.get(acc.key.name)! : acc.key.rep ? boxedKey(c, acc.key.name, acc.key.rep, ln) : b.local(acc.key.name);
  b.emit({ kind: "guard", text: "$0 != NULL && spz_acc_dict($0) && $1 != NULL", args: [dict, key], onFail: deopt(c), line: ln });
  b.emit({
    kind: "dict_acc", dict, key, attr: acc.key.attr !== null ? b.consts.str(acc.key.attr) : null,
    dflt: acc.dflt !== null ? b.consts.add(acc.dflt) : null, sub: acc.sub, src: v, line: ln,
  });
}

/**
 * x = d.get(k, c) (facts/dicts.ts): d an exact dict and k bound are guarded first; the lookup
 * (dict.get's own: PyDict_GetItemWithError, which may run __hash__/__eq__) leaves the item or c
 * in x's generic register, and x is unboxed from there as after an island: an item of another
 * type continues in the generic code after the statement, so the lookup is never repeated.
 */
export function dictGetStmt(c: SCtx, s: A.Stmt, g: DictGet, ln: number): void {
  const b = c.b;
  const dict = b.local(g.dict);
  const key = g.key.rep ? boxedKey(c, g.key.name, g.key.rep, ln) : b.local(g.key.name);
  b.emit({ kind: "guard", text: "$0 != NULL && spz_acc_dict($0) && $1 != NULL", args: [dict, key], onFail: deopt(c), line: ln });
  const dflt = b.consts.add(g.dflt);
  b.emit({ kind: "call_c", dst: b.local(g.target), fn: "spz_dict_get", args: [{ k: "reg", reg: dict }, { k: "reg", reg: key }, { k: "const", index: dflt }], err: "null", line: ln });
  const after = c.after.get(s.id);
  if (after === undefined) throw new InternalError(`no generic code after the lookup at line ${ln}`, s.span);
  unboxWrites(c, [g.target], deoptBlock(c, `deopt_get@${ln}`, after, ln, () => {}, new Set([g.target])), ln);
}

/**
 * An unboxed key local as the object CPython's local would hold (an equal exact int/float, or the
 * bool), boxed into its generic register as an island reads it (the box kept while the local is
 * unchanged; NULL when unbound: the caller's guard deopts and the generic code raises). A NaN key
 * deopts first: a NaN is found in a dict only by identity, which the generic code then keeps.
 */
function boxedKey(c: SCtx, name: string, rep: SpecRep, ln: number): IR.RegId {
  const t = c.typed.get(name)!;
  if (rep === "f64") c.b.emit({ kind: "guard", text: "!isnan($0)", args: [t.reg], onFail: deopt(c), line: ln });
  boxLocal(c, name, ln);
  return c.b.local(name);
}

/**
 * o.a += v / o.a -= v on a boxed local o (facts/dicts.ts): v computed unboxed and o's binding
 * guarded first; the attr_acc op then has no deopt edge -- from its attribute load on the
 * statement finishes there, in CPython's order (load, in-place op, store).
 */
export function attrAccStmt(c: SCtx, acc: AttrAcc, ln: number): void {
  const b = c.b;
  let v = narrow(c, intReg(c, expr(c, acc.value), ln), ln);
  if (b.regs[v]!.rep !== acc.rep) v = asF64(c, v, ln);
  const obj = b.local(acc.obj);
  b.emit({ kind: "guard", text: "$0 != NULL", args: [obj], onFail: deopt(c), line: ln });
  b.emit({ kind: "attr_acc", obj, name: b.consts.str(acc.attr), sub: acc.sub, src: v, line: ln });
}

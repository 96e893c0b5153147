/**
 * Specialized statements on @frozen/@record instances (facts/types.ts: `objs`, `recordField`):
 * binding a local to an item of a list[C] parameter, and storing a @record field unboxed.
 * The instance lives in the local's generic register (nothing to box on deopt); every field
 * access is a per-site guarded op (slot_get / slot_set) that checks the instance's layout.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { type SCtx, asF64, cx, deopt } from "./specCtx.ts";
import type { AttrAcc, DictAcc } from "../facts/dicts.ts";
import { expr, listIndex } from "./specExpr.ts";
import { intReg } from "./specU64.ts";

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
  c.b.emit({ kind: "slot_set", obj, name: c.b.consts.str(t.attr), src: narrow(c, v, ln), onFail: deopt(c), line: ln });
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
  const key = acc.key.attr !== null ? c.objs.get(acc.key.name)! : b.local(acc.key.name);
  b.emit({ kind: "guard", text: "$0 != NULL && PyDict_CheckExact($0) && $1 != NULL", args: [dict, key], onFail: deopt(c), line: ln });
  b.emit({
    kind: "dict_acc", dict, key, attr: acc.key.attr !== null ? b.consts.str(acc.key.attr) : null,
    dflt: acc.dflt !== null ? b.consts.add((acc.dflt.value as { readonly py: string }).py) : null, sub: acc.sub, src: v, line: ln,
  });
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

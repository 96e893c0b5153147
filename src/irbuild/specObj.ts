/**
 * Specialized statements on @frozen/@record instances (facts/types.ts: `objs`, `recordField`):
 * binding a local to an item of a list[C] parameter, and storing a @record field unboxed.
 * The instance lives in the local's generic register (nothing to box on deopt); every field
 * access is a per-site guarded op (slot_get / slot_set) that checks the instance's layout.
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import { type SCtx, cx, deopt } from "./specCtx.ts";
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
  let src = v;
  if (c.b.regs[src]!.rep === "i128") {
    // an int accumulator: stored as an int64 when it fits (else the generic store)
    c.b.emit({ kind: "guard", text: "spz_i128_fits_i64($0)", args: [src], onFail: deopt(c), line: ln });
    src = cx(c, "i64", "(int64_t)$0", [src], ln);
  }
  c.b.emit({ kind: "slot_set", obj, name: c.b.consts.str(t.attr), src, onFail: deopt(c), line: ln });
}

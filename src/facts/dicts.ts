/**
 * Dict accumulation in specialized code: `d[k] = d.get(k, c) + v` and `d[k] += v` (also `-`),
 * with v an int/float expression of the typed subset, c a number constant, d a local holding an
 * object (guarded an exact dict or a collections.defaultdict at run time, so `.get`, lookup and
 * store are dict's own; a defaultdict's __missing__ runs for a key `op=` misses) and k a
 * local (boxed, or an unboxed int/float/bool boxed once for the op) or `o.f` of a @frozen/@record
 * instance. The runtime helper (spz/containers.h) keeps
 * CPython's order of effects: k read, one lookup, the addition (C for an exact int/float item,
 * PyNumber_* otherwise), k read again (the `.get` form), one store -- never a deopt after the
 * lookup. Out: the parts irbuild lowers (irbuild/specObj.ts).
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { exprRepOf, intConst, NotSpec, type Cx, type SpecRep } from "./types.ts";

export interface DictAcc {
  readonly dict: string;
  /** the key: a local's name (boxed, or unboxed with its rep), or `o.attr` of an instance local */
  readonly key: { readonly name: string; readonly attr: string | null; readonly rep?: "i64" | "f64" | "bool" };
  /** the `.get` default (a number constant, boxed by CPython), or null for `d[k] op= v` */
  /** the `.get` default's source text (a number constant, maybe negated: boxed by CPython), or null for `d[k] op= v` */
  readonly dflt: string | null;
  readonly sub: boolean;
  readonly value: A.Expr;
  readonly rep: "i64" | "f64";
}

/** The parts of a dict accumulation statement, or null. */
export function dictAccumulate(s: A.Stmt, env: ReadonlyMap<string, SpecRep>, cx: Cx): DictAcc | null {
  let target: A.Expr, value: A.Expr, dflt: string | null = null, sub: boolean;
  if (s.kind === "AugAssign") {
    if (s.op !== "Add" && s.op !== "Sub") return null;
    target = s.target; value = s.value; sub = s.op === "Sub";
  } else if (s.kind === "Assign" && s.targets.length === 1 && s.value.kind === "BinOp" && (s.value.op === "Add" || s.value.op === "Sub")) {
    target = s.targets[0]!; value = s.value.right; sub = s.value.op === "Sub";
    const get = s.value.left;
    if (get.kind !== "Call" || get.keywords.length || get.args.length !== 2 || get.func.kind !== "Attribute" || get.func.attr !== "get") return null;
    const c = numDefault(get.args[1]!);
    if (c === null) return null;
    if (target.kind !== "Subscript" || !sameExpr(get.func.value, target.value) || !sameExpr(get.args[0]!, target.slice)) return null;
    dflt = c.py;
  } else return null;
  if (target.kind !== "Subscript" || target.value.kind !== "Name") return null;
  const dict = target.value.name, k = target.slice;
  if (!boxedLocal(dict, env, cx)) return null;
  const key = localKey(k, dict, env, cx);
  if (!key) return null;
  let rep: SpecRep;
  try { rep = exprRepOf(value, env, cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; }
  if (rep !== "i64" && rep !== "f64") return null;
  // v's representation decides the C fast path (an exact int item with an int v, an exact float
  // item with a float v); any other item (the default included) takes PyNumber_* on v boxed
  return { dict, key, dflt, sub, value, rep };
}

/** The key of a dict statement: a local (boxed, or unboxed int/float/bool) or `o.f` of an instance local. */
function localKey(k: A.Expr, dict: string, env: ReadonlyMap<string, SpecRep>, cx: Cx): DictAcc["key"] | null {
  const kRep = k.kind === "Name" ? env.get(k.name) : undefined;
  return k.kind === "Name" && boxedLocal(k.name, env, cx) && k.name !== dict ? { name: k.name, attr: null }
    // an unboxed int/float/bool local: boxed as the equal exact object (hashing it runs no code)
    : k.kind === "Name" && (kRep === "i64" || kRep === "f64" || kRep === "bool") ? { name: k.name, attr: null, rep: kRep }
    : k.kind === "Attribute" && k.value.kind === "Name" && cx.objs.has(k.value.name) ? { name: k.value.name, attr: k.attr }
    : null;
}

/** A local of the function that lives boxed in its generic register (no typed or borrowed value). */
function boxedLocal(name: string, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  return cx.f.locals.has(name) && !cx.f.globals.has(name) && !env.has(name) && !cx.lists.has(name) && !cx.objs.has(name) &&
    !cx.objLists.has(name) && !cx.listLocals.has(name);
}

/** Same name or same `name.attr` (what the two evaluations of k in `d[k] = d.get(k, c) + v` read). */
function sameExpr(a: A.Expr, b: A.Expr): boolean {
  if (a.kind === "Name" && b.kind === "Name") return a.name === b.name;
  return a.kind === "Attribute" && b.kind === "Attribute" && a.attr === b.attr && sameExpr(a.value, b.value) && a.value.kind === "Name";
}

/**
 * Attribute accumulation: `o.a += v` / `o.a -= v` with o a boxed local (any object: not a
 * @frozen/@record local, whose fields have slot_set) and v an int/float expression of the typed
 * subset. v has no effects and its guards run before anything else (a failing one re-runs the
 * statement generically); the runtime helper then does CPython's LOAD_ATTR, in-place BINARY_OP and
 * STORE_ATTR through the generic per-site attribute caches, the addition in C when the attribute
 * is an exact int (int64, no overflow) or exact float of v's kind (spz/containers.h).
 */
export interface AttrAcc {
  readonly kind: "attr";
  readonly obj: string;
  readonly attr: string;
  readonly sub: boolean;
  readonly value: A.Expr;
  readonly rep: "i64" | "f64";
}

/** The parts of an attribute accumulation statement, or null. */
export function attrAccumulate(s: A.Stmt, env: ReadonlyMap<string, SpecRep>, cx: Cx): AttrAcc | null {
  if (s.kind !== "AugAssign" || (s.op !== "Add" && s.op !== "Sub")) return null;
  const t = s.target;
  if (t.kind !== "Attribute" || t.value.kind !== "Name" || !boxedLocal(t.value.name, env, cx)) return null;
  let rep: SpecRep;
  try { rep = exprRepOf(s.value, env, cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; }
  if (rep !== "i64" && rep !== "f64") return null;
  return { kind: "attr", obj: t.value.name, attr: t.attr, sub: s.op === "Sub", value: s.value, rep };
}

/**
 * `x = d.get(k, c)`, d a boxed local and c a number constant: x is typed as c is. The statement
 * (dictGet) looks k up in C when d is an exact dict and k a local, else it runs as an island;
 * either way the unbox of x continues in the generic code after it when the item has another
 * type -- the lookup, which may run __hash__/__eq__, happened once.
 */
export function dictGetRep(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): "i64" | "f64" | null {
  if (e.kind !== "Call" || e.keywords.length || e.args.length !== 2 || e.func.kind !== "Attribute" || e.func.attr !== "get") return null;
  const d = e.func.value;
  return d.kind === "Name" && boxedLocal(d.name, env, cx) ? numDefault(e.args[1]!)?.rep ?? null : null;
}

/** A `.get` default: a float or int64 constant, or one negated (`-1`): its source text and rep. */
function numDefault(e: A.Expr): { py: string; rep: "i64" | "f64" } | null {
  const neg = e.kind === "UnaryOp" && e.op === "USub";
  const c = neg ? (e as A.ExprOf<"UnaryOp">).operand : e;
  if (c.kind !== "Constant" || (c.value.t !== "float" && intConst(c.value) === null)) return null;
  const py = (c.value as { readonly py: string }).py;
  return { py: neg ? `-${py}` : py, rep: c.value.t === "float" ? "f64" : "i64" };
}

/** `x = d.get(k, c)` with x a typed local and k a local: the parts irbuild lowers (specObj.ts). */
export interface DictGet {
  readonly kind: "get";
  readonly target: string;
  readonly dict: string;
  readonly key: { readonly name: string; readonly attr: null; readonly rep?: "i64" | "f64" | "bool" };
  readonly dflt: string;
}

export function dictGet(s: A.Stmt, env: ReadonlyMap<string, SpecRep>, cx: Cx): DictGet | null {
  if (s.kind !== "Assign" || s.targets.length !== 1 || s.targets[0]!.kind !== "Name") return null;
  const x = s.targets[0]!.name, v = s.value, rep = dictGetRep(v, env, cx);
  if (rep === null || env.get(x) !== rep || cx.f.slots.includes(x)) return null;
  const call = v as A.ExprOf<"Call">, d = (call.func as A.ExprOf<"Attribute">).value as A.ExprOf<"Name">;
  const key = localKey(call.args[0]!, d.name, env, cx);
  return key && key.attr === null ? { kind: "get", target: x, dict: d.name, key: { ...key, attr: null }, dflt: numDefault(call.args[1]!)!.py } : null;
}

/**
 * `d[k]` read typed: d a parameter annotated `dict[str, int]` / `dict[str, float]` (the contract
 * checked it at entry; what the dict holds later is guarded at every read) and k a boxed local, a
 * str constant or `o.f` of an object local. The read (IR dict_item, `spz_dict_item_*` in
 * spz/containers.h) is pure: it looks k up only when d is an exact dict whose keys are all exact
 * strs and k is an exact str (`o.f` a plain slot) -- so no `__eq__`, `__hash__` or property runs --
 * and deopts before any effect on a miss, another key kind or an item of another type; the
 * generic code then repeats the statement (raising KeyError on a miss).
 */
export interface DictItem {
  readonly dict: string;
  /** a boxed local, a str constant, or `o.attr` of a local holding an object (a plain slot) */
  readonly key: { readonly local: string; readonly attr?: string } | { readonly str: string };
  readonly rep: "i64" | "f64";
}

const DICT_ITEM_REP: Record<string, "i64" | "f64"> = { int: "i64", float: "f64" };
const dictParamCache = new WeakMap<BoundFunc, ReadonlyMap<string, "i64" | "f64">>();

/** The function's parameters annotated `dict[str, int|float]`: name -> the item representation. */
function strDictParams(f: BoundFunc): ReadonlyMap<string, "i64" | "f64"> {
  let out = dictParamCache.get(f);
  if (out !== undefined) return out;
  const m = new Map<string, "i64" | "f64">();
  const a = f.def.args;
  for (const p of [...a.posonlyargs, ...a.args, ...a.kwonlyargs]) {
    const an = p.annotation;
    if (an?.kind !== "Subscript" || an.value.kind !== "Name" || an.value.name !== "dict" || an.slice.kind !== "Tuple" || an.slice.elts.length !== 2) continue;
    const [k, v] = an.slice.elts as [A.Expr, A.Expr];
    if (k.kind === "Name" && k.name === "str" && v.kind === "Name" && DICT_ITEM_REP[v.name] && !f.globals.has(p.arg)) m.set(p.arg, DICT_ITEM_REP[v.name]!);
  }
  dictParamCache.set(f, (out = m));
  return out;
}

/** The parts of a typed `d[k]` read (see DictItem), or null when e is not one. */
export function dictItem(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Pick<Cx, "f" | "lists" | "objs" | "objLists" | "listLocals">): DictItem | null {
  if (e.kind !== "Subscript" || e.value.kind !== "Name") return null;
  const rep = strDictParams(cx.f).get(e.value.name);
  if (rep === undefined || env.has(e.value.name)) return null;
  const k = e.slice;
  if (k.kind === "Constant" && k.value.t === "str" && k.value.text !== null) return { dict: e.value.name, key: { str: k.value.text }, rep };
  if (k.kind === "Name" && k.name !== e.value.name && boxedLocal(k.name, env, cx as Cx)) return { dict: e.value.name, key: { local: k.name }, rep };
  if (k.kind === "Attribute" && k.value.kind === "Name" && (cx.objs.has(k.value.name) || boxedLocal(k.value.name, env, cx as Cx))) {
    return { dict: e.value.name, key: { local: k.value.name, attr: k.attr }, rep };
  }
  return null;
}

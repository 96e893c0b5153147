/**
 * Representation facts for specialization: which locals of a @checked function can live in
 * machine registers (i64 / f64 / bool), and whether the whole body stays inside the subset the
 * specializer handles. Facts come only from the contracts (annotated parameters of @checked
 * functions, enforced at run time) and from the operations themselves — local variable
 * annotations are NOT facts (CPython never evaluates them).
 * In: a BoundFunc of a compiled @checked function. Out: SpecFacts, or the reason it is generic.
 * Invariant: a local gets a type only if every assignment to it produces that type.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc } from "../bind/index.ts";
import { walk } from "../syntax/visit.ts";
import { accumulators, appendCall, listLocalItems, newListLocals, nonNegativeLocals, repeatedLists, seqLocals } from "./locals.ts";
import { checkBody, type Classified } from "./classify.ts";
import { isInt, isMasked, isMod64, isU64Literal, u64BinRep } from "./u64.ts";
import { attrAccumulate, dictAccumulate, dictGet, dictGetRep, dictItem, type AttrAcc, type DictAcc, type DictGet } from "./dicts.ts";
import { binOps, mathFns } from "../prims/table.ts";
import { isSliceLocal } from "./slices.ts";
import { reversedIter } from "./reversed.ts";
import { fastMethod } from "./stdcoll.ts";
import { boxedTruth, noneTest, testRep } from "./truth.ts";
import { compLists, hasNestedScope, loopVars, objectItselfUsed, specGenexp, specListComp, type SpecGenexp } from "./genexp.ts";

export { appendCall, isNewList, isNonNeg, newListBinding } from "./locals.ts";

/** i128: an int accumulator (only `+=`/`-=`/assigned/returned), so sums may pass 2**63 unboxed */
/** u64: an int known to lie in [0, 2**64), the result of masked 64-bit arithmetic (facts/u64.ts) */
export type SpecRep = "i64" | "f64" | "bool" | "i128" | "u64";

export interface SpecFacts {
  readonly locals: ReadonlyMap<string, SpecRep>;
  /** the specialized parameter representation per slot ("list": an exact list, elements unknown) */
  readonly params: readonly (SpecRep | "list" | "obj")[];
  /** parameters that are instances of a @frozen class (incl. a method's self): name -> class */
  readonly objs: ReadonlyMap<string, string>;
  /** `list[C]` parameters of a @frozen class C: name -> class (loop variables over them join `objs`) */
  readonly objLists: ReadonlyMap<string, string>;
  /** the scalar fields of those classes: class -> field -> representation; `list[T]` fields of
   * scalars under listFieldKey(field) -> T */
  readonly classes: ReadonlyMap<string, ReadonlyMap<string, SpecRep>>;
  /** the @record classes among them: their fields may be stored (`o.f = v`, `o.f op= v`) */
  readonly records: ReadonlySet<string>;
  /** "Class.field": int fields of records this function reads and stores as u64 (u64Fields) */
  readonly u64Fields?: ReadonlySet<string>;
  /** dict accumulation statements (facts/dicts.ts), by statement id */
  /** dict accumulations and attribute accumulations (`kind: "attr"`) by statement id */
  readonly dictAccs: ReadonlyMap<number, DictAcc | AttrAcc | DictGet>;
  /** list parameters (never rebound) and the element representation their annotation names;
   * also the locals in `repLists` */
  readonly lists: ReadonlyMap<string, SpecRep>;
  /**
   * locals bound once, by `xs = [c] * n` (c a number constant), and nowhere else: exact lists
   * living in their generic register, read and stored like list parameters (a NULL check first:
   * the binding may not have run); name -> the statement that binds it
   */
  readonly repLists: ReadonlyMap<string, number>;
  /** the parameters among `lists` that are tuples (`tuple[T, ...]`: read-only) */
  /** row locals (`for row in a` / `row = a[i]`, a a `list[list[T]]` parameter): T by name */
  readonly seqs?: ReadonlyMap<string, SpecRep>;
  /** `list[list[T]]` parameters: T by name (`a[i][j]` reads, rowItem) */
  readonly rowParams?: ReadonlyMap<string, SpecRep>;
  readonly tuples: ReadonlySet<string>;
  /** locals only ever bound to a new `[]`, then appended to, measured and returned */
  readonly listLocals: ReadonlySet<string>;
  /** what the return annotation promises (int/i64 -> i64, float -> f64, bool -> bool), or null */
  readonly ret: "i64" | "f64" | "bool" | "u64" | null;
  /** a `tuple[int, float, ...]` return contract of scalars: the parts' representations, or null */
  readonly retParts: readonly TuplePart[] | null;
  /** compiled functions this one calls directly (by global name) */
  readonly callees: ReadonlyMap<string, Callee>;
  /** int locals that are never negative (so `%` and `//` by a positive constant are C's) */
  readonly nonneg: ReadonlySet<string>;
  /**
   * Some caller calls this function directly with object arguments or an object result
   * (facts/objArgs.ts): its direct entry takes every object parameter borrowed, and with `objRet`
   * its result is an object (None or a class instance), returned boxed.
   */
  readonly objDirect?: boolean;
  readonly objRet?: boolean;
  /** the statements `tmp = callee(...)` that make those calls (after facts/anf.ts), by node id */
  readonly callStmts: ReadonlySet<number>;
  /**
   * Statements the specialized body runs as generic code on boxed values (an "island"): the typed
   * locals they read are boxed first, the typed locals they write are unboxed after (a guard that
   * continues in the generic code after the statement when the value has another type).
   */
  readonly islands: ReadonlyMap<number, Island>;
  /** If/While tests evaluated generically (the typed locals they read are boxed first) */
  readonly genericTests: ReadonlyMap<number, Island>;
  /**
   * for loops over any other iterable: the iterator is generic (the same register as the generic
   * loop's, so a deopt in the body continues that loop), the body specialized; `reads` are what
   * the iterable expression reads, `writes` the typed loop variables (unboxed per item, a guard)
   */
  readonly genericFors: ReadonlyMap<number, Island>;
  /** zip/enumerate loops over lists lowered as index loops (facts/classify.ts) */
  readonly zipFors: ReadonlyMap<number, ZipFor>;
  /** statements where the specialized body stops and the generic code takes over, and why */
  readonly exits: ReadonlyMap<number, Boxed>;
  /**
   * Module globals bound (only) to number constants at module level: read unboxed, at each use,
   * behind a guard that the global still holds a number of that representation (facts/index.ts).
   */
  readonly consts: ReadonlyMap<string, SpecRep>;
}

/**
 * The key under which the module constants (`consts`) hold `len(name)` of a global bound only to
 * tuple/list displays at module level. The read is guarded (spz_gconst_len): the global must hold
 * an exact tuple or list at that moment, and `len` must be the builtin; a wrong guess costs speed.
 */
export const lenKey = (name: string): string => `len(${name})`;

/** Where a class's field map keeps a `list[T]` field's item representation (no identifier holds "[]"). */
export const listFieldKey = (field: string): string => `${field}[]`;

/**
 * Where a class's field map marks a float field the running module keeps as a native double (a
 * @record with a generated constructor, defined at module level: spyc.record's class gets its
 * `float` fields as T_DOUBLE members right away, specializer/src/objects.c). No identifier holds ":".
 */
export const nativeFieldKey = (field: string): string => `${field}:f64`;

/** Where a class's field map marks a field annotated `str` (its value is unused). */
export const strFieldKey = (field: string): string => `${field}:str`;

/** `o.f == s` / `o.f != s` (either order): see strCompare. */
export interface StrCompare { readonly obj: string; readonly attr: string; readonly other: A.Expr; readonly neg: boolean }

/**
 * A comparison typed bool without boxing anything (IR str_eq): `o.f == s` or `!=`, either order,
 * where f is annotated `str` in a module class (o a local or parameter holding an instance of a
 * known class with that field, or of unknown class) and s is a str constant or a boxed local. The
 * guard then requires both to be exact strs at run time, so it holds for nothing else.
 */
export function strCompare(e: A.Expr, env: ReadonlyMap<string, SpecRep>, classes: ReadonlyMap<string, ReadonlyMap<string, SpecRep>>,
  objs: ReadonlyMap<string, string>, f: BoundFunc): StrCompare | null {
  if (e.kind !== "Compare" || e.ops.length !== 1 || (e.ops[0] !== "Eq" && e.ops[0] !== "NotEq")) return null;
  const local = (n: string): boolean => !env.has(n) && (f.locals.has(n) || f.slots.includes(n));
  const z0 = e.comparators[0]!;
  for (const [a, z] of [[e.left, z0], [z0, e.left]] as const) {
    if (a.kind !== "Attribute" || a.value.kind !== "Name" || !local(a.value.name)) continue;
    const cls = objs.get(a.value.name), key = strFieldKey(a.attr);
    const isStr = cls ? classes.get(cls)?.has(key) === true : [...classes.values()].some((fields) => fields.has(key));
    const other = (z.kind === "Constant" && z.value.t === "str" && z.value.text !== null) || (z.kind === "Name" && local(z.name));
    if (isStr && other) return { obj: a.value.name, attr: a.attr, other: z, neg: e.ops[0] === "NotEq" };
  }
  return null;
}

/**
 * Field `attr` is a native double in every class of the module that has it as a scalar field: its
 * accesses may expect that layout (IR slot_get/slot_set `native`); an instance of any other class
 * (another module's, an object-slot record) then fails their guard and runs the generic code.
 */
export function nativeField(classes: ReadonlyMap<string, ReadonlyMap<string, SpecRep>>, attr: string): boolean {
  const having = [...classes.values()].filter((fields) => fields.has(attr));
  return having.length > 0 && having.every((fields) => fields.has(nativeFieldKey(attr)));
}

/** `o.f[i]` with o an instance local of a @frozen/@record class annotating f as `list[T]`: T, or null. */
export function listFieldItem(e: A.Expr, cx: ExprFacts): SpecRep | null {
  if (e.kind !== "Subscript" || e.value.kind !== "Attribute" || e.value.value.kind !== "Name") return null;
  const cls = cx.objs.get(e.value.value.name);
  return cls ? cx.classes.get(cls)?.get(listFieldKey(e.value.attr)) ?? null : null;
}

/** `math` constants read unboxed (behind a guard that `math.x` is still a float) */
export const MATH_CONSTS = new Set(["pi", "e", "tau", "inf", "nan"]);

/** Why a statement or value stays boxed: the construct, where it is. */
export interface Boxed { readonly span: A.Span; readonly why: string }

/** A statement (or test) run generically inside a specialized body. */
export interface Island extends Boxed {
  /** typed locals it reads (boxed before it runs) */
  readonly reads: readonly string[];
  /** typed locals it may bind (unboxed after it ran) */
  readonly writes: readonly string[];
}

/** What a caller may assume of a directly callable function: its contract's representations. */
export interface Callee {
  /** per argument: its unboxed representation, "list": an exact list passed as the object, or
   * "obj": any other object, passed borrowed, its contract checked at the site (facts/objArgs.ts) */
  readonly params: readonly (SpecRep | "list" | "obj")[];
  /** "obj": a None or class-instance result, passed back boxed (its contract checked at the site) */
  readonly ret: SpecRep | "obj";
  /** per argument: the key of the callee's parameter annotation (objArgs.ts annKey), for proofs */
  readonly anns?: readonly (string | null)[];
  /** a tuple-returning callee: its parts (`ret` is the first); callable only as `a, b = f(...)` */
  readonly parts?: readonly TuplePart[];
  /** node id of the callee's `def` (irbuild maps it to the callee's FuncIR) */
  readonly defId: number;
  /** a method `Class.name` of a @frozen/@record class: called as `o.name(args)`, `o` the receiver
   * (not in `params`), behind a guard on o's exact type and the class namespace (spz/direct.h) */
  readonly method?: boolean;
}
const NO_CALLEES: ReadonlyMap<string, Callee> = new Map();

export type SpecResult = { readonly ok: true; readonly facts: SpecFacts } | { readonly ok: false; readonly reason: string };

/** why a function whose values are all objects gets no specialized body (a plain one: facts/index.ts) */
export const NOTHING_TO_UNBOX = "nothing to unbox (no int, float or bool parameter or local)";

/** the representation a scalar contract annotation names */
export const ANN_REP: Readonly<Record<string, "i64" | "f64" | "bool">> = { int: "i64", i64: "i64", float: "f64", bool: "bool" };
/** builtins the specializer implements itself (guarded: not shadowed, not replaced) */
export const SPEC_BUILTINS = new Set(["abs", "min", "max", "float", "int", "round", "divmod", "range", "len"]);
/** functions of the `math` module the specializer implements (guarded: `math` is that module) */
export const SPEC_MATH: Readonly<Record<string, SpecRep>> = Object.fromEntries(mathFns());

export type TuplePart = "i64" | "f64" | "bool";

/** `tuple[int, float]` (2 to 4 int/i64/float/bool parts): the parts' representations, else null. */
export function tupleContract(r: A.Expr | null, annotationName: (e: A.Expr | null) => string | null): TuplePart[] | null {
  if (r?.kind !== "Subscript" || r.value.kind !== "Name" || r.value.name !== "tuple" || r.slice.kind !== "Tuple") return null;
  const parts = r.slice.elts.map((x) => ANN_REP[annotationName(x) ?? ""]);
  return parts.length >= 2 && parts.length <= 4 && parts.every((p) => p !== undefined) ? parts as TuplePart[] : null;
}

/** `a, b = f(args)` with f a directly callable function returning a tuple of as many parts. */
export function tupleCallAssign(s: A.Stmt, cx: Cx): { names: string[]; call: A.ExprOf<"Call">; k: Callee; fname: string } | null {
  const fname = s.kind === "Assign" ? directCallKey(s.value, cx) : null;
  if (s.kind !== "Assign" || s.targets.length !== 1 || s.targets[0]!.kind !== "Tuple" || fname === null) return null;
  const elts = s.targets[0]!.elts, call = s.value as A.ExprOf<"Call">;
  const k = cx.callees.get(fname)!;
  // (a method returning a tuple is not a direct call in parts: its call stays generic)
  if (!k.parts || k.method || elts.length !== k.parts.length || elts.some((x) => x.kind !== "Name")) return null;
  const names = elts.map((x) => (x as A.ExprOf<"Name">).name);
  return new Set(names).size === names.length ? { names, call, k, fname } : null;
}

/**
 * `.tN = f(args)` with f returning an object (Callee.ret "obj"): a typed statement whose result
 * goes to the temporary's generic register. (A temporary of facts/anf.ts: never typed.)
 */
export function objCallAssign(s: A.Stmt, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  const fname = s.kind === "Assign" ? directCallKey(s.value, cx) : null;
  if (s.kind !== "Assign" || fname === null || s.targets.length !== 1 || s.targets[0]!.kind !== "Name") return false;
  const k = cx.callees.get(fname)!, t = s.targets[0]!.name;
  if (k.ret !== "obj" || !t.startsWith(".t") || env.has(t)) return false;
  directArgs(s.value as A.ExprOf<"Call">, k, fname, env, cx);
  return true;
}

/** `q, r = divmod(a, b)`: the one place a tuple-valued builtin is specialized. */
export function divmodAssign(s: A.Stmt): { q: string; r: string; call: A.ExprOf<"Call"> } | null {
  if (s.kind !== "Assign" || s.targets.length !== 1) return null;
  const t = s.targets[0]!, v = s.value;
  if (t.kind !== "Tuple" || t.elts.length !== 2 || t.elts.some((x) => x.kind !== "Name")) return null;
  if (v.kind !== "Call" || v.func.kind !== "Name" || v.func.name !== "divmod" || v.args.length !== 2 || v.keywords.length) return null;
  const [q, r] = t.elts as A.ExprOf<"Name">[];
  return q!.name === r!.name ? null : { q: q!.name, r: r!.name, call: v };
}

/**
 * `a, b = e1, e2`: a tuple display unpacked into plain locals (as many as it has items, no
 * starred item). CPython evaluates every item before it stores any target, left to right, so the
 * specialized body computes all items into fresh registers first (`x, y = y, x % y` reads the old
 * y); a guard failing on the way leaves every target as it was.
 */
export function parallelAssign(s: A.Stmt): { names: string[]; values: readonly A.Expr[] } | null {
  if (s.kind !== "Assign" || s.targets.length !== 1) return null;
  const t = s.targets[0]!, v = s.value;
  if ((t.kind !== "Tuple" && t.kind !== "List") || v.kind !== "Tuple" || t.elts.length !== v.elts.length || t.elts.length < 2) return null;
  if (t.elts.some((x) => x.kind !== "Name") || v.elts.some((x) => x.kind === "Starred")) return null;
  return { names: t.elts.map((x) => (x as A.ExprOf<"Name">).name), values: v.elts };
}

const INT64_MAX = 2n ** 63n - 1n;

export function intConst(v: A.ConstValue): bigint | null {
  if (v.t !== "int") return null;
  try {
    const n = BigInt(v.py.replace(/_/g, "").replace(/^0([0-7]+)$/, "0o$1"));
    return n <= INT64_MAX ? n : null;
  } catch { return null; }
}

/** Why a construct has no typed lowering (thrown, caught where a statement is classified). */
export class NotSpec extends Error {}
const fail = (why: string): never => { throw new NotSpec(why); };

export function inferSpec(
  f: BoundFunc, annotationName: (e: A.Expr | null) => string | null, callees: ReadonlyMap<string, Callee> = NO_CALLEES,
  classes: ReadonlyMap<string, ReadonlyMap<string, SpecRep>> = new Map(), selfClass: string | null = null,
  consts: ReadonlyMap<string, SpecRep> = new Map(), returns: ReadonlyMap<string, SpecRep | readonly (SpecRep | null)[]> = new Map(),
  records: ReadonlySet<string> = new Set(),
): SpecResult {
  const a = f.def.args;
  if (a.vararg || a.kwarg) return { ok: false, reason: "*args/**kwargs parameters" };
  const params: (SpecRep | "list" | "obj")[] = [];
  const objs = new Map<string, string>();
  const objLists = new Map<string, string>();
  const env = new Map<string, SpecRep>();
  const lists = new Map<string, SpecRep>();
  const tuples = new Set<string>();
  /** list[list[T]] parameters: name -> T */
  const rowsOf = new Map<string, SpecRep>();
  for (const [i, p] of [...a.posonlyargs, ...a.args, ...a.kwonlyargs].entries()) {
    // a @frozen instance: its fields have the types their annotations say (checked on every store)
    const cls = i === 0 && selfClass !== null && !p.annotation ? selfClass
      : p.annotation?.kind === "Name" && classes.has(p.annotation.name) ? p.annotation.name
      : p.annotation?.kind === "Constant" && p.annotation.value.t === "str" && classes.has(p.annotation.value.text ?? "") ? p.annotation.value.text
      : null;
    if (cls !== null) {
      params.push("obj");
      objs.set(p.arg, cls);
      continue;
    }
    const an = p.annotation;
    if (an?.kind === "Subscript" && an.value.kind === "Name" && an.value.name === "list" && an.slice.kind === "Name" && classes.has(an.slice.name)) {
      params.push("list");
      objLists.set(p.arg, an.slice.name);
      continue;
    }
    // list[list[T]]: an object, whose rows the body may iterate with T items (guarded per item)
    if (an?.kind === "Subscript" && an.value.kind === "Name" && an.value.name === "list" && an.slice.kind === "Subscript" &&
        an.slice.value.kind === "Name" && an.slice.value.name === "list" && ANN_REP[annotationName(an.slice.slice) ?? ""]) {
      params.push("obj");
      rowsOf.set(p.arg, ANN_REP[annotationName(an.slice.slice)!]!);
      continue;
    }
    const ann = annotationName(p.annotation) ?? "";
    const seq = /^(list|tuple)\[(\w+)\]$/.exec(ann);
    const rep = ANN_REP[ann], elem = ANN_REP[seq?.[2] ?? ""];
    if (rep) {
      params.push(rep);
      env.set(p.arg, rep);
    } else if (elem) {
      params.push("list");
      lists.set(p.arg, elem);
      if (seq![1] === "tuple") tuples.add(p.arg);
    } else {
      // nothing to unbox: the parameter stays a boxed object (statements using it run generically)
      params.push("obj");
    }
  }
  const ret0 = ANN_REP[annotationName(f.def.returns) ?? ""] ?? null;
  const retParts = tupleContract(f.def.returns, annotationName);
  const listLocals = newListLocals(f);
  // loop variables over list[C] parameters hold C instances (only ever bound by such loops)
  const assigned = new Set<string>(f.slots);
  for (const s of f.def.body) {
    walk(s, (n) => {
      // (or by `o = xs[i]`, an item of such a parameter)
      const src = n.kind === "For" && n.target.kind === "Name" && n.iter.kind === "Name" ? { t: n.target, xs: n.iter.name }
        : n.kind === "Assign" && n.targets.length === 1 && n.targets[0]!.kind === "Name" && n.value.kind === "Subscript" &&
          n.value.value.kind === "Name" && n.value.slice.kind !== "Slice" ? { t: n.targets[0]!, xs: n.value.value.name } : null;
      if (src && objLists.has(src.xs)) {
        const n = { target: src.t as A.ExprOf<"Name">, iter: { name: src.xs } };
        const cls = objLists.get(n.iter.name)!;
        // (never a parameter: a specialized body only borrows those)
        if (f.slots.includes(n.target.name) || (objs.has(n.target.name) && objs.get(n.target.name) !== cls)) objs.set(n.target.name, "");
        else objs.set(n.target.name, cls);
      } else if ((n.kind === "Assign" || n.kind === "AugAssign" || n.kind === "AnnAssign" || n.kind === "For") && "target" in n && n.target.kind === "Name") {
        assigned.add(n.target.name);
      } else if (n.kind === "Assign") {
        for (const t of n.targets) if (t.kind === "Name") assigned.add(t.name);
      }
    });
  }
  for (const [name, cls] of objs) {
    if (cls === "" || (assigned.has(name) && !f.slots.includes(name))) return { ok: false, reason: `'${name}' holds other values too` };
  }
  const repLists = repeatedLists(f);
  for (const [name, { rep }] of repLists) lists.set(name, rep);
  const repDefs = new Map([...repLists].map(([n, r]) => [n, r.stmt]));
  const wideFields = new Set<string>();
  const cx: Cx = {
    f, callees, lists, tuples, listLocals, objs, classes, records, objLists, consts, returns, retParts, poisoned: new Set(), seqs: seqLocals(f, lists, rowsOf), rowParams: rowsOf, repLists: repDefs,
    u64Fields: wideFields, accOut: new Map(),
  };
  for (const k of u64Fields(f, env, cx)) wideFields.add(k);
  // xs = [elt for v in it]: items expected to have elt's representation (facts/genexp.ts)
  const typeIn = (e: A.Expr, v: string, rep: SpecRep): SpecRep | null => {
    try { return exprRepOf(e, new Map([...env, [v, rep]]), cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; }
  };
  for (const [name, { rep, stmt }] of compLists(f, lists, rowsOf, typeIn)) { lists.set(name, rep); repDefs.set(name, stmt); }
  // .sN = xs[a:b] of a list parameter (facts/slices.ts): a new exact list of xs's items
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Assign" && n.targets.length === 1 && n.targets[0]!.kind === "Name" && isSliceLocal(n.targets[0]!.name) &&
          n.value.kind === "Subscript" && n.value.value.kind === "Name" && lists.has(n.value.value.name) && !tuples.has(n.value.value.name)) {
        lists.set(n.targets[0]!.name, lists.get(n.value.value.name)!);
        repDefs.set(n.targets[0]!.name, n.id);
      }
      return true;
    });
  }
  let out: Classified = { islands: new Map(), genericTests: new Map(), genericFors: new Map(), exits: new Map(), zipFors: new Map() };
  const start = { env: new Map(env), acc: new Map(cx.accOut!), poisoned: new Set(cx.poisoned) };
  const analyse = (): void => {
    // iterate to a fixed point: a local's type is the type of what is assigned to it
    for (let round = 0; round < 8; round++) {
      const before = [...env.entries()].join();
      for (const s of f.def.body) assignTypes(s, env, cx, true);
      if ([...env.entries()].join() === before) break;
    }
    checkBody(f.def.body, env, cx, 0, out);
  };
  try {
    analyse();
    // a second round for facts that need the locals' types, which only the first round knows:
    // new-list locals whose items all have one type, read like rows (`out[-1]` unboxed under a
    // guard; facts/locals.ts listLocalItems), and comprehension lists whose items read typed
    // locals (`[up ** j * s for j in range(n)]`, facts/genexp.ts compLists). The rerun with them
    // is kept only if the body still checks and no more of it is left generic.
    const seqs = cx.seqs as Map<string, SpecRep>;
    const typeOf = (e: A.Expr): SpecRep | null => { try { return exprRepOf(e, env, cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; } };
    const guess = [...listLocalItems(f, listLocals, typeOf, false)].filter(([n]) => !seqs.has(n) && !lists.has(n));
    for (const [n, r] of guess) seqs.set(n, r);
    const sure = listLocalItems(f, listLocals, typeOf, true);
    for (const [n] of guess) seqs.delete(n);
    const hints = guess.filter(([n, r]) => sure.get(n) === r);
    const typeIn2 = (e: A.Expr, v: string, rep: SpecRep): SpecRep | null => {
      try { return exprRepOf(e, new Map([...env, [v, rep]]), cx); } catch (err) { if (err instanceof NotSpec) return null; throw err; }
    };
    const comps = [...compLists(f, lists, rowsOf, typeIn2)].filter(([n]) => !lists.has(n) && !seqs.has(n) && !listLocals.has(n));
    if (hints.length || comps.length) {
      // (the analysis state a rerun starts from: locals' types, poisoned names, dict accumulations)
      const saved = { env: new Map(env), out, acc: new Map(cx.accOut!), poisoned: new Set(cx.poisoned) };
      const reset = (e: ReadonlyMap<string, SpecRep>, acc: ReadonlyMap<number, DictAcc | AttrAcc | DictGet>, poisoned: ReadonlySet<string>): void => {
        env.clear(); for (const [k, v] of e) env.set(k, v);
        cx.accOut!.clear(); for (const [k, v] of acc) cx.accOut!.set(k, v);
        cx.poisoned!.clear(); for (const n of poisoned) cx.poisoned!.add(n);
      };
      const generic = (o: Classified): number => o.islands.size + o.exits.size + o.genericTests.size + o.genericFors.size;
      for (const [n, r] of hints) seqs.set(n, r);
      for (const [n, { rep, stmt }] of comps) { lists.set(n, rep); repDefs.set(n, stmt); }
      reset(start.env, start.acc, start.poisoned);
      out = { islands: new Map(), genericTests: new Map(), genericFors: new Map(), exits: new Map(), zipFors: new Map() };
      let kept = false;
      try {
        analyse();
        kept = generic(out) <= generic(saved.out);
      } catch (err) {
        if (!(err instanceof NotSpec)) throw err;
      }
      if (!kept) {
        for (const [n] of hints) seqs.delete(n);
        for (const [n] of comps) { lists.delete(n); repDefs.delete(n); }
        reset(saved.env, saved.acc, saved.poisoned);
        out = saved.out;
      }
    }
  } catch (e) {
    if (e instanceof NotSpec) return { ok: false, reason: e.message };
    throw e;
  }
  // what islands bind is known only at run time: no local analysis may rely on it
  const islandWrites = new Set([...out.islands.values(), ...out.genericFors.values()].flatMap((i) => i.writes));
  // (a function whose only typed value is what it returns -- `return d["ask"] - d["bid"]` under a
  // scalar return contract -- is specialized too: the value leaves unboxed through a direct entry)
  if (!env.size && !lists.size && !objs.size && !objLists.size && !listLocals.size && !typedReturn(f, ret0, env, cx)) {
    return { ok: false, reason: NOTHING_TO_UNBOX };
  }
  // int parameters that also hold masked values arrive as u64 (a negative argument: generic code)
  for (const [i, p] of [...a.posonlyargs, ...a.args, ...a.kwonlyargs].entries()) if (params[i] === "i64" && env.get(p.arg) === "u64") params[i] = "u64";
  const ret: SpecFacts["ret"] = ret0 === "i64" && returnsU64(f, env, cx) ? "u64" : ret0;
  for (const name of accumulators(f, env)) if (!islandWrites.has(name)) env.set(name, "i128");
  const nonneg = new Set([...nonNegativeLocals(f, env)].filter((n) => !islandWrites.has(n)));
  const used = new Map([...callees].filter(([name]) => f.def.body.some((s) => stmtCalls(s, name, cx))));
  return {
    ok: true,
    facts: { locals: env, params, lists, tuples, listLocals, objs, objLists, classes, records, u64Fields: wideFields, dictAccs: cx.accOut!, nonneg, ret, retParts, callees: used, callStmts: new Set(), consts, repLists: repDefs, seqs: cx.seqs, rowParams: rowsOf, ...out },
  };
}

/** Some `return` of the body gives a u64: the int result comes back as u64 (facts/u64.ts). */
function returnsU64(f: BoundFunc, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  let u = false;
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "FunctionDef" || n.kind === "AsyncFunctionDef" || n.kind === "Lambda" || n.kind === "ClassDef") return false;
      if (n.kind === "Return" && n.value) {
        try { if (exprRepOf(n.value, env, cx) === "u64") u = true; } catch (err) { if (!(err instanceof NotSpec)) throw err; }
      }
      return true;
    });
  }
  return u;
}

function setLocal(env: Map<string, SpecRep>, name: string, rep: SpecRep, cx: Cx): void {
  // globals (and `global` names) are not locals; a local that holds two kinds of values stays boxed
  if (!cx.f.locals.has(name) || cx.f.globals.has(name) || cx.poisoned?.has(name)) return;
  const old = env.get(name);
  // an int local that also holds masked 64-bit values (`h = 0`, `h = h * P & MASK64`) is u64;
  // the int64 values stored into it are guarded non-negative
  if ((old === "i64" && rep === "u64") || (old === "u64" && rep === "i64")) { env.set(name, "u64"); return; }
  if (old && old !== rep) { poison(env, name, cx); return; }
  if (cx.f.slots.includes(name) && !old) return; // a parameter with no number contract stays boxed
  env.set(name, rep);
}

/** The local names an assignment target binds (`a`, `a, (b, *c)`; none for `x.y` or `x[i]`). */
export function boundNames(t: A.Expr): string[] {
  switch (t.kind) {
    case "Name": return [t.name];
    case "Tuple": case "List": return t.elts.flatMap(boundNames);
    case "Starred": return boundNames(t.value);
    default: return [];
  }
}

/** A local that holds other values than numbers: boxed (a parameter keeps its contract's rep). */
function poison(env: Map<string, SpecRep>, name: string, cx: Cx): void {
  if (cx.f.slots.includes(name)) return;
  env.delete(name);
  cx.poisoned?.add(name);
}

/** First pass: learn local types from assignments (unknown operands are skipped for now). */
function assignTypes(s: A.Stmt, env: Map<string, SpecRep>, cx: Cx, lenient: boolean): void {
  const typeOf = (e: A.Expr): SpecRep | null => {
    try { return exprRepOf(e, env, cx); } catch (err) { if (lenient && err instanceof NotSpec) return null; throw err; }
  };
  const poisonTargets = (t: A.Expr): void => { for (const n of boundNames(t)) poison(env, n, cx); };
  switch (s.kind) {
    case "Assign": {
      const dm = divmodAssign(s);
      if (dm) {
        const t = typeOf(dm.call.args[0]!), u = typeOf(dm.call.args[1]!);
        if (t === "u64" || u === "u64") { poison(env, dm.q, cx); poison(env, dm.r, cx); return; }
        if (t && u) { const r = t === "i64" && u === "i64" ? "i64" : "f64"; setLocal(env, dm.q, r, cx); setLocal(env, dm.r, r, cx); }
        return;
      }
      // None, strings, containers…: a local bound to them is an object, not a number
      const boxedConst = s.value.kind === "Constant" && !["int", "float", "bool"].includes(s.value.value.t);
      const parts = s.targets.length === 1 ? contractOf(s.value, cx) : null;
      const elts = s.targets[0]!.kind === "Tuple" || s.targets[0]!.kind === "List" ? s.targets[0]!.elts : null;
      if (parts && typeof parts !== "string" && elts && elts.length === parts.length) {
        // `lo, hi = extremes(xs)` with `-> tuple[float, float]`: each part as its contract says
        elts.forEach((t, i) => (t.kind === "Name" && parts[i] ? setLocal(env, t.name, parts[i]!, cx) : poisonTargets(t)));
        return;
      }
      const pa = parallelAssign(s);
      if (pa) {
        // `a, b = e1, e2`: each local as its own item (a non-number item makes it an object)
        pa.names.forEach((n, i) => {
          const v = pa.values[i]!;
          if (v.kind === "Constant" && !["int", "float", "bool"].includes(v.value.t)) { poison(env, n, cx); return; }
          const r = typeOf(v) ?? contractRep(v, cx);
          if (r) setLocal(env, n, r, cx);
        });
        return;
      }
      for (const t of s.targets) {
        if (t.kind !== "Name") { poisonTargets(t); continue; }
        if (boxedConst) { poison(env, t.name, cx); continue; }
        // a generic call of a @checked function: its return contract says what comes back
        const r = typeOf(s.value) ?? contractRep(s.value, cx) ?? dictGetRep(s.value, env, cx);
        if (r) setLocal(env, t.name, r, cx);
      }
      return;
    }
    case "AnnAssign":
      if (s.value && s.target.kind === "Name") { const t = typeOf(s.value); if (t) setLocal(env, s.target.name, t, cx); }
      return;
    case "AugAssign":
      if (s.target.kind === "Name" && env.has(s.target.name)) {
        const t = typeOf({ kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr);
        if (t) setLocal(env, s.target.name, t, cx);
      }
      return;
    case "For": {
      // reversed(xs) / reversed(range(...)): the items of xs / the range, in reverse (facts/reversed.ts)
      const it = reversedIter(s.iter, cx) ?? s.iter;
      const range = it.kind === "Call" && it.func.kind === "Name" && it.func.name === "range";
      if (s.target.kind === "Name" && !cx.objs.has(s.target.name) && it.kind === "Name" && cx.lists.has(it.name)) setLocal(env, s.target.name, cx.lists.get(it.name)!, cx);
      else if (s.target.kind === "Name" && !cx.objs.has(s.target.name) && range) setLocal(env, s.target.name, "i64", cx);
      else if (!(s.target.kind === "Name" && it.kind === "Name" && cx.objLists.has(it.name))) {
        // enumerate(xs) / zip(xs, ys, …) over list parameters: the items' types are known
        // (guarded per item); any other iterable binds objects
        // a row of a list[list[T]]: its items are T
        if (s.target.kind === "Name" && it.kind === "Name" && cx.seqs?.has(it.name)) {
          setLocal(env, s.target.name, cx.seqs.get(it.name)!, cx);
          for (const x of [...s.body, ...s.orelse]) assignTypes(x, env, cx, lenient);
          return;
        }
        const parts = iterParts(it, cx);
        const elts = s.target.kind === "Tuple" || s.target.kind === "List" ? s.target.elts : null;
        if (parts && elts && elts.length === parts.length) {
          elts.forEach((t, i) => (t.kind === "Name" && parts[i] ? setLocal(env, t.name, parts[i]!, cx) : poisonTargets(t)));
        } else poisonTargets(s.target);
      }
      for (const x of [...s.body, ...s.orelse]) assignTypes(x, env, cx, lenient);
      return;
    }
    case "While": case "If":
      for (const x of [...s.body, ...s.orelse]) assignTypes(x, env, cx, lenient);
      return;
    default:
      return;
  }
}

/**
 * `f(...)` of a module-level @checked function, or `self.m(...)` of a @checked method of the
 * method's own class, whose return contract names a number: the representation its result has
 * (still unboxed under a guard: the global or the method may have been rebound).
 */
function contractRep(e: A.Expr, cx: Cx): SpecRep | null {
  if (e.kind !== "Call" || !cx.returns) return null;
  const fn = e.func;
  const r = contractOf(e, cx);
  return typeof r === "string" ? r : null;
}

/** The return contract of a call of a @checked function or method of self's class (see contractRep). */
function contractOf(e: A.Expr, cx: Cx): SpecRep | readonly (SpecRep | null)[] | null {
  if (e.kind !== "Call" || !cx.returns) return null;
  const fn = e.func;
  if (fn.kind === "Name" && !cx.f.locals.has(fn.name)) return cx.returns.get(fn.name) ?? null;
  const self = cx.f.slots[0], cls = cx.f.classPath[cx.f.classPath.length - 1];
  if (fn.kind === "Attribute" && fn.value.kind === "Name" && fn.value.name === self && cls !== undefined) return cx.returns.get(`${cls}.${fn.attr}`) ?? null;
  return null;
}

/** One sequence a typed `zip`/`enumerate` loop walks: a list/tuple parameter or a row local. */
export interface ZipArg {
  readonly name: string;
  readonly elem: SpecRep;
  /** "param": in `lists` (always bound, exact type known); "row": a row of a list[list[T]],
   * a boxed local guarded to be bound and an exact list when the loop starts */
  readonly from: "param" | "row";
}

/** `for a, b in zip(xs, ys)` / `for i, x in enumerate(xs)` that can run as an index loop */
export interface ZipFor {
  readonly fn: "zip" | "enumerate";
  readonly args: readonly ZipArg[];
  readonly targets: readonly string[];
}

/** The typed zip/enumerate loop `s` is (null: another loop, or a part of unknown type). */
export function zipFor(s: A.StmtOf<"For" | "AsyncFor">, cx: Cx): ZipFor | null {
  const it = s.iter, t = s.target;
  if (s.kind !== "For" || it.kind !== "Call" || it.func.kind !== "Name" || it.keywords.length || cx.f.locals.has(it.func.name)) return null;
  const fn = it.func.name;
  if (!(fn === "zip" && it.args.length >= 1 && it.args.length <= 4) && !(fn === "enumerate" && it.args.length === 1)) return null;
  const args: ZipArg[] = [];
  for (const a of it.args) {
    if (a.kind !== "Name") return null;
    const p = cx.lists.get(a.name), r = cx.seqs?.get(a.name);
    if (p) args.push({ name: a.name, elem: p, from: "param" });
    else if (r) args.push({ name: a.name, elem: r, from: "row" });
    else return null;
  }
  if ((t.kind !== "Tuple" && t.kind !== "List") || t.elts.length !== (fn === "zip" ? args.length : 2)) return null;
  if (!t.elts.every((x) => x.kind === "Name")) return null;
  return { fn, args, targets: t.elts.map((x) => (x as A.ExprOf<"Name">).name) };
}

/** The item parts of `enumerate(xs)` / `zip(xs, ys, …)` over list parameters (null: unknown). */
function iterParts(it: A.Expr, cx: Cx): (SpecRep | null)[] | null {
  if (it.kind !== "Call" || it.func.kind !== "Name" || it.keywords.length || cx.f.locals.has(it.func.name)) return null;
  const elem = (e: A.Expr): SpecRep | null => (e.kind === "Name" && (cx.lists.get(e.name) ?? cx.seqs?.get(e.name))) || null;
  if (it.func.name === "enumerate" && it.args.length === 1) return ["i64", elem(it.args[0]!)];
  if (it.func.name === "zip" && it.args.length >= 1) return it.args.map(elem);
  return null;
}

/** What typing an expression needs to know of its function besides the locals' representations. */
export type ExprFacts = Pick<SpecFacts, "callees" | "lists" | "tuples" | "listLocals" | "objs" | "classes" | "records" | "u64Fields" | "objLists" | "consts">;
const NO_FACTS: ExprFacts = {
  callees: new Map(), lists: new Map(), tuples: new Set(), listLocals: new Set(), objs: new Map(), classes: new Map(), records: new Set(), objLists: new Map(),
  consts: new Map(),
};

export interface Cx extends ExprFacts {
  readonly f: BoundFunc;
  readonly poisoned?: Set<string>;
  /** return contracts of @checked functions (`name`) and methods (`Class.name`) that name a number */
  readonly returns?: ReadonlyMap<string, SpecRep | readonly (SpecRep | null)[]>;
  /** boxed locals known to hold lists of numbers of one representation (rows of list[list[T]]) */
  readonly seqs?: ReadonlyMap<string, SpecRep>;
  readonly rowParams?: ReadonlyMap<string, SpecRep>;
  /** `xs = [c] * n` locals and the statement binding each */
  readonly repLists?: ReadonlyMap<string, number>;
  /** filled by checkStmt: the dict accumulation statements (facts/dicts.ts) */
  readonly accOut?: Map<number, DictAcc | AttrAcc | DictGet>;
  /** the function's own tuple return contract (tupleContract) */
  readonly retParts?: readonly TuplePart[] | null;
}

/** The exponent of `x ** 2` / `x ** 0.5` that float code computes itself (0..64 or 0.5), or null. */
export function powConst(e: A.Expr): number | null {
  if (e.kind !== "Constant") return null;
  if (e.value.t === "float") return Number(e.value.py) === 0.5 ? 0.5 : null;
  const k = intConst(e.value);
  return k !== null && k >= 0n && k <= 64n ? Number(k) : null;
}

/** `math.pi` and friends, `math` being a global (the guard checks it is a module). */
export function isMathConst(e: A.Expr, f: BoundFunc): boolean {
  return e.kind === "Attribute" && e.value.kind === "Name" && e.value.name === "math" && MATH_CONSTS.has(e.attr) && !f.locals.has("math");
}

/** The literal n of `round(x, n)` when it is an int 0..22 (what spz_f64_round_digits computes). */
export function roundDigits(e: A.Expr): number | null {
  const k = e.kind === "Constant" ? intConst(e.value) : null;
  return k !== null && k >= 0n && k <= 22n ? Number(k) : null;
}

/** `xs[i]` of a list parameter with an int index. */
function listItem(e: A.Expr, cx: Cx): SpecRep | null {
  if (e.kind !== "Subscript" || e.value.kind !== "Name" || !cx.lists.has(e.value.name)) return null;
  if (e.slice.kind === "Slice") return fail("slice of a list");
  return cx.lists.get(e.value.name)!;
}

/** `row[i]` of a row local (a `list[list[T]]` parameter's item, checked an exact list when read): T. */
export function rowItem(e: A.Expr, cx: Pick<Cx, "seqs" | "rowParams">): SpecRep | null {
  if (e.kind !== "Subscript" || e.slice.kind === "Slice") return null;
  if (e.value.kind === "Name") return cx.seqs?.get(e.value.name) ?? null;
  // a[i][j] of a list[list[T]] parameter
  const v = e.value;
  if (v.kind !== "Subscript" || v.value.kind !== "Name" || v.slice.kind === "Slice") return null;
  return cx.rowParams?.get(v.value.name) ?? null;
}

/** `xs[i].f` with xs a `list[C]` parameter of a @frozen/@record class C (no call in i): its parts. */
export function objItemField(e: A.Expr, cx: Pick<ExprFacts, "objLists" | "callees">): { list: string; index: A.Expr; cls: string } | null {
  if (e.kind !== "Attribute" || e.value.kind !== "Subscript" || e.value.value.kind !== "Name" || e.value.slice.kind === "Slice") return null;
  const cls = cx.objLists.get(e.value.value.name);
  if (cls === undefined || hasDirectCall(e.value.slice, cx as Cx)) return null;
  return { list: e.value.value.name, index: e.value.slice, cls };
}

/** `o.f` where o holds a @record instance and f an int/float/bool field: the field's rep, or null. */
export function recordField(t: A.Expr, cx: Cx): SpecRep | null {
  if (t.kind !== "Attribute" || t.value.kind !== "Name") return null;
  const cls = cx.objs.get(t.value.name);
  return cls !== undefined && cx.records.has(cls) ? fieldRep(cls, t.attr, cx) : null;
}

/**
 * `o.f` on a boxed local o of unknown class, f a scalar field of the module's @frozen/@record
 * classes that all such classes type alike: read as that representation. No fact about o is
 * needed -- slot_get reads only a plain slot of o's exact type (what `o.f` reads then) holding
 * an object of exactly that type, and deopts otherwise.
 */
function speculatedField(name: string, attr: string, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep | null {
  if (env.has(name) || !(cx.f.locals.has(name) || cx.f.slots.includes(name))) return null;
  const reps = new Set([...cx.classes.values()].map((fields) => fields.get(attr)).filter((r) => r !== undefined));
  return reps.size === 1 ? [...reps][0]! : null;
}

/** Whether a scalar return contract has a `return` whose value is typed (the only typed value). */
function typedReturn(f: BoundFunc, ret: SpecRep | null, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  if (ret === null) return false;
  let found = false;
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind === "Return" && n.value !== null && !found) {
        try { exprRepOf(n.value, env, cx); found = true; } catch (err) { if (!(err instanceof NotSpec)) throw err; }
      }
      return !found;
    });
  }
  return found;
}

/** The representation field `attr` of class `cls` is read and stored in (u64: see u64Fields). */
function fieldRep(cls: string, attr: string, cx: Cx): SpecRep | null {
  const t = cx.classes.get(cls)?.get(attr) ?? null;
  return t === "i64" && cx.u64Fields?.has(`${cls}.${attr}`) ? "u64" : t;
}

/**
 * Int fields of @record instances that the function stores masked 64-bit values into
 * (`self.state = (self.state * A + C) & MASK64`): read and stored as u64 here, so the value may
 * pass 2**63 unboxed (a negative value read deopts; the store takes only `int` fields, spec.h).
 */
function u64Fields(f: BoundFunc, env: ReadonlyMap<string, SpecRep>, cx: Cx): Set<string> {
  const out = new Set<string>();
  for (const s of f.def.body) {
    walk(s, (n) => {
      if (n.kind !== "Assign" || n.targets.length !== 1 || recordField(n.targets[0]!, cx) !== "i64") return true;
      try {
        if (exprRepOf(n.value, env, cx) === "u64") {
          const t = n.targets[0] as A.ExprOf<"Attribute">;
          out.add(`${cx.objs.get((t.value as A.ExprOf<"Name">).name)}.${t.attr}`);
        }
      } catch (err) { if (!(err instanceof NotSpec)) throw err; }
      return true;
    });
  }
  return out;
}

/** A value of rep `v` may be stored in a local of rep `local` (int64 into u64: guarded non-negative). */
const assignable = (v: SpecRep, local: SpecRep | undefined): boolean => v === local || (v === "i64" && local === "u64");

/** A simple statement in the typed subset, or NotSpec saying why not (compound ones: checkOne). */
export function checkStmt(s: A.Stmt, env: Map<string, SpecRep>, cx: Cx, loops: number): void {
  const f = cx.f;
  const exprRep = (e: A.Expr, en: ReadonlyMap<string, SpecRep>, _fn: BoundFunc): SpecRep => exprRepOf(e, en, cx);
  const acc = s.kind === "Assign" || s.kind === "AugAssign" ? dictAccumulate(s, env, cx) ?? attrAccumulate(s, env, cx) ?? dictGet(s, env, cx) : null;
  if (acc) { cx.accOut?.set(s.id, acc); return; }
  switch (s.kind) {
    case "Assign":
      if (divmodAssign(s)) {
        const dm = divmodAssign(s)!;
        if (f.locals.has("divmod")) fail("'divmod' is a local");
        const a = exprRep(dm.call.args[0]!, env, f), b = exprRep(dm.call.args[1]!, env, f);
        if (a === "bool" || b === "bool") fail("divmod of bool");
        if (a === "u64" || b === "u64") fail("divmod of a masked 64-bit int");
        if (env.get(dm.q) !== (a === "i64" && b === "i64" ? "i64" : "f64") || env.get(dm.q) !== env.get(dm.r)) fail("divmod targets hold other values too");
        return;
      }
      if (objCallAssign(s, env, cx)) return;
      if (tupleCallAssign(s, cx)) {
        const tc = tupleCallAssign(s, cx)!;
        directArgs(tc.call, tc.k, tc.fname, env, cx);
        tc.names.forEach((n, i) => { if (env.get(n) !== tc.k.parts![i]) fail(`'${n}' holds other values too`); });
        return;
      }
      // a call in the index is hoisted (facts/anf.ts) when the container is a local name
      if (s.targets.length === 1 && s.targets[0]!.kind === "Subscript" && s.targets[0]!.value.kind !== "Name" && hasDirectCall(s.targets[0]!.slice, cx)) fail("call in the index of an assignment target");
      if (s.targets.length === 1 && listItem(s.targets[0]!, cx)) {
        if (cx.tuples.has(((s.targets[0] as A.ExprOf<"Subscript">).value as A.ExprOf<"Name">).name)) fail("item assignment to a tuple");
        // xs[i] = v stores v as the object it is (the list's annotation is not re-checked)
        if (!isInt(exprRep((s.targets[0] as A.ExprOf<"Subscript">).slice, env, f))) fail("list index is not an int");
        exprRep(s.value, env, f);
        return;
      }
      if (s.targets.length === 1 && listFieldItem(s.targets[0]!, cx)) {
        // o.f[i] = v, f a list[T] field: v stored as the object it is (spz/objlist.h)
        const t = s.targets[0] as A.ExprOf<"Subscript">;
        if (t.slice.kind === "Slice" || !isInt(exprRep(t.slice, env, f))) fail("list index is not an int");
        exprRep(s.value, env, f);
        return;
      }
      // xs = [elt for v in it] into its comprehension-list local, or into a local that stays boxed
      if (s.targets.length === 1 && s.targets[0]!.kind === "Name" && boxedTarget(s.targets[0]!.name, s.id, env, cx) &&
          listCompValue(s.value, env, cx)) return;
      if (s.targets.length === 1 && s.targets[0]!.kind === "Name" && cx.lists.has(s.targets[0]!.name)) {
        if (!cx.repLists?.has(s.targets[0]!.name)) fail("list parameter rebound");
        if (isSliceLocal(s.targets[0]!.name)) fail("the slice is copied by generic code (the loop over it is specialized)");
        fail(s.value.kind === "ListComp" ? "the comprehension builds its list generically (its items are read unboxed later)"
          : "a new list (it stays in its boxed register)");
      }
      if (s.targets.length === 1 && s.targets[0]!.kind === "Name" && cx.listLocals.has(s.targets[0]!.name)) {
        // xs = [a, b]: every item a typed value, appended in C like xs.append(v)
        displayItems(s.value as A.ExprOf<"List">, env, cx);
        return;
      }
      if (s.targets.length === 1 && s.targets[0]!.kind === "Name" && cx.objs.has(s.targets[0]!.name)) {
        // o = xs[i] of a list[C] parameter: the item, in o's own register (bounds guarded)
        const v = s.value;
        if (v.kind !== "Subscript" || v.value.kind !== "Name" || !cx.objLists.has(v.value.name)) fail("object parameter rebound");
        if (!isInt(exprRep((v as A.ExprOf<"Subscript">).slice, env, f))) fail("list index is not an int");
        return;
      }
      if (s.targets.length === 1 && recordField(s.targets[0]!, cx)) {
        // o.f = v on a @record instance: v must already have the field's type (no int -> float here)
        if (!assignable(exprRep(s.value, env, f), recordField(s.targets[0]!, cx)!)) fail("store of another type into a record field");
        return;
      }
      if (s.targets.length === 1 && s.targets[0]!.kind === "Name" && cx.seqs?.has(s.targets[0]!.name)) {
        fail("the row is bound by generic code (its items are read unboxed later)");
      }
      if (parallelAssign(s)) {
        const pa = parallelAssign(s)!;
        pa.names.forEach((n, i) => {
          if (!env.has(n) || cx.lists.has(n) || cx.objs.has(n) || cx.listLocals.has(n)) fail(`'${n}' is not an int, float or bool local`);
          if (!assignable(exprRep(pa.values[i]!, env, f), env.get(n))) fail(`assignment changes the type of '${n}'`);
        });
        return;
      }
      if (s.targets.length > 1 && s.targets.every((t) => t.kind === "Name")) {
        // a = b = v: v evaluated once, stored left to right; the same representation everywhere,
        // so no store has a guard (a deopt between two stores would re-run v on a changed local)
        const v = exprRep(s.value, env, f);
        for (const t of s.targets as A.ExprOf<"Name">[]) {
          if (cx.lists.has(t.name) || cx.listLocals.has(t.name) || cx.objs.has(t.name)) fail("chained assignment to a list or object local");
          if (env.get(t.name) !== v) fail("assignment changes a local's type");
        }
        return;
      }
      if (s.targets.length !== 1 || s.targets[0]!.kind !== "Name") fail("assignment to something other than one local");
      if (!assignable(exprRep(s.value, env, f), env.get((s.targets[0] as A.ExprOf<"Name">).name))) fail("assignment changes a local's type");
      return;
    case "AnnAssign":
      if (!s.value) return;
      if (s.target.kind === "Name" && cx.listLocals.has(s.target.name)) {
        // xs: list[float] = [a, b]: as `xs = [a, b]` (the annotation of a local is not evaluated)
        displayItems(s.value as A.ExprOf<"List">, env, cx);
        return;
      }
      if (s.target.kind !== "Name" || !assignable(exprRep(s.value, env, f), env.get(s.target.name))) fail("annotated assignment");
      return;
    case "AugAssign": {
      if (s.target.kind === "Subscript" && s.target.value.kind !== "Name" && hasDirectCall(s.target.slice, cx)) fail("call in the index of an assignment target");
      if (s.target.kind === "Subscript" && listItem(s.target, cx) && !cx.tuples.has((s.target.value as A.ExprOf<"Name">).name)) {
        // xs[i] += v on a list parameter: the item read (guarded), the result stored boxed
        if (!isInt(exprRep(s.target.slice, env, f))) fail("list index is not an int");
        exprRep({ kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr, env, f);
        return;
      }
      if (s.target.kind === "Subscript" && s.target.slice.kind !== "Slice" && listFieldItem(s.target, cx)) {
        // o.f[i] op= v, f a list[T] field: the item read (guarded), the result stored boxed
        if (!isInt(exprRep(s.target.slice, env, f))) fail("list index is not an int");
        exprRep({ kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr, env, f);
        return;
      }
      if (recordField(s.target, cx)) {
        // o.f op= v on a @record instance: read (guarded), compute, store
        const t = exprRep({ kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr, env, f);
        if (!assignable(t, recordField(s.target, cx)!)) fail("augmented assignment changes a record field's type");
        return;
      }
      if (s.target.kind !== "Name") fail("augmented assignment to something other than a local");
      const t = exprRep({ kind: "BinOp", left: s.target, op: s.op, right: s.value, id: s.id, span: s.span } as A.Expr, env, f);
      if (!assignable(t, env.get((s.target as A.ExprOf<"Name">).name))) fail("augmented assignment changes a local's type");
      return;
    }
    case "Return":
      if (!s.value) fail("return without a value");
      if (s.value!.kind === "Name" && cx.listLocals.has(s.value!.name)) return;
      if (listCompValue(s.value!, env, cx)) return;
      if (cx.retParts && s.value!.kind === "Tuple") {
        // `return a, b` under a tuple contract: the parts, each as its contract part wants
        const elts = s.value!.elts;
        if (elts.length !== cx.retParts.length) fail("return of a tuple of another length than the contract's");
        elts.forEach((x, i) => {
          const r = exprRep(x, env, f), want = cx.retParts![i]!;
          if (r !== want && !(r === "i64" && want === "f64")) fail(`part ${i + 1} of the returned tuple is ${r}, the contract wants ${want}`);
        });
        return;
      }
      if (s.value!.kind === "Name" && !env.has(s.value!.name) && f.locals.has(s.value!.name)) {
        // (the statement stays generic, once per call: say so in the user's terms)
        fail(`returns '${s.value!.name}', an object the function holds boxed (nothing to unbox)`);
      }
      exprRep(s.value!, env, f);
      return;
    case "Break": case "Continue":
      if (!loops) fail("break outside loop");
      return;
    case "Pass":
      return;
    case "Delete":
      // `del .sN` after a loop over a parameter slice (facts/slices.ts): the list is released
      if (s.targets.every((t) => t.kind === "Name" && isSliceLocal(t.name) && cx.repLists?.has(t.name))) return;
      return fail("Delete statement");
    case "Expr":
      if (s.value.kind === "Constant") return;
      // the bound check of a list local that call hoisting puts before `xs[f(i)] = ...`
      if (s.value.kind === "Name" && cx.lists.has(s.value.name)) return;
      if (s.value.kind === "Call" && isDirectCall(s.value, cx)) { exprRep(s.value, env, f); return; }
      if (appendCall(s.value, cx.listLocals)) { exprRep(appendCall(s.value, cx.listLocals)!.value, env, f); return; }
      return fail(s.value.kind === "Call" ? `call of ${calleeText(s.value.func)} as a statement (${genericCallText(s.value)})` : `${s.value.kind} as a statement`);
    default:
      return fail(`${s.kind} statement`);
  }
}

/** The arguments of a direct call: positional, as many as the callee takes, of its contract's types. */
/**
 * A local that stays in its generic register (no scalar, list or instance fact, not a parameter)
 * passed to a `list[T]` parameter of a direct call: the call site guards that it holds an exact
 * list -- all the callee's contract checks -- and otherwise makes the generic call.
 */
export function boxedListArg(n: string, env: ReadonlyMap<string, SpecRep>, cx: ExprFacts & { readonly f: BoundFunc }): boolean {
  return n !== "" && cx.f.locals.has(n) && !cx.f.slots.includes(n) && !env.has(n) && !cx.lists.has(n) && !cx.listLocals.has(n) &&
    !cx.objs.has(n) && !cx.objLists.has(n);
}

function directArgs(e: A.ExprOf<"Call">, k: Callee, name: string, env: ReadonlyMap<string, SpecRep>, cx: Cx): void {
  if (e.keywords.length || e.args.length !== k.params.length) fail(`call of ${name} with other than ${k.params.length} positional arguments`);
  e.args.forEach((x, i) => {
    const want = k.params[i]!;
    if (want === "obj") {
      // the caller's object in its generic register (a parameter or a boxed local), borrowed
      const n = x.kind === "Name" ? x.name : "";
      if (n !== "" && (cx.f.locals.has(n) || cx.f.slots.includes(n)) && !env.has(n) && !cx.lists.has(n)) return;
      return fail(`argument ${i + 1} of ${name}() is not a local holding an object`);
    }
    if (want === "list") {
      // a list parameter or new-list local of the caller: an exact list (the callee's contract
      // checks no more than `type(v) is list`), passed as the object it is
      const n = x.kind === "Name" ? x.name : "";
      if ((cx.lists.has(n) && !cx.tuples.has(n)) || cx.listLocals.has(n)) return;
      // any other boxed local (not a parameter): passed when it holds an exact list (guarded)
      if (boxedListArg(n, env, cx)) return;
      return fail(`argument ${i + 1} of ${name}() is not a list parameter or list local`);
    }
    const r = exprRepOf(x, env, cx);
    // the callee's contract promotes an exact int to float, exactly as (double) does
    if (r !== want && !(isInt(r) && (want === "f64" || isInt(want)))) fail(`argument ${i + 1} of ${name}() is ${r}, the contract wants ${want}`);
  });
}

/** A call of a directly callable compiled function (not a local, not a builtin we implement). */
export function isDirectCall(e: A.Expr, cx: Cx): boolean {
  return directCallKey(e, cx) !== null;
}

/**
 * The callee of a direct call: a global function's name, or `Class.name` for `o.name(args)` where
 * the local `o` holds an instance of that @frozen/@record class (no Python name contains a dot).
 */
export function directCallKey(e: A.Expr, cx: Pick<Cx, "callees" | "objs" | "f">): string | null {
  if (e.kind !== "Call") return null;
  if (e.func.kind === "Name") {
    const n = e.func.name;
    return cx.callees.has(n) && !SPEC_BUILTINS.has(n) && !cx.f.locals.has(n) ? n : null;
  }
  if (e.func.kind !== "Attribute" || e.func.value.kind !== "Name") return null;
  const cls = cx.objs.get(e.func.value.name);
  if (cls !== undefined) {
    const key = `${cls}.${e.func.attr}`;
    return cls && cx.callees.get(key)?.method ? key : null;
  }
  // o.m(args) on any other local: m a directly callable method of exactly one module class. The
  // site's guard (spz_method_target) resolves m on o's exact type and accepts only this def's
  // compiled function, so a receiver of another type (or unbound, or a number) runs generically.
  const o = e.func.value.name;
  if (!cx.f.locals.has(o) && !cx.f.slots.includes(o)) return null;
  return speculatedMethod(e.func.attr, cx.callees);
}

/** The one `Class.attr` among the direct callees that is a method, or null (none, or several). */
function speculatedMethod(attr: string, callees: ReadonlyMap<string, Callee>): string | null {
  // (computed each time: the callee map shrinks during the fixed point in facts/index.ts)
  let found: string | null = null;
  for (const [key, k] of callees) {
    if (!k.method || key.slice(key.indexOf(".") + 1) !== attr) continue;
    if (found !== null) return null;
    found = key;
  }
  return found;
}

/** Whether `pred` holds for e or any of its operands (through the expression kinds the subset has). */
export function someOperand(e: A.Expr, pred: (x: A.Expr) => boolean): boolean {
  if (pred(e)) return true;
  const any = (xs: readonly A.Expr[]): boolean => xs.some((x) => someOperand(x, pred));
  switch (e.kind) {
    case "BinOp": return any([e.left, e.right]);
    case "UnaryOp": return any([e.operand]);
    case "Compare": return any([e.left, ...e.comparators]);
    case "BoolOp": return any(e.values);
    case "IfExp": return any([e.test, e.body, e.orelse]);
    case "Call": return any(e.args);
    case "Subscript": return any([e.value, e.slice]);
    // `return f(x) + 1, y`: the parts of a tuple return
    case "Tuple": return any(e.elts);
    default: return false;
  }
}

/**
 * The items of a new list local's display, each a typed value. A direct call among them is not
 * hoisted (anf.ts lifts calls out of operators, not out of displays), so it cannot be typed here.
 */
function displayItems(v: A.ExprOf<"List">, env: ReadonlyMap<string, SpecRep>, cx: Cx): void {
  for (const e of v.elts) {
    if (hasDirectCall(e, cx)) throw new NotSpec("a call of a compiled function inside a list display");
    exprRepOf(e, env, cx);
  }
}

export function hasDirectCall(e: A.Expr, cx: Cx): boolean {
  return someOperand(e, (x) => isDirectCall(x, cx));
}

function stmtCalls(s: A.Stmt, name: string, cx: Cx): boolean {
  const inExpr = (e: A.Expr | null | undefined): boolean =>
    !!e && someOperand(e, (x) => directCallKey(x, cx) === name);
  switch (s.kind) {
    case "Assign": return inExpr(s.value) || s.targets.some((t) => t.kind === "Subscript" && inExpr(t.slice));
    case "AugAssign": return inExpr(s.value) || (s.target.kind === "Subscript" && inExpr(s.target.slice));
    case "AnnAssign": case "Return": case "Expr": return inExpr(s.value);
    case "If": case "While": return inExpr(s.test) || [...s.body, ...s.orelse].some((x) => stmtCalls(x, name, cx));
    case "For": return inExpr(s.iter) || [...s.body, ...s.orelse].some((x) => stmtCalls(x, name, cx));
    default: return false;
  }
}

/** How a generic call runs, for reasons: the deque/heapq sites have a C fast path (facts/stdcoll.ts). */
function genericCallText(e: A.ExprOf<"Call">): string {
  const m = fastMethod(e);
  if (m === null) return "a generic call";
  if (m === "deque.append") return "a generic call, in C for an exact list or deque";
  return m.startsWith("deque.") ? "a generic call, in C for an exact deque" : "a generic call, in C for CPython's heapq on a list of int64 ints";
}

/** A callee as the user wrote it, for reasons (`sorted()`, `q.popleft()`, `self.book.add()`). */
function calleeText(e: A.Expr): string {
  const path = (x: A.Expr): string | null =>
    x.kind === "Name" ? x.name : x.kind === "Attribute" ? ((p) => (p === null ? null : `${p}.${x.attr}`))(path(x.value)) : null;
  const p = path(e);
  return p === null ? `a computed ${e.kind} callee` : `${p}()`;
}

// the operators with an unboxed lowering: rows of the primitive table
const INT_OPS = binOps("i64");
const FLOAT_OPS = binOps("f64");

export function exprRep(e: A.Expr, env: ReadonlyMap<string, SpecRep>, f: BoundFunc, facts: ExprFacts = NO_FACTS): SpecRep {
  return exprRepOf(e, env, { ...facts, f });
}

/** Whether a BinOp computes its operands modulo 2**64 (facts/u64.ts), as irbuild must lower it. */
export function maskedExpr(e: A.Expr, env: ReadonlyMap<string, SpecRep>, f: BoundFunc, facts: ExprFacts = NO_FACTS): boolean {
  return isMasked(e, env, { ...facts, f });
}

export function exprRepOf(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep {
  const exprRep = (x: A.Expr, en: ReadonlyMap<string, SpecRep>, _fn: BoundFunc): SpecRep => exprRepOf(x, en, cx);
  const { f, callees } = cx;
  switch (e.kind) {
    case "Attribute": {
      if (isMathConst(e, f)) return "f64";
      const item = objItemField(e, cx);
      if (item !== null) {
        // xs[i].f, xs a list[C] parameter: the index must be an int with no call in it
        if (!isInt(exprRep(item.index, env, f))) return fail("index of a list[C] item is not an int");
        return fieldRep(item.cls, e.attr, cx) ?? fail(`attribute '${e.attr}' is not an int, float or bool field of ${item.cls}`);
      }
      const cls = e.value.kind === "Name" ? cx.objs.get(e.value.name) : undefined;
      const t = cls !== undefined ? fieldRep(cls, e.attr, cx) : e.value.kind === "Name" ? speculatedField(e.value.name, e.attr, env, cx) : undefined;
      if (!t) return fail(`attribute '${e.attr}' is not an int, float or bool field of a @frozen/@record instance`);
      return t;
    }
    case "Subscript": {
      // d[k] of a dict[str, int|float] parameter (facts/dicts.ts dictItem)
      const di = dictItem(e, env, cx);
      if (di !== null) return di.rep;
      // o.f[i]: CPython reads o.f before the index -- a call there (hoisted before it) stays generic
      const t = listItem(e, cx) ?? (e.slice.kind !== "Slice" && !hasDirectCall(e.slice, cx) ? listFieldItem(e, cx) ?? rowItem(e, cx) : null);
      if (!t) return fail("subscript of something other than a list parameter");
      if (!isInt(exprRep(e.slice, env, f))) fail("list index is not an int");
      if (e.value.kind === "Subscript") {
        // a[i][j]: the row's index too (a call there would be hoisted between the two reads)
        if (hasDirectCall(e.value.slice, cx) || !isInt(exprRep(e.value.slice, env, f))) fail("list index is not an int");
      }
      return t;
    }
    case "Constant":
      if (e.value.t === "bool") return "bool";
      if (e.value.t === "float") return "f64";
      if (intConst(e.value) !== null) return "i64";
      if (isU64Literal(e.value)) return "u64";
      return fail("constant outside int64/float/bool");
    case "Name": {
      const t = env.get(e.name) ?? (f.locals.has(e.name) ? undefined : cx.consts.get(e.name));
      if (!t) return fail(f.locals.has(e.name) ? `'${e.name}' is not an int, float or bool local` : `global '${e.name}' is not a number constant`);
      return t;
    }
    case "BinOp": {
      // masking computes its operand modulo 2**64 (facts/u64.ts): decided before typing it exactly
      const masked = e.op === "BitAnd" || isMod64(e) ? u64BinRep(e, env, cx) : null;
      if (masked) return masked;
      const l = exprRep(e.left, env, f), r = exprRep(e.right, env, f);
      if (l === "bool" || r === "bool") return fail("arithmetic on bool");
      const mixed = l === "u64" || r === "u64" ? u64BinRep(e, env, cx) : null;
      if (mixed) return mixed;
      if (e.op === "Pow") {
        if (isInt(l) && e.right.kind === "Constant" && (intConst(e.right.value) ?? -1n) >= 0n && (intConst(e.right.value) ?? 99n) <= 64n) return "i64";
        if (powConst(e.right) !== null && (l === "f64" || (l === "i64" && e.right.kind === "Constant" && e.right.value.t === "float"))) return "f64";
        // a float on either side: CPython's float_pow on both as doubles (int ** int may be a float
        // or an int by the exponent's sign: not typed)
        if ((l === "f64" && (r === "f64" || r === "i64")) || (l === "i64" && r === "f64")) return "f64";
        return fail("'**' of two ints other than int ** small constant");
      }
      if (isInt(l) && isInt(r)) {
        if (e.op === "Div") return "f64";
        if (INT_OPS.has(e.op)) return "i64";
        return fail(`int operator ${e.op}`);
      }
      if (FLOAT_OPS.has(e.op)) return "f64";
      return fail(`float operator ${e.op}`);
    }
    case "UnaryOp": {
      // `not x`, x a boxed local, or `not (a and x)`: only the operand's truth (facts/truth.ts)
      if (e.op === "Not" && (boxedTruth(e.operand, env, cx) || e.operand.kind === "BoolOp")) { testRep(e.operand, env, cx); return "bool"; }
      const t = exprRep(e.operand, env, f);
      if (e.op === "Not") return "bool";
      if (t === "bool") return fail("arithmetic on bool");
      if (e.op === "Invert" && !isInt(t)) return fail("~ on float");
      // -x and ~x of a u64 are negative: int64, converted under a guard
      return t === "u64" && e.op !== "UAdd" ? "i64" : t;
    }
    case "Compare": {
      if (strCompare(e, env, cx.classes, cx.objs, f) || noneTest(e, env, cx)) return "bool";
      // a call inside a comparison chain would be skipped by short-circuiting: not hoistable
      if (e.ops.length > 1 && hasDirectCall(e, cx)) fail("call inside a comparison chain");
      let l = exprRep(e.left, env, f);
      e.ops.forEach((op, i) => {
        const r = exprRep(e.comparators[i]!, env, f);
        if (!["Eq", "NotEq", "Lt", "LtE", "Gt", "GtE"].includes(op)) fail(`comparison ${op}`);
        if ((l === "bool") !== (r === "bool")) fail("comparison of bool with a number");
        if (l === "bool" && op !== "Eq" && op !== "NotEq") fail("ordering of bools");
        l = r;
      });
      return "bool";
    }
    case "BoolOp":
      for (const v of e.values) if (exprRep(v, env, f) !== "bool") fail("and/or on non-bool operands");
      return "bool";
    case "IfExp": {
      testRep(e.test, env, cx);
      const a = exprRep(e.body, env, f), b = exprRep(e.orelse, env, f);
      if (a !== b) fail("conditional expression with two types");
      return a;
    }
    case "Call": {
      const name = directCallKey(e, cx);
      if (name !== null) {
        const k = callees.get(name)!;
        if (k.parts) return fail("a tuple-returning call used other than as `a, b = f(...)`");
        directArgs(e, k, name, env, cx);
        return k.ret === "obj" ? fail(`${name}() returns an object (a statement of its own: objCallAssign)`) : k.ret;
      }
      const sg = e.func.kind === "Name" ? specGenexp(e, f, cx.lists, cx.objLists) : null;
      if (sg) return genexpRep(sg, env, cx);
      // n.bit_length() of an unboxed int: an exact int, whose method no one can replace
      if (e.func.kind === "Attribute" && e.func.attr === "bit_length" && !e.args.length && !e.keywords.length) {
        // (call hoisting does not look into a method's receiver: a direct call there stays generic)
        if (hasDirectCall(e.func.value, cx)) return fail("call in the receiver of bit_length()");
        return isInt(exprRep(e.func.value, env, f)) ? "i64" : fail("bit_length() of something other than an int");
      }
      if (e.func.kind === "Attribute" && e.func.value.kind === "Name" && e.func.value.name === "math" && SPEC_MATH[e.func.attr] &&
          !f.locals.has("math") && !e.keywords.length && e.args.length === 1) {
        const a = exprRep(e.args[0]!, env, f);
        if (a === "bool") return fail("math function of a bool");
        // floor/ceil of an int return the int itself
        if (a === "u64" && SPEC_MATH[e.func.attr] === "i64") return "u64"; // floor/ceil of an int: itself
        return SPEC_MATH[e.func.attr] === "i64" || a === "f64" ? SPEC_MATH[e.func.attr]! : "f64";
      }
      if (e.func.kind !== "Name" || !SPEC_BUILTINS.has(e.func.name) || ["range", "divmod"].includes(e.func.name) || e.keywords.length) return fail(`call of ${calleeText(e.func)} (${genericCallText(e)})`);
      if (f.locals.has(e.func.name)) return fail(`'${e.func.name}' is a local`);
      if (e.func.name === "len") {
        const x = e.args.length === 1 ? e.args[0]! : null;
        const a0 = x?.kind === "Name" ? x.name : "";
        if (cx.lists.has(a0) || cx.listLocals.has(a0) || cx.objLists.has(a0)) return "i64";
        // a list[list[T]] parameter or a row local (`for row in a`, `row = a[i]`): guarded exact lists
        if (cx.rowParams?.has(a0) || cx.seqs?.has(a0)) return "i64";
        if (x?.kind === "Subscript" && x.value.kind === "Name" && cx.rowParams?.has(x.value.name) && x.slice.kind !== "Slice") {
          // len(a[i]): the index as a[i][j] takes it (spz_rows_len)
          if (hasDirectCall(x.slice, cx) || !isInt(exprRep(x.slice, env, f))) fail("list index is not an int");
          return "i64";
        }
        // a module-level tuple/list constant (facts/index.ts moduleConsts), read behind a guard
        if (a0 !== "" && !f.locals.has(a0) && cx.consts.has(lenKey(a0))) return "i64";
        return fail("len() of something other than a list parameter");
      }
      const args = e.args.map((x) => exprRep(x, env, f));
      switch (e.func.name) {
        case "abs": if (args.length === 1 && args[0] !== "bool") return args[0]!; break;
        case "min": case "max": if (args.length >= 2 && args.every((a) => a === args[0]) && args[0] !== "bool") return args[0]!; break;
        case "float": if (args.length === 1 && args[0] !== "bool") return "f64"; break;
        case "int": if (args.length === 1) return args[0] === "u64" ? "u64" : "i64"; break;
        case "round":
          if (args.length === 1 && args[0] !== "bool") return args[0] === "u64" ? "u64" : "i64";
          // round(x, n) of a float, n a literal 0..22: a float (spz_f64_round_digits, guarded)
          if (args.length === 2 && args[0] === "f64" && roundDigits(e.args[1]!) !== null) return "f64";
          break;
      }
      return fail(`call of ${e.func.name} with these arguments`);
    }
    case "Dict": case "Set": case "List": case "Tuple": case "DictComp": case "SetComp":
      return fail(`a new ${DISPLAY[e.kind]} (an object: built by generic code)`);
    default:
      return fail(`${e.kind} expression`);
  }
}

const DISPLAY: Readonly<Record<string, string>> = { Dict: "dict", Set: "set", List: "list", Tuple: "tuple", DictComp: "dict", SetComp: "set" };

/** A list comprehension built in C (facts/genexp.ts specListComp); its typing failure is thrown. */
export function listCompValue(e: A.Expr, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  const sg = specListComp(e, cx.f, cx.lists, cx.objLists);
  if (sg) genexpRep(sg, env, cx);
  return sg !== null;
}

/**
 * A local a typed statement may bind to a new list object: the comprehension-list local this
 * statement binds (facts/genexp.ts compLists), or a plain local with no fact (its generic register).
 */
export function boxedTarget(n: string, stmt: number, env: ReadonlyMap<string, SpecRep>, cx: Cx): boolean {
  if (cx.repLists?.get(n) === stmt && !isSliceLocal(n)) return true;
  return cx.f.locals.has(n) && !cx.f.globals.has(n) && !cx.f.slots.includes(n) && !env.has(n) && !cx.lists.has(n) &&
    !cx.objs.has(n) && !cx.objLists.has(n) && !cx.listLocals.has(n) && !cx.tuples.has(n) && !(cx.seqs?.has(n) ?? false);
}

/** sum/min/max/any/all(<genexp>) run inline on unboxed items (facts/genexp.ts): the result's rep. */
function genexpRep(sg: SpecGenexp, env: ReadonlyMap<string, SpecRep>, cx: Cx): SpecRep {
  if (sg.iter.kind === "range") {
    for (const a of sg.iter.args) if (exprRepOf(a, env, cx) !== "i64") fail("range() of something other than int64 values");
  }
  // the variable is the genexp's own: a list, object or builtin of the function by that name is
  // not what the element reads (an object variable replaces an object local of that name)
  const what = sg.fn === "list" ? "the list comprehension" : `the generator expression of ${sg.fn}()`;
  const vars = loopVars(sg, cx.lists);
  const inner = new Map(env);
  let icx = cx;
  for (const [t, rep] of vars) {
    if (cx.lists.has(t) || cx.objLists.has(t) || cx.listLocals.has(t) || cx.tuples.has(t) || cx.seqs?.has(t) ||
        (cx.objs.has(t) && rep !== null) || SPEC_BUILTINS.has(t) || t === "math" || cx.callees.has(t)) {
      fail(`the variable '${t}' of ${what} shadows a name the function uses`);
    }
    if (rep !== null) { inner.set(t, rep); continue; }
    if (objectItselfUsed(sg)) fail(`the object '${t}' itself used in ${what} (only its fields are read)`);
    inner.delete(t);
    icx = { ...cx, objs: new Map([...cx.objs, [t, (sg.iter as { cls: string }).cls]]) };
  }
  // typed expressions call nothing but pure builtins under guards, except direct calls of
  // compiled functions (and methods of the object variable): those run Python code, so a guard
  // failing after one could not restart
  const parts = [sg.elt, ...sg.ifs];
  if (parts.some((x) => hasDirectCall(x, icx))) fail(`a call of a compiled function inside ${what}`);
  if (parts.some(hasNestedScope)) fail(`a nested scope inside ${what}`);
  for (const c of sg.ifs) { const r = exprRepOf(c, inner, icx); if (r === "u64" || r === "i128") fail("condition on a 64-bit masked value"); }
  const r = exprRepOf(sg.elt, inner, icx);
  if (sg.fn === "list") {
    // items boxed as they are computed: an int64, a float or a bool
    if (r === "u64" || r === "i128") fail("a list comprehension of 64-bit masked values");
    return r;
  }
  if (sg.fn === "any" || sg.fn === "all") {
    if (r === "u64" || r === "i128") fail(`${sg.fn}() of 64-bit masked values`);
    return "bool";
  }
  if (r !== "i64" && r !== "f64") fail(`${sg.fn}() of items that are not int or float`);
  return r;
}

/**
 * Stage `facts`: decides, from the spyc decorators, what the compiler may take as given.
 * In: BoundModule. Out: FactsModule — per function whether it is compiled, whether the
 * @checked contract applies (and where its decorator sits, so the runtime can swap it for the
 * native function), or why it stays interpreted.
 * Invariant: a fact comes only from a contract that pydecorators enforces at run time, or from
 * a guard the compiled code checks (plain functions, compiled unless `--checked-only`:
 * facts/speculative.ts).
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc, BoundModule } from "../bind/index.ts";
import { isU64Literal } from "./u64.ts";
import { ANN_REP, NOTHING_TO_UNBOX, inferSpec, intConst, lenKey, listFieldKey, nativeFieldKey, strFieldKey, isDirectCall, tupleCallAssign, tupleContract, type Callee, type SpecRep, type SpecResult } from "./types.ts";
import { walk } from "../syntax/visit.ts";
import { hoistCalls } from "./anf.ts";
import { hoistSlices } from "./slices.ts";
import { annKey, heldObjArgs, objectReturn } from "./objArgs.ts";
import { speculativeBlocker, speculativeView } from "./speculative.ts";

export interface FuncFacts {
  /** the bound function; for one that makes direct calls, its body after call hoisting (anf.ts) */
  readonly bound: BoundFunc;
  /** compiled to C (otherwise it stays interpreted bytecode inside the module) */
  readonly compiled: boolean;
  readonly checked: boolean;
  /** index of the @checked decorator (replaced at import by the native function), -1 = none */
  readonly decoratorIndex: number;
  /** why a function that was asked for stays interpreted (null when compiled or not asked) */
  readonly reason: string | null;
  /** unboxed representation facts (compiled @checked functions, and plain ones, compiled unless
   * `--checked-only`: facts/speculative.ts), or why there are none */
  readonly spec: SpecResult | null;
}

export interface FactsModule {
  readonly bound: BoundModule;
  readonly funcs: readonly FuncFacts[];
}

export interface FactsOptions {
  /** also compile functions that are not @checked (the default; false with `--checked-only`) */
  readonly all: boolean;
  /** derive unboxing facts (false: generic code only, `--no-specialize`) */
  readonly specialize: boolean;
}

/** Module-level names through which the spyc decorators are reachable. */
interface SpycNames { readonly direct: Map<string, string>; readonly modules: Set<string> }

function collectSpycNames(module: A.Module): SpycNames {
  const direct = new Map<string, string>();
  const modules = new Set<string>();
  for (const s of module.body) {
    if (s.kind === "ImportFrom" && s.module === "spyc" && s.level === 0) {
      for (const a of s.names) direct.set(a.asname ?? a.name, a.name);
    } else if (s.kind === "Import") {
      for (const a of s.names) if (a.name === "spyc") modules.add(a.asname ?? "spyc");
    }
  }
  return { direct, modules };
}

/** The spyc export a decorator expression names ("checked", "frozen", …), or null. */
export function spycDecoratorName(e: A.Expr, names: SpycNames): string | null {
  if (e.kind === "Name") return names.direct.get(e.name) ?? null;
  if (e.kind === "Attribute" && e.value.kind === "Name" && names.modules.has(e.value.name)) return e.attr;
  return null;
}

/** The scalar an annotation names for the specializer: int, float, bool, i64 (or null). */
function annotationName(e: A.Expr | null, names: SpycNames): string | null {
  if (!e) return null;
  if (e.kind === "Name" && (e.name === "int" || e.name === "float" || e.name === "bool")) return e.name;
  // list[T] and tuple[T, ...] for T in int/float/bool/i64: the specializer's sequence parameters
  if (e.kind === "Subscript" && e.value.kind === "Name" && e.value.name === "list") {
    const inner = annotationName(e.slice, names);
    return inner && !inner.includes("[") ? `list[${inner}]` : null;
  }
  if (e.kind === "Subscript" && e.value.kind === "Name" && e.value.name === "tuple" && e.slice.kind === "Tuple" &&
      e.slice.elts.length === 2 && e.slice.elts[1]!.kind === "Constant" && e.slice.elts[1]!.value.t === "Ellipsis") {
    const inner = annotationName(e.slice.elts[0]!, names);
    return inner && !inner.includes("[") ? `tuple[${inner}]` : null;
  }
  // tuple[float, float] (a fixed size, one number type): read like tuple[float, ...] -- every
  // item read is guarded in range and of the exact type, so the size is no fact the body needs
  if (e.kind === "Subscript" && e.value.kind === "Name" && e.value.name === "tuple" && e.slice.kind === "Tuple" && e.slice.elts.length >= 2) {
    const inner = e.slice.elts.map((x) => annotationName(x, names));
    return inner[0] && !inner[0].includes("[") && inner.every((x) => x === inner[0]) ? `tuple[${inner[0]}]` : null;
  }
  if (e.kind === "Constant" && e.value.t === "str" && ["int", "float", "bool"].includes(e.value.text ?? "")) return e.value.text;
  return spycDecoratorName(e, names) === "i64" ? "i64" : null;
}

const REWRAPPABLE = new Set(["staticmethod", "classmethod"]);

/**
 * Module-level @frozen and @record classes and their int/float/bool fields (annotated in the class
 * body), and their `list[int|float|bool]` fields under listFieldKey; `records` names the @record
 * ones, whose fields specialized code may also store.
 */
function objectClasses(module: A.Module, names: SpycNames, records: Set<string>): Map<string, Map<string, SpecRep>> {
  const out = new Map<string, Map<string, SpecRep>>();
  for (const s of module.body) {
    // (only facts for guards: every field read and store checks the instance's layout at run time)
    const kind = s.kind === "ClassDef" ? s.decorator_list.map((d) => spycDecoratorName(d, names)).find((k) => k === "frozen" || k === "record") : undefined;
    if (s.kind !== "ClassDef" || kind === undefined) continue;
    if (kind === "record") records.add(s.name);
    const fields = new Map<string, SpecRep>();
    // a record with a generated constructor (no __init__) and at most 32 fields (objects.c
    // SPZ_OBJ_MAXF) keeps its `float` fields as native doubles once compiled
    const native = kind === "record" && !s.body.some((x) => x.kind === "FunctionDef" && x.name === "__init__") &&
      s.body.filter((x) => x.kind === "AnnAssign").length <= 32;
    for (const x of s.body) {
      if (x.kind !== "AnnAssign" || x.target.kind !== "Name") continue;
      const ann = annotationName(x.annotation, names) ?? "";
      const r = ANN_REP[ann], item = ANN_REP[/^list\[(\w+)\]$/.exec(ann)?.[1] ?? ""];
      if (r) fields.set(x.target.name, r);
      else if (item) fields.set(listFieldKey(x.target.name), item);
      if (native && ann === "float") fields.set(nativeFieldKey(x.target.name), "f64");
      const an = x.annotation;
      if ((an.kind === "Name" && an.name === "str") || (an.kind === "Constant" && an.value.t === "str" && an.value.text === "str")) {
        fields.set(strFieldKey(x.target.name), "bool");
      }
    }
    out.set(s.name, fields);
  }
  return out;
}
/**
 * Module globals bound only to number constants or arithmetic of them, each only at module level
 * (`FEE = 0.001`, `LIMIT = -5`, `DEBUG: bool = False`, `SOLAR_MASS = 4 * PI * PI`, `TAU = 2 *
 * math.pi`), and not declared `global` by any function: the
 * representation specialized code may read them in. No more is needed for exactness: each read
 * is guarded (the global must hold a number of that representation at that moment).
 */
const ARITH = new Set(["Add", "Sub", "Mult", "Div", "Pow"]);
const MATH_FLOATS = new Set(["pi", "e", "tau", "inf", "nan"]);

function moduleConsts(bound: BoundModule): Map<string, SpecRep> {
  // "seq": bound only to tuple/list displays (`SYMBOLS = ("AAPL", ...)`): `len(NAME)` is an int
  const reps = new Map<string, SpecRep | "seq" | null>();
  const numRep = (e: A.Expr): SpecRep | null => {
    // arithmetic of number constants (`SOLAR_MASS = 4 * PI * PI`, `DAY = 24 * 3600`): the
    // representation Python's rules give it (a wrong guess costs speed only: each read is guarded)
    if (e.kind === "BinOp" && ARITH.has(e.op)) {
      const l = numRep(e.left), r = numRep(e.right);
      if (l === null || r === null || l === "u64" || r === "u64") return null;
      return l === "f64" || r === "f64" || e.op === "Div" ? "f64" : e.op === "Pow" ? null : "i64";
    }
    if (e.kind === "Name") { const r = reps.get(e.name) ?? null; return r === "seq" ? null : r; }
    if (e.kind === "UnaryOp" && e.op === "USub" && e.operand.kind !== "Constant") {
      const r = numRep(e.operand);
      return r === "i64" || r === "f64" ? r : null;
    }
    if (e.kind === "Attribute" && e.value.kind === "Name" && e.value.name === "math" && MATH_FLOATS.has(e.attr)) return "f64";
    const v = e.kind === "UnaryOp" && e.op === "USub" ? e.operand : e;
    if (v.kind !== "Constant") return null;
    if (v.value.t === "float") return "f64";
    if (v.value.t === "bool") return e === v ? "bool" : null;
    if (v.value.t === "int" && e === v && isU64Literal(v.value)) return "u64";
    return intConst(v.value) !== null ? "i64" : null;
  };
  const bind = (name: string, rep: SpecRep | "seq" | null): void => {
    const old = reps.get(name);
    reps.set(name, old === undefined || old === rep ? rep : null);
  };
  for (const s of bound.module.body) {
    const simple = s.kind === "Assign" && s.targets.length === 1 && s.targets[0]!.kind === "Name" ? s.targets[0]!.name
      : s.kind === "AnnAssign" && s.value && s.target.kind === "Name" ? s.target.name : null;
    if (simple !== null && (s.kind === "Assign" || s.kind === "AnnAssign")) {
      bind(simple, s.value!.kind === "Tuple" || s.value!.kind === "List" ? "seq" : numRep(s.value!));
      continue;
    }
    // every other way a module-level statement binds a name makes it no constant
    if (s.kind === "FunctionDef" || s.kind === "AsyncFunctionDef" || s.kind === "ClassDef") { bind(s.name, null); continue; }
    walk(s, (n) => {
      if (n.kind === "FunctionDef" || n.kind === "AsyncFunctionDef" || n.kind === "ClassDef" || n.kind === "Lambda") {
        if ("name" in n) bind(n.name, null);
        return false;
      }
      if (n.kind === "Name" && n.ctx !== "Load") bind(n.name, null);
      if (n.kind === "alias") bind(n.asname ?? n.name.split(".")[0]!, null);
      if (n.kind === "ExceptHandler" && n.name) bind(n.name, null);
      return true;
    });
  }
  for (const f of bound.funcs) for (const g of f.globals) bind(g, null);
  // a sequence NAME enters as `len(NAME)`, an int (no identifier holds parentheses)
  return new Map([...reps].filter((e) => e[1] !== null).map(([n, r]) => (r === "seq" ? [lenKey(n), "i64"] : [n, r as SpecRep])));
}


/** @checked functions (`name`) and methods (`Class.name`) whose return contract names a number. */
function numberReturns(bound: BoundModule, names: SpycNames): Map<string, SpecRep | readonly (SpecRep | null)[]> {
  type R = SpecRep | readonly (SpecRep | null)[];
  const out = new Map<string, R | null>();
  for (const f of bound.funcs) {
    if (f.classPath.length > 1 || !f.def.decorator_list.some((d) => spycDecoratorName(d, names) === "checked")) continue;
    const key = f.classPath.length ? `${f.classPath[0]}.${f.def.name}` : f.def.name;
    const r = f.def.returns;
    // `tuple[float, int]`: a fixed tuple whose number parts a caller may unpack unboxed
    const rep: R | null = r?.kind === "Subscript" && r.value.kind === "Name" && r.value.name === "tuple" && r.slice.kind === "Tuple" &&
        !r.slice.elts.some((x) => x.kind === "Constant" && x.value.t === "Ellipsis")
      ? r.slice.elts.map((x) => ANN_REP[annotationName(x, names) ?? ""] ?? null)
      : ANN_REP[annotationName(r, names) ?? ""] ?? null;
    // a name defined twice may be either: no claim
    out.set(key, out.has(key) ? null : rep);
  }
  return new Map([...out].filter((e): e is [string, R] => e[1] !== null));
}

/** class-body functions that type creation implicitly wraps (CPython's type_new_set_attrs) */
const IMPLICIT_WRAPPED = new Map([["__new__", "staticmethod"], ["__init_subclass__", "classmethod"], ["__class_getitem__", "classmethod"]]);

export function deriveFacts(bound: BoundModule, opts: FactsOptions): FactsModule {
  const names = collectSpycNames(bound.module);
  const records = new Set<string>();
  const classes = objectClasses(bound.module, names, records);
  const consts = moduleConsts(bound);
  const returns = numberReturns(bound, names);
  // what inference may take from the annotations: all of a @checked function's, few of a plain one's;
  // in a @frozen class a @checked method's `self` has a known, immutable layout
  const infer = (f: BoundFunc, checked: boolean, callees?: ReadonlyMap<string, Callee>): SpecResult => {
    const r = inferSpec(checked ? f : speculativeView(f, (e) => annotationName(e, names)), (e) => annotationName(e, names), callees, classes,
      checked ? selfClassOf(f, classes) : null, consts, returns, records);
    // (a plain function has no contract to blame: it just computes no number)
    return checked || r.ok || r.reason !== NOTHING_TO_UNBOX ? r : { ok: false, reason: "plain function: no int/float/bool value to unbox (generic code only)" };
  };
  // plain functions whose shape rules a speculative body out (by def id): never inferred
  const genericOnly = new Set<number>();
  const funcs = bound.funcs.map((f): FuncFacts => {
    const decos = f.def.decorator_list;
    const idx = decos.findIndex((d) => spycDecoratorName(d, names) === "checked");
    const checked = idx >= 0;
    if (!checked && !opts.all) return { bound: f, compiled: false, checked, decoratorIndex: -1, reason: null, spec: null };
    if (f.unsupported) return { bound: f, compiled: false, checked, decoratorIndex: idx, reason: f.unsupported.what, spec: null };
    if (checked) {
      // decorators applied before @checked must be ones the runtime can look through
      for (const d of decos.slice(idx + 1)) {
        if (!(d.kind === "Name" && REWRAPPABLE.has(d.name))) {
          return { bound: f, compiled: false, checked, decoratorIndex: idx, reason: "a decorator other than staticmethod/classmethod below @checked", spec: null };
        }
      }
    }
    // type creation wraps these in staticmethod/classmethod only if the class body stores a plain
    // function; the runtime wraps the native one the same way, valid when nothing decorates above it
    if (f.classPath.length > 0 && IMPLICIT_WRAPPED.has(f.def.name) && (checked ? idx !== 0 : decos.length !== 0)) {
      return { bound: f, compiled: false, checked, decoratorIndex: idx, reason: `a decorator above ${f.def.name} (implicitly a ${IMPLICIT_WRAPPED.get(f.def.name)})`, spec: null };
    }
    // loops over slices of list parameters take the slice first (facts/slices.ts), in both twins
    const fb = checked && opts.specialize ? hoistSlices(f, (e) => annotationName(e, names)) : f;
    // a plain function: a speculative body behind entry guards, unless its shape rules it out
    const blocker = checked ? null : speculativeBlocker(f, (e) => annotationName(e, names));
    if (blocker !== null) genericOnly.add(f.def.id);
    const spec = !opts.specialize ? null
      : blocker !== null ? { ok: false as const, reason: `plain function: ${blocker}` }
      : infer(fb, checked);
    return { bound: fb, compiled: true, checked, decoratorIndex: idx, reason: null, spec };
  });
  return { bound, funcs: opts.specialize ? withDirectCalls(bound.module, funcs, names, infer, classes, genericOnly) : funcs };
}

/** The @frozen class whose layout `self` has: a plain method (only @checked) of such a class. */
function selfClassOf(f: BoundFunc, classes: ReadonlyMap<string, unknown>): string | null {
  return f.classPath.length === 1 && classes.has(f.classPath[0]!) && f.def.decorator_list.length === 1 ? f.classPath[0]! : null;
}

/**
 * Direct calls between specialized functions. A module-level @checked function whose parameters
 * are all int/i64/float/bool or list[T] (T one of those; passed as the caller's exact list) and
 * whose return is a scalar is directly callable while its own body specializes.
 * Which ones do depends on each other (recursion, mutual recursion), so start by assuming all
 * candidates and drop the ones that fail until nothing changes. Then hoist each caller's calls
 * into statements of their own and infer again, which types the temporaries.
 */
function withDirectCalls(
  module: A.Module, funcs: FuncFacts[], names: SpycNames, infer: (f: BoundFunc, checked: boolean, callees: ReadonlyMap<string, Callee>) => SpecResult,
  classes: ReadonlyMap<string, unknown>, genericOnly: ReadonlySet<number>,
): FuncFacts[] {
  const ann = (e: A.Expr | null): string | null => annotationName(e, names);
  const topLevel = new Set(module.body.filter((s) => s.kind === "FunctionDef"));
  // the last module-level def of a name is the one a call resolves to after the module ran
  const byName = new Map<string, FuncFacts>();
  // (only @checked functions: a plain one's annotations promise nothing to a caller)
  for (const f of funcs) if (topLevel.has(f.bound.def) && f.spec !== null && f.checked) byName.set(f.bound.def.name, f);
  // plain @checked methods of @frozen/@record classes, as `Class.name`: the call site's guard finds
  // the method on the receiver's type and checks it is this def's compiled entry, so of a name
  // defined twice in one class body the last def is the one (as in CPython; the other fails the guard)
  const methods = new Set<string>();
  for (const f of funcs) {
    const a = f.bound.def.args;
    if (f.spec === null || !f.checked || selfClassOf(f.bound, classes) === null || a.posonlyargs.length + a.args.length === 0) continue;
    const key = `${f.bound.classPath[0]}.${f.bound.def.name}`;
    methods.add(key);
    byName.set(key, f);
  }
  let callees = new Map<string, Callee>();
  for (const [name, f] of byName) {
    const a = f.bound.def.args, method = methods.has(name);
    // a scalar, or a tuple of scalars returned in parts (`a, b = f(...)` callers only)
    const parts = tupleContract(f.bound.def.returns, ann);
    // (None or a module class: an object result, facts/objArgs.ts)
    const ret = ANN_REP[ann(f.bound.def.returns) ?? ""] ?? parts?.[0] ?? (objectReturn(f.bound.def.returns, module) ? "obj" : undefined);
    // a `list[T]` parameter (T a scalar) is passed through as the caller's exact list; any other
    // non-scalar one as the caller's object (objArgs.ts)
    const ps = [...a.posonlyargs, ...a.args].slice(method ? 1 : 0);
    const params = ps.map((p): Callee["params"][number] => ANN_REP[ann(p.annotation) ?? ""] ?? (ANN_REP[/^list\[(\w+)\]$/.exec(ann(p.annotation) ?? "")?.[1] ?? ""] ? "list" : "obj"));
    if (ret && !a.kwonlyargs.length && !a.vararg && !a.kwarg) {
      callees.set(name, { params, ret, anns: ps.map((p) => annKey(p.annotation)), ...(parts ? { parts } : {}), defId: f.bound.def.id, ...(method ? { method } : {}) });
    }
  }
  // the functions inferred in every round: @checked ones, and plain ones with a speculative body
  const inferred = funcs.filter((f) => f.spec !== null && !genericOnly.has(f.bound.def.id));
  let results = new Map<FuncFacts, SpecResult>();
  for (let round = 0; round < 16; round++) {
    results = new Map(inferred.map((f) => [f, infer(f.bound, f.checked, callees)]));
    // callers see each callee's inferred parameter and return representations (an int may be u64)
    let changed = false;
    const next = new Map<string, Callee>();
    const bf = (name: string): BoundFunc["def"] => byName.get(name)!.bound.def;
    for (const [name, k] of callees) {
      const r = results.get(byName.get(name)!);
      if (!r?.ok || (k.method && r.facts.params[0] !== "obj")) { changed = true; continue; }
      const names = [...bf(name).args.posonlyargs, ...bf(name).args.args].map((p) => p.arg).slice(k.method ? 1 : 0);
      const own = k.method ? r.facts.params.slice(1) : r.facts.params; // a method's receiver is no argument
      // a list parameter as an exact list (no tuple); a list of instances or any other object as
      // an object, its contract checked at the site
      const passable = own.every((p, i) => p !== "list" || !r.facts.tuples.has(names[i]!) || r.facts.objLists.has(names[i]!));
      if (!passable) { changed = true; continue; }
      const params = own.map((p, i) => (p === "list" && r.facts.objLists.has(names[i]!) ? "obj" : p)) as Callee["params"];
      const ret = r.facts.ret ?? k.ret;
      if (ret !== k.ret || params.some((p, i) => p !== k.params[i])) changed = true;
      next.set(name, { ...k, params, ret });
    }
    if (!changed) break;
    callees = next;
  }
  const hoisted = funcs.map((f): FuncFacts => {
    const r = results.get(f);
    if (!r) return f;
    if (!r.ok || r.facts.callees.size === 0) return { ...f, spec: r };
    const bf = f.bound;
    const cx = { ...r.facts, f: bf };
    const anf = hoistCalls(bf.def.body, (e) => isDirectCall(e, cx), new Set(bf.slots), (s) => tupleCallAssign(s, cx) !== null, (e) => heldObjArgs(e, cx));
    const bound: BoundFunc = { ...bf, def: { ...bf.def, body: anf.body as A.Stmt[] }, locals: new Set([...bf.locals, ...anf.temps]) };
    const again = infer(bound, f.checked, r.facts.callees);
    if (!again.ok) return { ...f, spec: { ok: false, reason: `after call hoisting: ${again.reason}` } };
    return { ...f, bound, spec: { ok: true, facts: { ...again.facts, callStmts: anf.callStmts } } };
  });
  return withObjectEntries(hoisted, byName);
}

/**
 * Callees some caller calls with object arguments or an object result get a direct entry of that
 * shape (SpecFacts.objDirect): object parameters borrowed, an object result boxed.
 */
function withObjectEntries(funcs: FuncFacts[], byName: ReadonlyMap<string, FuncFacts>): FuncFacts[] {
  const defIds = new Map<number, boolean>();
  for (const f of funcs) {
    if (!f.spec?.ok) continue;
    for (const [name, k] of f.spec.facts.callees) {
      if (k.ret === "obj" || k.params.includes("obj")) defIds.set(byName.get(name)!.bound.def.id, k.ret === "obj");
    }
  }
  return funcs.map((f) => {
    const objRet = defIds.get(f.bound.def.id);
    if (objRet === undefined || !f.spec?.ok) return f;
    return { ...f, spec: { ok: true, facts: { ...f.spec.facts, objDirect: true, ...(objRet ? { objRet } : {}) } } };
  });
}

/**
 * Stage `facts`: decides, from the spyc decorators, what the compiler may take as given.
 * In: BoundModule. Out: FactsModule — per function whether it is compiled, whether the
 * @checked contract applies (and where its decorator sits, so the runtime can swap it for the
 * native function), or why it stays interpreted.
 * Invariant: a fact comes only from a contract that pydecorators enforces at run time.
 */
import type * as A from "../syntax/ast.ts";
import type { BoundFunc, BoundModule } from "../bind/index.ts";
import { inferSpec, type SpecResult } from "./types.ts";

export interface FuncFacts {
  readonly bound: BoundFunc;
  /** compiled to C (otherwise it stays interpreted bytecode inside the module) */
  readonly compiled: boolean;
  readonly checked: boolean;
  /** index of the @checked decorator (replaced at import by the native function), -1 = none */
  readonly decoratorIndex: number;
  /** why a function that was asked for stays interpreted (null when compiled or not asked) */
  readonly reason: string | null;
  /** unboxed representation facts (compiled @checked functions only), or why there are none */
  readonly spec: SpecResult | null;
}

export interface FactsModule {
  readonly bound: BoundModule;
  readonly funcs: readonly FuncFacts[];
}

export interface FactsOptions {
  /** also compile functions that are not @checked */
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
  if (e.kind === "Constant" && e.value.t === "str" && ["int", "float", "bool"].includes(e.value.text ?? "")) return e.value.text;
  return spycDecoratorName(e, names) === "i64" ? "i64" : null;
}

const REWRAPPABLE = new Set(["staticmethod", "classmethod"]);
/** class-body functions that type creation implicitly wraps (CPython's type_new_set_attrs) */
const IMPLICIT_WRAPPED = new Map([["__new__", "staticmethod"], ["__init_subclass__", "classmethod"], ["__class_getitem__", "classmethod"]]);

export function deriveFacts(bound: BoundModule, opts: FactsOptions): FactsModule {
  const names = collectSpycNames(bound.module);
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
    // methods: `self` has no scalar contract, so only plain functions are specialized for now
    const spec = checked && opts.specialize && f.classPath.length === 0
      ? inferSpec(f, (e) => annotationName(e, names))
      : null;
    return { bound: f, compiled: true, checked, decoratorIndex: idx, reason: null, spec };
  });
  return { bound, funcs };
}

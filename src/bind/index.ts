/**
 * Stage `bind`: finds the functions a module defines at module level and in (nested) class
 * bodies, and classifies the names of each function's scope (parameter, local, global).
 * In: ast.Module. Out: BoundModule. It also records, per function, the first construct the
 * code generator does not support: such a function stays interpreted and the build summary
 * names that construct (never a silent miscompile).
 * Invariant: a name is local iff CPython's compiler would make it local (assigned anywhere in
 * the body, a parameter, or bound by import/for/except/del) and it is not declared `global`.
 */
import type * as A from "../syntax/ast.ts";
import { walk, type AnyNode } from "../syntax/visit.ts";
import { mangleFunction } from "./mangle.ts";
import { setFold } from "./fold.ts";
import { comprehensionProblem, genexpProblem } from "./comprehension.ts";
import { ambiguousLine, collectLambdas, lambdaFree, lambdaIndexes, type LambdaNode } from "./lambda.ts";
import type { LineMap } from "../syntax/source.ts";
import { moduleScopeNamesSuper } from "./superScope.ts";

export type FunctionDef = A.StmtOf<"FunctionDef" | "AsyncFunctionDef">;

export interface Unsupported { readonly what: string; readonly span: A.Span }

export interface BoundFunc {
  readonly def: FunctionDef;
  readonly qualname: string;
  /** enclosing class names, outermost first (empty for module-level functions) */
  readonly classPath: readonly string[];
  /** parameter names in slot order: positional-only, positional, *args, kw-only, **kwargs */
  readonly slots: readonly string[];
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
  readonly unsupported: Unsupported | null;
  /** lambda (by span start) -> its index among the lambdas of its line (bind/lambda.ts) */
  readonly lambdas: ReadonlyMap<number, number>;
}

export interface BoundModule {
  readonly module: A.Module;
  readonly funcs: readonly BoundFunc[];
  /** the module's own scope may name `super` (superScope.ts); without the source text: assumed */
  readonly moduleNamesSuper: boolean;
}

/** `lines` locates lambdas (bind/lambda.ts); without it a lambda keeps its function interpreted. */
export function bind(module: A.Module, lines?: LineMap): BoundModule {
  const funcs: BoundFunc[] = [];
  const visitBody = (body: readonly A.Stmt[], classPath: string[]): void => {
    for (const s of body) {
      switch (s.kind) {
        case "FunctionDef":
        case "AsyncFunctionDef":
          // methods see their private names mangled, as CPython compiles them (mangle.ts)
          funcs.push(bindFunction(classPath.length > 0 ? mangleFunction(s, classPath[classPath.length - 1]!) : s, classPath, lines));
          break;
        case "ClassDef":
          visitBody(s.body, [...classPath, s.name]);
          break;
        // module-level compound statements may define functions too (e.g. `if X: def f(): ...`)
        case "If": case "While": case "For": case "AsyncFor":
          visitBody(s.body, classPath); visitBody(s.orelse, classPath); break;
        case "Try":
          visitBody(s.body, classPath);
          for (const h of s.handlers) visitBody(h.body, classPath);
          visitBody(s.orelse, classPath); visitBody(s.finalbody, classPath);
          break;
        case "With": case "AsyncWith":
          visitBody(s.body, classPath); break;
        default:
          break;
      }
    }
  };
  visitBody(module.body, []);
  return { module, funcs, moduleNamesSuper: lines === undefined || moduleScopeNamesSuper(module, lines.text) };
}

/**
 * A zero-argument super() in a comprehension's own scope (anywhere but its first iterable): CPython
 * gives it that scope's first argument, the iterator (3.11; generator expressions on every
 * version), where compiled code, inlining the comprehension, would pass the method's.
 */
function superInComprehension(n: A.ExprOf<"ListComp" | "SetComp" | "DictComp" | "GeneratorExp">): A.Span | null {
  const parts = [...(n.kind === "DictComp" ? [n.key, n.value] : [n.elt]), ...n.generators.flatMap((g, i) => [...(i ? [g.iter] : []), g.target, ...g.ifs])];
  let at: A.Span | null = null;
  for (const p of parts) {
    walk(p, (x) => {
      if (at) return false;
      if (x.kind === "Call" && x.func.kind === "Name" && x.func.name === "super" && x.args.length === 0 && x.keywords.length === 0) at = x.span;
      return at === null && x.kind !== "Lambda";
    });
  }
  return at;
}

/** Names that read or change the calling frame: a compiled function has no frame to offer. */
const FRAME_BUILTINS = new Set(["locals", "vars", "dir", "globals", "eval", "exec", "super", "__class__", "breakpoint"]);

function bindFunction(def: FunctionDef, classPath: string[], lines: LineMap | undefined): BoundFunc {
  const a = def.args;
  const slots = [
    ...a.posonlyargs.map((p) => p.arg), ...a.args.map((p) => p.arg),
    ...(a.vararg ? [a.vararg.arg] : []), ...a.kwonlyargs.map((p) => p.arg),
    ...(a.kwarg ? [a.kwarg.arg] : []),
  ];
  const assigned = new Set<string>(slots);
  const globals = new Set<string>();
  let unsupported: Unsupported | null = null;
  const flag = (what: string, span: A.Span): void => { unsupported ??= { what, span }; };

  if (def.kind === "AsyncFunctionDef") flag("async def", def.headerSpan);

  const addTarget = (t: A.Expr): void => {
    walk(t, (n) => {
      if (n.kind === "Name") assigned.add(n.name);
      // names inside subscripts/attributes of a target are reads, not bindings
      return !(n.kind === "Attribute" || n.kind === "Subscript");
    });
  };

  // zero-argument super() in a method: CPython gives the method a __class__ cell (its defining
  // class) and super() reads it and the first argument; compiled code does the same through the
  // Python function's closure (irbuild superCall, spz_super_zero)
  const zeroArgSuper = new Set<AnyNode>();
  const nPositional = a.posonlyargs.length + a.args.length;
  let usesSuper = false;
  const lambdaNodes: LambdaNode[] = [];
  const visit = (n: AnyNode): boolean | void => {
    if (n.kind === "Call" && n.func.kind === "Name" && n.func.name === "super" && n.keywords.length === 0) {
      if (n.args.length === 0 && classPath.length > 0 && nPositional > 0) {
        zeroArgSuper.add(n.func);
        usesSuper = true;
      } else if (n.args.length > 0 && n.args.every((x) => x.kind !== "Starred")) {
        zeroArgSuper.add(n.func); // super(C, obj): an ordinary call, no frame needed
      }
    }
    switch (n.kind) {
      case "FunctionDef": case "AsyncFunctionDef": flag("nested function", n.span); return false;
      case "ClassDef": flag("class definition inside a function", n.span); return false;
      case "Lambda":
        // its body is CPython's own code object (bind/lambda.ts); its defaults are ours
        if (!lines) flag("lambda", n.span);
        lambdaNodes.push(n);
        for (const d of [...n.args.defaults, ...n.args.kw_defaults]) if (d) walk(d, visit);
        return false;
      case "ListComp": case "SetComp": case "DictComp": case "GeneratorExp": {
        const p = n.kind === "GeneratorExp" ? genexpProblem(n, classPath.length > 0) : comprehensionProblem(n);
        if (p) { flag(p.what, p.span); return false; }
        const sup = superInComprehension(n);
        if (sup) { flag("zero-argument super() inside a comprehension or generator expression", sup); return false; }
        return;
      }
      case "Yield": case "YieldFrom": flag("generator (yield)", n.span); return false;
      case "Await": flag("await", n.span); return false;
      case "AsyncWith": flag("async with", n.span); return false;
      case "With": for (const it of n.items) if (it.optional_vars) addTarget(it.optional_vars); return;
      case "AsyncFor": flag("async for", n.span); return false;
      case "Nonlocal": flag("nonlocal", n.span); return false;
      case "NamedExpr": flag("assignment expression (:=)", n.span); return false;
      case "Import": case "ImportFrom": {
        // CPython runs each name's import from its text (irbuild importStmt): `import a, b` is
        // `import a; import b`, but `from m import x, y` is one __import__ call, so one name
        // only; in methods no private names (they arrive mangled, bind/mangle.ts, the text not)
        if (n.kind === "ImportFrom" && n.names.length !== 1) { flag("from-import of several names inside a function", n.span); return false; }
        for (const al of n.names) {
          if (al.name === "*") { flag("import *", n.span); return false; }
          const bound = al.asname ?? (n.kind === "Import" ? al.name.split(".")[0]! : al.name);
          const texts = [bound, al.name, ...(n.kind === "ImportFrom" && n.module ? [n.module] : [])];
          if (classPath.length > 0 && texts.some((t) => t.split(".").some((x) => x.includes("__") && !(x.startsWith("__") && x.endsWith("__"))))) {
            flag("import of private names in a method", n.span); return false;
          }
          assigned.add(bound);
        }
        return false;
      }
      case "Unsupported": flag(n.what, n.span); return false;
      case "ExceptHandler":
        if (n.star) flag("except*", n.span);
        if (n.name) assigned.add(n.name);
        return;
      case "Global": for (const g of n.names) globals.add(g); return;
      case "Assign": for (const t of n.targets) addTarget(t); return;
      case "AugAssign": case "AnnAssign": addTarget(n.target); return;
      case "For":
        addTarget(n.target);
        if (n.iter.kind === "Set" && setFold(n.iter.elts) === "unsure") flag("set display of computed constants", n.iter.span);
        return;
      case "Delete": for (const t of n.targets) addTarget(t); return;
      case "Name":
        if (FRAME_BUILTINS.has(n.name) && n.ctx === "Load" && !zeroArgSuper.has(n)) flag(`use of '${n.name}'`, n.span);
        return;
      case "Dict":
        if (n.keys.some((k) => k === null)) flag("'**' in a dict display", n.span);
        return;
      case "List": case "Tuple": case "Set":
        // CPython folds {c1, c2, c3, ...} into a frozenset constant; its order is reproduced
        // only when every item is surely folded (bind/fold.ts)
        if (n.kind === "Set" && n.elts.length >= 3 && setFold(n.elts) === "unsure") flag("set display of computed constants", n.span);
        return;
      case "Starred":
        return;
      default:
        return;
    }
  };
  for (const stmt of def.body) walk(stmt, visit);
  for (const g of globals) {
    if (slots.includes(g)) flag(`name '${g}' is parameter and global`, def.headerSpan);
    assigned.delete(g);
  }
  let lambdas: ReadonlyMap<number, number> = new Map();
  if (lines && lambdaNodes.length > 0) {
    for (const n of lambdaNodes) {
      const free = lambdaFree(n);
      const cap = [...free].find((x) => assigned.has(x));
      if (cap !== undefined) flag(`lambda reading local '${cap}' of the enclosing function (a closure)`, n.span);
      if (classPath.length > 0 && (free.has("super") || free.has("__class__"))) flag("super() or __class__ in a lambda in a method", n.span);
    }
    const { sites, problem } = collectLambdas(def.body, (n) => lines.line(n.span.start));
    if (problem) flag(problem.what, problem.span);
    const amb = ambiguousLine(sites);
    if (amb) flag("two lambdas on one line where CPython compiles them out of source order", amb.node.span);
    lambdas = lambdaIndexes(sites);
  }
  const qualname = [...classPath, def.name].join(".");
  if (usesSuper && (assigned.has("super") || globals.has("super"))) flag("super() with 'super' bound in the function", def.headerSpan);
  return { def, qualname, classPath, slots, locals: assigned, globals, unsupported, lambdas };
}

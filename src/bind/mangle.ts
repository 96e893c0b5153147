/**
 * Private name mangling, as CPython's compiler applies it (`_Py_Mangle` in Python/compile.c).
 *
 * Inside a class body, and in every scope nested in it, an identifier `__spam` is compiled as
 * `_Class__spam`, where Class is the innermost enclosing class's name. The rules:
 *  - only identifiers that start with two underscores, and do not also end with two (`__init__`,
 *    `__` and `___` stay as written), and contain no dot;
 *  - the class name loses its leading underscores (`_a_` gives `_a___x`); a class whose name is
 *    only underscores mangles nothing;
 *  - what is mangled: every Name (load, store, del), every attribute name (`obj.__x`, so also
 *    method calls and `del self.__x`), parameter names, `global`/`nonlocal` names, `except … as`
 *    names, names bound by def/class/import; a module name of `import __m` (no dot);
 *  - what is not: keyword argument names in calls (`f(__x=1)`), string contents, the attribute
 *    names of `getattr`/`hasattr` strings, and the dotted module of an import.
 * Our AST keeps source names (like CPython's `ast`); this pass rewrites a compiled function's
 * signature and body before binding, so every later stage sees the names CPython's code uses.
 * The def's own name stays as written: the class body that stores it runs as CPython bytecode,
 * the runtime finds the def by its source name, and `__qualname__` is unmangled in CPython too.
 * Decorators, defaults and annotations are evaluated by CPython, never by compiled code.
 */
import type * as A from "../syntax/ast.ts";
import type { AnyNode } from "../syntax/visit.ts";

/** `name` as CPython compiles it inside class `className` (which may itself be `__Private`). */
export function mangle(className: string, name: string): string {
  if (!name.startsWith("__") || name.endsWith("__") || name.includes(".")) return name;
  const stripped = className.replace(/^_+/, "");
  return stripped === "" ? name : `_${stripped}${name}`;
}

type FunctionDef = A.StmtOf<"FunctionDef" | "AsyncFunctionDef">;

/** A method's def with its parameter names and body mangled for its innermost class. */
export function mangleFunction(def: FunctionDef, className: string): FunctionDef {
  const mangled = mangleNode(def, className) as FunctionDef;
  return { ...mangled, name: def.name, decorator_list: def.decorator_list, returns: def.returns, args: mangleParams(def.args, className) };
}

/** Parameter names only: defaults and annotations belong to the defining scope (evaluated by CPython). */
function mangleParams(a: A.Arguments, cls: string): A.Arguments {
  const p = (x: A.Arg): A.Arg => ({ ...x, arg: mangle(cls, x.arg) });
  return {
    ...a, posonlyargs: a.posonlyargs.map(p), args: a.args.map(p), kwonlyargs: a.kwonlyargs.map(p),
    vararg: a.vararg && p(a.vararg), kwarg: a.kwarg && p(a.kwarg),
  };
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && "kind" in v && "span" in v;
}

/** A copy of `node` (same ids and spans) with every identifier mangled for class `cls`. */
function mangleNode(node: AnyNode, cls: string): AnyNode {
  const m = (s: string): string => mangle(cls, s);
  // a nested class is named in the enclosing class's scope but mangles its own body by its own name
  const inner = node.kind === "ClassDef" ? node.name : cls;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(node)) {
    if (node.kind === "Constant" && key === "value") out[key] = v;
    else if (Array.isArray(v)) out[key] = v.map((x) => (isNode(x) ? mangleNode(x, key === "body" ? inner : cls) : x));
    else out[key] = isNode(v) ? mangleNode(v, key === "body" ? inner : cls) : v;
  }
  switch (node.kind) {
    case "Name": out.name = m(node.name); break;
    case "Attribute": out.attr = m(node.attr); break;
    case "arg": out.arg = m(node.arg); break;
    case "ExceptHandler": if (node.name !== null) out.name = m(node.name); break;
    case "Global": case "Nonlocal": out.names = node.names.map(m); break;
    case "FunctionDef": case "AsyncFunctionDef": case "ClassDef": out.name = m(node.name); break;
    // `import __m` imports and binds `_C__m` (no dot); `from x import __y` binds `_C__y` and reads
    // attribute `_C__y` of x (CPython keeps `__y` in the fromlist only)
    case "Import": case "ImportFrom":
      out.names = node.names.map((a) => ({ ...a, name: m(a.name), asname: a.asname === null ? null : m(a.asname) }));
      break;
    default: break;
  }
  return out as unknown as AnyNode;
}

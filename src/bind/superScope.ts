/**
 * A fact of the module's own scope that code generation for methods needs: whether CPython's
 * compiler may see the name `super` there, which changes how it compiles `super().name`.
 */
import type * as A from "../syntax/ast.ts";
import { type AnyNode, children, walk } from "../syntax/visit.ts";

/**
 * Whether CPython's symbol table of the module's own scope may have `super` (compile.c
 * can_optimize_super_call then leaves `super().name` to super_init): a use or binding outside def
 * and class bodies (decorators, defaults, bases and comprehensions counted, lambdas too), or a
 * `global super` anywhere. An unmodelled construct counts when its text has the word.
 */
export function moduleScopeNamesSuper(module: A.Module, text: string): boolean {
  let found = false;
  const visit = (inBody: boolean) => (n: AnyNode): boolean => {
    if (found) return false;
    if (n.kind === "Global") found = n.names.includes("super");
    else if (n.kind === "Unsupported") found = /\bsuper\b/.test(text.slice(n.span.start, n.span.end));
    else if (inBody) { /* only `global super` counts in a def or class body */ }
    else if (n.kind === "Name" || n.kind === "ExceptHandler") found = n.name === "super";
    else if (n.kind === "alias") found = (n.asname ?? n.name.split(".")[0]) === "super";
    else if (n.kind === "FunctionDef" || n.kind === "AsyncFunctionDef" || n.kind === "ClassDef") {
      found = n.name === "super";
      for (const s of n.body) walk(s, visit(true));
      for (const x of children(n)) if (!(n.body as readonly AnyNode[]).includes(x)) walk(x, visit(false));
      return false;
    }
    return !found;
  };
  for (const s of module.body) walk(s, visit(false));
  return found;
}

/**
 * Public entry of the syntax stage: Python source → `ast.Module`.
 *
 * In:  a `SourceFile`. Out: its AST (never throws on bad input; see lower.ts).
 * Other stages import from here only, never from treeSitter.ts or the lowering files.
 */
import type { Module } from "./ast.ts";
import type { SourceFile } from "./source.ts";
import { initParser, parseCst } from "./treeSitter.ts";
import { lowerModule } from "./lower.ts";

export type * from "./ast.ts";
export { LineMap, type SourceFile, type FileId } from "./source.ts";
export { printAst } from "./print.ts";
export { initParser } from "./treeSitter.ts";

/** Parses and lowers one file. The first call loads the tree-sitter wasm (async). */
export async function parse(file: SourceFile): Promise<Module> {
  await initParser();
  return parseSync(file);
}

/** Same as `parse`, for callers that have already awaited `initParser()`. */
export function parseSync(file: SourceFile): Module {
  return lowerModule(file, parseCst(file.text));
}

/**
 * The benchmark programs: one module per file in the programs directory, each defining
 * `bench(n)` and a one-line `SIZES = {"quick": N, "full": N}` literal. SIZES is read from the
 * text (no interpreter needed just to list programs); a file without it is reported, not skipped
 * silently.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Size } from "./options.ts";

export interface Program {
  readonly name: string;
  readonly file: string;
  readonly sizes: { readonly quick: number; readonly full: number };
}

const SIZES_LINE = /^SIZES\s*=\s*\{\s*"quick"\s*:\s*([0-9_]+)\s*,\s*"full"\s*:\s*([0-9_]+)\s*,?\s*\}\s*$/m;

export function readProgram(file: string): Program | { readonly error: string } {
  const name = path.basename(file, ".py");
  const m = SIZES_LINE.exec(readFileSync(file, "utf8"));
  if (!m) return { error: `${file}: no line of the form SIZES = {"quick": N, "full": N}` };
  return { name, file, sizes: { quick: Number(m[1]!.replace(/_/g, "")), full: Number(m[2]!.replace(/_/g, "")) } };
}

/** Programs in `dir`, in name order, restricted to `names` (in their order) when given. */
export function findPrograms(dir: string, names: readonly string[]): { programs: Program[]; errors: string[] } {
  const all = readdirSync(dir).filter((f) => f.endsWith(".py") && !f.startsWith("_")).map((f) => f.slice(0, -3)).sort();
  const wanted = names.length ? names : all;
  const programs: Program[] = [], errors: string[] = [];
  for (const n of wanted) {
    if (!all.includes(n)) { errors.push(`no benchmark program '${n}' in ${dir} (have: ${all.join(", ")})`); continue; }
    const p = readProgram(path.join(dir, `${n}.py`));
    if ("error" in p) errors.push(p.error); else programs.push(p);
  }
  return { programs, errors };
}

export function sizeOf(p: Program, size: Size): number {
  return typeof size === "number" ? size : p.sizes[size];
}

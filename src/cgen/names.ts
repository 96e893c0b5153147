/**
 * Every generated C identifier comes from here (cf. Cython's Naming.py, mypyc's common.py), so
 * generated names can never collide with the runtime's `spz_`/`Spz` names or with each other.
 */
import type * as IR from "../ir/types.ts";

export const P = {
  native: "pyc_f_",
  impl: "pyc_i_",
  reg: "r",
  label: "L",
  errLabel: "E",
  consts: "pyc_consts",
  funcs: "pyc_funcs",
  moddef: "pyc_moddef",
  source: "pyc_source",
} as const;

/** The SpzSlot field (specializer.h) that carries a register of this representation. */
export const SLOT_FIELD: Record<IR.Rep, string> = { obj: "o", i64: "i", u64: "u", f64: "f", bool: "b", i128: "q" };

/** The SPZ_BOX_ kind (spz/frames.h) that boxes a register of this representation. */
export const BOX_KIND: Record<IR.Rep, string> = { obj: "SPZ_BOX_NONE", i64: "SPZ_BOX_I64", u64: "SPZ_BOX_U64", f64: "SPZ_BOX_F64", bool: "SPZ_BOX_BOOL", i128: "SPZ_BOX_I128" };

/** C-safe rendering of a qualname (letters, digits, underscores). */
export function mangle(qualname: string): string {
  return qualname.replace(/[^A-Za-z0-9_]/g, (ch) => "_" + ch.charCodeAt(0).toString(16) + "_");
}

export const nativeName = (f: IR.FuncIR): string => `${P.native}${f.index}_${mangle(f.qualname)}`;
/** the direct (unboxed) entry of a specialized function */
export const implName = (f: IR.FuncIR): string => `${P.impl}${f.index}_${mangle(f.qualname)}`;
export const regName = (r: IR.RegId): string => `${P.reg}${r}`;
export const blockLabel = (b: IR.BlockId): string => `${P.label}${b}`;
/** the label that adds a traceback entry and continues at handler `b` (or leaves the function) */
export const errLabel = (b: IR.BlockId | null): string => (b === null ? `${P.errLabel}_exit` : `${P.errLabel}${b}`);
export const constRef = (i: number): string => `${P.consts}[${i}]`;
/** the hot half of a split specialized function (cgen/split.ts) */
export const hotName = (f: IR.FuncIR): string => `pyc_h_${f.index}_${mangle(f.qualname)}`;
/** the pure recursion kernel of a closed function (cgen/kernel.ts) */
export const kernelName = (f: IR.FuncIR): string => `pyc_k_${f.index}_${mangle(f.qualname)}`;
/** the C call of f's kernel with budget `depth` on `args` (C expressions) */
export const kernelCall = (f: IR.FuncIR, depth: string, args: readonly string[]): string => `${kernelName(f)}(${[depth, ...args].join(", ")})`;
/** the module's flag: the running kernel was abandoned (only the GIL holder runs compiled code) */
export const KERNEL_ABORT = "pyc_kabort";
/** the cache of object `k` of layout_guard `id` of f (spz/spec.h SPZ_LAYOUT_CACHE) */
export const layoutCacheName = (f: IR.FuncIR, id: number, k: number): string => `pyc_lg_${f.index}_${id}_${k}`;
/** the function's SpzFrameInfo (spz/frames.h): its code object and line table for stack frames */
export const frameInfoName = (f: IR.FuncIR): string => `pyc_fi_${f.index}`;

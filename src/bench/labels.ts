/** How columns and cells read in the table, the Markdown report and the chart. */
import type { Column } from "./options.ts";
import { formatRatio } from "./stats.ts";
import type { Cell } from "./types.ts";

export const COLUMN_TITLES: Record<Column, string> = {
  cpython: "CPython", contracts: "CPython + contracts", generic: "spyc generic", specialized: "spyc specialized", cython: "Cython", mypyc: "mypyc", pypy: "PyPy",
};

/** Short titles for the narrow terminal table. */
export const SHORT_TITLES: Record<Column, string> = {
  cpython: "CPython ms", contracts: "+contracts", generic: "generic", specialized: "specialized", cython: "Cython", mypyc: "mypyc", pypy: "PyPy",
};

/** A speedup cell's text: the ratio, or the status when there is no trustworthy ratio. */
export function cellText(c: Cell | undefined): string {
  if (!c) return "-";
  if (c.status === "ok") return c.speedup === null ? "?" : formatRatio(c.speedup);
  if (c.status === "mismatch") return "WRONG";
  return c.status;
}

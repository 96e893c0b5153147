// Arguments biased to the int64 and float edges, and how they travel to Python.
//
// A raw argument carries an int, a float and a selector; the parameter's annotation decides
// which is passed (so one input arbitrary serves every signature and shrinks independently of
// the function). Ints beyond int64 exercise the parameter-unbox guard (int) and the i64 range
// contract; ints passed for float exercise the contract's int -> float conversion.

import fc from "fast-check";
import { MAX_LIST, floatLiteral, type Ann, type ObjClass } from "./pyast.ts";

const P63 = 2n ** 63n;
const INT_EDGES: readonly bigint[] = [
  0n, 1n, -1n, 2n, -2n, 3n, 63n, 64n, 65n, 2n ** 31n, -(2n ** 31n), 2n ** 32n, 3037000499n, 3037000500n, -3037000500n,
  2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 62n, -(2n ** 62n), P63 - 1n, -P63, P63, -P63 - 1n, 2n ** 64n,
  -(2n ** 64n), 2n ** 100n, -(2n ** 127n),
];
const FLOAT_EDGES: readonly number[] = [
  0, -0, 1, -1, 0.5, -1.5, 2.5, 0.1, 1 / 3, Infinity, -Infinity, NaN, 1e308, -1e308, Number.MAX_VALUE, 5e-324, -5e-324,
  2.2250738585072014e-308, 2 ** 53, 2 ** 53 + 2, 2 ** 53 - 1, -(2 ** 53), 2 ** 62, 2 ** 63, -(2 ** 63), 2 ** 64, 1e16, 4.5e15 + 0.5,
];

const intArb: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: -100n, max: 100n }) },
  { weight: 4, arbitrary: fc.constantFrom(...INT_EDGES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...INT_EDGES), fc.integer({ min: -3, max: 3 })).map(([e, d]) => e + BigInt(d)) },
  { weight: 2, arbitrary: fc.bigInt({ min: -P63, max: P63 - 1n }) },
  // at most 2**130 in magnitude: pyast.ts INT_ARG_BITS relies on it
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }) },
);

const floatArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
  { weight: 5, arbitrary: fc.constantFrom(...FLOAT_EDGES) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 2, arbitrary: fc.double() },
);

export interface RawElem { i: bigint; f: number; sel: number }
/** `l`: the elements when the parameter is a list (empty lists included) */
export interface RawArg extends RawElem { l: RawElem[] }

const rawElemArb: fc.Arbitrary<RawElem> = fc.record({ i: intArb, f: floatArb, sel: fc.nat(99) });
export const rawArgArb: fc.Arbitrary<RawArg> = fc.record({
  i: intArb, f: floatArb, sel: fc.nat(99), l: fc.array(rawElemArb, { maxLength: MAX_LIST }),
});

/** A Python argument: exact int, float, bool, str (a constant's name) or a list of those */
export type PyArg = { t: "int"; v: bigint } | { t: "float"; v: number } | { t: "bool"; v: boolean } | { t: "str"; v: string } | { t: "list"; v: PyArg[] }
  /** an instance of the module's PF/PR (pyast.ts MODULE_HEADER), or None */
  | { t: "obj"; cls: ObjClass; x: PyArg; n: PyArg } | { t: "none" };

function listElem(elem: "int" | "float", e: RawElem): PyArg {
  // mostly the element type; high selectors: wrong-typed elements (a big int in a list[int], an
  // int or a bool in a list[float])
  if (elem === "float") return e.sel >= 96 ? { t: "bool", v: e.sel % 2 === 1 } : e.sel >= 88 ? { t: "int", v: e.i } : { t: "float", v: e.f };
  if (e.sel >= 98) return { t: "bool", v: e.sel % 2 === 1 };
  return { t: "int", v: e.sel < 85 ? BigInt.asIntN(64, e.i) : e.i };
}

/** a case's rebinding of one of the module constants its function reads (run.ts), or null */
export function rebindFor(consts: readonly string[], r: RawArg | undefined): { name: string; value: PyArg } | null {
  if (!consts.length || !r || r.sel < 88) return null;
  const name = consts[Number((r.i < 0n ? -r.i : r.i) % BigInt(consts.length))]!;
  const kind = r.sel % 4;
  const value: PyArg = kind === 0 ? { t: "int", v: BigInt.asIntN(64, r.i) } : kind === 1 ? { t: "float", v: r.f }
    : kind === 2 ? { t: "bool", v: r.sel % 3 === 0 } : { t: "int", v: r.i };
  return { name, value };
}

export function argFor(ann: Ann, r: RawArg): PyArg {
  // high selectors pick the off-type values, so shrinking (toward sel = 0) prefers the plain one
  switch (ann) {
    case "PF": case "PR": {
      // mostly the class; high selectors: the other class or None (the contract's TypeError)
      if (r.sel >= 97) return { t: "none" };
      const cls: ObjClass = r.sel >= 93 ? (ann === "PF" ? "PR" : "PF") : ann;
      return { t: "obj", cls, x: r.sel % 5 === 0 ? { t: "int", v: BigInt.asIntN(64, r.i) } : { t: "float", v: r.f }, n: { t: "int", v: r.i } };
    }
    case "list[int]": return { t: "list", v: r.l.map((e) => listElem("int", e)) };
    case "list[float]": return { t: "list", v: r.l.map((e) => listElem("float", e)) };
    case "bool": return { t: "bool", v: r.sel % 2 === 1 };
    case "float": return r.sel >= 80 ? { t: "int", v: r.i } : { t: "float", v: r.f };
    case "i64":
      // mostly wrapped into range (2**63 becomes -2**63): out-of-range values only test the contract
      if (r.sel >= 98) return { t: "bool", v: r.sel % 2 === 1 };
      return { t: "int", v: r.sel < 75 ? BigInt.asIntN(64, r.i) : r.i };
    default: return r.sel >= 98 ? { t: "bool", v: r.sel % 2 === 1 } : { t: "int", v: r.i };
  }
}

/** JSON form read by proprun.py (floats as strings Python's float() parses exactly) */
export function encodeArg(a: PyArg): unknown {
  if (a.t === "int") return { i: a.v.toString() };
  if (a.t === "bool") return { b: a.v };
  if (a.t === "str") return { s: a.v };
  if (a.t === "list") return { l: a.v.map(encodeArg) };
  if (a.t === "obj") return { o: a.cls, x: encodeArg(a.x), n: encodeArg(a.n) };
  if (a.t === "none") return { none: true };
  return { f: Object.is(a.v, -0) ? "-0.0" : String(a.v) };
}

export function pyLiteral(a: PyArg): string {
  if (a.t === "int") return a.v.toString();
  if (a.t === "bool") return a.v ? "True" : "False";
  if (a.t === "str") return JSON.stringify(a.v);
  if (a.t === "list") return `[${a.v.map(pyLiteral).join(", ")}]`;
  if (a.t === "obj") return `${a.cls}(${pyLiteral(a.x)}, ${pyLiteral(a.n)})`;
  if (a.t === "none") return "None";
  return floatLiteral(a.v);
}

/**
 * The catalogue of every user-facing message (cf. TypeScript's diagnosticMessages.json).
 *
 * In:  nothing; this is a table. Stages call `bag.report(Msg.X, file, span, ...args)`.
 * Out: `Msg`, keyed by a stable symbolic name; `formatCode(n)` gives the printed `PYC####`.
 *
 * Invariants (checked by tests/unit/render.test.ts):
 *  - codes are unique and never reused once shipped, so users can search for them;
 *  - code ranges group the producer, which tells a reader where to look:
 *      1000-1999 syntax and front end     2000-2999 contracts, annotations, facts
 *      4000-4999 optimisation notes       5000-5999 driver: files, python, C compiler
 *      9000-9999 internal (a bug in spyc, never in the user's program)
 *  - `{N}` placeholders are filled by `formatMessage` in diag/types.ts.
 * To add a message: pick the next free code in the right range and append it here.
 */
import type { MessageDef } from "./types.ts";

export const Msg = {
  // -- 1xxx: syntax. Validity is decided by the target CPython (driver/syntaxcheck.ts);
  //    {0} is CPython's own message, unchanged, so it matches what `python x.py` would say.
  SyntaxError: { code: 1000, severity: "error", text: "{0}" },
  UnsupportedConstruct: {
    code: 1001,
    severity: "note",
    text: "'{0}' is not supported by the compiler; '{1}' stays interpreted",
  },
  IndentationError: { code: 1002, severity: "error", text: "{0}" },
  /** SyntaxWarning / DeprecationWarning raised by CPython's compiler (e.g. invalid escapes) */
  PythonCompileWarning: { code: 1010, severity: "warning", text: "{0}" },

  // -- 2xxx: annotations and contracts.
  AnnotationNameRebound: {
    code: 2001,
    severity: "error",
    text: "annotation name '{0}' must be bound once at module level (by a class statement or an import)",
  },
  AnnotationNameOtherBinding: { code: 2002, severity: "note", text: "'{0}' is also bound here" },

  // -- 5xxx: driver (input files, the python interpreter, the C compiler, outputs).
  FileNotFound: { code: 5001, severity: "error", text: "cannot find file '{0}'" },
  FileUnreadable: { code: 5002, severity: "error", text: "cannot read '{0}': {1}" },
  NotAPyFile: { code: 5003, severity: "error", text: "'{0}' is not a Python source file (expected a .py file)" },
  InvalidModuleName: {
    code: 5004,
    severity: "error",
    text: "'{0}' is not a valid module name: a module compiled by spyc needs an ASCII identifier as its file name",
  },
  SourceNotUtf8: { code: 5005, severity: "error", text: "'{0}' is not valid UTF-8 (byte offset {1})" },
  OutputUnwritable: { code: 5006, severity: "error", text: "cannot write '{0}': {1}" },
  DuplicateOutput: { code: 5007, severity: "error", text: "'{1}' and '{2}' would both be built into '{0}'" },
  SourceUndecodable: { code: 5008, severity: "error", text: "cannot decode '{0}' as {1} (its coding declaration): {2}" },

  CCompilerFailed: {
    code: 5010,
    severity: "error",
    text: "C compiler failed while building module '{0}' ({1}); command: {2}",
  },
  CCompilerNotFound: { code: 5011, severity: "error", text: "C compiler '{0}' not found: {1}" },
  PythonHeadersMissing: {
    code: 5012,
    severity: "error",
    text: "Python.h not found in '{0}': install the C headers of Python {1} ('{2}'), e.g. 'apt install python{1}-dev' or 'apt install python3-dev' on Debian/Ubuntu, 'dnf install python3-devel' on Fedora",
  },

  PythonNotFound: { code: 5020, severity: "error", text: "python interpreter '{0}' not found or not runnable: {1}" },
  PythonUnsupportedVersion: {
    code: 5021,
    severity: "error",
    text: "python interpreter '{0}' is version {1}; spyc needs CPython 3.11, 3.12 or 3.13",
  },
  PythonNotCPython: {
    code: 5022,
    severity: "error",
    text: "python interpreter '{0}' is {1}; spyc builds extensions for CPython only",
  },
  PythonProbeFailed: { code: 5023, severity: "error", text: "could not query python interpreter '{0}': {1}" },
  SyntaxCheckFailed: { code: 5024, severity: "error", text: "syntax check with '{0}' failed: {1}" },

  // -- 9xxx: internal.
  InternalError: { code: 9999, severity: "error", text: "internal compiler error: {0}" },
} as const satisfies Record<string, MessageDef>;

export type MsgKey = keyof typeof Msg;

/** `PYC0042` style: always 4 digits so codes sort and grep cleanly. */
export function formatCode(code: number): string {
  return `PYC${String(code).padStart(4, "0")}`;
}

// Running spyc extensions built with `spyc build --sanitize=address,undefined` (issue 13 item 2).
//
// An ASan-instrumented extension loads into the (uninstrumented) CPython only with the ASan
// runtime preloaded; CPython's own allocations that live until exit are not leaks of ours, so
// leak detection is off. UBSan is built with -fno-sanitize-recover (src/driver/sanitize.ts): the
// first report aborts. Any report on stderr fails the run (`sanitizerReport`).
import { execFileSync } from "node:child_process";

let libasan: string | undefined;

/** The path of gcc's libasan.so (`gcc -print-file-name=libasan.so`). */
export function libasanPath(): string {
  if (libasan === undefined) {
    libasan = execFileSync(process.env.CC?.split(/\s+/).pop() || "gcc", ["-print-file-name=libasan.so"], { encoding: "utf8" }).trim();
  }
  return libasan;
}

/** `env` plus what a python needs to import instrumented extensions. */
export function sanitizedEnv(env: NodeJS.ProcessEnv, sanitize: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  if (sanitize.split(",").includes("address")) {
    out.LD_PRELOAD = libasanPath();
    // abort_on_error: a report ends the process at once (the harness also scans stderr)
    out.ASAN_OPTIONS = "detect_leaks=0:abort_on_error=1:allocator_may_return_null=1:handle_segv=1";
  }
  out.UBSAN_OPTIONS = "print_stacktrace=1:halt_on_error=1";
  return out;
}

const REPORT = /(ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error: |SUMMARY: (Address|UndefinedBehavior)Sanitizer)/;

/** The sanitizer report in a process's stderr (from its first line), or null. */
export function sanitizerReport(stderr: string): string | null {
  const m = REPORT.exec(stderr);
  if (!m) return null;
  const start = stderr.lastIndexOf("\n", m.index) + 1;
  return stderr.slice(Math.max(0, start - 200), start + 4000);
}

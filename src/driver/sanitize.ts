/**
 * `spyc build --sanitize=address,undefined`: instrumented extensions (issue 13). The flags go to
 * every compile and link step, the runtime object included (BuildRequest.extraFlags), so they are
 * part of every build-cache key.
 *
 * Loading an ASan-instrumented extension into an uninstrumented python needs the ASan runtime
 * first in the process and leak detection off (CPython itself does not free everything at exit):
 *
 *     LD_PRELOAD=$(gcc -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 python3 -c 'import m'
 *
 * UBSan reports are fatal (-fno-sanitize-recover): the first one aborts the process with its
 * report on stderr. (-fwrapv stays on: the generated overflow checks rely on defined wrap-around,
 * so signed overflow is not undefined behaviour in spyc's C.)
 */
export const SANITIZERS = ["address", "undefined"] as const;
export type Sanitizer = (typeof SANITIZERS)[number];

/** Parses the value of --sanitize=LIST; an error message for an unknown or empty list. */
export function parseSanitize(list: string): Sanitizer[] | string {
  const kinds = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (kinds.length === 0) return "--sanitize needs a list: address, undefined";
  for (const k of kinds) if (!(SANITIZERS as readonly string[]).includes(k)) return `unknown sanitizer '${k}' (choose from ${SANITIZERS.join(", ")})`;
  return [...new Set(kinds)] as Sanitizer[];
}

/** The C compiler flags for the sanitizers (none for an empty list). */
export function sanitizeFlags(kinds: readonly Sanitizer[] | undefined): string[] {
  if (!kinds || kinds.length === 0) return [];
  const flags = [`-fsanitize=${kinds.join(",")}`, "-fno-omit-frame-pointer", "-g"];
  if (kinds.includes("undefined")) flags.push("-fno-sanitize-recover=undefined");
  return flags;
}

/**
 * SPYC_TIME=1: a breakdown of one `spyc build` on stderr (issue 11), one line per event:
 *   spyc-time   123.4 ms  cpu   150.2 ms  <what>
 * times in ms since the node process started (so module loading shows too), and the CPU time
 * of the node process so far (user+sys, all its threads: steadier than wall time on a loaded
 * machine). Off: no cost.
 */
const on = process.env["SPYC_TIME"] === "1";

export function mark(what: string): void {
  if (!on) return;
  const cpu = process.cpuUsage();
  process.stderr.write(`spyc-time ${performance.now().toFixed(1).padStart(8)} ms  cpu ${((cpu.user + cpu.system) / 1000).toFixed(1).padStart(7)} ms  ${what}\n`);
}

/** `p`, with its start and end marked */
export function timed<T>(what: string, p: () => Promise<T>): Promise<T> {
  if (!on) return p();
  mark(`${what} start`);
  return p().finally(() => mark(`${what} end`));
}

/**
 * The live progress display on stderr. On a terminal each step owns one line that is rewritten
 * in place while the step runs and stays as a record when it ends; elsewhere (CI logs, pipes)
 * each step prints one plain line when it ends, so logs do not fill with carriage returns.
 */
export interface ProgressSink {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export class Progress {
  private readonly t0 = performance.now();
  constructor(private readonly out: ProgressSink, private readonly tty = out.isTTY === true) {}

  step(label: string): Step {
    return new Step(this.out, this.tty, label, this.t0);
  }

  /** A line outside any step (peer detection, where the reports went). */
  note(text: string): void {
    this.out.write(`${text}\n`);
  }
}

export class Step {
  private done_ = false;
  constructor(private readonly out: ProgressSink, private readonly tty: boolean, private readonly label: string, private readonly t0: number) {
    this.update("…");
  }

  update(text: string): void {
    if (this.done_ || !this.tty) return;
    // \r + erase line: rewrite this step's line; cut to the terminal width so it never wraps
    const cols = (this.out as { columns?: number }).columns ?? 0;
    const width = cols >= 20 ? cols : 100; // a pty without a size reports 0 columns
    this.out.write(`\r\x1b[2K${this.line(text).slice(0, width - 1)}`);
  }

  done(text: string): void {
    if (this.done_) return;
    this.done_ = true;
    this.out.write(`${this.tty ? "\r\x1b[2K" : ""}${this.line(text)}\n`);
  }

  private line(text: string): string {
    const t = ((performance.now() - this.t0) / 1000).toFixed(0).padStart(4);
    return `[${t}s] ${this.label}: ${text}`;
  }
}

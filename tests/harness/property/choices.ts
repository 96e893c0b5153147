// A stream of choices, read by the function generator (Hypothesis-style "choice sequence").
//
// Why not a tree of fast-check combinators: a generated function needs an environment (which
// locals exist with which type, bit-size bounds so big ints stay cheap, loop nesting), which is
// awkward to thread through declarative arbitraries. Instead fast-check generates a plain
// array of numbers and `genFunc` interprets it. fast-check's own shrinker then works on that
// array (shorter, smaller), and because every pick maps 0 to its simplest option and an
// exhausted stream reads as 0s, a shrunk array means a simpler function.

export class Choices {
  private pos = 0;
  constructor(private readonly xs: readonly number[]) {}

  private next(): number {
    return this.pos < this.xs.length ? this.xs[this.pos++]! : 0;
  }

  /** 0 <= result < n */
  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }

  /** an index into `weights`, drawn proportionally; index 0 must be the simplest option */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.below(total);
    for (let i = 0; i < weights.length; i++) {
      if (r < weights[i]!) return i;
      r -= weights[i]!;
    }
    return 0;
  }

  /** true with probability `pct`/100; a 0 choice is always false (the simpler program) */
  chance(pct: number): boolean {
    return this.below(100) >= 100 - pct;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}

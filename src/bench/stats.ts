/** Small statistics used by the runner and the reports. */

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Geometric mean: the right average for ratios (2x and 0.5x average to 1x). */
export function geomean(xs: readonly number[]): number | null {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return null;
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** "12.3x", "0.87x", "105x": three significant digits at most, never scientific notation. */
export function formatRatio(x: number): string {
  if (x >= 100) return `${Math.round(x)}x`;
  if (x >= 10) return `${x.toFixed(1)}x`;
  return `${x.toFixed(2)}x`;
}

export function formatMs(seconds: number): string {
  const ms = seconds * 1000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

// One numbers formatter for every human-readable part (runbook md and html), so both say the same digits.

/** Milliseconds: up to 3 significant decimals, trailing zeros dropped ("12.5 ms"). */
export function fmtMs(ms: number): string {
  return `${fmtNum(ms)} ms`;
}

/** Plain number: at most 4 decimals, no trailing zeros, no exponent for ordinary magnitudes. */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  // Tiny numbers (tolerances) keep their exact digits: JS prints 1e-5 as 0.00001 and 1e-7 as 1e-7.
  if (x !== 0 && Math.abs(x) < 1e-4) return String(x);
  return String(Number(x.toFixed(4)));
}

/** Share as a percentage ("3.5%"), at most 2 decimals. */
export function fmtPct(share: number): string {
  return `${String(Number((share * 100).toFixed(2)))}%`;
}

export function fmtBytes(b: number): string {
  if (b >= 1024 ** 3) return `${fmtNum(b / 1024 ** 3)} GiB`;
  if (b >= 1024 ** 2) return `${fmtNum(b / 1024 ** 2)} MiB`;
  if (b >= 1024) return `${fmtNum(b / 1024)} KiB`;
  return `${b} B`;
}

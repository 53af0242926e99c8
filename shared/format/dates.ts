// The one way Preflight writes a point in time: ISO 8601 with the UTC offset of the reader's clock,
// to the second: 2026-12-03T23:04:05+01:00 (UTC itself as +00:00, so every time has the same shape). Unambiguous across time zones, sortable as text.

/** `value` (an ISO string, a Date or epoch milliseconds) in the local zone; invalid input is returned as given. */
export function formatDateTime(value: string | number | Date, offsetMinutes?: number): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const off = offsetMinutes ?? -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local}${off >= 0 ? '+' : '-'}${pad(off / 60)}:${pad(Math.abs(off) % 60)}`;
}

// Sorting a list by one of its columns: numbers by value, dates by time, names the way people read
// them ("model-2" before "model-10", any case). Missing values go last in either direction.

export type SortValue = number | string | null | undefined;
export type SortDirection = 'ascending' | 'descending';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

const missing = (v: SortValue) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** A stable sort of `rows` by `value`; ties keep the list's own order. */
export function sortRows<T>(rows: T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      const mx = missing(x.v);
      const my = missing(y.v);
      if (mx || my) return mx === my ? x.i - y.i : mx ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** An ISO time as a number to sort on (text comparison breaks across time zones). */
export const byTime = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
